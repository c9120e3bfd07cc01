package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// hostile is one bad input: files written over a book that built before,
// the exit code and a diagnostic (position and text) that must follow.
type hostile struct {
	name  string
	files map[string]string // path in the book → content
	setup func(t *testing.T, dir string)
	args  []string // replaces the default build arguments
	code  int
	diag  string   // regular expression the diagnostics must match
	never []string // strings no output may contain
}

const goodYAML = "title: Gut\ndate: 2026-11-01\ncontent: [content]\n"

const goodEntry = "## Gut {#Gut .chapter .term}\n\nEin **guter** Eintrag.\n"

func hostileCases() []hostile {
	bomb := "title: T\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n" +
		"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n" +
		"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	img := func(src string) map[string]string {
		return map[string]string{"content/img.md": "## Bild {#Bild .term}\n\nLead.\n\n![Ein Bild](" + src + ")\n"}
	}
	return []hostile{
		{name: "latin1", files: map[string]string{"content/l.md": "## Gr\xf6\xdfe {#Groesse}\n\nText.\n"},
			diag: `content/l\.md:1:6: warning: file is not valid UTF-8; read as Windows-1252`},
		{name: "bom", files: map[string]string{"content/bom.md": "\ufeff## Bom {#Bom}\n\nSiehe [x](#Nix).\n"},
			diag: `content/bom\.md:3:7: warning: unresolved reference "#Nix"`},
		{name: "crlf", files: map[string]string{"content/crlf.md": "## C {#C}\r\n\r\nSiehe [x](#Nix).\r\n"},
			diag: `content/crlf\.md:3:7: warning: unresolved reference "#Nix"`},
		{name: "cr only", files: map[string]string{"content/cr.md": "## C {#C}\r\rSiehe [x](#Nix).\r"},
			diag: `content/cr\.md:3:7: warning: unresolved reference "#Nix"`},
		{name: "nul byte", files: map[string]string{"content/nul.md": "## N {#N}\n\nA\x00B\n"},
			diag: `content/nul\.md:3:2: warning: NUL byte replaced by U\+FFFD`},
		{name: "empty file", files: map[string]string{"content/empty.md": ""},
			diag: `content/empty\.md:1:1: warning: no entry in this file`},
		{name: "no heading", files: map[string]string{"content/plain.md": "Nur Text.\n"},
			diag: `content/plain\.md:1:1: warning: text before the first entry is ignored`},
		{name: "only empty files", files: map[string]string{"content/good.md": ""}, code: 1,
			diag: `book\.yaml:3: error: the book has no entries`},
		{name: "no lead", files: map[string]string{"content/nolead.md": "## L {#L}\n\n### X {.explanation}\n\nText.\n"},
			diag: `content/nolead\.md:1:1: warning: entry "L" has no lead paragraph`},
		{name: "duplicate ids", files: map[string]string{"content/d1.md": "## A {#D}\n\nA.\n", "content/d2.md": "## B {#D}\n\nB.\n"},
			code: 1, diag: `content/d2\.md:1:1: error: duplicate id "D", first defined at content/d1\.md:1:1`},
		{name: "self reference", files: map[string]string{"content/self.md": "## S {#S}\n\nSiehe [S](#S).\n"},
			diag: `content/self\.md:3:7: warning: entry "#S" refers to itself`},
		{name: "50 MB file", setup: func(t *testing.T, dir string) {
			big := bytes.Repeat([]byte("Wort "), 10<<20)
			os.WriteFile(filepath.Join(dir, "content/big.md"), append([]byte("## Groß {#Gross}\n\n"), big...), 0o644)
		}, code: 1, diag: `content/big\.md: error: file is larger than 16 MiB`},
		{name: "deep lists", files: map[string]string{"content/deep.md": "## Tief {#Tief}\n\nLead.\n\n" + strings.Repeat("- ", 10000) + "x\n"},
			diag: `content/deep\.md:5:\d+: warning: lists or quotes nested deeper than 24 levels are flattened`},
		{name: "deep indentation", files: map[string]string{"content/indent.md": "## Tief {#Tief}\n\nLead.\n\n" + indented(2000)},
			diag: `content/indent\.md:\d+:1: warning: line indented by \d+ characters`},
		{name: "long word", files: map[string]string{"content/word.md": "## Wort {#Wort .term}\n\n" + strings.Repeat("Langwort", 12500) + "\n"}},
		{name: "unterminated attributes", files: map[string]string{"content/open.md": "## Offen {#Offen .term\n\nText.\n"},
			diag: `content/open\.md:1:1: warning: attribute block is not closed`},
		{name: "odd attribute characters", files: map[string]string{"content/odd.md": "## Odd {#a<b>&\"c' .x\u00e4 key=\"<script>alert(1)</script>\"}\n\nText [hin](#a<b>&\"c').\n"},
			diag: `content/odd\.md:1:1: warning: attribute block not understood`, never: []string{"<script", "alert(1)"}},
		{name: "yaml empty", files: map[string]string{"book.yaml": ""}, code: 1, diag: `book\.yaml:1: error: the file is empty`},
		{name: "yaml list", files: map[string]string{"book.yaml": "- title\n- content\n"}, code: 1, diag: `book\.yaml:1: error: expected a map of keys`},
		{name: "yaml wrong type", files: map[string]string{"book.yaml": "title: Gut\npdf:\n  two-sided: vielleicht\n"}, code: 1, diag: `book\.yaml:3: error: .*vielleicht`},
		{name: "yaml alias bomb", files: map[string]string{"book.yaml": bomb}, code: 1, diag: `book\.yaml:\d*:? ?error: `},
		{name: "yaml unknown key", files: map[string]string{"book.yaml": goodYAML + "farbe: blau\n"}, code: 1, diag: `book\.yaml:4: error: unknown key "farbe"`},
		{name: "missing content folder", files: map[string]string{"book.yaml": "title: T\ncontent: [kapitel]\n"}, code: 1,
			diag: `book\.yaml:2: error: content "kapitel": no such folder or file`},
		{name: "font not TrueType", files: map[string]string{"book.yaml": goodYAML + "pdf:\n  fonts:\n    serif: fake.ttf\n", "fake.ttf": "OTTO not a font"},
			code: 1, diag: `book\.yaml:6: error: .*fake\.ttf`},
		{name: "image escapes folder", files: img("../../etc/passwd"), diag: `content/img\.md:5:1: warning: image "\.\./\.\./etc/passwd": the path leaves the book's folder`},
		{name: "image absolute path", files: img("/etc/passwd"), diag: `content/img\.md:5:1: warning: image "/etc/passwd": the path leaves the book's folder`},
		{name: "image symlink outside", files: img("link.png"), setup: func(t *testing.T, dir string) {
			os.Symlink("/etc/passwd", filepath.Join(dir, "content/link.png"))
		}, diag: `content/img\.md:5:1: warning: image "link\.png": the path leaves the book's folder`},
		{name: "truncated png", files: img("cut.png"), setup: func(t *testing.T, dir string) {
			data := pngBytes(40, 40)
			os.WriteFile(filepath.Join(dir, "content/cut.png"), data[:len(data)/2], 0o644)
		}, diag: `content/img\.md:5:1: warning: image "cut\.png": damaged PNG file`},
		{name: "huge png header", files: img("huge.png"), setup: func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "content/huge.png"), hugePNGHeader(100000, 100000), 0o644)
		}, diag: `content/img\.md:5:1: warning: image "huge\.png": 100000 × 100000 pixels is too large`},
		{name: "remote image", files: img("https://example.org/x.png"), diag: `content/img\.md:5:1: warning: image "https://example\.org/x\.png": remote images are never fetched`},
		{name: "raw script", files: map[string]string{"content/xss.md": "## X {#X .term}\n\nText <script>alert(1)</script> und <img src=x onerror=alert(2)>.\n\n<script>alert(3)</script>\n\n<div onclick=\"alert(4)\">d</div>\n"},
			never: []string{"<script", "onerror", "onclick", "alert("}},
		{name: "output not writable", args: []string{"build", "-o", "good.md/out"}, setup: func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "good.md"), []byte("a file, not a folder"), 0o644)
		}, code: 1, diag: `.*good\.md/out: error: .*not a directory`},
	}
}

