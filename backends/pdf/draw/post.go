package draw

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
)

// errLayout reports fpdf output that does not have the shape finish
// relies on, which would mean fpdf changed.
var errLayout = errors.New("pdf: unexpected fpdf output")

// finish completes fpdf's output: it declares PDF 1.4 (for /Lang),
// gives the embedded fonts their subset names, puts the pages' content
// streams in place, compresses the other streams fpdf wrote uncompressed
// and adds the page labels to the catalog. The objects are then
// reassembled with a new cross-reference table.
//
// fpdf compresses each stream with a newly allocated zlib writer (about
// 1 MB of state each); here one writer per processor is reused.
func (w *writer) finish(out []byte) ([]byte, error) {
	if bytes.HasPrefix(out, []byte("%PDF-1.3\n")) {
		out[7] = '4'
	}
	f, err := parseFile(out)
	if err != nil {
		return nil, err
	}
	renames := make(map[string]string, len(w.names))
	for i, n := range w.names {
		renames[n.fpdfName()] = w.subsetTag(i) + "+" + n.ps
	}
	if err := f.renameFonts(renames); err != nil {
		return nil, err
	}
	if err := f.renameFontResources(w.fontRes); err != nil {
		return nil, err
	}
	if err := f.setPageContents(w.contents); err != nil {
		return nil, err
	}
	w.contents = nil
	if w.annots != nil {
		f.pageEntries = func(b []byte, i int) []byte { return appendAnnots(b, w.annots[i], f.pageObjs) }
		f.pageEntriesSize = w.annotSize
	}
	f.compressStreams()
	if labels := pageLabels(w.doc.Pages); labels != "" {
		if err := f.addToCatalog("/PageLabels " + labels); err != nil {
			return nil, err
		}
	}
	return f.bytes(), nil
}

// renameFonts replaces the font names fpdf wrote (the /BaseFont of the
// Type0 and CIDFontType2 dictionaries and the /FontName of the
// descriptor) by new ones.
func (f *pdfFile) renameFonts(renames map[string]string) error {
	seen := make(map[string]int, len(renames))
	for i := range f.objects {
		o := &f.objects[i]
		body := f.body(o)
		if !bytes.HasPrefix(body, []byte("<</Type /Font")) {
			continue
		}
		var b []byte
		for _, line := range bytes.SplitAfter(f.content(o), []byte("\n")) {
			b = append(b, renameLine(line, renames, seen)...)
		}
		o.repl = b
	}
	for old := range renames {
		if seen[old] != 3 {
			return fmt.Errorf("%w: font %s named %d times, want 3", errLayout, old, seen[old])
		}
	}
	return nil
}

// renameLine renames the font in one line of a font dictionary, which
// fpdf ends right after the name.
func renameLine(line []byte, renames map[string]string, seen map[string]int) []byte {
	i := bytes.Index(line, []byte("/BaseFont /"))
	if i < 0 {
		i = bytes.Index(line, []byte("/FontName /"))
	}
	if i < 0 {
		return line
	}
	i += len("/BaseFont /")
	name := string(bytes.TrimSuffix(line[i:], []byte("\n")))
	repl, ok := renames[name]
	if !ok {
		return line
	}
	seen[name]++
	return slices.Concat(line[:i], []byte(repl), line[i+len(name):])
}
