package epub

import (
	"bookc/ast"
	"bookc/config"
	"bookc/diag"
	"bookc/link"
)

// File is one file of the EPUB's package as a reading system sees it: a
// content document, a stylesheet, an image or the navigation document.
type File struct {
	Name      string // path inside the package folder, e.g. "bert.xhtml"
	MediaType string
	Data      []byte
	Spine     bool // a content document in reading order
}

// Files returns the files Render would pack, in manifest order, without
// packing them: the live preview serves them as web pages. The package
// document and the NCX are left out; the navigation document comes as
// NavFile.
func Files(doc *ast.Document, links *link.Links, cfg *config.Book) ([]File, diag.List, error) {
	b := newBook(doc, links, cfg)
	if err := b.build(); err != nil {
		return nil, b.ds, err
	}
	inSpine := map[string]bool{}
	for _, id := range b.spine {
		inSpine[id] = true
	}
	var out []File
	for _, it := range b.items {
		if it.id == "ncx" {
			continue
		}
		out = append(out, File{Name: it.href, MediaType: it.mediaType, Data: it.data, Spine: inSpine[it.id]})
	}
	return out, b.ds, nil
}

// The names of the generated documents among Files.
const (
	NavFile   = navFile
	IndexFile = indexFile
	TitleFile = titleFile
	CoverFile = coverFile
)
