// Package pdf sets the book as a print-ready PDF handbook: the layout
// package sets the pages, the draw package writes them.
package pdf

import (
	"path/filepath"
	"sync"

	"bookc/ast"
	"bookc/backends/pdf/draw"
	"bookc/backends/pdf/layout"
	"bookc/backends/pdf/page"
	"bookc/book"
	"bookc/config"
	"bookc/diag"
	"bookc/fonts"
	"bookc/link"
)

// FileName is the PDF's name in the output folder.
const FileName = "book.pdf"

// Render writes the PDF from the book's layout (see Laid). Fonts named in
// book.yaml that cannot be used are errors at their line there; the book
// is then not rendered.
func Render(b *book.Book) ([]book.File, diag.List, error) {
	p, ds := Laid(b)
	if p == nil {
		return nil, ds, nil
	}
	var cache *draw.Cache
	if b.Memo != nil {
		// The streams of the last PDF of a watch session.
		cache = b.Memo.Keep("pdf.streams", func() any { return draw.NewCache() }).(*draw.Cache)
	}
	out, wds, err := p.WriteWith(cache)
	if err != nil {
		return nil, append(ds, wds...), err
	}
	return []book.File{{Name: FileName, Data: out}}, append(ds, wds...), nil
}

// Printed is the laid-out handbook: its pages, ready to be written, and
// the pagination the e-book's page list follows.
type Printed struct {
	doc   *page.Doc
	pages []link.PrintPage
}

// laid is a book's layout, made once.
type laid struct {
	once sync.Once
	p    *Printed
	ds   diag.List
}

// Laid returns the book's layout, made once per book and shared by the
// PDF and whoever needs the printed pagination. It returns nil, with the
// errors, when the fonts book.yaml names cannot be used.
func Laid(b *book.Book) (*Printed, diag.List) {
	l := b.Shared.Keep("pdf.layout", func() any { return &laid{} }).(*laid)
	l.once.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				l.p = nil
				l.ds.Errorf(ast.Pos{File: "pdf"}, "internal error while laying out (please report it with the input): %v", r)
			}
		}()
		var s *layout.Session
		if b.Memo != nil {
			// The entries' layouts of the last build of a watch session.
			s = b.Memo.Keep("pdf.session", func() any { return &layout.Session{} }).(*layout.Session)
		}
		l.p, l.ds = LayWith(b.Doc, b.Links, b.Config, s)
	})
	return l.p, l.ds
}

// Lay sets the book's pages. It returns nil, with the errors, when the
// fonts book.yaml names cannot be used.
func Lay(doc *ast.Document, links *link.Links, cfg *config.Book) (*Printed, diag.List) {
	return LayWith(doc, links, cfg, nil)
}

// LayWith is Lay, reusing what session s kept of the layout before
// (see layout.Session); nil keeps nothing.
func LayWith(doc *ast.Document, links *link.Links, cfg *config.Book, s *layout.Session) (*Printed, diag.List) {
	set, ds := Fonts(cfg)
	if set == nil {
		return nil, ds
	}
	d, _, lds := layout.LayoutWith(doc, links, cfg, set, s)
	return &Printed{doc: d, pages: printPages(d)}, append(ds, lds...)
}

// Write returns the PDF's bytes.
func (p *Printed) Write() ([]byte, diag.List, error) { return p.WriteWith(nil) }

// WriteWith is Write, compressing again only the streams that cache does
// not hold from the PDF written before; nil keeps nothing.
func (p *Printed) WriteWith(cache *draw.Cache) ([]byte, diag.List, error) {
	var ds diag.List
	out, problems, err := draw.WriteCheckedWith(p.doc, cache)
	if err != nil {
		return nil, ds, err
	}
	for _, pr := range problems {
		ds.Warnf(ast.Pos{File: FileName}, "%s", pr)
	}
	return out, ds, nil
}

// Pages returns the pages that hold text, in order, each with the label
// the PDF gives it and where its text begins.
func (p *Printed) Pages() []link.PrintPage { return p.pages }

func printPages(d *page.Doc) []link.PrintPage {
	labels := draw.Labels(d.Pages)
	parts := map[page.Part]link.PagePart{page.TitlePage: link.TitlePage, page.ImprintPage: link.ImprintPage,
		page.ContentsPage: link.ContentsPage, page.MainPage: link.MainPage, page.IndexPage: link.IndexPage}
	var out []link.PrintPage
	for i, src := range d.Sources {
		part, ok := parts[src.Part]
		if !ok || len(d.Pages[i].Texts) == 0 {
			continue
		}
		out = append(out, link.PrintPage{Label: labels[i], Part: part, At: src.At})
	}
	return out
}

// Fonts returns the bundled fonts with the faces book.yaml replaces. It
// returns nil when a named file cannot be used.
func Fonts(cfg *config.Book) (*fonts.Set, diag.List) {
	var ds diag.List
	set, err := fonts.Default()
	if err != nil {
		ds.Errorf(cfg.Pos("pdf"), "built-in fonts: %v", err)
		return nil, ds
	}
	f := cfg.PDF.Fonts
	for _, slot := range []struct {
		key string
		loc config.Located
		dst **fonts.Face
	}{
		{"serif", f.Serif, &set.Serif}, {"serif-bold", f.SerifBold, &set.SerifBold},
		{"serif-italic", f.SerifItalic, &set.SerifItalic}, {"serif-bold-italic", f.SerifBoldItalic, &set.SerifBoldItalic},
		{"mono", f.Mono, &set.Mono}, {"mono-bold", f.MonoBold, &set.MonoBold},
	} {
		if slot.loc.Value == "" {
			continue
		}
		face, err := loadFont(cfg, slot.loc.Value)
		if err != nil {
			line := slot.loc.Line
			if line == 0 {
				line = cfg.Line["pdf"]
			}
			ds.Errorf(ast.Pos{File: config.FileName, Line: line}, "pdf.fonts.%s: %v", slot.key, err)
			continue
		}
		*slot.dst = face
	}
	if ds.HasErrors() {
		return nil, ds
	}
	return set, ds
}

// loadFont reads a TrueType file named in book.yaml, relative to the
// book's folder unless absolute.
func loadFont(cfg *config.Book, p string) (*fonts.Face, error) {
	if !filepath.IsAbs(p) {
		p = filepath.Join(cfg.Dir, filepath.FromSlash(p))
	}
	return fonts.Load(p)
}
