package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium returns the path of a Chromium to drive; the test fails, and
// says what to install, when there is none.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("chromium is missing: apt-get install -y chromium (or run `make test`, which installs it)")
	return ""
}

// browser starts a headless Chromium that talks to nothing but the
// preview on the loopback address: no sync, no updates, no background
// requests, a fresh profile.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(800, 600),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTime(); cancel(); cancelAlloc() })
	return ctx
}

// open loads a page in the browser.
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
}

// evalJS evaluates a JavaScript expression in the page.
func evalJS[T any](t *testing.T, ctx context.Context, what, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// until waits in the page for a JavaScript condition to hold.
func until(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(wctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 600) : ''`))
		box, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById('bookc-diagnostics') || {}).innerText || 'no diagnostics shown'`))
		t.Fatalf("waiting for %s: %v\npage:\n%s\ndiagnostics:\n%s", what, err, page, box)
	}
}

// longEntry is an entry tall enough to scroll in an 800×600 window.
func longEntry() string {
	var b strings.Builder
	b.WriteString("## Alpha {#Alpha .chapter .term}\n\nAlpha ist der Anfang des Buchs.\n\n### Erklärung {.explanation}\n\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "Absatz %d erzählt von Alpha, [Beta](#Beta) und dem Rest des Alphabets.\n\n", i)
	}
	return b.String()
}

// serveYAML is a book.yaml without warnings: the Anki backend warns of a
// missing id.
const serveYAML = "title: Gut\nid: gut\ndate: 2026-11-01\ncontent: [content]\n"

const betaEntry = "## Beta {#Beta .chapter .term}\n\nBeta folgt auf [Alpha](#Alpha).\n"

// TestServeBrowser drives a real browser against `bookc serve`: the page
// follows an edit without being reloaded and keeps its scroll position; a
// broken reference shows over the page with its position and goes when it
// is fixed; a book that does not build keeps the last good page under the
// errors; the policy stops a script the page did not bring; Ctrl-C ends
// the server and the page notices.
func TestServeBrowser(t *testing.T) {
	dir := t.TempDir()
	alpha := longEntry()
	write(t, dir, map[string]string{"book.yaml": serveYAML, "content/alpha.md": alpha, "content/beta.md": betaEntry})
	sctx, stop := context.WithCancel(context.Background())
	defer stop()
	urls := make(chan string, 1)
	done := make(chan error, 1)
	var stderr syncBuffer
	o := serveOptions{build: buildFlags{dir: dir, out: "out", formats: []string{"epub", "anki"}}, bind: "127.0.0.1",
		ready: func(u string) { urls <- u }}
	go func() { done <- serve(sctx, o, &stderr) }()
	var url string
	select {
	case url = <-urls:
	case err := <-done:
		t.Fatalf("serve ended: %v\n%s", err, stderr.String())
	}
	ctx := browser(t)
	open(t, ctx, url+"alpha.xhtml")
	until(t, ctx, "the first pages", `document.body.innerText.includes('Absatz 40')`)
	until(t, ctx, "the event stream", `document.getElementById('bookc-pdf') !== null && !document.documentElement.classList.contains('bookc-offline')`)

	y := evalJS[float64](t, ctx, "scrolling", `window.bookcMarker = 'same page'; window.scrollTo(0, 700); window.scrollY`)
	if y != 700 {
		t.Fatalf("scrolled to %v, not 700: the page is too short", y)
	}
	write(t, dir, map[string]string{"content/alpha.md": strings.Replace(alpha, "Absatz 3 ", "Geänderter Absatz 3 ", 1)})
	until(t, ctx, "the edit", `document.body.innerText.includes('Geänderter Absatz 3')`)
	kept := evalJS[[]any](t, ctx, "after the edit", `[window.bookcMarker || null, window.scrollY, document.getElementById('bookc-diagnostics') === null]`)
	if kept[0] != "same page" || kept[1] != 700.0 || kept[2] != true {
		t.Errorf("after the edit: marker, scrollY, no overlay = %v; want the same page at 700 without diagnostics", kept)
	}

	broken := strings.Replace(alpha, "Absatz 2 erzählt", "Absatz 2 [Gamma](#Gamma) erzählt", 1)
	line := strings.Count(broken[:strings.Index(broken, "[Gamma]")], "\n") + 1
	pos := fmt.Sprintf("content/alpha.md:%d:10", line)
	write(t, dir, map[string]string{"content/alpha.md": broken})
	until(t, ctx, "the overlay with "+pos, `(function () {
		var box = document.getElementById('bookc-diagnostics');
		return box !== null && box.innerText.includes('`+pos+`') && box.innerText.includes('unresolved reference "#Gamma"');
	})()`)
	write(t, dir, map[string]string{"content/alpha.md": alpha})
	until(t, ctx, "the overlay to go", `document.getElementById('bookc-diagnostics') === null && !document.body.innerText.includes('Geänderter')`)

	write(t, dir, map[string]string{"book.yaml": serveYAML + "farbe: blau\n", "content/alpha.md": strings.Replace(alpha, "Anfang", "Ende", 1)})
	until(t, ctx, "the errors of a book that does not build", `(function () {
		var box = document.getElementById('bookc-diagnostics');
		return box !== null && box.className === 'bookc-has-errors' && box.innerText.includes('book.yaml:5') &&
			box.innerText.includes('last good pages');
	})()`)
	text := evalJS[string](t, ctx, "the last good page", `document.body.innerText`)
	if !strings.Contains(text, "Anfang des Buchs") || strings.Contains(text, "Ende des Buchs") {
		t.Error("a book with errors changed the page")
	}
	write(t, dir, map[string]string{"book.yaml": serveYAML})
	until(t, ctx, "the fixed book", `document.getElementById('bookc-diagnostics') === null && document.body.innerText.includes('Ende des Buchs')`)

	blocked := evalJS[[]any](t, ctx, "a foreign script", `new Promise(function (resolve) {
		var violated = false;
		document.addEventListener('securitypolicyviolation', function () { violated = true; });
		var s = document.createElement('script');
		s.textContent = 'window.foreign = 1;';
		document.head.appendChild(s);
		setTimeout(function () { resolve([window.foreign === undefined, violated]); }, 200);
	})`, chromedp.EvalAwaitPromise)
	if blocked[0] != true || blocked[1] != true {
		t.Errorf("an inline script the page did not bring: blocked, reported = %v", blocked)
	}

	open(t, ctx, url+"cards/")
	until(t, ctx, "two cards", `document.querySelectorAll('.bookc-note').length === 2 && document.body.innerText.includes('Beta folgt auf Alpha')`)

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	until(t, ctx, "the page to notice the stop", `document.documentElement.classList.contains('bookc-offline')`)
	if _, err := os.Stat(filepath.Join(dir, "out", "book.epub")); err != nil {
		t.Errorf("serve wrote no EPUB: %v", err)
	}
}
