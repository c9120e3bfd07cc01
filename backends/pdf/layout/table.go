package layout

import (
	"strings"
	"unicode"

	"bookc/ast"
	"bookc/backends/pdf/page"
)

// cellKey names a table cell in the paragraph cache.
type cellKey struct {
	t        *ast.Table
	row, col int
}

// table sets a pipe table: columns as wide as their content allows,
// wrapping cells, a bold header that repeats after a page break, and
// thin rules in the booktabs manner.
func (eb *entryBuilder) table(t *ast.Table, c ctx) {
	ncol := len(t.Align)
	if ncol == 0 {
		return
	}
	e := eb.e
	tc := e.smallCtx()
	tc.ragged = true
	pad := 0.45 * e.styles[styleID(vRegular, tc.text)].size
	all := t.Rows
	if len(t.Head) > 0 {
		all = append([][][]ast.Inline{t.Head}, t.Rows...)
	}
	mins, maxs := eb.columnWidths(all, len(t.Head) > 0, tc, ncol)
	widths := distribute(mins, maxs, e.width(c)-float64(ncol)*2*pad)
	g := &tableGeom{x: c.left, pad: pad, widths: widths, ctx: tc, vpad: 0.3 * tc.lead}
	for _, w := range widths {
		g.total += w + 2*pad
	}
	var run *tableRun
	if len(t.Head) > 0 {
		head := eb.row(t, 0, t.Head, g, true)
		hx := head.extra()
		hx.rules = append(hx.rules, g.rule(0, 0.8), g.rule(head.h, 0.5))
		run = &tableRun{head: head.vbox, headH: head.h}
		eb.push(box(head.h, head.vbox, true))
		head.elem = head.tr
	}
	// A row of fewer than three lines is not left alone at the foot or
	// the top of a page: the first row stays with the second, the last
	// with the one before. A taller row may stand alone, so that a table
	// of a few long rows splits rather than leaving a hole.
	alone := 3 * tc.lead
	var at []int
	var hs []float64
	for i, cells := range t.Rows {
		ri := i + len(t.Head)
		rb := eb.row(t, ri, cells, g, false)
		rx := rb.extra()
		if i == 0 && run == nil {
			rx.rules = append(rx.rules, g.rule(0, 0.8))
		}
		last := i == len(t.Rows)-1
		if last {
			rx.rules = append(rx.rules, g.rule(rb.h, 0.8))
		} else {
			rx.rules = append(rx.rules, g.hairline(rb.h))
		}
		rx.table = &tableRun{last: last, x: g.x, w: g.total, base: rb.base}
		if run != nil {
			rx.table.head, rx.table.headH = run.head, run.headH
		}
		if i > 0 {
			// Rows may move apart a little for a flush page bottom.
			eb.push(glue(0, 0.25*tc.lead))
		}
		at, hs = append(at, len(eb.items)), append(hs, rb.h)
		eb.push(box(rb.h, rb.vbox, false))
		rb.elem = rb.tr
	}
	if n := len(at); n >= 2 {
		if hs[0] < alone {
			eb.items[at[0]].keep = true
		}
		if hs[n-1] < alone {
			eb.items[at[n-2]].keep = true
		}
	}
}

// tableGeom is a table's horizontal layout.
type tableGeom struct {
	x, pad, total, vpad float64
	widths              []float64
	ctx                 ctx
}

// rule is a booktabs rule across the table at y.
func (g *tableGeom) rule(y, w float64) page.Rule {
	return page.Rule{X1: g.x, Y1: y, X2: g.x + g.total, Y2: y, Width: w, Color: page.Black}
}

// hairline is the light rule between body rows.
func (g *tableGeom) hairline(y float64) page.Rule {
	return page.Rule{X1: g.x, Y1: y, X2: g.x + g.total, Y2: y, Width: 0.25, Color: page.Color{R: 0xB0, G: 0xB0, B: 0xB0}}
}

// rowBox is a set table row and its height.
type rowBox struct {
	*vbox
	h    float64
	base float64 // the lowest baseline of its cells, from its top
	tr   *snode  // the row's structure element
}

