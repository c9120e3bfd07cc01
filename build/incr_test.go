package build

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"bookc/backends/pdf/layout"
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
	// Entries without ids, whose generated ids change when a title is
	// duplicated before them, and a reference to one of them.
	for i, title := range []string{"Doppelt", "Zweifach"} {
		text := fmt.Sprintf("## %s {.chapter .term}\n\n%s [Doppelt](#Doppelt) `Code`.\n\n### Einzelheiten\n\n%s\n", title, incrText(rng, 40, n), incrText(rng, 40, n))
		os.WriteFile(filepath.Join(dir, "content", fmt.Sprintf("m%04d.md", i)), []byte(text), 0o644)
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
	seed := int64(15)
	if s, err := strconv.ParseInt(os.Getenv("BOOKC_INCR_SEED"), 10, 64); err == nil {
		seed = s // another sequence of edits
	}
	rng := rand.New(rand.NewSource(seed))
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
		{"duplicate a title", func() {
			title := []string{"Doppelt", "Zweifach"}[rng.Intn(2)]
			text := fmt.Sprintf("## %s {.term}\n\n%s\n", title, incrText(rng, 30, n))
			os.WriteFile(filepath.Join(dir, "content", fmt.Sprintf("d%04d.md", rng.Intn(1000))), []byte(text), 0o644)
		}},
		{"move a file", func() {
			fs := files()
			p := fs[rng.Intn(len(fs))]
			sub := filepath.Join(dir, "content", fmt.Sprintf("sub%d", rng.Intn(3)))
			os.MkdirAll(sub, 0o755)
			os.Rename(p, filepath.Join(sub, filepath.Base(p)))
		}},
		{"retitle a reference target", func() {
			edit(func(s string) string {
				return regexp.MustCompile(`^## [^{]*`).ReplaceAllString(s, fmt.Sprintf("## Zeta %d ", rng.Intn(1000)))
			})
		}},
		{"retitle the first entry", func() {
			// The entry after it becomes the first, and a new letter
			// before Zweifach takes that one's bookmark of its letter.
			for _, p := range files() {
				data, _ := os.ReadFile(p)
				if bytes.HasPrefix(data, []byte("## Begriff 0 ")) {
					os.WriteFile(p, bytes.Replace(data, []byte("Begriff 0"), []byte("Zeta"), 1), 0o644)
				}
			}
		}},
		{"change book.yaml", func() {
			p := filepath.Join(dir, "book.yaml")
			data, _ := os.ReadFile(p)
			if bytes.Contains(data, []byte("subtitle")) {
				data = regexp.MustCompile(`subtitle: .*\n`).ReplaceAll(data, nil)
			} else {
				data = append(data, "subtitle: Zweite Fassung\n"...)
			}
			os.WriteFile(p, data, 0o644)
		}},
		{"change the font size", func() {
			p := filepath.Join(dir, "book.yaml")
			data, _ := os.ReadFile(p)
			if bytes.Contains(data, []byte("pdf:")) {
				data = regexp.MustCompile(`pdf:\n.*\n`).ReplaceAll(data, nil)
			} else {
				data = append(data, "pdf:\n  font-size: 10\n"...)
			}
			os.WriteFile(p, data, 0o644)
		}},
		{"use a face no text used", func() {
			// A face between those the book uses (its body faces and
			// code) comes in: pages taken over hold their texts' face
			// numbers of the last layout, which compaction renumbers.
			edit(func(s string) string {
				return strings.Replace(s, "\n\n", "\n\nMit ***beides***. ", 1)
			})
		}},
		{"drop the faces", func() {
			for _, p := range files() {
				data, _ := os.ReadFile(p)
				if out := regexp.MustCompile("Mit [*`]+[^*`]+[*`]+\\. ").ReplaceAll(data, nil); !bytes.Equal(out, data) {
					os.WriteFile(p, out, 0o644)
				}
			}
		}},
		{"rename an id", func() {
			edit(func(s string) string { return strings.Replace(s, "{#B", fmt.Sprintf("{#R%d-B", rng.Int63()), 1) })
		}},
	}
	session := memo.Keep("pdf.session", func() any { return &layout.Session{} }).(*layout.Session)
	reused := 0
	build := func() {
		_, ds := Emit(mustLoad(t, Options{Dir: dir, Cache: cache, Memo: memo}), Options{Dir: dir, OutDir: "inc"}, Backends)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		reused += session.Reused
	}
	build()
	for i := range 32 {
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
	// The session must have served: most edits leave most entries as
	// they were.
	if reused < 32*n/10 {
		t.Errorf("the layout session took over %d entries in 32 builds of %d entries", reused, n)
	}
	t.Logf("the layout session took over %d entries in 32 builds", reused)
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

// TestIncrementalPlaces edits a book without page references, whose
// entries the layout session takes over whatever the pages do, in ways
// that change what an unchanged entry's layout depends on besides its
// text: which entry comes first, the letter bookmarks, generated ids.
func TestIncrementalPlaces(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: Orte\nauthor: Test\nlanguage: de\ndate: 2026-11-01\ncontent: [content]\nanki:\n  state: none\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	rng := rand.New(rand.NewSource(3))
	plain := func(n int) string {
		ws := make([]string, n)
		for k := range ws {
			ws[k] = incrWords[rng.Intn(len(incrWords))]
		}
		return strings.Join(ws, " ") + "."
	}
	put := func(name, title string) {
		text := fmt.Sprintf("## %s {.chapter .term}\n\n%s\n\n### Einzelheiten\n\n%s\n", title, plain(60), plain(60))
		os.WriteFile(filepath.Join(dir, "content", name), []byte(text), 0o644)
	}
	for i, title := range []string{"Apfel", "Banane", "Birne", "Dattel", "Feige", "Feige", "Kiwi"} {
		put(fmt.Sprintf("f%d.md", i), title)
	}
	cache, memo := parse.NewCache(), &book.Memo{}
	session := memo.Keep("pdf.session", func() any { return &layout.Session{} }).(*layout.Session)
	edits := []struct {
		name string
		do   func()
	}{
		{"remove the first of a letter", func() { os.Remove(filepath.Join(dir, "content", "f1.md")) }},
		{"remove the first entry", func() { os.Remove(filepath.Join(dir, "content", "f0.md")) }},
		{"duplicate a title before its entry", func() { put("e0.md", "Dattel") }},
		{"remove a duplicate", func() { os.Remove(filepath.Join(dir, "content", "f4.md")) }},
	}
	emit := func(out string, o Options) {
		if _, ds := Emit(mustLoad(t, o), Options{Dir: dir, OutDir: out}, Backends); ds.HasErrors() {
			t.Fatal(ds)
		}
	}
	emit("inc", Options{Dir: dir, Cache: cache, Memo: memo})
	for _, e := range edits {
		e.do()
		emit("inc", Options{Dir: dir, Cache: cache, Memo: memo})
		if session.Reused == 0 {
			t.Errorf("%s: the layout session took over no entry", e.name)
		}
		emit("clean", Options{Dir: dir})
		got, _ := os.ReadFile(filepath.Join(dir, "inc", "book.pdf"))
		want, _ := os.ReadFile(filepath.Join(dir, "clean", "book.pdf"))
		if len(want) == 0 || !bytes.Equal(got, want) {
			t.Fatalf("%s: book.pdf differs from a clean build", e.name)
		}
	}
}
