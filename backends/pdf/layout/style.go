package layout

import (
	"bookc/fonts"
)

// variant is a font of the family: serif in four styles or mono.
type variant uint8

const (
	vRegular variant = iota
	vBold
	vItalic
	vBoldItalic
	vMono
	vMonoBold
	nVariants
)

// sizeClass names a type size relative to the body size.
type sizeClass uint8

const (
	szBody      sizeClass = iota
	szCode                // inline code in body text
	szCodeBlock           // fenced code
	szSmall               // tables, captions, index
	szSmallCode           // inline code in small text
	szNote                // footnote text
	szNoteCode            // inline code in footnotes
	szSup                 // footnote marks in body text
	szNoteSup             // footnote marks in small text
	szEntry               // entry titles
	szSection             // section titles
	szHead                // running heads and folios
	szChapter             // "Inhalt", "Index" headings
	szTitle               // title page: title
	szSubtitle            // title page: subtitle
	szTitleInfo           // title page: authors, edition, date
	nSizes
)

// sizeFactor is each size class as a multiple of the body size.
var sizeFactor = [nSizes]float64{
	szBody: 1, szCode: 0.9, szCodeBlock: 0.85, szSmall: 0.9, szSmallCode: 0.81,
	szNote: 0.82, szNoteCode: 0.74, szSup: 0.62, szNoteSup: 0.55,
	szEntry: 1.45, szSection: 1.15, szHead: 0.9, szChapter: 2,
	szTitle: 2.6, szSubtitle: 1.45, szTitleInfo: 1.15,
}

// riseFactor lifts superscripts, as a multiple of the body size.
var riseFactor = [nSizes]float64{szSup: 0.36, szNoteSup: 0.3}

// style is one face at one size: what a linebreak.Run's Style names.
type style struct {
	face  *fonts.Face
	fidx  int16 // index into page.Doc.Faces
	size  float64
	rise  float64 // baseline shift upwards
	space float64 // width of an inter-word space
	hyph  float64 // width of a hyphen
	ascii bool    // the face covers printable ASCII
	cover *coverage
}

// coverage records which Latin letters and general punctuation a face
// can set itself, for a fast check that text needs no fallback face.
type coverage struct {
	latin [0x250]bool
	punct [0x70]bool // U+2000 to U+206F
}

func newCoverage(f *fonts.Face) *coverage {
	c := &coverage{}
	for r := rune(' '); r < 0x250; r++ {
		c.latin[r] = f.HasRune(r) && r != 0xAD && r != 0xA0
	}
	for r := rune(0x2000); r < 0x2070; r++ {
		c.punct[r-0x2000] = f.HasRune(r) && !fonts.Ignorable(r) && r != 0x2010 && r != 0x2011
	}
	return c
}

// has reports whether the face sets every rune of s itself.
func (c *coverage) has(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x250:
			if !c.latin[r] {
				return false
			}
		case r >= 0x2000 && r < 0x2070:
			if !c.punct[r-0x2000] {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// styleID returns the style index of a variant at a size class.
func styleID(v variant, sz sizeClass) int { return int(v)*int(nSizes) + int(sz) }

// newStyles builds the full style table for a font set at body size fs.
func newStyles(set *fonts.Set, faceIdx map[*fonts.Face]int, fs float64) []style {
	faces := [nVariants]*fonts.Face{set.Serif, set.SerifBold, set.SerifItalic,
		set.SerifBoldItalic, set.Mono, set.MonoBold}
	out := make([]style, int(nVariants)*int(nSizes))
	for v := range nVariants {
		f := faces[v]
		cov := newCoverage(f)
		ascii := true
		for r := rune(' '); r <= '~'; r++ {
			if !f.HasRune(r) {
				ascii = false
				break
			}
		}
		for sz := range nSizes {
			size := fs * sizeFactor[sz]
			out[styleID(v, sz)] = style{
				face: f, fidx: int16(faceIdx[f]), size: size, rise: fs * riseFactor[sz],
				space: f.Width(" ", size), hyph: f.Width("-", size), ascii: ascii, cover: cov,
			}
		}
	}
	return out
}

// measurer measures text for the line breaker, with glyph fallback.
type measurer struct {
	set    *fonts.Set
	styles []style
}

// Width returns the set width of s in style st, kerned, with fallback
// faces for runes the style's face lacks.
func (m *measurer) Width(s string, st int) float64 {
	sty := &m.styles[st]
	if sty.ascii && isASCII(s) || sty.cover.has(s) {
		return sty.face.Width(s, sty.size)
	}
	return m.set.Width(sty.face, s, sty.size)
}

// SpaceWidth returns the inter-word space of style st.
func (m *measurer) SpaceWidth(st int) float64 { return m.styles[st].space }

// HyphenWidth returns the width of the line-end hyphen in style st.
func (m *measurer) HyphenWidth(st int) float64 { return m.styles[st].hyph }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < ' ' {
			return false
		}
	}
	return true
}

// withVariant returns v made bold and/or italic as asked; mono stays
// mono (bold only).
func withVariant(mono, bold, italic bool) variant {
	switch {
	case mono && bold:
		return vMonoBold
	case mono:
		return vMono
	case bold && italic:
		return vBoldItalic
	case bold:
		return vBold
	case italic:
		return vItalic
	}
	return vRegular
}
