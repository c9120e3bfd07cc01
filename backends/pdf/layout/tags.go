package layout

import (
	"strconv"

	"bookc/backends/pdf/page"
)

// The layout records the book's logical structure for a tagged PDF: a
// tree of structure elements (snode) that the boxes and frags point
// into, built as the entries are set, and numbered into page.Doc.Elems
// as the pages are drawn, in the order in which their content first
// appears there. An element without content never gets a number.

// snode is a structure element being built.
type snode struct {
	role   string
	parent *snode // nil: the document
	alt    string // a figure's alternative text
	scope  string // a header cell's scope
	lbl    *snode // a numbered list item's label
	solo   bool   // an LBody holding one paragraph: its text is the body's
	// doc and id are the element's number in the document drawn, given
	// when it is first drawn: numbering needs no map look-up.
	doc *page.Doc
	id  int32
}

// artifactNode marks frags that are not part of the text, such as dot
// leaders.
var artifactNode = &snode{role: "Artifact"}

// open starts a structure element of the given role inside the current
// one and makes it current.
func (eb *entryBuilder) open(role string) *snode {
	n := eb.w.nodes.one()
	n.role, n.parent = role, eb.cur
	eb.cur, eb.nodes = n, eb.nodes+1
	return n
}

// close makes n's parent current again.
func (eb *entryBuilder) close(n *snode) { eb.cur = n.parent }

// within sets fn's material as content of a new element of the given
// role and returns the element.
func (eb *entryBuilder) within(role string, fn func()) *snode {
	n := eb.open(role)
	fn()
	eb.close(n)
	return n
}

// tagItems makes n the element of the boxes among items.
func tagItems(items []vitem, n *snode) []vitem {
	for _, it := range items {
		if it.box != nil {
			it.box.elem = n
		}
	}
	return items
}

// elemID returns the number of n in the document's elements, numbering
// it and its ancestors first if they have none yet.
func (em *emitter) elemID(n *snode) int32 {
	if n == nil || n == artifactNode {
		return page.Artifact
	}
	if n.doc == em.d {
		return n.id
	}
	if em.numbered {
		panic("layout: a structure element drawn before it was numbered")
	}
	var parent int32
	if n.parent != nil {
		parent = em.elemID(n.parent)
	}
	id := int32(len(em.d.Elems))
	em.d.Elems = append(em.d.Elems, page.Elem{Role: n.role, Parent: parent, Alt: n.alt, Scope: n.scope})
	n.doc, n.id = em.d, id
	return id
}

// fragElem returns the element of frag f in box b: its own, the list
// label's for a label, else the box's.
func (em *emitter) fragElem(b *vbox, f *frag) int32 {
	switch {
	case em.artifact:
		return page.Artifact
	case f.elem != nil:
		return em.elemID(f.elem)
	case f.label:
		// A number is the item's label; a bullet says no more than the
		// list does and is an artifact.
		for n := b.elem; n != nil; n = n.parent {
			if n.role == "LI" {
				return em.elemID(n.lbl)
			}
		}
	}
	return em.elemID(b.elem)
}

// headingRole is the structure type of a heading of the given level
// inside an entry's body: entries have H1 and sections H2, so a heading
// is one level below its section's, or the entry's in the lead, and no
// level is skipped. Markdown levels 1 to 4 (### is a section, so ####
// is the usual one) are all the first level below; 5 and 6 go deeper.
func (eb *entryBuilder) headingRole(level int) string {
	depth := 0
	for n := eb.cur; n != nil; n = n.parent {
		if n.role == "Sect" {
			depth++
		}
	}
	return "H" + strconv.Itoa(min(6, depth+1+max(0, level-4)))
}

// spanArea marks [x, x+w] of a line with baseline base, whose box's
// extra content x0 is, as text in lang, joining it to the area before if
// that one ends there in the same language.
func spanArea(x0 *boxExtra, base float64, lang string, x, w float64, sty *style) {
	asc, desc := sty.face.Ascent(sty.size), sty.face.Descent(sty.size)
	if n := len(x0.spans); n > 0 {
		s := &x0.spans[n-1]
		if s.Lang == lang && x >= s.X+s.W-0.01 && x-(s.X+s.W) < sty.size {
			s.W = x + w - s.X
			return
		}
	}
	x0.spans = append(x0.spans, page.Span{X: x, Y: base - asc, W: w, H: asc + desc, Lang: lang})
}
