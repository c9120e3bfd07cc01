package layout

import (
	"strconv"

	"bookc/link"
)

// indexGalley sets the index: its heading across the page, and the
// letter groups with every term and its page, for columns of width colW.
func (e *engine) indexGalley(labels, ends map[string]string) (head, g []vitem, colW, sep float64) {
	eb := e.freeBuilder(e.lab.Index)
	head = e.chapterHeading(eb, e.lab.Index, link.IndexID)
	sep = 1.6 * e.fs
	colW = (e.textW - sep) / 2
	c := e.bodyCtx()
	c.right = e.textW - colW
	st := styleID(vRegular, c.text)
	pnum := e.numWidth(labels, st)
	for _, grp := range e.links.Index() {
		for _, t := range grp.Terms {
			pnum = max(pnum, e.textWidth(pageRange(labels[t.ID()], ends[t.ID()]), st))
		}
	}
	for _, grp := range e.links.Index() {
		g = append(g, tagItems(e.letterHeading(eb, grp.Letter, c), &snode{role: "H2"})...)
		list := &snode{role: "L"}
		for _, t := range grp.Terms {
			num := pageRange(labels[t.ID()], ends[t.ID()])
			li := &snode{role: "LI", parent: list}
			g = append(g, tagItems(eb.leaderLine(nil, t.Title, t.ID(), num, c, e.fs, pnum), &snode{role: "LBody", parent: li})...)
		}
	}
	return head, g, colW, sep
}

// indexPages sets the index in two columns; the columns of its last page
// are balanced.
func (e *engine) indexPages(labels, ends map[string]string) []pageOut {
	head, g, colW, sep := e.indexGalley(labels, ends)
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

// pageRange is the index's page entry for a term that starts on page
// first and ends on page last: "38", or "38–39" for an entry that runs
// over.
func pageRange(first, last string) string {
	if last == "" || last == first {
		return first
	}
	return first + "\u2013" + last
}

// entryEnds maps every entry to the label of the page its last box is
// on; pages are numbered from first. An entry starts at the box that
// carries its title (the running heads' mark).
func entryEnds(pages []pageOut, first int) map[string]string {
	out := map[string]string{}
	cur := ""
	for i, pg := range pages {
		l := strconv.Itoa(first + i)
		for _, pl := range pg.items {
			b := pl.it.box
			if b == nil {
				continue
			}
			if x := b.rare(); x.mark != "" && len(x.anchors) > 0 {
				cur = x.anchors[0]
			}
			if cur != "" && pl.it.kind == kBox {
				out[cur] = l
			}
		}
	}
	return out
}
