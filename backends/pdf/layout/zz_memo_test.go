package layout

import (
	"os"
	"reflect"
	"testing"
)

func TestZZMemo(t *testing.T) {
	dir := os.Getenv("PROBE_CORPUS")
	if dir == "" {
		t.Skip()
	}
	doc, links, cfg := loadBook(t, dir)
	e := newEngine(cfg, links, defaultFonts(t))
	m := newMain(e, doc)
	m.build()
	for _, w := range m.workers {
		memo := reflect.ValueOf(w.hyph).Elem().FieldByName("memo").Len()
		memoP := reflect.ValueOf(w.plain).Elem().FieldByName("memo").Len()
		hc := reflect.ValueOf(w.hyph).Elem().FieldByName("Hyphenator").Elem().Elem().FieldByName("m").Len()
		t.Logf("memo hyph %d plain %d, hyphCache %d", memo, memoP, hc)
	}
}
