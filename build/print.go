package build

import (
	"fmt"

	"bookc/backends/pdf"
	"bookc/diag"
	"bookc/link"
)

// printPages returns the printed pages for the EPUB's page list, or nil
// when book.yaml turns the list off. The handbook is laid out once per
// book (pdf.Laid): the PDF is written from the same layout, so the e-book
// depends on the print layout through build and not on the PDF backend's
// insides. A handbook that cannot be laid out gives no page list and a
// warning; the layout's own diagnostics go with the PDF alone.
func printPages(b *Book) ([]link.PrintPage, diag.List) {
	var ds diag.List
	if pl := b.Config.EPUB.PageList; pl != nil && !*pl {
		return nil, ds
	}
	p, lds := pdf.Laid(b)
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
