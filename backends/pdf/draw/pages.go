package draw

import (
	"strconv"
	"strings"
	"time"

	"bookc/backends/pdf/page"
)

// writer holds one document being drawn.
type writer struct {
	doc      *page.Doc
	cache    *Cache    // nil for none
	used     []runeSet // runes drawn with each face
	anchors  map[string]anchorTarget
	annots   [][]linkAnnot // link areas by page, nil if there are none
	images   []*xobject    // distinct images in order of first use
	imageRes [][]string    // resource name of each page's images
	problems []Problem
	missing  map[missingKey]*missingRune
	contents [][]byte // compressed content stream of each page
	refs     []byte   // a page's annotation references, see writePage

	// For a tagged document (see tags.go): the role of each structure
	// element, the document's and then one Link per link annotation; the
	// element of each text, by page; the element of each marked-content
	// id, by page.
	roles      []string
	mcids      [][]int32
	imageMCIDs []int // per page: how many of its MCIDs, the first, are images'
	links      []linkElem
	spans      []spanElem
	spanRects  [][]linkAnnot // each page's span areas, as link areas are kept
	spanFirst  []int         // the index of each page's first span
}

// objects are the numbers of the objects every document has.
type objects struct {
	catalog, pages, resources, info, meta int
	firstPage                             int // page i is firstPage+2i, its contents the next
	firstFont                             int // face i's objects start at firstFont+fontObjects*i
}

// drawPages writes the content streams of all pages on a pool of
// canvases.
func (w *writer) drawPages() error {
	workers := w.startPool()
	for i := range w.doc.Pages {
		var res []string
		if w.imageRes != nil {
			res = w.imageRes[i]
		}
		j := pageJob{index: i, images: res}
		j.tagged = w.tagged()
		workers.jobs <- j
	}
	return workers.finish()
}

// assemble writes every object after the header and returns the file.
func (w *writer) assemble(f *file, date time.Time) ([]byte, error) {
	o := objects{catalog: f.alloc(), pages: f.alloc(), resources: f.alloc(), info: f.alloc(), meta: f.alloc()}
	o.firstPage = f.allocN(2 * len(w.doc.Pages))
	o.firstFont = f.allocN(fontObjects * len(w.doc.Faces))
	pageObjs := make([]int, len(w.doc.Pages))
	for i := range pageObjs {
		pageObjs[i] = o.firstPage + 2*i
	}
	w.writeImages(f)
	f.object(o.resources, w.resources(o))
	for i := range w.doc.Pages {
		w.writePage(f, o, i, pageObjs)
	}
	w.contents = nil
	for i := range w.doc.Faces {
		if err := w.writeFont(f, i, o.firstFont+fontObjects*i); err != nil {
			f.writeObjStms() // lets the compressors end
			return nil, err
		}
	}
	outline := w.writeOutline(f, pageObjs)
	structRoot := 0
	if w.tagged() {
		structRoot = w.writeStructure(f, pageObjs)
	}
	var kids strings.Builder
	for i, num := range pageObjs {
		if i > 0 {
			kids.WriteByte(' ')
		}
		kids.WriteString(ref(num))
	}
	f.object(o.pages, "<</Type /Pages /Kids ["+kids.String()+"] /Count "+strconv.Itoa(len(pageObjs))+">>")
	f.object(o.info, w.infoDict(date))
	f.stream(o.meta, "/Type /Metadata /Subtype /XML", w.xmp(date))
	f.object(o.catalog, w.catalog(o, outline, structRoot))
	return f.finish(o.catalog, o.info), nil
}

// resources returns the resource dictionary all pages share.
func (w *writer) resources(o objects) string {
	var b strings.Builder
	b.WriteString("<</ProcSet [/PDF /Text /ImageB /ImageC]")
	if len(w.doc.Faces) > 0 {
		b.WriteString(" /Font <<")
		for i := range w.doc.Faces {
			b.WriteString(fontAlias(i) + " " + ref(o.firstFont+fontObjects*i))
		}
		b.WriteString(">>")
	}
	if len(w.images) > 0 {
		b.WriteString(" /XObject <<")
		for _, x := range w.images {
			b.WriteString(x.res + " " + ref(x.num))
		}
		b.WriteString(">>")
	}
	b.WriteString(">>")
	return b.String()
}

// fontAlias is the resource name under which the content streams use
// face i.
func fontAlias(i int) string { return "/F" + strconv.Itoa(i+1) }

// writePage writes page i's contents, annotations and dictionary.
func (w *writer) writePage(f *file, o objects, i int, pageObjs []int) {
	num := pageObjs[i]
	f.zlibStream(num+1, "/Filter /FlateDecode", w.contents[i])
	var annots []linkAnnot
	if w.annots != nil {
		annots = w.annots[i]
	}
	refs := w.writeAnnots(f, annots, pageObjs, w.refs[:0])
	w.refs = refs
	b := append(f.build(), "<</Type /Page /Parent "...)
	b = appendRef(b, o.pages)
	b = append(b, " /MediaBox [0 0 "...)
	b = appendMilli(b, milli(w.doc.Width))
	b = append(b, ' ')
	b = appendMilli(b, milli(w.doc.Height))
	b = append(b, "] /Resources "...)
	b = appendRef(b, o.resources)
	b = append(b, " /Contents "...)
	b = appendRef(b, num+1)
	if len(refs) > 0 {
		b = append(b, " /Annots ["...)
		b = append(b, refs...)
		b = append(b, ']')
	}
	if w.tagged() {
		b = append(b, " /StructParents "...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, " /Tabs /S"...)
	}
	b = append(b, ">>"...)
	f.objectBytes(num, b)
	f.built(b)
}

// catalog returns the document catalog.
func (w *writer) catalog(o objects, outline, structRoot int) string {
	var b strings.Builder
	b.WriteString("<</Type /Catalog /Pages " + ref(o.pages) + " /Metadata " + ref(o.meta))
	if outline != 0 {
		b.WriteString(" /Outlines " + ref(outline) + " /PageMode /UseOutlines")
	}
	if labels := pageLabels(w.doc.Pages); labels != "" {
		b.WriteString(" /PageLabels " + labels)
	}
	if lang := w.doc.Meta.Lang; lang != "" {
		b.WriteString(" /Lang (" + lang + ")")
	}
	b.WriteString(" /ViewerPreferences <</DisplayDocTitle true>>")
	if structRoot != 0 {
		b.WriteString(" /MarkInfo <</Marked true>> /StructTreeRoot " + ref(structRoot))
	}
	b.WriteString(">>")
	return b.String()
}
