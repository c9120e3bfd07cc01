package layout

import (
	"math"

	"bookc/ast"
	"bookc/backends/pdf/linebreak"
)

// lineFrags appends the frags of one broken line to fr, for box bx: it
// walks the line's items, placing boxes at their set positions, and
// returns where the visible material ends. Words of one style that stand
// a natural space apart are drawn as one text; justified spaces separate
// texts.
func (eb *entryBuilder) lineFrags(fr []frag, bx *vbox, items []linebreak.Item, ln linebreak.Line, meta []runMeta, x0 float64) ([]frag, float64) {
	e := eb.e
	hs := 1 + ln.Expand
	bx.hscale = float32(hs)
	pend := textRun{text: borrow(&eb.w.pend), hs: hs}
	x0 -= ln.HangL
	x, end := x0, x0
	for i := ln.Start; i < ln.End && i < len(items); i++ {
		it := &items[i]
		switch it.Kind {
		case linebreak.KindGlue:
			x += linebreak.GlueWidth(*it, ln)
		case linebreak.KindBox:
			fr = eb.word(fr, bx, &pend, it, &meta[it.Payload], x)
			x += it.Width * hs
			end = x
		}
	}
	fr = pend.flush(e, &eb.w.texts, fr)
	eb.w.pend = pend.text[:0]
	if ln.Hyphen && ln.End < len(items) {
		h := &items[ln.End]
		sty := &e.styles[h.Style]
		fr = e.appendScaled(fr, end, -sty.rise, h.Style, h.Text, hs)
		if m := &meta[h.Payload]; m.dest != "" || m.url != "" {
			linkArea(bx, m, end, h.Width*hs, sty)
		}
		end += h.Width * hs
	}
	return fr, end - ln.HangR
}

// word places one box of a line, appending to fr what is complete.
func (eb *entryBuilder) word(fr []frag, bx *vbox, pend *textRun, it *linebreak.Item, m *runMeta, x float64) []frag {
	e := eb.e
	sty := &e.styles[it.Style]
	w := it.Width * pend.hs
	switch {
	case m.dyn != 0 || m.note != nil:
		fr = pend.flush(e, &eb.w.texts, fr)
		fr = append(fr, frag{x: x, y: -sty.rise, face: sty.fidx, st: int16(it.Style),
			text: it.Text, fill: &fillIn{dyn: m.dyn, note: m.note}})
	case pend.open && pend.style == it.Style && math.Abs(x-pend.end) < 1e-9:
		pend.text = append(pend.text, it.Text...)
		pend.end = x + w
	case pend.hs == 1 && pend.joins(it.Style, x, sty.space):
		pend.text = append(append(pend.text, ' '), it.Text...)
		pend.end = x + w
	default:
		fr = pend.flush(e, &eb.w.texts, fr)
		*pend = textRun{style: it.Style, x: x, end: x + w, text: append(pend.text[:0], it.Text...), open: true, hs: pend.hs}
	}
	if m.dest != "" || m.url != "" {
		linkArea(bx, m, x, w, &e.styles[styleID(vRegular, sizeOf(it.Style))])
	}
	if m.lang != "" {
		spanArea(eb.extra(bx), bx.base, m.lang, x, w, &e.styles[styleID(vRegular, sizeOf(it.Style))])
	}
	if m.note != nil {
		eb.attachNote(bx, m.note)
	}
	if m.site != nil {
		if x := eb.extra(bx); len(x.sites) == 0 || x.sites[len(x.sites)-1] != m.site {
			x.sites = append(x.sites, m.site)
		}
	}
	return fr
}

// alignLine moves a ragged line's frags fs and links right, to centre it
// or set it flush right in a measure of width w starting at left.
func alignLine(fs []frag, bx *vbox, left, end, w float64, a ast.Align, ragged bool) {
	if !ragged || a == ast.AlignDefault || a == ast.AlignLeft {
		return
	}
	shift := left + w - end
	if a == ast.AlignCenter {
		shift /= 2
	}
	for i := range fs {
		fs[i].x += shift
	}
	for i := range bx.links {
		bx.links[i].X += shift
	}
}

// textRun collects words of one style that are a natural space apart,
// to be drawn as one text.
type textRun struct {
	style  int
	x, end float64
	hs     float64 // the line's horizontal scale
	text   []byte
	open   bool
}

// joins reports whether a word in style st at x continues the run.
func (t *textRun) joins(st int, x, space float64) bool {
	d := x - t.end - space
	return t.open && t.style == st && d < 1e-6 && d > -1e-6
}

// flush appends the run's frags, their text stored in ts, and closes it.
func (t *textRun) flush(e *engine, ts *textSlab, dst []frag) []frag {
	if !t.open {
		return dst
	}
	t.open = false
	sty := &e.styles[t.style]
	s := ts.add(t.text)
	if !sty.cover.has(s) {
		return e.appendScaled(dst, t.x, -sty.rise, t.style, s, t.hs)
	}
	// The words were measured kerned; if that equals the plain advance
	// sum, nothing in them is kerned and one text does. So it does if
	// kerning changes nothing in the joined text, as appendText finds.
	size := sty.size * t.hs
	uw := sty.face.UnkernedWidth(s, size)
	if math.Abs(uw-(t.end-t.x)) < 1e-6 || sty.face.Width(s, size) == uw {
		return append(dst, frag{x: t.x, y: -sty.rise, face: sty.fidx, st: int16(t.style), text: s})
	}
	return splitKerned(dst, t.x, -sty.rise, sty.face, sty.fidx, t.style, size, s)
}
