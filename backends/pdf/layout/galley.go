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
	kind    vkind
	keep    bool    // no page break directly after this item
	h       float64 // height of a box, natural height of glue
	stretch float64 // glue only
	rule    bool    // glue only: draw a separator rule across its middle
	bars    []float64
	box     *vbox
}

// vbox is the content of a box item. Coordinates: X from the left edge
// of the text area, Y from the top of the box.
type vbox struct {
	base    float64 // baseline below the box top, for texts
	frags   []frag
	rects   []page.Rect
	rules   []page.Rule
	images  []page.Image
	links   []page.Link
	anchors []string
	notes   []*noteBlock
	mark    string // an entry starts here: its title, for running heads
	outline []outlineMark
	role    boxRole
	line    int32 // line index within its paragraph, for widow checks
	nlines  int32
	table   *tableRun
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
// depends on the pagination is filled in when the page is drawn: dyn
// names the target whose page number it shows, note the footnote whose
// per-page number it shows.
type frag struct {
	x, y  float64 // y: baseline shift, negative is up
	face  int
	size  float64
	text  string
	color page.Color
	dyn   string
	note  *ast.Footnote
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
}

// tableRun ties a table's rows to the header that repeats after a page
// break.
type tableRun struct {
	head  *vbox
	headH float64
	last  bool    // the table's last row
	x, w  float64 // the table's left edge and width
}

// box returns a box item.
func box(h float64, b *vbox, keep bool) vitem {
	return vitem{kind: kBox, h: h, box: b, keep: keep}
}

// glue returns vertical space that may stretch.
func glue(h, stretch float64) vitem {
	return vitem{kind: kGlue, h: h, stretch: stretch}
}
