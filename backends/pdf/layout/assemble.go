package layout

import (
	"strconv"
	"strings"

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
	em := &emitter{e: e, d: d, noteNum: map[*ast.Footnote]int{}}
	labels := e.anchorLabels(main, 1)
	ends := entryEnds(main, 1)
	idxFirst := len(main) + 1
	if e.twoSided && idxFirst%2 == 0 {
		idxFirst++
	}
	labels[link.IndexID] = strconv.Itoa(idxFirst)

	tp := e.titlePage()
	em.part = page.TitlePage
	em.page(&tp, "", "")
	if imp, ok := e.imprintPage(); ok {
		em.part = page.ImprintPage
		em.page(&imp, "", "")
	} else if e.twoSided {
		em.blank()
	}
	front := len(d.Pages)
	toc := e.paginateFree(e.tocGalley(doc, labels))
	em.part = page.ContentsPage
	em.pages(toc, func(i int) string { return page.Roman(front + i + 1) }, fixedHead(e.lab.Contents))
	if e.twoSided && len(d.Pages)%2 == 1 {
		em.blank()
	}
	quality(main, st)
	em.part, em.at = page.MainPage, func(i int) any { return e.mainAt[i] }
	em.pages(main, func(i int) string { return strconv.Itoa(i + 1) }, em.dictHead)
	if e.twoSided && len(d.Pages)%2 == 1 {
		em.blank()
	}
	em.part, em.at = page.IndexPage, nil
	em.pages(e.indexPages(labels, ends), func(i int) string { return strconv.Itoa(idxFirst + i) }, fixedHead(e.lab.Index))
	st.Pages = len(d.Pages)
	compactFaces(d)
	return d
}

// compactFaces drops the faces no text uses, so that the PDF embeds only
// fonts it needs.
func compactFaces(d *page.Doc) {
	used := make([]bool, len(d.Faces))
	used[0] = true
	for _, p := range d.Pages {
		for _, t := range p.Texts {
			used[t.Face] = true
		}
	}
	remap := make([]int, len(d.Faces))
	var faces []*fonts.Face
	for i, f := range d.Faces {
		if used[i] {
			remap[i] = len(faces)
			faces = append(faces, f)
		}
	}
	if len(faces) == len(d.Faces) {
		return
	}
	for _, p := range d.Pages {
		for k := range p.Texts {
			p.Texts[k].Face = remap[p.Texts[k].Face]
		}
	}
	d.Faces = faces
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
