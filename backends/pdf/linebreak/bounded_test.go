package linebreak

import (
	"strings"
	"testing"
)

// TestLongWordItemsBounded checks that a word far wider than the measure
// costs items in proportion to its lines, not its characters, that every
// line inside it is full, and that each ends at a split break.
func TestLongWordItemsBounded(t *testing.T) {
	const measure = 50
	for _, n := range []int{10_000, 200_000} {
		long := strings.Repeat("ab", n/2)
		text := "Vorher ein paar Wörter: " + long + " und danach Text."
		_, res, items := setText(t, text, measure)
		checkWidths(t, items, res)
		if got := drawn(items, res); got != visible(text) {
			t.Fatalf("n=%d: text not preserved", n)
		}
		if max := 2*(n/measure) + 4*measure + 40; len(items) > max {
			t.Errorf("n=%d: %d items, want at most %d", n, len(items), max)
		}
		split := 0
		for i, ln := range res.Lines {
			if ln.Split {
				split++
			}
			if i >= 2 && i < len(res.Lines)-2 && (ln.Natural < measure-1 || !ln.Split) {
				t.Fatalf("n=%d: line %d inside the word is %v wide (split %v)", n, i, ln.Natural, ln.Split)
			}
		}
		if split < n/measure-2 {
			t.Errorf("n=%d: %d split line ends", n, split)
		}
	}
}

// TestLongWordNotHyphenated checks that a string longer than any word
// gets no hyphenation points, only split breaks.
func TestLongWordNotHyphenated(t *testing.T) {
	long := strings.Repeat("Silbentrennung", 40)
	_, res, items := setText(t, long, 50)
	for _, it := range items {
		if it.Kind == KindPenalty && it.Flagged {
			t.Fatal("a 560-letter string was hyphenated")
		}
	}
	if len(res.Lines) < 11 {
		t.Errorf("%d lines", len(res.Lines))
	}
}
