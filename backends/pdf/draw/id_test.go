package draw

import (
	"regexp"
	"testing"
)

// TestFileID checks that the file identifier is the same for the same
// document and differs when one word of a page, and with it only the
// compressed content of that page, changes.
func TestFileID(t *testing.T) {
	idRE := regexp.MustCompile(`/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]`)
	id := func(b []byte) string {
		m := idRE.FindSubmatch(b)
		if m == nil || string(m[1]) != string(m[2]) {
			t.Fatalf("no identifier, or two different ones, in the trailer")
		}
		return string(m[1])
	}
	doc := testDoc(t)
	a, err := Write(doc)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Write(testDoc(t))
	if id(a) != id(b) {
		t.Errorf("the same document got identifiers %s and %s", id(a), id(b))
	}
	// Two letters of a word swapped keep the fonts' subsets and, for
	// most words, the length of the page's compressed content: then
	// nothing but the compressed bytes differs.
	p := doc.Pages[len(doc.Pages)-1]
	for i := range p.Texts {
		s := []byte(p.Texts[i].Text)
		if len(s) < 3 || s[0] == s[1] || s[0] >= 0x80 || s[1] >= 0x80 {
			continue
		}
		s[0], s[1] = s[1], s[0]
		old := p.Texts[i].Text
		p.Texts[i].Text = string(s)
		c, _ := Write(doc)
		p.Texts[i].Text = old
		if len(c) != len(a) {
			continue
		}
		if id(c) == id(a) {
			t.Errorf("a changed word kept the identifier %s", id(a))
		}
		return
	}
	t.Fatal("no word changes without changing the file's length")
}
