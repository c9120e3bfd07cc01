package epub

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCoverAndStylesheetFromConfig(t *testing.T) {
	yaml := testYAML + "epub:\n  cover: bild.png\n  css: eigen.css\n"
	bk := loadBook(t, yaml, testFiles[0])
	css := "h1 { letter-spacing: 0.05em; }\n"
	if err := os.WriteFile(filepath.Join(bk.Config.Dir, "eigen.css"), []byte(css), 0o644); err != nil {
		t.Fatal(err)
	}
	data, ds := bk.render(t)
	files, _ := unzip(t, data)
	want, _ := os.ReadFile(filepath.Join(bk.Config.Dir, "bild.png"))
	if !bytes.Equal(files[pkgDir+"images/cover.png"], want) {
		t.Error("the cover is not the image book.yaml names")
	}
	if string(files[pkgDir+"css/custom.css"]) != css {
		t.Error("epub.css was not copied")
	}
	page := string(files[pkgDir+"ueberanpassung.xhtml"])
	if !strings.Contains(page, `href="css/book.css"/>`+"\n"+`<link rel="stylesheet" type="text/css" href="css/custom.css"/>`) {
		t.Error("the book's stylesheet does not follow the built-in one")
	}
	for _, d := range ds {
		if strings.Contains(d.Msg, "epub.") {
			t.Errorf("unexpected warning: %s", d)
		}
	}
}

func TestUnusableCoverIsGenerated(t *testing.T) {
	for _, cover := range []string{"fehlt.png", "../draussen.png", "book.yaml"} {
		bk := loadBook(t, testYAML+"epub:\n  cover: "+cover+"\n", testFiles[0])
		os.WriteFile(filepath.Join(bk.Config.Dir, "book.yaml"), []byte(testYAML), 0o644)
		data, ds := bk.render(t)
		files, _ := unzip(t, data)
		if !bytes.HasPrefix(files[pkgDir+"images/cover.png"], []byte("\x89PNG")) {
			t.Errorf("cover %q: no generated PNG cover", cover)
		}
		found := false
		for _, d := range ds {
			found = found || d.Pos.File == "book.yaml" && d.Pos.Line == 9 && strings.Contains(d.Msg, "epub.cover")
		}
		if !found {
			t.Errorf("cover %q: no warning at book.yaml:9 in %v", cover, ds)
		}
	}
}

func TestListedOrderHasFlatContents(t *testing.T) {
	yaml := strings.Replace(testYAML, "content: [content]",
		"content: [content/ueberanpassung.md, content/generalisierung.md, content/hugging-face.txt]", 1)
	data, _ := loadBook(t, yaml+"order: listed\n", testFiles...).render(t)
	files, _ := unzip(t, data)
	nav := string(files[pkgDir+navFile])
	if strings.Contains(nav, `class="letter"`) {
		t.Error("a listed book's contents are grouped by letter")
	}
	if i, j := strings.Index(nav, "ueberanpassung.xhtml"), strings.Index(nav, "generalisierung.xhtml"); i < 0 || j < i {
		t.Error("contents not in the listed order")
	}
}

func TestEmbeddedFonts(t *testing.T) {
	data, _ := loadBook(t, testYAML+"epub:\n  embed-fonts: true\n", testFiles[0]).render(t)
	files, _ := unzip(t, data)
	css := string(files[pkgDir+"css/book.css"])
	for _, f := range serifFonts {
		if len(files[pkgDir+"fonts/"+f.name]) == 0 || !strings.Contains(css, `url("../fonts/`+f.name+`")`) {
			t.Errorf("font %s not embedded", f.name)
		}
	}
}

func TestNames(t *testing.T) {
	for in, want := range map[string]string{"Überanpassung": "ueberanpassung", "Straße-Groß": "strasse-gross",
		"Café_Crème 2": "cafe-creme-2", "日本": "u65e5u672c", "a..b": "a-b", "Σigma-ε": "sigmaigma-epsilon", "→": "kapitel"} {
		if got := fileBase(in); got != want {
			t.Errorf("fileBase(%q) = %q, want %q", in, got, want)
		}
	}
	a := newAnchors([]string{"Ueberanpassung", "Überanpassung", "1a", "a b", "ok-id.1", "日本", "Σ"})
	for in, want := range map[string]string{"Ueberanpassung": "Ueberanpassung", "Überanpassung": "Ueberanpassung-2",
		"1a": "id-1a", "a b": "a-b", "ok-id.1": "ok-id.1", "日本": "u65e5u672c", "Σ": "Sigma"} {
		if got := a.of(in); got != want {
			t.Errorf("anchor of %q = %q, want %q", in, got, want)
		}
	}
}

func TestImageWithoutAltText(t *testing.T) {
	data, ds := loadBook(t, testYAML, "ohne-alt.md").render(t)
	files, _ := unzip(t, data)
	opf := string(files[pkgDir+opfFile])
	if strings.Contains(opf, "alternativeText") || strings.Contains(opf, "Alternativtext") {
		t.Error("metadata claims alt text for an image without one")
	}
	if len(ds) != 1 || ds[0].Pos.Line != 5 || !strings.Contains(ds[0].Msg, "no alt text") {
		t.Errorf("want one warning at line 5, got %v", ds)
	}
	data, _ = loadBook(t, testYAML, testFiles[0]).render(t)
	files, _ = unzip(t, data)
	if !strings.Contains(string(files[pkgDir+opfFile]), "alternativeText") {
		t.Error("alternativeText missing although every image has alt text")
	}
}
