package draw

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// object is one indirect object in fpdf's output.
type object struct {
	num        int
	start, end int    // byte range of "N 0 obj … endobj\n"
	repl       []byte // replacement, nil to keep
	stream     []byte // Flate-compressed stream data to write instead
	page       int    // for a page object, its 1-based number
}

// pdfFile is fpdf's output cut into its parts.
type pdfFile struct {
	data    []byte
	objects []object // in file order
	xref    int      // offset of the cross-reference table
	trailer []byte   // "trailer\n<<…>>\n"
	root    int      // object number of the catalog

	pageObjs []int // object number of each page, once setPageContents ran
	// pageEntries, if set, appends entries to the dictionary of the page
	// with the given 0-based index, each on a line; at most
	// pageEntriesSize bytes in all.
	pageEntries     func(b []byte, page int) []byte
	pageEntriesSize int
}

// parseFile reads the cross-reference table fpdf writes (one section,
// 20-byte entries, objects in one run) and cuts the file into objects.
func parseFile(data []byte) (*pdfFile, error) {
	f := &pdfFile{data: data}
	sx := bytes.LastIndex(data, []byte("\nstartxref\n"))
	if sx < 0 {
		return nil, fmt.Errorf("%w: no startxref", errLayout)
	}
	num := data[sx+len("\nstartxref\n"):]
	num = num[:max(0, bytes.IndexByte(num, '\n'))]
	xref, err := strconv.Atoi(string(num))
	if err != nil || xref <= 0 || xref >= sx {
		return nil, fmt.Errorf("%w: bad startxref %q", errLayout, num)
	}
	f.xref = xref
	var n int
	if _, err := fmt.Sscanf(string(data[xref:min(len(data), xref+32)]), "xref\n0 %d\n", &n); err != nil || n < 2 {
		return nil, fmt.Errorf("%w: bad xref header", errLayout)
	}
	entries := xref + len("xref\n0 \n") + len(strconv.Itoa(n))
	tr := entries + 20*n
	if tr > sx || !bytes.HasPrefix(data[tr:], []byte("trailer\n")) {
		return nil, fmt.Errorf("%w: xref table is not followed by the trailer", errLayout)
	}
	f.trailer = data[tr : sx+1]
	if err := f.readObjects(data[entries:tr], n); err != nil {
		return nil, err
	}
	return f, f.findRoot()
}

// readObjects reads the n xref entries and checks that every object
// starts where the table says.
func (f *pdfFile) readObjects(entries []byte, n int) error {
	f.objects = make([]object, 0, n-1)
	var head []byte
	for j := 1; j < n; j++ {
		e := entries[20*j : 20*j+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" {
			return fmt.Errorf("%w: bad xref entry %q", errLayout, e)
		}
		head = append(strconv.AppendInt(head[:0], int64(j), 10), " 0 obj\n"...)
		if off >= f.xref || !bytes.HasPrefix(f.data[off:], head) {
			return fmt.Errorf("%w: object %d is not at %d", errLayout, j, off)
		}
		f.objects = append(f.objects, object{num: j, start: off})
	}
	slices.SortFunc(f.objects, func(a, b object) int { return a.start - b.start })
	for i := range f.objects {
		end := f.xref
		if i+1 < len(f.objects) {
			end = f.objects[i+1].start
		}
		f.objects[i].end = end
		if !bytes.HasSuffix(f.data[:end], []byte("endobj\n")) {
			return fmt.Errorf("%w: object %d does not end before the next", errLayout, f.objects[i].num)
		}
	}
	return nil
}

// findRoot reads the catalog's object number from the trailer.
func (f *pdfFile) findRoot() error {
	i := bytes.Index(f.trailer, []byte("/Root "))
	if i < 0 {
		return fmt.Errorf("%w: trailer has no /Root", errLayout)
	}
	if _, err := fmt.Sscanf(string(f.trailer[i:]), "/Root %d 0 R", &f.root); err != nil {
		return fmt.Errorf("%w: bad /Root", errLayout)
	}
	return nil
}

// content returns an object's current text, replaced or not.
func (f *pdfFile) content(o *object) []byte {
	if o.repl != nil {
		return o.repl
	}
	return f.data[o.start:o.end]
}

// body returns an object's text after "N 0 obj\n".
func (f *pdfFile) body(o *object) []byte {
	b := f.content(o)
	return b[bytes.IndexByte(b, '\n')+1:]
}

