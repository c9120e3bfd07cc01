// Package pdf sets the book as a print-ready PDF handbook.
package pdf

import (
	"bookc/ast"
	"bookc/config"
	"bookc/diag"
	"bookc/link"
)

// Render lays the book out and returns the PDF's bytes.
func Render(doc *ast.Document, links *link.Links, cfg *config.Book) ([]byte, diag.List, error) {
	return nil, nil, nil
}
