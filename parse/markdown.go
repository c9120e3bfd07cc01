package parse

import (
	"html"
	"strings"
	"sync"

	"bookc/ast"
	"bookc/config"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// markdowns caches one goldmark instance per language; an instance is safe
// for concurrent parsing.
var markdowns sync.Map // string → goldmark.Markdown

// newMarkdown returns a goldmark instance for the book's language: pipe
// tables, footnotes, heading attributes, and typographic quotes in the
// language's style.
func newMarkdown(lang string) goldmark.Markdown {
	if md, ok := markdowns.Load(lang); ok {
		return md.(goldmark.Markdown)
	}
	md, _ := markdowns.LoadOrStore(lang, buildMarkdown(lang))
	return md.(goldmark.Markdown)
}

func buildMarkdown(lang string) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(quotes(lang))),
		),
		goldmark.WithParserOptions(parser.WithAttribute(),
			parser.WithASTTransformers(util.Prioritized(spanTransformer{}, 100))),
	)
}

func quotes(lang string) extension.TypographicSubstitutions {
	s := extension.TypographicSubstitutions{
		extension.EnDash:          []byte("–"),
		extension.EmDash:          []byte("—"),
		extension.Ellipsis:        []byte("…"),
		extension.Apostrophe:      []byte("’"),
		extension.LeftDoubleQuote: []byte("“"), extension.RightDoubleQuote: []byte("”"),
		extension.LeftSingleQuote: []byte("‘"), extension.RightSingleQuote: []byte("’"),
		extension.LeftAngleQuote: []byte("«"), extension.RightAngleQuote: []byte("»"),
	}
	switch config.BaseLanguage(lang) {
	case "de":
		s[extension.LeftDoubleQuote], s[extension.RightDoubleQuote] = []byte("„"), []byte("“")
		s[extension.LeftSingleQuote], s[extension.RightSingleQuote] = []byte("‚"), []byte("‘")
	case "fr":
		s[extension.LeftDoubleQuote], s[extension.RightDoubleQuote] = []byte("« "), []byte(" »")
	}
	return s
}

// converter turns one goldmark tree into ast nodes.
type converter struct {
	src   *source
	f     *fileParser
	depth int  // nesting of lists and quotes
	deep  bool // the depth warning was given
}

// maxDepth bounds the nesting of lists and block quotes. Deeper structure
// is flattened into its parent with a warning: no reader can follow it,
// and every backend then stays within bounded recursion and a positive
// measure.
const maxDepth = 24

func (c *converter) pos(n gast.Node) ast.Pos {
	if p := n.Pos(); p >= 0 {
		return c.src.pos(p)
	}
	if n.Type() == gast.TypeBlock && n.Lines().Len() > 0 {
		return c.src.lineStart(n.Lines().At(0).Start)
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.FirstChild() {
		if t, ok := ch.(*gast.Text); ok {
			return c.src.pos(t.Segment.Start)
		}
	}
	if p := n.Parent(); p != nil {
		return c.pos(p)
	}
	return ast.Pos{File: c.src.name, Line: 1, Col: 1}
}

func (c *converter) attr(n gast.Node) ast.Attr {
	var a ast.Attr
	for _, at := range n.Attributes() {
		val := attrValue(at.Value)
		switch string(at.Name) {
		case "id":
			a.ID = val
		case "class":
			a.Classes = append(a.Classes, strings.Fields(val)...)
		case "lang":
			if tag, ok := config.LanguageTag(val); ok {
				a.KV = append(a.KV, [2]string{"lang", tag})
			} else {
				c.f.ds.Warnf(c.pos(n), "unknown language tag %q (write a BCP 47 tag such as en, en-GB or de-AT); the text keeps the language around it", val)
			}
		default:
			a.KV = append(a.KV, [2]string{string(at.Name), val})
		}
	}
	return a
}

func attrValue(v any) string {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case string:
		return x
	}
	return ""
}

