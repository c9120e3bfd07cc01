package layout

import (
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"bookc/ast"
	"bookc/backends/pdf/page"
	"bookc/collation"
	"bookc/fonts"
	"bookc/link"
)

// assemble puts the book together: title page, contents, the main
// matter and the index, with running heads, folios and the outline.
func (e *engine) assemble(doc *ast.Document, main []pageOut, st *Stats) *page.Doc {
	d := &page.Doc{Width: e.pageW, Height: e.pageH, Faces: e.faces, Meta: e.meta()}
	d.Elems = append(make([]page.Elem, 0, e.elemHint+e.elemHint/8+4096), page.Elem{Role: "Document"})
	em := &emitter{e: e, d: d, noteNum: map[*ast.Footnote]int{}, used: make([]bool, len(d.Faces))}
	var ends map[string]string
	var wg sync.WaitGroup
	wg.Go(func() { ends = entryEnds(main, 1) })
	labels := e.anchorLabels(main, 1)
	idxFirst := len(main) + 1
	if e.twoSided && idxFirst%2 == 0 {
		idxFirst++
	}
	labels[link.IndexID] = strconv.Itoa(idxFirst)
	// The contents and the index are set while other pages are drawn.
	var toc, index []pageOut
	wg.Go(func() { toc = e.paginateFree(e.tocGalley(doc, labels)) })
	wg.Wait()
	wg.Go(func() { index = e.indexPages(labels, ends) })

	tp := e.titlePage()
	em.part = page.TitlePage
	em.page(&tp, "", "")
	if imp, ok := e.imprintPage(); ok {
		em.part = page.ImprintPage
		em.page(&imp, "", "")
	} else if e.twoSided {
		em.blank()
	}
	front := em.next()
	em.part = page.ContentsPage
	em.pages(toc, func(i int) string { return page.Roman(front + i + 1) }, fixedHead(e.lab.Contents))
	if e.twoSided && em.next()%2 == 1 {
		em.blank()
	}
	quality(main, st)
	em.part = page.MainPage
	em.mainPages(main)
	if e.twoSided && em.next()%2 == 1 {
		em.blank()
	}
	em.part = page.IndexPage
	wg.Wait()
	em.pages(index, func(i int) string { return strconv.Itoa(idxFirst + i) }, fixedHead(e.lab.Index))
	d.Pages, d.Sources, d.Outline = em.drawn, em.sources, em.outline
	st.Pages = len(d.Pages)
	kept := compactFaces(d, em.used, em.taken)
	if e.reuse != nil {
		for _, part := range e.reuse.cur {
			for _, kp := range part {
				if kp.fresh {
					kp.kept, kp.fresh = kept, false
				}
			}
		}
	}
	return d
}

// mainPages emits the main matter. A pass over its pages numbers their
// structure elements and footnote marks in reading order, as drawing
// them one after the other would, and sets their running heads; runs of
// consecutive pages so numbered are drawn concurrently, each by an
// emitter of its own, and joined in order.
func (em *emitter) mainPages(pgs []pageOut) {
	e := em.e
	heads := make([]string, len(pgs))
	notes := make([]map[*ast.Footnote]int, len(pgs))
	n := max(1, min(runtime.GOMAXPROCS(0), len(pgs)/minPagesPerDrawer))
	parts := make([]emitter, n)
	if e.reuse != nil {
		e.reuse.cur = make([][]*keptPage, n)
	}
	var wg sync.WaitGroup
	for k := range parts {
		lo, hi := k*len(pgs)/n, (k+1)*len(pgs)/n
		// A run's pages are drawn as soon as they are numbered: the
		// numbers of later pages' elements, given meanwhile, are not
		// among those the run reads.
		for i := lo; i < hi; i++ {
			if !pgs[i].blank {
				heads[i] = em.dictHead(&pgs[i], i == 0)
				notes[i] = em.number(&pgs[i])
			}
		}
		pe := &parts[k]
		*pe = emitter{e: e, d: em.d, off: em.next() + lo, part: em.part, numbered: true, used: make([]bool, len(em.used)),
			drawn: make([]*page.Page, 0, hi-lo), sources: make([]page.Source, 0, hi-lo)}
		wg.Go(func() {
			var key pageKey
			var ids []int32
			to := map[int32]int32{}
			for i := lo; i < hi; i++ {
				if pgs[i].blank {
					pe.blank()
					continue
				}
				pe.seen = notes[i]
				label := strconv.Itoa(i + 1)
				switch r := e.reuse; {
				case r == nil:
					pe.page(&pgs[i], label, heads[i])
				default:
					ids = pe.keyOf(&pgs[i], label, heads[i], &key, ids[:0])
					if kp := r.lookup(&key); kp != nil && pe.take(kp, ids, to) {
						r.cur[k] = append(r.cur[k], kp)
						break
					}
					from := len(pe.outline)
					pe.page(&pgs[i], label, heads[i])
					r.cur[k] = append(r.cur[k], pe.keep(&key, ids, from))
				}
				pe.sources[len(pe.sources)-1].At = e.mainAt[i]
				if !e.keepBoxes {
					pgs[i].release()
				}
			}
		})
	}
	wg.Wait()
	for k := range parts {
		for f, u := range parts[k].used {
			em.used[f] = em.used[f] || u
		}
		em.drawn = append(em.drawn, parts[k].drawn...)
		if em.taken == nil {
			em.taken = parts[k].taken
		} else {
			maps.Copy(em.taken, parts[k].taken)
		}
		em.sources = append(em.sources, parts[k].sources...)
		em.outline = append(em.outline, parts[k].outline...)
	}
}

