// Package txn replaces a set of files in one folder together. Every new
// file is written and synced beside its target first; then all of them are
// renamed into place in one short step and the folder is synced. A failure
// before that step replaces nothing; a failed rename puts back the files
// renamed before it; a process killed during the step leaves a journal from
// which the next Open restores the previous set. Temporary files follow one
// naming, ".NAME.DIGITS.tmp", and Open removes any left by an earlier run.
package txn

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ErrInterrupted is returned once the Guard of a set has been stopped.
var ErrInterrupted = errors.New("interrupted")

// Set is one transaction on an output folder. Only one Set per folder is
// open at a time, across processes too: Open waits for the folder's lock.
type Set struct {
	dir   string
	g     *Guard
	lock  *os.File // the folder, opened and locked
	files []*staged
	owned []string
	after func()
	done  bool
	// Restored is set when Open found an interrupted commit and put the
	// previous files back.
	Restored bool
}

// staged is one new file waiting in its temporary file.
type staged struct {
	name   string // slash-separated, relative to the folder
	target string
	tmp    string
	backup string // a second name for the old target; "" when there is none
	moved  bool   // the backup is the old target renamed, not a hard link
}

// Open prepares dir for a new set of files: it creates the folder when
// missing, takes its lock, restores the files of an interrupted commit and
// removes temporary files of earlier runs. A nil guard means the set cannot
// be interrupted from outside.
func Open(dir string, g *Guard) (*Set, error) {
	if g == nil {
		g = NewGuard()
	}
	if err := prepareDir(dir); err != nil {
		return nil, err
	}
	d, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := lockDir(d); err != nil {
		d.Close()
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	s := &Set{dir: dir, g: g, lock: d}
	if !g.register(s) {
		d.Close()
		return nil, ErrInterrupted
	}
	restored, err := recoverJournal(dir)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.Restored = restored
	removeStale(dir)
	return s, nil
}

// prepareDir makes sure dir is a folder, creating it when it is missing, and
// explains a symbolic link that points nowhere instead of failing with
// "file exists".
func prepareDir(dir string) error {
	st, err := os.Stat(dir)
	if err == nil {
		if !st.IsDir() {
			return fmt.Errorf("output folder %s is a file, not a folder", dir)
		}
		return nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for p := dir; ; p = filepath.Dir(p) {
		if fi, lerr := os.Lstat(p); lerr == nil {
			if fi.Mode()&os.ModeSymlink != 0 {
				to, _ := os.Readlink(p)
				return fmt.Errorf("output folder %s is a symbolic link to %s, which does not exist; create %s or remove the link", p, to, to)
			}
			break
		}
		if filepath.Dir(p) == p {
			break
		}
	}
	return os.MkdirAll(dir, 0o755)
}

// After sets fn to run at the end of a successful commit, while the
// folder's lock and the guard are still held: a file that must follow the
// outputs (a state file elsewhere) is then written before an interrupt
// takes effect or another build starts.
func (s *Set) After(fn func()) { s.after = fn }

// Own makes the set the only source of files in the subfolder sub: on
// commit, files there that the set did not write are removed.
func (s *Set) Own(sub string) { s.owned = append(s.owned, filepath.FromSlash(sub)) }

// Stage writes data to a temporary file beside the target name (relative
// to the folder, slash-separated) and syncs it. Nothing visible changes
// until Commit.
func (s *Set) Stage(name string, data []byte) error {
	target := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := prepareDir(filepath.Dir(target)); err != nil {
		return err
	}
	f, err := s.createTemp(name, target)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, brief(err))
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("cannot write %s: %w", name, brief(err))
	}
	return nil
}

// createTemp creates and registers the temporary file under the guard, so
// that an interrupt either sees it and removes it or comes before it.
func (s *Set) createTemp(name, target string) (*os.File, error) {
	s.g.mu.Lock()
	defer s.g.mu.Unlock()
	if s.g.stopped {
		return nil, ErrInterrupted
	}
	if s.done {
		return nil, errors.New("transaction already closed")
	}
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*"+tmpSuffix)
	if err != nil {
		return nil, err
	}
	s.files = append(s.files, &staged{name: name, target: target, tmp: f.Name()})
	return f, nil
}