// bytes assembles the file with the replacements and a new
// cross-reference table. The trailer is kept as it is.
func (f *pdfFile) bytes() []byte {
	size := f.objects[0].start + len(f.trailer) + 64 + 20*(len(f.objects)+1) + f.pageEntriesSize
	for i := range f.objects {
		size += f.size(&f.objects[i])
	}
	out := make([]byte, 0, size)
	out = append(out, f.data[:f.objects[0].start]...)
	offsets := make([]int, len(f.objects)+1)
	for i := range f.objects {
		o := &f.objects[i]
		offsets[o.num] = len(out)
		switch {
		case o.stream != nil:
			out = appendStreamObject(out, o.num, o.stream)
		case o.page > 0 && f.pageEntries != nil:
			b := f.content(o)
			at := len(b) - len(f.body(o)) + len("<</Type /Page\n")
			out = append(out, b[:at]...)
			out = f.pageEntries(out, o.page-1)
			out = append(out, b[at:]...)
		default:
			out = append(out, f.content(o)...)
		}
	}
	xref := len(out)
	out = fmt.Appendf(out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for _, off := range offsets[1:] {
		out = appendPadded(out, off, 10)
		out = append(out, " 00000 n \n"...)
	}
	out = append(out, f.trailer...)
	return fmt.Appendf(out, "startxref\n%d\n%%%%EOF\n", xref)
}

// size returns the length of an object as bytes writes it, or a little
// more.
func (f *pdfFile) size(o *object) int {
	if o.stream != nil {
		return len(o.stream) + 80
	}
	return len(f.content(o))
}

// appendStreamObject appends object num as a stream of Flate-compressed
// data.
func appendStreamObject(out []byte, num int, data []byte) []byte {
	out = strconv.AppendInt(out, int64(num), 10)
	out = append(out, " 0 obj\n<</Filter /FlateDecode /Length "...)
	out = strconv.AppendInt(out, int64(len(data)), 10)
	out = append(out, ">>\nstream\n"...)
	out = append(out, data...)
	return append(out, "\nendstream\nendobj\n"...)
}

// appendPadded appends v in decimal, zero-padded to width digits.
func appendPadded(out []byte, v, width int) []byte {
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], int64(v), 10)
	for range width - len(d) {
		out = append(out, '0')
	}
	return append(out, d...)
}

// plainStream returns the data of an object that is an unfiltered stream
// whose only entry is /Length, as fpdf writes page contents with
// compression off, or nil.
func plainStream(body []byte) []byte {
	const head = "<</Length "
	if !bytes.HasPrefix(body, []byte(head)) {
		return nil
	}
	i := bytes.Index(body, []byte(">>\nstream\n"))
	if i < 0 {
		return nil
	}
	n, err := strconv.Atoi(string(body[len(head):i]))
	data := body[i+len(">>\nstream\n"):]
	if err != nil || n < 0 || len(data) != n+len("\nendstream\nendobj\n") ||
		!bytes.HasSuffix(data, []byte("\nendstream\nendobj\n")) {
		return nil
	}
	return data[:n]
}

// compressStreams replaces every plain stream by a Flate-compressed one,
// spreading the work over the available processors. One zlib writer per
// worker is reused; the output does not depend on the number of workers.
func (f *pdfFile) compressStreams() {
	var todo []int
	for i := range f.objects {
		if f.objects[i].stream == nil && plainStream(f.body(&f.objects[i])) != nil {
			todo = append(todo, i)
		}
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(todo))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
			for i := range jobs {
				o := &f.objects[i]
				buf.Reset()
				zw.Reset(&buf)
				zw.Write(plainStream(f.body(o))) // writes to a bytes.Buffer do not fail
				zw.Close()
				o.stream = bytes.Clone(buf.Bytes())
			}
		}()
	}
	for _, i := range todo {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

// setPageContents puts the content streams in place of those fpdf
// wrote, page by page: contents[i] is the compressed stream of the i-th
// page object in the file, which fpdf writes in page order.
func (f *pdfFile) setPageContents(contents [][]byte) error {
	byNum := make(map[int]int, len(f.objects))
	for i := range f.objects {
		byNum[f.objects[i].num] = i
	}
	f.pageObjs = make([]int, 0, len(contents))
	for i := range f.objects {
		page := &f.objects[i]
		body := f.body(page)
		if !bytes.HasPrefix(body, []byte("<</Type /Page\n")) {
			continue
		}
		j, ok := byNum[contentsRef(body)]
		if !ok || len(f.pageObjs) == len(contents) || plainStream(f.body(&f.objects[j])) == nil {
			return fmt.Errorf("%w: page object %d or its contents", errLayout, page.num)
		}
		f.objects[j].stream = contents[len(f.pageObjs)]
		f.pageObjs = append(f.pageObjs, page.num)
		page.page = len(f.pageObjs)
	}
	if len(f.pageObjs) != len(contents) {
		return fmt.Errorf("%w: %d page objects for %d pages", errLayout, len(f.pageObjs), len(contents))
	}
	return nil
}

// contentsRef returns the object number after "/Contents " in a page
// dictionary, or 0.
func contentsRef(body []byte) int {
	_, rest, ok := bytes.Cut(body, []byte("/Contents "))
	if !ok {
		return 0
	}
	end := bytes.IndexByte(rest, ' ')
	if end < 0 || !bytes.HasPrefix(rest[end:], []byte(" 0 R")) {
		return 0
	}
	n, err := strconv.Atoi(string(rest[:end]))
	if err != nil {
		return 0
	}
	return n
}

// addToCatalog inserts entry into the catalog dictionary.
func (f *pdfFile) addToCatalog(entry string) error {
	for i := range f.objects {
		o := &f.objects[i]
		if o.num != f.root {
			continue
		}
		b := f.content(o)
		mark := []byte("/Type /Catalog\n")
		at := bytes.Index(b, mark)
		if at < 0 {
			return fmt.Errorf("%w: catalog has no /Type", errLayout)
		}
		at += len(mark)
		o.repl = slices.Concat(b[:at], []byte(entry+"\n"), b[at:])
		return nil
	}
	return fmt.Errorf("%w: no catalog object %d", errLayout, f.root)
}
