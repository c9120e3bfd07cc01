package layout

import (
	"strconv"

	"bookc/ast"
	"bookc/backends/pdf/page"
)

// emitter draws paginated pages into the page model. The document's
// structure elements (d.Elems) are numbered as pages are drawn; the
// pages themselves the emitter collects in drawn, with their sources and
// bookmarks, as the pages of the document from page off on.
type emitter struct {
	e       *engine
	d       *page.Doc
	drawn   []*page.Page
	sources []page.Source
	outline []page.OutlineItem
	off     int
	noteNum map[*ast.Footnote]int // number a note got on its page
	// seen holds the numbers of the notes marked on the current page,
	// and fresh counts those first numbered there.
	seen    map[*ast.Footnote]int
	fresh   int
	topMark string // the last entry title of earlier pages
	// part is the part of the book the pages emitted now belong to.
	part page.Part
	hs   float64 // horizontal scale of the box being drawn; 0 for none
	// artifact makes the texts being emitted artifacts (a repeated
	// table header).
	artifact bool
	// used tells which faces the texts drawn use.
	used []bool
	// taken holds the pages drawn as kept pages of the session's last
	// layout, with the page each was taken from.
	taken map[*page.Page]*keptPage
	// numbered tells that the pages drawn had their structure elements
	// and note marks numbered before (see mainPages): the emitter then
	// only reads the numbers and may run beside others.
	numbered bool
}

// headFunc returns the running head of a page, "" for none.
type headFunc func(pg *pageOut, first bool) string

// next is the index in the document of the next page emitted.
func (em *emitter) next() int { return em.off + len(em.drawn) }

// recto reports whether the next page is a right-hand page.
func (em *emitter) recto() bool {
	return !em.e.twoSided || em.next()%2 == 0
}

// left returns the x of the text area on the next page.
func (em *emitter) left() float64 {
	if em.recto() {
		return em.e.inner
	}
	return em.e.outer
}

// blank adds an empty page.
func (em *emitter) blank() {
	em.drawn = append(em.drawn, &page.Page{})
	em.sources = append(em.sources, page.Source{Part: page.BlankPage})
}

// pages emits paginated pages; labels gives each page's printed number
// ("" for none) and head its running head. A page's material is let go
// once it is drawn, so that the memory of its boxes can serve the pages
// still to come.
func (em *emitter) pages(pgs []pageOut, label func(i int) string, head headFunc) {
	for i := range pgs {
		if pgs[i].blank {
			em.blank()
			continue
		}
		em.page(&pgs[i], label(i), head(&pgs[i], i == 0))
		pgs[i].release()
	}
}

// page emits one page: its items, footnotes, running head and folio.
func (em *emitter) page(pg *pageOut, label, head string) {
	p := &page.Page{Label: label}
	n := 0
	for _, pl := range pg.items {
		if pl.it.box != nil {
			n += pl.it.box.count()
		}
	}
	p.Texts = make([]page.Text, 0, n+8)
	x0 := em.left()
	if !em.numbered {
		em.seen, em.fresh = nil, 0
	}
	for i, pl := range pg.items {
		em.artifact = i == 0 && pg.repeated
		em.item(p, pl, x0)
	}
	em.artifact = false
	em.tableBreak(p, pg, x0)
	em.notes(p, pg, x0)
	if head != "" {
		em.runningHead(p, head, x0)
	}
	if label != "" {
		em.folio(p, label, x0)
	}
	for i := range p.Texts {
		em.used[p.Texts[i].Face] = true
	}
	em.drawn = append(em.drawn, p)
	em.sources = append(em.sources, page.Source{Part: em.part})
}

// item emits a placed galley item.
func (em *emitter) item(p *page.Page, pl placed, x0 float64) {
	e := em.e
	it := pl.it
	top := e.top + pl.y
	x := x0 + pl.x
	for _, bx := range it.bars.list() {
		p.Rules = append(p.Rules, page.Rule{X1: x + bx, Y1: top, X2: x + bx, Y2: top + pl.h, Width: 1.2, Color: ruleColor})
	}
	if it.kind == kGlue {
		if it.rule {
			y := top + pl.h/2
			p.Rules = append(p.Rules, page.Rule{X1: x, Y1: y, X2: x + e.textW, Y2: y, Width: 0.4, Color: ruleColor})
		}
		return
	}
	em.box(p, it.box, x, top)
}

