package draw

import (
	"fmt"
	"strconv"

	"bookc/backends/pdf/page"
	"bookc/fonts"
)

// canvas writes the content streams of pages: boxes, images, rules and
// text, in that order, with the graphics state tracked so that unchanged
// colours, widths and fonts are not repeated. One canvas draws one page
// at a time; its buffer is reused from page to page.
type canvas struct {
	faces      []*fonts.Face
	fontRes    []string  // resource name of each face, see fontAlias
	spaceWidth []float64 // width of each face's space in em, 0 if it has none
	height     int64     // page height in thousandths of a point

	b        []byte
	pageNo   int // 1-based number of the page being drawn
	problems []Problem
	used     []runeSet // the runes drawn, by face
	misses   int       // runes drawn that their face lacks
	// While a page is recorded for the cache: the canvas's runes, used
	// then holding the page's alone; and the page's drawing inputs.
	all     []runeSet
	in      pageIn
	codes   [][codeLimit]runeCode // see codes.go
	missing map[missingKey]*missingRune

	fill, stroke page.Color
	lineWidth    int64 // thousandths of a point; 0 while unset
	text         textState

	// For a tagged page: the role of each structure element, the
	// element of each text (nil for an untagged page), the element each
	// marked-content id stands for and the element whose sequence is
	// open (noMark for none).
	roles  []string
	marked bool
	cuts   []textCut
	cutBuf cutBuf // for the pool's worker drawing with the canvas
	mcids  []int32
	mark   int32
	// imageMCIDs is the number of MCIDs, the first ones, given to images.
	imageMCIDs int
}

// noMark is the open marked-content element while none is open.
const noMark = int32(-1 << 31)

// newCanvas prepares a canvas for pages of the given height.
func newCanvas(faces []*fonts.Face, height float64) *canvas {
	c := &canvas{
		faces:      faces,
		fontRes:    make([]string, len(faces)),
		spaceWidth: make([]float64, len(faces)),
		height:     milli(height),
		used:       make([]runeSet, len(faces)),
		codes:      newCodes(faces),
		missing:    make(map[missingKey]*missingRune),
	}
	for i, f := range faces {
		c.fontRes[i] = fontAlias(i)
		if f.HasRune(' ') {
			c.spaceWidth[i] = f.UnkernedWidth(" ", 1)
		}
	}
	return c
}

// record starts recording the runes of the next page drawn apart from
// the canvas's (see recorded).
func (c *canvas) record() {
	if c.all == nil {
		c.all = c.used
		c.used = make([]runeSet, len(c.all))
	}
}

// recorded returns the runes drawn since record, adds them to the
// canvas's and starts the next page empty.
func (c *canvas) recorded() []faceRune {
	for i := range c.all {
		c.all[i].union(&c.used[i])
	}
	return runesOf(c.used)
}

// problem records a Problem on the current page.
func (c *canvas) problem(format string, args ...any) {
	c.problems = append(c.problems, Problem{Page: c.pageNo, Msg: fmt.Sprintf(format, args...)})
}

// draw writes page n's content stream and returns it; the result is
// valid until the next call. images holds the resource name of each of
// the page's images, "" for those not to be drawn. A tagged page is drawn
// with marked content, its texts cut at link areas as cuts says; the
// element of each marked-content id is then in c.mcids.
func (c *canvas) draw(n int, p *page.Page, images []string, tagged bool, cuts []textCut) []byte {
	c.b = c.b[:0]
	c.pageNo = n
	c.marked, c.cuts, c.mcids, c.mark = tagged, cuts, c.mcids[:0], noMark
	// Each content stream starts from the initial graphics state.
	c.fill, c.stroke, c.lineWidth = page.Black, page.Black, 0
	c.text = textState{face: -1}
	c.artifact(len(p.Rects) > 0)
	c.drawRects(p.Rects)
	c.drawImages(p.Images, images)
	c.imageMCIDs = len(c.mcids)
	c.artifact(len(p.Rules) > 0)
	c.drawRules(p.Rules)
	c.drawTexts(p.Texts)
	c.endMarked()
	return c.b
}

