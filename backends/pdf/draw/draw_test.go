package draw

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
)

func TestQpdfCheck(t *testing.T) {
	path := writeTemp(t, writeTestDoc(t))
	out, errOut, code := run(t, "qpdf", "--check", path)
	if code != 0 || strings.Contains(strings.ToLower(out+errOut), "warning") {
		t.Fatalf("qpdf --check: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check did not confirm the file:\n%s", out)
	}
}

func TestTextExtraction(t *testing.T) {
	path := writeTemp(t, writeTestDoc(t))
	text := mustRun(t, "pdftotext", "-enc", "UTF-8", path, "-")
	norm := strings.Join(strings.Fields(text), " ")
	want := append([]string{"KI-Glossar", "Überanpassung", "wⱼ", "Codeblock auf grauem Grund"}, testLines...)
	for _, w := range want {
		if !strings.Contains(norm, w) {
			t.Errorf("pdftotext output lacks %q\n%s", w, text)
		}
	}
	if pages := strings.Count(text, "\f"); pages != 3 {
		t.Errorf("pdftotext found %d pages, want 3", pages)
	}
}

func TestFontsEmbeddedAndSubset(t *testing.T) {
	doc := testDoc(t)
	path := writeTemp(t, writeTestDoc(t))
	out := mustRun(t, "pdffonts", path)
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	cols := columns(lines[1])
	rows := lines[2:]
	if len(rows) != len(doc.Faces) {
		t.Errorf("pdffonts lists %d fonts, want %d:\n%s", len(rows), len(doc.Faces), out)
	}
	seen := map[string]int{}
	for _, row := range rows {
		f := split(row, cols)
		name, typ, emb, sub, uni := f[0], f[1], f[3], f[4], f[5]
		if len(name) < 8 || name[6] != '+' || strings.ToUpper(name[:6]) != name[:6] {
			t.Errorf("font %q has no subset tag", name)
		}
		seen[name[min(7, len(name)):]]++
		if typ != "CID TrueType" || emb != "yes" || sub != "yes" || uni != "yes" {
			t.Errorf("font %s: type %q emb %q sub %q uni %q, want CID TrueType, yes, yes, yes", name, typ, emb, sub, uni)
		}
	}
	for _, f := range doc.Faces {
		if ps := f.Metrics().PostScriptName; seen[ps] != 1 {
			t.Errorf("pdffonts lists %s %d times, want once:\n%s", ps, seen[ps], out)
		}
	}
}

// columns returns the start of each column of pdffonts' dashed line.
func columns(dashes string) []int {
	var starts []int
	for i := range dashes {
		if dashes[i] == '-' && (i == 0 || dashes[i-1] == ' ') {
			starts = append(starts, i)
		}
	}
	return starts
}

// split cuts row at the column starts and trims the fields.
func split(row string, starts []int) []string {
	var out []string
	for k, s := range starts {
		end := len(row)
		if k+1 < len(starts) {
			end = min(starts[k+1], len(row))
		}
		if s > len(row) {
			out = append(out, "")
			continue
		}
		out = append(out, strings.TrimSpace(row[s:end]))
	}
	return out
}

func TestReproducible(t *testing.T) {
	a := writeTestDoc(t)
	b := writeTestDoc(t)
	doc := testDoc(t)
	c, err := Write(doc)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Write(doc)
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range [][]byte{b, c, d} {
		if !bytes.Equal(a, x) {
			t.Errorf("write %d differs from the first (%d vs %d bytes)", i+2, len(x), len(a))
		}
	}
	info := mustRun(t, "pdfinfo", "-isodates", writeTemp(t, a))
	for _, key := range []string{"CreationDate:", "ModDate:"} {
		if !strings.Contains(info, key+strings.Repeat(" ", 17-len(key))+"2025-03-01T12:00:00Z\n") {
			t.Errorf("%s is not the document's date:\n%s", key, info)
		}
	}
}

