package pdf

import (
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"bookc/book/booktest"
	"bookc/config"
	"bookc/fonts"
)

// TestPrintedByPoppler reads the drawn handbook back with poppler's
// pdftotext -bbox-layout, a reader independent of the layout and of
// its own measurements (layout's TestSampleQuality), and checks what a
// reader of the printed page sees: word spaces in justified lines, page
// references glued to words or pointing at their own page, hyphens at a
// page's foot, and the last baselines of facing pages. It sets the
// hand-written books of the repository on two paper sizes.
func TestPrintedByPoppler(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: apt-get install -y poppler-utils (or run `make tools`)")
	}
	books := []struct {
		name, dir string
		spreads   bool // long enough to have facing pages to compare
	}{
		{"sample", booktest.Root(), true},
		{"a11y", filepath.Join(booktest.Root(), "a11ytest", "testdata", "book"), false},
	}
	papers := []config.Paper{{Name: "A4", Width: 595.28, Height: 841.89}, {Name: "A5", Width: 419.53, Height: 595.28}}
	for _, bk := range books {
		for _, paper := range papers {
			t.Run(bk.name+"/"+paper.Name, func(t *testing.T) {
				b, _ := booktest.Load(t, bk.dir)
				b.Config.PDF.Paper = paper
				files, _ := booktest.Render(t, b, Render)
				path := filepath.Join(t.TempDir(), FileName)
				if err := os.WriteFile(path, files[FileName], 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command("pdftotext", "-bbox-layout", path, "-").Output()
				if err != nil {
					t.Fatalf("pdftotext: %v", err)
				}
				var doc bboxDoc
				if err := xml.Unmarshal(out, &doc); err != nil {
					t.Fatalf("reading pdftotext's output: %v", err)
				}
				pc := b.Config.PDF
				set, err := fonts.Default()
				if err != nil {
					t.Fatal(err)
				}
				serif := set.Serif
				descent := serif.Descent(1) / (serif.Ascent(1) + serif.Descent(1))
				f := readPrinted(doc.Pages, pc.FontSize, descent, float64(pc.Margins.Top), paper.Height-float64(pc.Margins.Bottom))
				t.Logf("%d body lines, %d justified; loose %d, glued refs %d, own-page refs %d, page-foot hyphens %d, spreads %d, ragged %d",
					f.body, f.justified, len(f.loose), len(f.glued), len(f.ownPage), len(f.footHyphen), f.spreads, len(f.ragged))
				if len(f.loose)*1000 > f.body {
					t.Errorf("%d loose lines in %d: %s", len(f.loose), f.body, strings.Join(f.loose, "; "))
				}
				for _, list := range []struct {
					what string
					v    []string
				}{{"page reference inside a word", f.glued}, {"page reference to its own page", f.ownPage},
					{"hyphen at a page's foot", f.footHyphen}, {"facing pages end on different baselines", f.ragged}} {
					for _, s := range list.v {
						t.Errorf("%s: %s", list.what, s)
					}
				}
				if f.justified*5 < f.body || bk.spreads && f.spreads == 0 {
					t.Errorf("the reading found too little to judge: %d justified of %d body lines, %d spreads", f.justified, f.body, f.spreads)
				}
			})
		}
	}
}

// The part of pdftotext -bbox-layout's XHTML that the check reads.
type bboxDoc struct {
	Pages []bboxPage `xml:"body>doc>page"`
}

type bboxPage struct {
	Width  float64     `xml:"width,attr"`
	Height float64     `xml:"height,attr"`
	Blocks []bboxBlock `xml:"flow>block"`
}

type bboxBlock struct {
	Lines []bboxLine `xml:"line"`
}

type bboxLine struct {
	XMin  float64    `xml:"xMin,attr"`
	YMin  float64    `xml:"yMin,attr"`
	XMax  float64    `xml:"xMax,attr"`
	YMax  float64    `xml:"yMax,attr"`
	Words []bboxWord `xml:"word"`
}

