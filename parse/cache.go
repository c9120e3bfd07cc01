package parse

import (
	"crypto/sha256"
	"sync"
	"time"

	"bookc/ast"
	"bookc/diag"
)

// Cache keeps parsed entries by file name and content hash, so that a
// rebuild after one edit parses only the edited file; a file whose stamp
// (size, times, inode) is as it was when it was read, long enough after
// its last change, is not even read again (see stamp). It is safe for
// concurrent use. Cached entries are shared between builds: later stages
// must treat the tree as read-only (AssignIDs regenerates only ids it made
// itself).
type Cache struct {
	mu    sync.Mutex
	files map[string]cached
	// Hits and Misses count lookups, for tests and progress output;
	// Unread counts the hits taken by their stamp, without reading.
	Hits, Misses, Unread int
}

type cached struct {
	sum     [32]byte
	lang    string
	entries []*ast.Entry
	ds      diag.List
	stamp   stamp     // the file's stamp when it was read
	read    time.Time // when it was read
}

// unchanged returns the entries of file name if its stamp st is the
// one it had when it was read, in language lang, and can be trusted.
func (c *Cache) unchanged(name string, st stamp, lang string) ([]*ast.Entry, diag.List, bool) {
	if c == nil {
		return nil, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	hit, ok := c.files[name]
	if !ok || hit.stamp != st || hit.lang != lang || !hit.stamp.trusted(hit.read) {
		return nil, nil, false
	}
	c.Hits++
	c.Unread++
	return hit.entries, hit.ds, true
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cached{}} }

// parse returns the entries of file name, read at read with stamp st,
// from the cache when its content is the same as before.
func (c *Cache) parse(name string, data []byte, lang string, st stamp, read time.Time) ([]*ast.Entry, diag.List) {
	if c == nil {
		return File(name, data, lang)
	}
	sum := sha256.Sum256(data)
	c.mu.Lock()
	hit, ok := c.files[name]
	c.mu.Unlock()
	if ok && hit.sum == sum && hit.lang == lang {
		c.mu.Lock()
		c.Hits++
		hit.stamp, hit.read = st, read
		c.files[name] = hit
		c.mu.Unlock()
		return hit.entries, hit.ds
	}
	entries, ds := File(name, data, lang)
	c.mu.Lock()
	c.Misses++
	c.files[name] = cached{sum: sum, lang: lang, entries: entries, ds: ds, stamp: st, read: read}
	c.mu.Unlock()
	return entries, ds
}

// Forget drops every file that is not in keep, so deleted files do not
// linger.
func (c *Cache) Forget(keep []string) {
	set := make(map[string]bool, len(keep))
	for _, k := range keep {
		set[k] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for name := range c.files {
		if !set[name] {
			delete(c.files, name)
		}
	}
}
