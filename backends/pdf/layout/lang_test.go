package layout

import (
	"testing"

	"bookc/config"
	"bookc/link"
)

// TestLanguagePicksHyphenation checks that the book's language, not a
// fixed German, decides how words break.
func TestLanguagePicksHyphenation(t *testing.T) {
	for _, c := range []struct {
		lang, word string
		want       bool
	}{
		{"de", "Silbentrennung", true},
		{"de-CH", "Silbentrennung", true},
		{"en", "hyphenation", true},
		{"en", "project", false}, // in Knuth's exception list, unbroken
		{"fr", "hyphenation", false},
	} {
		cfg, ds := config.Parse(config.FileName, []byte("title: T\nlanguage: "+c.lang+"\n"))
		if cfg == nil {
			t.Fatal(ds)
		}
		e := newEngine(cfg, &link.Links{}, defaultFonts(t))
		hc := &hyphCache{h: e.hy, m: map[string][]int{}}
		if got := len(hc.Points(c.word)) > 0; got != c.want {
			t.Errorf("%s: %q hyphenated %v, want %v", c.lang, c.word, got, c.want)
		}
	}
}
