package build

import (
	"fmt"
	"sync"

	"bookc/ast"
	"bookc/backends/pdf"
	"bookc/diag"
	"bookc/link"
)

// printed lays the handbook out at most once per build: the PDF is
// written from it, and the EPUB's page list follows its pagination, so
// the e-book depends on the print layout through build and not on the
// PDF backend's insides. The EPUB waits for the layout when it needs the
// page list; the layout's own diagnostics go with the PDF alone.
type printed struct {
	once sync.Once
	p    *pdf.Printed
	ds   diag.List
}

// get lays the book out, once.
func (pr *printed) get(b *Book) (*pdf.Printed, diag.List) {
	pr.once.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				pr.p = nil
				pr.ds.Errorf(ast.Pos{File: "pdf"}, "internal error while laying out (please report it with the input): %v", r)
			}
		}()
		pr.p, pr.ds = pdf.Lay(b.Doc, b.Links, b.Config)
	})
	return pr.p, pr.ds
}

// pages returns the printed pages for the EPUB's page list, or nil when
// book.yaml turns the list off. A handbook that cannot be laid out gives
// no page list and a warning.
func (pr *printed) pages(b *Book) ([]link.PrintPage, diag.List) {
	var ds diag.List
	if pl := b.Config.EPUB.PageList; pl != nil && !*pl {
		return nil, ds
	}
	p, lds := pr.get(b)
	if p == nil {
		ds.Warnf(b.Config.Pos("epub"), "the EPUB has no page list: the printed edition could not be laid out (%s)", firstError(lds))
		return nil, ds
	}
	return p.Pages(), ds
}

func firstError(ds diag.List) string {
	for _, d := range ds {
		if d.Severity == diag.Error {
			return fmt.Sprintf("%s: %s", d.Pos, d.Msg)
		}
	}
	return "no reason given"
}

// renderPDF writes the PDF from the shared layout.
func renderPDF(b *Book, pr *printed) ([]byte, diag.List, error) {
	p, ds := pr.get(b)
	if p == nil {
		return nil, ds, nil
	}
	data, wds, err := p.Write()
	return data, append(ds, wds...), err
}
