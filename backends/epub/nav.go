package epub

import (
	"strconv"
	"strings"

	"bookc/backends/html"
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
	r.marksLead()
	w := &r.W
	w.Raw("<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h1>")
	w.Text(b.words.Contents)
	w.Raw("</h1>\n<ol>\n")
	for _, g := range b.tocGroups() {
		if g.label != "" {
			navItem(w, g.chapters[0].file, g.label, "letter")
			w.Raw("\n<ol>\n")
		}
		for _, c := range g.chapters {
			navItem(w, c.file, c.entry.TitleText(), "")
			w.Raw("</li>\n")
		}
		if g.label != "" {
			w.Raw("</ol></li>\n")
		}
	}
	navItem(w, indexFile, b.words.Index, "")
	w.Raw("</li>\n</ol>\n</nav>\n")
	b.landmarks(w)
	b.pageList(w)
	return r.footer()
}

// navItem opens an <li> with its link; the caller closes it.
func navItem(w *html.Writer, href, label, class string) {
	w.Raw("<li")
	if class != "" {
		w.Attr("class", class)
	}
	w.Raw("><a")
	w.Attr("href", href)
	w.Raw(">")
	w.Text(label)
	w.Raw("</a>")
}

// landmarks lists where a reader's menu can jump: cover, title page,
// contents, start of the text, index.
func (b *book) landmarks(w *html.Writer) {
	w.Raw("<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<h2>")
	w.Text(b.words.Landmarks)
	w.Raw("</h2>\n<ol>\n")
	marks := [][3]string{
		{"cover", coverFile, b.words.Cover},
		{"titlepage", titleFile, b.words.TitlePage},
		{"toc", navFile + "#toc", b.words.Contents},
		{"bodymatter", b.firstFile(), b.words.Start},
		{"index", indexFile, b.words.Index},
	}
	for _, m := range marks {
		w.Raw(`<li><a epub:type="`, m[0], `"`)
		w.Attr("href", m[1])
		w.Raw(">")
		w.Text(m[2])
		w.Raw("</a></li>\n")
	}
	w.Raw("</ol>\n</nav>\n")
}

// ncx is the EPUB 2 table of contents some older readers still use.
type ncx struct {
	b     *book
	w     html.Writer
	order map[string]int // content src → playOrder; one number per target
	n     int            // navPoints written
}

// ncxDoc renders toc.ncx with the same structure as the navigation
// document.
func (b *book) ncxDoc() []byte {
	x := &ncx{b: b, order: map[string]int{}}
	w := &x.w
	w.Raw(`<?xml version="1.0" encoding="UTF-8"?>`, "\n")
	w.Raw(`<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"`)
	w.Attr("xml:lang", b.lang)
	w.Raw(">\n<head>\n<meta name=\"dtb:uid\"")
	w.Attr("content", b.identifier())
	depth := 1
	if b.cfg.Order == "alphabetical" {
		depth = 2
	}
	w.Raw("/>\n<meta name=\"dtb:depth\" content=\"", strconv.Itoa(depth), "\"/>\n")
	w.Raw("<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n")
	w.Raw("<docTitle><text>")
	w.Text(b.cfg.Title)
	w.Raw("</text></docTitle>\n")
	if a := b.cfg.AuthorList(); len(a) > 0 {
		w.Raw("<docAuthor><text>")
		w.Text(strings.Join(a, ", "))
		w.Raw("</text></docAuthor>\n")
	}
	w.Raw("<navMap>\n")
	x.points()
	w.Raw("</navMap>\n</ncx>\n")
	return w.Bytes()
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
			x.w.Raw("</navPoint>\n")
		}
		if g.label != "" {
			x.w.Raw("</navPoint>\n")
		}
	}
	x.open(indexFile, x.b.words.Index)
	x.w.Raw("</navPoint>\n")
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
	w.Raw(`<navPoint id="np-`, strconv.Itoa(x.n), `" playOrder="`, strconv.Itoa(order), "\">\n<navLabel><text>")
	w.Text(label)
	w.Raw("</text></navLabel><content")
	w.Attr("src", src)
	w.Raw("/>\n")
}
