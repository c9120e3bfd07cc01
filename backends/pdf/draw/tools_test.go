package draw

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const installHint = "apt-get install -y qpdf poppler-utils"

// needTool fails the test when an external checker is missing.
func needTool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found; install it with: %s", name, installHint)
	}
	return path
}

// writeTemp stores pdf in the test's temporary directory.
func writeTemp(t testing.TB, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// run runs a tool and returns its standard output and exit code; the
// test fails if it cannot be started.
func run(t testing.TB, tool string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(needTool(t, tool), args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("%s: %v", tool, err)
		}
		code = ee.ExitCode()
	}
	return stdout.String(), stderr.String(), code
}

// mustRun runs a tool that must succeed.
func mustRun(t testing.TB, tool string, args ...string) string {
	t.Helper()
	out, errOut, code := run(t, tool, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s%s", tool, strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// qpdfJSON is the part of qpdf's JSON (version 2) the tests read.
type qpdfJSON struct {
	Pages []struct {
		Object string         `json:"object"`
		Label  map[string]any `json:"label"`
	} `json:"pages"`
	Outlines []outlineJSON    `json:"outlines"`
	Objects  []map[string]any `json:"qpdf"`
}

// outlineJSON is one outline item in qpdf's JSON.
type outlineJSON struct {
	Title string        `json:"title"`
	Page  int           `json:"destpageposfrom1"`
	Dest  []any         `json:"dest"`
	Kids  []outlineJSON `json:"kids"`
}

// readJSON runs qpdf --json on path.
func readJSON(t testing.TB, path string) *qpdfJSON {
	t.Helper()
	out := mustRun(t, "qpdf", "--json", "--json-key=pages", "--json-key=outlines", "--json-key=qpdf", path)
	var j qpdfJSON
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	return &j
}

// object returns the value of the indirect object ref ("5 0 R").
func (j *qpdfJSON) object(ref string) map[string]any {
	if len(j.Objects) < 2 {
		return nil
	}
	o, _ := j.Objects[1]["obj:"+ref].(map[string]any)
	v, _ := o["value"].(map[string]any)
	return v
}

// pageIndex returns the 0-based index of the page object ref, or -1.
func (j *qpdfJSON) pageIndex(ref string) int {
	for i, p := range j.Pages {
		if p.Object == ref {
			return i
		}
	}
	return -1
}

// annots returns the link annotations of page i.
func (j *qpdfJSON) annots(i int) []map[string]any {
	var out []map[string]any
	list, _ := j.object(j.Pages[i].Object)["/Annots"].([]any)
	for _, a := range list {
		if m, ok := a.(map[string]any); ok {
			out = append(out, m)
		} else if ref, ok := a.(string); ok {
			out = append(out, j.object(ref))
		}
	}
	return out
}
