package txn

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// files lists every file under dir with its content, hidden ones included.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			got[rel(dir, p)] = string(b)
		}
		return nil
	})
	return got
}

func same(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func keys(m map[string]string) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, " ")
}

var (
	oldSet = map[string]string{"a.pdf": "old a", "b.epub": "old b", "c.csv": "old c", "media/x.png": "old x", "media/gone.png": "gone"}
	newSet = map[string]string{"a.pdf": "new a", "b.epub": "new b", "c.csv": "new c", "media/x.png": "new x", "media/y.png": "new y"}
)

func seed(t *testing.T, dir string, set map[string]string) {
	t.Helper()
	for name, data := range set {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func stageAll(t *testing.T, s *Set, set map[string]string) {
	t.Helper()
	for _, name := range strings.Fields(keys(set)) {
		if err := s.Stage(name, []byte(set[name])); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCommitReplacesAllAndPrunesOwned(t *testing.T) {
	dir := t.TempDir()
	seed(t, dir, oldSet)
	s, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Own("media")
	stageAll(t, s, newSet)
	if got := files(t, dir); len(got) != len(oldSet)+len(newSet) {
		t.Fatalf("staging should add only temporary files: %s", keys(got))
	}
	written, err := s.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != len(newSet) {
		t.Errorf("written %v", written)
	}
	if got := files(t, dir); !same(got, newSet) {
		t.Errorf("after commit: %v, want %v", got, newSet)
	}
}

// TestFailedRenameRollsBack makes the third rename fail: the two files
// renamed before it get their old contents back, a new file is removed.
func TestFailedRenameRollsBack(t *testing.T) {
	dir := t.TempDir()
	seed(t, dir, oldSet)
	s, _ := Open(dir, nil)
	s.Own("media")
	stageAll(t, s, newSet)
	hookAfterRename = func(i int) {
		if i == 1 {
			os.Remove(s.files[2].tmp)
		}
	}
	defer func() { hookAfterRename = nil }()
	_, err := s.Commit()
	if err == nil || !strings.Contains(err.Error(), "cannot replace c.csv") || !strings.Contains(err.Error(), "restored, no output changed") {
		t.Fatalf("error %v", err)
	}
	if got := files(t, dir); !same(got, oldSet) {
		t.Errorf("after rollback: %v, want %v", got, oldSet)
	}
}

// TestFailedRenameOfNewFileRollsBack fails the last rename, with a target
// that did not exist before: it is removed again.
func TestFailedRenameOfNewFileRollsBack(t *testing.T) {
	dir := t.TempDir()
	seed(t, dir, oldSet)
	s, _ := Open(dir, nil)
	stageAll(t, s, newSet)
	hookAfterRename = func(i int) {
		if i == 3 {
			os.Remove(s.files[4].tmp) // media/y.png, new
		}
	}
	defer func() { hookAfterRename = nil }()
	if _, err := s.Commit(); err == nil {
		t.Fatal("no error")
	}
	if got := files(t, dir); !same(got, oldSet) {
		t.Errorf("after rollback: %v, want %v", got, oldSet)
	}
}

func TestStopRemovesTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	seed(t, dir, oldSet)
	g := NewGuard()
	s, _ := Open(dir, g)
	s.Stage("a.pdf", []byte("new"))
	if g.Stop() {
		t.Error("Stop reports a commit")
	}
	if err := s.Stage("b.epub", []byte("new")); !errors.Is(err, ErrInterrupted) {
		t.Errorf("Stage after Stop: %v", err)
	}
	if _, err := s.Commit(); !errors.Is(err, ErrInterrupted) {
		t.Errorf("Commit after Stop: %v", err)
	}
	if _, err := Open(dir, g); !errors.Is(err, ErrInterrupted) {
		t.Errorf("Open after Stop: %v", err)
	}
	if got := files(t, dir); !same(got, oldSet) {
		t.Errorf("after Stop: %s", keys(got))
	}
}

func TestOpenRemovesStaleFiles(t *testing.T) {
	dir := t.TempDir()
	seed(t, dir, oldSet)
	stale := map[string]string{".a.pdf.123456.tmp": "x", "media/.x.png.9.tmp": "x", ".b.epub.77.old": "x"}
	seed(t, dir, stale)
	keep := map[string]string{".a.pdf.tmp": "user file", ".hidden": "user file", "notes.tmp": "user file"}
	seed(t, dir, keep)
	s, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	want := map[string]string{}
	for k, v := range oldSet {
		want[k] = v
	}
	for k, v := range keep {
		want[k] = v
	}
	if got := files(t, dir); !same(got, want) {
		t.Errorf("got %s, want %s", keys(got), keys(want))
	}
}

func TestDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	os.Symlink(filepath.Join(dir, "missing"), out)
	_, err := Open(out, nil)
	if err == nil || !strings.Contains(err.Error(), "is a symbolic link to "+filepath.Join(dir, "missing")+", which does not exist") {
		t.Fatalf("error %v", err)
	}
	_, err = Open(filepath.Join(out, "sub"), nil)
	if err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("below the link: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "file"), nil, 0o644)
	if _, err := Open(filepath.Join(dir, "file"), nil); err == nil || !strings.Contains(err.Error(), "is a file, not a folder") {
		t.Fatalf("file: %v", err)
	}
}

// TestKilledDuringCommit kills a process between two renames of its commit
// (the only moment a mix exists), then checks that the next Open restores
// the complete old set and leaves no temporary or backup file.
func TestKilledDuringCommit(t *testing.T) {
	if dir := os.Getenv("TXN_KILL_DIR"); dir != "" {
		s, err := Open(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		stageAll(t, s, newSet)
		hookAfterRename = func(i int) {
			if i == 1 {
				os.Stdout.WriteString("renamed\n")
				select {}
			}
		}
		s.Commit()
		return
	}
	for _, withOld := range []bool{true, false} {
		dir := t.TempDir()
		old := map[string]string{}
		if withOld {
			old = oldSet
		}
		seed(t, dir, old)
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledDuringCommit$")
		cmd.Env = append(os.Environ(), "TXN_KILL_DIR="+dir)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(out).ReadString('\n')
		if line != "renamed\n" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child said %q", line)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if got := files(t, dir); same(got, old) || same(got, newSet) {
			t.Fatalf("the kill did not land between renames: %s", keys(got))
		}
		s, err := Open(dir, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Restored {
			t.Error("Restored not set")
		}
		s.Close()
		if got := files(t, dir); !same(got, old) {
			t.Errorf("after recovery: %v, want %v", got, old)
		}
	}
}

// TestStopWaitsForAfter interrupts while the After hook of a commit runs:
// Stop returns only once the hook is done, and reports the commit.
func TestStopWaitsForAfter(t *testing.T) {
	dir := t.TempDir()
	g := NewGuard()
	s, _ := Open(dir, g)
	s.Stage("a.pdf", []byte("new"))
	started, finished := make(chan struct{}), false
	release := make(chan struct{})
	s.After(func() {
		close(started)
		<-release
		finished = true
	})
	go s.Commit()
	<-started
	stopped := make(chan bool)
	go func() { stopped <- g.Stop() }()
	time.Sleep(50 * time.Millisecond) // gives Stop the chance to return too early
	select {
	case <-stopped:
		t.Fatal("Stop returned while the hook ran")
	default:
	}
	close(release)
	if !<-stopped || !finished {
		t.Error("Stop did not wait for the hook or did not report the commit")
	}
}
