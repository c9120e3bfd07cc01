package config

import "strings"

// Labels are the words bookc itself puts into a book, in its language.
type Labels struct {
	Contents  string // table of contents
	Index     string // the generated index
	SeeAlso   string // the see-also line
	Page      string // abbreviation before a page number: "S. 42"
	Footnotes string
	Cover     string
	TitlePage string
	Figure    string
}

var labels = map[string]Labels{
	"de": {Contents: "Inhalt", Index: "Index", SeeAlso: "Siehe auch", Page: "S.", Footnotes: "Anmerkungen", Cover: "Umschlag", TitlePage: "Titelseite", Figure: "Abbildung"},
	"en": {Contents: "Contents", Index: "Index", SeeAlso: "See also", Page: "p.", Footnotes: "Notes", Cover: "Cover", TitlePage: "Title page", Figure: "Figure"},
}

// Labels returns the labels for the book's language, English where bookc
// has none for it.
func (b *Book) Labels() Labels {
	if l, ok := labels[baseLanguage(b.Language)]; ok {
		return l
	}
	return labels["en"]
}

// baseLanguage returns the language subtag of a BCP 47 tag: "de" of "de-AT".
func baseLanguage(tag string) string {
	for i, c := range tag {
		if c == '-' || c == '_' {
			return strings.ToLower(tag[:i])
		}
	}
	return strings.ToLower(tag)
}
