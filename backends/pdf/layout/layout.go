// Package layout sets a linked document as pages: it measures text with
// the embedded fonts' metrics, breaks paragraphs with Knuth and Plass's
// algorithm and German hyphenation, paginates with widow, orphan and
// heading control, and produces the page model the PDF writer draws.
//
// Page references ("→ S. 42") depend on the layout itself, so the main
// matter is laid out again with the pages the previous run found until no
// reference moves (at most five runs). Only the width of a page label
// matters to the lines, so a run is needed only when some label changes
// width; then only the entries that print such a label are set again,
// and in them only the paragraphs that print it are broken again.
//
// Entries are set concurrently, one worker per processor, each with its
// own paragraph builders and buffers; what they produce is cut from
// slabs and the lines' texts are packed into strings, so that the many
// small pieces of a large book cost the garbage collector little.
package layout

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"bookc/ast"
	"bookc/backends/pdf/page"
	"bookc/config"
	"bookc/diag"
	"bookc/fonts"
	"bookc/link"
)

// MaxRuns bounds the layout runs spent on settling page references.
const MaxRuns = 5

// Stats are quality figures of a finished layout.
type Stats struct {
	Pages              int     // pages in the document, front matter included
	Lines              int     // lines of text set in the main matter
	OverfullLines      int     // lines wider than their measure
	HyphenatedLineEnds int     // lines ending at a hyphen (automatic, soft or explicit)
	JustifiedLines     int     // lines set to the full measure (not last lines)
	MeanSpaceStretch   float64 // mean adjustment ratio of justified lines
	MaxSpaceStretch    float64 // largest adjustment ratio of a justified line
	EmergencyLines     int     // lines looser than the tolerance
	Widows             int     // last lines of paragraphs alone at a page top
	Orphans            int     // first lines of paragraphs alone at a page foot
	HeadingsAtFoot     int     // headings not followed by two lines on their page
	Runs               int     // layout runs until page references settled
	MovingRefs         int     // targets whose page still moved after the last run
}

// Layout sets the document. The fonts set must hold every face; the
// returned diagnostics are warnings about the content (positions in the
// entries) and never fatal.
func Layout(doc *ast.Document, links *link.Links, cfg *config.Book, set *fonts.Set) (*page.Doc, Stats, diag.List) {
	return LayoutWith(doc, links, cfg, set, nil)
}

// LayoutWith is Layout, taking over from session s the entries whose
// inputs have not changed since the layout before (see Session), and
// keeping this layout's entries there for the next; nil keeps nothing.
func LayoutWith(doc *ast.Document, links *link.Links, cfg *config.Book, set *fonts.Set, s *Session) (*page.Doc, Stats, diag.List) {
	e := newEngine(cfg, links, set)
	if s != nil {
		s.mu.Lock()
		defer s.mu.Unlock()
		e.keepBoxes = true
		e.reuse = &s.pages
	}
	m := newMain(e, doc, s)
	pages, ds, st := m.settle()
	e.mainAt = m.pageStarts(pages)
	for _, p := range m.parts {
		e.elemHint += p.nodes
	}
	d := e.assemble(doc, pages, &st)
	if s != nil {
		s.keep(m)
	}
	return d, st, ds
}

// mainMatter is the state of the runs over the entries.
type mainMatter struct {
	e       *engine
	doc     *ast.Document
	caches  []*entryCache
	outl    [][]outlineMark
	refIDs  []string // every target some reference prints the page of
	entryST lineStats
	workers []*worker
	run     int        // the run under way, from 1
	parts   []entryOut // what the last run set, entry by entry
	changed []bool     // by labelRef: the label's width changed for this run
	// kept tells, by entry, that its cache comes from the session and
	// may serve the first run as it is; sigs are the entries'
	// fingerprints for the session.
	kept []bool
	sigs []string
	took atomic.Int32 // kept entries the first run did not set again
	// settled is set when the last run's output agrees with the page
	// labels and reference sites the runs ended with.
	settled bool
}

