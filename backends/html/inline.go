package html

import (
	"strings"

	"bookc/ast"
	"bookc/link"
)

// Inlines writes a run of inline nodes.
func (r *Renderer) Inlines(ins []ast.Inline) {
	for _, in := range ins {
		r.Inline(in)
	}
}

// Inline writes one inline node.
func (r *Renderer) Inline(in ast.Inline) {
	w := &r.W
	switch n := in.(type) {
	case *ast.Text:
		w.Text(n.Text)
	case *ast.Space:
		if r.Compact {
			w.Raw(" ")
		} else {
			w.Raw("\n")
		}
	case *ast.LineBreak:
		r.void("br")
		r.nl()
	case *ast.Emph:
		r.Wrap(r.pick("em", "i"), n.Inlines)
	case *ast.Strong:
		r.Wrap(r.pick("strong", "b"), n.Inlines)
	case *ast.Code:
		w.Raw("<code>")
		w.Text(n.Text)
		w.Raw("</code>")
	case *ast.Link:
		r.link(n)
	case *ast.Ref:
		r.ref(n)
	case *ast.Image:
		r.inlineImage(n)
	case *ast.FootnoteRef:
		r.noteRef(n)
	case *ast.Span:
		r.span(n)
	}
}

// span writes a passage with a language of its own as a span with lang
// (and xml:lang in XHTML), so that speech output reads it in that
// language; a span without one is set as its content.
func (r *Renderer) span(n *ast.Span) {
	lang := n.Attr.Lang()
	if lang == "" {
		r.Inlines(n.Inlines)
		return
	}
	w := &r.W
	w.Raw("<span")
	w.Attr("lang", lang)
	if r.XHTML {
		w.Attr("xml:lang", lang)
	}
	w.Raw(">")
	r.Inlines(n.Inlines)
	w.Raw("</span>")
}

// pick returns the semantic tag, or the presentational one on a page
// without the stylesheet.
func (r *Renderer) pick(semantic, presentational string) string {
	if r.Presentational {
		return presentational
	}
	return semantic
}

// anchor writes ins as a link to href. Without an href, or inside another
// link (HTML forbids nesting them), the text is set plain. Footnote
// references met inside follow the link.
func (r *Renderer) anchor(href, class, title string, ins []ast.Inline) {
	if href == "" || r.depth > 0 {
		r.Inlines(ins)
		return
	}
	w := &r.W
	w.Raw("<a")
	r.class(class)
	w.Attr("href", href)
	if title != "" {
		w.Attr("title", title)
	}
	w.Raw(">")
	r.depth++
	r.Inlines(ins)
	r.depth--
	w.Raw("</a>")
	notes := r.deferred
	r.deferred = nil
	for _, n := range notes {
		r.noteRef(n)
	}
}

// link writes an external link, or its text when the linker's URL policy
// refuses the address. A link without text shows its address.
func (r *Renderer) link(n *ast.Link) {
	href, _ := link.URL(n.URL)
	ins := n.Inlines
	if len(ins) == 0 {
		ins = []ast.Inline{&ast.Text{Text: n.URL}}
	}
	r.anchor(href, "external", n.Title, ins)
}

// ref writes a cross-reference: a link where the Href hook gives one,
// else its text. A reference without text shows its target's title.
func (r *Renderer) ref(n *ast.Ref) {
	href := ""
	if t := r.Links.Ref(n); t != nil && r.Href != nil {
		href = r.Href(n, t)
	}
	ins := n.Inlines
	if len(ins) == 0 {
		ins = []ast.Inline{&ast.Text{Text: r.RefTitle(n)}}
	}
	r.anchor(href, "", "", ins)
}

// RefTitle names a reference's target: its title when it resolves, else
// the reference's own text, else the id.
func (r *Renderer) RefTitle(ref *ast.Ref) string {
	if t := r.Links.Ref(ref); t != nil && t.Title != "" {
		return Collapse(t.Title)
	}
	if s := Collapse(ast.PlainText(ref.Inlines)); s != "" {
		return s
	}
	return ref.Target
}

// inlineImage writes an image inside text, or its alt text when the
// output does not carry it.
func (r *Renderer) inlineImage(img *ast.Image) {
	src, ok := r.imageSrc(img)
	if !ok {
		r.W.Text(img.Alt)
		return
	}
	r.img(img, src, "inline")
}

// noteRef hands a footnote reference to the Note hook; inside a link it
// waits until the link is closed.
func (r *Renderer) noteRef(n *ast.FootnoteRef) {
	switch {
	case r.depth > 0:
		r.deferred = append(r.deferred, n)
	case r.Note != nil && n.Note != nil:
		r.Note(n)
	}
}

// Collapse turns runs of ASCII white space into single spaces and trims
// the ends; no-break spaces stay.
func Collapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
