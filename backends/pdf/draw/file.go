package draw

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"strconv"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// file is the PDF being written: the bytes so far and where each
// indirect object is. Objects get their numbers from alloc and may be
// written in any order; the cross-reference stream lists them by number.
//
// Streams are written to the file directly. Other objects, most of them
// small dictionaries (pages, link annotations, bookmarks, structure
// elements), are collected into compressed object streams (ISO 32000-1,
// 7.5.7) of up to objStmSize objects each, which makes them a fraction of
// their size.
type file struct {
	b    []byte
	locs []objLoc // by object number
	zbuf bytes.Buffer
	zw   *zlib.Writer // for fonts, images and metadata

	stmNums []int  // objects waiting for the next object stream
	stmOffs []int  // their offsets in stmBody
	stmBody []byte // their text
	scratch []byte // an object's text being built, see build

	jobs    chan *objStm // object streams to compress
	free    chan []byte  // buffers of object streams compressed, for reuse
	objStms []*objStm    // all of them, in order
	wg      sync.WaitGroup

	cache *Cache // of compressed streams, nil for none

	zlibs []int // where each zlib stream's data starts and ends, see fileID
}

// objLoc is where an object is: at an offset in the file or as the
// index-th object of an object stream.
type objLoc struct {
	stream, at int // stream 0: at is the offset in the file
}

// objStmSize is the most objects an object stream holds.
const objStmSize = 500

// objStmLevel is the compression level of object streams.
const objStmLevel = 3

// newFile starts a PDF 1.7 file. The second line's bytes above 127 tell
// transfer programs the file is binary.
func newFile(sizeHint int) *file {
	f := &file{b: make([]byte, 0, sizeHint), locs: []objLoc{{}}}
	f.b = append(f.b, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"...)
	f.zw, _ = zlib.NewWriterLevel(&f.zbuf, zlib.DefaultCompression) // the level is valid
	return f
}

// alloc returns the next free object number.
func (f *file) alloc() int {
	f.locs = append(f.locs, objLoc{})
	return len(f.locs) - 1
}

// allocN returns the first of n consecutive new object numbers.
func (f *file) allocN(n int) int {
	first := len(f.locs)
	for range n {
		f.alloc()
	}
	return first
}

// begin starts object num in the file.
func (f *file) begin(num int) {
	f.locs[num] = objLoc{at: len(f.b)}
	f.b = strconv.AppendInt(f.b, int64(num), 10)
	f.b = append(f.b, " 0 obj\n"...)
}

// end ends the object begun last.
func (f *file) end() { f.b = append(f.b, "\nendobj\n"...) }

// object puts object num, which is not a stream, into an object stream.
func (f *file) object(num int, body string) {
	f.objectBytes(num, []byte(body))
}

// objectBytes is object for a body in bytes.
func (f *file) objectBytes(num int, body []byte) {
	f.stmNums = append(f.stmNums, num)
	f.stmOffs = append(f.stmOffs, len(f.stmBody))
	f.stmBody = append(f.stmBody, body...)
	f.stmBody = append(f.stmBody, '\n')
	if len(f.stmNums) == objStmSize {
		f.flushObjects()
	}
}

// build returns an empty buffer to build an object's text in and pass
// to objectBytes.
func (f *file) build() []byte { return f.scratch[:0] }

// built keeps the buffer b for the next build.
func (f *file) built(b []byte) { f.scratch = b }

// flushObjects hands the waiting objects to the compressors as one
// object stream; finish writes it.
func (f *file) flushObjects() {
	if len(f.stmNums) == 0 {
		return
	}
	num := f.alloc()
	// The numbers take at most 16 bytes per object as long as the
	// offsets have fewer than 10 digits: one buffer holds it all.
	need := 16*len(f.stmNums) + len(f.stmBody)
	var data []byte
	select {
	case data = <-f.free:
	default:
	}
	if cap(data) < need {
		data = make([]byte, 0, need)
	}
	head := data[:0]
	for k, n := range f.stmNums {
		f.locs[n] = objLoc{stream: num, at: k}
		head = strconv.AppendInt(head, int64(n), 10)
		head = append(head, ' ')
		head = strconv.AppendInt(head, int64(f.stmOffs[k]), 10)
		head = append(head, ' ')
	}
	head[len(head)-1] = '\n'
	o := &objStm{num: num, dict: "/Type /ObjStm /N " + strconv.Itoa(len(f.stmNums)) + " /First " +
		strconv.Itoa(len(head)) + " /Filter /FlateDecode", data: append(head, f.stmBody...)}
	f.stmNums, f.stmOffs, f.stmBody = f.stmNums[:0], f.stmOffs[:0], f.stmBody[:0]
	if f.jobs == nil {
		f.startCompressors()
	}
	f.objStms = append(f.objStms, o)
	f.jobs <- o
}

// objStm is an object stream on its way to the file.
type objStm struct {
	num  int
	dict string
	data []byte // the objects, then compressed
}

// startCompressors starts a compressor for object streams per
// processor. The streams are written in order, so the output does not
// depend on which finishes first.
func (f *file) startCompressors() {
	f.jobs = make(chan *objStm, 16)
	f.free = make(chan []byte, 16)
	for range runtime.GOMAXPROCS(0) {
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			var buf bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&buf, objStmLevel) // the level is valid
			for o := range f.jobs {
				raw := o.data
				o.data = deflate(f.cache, zw, &buf, objStmLevel, raw)
				select {
				case f.free <- raw:
				default:
				}
			}
		}()
	}
}

