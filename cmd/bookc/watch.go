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
	fsw    *fsnotify.Watcher
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
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return &bookError{msg: err.Error()}
	}
	defer fsw.Close()
	w := &watcher{flags: f, stderr: stderr, cache: parse.NewCache(), fsw: fsw, hooks: hooks}
	w.addTree(f.dir)
	w.rebuild()
	fmt.Fprintln(stderr, "watching", f.dir, "(Ctrl-C stops)")
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			fmt.Fprintln(stderr, "stopped")
			return nil
		case ev, ok := <-fsw.Events:
			if !ok {
				return nil
			}
			if w.relevant(ev) {
				timer = time.After(debounce)
			}
		case err, ok := <-fsw.Errors:
			if ok {
				fmt.Fprintln(stderr, "watch:", err)
			}
		case <-timer:
			timer = nil
			w.rebuild()
		}
	}
}

// addTree watches dir and every folder below it but the output folder and
// hidden ones; new folders are added as they appear.
func (w *watcher) addTree(dir string) {
	out, _ := filepath.Abs(filepath.Join(w.flags.dir, w.flags.out))
	if filepath.IsAbs(w.flags.out) {
		out = w.flags.out
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		abs, _ := filepath.Abs(p)
		if abs == out || (p != dir && strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		w.fsw.Add(p)
		return nil
	})
}

func (w *watcher) relevant(ev fsnotify.Event) bool {
	name := filepath.Base(ev.Name)
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
		return false
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
			w.addTree(ev.Name)
			return true
		}
	}
	ext := strings.ToLower(filepath.Ext(name))
	return name == "book.yaml" || ext == ".md" || ext == ".txt" || ext == ".png" || ext == ".jpg" ||
		ext == ".jpeg" || ext == ".css" || ext == ".ttf" || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)
}

// rebuild loads the book once, writes the fast outputs (EPUB, CSV) first
// and the PDF after them. A broken edit writes nothing: the last good
// outputs stay.
func (w *watcher) rebuild() {
	start := time.Now()
	opts := build.Options{Dir: w.flags.dir, OutDir: w.flags.out, Strict: w.flags.strict, Cache: w.cache}
	b, ds := build.LoadWith(opts)
	report(w.stderr, ds, w.flags.quiet)
	if w.hooks.loaded != nil {
		w.hooks.loaded(b, ds)
	}
	if b == nil {
		fmt.Fprintf(w.stderr, "%s build failed; outputs unchanged\n", clock())
		return
	}
	groups := [][]string{{"epub", "anki"}, {"pdf"}}
	if len(w.flags.formats) > 0 {
		groups = [][]string{w.flags.formats}
	}
	for _, g := range groups {
		written, eds := b.Emit(opts, g)
		report(w.stderr, eds, w.flags.quiet)
		if w.hooks.emitted != nil {
			w.hooks.emitted(g, written, eds)
		}
		if eds.HasErrors() {
			fmt.Fprintf(w.stderr, "%s %s failed; its outputs are unchanged\n", clock(), strings.Join(g, ", "))
			continue
		}
		fmt.Fprintf(w.stderr, "%s wrote %s in %d ms\n", clock(), names(written), time.Since(start).Milliseconds())
	}
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