func (c *converter) blocks(n gast.Node) []ast.Block {
	var out []ast.Block
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > maxDepth {
		return c.flatten(n)
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if b := c.block(ch); b != nil {
			out = append(out, b)
		}
	}
	return out
}

func (c *converter) block(n gast.Node) ast.Block {
	switch n := n.(type) {
	case *gast.Paragraph, *gast.TextBlock:
		ins := c.inlines(n)
		if img := loneImage(ins); img != nil {
			return &ast.Figure{Image: img}
		}
		if len(ins) == 0 {
			return nil
		}
		return &ast.Para{Inlines: ins}
	case *gast.Heading:
		return &ast.Heading{Pos: c.pos(n), Level: n.Level, Attr: c.attr(n), Inlines: c.inlines(n)}
	case *gast.List:
		return c.list(n)
	case *gast.FencedCodeBlock:
		return &ast.CodeBlock{Lang: string(n.Language(c.src.text)), Text: c.lines(n)}
	case *gast.CodeBlock:
		return &ast.CodeBlock{Text: c.lines(n)}
	case *gast.Blockquote:
		return &ast.Quote{Blocks: c.blocks(n)}
	case *gast.ThematicBreak:
		return &ast.Rule{}
	case *gast.HTMLBlock:
		if bs := c.htmlBlock(c.pos(n), c.rawHTML(n)); len(bs) > 0 {
			return bs[0]
		}
		return nil
	case *east.Table:
		return c.table(n)
	}
	return nil
}

// flatten sets nested structure below maxDepth as plain paragraphs.
func (c *converter) flatten(n gast.Node) []ast.Block {
	if !c.deep {
		c.deep = true
		c.f.ds.Warnf(c.pos(n), "lists or quotes nested deeper than %d levels are flattened", maxDepth)
	}
	var out []ast.Block
	gast.Walk(n, func(ch gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch ch.(type) {
		case *gast.Paragraph, *gast.TextBlock, *gast.Heading:
			if ins := c.inlines(ch); len(ins) > 0 {
				out = append(out, &ast.Para{Inlines: ins})
			}
			return gast.WalkSkipChildren, nil
		case *gast.FencedCodeBlock, *gast.CodeBlock:
			out = append(out, c.block(ch))
			return gast.WalkSkipChildren, nil
		}
		return gast.WalkContinue, nil
	})
	return out
}

func loneImage(ins []ast.Inline) *ast.Image {
	if len(ins) != 1 {
		return nil
	}
	img, _ := ins[0].(*ast.Image)
	return img
}

func (c *converter) lines(n gast.Node) string {
	var b strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b.Write(seg.Value(c.src.text))
	}
	return strings.TrimRight(b.String(), "\n")
}

func (c *converter) rawHTML(n *gast.HTMLBlock) string {
	s := c.lines(n)
	if n.HasClosure() {
		s += "\n" + string(n.ClosureLine.Value(c.src.text))
	}
	return strings.TrimRight(s, "\n")
}

func (c *converter) list(n *gast.List) ast.Block {
	l := &ast.List{Ordered: n.IsOrdered(), Start: n.Start, Tight: n.IsTight}
	for it := n.FirstChild(); it != nil; it = it.NextSibling() {
		l.Items = append(l.Items, c.blocks(it))
	}
	return l
}

func (c *converter) table(t *east.Table) ast.Block {
	out := &ast.Table{}
	for _, a := range t.Alignments {
		out.Align = append(out.Align, map[east.Alignment]ast.Align{
			east.AlignLeft: ast.AlignLeft, east.AlignRight: ast.AlignRight, east.AlignCenter: ast.AlignCenter,
		}[a])
	}
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells [][]ast.Inline
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, c.inlines(cell))
		}
		for len(cells) < len(out.Align) {
			cells = append(cells, nil)
		}
		if _, ok := row.(*east.TableHeader); ok {
			out.Head = cells
		} else {
			out.Rows = append(out.Rows, cells)
		}
	}
	return out
}

