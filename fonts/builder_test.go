package fonts

import (
	"encoding/binary"
	"sort"
)

// bw appends big-endian values.
type bw struct{ b []byte }

func (w *bw) u16(vs ...int) *bw {
	for _, v := range vs {
		w.b = binary.BigEndian.AppendUint16(w.b, uint16(v))
	}
	return w
}

func (w *bw) u32(vs ...int) *bw {
	for _, v := range vs {
		w.b = binary.BigEndian.AppendUint32(w.b, uint32(v))
	}
	return w
}

func (w *bw) tag(s string) *bw { w.b = append(w.b, s...); return w }

// buildFont assembles an sfnt file from tables (checksums are left zero).
func buildFont(magic uint32, tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	w := &bw{}
	w.u32(int(magic)).u16(len(tags), 0, 0, 0)
	off := 12 + 16*len(tags)
	for _, t := range tags {
		w.tag(t).u32(0, off, len(tables[t]))
		off += (len(tables[t]) + 3) &^ 3
	}
	for _, t := range tags {
		w.b = append(w.b, tables[t]...)
		for len(w.b)%4 != 0 {
			w.b = append(w.b, 0)
		}
	}
	return w.b
}

// tinyTables returns a minimal valid TrueType font with four empty
// glyphs: .notdef (500), 'A' (600), 'V' (650) and space (250), 1000 units
// per em.
func tinyTables() map[string][]byte {
	head := make([]byte, 54)
	binary.BigEndian.PutUint32(head[0:], 0x00010000)
	binary.BigEndian.PutUint32(head[12:], 0x5F0F3CF5)
	binary.BigEndian.PutUint16(head[18:], 1000)
	hhea := make([]byte, 36)
	binary.BigEndian.PutUint32(hhea[0:], 0x00010000)
	binary.BigEndian.PutUint16(hhea[4:], 800)
	binary.BigEndian.PutUint16(hhea[6:], uint16(0x10000-200))
	binary.BigEndian.PutUint16(hhea[34:], 4)
	post := make([]byte, 32)
	binary.BigEndian.PutUint32(post[0:], 0x00030000)
	name := (&bw{}).u16(0, 1, 18, 3, 1, 0x409, 6, 8, 0).u16('T', 'i', 'n', 'y').b
	return map[string][]byte{
		"head": head, "hhea": hhea, "post": post, "name": name,
		"maxp": (&bw{}).u32(0x00005000).u16(4).b,
		"hmtx": (&bw{}).u16(500, 0, 600, 0, 650, 0, 250, 0).b,
		"cmap": tinyCmap(),
		"loca": make([]byte, 10),
		"glyf": {},
	}
}

// tinyCmap maps space, 'A' and 'V' with a format 4 subtable.
func tinyCmap() []byte {
	codes := []int{0x20, 0x41, 0x56, 0xFFFF}
	gids := []int{3, 1, 2, 0}
	sub := &bw{}
	n := len(codes)
	sub.u16(4, 16+8*n, 0, 2*n, 0, 0, 0)
	sub.u16(codes...).u16(0).u16(codes...)
	for i, c := range codes {
		sub.u16((gids[i] - c + 0x10000) & 0xFFFF)
	}
	for range codes {
		sub.u16(0)
	}
	if gids[n-1] == 0 {
		binary.BigEndian.PutUint16(sub.b[16+6*n-2:], 1) // 0xFFFF -> glyph 0
	}
	return append((&bw{}).u16(0, 1, 3, 1).u32(12).b, sub.b...)
}

// tinyGPOS builds a GPOS table for script 'DFLT' whose kern feature has
// two lookups: an extension (type 9) lookup wrapping PairPos format 1 with
// (A, V) = -80, and a type 2 lookup with PairPos format 2 where class 1
// of the first glyph (A) has -20 before class 1 (V) and +5 before class 0.
func tinyGPOS() []byte {
	w := &bw{}
	w.u16(1, 0, 10, 30, 46)
	// ScriptList @10 -> Script @18 -> default LangSys @22 with feature 0.
	w.u16(1).tag("DFLT").u16(8)
	w.u16(4, 0)
	w.u16(0, 0xFFFF, 1, 0)
	// FeatureList @30 -> Feature @38 listing lookups 0 and 1.
	w.u16(1).tag("kern").u16(8)
	w.u16(0, 2, 0, 1)
	// LookupList @46 -> lookup 0 @52, lookup 1 @60.
	w.u16(2, 6, 14)
	w.u16(9, 0, 1, 16) // @52: extension subtable @68
	w.u16(2, 0, 1, 0)  // @60: subtable offset patched below
	// Extension @68 -> PairPos format 1 @76.
	w.u16(1, 2).u32(8)
	// PairPos format 1 @76: coverage @88, value format XAdvance, set @94.
	w.u16(1, 12, 4, 0, 1, 18)
	w.u16(1, 1, 1)          // coverage: glyph 1 (A)
	w.u16(1, 2, -80&0xFFFF) // pair set: V -> -80
	f2 := len(w.b)
	binary.BigEndian.PutUint16(w.b[60+6:], uint16(f2-60))
	// PairPos format 2: coverage @+24, classDef1 @+34, classDef2 @+42.
	w.u16(2, 24, 4, 0, 34, 42, 2, 2)
	w.u16(0, 0, 5, -20&0xFFFF) // [0][0] [0][1] [1][0] [1][1]
	w.u16(2, 1, 1, 2, 0)       // coverage format 2: glyphs 1..2
	w.u16(1, 1, 1, 1)          // classDef1 format 1: A is class 1
	w.u16(2, 1, 2, 2, 1)       // classDef2 format 2: V is class 1
	return w.b
}

// tinyKern builds an Apple version 1 kern table with (A, V) = -70.
func tinyKern() []byte {
	w := &bw{}
	w.u32(0x00010000, 1)
	w.u32(8+8+6).u16(0x0000, 0) // length, coverage (format 0, horizontal), tuple
	w.u16(1, 6, 0, 0).u16(1, 2, -70&0xFFFF)
	return w.b
}
