// Package checktools finds and runs the outside validators the tests
// check bookc's outputs with: DAISY Ace, epubcheck and Chromium. Each
// finder fails the test with the command that installs the tool when it
// is missing: a validation is never skipped.
package checktools

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// AceVersion is the version of @daisy/ace-cli scripts/ensure-tools.sh
// installs, pinned with its dependencies in tools/ace/package-lock.json.
const AceVersion = "1.4.6"

// install is what a test that misses a tool tells the reader to run.
const install = "run `make tools` (scripts/ensure-tools.sh; as root it installs what is missing)"

// RepoRoot returns the repository's top folder, found from this file.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// ToolsDir is where ensure-tools.sh installs npm packages: $BOOKC_TOOLS,
// else the user's cache folder.
func ToolsDir() string {
	if d := os.Getenv("BOOKC_TOOLS"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "bookc")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return filepath.Join(os.TempDir(), "bookc-tools")
	}
	return filepath.Join(home, ".cache", "bookc")
}

// Chromium returns Debian's chromium binary.
func Chromium(tb testing.TB) string {
	tb.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	tb.Fatalf("chromium not found: %s", install)
	return ""
}

// Ace returns the ace-cli program, installed at the pinned version.
func Ace(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(ToolsDir(), "ace-"+AceVersion)
	bin := filepath.Join(dir, "node_modules", ".bin", "ace-cli")
	if _, err := os.Stat(bin); err != nil {
		tb.Fatalf("DAISY Ace not found at %s: %s", bin, install)
	}
	want, err := os.ReadFile(filepath.Join(RepoRoot(), "tools", "ace", "package-lock.json"))
	if err != nil {
		tb.Fatal(err)
	}
	have, _ := os.ReadFile(filepath.Join(dir, "package-lock.json"))
	if !bytes.Equal(want, have) {
		tb.Fatalf("DAISY Ace in %s is not the one tools/ace pins: %s", dir, install)
	}
	if _, err := exec.LookPath("node"); err != nil {
		tb.Fatalf("node not found: %s", install)
	}
	return bin
}

// Finding is one failed Ace check.
type Finding struct {
	Doc    string // the content document, or the package document
	Rule   string // e.g. "epub-type-has-matching-role"
	Impact string // minor, moderate, serious or critical
	HTML   string // the element, as Ace quotes it
	Desc   string
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s (%s): %s %s", f.Doc, f.Rule, f.Impact, f.Desc, f.HTML)
}

// AceReport is what the tests read from Ace's report.json.
type AceReport struct {
	Findings []Finding
	// Metadata lists the accessibility metadata Ace found missing.
	Missing []string
	// PageBreaks tells that Ace saw page-break markers.
	PageBreaks bool
}

type aceJSON struct {
	Assertions []struct {
		Subject struct {
			URL string `json:"url"`
		} `json:"earl:testSubject"`
		Assertions []struct {
			Result struct {
				Outcome string `json:"earl:outcome"`
				Desc    string `json:"dct:description"`
				HTML    string `json:"html"`
			} `json:"earl:result"`
			Test struct {
				Impact string `json:"earl:impact"`
				Title  string `json:"dct:title"`
			} `json:"earl:test"`
		} `json:"assertions"`
	} `json:"assertions"`
	Meta struct {
		Missing []string `json:"missing"`
	} `json:"a11y-metadata"`
	Props struct {
		PageBreaks bool `json:"hasPageBreaks"`
	} `json:"properties"`
}

// RunAce checks an EPUB file with DAISY Ace, driving Debian's chromium,
// and returns its findings. It takes about ten seconds a book.
func RunAce(tb testing.TB, epub string) AceReport {
	tb.Helper()
	ace, chromium := Ace(tb), Chromium(tb)
	out := tb.TempDir()
	cmd := exec.Command(ace, "--force", "--silent", "--outdir", out, epub)
	cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+chromium)
	msg, err := cmd.CombinedOutput()
	data, rerr := os.ReadFile(filepath.Join(out, "report.json"))
	if rerr != nil {
		tb.Fatalf("ace-cli %s: %v %v\n%s", epub, err, rerr, msg)
	}
	var r aceJSON
	if err := json.Unmarshal(data, &r); err != nil {
		tb.Fatalf("ace report: %v", err)
	}
	rep := AceReport{Missing: r.Meta.Missing, PageBreaks: r.Props.PageBreaks}
	for _, a := range r.Assertions {
		for _, t := range a.Assertions {
			if t.Result.Outcome != "fail" {
				continue
			}
			rep.Findings = append(rep.Findings, Finding{Doc: a.Subject.URL, Rule: t.Test.Title,
				Impact: t.Test.Impact, HTML: t.Result.HTML, Desc: t.Result.Desc})
		}
	}
	return rep
}

// EpubcheckJar is where Debian's epubcheck package puts the validator; its
// /usr/bin/epubcheck wrapper does not run.
const EpubcheckJar = "/usr/share/java/epubcheck.jar"

var epubcheckSummary = regexp.MustCompile(`Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?`)

// Epubcheck validates an EPUB file and returns epubcheck's report when it
// found any fatal error, error or warning, else "".
func Epubcheck(tb testing.TB, epub string) string {
	tb.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		tb.Fatalf("java not found: %s", install)
	}
	if _, err := os.Stat(EpubcheckJar); err != nil {
		tb.Fatalf("%s not found: %s", EpubcheckJar, install)
	}
	out, err := exec.Command(java, "-jar", EpubcheckJar, epub).CombinedOutput()
	m := epubcheckSummary.FindStringSubmatch(string(out))
	if err != nil || m == nil || m[1] != "0" || m[2] != "0" || m[3] != "0" {
		return fmt.Sprintf("epubcheck (%v):\n%s", err, strings.TrimSpace(string(out)))
	}
	return ""
}
