package build

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"bookc/book"
	"bookc/diag"
	"bookc/parse"
)

// incrBook is a generated book of n entries with page references between
// them, long enough that their labels have one, two and three digits.
func incrBook(t *testing.T, rng *rand.Rand, n int) string {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: Inkrementell\nauthor: Test\nlanguage: de\ndate: 2026-11-01\ncontent: [content]\nanki:\n  state: none\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	for i := range n {
		writeEntry(t, dir, rng, i, n)
	}
	return dir
}

var incrWords = strings.Fields("Modell Daten Training Gewichte Netz Schicht Verlust Gradient Abfrage Kontext Tokenizer Aufmerksamkeit Vorhersage Bewertung Rechenaufwand Übertragbarkeit Generalisierung")

func incrText(rng *rand.Rand, words, n int) string {
	var b strings.Builder
	for k := range words {
		if k > 0 {
			b.WriteByte(' ')
		}
		if rng.Intn(9) == 0 {
			j := rng.Intn(n)
			fmt.Fprintf(&b, "[Begriff %d](#B%d)", j, j)
			continue
		}
		b.WriteString(incrWords[rng.Intn(len(incrWords))])
	}
	return b.String() + "."
}

func writeEntry(t *testing.T, dir string, rng *rand.Rand, i, n int) {
	class := ".term"
	if i%2 == 0 {
		class = ".chapter .term"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "## Begriff %d {#B%d %s}\n\n%s\n\n### Einzelheiten\n\n%s\n\n", i, i, class, incrText(rng, 20+rng.Intn(60), n), incrText(rng, 10+rng.Intn(90), n))
	fmt.Fprintf(&b, "### Siehe auch {.seealso}\n\n[Begriff %d](#B%d) |\n[Begriff %d](#B%d)\n", (i+1)%n, (i+1)%n, (i+7)%n, (i+7)%n)
	if err := os.WriteFile(filepath.Join(dir, "content", fmt.Sprintf("e%04d.md", i)), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIncrementalBuild edits a book at random the ways authors do and
// checks after each edit that building it with the parse cache and the
// memo of the builds before (as watch does) writes the same bytes as a
// clean build.
func TestIncrementalBuild(t *testing.T) {
	rng := rand.New(rand.NewSource(15))
	const n = 220
	dir := incrBook(t, rng, n)
	cache, memo := parse.NewCache(), &book.Memo{}
	files := func() []string {
		fs, _ := filepath.Glob(filepath.Join(dir, "content", "*.md"))
		return fs
	}
	edit := func(f func(string) string) {
		fs := files()
		p := fs[rng.Intn(len(fs))]
		data, _ := os.ReadFile(p)
		os.WriteFile(p, []byte(f(string(data))), 0o644)
	}
	paras := regexp.MustCompile(`\n\n`)
	edits := []struct {
		name string
		do   func()
	}{
		{"change a word", func() {
			edit(func(s string) string {
				return strings.Replace(s, incrWords[rng.Intn(len(incrWords))], "Verallgemeinerungsfähigkeit", 1)
			})
		}},
		{"add a paragraph", func() {
			edit(func(s string) string { return s + "\n" + incrText(rng, 30+rng.Intn(200), n) + "\n" })
		}},
		{"remove a paragraph", func() {
			edit(func(s string) string {
				ps := paras.Split(s, -1)
				if len(ps) > 3 {
					ps = append(ps[:1], ps[2:]...)
				}
				return strings.Join(ps, "\n\n")
			})
		}},
		{"add an entry", func() { writeEntry(t, dir, rng, n+rng.Intn(1000), n) }},
		{"remove an entry", func() { fs := files(); os.Remove(fs[rng.Intn(len(fs))]) }},
		{"break a reference", func() {
			edit(func(s string) string { return strings.Replace(s, "](#B", "](#X", 1) })
		}},
		{"fix a reference", func() {
			edit(func(s string) string { return strings.ReplaceAll(s, "](#X", "](#B") })
		}},
		{"rename an id", func() {
			edit(func(s string) string { return strings.Replace(s, "{#B", fmt.Sprintf("{#R%d-B", rng.Int63()), 1) })
		}},
	}
	build := func() {
		_, ds := Emit(mustLoad(t, Options{Dir: dir, Cache: cache, Memo: memo}), Options{Dir: dir, OutDir: "inc"}, Backends)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
	}
	build()
	for i := range 24 {
		e := edits[rng.Intn(len(edits))]
		if i < len(edits) {
			e = edits[i]
		}
		e.do()
		build()
		if _, ds := Run(Options{Dir: dir, OutDir: "clean"}); ds.HasErrors() {
			t.Fatal(ds)
		}
		for _, f := range []string{"book.pdf", "book.epub", "cards.csv"} {
			got, _ := os.ReadFile(filepath.Join(dir, "inc", f))
			want, _ := os.ReadFile(filepath.Join(dir, "clean", f))
			if len(want) == 0 || !bytes.Equal(got, want) {
				t.Fatalf("edit %d (%s): %s differs from a clean build", i, e.name, f)
			}
		}
	}
}

func mustLoad(t *testing.T, o Options) *Book {
	b, ds := LoadWith(o)
	if b == nil {
		for _, d := range ds {
			if d.Severity == diag.Error {
				t.Fatal(d)
			}
		}
	}
	return b
}
