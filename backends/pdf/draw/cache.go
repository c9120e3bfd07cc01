package draw

import (
	"bytes"
	"hash/maphash"
	"slices"
	"sync"

	"bookc/fonts"
)

// Cache keeps the compressed streams of the last document drawn with it
// (the pages' content streams, the object streams and the fonts'
// streams), so that drawing a document whose pages are mostly unchanged,
// as after an edit in a watch session, compresses only what changed.
//
// Entries are found by their uncompressed bytes: a hash of them (with
// the compression level) picks the candidates, and a candidate is used
// only if its uncompressed bytes are equal to the ones to compress. A
// hash collision therefore costs a compression, never a wrong stream, and
// the output with a cache is byte for byte the output without one,
// whatever parts of the page model the caller reuses or rebuilds.
//
// After each document drawn, the cache keeps only the entries that
// document used, so its memory is bounded by about twice the streams of
// one document, uncompressed and compressed.
//
// A Cache may be used by one WriteCheckedWith at a time; it is not safe
// for concurrent documents. The zero value is not ready; use NewCache.
type Cache struct {
	mu   sync.Mutex
	seed maphash.Seed
	prev map[cacheKey][]*cacheEntry // entries of the last document
	cur  map[cacheKey][]*cacheEntry // entries of this one

	// The pages drawn (see pagecache.go), by the hash of their inputs,
	// and the faces they were drawn with.
	prevPages, curPages map[uint64][]*drawnPage
	faces               []uint64

	hits, misses int // of this document, for tests and benchmarks
	pageHits     int
}

// cacheKey selects the entries that may hold a stream.
type cacheKey struct {
	sum   uint64 // maphash of the uncompressed bytes
	level int8   // compression level
}

// cacheEntry is one stream, uncompressed and compressed.
type cacheEntry struct {
	raw, packed []byte
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{seed: maphash.MakeSeed(), cur: make(map[cacheKey][]*cacheEntry), curPages: make(map[uint64][]*drawnPage)}
}

// lookup returns the compressed bytes of raw at level if the cache holds
// them, and the key under which to store them otherwise. The bytes
// returned must not be changed. A nil cache holds nothing.
func (c *Cache) lookup(level int, raw []byte) ([]byte, cacheKey, bool) {
	if c == nil {
		return nil, cacheKey{}, false
	}
	k := cacheKey{sum: maphash.Bytes(c.seed, raw), level: int8(level)}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.cur[k] {
		if bytes.Equal(e.raw, raw) {
			c.hits++
			return e.packed, k, true
		}
	}
	for _, e := range c.prev[k] {
		if bytes.Equal(e.raw, raw) {
			c.cur[k] = append(c.cur[k], e)
			c.hits++
			return e.packed, k, true
		}
	}
	c.misses++
	return nil, k, false
}

// store keeps copies of raw and its compressed bytes packed under k,
// as lookup returned it, and returns the kept compressed bytes.
func (c *Cache) store(k cacheKey, raw, packed []byte) []byte {
	if c == nil {
		return packed
	}
	e := &cacheEntry{raw: bytes.Clone(raw), packed: bytes.Clone(packed)}
	c.mu.Lock()
	c.cur[k] = append(c.cur[k], e)
	c.mu.Unlock()
	return e.packed
}

// begin starts a document drawn with faces: the entries of the one
// before become the candidates for reuse, its pages only if they were
// drawn with the same faces.
func (c *Cache) begin(faces []*fonts.Face) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.cur) > 0 {
		c.prev, c.cur = c.cur, make(map[cacheKey][]*cacheEntry, len(c.cur))
	}
	sums := make([]uint64, len(faces))
	for i, f := range faces {
		sums[i] = maphash.Bytes(c.seed, f.Data())
	}
	c.prevPages, c.curPages = c.curPages, make(map[uint64][]*drawnPage, len(c.curPages))
	if !slices.Equal(sums, c.faces) {
		c.prevPages = nil
	}
	c.faces = sums
	c.hits, c.misses, c.pageHits = 0, 0, 0
}

// end finishes a document: entries it did not use are dropped.
func (c *Cache) end() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.prev, c.prevPages = nil, nil
	c.mu.Unlock()
}
