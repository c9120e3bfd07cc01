package draw

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

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
	page   int     // 0-based page index
	parent int32   // the element of the link's text
	text   string  // the link's text, for the annotation's /Contents
	end    float64 // where the last piece of it ends
	obj    int     // the annotation's object number, once written
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
	links, spans := 0, 0
	for i, p := range w.doc.Pages {
		if w.annots != nil {
			links += len(w.annots[i])
		}
		spans += len(p.Spans)
	}
	w.roles = make([]string, n, n+links+spans)
	for i, e := range w.doc.Elems {
		w.roles[i] = e.Role
	}
	w.links = make([]linkElem, 0, links)
	w.mcids = make([][]int32, len(w.doc.Pages))
	w.imageMCIDs = make([]int, len(w.doc.Pages))
	for i, p := range w.doc.Pages {
		for _, t := range p.Texts {
			if int(t.Elem) >= n || t.Elem < -2 {
				return fmt.Errorf("pdf: page %d: text %q belongs to element %d of %d", i+1, t.Text, t.Elem, n)
			}
		}
		for _, im := range p.Images {
			if int(im.Elem) >= n || im.Elem < -2 {
				return fmt.Errorf("pdf: page %d: image %q belongs to element %d of %d", i+1, im.Name, im.Elem, n)
			}
		}
		if w.annots == nil {
			continue
		}
		for k := range w.annots[i] {
			w.roles = append(w.roles, "Link")
			w.links = append(w.links, linkElem{page: i})
			w.annots[i][k].link = len(w.links)
		}
	}
	return w.prepareSpans()
}

// spanElem is the Span element of a part of a page in another language.
type spanElem struct {
	lang   string
	parent int32 // the element of its text
}

