package layout

import (
	"unicode/utf8"

	"bookc/backends/pdf/linebreak"
)

// Character protrusion: punctuation, hyphens and quotes at the edges of
// a justified line hang into the margin by part of their width, so that
// the edges look straight (the optical margin alignment of pdfTeX's
// microtype, whose default factors for Latin text these follow). The
// line breaker counts the hang when it rates a line.

// hangRight is the fraction of a character's width it hangs into the
// right margin at a line end.
var hangRight = map[rune]float32{
	'.': 0.7, ',': 0.7, '-': 0.7, '\u2010': 0.7, ':': 0.5, ';': 0.5, '!': 0.2, '?': 0.2,
	'\u201C': 0.7, '\u201D': 0.7, '\u2019': 0.7, '\u2018': 0.7, '"': 0.5, '\'': 0.7,
	'\u00AB': 0.5, '\u00BB': 0.5, '\u2039': 0.5, '\u203A': 0.5,
	'\u2013': 0.5, '\u2014': 0.3, ')': 0.05, ']': 0.05, '\u2026': 0.3,
}

// hangLeft is the fraction of a character's width it hangs into the
// left margin at a line start.
var hangLeft = map[rune]float32{
	'\u201E': 0.7, '\u201A': 0.7, '\u201C': 0.7, '\u2018': 0.7, '"': 0.5, '\'': 0.7,
	'\u00AB': 0.5, '\u00BB': 0.5, '\u2039': 0.5, '\u203A': 0.5, '(': 0.05, '[': 0.05,
	'\u2013': 0.5, '\u2014': 0.3,
}

// protrude sets how far the boxes and hyphens of a paragraph's items
// may hang into the margins.
func protrude(e *engine, items []linebreak.Item) {
	for i := range items {
		it := &items[i]
		switch {
		case it.Kind == linebreak.KindBox && it.Text != "":
			first, n := utf8.DecodeRuneInString(it.Text)
			if f, ok := hangLeft[first]; ok {
				it.HangL = f * float32(e.textWidth(it.Text[:n], it.Style))
			}
			last, m := utf8.DecodeLastRuneInString(it.Text)
			if f, ok := hangRight[last]; ok {
				it.HangR = f * float32(e.textWidth(it.Text[len(it.Text)-m:], it.Style))
			}
		case it.Kind == linebreak.KindPenalty && it.Width > 0:
			it.HangR = hangRight['-'] * float32(it.Width)
		}
	}
}
