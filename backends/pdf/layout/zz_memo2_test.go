package layout

import (
	"os"
	"reflect"
	"testing"
	"unicode"
)

func TestZZMemo2(t *testing.T) {
	dir := os.Getenv("PROBE_CORPUS")
	if dir == "" {
		t.Skip()
	}
	doc, links, cfg := loadBook(t, dir)
	e := newEngine(cfg, links, defaultFonts(t))
	m := newMain(e, doc)
	m.build()
	w := m.workers[0]
	memo := reflect.ValueOf(w.hyph).Elem().FieldByName("memo")
	short, digits, total := 0, 0, 0
	iter := memo.MapRange()
	for iter.Next() {
		k := iter.Key().FieldByName("text").String()
		total++
		if len([]rune(k)) < 5 {
			short++
		}
		hasLetter := false
		for _, r := range k {
			if unicode.IsLetter(r) {
				hasLetter = true
			}
		}
		if !hasLetter {
			digits++
		}
	}
	t.Logf("memo %d: short (<5 runes) %d, no letters %d", total, short, digits)
}
