// Package book is the pipeline's front half and the contract of its back
// half: Load reads book.yaml, parses the entries and links them into a
// Book; every backend is a plain function from that Book to Files, as
// pandoc's writers and mdBook's renderers are.
package book

import (
	"sync"
	"time"

	"bookc/ast"
	"bookc/config"
	"bookc/diag"
	"bookc/link"
	"bookc/parse"
)

// Book is a parsed and linked book: what every backend renders.
type Book struct {
	Config *config.Book
	Doc    *ast.Document
	Links  *link.Links
	// Memo holds what backends reuse from one build of a watch session to
	// the next; nil renders from scratch.
	Memo *Memo
	// Shared holds what the backends of this book share, made once: the
	// print layout that the PDF is written from and the EPUB's page list
	// follows.
	Shared Memo
	// PrintPages, when set, returns the printed edition's pagination for
	// the EPUB's page list (nil for none), with what laying it out said.
	PrintPages func() ([]link.PrintPage, diag.List)
}

// File is one output file a backend made, named relative to the output
// folder with '/'.
type File struct {
	Name string
	Data []byte
	// Path, when set, is where the file goes instead: a file kept in the
	// book's folder, such as the Anki state file, written after the
	// outputs and only when its bytes change.
	Path string
}

// Render is the one signature every backend has. Problems with the book
// come back as diagnostics; the error is for a failure of the writer,
// which then made no file.
type Render func(b *Book) ([]File, diag.List, error)

// Options says how to load a book.
type Options struct {
	Strict bool // warnings count as errors
	// Cache, when set, reuses parsed entries of unchanged files.
	Cache *parse.Cache
	// Trace, when set, is told when each stage ends and how long it took.
	Trace func(stage string, d time.Duration)
	// Memo is handed to the backends with the book.
	Memo *Memo
}

func (o *Options) trace(stage string, start time.Time) {
	if o.Trace != nil {
		o.Trace(stage, time.Since(start))
	}
}

// Load reads dir/book.yaml and every entry, and links them. It returns nil
// when the book cannot be built; diagnostics are sorted.
func Load(dir string, o Options) (*Book, diag.List) {
	start := time.Now()
	cfg, ds := config.Load(dir)
	if cfg == nil {
		return nil, ds.Final(o.Strict)
	}
	files, fds := cfg.Files()
	ds.Add(fds...)
	if fds.HasErrors() {
		return nil, ds.Final(o.Strict)
	}
	doc, pds := o.Cache.Book(cfg, files)
	if o.Cache != nil {
		o.Cache.Forget(files)
	}
	ds.Add(pds...)
	o.trace("parse", start)
	start = time.Now()
	if len(doc.Entries) == 0 {
		ds.Errorf(cfg.Pos("content"), "the book has no entries: no `## Title {#Id}` heading in %d file(s)", len(files))
	}
	links, lds := link.Resolve(doc, cfg.Language)
	ds.Add(lds...)
	ds.Add(links.ResolveImages(doc, cfg)...)
	o.trace("link", start)
	ds = ds.Final(o.Strict)
	if ds.HasErrors() {
		return nil, ds
	}
	return &Book{Config: cfg, Doc: doc, Links: links, Memo: o.Memo}, ds
}

// Memo is a store a watch session keeps for the backends between builds,
// one value per key; it is safe for concurrent use.
type Memo struct {
	mu sync.Mutex
	m  map[string]any
}

// Keep returns the value stored under key, made by mk on first use. On a
// nil Memo it returns a fresh value every time.
func (m *Memo) Keep(key string, mk func() any) any {
	if m == nil {
		return mk()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.m[key]; ok {
		return v
	}
	if m.m == nil {
		m.m = map[string]any{}
	}
	v := mk()
	m.m[key] = v
	return v
}
