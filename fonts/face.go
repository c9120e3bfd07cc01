// Package fonts reads TrueType fonts and provides the exact metrics the
// layout engine needs: glyph coverage, advance widths, pair kerning and
// vertical metrics. It also bundles the default fonts (Liberation and
// DejaVu) and picks fallback faces for runes a face lacks.
//
// Widths are quantised the way the PDF will render them: the PDF's width
// array has each glyph's advance rounded to 1/1000 em, and viewers
// position glyphs by that array, so Width sums the rounded values.
package fonts

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// runeInfo caches what Width needs to know about one rune.
type runeInfo struct {
	gid   uint16
	flags uint8
	w     int32 // advance in 1/1000 em as written to the PDF width array
}

const (
	flagMapped = 1 << iota // the cmap maps the rune itself
	flagIgnore             // default-ignorable: zero width, never drawn
	flagSubst              // drawn as the rune returned by substitute
)

// Face is a parsed TrueType font. A Face is immutable and safe for
// concurrent use.
type Face struct {
	name  string
	data  []byte
	m     Metrics
	cmap  *charMap
	adv   []uint16 // advance per glyph, font units
	w1000 []int32  // advance per glyph, 1/1000 em rounded
	small []runeInfo
	kern  *kerning
	cache kernCache
}

// Parse parses raw TrueType data. The face keeps a reference to data,
// which must not be modified afterwards. name identifies the face in
// errors and is returned by Name; if empty, the PostScript name is used.
func Parse(name string, data []byte) (*Face, error) {
	f, err := parse(data)
	if err != nil {
		return nil, named(name, err)
	}
	f.name = name
	if f.name == "" {
		f.name = f.m.PostScriptName
	}
	return f, nil
}

// Load reads and parses the font file at path. The face is named after
// the file name without its extension; errors name the path.
func Load(path string) (*Face, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	f.name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return f, nil
}

func parse(data []byte) (*Face, error) {
	dir, err := readDirectory(data)
	if err != nil {
		return nil, err
	}
	if _, ok := dir["glyf"]; !ok {
		if _, cff := dir["CFF "]; cff {
			return nil, unsupported(errCFF)
		}
		if _, cff2 := dir["CFF2"]; cff2 {
			return nil, unsupported(errCFF)
		}
		return nil, unsupported("not a TrueType font: no glyf table (bitmap-only or incomplete font)")
	}
	var t [9][]byte
	for i, tag := range []string{"head", "hhea", "maxp", "hmtx", "cmap", "loca", "glyf", "post", "name"} {
		if t[i], err = dir.require(tag); err != nil {
			return nil, err
		}
	}
	f := &Face{data: data}
	m := &f.m
	for _, step := range []func() error{
		func() error { return parseHead(t[0], m) },
		func() error { return parseHhea(t[1], m) },
		func() error { return parseMaxp(t[2], m) },
		func() error { return parseOS2(dir["OS/2"], m) },
		func() error { return parsePost(t[7], m) },
	} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	parseName(t[8], m)
	if f.adv, err = parseHmtx(t[3], m); err != nil {
		return nil, err
	}
	if f.cmap, err = parseCmap(t[4], m.NumGlyphs); err != nil {
		return nil, err
	}
	loc := &glyphLocator{loca: t[5], glyf: t[6], short: m.IndexToLocShort, numGlyphs: m.NumGlyphs}
	if err := loc.validate(); err != nil {
		return nil, err
	}
	if err := f.parseKerning(dir); err != nil {
		return nil, err
	}
	f.fillTables(loc)
	return f, nil
}

// parseKerning prefers the GPOS kern feature and falls back to the kern
// table, as shaping engines do.
func (f *Face) parseKerning(dir tableDir) error {
	if t, ok := dir["GPOS"]; ok {
		k, err := parseGPOS(t)
		if err != nil {
			return err
		}
		if k != nil {
			f.kern = k
			return nil
		}
	}
	if t, ok := dir["kern"]; ok {
		k, err := parseKern(t)
		if err != nil {
			return err
		}
		if len(k.lookups) > 0 {
			f.kern = k
		}
	}
	return nil
}

