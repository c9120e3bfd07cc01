// Package anki writes the book's terms as a CSV file for Anki's importer.
package anki

import (
	"bookc/ast"
	"bookc/config"
	"bookc/diag"
	"bookc/link"
)

// MediaFile is an image the cards use, under the flat name they give it.
type MediaFile struct {
	Name string
	Data []byte
}

// Output is what the backend produces: the CSV and the media it names.
type Output struct {
	CSV   []byte
	Media []MediaFile
}

// Render writes one note per term.
func Render(doc *ast.Document, links *link.Links, cfg *config.Book) (*Output, diag.List, error) {
	return &Output{}, nil, nil
}
