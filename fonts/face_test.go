package fonts

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-fonts/dejavu/dejavusans"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
)

func mustDefault(t testing.TB) *Set {
	t.Helper()
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLiberationSerifMetrics(t *testing.T) {
	f := mustDefault(t).Serif
	m := f.Metrics()
	if f.UnitsPerEm() != 2048 {
		t.Errorf("UnitsPerEm = %d, want 2048", f.UnitsPerEm())
	}
	if f.Name() != "LiberationSerif-Regular" || m.Family != "Liberation Serif" || m.PostScriptName != "LiberationSerif" {
		t.Errorf("names: %q, %q, %q", f.Name(), m.Family, m.PostScriptName)
	}
	if m.NumGlyphs != 2601 {
		t.Errorf("NumGlyphs = %d, want 2601", m.NumGlyphs)
	}
	// Times-compatible metrics: 'a' is 0.444 em, space 0.25 em.
	if got := f.Advance('a'); got != 909 {
		t.Errorf("Advance('a') = %d, want 909", got)
	}
	if got := f.Advance(' '); got != 512 {
		t.Errorf("Advance(' ') = %d, want 512", got)
	}
	if got := f.Advance('\u00A0'); got != 512 {
		t.Errorf("Advance(nbsp) = %d, want 512", got)
	}
	if got := f.Advance('\u00AD'); got != 0 {
		t.Errorf("Advance(soft hyphen) = %d, want 0", got)
	}
	near(t, "Ascent(10)", f.Ascent(10), 1825*10/2048.0)
	near(t, "Descent(10)", f.Descent(10), 443*10/2048.0)
	near(t, "CapHeight(10)", f.CapHeight(10), 1341*10/2048.0)
	if f.IsMonospace() || !mustDefault(t).Mono.IsMonospace() {
		t.Error("IsMonospace wrong for Serif or Mono")
	}
	if !f.HasRune('a') || f.GlyphIndex('a') == 0 || f.GlyphIndex(0x4E2D) != 0 {
		t.Error("HasRune/GlyphIndex inconsistent")
	}
	if len(f.Data()) != len(liberationserifregular.TTF) {
		t.Error("Data does not return the original bytes")
	}
}

// TestDejaVuCapHeightFromOutline covers fonts whose OS/2 table predates
// sCapHeight: the height comes from the outline of 'H'.
func TestDejaVuCapHeightFromOutline(t *testing.T) {
	f := mustDefault(t).Fallback[0]
	if got := f.Metrics().CapHeight; got != 1493 {
		t.Errorf("DejaVu Serif CapHeight = %d, want 1493 (yMax of H)", got)
	}
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestCoverage(t *testing.T) {
	s := mustDefault(t)
	for _, r := range "äöüÄÖÜß„“–—…" {
		if !s.Serif.HasRune(r) {
			t.Errorf("Liberation Serif lacks %U %c", r, r)
		}
	}
	for _, r := range []rune{0x2C7C, 0x2096, 0x207B} { // ⱼ ₖ ⁻
		if s.Serif.HasRune(r) {
			t.Errorf("Liberation Serif unexpectedly has %U", r)
		}
		if !s.Fallback[0].HasRune(r) && !s.Fallback[1].HasRune(r) {
			t.Errorf("neither DejaVu Serif nor Sans has %U", r)
		}
		if f, ok := s.Pick(s.Serif, r); !ok || f != s.Fallback[0] {
			t.Errorf("Pick(%U) = %v, %v; want DejaVu Serif", r, f.Name(), ok)
		}
	}
}

func TestKerningLiberationSerif(t *testing.T) {
	f := mustDefault(t).Serif
	if f.KerningSource() != "GPOS" {
		t.Errorf("KerningSource = %q, want GPOS", f.KerningSource())
	}
	for _, c := range []struct {
		pair string
		want int
	}{{"Te", -143}, {"Vo", -264}, {"AV", -264}, {"To", -143}, {"LT", -188}, {"ab", 0}, {"„W", 0}} {
		r := []rune(c.pair)
		if got := f.Kern(r[0], r[1]); got != c.want {
			t.Errorf("Kern(%q) = %d, want %d", c.pair, got, c.want)
		}
	}
	if p, _ := f.kern.count(); p != 867 {
		t.Errorf("GPOS kern pairs = %d, want 867", p)
	}
	w, u := f.Width("AV", 12), f.UnkernedWidth("AV", 12)
	near(t, "kerned minus unkerned", w-u, -264*12/2048.0)
	if f.Kern('A', '\u00AD') != 0 || f.Width("A\u00ADV", 12) != w {
		t.Error("soft hyphen should be invisible to kerning and width")
	}
}

// TestKernTableMatchesGPOS checks the kern table parser against the GPOS
// parser: the bundled fonts carry the same pairs in both tables.
func TestKernTableMatchesGPOS(t *testing.T) {
	s := mustDefault(t)
	for _, f := range []*Face{s.Serif, s.SerifBold, s.Fallback[0]} {
		dir, err := readDirectory(f.Data())
		if err != nil {
			t.Fatal(err)
		}
		k, err := parseKern(dir["kern"])
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, st := range k.lookups[0] {
			for _, c := range st.cover {
				set := st.sets[c.v]
				for _, rec := range st.recs[set.start:set.end] {
					n++
					if got := f.kern.pair(c.lo, rec.second); got != int(rec.val) {
						t.Errorf("%s: glyphs %d,%d: GPOS %d, kern %d", f.Name(), c.lo, rec.second, got, rec.val)
					}
				}
			}
		}
		t.Logf("%s: %d kern table pairs agree with GPOS", f.Name(), n)
	}
}

// TestKernCache compares the kerning Width and Kern apply from the dense
// matrix with direct lookups, for every pair of cached runes and a few
// others.
func TestKernCache(t *testing.T) {
	extra := []rune{0x0391, 0x0410, 0x2C7C, 0x3042, 0xFFFD}
	for _, f := range mustDefault(t).Faces() {
		if f.kern == nil {
			continue
		}
		upem := float64(f.UnitsPerEm())
		runes := extra
		for i := range cacheSlots {
			runes = append(runes, slotRune(i))
		}
		for _, a := range runes {
			for _, b := range runes {
				if got, want := f.Kern(a, b), f.pairKern(a, b); got != want {
					t.Fatalf("%s: %U %U: Kern %d, direct %d", f.Name(), a, b, got, want)
				}
				ea, eb := f.info(a), f.info(b)
				if (ea.flags|eb.flags)&flagIgnore != 0 {
					continue
				}
				s := string([]rune{a, b})
				got := f.Width(s, upem) - f.UnkernedWidth(s, upem)
				if want := f.kern.pair(ea.gid, eb.gid); math.Abs(got-float64(want)) > 1e-6 {
					t.Fatalf("%s: %U %U: Width kerns %v, direct %d", f.Name(), a, b, got, want)
				}
			}
		}
	}
}

// TestUncachedKerning checks the general path used when the matrix is
// too expensive to build.
func TestUncachedKerning(t *testing.T) {
	for _, data := range [][]byte{liberationserifregular.TTF, dejavusans.TTF} {
		cached, err := Parse("", data)
		if err != nil {
			t.Fatal(err)
		}
		plain, _ := Parse("", data)
		plain.cache.once.Do(func() { plain.cache.fill(nil, nil, make([]bool, cacheSlots), false) })
		text := germanSentence + " Ὀδυσσεύς ΑΥΤΟ ТАК x\u2C7C\u00AD\u2096"
		if a, b := cached.Width(text, 10), plain.Width(text, 10); a != b {
			t.Errorf("%s: cached %v, uncached %v", cached.Name(), a, b)
		}
	}
}

func TestSyntheticGPOS(t *testing.T) {
	tables := tinyTables()
	tables["GPOS"] = tinyGPOS()
	tables["kern"] = tinyKern()
	f, err := Parse("tiny", buildFont(magicTrueType, tables))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		a, b rune
		want int
	}{{'A', 'V', -100}, {'A', ' ', 5}, {'A', 'A', 5}, {'V', 'A', 0}, {' ', 'A', 0}} {
		if got := f.Kern(c.a, c.b); got != c.want {
			t.Errorf("Kern(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	near(t, "Width(AV)", f.Width("AV", 10), (600+650-100)*10/1000.0)
	delete(tables, "GPOS")
	f, err = Parse("tiny", buildFont(magicApple, tables))
	if err != nil {
		t.Fatal(err)
	}
	if f.KerningSource() != "kern" || f.Kern('A', 'V') != -70 {
		t.Errorf("Apple kern table: source %q, Kern(A,V) = %d", f.KerningSource(), f.Kern('A', 'V'))
	}
	if f.Metrics().PostScriptName != "Tiny" || f.Advance('x') != 500 {
		t.Errorf("tiny font: name %q, notdef advance %d", f.Metrics().PostScriptName, f.Advance('x'))
	}
}

func TestRejects(t *testing.T) {
	good := liberationserifregular.TTF
	renamed := func(from, to string) []byte {
		d := append([]byte(nil), good...)
		i := strings.Index(string(d[:12+16*20]), from)
		copy(d[i:], to)
		return d
	}
	cases := []struct {
		name string
		data []byte
		want string
		kind error
	}{
		{"empty", nil, "too short", ErrMalformed},
		{"garbage", []byte("this is not a font, just some text"), "not an sfnt font", ErrMalformed},
		{"cff", append([]byte("OTTO\x00\x01\x00\x00\x00\x00\x00\x00"), make([]byte, 64)...), "CFF outlines", ErrUnsupported},
		{"cff table", renamed("glyf", "CFF "), "CFF outlines", ErrUnsupported},
		{"no glyf", renamed("glyf", "xxxx"), "no glyf table", ErrUnsupported},
		{"no hmtx", renamed("hmtx", "xxxx"), `"hmtx" is missing`, ErrMalformed},
		{"ttc", []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x0c"), "collections", ErrUnsupported},
		{"woff", append([]byte("wOFF"), make([]byte, 40)...), "WOFF", ErrUnsupported},
		{"directory cut", good[:100], "table directory truncated", ErrMalformed},
		{"half", good[:len(good)/2], "extends past end of file", ErrMalformed},
		{"last byte", good[:len(good)-1], "extends past end of file", ErrMalformed},
	}
	for _, c := range cases {
		_, err := Parse("x.ttf", c.data)
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		if !strings.HasPrefix(err.Error(), "x.ttf: ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %q, want it to contain %q", c.name, err, c.want)
		}
		if !errors.Is(err, c.kind) {
			t.Errorf("%s: error %q is not %v", c.name, err, c.kind)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "x.otf")
	if err := os.WriteFile(bad, append([]byte("OTTO"), make([]byte, 60)...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(bad)
	want := bad + ": not a TrueType font: CFF outlines (OpenType) are not supported; convert to TrueType"
	if err == nil || err.Error() != want {
		t.Errorf("Load error = %v, want %q", err, want)
	}
	good := filepath.Join(dir, "My-Serif.ttf")
	if err := os.WriteFile(good, liberationserifregular.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Load(good)
	if err != nil || f.Name() != "My-Serif" {
		t.Errorf("Load = %v, %v", f, err)
	}
	if _, err := Load(filepath.Join(dir, "missing.ttf")); err == nil || !strings.Contains(err.Error(), "missing.ttf") {
		t.Errorf("Load of missing file: %v", err)
	}
}

// TestCmapFormatsAgree decodes DejaVu's format 4 subtable separately and
// compares it with the format 12 subtable Parse prefers, over the BMP.
func TestCmapFormatsAgree(t *testing.T) {
	f := mustDefault(t).Fallback[1] // DejaVu Sans
	dir, err := readDirectory(f.Data())
	if err != nil {
		t.Fatal(err)
	}
	cm := dir["cmap"]
	r := &reader{b: cm}
	off := -1
	for i := range int(r.u16(2)) {
		rec := 4 + 8*i
		if r.u16(rec) == 3 && r.u16(rec+2) == 1 {
			off = int(r.u32(rec + 4))
		}
	}
	if off < 0 || r.u16(off) != 4 {
		t.Fatal("no (3,1) format 4 subtable")
	}
	c4 := &charMap{small: make([]uint16, smallLimit), numGlyphs: f.Metrics().NumGlyphs}
	if err := c4.format4(&reader{b: cm[off:]}); err != nil {
		t.Fatal(err)
	}
	mapped := 0
	for ch := rune(0); ch < 0xFFFF; ch++ {
		if a, b := c4.glyph(ch), f.GlyphIndex(ch); a != b {
			t.Fatalf("%U: format 4 gives glyph %d, format 12 glyph %d", ch, a, b)
		} else if a != 0 {
			mapped++
		}
	}
	t.Logf("%d BMP runes agree", mapped)
}