func indented(levels int) string {
	var b strings.Builder
	for i := 0; i < levels; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return b.String()
}

func pngBytes(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(0, 0, color.RGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

// hugePNGHeader is a PNG whose header claims w × h pixels and whose data
// stops right after it.
func hugePNGHeader(w, h uint32) []byte {
	data := pngBytes(1, 1)
	be := func(b []byte, v uint32) { b[0], b[1], b[2], b[3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v) }
	be(data[16:20], w)
	be(data[20:24], h)
	be(data[29:33], crc32.ChecksumIEEE(data[12:29]))
	return data[:33] // signature and IHDR, and no pixel data
}

// TestHostileInput runs every bad input against a book that built before,
// bounded in time: exit code, positioned diagnostic, outputs untouched on
// failure, and no unsafe markup in any output.
func TestHostileInput(t *testing.T) {
	cases := hostileCases()
	if len(cases) < 25 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runHostile(t, c) })
	}
}

func runHostile(t *testing.T, c hostile) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"book.yaml": goodYAML, "content/good.md": goodEntry})
	if code, stderr := bookc(t, "build", "-C", dir, "-q"); code != 0 {
		t.Fatalf("the good book does not build: %s", stderr)
	}
	before := snapshot(t, filepath.Join(dir, "out"))
	write(t, dir, c.files)
	if c.setup != nil {
		c.setup(t, dir)
	}
	args := append([]string{"build"}, c.args...)
	if len(c.args) > 0 {
		args = c.args
	}
	args = append(args, "-C", dir)
	code, stderr := bounded(t, args)
	if code != c.code {
		t.Fatalf("exit %d, want %d\n%s", code, c.code, stderr)
	}
	if c.diag != "" && !regexp.MustCompile(`(?m)^`+c.diag).MatchString(stderr) {
		t.Errorf("diagnostics do not match %q:\n%s", c.diag, stderr)
	}
	if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
		t.Errorf("crash:\n%s", stderr)
	}
	after := snapshot(t, filepath.Join(dir, "out"))
	if code != 0 && !equalSnap(before, after) {
		t.Errorf("a failed build changed out/")
	}
	if code == 0 {
		for _, s := range c.never {
			checkNever(t, filepath.Join(dir, "out"), s)
		}
	}
}

