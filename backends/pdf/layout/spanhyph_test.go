package layout

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestSpanHyphenatedInItsLanguage sets a long English word, marked
// [..]{lang=en}, many times in a narrow German book: every break inside
// it must be one of the English patterns' points, and the same word
// unmarked breaks where the German patterns allow.
func TestSpanHyphenatedInItsLanguage(t *testing.T) {
	const word = "Regularization"
	en, de := patterns("en"), patterns("de")
	if en == nil {
		t.Fatal("no English patterns")
	}
	enPts, dePts := en.Points(word), de.Points(word)
	if slices.Equal(enPts, dePts) {
		t.Fatalf("the patterns agree on %s (%v); pick another word", word, enPts)
	}
	for _, c := range []struct {
		name, mark  string
		want, other []int
	}{{"english", "[" + word + "]{lang=en}", enPts, dePts}, {"german", word, dePts, enPts}} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "content"), 0o755)
			os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: T\nlanguage: de\ncontent: [content]\n"+
				"pdf:\n  paper: {width: 56mm, height: 200mm}\n  margins: {inner: 8mm, outer: 8mm}\n"), 0o644)
			var b strings.Builder
			b.WriteString("## Wort {#Wort .chapter}\n\n")
			for i := 0; i < 60; i++ {
				b.WriteString("Das " + strings.Repeat("ja ", i%7) + c.mark + " ist lang. ")
			}
			os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte(b.String()+"\n"), 0o644)
			doc, links, cfg := loadBook(t, dir)
			d, _, _ := Layout(doc, links, cfg, defaultFonts(t))
			var dump bytes.Buffer
			Dump(&dump, d)
			breaks, own := 0, 0
			for _, m := range regexp.MustCompile(`(\pL+)-\|`).FindAllStringSubmatch(dump.String(), -1) {
				if !strings.HasPrefix(word, m[1]) {
					continue
				}
				breaks++
				if !slices.Contains(c.other, len(m[1])) {
					own++
				}
				if !slices.Contains(c.want, len(m[1])) {
					t.Errorf("%s broken as %s-, not at one of %v", word, m[1], c.want)
				}
			}
			if own == 0 {
				t.Errorf("%s never broken at a point only its language's patterns give (%d breaks) in a 40 mm column:\n%s",
					word, breaks, dump.String())
			}
		})
	}
}
