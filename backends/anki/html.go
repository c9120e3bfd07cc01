package anki

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"

	"bookc/ast"
	"bookc/link"
)

// renderer turns an entry into the HTML of its card's back. Only a small,
// fixed set of elements is written, and only fixed attributes: src and alt
// on images, href on https links, start on lists, border on tables,
// alignment styles on table cells and a font size on the footnotes. Every
// text is escaped.
type renderer struct {
	links *link.Links
	media *mediaSet
	opts  *options
	b     bytes.Buffer
	// notes are the footnotes the card uses, in the order of their first
	// reference on the card; num numbers them from 1.
	notes []*ast.Footnote
	num   map[*ast.Footnote]int
}

func newRenderer(links *link.Links, media *mediaSet, o *options) *renderer {
	return &renderer{links: links, media: media, opts: o, num: map[*ast.Footnote]int{}}
}

// back returns the HTML of e's card back: the lead and/or the body
// sections, the see-also line, and the footnotes they use. The bytes are
// valid until the next call.
func (r *renderer) back(e *ast.Entry) []byte {
	r.b.Reset()
	r.notes = r.notes[:0]
	clear(r.num)
	lang := e.Attr.Lang()
	if lang != "" {
		r.b.WriteString(`<div lang="`)
		r.attr(lang)
		r.b.WriteString(`">`)
	}
	if r.opts.lead {
		r.blocks(e.Lead, false)
	}
	if r.opts.explanation {
		for _, s := range e.Sections {
			if s.Kind == ast.SeeAlsoSection {
				continue
			}
			r.b.WriteString("<h4>")
			r.inlines(s.Title)
			r.b.WriteString("</h4>")
			r.blocks(s.Body, false)
		}
	}
	if r.opts.seeAlso {
		r.seeAlso(e)
	}
	r.footnotes()
	if lang != "" {
		r.b.WriteString("</div>")
	}
	return r.b.Bytes()
}

// blocks writes blocks; tight drops the <p> around paragraphs, as in the
// items of a tight list.
func (r *renderer) blocks(bs []ast.Block, tight bool) {
	for i, b := range bs {
		if p, ok := b.(*ast.Para); ok && tight {
			if i > 0 {
				r.b.WriteString("<br>")
			}
			r.inlines(p.Inlines)
			continue
		}
		r.block(b)
	}
}

func (r *renderer) block(b ast.Block) {
	switch n := b.(type) {
	case *ast.Para:
		r.wrap("p", n.Inlines)
	case *ast.Heading:
		r.b.WriteString("<p>")
		r.wrap("b", n.Inlines)
		r.b.WriteString("</p>")
	case *ast.List:
		r.list(n)
	case *ast.CodeBlock:
		r.b.WriteString("<pre><code>")
		r.text(n.Text)
		r.b.WriteString("</code></pre>")
	case *ast.Quote:
		r.b.WriteString("<blockquote>")
		r.blocks(n.Blocks, false)
		r.b.WriteString("</blockquote>")
	case *ast.Table:
		r.table(n)
	case *ast.Figure:
		r.b.WriteString("<div>")
		r.image(n.Image)
		r.b.WriteString("</div>")
	case *ast.Rule:
		r.b.WriteString("<hr>")
	case *ast.RawBlock:
		if s := sanitizeBlock(n.Text); s != "" {
			r.b.WriteString("<p>" + s + "</p>")
		}
	}
}

// wrap writes inlines inside the element tag.
func (r *renderer) wrap(tag string, ins []ast.Inline) {
	r.b.WriteString("<" + tag + ">")
	r.inlines(ins)
	r.b.WriteString("</" + tag + ">")
}

func (r *renderer) list(l *ast.List) {
	tag := "ul"
	if l.Ordered {
		tag = "ol"
	}
	r.b.WriteString("<" + tag)
	if l.Ordered && l.Start > 1 {
		r.b.WriteString(` start="` + strconv.Itoa(l.Start) + `"`)
	}
	r.b.WriteString(">")
	for _, it := range l.Items {
		r.b.WriteString("<li>")
		r.blocks(it, l.Tight)
		r.b.WriteString("</li>")
	}
	r.b.WriteString("</" + tag + ">")
}

