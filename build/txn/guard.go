package txn

import "sync"

// Guard lets another goroutine, typically a signal handler, stop every set
// that uses it: after Stop no set creates a temporary file or commits, and
// the temporary files already made are gone. A commit in progress is
// finished first, so the folder never holds a mix.
type Guard struct {
	mu        sync.Mutex
	stopped   bool
	committed bool
	sets      map[*Set]bool
}

// NewGuard returns a guard that has not been stopped.
func NewGuard() *Guard { return &Guard{sets: map[*Set]bool{}} }

func (g *Guard) register(s *Set) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stopped {
		return false
	}
	g.sets[s] = true
	return true
}

// Stop closes every open set, removing its temporary files, and makes later
// Opens, Stages and Commits fail with ErrInterrupted. It reports whether a
// commit completed before it, so that the caller can say what was written.
func (g *Guard) Stop() (committed bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.stopped = true
	for s := range g.sets {
		s.closeLocked()
	}
	return g.committed
}
