package draw

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"math"
	"math/bits"
	"slices"

	"bookc/backends/pdf/page"
)

// After an edit in a watch session most pages are what they were, but
// their structure elements are numbered anew: an element added before
// them shifts every later number. A page's content stream does not
// depend on those numbers, only on which texts share an element and on
// the elements' roles. So the cache (see Cache) also keeps, for each page
// drawn, everything its drawing read, written out with the page's
// elements numbered from 0 in the order they first appear, and what the
// drawing produced, in the same numbering: the compressed stream, the
// element of each marked-content id, the parents and texts of the
// page's link and span elements and the runes it drew. A page whose
// inputs are byte for byte those of a kept page takes that page's
// results, translated to the document's numbers; the file is the one
// drawing it would have written.

// pageIn is a page's drawing inputs in the page's own element numbers,
// and the document's number of each of its elements.
type pageIn struct {
	b     []byte
	elems []int32         // by the page's number: the document's
	local map[int32]int32 // the document's number: the page's
}

// drawnPage is what drawing a page produced, in its own element numbers
// (see pageIn.code).
type drawnPage struct {
	in          []byte  // the inputs, as pageIn wrote them
	packed      []byte  // the compressed content stream
	mcids       []int32 // the element of each marked-content id
	images      int     // the first marked-content ids, given to images
	linkParents []int32 // by link area of the page: its text's element, -1 for none
	linkTexts   []string
	spanParents []int32
	runes       []faceRune // the runes drawn, by face
}

// faceRune is a rune drawn with a face.
type faceRune struct {
	face int32
	r    rune
}

// pageInputs writes down what drawing page job j reads.
func (w *writer) pageInputs(j pageJob, in *pageIn) {
	p := w.doc.Pages[j.index]
	b := in.b[:0]
	in.elems = in.elems[:0]
	if in.local == nil {
		in.local = make(map[int32]int32)
	}
	clear(in.local)
	f64 := func(v float64) { b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v)) }
	num := func(v int64) { b = binary.AppendVarint(b, v) }
	str := func(s string) { num(int64(len(s))); b = append(b, s...) }
	elem := func(e int32) {
		if e <= 0 || !j.tagged {
			num(int64(e))
			return
		}
		k, ok := in.local[e]
		if !ok {
			k = int32(len(in.elems))
			in.local[e] = k
			in.elems = append(in.elems, e)
			b = append(b, 'n')
			str(w.roles[e])
		}
		num(int64(k) + 1)
	}
	color := func(c page.Color) { b = append(b, c.R, c.G, c.B) }
	f64(w.doc.Height)
	if j.tagged {
		b = append(b, 't')
	}
	num(int64(len(j.images)))
	for _, name := range j.images {
		str(name)
	}
	num(int64(len(p.Texts)))
	for k := range p.Texts {
		t := &p.Texts[k]
		f64(t.X)
		f64(t.Y)
		f64(t.Size)
		f64(t.HScale)
		num(int64(t.Face))
		color(t.Color)
		elem(t.Elem)
		str(t.Text)
	}
	num(int64(len(p.Rules)))
	for _, r := range p.Rules {
		f64(r.X1)
		f64(r.Y1)
		f64(r.X2)
		f64(r.Y2)
		f64(r.Width)
		color(r.Color)
	}
	num(int64(len(p.Rects)))
	for _, r := range p.Rects {
		f64(r.X)
		f64(r.Y)
		f64(r.W)
		f64(r.H)
		color(r.Color)
	}
	num(int64(len(p.Images)))
	for _, im := range p.Images {
		f64(im.X)
		f64(im.Y)
		f64(im.W)
		f64(im.H)
		elem(im.Elem)
	}
	if j.tagged {
		for _, as := range [][]linkAnnot{w.pageAnnots(j.index), w.spanRects[j.index]} {
			num(int64(len(as)))
			for _, a := range as {
				num(a.x1)
				num(a.y1)
				num(a.x2)
				num(a.y2)
			}
		}
	}
	in.b = b
}

// pageAnnots returns page i's link areas.
func (w *writer) pageAnnots(i int) []linkAnnot {
	if w.annots == nil {
		return nil
	}
	return w.annots[i]
}

