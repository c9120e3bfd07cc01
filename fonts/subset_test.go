package fonts

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// TestSubset checks a subset's glyphs, loca, metrics and checksums
// against the full font.
func TestSubset(t *testing.T) {
	for _, f := range mustDefault(t).Faces() {
		var gids []uint16
		for _, r := range "Äpfel Öl" {
			gids = append(gids, f.Glyph(r))
		}
		data, err := f.Subset(gids)
		if err != nil {
			t.Fatal(err)
		}
		if got := checksum(data); got != 0xB1B0AFBA {
			t.Errorf("%s: file checksum %#x, want 0xB1B0AFBA", f.Name(), got)
		}
		checkSubset(t, f, data, gids)
	}
}

// checkSubset compares the subset's tables with the face's.
func checkSubset(t *testing.T, f *Face, data []byte, gids []uint16) {
	t.Helper()
	dir, err := readDirectory(data)
	if err != nil {
		t.Fatal(err)
	}
	full, _ := readDirectory(f.Data())
	for _, tag := range []string{"cmap", "name", "GPOS", "GSUB", "kern"} {
		if _, ok := dir[tag]; ok {
			t.Errorf("%s: subset keeps %s", f.Name(), tag)
		}
	}
	n := int(binary.BigEndian.Uint16(dir["maxp"][4:]))
	short := binary.BigEndian.Uint16(dir["head"][50:]) == 0
	sub := &glyphLocator{loca: dir["loca"], glyf: dir["glyf"], short: short, numGlyphs: n}
	if err := sub.validate(); err != nil {
		t.Fatalf("%s: %v", f.Name(), err)
	}
	orig := &glyphLocator{loca: full["loca"], glyf: full["glyf"], short: f.m.IndexToLocShort, numGlyphs: f.m.NumGlyphs}
	kept := map[uint16]bool{}
	for _, g := range f.closure(orig, gids) {
		kept[g] = true
	}
	for g := range n {
		a := orig.glyf[orig.offset(g):orig.offset(g+1)]
		b := sub.glyf[sub.offset(g):sub.offset(g+1)]
		if kept[uint16(g)] {
			if !bytes.HasPrefix(b, a) || len(b)-len(a) > 3 {
				t.Errorf("%s: glyph %d differs from the font's", f.Name(), g)
			}
			if adv := binary.BigEndian.Uint16(dir["hmtx"][4*g:]); int(adv) != int(f.adv[g]) {
				t.Errorf("%s: glyph %d advance %d, want %d", f.Name(), g, adv, f.adv[g])
			}
		} else if len(b) != 0 {
			t.Errorf("%s: glyph %d was not asked for but has an outline", f.Name(), g)
		}
	}
	for _, g := range gids {
		if int(g) >= n {
			t.Errorf("%s: glyph %d cut off (%d glyphs)", f.Name(), g, n)
		}
	}
}