// fillTables derives the per-glyph PDF widths, the dense rune table and
// any vertical metrics the OS/2 table did not supply.
func (f *Face) fillTables(loc *glyphLocator) {
	scale := 1000.0 / float64(f.m.UnitsPerEm) // as the PDF width array has them
	f.w1000 = make([]int32, len(f.adv))
	for g, a := range f.adv {
		f.w1000[g] = int32(math.Round(scale * float64(a)))
	}
	f.small = make([]runeInfo, smallLimit)
	for r := range rune(smallLimit) {
		f.small[r] = f.lookup(r)
	}
	if f.m.CapHeight == 0 {
		f.m.CapHeight, _ = loc.yMax(f.cmap.glyph('H'))
	}
	if f.m.XHeight == 0 {
		f.m.XHeight, _ = loc.yMax(f.cmap.glyph('x'))
	}
}

// Ignorable reports default-ignorable runes: soft hyphen, zero-width
// space and joiners, directional marks, word joiner, variation selectors
// and the byte order mark. They take no space, are never drawn and do not
// break a kerning pair.
func Ignorable(r rune) bool {
	switch {
	case r == 0x00AD, r == 0x034F, r == 0xFEFF:
		return true
	case r >= 0x200B && r <= 0x200F, r >= 0x2060 && r <= 0x2064, r >= 0xFE00 && r <= 0xFE0F:
		return true
	}
	return false
}

// substitute returns a stand-in for runes that look the same as a more
// common rune, or 0: no-break space as space, (non-breaking) hyphen as
// hyphen-minus.
func substitute(r rune) rune {
	switch r {
	case 0x00A0:
		return ' '
	case 0x2010, 0x2011:
		return '-'
	}
	return 0
}

// lookup computes the runeInfo for r without the dense table.
func (f *Face) lookup(r rune) runeInfo {
	g := f.cmap.glyph(r)
	var flags uint8
	if g != 0 {
		flags = flagMapped
	}
	switch {
	case Ignorable(r):
		return runeInfo{gid: g, flags: flags | flagIgnore}
	case g != 0:
		return runeInfo{gid: g, flags: flags, w: f.w1000[g]}
	}
	if s := substitute(r); s != 0 {
		if sg := f.cmap.glyph(s); sg != 0 {
			return runeInfo{gid: sg, flags: flagSubst, w: f.w1000[sg]}
		}
	}
	return runeInfo{w: f.w1000[0]}
}

func (f *Face) info(r rune) runeInfo {
	if r >= 0 && r < smallLimit {
		return f.small[r]
	}
	return f.lookup(r)
}

// quick returns the cached runeInfo of r, or the zero value for runes
// outside the dense table or a nil face.
func (f *Face) quick(r rune) runeInfo {
	if f == nil || r < 0 || r >= smallLimit {
		return runeInfo{}
	}
	return f.small[r]
}

// covers reports whether f can set r: it maps r, r is ignorable, or f has
// the substitute for r.
func (f *Face) covers(r rune) bool {
	return f.info(r).flags != 0
}

// KerningSource returns where the face's kerning comes from: "GPOS" (the
// kern feature), "kern" (the legacy table) or "" if it has none.
func (f *Face) KerningSource() string {
	if f.kern == nil {
		return ""
	}
	return f.kern.source
}

// coversAll reports whether f can set every rune of s, optionally
// refusing runes above the BMP.
func (f *Face) coversAll(s string, bmpOnly bool) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < 0x80 {
			if f.small[c].flags == 0 {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if bmpOnly && r > 0xFFFF || !f.covers(r) {
			return false
		}
	}
	return true
}

// Name returns the name given to Parse or derived by Load or Default.
func (f *Face) Name() string { return f.name }

// Metrics returns the font-wide values read from the font.
func (f *Face) Metrics() Metrics { return f.m }

// Data returns the original font bytes. The slice must not be modified.
func (f *Face) Data() []byte { return f.data }

// UnitsPerEm returns the number of font units per em.
func (f *Face) UnitsPerEm() int { return f.m.UnitsPerEm }

// IsMonospace reports whether the font declares itself fixed-pitch (post
// table isFixedPitch).
func (f *Face) IsMonospace() bool { return f.m.IsFixedPitch }

// HasRune reports whether the font's cmap maps r to a glyph.
func (f *Face) HasRune(r rune) bool { return f.info(r).flags&flagMapped != 0 }

