package main

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"bookc/build/txn"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary builds bookc once for the tests that run it as a process.
func binary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "bookc-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "bookc")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = errors.New(string(out))
		}
	})
	if binErr != nil {
		t.Fatalf("building bookc: %v", binErr)
	}
	return binPath
}

// copyBook copies the sample book (book.yaml and content/) into a fresh
// folder, so that a test can edit it.
func copyBook(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	for _, src := range []string{"book.yaml", "content"} {
		root := filepath.Join("..", "..", src)
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(filepath.Join("..", ".."), p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err == nil {
				err = os.WriteFile(filepath.Join(dst, rel), data, 0o644)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// editBook changes one entry so that every output differs: version 0 and
// 1 alternate.
func editBook(t *testing.T, dir string, version int) {
	t.Helper()
	p := filepath.Join(dir, "content", "kuenstliche-intelligenz.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), " Fassung zwei.", "", 1)
	if version == 1 {
		s = strings.Replace(s, "\n\n", " Fassung zwei.\n\n", 2)
		s = strings.Replace(s, " Fassung zwei.\n\n", "\n\n", 1)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	// The Anki state file gives changed notes later times, so that the
	// package would depend on the order of the builds; without it each
	// version's outputs depend on its sources alone.
	os.Remove(filepath.Join(dir, "anki-notes.lock"))
	os.Remove(filepath.Join(dir, "out", "anki-notes.lock")) // where the sample keeps it
}

// outputs hashes the visible files under dir by relative name, and lists
// the hidden ones (temporary files, journal).
func outputs(t *testing.T, dir string) (map[string][32]byte, []string) {
	t.Helper()
	set := map[string][32]byte{}
	var hidden []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if strings.HasPrefix(d.Name(), ".") {
			hidden = append(hidden, rel)
			return nil
		}
		data, _ := os.ReadFile(p)
		set[rel] = sha256.Sum256(data)
		return nil
	})
	return set, hidden
}

func runBin(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command(binary(t), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("bookc %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// twoVersions builds both versions of the book once and returns their
// output sets; the book is left at version 0, its outputs in out.
func twoVersions(t *testing.T, book, out string) [2]map[string][32]byte {
	t.Helper()
	var sets [2]map[string][32]byte
	for v := 1; v >= 0; v-- {
		editBook(t, book, v)
		runBin(t, "build", "-q", "-C", book, "-o", out)
		sets[v], _ = outputs(t, out)
	}
	if equalSnap(sets[0], sets[1]) {
		t.Fatal("the edit did not change the outputs")
	}
	for name := range sets[0] {
		if sets[0][name] == sets[1][name] {
			t.Fatalf("the edit did not change %s", name)
		}
	}
	return sets
}

// TestDiskFullKeepsOldOutputs fills a small tmpfs so that the second
// output does not fit: the build fails, says nothing was replaced, and all
// three old files stay as they were, with no temporary file left.
func TestDiskFullKeepsOldOutputs(t *testing.T) {
	book := copyBook(t)
	scratch := t.TempDir()
	sets := twoVersions(t, book, scratch)
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=4m"); err != nil {
		t.Skipf("cannot mount a tmpfs at %s (%v): the disk-full case needs root and mount rights", mnt, err)
	}
	defer syscall.Unmount(mnt, syscall.MNT_DETACH)
	out := filepath.Join(mnt, "out")
	runBin(t, "build", "-q", "-C", book, "-o", out)
	old, _ := outputs(t, out)
	editBook(t, book, 1)
	pdf, _ := os.Stat(filepath.Join(scratch, "book.pdf"))
	epub, _ := os.Stat(filepath.Join(scratch, "book.epub"))
	var st syscall.Statfs_t
	if err := syscall.Statfs(mnt, &st); err != nil {
		t.Fatal(err)
	}
	free := int64(st.Bavail) * st.Bsize
	room := pdf.Size() + 8192 + epub.Size()/2
	if free < room {
		t.Fatalf("tmpfs too small: %d free, want %d", free, room)
	}
	if err := os.WriteFile(filepath.Join(mnt, "filler"), make([]byte, free-room), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary(t), "build", "-C", book, "-o", out)
	msg, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the build succeeded on a full disk:\n%s", msg)
	}
	t.Logf("%s", msg)
	for _, want := range []string{"cannot write book.epub: no space left on device; no output was replaced", "nothing written"} {
		if !strings.Contains(string(msg), want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	now, hidden := outputs(t, out)
	if !equalSnap(now, old) {
		t.Errorf("the failed build changed the outputs")
	}
	if len(hidden) > 0 {
		t.Errorf("left behind: %v", hidden)
	}
	os.Remove(filepath.Join(mnt, "filler"))
	runBin(t, "build", "-q", "-C", book, "-o", out)
	if now, _ := outputs(t, out); !equalSnap(now, sets[1]) {
		t.Errorf("with room again, the build did not write the new set")
	}
}

// killLoop starts builds that alternate between the two versions and stops
// each with sig after a random delay spread over a build's duration; after
// each, the output folder holds the previous set or the new one.
func killLoop(t *testing.T, sig syscall.Signal, check func(hidden []string, code int)) {
	book := copyBook(t)
	out := t.TempDir()
	sets := twoVersions(t, book, out)
	start := time.Now()
	runBin(t, "build", "-q", "-C", book, "-o", out)
	span := time.Since(start) * 3 / 2
	seed := time.Now().UnixNano()
	t.Logf("seed %d, delays up to %v", seed, span)
	rng := rand.New(rand.NewSource(seed))
	cur, counts := 0, map[string]int{}
	for i := 0; i < 24; i++ {
		next := 1 - cur
		editBook(t, book, next)
		cmd := stopBuild(t, book, out, sig, func(rendered <-chan struct{}) {
			if i%2 == 0 {
				time.Sleep(time.Duration(rng.Int63n(int64(span))))
				return
			}
			// Aim at the write phase: it starts when all three renderers
			// have reported, and lasts some milliseconds.
			select {
			case <-rendered:
			case <-time.After(span):
			}
			time.Sleep(time.Duration(rng.Int63n(int64(20 * time.Millisecond))))
		})
		got, hidden := outputs(t, out)
		if contains(hidden, ".bookc-commit") {
			counts["stopped between renames"]++
			s, err := txn.Open(out, nil)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			if got, _ = outputs(t, out); !equalSnap(got, sets[cur]) {
				t.Fatalf("try %d: recovery did not restore the previous set", i)
			}
			continue
		}
		code := cmd.ProcessState.ExitCode()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGINT {
			code = -int(syscall.SIGINT) // stopped before bookc installed its handler
		}
		temps, _ := filepath.Glob(filepath.Join(book, ".*.tmp"))
		check(append(hidden, temps...), code)
		switch {
		case equalSnap(got, sets[cur]):
			counts["old set"]++
		case equalSnap(got, sets[next]):
			counts["new set"]++
			cur = next
		default:
			t.Fatalf("try %d: the outputs are a mix of two builds", i)
		}
	}
	t.Logf("outcomes: %v", counts)
	runBin(t, "build", "-q", "-C", book, "-o", out)
	_, hidden := outputs(t, out)
	temps, _ := filepath.Glob(filepath.Join(book, ".*.tmp"))
	if hidden = append(hidden, temps...); len(hidden) > 0 {
		t.Errorf("the next build left %v", hidden)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestKilledBuildLeavesOneSet kills builds with SIGKILL at random moments.
func TestKilledBuildLeavesOneSet(t *testing.T) {
	killLoop(t, syscall.SIGKILL, func([]string, int) {})
}

// TestInterruptLeavesNothing stops builds with SIGINT (Ctrl-C): no
// temporary file is left, and the exit code says what happened.
func TestInterruptLeavesNothing(t *testing.T) {
	killLoop(t, syscall.SIGINT, func(hidden []string, code int) {
		if len(hidden) > 0 {
			t.Errorf("Ctrl-C left %v", hidden)
		}
		if code != 0 && code != exitInterrupted && code != -int(syscall.SIGINT) {
			t.Errorf("exit code %d after Ctrl-C", code)
		}
	})
}

// stopBuild starts a verbose build of book into out, waits as wait says
// (it gets a channel closed when rendering is done) and sends sig.
func stopBuild(t *testing.T, book, out string, sig syscall.Signal, wait func(rendered <-chan struct{})) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(binary(t), "build", "-v", "-C", book, "-o", out)
	rendered := renderedSignal(t, cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	wait(rendered)
	cmd.Process.Signal(sig)
	cmd.Wait()
	return cmd
}

// renderedSignal returns a channel that is closed once cmd's verbose
// output has reported all three renderers (the write phase begins).
func renderedSignal(t *testing.T, cmd *exec.Cmd) <-chan struct{} {
	t.Helper()
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan struct{})
	go func() {
		seen, closed := map[string]bool{}, false
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			if f := strings.Fields(sc.Text()); len(f) == 3 && f[2] == "ms" {
				seen[f[0]] = true
				if seen["pdf"] && seen["epub"] && seen["anki"] && !closed {
					close(ch)
					closed = true
				}
			}
		}
	}()
	return ch
}

// TestDanglingOutLink: an output folder that is a symbolic link to a
// missing folder is an error naming the link, not "file exists".
func TestDanglingOutLink(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"book.yaml": goodYAML, "content/good.md": goodEntry})
	os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "out"))
	code, stderr := bookc(t, "build", "-C", dir)
	if code != exitBook || !strings.Contains(stderr, "is a symbolic link to "+filepath.Join(dir, "gone")+", which does not exist") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if strings.Contains(stderr, "file exists") {
		t.Errorf("misleading message:\n%s", stderr)
	}
}

// TestStaleAnkiMedia removes an image from the book: the next build
// removes it from out/anki-media, and the folder goes with its last file.
func TestStaleAnkiMedia(t *testing.T) {
	dir := t.TempDir()
	img := "## Bild {#Bild .term}\n\nLead.\n\n![Ein Bild](b.png)\n"
	write(t, dir, map[string]string{"book.yaml": goodYAML, "content/good.md": goodEntry,
		"content/img.md": img, "content/b.png": string(pngBytes(4, 3)), "content/c.png": string(pngBytes(5, 3))})
	build := func() []string {
		if code, stderr := bookc(t, "build", "-q", "-C", dir); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		ents, _ := os.ReadDir(filepath.Join(dir, "out", "anki-media"))
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		return names
	}
	first := build()
	if len(first) != 1 {
		t.Fatalf("anki-media holds %v", first)
	}
	write(t, dir, map[string]string{"content/img.md": strings.Replace(img, "b.png", "c.png", 1)})
	if second := build(); len(second) != 1 || second[0] == first[0] {
		t.Errorf("after swapping the image: %v (before %v)", second, first)
	}
	write(t, dir, map[string]string{"content/img.md": "## Bild {#Bild .term}\n\nLead.\n"})
	if third := build(); len(third) != 0 {
		t.Errorf("after removing the image: %v", third)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "anki-media")); err == nil {
		t.Error("the empty anki-media folder stayed")
	}
}
