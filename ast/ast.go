// Package ast defines the neutral document tree that every stage of bookc
// shares: the front end builds it, the linker resolves its references and
// the backends render it. It knows nothing about Markdown, PDF or EPUB.
package ast

import "fmt"

// Pos is a position in a source file. Line and Col are 1-based; Col counts
// runes, as an editor does.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, the form editors jump to.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Before reports whether p sorts before q: by file, then line, then column.
func (p Pos) Before(q Pos) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// Attr is the one attribute type of the tree: an id, classes and ordered
// key-value pairs, as written in a `{#id .class key=value}` block.
type Attr struct {
	ID      string
	Classes []string
	KV      [][2]string
}

// Has reports whether the attribute carries the class c.
func (a Attr) Has(c string) bool {
	for _, x := range a.Classes {
		if x == c {
			return true
		}
	}
	return false
}

// Get returns the value of key k, or "" when it is absent.
func (a Attr) Get(k string) string {
	for _, kv := range a.KV {
		if kv[0] == k {
			return kv[1]
		}
	}
	return ""
}

// Lang returns the language the attribute block gives its element, a
// BCP 47 tag checked by the front end, or "" when it keeps its parent's.
func (a Attr) Lang() string { return a.Get("lang") }

// Document is a whole book: its entries in reading order.
type Document struct {
	Entries []*Entry
}

// Entry is one glossary entry, started by a level-2 heading.
type Entry struct {
	Pos   Pos
	Attr  Attr     // Attr.ID is always set after parsing (given or generated)
	Title []Inline // the heading text
	// AutoID is true when the id was generated from the title.
	AutoID bool
	// Lead holds the blocks between the heading and the first section: the
	// definition.
	Lead      []Block
	Sections  []*Section
	Footnotes []*Footnote // in order of first reference within the entry

	nodes  []any // the marked nodes, once Seal listed them
	sealed bool
}

// ID returns the entry's anchor.
func (e *Entry) ID() string { return e.Attr.ID }

// Chapter reports whether the entry is a unit of the table of contents.
func (e *Entry) Chapter() bool { return e.Attr.Has("chapter") }

// Small reports whether the entry runs on after the previous one in print.
func (e *Entry) Small() bool { return e.Attr.Has("small") }

// Term reports whether the entry's title is a glossary term.
func (e *Entry) Term() bool { return e.Attr.Has("term") }

// TitleText returns the title as plain text.
func (e *Entry) TitleText() string { return PlainText(e.Title) }

// SeeAlso returns the entry's see-also section, or nil.
func (e *Entry) SeeAlso() *Section {
	for _, s := range e.Sections {
		if s.Kind == SeeAlsoSection {
			return s
		}
	}
	return nil
}

// SectionKind tells what role a level-3 section plays in its entry.
type SectionKind int

// The section kinds.
const (
	PlainSection       SectionKind = iota // a `###` heading without a known class
	ExplanationSection                    // `{.explanation}`
	SeeAlsoSection                        // `{.seealso}`
)

// Section is a level-3 part of an entry.
type Section struct {
	Pos    Pos
	Attr   Attr
	AutoID bool
	Title  []Inline
	Kind   SectionKind
	Body   []Block
	// Refs holds the links of a see-also section, separators removed. Body
	// then holds only what is not part of that list.
	Refs []Inline
}

// Footnote is a note's content; FootnoteRef nodes point at it.
type Footnote struct {
	Pos   Pos
	Label string // the label as written: "1" in [^1]
	N     int    // 1-based number within its entry
	Body  []Block
}
