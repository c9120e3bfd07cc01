package linebreak

import "math"

// beginBreak clears the per-breakpoint state.
func (b *breaker) beginBreak() {
	b.breakHasCand = false
	b.fresh = b.fresh[:0]
	b.resetCands()
}

// resetCands clears the per-group candidates.
func (b *breaker) resetCands() {
	b.candSet = 0
}

// flush turns the group's candidates into new nodes for breakpoint i.
// Candidates worse by more than AdjDemerits than the best one that ends
// no longer a run of hyphens can never win and are dropped.
func (b *breaker) flush(i int, flagged bool) {
	if b.candSet == 0 {
		return
	}
	st := b.nextBox[i]
	m := math.Inf(1)
	for rc := range runClasses {
		set := b.candSet >> (4 * rc) & 0xF
		if set == 0 {
			continue
		}
		for f := range 4 {
			if set&(1<<f) != 0 {
				m = min(m, b.cands[4*rc+f].total)
			}
		}
		for f := range 4 {
			if set&(1<<f) != 0 && b.cands[4*rc+f].total <= m+b.p.AdjDemerits {
				b.newNode(i, st, f, flagged, &b.cands[4*rc+f])
			}
		}
	}
	b.resetCands()
}

// newNode adds the node of candidate c, of fitness f, for a break at i
// whose next line starts at st.
func (b *breaker) newNode(i int, st int32, f int, flagged bool, c *cand) {
	b.fresh = append(b.fresh, activeNode{
		w: b.sumW[st] + b.hangL(st), y: b.sumY[st], z: b.sumZ[st], fil: b.sumFil[st],
		total: c.total, start: st, line: c.line, node: int32(len(b.nodes)),
		fit: uint8(f), flagged: flagged, hyphRun: c.hyphRun,
	})
	b.nodes = append(b.nodes, bnode{
		total: c.total, pos: int32(i), start: st, prev: c.prev, fit: uint8(f), flagged: flagged,
	})
}

// group returns the line-number group of nodes starting line `line`: lines
// from b.easy on share one measure and one group.
func (b *breaker) group(line int32) int32 {
	return min(line, b.easy)
}

// commit makes act[h:j] plus the new nodes the active list. The list stays
// ordered by group and, within a group, by position: new nodes go after
// the kept nodes of their group.
func (b *breaker) commit(act []activeNode, h, j int) {
	kept := act[h:j]
	if len(b.fresh) > 0 && len(kept) > 0 && b.group(b.fresh[0].line) < b.group(kept[len(kept)-1].line) {
		out := b.spare[:0]
		k := 0
		for _, f := range b.fresh {
			g := b.group(f.line)
			for k < len(kept) && b.group(kept[k].line) <= g {
				out = append(out, kept[k])
				k++
			}
			out = append(out, f)
		}
		out = append(out, kept[k:]...)
		b.active, b.spare, b.head = out, act[:0], 0
		return
	}
	if h > 0 && cap(act)-j < len(b.fresh) {
		copy(act, kept)
		h, j = 0, len(kept)
	}
	b.active, b.head = append(act[:j], b.fresh...), h
}
