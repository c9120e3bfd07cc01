package linebreak

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestExpansionShrinks sets on one line what fits only when the words
// may be set narrower: 4×5 of boxes and 3 glues of 1 (shrink 1/3) in a
// measure of 21.6 need 1.4 of shrink, 1 from the glue and 0.4 from 2 %
// of the boxes.
func TestExpansionShrinks(t *testing.T) {
	items := words(5, 5, 5, 5)
	if res := Break(items, Uniform(21.6), DefaultParams()); len(res.Lines) != 2 {
		t.Fatalf("without expansion: %d lines, want 2", len(res.Lines))
	}
	p := DefaultParams()
	p.Expansion = 0.02
	res := Break(items, Uniform(21.6), p)
	if len(res.Lines) != 1 {
		t.Fatalf("with expansion: %d lines, want 1", len(res.Lines))
	}
	ln := res.Lines[0]
	// The line takes part of its shrink from the boxes; set width and
	// measure agree.
	set := 20*(1+ln.Expand) + 3*GlueWidth(items[1], ln)
	if ln.Expand >= 0 || ln.Expand < -0.02 || math.Abs(set-21.6) > 1e-9 {
		t.Errorf("expand %v, ratio %v: set width %v, want 21.6", ln.Expand, ln.Ratio, set)
	}
}

// TestExpansionStretches shares a loose line's stretch: the boxes take
// their share up to the limit and the glue the rest.
func TestExpansionStretches(t *testing.T) {
	p := DefaultParams()
	p.Expansion = 0.02
	items := words(10, 10, 10, 10, 10)
	res := Break(items, Uniform(44), p)
	if len(res.Lines) == 0 {
		t.Fatal("no lines")
	}
	ln := res.Lines[0]
	if ln.Fills != 0 {
		t.Fatalf("first line is not justified: %+v", ln)
	}
	n := 0.0
	boxes := 0.0
	glue := 0.0
	for i := ln.Start; i < ln.End; i++ {
		switch items[i].Kind {
		case KindBox:
			boxes += items[i].Width
			n++
		case KindGlue:
			glue += GlueWidth(items[i], ln)
		}
	}
	if ln.Expand <= 0 || ln.Expand > 0.02+1e-12 {
		t.Errorf("expand %v, want in (0, 0.02]", ln.Expand)
	}
	if set := boxes*(1+ln.Expand) + glue; math.Abs(set-ln.Measure) > 1e-9 {
		t.Errorf("set width %v, measure %v", set, ln.Measure)
	}
}

// TestProtrusion lets a full stop hang into the margin: the line fits
// only with the hang, and the line reports it.
func TestProtrusion(t *testing.T) {
	items := words(5, 5, 5)
	items[2].HangR = Hang(0.5)
	p := DefaultParams()
	p.Pretolerance, p.SkipEmergency = -1, true
	res := Break(items, Uniform(10.5), p)
	if !slices.Equal(res.Breaks, []int{3, 7}) {
		t.Fatalf("breaks %v, want [3 7]", res.Breaks)
	}
	ln := res.Lines[0]
	if ln.HangR != 0.5 || ln.Ratio != 0 || ln.Badness != 0 {
		t.Errorf("line %+v: want hang 0.5 and natural spacing", ln)
	}
	// A box that starts a line may hang left.
	items = words(5, 5, 5)
	items[4].HangL = Hang(0.25)
	res = Break(items, Uniform(10.8), p)
	if !slices.Equal(res.Breaks, []int{3, 7}) || res.Lines[1].HangL != 0.25 {
		t.Errorf("breaks %v, lines %+v", res.Breaks, res.Lines)
	}
}

// TestHyphenRunLimit sets paragraphs of long words, each breakable
// with a hyphen in many places, in narrow measures: without a limit
// some have three hyphenated lines in a row, with one none do.
func TestHyphenRunLimit(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	p := DefaultParams()
	// Every setting is feasible, so a run can always be avoided.
	p.DoubleHyphenDemerits, p.Tolerance = 0, 10000
	lim := p
	lim.MaxHyphenRun, lim.HyphenRunDemerits = 2, 1e9
	free, limited := 0, 0
	for trial := 0; trial < 400; trial++ {
		var items []Item
		for w := 0; w < 12; w++ {
			if w > 0 {
				items = append(items, Glue(1, 0.5, 1.0/3))
			}
			items = append(items, Box(float64(1+r.IntN(3))))
			for k := 0; k < 2+r.IntN(4); k++ {
				items = append(items, Item{Kind: KindPenalty, Width: 1, Cost: 50, Flagged: true, Auto: true},
					Box(float64(1+r.IntN(3))))
			}
		}
		items = append(items, Penalty(0, Infinity, false), Glue(0, math.Inf(1), 0), Penalty(0, -Infinity, false))
		w := Uniform(float64(9 + r.IntN(8)))
		if Break(items, w, p).Stats().MaxConsecutiveHyphens > 2 {
			free++
		}
		if Break(items, w, lim).Stats().MaxConsecutiveHyphens > 2 {
			limited++
		}
	}
	if free < 20 {
		t.Fatalf("only %d paragraphs have three hyphens in a row without a limit; the case does not test it", free)
	}
	if limited > 0 {
		t.Errorf("with a limit of 2: %d of 400 paragraphs still have three hyphenated lines in a row (%d without)", limited, free)
	}
}
