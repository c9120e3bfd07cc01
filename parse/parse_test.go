package parse

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bookc/ast"
	"bookc/config"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden parses each file in testdata and compares the AST dump and the
// diagnostics with testdata/NAME.golden.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	txt, _ := filepath.Glob("testdata/*.txt")
	files = append(files, txt...)
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			entries, ds := File(filepath.Base(f), data, "de")
			doc := &ast.Document{Entries: entries}
			AssignIDs(doc)
			var got bytes.Buffer
			ast.Dump(&got, doc)
			got.WriteString("-- diagnostics --\n")
			ds.Sort()
			ds.Print(&got)
			golden := strings.TrimSuffix(f, filepath.Ext(f)) + ".golden"
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("dump differs from %s (run go test -update and review the diff)\n%s", golden, got.String())
			}
		})
	}
}

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"Hugging Face":            "Hugging-Face",
		"Überanpassung":           "Überanpassung",
		"Künstliche Intelligenz!": "Künstliche-Intelligenz",
		"Straße & Weg":            "Straße-Weg",
		"  ":                      "entry",
		"GPT-4o (2024)":           "GPT-4o-2024",
	}
	for in, want := range cases {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAutoIDsUnique(t *testing.T) {
	src := "## Geschichte\n\nA.\n\n## Geschichte\n\nB.\n\n## Geschichte-2 {#Geschichte-2}\n\nC.\n"
	entries, _ := File("x.md", []byte(src), "de")
	doc := &ast.Document{Entries: entries}
	AssignIDs(doc)
	var ids []string
	for _, e := range doc.Entries {
		ids = append(ids, e.ID())
	}
	if got := strings.Join(ids, ","); got != "Geschichte,Geschichte-3,Geschichte-2" {
		t.Errorf("ids = %s", got)
	}
}

func TestGermanQuotes(t *testing.T) {
	entries, _ := File("q.md", []byte("## T {#T}\n\nEr sagte \"Hallo\" und 'so'.\n"), "de")
	got := ast.PlainText(entries[0].Lead[0].(*ast.Para).Inlines)
	if got != "Er sagte „Hallo“ und ‚so‘." {
		t.Errorf("got %q", got)
	}
}

func TestLineEndingsAndEncoding(t *testing.T) {
	crlf := "\xef\xbb\xbf## T {#T}\r\n\r\nText [x](#Y).\r\n"
	cr := "## T {#T}\r\rText [x](#Y).\r"
	for _, src := range []string{crlf, cr} {
		entries, ds := File("e.md", []byte(src), "de")
		if len(entries) != 1 || len(ds) != 0 {
			t.Fatalf("%q: %d entries, %v", src, len(entries), ds)
		}
		ref := entries[0].Lead[0].(*ast.Para).Inlines[1].(*ast.Ref)
		if ref.Pos.Line != 3 || ref.Pos.Col != 6 {
			t.Errorf("%q: ref at %s, want 3:6", src, ref.Pos)
		}
	}
	latin1 := []byte("## Gr\xf6\xdfe {#G}\n\nText.\n")
	entries, ds := File("l.md", latin1, "de")
	if len(ds) != 1 || !strings.Contains(ds[0].Msg, "not valid UTF-8") || entries[0].TitleText() != "Größe" {
		t.Errorf("latin-1: %v %q", ds, entries[0].TitleText())
	}
}

func TestRawHTMLSanitised(t *testing.T) {
	src := "## X {#X}\n\nA <b>fett</b> <script>alert(1)</script> <img src=x onerror=alert(2) alt=Bild> <span onclick=\"x()\">t</span>\n\n<div onclick=\"alert(4)\"><script>alert(5)</script>Block</div>\n"
	entries, ds := File("x.md", []byte(src), "de")
	var b bytes.Buffer
	ast.Dump(&b, &ast.Document{Entries: entries})
	dump := b.String()
	for _, bad := range []string{"alert", "onclick", "onerror", "script", "Raw"} {
		if strings.Contains(dump, bad) {
			t.Errorf("%q survived:\n%s", bad, dump)
		}
	}
	for _, good := range []string{`Strong`, `"fett"`, `Bild`, `"t"`, `"Block"`} {
		if !strings.Contains(dump, good) {
			t.Errorf("%s lost:\n%s", good, dump)
		}
	}
	if len(ds) != 1 || !strings.Contains(ds[0].Msg, "HTML") {
		t.Errorf("want one HTML warning, got %v", ds)
	}
}

func TestCacheReparsesOnlyChangedFiles(t *testing.T) {
	dir := t.TempDir()
	for i, name := range []string{"a.md", "b.md", "c.md"} {
		os.WriteFile(filepath.Join(dir, name), []byte(fmt.Sprintf("## T%d\n\nText.\n", i)), 0o644)
	}
	cfg, _ := config.Parse("book.yaml", []byte("title: T\n"))
	cfg.Dir = dir
	c := NewCache()
	files := []string{"a.md", "b.md", "c.md"}
	c.Book(cfg, files)
	os.WriteFile(filepath.Join(dir, "b.md"), []byte("## Neu\n\nText.\n"), 0o644)
	doc, _ := c.Book(cfg, files)
	if c.Misses != 4 || c.Hits != 2 {
		t.Errorf("misses %d hits %d, want 4 and 2", c.Misses, c.Hits)
	}
	if doc.Entries[0].ID() != "Neu" {
		t.Errorf("edit not seen: %s", doc.Entries[0].ID())
	}
}

func TestRawHTMLFormattingKept(t *testing.T) {
	src := "## X {#X}\n\nEtwa 10<sup>9</sup> Parameter und H<sub>2</sub>O.\n\n<div class=\"x\">Blocktext <b>fett</b> und <i>kursiv</i></div>\n"
	entries, _ := File("x.md", []byte(src), "de")
	lead := entries[0].Lead
	if got := ast.PlainText(lead[0].(*ast.Para).Inlines); got != "Etwa 10⁹ Parameter und H₂O." {
		t.Errorf("sup/sub: %q", got)
	}
	p := lead[1].(*ast.Para)
	if got := ast.PlainText(p.Inlines); got != "Blocktext fett und kursiv" {
		t.Errorf("block text: %q", got)
	}
	if _, ok := p.Inlines[1].(*ast.Strong); !ok {
		t.Errorf("<b> in a block is not Strong: %#v", p.Inlines)
	}
}

// TestCachedGeneratedIDsMatchCleanBuild rebuilds from the cache after an
// edit elsewhere: an entry without an explicit id keeps the id a clean
// build gives it, instead of counting its own earlier id as taken.
func TestCachedGeneratedIDsMatchCleanBuild(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("## Alpha\n\nText.\n\n### Teil\n\nMehr.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.md"), []byte("## Beta {#Beta}\n\nSiehe [Alpha](#Alpha).\n"), 0o644)
	cfg, _ := config.Parse("book.yaml", []byte("title: T\n"))
	cfg.Dir = dir
	files := []string{"a.md", "b.md"}
	c := NewCache()
	ids := func(doc *ast.Document) string {
		var out []string
		for _, e := range doc.Entries {
			out = append(out, e.ID())
			ast.Headings(e, func(h *ast.Heading) { out = append(out, h.Attr.ID) })
		}
		return strings.Join(out, " ")
	}
	first, _ := c.Book(cfg, files)
	want := ids(first)
	for i := 0; i < 3; i++ {
		os.WriteFile(filepath.Join(dir, "b.md"), []byte(fmt.Sprintf("## Beta {#Beta}\n\nSiehe [Alpha](#Alpha), %d.\n", i)), 0o644)
		doc, _ := c.Book(cfg, files)
		clean, _ := Book(cfg, files)
		if got := ids(doc); got != want || got != ids(clean) {
			t.Fatalf("rebuild %d: ids %q, first build %q, clean build %q", i, got, want, ids(clean))
		}
	}
	if c.Hits == 0 {
		t.Fatal("the cache was not used")
	}
}