// row sets the cells of one row side by side; the row is as tall as its
// tallest cell.
func (eb *entryBuilder) row(t *ast.Table, ri int, cells [][]ast.Inline, g *tableGeom, head bool) rowBox {
	rb := rowBox{vbox: &vbox{role: roleRow}, tr: &snode{role: "TR", parent: eb.cur}}
	x := g.x
	hmax := 0.0
	for ci, w := range g.widths {
		cc := g.ctx
		cc.left = x + g.pad
		cc.right = eb.e.textW - (x + g.pad + w)
		var ins []ast.Inline
		if ci < len(cells) {
			ins = cells[ci]
		}
		items := eb.para(cellKey{t, ri, ci}, cc, paraOpts{role: roleRow, align: t.Align[ci]}, func(r *runs) {
			r.bold = head
			r.inlines(ins, runMeta{})
		})
		cell := &snode{role: "TD", parent: rb.tr}
		if head {
			cell.role, cell.scope = "TH", "Column"
		}
		y := g.vpad
		for _, it := range items {
			eb.e.mergeBox(rb.vbox, it.box, y, cell)
			rb.base = max(rb.base, y+it.box.base)
			y += it.h
		}
		hmax = max(hmax, y)
		x += w + 2*g.pad
	}
	rb.h = max(hmax, g.vpad+g.ctx.lead) + g.vpad
	return rb
}

// mergeBox copies a line box's content into dst, its top at y, as
// content of the structure element cell.
func (e *engine) mergeBox(dst, src *vbox, y float64, cell *snode) {
	e.eachFrag(src, func(f *frag) {
		g := *f
		g.elem = cell
		g.y += y + src.base
		dst.frags = append(dst.frags, g)
	})
	for _, s := range src.rare().spans {
		s.Y += y
		dx := dst.extra()
		dx.spans = append(dx.spans, s)
	}
	for _, l := range src.links {
		l.Y += y
		dst.links = append(dst.links, l)
	}
	if ns := src.rare().notes; len(ns) > 0 {
		dx := dst.extra()
		dx.notes = append(dx.notes, ns...)
	}
}

// columnWidths returns each column's narrowest sensible width (its
// longest word) and its natural width (its longest cell on one line).
func (eb *entryBuilder) columnWidths(rows [][][]ast.Inline, head bool, c ctx, ncol int) (mins, maxs []float64) {
	mins, maxs = make([]float64, ncol), make([]float64, ncol)
	for ri, row := range rows {
		for ci := 0; ci < ncol && ci < len(row); ci++ {
			r := eb.newRuns(c)
			r.bold = head && ri == 0
			r.inlines(row[ci], runMeta{})
			r.placeRefs()
			// Words and spaces are measured apart, as the line breaker
			// does: no kerning across a space.
			natural, word := 0.0, 0.0
			for _, run := range r.list {
				for i, w := range strings.Fields(run.Text) {
					ww := eb.e.textWidth(w, run.Style)
					word = max(word, ww)
					natural += ww
					if i > 0 || strings.IndexFunc(run.Text, unicode.IsSpace) == 0 {
						natural += eb.e.styles[run.Style].space
					}
				}
			}
			natural += 0.5
			mins[ci] = max(mins[ci], word)
			maxs[ci] = max(maxs[ci], natural, word)
		}
	}
	return mins, maxs
}

// distribute fits column widths into avail: natural widths when they
// fit, otherwise the minimum widths plus the rest shared in proportion
// to how much each column wants beyond its minimum (or, when even the
// minimums do not fit, avail shared in proportion to the minimums).
func distribute(mins, maxs []float64, avail float64) []float64 {
	out := make([]float64, len(mins))
	var smin, smax float64
	for i := range mins {
		smin += mins[i]
		smax += maxs[i]
	}
	switch {
	case smax <= avail:
		copy(out, maxs)
	case smin < avail && smax > smin:
		f := (avail - smin) / (smax - smin)
		for i := range out {
			out[i] = mins[i] + (maxs[i]-mins[i])*f
		}
	default:
		for i := range out {
			if smin > 0 {
				out[i] = avail * mins[i] / smin
			} else {
				out[i] = avail / float64(len(out))
			}
		}
	}
	for i := range out {
		out[i] = max(out[i], 1)
	}
	return out
}
