package epub

import (
	"regexp"
	"strings"

	"bookc/config"
)

// words are the generated texts the EPUB needs beyond config.Labels: the
// navigation's titles and the accessibility summary.
type words struct {
	config.Labels
	Landmarks string // heading of the landmarks list
	Start     string // the bodymatter landmark
	Back      string // the footnote back link, for screen readers
	Letters   string // label of the index's letter bar
	Summary   string // schema:accessibilitySummary
	AllAlt    string // added to Summary when every image has alt text
}

var extraWords = map[string]words{
	"de": {
		Landmarks: "Orientierungspunkte", Start: "Beginn des Inhalts",
		Back: "Zurück zum Text", Letters: "Buchstaben",
		Summary: "Glossar mit Inhaltsverzeichnis, Querverweisen als Links und alphabetischem Index.",
		AllAlt:  " Alle Abbildungen haben einen Alternativtext.",
	},
	"en": {
		Landmarks: "Landmarks", Start: "Start of content",
		Back: "Back to text", Letters: "Letters",
		Summary: "Glossary with a table of contents, cross-references as links and an alphabetical index.",
		AllAlt:  " All images have alternative text.",
	},
}

// wordsFor returns the words for the book's language, English where this
// package has none.
func wordsFor(cfg *config.Book) words {
	w, ok := extraWords[baseLang(cfg.Language)]
	if !ok {
		w = extraWords["en"]
	}
	w.Labels = cfg.Labels()
	return w
}

func baseLang(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// langOf returns the book's language as a BCP 47 tag fit for lang and
// xml:lang ("de_AT" becomes "de-AT"), and whether it had to be replaced.
func langOf(cfg *config.Book) (string, bool) {
	tag := strings.ReplaceAll(strings.TrimSpace(cfg.Language), "_", "-")
	if langTag.MatchString(tag) {
		return tag, true
	}
	return "und", false
}