// Commit renames every staged file into place, in name order, and syncs the
// folders. It returns the paths written. On error no target has changed
// unless the error says which could not be restored.
func (s *Set) Commit() ([]string, error) {
	s.g.mu.Lock()
	defer s.g.mu.Unlock()
	defer s.closeLocked()
	if s.g.stopped {
		return nil, ErrInterrupted
	}
	if s.done {
		return nil, errors.New("transaction already closed")
	}
	sort.Slice(s.files, func(i, j int) bool { return s.files[i].name < s.files[j].name })
	if err := s.prepareBackups(); err != nil {
		return nil, err
	}
	if err := writeJournal(s.dir, s.files); err != nil {
		return nil, fmt.Errorf("%w; no output was replaced", err)
	}
	for i, f := range s.files {
		if err := f.swap(); err != nil {
			return nil, s.rollback(i, f, err)
		}
		if hookAfterRename != nil {
			hookAfterRename(i)
		}
	}
	syncDirs(s.dir, s.files)
	os.Remove(filepath.Join(s.dir, journalName))
	written := make([]string, len(s.files))
	for i, f := range s.files {
		written[i] = f.target
		if f.backup != "" {
			os.Remove(f.backup)
		}
		f.tmp = ""
	}
	s.prune()
	syncDir(s.dir)
	s.g.committed = true
	if s.after != nil {
		s.after()
	}
	return written, nil
}

// hookAfterRename, when set by a test, runs after each rename of a commit.
var hookAfterRename func(i int)

// prepareBackups gives every existing target a second name, a hard link
// where the file system allows one, so that a failed commit can put it back.
func (s *Set) prepareBackups() error {
	for _, f := range s.files {
		st, err := os.Lstat(f.target)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("cannot replace %s: %w; no output was replaced", f.name, brief(err))
		}
		if st.IsDir() {
			return fmt.Errorf("cannot replace %s: it is a folder; no output was replaced", f.name)
		}
		f.backup = strings.TrimSuffix(f.tmp, tmpSuffix) + oldSuffix
		if err := os.Link(f.target, f.backup); err != nil {
			f.moved = true
		}
	}
	return nil
}

// swap puts the new file in place of the target.
func (f *staged) swap() error {
	if f.moved {
		if err := os.Rename(f.target, f.backup); err != nil {
			return err
		}
	}
	return os.Rename(f.tmp, f.target)
}

// rollback undoes the renames of files[0:n] after the rename of failed went
// wrong, and says truthfully what the folder holds now.
func (s *Set) rollback(n int, failed *staged, cause error) error {
	var lost []string
	if failed.moved {
		if _, err := os.Lstat(failed.target); errors.Is(err, os.ErrNotExist) {
			if os.Rename(failed.backup, failed.target) != nil {
				lost = append(lost, failed.name)
			}
		}
	}
	for i := n - 1; i >= 0; i-- {
		if s.files[i].undo() != nil {
			lost = append(lost, s.files[i].name)
		}
	}
	syncDirs(s.dir, s.files)
	if len(lost) == 0 {
		os.Remove(filepath.Join(s.dir, journalName))
		syncDir(s.dir)
		return fmt.Errorf("cannot replace %s: %w; the outputs replaced before it were restored, no output changed", failed.name, brief(cause))
	}
	return fmt.Errorf("cannot replace %s: %w; could not restore the previous %s (the next build retries)",
		failed.name, brief(cause), strings.Join(lost, ", "))
}

// undo puts the previous target back after a successful swap.
func (f *staged) undo() error {
	if f.backup == "" {
		return os.Remove(f.target)
	}
	err := os.Rename(f.backup, f.target)
	if err == nil {
		f.backup = ""
	}
	return err
}

// prune removes files in owned subfolders that this set did not write.
func (s *Set) prune() {
	keep := map[string]bool{}
	for _, f := range s.files {
		keep[f.target] = true
	}
	for _, sub := range s.owned {
		dir := filepath.Join(s.dir, sub)
		ents, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		left := 0
		for _, e := range ents {
			p := filepath.Join(dir, e.Name())
			if e.Type().IsRegular() && !keep[p] {
				os.Remove(p)
				continue
			}
			left++
		}
		if left == 0 {
			os.Remove(dir)
		}
		syncDir(dir)
	}
}

// Close removes the temporary files of a set that was not committed and
// releases the folder. It is safe to call more than once.
func (s *Set) Close() {
	s.g.mu.Lock()
	defer s.g.mu.Unlock()
	s.closeLocked()
}

func (s *Set) closeLocked() {
	if s.done {
		return
	}
	s.done = true
	for _, f := range s.files {
		if f.tmp != "" {
			os.Remove(f.tmp)
		}
		if f.backup != "" && !f.moved {
			os.Remove(f.backup)
		}
	}
	delete(s.g.sets, s)
	s.lock.Close()
}

// brief drops the path from a file-system error: the caller names the file
// in its own words.
func brief(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
