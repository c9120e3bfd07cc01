package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress reports the stages of a build. With --verbose it prints one
// plain line per finished stage. On a terminal, a build that runs longer
// than a second also shows a status line that it rewrites in place; where
// stderr is not a terminal (CI, pipes) no control characters are written.
type progress struct {
	w       io.Writer
	verbose bool
	tty     bool
	mu      sync.Mutex
	done    []string
	shown   bool
	stop    chan struct{}
	stopped chan struct{}
}

func newProgress(w io.Writer, verbose, quiet bool) *progress {
	p := &progress{w: w, verbose: verbose && !quiet, tty: !quiet && isTerminal(w)}
	if p.tty {
		p.stop, p.stopped = make(chan struct{}), make(chan struct{})
		go p.loop()
	}
	return p
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb"
}

// trace is the build's Trace callback.
func (p *progress) trace(stage string, d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = append(p.done, stage)
	if p.verbose {
		p.clearLocked()
		fmt.Fprintf(p.w, "%-6s %6d ms\n", stage, d.Milliseconds())
	}
}

func (p *progress) loop() {
	defer close(p.stopped)
	start := time.Now()
	tick := time.NewTicker(150 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-tick.C:
			if time.Since(start) < time.Second {
				continue
			}
			p.mu.Lock()
			p.shown = true
			fmt.Fprintf(p.w, "\r\033[Kbuilding… %.1fs done: %s", time.Since(start).Seconds(), strings.Join(p.done, " "))
			p.mu.Unlock()
		}
	}
}

func (p *progress) clearLocked() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}

// finish stops the status line and clears it.
func (p *progress) finish() {
	if p.tty {
		close(p.stop)
		<-p.stopped
	}
	p.mu.Lock()
	p.clearLocked()
	p.mu.Unlock()
}
