package draw

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// file is the PDF being written: the bytes so far and where each
// indirect object starts. Objects get their numbers from alloc and may be
// written in any order; the cross-reference table lists them by number.
type file struct {
	b       []byte
	offsets []int // by object number; 0 while not written
	zbuf    bytes.Buffer
	zw      *zlib.Writer
}

// newFile starts a PDF 1.7 file. The second line's bytes above 127 tell
// transfer programs the file is binary.
func newFile(sizeHint int) *file {
	f := &file{b: make([]byte, 0, sizeHint), offsets: []int{0}}
	f.b = append(f.b, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"...)
	f.zw, _ = zlib.NewWriterLevel(&f.zbuf, zlib.DefaultCompression) // the level is valid
	return f
}

// alloc returns the next free object number.
func (f *file) alloc() int {
	f.offsets = append(f.offsets, 0)
	return len(f.offsets) - 1
}

// allocN returns the first of n consecutive new object numbers.
func (f *file) allocN(n int) int {
	first := len(f.offsets)
	for range n {
		f.alloc()
	}
	return first
}

// begin starts object num.
func (f *file) begin(num int) {
	f.offsets[num] = len(f.b)
	f.b = strconv.AppendInt(f.b, int64(num), 10)
	f.b = append(f.b, " 0 obj\n"...)
}

// end ends the object begun last.
func (f *file) end() { f.b = append(f.b, "\nendobj\n"...) }

// object writes object num with the given body.
func (f *file) object(num int, body string) {
	f.begin(num)
	f.b = append(f.b, body...)
	f.end()
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

// flate compresses data at the default level; the result is valid
// until the next call.
func (f *file) flate(data []byte) []byte {
	f.zbuf.Reset()
	f.zw.Reset(&f.zbuf)
	f.zw.Write(data) // writes to a bytes.Buffer do not fail
	f.zw.Close()
	return f.zbuf.Bytes()
}

// flateStream writes object num as a Flate-compressed stream of data.
func (f *file) flateStream(num int, dict string, data []byte) {
	if dict != "" {
		dict += " "
	}
	f.stream(num, dict+"/Filter /FlateDecode", f.flate(data))
}

// ref returns "num 0 R".
func ref(num int) string { return strconv.Itoa(num) + " 0 R" }

// finish writes the cross-reference table and the trailer and returns
// the file. The file identifier is a hash of everything before it, so
// equal documents get equal identifiers.
func (f *file) finish(root, info int) []byte {
	sum := sha256.Sum256(f.b)
	id := hex.EncodeToString(sum[:16])
	xref := len(f.b)
	f.b = append(f.b, "xref\n0 "...)
	f.b = strconv.AppendInt(f.b, int64(len(f.offsets)), 10)
	f.b = append(f.b, "\n0000000000 65535 f \n"...)
	for _, off := range f.offsets[1:] {
		f.b = appendPadded(f.b, off, 10)
		f.b = append(f.b, " 00000 n \n"...)
	}
	f.b = append(f.b, "trailer\n<</Size "...)
	f.b = strconv.AppendInt(f.b, int64(len(f.offsets)), 10)
	f.b = append(f.b, " /Root "+ref(root)+" /Info "+ref(info)+" /ID [<"+id+"> <"+id+">]>>\nstartxref\n"...)
	f.b = strconv.AppendInt(f.b, int64(xref), 10)
	f.b = append(f.b, "\n%%EOF\n"...)
	return f.b
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
