package draw

import (
	"slices"
	"strconv"

	"bookc/backends/pdf/page"
)

// Link areas are kept in a compact form until the file is assembled;
// each becomes a link annotation object then.

// anchorTarget is where an anchor lies: a page and a height on it, in
// thousandths of a point from the bottom of the page.
type anchorTarget struct {
	page int // 0-based index
	y    int64
}

// linkAnnot is one link area: a rectangle in PDF user space, in
// thousandths of a point, and either a target in the document or a URI.
type linkAnnot struct {
	x1, y1, x2, y2 int64
	dest           anchorTarget // used when uri is ""
	uri            string
	link           int // 1-based index into writer.links, 0 if untagged
}

// addLinkTargets records where each anchor lies before any page is
// drawn, so links may point forward. The first anchor of an id wins.
func (w *writer) addLinkTargets() {
	w.anchors = make(map[string]anchorTarget)
	height := milli(w.doc.Height)
	for i, p := range w.doc.Pages {
		for _, a := range p.Anchors {
			if _, dup := w.anchors[a.ID]; dup {
				w.problem(i+1, "anchor %q defined again; links go to the first one", a.ID)
				continue
			}
			w.anchors[a.ID] = anchorTarget{page: i, y: height - milli(a.Y)}
		}
	}
}

// addLinks keeps the link areas of page n. Internal links to anchors
// that do not exist are skipped.
func (w *writer) addLinks(n int, links []page.Link) {
	if len(links) == 0 {
		return
	}
	height := milli(w.doc.Height)
	annots := make([]linkAnnot, 0, len(links))
	for _, l := range links {
		a := linkAnnot{
			x1: milli(l.X), y1: height - milli(l.Y+l.H),
			x2: milli(l.X + l.W), y2: height - milli(l.Y),
		}
		switch {
		case (l.Dest == "") == (l.URL == ""):
			w.problem(n, "link at (%g, %g) needs exactly one of Dest and URL (Dest %q, URL %q); skipped",
				l.X, l.Y, l.Dest, l.URL)
			continue
		case l.URL != "":
			a.uri = safeURI(l.URL)
		default:
			t, ok := w.anchors[l.Dest]
			if !ok {
				w.problem(n, "link to %q: no such anchor; skipped", l.Dest)
				continue
			}
			a.dest = t
		}
		annots = append(annots, a)
	}
	if len(annots) > 0 {
		if w.annots == nil {
			w.annots = make([][]linkAnnot, len(w.doc.Pages))
		}
		w.annots[n-1] = slices.Clip(annots)
	}
}

// writeAnnots writes the link annotations of a page and appends the
// references to them for its /Annots array to refs; pageObjs holds the
// object number of each page.
func (w *writer) writeAnnots(f *file, annots []linkAnnot, pageObjs []int, refs []byte) []byte {
	for i := range annots {
		a := &annots[i]
		num := f.alloc()
		if i > 0 {
			refs = append(refs, ' ')
		}
		refs = appendRef(refs, num)
		b := append(f.build(), "<</Subtype /Link /Rect ["...)
		for k, v := range [4]int64{a.x1, a.y1, a.x2, a.y2} {
			if k > 0 {
				b = append(b, ' ')
			}
			b = appendMilli(b, v)
		}
		b = append(b, "] /Border [0 0 0]"...)
		if a.link > 0 {
			le := &w.links[a.link-1]
			le.obj = num
			b = append(b, " /StructParent "...)
			b = strconv.AppendInt(b, int64(len(w.doc.Pages)+a.link-1), 10)
			desc := le.text
			if desc == "" {
				desc = a.uri
			}
			if desc != "" {
				b = append(b, " /Contents "...)
				b = appendText(b, desc)
			}
		}
		if a.uri != "" {
			b = append(b, " /A <</S /URI /URI ("...)
			b = appendEscaped(b, a.uri)
			b = append(b, ")>>"...)
		} else {
			b = append(b, " /Dest ["...)
			b = strconv.AppendInt(b, int64(pageObjs[a.dest.page]), 10)
			b = append(b, " 0 R /XYZ 0 "...)
			b = appendMilli(b, a.dest.y)
			b = append(b, " null]"...)
		}
		b = append(b, ">>"...)
		f.objectBytes(num, b)
		f.built(b)
	}
	return refs
}

// appendEscaped appends s to a literal string, escaping parentheses and
// backslashes.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, c)
		}
	}
	return b
}