func newMain(e *engine, doc *ast.Document, s *Session) *mainMatter {
	m := &mainMatter{e: e, doc: doc, caches: make([]*entryCache, len(doc.Entries))}
	for i := range m.caches {
		m.caches[i] = &entryCache{paras: map[any]*paraCache{}, images: map[*ast.Image]*imageData{}}
	}
	var wg sync.WaitGroup
	wg.Go(func() { m.refIDs = referencedTargets(doc, e.links) })
	m.outl = outlineMarks(e, doc)
	e.pages = estimatePages(e, doc)
	wg.Wait()
	e.numberRefs(m.refIDs)
	if s != nil {
		m.sigs = entrySigs(e, doc, m.outl)
		m.kept = s.start(m)
		for _, c := range m.caches {
			if c.vers == nil {
				c.vers, c.alts = make([]entryVer, 0, maxVers), map[any][]*paraCache{}
			}
		}
	}
	return m
}

// settle lays the main matter out until page references stop moving.
func (m *mainMatter) settle() ([]pageOut, diag.List, Stats) {
	var st Stats
	var pages []pageOut
	var ds diag.List
	var moving []string
	for run := 1; run <= MaxRuns; run++ {
		st.Runs, m.run = run, run
		var galley []*vitem
		galley, ds, m.entryST = m.build()
		pages = m.e.paginateMain(galley)
		found := m.e.anchorLabels(pages, 1)
		moving = m.moved(found)
		locateSites(pages)
		sites := m.updateSites(found)
		if len(moving) == 0 && !sites {
			m.settled = true
			break
		}
		if !sites && !m.reflows(moving, found) {
			// Another run would set every line as this one did.
			m.adopt(found)
			moving = nil
			m.settled = true
			break
		}
		if run == MaxRuns {
			break
		}
		m.adopt(found)
	}
	if len(moving) > 0 {
		st.MovingRefs = len(moving)
		show := moving[:min(len(moving), 8)]
		ds.Warnf(ast.Pos{File: config.FileName}, "page references still moved after %d layout runs: %s",
			MaxRuns, strings.Join(show, ", "))
	}
	ls := m.entryST
	st.Lines, st.OverfullLines, st.HyphenatedLineEnds = int(ls.Lines), int(ls.Overfull), int(ls.Hyphenated)
	st.EmergencyLines, st.JustifiedLines, st.MaxSpaceStretch = int(ls.Emergency), int(ls.Justified), ls.MaxStretch
	if ls.Justified > 0 {
		st.MeanSpaceStretch = ls.SumStretch / float64(ls.Justified)
	}
	return pages, ds, st
}

// moved lists the referenced targets whose page differs from the one the
// run used.
func (m *mainMatter) moved(found map[string]string) []string {
	var out []string
	for _, id := range m.refIDs {
		if l, ok := found[id]; ok && l != m.e.pages[id] {
			out = append(out, id)
		}
	}
	return out
}

// adopt makes the labels found by a run those the next prints, and
// notes which of them change width.
func (m *mainMatter) adopt(found map[string]string) {
	for id, l := range found {
		m.e.pages[id] = l
	}
	e := m.e
	m.changed = slices.Grow(m.changed[:0], len(m.refIDs))[:len(m.refIDs)]
	for i, id := range m.refIDs {
		l := e.pageOf(id)
		m.changed[i] = l != e.labels[i] && (!e.tabular || len(l) != len(e.labels[i]))
		e.labels[i] = l
	}
}

// reflows reports whether printing the labels found for the moving
// targets would change some line: only a label's width matters to the
// layout, and with digits of one width that is its length.
func (m *mainMatter) reflows(moving []string, found map[string]string) bool {
	if !m.e.tabular {
		return true
	}
	for _, id := range moving {
		if len(found[id]) != len(m.e.pageOf(id)) {
			return true
		}
	}
	return false
}

// build sets every entry, concurrently, and joins their galleys.
func (m *mainMatter) build() ([]*vitem, diag.List, lineStats) {
	n := len(m.doc.Entries)
	parts := make([]entryOut, n)
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	for len(m.workers) < runtime.GOMAXPROCS(0) {
		m.workers = append(m.workers, m.e.newWorker())
	}
	var wg sync.WaitGroup
	for _, w := range m.workers {
		wg.Go(func() {
			for i := range next {
				parts[i] = m.buildEntry(i, w)
			}
		})
	}
	wg.Wait()
	m.parts = parts
	return join(parts)
}