// writeObjStms waits for the compressors and writes the object streams.
func (f *file) writeObjStms() {
	if f.jobs == nil {
		return
	}
	close(f.jobs)
	f.wg.Wait()
	for _, o := range f.objStms {
		f.zlibStream(o.num, o.dict, o.data)
	}
	f.objStms, f.jobs = nil, nil
}

// stream writes object num as a stream of already encoded data; dict
// holds the dictionary's entries but /Length.
func (f *file) stream(num int, dict string, data []byte) {
	f.begin(num)
	f.b = append(f.b, "<<"...)
	f.b = append(f.b, dict...)
	if dict != "" {
		f.b = append(f.b, ' ')
	}
	f.b = append(f.b, "/Length "...)
	f.b = strconv.AppendInt(f.b, int64(len(data)), 10)
	f.b = append(f.b, ">>\nstream\n"...)
	f.b = append(f.b, data...)
	f.b = append(f.b, "\nendstream"...)
	f.end()
}

// zlibStream is stream for data in the zlib format (Flate with a zlib
// header and checksum).
func (f *file) zlibStream(num int, dict string, data []byte) {
	f.stream(num, dict, data)
	end := len(f.b) - len("\nendstream\nendobj\n")
	f.zlibs = append(f.zlibs, end-len(data), end)
}

// flate compresses data at the default level, or takes it from the
// cache; the result is valid until the next call.
func (f *file) flate(data []byte) []byte {
	packed, k, ok := f.cache.lookup(zlib.DefaultCompression, data)
	if ok {
		return packed
	}
	f.zbuf.Reset()
	f.zw.Reset(&f.zbuf)
	f.zw.Write(data) // writes to a bytes.Buffer do not fail
	f.zw.Close()
	return f.cache.store(k, data, f.zbuf.Bytes())
}

// flateStream writes object num as a Flate-compressed stream of data.
func (f *file) flateStream(num int, dict string, data []byte) {
	if dict != "" {
		dict += " "
	}
	f.zlibStream(num, dict+"/Filter /FlateDecode", f.flate(data))
}

// ref returns "num 0 R".
func ref(num int) string { return strconv.Itoa(num) + " 0 R" }

// appendRef appends "num 0 R".
func appendRef(b []byte, num int) []byte {
	b = strconv.AppendInt(b, int64(num), 10)
	return append(b, " 0 R"...)
}

// fileID returns the file identifier: a hash of everything written so
// far, except that of each zlib stream only its length (in the stream's
// dictionary) and its checksum of the uncompressed data (its last four
// bytes) are hashed. Equal documents get equal identifiers, a change
// anywhere changes the identifier as surely as it changes a checksum,
// and the hash reads a fraction of the file.
func (f *file) fileID() string {
	h := sha256.New()
	at := 0
	for k := 0; k+1 < len(f.zlibs); k += 2 {
		start, end := f.zlibs[k], f.zlibs[k+1]
		h.Write(f.b[at:start])
		h.Write(f.b[max(start, end-4):end])
		at = end
	}
	h.Write(f.b[at:])
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// finish writes the last object stream and the cross-reference stream,
// which serves as the trailer, and returns the file. The file identifier
// is made by fileID, so equal documents get equal identifiers.
func (f *file) finish(root, info int) []byte {
	f.flushObjects()
	f.writeObjStms()
	id := f.fileID()
	num := f.alloc()
	f.locs[num] = objLoc{at: len(f.b)}
	xref := len(f.b)
	// Entries of 1 + n + 2 bytes: type, offset or object stream, index
	// (generation 0); n is 3 if every offset fits, else 4. Each entry is
	// stored as its difference from the one above (the PNG Up predictor),
	// which leaves little but zeros to compress.
	n := 3
	if xref >= 1<<24 {
		n = 4
	}
	row := 1 + n + 2
	data := make([]byte, 0, (row+1)*len(f.locs))
	prev := make([]byte, row)
	cur := make([]byte, row)
	for i, l := range f.locs {
		v, idx := l.at, l.at
		switch {
		case i == 0:
			cur[0], v, idx = 0, 0, 0xFFFF
		case l.stream != 0:
			cur[0], v = 2, l.stream
		default:
			cur[0], idx = 1, 0
		}
		for k := range n {
			cur[1+k] = byte(v >> (8 * (n - 1 - k)))
		}
		cur[1+n], cur[2+n] = byte(idx>>8), byte(idx)
		data = append(data, 2) // PNG filter type Up
		for k := range row {
			data = append(data, cur[k]-prev[k])
		}
		prev, cur = cur, prev
	}
	size := strconv.Itoa(len(f.locs))
	f.stream(num, "/Type /XRef /Size "+size+" /W [1 "+strconv.Itoa(n)+" 2] /Root "+ref(root)+" /Info "+ref(info)+
		" /ID [<"+id+"> <"+id+">] /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns "+strconv.Itoa(row)+">>",
		f.flate(data))
	f.b = append(f.b, "startxref\n"...)
	f.b = strconv.AppendInt(f.b, int64(xref), 10)
	f.b = append(f.b, "\n%%EOF\n"...)
	return f.b
}
