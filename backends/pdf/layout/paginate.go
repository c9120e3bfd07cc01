package layout

// placed is a galley item on a page: its top y below the text area's top
// and its x shift (for the second column of the index).
type placed struct {
	it      *vitem
	x, y, h float64 // h: the height it takes, glue stretched
}

// pageOut is one paginated page before it is drawn.
type pageOut struct {
	items  []placed
	notes  []*noteBlock
	notesH float64
	blank  bool // an empty page inserted before a recto start
	ended  endKind
	// repeated marks a table header repeated at the page top.
	repeated bool
	from, to int // the galley items the page was cut from
}

// endKind records why a page ended.
type endKind uint8

const (
	endFull   endKind = iota // the next material did not fit
	endForced                // a forced page break
	endLast                  // the end of the galley
)

// pager cuts a galley into pages of a given height.
type pager struct {
	g        []*vitem
	h        float64 // text height
	noteSep  float64 // space above the footnotes, with their rule
	noteGap  float64 // space between footnotes
	num      int     // number of the next page, for recto starts
	twoSided bool
	pages    []pageOut
	placed   slab[placed]
	// The first firstN pages are firstH high (room for a heading above
	// the index's columns).
	firstN int
	firstH float64
}

// height is the text height of the page being filled.
func (p *pager) height() float64 {
	if len(p.pages) < p.firstN {
		return p.firstH
	}
	return p.h
}

// run paginates the whole galley.
func (p *pager) run() []pageOut {
	i, n := 0, len(p.g)
	for {
		for i < n && p.g[i].kind == kGlue {
			i++
		}
		if i >= n {
			return p.pages
		}
		switch p.g[i].kind {
		case kNewPage:
			i++
			continue
		case kClearPage:
			if p.twoSided && p.num%2 == 0 {
				p.add(pageOut{blank: true, ended: endForced})
			}
			i++
			continue
		}
		pg, end := p.fill(i)
		p.add(pg)
		i = end
	}
}

// release drops the boxes placed on a drawn page.
func (pg *pageOut) release() {
	for _, pl := range pg.items {
		pl.it.box = nil
	}
	pg.items, pg.notes = nil, nil
}

func (p *pager) add(pg pageOut) {
	p.pages = append(p.pages, pg)
	p.num++
}

// fill sets one page from item start and returns it with the index of
// the first item not on it. The page ends at the last permitted break
// before the material overflows; if there is none, at the overflow.
func (p *pager) fill(start int) (pageOut, int) {
	var pg pageOut
	y, notesH := 0.0, 0.0
	if b := p.g[start].box; b != nil && b.rare().table != nil && b.rare().table.head != nil {
		pg.repeated = true
		y = b.rare().table.headH
	}
	first := true
	lastBreak, end := -1, len(p.g)
	pg.ended = endLast
	for j := start; j < len(p.g); j++ {
		it := p.g[j]
		if it.kind == kNewPage || it.kind == kClearPage {
			end, pg.ended = j, endForced
			break
		}
		if it.kind == kGlue {
			y += it.h
			continue
		}
		nh := p.notesHeight(it.box.rare().notes, notesH)
		if !first && y+it.h+notesH+nh > p.height()+0.01 {
			end, pg.ended = j, endFull
			if lastBreak >= 0 {
				end = lastBreak + 1
			}
			break
		}
		first = false
		y += it.h
		notesH += nh
		if !it.keep {
			lastBreak = j
		}
	}
	p.place(&pg, start, end)
	pg.from, pg.to = start, end
	return pg, end
}

// notesHeight is the height footnotes add to a page that already holds
// notes of height have.
func (p *pager) notesHeight(nbs []*noteBlock, have float64) float64 {
	h := 0.0
	for _, nb := range nbs {
		if have+h == 0 {
			h += p.noteSep
		} else {
			h += p.noteGap
		}
		h += nb.h
	}
	return h
}

// place positions items start..end-1 on the page: trailing glue is
// dropped, and on a full page the glue stretches so that the last line
// sits on the bottom of the text area.
func (p *pager) place(pg *pageOut, start, end int) {
	for end > start && p.g[end-1].kind != kBox {
		end--
	}
	y, stretch := 0.0, 0.0
	pg.items = p.placed.take(end - start + 1)[:0]
	if pg.repeated {
		hd := p.g[start].box.rare().table
		pg.items = append(pg.items, placed{it: &vitem{kind: kBox, h: hd.headH, box: hd.head}, h: hd.headH})
		y = hd.headH
	}
	for j := start; j < end; j++ {
		it := p.g[j]
		y += it.h
		stretch += it.stretch
		if it.kind == kBox {
			ns := it.box.rare().notes
			pg.notesH += p.notesHeight(ns, pg.notesH)
			pg.notes = append(pg.notes, ns...)
		}
	}
	ratio := 0.0
	if pg.ended == endFull && stretch > 0 {
		ratio = min(1, max(0, p.height()-pg.notesH-y)/stretch)
	}
	if pg.repeated {
		y = pg.items[0].it.h
	} else {
		y = 0
	}
	for j := start; j < end; j++ {
		it := p.g[j]
		h := it.h + ratio*it.stretch
		pg.items = append(pg.items, placed{it: it, y: y, h: h})
		y += h
	}
}