// entryOut is what setting an entry leaves for the galley: its items,
// stored in its worker's output, and its figures and warnings.
type entryOut struct {
	items  []vitem
	ds     diag.List
	st     lineStats
	starts []start
	nodes  int // the structure elements the entry opened
}

// join puts the entries' items together in book order: the galley
// points into the workers' output, which stays as it is until the next
// run.
func join(parts []entryOut) ([]*vitem, diag.List, lineStats) {
	total := 0
	for _, p := range parts {
		total += len(p.items)
	}
	galley := make([]*vitem, 0, total)
	var ds diag.List
	var st lineStats
	for _, p := range parts {
		for k := range p.items {
			galley = append(galley, &p.items[k])
		}
		ds = append(ds, p.ds...)
		st.add(p.st)
	}
	return galley, ds, st
}

// buildEntry sets entry i with the separator that precedes it: a new
// page for a chapter that is not small, else space and a thin rule. An
// entry none of whose page labels changed width since the last run is
// set as it was; so is, in the first run, an entry a session kept whose
// paragraphs were set with this run's very labels.
func (m *mainMatter) buildEntry(i int, w *worker) entryOut {
	c := m.caches[i]
	kept := m.run == 1 && m.kept != nil && m.kept[i]
	switch {
	case m.run > 1 && !m.touched(c) && !c.sitesDirty():
		return c.out
	case kept && c.takeExact(m.e):
		m.took.Add(1)
		return c.out
	case m.run > 1 && c.takeRebuilt(m.e):
		return c.out
	}
	en := m.doc.Entries[i]
	eb := m.e.newEntryBuilder(en, c, w)
	eb.outl, eb.exact = m.outl[i], kept
	var sep []vitem
	switch {
	case i == 0:
	case en.Chapter() && !en.Small():
		sep = []vitem{{kind: kNewPage}}
	default:
		L := m.e.lead
		sep = []vitem{{kind: kGlue, h: 1.6 * L, stretch: 0.5 * L, rule: true}}
	}
	eb.items = borrow(&w.entry)
	eb.build(sep)
	items := w.out.add(eb.items)
	w.entry = eb.items[:0]
	c.out, c.refs, c.used = entryOut{items: items, ds: eb.ds, st: eb.st, starts: eb.starts, nodes: eb.nodes}, eb.refs, eb.used
	c.remember()
	return c.out
}

// touched reports whether an entry prints a page label whose width
// changed for this run.
func (m *mainMatter) touched(c *entryCache) bool {
	for _, r := range c.refs {
		if m.changed[r-1] {
			return true
		}
	}
	return false
}

// paginateMain cuts the main matter into pages numbered from 1.
func (e *engine) paginateMain(g []*vitem) []pageOut {
	p := &pager{g: g, h: e.textH, noteSep: e.lead, noteGap: 0.2 * e.lead, num: 1, twoSided: e.twoSided, foot: e.foot(), floatSep: 0.5 * e.lead}
	return p.run()
}

// foot is the space below the baseline of the last body line of a full
// page: flush bottoms put every page's last baseline there.
func (e *engine) foot() float64 {
	return e.lead - e.baseline(styleID(vRegular, szBody), e.lead)
}

// anchorLabels maps every anchor to the label of the page it is on;
// pages are numbered from first.
func (e *engine) anchorLabels(pages []pageOut, first int) map[string]string {
	// The pages are read in parts at once; the first page an anchor is
	// found on counts.
	type found struct {
		id   string
		page int
	}
	parts := make([][]found, max(1, min(runtime.GOMAXPROCS(0), len(pages)/64)))
	inParts(len(pages), len(parts), func(k, lo, hi int) {
		parts[k] = make([]found, 0, len(e.pages)/len(parts)+64)
		for i := lo; i < hi; i++ {
			for _, pl := range pages[i].items {
				if b := pl.it.box; b != nil {
					for _, a := range b.rare().anchors {
						parts[k] = append(parts[k], found{a, i})
					}
				}
			}
		}
	})
	out := make(map[string]string, len(e.pages))
	l, at := "", -1
	for _, fs := range parts {
		for _, f := range fs {
			if _, ok := out[f.id]; !ok {
				if f.page != at {
					l, at = strconv.Itoa(first+f.page), f.page
				}
				out[f.id] = l
			}
		}
	}
	return out
}