// code returns the page's number of element e as kept in a drawnPage:
// the page's own elements first, then its link areas' and its spans'
// elements; -1 for none.
func (w *writer) code(i int, in *pageIn, e int32) int32 {
	n := int32(len(w.doc.Elems))
	switch {
	case e <= 0:
		return -1
	case e < n:
		return in.local[e]
	}
	links := w.pageAnnots(i)
	if k := e - n; int(k) < len(w.links) {
		return int32(len(in.elems)) + k - int32(links[0].link-1)
	}
	k := e - n - int32(len(w.links))
	return int32(len(in.elems)+len(links)) + k - int32(w.spanFirst[i])
}

// elemOf is the inverse of code.
func (w *writer) elemOf(i int, in *pageIn, c int32) int32 {
	n := int32(len(w.doc.Elems))
	links := w.pageAnnots(i)
	switch {
	case c < 0:
		return 0
	case int(c) < len(in.elems):
		return in.elems[c]
	case int(c) < len(in.elems)+len(links):
		return n + int32(links[0].link-1) + c - int32(len(in.elems))
	}
	return n + int32(len(w.links)+w.spanFirst[i]) + c - int32(len(in.elems)+len(links))
}

// keepPage records what drawing page i produced for the cache.
func (w *writer) keepPage(i int, in *pageIn, res *pageResult, runes []faceRune) {
	d := &drawnPage{in: bytes.Clone(in.b), packed: res.data, images: res.images, runes: runes}
	for _, e := range res.mcids {
		d.mcids = append(d.mcids, w.code(i, in, e))
	}
	if w.tagged() {
		for _, a := range w.pageAnnots(i) {
			le := &w.links[a.link-1]
			d.linkParents = append(d.linkParents, w.code(i, in, le.parent))
			d.linkTexts = append(d.linkTexts, le.text)
		}
		for k := range w.spanRects[i] {
			d.spanParents = append(d.spanParents, w.code(i, in, w.spans[w.spanFirst[i]+k].parent))
		}
	}
	w.cache.storePage(in.b, d)
}

// reusePage takes over what drawing page i produced when it was kept
// with the same inputs, and adds the runes it drew to c's.
func (w *writer) reusePage(i int, in *pageIn, d *drawnPage, c *canvas) pageResult {
	res := pageResult{data: d.packed, images: d.images}
	if len(d.mcids) > 0 {
		res.mcids = make([]int32, len(d.mcids))
		for k, m := range d.mcids {
			res.mcids[k] = w.elemOf(i, in, m)
		}
	}
	for k, p := range d.linkParents {
		le := &w.links[w.pageAnnots(i)[k].link-1]
		le.parent, le.text = w.elemOf(i, in, p), d.linkTexts[k]
	}
	for k, p := range d.spanParents {
		w.spans[w.spanFirst[i]+k].parent = w.elemOf(i, in, p)
	}
	used := c.used
	if c.all != nil {
		used = c.all
	}
	for _, fr := range d.runes {
		used[fr.face].add(fr.r)
	}
	return res
}

// runesOf lists the runes in sets and empties them.
func runesOf(sets []runeSet) []faceRune {
	var out []faceRune
	for f := range sets {
		s := &sets[f]
		for k, word := range s {
			for word != 0 {
				bit := word & -word
				out = append(out, faceRune{int32(f), rune(k<<6 + bits.TrailingZeros64(bit))})
				word &^= bit
			}
			s[k] = 0
		}
	}
	return slices.Clip(out)
}

// lookupPage returns the page kept with inputs in, if any.
func (c *Cache) lookupPage(in []byte) *drawnPage {
	if c == nil {
		return nil
	}
	k := maphash.Bytes(c.seed, in)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range c.curPages[k] {
		if bytes.Equal(d.in, in) {
			c.pageHits++
			return d
		}
	}
	for _, d := range c.prevPages[k] {
		if bytes.Equal(d.in, in) {
			c.curPages[k] = append(c.curPages[k], d)
			c.pageHits++
			return d
		}
	}
	return nil
}

// storePage keeps d, drawn from inputs in.
func (c *Cache) storePage(in []byte, d *drawnPage) {
	k := maphash.Bytes(c.seed, in)
	c.mu.Lock()
	c.curPages[k] = append(c.curPages[k], d)
	c.mu.Unlock()
}
