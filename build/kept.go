package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"bookc/ast"
	"bookc/book"
	"bookc/diag"
)

// writeKept writes the outputs that live outside the output folder (the
// Anki state file in the book's folder), after the outputs are in place:
// a state file never runs ahead of the package it describes. A file whose
// bytes did not change is left alone, so an unchanged book does not touch
// its folder. It also runs after Ctrl-C once the outputs are committed:
// the state then matches them.
func writeKept(outs []book.File) ([]string, diag.List) {
	var written []string
	var ds diag.List
	for _, o := range outs {
		if o.Path == "" {
			continue
		}
		if old, err := os.ReadFile(o.Path); err == nil && bytes.Equal(old, o.Data) {
			continue
		}
		if err := replaceFile(o.Path, o.Data); err != nil {
			ds.Errorf(ast.Pos{File: o.Path}, "%v; the outputs are written, but the next build cannot tell which notes changed", err)
			continue
		}
		written = append(written, o.Path)
	}
	return written, ds
}

// replaceFile writes data to a temporary file beside path, syncs it and
// renames it over path: readers see the old file or the new one. The
// book's folder is not an output folder, so no transaction of txn (which
// also clears temporary files in the folders below) runs there.
func replaceFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	removeStaleTemps(path)
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("writing %s: %w", filepath.Base(path), err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// removeStaleTemps removes the temporary files of path that a killed
// build left, ".NAME.DIGITS.tmp" beside it. It runs while the output
// folder's lock is held (see txn.Set.After).
func removeStaleTemps(path string) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		n := e.Name()
		mid, ok := strings.CutPrefix(n, "."+base+".")
		if !ok || !e.Type().IsRegular() {
			continue
		}
		digits, ok := strings.CutSuffix(mid, ".tmp")
		if ok && digits != "" && strings.Trim(digits, "0123456789") == "" {
			os.Remove(filepath.Join(dir, n))
		}
	}
}
