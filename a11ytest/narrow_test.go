package a11ytest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bookc/internal/checktools"

	"github.com/chromedp/chromedp"
)

// phone is the viewport of a small phone, in CSS pixels.
const phoneW, phoneH = 360, 800

// widthJS measures a document laid out at phone width: how wide the page
// is, and every element other than a table's scrolling box and what it
// holds that reaches past the viewport's right edge.
const widthJS = `(() => {
  const vw = window.innerWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.table-scroll')) continue;
    const r = el.getBoundingClientRect();
    if (r.right > vw + 0.5) wide.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' ' + Math.round(r.right));
  }
  const pre = [...document.querySelectorAll('pre')].filter(p => p.scrollWidth > p.clientWidth + 1).length;
  const heads = [...document.querySelectorAll('table')].filter(t => !t.querySelector('thead th')).length;
  return {page: document.documentElement.scrollWidth, vw: vw, wide: wide.slice(0, 5), pre: pre, heads: heads};
})()`

type widths struct {
	Page  float64  `json:"page"`
	VW    float64  `json:"vw"`
	Wide  []string `json:"wide"`
	Pre   int      `json:"pre"`
	Heads int      `json:"heads"`
}

// TestNarrowScreen opens every content document of each EPUB in headless
// Chromium at 360 × 800 and wants none wider than the viewport: wide
// tables scroll inside their own box and keep their header cells, code
// wraps inside its block.
func TestNarrowScreen(t *testing.T) {
	chromium := checktools.Chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox,
		chromedp.WindowSize(phoneW, phoneH), chromedp.Flag("allow-file-access-from-files", true))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneW, phoneH)); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	for _, name := range []string{"sample", "test"} {
		out := buildBook(t, name)
		dir := t.TempDir()
		docs := readEPUB(t, filepath.Join(out, "book.epub"))
		for f, data := range docs.files {
			p := filepath.Join(dir, filepath.FromSlash(f))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		tables := 0
		for _, d := range docs.spine {
			w, err := measure(ctx, "file://"+filepath.Join(dir, filepath.FromSlash(d)))
			if err != nil {
				t.Fatalf("%s %s: %v", name, d, err)
			}
			if w.VW != phoneW {
				t.Fatalf("viewport is %v px wide, not %d", w.VW, phoneW)
			}
			if w.Page > w.VW || len(w.Wide) > 0 {
				t.Errorf("%s %s: %v px wide at %v px: %s", name, d, w.Page, w.VW, strings.Join(w.Wide, ", "))
			}
			if w.Pre > 0 {
				t.Errorf("%s %s: %d code blocks scroll sideways instead of wrapping", name, d, w.Pre)
			}
			if w.Heads > 0 {
				t.Errorf("%s %s: %d tables lost their header cells", name, d, w.Heads)
			}
			tables += strings.Count(docs.files[d], `class="table-scroll"`)
		}
		if tables == 0 {
			t.Errorf("%s: no table in a scrolling box; the test proves nothing about tables", name)
		}
	}
}

// measure loads a document and measures it, within half a minute.
func measure(ctx context.Context, url string) (widths, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return widths{}, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[widths](widthJS))
}