// pageOf returns the page label references to id print in this run.
func (e *engine) pageOf(id string) string {
	if l, ok := e.pages[id]; ok {
		return l
	}
	return "000"
}

// referencedTargets lists, sorted, the targets whose page some reference
// prints.
func referencedTargets(doc *ast.Document, links *link.Links) []string {
	seen := make(map[*link.Target]bool, len(doc.Entries))
	for _, en := range doc.Entries {
		for _, n := range en.Nodes() {
			if r, ok := n.(*ast.Ref); ok {
				if t := links.Ref(r); t != nil && t.Kind != link.IndexTarget {
					seen[t] = true
				}
			}
		}
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t.ID)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// estimatePages guesses each target's page from the lines of text and
// the headings before it, so that the first run already measures page
// numbers with about the right number of digits.
func estimatePages(e *engine, doc *ast.Document) map[string]string {
	est := &estimator{cpl: e.textW / (0.39 * e.fs), perPage: e.textH / e.lead}
	out := map[string]string{}
	for i, en := range doc.Entries {
		if i > 0 {
			if en.Chapter() && !en.Small() {
				est.lines = math.Ceil(est.lines/est.perPage) * est.perPage
			} else {
				est.lines += 2
			}
		}
		out[en.ID()] = est.label()
		est.lines += 2.2
		est.blocks(en.Lead, 0)
		for _, s := range en.Sections {
			out[s.Attr.ID] = est.label()
			est.lines += 2
			est.blocks(s.Body, 0)
			if len(s.Refs) > 0 {
				est.lines += math.Ceil(float64(plainLen(s.Refs)+12*len(s.Refs))/est.cpl) + 0.5
			}
		}
	}
	return out
}

// estimator counts lines, in body leading, of blocks set before a point.
type estimator struct {
	cpl, perPage, lines float64
}

func (es *estimator) label() string {
	return strconv.Itoa(1 + int(es.lines/es.perPage))
}

func (es *estimator) blocks(bs []ast.Block, indent float64) {
	for _, b := range bs {
		switch x := b.(type) {
		case *ast.Para:
			n := plainLen(x.Inlines)
			es.lines += math.Ceil(float64(n)/(es.cpl-indent)) + 0.5
		case *ast.List:
			for _, it := range x.Items {
				es.blocks(it, indent+4)
				es.lines -= 0.3
			}
			es.lines += 0.5
		case *ast.Heading:
			es.lines += 1.6
		case *ast.CodeBlock:
			es.lines += float64(strings.Count(x.Text, "\n")+1)*0.85 + 1.2
		case *ast.Table:
			es.lines += float64(len(x.Rows)+1)*1.6 + 0.5
		case *ast.Figure:
			es.lines += 14
		case *ast.Quote:
			es.blocks(x.Blocks, indent+4)
		default:
			es.lines++
		}
	}
}

// plainLen is len(ast.PlainText(ins)), counted without building the
// text.
func plainLen(ins []ast.Inline) int {
	n := 0
	for _, in := range ins {
		switch x := in.(type) {
		case *ast.Text:
			n += len(x.Text)
		case *ast.Space, *ast.LineBreak:
			n++
		case *ast.Emph:
			n += plainLen(x.Inlines)
		case *ast.Strong:
			n += plainLen(x.Inlines)
		case *ast.Code:
			n += len(x.Text)
		case *ast.Link:
			n += plainLen(x.Inlines)
		case *ast.Ref:
			n += plainLen(x.Inlines)
		case *ast.Image:
			n += len(x.Alt)
		}
	}
	return n
}

// String formats the figures on one line, for logs and tests.
func (s Stats) String() string {
	return fmt.Sprintf("pages %d, lines %d, overfull %d, hyphenated %d, stretch mean %.3f max %.3f, emergency %d, widows %d, orphans %d, headings at foot %d, runs %d, moving refs %d",
		s.Pages, s.Lines, s.OverfullLines, s.HyphenatedLineEnds, s.MeanSpaceStretch, s.MaxSpaceStretch,
		s.EmergencyLines, s.Widows, s.Orphans, s.HeadingsAtFoot, s.Runs, s.MovingRefs)
}
