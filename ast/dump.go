package ast

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Dump writes a readable, stable text form of the document, for golden
// tests and for `bookc check --dump`.
func Dump(w io.Writer, d *Document) {
	p := &dumper{w: w}
	for _, e := range d.Entries {
		p.entry(e)
	}
}

type dumper struct {
	w     io.Writer
	depth int
}

func (p *dumper) line(format string, args ...any) {
	fmt.Fprintf(p.w, "%s%s\n", strings.Repeat("  ", p.depth), fmt.Sprintf(format, args...))
}

func (p *dumper) entry(e *Entry) {
	p.line("Entry %s %s @%s", attrString(e.Attr, e.AutoID), quote(e.TitleText()), e.Pos)
	p.depth++
	p.line("Lead")
	p.blocks(e.Lead)
	for _, s := range e.Sections {
		p.line("Section %s %s @%s", attrString(s.Attr, s.AutoID), quote(PlainText(s.Title)), s.Pos)
		p.blocks(s.Body)
		if len(s.Refs) > 0 {
			p.depth++
			p.line("Refs")
			p.inlines(s.Refs)
			p.depth--
		}
	}
	for _, f := range e.Footnotes {
		p.line("Footnote %d [^%s] @%s", f.N, f.Label, f.Pos)
		p.blocks(f.Body)
	}
	p.depth--
}

func attrString(a Attr, auto bool) string {
	s := "#" + a.ID
	if auto {
		s += "(auto)"
	}
	for _, c := range a.Classes {
		s += " ." + c
	}
	for _, kv := range a.KV {
		s += " " + kv[0] + "=" + strconv.Quote(kv[1])
	}
	return "{" + s + "}"
}

func quote(s string) string { return strconv.Quote(s) }

func (p *dumper) blocks(bs []Block) {
	p.depth++
	defer func() { p.depth-- }()
	for _, b := range bs {
		p.block(b)
	}
}

func (p *dumper) block(b Block) {
	switch n := b.(type) {
	case *Para:
		p.line("Para")
		p.inlines(n.Inlines)
	case *Heading:
		p.line("Heading %d %s @%s", n.Level, attrString(n.Attr, n.AutoID), n.Pos)
		p.inlines(n.Inlines)
	case *List:
		p.line("List ordered=%v start=%d tight=%v", n.Ordered, n.Start, n.Tight)
		for _, it := range n.Items {
			p.depth++
			p.line("Item")
			p.blocks(it)
			p.depth--
		}
	case *CodeBlock:
		p.line("Code %q %q", n.Lang, n.Text)
	case *Quote:
		p.line("Quote")
		p.blocks(n.Blocks)
	case *Table:
		p.table(n)
	case *Figure:
		p.line("Figure src=%q alt=%q @%s", n.Image.Src, n.Image.Alt, n.Image.Pos)
	case *Rule:
		p.line("Rule")
	}
}

func (p *dumper) table(t *Table) {
	p.line("Table align=%v", t.Align)
	p.depth++
	for _, c := range t.Head {
		p.line("Head")
		p.inlines(c)
	}
	for i, r := range t.Rows {
		for _, c := range r {
			p.line("Cell row=%d", i+1)
			p.inlines(c)
		}
	}
	p.depth--
}

func (p *dumper) inlines(ins []Inline) {
	p.depth++
	defer func() { p.depth-- }()
	for _, in := range ins {
		p.inline(in)
	}
}

func (p *dumper) inline(in Inline) {
	switch n := in.(type) {
	case *Text:
		p.line("Text %q", n.Text)
	case *Space:
		p.line("Space")
	case *LineBreak:
		p.line("LineBreak")
	case *Emph:
		p.line("Emph")
		p.inlines(n.Inlines)
	case *Strong:
		p.line("Strong")
		p.inlines(n.Inlines)
	case *Code:
		p.line("Code %q", n.Text)
	case *Link:
		p.line("Link %q", n.URL)
		p.inlines(n.Inlines)
	case *Ref:
		p.line("Ref #%s @%s", n.Target, n.Pos)
		p.inlines(n.Inlines)
	case *Image:
		p.line("Image src=%q alt=%q @%s", n.Src, n.Alt, n.Pos)
	case *FootnoteRef:
		p.line("FootnoteRef %d", n.Note.N)
	case *Span:
		p.line("Span %s", attrString(n.Attr, false))
		p.inlines(n.Inlines)
	}
}
