package fonts

import (
	"cmp"
	"slices"
	"sort"
)

// span is a glyph range lo..hi carrying a value: the coverage index of lo
// in coverage tables, or the class of every glyph in class definitions.
type span struct {
	lo, hi, v uint16
}

// findSpan returns the span containing g. Spans are sorted by lo.
func findSpan(spans []span, g uint16) (span, bool) {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].lo > g }) - 1
	if i < 0 || spans[i].hi < g {
		return span{}, false
	}
	return spans[i], true
}

func coverageIndex(spans []span, g uint16) (int, bool) {
	s, ok := findSpan(spans, g)
	return int(s.v) + int(g-s.lo), ok
}

func classOf(spans []span, g uint16) int {
	s, _ := findSpan(spans, g)
	return int(s.v) // class 0 when not listed
}

// pairRec is one explicit pair: the second glyph and the combined advance
// adjustment in font units.
type pairRec struct {
	second uint16
	val    int32
}

// pairRange locates the records for one first glyph within pairSub.recs.
type pairRange struct {
	start, end int32
}

// pairSub is one pair-adjustment subtable: explicit pairs (GPOS PairPos
// format 1 and kern format 0) or class pairs (PairPos format 2).
type pairSub struct {
	cover []span
	// explicit pairs
	sets []pairRange // by coverage index
	recs []pairRec   // each range sorted by second glyph
	// class pairs
	class1, class2 []span
	n2             int
	vals           []int32 // class1*n2 + class2; nil means all zero
	classBased     bool
}

// value returns the adjustment for the pair and whether this subtable
// applies to it; once one applies, later subtables of the lookup are skipped.
func (s *pairSub) value(g1, g2 uint16) (int, bool) {
	ci, ok := coverageIndex(s.cover, g1)
	if !ok {
		return 0, false
	}
	if s.classBased {
		if s.vals == nil {
			return 0, true
		}
		c1, c2 := classOf(s.class1, g1), classOf(s.class2, g2)
		if c2 >= s.n2 || (c1+1)*s.n2 > len(s.vals) {
			return 0, false
		}
		return int(s.vals[c1*s.n2+c2]), true
	}
	if ci >= len(s.sets) {
		return 0, false
	}
	recs := s.recs[s.sets[ci].start:s.sets[ci].end]
	i := sort.Search(len(recs), func(i int) bool { return recs[i].second >= g2 })
	if i < len(recs) && recs[i].second == g2 {
		return int(recs[i].val), true
	}
	return 0, false
}

// maxKernSubtables bounds the subtables consulted per glyph pair, so a
// hostile font cannot make every measurement arbitrarily slow. Real fonts
// use a handful.
const maxKernSubtables = 1024

// kerning holds all pair adjustments of a face: a list of lookups whose
// results add up, each a list of subtables of which the first applicable
// one counts.
type kerning struct {
	source  string // "GPOS" or "kern"
	lookups [][]*pairSub
	first   []uint64 // bitset: glyphs that start at least one pair
}

// starts reports whether g is the first glyph of any pair.
func (k *kerning) starts(g uint16) bool {
	return k != nil && int(g>>6) < len(k.first) && k.first[g>>6]&(1<<(g&63)) != 0
}

// pair returns the total adjustment for g1 followed by g2 in font units.
func (k *kerning) pair(g1, g2 uint16) int {
	if !k.starts(g1) {
		return 0
	}
	sum := 0
	for _, lk := range k.lookups {
		for _, st := range lk {
			if v, ok := st.value(g1, g2); ok {
				sum += v
				break
			}
		}
	}
	return sum
}

// subtables returns the number of subtables over all lookups.
func (k *kerning) subtables() int {
	n := 0
	for _, lk := range k.lookups {
		n += len(lk)
	}
	return n
}

// index builds the first-glyph bitset from every subtable's coverage.
func (k *kerning) index() {
	var all []span
	for _, lk := range k.lookups {
		for _, st := range lk {
			all = append(all, st.cover...)
		}
	}
	slices.SortFunc(all, func(a, b span) int { return cmp.Compare(a.lo, b.lo) })
	k.first = make([]uint64, 1024)
	next := 0 // first glyph not yet marked, so each glyph is marked once
	for _, s := range all {
		for g := max(int(s.lo), next); g <= int(s.hi); g++ {
			k.first[g>>6] |= 1 << (g & 63)
		}
		next = max(next, int(s.hi)+1)
	}
}