// GlyphIndex returns the glyph the cmap maps r to, or 0 (.notdef).
func (f *Face) GlyphIndex(r rune) uint16 { return f.cmap.glyph(r) }

// Advance returns the advance width of r in font units. Ignorable runes
// have zero advance, a no-break space the advance of a space if the font
// lacks it, and other unmapped runes the advance of .notdef.
func (f *Face) Advance(r rune) int {
	e := f.info(r)
	if e.flags&flagIgnore != 0 {
		return 0
	}
	return int(f.adv[e.gid])
}

// Kern returns the kerning adjustment between a and b in font units, 0 if
// the font has none for the pair. Pairs of Latin letters and punctuation
// are looked up in the matrix Width measures with.
func (f *Face) Kern(a, b rune) int {
	if f.kern == nil {
		return 0
	}
	if a >= 0 && b >= 0 && a < cachePunctHi && b < cachePunctHi {
		c := f.kernCache()
		ka, kb := c.idx[a], c.idx[b]
		switch {
		case ka.row >= 0 && kb.col >= 0:
			return int(c.mat[ka.row+kb.col])
		case ka.row != kernGeneral && kb.col != kernGeneral:
			return 0
		}
	}
	return f.pairKern(a, b)
}

// pairKern is Kern through the font's kerning tables.
func (f *Face) pairKern(a, b rune) int {
	ea, eb := f.info(a), f.info(b)
	if (ea.flags|eb.flags)&flagIgnore != 0 {
		return 0
	}
	return f.kern.pair(ea.gid, eb.gid)
}

// Width returns the width of s set at size points, in points: the sum of
// the advances (rounded to 1/1000 em per glyph, as in the PDF) plus pair
// kerning. Ignorable runes count zero and do not break kerning pairs.
func (f *Face) Width(s string, size float64) float64 {
	if f.kern == nil {
		return float64(f.measure(s)) * size / 1000
	}
	thou, units := f.measureKerned(s)
	return float64(thou)*size/1000 + float64(units)*size/float64(f.m.UnitsPerEm)
}

// UnkernedWidth returns the width of s at size points without kerning.
// For text that Printable leaves unchanged this is exactly the advance
// the PDF viewer moves the pen by.
func (f *Face) UnkernedWidth(s string, size float64) float64 {
	return float64(f.measure(s)) * size / 1000
}

// measure returns the advance sum of s in 1/1000 em.
func (f *Face) measure(s string) (thou int) {
	for i := 0; i < len(s); {
		r := rune(s[i])
		if r < 0x80 {
			i++
		} else {
			var n int
			r, n = utf8.DecodeRuneInString(s[i:])
			i += n
		}
		if r < smallLimit {
			thou += int(f.small[r].w)
		} else if e := f.lookup(r); e.flags&flagIgnore == 0 {
			thou += int(e.w)
		}
	}
	return thou
}

// Ascent returns the hhea ascender at size points.
func (f *Face) Ascent(size float64) float64 { return f.scale(f.m.Ascender, size) }

// Descent returns the hhea descender at size points as a positive
// distance below the baseline.
func (f *Face) Descent(size float64) float64 { return -f.scale(f.m.Descender, size) }

// LineGap returns the hhea line gap at size points.
func (f *Face) LineGap(size float64) float64 { return f.scale(f.m.LineGap, size) }

// CapHeight returns the height of capital letters at size points.
func (f *Face) CapHeight(size float64) float64 { return f.scale(f.m.CapHeight, size) }

func (f *Face) scale(units int, size float64) float64 {
	return float64(units) * size / float64(f.m.UnitsPerEm)
}

// Printable returns s prepared for drawing with this face: ignorable
// runes are removed and runes the face lacks but can substitute (no-break
// space, non-breaking hyphen) are replaced, matching what Width measured.
// s is returned unchanged when nothing needs replacing.
func (f *Face) Printable(s string) string {
	clean := true
	for _, r := range s {
		if e := f.info(r); e.flags&(flagIgnore|flagSubst) != 0 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		e := f.info(r)
		switch {
		case e.flags&flagIgnore != 0:
		case e.flags&flagSubst != 0:
			b.WriteRune(substitute(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
