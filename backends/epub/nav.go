package epub

import (
	"strconv"
	"strings"

	"bookc/collation"
)

// tocGroup is one letter of the table of contents; an empty label means
// the chapters are listed without grouping.
type tocGroup struct {
	label    string
	chapters []*chapter
}

// tocGroups groups the chapters by initial letter for an alphabetical
// glossary; a book in listed order gets one group without label.
func (b *book) tocGroups() []tocGroup {
	if b.cfg.Order != "alphabetical" {
		return []tocGroup{{chapters: b.chapters}}
	}
	var gs []tocGroup
	for _, c := range b.chapters {
		l := collation.Letter(c.entry.TitleText())
		if len(gs) == 0 || gs[len(gs)-1].label != l {
			gs = append(gs, tocGroup{label: l})
		}
		gs[len(gs)-1].chapters = append(gs[len(gs)-1].chapters, c)
	}
	return gs
}

// firstFile is where the body of the book starts.
func (b *book) firstFile() string {
	if len(b.chapters) > 0 {
		return b.chapters[0].file
	}
	return indexFile
}

// navDoc renders the EPUB 3 navigation document: the table of contents
// and the landmarks.
func (b *book) navDoc() []byte {
	r := b.newRenderer(navFile)
	r.header(b.words.Contents, "frontmatter")
	w := &r.w
	r.marksLead()
	w.raw("<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h1>")
	w.text(b.words.Contents)
	w.raw("</h1>\n<ol>\n")
	for _, g := range b.tocGroups() {
		if g.label != "" {
			navItem(w, g.chapters[0].file, g.label, "letter")
			w.raw("\n<ol>\n")
		}
		for _, c := range g.chapters {
			navItem(w, c.file, c.entry.TitleText(), "")
			w.raw("</li>\n")
		}
		if g.label != "" {
			w.raw("</ol></li>\n")
		}
	}
	navItem(w, indexFile, b.words.Index, "")
	w.raw("</li>\n</ol>\n</nav>\n")
	b.landmarks(w)
	b.pageList(w)
	return r.footer()
}

// navItem opens an <li> with its link; the caller closes it.
func navItem(w *xmlWriter, href, label, class string) {
	w.raw("<li")
	if class != "" {
		w.attr("class", class)
	}
	w.raw("><a")
	w.attr("href", href)
	w.raw(">")
	w.text(label)
	w.raw("</a>")
}

// landmarks lists where a reader's menu can jump: cover, title page,
// contents, start of the text, index.
func (b *book) landmarks(w *xmlWriter) {
	w.raw("<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<h2>")
	w.text(b.words.Landmarks)
	w.raw("</h2>\n<ol>\n")
	marks := [][3]string{
		{"cover", coverFile, b.words.Cover},
		{"titlepage", titleFile, b.words.TitlePage},
		{"toc", navFile + "#toc", b.words.Contents},
		{"bodymatter", b.firstFile(), b.words.Start},
		{"index", indexFile, b.words.Index},
	}
	for _, m := range marks {
		w.raw(`<li><a epub:type="`, m[0], `"`)
		w.attr("href", m[1])
		w.raw(">")
		w.text(m[2])
		w.raw("</a></li>\n")
	}
	w.raw("</ol>\n</nav>\n")
}

// ncx is the EPUB 2 table of contents some older readers still use.
type ncx struct {
	b     *book
	w     xmlWriter
	order map[string]int // content src → playOrder; one number per target
	n     int            // navPoints written
}

// ncxDoc renders toc.ncx with the same structure as the navigation
// document.
func (b *book) ncxDoc() []byte {
	x := &ncx{b: b, order: map[string]int{}}
	w := &x.w
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>`, "\n")
	w.raw(`<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"`)
	w.attr("xml:lang", b.lang)
	w.raw(">\n<head>\n<meta name=\"dtb:uid\"")
	w.attr("content", b.identifier())
	depth := 1
	if b.cfg.Order == "alphabetical" {
		depth = 2
	}
	w.raw("/>\n<meta name=\"dtb:depth\" content=\"", strconv.Itoa(depth), "\"/>\n")
	w.raw("<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n")
	w.raw("<docTitle><text>")
	w.text(b.cfg.Title)
	w.raw("</text></docTitle>\n")
	if a := b.cfg.AuthorList(); len(a) > 0 {
		w.raw("<docAuthor><text>")
		w.text(strings.Join(a, ", "))
		w.raw("</text></docAuthor>\n")
	}
	w.raw("<navMap>\n")
	x.points()
	w.raw("</navMap>\n</ncx>\n")
	return w.bytes()
}

// points writes the navPoints: letters with their chapters, then the
// index.
func (x *ncx) points() {
	for _, g := range x.b.tocGroups() {
		if g.label != "" {
			x.open(g.chapters[0].file, g.label)
		}
		for _, c := range g.chapters {
			x.open(c.file, c.entry.TitleText())
			x.w.raw("</navPoint>\n")
		}
		if g.label != "" {
			x.w.raw("</navPoint>\n")
		}
	}
	x.open(indexFile, x.b.words.Index)
	x.w.raw("</navPoint>\n")
}

// open starts a navPoint; points at the same file share a playOrder, as
// the NCX specification asks.
func (x *ncx) open(src, label string) {
	x.n++
	order, ok := x.order[src]
	if !ok {
		order = len(x.order) + 1
		x.order[src] = order
	}
	w := &x.w
	w.raw(`<navPoint id="np-`, strconv.Itoa(x.n), `" playOrder="`, strconv.Itoa(order), "\">\n<navLabel><text>")
	w.text(label)
	w.raw("</text></navLabel><content")
	w.attr("src", src)
	w.raw("/>\n")
}
