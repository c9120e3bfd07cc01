package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// ErrUnsupported is wrapped by errors for well-formed fonts that cannot be
// used, such as OpenType fonts with CFF outlines or font collections.
var ErrUnsupported = errors.New("unsupported font")

// ErrMalformed is wrapped by errors for truncated or corrupt font data.
var ErrMalformed = errors.New("malformed font")

// fontError carries a human-readable message, the name of the offending
// font and a sentinel (ErrUnsupported or ErrMalformed) for errors.Is.
type fontError struct {
	name string
	msg  string
	kind error
}

func (e *fontError) Error() string {
	if e.name == "" {
		return e.msg
	}
	return e.name + ": " + e.msg
}

func (e *fontError) Unwrap() error { return e.kind }

func unsupported(format string, args ...any) error {
	return &fontError{msg: fmt.Sprintf(format, args...), kind: ErrUnsupported}
}

func malformed(format string, args ...any) error {
	return &fontError{msg: fmt.Sprintf(format, args...), kind: ErrMalformed}
}

// named attaches the font name to err if it is a fontError.
func named(name string, err error) error {
	var fe *fontError
	if errors.As(err, &fe) {
		c := *fe
		c.name = name
		return &c
	}
	if name == "" {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}

// reader reads big-endian values from a byte slice. Reads outside the
// slice return zero and set bad, so a parser can perform a sequence of
// reads and check for truncation once.
type reader struct {
	b   []byte
	bad bool
}

// has reports whether n bytes starting at off lie within the data and
// marks the reader bad otherwise.
func (r *reader) has(off, n int) bool {
	if off < 0 || n < 0 || off > len(r.b) || n > len(r.b)-off {
		r.bad = true
		return false
	}
	return true
}

func (r *reader) u8(off int) uint8 {
	if !r.has(off, 1) {
		return 0
	}
	return r.b[off]
}

func (r *reader) u16(off int) uint16 {
	if !r.has(off, 2) {
		return 0
	}
	return binary.BigEndian.Uint16(r.b[off:])
}

func (r *reader) i16(off int) int16 { return int16(r.u16(off)) }

func (r *reader) u32(off int) uint32 {
	if !r.has(off, 4) {
		return 0
	}
	return binary.BigEndian.Uint32(r.b[off:])
}

func (r *reader) tag(off int) string {
	if !r.has(off, 4) {
		return ""
	}
	return string(r.b[off : off+4])
}

const (
	magicTrueType = 0x00010000
	magicApple    = 0x74727565 // 'true'
	magicCFF      = 0x4F54544F // 'OTTO'
	magicTTC      = 0x74746366 // 'ttcf'
	magicWOFF     = 0x774F4646 // 'wOFF'
	magicWOFF2    = 0x774F4632 // 'wOF2'
)

// errCFF is the message for fonts whose outlines cannot be embedded.
const errCFF = "not a TrueType font: CFF outlines (OpenType) are not supported; convert to TrueType"

// tableDir maps table tags to their bytes within the font data.
type tableDir map[string][]byte

// readDirectory validates the sfnt header and returns the table directory.
// Every table is bounds-checked against data.
func readDirectory(data []byte) (tableDir, error) {
	r := &reader{b: data}
	if len(data) < 12 {
		return nil, malformed("not a font file: too short for an sfnt header")
	}
	switch v := r.u32(0); v {
	case magicTrueType, magicApple:
	case magicCFF:
		return nil, unsupported(errCFF)
	case magicTTC:
		return nil, unsupported("font collections (.ttc) are not supported; extract a single .ttf")
	case magicWOFF, magicWOFF2:
		return nil, unsupported("WOFF-compressed fonts are not supported; decompress to .ttf")
	default:
		return nil, malformed("not an sfnt font (unknown signature %#08x)", v)
	}
	n := int(r.u16(4))
	if n == 0 {
		return nil, malformed("sfnt header lists no tables")
	}
	if !r.has(12, 16*n) {
		return nil, malformed("table directory truncated (%d tables declared)", n)
	}
	dir := make(tableDir, n)
	for i := range n {
		rec := 12 + 16*i
		tag := r.tag(rec)
		off, length := uint64(r.u32(rec+8)), uint64(r.u32(rec+12))
		if off+length > uint64(len(data)) {
			return nil, malformed("table %q (offset %d, length %d) extends past end of file (%d bytes)",
				tag, off, length, len(data))
		}
		if _, dup := dir[tag]; !dup {
			dir[tag] = data[off : off+length : off+length]
		}
	}
	return dir, nil
}

// require returns the named table or an error if it is absent.
func (d tableDir) require(tag string) ([]byte, error) {
	t, ok := d[tag]
	if !ok {
		return nil, malformed("required table %q is missing", tag)
	}
	return t, nil
}
