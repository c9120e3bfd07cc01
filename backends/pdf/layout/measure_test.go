package layout

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"testing"

	"bookc/backends/pdf/page"
	"bookc/link"
)

// printed are quality figures read off the drawn pages glyph run by
// glyph run, as a reader of the PDF sees them: no layout internals.
type printed struct {
	BodyLines   int     // justified or last lines at the body size, main matter
	LooseLines  int     // lines with a word space above 0.5 em
	MaxSpace    float64 // the widest word space, in em
	HyphenRuns3 int     // runs of three or more lines ending with a hyphen
	PageEndHyph int     // pages whose last body line ends with a hyphen
	RefsInWord  int     // page references followed by a letter or hyphen
	RefsOwnPage int     // page references to the page they stand on
	Spreads     int     // facing pages that continue one flow
	BadSpreads  int     // of which the last baselines differ by more than 0.5 pt
	ShortPages  int     // pages less than 75 % full, not before an entry start
	worst       []string
}

func (p printed) String() string {
	return fmt.Sprintf("body lines %d, loose %d (%.2f‰, widest %.2f em), hyphen runs of 3 %d, page-end hyphens %d, refs in words %d, refs to own page %d, spreads %d of which ragged %d, short pages %d",
		p.BodyLines, p.LooseLines, 1000*float64(p.LooseLines)/max(1, float64(p.BodyLines)), p.MaxSpace,
		p.HyphenRuns3, p.PageEndHyph, p.RefsInWord, p.RefsOwnPage, p.Spreads, p.BadSpreads, p.ShortPages)
}

// pline is one line of drawn text.
type pline struct {
	y     float64
	ts    []page.Text
	text  string
	body  bool
	entry bool // an entry title
}

var (
	pageRefRE = regexp.MustCompile(`S\.\x{a0}(\d+)(?:, \d+)*\)(.?)`)
	labelRE   = regexp.MustCompile(`^([•–∗·]|\d+\.)$`)
)

// measurePrinted reads the figures off the main matter of d; fs is the
// body size, top and textH the text area.
func measurePrinted(d *page.Doc, fs, top, textH float64) printed {
	var pr printed
	var main []*page.Page
	started := false
	for _, p := range d.Pages {
		if len(p.Anchors) > 0 && p.Anchors[0].ID == link.IndexID {
			break
		}
		if p.Label == "1" {
			started = true
		}
		if started && p.Label != "" {
			main = append(main, p)
		}
	}
	last := map[int]float64{}
	startsEntry := map[int]bool{}
	for k, p := range main {
		ls := drawnLines(d, p, fs, top, textH)
		pr.page(d, ls, p.Label, fs)
		if len(ls) > 0 {
			last[k] = ls[len(ls)-1].y
			startsEntry[k] = ls[0].entry
		}
	}
	for k := range main {
		if k+1 < len(main) && startsEntry[k+1] || k == len(main)-1 {
			continue
		}
		if y, ok := last[k]; ok && y-top < 0.75*textH {
			pr.ShortPages++
			pr.worst = append(pr.worst, fmt.Sprintf("short page %s", main[k].Label))
		}
		// Verso (even number) and recto after it.
		if (k+1)%2 == 0 && k+1 < len(main)-1 && !startsEntry[k+1] && !(k+2 < len(main) && startsEntry[k+2]) {
			pr.Spreads++
			if math.Abs(last[k]-last[k+1]) > 0.5 {
				pr.BadSpreads++
				pr.worst = append(pr.worst, fmt.Sprintf("ragged spread %s–%s: last baselines %.1f and %.1f pt", main[k].Label, main[k+1].Label, last[k], last[k+1]))
			}
		}
	}
	return pr
}

// page adds one page's lines to the figures.
func (pr *printed) page(d *page.Doc, ls []pline, label string, fs float64) {
	run, lastBody := 0, -1
	var prevY float64
	for i, l := range ls {
		if !l.body {
			continue
		}
		lastBody = i
		pr.BodyLines++
		if w := widestSpace(d, l, fs); w > 0.5 {
			pr.LooseLines++
			pr.worst = append(pr.worst, fmt.Sprintf("%.2f em p. %s: %s", w, label, l.text))
			pr.MaxSpace = max(pr.MaxSpace, w)
		}
		if run > 0 && l.y-prevY > 1.6*fs {
			run = 0
		}
		if strings.HasSuffix(l.text, "-") {
			run++
			if run == 3 {
				pr.HyphenRuns3++
				pr.worst = append(pr.worst, fmt.Sprintf("3 hyphens p. %s: %s", label, l.text))
			}
		} else {
			run = 0
		}
		prevY = l.y
	}
	if lastBody >= 0 && strings.HasSuffix(ls[lastBody].text, "-") && !strings.HasSuffix(ls[lastBody].text, " -") {
		pr.PageEndHyph++
		pr.worst = append(pr.worst, fmt.Sprintf("page-end hyphen p. %s: %s", label, ls[lastBody].text))
	}
	var all strings.Builder
	for _, l := range ls {
		all.WriteString(l.text)
		all.WriteByte('\n')
	}
	for _, m := range pageRefRE.FindAllStringSubmatch(all.String(), -1) {
		if m[2] != "" && (m[2] == "-" || isLetterOrDigit(m[2])) {
			pr.RefsInWord++
			pr.worst = append(pr.worst, fmt.Sprintf("ref in word p. %s: %s", label, m[0]))
		}
		if m[1] == label {
			pr.RefsOwnPage++
			pr.worst = append(pr.worst, fmt.Sprintf("ref to own page p. %s: %s", label, m[0]))
		}
	}
}

