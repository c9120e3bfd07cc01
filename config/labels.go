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
	Table     string // names a table's scrolling box for screen readers
	Landmarks string // heading of the EPUB's landmarks list
	Start     string // the bodymatter landmark
	Back      string // a footnote's link back to the text, for screen readers
	Letters   string // label of the index's letter bar
	Summary   string // the EPUB's accessibility summary
	AllAlt    string // added to Summary when every image has alt text
	// NoAlt is added to Summary when some image lacks alt text.
	NoAlt string
	// PrintPages is added to Summary when the page list is there.
	PrintPages string
	// Parts is added to Summary when passages in other languages are
	// marked.
	Parts    string
	PageList string // heading of the EPUB's list of printed pages
	Imprint  string // heading of the imprint page
	Edition  string // the print edition: in the EPUB's dc:source, after its ISBN
	EBook    string // the e-book edition, after its ISBN
}

var labels = map[string]Labels{
	"de": {Contents: "Inhalt", Index: "Index", SeeAlso: "Siehe auch", Page: "S.", Footnotes: "Anmerkungen",
		Cover: "Umschlag", TitlePage: "Titelseite", Figure: "Abbildung", Table: "Tabelle",
		Landmarks: "Orientierungspunkte", Start: "Beginn des Inhalts", Back: "Zurück zum Text", Letters: "Buchstaben",
		Summary:    "Glossar mit Inhaltsverzeichnis, Querverweisen als Links und alphabetischem Index.",
		AllAlt:     " Alle Abbildungen haben einen Alternativtext.",
		NoAlt:      " Nicht jede Abbildung ist mit Text beschrieben.",
		PrintPages: " Die Seitenzahlen der gedruckten Ausgabe sind als Seitenliste enthalten.",
		Parts:      " Wörter und Abschnitte in anderen Sprachen sind als solche ausgezeichnet.",
		PageList:   "Seitenliste", Imprint: "Impressum",
		Edition: "Druckausgabe", EBook: "E-Book"},
	"en": {Contents: "Contents", Index: "Index", SeeAlso: "See also", Page: "p.", Footnotes: "Notes",
		Cover: "Cover", TitlePage: "Title page", Figure: "Figure", Table: "Table",
		Landmarks: "Landmarks", Start: "Start of content", Back: "Back to text", Letters: "Letters",
		Summary:    "Glossary with a table of contents, cross-references as links and an alphabetical index.",
		AllAlt:     " All images have alternative text.",
		NoAlt:      " Not every image is described in text.",
		PrintPages: " The page numbers of the printed edition are included as a page list.",
		Parts:      " Words and passages in other languages are marked as such.",
		PageList:   "Page list", Imprint: "Imprint",
		Edition: "Print edition", EBook: "e-book"},
}

// Labels returns the labels for the book's language, English where bookc
// has none for it.
func (b *Book) Labels() Labels {
	if l, ok := labels[BaseLanguage(b.Language)]; ok {
		return l
	}
	return labels["en"]
}

// BaseLanguage returns the language subtag of a BCP 47 tag, lower case:
// "de" of "de-AT" or "de_AT".
func BaseLanguage(tag string) string {
	for i, c := range tag {
		if c == '-' || c == '_' {
			return strings.ToLower(tag[:i])
		}
	}
	return strings.ToLower(tag)
}
