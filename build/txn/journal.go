package txn

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

const (
	tmpSuffix   = ".tmp"
	oldSuffix   = ".old"
	journalName = ".bookc-commit"
)

// writeJournal records, before the first rename, which temporary file goes
// to which target and where the previous target is kept, one line per file:
// target, temporary file and backup ("-" for none), tab-separated, relative
// to the folder.
func writeJournal(dir string, files []*staged) error {
	var b bytes.Buffer
	for _, f := range files {
		backup := "-"
		if f.backup != "" {
			backup = rel(dir, f.backup)
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n", rel(dir, f.target), rel(dir, f.tmp), backup)
	}
	path := filepath.Join(dir, journalName)
	tmp := path + ".new"
	err := writeSynced(tmp, b.Bytes())
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot record the commit in %s: %w", dir, brief(err))
	}
	syncDir(dir)
	return nil
}

func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func rel(dir, path string) string {
	r, err := filepath.Rel(dir, path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(r)
}

// recoverJournal puts back the previous files of a commit that was killed
// between its first and last rename. It reports whether it found one.
func recoverJournal(dir string) (bool, error) {
	path := filepath.Join(dir, journalName)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		os.Remove(path + ".new")
		return false, nil
	}
	if err != nil {
		return false, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) != 3 || !inside(parts[0]) || !inside(parts[1]) || (parts[2] != "-" && !inside(parts[2])) {
			continue
		}
		if err := restore(dir, parts[0], parts[1], parts[2]); err != nil {
			return false, fmt.Errorf("cannot restore %s after an interrupted build: %w", parts[0], brief(err))
		}
	}
	syncDir(dir)
	for _, e := range subdirs(dir) {
		syncDir(e)
	}
	if err := os.Remove(path); err != nil {
		return false, err
	}
	syncDir(dir)
	return true, nil
}

// restore undoes one line of a journal: a target whose temporary file is
// gone was replaced and gets its backup back, or is removed when it is new.
func restore(dir, target, tmp, backup string) error {
	t := filepath.Join(dir, filepath.FromSlash(target))
	tp := filepath.Join(dir, filepath.FromSlash(tmp))
	if backup != "-" {
		b := filepath.Join(dir, filepath.FromSlash(backup))
		if _, err := os.Lstat(b); err == nil {
			// Renaming a hard link over its twin is a no-op; remove it then.
			if err := os.Rename(b, t); err != nil {
				return err
			}
			os.Remove(b)
		}
		os.Remove(tp)
		return nil
	}
	if _, err := os.Lstat(tp); errors.Is(err, os.ErrNotExist) {
		if err := os.Remove(t); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	return os.Remove(tp)
}

// inside accepts only relative names that stay in the folder, so a damaged
// journal cannot touch anything else.
func inside(name string) bool {
	c := filepath.Clean(filepath.FromSlash(name))
	return c != "." && !filepath.IsAbs(c) && c != ".." && !strings.HasPrefix(c, ".."+string(filepath.Separator))
}

// staleName matches the temporary and backup files of this package:
// ".NAME.DIGITS.tmp" and ".NAME.DIGITS.old".
var staleName = regexp.MustCompile(`^\..+\.[0-9]+\.(tmp|old)$`)

// removeStale deletes temporary and backup files left by runs that were
// killed, in the folder and its direct subfolders. The caller holds the
// folder's lock, so no other run is using them.
func removeStale(dir string) {
	for _, d := range append([]string{dir}, subdirs(dir)...) {
		ents, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range ents {
			if e.Type().IsRegular() && staleName.MatchString(e.Name()) {
				os.Remove(filepath.Join(d, e.Name()))
			}
		}
	}
}

func subdirs(dir string) []string {
	ents, _ := os.ReadDir(dir)
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// syncDir makes renames and removals in dir durable. Errors are ignored:
// some file systems cannot sync a folder, and the files themselves are
// already synced.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// syncDirs syncs every folder that holds one of the files.
func syncDirs(dir string, files []*staged) {
	seen := map[string]bool{dir: true}
	syncDir(dir)
	for _, f := range files {
		if d := filepath.Dir(f.target); !seen[d] {
			seen[d] = true
			syncDir(d)
		}
	}
}