func bounded(t *testing.T, args []string) (int, string) {
	type res struct {
		code   int
		stderr string
	}
	done := make(chan res, 1)
	go func() {
		code, stderr := bookc(t, args...)
		done <- res{code, stderr}
	}()
	select {
	case r := <-done:
		return r.code, r.stderr
	case <-time.After(60 * time.Second):
		t.Fatalf("build did not finish within 60 s")
	}
	return 0, ""
}

func write(t *testing.T, dir string, files map[string]string) {
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func snapshot(t *testing.T, dir string) map[string][32]byte {
	snap := map[string][32]byte{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			snap[p] = sha256.Sum256(data)
		}
		return nil
	})
	if len(snap) < 3 {
		t.Fatalf("out/ holds %d files", len(snap))
	}
	return snap
}

func equalSnap(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// checkNever looks for s in the CSV and in every file inside the EPUB.
func checkNever(t *testing.T, out, s string) {
	csv, _ := os.ReadFile(filepath.Join(out, "cards.csv"))
	if strings.Contains(strings.ToLower(string(csv)), strings.ToLower(s)) {
		t.Errorf("cards.csv contains %q", s)
	}
	zr, err := zip.OpenReader(filepath.Join(out, "book.epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if strings.Contains(strings.ToLower(string(data)), strings.ToLower(s)) {
			t.Errorf("%s in the EPUB contains %q", f.Name, s)
		}
	}
}
