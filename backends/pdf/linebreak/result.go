package linebreak

import "slices"

// Result is the outcome of Break.
type Result struct {
	// Breaks holds, for every line, the index of the item at which it
	// ends; len(items) stands for the end of a paragraph that lacks a
	// final forced break.
	Breaks []int
	// Lines describes every line, in order.
	Lines []Line
	// Pass is the pass that produced the result: 1 (pretolerance, no
	// automatic hyphenation), 2 (tolerance) or 3 (emergency).
	Pass int
	// Demerits is the total demerits of the chosen breaks.
	Demerits float64
}

// Line describes one line of a broken paragraph.
type Line struct {
	// Start is the index of the line's first item: the first box after
	// the previous break (glue and penalties there are discarded).
	Start int
	// End is the index of the break item. Items Start..End-1 form the
	// line; the break item contributes only a penalty's Width.
	End int
	// Measure is the width the line is set to.
	Measure float64
	// Natural is the line's natural width, including a penalty's width.
	Natural float64
	// Ratio is the adjustment ratio of finite glue: each glue item is set
	// to Width + Ratio*Stretch when Ratio > 0 or Width + Ratio*Shrink when
	// Ratio < 0. It never goes below -1.
	Ratio float64
	// Fill is the extra width given to each infinitely stretchable glue.
	Fill float64
	// Fills is the number of infinitely stretchable glue items on the
	// line; lines without any are justified.
	Fills int
	// Badness is TeX's badness of the line (0..10000).
	Badness float64
	// Flagged tells that the line ends at a flagged (hyphenation) break.
	Flagged bool
	// Hyphen tells that the line ends at a penalty with a width, normally
	// a hyphen that must be drawn at the line end.
	Hyphen bool
	// Emergency marks a line whose badness exceeds the tolerance, set by
	// the emergency pass, or an overfull line.
	Emergency bool
	// Overfull marks a line wider than its measure. It only happens when
	// unbreakable material is wider than the measure.
	Overfull bool
	// Split tells that the line ends at an emergency break inside
	// material too wide for the measure (see Builder.Fit).
	Split bool
	// HangL and HangR are how far the line's first and last material
	// hang into the margins: the line is set to Measure plus both, from
	// HangL left of the measure's start.
	HangL, HangR float64
	// Expand is the factor minus one by which the line's boxes are set
	// wider (or, negative, narrower) than their widths; Ratio is then the
	// glue's share of the adjustment.
	Expand float64
}

// result backtracks from the best final node and describes the lines,
// in prev's storage.
func (b *breaker) result(prev Result, best int32, ps pass) Result {
	path := b.path[:0]
	for n := best; n > 0; n = b.nodes[n].prev {
		path = append(path, n)
	}
	slices.Reverse(path)
	b.path = path
	r := Result{Pass: ps.num, Demerits: b.nodes[best].total,
		Breaks: slices.Grow(prev.Breaks[:0], len(path)), Lines: slices.Grow(prev.Lines[:0], len(path))}
	from := &b.nodes[0]
	for li, n := range path {
		to := &b.nodes[n]
		end := int(to.pos)
		ln := b.line(min(int(from.start), end), end, b.widths.At(li), b.p.Expansion)
		ln.Emergency = ln.Overfull || (ps.emergency && ln.Badness > b.p.Tolerance)
		r.Breaks = append(r.Breaks, end)
		r.Lines = append(r.Lines, ln)
		from = to
	}
	return r
}

