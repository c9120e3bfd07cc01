package layout

import (
	"math"
	"strings"

	"bookc/ast"
	"bookc/collation"
	"bookc/config"
	"bookc/link"
)

// freeBuilder sets material that belongs to no entry: the title page,
// the contents and the index, which hyphenate few words. Diagnostics
// name book.yaml.
func (e *engine) freeBuilder(name string) *entryBuilder {
	en := &ast.Entry{Pos: ast.Pos{File: config.FileName}, Title: []ast.Inline{&ast.Text{Text: name}}}
	c := &entryCache{paras: map[any]*paraCache{}, images: map[*ast.Image]*imageData{}}
	return e.newEntryBuilder(en, c, e.newWorkerFor(0))
}

// titlePage sets the title, subtitle, authors, edition and date.
func (e *engine) titlePage() pageOut {
	eb := e.freeBuilder(e.cfg.Title)
	var pg pageOut
	y := 0.2 * e.textH
	add := func(items []vitem) {
		for i := range items {
			pg.items = append(pg.items, placed{it: &items[i], y: y, h: items[i].h})
			y += items[i].h
		}
	}
	line := func(text string, v variant, sz sizeClass) {
		c := ctx{text: sz, code: sz, sup: sz, ragged: true}
		c.lead = math.Round(e.fs*sizeFactor[sz]*1.25*20) / 20
		role := "P"
		if sz == szTitle {
			role = "H1"
		}
		add(tagItems(eb.para(nil, c, paraOpts{role: roleOther, align: ast.AlignCenter, noHyph: true}, func(r *runs) {
			r.bold = v == vBold
			r.text(text, runMeta{})
		}), &snode{role: role}))
	}
	line(e.cfg.Title, vBold, szTitle)
	if e.cfg.Subtitle != "" {
		y += e.lead
		line(e.cfg.Subtitle, vRegular, szSubtitle)
	}
	y += 3 * e.lead
	for _, a := range e.cfg.AuthorList() {
		line(a, vRegular, szTitleInfo)
	}
	y = 0.78 * e.textH
	if e.cfg.Edition != "" {
		line(e.cfg.Edition, vRegular, szTitleInfo)
	}
	line(e.lab.Date(e.cfg.Modified), vRegular, szTitleInfo)
	pg.ended = endForced
	return pg
}

// chapterHeading is the heading of the contents and the index.
func (e *engine) chapterHeading(eb *entryBuilder, text, id string) []vitem {
	c := e.bodyCtx()
	c.text, c.ragged, c.lead = szChapter, true, e.fs*sizeFactor[szChapter]*1.3
	items := eb.para(nil, c, paraOpts{role: roleHeading, keepAll: true, anchor: id, noHyph: true}, func(r *runs) {
		r.bold = true
		r.text(text, runMeta{})
	})
	items[0].box.extra().outline = []outlineMark{{title: text, level: 0}}
	items[len(items)-1].keep = true
	tagItems(items, &snode{role: "H1", parent: eb.cur})
	return append(items, glue(1.2*e.lead, 0))
}

// tocGalley sets the table of contents: the chapters with dot leaders
// and page numbers, grouped by initial letter in an alphabetical book.
func (e *engine) tocGalley(doc *ast.Document, labels map[string]string) []vitem {
	eb := e.freeBuilder(e.lab.Contents)
	g := e.chapterHeading(eb, e.lab.Contents, "")
	toc := &snode{role: "TOC"}
	alpha := e.cfg.Order == "alphabetical"
	letter := ""
	c := e.bodyCtx()
	pnum := e.numWidth(labels, styleID(vRegular, c.text))
	for _, ch := range e.links.Chapters() {
		if l := collation.Letter(ch.TitleText()); alpha && l != letter {
			letter = l
			g = append(g, tagItems(e.letterHeading(eb, l, c), &snode{role: "TOCI", parent: toc})...)
		}
		g = append(g, tagItems(eb.leaderLine(ch, ch.Title, ch.ID(), labels[ch.ID()], c, 0, pnum), &snode{role: "TOCI", parent: toc})...)
	}
	g = append(g, glue(0.8*e.lead, 0))
	idx := []ast.Inline{&ast.Text{Text: e.lab.Index}}
	g = append(g, tagItems(eb.leaderLine(nil, idx, link.IndexID, labels[link.IndexID], c, 0, pnum), &snode{role: "TOCI", parent: toc})...)
	return g
}

