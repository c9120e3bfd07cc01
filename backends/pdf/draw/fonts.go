package draw

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"maps"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"bookc/fonts"
)

// newFaceName returns the PostScript name face i is embedded under,
// without the subset tag: the font's own, sanitised, or a made-up one.
func newFaceName(i int, f *fonts.Face) string {
	ps := pdfName(f.Metrics().PostScriptName)
	if ps == "" {
		ps = pdfName(f.Name())
	}
	if ps == "" {
		ps = "Font" + strconv.Itoa(i)
	}
	return ps
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
	ps := newFaceName(i, w.doc.Faces[i])
	b := make([]byte, 0, 16+len(ps)+8*len(w.used[i]))
	b = binary.LittleEndian.AppendUint64(b, uint64(i))
	b = append(b, ps...)
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