type bboxWord struct {
	XMin float64 `xml:"xMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMin float64 `xml:"yMin,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

// printedFigures are what the check found.
type printedFigures struct {
	body, justified, spreads          int
	loose, glued, ownPage, footHyphen []string
	ragged                            []string
}

var (
	pageRef   = regexp.MustCompile(`\(→ S\. ([0-9]+(?:[–, ]+[0-9]+)*)\)`)
	gluedRef  = regexp.MustCompile(`\(→ S\. [0-9–, ]+\)[\p{L}\p{N}-]`)
	folioWord = regexp.MustCompile(`^[0-9]+$`)
	number    = regexp.MustCompile(`[0-9]+`)
	labelWord = regexp.MustCompile(`^[0-9]+[.)]$|^[a-z][.)]$`)
)

// readPrinted measures the main matter: the pages from the one whose
// folio is 1 on, between the text area's top and bottom (the running
// head is above it, the folio below). A body line is a line as tall as most lines are (the
// body type); it is justified when it is not the last of its block and
// reaches the right edge of the page's text.
func readPrinted(pages []bboxPage, fontSize, descent, top, bottom float64) printedFigures {
	var f printedFigures
	type pageFacts struct {
		folio      int
		lastBase   float64
		lastIsBody bool // the lowest line is body text
		startsHead bool // the text begins with a line taller than body type
		lastText   string
	}
	heights := map[float64]int{}
	for _, p := range pages {
		for _, b := range p.Blocks {
			for _, l := range b.Lines {
				heights[math.Round((l.YMax-l.YMin)*10)/10] += len(l.Words)
			}
		}
	}
	bodyH, most := 0.0, 0
	for h, n := range heights {
		if n > most || n == most && h < bodyH {
			bodyH, most = h, n
		}
	}
	isBody := func(l bboxLine) bool { return math.Abs(l.YMax-l.YMin-bodyH) < 0.3 }
	em := fontSize
	var facts []pageFacts
	started := false
	for _, p := range pages {
		// The folio is a number alone in the page's foot margin.
		folio := 0
		for _, b := range p.Blocks {
			for _, l := range b.Lines {
				if len(l.Words) == 1 && l.YMin > bottom && folioWord.MatchString(l.Words[0].Text) {
					folio, _ = strconv.Atoi(l.Words[0].Text)
				}
			}
		}
		if folio == 1 {
			started = true
		}
		if !started || folio == 0 {
			continue
		}
		pf := pageFacts{folio: folio, lastBase: -1}
		var lines []bboxLine
		last := map[int]bool{} // index in lines → the last line of its block
		for _, b := range p.Blocks {
			for i, l := range b.Lines {
				if l.YMax < top || l.YMin > bottom {
					continue // running head, folio
				}
				last[len(lines)] = i == len(b.Lines)-1
				lines = append(lines, l)
			}
		}
		var text strings.Builder
		first, index, lowestBody := math.Inf(1), false, 0.0
		ends := map[float64]int{}
		for k, l := range lines {
			if l.YMin < first {
				first, pf.startsHead = l.YMin, l.YMax-l.YMin > 1.3*bodyH
			}
			if strings.Count(lineText(l), " . . ") > 0 {
				index = true // contents or index, set with leaders
			}
			// The baseline lies above the line box's foot by the
			// descender's share of its height. Only a page whose lowest
			// line is body text is judged: the box of a line in another
			// font (code) does not tell its baseline, and an empty line
			// of code is not seen at all.
			if base := l.YMax - descent*(l.YMax-l.YMin); base > pf.lastBase {
				pf.lastBase, pf.lastIsBody = base, isBody(l)
			}
			if isBody(l) {
				if l.YMax > lowestBody {
					lowestBody, pf.lastText = l.YMax, l.Words[len(l.Words)-1].Text
				}
				if !last[k] {
					ends[math.Round(l.XMax*2)/2]++
				}
			}
			for _, w := range l.Words {
				text.WriteString(w.Text)
				text.WriteByte(' ')
			}
		}
		if index {
			continue
		}
		// The right edge of the text is where most lines end; lines may
		// hang a hyphen or a stop beyond it.
		edge, most := 0.0, 0
		for x, n := range ends {
			if n > most || n == most && x < edge {
				edge, most = x, n
			}
		}
		for k, l := range lines {
			if !isBody(l) {
				continue
			}
			f.body++
			if last[k] || l.XMax < edge-0.1*em || len(l.Words) < 3 {
				continue
			}
			f.justified++
			widest := 0.0
			for i := 1; i < len(l.Words); i++ {
				if i == 1 && listLabel(l.Words[0].Text) {
					continue // the gap after a list item's label
				}
				widest = max(widest, l.Words[i].XMin-l.Words[i-1].XMax)
			}
			if widest > 0.5*em {
				f.loose = append(f.loose, fmt.Sprintf("S. %d %.2f em %q", folio, widest/em, lineText(l)))
			}
		}
		s := text.String()
		for _, m := range gluedRef.FindAllString(s, -1) {
			f.glued = append(f.glued, fmt.Sprintf("S. %d %q", folio, m))
		}
		for _, m := range pageRef.FindAllStringSubmatch(s, -1) {
			for _, n := range number.FindAllString(m[1], -1) {
				if v, _ := strconv.Atoi(n); v == folio && !strings.Contains(m[1], "–") {
					f.ownPage = append(f.ownPage, fmt.Sprintf("S. %d %q", folio, m[0]))
				}
			}
		}
		if strings.HasSuffix(pf.lastText, "-") {
			f.footHyphen = append(f.footHyphen, fmt.Sprintf("S. %d ends with %q", folio, pf.lastText))
		}
		facts = append(facts, pf)
	}
	// A verso (even folio) and the recto after it, when the text runs on
	// from the one to the other and past the recto.
	for k := 0; k+2 < len(facts); k++ {
		v, r, next := facts[k], facts[k+1], facts[k+2]
		if v.folio%2 != 0 || r.folio != v.folio+1 || r.startsHead || next.startsHead || !v.lastIsBody || !r.lastIsBody {
			continue
		}
		f.spreads++
		if math.Abs(v.lastBase-r.lastBase) > 0.5 {
			f.ragged = append(f.ragged, fmt.Sprintf("S. %d–%d: %.1f and %.1f pt", v.folio, r.folio, v.lastBase, r.lastBase))
		}
	}
	return f
}

// listLabel reports whether a line's first word is a list item's label:
// a bullet, a dash or a number with a stop.
func listLabel(s string) bool {
	return s == "•" || s == "–" || s == "◦" || labelWord.MatchString(s)
}

func lineText(l bboxLine) string {
	var ws []string
	for _, w := range l.Words {
		ws = append(ws, w.Text)
	}
	return strings.Join(ws, " ")
}
