package build

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestHugeInputs builds a paragraph without spaces and a code block of
// one long line, and checks the PDF's text with pdftotext: every
// character is set, broken between characters (code lines with the
// continuation marker), and the diagnostic says what happened.
func TestHugeInputs(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: apt-get install -y poppler-utils (or run `make test`)")
	}
	for _, kind := range []string{"word", "codeline"} {
		dir := hugeBook(t, kind, 64<<10)
		_, ds := Run(Options{Dir: dir, OutDir: "out"})
		if ds.HasErrors() {
			t.Fatalf("%s: %v", kind, ds)
		}
		var b strings.Builder
		ds.Print(&b)
		msgs := b.String()
		if strings.Contains(msgs, "word spaces") {
			t.Errorf("%s: diagnostics speak of word spaces:\n%s", kind, msgs)
		}
		if want := "broken between characters, without a hyphen"; kind == "word" && !strings.Contains(msgs, want) {
			t.Errorf("%s: no %q in\n%s", kind, want, msgs)
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(dir, "out", "book.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := string(out)
		src := hugeInputs[kind](64 << 10)
		body := src[strings.Index(src, "\n\n")+2:]
		if kind == "codeline" {
			body = body[strings.Index(body, "```\n")+4:]
			body = strings.TrimSpace(body[:strings.Index(body, "\n```")])
			if n := strings.Count(text, "↪"); n < 100 {
				t.Errorf("code: %d continuation markers", n)
			}
			text = strings.ReplaceAll(text, "↪", "")
		}
		var body2 []string // the lines of the paragraph or code, without running heads and folios
		for _, line := range strings.Split(text, "\n") {
			if !noise(line) {
				body2 = append(body2, line)
			}
		}
		flat := strings.Join(strings.Fields(strings.Join(body2, "")), "")
		if want := strings.Join(strings.Fields(body), ""); !strings.Contains(flat, want) {
			t.Errorf("%s: the PDF's text differs from the input: %d vs %d bytes\n%.300s\n%.300s", kind, len(flat), len(want), flat, want)
		}
	}
}

// noise tells the lines of the PDF's text that are not the entry's body:
// title, running head, contents and index lines, folios.
func noise(line string) bool {
	line = strings.TrimSpace(line)
	switch line {
	case "", "Riesig", "Code", "Gross", "Index", "Kurz.":
		return true
	}
	if strings.Contains(line, ". . .") || len(line) == 1 {
		return true
	}
	return strings.Trim(line, "0123456789") == "" || strings.Trim(line, "ivx") == ""
}
