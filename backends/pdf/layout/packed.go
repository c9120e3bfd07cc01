package layout

import (
	"math"

	"bookc/ast"
	"bookc/backends/pdf/page"
)

// The lines of paragraphs, most of the book, keep their frags packed
// into a string: a few bytes a frag, nothing the garbage collector must
// look into, and the drawn texts are pieces of it. A packed box is the
// number of its frags as a uvarint, then per frag: a flags byte, the
// face and the style a byte each, x as 8 bytes, then y as 8 bytes if it
// is not the style's own baseline shift, the colour as 3 bytes if it is
// not black, the page label's target as 4 bytes, the footnote's index in
// the box's marks as a uvarint, and last the text's length as a uvarint
// and the text.

// Flags of a packed frag.
const (
	packY     = 1 << iota // y follows
	packColor             // the colour follows
	packDyn               // the text is a page label: its target follows
	packNote              // the text is a footnote number: its index follows
	packLabel             // the text is a list item's label
)

// packable reports whether frags can be packed: faces and styles must
// fit a byte.
func (e *engine) packable() bool {
	return len(e.faces) <= math.MaxUint8 && len(e.styles) <= math.MaxUint8
}

// appendPacked appends the packing of the frags fs of box b to dst.
func (e *engine) appendPacked(dst []byte, b *vbox, fs []frag) []byte {
	dst = appendUvarint(dst, uint64(len(fs)))
	for i := range fs {
		f := &fs[i]
		flags := byte(0)
		if f.y != -e.styles[f.st].rise {
			flags |= packY
		}
		if f.color != page.Black {
			flags |= packColor
		}
		if f.label {
			flags |= packLabel
		}
		if f.fill != nil && f.fill.dyn != 0 {
			flags |= packDyn
		} else if f.fill != nil {
			flags |= packNote
		}
		dst = append(dst, flags, byte(f.face), byte(f.st))
		dst = appendLE(dst, math.Float64bits(f.x), 8)
		if flags&packY != 0 {
			dst = appendLE(dst, math.Float64bits(f.y), 8)
		}
		if flags&packColor != 0 {
			dst = append(dst, f.color.R, f.color.G, f.color.B)
		}
		switch {
		case flags&packDyn != 0:
			dst = appendLE(dst, uint64(f.fill.dyn), 4)
		case flags&packNote != 0:
			x := b.extra()
			dst = appendUvarint(dst, uint64(len(x.marks)))
			x.marks = append(x.marks, f.fill.note)
		}
		dst = appendUvarint(dst, uint64(len(f.text)))
		dst = append(dst, f.text...)
	}
	return dst
}

// packedReader reads the frags of a packed box in order.
type packedReader struct {
	e     *engine
	s     string
	i     int
	n     int // frags still to read
	marks []*ast.Footnote
	fill  fillIn // what the last frag read fills in
}

// readPacked starts reading the packed frags of b.
func (e *engine) readPacked(b *vbox) packedReader {
	r := packedReader{e: e, s: b.packed, marks: b.rare().marks}
	n, k := uvarint(r.s)
	r.n, r.i = int(n), k
	return r
}

// next reads the next frag into f and reports whether there was one.
// What the frag fills in, if anything, is not in f but in r.fill.
func (r *packedReader) next(f *frag) bool {
	if r.n == 0 {
		return false
	}
	r.n--
	s := r.s
	flags := s[r.i]
	*f = frag{face: int16(s[r.i+1]), st: int16(s[r.i+2]), label: flags&packLabel != 0}
	r.fill = fillIn{}
	f.x = math.Float64frombits(readLE(s, r.i+3, 8))
	f.y = -r.e.styles[f.st].rise
	r.i += 11
	if flags&packY != 0 {
		f.y = math.Float64frombits(readLE(s, r.i, 8))
		r.i += 8
	}
	if flags&packColor != 0 {
		f.color = page.Color{R: s[r.i], G: s[r.i+1], B: s[r.i+2]}
		r.i += 3
	}
	switch {
	case flags&packDyn != 0:
		r.fill = fillIn{dyn: labelRef(readLE(s, r.i, 4))}
		r.i += 4
	case flags&packNote != 0:
		k, w := uvarint(s[r.i:])
		r.fill = fillIn{note: r.marks[k]}
		r.i += w
	}
	n, w := uvarint(s[r.i:])
	r.i += w
	f.text = s[r.i : r.i+int(n)]
	r.i += int(n)
	return true
}

// skip passes over the next frag, reading only its flags, and reports
// whether there was one.
func (r *packedReader) skip() (byte, bool) {
	flags, _, ok := r.skipDyn()
	return flags, ok
}

// skipDyn is skip, also returning the page label the frag fills in, 0
// for none.
func (r *packedReader) skipDyn() (byte, labelRef, bool) {
	if r.n == 0 {
		return 0, 0, false
	}
	r.n--
	s := r.s
	flags := s[r.i]
	r.i += 11
	if flags&packY != 0 {
		r.i += 8
	}
	if flags&packColor != 0 {
		r.i += 3
	}
	var dyn labelRef
	switch {
	case flags&packDyn != 0:
		dyn = labelRef(readLE(s, r.i, 4))
		r.i += 4
	case flags&packNote != 0:
		_, w := uvarint(s[r.i:])
		r.i += w
	}
	n, w := uvarint(s[r.i:])
	r.i += w + int(n)
	return flags, dyn, true
}

// count returns the number of frags of a box, packed or not.
func (b *vbox) count() int {
	n, _ := uvarint(b.packed)
	return int(n) + len(b.frags)
}

// eachFrag calls fn with every frag of b in drawing order: the packed
// ones, then the others.
func (e *engine) eachFrag(b *vbox, fn func(f *frag)) {
	if b.packed != "" {
		r := e.readPacked(b)
		var f frag
		for r.next(&f) {
			if r.fill != (fillIn{}) {
				fl := r.fill
				f.fill = &fl
			}
			fn(&f)
		}
	}
	for i := range b.frags {
		fn(&b.frags[i])
	}
}

// appendLE appends the n low bytes of v, least significant first.
func appendLE(dst []byte, v uint64, n int) []byte {
	for range n {
		dst = append(dst, byte(v))
		v >>= 8
	}
	return dst
}

// readLE reads n bytes of s at i, least significant first.
func readLE(s string, i, n int) uint64 {
	var v uint64
	for k := n - 1; k >= 0; k-- {
		v = v<<8 | uint64(s[i+k])
	}
	return v
}

// appendUvarint appends v in the varint format of encoding/binary.
func appendUvarint(dst []byte, v uint64) []byte {
	for v >= 0x80 {
		dst = append(dst, byte(v)|0x80)
		v >>= 7
	}
	return append(dst, byte(v))
}

// uvarint reads a uvarint at the start of s and returns it with its
// length; 0, 0 for an empty s.
func uvarint(s string) (uint64, int) {
	var v uint64
	for i := 0; i < len(s); i++ {
		v |= uint64(s[i]&0x7f) << (7 * i)
		if s[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}
