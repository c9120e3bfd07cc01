package epub

import (
	"net/url"
	"strconv"
	"strings"

	"bookc/ast"
)

// inlines writes a run of inline nodes.
func (r *renderer) inlines(ins []ast.Inline) {
	for _, in := range ins {
		r.inline(in)
	}
}

func (r *renderer) inline(in ast.Inline) {
	w := &r.w
	switch n := in.(type) {
	case *ast.Text:
		w.text(n.Text)
	case *ast.Space:
		w.raw("\n")
	case *ast.LineBreak:
		w.raw("<br/>\n")
	case *ast.Emph:
		w.raw("<em>")
		r.inlines(n.Inlines)
		w.raw("</em>")
	case *ast.Strong:
		w.raw("<strong>")
		r.inlines(n.Inlines)
		w.raw("</strong>")
	case *ast.Code:
		w.raw("<code>")
		w.text(n.Text)
		w.raw("</code>")
	case *ast.Link:
		r.extLink(n)
	case *ast.Ref:
		r.ref(n)
	case *ast.Image:
		r.inlineImage(n)
	case *ast.FootnoteRef:
		r.noteRef(n)
	case *ast.Span:
		r.span(n)
	case *ast.RawInline:
		r.rawInline(n)
	}
}

// span writes a passage with its own language as <span lang xml:lang>,
// so that speech output reads it in that language; a span without one is
// set as its content.
func (r *renderer) span(n *ast.Span) {
	lang := n.Attr.Lang()
	if lang == "" {
		r.inlines(n.Inlines)
		return
	}
	r.w.raw("<span")
	r.lang(lang)
	r.w.raw(">")
	r.inlines(n.Inlines)
	r.w.raw("</span>")
}

// lang writes lang and xml:lang, and notes that the book marks passages
// in other languages.
func (r *renderer) lang(tag string) {
	if tag == "" {
		return
	}
	r.b.langParts = true
	r.w.attr("lang", tag)
	r.w.attr("xml:lang", tag)
}

// anchor writes ins as a link to href. Without an href, or inside another
// link (HTML forbids nesting them), the text is set plain.
func (r *renderer) anchor(href, class, title string, ins []ast.Inline) {
	if href == "" || r.link > 0 {
		r.inlines(ins)
		return
	}
	w := &r.w
	w.raw("<a")
	if class != "" {
		w.attr("class", class)
	}
	w.attr("href", href)
	if title != "" {
		w.attr("title", title)
	}
	w.raw(">")
	r.link++
	r.inlines(ins)
	r.link--
	w.raw("</a>")
	notes := r.deferred
	r.deferred = nil
	for _, n := range notes {
		r.noteRef(n)
	}
}

// ref writes a cross-reference: a link to the target's document and id,
// or plain text when the reference does not resolve.
func (r *renderer) ref(n *ast.Ref) {
	href := ""
	if t := r.b.links.Ref(n); t != nil {
		href = r.b.href(t, r.file)
	}
	r.anchor(href, "", "", n.Inlines)
}

// extLink writes a link to an outside address. Only web and mail addresses
// become links; anything else (a relative file, javascript:) stays text.
func (r *renderer) extLink(n *ast.Link) {
	href, ok := safeURL(n.URL)
	if !ok {
		r.b.ds.Warnf(r.entry.Pos, "link %s in entry %q is not a web or mail address; set as text",
			quoteShort(n.URL), r.entry.TitleText())
	}
	r.anchor(href, "external", n.Title, n.Inlines)
}

// safeURL returns u fit for an href when its scheme is http, https, ftp or
// mailto, with anything a URL may not hold percent-encoded.
func safeURL(s string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "ftp":
		if u.Host == "" {
			return "", false
		}
	case "mailto":
		if u.Opaque == "" {
			return "", false
		}
	default:
		return "", false
	}
	return percentFix(u.String()), true
}

// percentFix percent-encodes the bytes that may not appear in a URL.
func percentFix(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// inlineImage writes an image inside text, or its alt text when the image
// cannot go into the book.
func (r *renderer) inlineImage(img *ast.Image) {
	src, ok := r.b.media.image(img)
	if !ok {
		r.w.text(img.Alt)
		return
	}
	r.w.raw(`<img class="inline"`)
	r.w.attr("src", src)
	r.w.attr("alt", img.Alt)
	if img.Title != "" {
		r.w.attr("title", img.Title)
	}
	r.w.raw("/>")
}

// noteRef writes a footnote reference as an EPUB noteref. Inside a link it
// waits until the link is closed.
func (r *renderer) noteRef(fr *ast.FootnoteRef) {
	if r.link > 0 {
		r.deferred = append(r.deferred, fr)
		return
	}
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
	w := &r.w
	w.raw(`<sup><a epub:type="noteref" role="doc-noteref" class="noteref"`)
	w.attr("id", id)
	w.attr("href", href)
	w.raw(">", label, "</a></sup>")
}

// rawInline drops inline HTML from the source; comments go silently.
func (r *renderer) rawInline(n *ast.RawInline) {
	text := strings.TrimSpace(n.Text)
	if isComment(text) {
		return
	}
	r.b.ds.Warnf(r.entry.Pos, "raw HTML %s in entry %q left out of the EPUB", quoteShort(text), r.entry.TitleText())
}
