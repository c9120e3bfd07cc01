package layout

import (
	"math"
	"strings"

	"bookc/backends/pdf/hyph"
	"bookc/backends/pdf/linebreak"
	"bookc/config"
	"bookc/fonts"
	"bookc/link"
)

// engine holds what every part of the layout shares: fonts, styles, page
// geometry and the page numbers found by the previous run. During a run
// it is read only, so entries can be set concurrently.
type engine struct {
	cfg    *config.Book
	links  *link.Links
	set    *fonts.Set
	faces  []*fonts.Face
	styles []style
	m      *measurer
	hy     *hyph.Hyphenator
	lab    config.Labels

	fs, lead     float64 // body size and leading
	pageW, pageH float64
	textW, textH float64
	top          float64 // top margin
	inner, outer float64
	twoSided     bool

	// pages maps a target id to the page label printed by references to
	// it, as found by the previous run.
	pages map[string]string
	// marker is the face and text of the continuation mark of wrapped
	// code lines.
	markerFace int
	markerText string
}

// newEngine prepares fonts, styles and geometry from the configuration.
func newEngine(cfg *config.Book, links *link.Links, set *fonts.Set) *engine {
	e := &engine{cfg: cfg, links: links, set: set, lab: cfg.Labels(), hy: hyph.German()}
	e.faces = set.Faces()
	idx := make(map[*fonts.Face]int, len(e.faces))
	for i, f := range e.faces {
		idx[f] = i
	}
	e.fs = cfg.PDF.FontSize
	e.lead = math.Round(e.fs*1.3*20) / 20
	e.styles = newStyles(set, idx, e.fs)
	e.m = &measurer{set: set, styles: e.styles}
	p := cfg.PDF
	e.pageW, e.pageH = p.Paper.Width, p.Paper.Height
	e.inner, e.outer = float64(p.Margins.Inner), float64(p.Margins.Outer)
	e.top = float64(p.Margins.Top)
	e.textW = e.pageW - e.inner - e.outer
	e.textH = e.pageH - e.top - float64(p.Margins.Bottom)
	e.twoSided = p.TwoSided == nil || *p.TwoSided
	e.pickMarker(idx)
	return e
}

// pickMarker chooses the glyph that marks a wrapped code line: a hooked
// arrow from the first face that has one.
func (e *engine) pickMarker(idx map[*fonts.Face]int) {
	faces := []*fonts.Face{e.set.Mono}
	for _, f := range e.set.Fallback {
		if f != nil && f.IsMonospace() {
			faces = append(faces, f)
		}
	}
	faces = append(faces, e.set.Fallback...)
	for _, r := range []rune{'↪', '→'} {
		for _, f := range faces {
			if f != nil && f.HasRune(r) {
				e.markerFace, e.markerText = idx[f], string(r)
				return
			}
		}
	}
	e.markerFace, e.markerText = idx[e.set.Mono], ">"
}

// builder returns a fresh paragraph builder; builders are cheap and not
// shared between goroutines.
func (e *engine) builder(hyphenate bool, h linebreak.Hyphenator) *linebreak.Builder {
	if !hyphenate {
		h = nil
	}
	return linebreak.NewBuilder(e.m, h)
}

// hyphCache remembers the hyphenation points of words. Each worker has
// its own, so no locking is needed.
type hyphCache struct {
	h *hyph.Hyphenator
	m map[string][]int
}

func newHyphCache(h *hyph.Hyphenator) *hyphCache {
	return &hyphCache{h: h, m: make(map[string][]int, 4096)}
}

// Points returns the hyphenation points of word, as hyph does.
func (c *hyphCache) Points(word string) []int {
	if p, ok := c.m[word]; ok {
		return p
	}
	p := c.h.Points(word)
	c.m[strings.Clone(word)] = p
	return p
}

// params are the line-breaking parameters of running text.
func (e *engine) params() linebreak.Params {
	p := linebreak.DefaultParams()
	p.EmergencyStretch = 1.5 * e.fs
	return p
}

// ctx is the setting a block is laid out in: sizes, indents, quote bars.
type ctx struct {
	text, code, sup sizeClass
	lead            float64
	left, right     float64 // indents from the text area's edges
	bars            []float64
	italic          bool
	ragged          bool // ragged right instead of justified
	level           int  // list nesting
	tight           bool // blocks of a tight list item: little space between
}

// bodyCtx is the setting of running text.
func (e *engine) bodyCtx() ctx {
	return ctx{text: szBody, code: szCode, sup: szSup, lead: e.lead}
}

// noteCtx is the setting of footnotes.
func (e *engine) noteCtx() ctx {
	return ctx{text: szNote, code: szNoteCode, sup: szNoteSup, lead: math.Round(e.fs*sizeFactor[szNote]*1.25*20) / 20}
}

// smallCtx is the setting of table cells and captions.
func (e *engine) smallCtx() ctx {
	return ctx{text: szSmall, code: szSmallCode, sup: szNoteSup, lead: math.Round(e.fs*sizeFactor[szSmall]*1.25*20) / 20}
}

// width is the measure of a context.
func (e *engine) width(c ctx) float64 { return e.textW - c.left - c.right }

// baseline returns where a line's baseline sits below its top for a
// style and leading: the glyphs' extent centred in the line.
func (e *engine) baseline(st int, lead float64) float64 {
	s := &e.styles[st]
	asc, desc := s.face.Ascent(s.size), s.face.Descent(s.size)
	return (lead + asc - desc) / 2
}
