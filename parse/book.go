package parse

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"unicode"

	"bookc/ast"
	"bookc/collation"
	"bookc/config"
	"bookc/diag"
)

// MaxFileSize bounds one entry file. Larger files are refused rather than
// read into memory.
const MaxFileSize = 16 << 20

// Book reads and parses every entry file of the book, concurrently, then
// gives every heading without an id a unique one and puts the entries in
// the order book.yaml asks for.
func Book(cfg *config.Book, files []string) (*ast.Document, diag.List) {
	return (*Cache)(nil).Book(cfg, files)
}

// Book is like the package's Book but reuses the entries of files whose
// content has not changed since the cache last saw them. A nil cache
// parses everything.
func (c *Cache) Book(cfg *config.Book, files []string) (*ast.Document, diag.List) {
	type result struct {
		entries []*ast.Entry
		ds      diag.List
	}
	results := make([]result, len(files))
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(files)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				results[i].entries, results[i].ds = c.readFile(cfg, files[i])
			}
		}()
	}
	for i := range files {
		work <- i
	}
	close(work)
	wg.Wait()
	doc := &ast.Document{}
	var ds diag.List
	for _, r := range results {
		doc.Entries = append(doc.Entries, r.entries...)
		ds.Add(r.ds...)
	}
	AssignIDs(doc)
	if cfg.Order == "alphabetical" {
		SortEntries(doc, cfg.Language)
	}
	return doc, ds
}

func (c *Cache) readFile(cfg *config.Book, name string) (entries []*ast.Entry, ds diag.List) {
	defer func() {
		if r := recover(); r != nil {
			entries = nil
			ds.Errorf(ast.Pos{File: name}, "internal error while parsing this file (please report it with the file): %v", r)
		}
	}()
	f, err := os.Open(filepath.Join(cfg.Dir, filepath.FromSlash(name)))
	if err != nil {
		ds.Errorf(ast.Pos{File: name}, "%v", unwrapPath(err))
		return nil, ds
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		ds.Errorf(ast.Pos{File: name}, "%v", unwrapPath(err))
		return nil, ds
	}
	if len(data) > MaxFileSize {
		ds.Errorf(ast.Pos{File: name}, "file is larger than %d MiB; split it", MaxFileSize>>20)
		return nil, ds
	}
	return c.parse(name, data, cfg.Language)
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return fmt.Errorf("%s: %v", pe.Op, pe.Err)
	}
	return err
}

// Slug makes an id from a title: letters (umlauts kept) and digits, words
// joined by hyphens, case kept, as authors write their ids.
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range title {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	s := strings.TrimLeft(b.String(), ".")
	if s == "" {
		return "entry"
	}
	return s
}

// AssignIDs gives every entry, section and heading without an explicit id
// one made from its title, unique across the book. Explicit ids are
// reserved first, so a generated id never takes one an author wrote.
func AssignIDs(doc *ast.Document) {
	taken := map[string]bool{"Index": true}
	for _, e := range doc.Entries {
		for _, a := range explicitIDs(e) {
			taken[a] = true
		}
	}
	for _, e := range doc.Entries {
		clearAutoIDs(e)
	}
	unique := func(s string) string {
		id := s
		for n := 2; taken[id]; n++ {
			id = fmt.Sprintf("%s-%d", s, n)
		}
		taken[id] = true
		return id
	}
	for _, e := range doc.Entries {
		if e.Attr.ID == "" {
			e.Attr.ID, e.AutoID = unique(Slug(e.TitleText())), true
		}
		for _, s := range e.Sections {
			if s.Attr.ID == "" {
				s.Attr.ID, s.AutoID = unique(e.Attr.ID+"-"+Slug(ast.PlainText(s.Title))), true
			}
		}
		headings(e, func(h *ast.Heading) {
			if h.Attr.ID == "" {
				h.Attr.ID, h.AutoID = unique(e.Attr.ID+"-"+Slug(ast.PlainText(h.Inlines))), true
			}
		})
	}
}

func explicitIDs(e *ast.Entry) []string {
	var ids []string
	add := func(id string) {
		if id != "" {
			ids = append(ids, id)
		}
	}
	add(e.Attr.ID)
	for _, s := range e.Sections {
		add(s.Attr.ID)
	}
	headings(e, func(h *ast.Heading) { add(h.Attr.ID) })
	return ids
}

func headings(e *ast.Entry, fn func(*ast.Heading)) { ast.Headings(e, fn) }

// SortEntries orders chapters alphabetically by title in the language's
// collation. An entry that is not a chapter stays with the chapter it
// follows.
func SortEntries(doc *ast.Document, lang string) {
	var groups [][]*ast.Entry
	for _, e := range doc.Entries {
		if len(groups) == 0 || e.Chapter() || !sameFile(groups[len(groups)-1][0], e) {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], e)
	}
	s := collation.New(lang)
	s.SortStable(len(groups), func(i int) string { return groups[i][0].TitleText() + "\x00" + groups[i][0].ID() },
		func(i, j int) { groups[i], groups[j] = groups[j], groups[i] })
	doc.Entries = doc.Entries[:0]
	for _, g := range groups {
		doc.Entries = append(doc.Entries, g...)
	}
}

func sameFile(a, b *ast.Entry) bool { return a.Pos.File == b.Pos.File }

// clearAutoIDs forgets generated ids, so that AssignIDs can run again on
// entries reused from a cache.
func clearAutoIDs(e *ast.Entry) {
	if e.AutoID {
		e.Attr.ID, e.AutoID = "", false
	}
	for _, s := range e.Sections {
		if s.AutoID {
			s.Attr.ID, s.AutoID = "", false
		}
	}
	headings(e, func(h *ast.Heading) {
		if h.AutoID {
			h.Attr.ID, h.AutoID = "", false
		}
	})
}