func (r *renderer) table(t *ast.Table) {
	r.b.WriteString(`<table border="1">`)
	if len(t.Head) > 0 {
		r.b.WriteString("<thead>")
		r.row("th", t.Head, t.Align)
		r.b.WriteString("</thead>")
	}
	r.b.WriteString("<tbody>")
	for _, row := range t.Rows {
		r.row("td", row, t.Align)
	}
	r.b.WriteString("</tbody></table>")
}

func (r *renderer) row(tag string, cells [][]ast.Inline, align []ast.Align) {
	r.b.WriteString("<tr>")
	for i, c := range cells {
		r.b.WriteString("<" + tag)
		if i < len(align) {
			switch align[i] {
			case ast.AlignLeft:
				r.b.WriteString(` style="text-align:left"`)
			case ast.AlignCenter:
				r.b.WriteString(` style="text-align:center"`)
			case ast.AlignRight:
				r.b.WriteString(` style="text-align:right"`)
			}
		}
		r.b.WriteString(">")
		r.inlines(c)
		r.b.WriteString("</" + tag + ">")
	}
	r.b.WriteString("</tr>")
}

// inlines writes a run of inlines. HTML written in the source is filtered
// through a rawState of its own, so every element it opens is closed
// before the run ends.
func (r *renderer) inlines(ins []ast.Inline) {
	var st rawState
	for _, in := range ins {
		if raw, ok := in.(*ast.RawInline); ok {
			r.b.WriteString(st.inline(raw.Text))
			continue
		}
		if st.skipping() {
			continue
		}
		r.inline(in)
	}
	r.b.WriteString(st.close())
}

func (r *renderer) inline(in ast.Inline) {
	switch n := in.(type) {
	case *ast.Text:
		r.text(n.Text)
	case *ast.Space:
		r.b.WriteByte(' ')
	case *ast.LineBreak:
		r.b.WriteString("<br>")
	case *ast.Emph:
		r.wrap("i", n.Inlines)
	case *ast.Strong:
		r.wrap("b", n.Inlines)
	case *ast.Code:
		r.b.WriteString("<code>")
		r.text(n.Text)
		r.b.WriteString("</code>")
	case *ast.Link:
		r.link(n)
	case *ast.Ref:
		r.ref(n)
	case *ast.Image:
		r.image(n)
	case *ast.FootnoteRef:
		r.footnoteRef(n.Note)
	case *ast.Span:
		r.span(n)
	}
}

// front returns the card's front: the entry's title, marked with the
// entry's language when it has its own.
func front(e *ast.Entry) string {
	t := escapeText(collapseSpace(e.TitleText()))
	if lang := e.Attr.Lang(); lang != "" && t != "" {
		return `<span lang="` + attrEscaper.Replace(lang) + `">` + t + "</span>"
	}
	return t
}

// span writes a passage in another language with its lang attribute, so
// that Anki's text-to-speech and the reader's browser know it.
func (r *renderer) span(n *ast.Span) {
	lang := n.Attr.Lang()
	if lang == "" {
		r.inlines(n.Inlines)
		return
	}
	r.b.WriteString(`<span lang="`)
	r.attr(lang)
	r.b.WriteString(`">`)
	r.inlines(n.Inlines)
	r.b.WriteString("</span>")
}

// link writes an external link: a link for https addresses, its text
// alone for any other scheme.
func (r *renderer) link(l *ast.Link) {
	if !safeURL(l.URL) {
		r.inlines(l.Inlines)
		return
	}
	r.b.WriteString(`<a href="`)
	r.attr(l.URL)
	r.b.WriteString(`">`)
	if len(l.Inlines) == 0 {
		r.text(l.URL)
	}
	r.inlines(l.Inlines)
	r.b.WriteString("</a>")
}

