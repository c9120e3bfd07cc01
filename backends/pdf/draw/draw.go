// Package draw turns a finished page model (package page) into PDF bytes.
// Every text run, rule, box, image and link area is placed exactly where
// the layout put it; nothing is broken, justified or measured here.
//
// fpdf builds the document around the pages: fonts and their subsets,
// images, outline and information. The pages' content streams are
// written here, compressed as each page is done, and put in place of
// fpdf's (empty) ones when the file is finished; the link annotations
// are added to the page dictionaries then.
//
// Output is byte-reproducible: the same page.Doc always yields the same
// bytes. Fonts are embedded as TrueType subsets.
package draw

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"bookc/backends/pdf/page"

	"codeberg.org/go-pdf/fpdf"
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
// fpdf cannot read, an outline out of reading order.
func WriteChecked(doc *page.Doc) (out []byte, problems []Problem, err error) {
	defer func() {
		// fpdf indexes font and image data without bounds checks.
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("pdf: fpdf failed: %v", r)
		}
	}()
	if err := validate(doc); err != nil {
		return nil, nil, err
	}
	w := newWriter(doc)
	if err := w.setup(); err != nil {
		return nil, w.problems, err
	}
	if err := w.drawPages(); err != nil {
		return nil, w.problems, err
	}
	if err := w.registerRunes(); err != nil {
		return nil, w.problems, err
	}
	if err := w.pdf.Error(); err != nil {
		return nil, w.problems, fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := w.pdf.Output(&buf); err != nil {
		return nil, w.problems, fmt.Errorf("pdf: %w", err)
	}
	out, err = w.finish(buf.Bytes())
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

// newWriter prepares an fpdf canvas of the document's page size with
// margins, automatic page breaks and the clock switched off.
func newWriter(doc *page.Doc) *writer {
	pdf := fpdf.NewCustom(&fpdf.InitType{
		UnitStr: "pt",
		Size:    fpdf.SizeType{Wd: doc.Width, Ht: doc.Height},
	})
	pdf.SetMargins(0, 0, 0)
	pdf.SetCellMargin(0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCompression(false) // finish compresses what fpdf writes
	pdf.SetCatalogSort(true)
	return &writer{
		doc:     doc,
		pdf:     pdf,
		missing: make(map[missingKey]*missingRune),
	}
}

// setup writes the document information and registers faces and link
// targets.
func (w *writer) setup() error {
	w.setMeta()
	if err := w.addFaces(); err != nil {
		return err
	}
	w.addLinkTargets()
	return w.pdf.Error()
}

// setMeta fills the information dictionary and the catalog's /Lang. The
// dates come from the document, never from the clock.
func (w *writer) setMeta() {
	m := w.doc.Meta
	// fpdf writes an empty field as a lone byte order mark; skip those.
	for _, f := range []struct {
		set func(string, bool)
		s   string
	}{
		{w.pdf.SetTitle, m.Title},
		{w.pdf.SetAuthor, m.Author},
		{w.pdf.SetSubject, m.Subject},
		{w.pdf.SetKeywords, m.Keywords},
		{w.pdf.SetCreator, Creator},
	} {
		if f.s != "" {
			f.set(sanitize(f.s), true)
		}
	}
	date := m.Date
	if date.IsZero() {
		date = time.Unix(0, 0).UTC()
		w.problem(0, "document has no date; using 1970-01-01 for the creation and modification dates")
	}
	w.pdf.SetCreationDate(date)
	w.pdf.SetModificationDate(date)
	if m.Lang != "" {
		w.pdf.SetLang(m.Lang)
	}
}

// problem records a Problem.
func (w *writer) problem(pageNo int, format string, args ...any) {
	w.problems = append(w.problems, Problem{Page: pageNo, Msg: fmt.Sprintf(format, args...)})
}