// tableBreak closes a table cut by the page end with a rule under its
// last row on the page.
func (em *emitter) tableBreak(p *page.Page, pg *pageOut, x0 float64) {
	for i := len(pg.items) - 1; i >= 0; i-- {
		pl := pg.items[i]
		if pl.it.kind != kBox {
			continue
		}
		if t := pl.it.box.rare().table; t != nil && !t.last {
			y := em.e.top + pl.y + pl.h
			x := x0 + pl.x + t.x
			p.Rules = append(p.Rules, page.Rule{X1: x, Y1: y, X2: x + t.w, Y2: y, Width: 0.5, Color: page.Black})
		}
		return
	}
}

// box emits a box's content with its top-left corner at (x, top).
func (em *emitter) box(p *page.Page, b *vbox, x, top float64) {
	if b.ext != nil {
		em.boxExtra(p, b.ext, x, top, b.elem)
	}
	base := top + b.base
	em.hs = 0
	if b.hscale != 0 && b.hscale != 1 {
		em.hs = float64(b.hscale)
	}
	defer func() { em.hs = 0 }()
	if b.packed != "" {
		r := em.e.readPacked(b)
		var f frag
		for r.next(&f) {
			em.fragFill(p, f, r.fill, x, base, em.fragElem(b, &f))
		}
	}
	for _, f := range b.frags {
		em.frag(p, f, x, base, em.fragElem(b, &f))
	}
	for _, s := range b.rare().spans {
		s.X += x
		s.Y += top
		p.Spans = append(p.Spans, s)
	}
	for _, l := range b.links {
		l.X += x
		l.Y += top
		p.Links = append(p.Links, l)
	}
	for _, a := range b.rare().anchors {
		p.Anchors = append(p.Anchors, page.Anchor{ID: a, Y: top})
	}
	for _, o := range b.rare().outline {
		em.outline = append(em.outline, page.OutlineItem{Title: o.title, Level: o.level, Page: em.next(), Y: top})
	}
}

// boxExtra emits a box's rectangles, images and rules, which lie below
// its texts.
func (em *emitter) boxExtra(p *page.Page, b *boxExtra, x, top float64, elem *snode) {
	for _, r := range b.rects {
		r.X += x
		r.Y += top
		p.Rects = append(p.Rects, r)
	}
	for _, im := range b.images {
		im.X += x
		im.Y += top
		if !em.artifact {
			im.Elem = em.elemID(elem)
		}
		p.Images = append(p.Images, im)
	}
	for _, r := range b.rules {
		r.X1, r.X2, r.Y1, r.Y2 = r.X1+x, r.X2+x, r.Y1+top, r.Y2+top
		p.Rules = append(p.Rules, r)
	}
}

// frag emits a text piece, filling in page labels and footnote numbers.
func (em *emitter) frag(p *page.Page, f frag, x, base float64, elem int32) {
	var fl fillIn
	if f.fill != nil {
		fl = *f.fill
	}
	em.fragFill(p, f, fl, x, base, elem)
}

// fragFill emits a frag of structure element elem that fills in what fl
// says, if anything.
func (em *emitter) fragFill(p *page.Page, f frag, fl fillIn, x, base float64, elem int32) {
	var text string
	switch {
	case fl == fillIn{}:
		p.Texts = append(p.Texts, page.Text{X: x + f.x, Y: base + f.y, Face: int(f.face), Size: em.e.styles[f.st].size, Text: f.text, Color: f.color, Elem: elem, HScale: em.hs})
		return
	case fl.dyn != 0:
		text = em.e.label(fl.dyn)
	default:
		text = strconv.Itoa(em.noteNumber(fl.note))
	}
	face := em.e.faces[f.face]
	size := em.e.styles[f.st].size
	hsize := size
	if em.hs != 0 {
		hsize *= em.hs
	}
	for _, g := range appendKerned(nil, x+f.x, base+f.y, face, f.face, int(f.st), hsize, text) {
		p.Texts = append(p.Texts, page.Text{X: g.x, Y: g.y, Face: int(g.face), Size: size, Text: g.text, Color: f.color, Elem: elem, HScale: em.hs})
	}
}