// safeURL accepts absolute https URLs with a host and nothing else.
func safeURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && strings.EqualFold(u.Scheme, "https") && u.Host != ""
}

// ref writes a cross-reference as its text: a card has nothing to link
// to. A reference without text shows its target's title.
func (r *renderer) ref(ref *ast.Ref) {
	if len(ref.Inlines) > 0 {
		r.inlines(ref.Inlines)
		return
	}
	r.text(r.refTitle(ref))
}

// refTitle names a reference's target: its title when it resolves, else
// the reference's own text, else the id.
func (r *renderer) refTitle(ref *ast.Ref) string {
	if r.links != nil {
		if t := r.links.Ref(ref); t != nil && t.Title != "" {
			return collapseSpace(t.Title)
		}
	}
	if s := collapseSpace(ast.PlainText(ref.Inlines)); s != "" {
		return s
	}
	return ref.Target
}

// image writes an image whose file the media set could take, else its
// alternative text.
func (r *renderer) image(img *ast.Image) {
	name, ok := r.media.add(img)
	if !ok {
		r.text(img.Alt)
		return
	}
	r.b.WriteString(`<img src="`)
	r.attr(name)
	r.b.WriteString(`" alt="`)
	r.attr(img.Alt)
	r.b.WriteString(`">`)
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")
)

// escapeText escapes text for HTML element content.
func escapeText(s string) string { return textEscaper.Replace(s) }

// text writes s escaped as element content.
func (r *renderer) text(s string) { textEscaper.WriteString(&r.b, s) }

// attr writes s escaped for a double-quoted attribute value.
func (r *renderer) attr(s string) { attrEscaper.WriteString(&r.b, s) }

// seeAlso writes the line "Siehe auch: A, B" from the see-also section's
// references: resolved ones by their target's title, unresolved ones by
// their text. The index and the entry itself are left out.
func (r *renderer) seeAlso(e *ast.Entry) {
	s := e.SeeAlso()
	if s == nil {
		return
	}
	var names []string
	seen := map[string]bool{}
	for _, in := range s.Refs {
		name := r.seeAlsoName(in, e)
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		names = append(names, escapeText(name))
	}
	if len(names) == 0 {
		return
	}
	r.b.WriteString("<p>" + escapeText(r.opts.seeAlsoLabel) + ": " + strings.Join(names, ", ") + "</p>")
}

// seeAlsoName names one see-also link, or returns "" for the index and
// the entry itself.
func (r *renderer) seeAlsoName(in ast.Inline, e *ast.Entry) string {
	switch n := in.(type) {
	case *ast.Ref:
		if n.Target == link.IndexID {
			return ""
		}
		if r.links != nil {
			if t := r.links.Ref(n); t != nil && t.Kind == link.EntryTarget && t.Entry == e {
				return ""
			}
		}
		return r.refTitle(n)
	case *ast.Link:
		return collapseSpace(ast.PlainText(n.Inlines))
	}
	return ""
}

// footnoteRef writes a footnote's number on this card.
func (r *renderer) footnoteRef(n *ast.Footnote) {
	if n == nil {
		return
	}
	k, ok := r.num[n]
	if !ok {
		r.notes = append(r.notes, n)
		k = len(r.notes)
		r.num[n] = k
	}
	r.b.WriteString("<sup>" + strconv.Itoa(k) + "</sup>")
}

// footnotes writes the notes the card referenced, in smaller type at the
// end of the back. A note may reference another, which then follows.
func (r *renderer) footnotes() {
	if len(r.notes) == 0 {
		return
	}
	r.b.WriteString(`<div style="font-size:smaller">`)
	for i := 0; i < len(r.notes); i++ {
		body := r.notes[i].Body
		r.b.WriteString("<p><sup>" + strconv.Itoa(i+1) + "</sup> ")
		if len(body) > 0 {
			if p, ok := body[0].(*ast.Para); ok {
				r.inlines(p.Inlines)
				body = body[1:]
			}
		}
		r.b.WriteString("</p>")
		r.blocks(body, false)
	}
	r.b.WriteString("</div>")
}
