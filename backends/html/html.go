// Package html is the book's one HTML writer: the EPUB's content
// documents, the Anki cards and the preview all render the tree through
// it. The few ways they differ are Options (XHTML or HTML, one line or
// many, stylesheet or not) and Hooks (where a cross-reference points,
// where an image lives, how a footnote reference looks, which id a
// heading carries), as goldmark's renderer has one overridable function
// per node kind.
//
// Only markup this package writes reaches the output: every text and
// attribute value from the book is escaped, and the tree holds no raw
// HTML.
package html

import (
	"strconv"

	"bookc/ast"
	"bookc/link"
)

// Options are the ways an EPUB page and a card differ in markup.
type Options struct {
	// XHTML closes void elements (<br/>), as an EPUB content document,
	// which is XML, needs.
	XHTML bool
	// Compact writes everything on one line: no newline after a block, a
	// space for a line end of the source. A card's field is one CSV cell.
	Compact bool
	// Presentational writes for a page without the book's stylesheet (a
	// card): b and i as Anki's editor writes them, table borders and cell
	// alignment as attributes, no classes.
	Presentational bool
	// SectionLevel is the HTML level of an entry's ### sections. A heading
	// of level n in an entry's body is set at SectionLevel+n-3, at least
	// SectionLevel and at most 6.
	SectionLevel int
	// TableLabel, when set, puts every table into a box that scrolls
	// sideways on its own, so that a wide table never widens the page on a
	// narrow screen: a focusable region named TableLabel and the table's
	// number in its document ("Tabelle 2").
	TableLabel string
}

// Hooks are the backend's part in rendering. A nil hook has the default
// given with it.
type Hooks struct {
	// Href returns where a resolved cross-reference points; "" (and the
	// default) sets the reference as text.
	Href func(ref *ast.Ref, t *link.Target) string
	// Image returns the src of an image the output carries; false (and the
	// default) sets its alt text instead.
	Image func(img *ast.Image) (src string, ok bool)
	// Note writes a footnote reference into the renderer's Writer; by
	// default the reference is left out. Inside a link it is called once
	// the link is closed, since links do not nest.
	Note func(n *ast.FootnoteRef)
	// ID returns the id attribute of a heading with the given id; ""
	// (and the default) writes none.
	ID func(id string) string
	// Mark is called before each block is written, and before the first
	// paragraph of a tight list item, which has no element of its own: the
	// EPUB puts its page-break markers there.
	Mark func(node any)
}

// Renderer writes blocks and inlines into W.
type Renderer struct {
	W Writer
	Options
	Hooks
	// Links names the targets of cross-references; it may be nil.
	Links *link.Links

	depth    int                // open <a> elements
	deferred []*ast.FootnoteRef // note references met inside a link
	tables   int                // tables written, for their labels
}

// nl ends a line unless the output is compact.
func (r *Renderer) nl() {
	if !r.Compact {
		r.W.Raw("\n")
	}
}

// void writes a void element's tag, self-closed in XHTML.
func (r *Renderer) void(tag string) {
	r.W.Raw("<", tag)
	r.closeVoid()
}

func (r *Renderer) closeVoid() {
	if r.XHTML {
		r.W.Raw("/>")
	} else {
		r.W.Raw(">")
	}
}

// class writes a class attribute when the page has the stylesheet.
func (r *Renderer) class(c string) {
	if !r.Presentational && c != "" {
		r.W.Attr("class", c)
	}
}

// Blocks writes a sequence of blocks.
func (r *Renderer) Blocks(bs []ast.Block) {
	for _, b := range bs {
		r.Block(b)
	}
}

// Block writes one block.
func (r *Renderer) Block(b ast.Block) {
	if r.Mark != nil {
		r.Mark(b)
	}
	w := &r.W
	switch n := b.(type) {
	case *ast.Para:
		r.Wrap("p", n.Inlines)
		r.nl()
	case *ast.Heading:
		r.heading(n)
	case *ast.List:
		r.list(n)
	case *ast.CodeBlock:
		r.codeBlock(n)
	case *ast.Quote:
		w.Raw("<blockquote>")
		r.nl()
		r.Blocks(n.Blocks)
		w.Raw("</blockquote>")
		r.nl()
	case *ast.Table:
		r.table(n)
	case *ast.Figure:
		r.figure(n.Image)
	case *ast.Rule:
		r.void("hr")
		r.nl()
	}
}

// Wrap writes inlines inside the element tag.
func (r *Renderer) Wrap(tag string, ins []ast.Inline) {
	r.W.Raw("<", tag, ">")
	r.Inlines(ins)
	r.W.Raw("</", tag, ">")
}

// headingID writes the id attribute the ID hook gives id, if any.
func (r *Renderer) headingID(id string) {
	if r.Hooks.ID == nil {
		return
	}
	if v := r.Hooks.ID(id); v != "" {
		r.W.Attr("id", v)
	}
}

// heading writes a heading inside an entry, below the section level.
func (r *Renderer) heading(h *ast.Heading) {
	level := min(max(h.Level-3+r.SectionLevel, r.SectionLevel), 6)
	tag := "h" + strconv.Itoa(level)
	r.W.Raw("<", tag)
	r.headingID(h.Attr.ID)
	r.W.Raw(">")
	r.Inlines(h.Inlines)
	r.W.Raw("</", tag, ">")
	r.nl()
}

// list writes a bullet or numbered list. Items of a tight list set their
// first paragraph without <p>, as Markdown renders them.
func (r *Renderer) list(l *ast.List) {
	w := &r.W
	tag := "ul"
	if l.Ordered {
		tag = "ol"
	}
	w.Raw("<", tag)
	if l.Ordered && l.Start != 1 {
		w.Attr("start", strconv.Itoa(l.Start))
	}
	w.Raw(">")
	r.nl()
	for _, it := range l.Items {
		w.Raw("<li>")
		body := it
		if p, ok := FirstPara(it); ok && l.Tight {
			if r.Mark != nil {
				r.Mark(p)
			}
			r.Inlines(p.Inlines)
			body = it[1:]
			if len(body) > 0 {
				r.nl()
			}
		}
		r.Blocks(body)
		w.Raw("</li>")
		r.nl()
	}
	w.Raw("</", tag, ">")
	r.nl()
}

// FirstPara returns the paragraph that opens bs, if it opens with one.
func FirstPara(bs []ast.Block) (*ast.Para, bool) {
	if len(bs) == 0 {
		return nil, false
	}
	p, ok := bs[0].(*ast.Para)
	return p, ok
}

// codeBlock writes code that wraps instead of being cut at the screen's
// edge; the stylesheet sets pre-wrap.
func (r *Renderer) codeBlock(c *ast.CodeBlock) {
	w := &r.W
	w.Raw("<pre")
	r.class("code")
	w.Raw("><code")
	if lang := codeLang(c.Lang); lang != "" {
		r.class("language-" + lang)
	}
	w.Raw(">")
	w.Text(c.Text)
	w.Raw("</code></pre>")
	r.nl()
}

// codeLang keeps the characters of a code block's language that may stand
// in a class name.
func codeLang(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '+' || c == '#' {
			out = append(out, c)
		}
	}
	return string(out)
}