func isLetterOrDigit(s string) bool {
	for _, r := range s {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 0xBF
	}
	return false
}

// widestSpace is the widest gap between two words of a line, in em of
// the body size; list labels and code are left out.
func widestSpace(d *page.Doc, l pline, fs float64) float64 {
	widest := 0.0
	for i := 1; i < len(l.ts); i++ {
		a, b := l.ts[i-1], l.ts[i]
		if i == 1 && labelRE.MatchString(strings.TrimSpace(a.Text)) ||
			d.Faces[a.Face].IsMonospace() || d.Faces[b.Face].IsMonospace() {
			continue
		}
		gap := b.X - a.X - textW(d, a)
		if gap > 0.15*fs {
			widest = max(widest, gap/fs)
		}
	}
	return widest
}

// textW is the advance of a drawn text.
func textW(d *page.Doc, t page.Text) float64 {
	w := d.Faces[t.Face].UnkernedWidth(t.Text, t.Size)
	if t.HScale != 0 {
		w *= t.HScale
	}
	return w
}

// drawnLines groups a page's texts in the text area by baseline.
func drawnLines(d *page.Doc, p *page.Page, fs, top, textH float64) []pline {
	ts := make([]page.Text, 0, len(p.Texts))
	for _, t := range p.Texts {
		if t.Y > top && t.Y < top+textH+0.5*fs {
			ts = append(ts, t)
		}
	}
	sort.SliceStable(ts, func(i, j int) bool {
		if math.Abs(ts[i].Y-ts[j].Y) > 0.05 {
			return ts[i].Y < ts[j].Y
		}
		return ts[i].X < ts[j].X
	})
	var out []pline
	for i := 0; i < len(ts); {
		j := i + 1
		for j < len(ts) && ts[j].Y-ts[i].Y < 0.45*ts[j].Size {
			j++
		}
		out = append(out, newPline(d, ts[i:j], fs))
		i = j
	}
	return out
}

// newPline describes the texts of one line.
func newPline(d *page.Doc, ts []page.Text, fs float64) pline {
	l := pline{ts: ts}
	sort.SliceStable(l.ts, func(i, j int) bool { return l.ts[i].X < l.ts[j].X })
	var b strings.Builder
	bodyN, n := 0, 0
	for k, t := range ts {
		if k > 0 && t.X-ts[k-1].X-textW(d, ts[k-1]) > 0.12*t.Size {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
		l.y = max(l.y, t.Y)
		n += len(t.Text)
		if math.Abs(t.Size-fs) < 0.01 && !d.Faces[t.Face].IsMonospace() {
			bodyN += len(t.Text)
		}
	}
	l.text = strings.TrimSpace(b.String())
	l.body = bodyN*10 > n*6
	l.entry = ts[0].Size > 1.3*fs
	return l
}

// TestPageRefPlacement checks where page references go in the test
// book: after whole words, into a following or enclosing parenthesis,
// shared, and not at all on the target's own page.
func TestPageRefPlacement(t *testing.T) {
	doc, links, cfg := loadTestdata(t, testBook)
	d, _, _ := Layout(doc, links, cfg, defaultFonts(t))
	var all strings.Builder
	for _, p := range d.Pages {
		for _, l := range textLines(d, p) {
			s := l.text
			if strings.HasSuffix(s, "-") && !strings.HasSuffix(s, "--") {
				s = strings.TrimSuffix(s, "-")
			} else {
				s += " "
			}
			all.WriteString(s)
		}
	}
	// Fields also splits at no-break spaces.
	text := strings.Join(strings.Fields(all.String()), " ")
	for _, want := range []string{
		"eine Aufmerksamkeits-Variante (→ S. 1),",
		"Aufmerksamkeit (2014; → S. 1)",
		"(vgl. Aufmerksamkeit, → S. 1);",
		"BERT/Aufmerksamkeit (→ S. 1) teilen",
		"Aufmerksamkeits- und Rechenaufwand (→ S. 1) ein Wort",
		"den Encoder des Transformers verwendet",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q", want)
		}
	}
	if t.Failed() {
		t.Logf("text: %s", text)
	}
}