func (c *converter) inlines(n gast.Node) []ast.Inline {
	var out []ast.Inline
	var runs []htmlRun
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if raw, ok := ch.(*gast.RawHTML); ok {
			runs = append(runs, htmlRun{ins: out, tag: c.rawInline(raw)})
			out = nil
			continue
		}
		out = c.inline(out, ch)
	}
	if runs != nil {
		return c.sanitizeInlines(c.pos(n), append(runs, htmlRun{ins: out}))
	}
	return out
}

// rawInline returns inline HTML as written in the source.
func (c *converter) rawInline(n *gast.RawHTML) string {
	var b strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b.Write(seg.Value(c.src.text))
	}
	return b.String()
}

// appendText adds text, merging it with a preceding Text node.
func appendText(out []ast.Inline, s string) []ast.Inline {
	if s == "" {
		return out
	}
	if len(out) > 0 {
		if t, ok := out[len(out)-1].(*ast.Text); ok {
			t.Text += s
			return out
		}
	}
	return append(out, &ast.Text{Text: s})
}

func (c *converter) inline(out []ast.Inline, n gast.Node) []ast.Inline {
	switch n := n.(type) {
	case *gast.Text:
		v := n.Value(c.src.text)
		if !n.IsRaw() {
			v = util.UnescapePunctuations(v)
		}
		out = appendText(out, unescape(v))
		switch {
		case n.HardLineBreak():
			out = append(out, &ast.LineBreak{})
		case n.SoftLineBreak():
			out = append(out, &ast.Space{})
		}
	case *gast.String:
		out = appendText(out, html.UnescapeString(string(n.Value)))
	case *gast.CodeSpan:
		out = append(out, &ast.Code{Text: c.codeText(n)})
	case *gast.Emphasis:
		if n.Level >= 2 {
			out = append(out, &ast.Strong{Inlines: c.inlines(n)})
		} else {
			out = append(out, &ast.Emph{Inlines: c.inlines(n)})
		}
	case *gast.Link:
		out = append(out, c.link(n, string(n.Destination), string(n.Title)))
	case *gast.AutoLink:
		url := string(n.URL(c.src.text))
		if n.AutoLinkType == gast.AutoLinkEmail && !strings.HasPrefix(url, "mailto:") {
			url = "mailto:" + url
		}
		out = append(out, &ast.Link{Pos: c.pos(n), URL: url, Inlines: []ast.Inline{&ast.Text{Text: string(n.Label(c.src.text))}}})
	case *gast.Image:
		out = append(out, &ast.Image{Pos: c.pos(n), Src: string(n.Destination), Alt: ast.PlainText(c.inlines(n)), Title: string(n.Title)})
	case *east.FootnoteLink:
		out = append(out, &ast.FootnoteRef{Note: c.f.footnote(n.Index, c)})
	case *spanNode:
		out = append(out, &ast.Span{Attr: c.attr(n), Inlines: c.inlines(n)})
	default:
		out = append(out, c.inlines(n)...)
	}
	return out
}

func (c *converter) codeText(n gast.Node) string {
	var b strings.Builder
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch t := ch.(type) {
		case *gast.Text:
			b.Write(t.Value(c.src.text))
		case *gast.String:
			b.Write(t.Value)
		}
	}
	return b.String()
}

func (c *converter) link(n gast.Node, dest, title string) ast.Inline {
	ins := c.inlines(n)
	if strings.HasPrefix(dest, "#") {
		return &ast.Ref{Pos: c.pos(n), Target: unescapeURL(dest[1:]), Inlines: ins}
	}
	return &ast.Link{Pos: c.pos(n), URL: dest, Title: title, Inlines: ins}
}

func unescape(b []byte) string {
	s := string(b)
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

// unescapeURL decodes percent-escapes that goldmark adds to non-ASCII
// destinations, so "#%C3%9Cberanpassung" finds "#Überanpassung".
func unescapeURL(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
