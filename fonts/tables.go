package fonts

import (
	"unicode/utf16"
)

// Metrics holds font-wide values as stored in the font, in font units
// unless noted otherwise.
type Metrics struct {
	Family         string // name ID 16 if present, else name ID 1
	FullName       string // name ID 4
	PostScriptName string // name ID 6

	UnitsPerEm             int
	XMin, YMin, XMax, YMax int // bounding box of all glyphs (head)

	Ascender, Descender, LineGap int // hhea; Descender is negative as stored

	TypoAscender, TypoDescender, TypoLineGap int // OS/2; zero without OS/2
	WinAscent, WinDescent                    int // OS/2; zero without OS/2

	// CapHeight and XHeight come from OS/2 version 2 or later, otherwise
	// from the outline bounds of 'H' and 'x'; zero if neither is available.
	CapHeight, XHeight int

	ItalicAngle                           float64 // degrees, counter-clockwise from vertical (post)
	UnderlinePosition, UnderlineThickness int     // post
	IsFixedPitch                          bool    // post

	NumGlyphs       int    // maxp
	NumHMetrics     int    // hhea
	EmbeddingFlags  uint16 // OS/2 fsType
	IndexToLocShort bool   // head: loca uses 16-bit offsets
}

func parseHead(t []byte, m *Metrics) error {
	r := &reader{b: t}
	if len(t) < 54 {
		return malformed("head table truncated (%d bytes, need 54)", len(t))
	}
	if r.u32(12) != 0x5F0F3CF5 {
		return malformed("head table has a bad magic number")
	}
	upem := int(r.u16(18))
	if upem < 16 || upem > 16384 {
		return malformed("head: unitsPerEm %d outside 16..16384", upem)
	}
	m.UnitsPerEm = upem
	m.XMin, m.YMin = int(r.i16(36)), int(r.i16(38))
	m.XMax, m.YMax = int(r.i16(40)), int(r.i16(42))
	switch r.i16(50) {
	case 0:
		m.IndexToLocShort = true
	case 1:
	default:
		return malformed("head: unknown indexToLocFormat %d", r.i16(50))
	}
	if r.i16(52) != 0 {
		return unsupported("head: unknown glyphDataFormat %d", r.i16(52))
	}
	return nil
}

func parseHhea(t []byte, m *Metrics) error {
	r := &reader{b: t}
	if len(t) < 36 {
		return malformed("hhea table truncated (%d bytes, need 36)", len(t))
	}
	m.Ascender, m.Descender, m.LineGap = int(r.i16(4)), int(r.i16(6)), int(r.i16(8))
	if r.i16(32) != 0 {
		return unsupported("hhea: unknown metricDataFormat %d", r.i16(32))
	}
	m.NumHMetrics = int(r.u16(34))
	if m.NumHMetrics == 0 {
		return malformed("hhea: numberOfHMetrics is 0")
	}
	return nil
}

func parseMaxp(t []byte, m *Metrics) error {
	r := &reader{b: t}
	if len(t) < 6 {
		return malformed("maxp table truncated (%d bytes, need 6)", len(t))
	}
	m.NumGlyphs = int(r.u16(4))
	if m.NumGlyphs == 0 {
		return malformed("maxp: font has no glyphs")
	}
	return nil
}

// parseOS2 reads the optional OS/2 table. Fonts whose licence forbids
// embedding, subsetting or outline embedding are rejected: the PDF always
// embeds a subset of the outlines.
func parseOS2(t []byte, m *Metrics) error {
	if t == nil {
		return nil
	}
	r := &reader{b: t}
	if len(t) < 78 {
		return malformed("OS/2 table truncated (%d bytes, need 78)", len(t))
	}
	m.EmbeddingFlags = r.u16(8)
	if fs := m.EmbeddingFlags; fs&0x000F == 0x0002 || fs&0x0300 != 0 {
		return unsupported("font licence forbids subsetted embedding (OS/2 fsType %#04x)", fs)
	}
	m.TypoAscender, m.TypoDescender = int(r.i16(68)), int(r.i16(70))
	m.TypoLineGap = int(r.i16(72))
	m.WinAscent, m.WinDescent = int(r.u16(74)), int(r.u16(76))
	if r.u16(0) >= 2 && len(t) >= 90 {
		m.XHeight, m.CapHeight = int(r.i16(86)), int(r.i16(88))
	}
	return nil
}

