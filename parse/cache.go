package parse

import (
	"crypto/sha256"
	"sync"

	"bookc/ast"
	"bookc/diag"
)

// Cache keeps parsed entries by file name and content hash, so that a
// rebuild after one edit parses only the edited file. It is safe for
// concurrent use. Cached entries are shared between builds: later stages
// must treat the tree as read-only (AssignIDs regenerates only ids it made
// itself).
type Cache struct {
	mu    sync.Mutex
	files map[string]cached
	// Hits and Misses count lookups, for tests and progress output.
	Hits, Misses int
}

type cached struct {
	sum     [32]byte
	lang    string
	entries []*ast.Entry
	ds      diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cached{}} }

func (c *Cache) parse(name string, data []byte, lang string) ([]*ast.Entry, diag.List) {
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
		c.mu.Unlock()
		return hit.entries, hit.ds
	}
	entries, ds := File(name, data, lang)
	c.mu.Lock()
	c.Misses++
	c.files[name] = cached{sum: sum, lang: lang, entries: entries, ds: ds}
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
