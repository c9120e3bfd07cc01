// Package build runs the pipeline: load book.yaml, parse the entries, link
// them, render the chosen backends and write their files safely.
package build

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"bookc/ast"
	"bookc/backends/anki"
	"bookc/backends/epub"
	"bookc/build/txn"
	"bookc/config"
	"bookc/diag"
	"bookc/link"
	"bookc/parse"
)

// Formats lists the outputs bookc can write, in the order they are built.
var Formats = []string{"pdf", "epub", "anki"}

// Options says what to build.
type Options struct {
	Dir     string   // the book's folder, holding book.yaml
	OutDir  string   // where outputs go; relative to Dir when not absolute
	Formats []string // subset of Formats; empty means all
	Strict  bool     // warnings count as errors
	// Cache, when set, reuses parsed entries of unchanged files.
	Cache *parse.Cache
	// Trace, when set, is told when each stage ends and how long it took.
	// It may be called from several goroutines at once.
	Trace func(stage string, d time.Duration)
	// Guard, when set, lets a signal handler stop the write cleanly.
	Guard *txn.Guard
}

func (o *Options) trace(stage string, start time.Time) {
	if o.Trace != nil {
		o.Trace(stage, time.Since(start))
	}
}

// Book is a parsed and linked book, ready for the backends.
type Book struct {
	Config *config.Book
	Doc    *ast.Document
	Links  *link.Links
	// print is the handbook's layout, made once for the PDF and the
	// EPUB's page list, also across several Emit calls.
	print printed
}

// Load reads book.yaml and every entry and links them. It returns nil when
// the book cannot be built; diagnostics are sorted.
func Load(dir string, strict bool) (*Book, diag.List) {
	return load(&Options{Dir: dir, Strict: strict})
}

func load(opts *Options) (*Book, diag.List) {
	dir, strict := opts.Dir, opts.Strict
	start := time.Now()
	cfg, ds := config.Load(dir)
	if cfg == nil {
		return nil, finish(ds, strict)
	}
	files, fds := cfg.Files()
	ds.Add(fds...)
	if fds.HasErrors() {
		return nil, finish(ds, strict)
	}
	doc, pds := opts.Cache.Book(cfg, files)
	if opts.Cache != nil {
		opts.Cache.Forget(files)
	}
	ds.Add(pds...)
	opts.trace("parse", start)
	start = time.Now()
	if len(doc.Entries) == 0 {
		ds.Errorf(cfg.Pos("content"), "the book has no entries: no `## Title {#Id}` heading in %d file(s)", len(files))
	}
	links, lds := link.Resolve(doc, cfg.Language)
	ds.Add(lds...)
	ds.Add(links.ResolveImages(doc, cfg)...)
	opts.trace("link", start)
	ds = finish(ds, strict)
	if ds.HasErrors() {
		return nil, ds
	}
	return &Book{Config: cfg, Doc: doc, Links: links}, ds
}

func finish(ds diag.List, strict bool) diag.List {
	if strict {
		ds = ds.Strict()
	}
	ds.Sort()
	return ds
}

// output is one rendered file, not yet written.
type output struct {
	name string // relative to the output folder
	data []byte
	// path, when set, is where the file goes instead: a file kept in the
	// book's folder, such as the Anki state file, written after the
	// outputs and only when its bytes change (see writeKept).
	path string
}

// Run builds the book. Every output is rendered in memory first; files are
// written only when no error was found, and then replace the earlier ones
// together or not at all (see writeAll).
func Run(opts Options) ([]string, diag.List) {
	formats, err := checkFormats(opts.Formats)
	if err != nil {
		return nil, diag.List{{Pos: ast.Pos{File: "--format"}, Severity: diag.Error, Msg: err.Error()}}
	}
	b, ds := load(&opts)
	if b == nil {
		return nil, ds
	}
	written, eds := b.Emit(opts, formats)
	ds = append(ds, eds...)
	ds.Sort()
	return written, ds
}

// Emit renders the loaded book in the given formats and writes the files,
// only when no backend reported an error.
func (b *Book) Emit(opts Options, formats []string) ([]string, diag.List) {
	outs, ds := render(b, formats, &opts)
	ds = finish(ds, opts.Strict)
	if ds.HasErrors() {
		return nil, ds
	}
	outDir := opts.OutDir
	if !filepath.IsAbs(outDir) {
		outDir = filepath.Join(opts.Dir, outDir)
	}
	start := time.Now()
	var kept []string
	var kds diag.List
	written, wds := writeAll(outDir, outs, formats, opts.Guard, func() { kept, kds = writeKept(outs) })
	written, wds = append(written, kept...), append(wds, kds...)
	opts.trace("write", start)
	return written, append(ds, wds...)
}

// LoadWith is Load with the cache and trace of opts.
func LoadWith(opts Options) (*Book, diag.List) { return load(&opts) }

func checkFormats(fs []string) ([]string, error) {
	if len(fs) == 0 {
		return Formats, nil
	}
	seen := map[string]bool{}
	for _, f := range fs {
		f = strings.TrimSpace(strings.ToLower(f))
		switch f {
		case "pdf", "epub", "anki":
			seen[f] = true
		case "csv":
			seen["anki"] = true
		default:
			return nil, fmt.Errorf("unknown format %q (use pdf, epub, anki)", f)
		}
	}
	var out []string
	for _, f := range Formats {
		if seen[f] {
			out = append(out, f)
		}
	}
	return out, nil
}

// render runs the chosen backends concurrently; they share the book read
// only.
func render(b *Book, formats []string, opts *Options) ([]output, diag.List) {
	results := make([][]output, len(formats))
	dss := make([]diag.List, len(formats))
	var wg sync.WaitGroup
	pr := &b.print
	for i, f := range formats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			results[i], dss[i] = renderOne(b, f, pr)
			opts.trace(f, start)
		}()
	}
	wg.Wait()
	var outs []output
	var ds diag.List
	for i := range formats {
		outs = append(outs, results[i]...)
		ds = append(ds, dss[i]...)
	}
	return outs, ds
}

func renderOne(b *Book, format string, pr *printed) (outs []output, ds diag.List) {
	defer func() {
		if r := recover(); r != nil {
			outs = nil
			ds.Errorf(ast.Pos{File: format}, "internal error while rendering (please report it with the input): %v", r)
		}
	}()
	fail := func(err error) ([]output, diag.List) {
		ds.Errorf(ast.Pos{File: format}, "%v", err)
		return nil, ds
	}
	switch format {
	case "pdf":
		data, rds, err := renderPDF(b, pr)
		ds = rds
		if err != nil {
			return fail(err)
		}
		return []output{{name: "book.pdf", data: data}}, ds
	case "epub":
		pages, pds := pr.pages(b)
		data, rds, err := epub.Render(b.Doc, b.Links, b.Config, pages)
		ds = append(pds, rds...)
		if err != nil {
			return fail(err)
		}
		return []output{{name: "book.epub", data: data}}, ds
	}
	prev, sds := anki.ReadState(b.Config)
	if sds.HasErrors() {
		return nil, sds
	}
	res, rds, err := anki.RenderState(b.Doc, b.Links, b.Config, prev)
	ds = append(sds, rds...)
	if err != nil {
		return fail(err)
	}
	outs = []output{{name: "cards.csv", data: res.CSV}, {name: "cards.apkg", data: res.APKG}}
	for _, m := range res.Media {
		outs = append(outs, output{name: "anki-media/" + m.Name, data: m.Data})
	}
	if res.StatePath != "" {
		outs = append(outs, output{name: filepath.Base(res.StatePath), data: res.State, path: res.StatePath})
	}
	return outs, ds
}
