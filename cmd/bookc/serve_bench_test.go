package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"bookc/preview"
)

// BenchmarkServeEdit measures, in a running serve, the time from saving
// an edited entry until the preview serves pages with the edit
// (pages-ms), which is when an open page starts to update. The book is a
// copy of BOOKC_CORPUS, as for BenchmarkWatchEdit; ns/op means nothing.
func BenchmarkServeEdit(b *testing.B) {
	dir, target, orig := corpusCopy(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	urls := make(chan string, 1)
	o := serveOptions{build: buildFlags{dir: dir, out: "out", quiet: true}, bind: "127.0.0.1", ready: func(u string) { urls <- u }}
	go serve(ctx, o, io.Discard)
	url := <-urls
	state := func() preview.State {
		var st preview.State
		if res, err := http.Get(url + "_bookc/state"); err == nil {
			json.NewDecoder(res.Body).Decode(&st)
			res.Body.Close()
		}
		return st
	}
	wait := func(cond func(preview.State) bool) {
		for deadline := time.Now().Add(60 * time.Second); !cond(state()); time.Sleep(2 * time.Millisecond) {
			if time.Now().After(deadline) {
				b.Fatal("the preview did not follow")
			}
		}
	}
	wait(func(st preview.State) bool { return st.Gen > 0 && st.PDFBuild == st.Build })
	var pages time.Duration
	for i := 0; i < b.N; i++ {
		gen := state().Gen
		time.Sleep(50 * time.Millisecond)
		start := time.Now()
		edit := strings.Replace(string(orig), "\n\n", fmt.Sprintf("\n\nÄnderung %d. ", i), 1)
		os.WriteFile(target, []byte(edit), 0o644)
		wait(func(st preview.State) bool { return st.Gen > gen })
		pages += time.Since(start)
		wait(func(st preview.State) bool { return st.Gen == st.Build && st.PDFBuild == st.Build })
	}
	b.ReportMetric(float64(pages.Milliseconds())/float64(b.N), "pages-ms")
}
