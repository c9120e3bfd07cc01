package epub

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"bookc/ast"
	"bookc/diag"
)

// maxImage bounds one image file; a larger one is surely a mistake.
const maxImage = 32 << 20

// mediaSet collects the images the documents use, each copied once under a
// unique name in images/.
type mediaSet struct {
	b      *book
	byPath map[string]*item // resolved file → its manifest item
	list   []*item
	names  *namer
	noAlt  bool // an image in the book has no alt text
}

func newMediaSet(b *book) *mediaSet {
	return &mediaSet{b: b, byPath: map[string]*item{}, names: newNamer("cover")}
}

// items returns the images in order of first use.
func (m *mediaSet) items() []item {
	out := make([]item, len(m.list))
	for i, it := range m.list {
		out[i] = *it
	}
	return out
}

// image returns the href of img's copy in the book, or false when the
// linker refused the image (it warned once; the alt text stands in).
func (m *mediaSet) image(img *ast.Image) (string, bool) {
	a := m.b.links.Image(img)
	if a == nil {
		return "", false
	}
	it, err := m.load(a.Path, a.Data)
	if err != nil {
		m.b.ds.Warnf(img.Pos, "image %s: %v; its alt text stands in", diag.Quote(img.Src), err)
		return "", false
	}
	if strings.TrimSpace(img.Alt) == "" {
		m.noAlt = true
		m.b.ds.Warnf(img.Pos, "image %s has no alt text: ![description](%s)", diag.Quote(img.Src), img.Src)
	}
	return it.href, true
}

// load adds an image's bytes to the set once.
func (m *mediaSet) load(file string, data []byte) (*item, error) {
	if it, ok := m.byPath[file]; ok {
		return it, nil
	}
	mt, ext := sniffImage(data)
	if mt == "" {
		return nil, fmt.Errorf("not a PNG, JPEG or GIF file")
	}
	stem := strings.TrimSuffix(path.Base(strings.ReplaceAll(file, "\\", "/")), path.Ext(file))
	name := m.names.unique(fileBase(stem)) + ext
	it := &item{id: "img-" + strings.ReplaceAll(name, ".", "-"), href: "images/" + name, mediaType: mt, data: data}
	m.byPath[file] = it
	m.list = append(m.list, it)
	return it, nil
}

// readLimited reads a file of at most limit bytes.
func readLimited(file string, limit int64) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("file is larger than %d MiB", limit>>20)
	}
	return data, nil
}

// sniffImage tells the media type from the file's first bytes, not its
// name, so a renamed file cannot smuggle another type into the book.
func sniffImage(data []byte) (mediaType, ext string) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png", ".png"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg", ".jpg"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "image/gif", ".gif"
	}
	return "", ""
}
