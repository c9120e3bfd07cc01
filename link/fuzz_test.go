package link_test

import (
	"testing"

	"bookc/ast"
	"bookc/link"
	"bookc/parse"
)

// FuzzResolve links two arbitrary files: it must not panic, every reference
// is either resolved to a defined target or reported, and the index only
// holds terms.
func FuzzResolve(f *testing.F) {
	f.Add([]byte("## A {#A .term}\n\n[B](#B) [x](#Index)"), []byte("## B {#B .chapter}\n\n[A](#A) [A](#a)"))
	f.Add([]byte("## A {#A}\n\nx"), []byte("## A {#A}\n\n[A](#A)"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		ea, _ := parse.File("a.md", a, "de")
		eb, _ := parse.File("b.md", b, "de")
		doc := &ast.Document{Entries: append(ea, eb...)}
		parse.AssignIDs(doc)
		links, ds := link.Resolve(doc, "de")
		warned := map[ast.Pos]bool{}
		for _, d := range ds {
			warned[d.Pos] = true
		}
		for _, e := range doc.Entries {
			ast.WalkEntry(e, func(n any) bool {
				if r, ok := n.(*ast.Ref); ok && links.Ref(r) == nil && !warned[r.Pos] {
					t.Fatalf("unresolved %q at %s without a diagnostic", r.Target, r.Pos)
				}
				return true
			})
			if links.ChapterOf(e) == nil {
				t.Fatalf("entry %q has no chapter", e.ID())
			}
		}
		for _, g := range links.Index() {
			for _, e := range g.Terms {
				if !e.Term() {
					t.Fatalf("non-term %q in the index", e.ID())
				}
			}
		}
	})
}
