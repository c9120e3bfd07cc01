package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"bookc/ast"
	"bookc/backends/pdf/draw"
	"bookc/backends/pdf/layout"
	"bookc/backends/pdf/page"
	"bookc/book/booktest"
	"bookc/config"
	"bookc/link"
)

// TestTaggedSample checks the structure of the sample book's PDF as
// poppler reads it: every entry's title is an H1, and every word
// pdftotext finds is inside a structure element, but for the running
// heads, page numbers and dot leaders, which are artifacts and must not
// be in the structure.
func TestTaggedSample(t *testing.T) {
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found; install it with: apt-get install -y poppler-utils", tool)
		}
	}
	bk, _ := booktest.Load(t, booktest.Root())
	files, _ := booktest.Render(t, bk, Render)
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, files[FileName], 0o644); err != nil {
		t.Fatal(err)
	}
	structText := run(t, "pdfinfo", "-struct-text", path)
	h1 := map[string]bool{}
	var inStruct []string
	lines := strings.Split(structText, "\n")
	for i, line := range lines {
		s := strings.TrimSpace(line)
		if !strings.HasPrefix(s, `"`) {
			continue
		}
		s = strings.TrimSuffix(strings.TrimPrefix(s, `"`), `"`)
		inStruct = append(inStruct, s)
		if i > 0 && strings.TrimSpace(lines[i-1]) == "H1 (block)" {
			h1[strings.TrimSpace(s)] = true
		}
	}
	for _, en := range bk.Doc.Entries {
		if !h1[en.TitleText()] {
			t.Errorf("entry %q has no H1", en.TitleText())
		}
	}
	// Words are cut differently by the two readings (at line ends, links,
	// footnote marks), so every word of the text must be found in the
	// structure's text with spaces and hyphens taken out.
	artifacts := artifactWords(t, bk.Doc, bk.Links, bk.Config)
	flat := strip(strings.Join(inStruct, ""))
	for w := range countWords(run(t, "pdftotext", "-enc", "UTF-8", path, "-")) {
		if !artifacts[w] && !inText(flat, strip(w), artifacts) {
			t.Errorf("%q is not in the structure", w)
		}
	}
	// The same pages drawn untagged give the same text.
	d := laidOut(t, bk.Doc, bk.Links, bk.Config)
	d.Elems = nil
	plain, err := draw.Write(d)
	if err != nil {
		t.Fatal(err)
	}
	plainPath := filepath.Join(t.TempDir(), "plain.pdf")
	if err := os.WriteFile(plainPath, plain, 0o644); err != nil {
		t.Fatal(err)
	}
	if a, b := run(t, "pdftotext", "-enc", "UTF-8", path, "-"), run(t, "pdftotext", "-enc", "UTF-8", plainPath, "-"); a != b {
		t.Errorf("pdftotext reads the tagged PDF otherwise than the untagged one:\n%s", lineDiff(a, b))
	}
	for _, head := range runningHeads(t, bk.Doc, bk.Links, bk.Config) {
		if strings.Contains(structText, head) {
			t.Errorf("running head %q is in the structure", head)
		}
	}
}

// wordRE splits text into words: hyphens join lines, so they split too.
var wordRE = regexp.MustCompile(`[^\s\-\x{00AD}]+`)

// inText reports whether w is in flat, or is a word there run into an
// artifact, as pdftotext joins a word hyphenated at a page's end with
// the page number.
func inText(flat, w string, artifacts map[string]bool) bool {
	if strings.Contains(flat, w) {
		return true
	}
	for i := 1; i < len(w); i++ {
		if artifacts[w[i:]] && strings.Contains(flat, w[:i]) || artifacts[w[:i]] && strings.Contains(flat, w[i:]) {
			return true
		}
	}
	return false
}

// strip removes whitespace and hyphens.
func strip(s string) string { return strings.Join(wordRE.FindAllString(s, -1), "") }

// countWords counts the words of s.
func countWords(s string) map[string]int {
	out := map[string]int{}
	for _, w := range wordRE.FindAllString(s, -1) {
		out[w]++
	}
	return out
}

// artifactWords returns the words of the texts the page model marks as
// artifacts.
func artifactWords(t *testing.T, doc *ast.Document, links *link.Links, cfg *config.Book) map[string]bool {
	out := map[string]bool{}
	for _, p := range laidOut(t, doc, links, cfg).Pages {
		for _, tx := range p.Texts {
			if tx.Elem <= page.Artifact {
				for w := range countWords(tx.Text) {
					out[w] = true
				}
			}
		}
	}
	return out
}

// runningHeads returns the running heads with two titles, which no
// structure element holds.
func runningHeads(t *testing.T, doc *ast.Document, links *link.Links, cfg *config.Book) []string {
	var out []string
	for _, p := range laidOut(t, doc, links, cfg).Pages {
		head := ""
		for _, tx := range p.Texts {
			if tx.Elem == page.ArtifactHead {
				head += tx.Text + " "
			}
		}
		if strings.Contains(head, "—") {
			out = append(out, strings.Join(strings.Fields(head), " "))
		}
	}
	return out
}

// laidOut lays the book out again, for what the page model says.
func laidOut(t *testing.T, doc *ast.Document, links *link.Links, cfg *config.Book) *page.Doc {
	t.Helper()
	set, _ := Fonts(cfg)
	d, _, _ := layout.Layout(doc, links, cfg, set)
	return d
}

// lineDiff returns the first lines in which a and b differ.
func lineDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "tagged:   " + la[i] + "\nuntagged: " + lb[i]
		}
	}
	return "(one is longer)"
}

// run runs a tool that must succeed and returns its output.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return string(out)
}
