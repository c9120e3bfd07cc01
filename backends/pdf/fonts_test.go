package pdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bookc/config"
)

// TestFontErrors checks that unusable font files named in book.yaml are
// errors at their line there.
func TestFontErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "kaputt.ttf"), []byte("no font"), 0o644)
	yaml := "title: T\npdf:\n  fonts:\n    serif: fehlt.ttf\n    mono: kaputt.ttf\n"
	cfg, ds := config.Parse("book.yaml", []byte(yaml))
	if cfg == nil {
		t.Fatal(ds)
	}
	cfg.Dir = dir
	set, ds := Fonts(cfg)
	if set != nil {
		t.Fatal("fonts loaded despite errors")
	}
	var out strings.Builder
	ds.Print(&out)
	for _, want := range []string{"book.yaml:4: error: pdf.fonts.serif:", "book.yaml:5: error: pdf.fonts.mono:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in\n%s", want, out.String())
		}
	}
}

// TestFontReplaced loads a bundled face's file in place of another.
func TestFontReplaced(t *testing.T) {
	def, _ := Fonts(&config.Book{})
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "serif.ttf"), def.Fallback[0].Data(), 0o644)
	cfg, _ := config.Parse("book.yaml", []byte("title: T\npdf:\n  fonts:\n    serif: serif.ttf\n"))
	cfg.Dir = dir
	set, ds := Fonts(cfg)
	if set == nil || ds.HasErrors() {
		t.Fatalf("fonts: %v", ds)
	}
	if set.Serif == def.Serif {
		t.Error("serif face not replaced")
	}
}
