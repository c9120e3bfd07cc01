package a11ytest

import (
	"archive/zip"
	"encoding/json"
	"encoding/xml"
	"io"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPageList wants one page-break marker for every page of the PDF that
// holds text, in reading order, each labelled as the PDF labels its page
// (read back with qpdf and pdftotext), and a page-list navigation with
// the same labels.
func TestPageList(t *testing.T) {
	for name := range books {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out := buildBook(t, name)
			want := pdfTextPages(t, filepath.Join(out, "book.pdf"))
			docs := readEPUB(t, filepath.Join(out, "book.epub"))
			var got []string
			for _, d := range docs.spine {
				for _, m := range pagebreakRE.FindAllStringSubmatch(docs.files[d], -1) {
					if !strings.Contains(m[0], `role="doc-pagebreak"`) {
						t.Errorf("%s: marker without role: %s", d, m[0])
					}
					got = append(got, m[1])
				}
			}
			t.Logf("%d pages with text: %v", len(want), want)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("page-break markers differ from the PDF's pages with text:\nEPUB %v\nPDF  %v", got, want)
			}
			var list []string
			nav := docs.files[docs.nav]
			if i := strings.Index(nav, `epub:type="page-list"`); i >= 0 {
				nav = nav[i:]
				nav = nav[:strings.Index(nav, "</nav>")]
				for _, m := range navItemRE.FindAllStringSubmatch(nav, -1) {
					list = append(list, m[1])
				}
			}
			if strings.Join(list, " ") != strings.Join(want, " ") {
				t.Errorf("page-list nav differs from the PDF's pages:\nnav %v\nPDF %v", list, want)
			}
			opf := docs.files[docs.opf]
			for _, s := range []string{"<dc:source", `property="source-of">pagination`, ">pageNavigation<", ">printPageNumbers<"} {
				if !strings.Contains(opf, s) {
					t.Errorf("package document lacks %s", s)
				}
			}
		})
	}
}

var (
	pagebreakRE = regexp.MustCompile(`<[a-z]+ epub:type="pagebreak"[^>]*aria-label="([^"]*)"[^>]*>`)
	navItemRE   = regexp.MustCompile(`<a href="[^"]*">([^<]*)</a>`)
)

// pdfTextPages returns the labels of the PDF's pages that hold any text:
// labels from the /PageLabels tree as qpdf reads it, text by pdftotext.
func pdfTextPages(t *testing.T, pdf string) []string {
	t.Helper()
	out, err := exec.Command("qpdf", "--json=2", "--json-key=pagelabels", "--json-key=pages", pdf).Output()
	if err != nil {
		t.Fatalf("qpdf: %v (run `make tools`)", err)
	}
	var j struct {
		Pages      []json.RawMessage `json:"pages"`
		PageLabels []struct {
			Index int `json:"index"`
			Label struct {
				S  string `json:"/S"`
				St int    `json:"/St"`
				P  string `json:"/P"`
			} `json:"label"`
		} `json:"pagelabels"`
	}
	if err := json.Unmarshal(out, &j); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v (run `make tools`)", err)
	}
	pages := strings.Split(string(text), "\f")
	var labels []string
	for i := range j.Pages {
		if i >= len(pages) || strings.TrimSpace(pages[i]) == "" {
			continue
		}
		label := ""
		for _, r := range j.PageLabels {
			if r.Index > i {
				break
			}
			n := i - r.Index + max(r.Label.St, 1)
			switch r.Label.S {
			case "/D":
				label = strconv.Itoa(n)
			case "/r":
				label = roman(n)
			case "/R":
				label = strings.ToUpper(roman(n))
			default:
				label = ""
			}
			label = strings.Trim(r.Label.P, "u:") + label
		}
		labels = append(labels, label)
	}
	return labels
}

// roman writes n in lower-case Roman numerals, as PDF readers show /r
// labels.
func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// epubFiles is an unpacked EPUB: its files by name, the spine's content
// documents in order, and the names of the package and navigation
// documents.
type epubFiles struct {
	files    map[string]string
	spine    []string
	opf, nav string
}

func readEPUB(t *testing.T, file string) epubFiles {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	e := epubFiles{files: map[string]string{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		e.files[f.Name] = string(data)
	}
	var container struct {
		Rootfiles []struct {
			Path string `xml:"full-path,attr"`
		} `xml:"rootfiles>rootfile"`
	}
	if err := xml.Unmarshal([]byte(e.files["META-INF/container.xml"]), &container); err != nil || len(container.Rootfiles) == 0 {
		t.Fatalf("container.xml: %v", err)
	}
	e.opf = container.Rootfiles[0].Path
	var pkg struct {
		Items []struct {
			ID    string `xml:"id,attr"`
			Href  string `xml:"href,attr"`
			Props string `xml:"properties,attr"`
		} `xml:"manifest>item"`
		Refs []struct {
			IDRef string `xml:"idref,attr"`
		} `xml:"spine>itemref"`
	}
	if err := xml.Unmarshal([]byte(e.files[e.opf]), &pkg); err != nil {
		t.Fatal(err)
	}
	dir := path.Dir(e.opf)
	href := map[string]string{}
	for _, it := range pkg.Items {
		href[it.ID] = path.Join(dir, it.Href)
		if strings.Contains(it.Props, "nav") {
			e.nav = path.Join(dir, it.Href)
		}
	}
	for _, r := range pkg.Refs {
		e.spine = append(e.spine, href[r.IDRef])
	}
	return e
}
