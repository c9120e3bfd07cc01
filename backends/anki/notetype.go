package anki

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"html"
	"strconv"
)

// The note type's JSON in the collection's col.models, schema 11. The
// keys are those rslib's NotetypeSchema11, NoteFieldSchema11 and
// CardTemplateSchema11 (rslib/src/notetype/schema11.rs) read without a
// default, plus those genanki writes for older readers.
type noteTypeJSON struct {
	ID        int64          `json:"id"`
	Name      string         `json:"name"`
	Type      int            `json:"type"`
	Mod       int64          `json:"mod"`
	Usn       int            `json:"usn"`
	Sortf     int            `json:"sortf"`
	Did       int64          `json:"did"`
	Tmpls     []templateJSON `json:"tmpls"`
	Flds      []fieldJSON    `json:"flds"`
	CSS       string         `json:"css"`
	LatexPre  string         `json:"latexPre"`
	LatexPost string         `json:"latexPost"`
	Latexsvg  bool           `json:"latexsvg"`
	Req       [][3]any       `json:"req"`
	Tags      []string       `json:"tags"`
	Vers      []any          `json:"vers"`
}

type fieldJSON struct {
	Name   string `json:"name"`
	Ord    int    `json:"ord"`
	Sticky bool   `json:"sticky"`
	Rtl    bool   `json:"rtl"`
	Font   string `json:"font"`
	Size   int    `json:"size"`
	Media  []any  `json:"media"`
}

type templateJSON struct {
	Name  string `json:"name"`
	Ord   int    `json:"ord"`
	Qfmt  string `json:"qfmt"`
	Afmt  string `json:"afmt"`
	Bqfmt string `json:"bqfmt"`
	Bafmt string `json:"bafmt"`
	Did   *int64 `json:"did"`
	Bfont string `json:"bfont"`
	Bsize int    `json:"bsize"`
}

// The fields' order in a note.
const (
	fieldTerm = iota
	fieldDefinition
	fieldReverse
	fieldNotice
	numFields
)

// fields returns the note's fields in the note type's order. The reverse
// field switches the reverse card on; it is a field, not a second note
// type, so that turning anki.reversed on or off keeps the note type's
// schema and Anki keeps updating the notes.
func (n *note) fields(o *options) [numFields]string {
	var f [numFields]string
	f[fieldTerm] = n.front
	f[fieldDefinition] = n.back
	if o.reversed && !n.removed {
		f[fieldReverse] = "y"
	}
	f[fieldNotice] = n.notice
	return f
}

// noteType builds the book's note type: named after the book, fields
// named in its language, a card from term to definition and one back
// that the reverse field switches on.
func noteType(o *options, mod int64) noteTypeJSON {
	w := o.words
	names := [numFields]string{w.term, w.definition, w.reverse, w.notice}
	nt := noteTypeJSON{
		ID: noteTypeID(o.bookID), Name: o.title, Mod: mod, Usn: -1, Did: deckID(o.bookID, o.deck),
		CSS: cardCSS, LatexPre: latexPre, LatexPost: `\end{document}`,
		Tags: []string{}, Vers: []any{},
		Req: [][3]any{{0, "any", []int{fieldTerm}}, {1, "all", []int{fieldDefinition, fieldReverse}}},
	}
	for i, name := range names {
		nt.Flds = append(nt.Flds, fieldJSON{Name: name, Ord: i, Font: "Liberation Serif", Size: 20, Media: []any{}})
	}
	open := `<div class="bookc" lang="` + html.EscapeString(o.lang) + `">`
	notice := "{{#" + w.notice + "}}<div class=\"bookc-notice\">{{" + w.notice + "}}</div>{{/" + w.notice + "}}\n"
	term := `<div class="bookc-term">{{` + w.term + `}}</div>`
	def := `<div class="bookc-def">{{` + w.definition + `}}</div>`
	nt.Tmpls = []templateJSON{
		{Name: w.forward, Ord: 0, Qfmt: open + notice + term + "</div>",
			Afmt: "{{FrontSide}}\n<hr id=\"answer\">\n" + open + def + "</div>"},
		{Name: w.backward, Ord: 1,
			Qfmt: "{{#" + w.reverse + "}}" + open + notice + def + "</div>{{/" + w.reverse + "}}",
			Afmt: "{{FrontSide}}\n<hr id=\"answer\">\n" + open + term + "</div>"},
	}
	return nt
}

const latexPre = `\documentclass[12pt]{article}
\special{papersize=3in,5in}
\usepackage[utf8]{inputenc}
\usepackage{amssymb,amsmath}
\pagestyle{empty}
\setlength{\parindent}{0in}
\begin{document}
`

// noteTypeHash covers what the note type carries apart from its time.
func noteTypeHash(o *options) string {
	nt := noteType(o, 0)
	h := sha256.Sum256(jsonValue(nt))
	return hex.EncodeToString(h[:12])
}

// idFrom derives a positive id below 2^52 (exact in JavaScript numbers)
// and above 2^40 from a hash of the parts.
func idFrom(parts ...string) int64 {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	v := binary.BigEndian.Uint64(h.Sum(nil)[:8])
	return int64(1<<40 + v%(1<<52-1<<40))
}

// noteTypeID is the note type's id: the same book always lands in the
// same note type.
func noteTypeID(bookID string) int64 { return idFrom("bookc notetype", bookID) }

// deckID is a deck's id, from the book and the deck's full name.
func deckID(bookID, name string) int64 { return idFrom("bookc deck", bookID, name) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
