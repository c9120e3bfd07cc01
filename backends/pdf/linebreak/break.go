package linebreak

import (
	"math"
	"sync"
)

// Fitness classes, as in TeX.
const (
	fitVeryLoose uint8 = iota
	fitLoose
	fitDecent
	fitTight
)

// runClasses tells apart ways to reach a break that end zero, one, or
// two or more hyphenated lines in a row, so that a limit on the run of
// hyphens sees every way.
const runClasses = 3

// infBad is TeX's badness of a line that cannot be stretched enough.
const infBad = 10000

// epsilon absorbs rounding when comparing widths.
const epsilon = 1e-9

// bnode is a feasible breakpoint found during a pass.
type bnode struct {
	total   float64 // demerits of the best paragraph prefix ending here
	pos     int32   // item index of the break; -1 for the paragraph start
	start   int32   // index of the first item of the following line
	prev    int32   // previous node on the best path, or -1
	fit     uint8   // fitness class of the line ending here
	flagged bool    // the break is at a flagged penalty
}

// cand is the best way found so far to reach the current breakpoint with a
// given fitness class.
type cand struct {
	total   float64
	prev    int32
	line    int32
	hyphRun uint8 // consecutive lines ending at flagged breaks, this one included
}

// pass describes one run of the algorithm.
type pass struct {
	num       int
	threshold float64
	maxRatio  float64 // the stretch ratio whose badness is threshold
	hyphenate bool    // try Auto penalties
	emergency bool    // uncapped badness with emergency stretch
	final     bool    // keep going with artificial demerits if stuck
}

// breaker holds the state shared by the passes over one paragraph.
type breaker struct {
	items  []Item
	widths LineWidths
	p      Params
	easy   int32 // lines from here on all have the measure widths.Rest
	last   int   // index of the final breakpoint (len(items) if virtual)

	sumW, sumY, sumZ []float64 // prefix sums over boxes and glue
	sumB             []float64 // prefix sums of the boxes' widths
	sumFil           []int32   // prefix count of infinitely stretchable glue
	nextBox          []int32   // first box after index i, or len(items)

	monotone bool // no negative widths or stretch: looseness grows along the active list
	hangs    bool // some item may hang into a margin

	nodes         []bnode
	active, spare []activeNode // the live active list is active[head:]
	head          int
	fresh         []activeNode // new nodes of the current breakpoint
	path          []int32      // the chosen nodes, while backtracking
	ps            [3]pass
	cands         [4 * runClasses]cand // by run of hyphens, then fitness class
	candSet       uint16               // which of cands hold a candidate
	breakHasCand  bool
}

// activeNode is an entry of the active list: a node that may still start
// a feasible line, with the prefix sums at the start of that line copied
// in for fast access.
type activeNode struct {
	w, y, z float64 // prefix sums at the start of the next line
	total   float64
	fil     int32
	start   int32
	line    int32
	node    int32
	fit     uint8
	flagged bool
	hyphRun uint8
}

// Break chooses the breakpoints of a paragraph with the Knuth–Plass
// algorithm and returns them with per-line adjustment data. A paragraph
// that does not end with a forced break is treated as if it did.
//
// Up to three passes run, as in TeX: one at Pretolerance without Auto
// hyphenation breaks, one at Tolerance with them, and, if both fail, an
// emergency pass in which every line that fits its measure is acceptable
// (so a line may be underfull but never overfull). Only if no such
// solution exists, because some unbreakable material is wider than the
// measure, does a line become overfull; such lines are marked.
func Break(items []Item, widths LineWidths, p Params) Result {
	return BreakInto(Result{}, items, widths, p)
}

// BreakInto is Break storing the result's breaks and lines in the
// storage of prev's, which it overwrites.
func BreakInto(prev Result, items []Item, widths LineWidths, p Params) Result {
	if len(items) == 0 {
		return Result{}
	}
	b := newBreaker(items, widths, p)
	defer b.release()
	for _, ps := range b.passes() {
		if best, ok := b.run(ps); ok {
			return b.result(prev, best, ps)
		}
	}
	panic("linebreak: final pass found no solution")
}

// breakerPool recycles the working memory of Break.
var breakerPool = sync.Pool{New: func() any { return new(breaker) }}

// grow returns s resized to n elements, reusing its storage if possible.
// The contents are unspecified.
func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

// release returns b to the pool, dropping references to caller data.
func (b *breaker) release() {
	b.items, b.widths = nil, LineWidths{}
	breakerPool.Put(b)
}

