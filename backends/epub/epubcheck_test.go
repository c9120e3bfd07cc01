package epub

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// epubcheckJar is where Debian's epubcheck package puts the validator; its
// /usr/bin/epubcheck wrapper does not run.
const epubcheckJar = "/usr/share/java/epubcheck.jar"

var epubcheckSummary = regexp.MustCompile(`Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?`)

// TestEpubcheck validates rendered books with epubcheck and wants neither
// errors nor warnings. It fails when epubcheck is missing: the EPUB is only
// known to be valid when it has been checked.
func TestEpubcheck(t *testing.T) {
	java, err := exec.LookPath("java")
	if err != nil {
		t.Fatalf("java not found: install epubcheck (apt-get install epubcheck)")
	}
	if _, err := os.Stat(epubcheckJar); err != nil {
		t.Fatalf("%s not found: install epubcheck (apt-get install epubcheck)", epubcheckJar)
	}
	books := map[string]func(t *testing.T) *testBook{
		"seed": func(t *testing.T) *testBook {
			return loadBook(t, "title: Hugging Face\ndate: 2026-11-01\ncontent: [content]\n", "hugging-face.txt")
		},
		"sample": func(t *testing.T) *testBook {
			return loadBook(t, testYAML+"epub:\n  embed-fonts: true\n", testFiles...)
		},
		"corpus": func(t *testing.T) *testBook { return corpusBook(t, 200) },
	}
	for name, load := range books {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			data, _ := load(t).render(t)
			file := filepath.Join(t.TempDir(), "book.epub")
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(java, "-jar", epubcheckJar, file).CombinedOutput()
			m := epubcheckSummary.FindStringSubmatch(string(out))
			if err != nil || m == nil || m[1] != "0" || m[2] != "0" || m[3] != "0" {
				t.Errorf("epubcheck (%v):\n%s", err, strings.TrimSpace(string(out)))
			}
		})
	}
}