// prepareSpans makes a Span element for every area of a page in
// another language, after the Link elements.
func (w *writer) prepareSpans() error {
	height := milli(w.doc.Height)
	w.spanRects = make([][]linkAnnot, len(w.doc.Pages))
	w.spanFirst = make([]int, len(w.doc.Pages))
	for i, p := range w.doc.Pages {
		w.spanFirst[i] = len(w.spans)
		for _, s := range p.Spans {
			if err := checkLang(s.Lang); err != nil || s.Lang == "" {
				return fmt.Errorf("pdf: page %d: span language %q is not a BCP 47 tag", i+1, s.Lang)
			}
			w.roles = append(w.roles, "Span")
			w.spans = append(w.spans, spanElem{lang: s.Lang})
			w.spanRects[i] = append(w.spanRects[i], linkAnnot{x1: milli(s.X), y1: height - milli(s.Y+s.H),
				x2: milli(s.X + s.W), y2: height - milli(s.Y)})
		}
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

// textCut is a text of a page cut at the edges of link areas.
type textCut struct {
	index  int // into the page's texts
	pieces []linkPiece
}

// cutBuf holds the cuts and pieces of one page and the text of its
// links being collected; a worker reuses it from page to page.
type cutBuf struct {
	cuts     []textCut
	pieces   []linkPiece
	raw, all []byte
	ends     []int
	order    []pieceRef

	// The link areas on the line of the text cut last: its baseline and
	// the areas' indices, see cutAtLinks.
	lineY     int64
	lineLinks []int
	lineOK    bool
}

// linkTexts fills in the Link elements of page i's annotations: the
// glyphs whose middle lies in a link's area become its content. A text
// that runs into or out of a link area is cut there into pieces, which
// are drawn where the whole text would have been; linkTexts returns the
// texts cut, in order. It runs while the pages are drawn and writes only
// the page's own Link elements. The cuts live in buf until the next call.
func (w *writer) linkTexts(i int, buf *cutBuf) []textCut {
	var annots []linkAnnot
	if w.annots != nil {
		annots = w.annots[i]
	}
	nlinks := len(annots)
	if len(w.spanRects[i]) > 0 {
		annots = append(slices.Clip(annots), w.spanRects[i]...)
	}
	if len(annots) == 0 {
		return nil
	}
	p := w.doc.Pages[i]
	height := milli(w.doc.Height)
	cuts := buf.cuts[:0]
	buf.pieces = buf.pieces[:0]
	buf.lineOK = false
	for k := range p.Texts {
		t := &p.Texts[k]
		pieces := w.cutAtLinks(t, annots, height, buf)
		if pieces == nil {
			continue
		}
		for j := range pieces {
			pc := &pieces[j]
			if pc.link < 0 || t.Elem <= 0 {
				pc.elem = t.Elem
				continue
			}
			if pc.link >= nlinks {
				k := w.spanFirst[i] + pc.link - nlinks
				if w.spans[k].parent == 0 {
					w.spans[k].parent = t.Elem
				}
				pc.elem = int32(len(w.doc.Elems) + len(w.links) + k)
				continue
			}
			le := &w.links[annots[pc.link].link-1]
			if le.parent == 0 {
				le.parent = t.Elem
			}
			pc.elem = int32(len(w.doc.Elems) + annots[pc.link].link - 1)
		}
		cuts = append(cuts, textCut{index: k, pieces: pieces})
	}
	buf.cuts = cuts
	w.collectLinkTexts(p, annots[:nlinks], buf)
	return cuts
}

// collectLinkTexts sets the text of each of the page's links to that of
// its pieces in buf.cuts, in order, with a space between two pieces
// apart by more than a point and the spaces then collapsed. The texts
// of a page share one string.
func (w *writer) collectLinkTexts(p *page.Page, annots []linkAnnot, buf *cutBuf) {
	order := buf.order[:0]
	for ci, c := range buf.cuts {
		if p.Texts[c.index].Elem <= 0 {
			continue
		}
		for j := range c.pieces {
			if l := c.pieces[j].link; l >= 0 && l < len(annots) {
				order = append(order, pieceRef{link: int32(l), cut: int32(ci), piece: int32(j)})
			}
		}
	}
	slices.SortStableFunc(order, func(a, b pieceRef) int { return cmp.Compare(a.link, b.link) })
	all, ends := buf.all[:0], buf.ends[:0]
	at := 0
	for k := range annots {
		raw, end := buf.raw[:0], 0.0
		for ; at < len(order) && int(order[at].link) == k; at++ {
			c := &buf.cuts[order[at].cut]
			t, pc := &p.Texts[c.index], &c.pieces[order[at].piece]
			if len(raw) > 0 && pc.text.X > end+1 {
				raw = append(raw, ' ')
			}
			raw = append(raw, pc.text.Text...)
			end = pc.text.X + w.doc.Faces[t.Face].UnkernedWidth(pc.text.Text, t.Size)*hscale(t)
		}
		all = appendFields(all, raw)
		ends = append(ends, len(all))
		buf.raw = raw
	}
	text := string(all)
	start := 0
	for k := range annots {
		w.links[annots[k].link-1].text = text[start:ends[k]]
		start = ends[k]
	}
	buf.all, buf.ends, buf.order = all, ends, order
}

// pieceRef is a piece of a link's text in a cutBuf.
type pieceRef struct{ link, cut, piece int32 }

// appendFields appends the words of s, as strings.Fields splits them,
// with one space between two.
func appendFields(b, s []byte) []byte {
	first := true
	for i := 0; i < len(s); {
		for i < len(s) {
			r, n := rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRune(s[i:])
			}
			if !unicode.IsSpace(r) {
				break
			}
			i += n
		}
		start := i
		for i < len(s) {
			r, n := rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRune(s[i:])
			}
			if unicode.IsSpace(r) {
				break
			}
			i += n
		}
		if i > start {
			if !first {
				b = append(b, ' ')
			}
			b = append(b, s[start:i]...)
			first = false
		}
	}
	return b
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
	link int   // index into the page's annotations, -1 for none
	elem int32 // the piece's structure element
}

