// Package epub writes the book as an EPUB 3 file: one XHTML content
// document per chapter, a navigation document grouped by letter with an NCX
// for older readers, a generated index, title page and cover, all packed
// into a zip whose bytes depend on the book alone.
package epub

import (
	"fmt"

	"bookc/ast"
	"bookc/backends/html"
	bk "bookc/book"
	"bookc/config"
	"bookc/diag"
	"bookc/link"
)

// The generated files, beside the chapters in the package's folder.
const (
	navFile     = "nav.xhtml"
	ncxFile     = "toc.ncx"
	coverFile   = "cover.xhtml"
	titleFile   = "titlepage.xhtml"
	imprintFile = "imprint.xhtml"
	indexFile   = "index.xhtml"
	opfFile     = "content.opf"
	pkgDir      = "OEBPS/"
)

// FileName is the EPUB's name in the output folder.
const FileName = "book.epub"

// Render returns the EPUB. Problems with the book (a missing image, an
// unreadable cover) come back as diagnostics; the error is for failures of
// the writer itself. The page list follows the printed edition's
// pagination, when the build has one (in.PrintPages).
func Render(in *bk.Book) ([]bk.File, diag.List, error) {
	b := newBook(in.Doc, in.Links, in.Config)
	var pages []link.PrintPage
	if in.PrintPages != nil {
		var ds diag.List
		pages, ds = in.PrintPages()
		b.ds = append(b.ds, ds...)
	}
	b.planPages(pages)
	if err := b.build(); err != nil {
		return nil, b.ds, err
	}
	data, err := b.pack(deflateCacheOf(in.Memo))
	if err != nil {
		return nil, b.ds, fmt.Errorf("epub: %w", err)
	}
	return []bk.File{{Name: FileName, Data: data}}, b.ds, nil
}

// chapter is one content document: a chapter entry and the entries that
// follow it up to the next chapter.
type chapter struct {
	entry   *ast.Entry
	entries []*ast.Entry
	file    string // e.g. "hugging-face.xhtml"
	id      string // manifest id
}

// item is one file of the package, listed in the manifest.
type item struct {
	id, href, mediaType, props string
	data                       []byte
}

// note locates a footnote: the document and id of its aside, and the
// first reference to it once rendered.
type note struct {
	file, id string
	refFile  string
	refID    string
	refs     int
}

// book is the state of one rendering.
type book struct {
	doc     *ast.Document
	links   *link.Links
	cfg     *config.Book
	words   words
	lang    string
	ds      diag.List
	anchors *anchors
	// chapters in reading order, and the file of each chapter entry.
	chapters []*chapter
	fileOf   map[*ast.Entry]string
	notes    map[*ast.Footnote]*note
	media    *mediaSet
	styles   []string // stylesheet hrefs every document links
	items    []item   // the manifest, in order
	spine    []string // manifest ids in reading order
	coverImg string   // manifest id of the cover image
	// pages is the printed edition's page list, empty without one.
	pages []printPage
	marks *pageMarks
}

// printPage is one page of the printed edition, as the page list shows
// it.
type printPage struct {
	label string
	file  string // the document holding its page-break marker
	id    string
	at    any // the node the marker goes before; nil: at its document's start or end
}

// renderer writes one XHTML content document with the shared HTML writer;
// the EPUB's part is where links point, the media files, footnotes as
// EPUB pop-up notes and ids unique in the document.
type renderer struct {
	html.Renderer
	b    *book
	file string // the document's name, to tell local links from others
	ids  *namer // ids used in this document
}

func newBook(doc *ast.Document, links *link.Links, cfg *config.Book) *book {
	b := &book{doc: doc, links: links, cfg: cfg, words: wordsFor(cfg),
		fileOf: map[*ast.Entry]string{}, notes: map[*ast.Footnote]*note{}}
	lang, ok := langOf(cfg)
	if !ok {
		b.ds.Warnf(cfg.Pos("language"), "language %q is not a BCP 47 tag; the EPUB says \"und\"", cfg.Language)
	}
	b.lang = lang
	b.media = newMediaSet(b)
	b.anchors = newAnchors(bookIDs(doc))
	b.planChapters()
	b.planNotes()
	return b
}

