package draw

import (
	"math"

	"bookc/backends/pdf/page"
)

// textState is where the page's text object stands. All text of a page
// goes into one BT … ET object. Texts on one baseline in one face, size
// and colour, one after the other, share a TJ array: the distance
// between where the glyphs of one end and the next begins becomes a
// number in the array.
type textState struct {
	open   bool  // inside BT … ET
	face   int   // face selected with Tf, -1 for none yet
	size   int64 // its size in thousandths of a point
	scale  int64 // horizontal scaling set with Tz, in thousandths of a per cent; 0 for 100 %
	lx, ly int64 // origin of the current line (set with Td), thousandths

	run   bool    // a TJ array is open
	str   bool    // a literal string in it is open
	y     int64   // baseline of the open array
	pen   float64 // where the viewer's pen stands after its glyphs, in points
	exact bool    // pen is known: the face has every glyph drawn so far
	last  rune    // the last rune drawn in the open array
}

// tjPlaces is the number of decimal places of the numbers in TJ arrays,
// which are in thousandths of the font size: one place keeps every text
// within 1/20000 of the size (a thousandth of a point at 20 pt) of where
// the layout put it, as each number is rounded from the exact distance.
const tjPlaces = 1

// drawTexts places every text run as it is.
func (c *canvas) drawTexts(texts []page.Text) {
	cuts := c.cuts
	for i := range texts {
		if len(cuts) > 0 && cuts[0].index == i {
			for k := range cuts[0].pieces {
				pc := &cuts[0].pieces[k]
				c.drawText(&pc.text, pc.elem)
			}
			cuts = cuts[1:]
			continue
		}
		c.drawText(&texts[i], texts[i].Elem)
	}
	c.endRun()
	if c.text.open {
		c.endMarked()
		c.b = append(c.b, "ET\n"...)
		c.text.open = false
	}
}

// drawText draws t as content of element e.
func (c *canvas) drawText(t *page.Text, e int32) {
	s := t.Text
	plain := t.Size > 0 && c.plain(t.Face, s)
	if !plain {
		s = c.prepare(t)
	}
	if s == "" {
		return
	}
	if c.tagged() && e != c.mark {
		c.switchMarked(t, e)
	}
	c.place(t)
	ts := &c.text
	if plain {
		exact, w := c.plainGlyphs(t.Face, s)
		ts.pen += float64(w) * (float64(ts.size) / 1000) / 1000 * ts.hscale()
		ts.exact = exact
		return
	}
	exact := c.glyphs(t.Face, s)
	ts.pen += c.faces[t.Face].UnkernedWidth(s, float64(ts.size)/1000) * ts.hscale()
	ts.exact = exact
}

// continues reports whether t goes on in the open TJ array: on the same
// baseline, in the same font, size, scaling and colour, after the pen.
func (c *canvas) continues(t *page.Text) bool {
	ts := &c.text
	return ts.run && ts.y == c.y(t.Y) && ts.exact && ts.face == t.Face && ts.size == milli(t.Size) &&
		ts.scale == scaleOf(t) && c.fill == t.Color && t.X > ts.pen-t.Size/2
}

// switchMarked ends the text of one structure element and starts t's,
// which belongs to e. A word space before t stays with the text before
// it, as a space glyph. On the same line the text array is only cut
// for the marks: the pen runs on.
func (c *canvas) switchMarked(t *page.Text, e int32) {
	ts := &c.text
	if ts.run && ts.y == c.y(t.Y) && ts.exact {
		c.space(t.X)
	} else if ts.run && (c.isLink(e) || c.isLink(c.mark)) {
		// A link's text runs on with the text around it.
		c.lineEnd()
	}
	if c.continues(t) {
		c.endString()
		c.b = append(c.b, "]TJ\n"...)
		c.beginMarked(e)
		c.b = append(c.b, '[')
		return
	}
	c.endRun()
	if !ts.open {
		c.endMarked()
		c.b = append(c.b, "BT\n"...)
		ts.open, ts.lx, ts.ly = true, 0, 0
	}
	c.beginMarked(e)
}

// isLink reports whether e is a Link or Span element, which run on
// with the text around them.
func (c *canvas) isLink(e int32) bool { return e > 0 && (c.roles[e] == "Link" || c.roles[e] == "Span") }

// prepare returns the string to draw for t: valid BMP-only UTF-8 with
// ignorable runes removed and substitutes applied as the face measured
// them; "" if there is nothing to draw.
func (c *canvas) prepare(t *page.Text) string {
	if !(t.Size > 0) {
		c.problem("text %q has size %g; skipped", t.Text, t.Size)
		return ""
	}
	s := t.Text
	if needsCare(s) {
		c.problem("text %q is not valid UTF-8 or lies beyond U+FFFF; replaced by U+FFFD", s)
		s = sanitize(s)
	}
	return c.faces[t.Face].Printable(s)
}

