package draw

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"bookc/backends/pdf/page"
	"bookc/fonts"
)

// A tagged PDF (ISO 32000-1, 14.7 and 14.8) carries the document's logical
// structure: a tree of structure elements whose leaves are the pieces of
// the pages' content, marked in the content streams with marked-content
// ids (MCIDs), and the link annotations. Content that is not part of the
// text, such as running heads, folios and rules, is marked as artifact.
//
// The page model gives the elements (page.Doc.Elems) and for every text
// and image the element it belongs to. Link elements are made here: a
// link's texts, found by its area, become the content of a Link element
// under the element those texts belong to, together with the annotation.
// An element's children come in the order in which their content first
// appears on the pages, which is reading order; elements without any
// content are left out.

// standardRoles are the standard structure types (ISO 32000-1, 14.8.4).
var standardRoles = map[string]bool{
	"Document": true, "Part": true, "Art": true, "Sect": true, "Div": true, "BlockQuote": true,
	"Caption": true, "TOC": true, "TOCI": true, "Index": true, "NonStruct": true, "Private": true,
	"P": true, "H": true, "H1": true, "H2": true, "H3": true, "H4": true, "H5": true, "H6": true,
	"L": true, "LI": true, "Lbl": true, "LBody": true, "Table": true, "TR": true, "TH": true,
	"TD": true, "THead": true, "TBody": true, "TFoot": true, "Span": true, "Quote": true,
	"Note": true, "Reference": true, "BibEntry": true, "Code": true, "Link": true, "Annot": true,
	"Ruby": true, "Warichu": true, "Figure": true, "Formula": true, "Form": true,
}

// linkElem is the Link element of one link annotation.
type linkElem struct {
	page   int    // 0-based page index
	parent int32  // the element of the link's text
	text   string // the link's text, for the annotation's /Contents
	obj    int    // the annotation's object number, once written
}

// tagged reports whether the document carries a structure tree.
func (w *writer) tagged() bool { return len(w.doc.Elems) > 0 }

// prepareTags checks the structure elements and works out the element
// of every text, with a Link element for each link annotation.
func (w *writer) prepareTags() error {
	if !w.tagged() {
		return nil
	}
	if err := w.checkElems(); err != nil {
		return err
	}
	n := len(w.doc.Elems)
	w.roles = make([]string, n)
	for i, e := range w.doc.Elems {
		w.roles[i] = e.Role
	}
	w.textElems = make([][]int32, len(w.doc.Pages))
	w.texts = make([][]page.Text, len(w.doc.Pages))
	w.mcids = make([][]int32, len(w.doc.Pages))
	w.imageMCIDs = make([]int, len(w.doc.Pages))
	for i, p := range w.doc.Pages {
		elems := make([]int32, len(p.Texts))
		for k, t := range p.Texts {
			if int(t.Elem) >= n || t.Elem < -2 {
				return fmt.Errorf("pdf: page %d: text %q belongs to element %d of %d", i+1, t.Text, t.Elem, n)
			}
			elems[k] = t.Elem
		}
		for _, im := range p.Images {
			if int(im.Elem) >= n || im.Elem < -2 {
				return fmt.Errorf("pdf: page %d: image %q belongs to element %d of %d", i+1, im.Name, im.Elem, n)
			}
		}
		texts := p.Texts
		if w.annots != nil && len(w.annots[i]) > 0 {
			texts, elems = w.linkTexts(i, elems)
		}
		w.textElems[i] = elems
		w.texts[i] = texts
	}
	return nil
}

// checkElems makes sure the elements form a tree with the root first
// and use standard types.
func (w *writer) checkElems() error {
	for i, e := range w.doc.Elems {
		switch {
		case !standardRoles[e.Role]:
			return fmt.Errorf("pdf: structure element %d has type %q, not a standard one", i, e.Role)
		case i > 0 && (e.Parent < 0 || int(e.Parent) >= i):
			return fmt.Errorf("pdf: structure element %d (%s) has parent %d", i, e.Role, e.Parent)
		}
		if err := checkLang(e.Lang); err != nil {
			return err
		}
	}
	return nil
}

