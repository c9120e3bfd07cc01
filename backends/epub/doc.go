package epub

import (
	"strconv"

	"bookc/ast"
)

// renderer writes one XHTML content document.
type renderer struct {
	b        *book
	file     string // the document's name, to tell local links from others
	w        xmlWriter
	ids      *namer             // ids used in this document
	entry    *ast.Entry         // the entry being written, for positions
	link     int                // depth of open <a> elements
	deferred []*ast.FootnoteRef // note references met inside a link
}

func (b *book) newRenderer(file string) *renderer {
	return &renderer{b: b, file: file, ids: newNamer()}
}

// header opens the document: XML declaration, html with lang and
// xml:lang, the title and the stylesheets, and body with its epub:type.
func (r *renderer) header(title, bodyType string) {
	w := &r.w
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>`, "\n<!DOCTYPE html>\n")
	w.raw(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"`)
	w.attr("lang", r.b.lang)
	w.attr("xml:lang", r.b.lang)
	w.raw(">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>")
	w.text(title)
	w.raw("</title>\n")
	for _, css := range r.b.styles {
		w.raw(`<link rel="stylesheet" type="text/css"`)
		w.attr("href", css)
		w.raw("/>\n")
	}
	w.raw("</head>\n<body")
	if bodyType != "" {
		w.attr("epub:type", bodyType)
	}
	w.raw(">\n")
}

// footer closes the document and returns its bytes.
func (r *renderer) footer() []byte {
	r.w.raw("</body>\n</html>\n")
	return r.w.bytes()
}

// id writes an id attribute, once per document: a second element with the
// same id gets a numbered one, so the document stays valid.
func (r *renderer) id(id string) {
	r.w.attr("id", r.ids.unique(id))
}

// chapterDoc renders a chapter's entries into one document.
func (b *book) chapterDoc(c *chapter) []byte {
	r := b.newRenderer(c.file)
	r.header(c.entry.TitleText(), "bodymatter")
	for _, e := range c.entries {
		r.entryBlock(e, e == c.entry)
	}
	r.marksAll()
	return r.footer()
}

// entryBlock writes one entry: heading, lead, sections and its notes.
func (r *renderer) entryBlock(e *ast.Entry, first bool) {
	r.entry = e
	w := &r.w
	w.raw(`<section class="entry`)
	if e.Chapter() && first {
		w.raw(`" epub:type="chapter" role="doc-chapter`)
	}
	w.raw(`"`)
	r.lang(e.Attr.Lang())
	w.raw(">\n")
	r.marksBefore(e)
	w.raw("<h1")
	r.id(r.b.anchors.of(e.ID()))
	if e.Term() {
		w.attr("class", "term")
	}
	w.raw(">")
	r.inlines(e.Title)
	w.raw("</h1>\n")
	if len(e.Lead) > 0 {
		w.raw("<div class=\"lead\">\n")
		r.blocks(e.Lead)
		w.raw("</div>\n")
	}
	for _, s := range e.Sections {
		r.section(s)
	}
	r.footnotes(e)
	w.raw("</section>\n")
}

// section writes a ### part of an entry; the see-also section becomes one
// compact line.
func (r *renderer) section(s *ast.Section) {
	r.marksBefore(s)
	if s.Kind == ast.SeeAlsoSection && len(s.Refs) > 0 {
		r.seeAlso(s)
		return
	}
	w := &r.w
	class := "section"
	switch s.Kind {
	case ast.ExplanationSection:
		class = "explanation"
	case ast.SeeAlsoSection:
		class = "seealso"
	}
	w.raw(`<section class="`, class, `"`)
	r.lang(s.Attr.Lang())
	w.raw(">\n<h2")
	r.id(r.b.anchors.of(s.Attr.ID))
	w.raw(">")
	r.inlines(s.Title)
	w.raw("</h2>\n")
	r.blocks(s.Body)
	w.raw("</section>\n")
}

// seeAlso writes "Siehe auch: BERT · Transformer · Index"; references
// that do not resolve stay plain text.
func (r *renderer) seeAlso(s *ast.Section) {
	w := &r.w
	w.raw("<p class=\"seealso\"")
	r.id(r.b.anchors.of(s.Attr.ID))
	w.raw("><span class=\"seealso-label\">")
	w.text(r.b.words.SeeAlso)
	w.raw(":</span> ")
	for i, in := range s.Refs {
		if i > 0 {
			w.raw("\u00a0· ")
		}
		r.inline(in)
	}
	w.raw("</p>\n")
	r.blocks(s.Body)
}

// footnotes writes an entry's notes as EPUB pop-up footnotes, each with a
// link back to where it is first referenced.
func (r *renderer) footnotes(e *ast.Entry) {
	w := &r.w
	for _, fn := range e.Footnotes {
		n := r.b.notes[fn]
		if n == nil {
			continue
		}
		w.raw(`<aside epub:type="footnote" role="doc-footnote" class="footnote"`)
		r.id(n.id)
		w.raw(">\n")
		body := fn.Body
		p, lead := firstPara(body)
		w.raw("<p>")
		r.backLink(n, fn.N)
		if lead {
			w.raw(" ")
			r.inlines(p.Inlines)
			body = body[1:]
		}
		w.raw("</p>\n")
		r.blocks(body)
		w.raw("</aside>\n")
	}
}

func firstPara(bs []ast.Block) (*ast.Para, bool) {
	if len(bs) == 0 {
		return nil, false
	}
	p, ok := bs[0].(*ast.Para)
	return p, ok
}

// backLink writes the note's number, linked to its first reference when
// that has been written.
func (r *renderer) backLink(n *note, num int) {
	w := &r.w
	label := strconv.Itoa(num)
	if n.refID == "" {
		w.raw(`<span class="note-number">`, label, "</span>")
		return
	}
	href := "#" + n.refID
	if n.refFile != r.file {
		href = n.refFile + href
	}
	w.raw(`<a class="note-number" role="doc-backlink"`)
	w.attr("href", href)
	w.attr("title", r.b.words.Back)
	w.raw(">", label, "</a>")
}
