package layout

import (
	"bookc/ast"
	"bookc/backends/pdf/page"
)

// The galley is the book as one long column: boxes (lines, rows,
// figures) and the glue between them, with the rules that decide where a
// page may end. Pagination cuts it into pages.

// vkind tells what a galley item is.
type vkind uint8

const (
	kBox       vkind = iota // material of fixed height
	kGlue                   // vertical space, dropped at a page break
	kNewPage                // a forced page break
	kClearPage              // a forced break to the next recto page
)

// vitem is one galley item.
type vitem struct {
	h       float64 // height of a box, natural height of glue
	stretch float64 // glue only
	bars    *bars   // the quote bars beside the item, if any
	box     *vbox
	float   uint16 // a figure or table of this many items starts here: it may float
	kind    vkind
	keep    bool // no page break directly after this item
	rule    bool // glue only: draw a separator rule across its middle
}

// bars are the x positions of the rules beside quoted material.
type bars struct {
	xs []float64
}

// list returns the positions; none for nil.
func (b *bars) list() []float64 {
	if b == nil {
		return nil
	}
	return b.xs
}

// vbox is the content of a box item. Coordinates: X from the left edge
// of the text area, Y from the top of the box. Most boxes are lines of
// text; what few of them have is kept apart, in ext.
type vbox struct {
	base   float64 // baseline below the box top, for texts
	packed string  // frags packed (see packed.go), drawn before frags
	frags  []frag
	links  []page.Link
	ext    *boxExtra
	elem   *snode // the structure element of its texts and images
	role   boxRole
	hyph   bool  // the line ends at a hyphen: no page should end after it
	line   int32 // line index within its paragraph, for widow checks
	nlines int32
	hscale float32 // horizontal scale of the line's glyphs; 0 or 1 for none
}

// boxExtra is the content of a box that lines of text rarely have.
type boxExtra struct {
	rects   []page.Rect
	rules   []page.Rule
	images  []page.Image
	anchors []string
	notes   []*noteBlock
	mark    string // an entry starts here: its title, for running heads
	outline []outlineMark
	table   *tableRun
	marks   []*ast.Footnote // notes whose numbers packed frags show
	sites   []*refSite      // references set in the box
	spans   []page.Span     // parts in another language
}

// noExtra is what a box without extra content reads.
var noExtra boxExtra

// rare returns the box's extra content for reading.
func (b *vbox) rare() *boxExtra {
	if b.ext == nil {
		return &noExtra
	}
	return b.ext
}

// extra returns the box's extra content for writing, made on first use.
func (b *vbox) extra() *boxExtra {
	if b.ext == nil {
		b.ext = &boxExtra{}
	}
	return b.ext
}

// boxRole classifies boxes for the quality checks and pagination.
type boxRole uint8

const (
	roleLine    boxRole = iota // a line of running text
	roleHeading                // an entry, section or sub-heading
	roleOther                  // figure, rule, title material
	roleRow                    // a table row
)

// frag is a run of text in one face and size inside a box. Text that
// depends on the pagination is filled in when the page is drawn, as
// fill says.
type frag struct {
	x, y  float64 // y: baseline shift, negative is up
	text  string
	fill  *fillIn
	face  int16 // index into page.Doc.Faces
	st    int16 // the style whose size the text has
	color page.Color
	label bool   // a list item's label
	elem  *snode // the structure element, if not the box's (never packed)
}

// fillIn is what a frag's drawn text depends on: the page label of
// target dyn, or the per-page number of footnote note.
type fillIn struct {
	dyn  labelRef
	note *ast.Footnote
}

// outlineMark is a bookmark that starts in a box.
type outlineMark struct {
	title string
	level int
}

// noteBlock is a footnote's body, already set, that must go to the foot
// of the page holding the box that refers to it.
type noteBlock struct {
	note  *ast.Footnote
	h     float64
	boxes []*vbox   // the body's boxes, stacked
	hs    []float64 // the top of each box below the note's top
	numY  float64   // baseline of the number, from the top of the first box
	style int
	elem  *snode // the Note element
	cont  bool   // the rest of a note begun on the page before: no number
}

// split cuts a note before its box k: the part for this page and the
// rest, which continues at the foot of the next.
func (nb *noteBlock) split(k int) (head, tail *noteBlock) {
	h, t := *nb, *nb
	h.boxes, h.hs, h.h = nb.boxes[:k:k], nb.hs[:k:k], nb.hs[k]
	t.boxes, t.cont, t.h = nb.boxes[k:], true, nb.h-nb.hs[k]
	t.hs = make([]float64, len(nb.hs)-k)
	for i := range t.hs {
		t.hs[i] = nb.hs[k+i] - nb.hs[k]
	}
	return &h, &t
}

// tableRun ties a table's rows to the header that repeats after a page
// break.
type tableRun struct {
	head  *vbox
	headH float64
	last  bool    // the table's last row
	x, w  float64 // the table's left edge and width
	base  float64 // the row's lowest baseline, from its top
}

// box returns a box item.
func box(h float64, b *vbox, keep bool) vitem {
	return vitem{kind: kBox, h: h, box: b, keep: keep}
}

// glue returns vertical space that may stretch.
func glue(h, stretch float64) vitem {
	return vitem{kind: kGlue, h: h, stretch: stretch}
}
