// Package draw turns a finished page model (package page) into PDF bytes.
// Every text run, rule, box, image and link area is placed exactly where
// the layout put it; nothing is broken, justified or measured here.
//
// The file is written here from start to end: the objects, their
// cross-reference table, the content streams (drawn and compressed
// page by page on as many goroutines as there are processors), the
// fonts as glyph subsets, the images, link annotations, outline, page
// labels and metadata.
//
// Output is byte-reproducible: the same page.Doc always yields the same
// bytes.
package draw

import (
	"errors"
	"fmt"
	"slices"

	"bookc/backends/pdf/page"
)

// Creator is written to the document information's /Creator entry.
const Creator = "bookc"

// Problem is something in the page model that could not be drawn as
// given. The rest of the document is still written.
type Problem struct {
	Page int    // 1-based page number, 0 for the document as a whole
	Msg  string // what went wrong
}

// String formats the problem with its page number, if any.
func (p Problem) String() string {
	if p.Page == 0 {
		return p.Msg
	}
	return fmt.Sprintf("page %d: %s", p.Page, p.Msg)
}

// Write draws doc and returns the PDF. Problems that do not prevent
// writing (see WriteChecked) are dropped.
func Write(doc *page.Doc) ([]byte, error) {
	b, _, err := WriteChecked(doc)
	return b, err
}

// WriteChecked draws doc and returns the PDF together with the problems
// found on the way: links to anchors that do not exist, runes a face has
// no glyph for, text that is not valid UTF-8 or lies beyond the Basic
// Multilingual Plane (text is encoded as 16-bit codes), rules without
// width and similar. Such items are skipped or drawn with a replacement
// character. Errors are reserved for things that make the whole document
// wrong: an invalid page size, a face index out of range, a font or image
// that cannot be read, an outline out of reading order.
func WriteChecked(doc *page.Doc) (out []byte, problems []Problem, err error) {
	return WriteCheckedWith(doc, nil)
}

// WriteCheckedWith is WriteChecked with a cache of the streams of the
// document drawn before, which saves compressing again what has not
// changed; the bytes written are the same as without it. A nil cache
// keeps nothing.
func WriteCheckedWith(doc *page.Doc, cache *Cache) (out []byte, problems []Problem, err error) {
	if err := validate(doc); err != nil {
		return nil, nil, err
	}
	cache.begin(doc.Faces)
	defer cache.end()
	w := &writer{doc: doc, cache: cache, missing: make(map[missingKey]*missingRune), used: make([]runeSet, len(doc.Faces))}
	date := w.date()
	w.addLinkTargets()
	for i, p := range doc.Pages {
		w.addLinks(i+1, p.Links)
	}
	if err := w.prepareTags(); err != nil {
		return nil, w.problems, err
	}
	f := newFile(0)
	f.cache = cache
	if err := w.loadImages(f); err != nil {
		return nil, w.problems, err
	}
	if err := w.drawPages(); err != nil {
		return nil, w.problems, err
	}
	// The objects besides the pages' contents, most of them structure
	// elements, take about 20 bytes each once compressed.
	size := 1<<20 + 24*len(w.roles)
	for _, c := range w.contents {
		size += len(c) + 200
	}
	f.b = append(make([]byte, 0, size), f.b...)
	f.locs = slices.Grow(f.locs, len(w.roles)+len(w.links)+4*len(doc.Pages)+len(doc.Outline)+1024)
	out, err = w.assemble(f, date)
	if err != nil {
		return nil, w.problems, err
	}
	w.reportMissing()
	return out, w.problems, nil
}

// validate rejects documents that cannot be drawn at all.
func validate(doc *page.Doc) error {
	switch {
	case doc == nil:
		return errors.New("pdf: no document")
	case !(doc.Width > 0 && doc.Height > 0):
		return fmt.Errorf("pdf: invalid page size %gx%g", doc.Width, doc.Height)
	case len(doc.Pages) == 0:
		return errors.New("pdf: document has no pages")
	}
	for i, f := range doc.Faces {
		if f == nil {
			return fmt.Errorf("pdf: face %d is nil", i)
		}
	}
	for i, p := range doc.Pages {
		if p == nil {
			return fmt.Errorf("pdf: page %d is nil", i+1)
		}
		for _, t := range p.Texts {
			if t.Face < 0 || t.Face >= len(doc.Faces) {
				return fmt.Errorf("pdf: page %d: text %q uses face %d, but the document has %d faces",
					i+1, t.Text, t.Face, len(doc.Faces))
			}
		}
	}
	if err := checkLang(doc.Meta.Lang); err != nil {
		return err
	}
	return checkOutline(doc)
}

// problem records a Problem.
func (w *writer) problem(pageNo int, format string, args ...any) {
	w.problems = append(w.problems, Problem{Page: pageNo, Msg: fmt.Sprintf(format, args...)})
}