// place moves the pen to where t starts: within the open TJ array if t
// continues it, else by a new array at a position set with Td, after
// selecting t's font and colour. A word space before t on the same
// baseline is drawn as a space glyph.
func (c *canvas) place(t *page.Text) {
	ts := &c.text
	size, y := milli(t.Size), c.y(t.Y)
	sameLine := ts.run && ts.y == y
	scale := scaleOf(t)
	if c.continues(t) {
		c.space(t.X)
		c.adjust(t.X)
		return
	}
	if sameLine {
		c.space(t.X)
	} else {
		c.lineEnd()
	}
	c.endRun()
	if !ts.open {
		c.b = append(c.b, "BT\n"...)
		ts.open, ts.lx, ts.ly = true, 0, 0
	}
	if ts.face != t.Face || ts.size != size {
		c.b = append(c.b, c.fontRes[t.Face]...)
		c.b = append(c.b, ' ')
		c.b = appendMilli(c.b, size)
		c.b = append(c.b, " Tf\n"...)
		ts.face, ts.size = t.Face, size
	}
	if ts.scale != scale {
		v := scale
		if v == 0 {
			v = 100000
		}
		c.b = appendMilli(c.b, v)
		c.b = append(c.b, " Tz\n"...)
		ts.scale = scale
	}
	c.setFill(t.Color)
	x := c.x(t.X)
	c.coords(x-ts.lx, y-ts.ly)
	c.b = append(c.b, "Td\n["...)
	ts.lx, ts.ly = x, y
	ts.run, ts.str, ts.y = true, false, y
	ts.pen = float64(x) / 1000
}

// adjust moves the pen of the open TJ array to x by a number in the
// array, rounded so that the pen lands as near x as the number's places
// allow; rounding errors do not add up along the line.
func (c *canvas) adjust(x float64) {
	ts := &c.text
	size := float64(ts.size) / 1000 * ts.hscale()
	scale := math.Pow10(3 + tjPlaces)
	num := int64(math.Round((ts.pen - x) / size * scale))
	if num == 0 {
		return
	}
	c.endString()
	c.b = appendFixed(c.b, num, tjPlaces)
	ts.pen -= float64(num) / scale * size
}

// glyphs appends the codes of s to the open TJ array and records the
// runes used. It reports whether the face has all of them, that is
// whether their widths are known.
func (c *canvas) glyphs(face int, s string) bool {
	c.startString()
	f, used := c.faces[face], &c.used[face]
	exact := true
	for _, r := range s {
		used.add(r)
		g, mapped := f.GlyphOf(r)
		if !mapped {
			c.noteMissing(face, r)
			exact = false
		}
		c.b = appendCode(c.b, g)
		c.text.last = r
	}
	return exact
}

// space appends a space glyph to the open TJ array if x lies a word
// space beyond the pen, that is at least half the width of a space. Text
// extraction then finds the words' boundaries without having to guess
// them from the distances.
func (c *canvas) space(x float64) {
	ts := &c.text
	w := c.spaceWidth[ts.face] * float64(ts.size) / 1000 * ts.hscale()
	if w == 0 || x-ts.pen < w/2 {
		return
	}
	c.startString()
	c.b = appendCode(c.b, c.faces[ts.face].Glyph(' '))
	c.used[ts.face].add(' ')
	ts.pen += w
	ts.last = ' '
}

// lineEnd ends a line of a tagged page with a space glyph, so that the
// text of the structure elements, which runs on from line to line, keeps
// its word boundaries; not after a hyphen, which joins the word to the
// next line. The space goes beyond the line's end and is not seen.
func (c *canvas) lineEnd() {
	ts := &c.text
	if !c.tagged() || !ts.run || c.spaceWidth[ts.face] == 0 {
		return
	}
	switch ts.last {
	case '-', '\u2010', '\u2011', '/', ' ':
		return
	}
	c.startString()
	c.b = appendCode(c.b, c.faces[ts.face].Glyph(' '))
	c.used[ts.face].add(' ')
	ts.pen += c.spaceWidth[ts.face] * float64(ts.size) / 1000 * ts.hscale()
	ts.last = ' '
}

// startString opens a string in the open TJ array unless one is open.
func (c *canvas) startString() {
	if !c.text.str {
		c.b = append(c.b, '(')
		c.text.str = true
	}
}

// endString closes the open string, if any.
func (c *canvas) endString() {
	if c.text.str {
		c.b = append(c.b, ')')
		c.text.str = false
	}
}

// endRun closes the open TJ array, if any.
func (c *canvas) endRun() {
	ts := &c.text
	c.endString()
	if ts.run {
		c.b = append(c.b, "]TJ\n"...)
		ts.run = false
	}
}

// noteMissing counts a rune drawn with a face that lacks it.
func (c *canvas) noteMissing(face int, r rune) {
	c.misses++
	k := missingKey{face, r}
	m := c.missing[k]
	if m == nil {
		m = &missingRune{first: c.pageNo}
		c.missing[k] = m
	}
	m.count++
}

// scaleOf is the horizontal scaling of t for Tz, in thousandths of a
// per cent, rounded; 0 for none.
func scaleOf(t *page.Text) int64 {
	if t.HScale == 0 || t.HScale == 1 {
		return 0
	}
	v := int64(math.Round(t.HScale * 100000))
	if v == 100000 {
		return 0
	}
	return v
}

// hscale is the horizontal scaling in force, as a factor.
func (ts *textState) hscale() float64 {
	if ts.scale == 0 {
		return 1
	}
	return float64(ts.scale) / 100000
}
