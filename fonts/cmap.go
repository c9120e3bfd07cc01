package fonts

import "sort"

// smallLimit is the number of runes whose glyph and width are kept in a
// dense per-face table; everything above is found by binary search.
const smallLimit = 0x3000

// cmapGroup maps the runes lo..hi to consecutive glyphs starting at gid.
type cmapGroup struct {
	lo, hi rune
	gid    uint32
}

// charMap maps runes to glyph indices.
type charMap struct {
	small     []uint16    // glyph for each rune below smallLimit
	big       []cmapGroup // sorted and disjoint, all at or above smallLimit
	numGlyphs int
}

// glyph returns the glyph for r, or 0 if the font does not map it.
func (c *charMap) glyph(r rune) uint16 {
	if r >= 0 && r < smallLimit {
		return c.small[r]
	}
	i := sort.Search(len(c.big), func(i int) bool { return c.big[i].hi >= r })
	if i == len(c.big) || c.big[i].lo > r {
		return 0
	}
	g := c.big[i].gid + uint32(r-c.big[i].lo)
	if g >= uint32(c.numGlyphs) {
		return 0
	}
	return uint16(g)
}

// set records that r maps to glyph g, merging runs of consecutive runes
// and glyphs above smallLimit into groups. Runes arrive in increasing order.
func (c *charMap) set(r rune, g uint32) {
	if g == 0 || g >= uint32(c.numGlyphs) {
		return
	}
	if r < smallLimit {
		c.small[r] = uint16(g)
		return
	}
	if n := len(c.big); n > 0 {
		last := &c.big[n-1]
		if last.hi+1 == r && last.gid+uint32(r-last.lo) == g {
			last.hi = r
			return
		}
	}
	c.big = append(c.big, cmapGroup{lo: r, hi: r, gid: g})
}

// cmapScore ranks an encoding record; 0 means unusable. Full-repertoire
// format 12 subtables win over BMP-only format 4 ones.
func cmapScore(platform, encoding, format uint16) int {
	var s int
	switch {
	case platform == 3 && (encoding == 1 || encoding == 10):
		s = 2
	case platform == 0 && encoding != 5:
		s = 1
	default:
		return 0
	}
	switch format {
	case 12:
		return s + 10
	case 4:
		return s
	}
	return 0
}

// parseCmap picks the best Unicode subtable and decodes it. It also
// insists on a format 4 Unicode subtable.
func parseCmap(t []byte, numGlyphs int) (*charMap, error) {
	r := &reader{b: t}
	n := int(r.u16(2))
	if !r.has(4, 8*n) {
		return nil, malformed("cmap table truncated")
	}
	best, bestOff, bmp := 0, 0, false
	for i := range n {
		rec := 4 + 8*i
		platform, encoding := r.u16(rec), r.u16(rec+2)
		off := int(r.u32(rec + 4))
		format := r.u16(off)
		if r.bad {
			return nil, malformed("cmap subtable %d (offset %d) lies outside the table", i, off)
		}
		if format == 4 && (platform == 0 || platform == 3 && encoding == 1) {
			bmp = true
		}
		if s := cmapScore(platform, encoding, format); s > best {
			best, bestOff = s, off
		}
	}
	if !bmp {
		return nil, unsupported("cmap has no Unicode BMP (format 4) subtable")
	}
	c := &charMap{small: make([]uint16, smallLimit), numGlyphs: numGlyphs}
	sub := &reader{b: t[bestOff:]}
	if best >= 10 {
		return c, c.format12(sub)
	}
	return c, c.format4(sub)
}

func (c *charMap) format4(r *reader) error {
	segX2 := int(r.u16(6))
	if segX2%2 != 0 || !r.has(0, 16+4*segX2) {
		return malformed("cmap format 4 subtable truncated or has odd segCountX2")
	}
	ends, starts := 14, 16+segX2
	deltas, ranges := 16+2*segX2, 16+3*segX2
	prevEnd := -1
	for i := 0; i < segX2/2; i++ {
		end, start := int(r.u16(ends+2*i)), int(r.u16(starts+2*i))
		delta, ro := int(r.u16(deltas+2*i)), int(r.u16(ranges+2*i))
		if start > end || start <= prevEnd {
			continue // disordered or overlapping segment: skip it
		}
		prevEnd = end
		for ch := start; ch <= end && ch < 0xFFFF; ch++ {
			if ro == 0 {
				c.set(rune(ch), uint32((ch+delta)&0xFFFF))
				continue
			}
			addr := ranges + 2*i + ro + 2*(ch-start)
			if addr+2 > len(r.b) {
				break // glyphIdArray runs off the table: treat as unmapped
			}
			if g := int(r.u16(addr)); g != 0 {
				c.set(rune(ch), uint32((g+delta)&0xFFFF))
			}
		}
	}
	return nil
}

func (c *charMap) format12(r *reader) error {
	n := int(r.u32(12))
	if r.bad || n < 0 || !r.has(16, 12*n) {
		return malformed("cmap format 12 subtable truncated")
	}
	prevHi := rune(-1)
	for i := range n {
		g := 16 + 12*i
		lo, hi, gid := rune(r.u32(g)), rune(r.u32(g+4)), r.u32(g+8)
		if lo < 0 || hi < lo || lo <= prevHi || hi > 0x10FFFF {
			continue // disordered, overlapping or out-of-range group
		}
		prevHi = hi
		if uint64(gid)+uint64(hi-lo) >= uint64(c.numGlyphs) {
			// Clip the group to the glyphs that exist.
			if uint64(gid) >= uint64(c.numGlyphs) {
				continue
			}
			hi = lo + rune(uint32(c.numGlyphs)-1-gid)
		}
		for ch := lo; ch <= hi && ch < smallLimit; ch++ {
			c.small[ch] = uint16(gid + uint32(ch-lo))
		}
		if hi >= smallLimit {
			if lo < smallLimit {
				gid += uint32(smallLimit - lo)
				lo = smallLimit
			}
			c.big = append(c.big, cmapGroup{lo: lo, hi: hi, gid: gid})
		}
	}
	return nil
}
