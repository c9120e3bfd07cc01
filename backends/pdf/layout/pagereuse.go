package layout

import (
	"slices"

	"bookc/ast"
	"bookc/backends/pdf/page"
)

// In a watch session most pages of the main matter hold, after an edit,
// the very items they held before, at the same places: the items of the
// entries the session took over. Such a page is drawn into the page
// model as it was, except that its structure elements may be numbered
// otherwise. So the session keeps each main page drawn, with what its
// drawing read, and the emitter takes a page over when all of that is
// as it was: the same items at the same places and footnotes, the same
// folio, running head, side and repeated table header, the same texts
// of the page labels and numbers of the footnotes it prints, and as
// many element numbers, in the same pattern. The numbers of the
// elements its texts and images belong to are then translated.

// keptPage is a main page as drawn, with what drawing it read.
type keptPage struct {
	key pageKey
	// p holds its texts and images as drawn, the texts' faces numbered
	// as compaction left them: kept[i] is the layout's face whose
	// number is now i (nil: not compacted). The page is shared with the
	// documents that took it over and never changed.
	p     page.Page
	kept  []int
	faces []int              // the layout's faces its texts use
	fresh bool               // drawn in this layout, not yet compacted
	out   []page.OutlineItem // its bookmarks, Page not set
	ids   []int32            // the elements of its content, in the order numbering meets them
}

// pageKey is what drawing a main page reads besides its elements.
type pageKey struct {
	items   []placed
	notes   []*noteBlock
	recto   bool
	repeat  bool
	x0      float64
	label   string
	head    string
	fills   []string // the page labels and footnote numbers it prints, in order
	nids    int
	ordered []*ast.Footnote
}

func (k *pageKey) equal(o *pageKey) bool {
	return k.recto == o.recto && k.repeat == o.repeat && k.x0 == o.x0 && k.label == o.label &&
		k.head == o.head && k.nids == o.nids && slices.Equal(k.items, o.items) &&
		slices.Equal(k.notes, o.notes) && slices.Equal(k.fills, o.fills) && slices.Equal(k.ordered, o.ordered)
}

// pageReuse holds a session's main pages: those of the last layout, to
// be taken over, and those of this one, by their first item.
type pageReuse struct {
	prev map[*vitem][]*keptPage
	cur  [][]*keptPage // by emitter part
}

// keyOf writes down what drawing page pg reads, with the elements of its
// content, by the same walk as number.
func (em *emitter) keyOf(pg *pageOut, label, head string, k *pageKey, ids []int32) []int32 {
	*k = pageKey{items: pg.items, notes: pg.notes, recto: em.recto(), repeat: pg.repeated, x0: em.left(), label: label, head: head, fills: k.fills[:0]}
	for i, pl := range pg.items {
		if pl.it.kind != kGlue {
			em.artifact = i == 0 && pg.repeated
			ids = em.keyBox(pl.it.box, k, ids)
		}
	}
	em.artifact = false
	for _, nb := range pg.notes {
		ids = append(ids, em.elemID(nb.elem))
		if !nb.cont {
			k.ordered = append(k.ordered, nb.note)
		}
		for _, b := range nb.boxes {
			ids = em.keyBox(b, k, ids)
		}
	}
	k.nids = len(ids)
	for _, n := range k.ordered {
		k.fills = append(k.fills, itoa(em.noteNumber(n)))
	}
	return ids
}

// keyBox is numberBox, reading the numbers given and noting what the
// box fills in.
func (em *emitter) keyBox(b *vbox, k *pageKey, ids []int32) []int32 {
	if b.ext != nil && len(b.ext.images) > 0 && !em.artifact {
		ids = append(ids, em.elemID(b.elem))
	}
	if b.packed != "" {
		r := em.e.readPacked(b)
		for flags, dyn, ok := r.skipDyn(); ok; flags, dyn, ok = r.skipDyn() {
			ids = append(ids, em.fragElem(b, &frag{label: flags&packLabel != 0}))
			if dyn != 0 {
				k.fills = append(k.fills, em.e.label(dyn))
			}
		}
		k.ordered = append(k.ordered, r.marks...)
	}
	for i := range b.frags {
		f := &b.frags[i]
		ids = append(ids, em.fragElem(b, f))
		if f.fill != nil {
			if f.fill.dyn != 0 {
				k.fills = append(k.fills, em.e.label(f.fill.dyn))
			} else if f.fill.note != nil {
				k.ordered = append(k.ordered, f.fill.note)
			}
		}
	}
	return ids
}

