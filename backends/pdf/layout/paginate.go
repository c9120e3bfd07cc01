package layout

import (
	"math"
	"slices"
)

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
	// split is the last note of the page's last box cut to fit, its
	// rest left for the next page.
	split, rest *noteBlock
	from, to    int // the galley items the page was cut from
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
	foot     float64 // below a body line's baseline, the rest of its box
	floatSep float64 // space below a block floated to the top of a page
	// carry is the rest of a footnote split at the foot of the page
	// before, which goes first into the next page's notes.
	carry  []*noteBlock
	pages  []pageOut
	placed slab[placed]
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
			if len(p.carry) > 0 {
				pg := pageOut{ended: endLast}
				p.place(&pg, n, n)
				p.add(pg)
			}
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
		p.carry = nil
		if pg.rest != nil {
			p.carry = []*noteBlock{pg.rest}
		}
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
// the first item not on it. Of the permitted breaks before the material
// overflows, the page ends at the one of least cost, the latest of equal
// ones; if there is none, at the overflow. A figure or table that does
// not fit floats to the top of the next page while the text after it
// fills this one: the galley is reordered so.
func (p *pager) fill(start int) (pageOut, int) {
	pg, end, fl := p.fillFrom(start, floatsOK, 0)
	if fl >= 0 {
		// The page is the text after the block; the block goes after it.
		n := int(p.g[fl].float)
		slices.Reverse(p.g[fl : fl+n])
		slices.Reverse(p.g[fl+n : end])
		slices.Reverse(p.g[fl:end])
		if p.floatSep > 0 {
			// Space between the block and the text below it.
			p.g = slices.Insert(p.g, end, &vitem{kind: kGlue, h: p.floatSep, stretch: p.floatSep / 2})
		}
		pg, end, _ = p.fillFrom(start, end-n, pg.ended)
	}
	return pg, end
}

// Modes of fillFrom without a stop.
const (
	floatsOK = -1 // a block that does not fit may float
	noFloats = -2
)

// fillFrom fills a page from item start, up to item stop if that is not
// negative, then ending as ended says. It returns the page, the first
// item not on it and the float block that did not fit, if it floats
// (else -1); the page is then not placed.
func (p *pager) fillFrom(start, stop int, ended endKind) (pageOut, int, int) {
	var pg pageOut
	y, notesH, stretch := 0.0, p.notesHeight(p.carry, 0), 0.0
	if b := p.g[start].box; b != nil && b.rare().table != nil && b.rare().table.head != nil {
		pg.repeated = true
		y = b.rare().table.headH
	}
	first := true
	best, bestCost, end, fl := -1, math.Inf(1), len(p.g), -1
	pg.ended = endLast
	for j := start; j < len(p.g); j++ {
		it := p.g[j]
		if j == stop {
			end, pg.ended = j, ended
			break
		}
		if it.kind == kNewPage || it.kind == kClearPage {
			end, pg.ended = j, endForced
			break
		}
		if it.kind == kGlue {
			y += it.h
			stretch += it.stretch
			continue
		}
		if fl >= 0 && it.box.rare().mark != "" {
			// A float stays in its entry: the page ends before the next.
			end, pg.ended = j, endFull
			if best >= 0 {
				end = best + 1
			}
			break
		}
		nh := p.notesHeight(it.box.rare().notes, notesH)
		if !first && it.float > 0 && fl < 0 && stop == floatsOK && y+p.blockHeight(j)+notesH > p.height()+0.01 && p.floats(j) {
			// Set what follows the block as if it were not there.
			fl = j
			j += int(it.float) - 1
			continue
		}
		if !first && y+it.h+notesH+nh > p.height()+0.01 {
			if stop == floatsOK && p.splitNote(&pg, it, y, notesH) {
				end, pg.ended, best = j+1, endFull, j
				break
			}
			end, pg.ended = j, endFull
			if best >= 0 {
				end = best + 1
			}
			break
		}
		first = false
		y += it.h
		notesH += nh
		if !it.keep {
			if c := p.breakCost(y+notesH, stretch, it); c <= bestCost {
				best, bestCost = j, c
			}
		}
	}
	if fl >= 0 {
		if end <= fl+int(p.g[fl].float) {
			// Nothing after the block goes onto the page.
			return p.fillFrom(start, noFloats, 0)
		}
		return pg, end, fl
	}
	p.place(&pg, start, end)
	pg.from, pg.to = start, end
	return pg, end, -1
}

