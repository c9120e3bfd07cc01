package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"bookc/backends/anki"
	"bookc/book"
	"bookc/build"
	"bookc/diag"
	"bookc/parse"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/cobra"
)

// debounce is how long watch waits after the last change before it
// rebuilds, so that an editor's save (often several writes) is one build.
const debounce = 10 * time.Millisecond

func newWatch(stderr io.Writer) *cobra.Command {
	var f buildFlags
	c := &cobra.Command{
		Use:   "watch",
		Short: "Build, then rebuild whenever book.yaml or a content file changes (Ctrl-C stops)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return watch(ctx, f, stderr)
		},
	}
	f.register(c, true)
	return c
}

// watcher rebuilds the book on changes, reusing parsed entries of files
// that did not change.
type watcher struct {
	flags  buildFlags
	stderr io.Writer
	cache  *parse.Cache
	memo   *book.Memo
	ctx    context.Context // a Ctrl-C ends it: the rebuild skips outputs it has not begun
	fsw    *fsnotify.Watcher
	out    string          // the output folder, absolute
	dirs   map[string]bool // the folders watched, absolute
	kept   string          // the Anki state file the build keeps, absolute
	hooks  watchHooks
}

// watchHooks let another command (serve) follow the builds of a watch.
// Both are called from the watch loop, one build at a time.
type watchHooks struct {
	// loaded is told of every load: the book, nil when it has errors, and
	// the diagnostics of parsing and linking.
	loaded func(b *build.Book, ds diag.List)
	// emitted is told of every group of formats rendered after a load:
	// the files written (none on error) and the backends' diagnostics.
	emitted func(formats, written []string, ds diag.List)
}

func watch(ctx context.Context, f buildFlags, stderr io.Writer) error {
	return watchWith(ctx, f, stderr, watchHooks{})
}

// watchWith is watch, telling hooks of every build.
func watchWith(ctx context.Context, f buildFlags, stderr io.Writer, hooks watchHooks) error {
	w := &watcher{flags: f, stderr: stderr, cache: parse.NewCache(), memo: &book.Memo{}, ctx: ctx, hooks: hooks}
	w.out = f.out
	if !filepath.IsAbs(f.out) {
		w.out = filepath.Join(f.dir, f.out)
	}
	w.out, _ = filepath.Abs(w.out)
	if err := w.rewatch(); err != nil {
		return &bookError{msg: err.Error()}
	}
	defer func() { w.fsw.Close() }()
	w.rebuild()
	fmt.Fprintln(stderr, "watching", f.dir, "(Ctrl-C stops)")
	return w.loop(ctx)
}

// loop waits for changes; a quiet spell of debounce after the last one
// starts a rebuild. Changes to the folder tree renew the watches first.
func (w *watcher) loop(ctx context.Context) error {
	var timer <-chan time.Time
	tree := false
	for {
		select {
		case <-ctx.Done():
			fmt.Fprintln(w.stderr, "stopped")
			return nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return nil
			}
			switch w.classify(ev) {
			case changedTree:
				tree = true
				timer = time.After(debounce)
			case changedFile:
				timer = time.After(debounce)
			}
		case err, ok := <-w.fsw.Errors:
			if ok {
				fmt.Fprintln(w.stderr, "watch:", err)
				tree = true // events may have been lost: look at everything again
				timer = time.After(debounce)
			}
		case <-timer:
			timer = nil
			if tree {
				tree = false
				if err := w.rewatch(); err != nil {
					fmt.Fprintln(w.stderr, "watch:", err)
				}
			}
			w.rebuild()
		}
	}
}

// rewatch starts over with a fresh set of watches on the book's folder and
// every folder below it but the output folder and hidden ones. A fresh
// watcher is simpler and safer than patching the old one after folders
// were renamed or moved: the kernel identifies a moved folder by its old
// watch, under its old name.
func (w *watcher) rewatch() error {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	if w.fsw != nil {
		w.fsw.Close()
	}
	w.fsw = fsw
	w.dirs = map[string]bool{}
	root, _ := filepath.Abs(w.flags.dir)
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p == w.out || (p != root && strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if err := fsw.Add(p); err == nil {
			w.dirs[p] = true
		}
		return nil
	})
}