// TestCacheTrustsOldStamps checks that a file whose stamp is as it was,
// long enough after its last change, is not read again, and that any
// change of it (content, size, a new file renamed over it, a change
// within the racy window) is seen.
func TestCacheTrustsOldStamps(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "## Alpha\n\nText.\n")
	write("b.md", "## Beta\n\nText.\n")
	cfg, _ := config.Parse("book.yaml", []byte("title: T\n"))
	cfg.Dir = dir
	files := []string{"a.md", "b.md"}
	c := NewCache()
	defer func(old func() time.Time) { now = old }(now)
	ids := func() string {
		doc, _ := c.Book(cfg, files)
		var out []string
		for _, e := range doc.Entries {
			out = append(out, e.ID())
		}
		slices.Sort(out)
		return strings.Join(out, " ")
	}
	// Read just after writing: the stamps are not trusted yet, so the
	// next build reads both again and finds them by content.
	ids()
	if ids(); c.Unread != 0 || c.Hits != 2 {
		t.Fatalf("fresh files: unread %d hits %d, want 0 and 2", c.Unread, c.Hits)
	}
	// Later, the stamps are trusted.
	now = func() time.Time { return time.Now().Add(time.Minute) }
	ids() // read again, now long after the last change
	unread := c.Unread
	if got := ids(); got != "Alpha Beta" || c.Unread != unread+2 {
		t.Fatalf("old files: %q, unread %d, want 2 more than %d", got, c.Unread, unread)
	}
	// A change of the same size within the same second keeps no stamp
	// equal: the times and the status change time move.
	write("a.md", "## Gamma\n\nText.\n")
	if got := ids(); got != "Beta Gamma" {
		t.Fatalf("edit not seen: %q", got)
	}
	// An editor's save: a new file renamed over the old one.
	write("b.tmp", "## Delta\n\nText.\n")
	if err := os.Rename(filepath.Join(dir, "b.tmp"), filepath.Join(dir, "b.md")); err != nil {
		t.Fatal(err)
	}
	if got := ids(); got != "Delta Gamma" {
		t.Fatalf("rename not seen: %q", got)
	}
	// Within the racy window a stamp is not trusted: a coarse clock may
	// give a file written again in the same tick the same stamp.
	base := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	st := stamp{mtime: base.UnixNano(), ctime: base.Add(time.Second).UnixNano()}
	for _, c := range []struct {
		after time.Duration
		want  bool
	}{{0, false}, {2 * time.Second, false}, {3 * time.Second, true}, {-time.Hour, false}} {
		if got := st.trusted(base.Add(c.after)); got != c.want {
			t.Errorf("read %v after the modification, the status change a second later: trusted %v, want %v", c.after, got, c.want)
		}
	}
}
