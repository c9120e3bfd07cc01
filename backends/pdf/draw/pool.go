package draw

import (
	"bytes"
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// pageJob asks for the content stream of one page.
type pageJob struct {
	index  int      // 0-based page index
	images []string // resource names of the page's images, "" to skip
	tagged bool     // draw marked content
}

// pageResult is one page's compressed content stream and the problems
// found while writing it.
type pageResult struct {
	data     []byte
	mcids    []int32 // the structure element of each marked-content id
	images   int     // the number of them, the first ones, on images
	problems []Problem
	err      error
}

// pool writes and compresses content streams on as many goroutines as
// there are processors. Each page's stream depends only on the page, so
// the output does not depend on the number of workers or the order in
// which they finish.
type pool struct {
	w        *writer
	jobs     chan pageJob
	wg       sync.WaitGroup
	canvases []*canvas
	results  []pageResult // by page index
}

// startPool starts the workers.
func (w *writer) startPool() *pool {
	p := &pool{w: w, jobs: make(chan pageJob, 64), results: make([]pageResult, len(w.doc.Pages))}
	for range min(runtime.GOMAXPROCS(0), len(w.doc.Pages)) {
		c := newCanvas(w.doc.Faces, w.doc.Height)
		c.roles = w.roles
		p.canvases = append(p.canvases, c)
		p.wg.Add(1)
		go p.work(c)
	}
	return p
}

// work draws the pages it is given with c.
func (p *pool) work(c *canvas) {
	defer p.wg.Done()
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed) // the level is valid
	for j := range p.jobs {
		p.results[j.index] = p.drawPage(c, zw, &buf, j)
	}
}

// drawPage writes and compresses the content stream of one page, or
// takes it from the cache when the page was drawn before as it is.
func (p *pool) drawPage(c *canvas, zw *zlib.Writer, buf *bytes.Buffer, j pageJob) (res pageResult) {
	defer func() {
		if r := recover(); r != nil {
			res = pageResult{err: fmt.Errorf("pdf: page %d: drawing failed: %v", j.index+1, r)}
		}
	}()
	w := p.w
	keep := w.cache != nil
	if keep {
		w.pageInputs(j, &c.in)
		if d := w.cache.lookupPage(c.in.b); d != nil {
			return w.reusePage(j.index, &c.in, d, c)
		}
		c.record()
	}
	c.problems = c.problems[:0]
	misses := c.misses
	var cuts []textCut
	if j.tagged {
		cuts = w.linkTexts(j.index, &c.cutBuf)
	}
	raw := c.draw(j.index+1, w.doc.Pages[j.index], j.images, j.tagged, cuts)
	if len(c.mcids) > 0 {
		res.mcids = slices.Clone(c.mcids)
		res.images = c.imageMCIDs
	}
	res.data = deflate(w.cache, zw, buf, zlib.BestSpeed, raw)
	if len(c.problems) > 0 {
		res.problems = slices.Clone(c.problems)
	}
	if keep {
		runes := c.recorded()
		// Problems name the page they are on, and missing runes count
		// where they were first drawn: such pages are drawn again.
		if len(c.problems) == 0 && c.misses == misses {
			w.keepPage(j.index, &c.in, &res, runes)
		}
	}
	return res
}

// deflate returns data compressed with zw, which compresses at level,
// from the cache if it holds them. The result is not changed later.
func deflate(c *Cache, zw *zlib.Writer, buf *bytes.Buffer, level int, data []byte) []byte {
	packed, k, ok := c.lookup(level, data)
	if ok {
		return packed
	}
	buf.Reset()
	zw.Reset(buf)
	zw.Write(data) // writes to a bytes.Buffer do not fail
	zw.Close()
	if c == nil {
		return bytes.Clone(buf.Bytes())
	}
	return c.store(k, data, buf.Bytes())
}

// stop ends the workers without collecting their results.
func (p *pool) stop() {
	close(p.jobs)
	p.wg.Wait()
}

// finish waits for the last pages and hands the content streams, the
// runes used and the problems found to the writer. Problems are ordered
// by page, those found while preparing a page (links, images) before
// those found while writing its content.
func (p *pool) finish() error {
	p.stop()
	w := p.w
	w.contents = make([][]byte, len(p.results))
	for i, r := range p.results {
		if r.err != nil {
			return r.err
		}
		w.contents[i] = r.data
		if w.mcids != nil {
			w.mcids[i] = r.mcids
			w.imageMCIDs[i] = r.images
		}
		w.problems = append(w.problems, r.problems...)
	}
	slices.SortStableFunc(w.problems, func(a, b Problem) int { return cmp.Compare(a.Page, b.Page) })
	for _, c := range p.canvases {
		used := c.used
		if c.all != nil {
			used = c.all
		}
		for i := range w.used {
			w.used[i].union(&used[i])
		}
		for k, m := range c.missing {
			if have := w.missing[k]; have != nil {
				have.first = min(have.first, m.first)
				have.count += m.count
			} else {
				w.missing[k] = m
			}
		}
	}
	return nil
}