// newBreaker precomputes prefix sums and next-box indices.
func newBreaker(items []Item, widths LineWidths, p Params) *breaker {
	n := len(items)
	b := breakerPool.Get().(*breaker)
	b.items, b.widths, b.p, b.easy = items, widths, p, int32(len(widths.First))
	b.sumW = grow(b.sumW, n+1)
	b.sumY = grow(b.sumY, n+1)
	b.sumZ = grow(b.sumZ, n+1)
	b.sumFil = grow(b.sumFil, n+1)
	b.sumB = grow(b.sumB, n+1)
	b.nextBox = grow(b.nextBox, n+1)
	b.sumW[0], b.sumY[0], b.sumZ[0], b.sumFil[0], b.sumB[0] = 0, 0, 0, 0, 0
	ex := p.Expansion
	b.monotone, b.hangs = true, false
	for i := range items {
		it := &items[i]
		if it.HangL != 0 || it.HangR != 0 {
			b.hangs = true
		}
		if it.Kind != KindPenalty && (it.Width < 0 || it.Stretch < 0) {
			b.monotone = false
		}
		b.sumW[i+1], b.sumY[i+1], b.sumZ[i+1], b.sumFil[i+1] = b.sumW[i], b.sumY[i], b.sumZ[i], b.sumFil[i]
		b.sumB[i+1] = b.sumB[i]
		switch it.Kind {
		case KindBox:
			b.sumW[i+1] += it.Width
			if ex > 0 && it.Width > 0 {
				b.sumB[i+1] += it.Width
				b.sumY[i+1] += ex * it.Width
				b.sumZ[i+1] += ex * it.Width
			}
		case KindGlue:
			b.sumW[i+1] += it.Width
			b.sumZ[i+1] += it.Shrink
			if infStretch(it.Stretch) {
				b.sumFil[i+1]++
			} else {
				b.sumY[i+1] += it.Stretch
			}
		}
	}
	b.nextBox[n] = int32(n)
	for i := n - 1; i >= 0; i-- {
		b.nextBox[i] = b.nextBox[i+1]
		if i+1 < n && items[i+1].Kind == KindBox {
			b.nextBox[i] = int32(i + 1)
		}
	}
	b.last = n
	if it := items[n-1]; it.Kind == KindPenalty && it.Cost <= -Infinity {
		b.last = n - 1
	}
	return b
}

// passes lists the passes to attempt, in order, in the breaker's
// memory.
func (b *breaker) passes() []pass {
	ps := &b.ps
	n := 0
	if b.p.Pretolerance >= 0 {
		ps[n] = pass{num: 1, threshold: b.p.Pretolerance}
		n++
	}
	ps[n] = pass{num: 2, threshold: b.p.Tolerance, hyphenate: true, final: b.p.SkipEmergency}
	n++
	if !b.p.SkipEmergency {
		ps[n] = pass{num: 3, threshold: math.Inf(1), hyphenate: true, emergency: true, final: true}
		n++
	}
	for i := range ps[:n] {
		// Slightly generous, so that rounding never rejects a line that
		// rate would accept.
		ps[i].maxRatio = math.Cbrt(max(ps[i].threshold, 0)/100) * (1 + 1e-9)
		if ps[i].threshold >= infBad {
			ps[i].maxRatio = math.Inf(1)
		}
	}
	return ps[:n]
}

// breakpoint reports whether item i (or the virtual end at len(items)) is
// a legal break in pass ps, with its penalty and flag.
func (b *breaker) breakpoint(i int, ps pass) (cost float64, flagged, ok bool) {
	if i == len(b.items) {
		return -Infinity, true, true
	}
	it := &b.items[i]
	switch it.Kind {
	case KindGlue:
		return 0, false, i > 0 && b.items[i-1].Kind == KindBox
	case KindPenalty:
		if it.Cost >= Infinity || (it.Auto && !ps.hyphenate) {
			return 0, false, false
		}
		return it.Cost, it.Flagged, true
	}
	return 0, false, false
}

// run performs one pass and returns the best final node.
func (b *breaker) run(ps pass) (int32, bool) {
	b.nodes = append(b.nodes[:0], bnode{pos: -1, fit: fitDecent, prev: -1})
	b.active = append(b.active[:0], activeNode{fit: fitDecent, w: b.hangL(0)})
	b.head = 0
	for i := 0; i <= b.last; i++ {
		cost, flagged, ok := b.breakpoint(i, ps)
		if !ok {
			continue
		}
		b.try(i, cost, flagged, ps)
		if len(b.active) == b.head {
			return -1, false
		}
	}
	best, bestTotal := int32(-1), math.Inf(1)
	for _, a := range b.active[b.head:] {
		if a.total < bestTotal {
			best, bestTotal = a.node, a.total
		}
	}
	return best, best >= 0
}

// penaltyWidth is the width a break at index i adds to its line.
func (b *breaker) penaltyWidth(i int) float64 {
	if i < len(b.items) && b.items[i].Kind == KindPenalty {
		return b.items[i].Width
	}
	return 0
}
