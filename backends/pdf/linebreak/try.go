package linebreak

import "math"

// rating describes how a candidate line fits its measure.
type rating struct {
	bad  float64
	fit  uint8
	over bool
}

// badness is TeX's badness of adjustment ratio r (r >= 0), uncapped.
func badness(r float64) float64 {
	return 100 * r * r * r
}

// rate computes badness and fitness of a line with natural width w,
// stretch y, shrink z and fil infinitely stretchable glues, set to measure.
func rate(w, y, z float64, fil int32, measure, extra float64, emergency bool) rating {
	if w <= measure {
		short := measure - w
		if fil > 0 || short <= epsilon {
			return rating{fit: fitDecent}
		}
		y += extra
		if y <= 0 {
			return rating{bad: infBad, fit: fitVeryLoose}
		}
		bad := badness(short / y)
		if !emergency {
			bad = min(bad, infBad)
		}
		switch {
		case bad > 99:
			return rating{bad: bad, fit: fitVeryLoose}
		case bad > 12:
			return rating{bad: bad, fit: fitLoose}
		}
		return rating{bad: bad, fit: fitDecent}
	}
	excess := w - measure
	if excess > z+epsilon {
		return rating{bad: math.Inf(1), fit: fitTight, over: true}
	}
	bad := 0.0
	if z > 0 {
		bad = badness(min(excess/z, 1))
	}
	if bad > 12 {
		return rating{bad: bad, fit: fitTight}
	}
	return rating{bad: bad, fit: fitDecent}
}

// demerits computes the demerits of a line with badness bad ending at a
// break with penalty cost after the node from; final marks the end of the
// paragraph.
func (b *breaker) demerits(bad, cost float64, flagged, final bool, fit uint8, from *activeNode) float64 {
	l := b.p.LinePenalty + bad
	d := l * l
	switch {
	case cost >= 0:
		d += cost * cost
	case cost > -Infinity:
		d -= cost * cost
	}
	if from.flagged {
		if final {
			d += b.p.FinalHyphenDemerits
		} else if flagged {
			d += b.p.DoubleHyphenDemerits
		}
	}
	if diff := int(fit) - int(from.fit); diff > 1 || diff < -1 {
		d += b.p.AdjDemerits
	}
	return d
}

// try considers a break at item i against every active node, deactivating
// nodes that can no longer start a line reaching i and recording the best
// new nodes per line-number group and fitness class.
//
// The active list is updated in place. Nodes are ordered by line group and,
// within a group, by position, so when widths are monotone the first node
// too loose to reach i is followed only by looser ones, which are kept
// without being rated.
func (b *breaker) try(i int, cost float64, flagged bool, ps pass) {
	forced := cost <= -Infinity
	final := i == b.last
	// The material ending the line may hang into the margin; what may
	// hang at a line's start is in the nodes' w.
	w, y, z, fil := b.sumW[i]+b.penaltyWidth(i)-b.hangR(i), b.sumY[i], b.sumZ[i], b.sumFil[i]
	act := b.active
	h, j := b.head, b.head // act[h:j] holds the nodes kept so far
	b.beginBreak()
	group := int32(-1)
	for idx := b.head; idx < len(act); idx++ {
		a := &act[idx]
		if g := b.group(a.line); g != group {
			b.flush(i, flagged)
			group = g
		}
		measure := b.widths.At(int(a.line))
		lw, ly, lz, lf := w-a.w, y-a.y, z-a.z, fil-a.fil
		if int(a.start) > i {
			lw, ly, lz, lf = b.penaltyWidth(i), 0, 0, 0
		}
		if !forced && lf == 0 && measure-lw > ps.maxRatio*ly+epsilon {
			// Too loose for this pass, but later breaks may fit.
			end := b.looseEnd(act, idx, group)
			j += copy(act[j:], act[idx:end])
			idx = end - 1
			continue
		}
		rt := rate(lw, ly, lz, lf, measure, b.emergencyStretch(measure, ps), ps.emergency)
		keep := !rt.over && !forced
		switch {
		case !rt.over && rt.bad <= ps.threshold:
			b.record(rt, b.demerits(rt.bad, cost, flagged, final, rt.fit, a), a, flagged)
		case !keep && ps.final && !b.breakHasCand && j == h && idx == len(act)-1:
			// The last way forward would be lost: force this break.
			b.record(rt, 0, a, flagged)
		}
		switch {
		case keep:
			act[j] = *a
			j++
		case j == h:
			h, j = idx+1, idx+1
		}
	}
	b.flush(i, flagged)
	b.commit(act, h, j)
}

// hangL is how far the box at index st, starting a line, may hang into
// the left margin.
func (b *breaker) hangL(st int32) float64 {
	if !b.hangs || int(st) >= len(b.items) {
		return 0
	}
	return hang(b.items[st].HangL)
}

// hangR is how far the material ending a line at break i may hang into
// the right margin: the break's hyphen, or the last box before it.
func (b *breaker) hangR(i int) float64 {
	if !b.hangs {
		return 0
	}
	if i < len(b.items) {
		switch it := &b.items[i]; {
		case it.Kind == KindPenalty && it.Width != 0:
			return hang(it.HangR)
		case it.Kind == KindGlue:
			return hang(b.items[i-1].HangR)
		}
	}
	for k := i - 1; k >= 0; k-- {
		switch b.items[k].Kind {
		case KindBox:
			return hang(b.items[k].HangR)
		case KindGlue:
			return 0
		}
	}
	return 0
}

// looseEnd returns the end of the run of nodes, starting with the too-loose
// node at idx, that are known to be too loose as well.
func (b *breaker) looseEnd(act []activeNode, idx int, group int32) int {
	if !b.monotone {
		return idx + 1
	}
	if group == b.easy {
		return len(act)
	}
	end := idx + 1
	for end < len(act) && b.group(act[end].line) == group {
		end++
	}
	return end
}

// emergencyStretch is the background stretch assumed in pass ps.
func (b *breaker) emergencyStretch(measure float64, ps pass) float64 {
	switch {
	case !ps.emergency:
		return 0
	case b.p.EmergencyStretch > 0:
		return b.p.EmergencyStretch
	}
	return 0.1 * measure
}

// record remembers a feasible line from a, if it is the best so far for
// its fitness class in the current group.
func (b *breaker) record(rt rating, d float64, a *activeNode, flagged bool) {
	run := uint8(0)
	if flagged {
		run = a.hyphRun + 1
		if b.p.MaxHyphenRun > 0 && int(run) > b.p.MaxHyphenRun {
			d += b.p.HyphenRunDemerits
		}
	}
	total := a.total + d
	k := int(rt.fit)
	if b.p.MaxHyphenRun > 0 {
		k += 4 * int(min(run, runClasses-1))
	}
	if c := &b.cands[k]; b.candSet&(1<<k) == 0 || total < c.total {
		*c = cand{total: total, prev: a.node, line: a.line + 1, hyphRun: run}
		b.candSet |= 1 << k
	}
	b.breakHasCand = true
}