// What an event means for the book.
const (
	unrelated = iota
	changedFile
	changedTree
)

// classify sorts out events that cannot change the book: the output
// folder, editors' swap, backup, lock and temporary files. Any other file
// may be content, an image, a font or book.yaml; a folder that appears,
// disappears or moves changes the tree.
func (w *watcher) classify(ev fsnotify.Event) int {
	p, _ := filepath.Abs(ev.Name)
	if p == w.out || strings.HasPrefix(p, w.out+string(filepath.Separator)) || p == w.kept {
		return unrelated
	}
	if w.dirs[p] && ev.Has(fsnotify.Remove|fsnotify.Rename) {
		return changedTree
	}
	name := filepath.Base(p)
	if ev.Has(fsnotify.Create) && !strings.HasPrefix(name, ".") {
		if st, err := os.Lstat(p); err == nil && st.IsDir() {
			return changedTree
		}
	}
	if editorFile(name) {
		return unrelated
	}
	return changedFile
}

// editorFile reports names that editors use beside the file being edited:
// hidden files (.x.md.swp, .#x.md lock links, .goutputstream-…), backups
// (x.md~), Emacs auto-saves (#x.md#), JetBrains temporaries and Vim's
// probe file 4913.
func editorFile(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), name == "4913":
		return true
	}
	return false
}

// rebuild loads the book once, writes the fast outputs (EPUB, CSV) first
// and the PDF after them. A broken edit writes nothing: the last good
// outputs stay.
func (w *watcher) rebuild() {
	start := time.Now()
	opts := build.Options{Dir: w.flags.dir, OutDir: w.flags.out, Strict: w.flags.strict, Cache: w.cache, Memo: w.memo}
	if w.flags.verbose && !w.flags.quiet {
		opts.Trace = newProgress(w.stderr, true, false).trace
	}
	b, ds := build.LoadWith(opts)
	report(w.stderr, ds, w.flags.quiet)
	if w.hooks.loaded != nil {
		w.hooks.loaded(b, ds)
	}
	if b == nil {
		fmt.Fprintf(w.stderr, "%s build failed; outputs unchanged\n", clock())
		return
	}
	if p := anki.StatePath(b.Config); p != "" {
		w.kept, _ = filepath.Abs(p)
	}
	sel, err := build.Select(w.flags.formats)
	if err != nil {
		fmt.Fprintf(w.stderr, "%s %v\n", clock(), err)
		return
	}
	groups := build.LeadFirst(sel)
	if len(w.flags.formats) > 0 {
		groups = [][]build.Backend{sel}
	}
	// The groups are rendered one after the other, each starting when the
	// one before is rendered, while that one's files are written.
	done := make([]chan *build.Outputs, len(groups))
	for i := range groups {
		done[i] = make(chan *build.Outputs, 1)
	}
	render := func(i int) { done[i] <- build.Rendered(b, groups[i], &opts) }
	go render(0)
	for i, g := range groups {
		r := <-done[i]
		if i > 0 && w.ctx.Err() != nil {
			fmt.Fprintf(w.stderr, "%s stopped before %s; unchanged\n", clock(), groupNames(g))
			return
		}
		if i+1 < len(groups) {
			go render(i + 1)
		}
		written, eds := r.Write(opts)
		report(w.stderr, eds, w.flags.quiet)
		if w.hooks.emitted != nil {
			w.hooks.emitted(backendNames(g), written, eds)
		}
		if eds.HasErrors() {
			fmt.Fprintf(w.stderr, "%s %s failed; its outputs are unchanged\n", clock(), groupNames(g))
			continue
		}
		fmt.Fprintf(w.stderr, "%s wrote %s in %d ms\n", clock(), names(written), time.Since(start).Milliseconds())
	}
}

func groupNames(g []build.Backend) string { return strings.Join(backendNames(g), ", ") }

func backendNames(g []build.Backend) []string {
	var out []string
	for _, b := range g {
		out = append(out, b.Name)
	}
	return out
}

func names(paths []string) string {
	var out []string
	for _, p := range paths {
		if !strings.Contains(filepath.ToSlash(p), "/anki-media/") {
			out = append(out, filepath.Base(p))
		}
	}
	return strings.Join(out, ", ")
}

func clock() string { return time.Now().Format("15:04:05") }