// linkTexts makes the Link elements of page i's annotations: the
// glyphs whose middle lies in a link's area become its content. A text
// that runs into or out of a link area is cut there into pieces, which
// are drawn where the whole text would have been. It returns the page's
// texts, cut where needed, and their elements.
func (w *writer) linkTexts(i int, elems []int32) ([]page.Text, []int32) {
	p := w.doc.Pages[i]
	annots := w.annots[i]
	first := len(w.links)
	for k := range annots {
		w.roles = append(w.roles, "Link")
		w.links = append(w.links, linkElem{page: i})
		annots[k].link = len(w.links)
	}
	height := milli(w.doc.Height)
	var texts []page.Text
	var out []int32
	for k := range p.Texts {
		t := &p.Texts[k]
		pieces := w.cutAtLinks(t, annots, height)
		if pieces == nil && texts == nil {
			continue
		}
		if texts == nil {
			texts, out = slices.Clone(p.Texts[:k]), slices.Clone(elems[:k])
		}
		if pieces == nil {
			pieces = []linkPiece{{text: *t, link: -1}}
		}
		for _, pc := range pieces {
			texts = append(texts, pc.text)
			e := elems[k]
			if pc.link >= 0 && e > 0 {
				le := &w.links[first+pc.link]
				if le.parent == 0 {
					le.parent = e
				}
				le.text += pc.text.Text
				e = int32(len(w.doc.Elems) + first + pc.link)
			}
			out = append(out, e)
		}
	}
	if texts == nil {
		return p.Texts, elems
	}
	for k := first; k < len(w.links); k++ {
		w.links[k].text = strings.Join(strings.Fields(w.links[k].text), " ")
	}
	return texts, out
}

// hscale is t's horizontal scale as a factor.
func hscale(t *page.Text) float64 {
	if t.HScale == 0 {
		return 1
	}
	return t.HScale
}

// linkPiece is a piece of a text and the index of the link area it lies
// in, -1 for none.
type linkPiece struct {
	text page.Text
	link int
}

// cutAtLinks returns the pieces of t by the link area each glyph's
// middle lies in, or nil if no glyph lies in one.
func (w *writer) cutAtLinks(t *page.Text, annots []linkAnnot, height int64) []linkPiece {
	y := height - milli(t.Y)
	f := w.doc.Faces[t.Face]
	hs := hscale(t)
	right := t.X + f.UnkernedWidth(t.Text, t.Size)*hs
	var near []int
	for k := range annots {
		a := &annots[k]
		if y >= a.y1 && y <= a.y2 && milli(right) > a.x1 && milli(t.X) < a.x2 {
			near = append(near, k)
		}
	}
	if len(near) == 0 {
		return nil
	}
	var pieces []linkPiece
	x, start, cur := t.X, 0, -2
	for j, r := range t.Text {
		adv := 0.0
		if !fonts.Ignorable(r) {
			adv = float64(f.GlyphWidth(f.Glyph(r))) * t.Size / 1000 * hs
		}
		in := -1
		mid := milli(x + adv/2)
		for _, k := range near {
			if mid >= annots[k].x1 && mid <= annots[k].x2 {
				in = k
				break
			}
		}
		if in != cur && adv > 0 {
			if cur != -2 && j > start {
				pieces = append(pieces, w.piece(t, start, j, cur))
			}
			start, cur = j, in
		}
		x += adv
	}
	pieces = append(pieces, w.piece(t, start, len(t.Text), cur))
	if len(pieces) == 1 && pieces[0].link < 0 {
		return nil
	}
	return pieces
}

// piece returns t's bytes from start to end as a text of its own, placed
// where those glyphs stand in t.
func (w *writer) piece(t *page.Text, start, end, link int) linkPiece {
	p := *t
	p.X += w.doc.Faces[t.Face].UnkernedWidth(t.Text[:start], t.Size) * hscale(t)
	p.Text = t.Text[start:end]
	return linkPiece{text: p, link: max(link, -1)}
}

// structKid is one child of a structure element: an element, a
// marked-content sequence on a page or an annotation.
type structKid struct {
	elem       int32 // the element, -1 for content
	page, mcid int32
	annot      int // the annotation's object number, 0 for a sequence
}

// structTree is the tree as it is written.
type structTree struct {
	kids  [][]structKid
	nums  []int // object number of each element, 0 if left out
	pages []int // the page of each element's first content, -1 if none
}

// parent returns the parent of element e.
func (w *writer) parent(e int32) int32 {
	if int(e) < len(w.doc.Elems) {
		return w.doc.Elems[e].Parent
	}
	return w.links[int(e)-len(w.doc.Elems)].parent
}

// textOrder returns the element whose place in the order of elements a
// text of element e has: e's own, or for a link its parent's.
func (w *writer) textOrder(e int32) int32 {
	for int(e) >= len(w.doc.Elems) {
		e = w.parent(e)
	}
	return e
}

