package draw

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"bookc/fonts"
)

// faceName says how one face is known to fpdf and how it is to be named
// in the finished PDF.
//
// fpdf names an embedded UTF-8 font "utf8" plus its lower-cased family
// and does not give it the subset tag the PDF specification requires
// (ISO 32000-1, 9.6.4), so viewers and preflight tools report the fonts as
// not subset. finish renames it to "ABCDEF+" and the PostScript name.
type faceName struct {
	family string // registered with fpdf, style ""
	ps     string // PostScript name to write, sanitised
}

// fpdfName is the name fpdf writes for the face.
func (n faceName) fpdfName() string { return "utf8" + strings.ToLower(n.family) }

// newFaceName derives the names for face i.
func newFaceName(i int, f *fonts.Face) faceName {
	ps := pdfName(f.Metrics().PostScriptName)
	if ps == "" {
		ps = pdfName(f.Name())
	}
	if ps == "" {
		ps = "Font" + strconv.Itoa(i)
	}
	return faceName{family: "f" + strconv.Itoa(i), ps: ps}
}

// pdfName keeps the characters that may stand in a PDF name without
// escaping and that PostScript font names use.
func pdfName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9',
			r == '-', r == '_', r == '.', r == '+':
			b.WriteRune(r)
		}
	}
	return b.String()
}

// addFaces registers every face with fpdf. fpdf only prints font parse
// errors, so registration is confirmed by looking the font up again.
func (w *writer) addFaces() error {
	w.names = make([]faceName, len(w.doc.Faces))
	w.fontRes = make([]string, len(w.doc.Faces))
	w.used = make([]runeSet, len(w.doc.Faces))
	for i, f := range w.doc.Faces {
		n := newFaceName(i, f)
		w.names[i] = n
		w.pdf.AddUTF8FontFromBytes(n.family, "", f.Data())
		if err := w.pdf.Error(); err != nil {
			return fmt.Errorf("pdf: embedding face %d (%s): %w", i, f.Name(), err)
		}
		if w.pdf.GetFontDesc(n.family, "").Ascent == 0 {
			return fmt.Errorf("pdf: embedding face %d (%s): fpdf could not read the font", i, f.Name())
		}
		res, err := w.fontResource(n.family)
		if err != nil {
			return err
		}
		w.fontRes[i] = res
	}
	if len(w.doc.Faces) > 0 {
		// A UTF-8 font must be current for fpdf to encode bookmark titles
		// as UTF-16.
		w.pdf.SetFont(w.names[0].family, "", 10)
	}
	return nil
}

// runeSet is a set of runes of the Basic Multilingual Plane.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(r rune) { s[r>>6] |= 1 << (r & 63) }

// union adds the runes of o.
func (s *runeSet) union(o *runeSet) {
	for i, word := range o {
		s[i] |= word
	}
}

// text returns the runes of the set but U+0000, in order, as a string.
func (s *runeSet) text() string {
	var b strings.Builder
	for i, word := range s {
		for word != 0 {
			if r := rune(i<<6 + bits.TrailingZeros64(word)); r != 0 {
				b.WriteRune(r)
			}
			word &= word - 1
		}
	}
	return b.String()
}

// subsetTag returns the six capital letters that name face i's subset.
// They depend only on the face, its index and the runes in the subset, so
// equal documents get equal tags and different subsets almost surely
// differ.
func (w *writer) subsetTag(i int) string {
	b := make([]byte, 0, 16+len(w.names[i].ps)+8*len(w.used[i]))
	b = binary.LittleEndian.AppendUint64(b, uint64(i))
	b = append(b, w.names[i].ps...)
	for _, word := range w.used[i] {
		b = binary.LittleEndian.AppendUint64(b, word)
	}
	sum := sha256.Sum256(b)
	tag := make([]byte, 6)
	for k := range tag {
		tag[k] = 'A' + sum[k]%26
	}
	return string(tag)
}

// missingKey identifies a rune a face lacks.
type missingKey struct {
	face int
	r    rune
}

// missingRune counts where a missing rune was drawn.
type missingRune struct {
	first, count int
}

// reportMissing turns the missing runes into problems, one per face and
// rune, in a stable order.
func (w *writer) reportMissing() {
	keys := slices.Collect(maps.Keys(w.missing))
	slices.SortFunc(keys, func(a, b missingKey) int {
		if a.face != b.face {
			return cmp.Compare(a.face, b.face)
		}
		return cmp.Compare(a.r, b.r)
	})
	for _, k := range keys {
		m := w.missing[k]
		w.problem(m.first, "face %s has no glyph for %U %q (drawn %d times as .notdef)",
			w.doc.Faces[k.face].Name(), k.r, k.r, m.count)
	}
}
