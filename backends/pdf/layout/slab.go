package layout

import "strings"

// Paragraphs are small (most lists items and headings are one or two
// lines) and many, and what they produce lives until the book is drawn.
// Allocating it in slabs shared by consecutive paragraphs keeps the
// number of objects the garbage collector must follow low.

// slabLen is the number of elements of a slab.
const slabLen = 1024

// slab hands out slices of T cut from larger arrays. Its zero value is
// ready to use; it is not safe for concurrent use.
type slab[T any] struct {
	buf []T
}

// take returns n zeroed elements whose capacity ends with them, so that
// appending to the slice never writes into a neighbour.
func (s *slab[T]) take(n int) []T {
	if n > slabLen/8 {
		return make([]T, n)
	}
	if cap(s.buf)-len(s.buf) < n {
		s.buf = make([]T, 0, slabLen)
	}
	k := len(s.buf)
	s.buf = s.buf[:k+n]
	return s.buf[k : k+n : k+n]
}

// keep returns a copy of src cut from the slab.
func (s *slab[T]) keep(src []T) []T {
	out := s.take(len(src))
	copy(out, src)
	return out
}

// one returns a pointer to one zeroed element.
func (s *slab[T]) one() *T {
	return &s.take(1)[0]
}

// outChunk is the number of items of an outBuf chunk.
const outChunk = 4096

// outBuf stores the galley items of the entries a worker sets, in
// chunks: stored items never move, and stay for later runs that reuse an
// entry as it was.
type outBuf struct {
	chunks [][]vitem
	cur    int // the chunk being filled
}

// add stores items and returns the stored copy.
func (o *outBuf) add(items []vitem) []vitem {
	if len(o.chunks) == 0 {
		o.chunks = append(o.chunks, make([]vitem, 0, max(outChunk, len(items))))
	}
	if c := o.chunks[o.cur]; cap(c)-len(c) < len(items) {
		o.cur++
		if o.cur == len(o.chunks) {
			o.chunks = append(o.chunks, nil)
		}
		if cap(o.chunks[o.cur]) < len(items) {
			o.chunks[o.cur] = make([]vitem, 0, max(outChunk, len(items)))
		}
	}
	c := o.chunks[o.cur]
	n := len(c)
	c = append(c, items...)
	o.chunks[o.cur] = c
	return c[n:len(c):len(c)]
}

// textSlabLen is the size in bytes of a text slab.
const textSlabLen = 64 << 10

// textSlab stores strings in shared buffers. A strings.Builder never
// changes bytes it has already handed out in a string, so later writes
// leave earlier strings intact. The texts of set lines are stored here,
// a few objects for many paragraphs.
type textSlab struct {
	b strings.Builder
}

// add stores b and returns it as a string.
func (t *textSlab) add(b []byte) string {
	if len(b) > textSlabLen/8 {
		return string(b)
	}
	if t.b.Cap()-t.b.Len() < len(b) {
		t.b = strings.Builder{}
		t.b.Grow(textSlabLen)
	}
	start := t.b.Len()
	t.b.Write(b)
	return t.b.String()[start:]
}
