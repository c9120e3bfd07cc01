package a11ytest

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestImprint wants the imprint on the title page's verso of the PDF (as
// pdftotext reads it) and in the EPUB, with the same lines, and
// publisher, rights and both ISBNs in the EPUB's metadata.
func TestImprint(t *testing.T) {
	out := buildBook(t, "test")
	text, err := exec.Command("pdftotext", "-f", "2", "-l", "2", filepath.Join(out, "book.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	docs := readEPUB(t, filepath.Join(out, "book.epub"))
	imprint := docs.files["OEBPS/imprint.xhtml"]
	for _, s := range []string{"Beispielverlag", "© 2026 Erika Mustermann. Alle Rechte vorbehalten.",
		"ISBN 978-3-16-148410-0 (Druckausgabe)", "ISBN 978-3-16-148411-7 (E-Book)", "1. Auflage"} {
		if !strings.Contains(string(text), s) {
			t.Errorf("PDF page ii lacks %q:\n%s", s, text)
		}
		if !strings.Contains(imprint, s) {
			t.Errorf("EPUB imprint lacks %q", s)
		}
	}
	opf := docs.files[docs.opf]
	for _, s := range []string{"<dc:publisher>Beispielverlag</dc:publisher>", "<dc:rights>",
		"<dc:identifier>urn:isbn:9783161484117</dc:identifier>", `<dc:source id="print-source">urn:isbn:9783161484100</dc:source>`} {
		if !strings.Contains(opf, s) {
			t.Errorf("package document lacks %s", s)
		}
	}
	sample := readEPUB(t, filepath.Join(buildBook(t, "sample"), "book.epub"))
	if _, ok := sample.files["OEBPS/imprint.xhtml"]; ok {
		t.Error("an imprint page for a book.yaml without publisher, rights or ISBN")
	}
}
