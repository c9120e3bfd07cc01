package layout

import (
	"math"
	"strings"
	"unicode"

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
	// mainAt tells, for each main-matter page, the node its text begins
	// with (see pageStarts).
	mainAt []any
	// keepBoxes keeps the main matter's boxes in the galley after their
	// pages are drawn: a session sets the next layout from them.
	keepBoxes bool
	// reuse holds the main pages of a session's last layout (see
	// pageReuse); nil outside a session.
	reuse *pageReuse
	// elemHint is about how many structure elements the main matter
	// has, to size the document's element table once.
	elemHint int

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
	// refs numbers the targets some reference prints the page of, and
	// labels holds their labels from pages, so that paragraphs look them
	// up without hashing ids.
	refs   map[string]labelRef
	labels []string
	// marker is the face and text of the continuation mark of wrapped
	// code lines.
	markerFace int16
	markerText string
	// tabular tells that all digits have the same width in every style,
	// so that a page label's width depends only on its length.
	tabular bool
}

// newEngine prepares fonts, styles and geometry from the configuration.
func newEngine(cfg *config.Book, links *link.Links, set *fonts.Set) *engine {
	e := &engine{cfg: cfg, links: links, set: set, lab: cfg.Labels(), hy: hyph.Named(cfg.Hyphenation())}
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
	e.tabular = tabularDigits(e.styles)
	return e
}

// tabularDigits reports whether the digits 0 to 9 have one width in
// each style.
func tabularDigits(styles []style) bool {
	for _, s := range styles {
		w := s.face.Width("0", s.size)
		for d := '1'; d <= '9'; d++ {
			if s.face.Width(string(d), s.size) != w {
				return false
			}
		}
	}
	return true
}

// labelRef names a referenced target: its place in engine.labels, plus
// one, so that the zero value names none.
type labelRef int32

// label returns the page label references to r print in this run.
func (e *engine) label(r labelRef) string { return e.labels[r-1] }

// numberRefs numbers the referenced targets ids and takes their labels
// from pages.
func (e *engine) numberRefs(ids []string) {
	e.refs = make(map[string]labelRef, len(ids))
	for i, id := range ids {
		e.refs[id] = labelRef(i + 1)
	}
	e.labels = make([]string, len(ids))
	for i, id := range ids {
		e.labels[i] = e.pageOf(id)
	}
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
				e.markerFace, e.markerText = int16(idx[f]), string(r)
				return
			}
		}
	}
	e.markerFace, e.markerText = int16(idx[e.set.Mono]), ">"
}

// worker is the working memory of one goroutine setting entries: its
// paragraph builders, hyphenation cache, the buffers a paragraph uses
// while it is set and the slabs what it produces is cut from. A buffer
// is taken out while in use (see borrow), so that a footnote set in the
// middle of its paragraph gets its own.
type worker struct {
	hyph, plain *linebreak.Builder

	// Buffers, lent out while in use.
	runs   *runs
	res    linebreak.Result
	items  []linebreak.Item // a paragraph's items
	ragged []linebreak.Item // the same made ragged
	frags  []frag           // a paragraph's frags, line after line
	ends   []int            // where each line's frags end
	pend   []byte           // the text of words waiting to be drawn as one
	enc    []byte           // a paragraph's packed frags
	offs   []int            // where each line's packing starts
	entry  []vitem          // the items of the entry being set

	// Storage of what is kept.
	out   outBuf // the items of the entries the worker set, in any run
	paras slab[paraCache]
	extra slab[paraExtra]
	lines slab[vitem]
	boxes slab[vbox]
	nodes slab[snode] // structure elements
	exts  slab[boxExtra]
	marks slab[start] // where entries' nodes begin
	begun []start     // the starts of the entry being set
	packs textSlab    // packed frags
	texts textSlab    // texts of frags until they are packed
}

// newWorker returns a worker for e's measurer and hyphenator.
func (e *engine) newWorker() *worker { return e.newWorkerFor(4096) }

// newWorkerFor returns a worker whose hyphenation cache starts with
// room for words words.
func (e *engine) newWorkerFor(words int) *worker {
	hc := &hyphCache{h: e.hy, m: make(map[string][]int, words)}
	w := &worker{hyph: linebreak.NewBuilder(e.m, hc), plain: linebreak.NewBuilder(e.m, nil)}
	w.hyph.MemoWords, w.plain.MemoWords = memoWords, memoWords
	return w
}

// memoWords bounds the distinct words a worker's builders remember.
const memoWords = 1 << 15

// builder returns the worker's paragraph builder, with or without
// automatic hyphenation.
func (w *worker) builder(hyphenate bool) *linebreak.Builder {
	if hyphenate {
		return w.hyph
	}
	return w.plain
}

// takeRuns lends the worker's runs, emptied, for a paragraph of entry
// builder eb in context c; the caller gives them back in w.runs. The
// list of page labels is the paragraph's own.
func (w *worker) takeRuns(eb *entryBuilder, c ctx) *runs {
	r := w.runs
	w.runs = nil
	if r == nil {
		r = &runs{}
	}
	*r = runs{eb: eb, c: c, list: r.list[:0], spare: r.spare[:0], meta: append(r.meta[:0], runMeta{}), italic: c.italic, pageRefs: true, pend: r.pend[:0]}
	return r
}

// takeResult lends the worker's line-breaking result for its storage;
// the caller gives it back in w.res.
func (w *worker) takeResult() linebreak.Result {
	r := w.res
	w.res = linebreak.Result{}
	return r
}

// hasLetter reports whether s has a letter.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// borrow takes the buffer out of *p, emptied; the caller puts it (or a
// grown one) back when done.
func borrow[T any](p *[]T) []T {
	s := *p
	*p = nil
	return s[:0]
}

// hyphCache remembers the hyphenation points of words. Each worker has
// its own, so no locking is needed.
type hyphCache struct {
	h *hyph.Hyphenator
	m map[string][]int
}

// Points returns the hyphenation points of word, as hyph does. hyph
// hyphenates runs of letters only, so a word without one has none; a
// language without patterns has none at all.
func (c *hyphCache) Points(word string) []int {
	if c.h == nil || !hasLetter(word) {
		return nil
	}
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
	p.Expansion = maxExpansion
	p.MaxHyphenRun, p.HyphenRunDemerits = 2, 3e6
	return p
}

// maxExpansion is how much wider or narrower than their widths the
// words of a justified line may be set, as pdfTeX's font expansion with
// stretch and shrink limits of 20 (2 %).
const maxExpansion = 0.02

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
