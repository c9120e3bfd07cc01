package linebreak

import (
	"math"
	"unicode"
	"unicode/utf8"
)

// span is a half-open range of items between two legal breakpoints.
type span struct{ s, e int }

// legalBreak reports whether item i may be a breakpoint in some pass.
func legalBreak(items []Item, i int) bool {
	switch items[i].Kind {
	case KindGlue:
		return i > 0 && items[i-1].Kind == KindBox
	case KindPenalty:
		return items[i].Cost < Infinity
	}
	return false
}

// wideSpans returns the stretches of unbreakable material that, even on
// a line of their own, would be wider than measure.
func wideSpans(items []Item, measure float64) []span {
	var out []span
	for i := 0; i < len(items); {
		s, e, w := i, i, 0.0
		for ; e < len(items) && !legalBreak(items, e); e++ {
			if items[e].Kind != KindPenalty {
				w += items[e].Width
			}
		}
		if e < len(items) && items[e].Kind == KindPenalty {
			w += items[e].Width
		}
		if w > measure+epsilon {
			out = append(out, span{s, e})
		}
		for i = e + 1; i < len(items) && items[i].Kind != KindBox; i++ {
		}
	}
	return out
}

// Fit adds emergency break opportunities to every span of unbreakable
// material in items wider than measure: no-break spaces there become
// breakable, adjacent boxes get a break between them, and boxes that are
// still too wide are cut between characters (boxes without Text are left
// whole; see splitBox). The breaks cost SplitPenalty and draw no hyphen. Items without
// such spans are returned unchanged; otherwise a new slice is returned.
// Build applies Fit with the narrowest measure.
func (b *Builder) Fit(items []Item, measure float64) []Item {
	if measure <= 0 || math.IsInf(measure, 0) || math.IsNaN(measure) {
		return items
	}
	wide := wideSpans(items, measure)
	if len(wide) == 0 {
		return items
	}
	out := make([]Item, 0, len(items)+16)
	prev := 0
	for _, sp := range wide {
		out = append(out, items[prev:sp.s]...)
		out = b.splitSpan(out, items, sp, measure)
		prev = sp.e
	}
	return append(out, items[prev:]...)
}

// splitSpan appends the items of sp with emergency breaks added.
func (b *Builder) splitSpan(out, items []Item, sp span, measure float64) []Item {
	for k := sp.s; k < sp.e; k++ {
		it := items[k]
		switch it.Kind {
		case KindPenalty:
			if it.Cost >= Infinity && k+1 < len(items) && items[k+1].Kind == KindGlue &&
				!infStretch(items[k+1].Stretch) {
				it.Cost, it.Split = b.SplitPenalty, true
			}
			out = append(out, it)
		case KindBox:
			limit := measure
			if k+1 < len(items) && items[k+1].Kind == KindPenalty && items[k+1].Cost < Infinity {
				limit -= items[k+1].Width
			}
			if it.Width > limit+epsilon && it.Text != "" {
				out = b.splitBox(out, it, limit)
			} else {
				out = append(out, it)
			}
			if k+1 < sp.e && items[k+1].Kind == KindBox {
				out = append(out, b.splitPenalty(it))
			}
		default:
			out = append(out, it)
		}
	}
	return out
}

// splitPenalty returns an unflagged emergency break after it.
func (b *Builder) splitPenalty(it Item) Item {
	return Item{Kind: KindPenalty, Cost: b.SplitPenalty, Split: true, Style: it.Style, Payload: it.Payload}
}

// splitBox appends it cut into pieces with emergency breaks between them.
// Within one measure of either end it may break after any character
// cluster, so that it can share its first and last line with the words
// around it; in between it is cut into pieces as wide as measure allows.
// A box of any length thus costs items in proportion to the lines it
// fills, plus two lines' worth of characters, and time linear in its
// length.
func (b *Builder) splitBox(out []Item, it Item, measure float64) []Item {
	text := it.Text
	total := 0.0
	for start := 0; start < len(text); {
		end := clusterEnd(text, start)
		total += b.Measurer.Width(text[start:end], it.Style)
		start = end
	}
	piece := func(from, to int) {
		if from > 0 {
			out = append(out, b.splitPenalty(it))
		}
		c := text[from:to]
		out = append(out, Item{Kind: KindBox, Width: b.Measurer.Width(c, it.Style),
			Text: c, Style: it.Style, Payload: it.Payload})
	}
	done, chunk, from := 0.0, 0.0, 0
	for start := 0; start < len(text); {
		end := clusterEnd(text, start)
		cw := b.Measurer.Width(text[start:end], it.Style)
		fine := done+cw <= measure || total-done <= measure
		switch {
		case fine && from < start:
			piece(from, start) // the end of a middle piece
			piece(start, end)
			from, chunk = end, 0
		case fine:
			piece(start, end)
			from = end
		case chunk+cw > measure && from < start:
			piece(from, start)
			from, chunk = start, cw
		default:
			chunk += cw
		}
		done += cw
		start = end
	}
	if from < len(text) {
		piece(from, len(text))
	}
	return out
}

// zwj is the zero-width joiner.
const zwj = '\u200D'

// clusterEnd returns the end of the character cluster starting at byte
// start: a rune with its combining marks and zero-width-joined successors.
func clusterEnd(text string, start int) int {
	r, size := utf8.DecodeRuneInString(text[start:])
	i := start + size
	joined := r == zwj
	for i < len(text) {
		r, size = utf8.DecodeRuneInString(text[i:])
		if !joined && !unicode.IsMark(r) && r != zwj {
			break
		}
		joined = r == zwj
		i += size
	}
	return i
}
