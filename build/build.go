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
	"bookc/backends/pdf"
	"bookc/book"
	"bookc/build/txn"
	"bookc/diag"
	"bookc/link"
	"bookc/parse"
)

// Backend is one output format.
type Backend struct {
	Name   string      // as --format names it
	Alias  string      // another name --format accepts
	Render book.Render // the backend itself
	// Owns is a folder of the output that holds this backend's files
	// alone: a build removes what it did not write there.
	Owns string
	// Lead backends are rendered and written first when watching, the
	// others after them.
	Lead bool
}

// Backends lists every output bookc writes, in the order they are built:
// the one place the formats are named.
var Backends = []Backend{
	{Name: "pdf", Render: pdf.Render, Lead: true},
	{Name: "epub", Render: epub.Render},
	{Name: "anki", Alias: "csv", Render: anki.Render, Owns: anki.MediaDir},
}

// Options says what to build.
type Options struct {
	Dir     string   // the book's folder, holding book.yaml
	OutDir  string   // where outputs go; relative to Dir when not absolute
	Formats []string // names of Backends; empty means all
	Strict  bool     // warnings count as errors
	// Cache, when set, reuses parsed entries of unchanged files.
	Cache *parse.Cache
	// Trace, when set, is told when each stage ends and how long it took.
	// It may be called from several goroutines at once.
	Trace func(stage string, d time.Duration)
	// Guard, when set, lets a signal handler stop the write cleanly.
	Guard *txn.Guard
	// Memo, when set, lets backends reuse work from the previous build of a
	// watch session.
	Memo *book.Memo
}

func (o *Options) trace(stage string, start time.Time) {
	if o.Trace != nil {
		o.Trace(stage, time.Since(start))
	}
}

// Book is a parsed and linked book, ready for the backends.
type Book = book.Book

// Load reads book.yaml and every entry and links them. It returns nil when
// the book cannot be built; diagnostics are sorted.
func Load(dir string, strict bool) (*Book, diag.List) {
	return load(&Options{Dir: dir, Strict: strict})
}

func load(opts *Options) (*Book, diag.List) {
	b, ds := book.Load(opts.Dir, book.Options{Strict: opts.Strict, Cache: opts.Cache, Trace: opts.Trace, Memo: opts.Memo})
	if b != nil {
		b.PrintPages = func() ([]link.PrintPage, diag.List) { return printPages(b) }
	}
	return b, ds
}

// Run builds the book. Every output is rendered in memory first; files are
// written only when no error was found, and then replace the earlier ones
// together or not at all (see writeAll).
func Run(opts Options) ([]string, diag.List) {
	formats, err := Select(opts.Formats)
	if err != nil {
		return nil, diag.List{{Pos: ast.Pos{File: "--format"}, Severity: diag.Error, Msg: err.Error()}}
	}
	b, ds := load(&opts)
	if b == nil {
		return nil, ds
	}
	written, eds := Emit(b, opts, formats)
	ds = append(ds, eds...)
	ds.Sort()
	return written, ds
}

// Emit renders the loaded book with the given backends and writes the
// files, only when no backend reported an error.
func Emit(b *Book, opts Options, formats []Backend) ([]string, diag.List) {
	return Rendered(b, formats, &opts).Write(opts)
}

// Outputs are the rendered files of some backends, not yet written.
type Outputs struct {
	formats []Backend
	outs    []book.File
	ds      diag.List
}

// Rendered renders the loaded book with the given backends in memory.
func Rendered(b *Book, formats []Backend, opts *Options) *Outputs {
	outs, ds := render(b, formats, opts)
	return &Outputs{formats: formats, outs: outs, ds: ds}
}

// Write writes the rendered files as one transaction, only when no
// backend reported an error.
func (r *Outputs) Write(opts Options) ([]string, diag.List) {
	outs, formats, ds := r.outs, r.formats, r.ds.Final(opts.Strict)
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

// Select returns the backends --format names, in build order; none
// means all.
func Select(names []string) ([]Backend, error) {
	if len(names) == 0 {
		return Backends, nil
	}
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(strings.ToLower(n))
		found := false
		for _, b := range Backends {
			if n == b.Name || n == b.Alias && n != "" {
				seen[b.Name], found = true, true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown format %q (use %s)", n, strings.Join(Names(), ", "))
		}
	}
	var out []Backend
	for _, b := range Backends {
		if seen[b.Name] {
			out = append(out, b)
		}
	}
	return out, nil
}

// LeadFirst splits backends into the lead ones and the others, each
// group in build order, leaving out an empty group.
func LeadFirst(backends []Backend) [][]Backend {
	var lead, rest []Backend
	for _, b := range backends {
		if b.Lead {
			lead = append(lead, b)
		} else {
			rest = append(rest, b)
		}
	}
	var groups [][]Backend
	for _, g := range [][]Backend{lead, rest} {
		if len(g) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

// Names returns the backends' names in build order.
func Names() []string {
	names := make([]string, len(Backends))
	for i, b := range Backends {
		names[i] = b.Name
	}
	return names
}

// render runs the chosen backends concurrently; they share the book read
// only.
func render(b *Book, backends []Backend, opts *Options) ([]book.File, diag.List) {
	results := make([][]book.File, len(backends))
	dss := make([]diag.List, len(backends))
	var wg sync.WaitGroup
	for i, be := range backends {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			results[i], dss[i] = renderOne(b, be)
			opts.trace(be.Name, start)
		}()
	}
	wg.Wait()
	var outs []book.File
	var ds diag.List
	for i := range backends {
		outs = append(outs, results[i]...)
		ds = append(ds, dss[i]...)
	}
	return outs, ds
}

// renderOne runs one backend; a panic in it becomes a positioned error
// and no file.
func renderOne(b *Book, be Backend) (outs []book.File, ds diag.List) {
	defer func() {
		if r := recover(); r != nil {
			outs = nil
			ds.Errorf(ast.Pos{File: be.Name}, "internal error while rendering (please report it with the input): %v", r)
		}
	}()
	outs, ds, err := be.Render(b)
	if err != nil {
		ds.Errorf(ast.Pos{File: be.Name}, "%v", err)
		return nil, ds
	}
	return outs, ds
}
