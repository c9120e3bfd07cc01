package epub

import (
	"crypto/sha256"
	"sync"

	bk "bookc/book"
)

// deflateCache remembers the compressed form of content documents from one
// render to the next in a watch session, so that a rebuild compresses only
// the documents that changed. It keeps what the current and the previous
// render used, nothing older.
type deflateCache struct {
	mu       sync.Mutex
	cur, old map[[32]byte][]byte
}

// deflateCacheOf returns the session's cache, or a fresh one when the
// render has no session.
func deflateCacheOf(m *bk.Memo) *deflateCache {
	return m.Keep("epub.deflate", func() any {
		return &deflateCache{cur: map[[32]byte][]byte{}, old: map[[32]byte][]byte{}}
	}).(*deflateCache)
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
