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
				if c.hits == 0 {
					t.Errorf("nothing was reused (%d misses)", c.misses)
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
	// cross-reference stream.
	if c.misses > 8 || c.hits < 40 {
		t.Errorf("one page edited: %d hits, %d misses", c.hits, c.misses)
	}
	entries := func() int {
		n := 0
		for _, es := range c.cur {
			n += len(es)
		}
		return n
	}
	n := entries()
	if _, err := writeWith(b, c); err != nil {
		t.Fatal(err)
	}
	if c.misses != 0 || entries() != n {
		t.Errorf("same document again: %d misses, %d entries, want 0 and %d", c.misses, entries(), n)
	}
	small := bookDoc(t, 3)
	if _, err := writeWith(small, c); err != nil {
		t.Fatal(err)
	}
	if m := entries(); m > c.hits+c.misses || m >= n-30 || c.prev != nil {
		t.Errorf("after a 3-page document the cache keeps %d entries (%d used; 40 pages: %d)", m, c.hits+c.misses, n)
	}
}

// writeWith draws d with c and drops the problems.
func writeWith(d *page.Doc, c *Cache) ([]byte, error) {
	out, _, err := WriteCheckedWith(d, c)
	return out, err
}
