package epub

import (
	"strconv"
	"strings"

	"bookc/ast"
)

// blocks writes a sequence of blocks.
func (r *renderer) blocks(bs []ast.Block) {
	for _, b := range bs {
		r.block(b)
	}
}

func (r *renderer) block(b ast.Block) {
	r.marksBefore(b)
	w := &r.w
	switch n := b.(type) {
	case *ast.Para:
		w.raw("<p>")
		r.inlines(n.Inlines)
		w.raw("</p>\n")
	case *ast.Heading:
		r.heading(n)
	case *ast.List:
		r.list(n)
	case *ast.CodeBlock:
		r.codeBlock(n)
	case *ast.Quote:
		w.raw("<blockquote>\n")
		r.blocks(n.Blocks)
		w.raw("</blockquote>\n")
	case *ast.Table:
		r.table(n)
	case *ast.Figure:
		r.figure(n.Image)
	case *ast.Rule:
		w.raw("<hr/>\n")
	case *ast.RawBlock:
		r.rawBlock(n)
	}
}

// heading writes a heading inside an entry: entries are h1 and sections
// h2, so a level-n heading of the source becomes h(n-1).
func (r *renderer) heading(h *ast.Heading) {
	level := min(max(h.Level-1, 2), 6)
	tag := "h" + strconv.Itoa(level)
	r.w.raw("<", tag)
	r.id(r.b.anchors.of(h.Attr.ID))
	r.w.raw(">")
	r.inlines(h.Inlines)
	r.w.raw("</", tag, ">\n")
}

// list writes a bullet or numbered list. Items of a tight list set their
// first paragraph without <p>, as Markdown renders them.
func (r *renderer) list(l *ast.List) {
	w := &r.w
	tag := "ul"
	if l.Ordered {
		tag = "ol"
	}
	w.raw("<", tag)
	if l.Ordered && l.Start != 1 {
		w.attr("start", strconv.Itoa(l.Start))
	}
	w.raw(">\n")
	for _, it := range l.Items {
		w.raw("<li>")
		body := it
		if p, ok := firstPara(it); ok && l.Tight {
			r.marksBefore(p)
			r.inlines(p.Inlines)
			body = it[1:]
			if len(body) > 0 {
				w.raw("\n")
			}
		}
		r.blocks(body)
		w.raw("</li>\n")
	}
	w.raw("</", tag, ">\n")
}

// codeBlock writes code that wraps instead of being cut at the screen's
// edge; the stylesheet sets pre-wrap.
func (r *renderer) codeBlock(c *ast.CodeBlock) {
	w := &r.w
	w.raw(`<pre class="code"><code`)
	if lang := codeLang(c.Lang); lang != "" {
		w.attr("class", "language-"+lang)
	}
	w.raw(">")
	w.text(c.Text)
	w.raw("</code></pre>\n")
}

func codeLang(s string) string {
	return strings.Map(func(r rune) rune {
		if isAnchorRune(r) || r == '+' || r == '#' {
			return r
		}
		return -1
	}, s)
}

var alignClass = map[ast.Align]string{ast.AlignLeft: "al", ast.AlignCenter: "ac", ast.AlignRight: "ar"}

// table writes a pipe table with its head in thead and each column's
// alignment as a class.
func (r *renderer) table(t *ast.Table) {
	if len(t.Head) == 0 && len(t.Rows) == 0 {
		return
	}
	w := &r.w
	w.raw("<table>\n")
	if len(t.Head) > 0 {
		w.raw("<thead>\n")
		r.row(t, t.Head, "th")
		w.raw("</thead>\n")
	}
	if len(t.Rows) > 0 {
		w.raw("<tbody>\n")
		for _, row := range t.Rows {
			r.row(t, row, "td")
		}
		w.raw("</tbody>\n")
	}
	w.raw("</table>\n")
}

func (r *renderer) row(t *ast.Table, cells [][]ast.Inline, tag string) {
	w := &r.w
	w.raw("<tr>")
	for i, c := range cells {
		w.raw("<", tag)
		if tag == "th" {
			w.raw(` scope="col"`)
		}
		if i < len(t.Align) && alignClass[t.Align[i]] != "" {
			w.attr("class", alignClass[t.Align[i]])
		}
		w.raw(">")
		r.inlines(c)
		w.raw("</", tag, ">")
	}
	w.raw("</tr>\n")
}

// figure writes an image standing alone, its alt text doubling as the
// caption. An image that cannot go into the book leaves its alt text.
func (r *renderer) figure(img *ast.Image) {
	w := &r.w
	src, ok := r.b.media.image(img)
	if !ok {
		if img.Alt != "" {
			w.raw(`<p class="image-missing">`)
			w.text(img.Alt)
			w.raw("</p>\n")
		}
		return
	}
	w.raw(`<figure class="figure"><img`)
	w.attr("src", src)
	w.attr("alt", img.Alt)
	if img.Title != "" {
		w.attr("title", img.Title)
	}
	w.raw("/>")
	if img.Alt != "" {
		w.raw("<figcaption>")
		w.text(img.Alt)
		w.raw("</figcaption>")
	}
	w.raw("</figure>\n")
}

// rawBlock drops HTML written in the source: it is never passed into the
// book. Comments go silently.
func (r *renderer) rawBlock(n *ast.RawBlock) {
	text := strings.TrimSpace(n.Text)
	if isComment(text) {
		return
	}
	r.b.ds.Warnf(n.Pos, "raw HTML %s left out of the EPUB", quoteShort(text))
}

func isComment(s string) bool {
	return strings.HasPrefix(s, "<!--") && strings.HasSuffix(s, "-->")
}

// quoteShort quotes s for a message, shortened to its first line and at
// most 40 runes.
func quoteShort(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + "…"
	}
	if rs := []rune(s); len(rs) > 40 {
		s = string(rs[:40]) + "…"
	}
	return strconv.Quote(s)
}
