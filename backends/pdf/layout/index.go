package layout

import (
	"bookc/link"
)

// indexGalley sets the index: its heading across the page, and the
// letter groups with every term and its page, for columns of width colW.
func (e *engine) indexGalley(labels map[string]string) (head, g []vitem, colW, sep float64) {
	eb := e.freeBuilder(e.lab.Index)
	head = e.chapterHeading(eb, e.lab.Index, link.IndexID)
	sep = 1.6 * e.fs
	colW = (e.textW - sep) / 2
	c := e.bodyCtx()
	c.right = e.textW - colW
	pnum := e.numWidth(labels, styleID(vRegular, c.text))
	for _, grp := range e.links.Index() {
		g = append(g, e.letterHeading(eb, grp.Letter, c)...)
		for _, t := range grp.Terms {
			g = append(g, eb.leaderLine(nil, t.Title, t.ID(), labels[t.ID()], c, e.fs, pnum)...)
		}
	}
	return head, g, colW, sep
}

// indexPages sets the index in two columns; the columns of its last page
// are balanced.
func (e *engine) indexPages(labels map[string]string) []pageOut {
	head, g, colW, sep := e.indexGalley(labels)
	headH := 0.0
	for _, it := range head {
		headH += it.h
	}
	gp := ptrs(g)
	p := &pager{g: gp, h: e.textH, firstN: 2, firstH: e.textH - headH}
	cols := e.balance(gp, p.run(), headH)
	var out []pageOut
	for i := 0; i < len(cols) || i == 0; i += 2 {
		pg := pageOut{ended: endFull}
		y := 0.0
		if i == 0 {
			for k := range head {
				pg.items = append(pg.items, placed{it: &head[k], y: y, h: head[k].h})
				y += head[k].h
			}
		}
		for k := i; k < i+2 && k < len(cols); k++ {
			for _, pl := range cols[k].items {
				pl.y += y
				pl.x = float64(k-i) * (colW + sep)
				pg.items = append(pg.items, pl)
			}
		}
		out = append(out, pg)
	}
	return out
}

// balance resets the columns of the last page to equal heights: the
// lowest height at which its material still fits two columns.
func (e *engine) balance(g []*vitem, cols []pageOut, headH float64) []pageOut {
	if len(cols) == 0 {
		return cols
	}
	k := (len(cols) - 1) / 2 * 2
	sub := g[cols[k].from:cols[len(cols)-1].to]
	avail := e.textH
	if k == 0 {
		avail -= headH
	}
	count := func(h float64) []pageOut {
		p := &pager{g: sub, h: h}
		return p.run()
	}
	lo, hi := 0.0, avail
	for range 30 {
		mid := (lo + hi) / 2
		if len(count(mid)) <= 2 {
			hi = mid
		} else {
			lo = mid
		}
	}
	return append(cols[:k], count(hi)...)
}
