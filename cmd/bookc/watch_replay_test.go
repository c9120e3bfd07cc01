package main

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"bookc/build"
)

// replay is a book under watch that a test edits the way authors and their
// editors do.
type replay struct {
	t     *testing.T
	dir   string
	rng   *rand.Rand
	n     int // counts edits, for unique names and texts
	image bool
}

func (r *replay) path(rel string) string { return filepath.Join(r.dir, filepath.FromSlash(rel)) }

// entries lists the entry files under content/, slash-separated.
func (r *replay) entries() []string {
	var out []string
	filepath.WalkDir(r.path("content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasPrefix(d.Name(), ".") {
			rel, _ := filepath.Rel(r.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// folders lists the folders below content/.
func (r *replay) folders() []string {
	var out []string
	filepath.WalkDir(r.path("content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != r.path("content") && d.Name() != "img" {
			rel, _ := filepath.Rel(r.dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

// count is the number of entry files under folder f.
func (r *replay) count(f string) int {
	n := 0
	for _, e := range r.entries() {
		if strings.HasPrefix(e, f+"/") {
			n++
		}
	}
	return n
}

func (r *replay) pick(list []string) string { return list[r.rng.Intn(len(list))] }

func (r *replay) write(rel, data string) {
	os.MkdirAll(filepath.Dir(r.path(rel)), 0o755)
	if err := os.WriteFile(r.path(rel), []byte(data), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *replay) read(rel string) string {
	b, err := os.ReadFile(r.path(rel))
	if err != nil {
		r.t.Fatal(err)
	}
	return string(b)
}

// entry is a new entry: a title several files share, with a generated or an
// explicit id.
func (r *replay) entry() string {
	title := r.pick([]string{"Alpha", "Gamma", "Delta"})
	attr := "{.term}"
	if r.rng.Intn(3) == 0 {
		attr = fmt.Sprintf("{#%s-x%d .term}", title, r.n)
	}
	return fmt.Sprintf("## %s %s\n\nText %d mit Verweis auf [Alpha](#Alpha) und [Beta](#Beta).\n\n### Einzelheiten\n\nMehr.\n", title, attr, r.n)
}

// edits are the changes the test chooses from; each names itself.
func (r *replay) edits() map[string]func() {
	return map[string]func(){
		"edit text": func() {
			f := r.pick(r.entries())
			r.write(f, r.read(f)+fmt.Sprintf("\nÄnderung %d.\n", r.n))
		},
		"new file": func() {
			r.write(fmt.Sprintf("%s/neu%d.md", r.pick(append(r.folders(), "content")), r.n), r.entry())
		},
		"delete file": func() {
			if es := r.entries(); len(es) > 2 {
				os.Remove(r.path(r.pick(es)))
			}
		},
		"rename folder": func() {
			if fs := r.folders(); len(fs) > 0 {
				from := r.pick(fs)
				to := fmt.Sprintf("%s/ordner%d", r.pick([]string{"content", filepath.ToSlash(filepath.Dir(from))}), r.n)
				if err := os.Rename(r.path(from), r.path(to)); err != nil {
					r.t.Fatal(err)
				}
			}
		},
		"new folder": func() { r.write(fmt.Sprintf("content/tief%d/unter/e.md", r.n), r.entry()) },
		"delete folder": func() {
			if fs := r.folders(); len(fs) > 0 {
				f := r.pick(fs)
				if len(r.entries())-r.count(f) >= 2 {
					os.RemoveAll(r.path(f))
				}
			}
		},
		"re-create folder": func() { // gone and back under the same name, at once
			if fs := r.folders(); len(fs) > 0 {
				f := r.pick(fs)
				os.RemoveAll(r.path(f))
				r.write(f+"/wieder.md", r.entry())
			}
		},
		"vim save": func() { // backup by rename, swap file, new file
			f := r.pick(r.entries())
			swp := filepath.Join(filepath.Dir(f), "."+filepath.Base(f)+".swp")
			r.write(swp, "swap")
			data := r.read(f)
			os.Rename(r.path(f), r.path(f+"~"))
			r.write(filepath.Join(filepath.Dir(f), "4913"), "")
			os.Remove(r.path(filepath.Join(filepath.Dir(f), "4913")))
			r.write(f, strings.Replace(data, "Text", fmt.Sprintf("Text (vim %d)", r.n), 1))
			os.Remove(r.path(f + "~"))
			os.Remove(r.path(swp))
		},
		"temp and rename": func() {
			f := r.pick(r.entries())
			tmp := f + fmt.Sprintf(".tmp%d", r.n)
			r.write(tmp, r.read(f)+fmt.Sprintf("\nAtomar %d.\n", r.n))
			os.Rename(r.path(tmp), r.path(f))
		},
		"emacs lock": func() {
			f := r.pick(r.entries())
			lock := r.path(filepath.Join(filepath.Dir(f), ".#"+filepath.Base(f)))
			os.Symlink("autor@rechner.4711:1700000000", lock)
			r.write(filepath.Join(filepath.Dir(f), "#"+filepath.Base(f)+"#"), "autosave")
			r.write(f, r.read(f)+fmt.Sprintf("\nEmacs %d.\n", r.n))
			os.Remove(r.path(filepath.Join(filepath.Dir(f), "#"+filepath.Base(f)+"#")))
			os.Remove(lock)
		},
		"explicit id": func() {
			f := r.pick(r.entries())
			s := r.read(f)
			if strings.Contains(s, "## Alpha {.term}") {
				r.write(f, strings.Replace(s, "## Alpha {.term}", fmt.Sprintf("## Alpha {#Alpha-e%d .term}", r.n), 1))
			} else {
				r.write(f, strings.Replace(s, "{#", "{#Neu", 1))
			}
		},
		"image": func() {
			g := "content/gamma.md"
			if _, err := os.Stat(r.path(g)); err != nil {
				r.write(g, "## Gamma {.term}\n\nGamma-Text.\n")
			}
			s := r.read(g)
			if r.image {
				r.write(g, strings.Replace(s, "\n\n![Ein Bild](img/bild.png)\n", "\n", 1))
				os.Remove(r.path("content/img/bild.png"))
			} else {
				r.write("content/img/bild.png", string(pngBytes(4+r.n%5, 3)))
				r.write(g, s+"\n\n![Ein Bild](img/bild.png)\n")
			}
			r.image = !r.image
		},
	}
}

// TestWatchReplay applies a random sequence of edits while watch runs.
// After each, the watched outputs must become byte-identical to a clean
// build of the same sources: generated ids, folder renames and editors'
// ways of saving must not make watch differ from build.
func TestWatchReplay(t *testing.T) {
	dir := t.TempDir()
	seed := time.Now().UnixNano()
	if s, err := strconv.ParseInt(os.Getenv("BOOKC_REPLAY_SEED"), 10, 64); err == nil {
		seed = s // replays a logged sequence
	}
	r := &replay{t: t, dir: dir, rng: rand.New(rand.NewSource(seed))}
	t.Logf("seed %d (BOOKC_REPLAY_SEED replays it)", seed)
	// Without the Anki state file: it records when notes changed, so the
	// package follows the history of builds (watch's included), not the
	// sources alone, and the clean builds here share the book's folder.
	r.write("book.yaml", goodYAML+"anki:\n  state: none\n")
	r.write("content/a/alpha.md", "## Alpha {.term}\n\nErster Text. Siehe [Beta](#Beta).\n\n### Mehr\n\nTeil.\n")
	r.write("content/a/alpha2.md", "## Alpha {.term}\n\nZweites Alpha, siehe [Alpha](#Alpha-2).\n")
	r.write("content/b/beta.md", "## Beta {#Beta .chapter .term}\n\nSiehe [Alpha](#Alpha).\n")
	r.write("content/gamma.md", "## Gamma {.term}\n\nGamma-Text.\n")
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- watch(ctx, buildFlags{dir: dir, out: "out", quiet: true}, &stderr) }()
	defer func() {
		cancel()
		<-done
	}()
	out := filepath.Join(dir, "out")
	r.settle(out, "the first build")
	time.Sleep(300 * time.Millisecond) // let any stray event arrive
	if n := strings.Count(stderr.String(), "book.pdf in"); n != 1 {
		t.Fatalf("watch built %d times at start:\n%s", n, stderr.String())
	}
	edits := r.edits()
	var names []string
	for name := range edits {
		names = append(names, name)
	}
	sort.Strings(names)
	for i := 0; i < 3*len(names); i++ {
		r.n = i
		name := names[r.rng.Intn(len(names))]
		if i < len(names) {
			name = names[i] // every kind of edit at least once
		}
		edits[name]()
		r.settle(out, fmt.Sprintf("edit %d (%s)", i, name))
	}
}

// settle builds the current sources cleanly and waits until watch's
// outputs are byte-identical to that build.
func (r *replay) settle(out, what string) {
	r.t.Helper()
	clean := r.t.TempDir()
	_, ds := build.Run(build.Options{Dir: r.dir, OutDir: clean})
	if ds.HasErrors() {
		r.t.Fatalf("%s: the clean build failed: %v", what, ds)
	}
	want, _ := outputs(r.t, clean)
	var got map[string][32]byte
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var hidden []string
		got, hidden = outputs(r.t, out)
		if equalSnap(got, want) && len(hidden) == 0 {
			return
		}
	}
	var diff []string
	for k := range want {
		if got[k] != want[k] {
			diff = append(diff, k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			diff = append(diff, k+" (extra)")
		}
	}
	r.t.Fatalf("%s: watch's outputs differ from a clean build: %v\nsources: %v", what, diff, r.entries())
}
