package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"
)

// entry is one file of the container, compressed before it is written.
type entry struct {
	name   string
	data   []byte // as stored: compressed when method is Deflate
	size   int    // uncompressed
	crc    uint32
	method uint16
}

// pack writes the container: mimetype first, stored and without extra
// fields as the OCF specification requires, then container.xml, the
// package document and every item in manifest order. Files are compressed
// in parallel; each one's bytes depend on its content alone, and every
// entry carries the book's date, never the clock.
func (b *book) pack(cache *deflateCache) ([]byte, error) {
	entries := []entry{
		{name: "mimetype", data: []byte("application/epub+zip"), method: zip.Store},
		{name: "META-INF/container.xml", data: []byte(containerXML), method: zip.Deflate},
		{name: pkgDir + opfFile, data: b.packageDoc(), method: zip.Deflate},
	}
	for _, it := range b.items {
		m := zip.Deflate
		if strings.HasPrefix(it.mediaType, "image/") {
			m = zip.Store // already compressed
		}
		entries = append(entries, entry{name: pkgDir + it.href, data: it.data, method: m})
	}
	if err := compressAll(entries, cache); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	date, clock := dosTime(b.cfg.Modified)
	for _, e := range entries {
		fh := &zip.FileHeader{Name: e.name, Method: e.method, ModifiedDate: date, ModifiedTime: clock,
			CRC32: e.crc, CompressedSize64: uint64(len(e.data)), UncompressedSize64: uint64(e.size)}
		fh.SetMode(0o644)
		fh.CreatorVersion |= 20 // zip 2.0, as CreateHeader writes
		fh.ReaderVersion = 20
		w, err := zw.CreateRaw(fh)
		if err == nil {
			_, err = w.Write(e.data)
		}
		if err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// compressAll fills in sizes and checksums and deflates the entries that
// ask for it, on as many goroutines as there are processors, taking what
// the cache still holds from the previous render.
func compressAll(es []entry, cache *deflateCache) error {
	cache.rotate()
	work := make(chan int)
	errs := make([]error, len(es))
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(es)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fw, _ := flate.NewWriter(nil, flate.DefaultCompression)
			for i := range work {
				errs[i] = compress(&es[i], fw, cache)
			}
		}()
	}
	for i := range es {
		work <- i
	}
	close(work)
	wg.Wait()
	return errors.Join(errs...)
}

func compress(e *entry, fw *flate.Writer, cache *deflateCache) error {
	e.size = len(e.data)
	e.crc = crc32.ChecksumIEEE(e.data)
	if e.method != zip.Deflate {
		return nil
	}
	key := contentKey(e.data)
	if d, ok := cache.get(key); ok {
		e.data = d
		return nil
	}
	var buf bytes.Buffer
	buf.Grow(len(e.data)/3 + 64)
	fw.Reset(&buf)
	if _, err := fw.Write(e.data); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	e.data = buf.Bytes()
	cache.put(key, e.data)
	return nil
}

// dosTime converts t to the MS-DOS date and time of zip headers, clamped
// to the years they can hold.
func dosTime(t time.Time) (date, clock uint16) {
	t = t.UTC()
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if t.Year() > 2107 {
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// unwrap drops the path from a file error: the message names the file
// already.
func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