func TestInfo(t *testing.T) {
	path := writeTemp(t, writeTestDoc(t))
	out := mustRun(t, "pdfinfo", "-enc", "UTF-8", path)
	for _, want := range []string{
		"Title:           " + testTitle,
		"Author:          " + testAuthor,
		"Subject:         Künstliche Intelligenz",
		"Keywords:        KI Glossar",
		"Creator:         bookc",
		"Pages:           3",
		"PDF version:     1.7",
		"Page size:       420 x 595 pts",
	} {
		if !strings.Contains(out, want+"\n") && !strings.Contains(out, want+" ") {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "2025") {
		t.Errorf("pdfinfo shows no 2025 date:\n%s", out)
	}
}

func TestOutline(t *testing.T) {
	j := readJSON(t, writeTemp(t, writeTestDoc(t)))
	if len(j.Outlines) != 1 || j.Outlines[0].Title != "Glossar" || j.Outlines[0].Page != 1 {
		t.Fatalf("outline top level: %+v", j.Outlines)
	}
	kids := j.Outlines[0].Kids
	if len(kids) != 1 || kids[0].Title != "Überanpassung" || kids[0].Page != 3 {
		t.Fatalf("outline kids: %+v", kids)
	}
	if y, _ := kids[0].Dest[3].(float64); y != pageH-anchorY {
		t.Errorf("bookmark goes to y=%v, want %v", kids[0].Dest[3], pageH-anchorY)
	}
}

func TestLinks(t *testing.T) {
	j := readJSON(t, writeTemp(t, writeTestDoc(t)))
	annots := j.annots(0)
	if len(annots) != 2 {
		t.Fatalf("page 1 has %d annotations, want 2: %v", len(annots), annots)
	}
	dest, _ := annots[0]["/Dest"].([]any)
	if len(dest) != 5 {
		t.Fatalf("internal link has /Dest %v", annots[0]["/Dest"])
	}
	ref, _ := dest[0].(string)
	if p := j.pageIndex(ref); p != 2 {
		t.Errorf("internal link goes to page index %d, want 2", p)
	}
	if y, _ := dest[3].(float64); y != pageH-anchorY {
		t.Errorf("internal link goes to y=%v, want %v", dest[3], pageH-anchorY)
	}
	action, _ := annots[1]["/A"].(map[string]any)
	uri, _ := action["/URI"].(string)
	uri = strings.TrimPrefix(uri, "u:")
	if got, err := url.PathUnescape(uri); err != nil || got != testURL || strings.ContainsFunc(uri, func(r rune) bool { return r > 0x7E }) {
		t.Errorf("external link URI %q, want the ASCII form of %q", uri, testURL)
	}
	if len(j.annots(2)) != 0 {
		t.Error("anchor page has annotations")
	}
}

func TestCatalog(t *testing.T) {
	j := readJSON(t, writeTemp(t, writeTestDoc(t)))
	var labels []string
	for _, p := range j.Pages {
		s, _ := p.Label["/S"].(string)
		labels = append(labels, s)
	}
	if got := strings.Join(labels, ","); got != ",/D,/D" {
		t.Errorf("page label styles %q, want \",/D,/D\"", got)
	}
	trailer, _ := j.Objects[1]["trailer"].(map[string]any)
	root, _ := trailer["value"].(map[string]any)["/Root"].(string)
	lang, _ := j.object(root)["/Lang"].(string)
	if strings.TrimPrefix(lang, "u:") != "de-DE" {
		t.Errorf("catalog /Lang %q, want de-DE", lang)
	}
}

func TestImage(t *testing.T) {
	path := writeTemp(t, writeTestDoc(t))
	out := mustRun(t, "pdfimages", "-list", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("pdfimages lists %d images, want 2:\n%s", len(lines)-2, out)
	}
	for i, want := range [][]string{{"2", "4", "4", "rgb"}, {"2", "8", "8", "gray"}} {
		f := strings.Fields(lines[2+i])
		if got := []string{f[0], f[3], f[4], f[5]}; strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("image %d: page, width, height, colour %v; want %v:\n%s", i, got, want, out)
		}
	}
}