func parsePost(t []byte, m *Metrics) error {
	if len(t) < 32 {
		return malformed("post table truncated (%d bytes, need 32)", len(t))
	}
	r := &reader{b: t}
	m.ItalicAngle = float64(int32(r.u32(4))) / 65536
	m.UnderlinePosition, m.UnderlineThickness = int(r.i16(8)), int(r.i16(10))
	m.IsFixedPitch = r.u32(12) != 0
	return nil
}

// parseHmtx returns the advance width of every glyph. Glyphs beyond
// numberOfHMetrics repeat the last advance.
func parseHmtx(t []byte, m *Metrics) ([]uint16, error) {
	n := m.NumHMetrics
	if n > m.NumGlyphs {
		return nil, malformed("hhea: numberOfHMetrics %d exceeds glyph count %d", n, m.NumGlyphs)
	}
	r := &reader{b: t}
	if !r.has(0, 4*n) {
		return nil, malformed("hmtx table truncated (%d bytes, need %d)", len(t), 4*n)
	}
	adv := make([]uint16, m.NumGlyphs)
	for i := range n {
		adv[i] = r.u16(4 * i)
	}
	for i := n; i < len(adv); i++ {
		adv[i] = adv[n-1]
	}
	return adv, nil
}

// glyphLocator finds glyph outlines through loca and glyf.
type glyphLocator struct {
	loca, glyf []byte
	short      bool
	numGlyphs  int
}

func (g *glyphLocator) offset(i int) int {
	r := &reader{b: g.loca}
	if g.short {
		return 2 * int(r.u16(2*i))
	}
	return int(r.u32(4 * i))
}

// validate checks that loca covers every glyph and that its offsets are
// ordered and stay inside glyf, so no glyph lookup can go astray.
func (g *glyphLocator) validate() error {
	size := 4
	if g.short {
		size = 2
	}
	if len(g.loca) < (g.numGlyphs+1)*size {
		return malformed("loca table truncated (%d bytes for %d glyphs)", len(g.loca), g.numGlyphs)
	}
	prev := 0
	for i := 0; i <= g.numGlyphs; i++ {
		off := g.offset(i)
		if off < prev || off > len(g.glyf) {
			return malformed("loca: offset of glyph %d (%d) is out of order or beyond glyf (%d bytes)",
				i, off, len(g.glyf))
		}
		prev = off
	}
	return nil
}

// yMax returns the top of a glyph's bounding box, or false for an empty
// or missing glyph. The locator must have been validated.
func (g *glyphLocator) yMax(gid uint16) (int, bool) {
	if gid == 0 || int(gid) >= g.numGlyphs {
		return 0, false
	}
	start, end := g.offset(int(gid)), g.offset(int(gid)+1)
	if end-start < 10 {
		return 0, false
	}
	r := &reader{b: g.glyf}
	return int(r.i16(start + 8)), true
}

// nameScore ranks a name record's platform/encoding/language; 0 means the
// record's encoding cannot be decoded.
func nameScore(platform, encoding, lang uint16) int {
	switch {
	case platform == 3 && (encoding == 1 || encoding == 10) && lang == 0x409:
		return 4
	case platform == 3 && (encoding == 1 || encoding == 10):
		return 3
	case platform == 0:
		return 2
	case platform == 1 && encoding == 0:
		return 1
	}
	return 0
}

// parseName fills the family, full and PostScript names. A missing or
// damaged name table leaves them empty; names are informational only.
func parseName(t []byte, m *Metrics) {
	r := &reader{b: t}
	count, storage := int(r.u16(2)), int(r.u16(4))
	best := map[uint16]int{}
	found := map[uint16]string{}
	for i := range count {
		rec := 6 + 12*i
		if !r.has(rec, 12) {
			break
		}
		id := r.u16(rec + 6)
		if id != 1 && id != 4 && id != 6 && id != 16 {
			continue
		}
		score := nameScore(r.u16(rec), r.u16(rec+2), r.u16(rec+4))
		off, n := storage+int(r.u16(rec+10)), int(r.u16(rec+8))
		if score <= best[id] || !r.has(off, n) {
			continue
		}
		best[id] = score
		found[id] = decodeName(t[off:off+n], score > 1)
	}
	m.Family = found[16]
	if m.Family == "" {
		m.Family = found[1]
	}
	m.FullName, m.PostScriptName = found[4], found[6]
}

// decodeName decodes UTF-16BE, or single-byte Mac Roman for which only the
// ASCII range is mapped exactly.
func decodeName(b []byte, wide bool) string {
	if !wide {
		rs := make([]rune, len(b))
		for i, c := range b {
			rs[i] = rune(c)
			if c >= 0x80 {
				rs[i] = '?'
			}
		}
		return string(rs)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}