// minPagesPerDrawer is the fewest pages worth drawing on a goroutine of
// their own (a variable for the tests).
var minPagesPerDrawer = 16

// number gives the structure elements and footnote marks of page pg
// their numbers, in the order in which drawing the page (see page) meets
// them, and returns the page's note numbers.
func (em *emitter) number(pg *pageOut) map[*ast.Footnote]int {
	em.seen, em.fresh = nil, 0
	for i, pl := range pg.items {
		if pl.it.kind != kGlue {
			em.artifact = i == 0 && pg.repeated
			em.numberBox(pl.it.box)
		}
	}
	em.artifact = false
	for _, nb := range pg.notes {
		em.elemID(nb.elem)
		if !nb.cont {
			em.noteNumber(nb.note)
		}
		for _, b := range nb.boxes {
			em.numberBox(b)
		}
	}
	return em.seen
}

// numberBox numbers the elements and note marks of box b as box meets
// them: those of its images, of its packed frags, then of its others.
func (em *emitter) numberBox(b *vbox) {
	if b.ext != nil && len(b.ext.images) > 0 && !em.artifact {
		em.elemID(b.elem)
	}
	if b.packed != "" {
		r := em.e.readPacked(b)
		for flags, ok := r.skip(); ok; flags, ok = r.skip() {
			em.fragElem(b, &frag{label: flags&packLabel != 0})
		}
		for _, n := range r.marks {
			em.noteNumber(n)
		}
	}
	for i := range b.frags {
		f := &b.frags[i]
		em.fragElem(b, f)
		if f.fill != nil && f.fill.dyn == 0 && f.fill.note != nil {
			em.noteNumber(f.fill.note)
		}
	}
}

// compactFaces drops the faces no text uses, as used tells, so that the
// PDF embeds only fonts it needs, and returns the faces kept (nil when
// all are). Pages taken over from a session's last layout (taken) hold
// texts compacted then: they are left as they are when the same faces
// are kept, and renumbered in a copy otherwise.
func compactFaces(d *page.Doc, used []bool, taken map[*page.Page]*keptPage) []int {
	used[0] = true
	remap := make([]int, len(d.Faces))
	var faces []*fonts.Face
	var kept []int
	for i, f := range d.Faces {
		if used[i] {
			remap[i] = len(faces)
			faces = append(faces, f)
			kept = append(kept, i)
		}
	}
	if len(faces) == len(d.Faces) {
		kept = nil
	}
	inParts(len(d.Pages), runtime.GOMAXPROCS(0), func(_, lo, hi int) {
		for _, p := range d.Pages[lo:hi] {
			kp := taken[p]
			switch {
			case kp == nil:
				if kept == nil {
					continue
				}
				for k := range p.Texts {
					p.Texts[k].Face = remap[p.Texts[k].Face]
				}
			case !slices.Equal(kp.kept, kept):
				p.Texts = slices.Clone(p.Texts)
				for k := range p.Texts {
					f := p.Texts[k].Face
					if kp.kept != nil {
						f = kp.kept[f]
					}
					p.Texts[k].Face = remap[f]
				}
			}
		}
	})
	d.Faces = faces
	return kept
}