// line computes the setting of items st..end-1 plus the break at end;
// ex is the expansion allowed.
func (b *breaker) line(st, end int, measure, ex float64) Line {
	w := b.sumW[end] - b.sumW[st] + b.penaltyWidth(end)
	y, z := b.sumY[end]-b.sumY[st], b.sumZ[end]-b.sumZ[st]
	fil := b.sumFil[end] - b.sumFil[st]
	ln := Line{Start: st, End: end, Measure: measure, Natural: w, Fills: int(fil)}
	if st < end {
		ln.HangR = b.hangR(end)
		if b.items[st].Kind == KindBox {
			ln.HangL = hang(b.items[st].HangL)
		}
	}
	measure += ln.HangL + ln.HangR
	if end < len(b.items) && b.items[end].Kind == KindPenalty {
		ln.Flagged = b.items[end].Flagged
		ln.Hyphen = b.items[end].Width != 0
		ln.Split = b.items[end].Split
	}
	short := measure - w
	switch {
	case short >= -epsilon:
		switch {
		case fil > 0:
			ln.Fill = max(short, 0) / float64(fil)
		case short <= epsilon:
		case y > 0:
			ln.Ratio = short / y
			ln.Badness = min(badness(ln.Ratio), infBad)
		default:
			ln.Badness = infBad
		}
	case z > 0:
		ln.Ratio = max(short/z, -1)
		ln.Badness = badness(-ln.Ratio)
		ln.Overfull = -short > z+epsilon
	default:
		ln.Overfull = true
		ln.Badness = infBad
	}
	if bw := b.sumB[end] - b.sumB[st]; ex > 0 && bw > 0 && (ln.Ratio < 0 || ln.Ratio > 0 && fil == 0) {
		b.expand(&ln, ex, bw, y, z)
	}
	return ln
}

// expand shares a justified line's adjustment between its boxes, of
// width bw, and its glue, which stretches by y or shrinks by z (both
// including the boxes' share): the boxes take their share up to the
// limit ex, the glue the rest.
func (b *breaker) expand(ln *Line, ex, bw, y, z float64) {
	r := ln.Ratio
	ln.Expand = ex * min(max(r, -1), 1)
	adj := r * y
	glue := y - ex*bw
	if r < 0 {
		adj, glue = r*z, z-ex*bw
	}
	rest := adj - ln.Expand*bw
	switch {
	case glue > epsilon:
		ln.Ratio = rest / glue
	default:
		ln.Ratio = 0
	}
}

// Stats summarises the typographic quality of a result.
type Stats struct {
	// Lines is the number of lines.
	Lines int
	// Pass is the pass that produced the result.
	Pass int
	// HyphenatedLines counts lines ending at a flagged break (automatic,
	// soft or explicit hyphen).
	HyphenatedLines int
	// DrawnHyphens counts lines ending with a hyphen that must be drawn.
	DrawnHyphens int
	// MaxConsecutiveHyphens is the longest run of consecutive lines
	// ending at flagged breaks.
	MaxConsecutiveHyphens int
	// EmergencyLines counts lines marked Emergency.
	EmergencyLines int
	// OverfullLines counts lines marked Overfull.
	OverfullLines int
	// JustifiedLines counts lines without infinitely stretchable glue,
	// over which the ratios below are taken.
	JustifiedLines int
	// MeanRatio is the mean adjustment ratio of justified lines.
	MeanRatio float64
	// MaxStretch is the largest positive adjustment ratio.
	MaxStretch float64
	// MaxShrink is the largest shrink, as a positive ratio up to 1.
	MaxShrink float64
}

// Stats computes summary statistics of r.
func (r Result) Stats() Stats {
	s := Stats{Lines: len(r.Lines), Pass: r.Pass}
	run := 0
	sum := 0.0
	for _, ln := range r.Lines {
		if ln.Flagged {
			s.HyphenatedLines++
			run++
			s.MaxConsecutiveHyphens = max(s.MaxConsecutiveHyphens, run)
		} else {
			run = 0
		}
		if ln.Hyphen {
			s.DrawnHyphens++
		}
		if ln.Emergency {
			s.EmergencyLines++
		}
		if ln.Overfull {
			s.OverfullLines++
		}
		if ln.Fills == 0 {
			s.JustifiedLines++
			sum += ln.Ratio
			s.MaxStretch = max(s.MaxStretch, ln.Ratio)
			s.MaxShrink = max(s.MaxShrink, -ln.Ratio)
		}
	}
	if s.JustifiedLines > 0 {
		s.MeanRatio = sum / float64(s.JustifiedLines)
	}
	return s
}
