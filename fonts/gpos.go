package fonts

import (
	"cmp"
	"math/bits"
	"slices"
)

// gposParser extracts pair kerning from a GPOS table. Shared coverage,
// class definition and subtable offsets are parsed once, and a budget
// proportional to the table size caps the memory a hostile table can claim.
type gposParser struct {
	r      *reader
	covers map[int][]span
	class  map[int][]span
	subs   map[int]*pairSub
	sets   map[int]pairRange
	recs   []pairRec
	budget int
}

// parseGPOS returns the kern-feature pair adjustments for the Latin (or
// default) script, or nil if the table has none.
func parseGPOS(t []byte) (*kerning, error) {
	p := &gposParser{
		r:      &reader{b: t},
		covers: map[int][]span{}, class: map[int][]span{},
		subs: map[int]*pairSub{}, sets: map[int]pairRange{},
		budget: 2*len(t) + 1024,
	}
	r := p.r
	if r.u16(0) != 1 {
		return nil, nil // unknown major version: ignore the table
	}
	scripts, features, lookups := int(r.u16(4)), int(r.u16(6)), int(r.u16(8))
	if r.bad {
		return nil, malformed("GPOS header truncated")
	}
	idx := p.kernLookups(scripts, features)
	if r.bad {
		return nil, malformed("GPOS script or feature list truncated")
	}
	k := &kerning{source: "GPOS"}
	nLookups := int(r.u16(lookups))
	for _, li := range idx {
		if li >= nLookups {
			return nil, malformed("GPOS: kern feature refers to lookup %d of %d", li, nLookups)
		}
		subs, err := p.lookup(lookups + int(r.u16(lookups+2+2*li)))
		if err != nil {
			return nil, err
		}
		if len(subs) > 0 {
			k.lookups = append(k.lookups, subs)
		}
		if k.subtables() > maxKernSubtables {
			return nil, malformed("GPOS: kern feature uses more than %d subtables", maxKernSubtables)
		}
	}
	if len(k.lookups) == 0 {
		return nil, nil
	}
	for _, lk := range k.lookups {
		for _, s := range lk {
			if !s.classBased {
				s.recs = p.recs
			}
		}
	}
	k.index()
	return k, nil
}

