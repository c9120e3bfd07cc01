package epub

import (
	"crypto/sha256"
	"sync"
)

// deflated remembers the compressed form of content documents across
// renders in one process, so that a rebuild in watch mode compresses only
// the documents that changed. It keeps what the current and the previous
// render used, nothing older.
var deflated = &deflateCache{cur: map[[32]byte][]byte{}, old: map[[32]byte][]byte{}}

type deflateCache struct {
	mu       sync.Mutex
	cur, old map[[32]byte][]byte
}

// get returns the compressed bytes for data, if a recent render made them.
func (c *deflateCache) get(key [32]byte) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d, ok := c.cur[key]; ok {
		return d, true
	}
	if d, ok := c.old[key]; ok {
		c.cur[key] = d
		return d, true
	}
	return nil, false
}

func (c *deflateCache) put(key [32]byte, d []byte) {
	c.mu.Lock()
	c.cur[key] = d
	c.mu.Unlock()
}

// rotate starts a new render: what the last render did not use is
// forgotten.
func (c *deflateCache) rotate() {
	c.mu.Lock()
	c.old, c.cur = c.cur, map[[32]byte][]byte{}
	c.mu.Unlock()
}

func contentKey(data []byte) [32]byte { return sha256.Sum256(data) }