// buildTree puts every piece of content under its element, and every
// element with content under its parent, in reading order.
func (w *writer) buildTree() *structTree {
	n := len(w.roles)
	t := &structTree{kids: make([][]structKid, n), nums: make([]int, n), pages: make([]int, n)}
	attached := make([]bool, n)
	attached[0] = true
	var attach func(e int32)
	attach = func(e int32) {
		if attached[e] {
			return
		}
		attached[e] = true
		p := w.parent(e)
		attach(p)
		t.kids[p] = append(t.kids[p], structKid{elem: e})
	}
	for i := range t.pages {
		t.pages[i] = -1
	}
	add := func(e int32, k structKid) {
		attach(e)
		t.kids[e] = append(t.kids[e], k)
		if t.pages[e] < 0 {
			t.pages[e] = int(k.page)
		}
	}
	linkAt := 0
	for p, mcids := range w.mcids {
		// Images are drawn first but read where their element comes in
		// the order of elements.
		img := 0
		for m := w.imageMCIDs[p]; m < len(mcids); m++ {
			e := mcids[m]
			for ; img < w.imageMCIDs[p] && mcids[img] < w.textOrder(e); img++ {
				add(mcids[img], structKid{elem: -1, page: int32(p), mcid: int32(img)})
			}
			add(e, structKid{elem: -1, page: int32(p), mcid: int32(m)})
		}
		for ; img < w.imageMCIDs[p]; img++ {
			add(mcids[img], structKid{elem: -1, page: int32(p), mcid: int32(img)})
		}
		for ; linkAt < len(w.links) && w.links[linkAt].page == p; linkAt++ {
			le := &w.links[linkAt]
			add(int32(len(w.doc.Elems)+linkAt), structKid{elem: -1, page: int32(p), annot: le.obj})
		}
	}
	return t
}

// writeStructure writes the structure tree and its parent tree and
// returns the number of the structure tree root.
func (w *writer) writeStructure(f *file, pageObjs []int) int {
	t := w.buildTree()
	root := f.alloc()
	for e := range t.nums {
		if e == 0 || len(t.kids[e]) > 0 {
			t.nums[e] = f.alloc()
		}
	}
	for e, num := range t.nums {
		if num != 0 {
			w.writeElem(f, t, int32(e), root, pageObjs)
		}
	}
	tree := f.alloc()
	var b []byte
	b = append(b, "<</Nums ["...)
	for p, mcids := range w.mcids {
		b = strconv.AppendInt(b, int64(p), 10)
		b = append(b, " ["...)
		for m, e := range mcids {
			if m > 0 {
				b = append(b, ' ')
			}
			b = append(b, ref(t.nums[e])...)
		}
		b = append(b, "] "...)
	}
	for k := range w.links {
		b = strconv.AppendInt(b, int64(len(w.mcids)+k), 10)
		b = append(b, ' ')
		b = append(b, ref(t.nums[len(w.doc.Elems)+k])...)
		b = append(b, ' ')
	}
	b = append(b[:len(b)-1], "]>>"...)
	f.objectBytes(tree, b)
	f.object(root, "<</Type /StructTreeRoot /K ["+ref(t.nums[0])+"] /ParentTree "+ref(tree)+
		" /ParentTreeNextKey "+strconv.Itoa(len(w.mcids)+len(w.links))+">>")
	return root
}

// writeElem writes element e.
func (w *writer) writeElem(f *file, t *structTree, e int32, root int, pageObjs []int) {
	b := f.build()
	b = append(b, "<</S /"+w.roles[e]+" /P "...)
	if e == 0 {
		b = append(b, ref(root)...)
	} else {
		b = append(b, ref(t.nums[w.parent(e)])...)
	}
	pg := t.pages[e]
	if pg >= 0 {
		b = append(b, " /Pg "+ref(pageObjs[pg])...)
	}
	b = w.elemAttrs(b, e)
	kids := t.kids[e]
	b = append(b, " /K "...)
	if len(kids) > 1 {
		b = append(b, '[')
	}
	for k, kid := range kids {
		if k > 0 {
			b = append(b, ' ')
		}
		switch {
		case kid.elem >= 0:
			b = append(b, ref(t.nums[kid.elem])...)
		case kid.annot != 0 && int(kid.page) == pg:
			b = append(b, "<</Type /OBJR /Obj "+ref(kid.annot)+">>"...)
		case kid.annot != 0:
			b = append(b, "<</Type /OBJR /Obj "+ref(kid.annot)+" /Pg "+ref(pageObjs[kid.page])+">>"...)
		case int(kid.page) == pg:
			b = strconv.AppendInt(b, int64(kid.mcid), 10)
		default:
			b = append(b, "<</Type /MCR /Pg "+ref(pageObjs[kid.page])+" /MCID "...)
			b = strconv.AppendInt(b, int64(kid.mcid), 10)
			b = append(b, ">>"...)
		}
	}
	if len(kids) > 1 {
		b = append(b, ']')
	}
	b = append(b, ">>"...)
	f.objectBytes(t.nums[e], b)
	f.built(b)
}

// elemAttrs appends what element e has besides its kids: alternative
// text, language, a header cell's scope.
func (w *writer) elemAttrs(b []byte, e int32) []byte {
	if int(e) >= len(w.doc.Elems) {
		return b // a link: its description is the annotation's
	}
	el := &w.doc.Elems[e]
	if el.Alt != "" {
		b = append(b, " /Alt "...)
		b = appendText(b, el.Alt)
	}
	if el.Lang != "" {
		b = append(b, " /Lang ("+el.Lang+")"...)
	}
	if el.Scope != "" && slices.Contains([]string{"Row", "Column", "Both"}, el.Scope) {
		b = append(b, " /A <</O /Table /Scope /"+el.Scope+">>"...)
	}
	return b
}
