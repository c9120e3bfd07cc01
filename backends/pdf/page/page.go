// Package page is the finished layout of the handbook: pages holding text
// placed at exact positions, rules, filled boxes, images, link areas and
// anchors, plus the outline. The layout engine produces it; the drawing
// code turns it into PDF. Neither side needs to know the other's insides.
//
// Coordinates are PostScript points from the page's top-left corner; a
// Text's Y is its baseline.
package page

import (
	"strings"
	"time"

	"bookc/fonts"
)

// Color is an RGB colour, each channel 0–255.
type Color struct{ R, G, B uint8 }

// Black is the colour of body text.
var Black = Color{}

// Doc is the whole laid-out book.
type Doc struct {
	Width, Height float64 // page size
	// Faces lists every font face the pages use; Text.Face indexes it.
	Faces   []*fonts.Face
	Pages   []*Page
	Outline []OutlineItem
	Meta    Meta
	// Sources holds one Source for each page.
	Sources []Source
	// Elems is the logical structure, for a tagged PDF: Elems[0] is the
	// root (a Document), every other element names its parent, which
	// comes before it. Texts and images refer to the element they belong
	// to. A document without elements is drawn untagged.
	Elems []Elem
}

// Elem is an element of the logical structure: a standard structure
// type of ISO 32000-1, 14.8.4 (Document, Sect, H1…H6, P, L, LI, Lbl,
// LBody, Table, TR, TH, TD, Figure, Note, Code, BlockQuote, TOC, TOCI,
// Span …) with what it needs besides its content.
type Elem struct {
	Role   string
	Parent int32  // index into Doc.Elems
	Alt    string // a Figure's alternative text
	Lang   string // BCP 47, where it differs from the document's
	Scope  string // a TH's scope: "Column", "Row" or "Both"
}

// What a Text or Image that belongs to no element is: an artifact,
// marked as the running head or the folio (page number) where it is one.
const (
	Artifact     int32 = 0
	ArtifactHead int32 = -1
	ArtifactFoot int32 = -2
)

// Meta is the document information.
type Meta struct {
	Title, Subject, Author, Keywords string
	Lang                             string // BCP 47, for /Lang
	Date                             time.Time
}

// Part is the part of the book a page belongs to.
type Part uint8

// The parts, in the order they come.
const (
	BlankPage    Part = iota // an empty page (a verso left blank)
	TitlePage                // the title page
	ImprintPage              // the imprint on the title page's verso
	ContentsPage             // the table of contents
	MainPage                 // the entries
	IndexPage                // the generated index
)

// Source tells what a page holds: its part of the book and, for a page
// of the main matter, the source node its text begins with — the first
// *ast.Entry (its heading), *ast.Section or ast.Block that starts on it,
// nil when the page only continues a block begun before. The EPUB's page
// list is made from it, so that both editions share one pagination.
type Source struct {
	Part Part
	At   any
}

// Page is one page.
type Page struct {
	Label   string // the printed page number, "" where none is printed
	Texts   []Text
	Rules   []Rule
	Rects   []Rect
	Images  []Image
	Links   []Link
	Spans   []Span
	Anchors []Anchor
}

// Text is a run of glyphs set in one face and size, drawn from X on the
// baseline Y. The layout has already broken, justified and kerned it: the
// drawing code places it as it is.
type Text struct {
	X, Y  float64
	Face  int
	Size  float64
	Text  string
	Color Color
	Elem  int32 // index into Doc.Elems, or one of the Artifact kinds
	// HScale is the horizontal scale of the glyphs (font expansion of a
	// justified line, within a few per cent); 0 and 1 mean none.
	HScale float64
}

// Rule is a straight line.
type Rule struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Color          Color
}

// Rect is a filled rectangle, drawn below the text (a code background).
type Rect struct {
	X, Y, W, H float64
	Color      Color
}

// Image is a raster image scaled into the box X, Y, W, H.
type Image struct {
	X, Y, W, H float64
	Name       string // a stable name, unique per image data
	Type       string // "png" or "jpg"
	Data       []byte
	Elem       int32 // index into Doc.Elems (a Figure), or Artifact
}

// Link is a clickable area. Exactly one of Dest (an anchor id) and URL is
// set.
type Link struct {
	X, Y, W, H float64
	Dest       string
	URL        string
}

// Span is an area of the page whose text is in another language than
// the document: the texts whose glyphs lie in it are in Lang.
type Span struct {
	X, Y, W, H float64
	Lang       string
}

// Anchor is a link target on the page: the id and the Y its content starts
// at.
type Anchor struct {
	ID string
	Y  float64
}

// OutlineItem is one bookmark. Level 0 is the top; items are in reading
// order.
type OutlineItem struct {
	Title string
	Level int
	Page  int // 0-based index into Doc.Pages
	Y     float64
}

// Roman writes n (1–3999) in lower-case Roman numerals, as front matter
// is numbered.
func Roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
