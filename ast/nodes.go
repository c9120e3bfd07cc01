package ast

// Block is a block-level node. The set of blocks is closed: only the types
// in this file implement it.
type Block interface{ block() }

// Inline is an inline node. The set is closed, as for Block.
type Inline interface{ inline() }

// Para is a paragraph.
type Para struct{ Inlines []Inline }

// Heading is a heading inside an entry's body (level 4 and deeper), or a
// level-3 heading nested where a section cannot start.
type Heading struct {
	Pos     Pos
	Level   int
	Attr    Attr
	AutoID  bool
	Inlines []Inline
}

// List is a bullet or numbered list.
type List struct {
	Ordered bool
	Start   int // first number of an ordered list
	Tight   bool
	Items   [][]Block
}

// CodeBlock is fenced or indented code, never reflowed or hyphenated.
type CodeBlock struct {
	Lang string
	Text string // ends without a trailing newline
}

// Quote is a block quote.
type Quote struct{ Blocks []Block }

// Align is a table column's alignment.
type Align int

// The alignments.
const (
	AlignDefault Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Table is a pipe table. Head may be empty; each row has len(Align) cells.
type Table struct {
	Align []Align
	Head  [][]Inline
	Rows  [][][]Inline
}

// Figure is an image standing alone in its paragraph.
type Figure struct{ Image *Image }

// Rule is a thematic break inside an entry.
type Rule struct{}

func (*Para) block()      {}
func (*Heading) block()   {}
func (*List) block()      {}
func (*CodeBlock) block() {}
func (*Quote) block()     {}
func (*Table) block()     {}
func (*Figure) block()    {}
func (*Rule) block()      {}

// Text is a run of plain text. Spaces inside it are ordinary spaces; U+00A0
// and U+00AD keep their meaning.
type Text struct{ Text string }

// Space is a break between words that came from a line end in the source.
type Space struct{}

// LineBreak is a hard line break.
type LineBreak struct{}

// Emph is emphasis, set in italics.
type Emph struct{ Inlines []Inline }

// Strong is strong emphasis, set in bold.
type Strong struct{ Inlines []Inline }

// Code is inline code.
type Code struct{ Text string }

// Link is a link to an address outside the book, as written; the linker
// decides whether it may become a link.
type Link struct {
	Pos     Pos
	URL     string
	Title   string
	Inlines []Inline
}

// Ref is a cross-reference to an id inside the book, written [text](#Id).
// Whether it resolves is the linker's business.
type Ref struct {
	Pos     Pos
	Target  string // the id, without '#'
	Inlines []Inline
}

// Image is an image. Src is as written in the source; Pos locates it.
type Image struct {
	Pos   Pos
	Src   string
	Alt   string
	Title string
}

// FootnoteRef marks where a footnote is referenced.
type FootnoteRef struct{ Note *Footnote }

// Span is a run of inlines with attributes of its own, written
// [text]{lang=en}: a passage in another language (attribute "lang", a
// checked BCP 47 tag), which speech output pronounces and the PDF
// hyphenates in that language.
type Span struct {
	Attr    Attr
	Inlines []Inline
}

func (*Text) inline()        {}
func (*Space) inline()       {}
func (*LineBreak) inline()   {}
func (*Emph) inline()        {}
func (*Strong) inline()      {}
func (*Code) inline()        {}
func (*Link) inline()        {}
func (*Ref) inline()         {}
func (*Image) inline()       {}
func (*FootnoteRef) inline() {}
func (*Span) inline()        {}
