package layout

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"bookc/book/booktest"
)

// naiveFit is the longest fitting prefix found by measuring every prefix,
// the reference for longestFit.
func naiveFit(line string, width func(string) float64, room float64) (int, bool) {
	if width(line) <= room {
		return len(line), true
	}
	fit := 0
	for i, r := range line {
		end := i + utf8.RuneLen(r)
		if width(line[:end]) > room {
			break
		}
		fit = end
	}
	return fit, false
}

// TestLongestFitMatchesNaive compares the bisecting search with measuring
// every prefix, on random lines of mixed one- to four-byte runes and
// uneven widths.
func TestLongestFitMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []rune("ab ,;(äöü€𝛼")
	width := func(s string) float64 {
		w := 0.0
		for _, r := range s {
			w += 1 + float64(r%3)/2
		}
		return w
	}
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for n := rng.Intn(400); n > 0; n-- {
			b.WriteRune(alphabet[rng.Intn(len(alphabet))])
		}
		line, room := b.String(), float64(rng.Intn(120))
		gf, ga := longestFit(line, width, room)
		wf, wa := naiveFit(line, width, room)
		if gf != wf || ga != wa {
			t.Fatalf("longestFit(%q, %v) = %d %v, want %d %v", line, room, gf, ga, wf, wa)
		}
	}
}

// TestLongestFitMeasuresLittle counts the bytes measured for a line far
// longer than the room: about linear in the room, not in the line.
func TestLongestFitMeasuresLittle(t *testing.T) {
	line := strings.Repeat("x=1; ", 200_000)
	measured := 0
	width := func(s string) float64 { measured += len(s); return float64(len(s)) }
	fit, all := longestFit(line, width, 80)
	if fit != 80 || all {
		t.Fatalf("fit %d %v", fit, all)
	}
	if measured > 2000 {
		t.Errorf("measured %d bytes to fit 80", measured)
	}
}

// TestCodeBlockSplits sets a code block whose second line is blank at
// every height on an A5 page and checks each page it is drawn on: a part
// of it holds at least two lines that are not blank.
func TestCodeBlockSplits(t *testing.T) {
	code := "```\nimport torch\n\nx = 1\ny = 2\nz = 3\n\nprint(x, y, z)\n```\n"
	split := 0
	for n := 0; n < 40; n++ {
		para := strings.Repeat("Ein Satz füllt die Seite Zeile um Zeile mit Text. ", 3*n+1)
		dir := booktest.Folder(t, map[string]string{
			"book.yaml": "title: Code\ndate: 2026-11-01\ncontent: [.]\npdf:\n  paper: A5\n",
			"a.md":      "## Anfang {#Anfang}\n\n" + para + "\n\n" + code + "\nEnde.\n",
		})
		doc, links, cfg := loadBook(t, dir)
		d, _, _ := Layout(doc, links, cfg, defaultFonts(t))
		pages := 0
		for _, p := range d.Pages {
			rows := map[float64]bool{}
			for _, tx := range p.Texts {
				if tx.Elem > 0 && d.Elems[tx.Elem].Role == "Code" && strings.TrimSpace(tx.Text) != "" {
					rows[tx.Y] = true
				}
			}
			if len(rows) > 0 {
				pages++
				if len(rows) < 2 {
					t.Errorf("%d sentences: a page holds %d line(s) of the code block", 3*n+1, len(rows))
				}
			}
		}
		if pages > 1 {
			split++
		}
	}
	if split == 0 {
		t.Error("the code block never split: the test proves nothing")
	}
}
