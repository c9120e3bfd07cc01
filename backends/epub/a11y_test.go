package epub

import (
	"strings"
	"testing"

	"bookc/link"
)

const claimYAML = "epub:\n  accessibility:\n    conforms-to: EPUB Accessibility 1.1 - WCAG 2.1 Level AA\n    certified-by: Prüfstelle\n"

// TestMetadataFollowsContent checks that only what the content shows is
// claimed.
func TestMetadataFollowsContent(t *testing.T) {
	// hugging-face.txt has no image: only the cover, which does not count.
	data, _ := loadBook(t, testYAML+claimYAML, "hugging-face.txt").render(t)
	files, _ := unzip(t, data)
	opf := string(files[pkgDir+opfFile])
	for _, s := range []string{">visual<", "alternativeText", "pageNavigation", "textual,visual"} {
		if strings.Contains(opf, s) {
			t.Errorf("a book without content images or page list claims %s", s)
		}
	}
	for _, s := range []string{`<meta property="schema:accessModeSufficient">textual</meta>`,
		`<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>`,
		`<meta property="a11y:certifiedBy" id="certifier">Prüfstelle</meta>`, ">readingOrder<", ">index<"} {
		if !strings.Contains(opf, s) {
			t.Errorf("package document lacks %s", s)
		}
	}
	// ueberanpassung.md has an image with alt text.
	data, _ = loadBook(t, testYAML, testFiles[0]).render(t)
	files, _ = unzip(t, data)
	opf = string(files[pkgDir+opfFile])
	for _, s := range []string{">visual<", "alternativeText", "textual,visual"} {
		if !strings.Contains(opf, s) {
			t.Errorf("a book with a described image lacks %s", s)
		}
	}
	if strings.Contains(opf, "conformsTo") {
		t.Error("a conformance claim without book.yaml stating one")
	}
}

// TestNoClaimWithoutAltText wants the claim left out, with a warning,
// when an image lacks alt text.
func TestNoClaimWithoutAltText(t *testing.T) {
	data, ds := loadBook(t, testYAML+claimYAML, "ohne-alt.md").render(t)
	files, _ := unzip(t, data)
	if opf := string(files[pkgDir+opfFile]); strings.Contains(opf, "conformsTo") || strings.Contains(opf, "certifiedBy") {
		t.Error("conformance claimed although an image has no alt text")
	}
	found := false
	for _, d := range ds {
		found = found || d.Pos.File == "book.yaml" && strings.Contains(d.Msg, "conforms-to is not written")
	}
	if !found {
		t.Errorf("no warning about the dropped claim: %v", ds)
	}
}

// TestPageMarkersInOrder places markers from a made-up pagination: the
// front matter at the start of its documents, a page that continues a
// block before the next page's node, the last pages at the end.
func TestPageMarkersInOrder(t *testing.T) {
	bk := loadBook(t, testYAML, testFiles...)
	var entries = bk.Doc.Entries
	bk.pages = []link.PrintPage{{Label: "i", Part: link.TitlePage}, {Label: "iii", Part: link.ContentsPage},
		{Label: "1", Part: link.MainPage, At: entries[0]}, {Label: "2", Part: link.MainPage},
		{Label: "3", Part: link.MainPage, At: entries[1].Lead[0]}, {Label: "4", Part: link.MainPage},
		{Label: "5", Part: link.IndexPage}}
	data, _ := bk.render(t)
	files, _ := unzip(t, data)
	var got []string
	for _, f := range []string{titleFile, navFile} {
		got = append(got, labels(string(files[pkgDir+f]))...)
	}
	for _, c := range newBook(bk.Doc, bk.Links, bk.Config).chapters {
		got = append(got, labels(string(files[pkgDir+c.file]))...)
	}
	got = append(got, labels(string(files[pkgDir+indexFile]))...)
	if strings.Join(got, " ") != "i iii 1 2 3 4 5" {
		t.Errorf("markers %v", got)
	}
	nav := string(files[pkgDir+navFile])
	if !strings.Contains(nav, `<nav epub:type="page-list"`) || strings.Count(nav, `#_page-`) != 7 {
		t.Errorf("page-list nav missing or incomplete:\n%s", nav)
	}
}

func labels(doc string) []string {
	var out []string
	for _, part := range strings.Split(doc, `epub:type="pagebreak"`)[1:] {
		i := strings.Index(part, `aria-label="`) + len(`aria-label="`)
		out = append(out, part[i:i+strings.IndexByte(part[i:], '"')])
	}
	return out
}