// kernLookups returns the sorted, distinct lookup indices of the 'kern'
// features in the default language system of 'latn', 'DFLT' or 'dflt'.
func (p *gposParser) kernLookups(scripts, features int) []int {
	r := p.r
	script := -1
	for _, want := range []string{"latn", "DFLT", "dflt"} {
		for i := range int(r.u16(scripts)) {
			rec := scripts + 2 + 6*i
			if r.tag(rec) == want && script < 0 {
				script = scripts + int(r.u16(rec+4))
			}
		}
	}
	if script < 0 || r.bad || r.u16(script) == 0 {
		return nil
	}
	lang := script + int(r.u16(script))
	var fidx []int
	if req := r.u16(lang + 2); req != 0xFFFF {
		fidx = append(fidx, int(req))
	}
	for i := range int(r.u16(lang + 4)) {
		fidx = append(fidx, int(r.u16(lang+6+2*i)))
		if r.bad {
			return nil
		}
	}
	nFeatures := int(r.u16(features))
	var out []int
	for _, fi := range fidx {
		rec := features + 2 + 6*fi
		if fi >= nFeatures || r.tag(rec) != "kern" {
			continue
		}
		feat := features + int(r.u16(rec+4))
		for j := range int(r.u16(feat + 2)) {
			out = append(out, int(r.u16(feat+4+2*j)))
			if r.bad {
				return nil
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// lookup parses a pair adjustment lookup (type 2, or type 9 wrapping
// type 2). Other lookup types yield no subtables.
func (p *gposParser) lookup(off int) ([]*pairSub, error) {
	r := p.r
	typ, n := r.u16(off), int(r.u16(off+4))
	if r.bad || !r.has(off+6, 2*n) {
		return nil, malformed("GPOS lookup at offset %d truncated", off)
	}
	var out []*pairSub
	seen := map[int]bool{}
	for i := range n {
		sub := off + int(r.u16(off+6+2*i))
		if typ == 9 {
			if r.u16(sub) != 1 || r.u16(sub+2) != 2 {
				continue
			}
			sub += int(r.u32(sub + 4))
		} else if typ != 2 {
			return nil, nil
		}
		if seen[sub] {
			continue
		}
		seen[sub] = true
		s, err := p.pairPos(sub)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// spend charges n entries against the budget.
func (p *gposParser) spend(n int) error {
	p.budget -= n
	if p.budget < 0 {
		return malformed("GPOS: pair adjustment data larger than the table itself (overlapping subtables?)")
	}
	return nil
}

// valueSize returns the byte size of a ValueRecord and the offset of its
// XAdvance field (-1 if absent).
func valueSize(format uint16) (size, xAdv int) {
	size = 2 * bits.OnesCount16(format&0xFF)
	xAdv = -1
	if format&0x0004 != 0 {
		xAdv = 2 * bits.OnesCount16(format&0x0003)
	}
	return size, xAdv
}

func (p *gposParser) pairPos(off int) (*pairSub, error) {
	if s, ok := p.subs[off]; ok {
		return s, nil
	}
	r := p.r
	format := r.u16(off)
	if !r.has(off, 10) {
		return nil, malformed("GPOS PairPos subtable at offset %d truncated", off)
	}
	cover, err := p.coverage(off + int(r.u16(off+2)))
	if err != nil {
		return nil, err
	}
	var s *pairSub
	switch format {
	case 1:
		s, err = p.pairFormat1(off, cover)
	case 2:
		s, err = p.pairFormat2(off, cover)
	default:
		return nil, malformed("GPOS PairPos at offset %d has unknown format %d", off, format)
	}
	if err != nil {
		return nil, err
	}
	p.subs[off] = s
	return s, nil
}

func (p *gposParser) pairFormat1(off int, cover []span) (*pairSub, error) {
	r := p.r
	vf1, vf2 := r.u16(off+4), r.u16(off+6)
	size1, x1 := valueSize(vf1)
	size2, x2 := valueSize(vf2)
	n := int(r.u16(off + 8))
	if !r.has(off+10, 2*n) {
		return nil, malformed("GPOS PairPos format 1 at offset %d truncated", off)
	}
	if err := p.spend(n); err != nil {
		return nil, err
	}
	s := &pairSub{cover: cover, sets: make([]pairRange, n)}
	for i := range n {
		set := off + int(r.u16(off+10+2*i))
		if pr, ok := p.sets[set]; ok {
			s.sets[i] = pr
			continue
		}
		count, recSize := int(r.u16(set)), 2+size1+size2
		if !r.has(set+2, count*recSize) {
			return nil, malformed("GPOS PairSet at offset %d truncated", set)
		}
		if err := p.spend(count); err != nil {
			return nil, err
		}
		start := len(p.recs)
		for j := range count {
			rec := set + 2 + j*recSize
			v := 0
			if x1 >= 0 {
				v += int(r.i16(rec + 2 + x1))
			}
			if x2 >= 0 {
				v += int(r.i16(rec + 2 + size1 + x2))
			}
			p.recs = append(p.recs, pairRec{second: r.u16(rec), val: int32(v)})
		}
		slices.SortStableFunc(p.recs[start:], func(a, b pairRec) int { return cmp.Compare(a.second, b.second) })
		s.sets[i] = pairRange{start: int32(start), end: int32(len(p.recs))}
		p.sets[set] = s.sets[i]
	}
	return s, nil
}

func (p *gposParser) pairFormat2(off int, cover []span) (*pairSub, error) {
	r := p.r
	vf1, vf2 := r.u16(off+4), r.u16(off+6)
	size1, x1 := valueSize(vf1)
	size2, x2 := valueSize(vf2)
	n1, n2 := int(r.u16(off+12)), int(r.u16(off+14))
	s := &pairSub{cover: cover, classBased: true, n2: n2}
	var err error
	if s.class1, err = p.classDef(off + int(r.u16(off+8))); err != nil {
		return nil, err
	}
	if s.class2, err = p.classDef(off + int(r.u16(off+10))); err != nil {
		return nil, err
	}
	recSize := size1 + size2
	if !r.has(off+16, n1*n2*recSize) {
		return nil, malformed("GPOS PairPos format 2 at offset %d truncated", off)
	}
	if x1 < 0 && x2 < 0 {
		return s, nil // no advance adjustments: applies with value 0
	}
	if err := p.spend(n1 * n2); err != nil {
		return nil, err
	}
	s.vals = make([]int32, n1*n2)
	for i := range s.vals {
		rec := off + 16 + i*recSize
		v := 0
		if x1 >= 0 {
			v += int(r.i16(rec + x1))
		}
		if x2 >= 0 {
			v += int(r.i16(rec + size1 + x2))
		}
		s.vals[i] = int32(v)
	}
	return s, nil
}

// coverage parses a Coverage table into spans sorted by first glyph.
func (p *gposParser) coverage(off int) ([]span, error) {
	if c, ok := p.covers[off]; ok {
		return c, nil
	}
	r := p.r
	format, n := r.u16(off), int(r.u16(off+2))
	var out []span
	switch format {
	case 1:
		if !r.has(off+4, 2*n) {
			return nil, malformed("GPOS coverage at offset %d truncated", off)
		}
		for i := range n {
			g := r.u16(off + 4 + 2*i)
			if k := len(out) - 1; k >= 0 && out[k].hi+1 == g && int(out[k].v)+int(g-out[k].lo) == i {
				out[k].hi = g
				continue
			}
			out = append(out, span{lo: g, hi: g, v: uint16(i)})
		}
	case 2:
		if !r.has(off+4, 6*n) {
			return nil, malformed("GPOS coverage at offset %d truncated", off)
		}
		out = readRanges(r, off+4, n)
	default:
		return nil, malformed("GPOS coverage at offset %d has unknown format %d", off, format)
	}
	if err := p.spend(n); err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b span) int { return cmp.Compare(a.lo, b.lo) })
	p.covers[off] = out
	return out, nil
}

// classDef parses a ClassDef table into spans of non-zero classes.
func (p *gposParser) classDef(off int) ([]span, error) {
	if c, ok := p.class[off]; ok {
		return c, nil
	}
	r := p.r
	var out []span
	n := 0
	switch r.u16(off) {
	case 1:
		var start uint16
		start, n = r.u16(off+2), int(r.u16(off+4))
		if !r.has(off+6, 2*n) || int(start)+n > 0x10000 {
			return nil, malformed("GPOS class definition at offset %d truncated", off)
		}
		for i := range n {
			g, c := start+uint16(i), r.u16(off+6+2*i)
			if k := len(out) - 1; k >= 0 && out[k].hi+1 == g && out[k].v == c {
				out[k].hi = g
			} else if c != 0 {
				out = append(out, span{lo: g, hi: g, v: c})
			}
		}
	case 2:
		n = int(r.u16(off + 2))
		if !r.has(off+4, 6*n) {
			return nil, malformed("GPOS class definition at offset %d truncated", off)
		}
		out = readRanges(r, off+4, n)
	default:
		return nil, malformed("GPOS class definition at offset %d has unknown format %d", off, r.u16(off))
	}
	if err := p.spend(n); err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b span) int { return cmp.Compare(a.lo, b.lo) })
	p.class[off] = out
	return out, nil
}

// readRanges reads n (start, end, value) records, dropping inverted ones.
func readRanges(r *reader, off, n int) []span {
	out := make([]span, 0, n)
	for i := range n {
		s := span{lo: r.u16(off + 6*i), hi: r.u16(off + 6*i + 2), v: r.u16(off + 6*i + 4)}
		if s.lo <= s.hi {
			out = append(out, s)
		}
	}
	return out
}
