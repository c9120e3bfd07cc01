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
func hangRight(r rune) float64 {
	switch r {
	case '.', ',', '-', '\u2010', '\u201C', '\u201D', '\u2019', '\u2018', '\'':
		return 0.7
	case ':', ';', '"', '\u00AB', '\u00BB', '\u2039', '\u203A', '\u2013':
		return 0.5
	case '\u2014', '\u2026':
		return 0.3
	case '!', '?':
		return 0.2
	case ')', ']':
		return 0.05
	}
	return 0
}

// hangLeft is the fraction of a character's width it hangs into the
// left margin at a line start.
func hangLeft(r rune) float64 {
	switch r {
	case '\u201E', '\u201A', '\u201C', '\u2018', '\'':
		return 0.7
	case '"', '\u00AB', '\u00BB', '\u2039', '\u203A', '\u2013':
		return 0.5
	case '\u2014':
		return 0.3
	case '(', '[':
		return 0.05
	}
	return 0
}

// protrude sets how far the boxes and hyphens of a paragraph's items
// may hang into the margins.
func protrude(e *engine, items []linebreak.Item) {
	for i := range items {
		it := &items[i]
		switch {
		case it.Kind == linebreak.KindBox && it.Text != "":
			first, n := utf8.DecodeRuneInString(it.Text)
			if f := hangLeft(first); f > 0 {
				it.HangL = linebreak.Hang(f * e.textWidth(it.Text[:n], it.Style))
			}
			last, m := utf8.DecodeLastRuneInString(it.Text)
			if f := hangRight(last); f > 0 {
				it.HangR = linebreak.Hang(f * e.textWidth(it.Text[len(it.Text)-m:], it.Style))
			}
		case it.Kind == linebreak.KindPenalty && it.Width > 0:
			it.HangR = linebreak.Hang(hangRight('-') * it.Width)
		}
	}
}