// lookup returns the kept page drawn from what key says, if any.
func (r *pageReuse) lookup(k *pageKey) *keptPage {
	if len(k.items) == 0 {
		return nil
	}
	for _, kp := range r.prev[k.items[0].it] {
		if kp.key.equal(k) {
			return kp
		}
	}
	return nil
}

// take draws kept page kp as the next page, with the elements numbered
// ids now; it reports false, drawing nothing, when the numbers do not
// follow the pattern of those it was drawn with.
func (em *emitter) take(kp *keptPage, ids []int32, to map[int32]int32) bool {
	// As a rule every element of the page moved by the same number: an
	// element added or dropped before it.
	shift := int32(0)
	if len(ids) > 0 {
		shift = ids[0] - kp.ids[0]
	}
	for i, old := range kp.ids {
		if ids[i] != old+shift {
			shift = noShift
			break
		}
	}
	if shift == noShift {
		clear(to)
		for i, old := range kp.ids {
			if n, ok := to[old]; ok && n != ids[i] {
				return false
			}
			to[old] = ids[i]
		}
	}
	renumber := func(e *int32) bool {
		switch {
		case *e <= 0:
		case shift != noShift:
			*e += shift
		default:
			n, ok := to[*e]
			if !ok {
				return false
			}
			*e = n
		}
		return true
	}
	p := kp.p
	if shift != 0 {
		p.Texts = slices.Clone(p.Texts)
		for i := range p.Texts {
			if !renumber(&p.Texts[i].Elem) {
				return false
			}
		}
		if len(p.Images) > 0 {
			p.Images = slices.Clone(p.Images)
			for i := range p.Images {
				if !renumber(&p.Images[i].Elem) {
					return false
				}
			}
		}
	}
	for _, o := range kp.out {
		o.Page = em.next()
		em.outline = append(em.outline, o)
	}
	for _, f := range kp.faces {
		em.used[f] = true
	}
	em.drawn = append(em.drawn, &p)
	if em.taken == nil {
		em.taken = map[*page.Page]*keptPage{}
	}
	em.taken[&p] = kp
	em.sources = append(em.sources, page.Source{Part: em.part})
	return true
}

// noShift marks element numbers that did not all move alike.
const noShift = int32(-1 << 31)

// keep records the page just drawn from what key says, for the next
// layout of the session. The page shares its texts with the document:
// compaction numbers their faces afresh in both (see compactFaces).
func (em *emitter) keep(k *pageKey, ids []int32, outFrom int) *keptPage {
	p := *em.drawn[len(em.drawn)-1]
	var faces []int
	for i := range p.Texts {
		if f := p.Texts[i].Face; !slices.Contains(faces, f) {
			faces = append(faces, f)
		}
	}
	kp := &keptPage{key: *k, p: p, faces: faces, fresh: true, ids: slices.Clone(ids), out: slices.Clone(em.outline[outFrom:])}
	kp.key.items, kp.key.notes = slices.Clone(k.items), slices.Clone(k.notes)
	kp.key.fills, kp.key.ordered = slices.Clone(k.fills), slices.Clone(k.ordered)
	return kp
}

// next makes the pages kept in this layout those the next takes over.
func (r *pageReuse) next() {
	r.prev = map[*vitem][]*keptPage{}
	for _, part := range r.cur {
		for _, kp := range part {
			first := kp.key.items[0].it
			r.prev[first] = append(r.prev[first], kp)
		}
	}
	r.cur = nil
}
