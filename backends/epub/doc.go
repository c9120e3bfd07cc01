package epub

import (
	"strconv"
	"strings"

	"bookc/ast"
	"bookc/backends/html"
	"bookc/link"
)

func (b *book) newRenderer(file string) *renderer {
	r := &renderer{b: b, file: file, ids: newNamer()}
	r.Options = html.Options{XHTML: true, SectionLevel: 2, TableLabel: b.words.Table}
	r.Links = b.links
	r.Hooks = html.Hooks{
		Href:  func(_ *ast.Ref, t *link.Target) string { return b.href(t, file) },
		Image: b.media.image,
		Note:  r.noteRef,
		ID:    func(id string) string { return r.ids.unique(b.anchors.of(id)) },
		Mark:  r.marksBefore,
	}
	return r
}

// header opens the document: XML declaration, html with lang and
// xml:lang, the title and the stylesheets, and body with its epub:type.
func (r *renderer) header(title, bodyType string) {
	w := &r.W
	w.Raw(`<?xml version="1.0" encoding="UTF-8"?>`, "\n<!DOCTYPE html>\n")
	w.Raw(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"`)
	w.Attr("lang", r.b.lang)
	w.Attr("xml:lang", r.b.lang)
	w.Raw(">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>")
	w.Text(title)
	w.Raw("</title>\n")
	for _, css := range r.b.styles {
		w.Raw(`<link rel="stylesheet" type="text/css"`)
		w.Attr("href", css)
		w.Raw("/>\n")
	}
	w.Raw("</head>\n<body")
	if bodyType != "" {
		w.Attr("epub:type", bodyType)
	}
	w.Raw(">\n")
}

// footer closes the document and returns its bytes.
func (r *renderer) footer() []byte {
	r.W.Raw("</body>\n</html>\n")
	return r.W.Bytes()
}

// lang writes lang and xml:lang for an element with a language of its
// own.
func (r *renderer) lang(tag string) {
	if tag != "" {
		r.W.Attr("lang", tag)
		r.W.Attr("xml:lang", tag)
	}
}

// id writes an id attribute, once per document: a second element with the
// same id gets a numbered one, so the document stays valid.
func (r *renderer) id(id string) {
	r.W.Attr("id", r.ids.unique(id))
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
	w := &r.W
	w.Raw(`<section class="entry`)
	if e.Chapter() && first {
		w.Raw(`" epub:type="chapter" role="doc-chapter`)
	}
	w.Raw(`"`)
	r.lang(e.Attr.Lang())
	w.Raw(">\n")
	r.marksBefore(e)
	w.Raw("<h1")
	r.id(r.b.anchors.of(e.ID()))
	if e.Term() {
		w.Attr("class", "term")
	}
	w.Raw(">")
	r.Inlines(e.Title)
	w.Raw("</h1>\n")
	if len(e.Lead) > 0 {
		w.Raw("<div class=\"lead\">\n")
		r.Blocks(e.Lead)
		w.Raw("</div>\n")
	}
	for _, s := range e.Sections {
		r.section(s)
	}
	r.footnotes(e)
	w.Raw("</section>\n")
}

// section writes a ### part of an entry; the see-also section becomes one
// compact line.
func (r *renderer) section(s *ast.Section) {
	r.marksBefore(s)
	if s.Kind == ast.SeeAlsoSection && len(s.Refs) > 0 {
		r.seeAlso(s)
		return
	}
	w := &r.W
	class := "section"
	switch s.Kind {
	case ast.ExplanationSection:
		class = "explanation"
	case ast.SeeAlsoSection:
		class = "seealso"
	}
	w.Raw(`<section class="`, class, `"`)
	r.lang(s.Attr.Lang())
	w.Raw(">\n<h2")
	r.id(r.b.anchors.of(s.Attr.ID))
	w.Raw(">")
	r.Inlines(s.Title)
	w.Raw("</h2>\n")
	r.Blocks(s.Body)
	w.Raw("</section>\n")
}

// seeAlso writes "Siehe auch: BERT · Transformer · Index"; references
// that do not resolve stay plain text.
func (r *renderer) seeAlso(s *ast.Section) {
	w := &r.W
	w.Raw("<p class=\"seealso\"")
	r.id(r.b.anchors.of(s.Attr.ID))
	w.Raw("><span class=\"seealso-label\">")
	w.Text(r.b.words.SeeAlso)
	w.Raw(":</span> ")
	for i, in := range s.Refs {
		if i > 0 {
			w.Raw("\u00a0· ")
		}
		r.Inline(in)
	}
	w.Raw("</p>\n")
	r.Blocks(s.Body)
}

// footnotes writes an entry's notes as EPUB pop-up footnotes, each with a
// link back to where it is first referenced.
func (r *renderer) footnotes(e *ast.Entry) {
	w := &r.W
	for _, fn := range e.Footnotes {
		n := r.b.notes[fn]
		if n == nil {
			continue
		}
		w.Raw(`<aside epub:type="footnote" role="doc-footnote" class="footnote"`)
		r.id(n.id)
		w.Raw(">\n")
		body := fn.Body
		p, lead := html.FirstPara(body)
		w.Raw("<p>")
		r.backLink(n, fn.N)
		if lead {
			w.Raw(" ")
			r.Inlines(p.Inlines)
			body = body[1:]
		}
		w.Raw("</p>\n")
		r.Blocks(body)
		w.Raw("</aside>\n")
	}
}

// backLink writes the note's number, linked to its first reference when
// that has been written.
func (r *renderer) backLink(n *note, num int) {
	w := &r.W
	label := strconv.Itoa(num)
	if n.refID == "" {
		w.Raw(`<span class="note-number">`, label, "</span>")
		return
	}
	href := "#" + n.refID
	if n.refFile != r.file {
		href = n.refFile + href
	}
	w.Raw(`<a class="note-number" role="doc-backlink"`)
	w.Attr("href", href)
	w.Attr("title", r.b.words.Back)
	w.Raw(">", label, "</a>")
}

// noteRef writes a footnote reference as an EPUB noteref that pops up the
// note's aside.
func (r *renderer) noteRef(fr *ast.FootnoteRef) {
	n := r.b.notes[fr.Note]
	if n == nil {
		return
	}
	label := strconv.Itoa(fr.Note.N)
	n.refs++
	id := "_fnref" + strings.TrimPrefix(n.id, "_fn")
	if n.refs > 1 {
		id += "-" + strconv.Itoa(n.refs)
	}
	id = r.ids.unique(id)
	if n.refID == "" {
		n.refID, n.refFile = id, r.file
	}
	href := "#" + n.id
	if n.file != r.file {
		href = n.file + href
	}
	w := &r.W
	w.Raw(`<sup><a epub:type="noteref" role="doc-noteref" class="noteref"`)
	w.Attr("id", id)
	w.Attr("href", href)
	w.Raw(">", label, "</a></sup>")
}
