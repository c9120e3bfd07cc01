// Package pdf sets the book as a print-ready PDF handbook: the layout
// package sets the pages, the draw package writes them.
package pdf

import (
	"path/filepath"

	"bookc/ast"
	"bookc/backends/pdf/draw"
	"bookc/backends/pdf/layout"
	"bookc/book"
	"bookc/config"
	"bookc/diag"
	"bookc/fonts"
)

// FileName is the PDF's name in the output folder.
const FileName = "book.pdf"

// Render lays the book out and returns the PDF. Fonts named in book.yaml
// that cannot be used are errors at their line there; the book is then not
// rendered.
func Render(b *book.Book) ([]book.File, diag.List, error) {
	set, ds := Fonts(b.Config)
	if set == nil {
		return nil, ds, nil
	}
	d, _, lds := layout.Layout(b.Doc, b.Links, b.Config, set)
	ds = append(ds, lds...)
	out, problems, err := draw.WriteChecked(d)
	if err != nil {
		return nil, ds, err
	}
	for _, p := range problems {
		ds.Warnf(ast.Pos{File: FileName}, "%s", p)
	}
	return []book.File{{Name: FileName, Data: out}}, ds, nil
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