// splitNote fits box it onto the page, which holds material down to y
// and notes of height notesH, by cutting its last footnote: the part
// that fits stays, at least two lines of it, and the rest goes to the
// next page. The page must be able to end after the box.
func (p *pager) splitNote(pg *pageOut, it *vitem, y, notesH float64) bool {
	ns := it.box.rare().notes
	if it.keep || len(ns) == 0 {
		return false
	}
	last := ns[len(ns)-1]
	have := notesH + p.notesHeight(ns[:len(ns)-1], notesH)
	sep := p.noteGap
	if have == 0 {
		sep = p.noteSep
	}
	room := p.height() - y - it.h - have - sep
	k := 0
	for k+1 < len(last.boxes) && last.hs[k+1] <= room+0.01 {
		k++
	}
	if k < 2 || k >= len(last.boxes) {
		return false
	}
	pg.split, pg.rest = last.split(k)
	return true
}

// blockHeight is the height of the float block starting at item j.
func (p *pager) blockHeight(j int) float64 {
	h := 0.0
	for k := j; k < j+int(p.g[j].float); k++ {
		h += p.g[k].h
	}
	return h
}

// floats reports whether the float block starting at item j may move to
// the next page: the item before it does not hold on to it, it fits an
// empty page, and text follows it.
func (p *pager) floats(j int) bool {
	it := p.g[j]
	n := int(it.float)
	if n == 0 || j+n >= len(p.g) {
		return false
	}
	for k := j - 1; k >= 0; k-- {
		if p.g[k].kind == kBox {
			if p.g[k].keep {
				return false
			}
			break
		}
	}
	h := p.blockHeight(j)
	next := p.g[j+n]
	for k := j + n; k < len(p.g) && next.kind == kGlue; k++ {
		next = p.g[k]
	}
	return h <= p.height() && next.kind == kBox
}

// Costs of page breaks, on the scale of TeX's page builder: a page that
// cannot be stretched to the full height costs deplorable, one whose
// glue must stretch beyond maxPageStretch (up to twice that) strained,
// and a break after a hyphenated line brokenPenalty more: a strained page
// is preferred to a hyphen at the page's foot.
const (
	deplorable    = 100000
	strained      = 20000
	brokenPenalty = 50000
)

// breakCost is the cost of ending a page after box it, with the
// material, notes included, reaching down to y and stretch to spread
// what is left: the badness of the stretch needed, as TeX's \vbadness
// scale has it, plus the penalty of the break.
func (p *pager) breakCost(y, stretch float64, it *vitem) float64 {
	short := p.height() - y
	c := 0.0
	switch {
	case short <= 0.01:
	case stretch <= 0:
		c = deplorable
	default:
		r := short / stretch
		switch c = 100 * r * r * r; {
		case r > 2*maxPageStretch:
			c = deplorable
		case r > maxPageStretch || c > 10000:
			c = strained + min(c, 10000)
		}
	}
	if it.box != nil && it.box.hyph {
		c += brokenPenalty
	}
	return c
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
// dropped, and on a full page the glue stretches, up to twice
// maxPageStretch, so that the last line sits on the bottom of the text
// area.
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
	pg.notes = append(pg.notes[:0], p.carry...)
	pg.notesH = p.notesHeight(p.carry, 0)
	for j := start; j < end; j++ {
		it := p.g[j]
		y += it.h
		stretch += it.stretch
		if it.kind == kBox {
			ns := it.box.rare().notes
			if pg.split != nil && j == end-1 {
				ns = append(ns[:len(ns)-1:len(ns)-1], pg.split)
			}
			pg.notesH += p.notesHeight(ns, pg.notesH)
			pg.notes = append(pg.notes, ns...)
		}
	}
	ratio := 0.0
	if pg.ended == endFull && stretch > 0 {
		short := p.height() - pg.notesH - y
		if last := p.g[end-1].box; len(pg.notes) == 0 && p.foot > 0 && last != nil {
			// The last baseline goes where a body line's would be; that
			// of a table row is the lowest of its cells.
			base := last.base
			if t := last.rare().table; t != nil {
				base = t.base
			}
			if base > 0 {
				short += p.g[end-1].h - base - p.foot
			}
		}
		ratio = min(2*maxPageStretch, max(0, short)/stretch)
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

// maxPageStretch is how far the vertical glue of a page that the flow
// continues after may stretch, as a multiple of its stretchability, so
// that the page's last line sits on the bottom of the text area (as
// LaTeX's \flushbottom): twice, so that space between paragraphs grows
// at most to a full line.
var maxPageStretch = 2.0
