package parse

import (
	"fmt"
	"regexp"
	"strings"

	"bookc/ast"
	"bookc/diag"

	gast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// fileParser splits one file's goldmark tree into entries.
type fileParser struct {
	src     *source
	ds      *diag.List
	entries []*ast.Entry
	cur     *ast.Entry
	sect    *ast.Section
	closed  bool // a `----` ended the current entry
	strayAt *ast.Pos
	notes   map[int]*ast.Footnote
	defs    map[int]gast.Node
	pending []pendingNote
	rawSeen bool
}

// rawHTML warns, once per file, that HTML in the source is reduced to text.
func (f *fileParser) rawHTML(p ast.Pos) {
	if !f.rawSeen {
		f.rawSeen = true
		f.ds.Warnf(p, "HTML in entries is not passed through: its text is kept, scripts and attributes are dropped")
	}
}

type pendingNote struct {
	note *ast.Footnote
	def  gast.Node
}

// File parses one entry file. name is used in positions; lang picks the
// quotation marks.
func File(name string, data []byte, lang string) ([]*ast.Entry, diag.List) {
	var ds diag.List
	data = clean(name, data, &ds)
	src := newSource(name, data)
	doc := newMarkdown(lang).Parser().Parse(text.NewReader(data))
	f := &fileParser{src: src, ds: &ds, notes: map[int]*ast.Footnote{}, defs: map[int]gast.Node{}}
	f.collectNotes(doc)
	c := &converter{src: src, f: f}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		f.top(c, n)
	}
	f.finishEntry()
	f.finishNotes(c)
	for _, e := range f.entries {
		e.Seal()
	}
	if len(f.entries) == 0 {
		ds.Warnf(ast.Pos{File: name, Line: 1, Col: 1}, "no entry in this file (an entry starts with a `## Title {#Id}` heading)")
	}
	return f.entries, ds
}

func (f *fileParser) collectNotes(doc gast.Node) {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if list, ok := n.(*east.FootnoteList); ok {
			for d := list.FirstChild(); d != nil; d = d.NextSibling() {
				if fn, ok := d.(*east.Footnote); ok {
					f.defs[fn.Index] = fn
				}
			}
		}
	}
}

// footnote returns the note for goldmark's footnote index, numbering it
// within the entry that references it first.
func (f *fileParser) footnote(idx int, c *converter) *ast.Footnote {
	if n, ok := f.notes[idx]; ok {
		return n
	}
	def := f.defs[idx]
	n := &ast.Footnote{}
	if fn, ok := def.(*east.Footnote); ok {
		n.Label = string(fn.Ref)
		n.Pos = c.pos(fn)
	}
	if f.cur != nil {
		f.cur.Footnotes = append(f.cur.Footnotes, n)
		n.N = len(f.cur.Footnotes)
	}
	f.notes[idx] = n
	f.pending = append(f.pending, pendingNote{n, def})
	return n
}

// finishNotes converts footnote bodies once every reference is known.
// Bodies may reference further notes, so the queue can grow.
func (f *fileParser) finishNotes(c *converter) {
	for i := 0; i < len(f.pending); i++ {
		p := f.pending[i]
		if p.def != nil {
			p.note.Body = c.blocks(p.def)
		}
	}
}

func (f *fileParser) top(c *converter, n gast.Node) {
	switch n := n.(type) {
	case *east.FootnoteList:
		return
	case *gast.Heading:
		switch {
		case n.Level == 2:
			f.startEntry(c, n)
			return
		case n.Level == 3 && f.cur != nil && !f.closed:
			f.startSection(c, n)
			return
		case n.Level == 1:
			f.ds.Warnf(c.pos(n), "level-1 heading ignored: entries start with `##`")
			return
		}
	case *gast.ThematicBreak:
		if f.cur != nil && !f.closed {
			f.closed = true
			return
		}
	}
	b := c.block(n)
	if b == nil {
		return
	}
	if f.cur == nil || f.closed {
		f.stray(c.pos(n))
		return
	}
	if f.sect != nil {
		f.sect.Body = append(f.sect.Body, b)
	} else {
		f.cur.Lead = append(f.cur.Lead, b)
	}
}

func (f *fileParser) stray(p ast.Pos) {
	if f.strayAt != nil {
		return
	}
	f.strayAt = &p
	where := "before the first entry"
	if f.cur != nil {
		where = fmt.Sprintf("after the end (----) of entry %q", f.cur.ID())
	}
	f.ds.Warnf(p, "text %s is ignored", where)
}

var openAttr = regexp.MustCompile(`\{[#.][^}]*$`)

var unreadAttr = regexp.MustCompile(`\s\{\s*[#.][^\n]*\}\s*$`)

// headingTitle returns a heading's title. When the heading ends in an
// attribute block goldmark could not read (odd characters in an id), it
// warns and leaves the block out of the title.
func (f *fileParser) headingTitle(c *converter, h *gast.Heading, pos ast.Pos) []ast.Inline {
	title := c.inlines(h)
	if len(h.Attributes()) > 0 || pos.Line < 1 || pos.Line > len(f.src.lines) {
		return title
	}
	start := f.src.lines[pos.Line-1]
	end := len(f.src.text)
	if pos.Line < len(f.src.lines) {
		end = f.src.lines[pos.Line]
	}
	if !unreadAttr.Match(f.src.text[start:end]) {
		return title
	}
	f.ds.Warnf(pos, "attribute block not understood: an id may hold letters, digits and - _ . : only; the block is ignored")
	for i := len(title) - 1; i >= 0; i-- {
		if t, ok := title[i].(*ast.Text); ok {
			if j := strings.LastIndex(t.Text, "{"); j >= 0 {
				t.Text = strings.TrimRight(t.Text[:j], " ")
				return title[:i+1]
			}
		}
	}
	return title
}

func (f *fileParser) startEntry(c *converter, h *gast.Heading) {
	f.finishEntry()
	pos := c.pos(h)
	e := &ast.Entry{Pos: pos, Attr: c.attr(h), Title: f.headingTitle(c, h, pos)}
	f.checkTitle(e.Pos, e.Title)
	f.cur, f.sect, f.closed, f.strayAt = e, nil, false, nil
	f.entries = append(f.entries, e)
}

func (f *fileParser) checkTitle(p ast.Pos, title []ast.Inline) {
	t := ast.PlainText(title)
	if strings.TrimSpace(t) == "" {
		f.ds.Errorf(p, "heading has no title")
	}
	if openAttr.MatchString(t) {
		f.ds.Warnf(p, "attribute block is not closed: add `}` at the end of the heading")
	}
}

func (f *fileParser) startSection(c *converter, h *gast.Heading) {
	pos := c.pos(h)
	s := &ast.Section{Pos: pos, Attr: c.attr(h), Title: f.headingTitle(c, h, pos)}
	f.checkTitle(s.Pos, s.Title)
	switch {
	case s.Attr.Has("seealso"):
		s.Kind = ast.SeeAlsoSection
	case s.Attr.Has("explanation"):
		s.Kind = ast.ExplanationSection
	}
	f.sect = s
	f.cur.Sections = append(f.cur.Sections, s)
}

func (f *fileParser) finishEntry() {
	if f.cur == nil {
		return
	}
	for _, s := range f.cur.Sections {
		if s.Kind == ast.SeeAlsoSection {
			splitSeeAlso(s)
		}
	}
	if len(f.cur.Lead) == 0 {
		f.ds.Warnf(f.cur.Pos, "entry %q has no lead paragraph (its definition)", ast.PlainText(f.cur.Title))
	}
}
