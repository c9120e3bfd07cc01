package layout

import (
	"os"
	"runtime/pprof"
	"runtime/metrics"
	"runtime"
	"testing"
	"time"
)

var gcTimes []time.Duration
var objs []uint64

func gcCPU() (gc, user float64) {
	ss := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/cpu/classes/user:cpu-seconds"}}
	metrics.Read(ss)
	return ss[0].Value.Float64(), ss[1].Value.Float64()
}

func liveMB() float64 {
	t0 := time.Now()
	runtime.GC()
	gcTimes = append(gcTimes, time.Since(t0))
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	objs = append(objs, ms.HeapObjects/1000)
	return float64(ms.HeapAlloc) / (1 << 20)
}

func TestZZProbe(t *testing.T) {
	dir := os.Getenv("PROBE_CORPUS")
	if dir == "" {
		t.Skip()
	}
	doc, links, cfg := loadBook(t, dir)
	set := defaultFonts(t)
	base := liveMB()
	t.Logf("after load: %.0f MB", base)
	t0 := time.Now()
	e := newEngine(cfg, links, set)
	m := newMain(e, doc)
	t.Logf("newMain %v live +%.0f MB", time.Since(t0), liveMB()-base)
	var pages []pageOut
	for run := 1; run <= MaxRuns; run++ {
		t1 := time.Now()
		c1 := cpuTime()
		g1, u1 := gcCPU()
		g, _, _ := m.build()
		tb := time.Since(t1)
		g2, u2 := gcCPU()
		t.Logf("   build cpu %v (gc %.2fs, user %.2fs)", cpuTime()-c1, g2-g1, u2-u1)
		pages = e.paginateMain(g)
		found := e.anchorLabels(pages, 1)
		mv := m.moved(found)
		t.Logf("run %d: build %v paginate+ %v, galley %d items, pages %d, moved %d, live +%.0f MB", run, tb, time.Since(t1)-tb, len(g), len(pages), len(mv), liveMB()-base)
		if len(mv) == 0 {
			break
		}
		changedLen := 0
		for id, l := range found {
			if len(l) != len(e.pages[id]) {
				changedLen++
			}
			e.pages[id] = l
		}
		t.Logf("   labels changing length: %d of %d refs; first moved %v", changedLen, len(m.refIDs), mv[:min(5, len(mv))])
	}
	if f, err := os.Create("/tmp/probe-heap.prof"); err == nil {
		runtime.GC()
		pprof.WriteHeapProfile(f)
		f.Close()
	}
	var st Stats
	t2 := time.Now()
	c2 := cpuTime()
	d := e.assemble(doc, pages, &st)
	t.Logf("   assemble cpu %v", cpuTime()-c2)
	t.Logf("assemble %v, live +%.0f MB", time.Since(t2), liveMB()-base)
	n := 0
	for _, p := range d.Pages {
		n += len(p.Texts)
	}
	t.Logf("pages %d texts %d", len(d.Pages), n)
	t.Logf("forced GC times: %v", gcTimes)
	t.Logf("live objects (k): %v", objs)
	runtime.KeepAlive(d)
	runtime.KeepAlive(m)
}
