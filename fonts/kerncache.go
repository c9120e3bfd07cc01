package fonts

import (
	"sync"
	"unicode/utf8"
)

// Runes in these ranges get their kerning from a dense matrix: Latin
// letters (Basic Latin to Latin Extended-B) and general punctuation,
// which covers quotes and dashes.
const (
	cacheLatinEnd = 0x0250
	cachePunctLo  = 0x2000
	cachePunctHi  = 0x2070
	cacheSlots    = cacheLatinEnd + cachePunctHi - cachePunctLo
)

// Markers in kernIndex entries.
const (
	kernNone    = -1 // cached rune without kerning in this role
	kernGeneral = -2 // rune outside the cache: use kerning.pair
	kernStart   = -3 // no previous rune
)

// kernIndex locates a rune in the matrix: row is pre-multiplied by the
// column count.
type kernIndex struct {
	row, col int32
}

// kernCache holds the kerning of all pairs of cached runes, built on
// first use. Rows and columns without any kerning are left out.
type kernCache struct {
	once sync.Once
	idx  []kernIndex // by rune below cachePunctHi
	ncol int
	mat  []int32
}

// slotRune maps a matrix slot to its rune.
func slotRune(i int) rune {
	if i < cacheLatinEnd {
		return rune(i)
	}
	return rune(i-cacheLatinEnd) + cachePunctLo
}

func (f *Face) kernCache() *kernCache {
	f.cache.once.Do(f.buildKernCache)
	return &f.cache
}

func (f *Face) buildKernCache() {
	var gids [cacheSlots]uint16
	var usable [cacheSlots]bool
	for i := range cacheSlots {
		e := f.info(slotRune(i))
		gids[i], usable[i] = e.gid, e.flags&flagIgnore == 0
	}
	var full []int32
	var rows []int
	colUsed := make([]bool, cacheSlots)
	if !f.kernCacheAffordable(gids[:], usable[:]) {
		f.cache.fill(nil, nil, colUsed, false)
		return
	}
	for i := range cacheSlots {
		if !usable[i] || !f.kern.starts(gids[i]) {
			continue
		}
		line := make([]int32, cacheSlots)
		hit := false
		for j := range cacheSlots {
			if usable[j] {
				line[j] = int32(f.kern.pair(gids[i], gids[j]))
				if line[j] != 0 {
					hit, colUsed[j] = true, true
				}
			}
		}
		if hit {
			rows = append(rows, i)
			full = append(full, line...)
		}
	}
	f.cache.fill(rows, full, colUsed, true)
}

// maxCacheWork bounds the subtable visits spent on building the matrix.
const maxCacheWork = 20_000_000

// kernCacheAffordable reports whether the matrix can be built within
// maxCacheWork; fonts with extreme numbers of kerning subtables are
// measured through the general lookup instead.
func (f *Face) kernCacheAffordable(gids []uint16, usable []bool) bool {
	rows := 0
	for i, g := range gids {
		if usable[i] && f.kern.starts(g) {
			rows++
		}
	}
	return rows*cacheSlots*f.kern.subtables() <= maxCacheWork
}

// fill compresses the full rows into the matrix and builds the index.
// Without ok, every rune is sent to the general lookup.
func (c *kernCache) fill(rows []int, full []int32, colUsed []bool, ok bool) {
	c.idx = make([]kernIndex, cachePunctHi)
	for r := range c.idx {
		c.idx[r] = kernIndex{kernGeneral, kernGeneral}
	}
	if !ok {
		return
	}
	cols := make([]int32, cacheSlots)
	for j := range cacheSlots {
		cols[j] = kernNone
		if colUsed[j] {
			cols[j] = int32(c.ncol)
			c.ncol++
		}
	}
	for j := range cacheSlots {
		c.idx[slotRune(j)] = kernIndex{kernNone, cols[j]}
	}
	c.mat = make([]int32, 0, len(rows)*c.ncol)
	for ri, i := range rows {
		c.idx[slotRune(i)].row = int32(ri * c.ncol)
		for j := range cacheSlots {
			if colUsed[j] {
				c.mat = append(c.mat, full[ri*cacheSlots+j])
			}
		}
	}
}

// measureKerned returns the advance sum in 1/1000 em and the kerning sum
// in font units.
func (f *Face) measureKerned(s string) (thou, units int) {
	c := f.kernCache()
	idx, mat := c.idx, c.mat
	prevRow := int32(kernStart)
	var prevGid uint16
	for i := 0; i < len(s); {
		r := rune(s[i])
		if r < 0x80 {
			i++
		} else {
			var n int
			r, n = utf8.DecodeRuneInString(s[i:])
			i += n
		}
		var e runeInfo
		if r < smallLimit {
			e = f.small[r]
		} else {
			e = f.lookup(r)
		}
		if e.flags&flagIgnore != 0 {
			continue
		}
		thou += int(e.w)
		k := kernIndex{kernGeneral, kernGeneral}
		if r < cachePunctHi {
			k = idx[r]
		}
		if prevRow >= 0 && k.col >= 0 {
			units += int(mat[prevRow+k.col])
		} else if (prevRow == kernGeneral || k.col == kernGeneral) && prevRow != kernStart {
			units += f.kern.pair(prevGid, e.gid)
		}
		prevRow, prevGid = k.row, e.gid
	}
	return thou, units
}
