package fonts

import (
	"encoding/binary"
	"slices"
)

// GlyphWidth returns the advance of glyph g in 1/1000 em, rounded as
// Width counts it; 0 for a glyph the font does not have.
func (f *Face) GlyphWidth(g uint16) int {
	if int(g) >= len(f.w1000) {
		return 0
	}
	return int(f.w1000[g])
}

// NumGlyphs returns the number of glyphs in the font.
func (f *Face) NumGlyphs() int { return f.m.NumGlyphs }

// Subset returns a TrueType font holding only the outlines of the given
// glyphs, of .notdef and of the glyphs composite ones are built from.
// Glyph numbers stay as they are, so text drawn with the full font's
// glyph ids draws the same with the subset; the glyphs above the highest
// one kept are cut off and the others are empty. The tables a PDF
// reader needs to render the glyphs are kept (head, hhea, maxp, hmtx,
// loca, glyf, post and the hinting tables cvt, fpgm, prep, gasp); the
// character map, names, kerning and layout tables are dropped, since a
// PDF addresses glyphs by number. The result depends only on the face
// and the set of glyphs.
func (f *Face) Subset(glyphs []uint16) ([]byte, error) {
	dir, err := readDirectory(f.data)
	if err != nil {
		return nil, err
	}
	loc := &glyphLocator{loca: dir["loca"], glyf: dir["glyf"], short: f.m.IndexToLocShort, numGlyphs: f.m.NumGlyphs}
	keep := f.closure(loc, glyphs)
	n := int(keep[len(keep)-1]) + 1
	glyf, loca, short := subsetGlyf(loc, keep, n)
	tables := map[string][]byte{
		"glyf": glyf,
		"loca": loca,
		"hmtx": f.subsetHmtx(keep, n),
		"head": patchHead(dir["head"], short),
		"hhea": patchU16(dir["hhea"], 34, n),
		"maxp": patchU16(dir["maxp"], 4, n),
		"post": minimalPost(dir["post"]),
	}
	for _, tag := range []string{"cvt ", "fpgm", "prep", "gasp"} {
		if t, ok := dir[tag]; ok {
			tables[tag] = t
		}
	}
	return assemble(tables), nil
}

// closure returns the glyphs to keep, sorted: glyph 0, the glyphs asked
// for that the font has and every component of a composite among them.
func (f *Face) closure(loc *glyphLocator, glyphs []uint16) []uint16 {
	seen := map[uint16]bool{0: true}
	todo := []uint16{0}
	for _, g := range glyphs {
		if int(g) < f.m.NumGlyphs && !seen[g] {
			seen[g] = true
			todo = append(todo, g)
		}
	}
	keep := slices.Clone(todo)
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, c := range components(loc, g) {
			if int(c) < f.m.NumGlyphs && !seen[c] {
				seen[c] = true
				keep = append(keep, c)
				todo = append(todo, c)
			}
		}
	}
	slices.Sort(keep)
	return keep
}

// Flags of a composite glyph's component (OpenType glyf table).
const (
	argWords     = 0x0001
	haveScale    = 0x0008
	moreComps    = 0x0020
	haveXYScale  = 0x0040
	haveTwoByTwo = 0x0080
)

// components returns the glyphs a composite glyph refers to; none for a
// simple or empty glyph.
func components(loc *glyphLocator, g uint16) []uint16 {
	start, end := loc.offset(int(g)), loc.offset(int(g)+1)
	if end-start < 10 {
		return nil
	}
	r := &reader{b: loc.glyf[start:end]}
	if r.i16(0) >= 0 {
		return nil
	}
	var out []uint16
	for off := 10; !r.bad; {
		flags := r.u16(off)
		out = append(out, r.u16(off+2))
		off += 4
		switch {
		case flags&argWords != 0:
			off += 4
		default:
			off += 2
		}
		switch {
		case flags&haveScale != 0:
			off += 2
		case flags&haveXYScale != 0:
			off += 4
		case flags&haveTwoByTwo != 0:
			off += 8
		}
		if flags&moreComps == 0 {
			break
		}
	}
	if r.bad {
		return out[:max(0, len(out)-1)]
	}
	return out
}

