package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"bookc/book/booktest"
	"bookc/build"
)

// need fails the test when an external validator is missing: validation is
// never skipped silently.
func need(t *testing.T, cmd string) {
	t.Helper()
	if cmd == "epubcheck" {
		if _, err := os.Stat("/usr/share/java/epubcheck.jar"); err != nil {
			t.Fatal("epubcheck is missing: apt-get install -y epubcheck (or run `make test`, which installs it)")
		}
		cmd = "java"
	}
	if _, err := exec.LookPath(cmd); err != nil {
		t.Fatalf("%s is missing: apt-get install -y epubcheck qpdf poppler-utils sqlite3 (or run `make test`)", cmd)
	}
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	need(t, name)
	if name == "epubcheck" {
		name, args = "java", append([]string{"-jar", "/usr/share/java/epubcheck.jar"}, args...)
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

func bookc(t *testing.T, args ...string) (code int, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, errb.String()
}

// TestSampleBook builds content/ and checks all three outputs with the real
// validators.
func TestSampleBook(t *testing.T) {
	out := t.TempDir()
	code, stderr := bookc(t, "build", "-C", "../..", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	b, ds := build.Load("../..", false)
	if b == nil {
		t.Fatal(ds)
	}
	t.Run("epub", func(t *testing.T) {
		report := tool(t, "epubcheck", filepath.Join(out, "book.epub"))
		if !strings.Contains(report, "No errors or warnings detected") {
			t.Errorf("epubcheck:\n%s", report)
		}
	})
	t.Run("pdf", func(t *testing.T) {
		pdf := filepath.Join(out, "book.pdf")
		if r := tool(t, "qpdf", "--check", pdf); !strings.Contains(r, "No syntax or stream encoding errors") {
			t.Errorf("qpdf --check:\n%s", r)
		}
		checkFonts(t, tool(t, "pdffonts", pdf))
		text := tool(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
		flat := strings.Join(strings.Fields(text), " ")
		for _, e := range b.Doc.Entries {
			if !strings.Contains(flat, e.TitleText()) {
				t.Errorf("pdftotext: title %q missing", e.TitleText())
			}
		}
		for _, s := range []string{"ä", "ö", "ü", "ß", "„", "“"} {
			if !strings.Contains(text, s) {
				t.Errorf("pdftotext: %q missing", s)
			}
		}
	})
	t.Run("anki", func(t *testing.T) {
		checkCSV(t, filepath.Join(out, "cards.csv"), b.Doc.Entries)
	})
}

// checkFonts asserts that every font is embedded, subset and TrueType.
func checkFonts(t *testing.T, report string) {
	lines := strings.Split(strings.TrimSpace(report), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", report)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 5 || !strings.Contains(l, "TrueType") || !strings.Contains(l, " yes yes ") {
			t.Errorf("font not embedded and subset TrueType: %s", l)
		}
	}
}

func checkCSV(t *testing.T, path string, entries any) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if strings.HasPrefix(text, "\ufeff") {
		t.Error("CSV starts with a BOM")
	}
	var header []string
	for strings.HasPrefix(text, "#") {
		line, rest, _ := strings.Cut(text, "\n")
		header = append(header, line)
		text = rest
	}
	if len(header) == 0 || !strings.HasPrefix(header[0], "#separator:") {
		t.Fatalf("header must start with #separator: %v", header)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = separator(strings.TrimPrefix(header[0], "#separator:"))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	if len(rows) == 0 {
		t.Fatal("no notes")
	}
	for i, row := range rows {
		if strings.TrimSpace(row[0]) == "" {
			t.Errorf("row %d: empty first field", i+1)
		}
	}
}

func separator(name string) rune {
	switch strings.ToLower(name) {
	case "comma", ",":
		return ','
	case "semicolon", ";":
		return ';'
	case "tab", "\t":
		return '\t'
	case "pipe", "|":
		return '|'
	}
	return ','
}

// seedBook lays out the seed sample as a book in a temporary folder.
func seedBook(t *testing.T) string {
	dir := t.TempDir()
	seed := booktest.Seed(t)
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "hugging-face.txt"), seed, 0o644)
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: Hugging Face\nid: hugging-face\ndate: 2026-11-01\n"), 0o644)
	return dir
}

// TestSeed compiles the seed sample exactly as written: exit 0, one
// positioned warning per unresolved reference, and a valid EPUB.
func TestSeed(t *testing.T) {
	dir := seedBook(t)
	code, stderr := bookc(t, "build", "-C", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	want := []string{"Natural-Language-Processing", "Transformer", "BERT", "Diffusion-Models", "Model-Card", "NLP",
		"Open-Pre-trained-Transformers", "Tokenization", "Transformer", "Transfer-Learning"}
	re := regexp.MustCompile(`(?m)^content/hugging-face\.txt:(\d+):(\d+): warning: unresolved reference "#([^"]+)"`)
	var got []string
	for _, m := range re.FindAllStringSubmatch(stderr, -1) {
		got = append(got, m[3])
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("warnings:\n%s\nwant one for each of %v", stderr, want)
	}
	report := tool(t, "epubcheck", filepath.Join(dir, "out", "book.epub"))
	if !strings.Contains(report, "No errors or warnings detected") {
		t.Errorf("epubcheck:\n%s", report)
	}
}

// TestReproducible builds twice and compares every output byte for byte.
func TestReproducible(t *testing.T) {
	dir := seedBook(t)
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if code, stderr := bookc(t, "build", "-C", dir, "-o", out); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	for _, name := range []string{"book.pdf", "book.epub", "cards.csv", "cards.apkg"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds (%d and %d bytes)", name, len(x), len(y))
		}
	}
	// No absolute path of this machine may reach an output.
	checkNever(t, a, dir)
	pdf, _ := os.ReadFile(filepath.Join(a, "book.pdf"))
	text := tool(t, "pdftotext", filepath.Join(a, "book.pdf"), "-")
	if bytes.Contains(pdf, []byte(dir)) || strings.Contains(text, dir) {
		t.Errorf("book.pdf holds the path %s", dir)
	}
}

// TestNoNetwork asserts that bookc opens no network connection. Only the
// preview server (package preview, wired up in serve.go) may link the
// network packages, and it only listens: no stage of the compiler
// depends on them, and no source file of the two has an HTTP client or
// dials out.
func TestNoNetwork(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}} {{join .Deps \" \"}}", "bookc/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	netPkg := func(p string) bool {
		return p == "net/http" || p == "crypto/tls" || strings.HasPrefix(p, "net/http/") || p == "net/rpc"
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || !strings.HasPrefix(f[0], "bookc") || f[0] == "bookc/preview" || f[0] == "bookc/cmd/bookc" {
			continue
		}
		for _, dep := range f[1:] {
			if netPkg(dep) {
				t.Errorf("%s depends on %s", f[0], dep)
			}
		}
	}
	client := regexp.MustCompile(`http\.(Get|Head|Post|PostForm|NewRequest\w*|Client|DefaultClient|DefaultTransport|Transport)\b|net\.Dial|tls\.Dial`)
	files, _ := filepath.Glob("../../preview/*.go")
	more, _ := filepath.Glob("*.go")
	if len(files) == 0 || len(more) == 0 {
		t.Fatal("no sources found to scan")
	}
	for _, name := range append(files, more...) {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, _ := os.ReadFile(name)
		if m := client.Find(src); m != nil {
			t.Errorf("%s uses %s", name, m)
		}
	}
}