// letterHeading is a letter group's heading, kept with what follows.
func (e *engine) letterHeading(eb *entryBuilder, letter string, c ctx) []vitem {
	st := styleID(vBold, szSection)
	lead := e.lead * 1.15
	b := &vbox{base: e.baseline(st, lead), role: roleHeading}
	b.frags = e.appendText(nil, c.left, 0, st, letter)
	return []vitem{glue(0.8*e.lead, 0.3*e.lead), box(lead, b, true), glue(0.2*e.lead, 0)}
}

// leaderLine sets a title, dot leaders and a page number, all linking
// to dest. A title too long for one line wraps, ragged, before the
// number's column.
func (eb *entryBuilder) leaderLine(key any, title []ast.Inline, dest, num string, c ctx, hang, pnum float64) []vitem {
	e := eb.e
	st := styleID(vRegular, c.text)
	em := e.styles[st].size
	numW := e.textWidth(num, st)
	pnum = max(pnum, numW)
	w := e.width(c)
	c.right += pnum + 2*em
	c.ragged = true
	r := eb.newRuns(c)
	r.pageRefs = false
	r.inlines(title, runMeta{dest: dest})
	var items []vitem
	if nat := runsWidth(e, r); nat <= e.width(c) {
		b := &vbox{base: e.baseline(st, c.lead), role: roleLine, nlines: 1}
		x := c.left
		for _, run := range r.list {
			b.frags = e.appendText(b.frags, x, 0, run.Style, run.Text)
			x += e.textWidth(run.Text, run.Style)
		}
		items = []vitem{box(c.lead, b, false)}
	} else {
		items = eb.para(key, c, paraOpts{hang: hang, keepAll: true}, func(x *runs) { *x = *r })
	}
	last := items[len(items)-1].box
	end := c.left
	e.eachFrag(last, func(f *frag) {
		end = max(end, f.x+e.faces[f.face].Width(f.text, e.styles[f.st].size))
	})
	numX := c.left + w - numW
	last.frags = append(last.frags, leaders(e, st, end+0.5*em, c.left+w-pnum-0.5*em)...)
	last.frags = e.appendText(last.frags, numX, 0, st, num)
	if dest != "" {
		for _, it := range items {
			b := it.box
			b.links = nil
			x1 := c.left
			linkArea(b, &runMeta{dest: dest}, x1, c.left+w-x1, &e.styles[st])
		}
	}
	return items
}

// numWidth is the width of the widest page label, at least that of
// three digits: the column page numbers are set in.
func (e *engine) numWidth(labels map[string]string, st int) float64 {
	n := 3
	for _, l := range labels {
		n = max(n, len(l))
	}
	return e.textWidth(strings.Repeat("0", n), st)
}

// runsWidth is the natural width of a paragraph's runs on one line.
func runsWidth(e *engine, r *runs) float64 {
	w := 0.0
	for _, run := range r.list {
		if run.HardBreak {
			return math.Inf(1)
		}
		w += e.textWidth(run.Text, run.Style)
	}
	return w
}

// leaders sets dots between x1 and x2, on a grid so that the dots of
// all lines align.
func leaders(e *engine, st int, x1, x2 float64) []frag {
	step := e.textWidth(". ", st)
	if step <= 0 {
		return nil
	}
	from := math.Ceil(x1/step) * step
	n := int((x2 - from + e.textWidth(" ", st)) / step)
	if n <= 0 {
		return nil
	}
	text := strings.TrimRight(strings.Repeat(". ", n), " ")
	fs := e.appendText(nil, from, 0, st, text)
	for i := range fs {
		fs[i].elem = artifactNode
	}
	return fs
}
