package draw

import (
	"encoding/binary"
	"slices"
	"unicode/utf8"

	"bookc/fonts"
)

// Each canvas keeps, per face, what drawing a rune takes for the runes
// below codeLimit (Latin, general punctuation, arrows), filled in as
// the runes are first drawn: the code as written into a literal string,
// whether the face maps the rune and its advance. Text of those runes is
// then checked, encoded and measured in one pass over its bytes.

// codeLimit is the first rune not kept in the code tables.
const codeLimit = 0x2200

// runeCode is one rune's entry in a face's code table.
type runeCode struct {
	code  uint32 // the code's bytes, escaped, in little-endian order
	n     uint8  // the number of bytes of code; 0 while not filled in
	flags uint8
	w     int32 // advance in 1/1000 em
}

const (
	codeMapped = 1 << iota // the face maps the rune
	codePlain              // drawn as it is: neither ignorable nor substituted
)

// codeOf returns the entry of rune r < codeLimit in face i's table.
func (c *canvas) codeOf(i int, r rune) *runeCode {
	e := &c.codes[i][r]
	if e.n == 0 {
		c.fillCode(i, r, e)
	}
	return e
}

// fillCode fills in e, the entry of rune r in face i's table.
func (c *canvas) fillCode(i int, r rune, e *runeCode) {
	f := c.faces[i]
	g, mapped := f.GlyphOf(r)
	b := appendCode(make([]byte, 0, 4), g)
	e.n = uint8(len(b))
	b = append(b, 0, 0, 0)
	e.code = binary.LittleEndian.Uint32(b)
	if mapped {
		e.flags |= codeMapped
	}
	if s := string(r); f.Printable(s) == s {
		e.flags |= codePlain
	}
	e.w = int32(f.UnkernedWidth(string(r), 1000))
}

// plain reports whether s can be drawn with face i as it is, as prepare
// would return it: valid UTF-8 of runes below codeLimit that the face
// neither ignores nor substitutes.
func (c *canvas) plain(i int, s string) bool {
	for k := 0; k < len(s); {
		r, n := rune(s[k]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[k:])
			if r >= codeLimit || r == utf8.RuneError {
				return false
			}
		}
		if c.codeOf(i, r).flags&codePlain == 0 {
			return false
		}
		k += n
	}
	return true
}

// plainGlyphs is glyphs for a string that plain accepted; it also
// returns the advance of s in 1/1000 em.
func (c *canvas) plainGlyphs(face int, s string) (exact bool, width int) {
	c.startString()
	used := &c.used[face]
	exact = true
	b := slices.Grow(c.b, 4*len(s)+4)
	at := len(b)
	b = b[:cap(b)]
	var last rune
	for _, r := range s {
		e := c.codeOf(face, r)
		used.add(r)
		if e.flags&codeMapped == 0 {
			c.noteMissing(face, r)
			exact = false
		}
		binary.LittleEndian.PutUint32(b[at:], e.code)
		at += int(e.n)
		width += int(e.w)
		last = r
	}
	c.b = b[:at]
	if len(s) > 0 {
		c.text.last = last
	}
	return exact, width
}

// newCodes returns empty code tables for the faces.
func newCodes(faces []*fonts.Face) [][codeLimit]runeCode {
	return make([][codeLimit]runeCode, len(faces))
}
