package draw

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"bookc/backends/pdf/page"
)

// cacheEdits are changes a watch build may make to a document between
// two builds; each gets a freshly built document, as a layout would.
var cacheEdits = []struct {
	name string
	edit func(t testing.TB, d *page.Doc)
}{
	{"unchanged", func(testing.TB, *page.Doc) {}},
	{"one page's text", func(_ testing.TB, d *page.Doc) {
		d.Pages[5].Texts[3].Text = "Änderung"
	}},
	{"page inserted", func(_ testing.TB, d *page.Doc) {
		p := *d.Pages[2]
		p.Label, p.Anchors = "neu", []page.Anchor{{ID: "neu", Y: 60}}
		d.Pages = slices.Insert(d.Pages, 3, &p)
		for i := range d.Outline {
			if d.Outline[i].Page >= 3 {
				d.Outline[i].Page++
			}
		}
	}},
	{"page dropped", func(_ testing.TB, d *page.Doc) {
		n := len(d.Pages) - 1
		d.Pages = d.Pages[:n]
		d.Outline = slices.DeleteFunc(d.Outline, func(o page.OutlineItem) bool { return o.Page == n })
	}},
	{"glyph set", func(_ testing.TB, d *page.Doc) {
		p := d.Pages[7]
		p.Texts = append(p.Texts, words(d.Faces, 3, 10, 56, 620, "Quanten{}")...)
		p.Texts = append(p.Texts, words(d.Faces, 0, 10, 156, 620, "Ærø Œuvre")...)
	}},
	{"label and size", func(_ testing.TB, d *page.Doc) {
		d.Pages[0].Label = "i"
		d.Pages[9].Rules = append(d.Pages[9].Rules, page.Rule{X1: 56, Y1: 600, X2: 300, Y2: 600, Width: 1})
	}},
}

// taggedEdits change a tagged document's structure between two builds:
// the pages after an element added early draw the same content with
// other element numbers.
var taggedEdits = []struct {
	name string
	edit func(t testing.TB, d *page.Doc)
}{
	{"element added before", func(_ testing.TB, d *page.Doc) {
		shift := func(e int32) int32 {
			if e > 0 {
				return e + 1
			}
			return e
		}
		for i := range d.Elems {
			if i > 0 {
				d.Elems[i].Parent = shift(d.Elems[i].Parent)
			}
		}
		d.Elems = slices.Insert(d.Elems, 1, page.Elem{Role: "P", Parent: 0})
		for _, p := range d.Pages {
			for k := range p.Texts {
				p.Texts[k].Elem = shift(p.Texts[k].Elem)
			}
			for k := range p.Images {
				p.Images[k].Elem = shift(p.Images[k].Elem)
			}
		}
		p := d.Pages[0]
		p.Texts = append(p.Texts, page.Text{X: 60, Y: 400, Face: p.Texts[0].Face, Size: 10, Text: "Neu", Elem: 1})
	}},
	{"role changed", func(_ testing.TB, d *page.Doc) {
		last := d.Pages[len(d.Pages)-1]
		for _, t := range last.Texts {
			if t.Elem > 0 {
				d.Elems[t.Elem].Role = "H2"
				break
			}
		}
	}},
	{"link area moved", func(_ testing.TB, d *page.Doc) {
		d.Pages[0].Links[0].X += 40
	}},
	{"span dropped", func(_ testing.TB, d *page.Doc) {
		d.Pages[2].Spans = nil
	}},
}

// TestCacheSameBytes draws a document, then an edited one with the warm
// cache, and compares the result with the edited one drawn without a
// cache, for the book-like and the tagged test document.
func TestCacheSameBytes(t *testing.T) {
	docs := map[string]func(testing.TB) *page.Doc{
		"book":   func(t testing.TB) *page.Doc { return bookDoc(t, 40) },
		"tagged": testDoc,
	}
	for dname, mk := range docs {
		edits := cacheEdits
		if dname == "tagged" {
			// The tagged document has three pages; edit what it has.
			edits = edits[:1:1]
			edits = append(edits, cacheEdits[0])
			edits[1].name = "first text"
			edits[1].edit = func(_ testing.TB, d *page.Doc) { d.Pages[0].Texts[0].Text = "Geändert" }
			edits = append(edits, taggedEdits...)
		}
		for _, e := range edits {
			t.Run(dname+"/"+e.name, func(t *testing.T) {
				c := NewCache()
				if _, _, err := WriteCheckedWith(mk(t), c); err != nil {
					t.Fatal(err)
				}
				b := mk(t)
				e.edit(t, b)
				cold, coldProbs, err := WriteChecked(b)
				if err != nil {
					t.Fatal(err)
				}
				warm, warmProbs, err := WriteCheckedWith(b, c)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(warm, cold) {
					t.Fatalf("warm output (%d bytes) differs from cold output (%d bytes)", len(warm), len(cold))
				}
				if fmt.Sprint(warmProbs) != fmt.Sprint(coldProbs) {
					t.Errorf("problems: warm %v, cold %v", warmProbs, coldProbs)
				}
				if c.hits == 0 && c.pageHits == 0 {
					t.Errorf("nothing was reused (%d misses)", c.misses)
				}
				if c.pageHits == 0 {
					t.Errorf("no page was reused")
				}
				if e.name == "unchanged" && c.misses != 0 {
					t.Errorf("unchanged document: %d streams compressed again", c.misses)
				}
			})
		}
	}
}

// TestCacheReuse checks that an edit of one page's text compresses
// little more than that page again, and that entries the last document
// did not use are dropped.
func TestCacheReuse(t *testing.T) {
	c := NewCache()
	a := bookDoc(t, 40)
	if _, err := writeWith(a, c); err != nil {
		t.Fatal(err)
	}
	b := bookDoc(t, 40)
	b.Pages[5].Texts[3].Text = "Änderung"
	if _, err := writeWith(b, c); err != nil {
		t.Fatal(err)
	}
	// The page's contents, the fonts' subsets and ToUnicode maps if the
	// glyphs changed, the last object stream, the metadata's and the
	// cross-reference stream; the other pages are taken as drawn.
	if c.misses > 8 || c.pageHits != 39 {
		t.Errorf("one page edited: %d pages and %d streams reused, %d streams compressed", c.pageHits, c.hits, c.misses)
	}
	entries := func() int {
		n := 0
		for _, es := range c.cur {
			n += len(es)
		}
		for _, ps := range c.curPages {
			n += len(ps)
		}
		return n
	}
	n := entries()
	if _, err := writeWith(b, c); err != nil {
		t.Fatal(err)
	}
	if c.misses != 0 || c.pageHits != 40 || entries() > n {
		t.Errorf("same document again: %d misses, %d pages reused, %d entries, want 0, 40 and at most %d", c.misses, c.pageHits, entries(), n)
	}
	small := bookDoc(t, 3)
	if _, err := writeWith(small, c); err != nil {
		t.Fatal(err)
	}
	if m := entries(); m > c.hits+c.misses+c.pageHits+3 || m >= n-30 || c.prev != nil || c.prevPages != nil {
		t.Errorf("after a 3-page document the cache keeps %d entries (%d used; 40 pages: %d)", m, c.hits+c.misses, n)
	}
}

// writeWith draws d with c and drops the problems.
func writeWith(d *page.Doc, c *Cache) ([]byte, error) {
	out, _, err := WriteCheckedWith(d, c)
	return out, err
}