// bookIDs lists every id the entries define, in reading order.
func bookIDs(doc *ast.Document) []string {
	var ids []string
	for _, e := range doc.Entries {
		ids = append(ids, e.ID())
		for _, s := range e.Sections {
			ids = append(ids, s.Attr.ID)
		}
		ast.Headings(e, func(h *ast.Heading) { ids = append(ids, h.Attr.ID) })
	}
	return ids
}

// planChapters names each chapter's file after the chapter's id and puts
// every entry into its chapter's document.
func (b *book) planChapters() {
	names := newNamer("nav", "toc", "cover", "titlepage", "imprint", "index", "content")
	byEntry := map[*ast.Entry]*chapter{}
	add := func(ch *ast.Entry) *chapter {
		base := names.unique(fileBase(ch.ID()))
		c := &chapter{entry: ch, file: base + ".xhtml", id: "c-" + base}
		byEntry[ch] = c
		b.fileOf[ch] = c.file
		b.chapters = append(b.chapters, c)
		return c
	}
	for _, ch := range b.links.Chapters() {
		add(ch)
	}
	for _, e := range b.doc.Entries {
		c := byEntry[b.links.ChapterOf(e)]
		if c == nil {
			c = add(e)
		}
		c.entries = append(c.entries, e)
	}
}

// planNotes gives every footnote the id of its aside, unique in the book.
func (b *book) planNotes() {
	for _, c := range b.chapters {
		for _, e := range c.entries {
			for _, fn := range e.Footnotes {
				id := fmt.Sprintf("_fn-%s-%d", b.anchors.of(e.ID()), fn.N)
				b.notes[fn] = &note{file: c.file, id: id}
			}
		}
	}
}

// build renders every file into b.items and b.spine.
func (b *book) build() error {
	b.addStyles()
	if err := b.addCover(); err != nil {
		return err
	}
	b.addPage("titlepage", titleFile, b.titlePage())
	if b.cfg.HasImprint() {
		b.addPage("imprint", imprintFile, b.imprintPage())
	}
	b.items = append(b.items, item{id: "nav", href: navFile, mediaType: "application/xhtml+xml", props: "nav", data: b.navDoc()})
	b.spine = append(b.spine, "nav")
	for _, c := range b.chapters {
		b.addPage(c.id, c.file, b.chapterDoc(c))
	}
	b.addPage("index", indexFile, b.indexPage())
	b.items = append(b.items, item{id: "ncx", href: ncxFile, mediaType: "application/x-dtbncx+xml", data: b.ncxDoc()})
	b.items = append(b.items, b.media.items()...)
	return nil
}

// addPage adds a content document to the manifest and the spine.
func (b *book) addPage(id, file string, data []byte) {
	b.items = append(b.items, item{id: id, href: file, mediaType: "application/xhtml+xml", data: data})
	b.spine = append(b.spine, id)
}

// href returns the link to a target from the document file, or "" when it
// has no place in the book.
func (b *book) href(t *link.Target, file string) string {
	if t.Kind == link.IndexTarget {
		return indexFile
	}
	target, ok := b.fileOf[t.Chapter]
	if !ok {
		return ""
	}
	frag := "#" + b.anchors.of(t.ID)
	if target == file {
		return frag
	}
	return target + frag
}

// entryHref returns the link to an entry's heading from outside its
// document.
func (b *book) entryHref(e *ast.Entry) string {
	ch := b.links.ChapterOf(e)
	if ch == nil {
		ch = e
	}
	return b.fileOf[ch] + "#" + b.anchors.of(e.ID())
}