// noteNumber returns a footnote's number: counted per page in reading
// order; a note referred to again on a later page keeps its number.
func (em *emitter) noteNumber(n *ast.Footnote) int {
	if k, ok := em.seen[n]; ok {
		return k
	}
	if em.numbered {
		panic("layout: a footnote mark drawn before it was numbered")
	}
	k, ok := em.noteNum[n]
	if !ok {
		em.fresh++
		k = em.fresh
		em.noteNum[n] = k
	}
	if em.seen == nil {
		em.seen = map[*ast.Footnote]int{}
	}
	em.seen[n] = k
	return k
}

// notes emits the page's footnotes at the foot of the text area, below
// a short rule.
func (em *emitter) notes(p *page.Page, pg *pageOut, x0 float64) {
	if len(pg.notes) == 0 {
		return
	}
	e := em.e
	y := e.top + e.textH - pg.notesH
	if last := pg.notes[len(pg.notes)-1]; len(last.boxes) > 0 {
		// The last baseline of the notes sits where a body line's would.
		k := len(last.boxes) - 1
		y += last.h - last.hs[k] - last.boxes[k].base - e.foot()
	}
	ry := y + 0.45*e.lead
	p.Rules = append(p.Rules, page.Rule{X1: x0, Y1: ry, X2: x0 + 0.3*e.textW, Y2: ry, Width: 0.4, Color: page.Black})
	y += e.lead
	for i, nb := range pg.notes {
		if i > 0 {
			y += 0.2 * e.lead
		}
		st := &e.styles[nb.style]
		lbl := em.elemID(nb.elem)
		if !nb.cont {
			num := strconv.Itoa(em.noteNumber(nb.note))
			for _, g := range e.appendText(nil, x0, y+nb.numY-st.rise, nb.style, num) {
				p.Texts = append(p.Texts, page.Text{X: g.x, Y: g.y, Face: int(g.face), Size: e.styles[g.st].size, Text: g.text, Elem: lbl})
			}
		}
		for k, b := range nb.boxes {
			em.box(p, b, x0, y+nb.hs[k])
		}
		y += nb.h
	}
}

// runningHead sets the head: left on versos, right on rectos, with a
// thin rule under it.
func (em *emitter) runningHead(p *page.Page, text string, x0 float64) {
	e := em.e
	base := e.top - 1.5*e.lead
	em.texts(p, x0, base, styleID(vItalic, szHead), text, em.recto() && e.twoSided, page.ArtifactHead)
	ry := base + 0.45*e.lead
	p.Rules = append(p.Rules, page.Rule{X1: x0, Y1: ry, X2: x0 + e.textW, Y2: ry, Width: 0.4, Color: page.Black})
}

// folio sets the page number at the outer edge of the foot.
func (em *emitter) folio(p *page.Page, label string, x0 float64) {
	e := em.e
	base := e.top + e.textH + 2.2*e.lead
	em.texts(p, x0, base, styleID(vRegular, szHead), label, em.recto(), page.ArtifactFoot)
}

// texts sets a line of text at the left edge x0 of the text area, or
// flush with its right edge, as artifact elem.
func (em *emitter) texts(p *page.Page, x0, base float64, st int, text string, right bool, elem int32) {
	e := em.e
	fs := e.appendText(nil, 0, 0, st, text)
	shift := x0
	if right && len(fs) > 0 {
		last := fs[len(fs)-1]
		shift = x0 + e.textW - (last.x + e.faces[last.face].UnkernedWidth(last.text, e.styles[last.st].size))
	}
	for _, g := range fs {
		p.Texts = append(p.Texts, page.Text{X: g.x + shift, Y: base + g.y, Face: int(g.face), Size: e.styles[g.st].size, Text: g.text, Elem: elem})
	}
}