// cutAtLinks returns the pieces of t by the link area each glyph's
// middle lies in, or nil if no glyph lies in one. The pieces are
// appended to buf.pieces.
func (w *writer) cutAtLinks(t *page.Text, annots []linkAnnot, height int64, buf *cutBuf) []linkPiece {
	y := height - milli(t.Y)
	f := w.doc.Faces[t.Face]
	hs := hscale(t)
	left, right, measured := milli(t.X), int64(0), false
	if !buf.lineOK || buf.lineY != y {
		buf.lineY, buf.lineOK, buf.lineLinks = y, true, buf.lineLinks[:0]
		for k := range annots {
			if a := &annots[k]; y >= a.y1 && y <= a.y2 {
				buf.lineLinks = append(buf.lineLinks, k)
			}
		}
	}
	var nearBuf [8]int
	near := nearBuf[:0]
	for _, k := range buf.lineLinks {
		a := &annots[k]
		if left >= a.x2 {
			continue
		}
		if !measured { // only texts on a link's line are measured
			right, measured = milli(t.X+f.UnkernedWidth(t.Text, t.Size)*hs), true
		}
		if right > a.x1 {
			near = append(near, k)
		}
	}
	if len(near) == 0 {
		return nil
	}
	first := len(buf.pieces)
	pieces := buf.pieces
	if a := &annots[near[0]]; len(near) == 1 && left >= a.x1 && right <= a.x2 {
		buf.pieces = append(pieces, linkPiece{text: *t, link: near[0]}) // wholly inside
		return buf.pieces[first:len(buf.pieces):len(buf.pieces)]
	}
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
	if len(pieces) == first+1 && pieces[first].link < 0 {
		return nil
	}
	buf.pieces = pieces
	return pieces[first:len(pieces):len(pieces)]
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

// structTree is the tree as it is written. The kids of all elements
// are in one list, each element's chained from first to last by next.
type structTree struct {
	kids        []structKid
	next        []int32 // the next kid of the same element, -1 at the end
	first, last []int32 // each element's first and last kid, -1 for none
	nums        []int   // object number of each element, 0 if left out
	pages       []int   // the page of each element's first content, -1 if none
	attached    []bool
	w           *writer
}

// addKid appends kid k to element e.
func (t *structTree) addKid(e int32, k structKid) {
	i := int32(len(t.kids))
	t.kids = append(t.kids, k)
	t.next = append(t.next, -1)
	if t.first[e] < 0 {
		t.first[e] = i
	} else {
		t.next[t.last[e]] = i
	}
	t.last[e] = i
}

// attach makes e a kid of its parent, attaching the parent first, unless
// it is attached.
func (t *structTree) attach(e int32) {
	if t.attached[e] {
		return
	}
	t.attached[e] = true
	p := t.w.parent(e)
	t.attach(p)
	t.addKid(p, structKid{elem: e})
}

// add gives element e a piece of content.
func (t *structTree) add(e int32, k structKid) {
	t.attach(e)
	t.addKid(e, k)
	if t.pages[e] < 0 {
		t.pages[e] = int(k.page)
	}
}

// parent returns the parent of element e.
func (w *writer) parent(e int32) int32 {
	switch k := int(e) - len(w.doc.Elems); {
	case k < 0:
		return w.doc.Elems[e].Parent
	case k < len(w.links):
		return w.links[k].parent
	default:
		return w.spans[k-len(w.links)].parent
	}
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
	t := &structTree{w: w, nums: make([]int, n), pages: make([]int, n), first: make([]int32, n),
		last: make([]int32, n), attached: make([]bool, n)}
	for i := range n {
		t.pages[i], t.first[i], t.last[i] = -1, -1, -1
	}
	t.attached[0] = true
	size := n
	for _, m := range w.mcids {
		size += len(m)
	}
	t.kids, t.next = make([]structKid, 0, size+len(w.links)), make([]int32, 0, size+len(w.links))
	linkAt := 0
	for p, mcids := range w.mcids {
		// Images are drawn first but read where their element comes in
		// the order of elements.
		img := 0
		for m := w.imageMCIDs[p]; m < len(mcids); m++ {
			e := mcids[m]
			for ; img < w.imageMCIDs[p] && mcids[img] < w.textOrder(e); img++ {
				t.add(mcids[img], structKid{elem: -1, page: int32(p), mcid: int32(img)})
			}
			t.add(e, structKid{elem: -1, page: int32(p), mcid: int32(m)})
		}
		for ; img < w.imageMCIDs[p]; img++ {
			t.add(mcids[img], structKid{elem: -1, page: int32(p), mcid: int32(img)})
		}
		for ; linkAt < len(w.links) && w.links[linkAt].page == p; linkAt++ {
			le := &w.links[linkAt]
			t.add(int32(len(w.doc.Elems)+linkAt), structKid{elem: -1, page: int32(p), annot: le.obj})
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
		if e == 0 || t.first[e] >= 0 {
			t.nums[e] = f.alloc()
		}
	}
	for e, num := range t.nums {
		if num != 0 {
			w.writeElem(f, t, int32(e), root, pageObjs)
		}
	}
	tree := f.alloc()
	b := make([]byte, 0, 16*(len(t.kids)+len(w.mcids)))
	b = append(b, "<</Nums ["...)
	for p, mcids := range w.mcids {
		b = strconv.AppendInt(b, int64(p), 10)
		b = append(b, " ["...)
		for m, e := range mcids {
			if m > 0 {
				b = append(b, ' ')
			}
			b = appendRef(b, t.nums[e])
		}
		b = append(b, "] "...)
	}
	for k := range w.links {
		b = strconv.AppendInt(b, int64(len(w.mcids)+k), 10)
		b = append(b, ' ')
		b = appendRef(b, t.nums[len(w.doc.Elems)+k])
		b = append(b, ' ')
	}
	b = append(b[:len(b)-1], "]>>"...)
	f.objectBytes(tree, b)
	f.object(root, "<</Type /StructTreeRoot /K ["+ref(t.nums[0])+"] /ParentTree "+ref(tree)+
		" /ParentTreeNextKey "+strconv.Itoa(len(w.mcids)+len(w.links))+">>")
	return root
}

// writeElem writes element e. There are tens of thousands of elements,
// so they are written without the spaces a name needs none after.
func (w *writer) writeElem(f *file, t *structTree, e int32, root int, pageObjs []int) {
	b := f.build()
	b = append(b, "<</S/"...)
	b = append(b, w.roles[e]...)
	b = append(b, "/P "...)
	if e == 0 {
		b = appendRef(b, root)
	} else {
		b = appendRef(b, t.nums[w.parent(e)])
	}
	pg := t.pages[e]
	if pg >= 0 {
		b = append(b, "/Pg "...)
		b = appendRef(b, pageObjs[pg])
	}
	b = w.elemAttrs(b, e)
	b = append(b, "/K "...)
	many := t.next[t.first[e]] >= 0
	if many {
		b = append(b, '[')
	}
	for k := t.first[e]; k >= 0; k = t.next[k] {
		if k != t.first[e] {
			b = append(b, ' ')
		}
		kid := &t.kids[k]
		switch {
		case kid.elem >= 0:
			b = appendRef(b, t.nums[kid.elem])
		case kid.annot != 0:
			b = append(b, "<</Type/OBJR/Obj "...)
			b = appendRef(b, kid.annot)
			if int(kid.page) != pg {
				b = append(b, "/Pg "...)
				b = appendRef(b, pageObjs[kid.page])
			}
			b = append(b, ">>"...)
		case int(kid.page) == pg:
			b = strconv.AppendInt(b, int64(kid.mcid), 10)
		default:
			b = append(b, "<</Type/MCR/Pg "...)
			b = appendRef(b, pageObjs[kid.page])
			b = append(b, "/MCID "...)
			b = strconv.AppendInt(b, int64(kid.mcid), 10)
			b = append(b, ">>"...)
		}
	}
	if many {
		b = append(b, ']')
	}
	b = append(b, ">>"...)
	f.objectBytes(t.nums[e], b)
	f.built(b)
}

// elemAttrs appends what element e has besides its kids: alternative
// text, language, a header cell's scope.
func (w *writer) elemAttrs(b []byte, e int32) []byte {
	if k := int(e) - len(w.doc.Elems) - len(w.links); k >= 0 {
		return append(append(append(b, " /Lang ("...), w.spans[k].lang...), ')')
	}
	if int(e) >= len(w.doc.Elems) {
		return b // a link: its description is the annotation's
	}
	el := &w.doc.Elems[e]
	if el.Role == "Note" {
		// PDF/UA wants every note to have an identifier.
		b = append(b, " /ID (note"...)
		b = strconv.AppendInt(b, int64(e), 10)
		b = append(b, ')')
	}
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
