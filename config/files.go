package config

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"bookc/ast"
	"bookc/diag"
)

// Files lists the entry files the content setting names: every .md and
// .txt file under the named folders, or matching the named globs, in the
// order the setting lists them (each folder's files sorted by path),
// without duplicates. Paths are relative to the book's folder.
func (b *Book) Files() ([]string, diag.List) {
	var ds diag.List
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, c := range b.Content {
		pos := ast.Pos{File: FileName, Line: c.Line}
		if filepath.IsAbs(c.Value) || escapes(c.Value) {
			ds.Errorf(pos, "content %q lies outside the book's folder", c.Value)
			continue
		}
		full := filepath.Join(b.Dir, c.Value)
		if st, err := os.Stat(full); err == nil && st.IsDir() {
			b.walk(full, add, &ds)
			continue
		}
		matches, err := filepath.Glob(full)
		if err != nil || len(matches) == 0 {
			ds.Errorf(pos, "content %q: no such folder or file", c.Value)
			continue
		}
		sort.Strings(matches)
		for _, m := range matches {
			if st, err := os.Stat(m); err == nil && st.Mode().IsRegular() {
				add(b.rel(m))
			}
		}
	}
	return out, ds
}

func (b *Book) walk(root string, add func(string), ds *diag.List) {
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			ds.Errorf(ast.Pos{File: b.rel(p)}, "%v", err)
			return nil
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != root {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() && isEntryFile(d.Name()) {
			add(b.rel(p))
		}
		return nil
	})
	if err != nil {
		ds.Errorf(ast.Pos{File: b.rel(root)}, "%v", err)
	}
}

func isEntryFile(name string) bool {
	if strings.HasPrefix(name, ".") {
		return false
	}
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".txt"
}

func (b *Book) rel(p string) string {
	r, err := filepath.Rel(b.Dir, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

func escapes(p string) bool {
	c := filepath.ToSlash(filepath.Clean(p))
	return c == ".." || strings.HasPrefix(c, "../")
}

// Resolve turns a path written in the book (an image, a cover, a font) into
// a file path, refusing absolute paths and paths that leave the book's
// folder, also through symbolic links.
func (b *Book) Resolve(p string) (string, bool) {
	if p == "" || filepath.IsAbs(p) || escapes(p) || strings.Contains(p, "\x00") {
		return "", false
	}
	full := filepath.Join(b.Dir, filepath.FromSlash(p))
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		return full, true // missing: the caller reports it
	}
	root, err := filepath.EvalSymlinks(b.Dir)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(root, real)
	if err != nil || escapes(rel) {
		return "", false
	}
	return full, true
}

// ResolveImage finds the file an image in an entry refers to. src is
// tried relative to the entry file's folder, then to the book's folder,
// then to each content folder; the first existing file wins. Remote
// addresses, absolute paths and paths that leave the book's folder
// (also through symbolic links) are refused: ok is false. A path that is
// safe but names no file comes back as the first candidate with ok true,
// for the caller to report.
func (b *Book) ResolveImage(entryFile, src string) (path string, ok bool) {
	if strings.Contains(src, "://") || strings.HasPrefix(src, "//") || strings.HasPrefix(src, "data:") ||
		strings.HasPrefix(src, "/") || filepath.IsAbs(src) || filepath.VolumeName(src) != "" {
		return "", false
	}
	candidates := []string{filepath.ToSlash(filepath.Join(filepath.Dir(entryFile), src)), src}
	for _, c := range b.Content {
		candidates = append(candidates, filepath.ToSlash(filepath.Join(c.Value, src)))
	}
	first := ""
	for _, c := range candidates {
		if escapes(c) {
			continue
		}
		if _, err := os.Lstat(filepath.Join(b.Dir, filepath.FromSlash(c))); err == nil {
			// The first file that exists decides, even when it is a
			// link that points outside: then the image is refused.
			return b.Resolve(c)
		}
		if first == "" {
			first = filepath.Join(b.Dir, filepath.FromSlash(c))
		}
	}
	return first, first != ""
}
