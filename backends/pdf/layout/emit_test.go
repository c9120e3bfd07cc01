package layout

import (
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
)

// TestDrawersAgree lays the sample book out drawing the main matter on
// one goroutine and on several: the pages, their structure elements,
// footnote numbers and bookmarks must not depend on how many drew them.
func TestDrawersAgree(t *testing.T) {
	doc, links, cfg := loadBook(t, filepath.Join("..", "..", ".."))
	set := defaultFonts(t)
	was, procs := minPagesPerDrawer, runtime.GOMAXPROCS(0)
	defer func() { minPagesPerDrawer = was; runtime.GOMAXPROCS(procs) }()
	minPagesPerDrawer = 1
	runtime.GOMAXPROCS(1)
	one, _, _ := Layout(doc, links, cfg, set)
	runtime.GOMAXPROCS(5)
	five, _, _ := Layout(doc, links, cfg, set)
	if len(one.Pages) < 10 {
		t.Fatalf("the sample has %d pages; the test needs more", len(one.Pages))
	}
	if !reflect.DeepEqual(one.Pages, five.Pages) || !reflect.DeepEqual(one.Elems, five.Elems) ||
		!reflect.DeepEqual(one.Outline, five.Outline) || !reflect.DeepEqual(one.Sources, five.Sources) {
		t.Error("the pages drawn by five goroutines differ from those drawn by one")
	}
}
