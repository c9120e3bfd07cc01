package layout

import (
	"crypto/sha256"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZHash(t *testing.T) {
	for _, dir := range strings.Fields(os.Getenv("HASH_CORPORA")) {
		doc, links, cfg := loadBook(t, dir)
		d, st, ds := Layout(doc, links, cfg, defaultFonts(t))
		h := sha256.New()
		Dump(h, d)
		var b strings.Builder
		ds.Sort()
		ds.Print(&b)
		fmt.Printf("HASH %s dump %x diag %d/%x\n  %v\n", dir, h.Sum(nil)[:8], len(ds), sha256.Sum256([]byte(b.String())), st)
		if p := os.Getenv("HASH_DUMP"); p != "" && strings.HasSuffix(dir, "1000") {
			f, _ := os.Create(p)
			Dump(f, d)
			f.Close()
		}
	}
}