// subsetGlyf copies the outlines of the kept glyphs, each padded to four
// bytes, and returns glyf with its loca for n glyphs, short if the
// offsets allow.
func subsetGlyf(loc *glyphLocator, keep []uint16, n int) (glyf, loca []byte, short bool) {
	offsets := make([]int, n+1)
	k := 0
	for g := range n {
		offsets[g] = len(glyf)
		if k < len(keep) && int(keep[k]) == g {
			k++
			glyf = append(glyf, loc.glyf[loc.offset(g):loc.offset(g+1)]...)
			for len(glyf)%4 != 0 {
				glyf = append(glyf, 0)
			}
		}
	}
	offsets[n] = len(glyf)
	short = len(glyf) < 0x20000
	for _, off := range offsets {
		if short {
			loca = binary.BigEndian.AppendUint16(loca, uint16(off/2))
		} else {
			loca = binary.BigEndian.AppendUint32(loca, uint32(off))
		}
	}
	return glyf, loca, short
}

// subsetHmtx writes n full metrics: the kept glyphs' advances and left
// side bearings, zero for the others.
func (f *Face) subsetHmtx(keep []uint16, n int) []byte {
	dir, _ := readDirectory(f.data)
	r := &reader{b: dir["hmtx"]}
	nh := f.m.NumHMetrics
	out := make([]byte, 4*n)
	for _, g := range keep {
		var lsb uint16
		if int(g) < nh {
			lsb = r.u16(4*int(g) + 2)
		} else {
			lsb = r.u16(4*nh + 2*(int(g)-nh))
		}
		binary.BigEndian.PutUint16(out[4*int(g):], f.adv[g])
		binary.BigEndian.PutUint16(out[4*int(g)+2:], lsb)
	}
	return out
}

// patchHead returns a copy of head with the checksum adjustment cleared
// (assemble sets it) and the loca format given.
func patchHead(head []byte, short bool) []byte {
	h := slices.Clone(head)
	if len(h) < 54 {
		h = append(h, make([]byte, 54-len(h))...)
	}
	binary.BigEndian.PutUint32(h[8:], 0)
	format := uint16(1)
	if short {
		format = 0
	}
	binary.BigEndian.PutUint16(h[50:], format)
	return h
}

// patchU16 returns a copy of t with the 16-bit value at off set to v.
func patchU16(t []byte, off, v int) []byte {
	c := slices.Clone(t)
	if len(c) < off+2 {
		c = append(c, make([]byte, off+2-len(c))...)
	}
	binary.BigEndian.PutUint16(c[off:], uint16(v))
	return c
}

// minimalPost keeps the post table's header as version 3: no glyph
// names.
func minimalPost(post []byte) []byte {
	p := make([]byte, 32)
	copy(p, post)
	binary.BigEndian.PutUint32(p, 0x00030000)
	return p
}

// assemble writes an sfnt file from tables, sorted by tag, with their
// checksums and the head table's checksum adjustment.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	slices.Sort(tags)
	n := len(tags)
	sel := 0
	for 1<<(sel+1) <= n {
		sel++
	}
	out := binary.BigEndian.AppendUint32(nil, magicTrueType)
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	out = binary.BigEndian.AppendUint16(out, uint16(16<<sel))
	out = binary.BigEndian.AppendUint16(out, uint16(sel))
	out = binary.BigEndian.AppendUint16(out, uint16(16*n-16<<sel))
	off := 12 + 16*n
	headAt := 0
	for _, t := range tags {
		b := tables[t]
		out = append(out, t...)
		out = binary.BigEndian.AppendUint32(out, checksum(b))
		out = binary.BigEndian.AppendUint32(out, uint32(off))
		out = binary.BigEndian.AppendUint32(out, uint32(len(b)))
		if t == "head" {
			headAt = off
		}
		off += (len(b) + 3) &^ 3
	}
	for _, t := range tags {
		out = append(out, tables[t]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

// checksum is the sfnt table checksum: the sum of big-endian 32-bit
// words, the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// Glyph returns the glyph drawn for r: the one the cmap maps it to, the
// substitute's for a rune the face substitutes (see Printable), .notdef
// (0) for a rune it lacks.
func (f *Face) Glyph(r rune) uint16 { return f.info(r).gid }

// GlyphOf returns Glyph(r) and HasRune(r) with one look-up.
func (f *Face) GlyphOf(r rune) (gid uint16, mapped bool) {
	e := f.info(r)
	return e.gid, e.flags&flagMapped != 0
}
