package anki

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bookc/config"
)

func TestStateFile(t *testing.T) {
	b := newBook(t, "title: T\nid: t\n", map[string]string{"a.md": smallEntries})
	_, out, _ := b.render(t)
	cfg, _ := config.Parse("book.yaml", []byte(b.yaml))
	cfg.Dir = b.dir
	if st, ds := ReadState(cfg); st != nil || len(ds) != 0 {
		t.Fatalf("no file: %v %v", st, ds)
	}
	path := filepath.Join(b.dir, StateFile)
	// One note per line; deleting the last note's line by hand still reads.
	lines := strings.Split(string(out.State), "\n")
	var kept []string
	for i, l := range lines {
		if i == len(lines)-4 { // the last note, before "]", "}", ""
			continue
		}
		kept = append(kept, l)
	}
	os.WriteFile(path, []byte(strings.Join(kept, "\n")), 0o644)
	st, ds := ReadState(cfg)
	if st == nil || len(ds) != 0 || len(st.Notes) != 1 {
		t.Fatalf("hand-edited state: %v %v", st, ds)
	}
	os.WriteFile(path, bytes.Replace(out.State, []byte(`"mod":`), []byte(`"mod":"x`), 1), 0o644)
	if st, ds := ReadState(cfg); st != nil || !ds.HasErrors() || ds[0].Pos.Line != 5 {
		t.Errorf("broken state: %v %v", st, ds)
	}
	os.WriteFile(path, out.State, 0o644)
	other, _ := config.Parse("book.yaml", []byte("title: T\nid: anders\n"))
	other.Dir = b.dir
	if st, ds := ReadState(other); st != nil || len(ds) != 1 || !strings.Contains(ds[0].Msg, `"t"`) {
		t.Errorf("other book: %v %v", st, ds)
	}
}
