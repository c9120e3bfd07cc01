package ast

import "strings"

// PlainText flattens inlines to text: markup dropped, images by their alt
// text, breaks as single spaces.
func PlainText(ins []Inline) string {
	var b strings.Builder
	writePlain(&b, ins)
	return b.String()
}

func writePlain(b *strings.Builder, ins []Inline) {
	for _, in := range ins {
		switch n := in.(type) {
		case *Text:
			b.WriteString(n.Text)
		case *Space, *LineBreak:
			b.WriteByte(' ')
		case *Emph:
			writePlain(b, n.Inlines)
		case *Strong:
			writePlain(b, n.Inlines)
		case *Code:
			b.WriteString(n.Text)
		case *Link:
			writePlain(b, n.Inlines)
		case *Ref:
			writePlain(b, n.Inlines)
		case *Span:
			writePlain(b, n.Inlines)
		case *Image:
			b.WriteString(n.Alt)
		}
	}
}

// Visitor is called for every node WalkInlines and WalkBlocks reach; it
// returns false to skip the node's children.
type Visitor func(n any) bool

// WalkBlocks visits blocks depth-first, with their inlines.
func WalkBlocks(bs []Block, v Visitor) {
	for _, b := range bs {
		walkBlock(b, v)
	}
}

func walkBlock(b Block, v Visitor) {
	if !v(b) {
		return
	}
	switch n := b.(type) {
	case *Para:
		WalkInlines(n.Inlines, v)
	case *Heading:
		WalkInlines(n.Inlines, v)
	case *List:
		for _, it := range n.Items {
			WalkBlocks(it, v)
		}
	case *Quote:
		WalkBlocks(n.Blocks, v)
	case *Table:
		for _, c := range n.Head {
			WalkInlines(c, v)
		}
		for _, r := range n.Rows {
			for _, c := range r {
				WalkInlines(c, v)
			}
		}
	case *Figure:
		v(n.Image)
	}
}

// WalkInlines visits inlines depth-first.
func WalkInlines(ins []Inline, v Visitor) {
	for _, in := range ins {
		if !v(in) {
			continue
		}
		switch n := in.(type) {
		case *Emph:
			WalkInlines(n.Inlines, v)
		case *Strong:
			WalkInlines(n.Inlines, v)
		case *Link:
			WalkInlines(n.Inlines, v)
		case *Ref:
			WalkInlines(n.Inlines, v)
		case *Span:
			WalkInlines(n.Inlines, v)
		}
	}
}

// WalkEntry visits an entry's title, lead, sections and footnotes.
func WalkEntry(e *Entry, v Visitor) {
	WalkInlines(e.Title, v)
	WalkBlocks(e.Lead, v)
	for _, s := range e.Sections {
		if !v(s) {
			continue
		}
		WalkInlines(s.Title, v)
		WalkBlocks(s.Body, v)
		WalkInlines(s.Refs, v)
	}
	for _, f := range e.Footnotes {
		WalkBlocks(f.Body, v)
	}
}

// Marked tells the nodes that Nodes lists: those the linker and the
// backends look an entry up for.
func Marked(n any) bool {
	switch n.(type) {
	case *Section, *Heading, *Ref, *Link, *Image, *Span:
		return true
	}
	return false
}

// Seal lists the entry's marked nodes once, for Nodes. The parser seals
// every entry it makes; a sealed entry's tree must not change after
// (its ids aside), since the list holds its nodes.
func (e *Entry) Seal() {
	e.nodes, e.sealed = nil, false
	e.nodes, e.sealed = e.Nodes(), true
}

// Nodes returns the entry's sections, headings, references, links,
// images and spans, in the order WalkEntry visits them. On a sealed entry
// it is the list Seal made, shared and not to be changed; on any other it
// walks the entry anew.
func (e *Entry) Nodes() []any {
	if e.sealed {
		return e.nodes
	}
	var nodes []any
	WalkEntry(e, func(n any) bool {
		if Marked(n) {
			nodes = append(nodes, n)
		}
		return true
	})
	return nodes
}

// Headings calls fn for every heading inside the entry's lead, sections
// and footnotes, in order: from the list of a sealed entry, or by a walk
// of the blocks alone.
func Headings(e *Entry, fn func(*Heading)) {
	if e.sealed {
		for _, n := range e.nodes {
			if h, ok := n.(*Heading); ok {
				fn(h)
			}
		}
		return
	}
	headingsIn(e.Lead, fn)
	for _, s := range e.Sections {
		headingsIn(s.Body, fn)
	}
	for _, f := range e.Footnotes {
		headingsIn(f.Body, fn)
	}
}

func headingsIn(bs []Block, fn func(*Heading)) {
	for _, b := range bs {
		switch n := b.(type) {
		case *Heading:
			fn(n)
		case *List:
			for _, it := range n.Items {
				headingsIn(it, fn)
			}
		case *Quote:
			headingsIn(n.Blocks, fn)
		}
	}
}
