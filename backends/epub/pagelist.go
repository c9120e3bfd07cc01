package epub

import (
	"bookc/ast"
	"bookc/backends/html"
	"bookc/link"
)

// The page list: the EPUB marks where each page of the printed edition
// begins with an empty <span epub:type="pagebreak" role="doc-pagebreak">
// labelled as the PDF labels the page, lists the markers in a page-list
// navigation and names the print edition as its source. The pagination
// comes from build (link.PrintPage), never from the PDF backend itself.

// pageMarks is the plan of the markers: which pages go before which
// node, and the pages of each document in reading order.
type pageMarks struct {
	before map[any][]int    // node → pages whose markers go right before it
	inFile map[string][]int // document → its pages, in order
	done   []bool
}

// planPages places every printed page in a document: the title page in
// the title page document, contents pages at the start of the navigation
// document, the index pages at the start of the index, and a page of the
// main matter before the node its text begins with. A page that only
// continues a block goes before the next page's node.
func (b *book) planPages(pages []link.PrintPage) {
	if len(pages) == 0 {
		return
	}
	m := &pageMarks{before: map[any][]int{}, inFile: map[string][]int{}, done: make([]bool, len(pages))}
	b.marks = m
	fileOf := b.nodeFiles(pages)
	ids := newNamer()
	var waiting []int // main-matter pages that wait for the next page's node
	for i, p := range pages {
		pp := printPage{label: p.Label, id: ids.unique("_page-" + anchorPart(p.Label))}
		switch p.Part {
		case link.TitlePage:
			pp.file = titleFile
		case link.ImprintPage:
			pp.file = imprintFile
		case link.ContentsPage:
			pp.file = navFile
		case link.IndexPage:
			pp.file = indexFile
		default:
			f, ok := fileOf[p.At]
			if !ok {
				waiting = append(waiting, i)
				break
			}
			for _, k := range waiting {
				b.pages[k].file, b.pages[k].at = f, p.At
				m.before[p.At] = append(m.before[p.At], k)
			}
			waiting = waiting[:0]
			pp.file, pp.at = f, p.At
			m.before[p.At] = append(m.before[p.At], i)
		}
		b.pages = append(b.pages, pp)
	}
	// Pages that continue to the end of the main matter close its last
	// document.
	for _, k := range waiting {
		b.pages[k].file = b.lastFile()
	}
	for i := range b.pages {
		m.inFile[b.pages[i].file] = append(m.inFile[b.pages[i].file], i)
	}
}

// lastFile is the last document of the main matter.
func (b *book) lastFile() string {
	if len(b.chapters) == 0 {
		return indexFile
	}
	return b.chapters[len(b.chapters)-1].file
}

// nodeFiles maps each node some page begins with to the document that
// holds it.
func (b *book) nodeFiles(pages []link.PrintPage) map[any]string {
	want := map[any]bool{}
	for _, p := range pages {
		if p.At != nil {
			want[p.At] = true
		}
	}
	out := make(map[any]string, len(want))
	for _, c := range b.chapters {
		for _, e := range c.entries {
			add := func(n any) {
				if want[n] {
					out[n] = c.file
				}
			}
			add(e)
			addBlocks(e.Lead, add)
			for _, s := range e.Sections {
				add(s)
				addBlocks(s.Body, add)
			}
		}
	}
	return out
}

// addBlocks calls add for every block, nested ones included.
func addBlocks(bs []ast.Block, add func(any)) {
	for _, b := range bs {
		add(b)
		switch n := b.(type) {
		case *ast.List:
			for _, it := range n.Items {
				addBlocks(it, add)
			}
		case *ast.Quote:
			addBlocks(n.Blocks, add)
		}
	}
}

// anchorPart keeps the letters and digits of a page label for its id.
func anchorPart(label string) string {
	out := []rune{}
	for _, r := range label {
		if r < 128 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			out = append(out, r)
		} else {
			out = append(out, '-')
		}
	}
	if len(out) == 0 {
		return "x"
	}
	return string(out)
}

// marksBefore writes the page-break markers that go before node n, with
// any earlier markers of the same document not yet written, so that the
// markers keep the printed order.
func (r *renderer) marksBefore(n any) {
	m := r.b.marks
	if m == nil {
		return
	}
	ks, ok := m.before[n]
	if !ok {
		return
	}
	r.writeMarks(ks[len(ks)-1])
}

// writeMarks writes the markers of this document up to page last.
func (r *renderer) writeMarks(last int) {
	m := r.b.marks
	for _, k := range m.inFile[r.file] {
		if k > last {
			return
		}
		if m.done[k] {
			continue
		}
		m.done[k] = true
		p := r.b.pages[k]
		w := &r.W
		w.Raw(`<span epub:type="pagebreak" role="doc-pagebreak"`)
		w.Attr("id", p.id)
		w.Attr("aria-label", p.label)
		w.Raw("></span>")
	}
}

// marksAll writes every marker of this document not yet written: at the
// end of a chapter, for pages whose node the EPUB did not set.
func (r *renderer) marksAll() {
	if r.b.marks != nil {
		r.writeMarks(len(r.b.pages))
	}
}

// marksLead writes, at the start of a document, its markers that belong
// to no node: the title page, the contents and the index pages.
func (r *renderer) marksLead() {
	m := r.b.marks
	if m == nil {
		return
	}
	last := -1
	for _, k := range m.inFile[r.file] {
		if r.b.pages[k].at != nil {
			break
		}
		last = k
	}
	if last >= 0 {
		r.writeMarks(last)
	}
}

// pageList writes the page-list navigation: every printed page, linked to
// its marker.
func (b *book) pageList(w *html.Writer) {
	if len(b.pages) == 0 {
		return
	}
	w.Raw(`<nav epub:type="page-list" id="page-list" role="doc-pagelist" hidden="hidden"`)
	w.Attr("aria-label", b.words.PageList)
	w.Raw(">\n<h2>")
	w.Text(b.words.PageList)
	w.Raw("</h2>\n<ol>\n")
	for _, p := range b.pages {
		w.Raw("<li><a")
		w.Attr("href", p.file+"#"+p.id)
		w.Raw(">")
		w.Text(p.label)
		w.Raw("</a></li>\n")
	}
	w.Raw("</ol>\n</nav>\n")
}