// inParts calls fn concurrently for k consecutive parts [lo, hi) of
// [0, n), the i-th part with i.
func inParts(n, k int, fn func(i, lo, hi int)) {
	var wg sync.WaitGroup
	for i := range k {
		wg.Go(func() { fn(i, i*n/k, (i+1)*n/k) })
	}
	wg.Wait()
}

// paginateFree cuts front matter into pages.
func (e *engine) paginateFree(g []vitem) []pageOut {
	p := &pager{g: ptrs(g), h: e.textH, noteSep: e.lead, noteGap: 0.2 * e.lead}
	return p.run()
}

// ptrs returns pointers to the items of g, a galley for the pager.
func ptrs(g []vitem) []*vitem {
	out := make([]*vitem, len(g))
	for i := range g {
		out[i] = &g[i]
	}
	return out
}

// meta is the document information from book.yaml.
func (e *engine) meta() page.Meta {
	c := e.cfg
	return page.Meta{Title: c.Title, Subject: c.Subtitle, Author: strings.Join(c.AuthorList(), ", "),
		Lang: c.Language, Date: c.Modified}
}

// fixedHead is a running head that shows text on every page but the
// first.
func fixedHead(text string) headFunc {
	return func(_ *pageOut, first bool) string {
		if first {
			return ""
		}
		return text
	}
}

// dictHead is a dictionary's running head: the first and the last entry
// on the page ("Backpropagation — Embedding"). An entry that runs on
// from the page before counts as the first.
func (em *emitter) dictHead(pg *pageOut, _ bool) string {
	first, last := "", ""
	for _, pl := range pg.items {
		b := pl.it.box
		if b == nil {
			continue
		}
		mark := b.rare().mark
		if first == "" {
			first = mark
			if first == "" {
				first = em.topMark
			}
		}
		if mark != "" {
			last = mark
		}
	}
	if last == "" {
		last = em.topMark
	}
	em.topMark = last
	if first == last || first == "" {
		return last
	}
	head := first + " — " + last
	if em.e.textWidth(head, styleID(vItalic, szHead)) > em.e.textW {
		return last
	}
	return head
}

// outlineMarks gives every entry its bookmarks: in an alphabetical book
// a letter group before the first chapter of each letter, chapters under
// it and other entries under their chapter.
func outlineMarks(e *engine, doc *ast.Document) [][]outlineMark {
	out := make([][]outlineMark, len(doc.Entries))
	alpha := e.cfg.Order == "alphabetical"
	letter := ""
	for i, en := range doc.Entries {
		chapter := e.links.ChapterOf(en) == en
		lvl := 0
		switch {
		case alpha && chapter:
			if l := collation.Letter(en.TitleText()); l != letter {
				letter = l
				out[i] = append(out[i], outlineMark{title: l, level: 0})
			}
			lvl = 1
		case alpha:
			lvl = 2
		case !chapter:
			lvl = 1
		}
		out[i] = append(out[i], outlineMark{title: en.TitleText(), level: lvl})
	}
	return out
}

// quality counts widows, orphans and headings left at the foot of a page
// in the main matter.
func quality(pages []pageOut, st *Stats) {
	for _, pg := range pages {
		var boxes []*vbox
		for i, pl := range pg.items {
			if pl.it.box != nil && !(i == 0 && pg.repeated) {
				boxes = append(boxes, pl.it.box)
			}
		}
		if len(boxes) == 0 {
			continue
		}
		if b := boxes[0]; b.role == roleLine && b.nlines >= 2 && b.line == b.nlines-1 {
			st.Widows++
		}
		if pg.ended != endFull {
			continue
		}
		if b := boxes[len(boxes)-1]; b.role == roleLine && b.nlines >= 2 && b.line == 0 {
			st.Orphans++
		}
		for k := len(boxes) - 1; k >= 0; k-- {
			if boxes[k].role == roleHeading {
				if len(boxes)-1-k < 2 {
					st.HeadingsAtFoot++
				}
				break
			}
		}
	}
}
