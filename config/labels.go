package config

import (
	"fmt"
	"strings"
	"time"
)

// The languages bookc knows: the words it writes into a book and the
// hyphenation patterns of its text. Another language gets the English
// words and no hyphenation, with a warning (see check in values.go).

// langInfo is what bookc knows of one language.
type langInfo struct {
	labels Labels
	// patterns names the hyphenation file the PDF uses (see
	// backends/pdf/hyph); Swiss and Austrian German use the German one.
	patterns string
}

var languages = map[string]langInfo{
	"de": {labels: labels["de"], patterns: "hyph-de-1996.tex"},
	"en": {labels: labels["en"], patterns: "hyphen.tex"},
}

// Supported lists the language tags bookc has words and patterns for.
const Supported = "de, de-AT, de-CH, en"

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
	Months   [12]string
	// DayFirst writes dates as "1. November 2026", else "November 1, 2026".
	DayFirst bool
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
		Edition: "Druckausgabe", EBook: "E-Book", DayFirst: true,
		Months: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
			"September", "Oktober", "November", "Dezember"}},
	"en": {Contents: "Contents", Index: "Index", SeeAlso: "See also", Page: "p.", Footnotes: "Notes",
		Cover: "Cover", TitlePage: "Title page", Figure: "Figure", Table: "Table",
		Landmarks: "Landmarks", Start: "Start of content", Back: "Back to text", Letters: "Letters",
		Summary:    "Glossary with a table of contents, cross-references as links and an alphabetical index.",
		AllAlt:     " All images have alternative text.",
		NoAlt:      " Not every image is described in text.",
		PrintPages: " The page numbers of the printed edition are included as a page list.",
		Parts:      " Words and passages in other languages are marked as such.",
		PageList:   "Page list", Imprint: "Imprint",
		Edition: "Print edition", EBook: "e-book",
		Months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August",
			"September", "October", "November", "December"}},
}

// Labels returns the labels for the book's language, English where bookc
// has none for it. Austrian German says "Jänner"; Swiss German writes
// "ss" for "ß".
func (b *Book) Labels() Labels {
	lang, ok := languages[BaseLanguage(b.Language)]
	if !ok {
		return labels["en"]
	}
	l := lang.labels
	switch region(b.Language) {
	case "AT":
		if BaseLanguage(b.Language) == "de" {
			l.Months[0] = "Jänner"
		}
	case "CH":
		if BaseLanguage(b.Language) == "de" {
			l = l.mapped(strings.NewReplacer("ß", "ss").Replace)
		}
	}
	return l
}

// Hyphenation names the hyphenation patterns for the book's language, or
// "" when bookc has none: the text is then not hyphenated.
func (b *Book) Hyphenation() string { return Hyphenation(b.Language) }

// Hyphenation names the hyphenation patterns for a language tag (a
// passage's {lang=..}), or "" when bookc has none.
func Hyphenation(lang string) string { return languages[BaseLanguage(lang)].patterns }

// supported reports whether bookc knows the book's language.
func (b *Book) supported() bool {
	_, ok := languages[BaseLanguage(b.Language)]
	return ok
}

// Date writes t as the language writes dates.
func (l Labels) Date(t time.Time) string {
	if l.DayFirst {
		return fmt.Sprintf("%d. %s %d", t.Day(), l.Months[t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%s %d, %d", l.Months[t.Month()-1], t.Day(), t.Year())
}

// mapped returns l with f applied to every word.
func (l Labels) mapped(f func(string) string) Labels {
	for _, p := range []*string{&l.Contents, &l.Index, &l.SeeAlso, &l.Page, &l.Footnotes, &l.Cover, &l.TitlePage,
		&l.Figure, &l.Table, &l.Landmarks, &l.Start, &l.Back, &l.Letters, &l.Summary, &l.AllAlt, &l.NoAlt,
		&l.PrintPages, &l.Parts, &l.PageList, &l.Imprint, &l.Edition, &l.EBook} {
		*p = f(*p)
	}
	for i := range l.Months {
		l.Months[i] = f(l.Months[i])
	}
	return l
}

// region returns the region subtag of a BCP 47 tag, upper case: "AT" of
// "de-AT" or "de_at"; "" when there is none.
func region(tag string) string {
	parts := strings.FieldsFunc(tag, func(r rune) bool { return r == '-' || r == '_' })
	for i, part := range parts {
		if i > 0 && len(part) == 2 {
			return strings.ToUpper(part)
		}
	}
	return ""
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
