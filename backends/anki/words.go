package anki

import "bookc/config"

// words are the names and texts the cards and the note type use, in the
// book's language.
type words struct {
	// stockBasic is Anki's stock two-field note type in a collection
	// created in this language; the CSV names it.
	stockBasic string
	// fields of the book's note type: term, definition, the switch for
	// the reverse card, and the notice on removed terms.
	term, definition, reverse, notice string
	// forward and backward name the card templates.
	forward, backward string
	letter            string // parent tag of the letter groups
	removedTag        string // tag of notes whose term left the book
	removedLine       string // the notice on such a note; %s is the book's title
	removedBack       string // the back of such a note
	noBack            string // the back of a term without text
}

var wordTable = map[string]words{
	"de": {
		stockBasic: "Einfach",
		term:       "Begriff", definition: "Definition", reverse: "Umgekehrt", notice: "Hinweis",
		forward: "Begriff → Definition", backward: "Definition → Begriff",
		letter: "Buchstabe", removedTag: "bookc::entfernt",
		removedLine: "Dieser Begriff steht nicht mehr in „%s“.",
		removedBack: "Der Eintrag wurde aus dem Buch entfernt.",
		noBack:      "(Noch keine Erklärung.)",
	},
	"en": {
		stockBasic: "Basic",
		term:       "Term", definition: "Definition", reverse: "Reverse", notice: "Notice",
		forward: "Term → Definition", backward: "Definition → Term",
		letter: "Letter", removedTag: "bookc::removed",
		removedLine: "This term is no longer in “%s”.",
		removedBack: "The entry was removed from the book.",
		noBack:      "(No explanation yet.)",
	},
}

// wordsFor returns the words of the book's language, English where bookc
// has none for it.
func wordsFor(lang string) words {
	if w, ok := wordTable[config.BaseLanguage(lang)]; ok {
		return w
	}
	return wordTable["en"]
}
