package layout

import (
	"bookc/backends/pdf/page"
	"bookc/fonts"
)

// appendText appends s, set in style st from x, as frags: one per face
// (glyph fallback) and, inside a face, one per kerned piece, so that the
// drawn text matches the kerned width the line breaker measured.
func (e *engine) appendText(dst []frag, x, y float64, st int, s string) []frag {
	return e.appendScaled(dst, x, y, st, s, 1)
}

// appendScaled is appendText for text whose glyphs are drawn hs times
// their width (an expanded line).
func (e *engine) appendScaled(dst []frag, x, y float64, st int, s string, hs float64) []frag {
	sty := &e.styles[st]
	size := sty.size * hs
	if sty.cover.has(s) {
		if sty.face.Width(s, sty.size) == sty.face.UnkernedWidth(s, sty.size) {
			return append(dst, frag{x: x, y: y, face: sty.fidx, st: int16(st), text: s})
		}
		return appendKerned(dst, x, y, sty.face, sty.fidx, st, size, s)
	}
	for _, seg := range e.set.Segments(sty.face, s) {
		if seg.Missing {
			continue
		}
		dst = appendKerned(dst, x, y, seg.Face, e.faceIndex(seg.Face), st, size, seg.Text)
		x += seg.Face.Width(seg.Text, size)
	}
	return dst
}

// faceIndex returns the index of f in the document's faces.
func (e *engine) faceIndex(f *fonts.Face) int16 {
	for i, g := range e.faces {
		if g == f {
			return int16(i)
		}
	}
	return 0
}

// appendKerned splits s, set in face f at size (that of style st, or
// that times the horizontal scale of an expanded line), where a kerning
// pair applies and appends the pieces at their kerned positions. Pairs with a space are not kerned:
// spaces are glue, measured apart from the words.
func appendKerned(dst []frag, x, y float64, f *fonts.Face, fi int16, st int, size float64, s string) []frag {
	if s == "" {
		return dst
	}
	if f.Width(s, size) == f.UnkernedWidth(s, size) {
		return append(dst, frag{x: x, y: y, face: fi, st: int16(st), text: f.Printable(s)})
	}
	return splitKerned(dst, x, y, f, fi, st, size, s)
}

// splitKerned appends s, which kerning changes, in pieces split at the
// kerning pairs.
func splitKerned(dst []frag, x, y float64, f *fonts.Face, fi int16, st int, size float64, s string) []frag {
	upm := float64(f.UnitsPerEm())
	start, prev := 0, rune(-1)
	for i, r := range s {
		if fonts.Ignorable(r) {
			continue
		}
		if prev >= 0 && prev != ' ' && r != ' ' {
			if k := f.Kern(prev, r); k != 0 {
				piece := s[start:i]
				dst = append(dst, frag{x: x, y: y, face: fi, st: int16(st), text: f.Printable(piece)})
				x += f.UnkernedWidth(piece, size) + float64(k)*size/upm
				start = i
			}
		}
		prev = r
	}
	return append(dst, frag{x: x, y: y, face: fi, st: int16(st), text: f.Printable(s[start:])})
}

// textWidth measures s in style st, as the line breaker does.
func (e *engine) textWidth(s string, st int) float64 { return e.m.Width(s, st) }

// grey is the colour of code backgrounds.
var grey = page.Color{R: 0xEE, G: 0xEE, B: 0xEE}

// ruleColor is the colour of thin rules.
var ruleColor = page.Color{R: 0x55, G: 0x55, B: 0x55}