// TestBadConfigKeepsOutputs checks that a typo in book.yaml fails with its
// line and leaves the previous outputs untouched.
func TestBadConfigKeepsOutputs(t *testing.T) {
	dir := seedBook(t)
	if code, stderr := bookc(t, "build", "-C", dir); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "out", "book.pdf"))
	os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: X\ndate: 2026-11-01\nautor: Y\n"), 0o644)
	code, stderr := bookc(t, "build", "-C", dir)
	if code != 1 || !strings.Contains(stderr, `book.yaml:3: error: unknown key "autor"`) {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "out", "book.pdf"))
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed out/book.pdf")
	}
}

func TestStrictAndUsage(t *testing.T) {
	dir := seedBook(t)
	if code, _ := bookc(t, "build", "-C", dir, "--strict", "-o", t.TempDir()); code != 1 {
		t.Errorf("--strict with warnings: exit %d, want 1", code)
	}
	if code, _ := bookc(t, "build", "--format", "docx", "-C", dir); code != 1 && code != 2 {
		t.Errorf("unknown format: exit %d", code)
	}
	if code, _ := bookc(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if code, _ := bookc(t, "build", "--no-such-flag"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if code, stderr := bookc(t, "check", "-C", t.TempDir()); code != 1 || !strings.Contains(stderr, "no book.yaml") {
		t.Errorf("missing book.yaml: exit %d\n%s", code, stderr)
	}
}

func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "neu")
	if code, stderr := bookc(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d %s", code, stderr)
	}
	if code, stderr := bookc(t, "check", "-C", dir, "--strict"); code != 0 {
		t.Fatalf("starter book does not check cleanly: exit %d\n%s", code, stderr)
	}
	if code, _ := bookc(t, "init", dir); code != 1 {
		t.Errorf("init over an existing book: exit %d, want 1", code)
	}
}
