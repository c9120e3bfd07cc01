package epub

import (
	"strings"

	"bookc/ast"
	"bookc/backends/html"
	"bookc/config"
	"bookc/link"
)

// a11yFacts is what the accessibility metadata is computed from: what
// the rendered documents hold.
type a11yFacts struct {
	images    int  // content images (the cover not counted)
	noAlt     bool // some content image has no alt text
	pageList  bool // the page list of the printed edition is there
	langParts bool // some passage is marked with its own language
	index     bool // the generated index lists terms
}

// a11yFacts collects the facts after the documents are built.
func (b *book) a11yFacts() a11yFacts {
	return a11yFacts{images: len(b.media.list), noAlt: b.media.noAlt, pageList: len(b.pages) > 0,
		langParts: langParts(b.doc), index: len(b.links.Index()) > 0}
}

// langParts reports whether an entry, a section or a span carries a
// language of its own.
func langParts(doc *ast.Document) bool {
	for _, e := range doc.Entries {
		found := e.Attr.Lang() != ""
		for _, n := range e.Nodes() {
			switch x := n.(type) {
			case *ast.Section:
				found = found || x.Attr.Lang() != ""
			case *ast.Span:
				found = found || x.Attr.Lang() != ""
			}
		}
		if found {
			return true
		}
	}
	return false
}

// a11yMeta is the schema.org and EPUB Accessibility 1.1 metadata, as
// property–value pairs in the order they are written. Only what the
// content shows is claimed: visual access only when there are images,
// alternative text only when every image has it, page navigation only
// with the page list.
func a11yMeta(f a11yFacts, cfg *config.Book, w words) [][2]string {
	out := [][2]string{{"schema:accessMode", "textual"}}
	if f.images > 0 {
		out = append(out, [2]string{"schema:accessMode", "visual"})
	}
	if f.images == 0 || !f.noAlt {
		out = append(out, [2]string{"schema:accessModeSufficient", "textual"})
	}
	if f.images > 0 {
		out = append(out, [2]string{"schema:accessModeSufficient", "textual,visual"})
	}
	features := []string{"structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability", "ARIA"}
	if f.index {
		features = append(features, "index")
	}
	if f.images > 0 && !f.noAlt {
		features = append(features, "alternativeText")
	}
	if f.pageList {
		features = append(features, "pageNavigation", "printPageNumbers")
	}
	for _, v := range features {
		out = append(out, [2]string{"schema:accessibilityFeature", v})
	}
	out = append(out, [2]string{"schema:accessibilityHazard", "none"})
	out = append(out, [2]string{"schema:accessibilitySummary", summary(f, cfg, w)})
	return out
}

// summary is book.yaml's accessibility summary, else one that says what
// the book offers.
func summary(f a11yFacts, cfg *config.Book, w words) string {
	if s := strings.TrimSpace(cfg.EPUB.Accessibility.Summary); s != "" {
		return s
	}
	s := w.Summary
	switch {
	case f.images > 0 && f.noAlt:
		s += w.NoAlt
	case f.images > 0:
		s += w.AllAlt
	}
	if f.pageList {
		s += w.PrintPages
	}
	if f.langParts {
		s += w.Parts
	}
	return s
}

// claim writes the conformance claim and its certifier, when book.yaml
// makes one and the content does not contradict it: an image without alt
// text fails WCAG 1.1.1, so then no claim is written and the author is
// told.
func (b *book) claim(w *html.Writer, f a11yFacts) {
	a := b.cfg.EPUB.Accessibility
	if a.ConformsTo.Value == "" {
		return
	}
	if f.noAlt {
		b.ds.Warnf(b.cfg.Pos("epub"), "epub.accessibility.conforms-to is not written: an image has no alt text (see the warning at the image)")
		return
	}
	w.Raw(`<meta property="dcterms:conformsTo">`)
	w.Text(a.ConformsTo.Value)
	w.Raw("</meta>\n")
	if a.CertifiedBy == "" {
		return
	}
	w.Raw(`<meta property="a11y:certifiedBy" id="certifier">`)
	w.Text(a.CertifiedBy)
	w.Raw("</meta>\n")
	if a.Credential != "" {
		w.Raw(`<meta property="a11y:certifierCredential" refines="#certifier">`)
		w.Text(a.Credential)
		w.Raw("</meta>\n")
	}
	if a.Report != "" {
		if u, ok := link.URL(a.Report); ok {
			w.Raw(`<link rel="a11y:certifierReport" refines="#certifier"`)
			w.Attr("href", u)
			w.Raw("/>\n")
		}
	}
}

// publishing writes publisher, rights, the e-book's ISBN and, with a page
// list, the printed edition it follows.
func (b *book) publishing(w *html.Writer, f a11yFacts) {
	el := func(tag, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		w.Raw("<", tag, ">")
		w.Text(value)
		w.Raw("</", tag, ">\n")
	}
	el("dc:publisher", b.cfg.Publisher)
	el("dc:rights", b.cfg.Rights)
	if isbn, ok := config.NormalISBN(b.cfg.ISBN.EBook.Value); ok {
		el("dc:identifier", "urn:isbn:"+isbn)
	}
	if !f.pageList {
		return
	}
	src := b.cfg.Title
	if b.cfg.Edition != "" {
		src += ", " + b.cfg.Edition
	}
	src += " (" + b.words.Edition + ")"
	if isbn, ok := config.NormalISBN(b.cfg.ISBN.Print.Value); ok {
		src = "urn:isbn:" + isbn
	}
	w.Raw(`<dc:source id="print-source">`)
	w.Text(src)
	w.Raw("</dc:source>\n")
	w.Raw(`<meta refines="#print-source" property="source-of">pagination</meta>`, "\n")
}