// explicitPairs builds an explicit-pair subtable from unsorted triples.
func explicitPairs(firsts []uint16, recs []pairRec) *pairSub {
	idx := make([]int, len(firsts))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if c := cmp.Compare(firsts[a], firsts[b]); c != 0 {
			return c
		}
		return cmp.Compare(recs[a].second, recs[b].second)
	})
	s := &pairSub{recs: make([]pairRec, len(idx))}
	for j, i := range idx {
		s.recs[j] = recs[i]
		g := firsts[i]
		if n := len(s.cover); n > 0 && s.cover[n-1].hi == g {
			s.sets[len(s.sets)-1].end = int32(j + 1)
			continue
		}
		s.cover = append(s.cover, span{lo: g, hi: g, v: uint16(len(s.sets))})
		s.sets = append(s.sets, pairRange{start: int32(j), end: int32(j + 1)})
	}
	return s
}

// parseKern reads horizontal format 0 subtables of a Microsoft (version 0)
// or Apple (version 1) kern table. Other formats are skipped.
func parseKern(t []byte) (*kerning, error) {
	r := &reader{b: t}
	k := &kerning{source: "kern"}
	apple := r.u16(0) == 1
	n, off := int(r.u16(2)), 4
	if apple {
		n, off = int(r.u32(4)), 8
	}
	for i := 0; i < n && off < len(t); i++ {
		var length, format int
		var horizontal bool
		if apple {
			length, format = int(r.u32(off)), int(r.u8(off+5))
			horizontal = r.u8(off+4)&0xE0 == 0
			off += 8
		} else {
			length, format = int(r.u16(off+2)), int(r.u8(off+4))
			cov := r.u8(off + 5)
			horizontal = cov&0x07 == 0x01
			off += 6
		}
		if r.bad {
			return nil, malformed("kern subtable %d header truncated", i)
		}
		hdr := 6
		if apple {
			hdr = 8
		}
		if format != 0 {
			if length < hdr {
				return nil, malformed("kern subtable %d has impossible length %d", i, length)
			}
			off += length - hdr
			continue
		}
		npairs := int(r.u16(off))
		if !r.has(off+8, 6*npairs) {
			return nil, malformed("kern subtable %d: %d pairs exceed the table", i, npairs)
		}
		if horizontal {
			if len(k.lookups) == maxKernSubtables {
				return nil, malformed("kern: more than %d subtables", maxKernSubtables)
			}
			k.lookups = append(k.lookups, []*pairSub{kernPairs(r, off+8, npairs)})
		}
		// The 16-bit length field overflows for large tables; the pair count does not.
		off += 8 + 6*npairs
	}
	k.index()
	return k, nil
}

func kernPairs(r *reader, off, n int) *pairSub {
	firsts := make([]uint16, n)
	recs := make([]pairRec, n)
	for j := range n {
		p := off + 6*j
		firsts[j] = r.u16(p)
		recs[j] = pairRec{second: r.u16(p + 2), val: int32(r.i16(p + 4))}
	}
	return explicitPairs(firsts, recs)
}

// count returns the number of explicit glyph pairs with a non-zero value
// and the number of non-zero class pair entries.
func (k *kerning) count() (pairs, classPairs int) {
	if k == nil {
		return 0, 0
	}
	for _, lk := range k.lookups {
		for _, st := range lk {
			for _, v := range st.vals {
				if v != 0 {
					classPairs++
				}
			}
			if st.classBased {
				continue
			}
			for _, c := range st.cover {
				for g := int(c.lo); g <= int(c.hi); g++ {
					if ci := int(c.v) + g - int(c.lo); ci < len(st.sets) {
						for _, r := range st.recs[st.sets[ci].start:st.sets[ci].end] {
							if r.val != 0 {
								pairs++
							}
						}
					}
				}
			}
		}
	}
	return pairs, classPairs
}
