package build

import (
	"bytes"
	"os"
	"path/filepath"

	"bookc/ast"
	"bookc/build/txn"
	"bookc/diag"
)

// writeKept writes the outputs that live outside the output folder (the
// Anki state file in the book's folder), after the outputs are in place:
// a state file never runs ahead of the package it describes. A file whose
// bytes did not change is left alone, so an unchanged book does not touch
// its folder.
func writeKept(outs []output, g *txn.Guard) ([]string, diag.List) {
	var written []string
	var ds diag.List
	for _, o := range outs {
		if o.path == "" {
			continue
		}
		if old, err := os.ReadFile(o.path); err == nil && bytes.Equal(old, o.data) {
			continue
		}
		if err := writeOne(o.path, o.data, g); err != nil {
			ds.Errorf(ast.Pos{File: o.path}, "%v; the outputs are written, but the next build cannot tell which notes changed", err)
			continue
		}
		written = append(written, o.path)
	}
	return written, ds
}

// writeOne replaces one file through a transaction of its own folder.
func writeOne(path string, data []byte, g *txn.Guard) error {
	set, err := txn.Open(filepath.Dir(path), g)
	if err != nil {
		return err
	}
	defer set.Close()
	if err := set.Stage(filepath.Base(path), data); err != nil {
		return err
	}
	_, err = set.Commit()
	return err
}
