package layout

import (
	"strings"
	"testing"
)

func TestZZDiag(t *testing.T) {
	doc, links, cfg := loadBook(t, "/tmp/dtest")
	_, st, ds := Layout(doc, links, cfg, defaultFonts(t))
	var b strings.Builder
	ds.Print(&b)
	t.Logf("%v\n%s", st, b.String())
}