// tagged reports whether the page is drawn with marked content.
func (c *canvas) tagged() bool { return c.marked }

// beginMarked closes the open marked-content sequence and opens one for
// element e: a structure element's with the next MCID, or an artifact's.
func (c *canvas) beginMarked(e int32) {
	if !c.tagged() || e == c.mark {
		return
	}
	c.endMarked()
	switch {
	case e > 0:
		c.b = append(c.b, '/')
		c.b = append(c.b, c.roles[e]...)
		c.b = append(c.b, "<</MCID "...)
		c.b = strconv.AppendInt(c.b, int64(len(c.mcids)), 10)
		c.b = append(c.b, ">>BDC\n"...)
		c.mcids = append(c.mcids, e)
	case e == page.ArtifactHead:
		c.b = append(c.b, "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n"...)
	case e == page.ArtifactFoot:
		c.b = append(c.b, "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"...)
	default:
		c.b = append(c.b, "/Artifact BMC\n"...)
	}
	c.mark = e
}

// endMarked closes the open marked-content sequence, if any.
func (c *canvas) endMarked() {
	if c.mark != noMark {
		c.b = append(c.b, "EMC\n"...)
		c.mark = noMark
	}
}

// artifact opens an artifact sequence for what follows if there is any.
func (c *canvas) artifact(any bool) {
	if any {
		c.beginMarked(page.Artifact)
	}
}

// x and y convert a position on the page to PDF user space, in
// thousandths of a point, the origin at the bottom left.
func (c *canvas) x(v float64) int64 { return milli(v) }
func (c *canvas) y(v float64) int64 { return c.height - milli(v) }

// coords appends numbers in thousandths, each followed by a space.
func (c *canvas) coords(vs ...int64) {
	for _, v := range vs {
		c.b = appendMilli(c.b, v)
		c.b = append(c.b, ' ')
	}
}

// drawRects fills the boxes; they lie below everything else.
func (c *canvas) drawRects(rects []page.Rect) {
	for _, r := range rects {
		if r.W == 0 || r.H == 0 {
			continue
		}
		c.setFill(r.Color)
		c.coords(c.x(r.X), c.y(r.Y), milli(r.W), -milli(r.H))
		c.b = append(c.b, "re f\n"...)
	}
}

// drawImages scales each image into its box.
func (c *canvas) drawImages(images []page.Image, names []string) {
	for i, im := range images {
		if names[i] == "" {
			continue
		}
		c.beginMarked(im.Elem)
		c.b = append(c.b, "q "...)
		c.coords(milli(im.W), 0, 0, milli(im.H), c.x(im.X), c.y(im.Y+im.H))
		c.b = append(c.b, "cm "...)
		c.b = append(c.b, names[i]...)
		c.b = append(c.b, " Do Q\n"...)
	}
}

// drawRules strokes the lines.
func (c *canvas) drawRules(rules []page.Rule) {
	for _, r := range rules {
		if !(r.Width > 0) {
			c.problem("rule from (%g, %g) to (%g, %g) has width %g; skipped", r.X1, r.Y1, r.X2, r.Y2, r.Width)
			continue
		}
		if w := max(1, milli(r.Width)); w != c.lineWidth {
			c.b = appendMilli(c.b, w)
			c.b = append(c.b, " w\n"...)
			c.lineWidth = w
		}
		if r.Color != c.stroke {
			c.b = appendColor(c.b, r.Color.R, r.Color.G, r.Color.B, "RG\n", "G\n")
			c.stroke = r.Color
		}
		c.coords(c.x(r.X1), c.y(r.Y1))
		c.b = append(c.b, "m "...)
		c.coords(c.x(r.X2), c.y(r.Y2))
		c.b = append(c.b, "l S\n"...)
	}
}

// setFill makes col the fill colour, which also paints text.
func (c *canvas) setFill(col page.Color) {
	if col != c.fill {
		c.b = appendColor(c.b, col.R, col.G, col.B, "rg\n", "g\n")
		c.fill = col
	}
}
