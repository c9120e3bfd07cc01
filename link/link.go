// Package link resolves the book's cross-references once: it maps every id
// to what it names and the chapter that holds it, and builds the index of
// terms. Backends look targets up here and never search the tree.
package link

import (
	"fmt"
	"path/filepath"
	"strings"

	"bookc/ast"
	"bookc/collation"
	"bookc/diag"
)

// IndexID is the id of the generated index, always a valid target.
const IndexID = "Index"

// Kind tells what a target is.
type Kind int

// The kinds of target.
const (
	EntryTarget   Kind = iota // an entry's heading
	SectionTarget             // a ### section
	HeadingTarget             // a heading inside an entry's body
	IndexTarget               // the generated index
)

// Target is what an id names.
type Target struct {
	ID      string
	Kind    Kind
	Title   string     // plain text of the heading
	Pos     ast.Pos    // where the id is defined
	Entry   *ast.Entry // the entry that holds it; nil for the index
	Chapter *ast.Entry // the chapter whose document holds it; nil for the index
}

// Links is the resolved book.
type Links struct {
	targets  map[string]*Target
	refs     map[*ast.Ref]*Target
	chapter  map[*ast.Entry]*ast.Entry
	chapters []*ast.Entry
	index    []Group
	images   map[*ast.Image]*Asset
}

// Group is one letter of the index.
type Group struct {
	Letter string
	Terms  []*ast.Entry
}

// Resolve maps ids to targets and checks every reference and external
// link. Unknown targets and refused addresses are warnings (with a suggestion where a near id exists); duplicate ids are
// errors naming both places.
func Resolve(doc *ast.Document, lang string) (*Links, diag.List) {
	l := &Links{
		targets: map[string]*Target{IndexID: {ID: IndexID, Kind: IndexTarget, Title: IndexID}},
		refs:    map[*ast.Ref]*Target{},
		chapter: map[*ast.Entry]*ast.Entry{},
	}
	var ds diag.List
	l.assignChapters(doc)
	for _, e := range doc.Entries {
		l.define(e, &ds)
	}
	for _, e := range doc.Entries {
		l.resolveRefs(e, &ds)
		checkLinks(e, &ds)
	}
	l.index = buildIndex(doc, lang)
	return l, ds
}

func (l *Links) assignChapters(doc *ast.Document) {
	var cur *ast.Entry
	for _, e := range doc.Entries {
		if e.Chapter() || cur == nil {
			cur = e
			l.chapters = append(l.chapters, e)
		}
		l.chapter[e] = cur
	}
}

func (l *Links) add(t *Target, ds *diag.List) {
	if prev, ok := l.targets[t.ID]; ok {
		if prev.Kind == IndexTarget {
			ds.Errorf(t.Pos, "id %q is reserved for the generated index", t.ID)
			return
		}
		ds.Add(diag.Diagnostic{Pos: t.Pos, Severity: diag.Error,
			Msg: fmt.Sprintf("duplicate id %q, first defined at %s", t.ID, prev.Pos)})
		return
	}
	l.targets[t.ID] = t
}

func (l *Links) define(e *ast.Entry, ds *diag.List) {
	ch := l.chapter[e]
	l.add(&Target{ID: e.ID(), Kind: EntryTarget, Title: e.TitleText(), Pos: e.Pos, Entry: e, Chapter: ch}, ds)
	for _, s := range e.Sections {
		l.add(&Target{ID: s.Attr.ID, Kind: SectionTarget, Title: ast.PlainText(s.Title), Pos: s.Pos, Entry: e, Chapter: ch}, ds)
	}
	ast.Headings(e, func(h *ast.Heading) {
		l.add(&Target{ID: h.Attr.ID, Kind: HeadingTarget, Title: ast.PlainText(h.Inlines), Pos: h.Pos, Entry: e, Chapter: ch}, ds)
	})
}

func (l *Links) resolveRefs(e *ast.Entry, ds *diag.List) {
	for _, n := range e.Nodes() {
		r, ok := n.(*ast.Ref)
		if !ok {
			continue
		}
		if t, ok := l.targets[r.Target]; ok {
			l.refs[r] = t
			if t.Kind == EntryTarget && t.Entry == e {
				ds.Warnf(r.Pos, "entry %q refers to itself", "#"+r.Target)
			}
			continue
		}
		d := diag.Diagnostic{Pos: r.Pos, Severity: diag.Warning, Msg: fmt.Sprintf("unresolved reference %q", "#"+r.Target)}
		if near := l.nearest(r.Target); near != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", "#"+near)
		}
		ds.Add(d)
	}
}

// Ref returns the target of a cross-reference, or nil when it is
// unresolved (or l is nil): backends then set the reference's text
// without a link.
func (l *Links) Ref(r *ast.Ref) *Target {
	if l == nil {
		return nil
	}
	return l.refs[r]
}

// Target returns what an id names, or nil.
func (l *Links) Target(id string) *Target { return l.targets[id] }

// ChapterOf returns the chapter whose document holds e.
func (l *Links) ChapterOf(e *ast.Entry) *ast.Entry { return l.chapter[e] }

// Chapters returns the chapter entries in reading order.
func (l *Links) Chapters() []*ast.Entry { return l.chapters }

// Index returns the terms grouped by letter, in collation order.
func (l *Links) Index() []Group { return l.index }

// nearest returns a defined id close to id, or "".
func (l *Links) nearest(id string) string {
	best, bestD := "", len(id)/3+2
	lid := strings.ToLower(id)
	for cand := range l.targets {
		if abs(len(cand)-len(id)) > bestD {
			continue
		}
		d := distance(lid, strings.ToLower(cand))
		if d < bestD || d == bestD && best != "" && cand < best {
			best, bestD = cand, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 200 || len(rb) > 200 {
		return max(len(ra), len(rb))
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func buildIndex(doc *ast.Document, lang string) []Group {
	var terms []*ast.Entry
	for _, e := range doc.Entries {
		if e.Term() {
			terms = append(terms, e)
		}
	}
	s := collation.New(lang)
	s.SortStable(len(terms), func(i int) string { return terms[i].TitleText() },
		func(i, j int) { terms[i], terms[j] = terms[j], terms[i] })
	var groups []Group
	for _, t := range terms {
		letter := collation.Letter(t.TitleText())
		if len(groups) == 0 || groups[len(groups)-1].Letter != letter {
			groups = append(groups, Group{Letter: letter})
		}
		groups[len(groups)-1].Terms = append(groups[len(groups)-1].Terms, t)
	}
	return groups
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func relPath(dir, path string) (string, error) {
	r, err := filepath.Rel(dir, path)
	return filepath.ToSlash(r), err
}
