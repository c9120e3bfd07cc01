package config

import (
	"strings"
	"testing"
	"time"
)

// TestLanguages checks what the book's language picks: words, dates and
// hyphenation patterns, and the warning for a language bookc lacks.
func TestLanguages(t *testing.T) {
	nov := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	jan := time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		lang, seeAlso, date, patterns string
	}{
		{"de", "Siehe auch", "5. Januar 2027", "hyph-de-1996.tex"},
		{"de-AT", "Siehe auch", "5. Jänner 2027", "hyph-de-1996.tex"},
		{"de_ch", "Siehe auch", "5. Januar 2027", "hyph-de-1996.tex"},
		{"en", "See also", "January 5, 2027", "hyphen.tex"},
		{"en-GB", "See also", "January 5, 2027", "hyphen.tex"},
		{"fr", "See also", "January 5, 2027", ""},
	} {
		b, ds := Parse(FileName, []byte("title: T\nlanguage: "+c.lang+"\n"))
		if b == nil {
			t.Fatalf("%s: %v", c.lang, ds)
		}
		l := b.Labels()
		if l.SeeAlso != c.seeAlso || l.Date(jan) != c.date || b.Hyphenation() != c.patterns {
			t.Errorf("%s: %q, %q, %q", c.lang, l.SeeAlso, l.Date(jan), b.Hyphenation())
		}
		warned := len(ds) == 1 && ds[0].Pos.Line == 2 && strings.Contains(ds[0].Msg, "English") &&
			strings.Contains(ds[0].Msg, "not hyphenated")
		if warned != (c.patterns == "") {
			t.Errorf("%s: diagnostics %v", c.lang, ds)
		}
	}
	de := (&Book{Language: "de"}).Labels()
	if de.Date(nov) != "1. November 2026" {
		t.Errorf("German date %q", de.Date(nov))
	}
	swiss := de.mapped(strings.NewReplacer("ß", "ss").Replace)
	swiss.Summary = "Maß"
	if got := swiss.mapped(strings.NewReplacer("ß", "ss").Replace).Summary; got != "Mass" {
		t.Errorf("Swiss German %q", got)
	}
}
