package link

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // register the JPEG decoder for DecodeConfig
	_ "image/png"  // register the PNG decoder for DecodeConfig
	"io"
	"os"
	"strings"

	"bookc/ast"
	"bookc/config"
	"bookc/diag"
)

// Limits on images: larger files or pictures are refused before they are
// decoded, so a hostile header cannot make a backend allocate gigabytes.
const (
	MaxImageBytes  = 32 << 20
	MaxImageSide   = 20000
	MaxImagePixels = 50_000_000
)

// Asset is an image file checked once for every backend: safe path, known
// format, sane dimensions.
type Asset struct {
	Path          string // the file on disk
	Rel           string // the path relative to the book's folder, with '/'
	Format        string // "png" or "jpeg"
	Width, Height int    // in pixels
	Data          []byte
}

// ResolveImages checks every image of the book once: remote addresses are
// never fetched, paths may not leave the book's folder, and the file must
// be a PNG or JPEG of bounded size whose header decodes. Each problem is
// one warning at the image; backends then set the alt text instead.
func (l *Links) ResolveImages(doc *ast.Document, cfg *config.Book) diag.List {
	var ds diag.List
	if l.images == nil {
		l.images = map[*ast.Image]*Asset{}
	}
	byPath := map[string]*Asset{}
	for _, e := range doc.Entries {
		for _, n := range e.Nodes() {
			if img, ok := n.(*ast.Image); ok {
				if a, err := loadImage(cfg, e, img, byPath); err != nil {
					ds.Warnf(img.Pos, "image %q: %v; its alt text is set instead", img.Src, err)
				} else {
					l.images[img] = a
				}
			}
		}
	}
	return ds
}

// Image returns the checked file of an image, or nil when the image could
// not be used and its alt text stands in for it.
func (l *Links) Image(img *ast.Image) *Asset { return l.images[img] }

func loadImage(cfg *config.Book, e *ast.Entry, img *ast.Image, seen map[string]*Asset) (*Asset, error) {
	src := strings.TrimSpace(img.Src)
	switch {
	case src == "":
		return nil, fmt.Errorf("no file named")
	case strings.Contains(src, "://") || strings.HasPrefix(src, "//"):
		return nil, fmt.Errorf("remote images are never fetched; copy the file into the book")
	case strings.HasPrefix(src, "data:"):
		return nil, fmt.Errorf("data: addresses are not supported; save the image as a file")
	}
	path, ok := cfg.ResolveImage(img.Pos.File, src)
	if !ok {
		return nil, fmt.Errorf("the path leaves the book's folder")
	}
	if a, ok := seen[path]; ok {
		return a, nil
	}
	a, err := readImage(path)
	if err != nil {
		return nil, err
	}
	a.Rel = relTo(cfg.Dir, path)
	seen[path] = a
	return a, nil
}

func readImage(path string) (*Asset, error) {
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("no such file")
		}
		return nil, fmt.Errorf("cannot read: %v", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	if st.Size() > MaxImageBytes {
		return nil, fmt.Errorf("file is larger than %d MiB", MaxImageBytes>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxImageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", err)
	}
	cfgImg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not a readable PNG or JPEG file (%v)", err)
	}
	if cfgImg.Width <= 0 || cfgImg.Height <= 0 || cfgImg.Width > MaxImageSide || cfgImg.Height > MaxImageSide ||
		cfgImg.Width*cfgImg.Height > MaxImagePixels {
		return nil, fmt.Errorf("%d × %d pixels is too large (at most %d a side and %d megapixels)",
			cfgImg.Width, cfgImg.Height, MaxImageSide, MaxImagePixels/1_000_000)
	}
	if err := verifyImage(data, format); err != nil {
		return nil, err
	}
	return &Asset{Path: path, Format: format, Width: cfgImg.Width, Height: cfgImg.Height, Data: data}, nil
}

// verifyImage decodes the whole picture, now that its size is known to be
// bounded, so a truncated file is caught here and not in a backend.
func verifyImage(data []byte, format string) error {
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return fmt.Errorf("damaged %s file (%v)", strings.ToUpper(format), err)
	}
	return nil
}

func relTo(dir, path string) string {
	if r, err := relPath(dir, path); err == nil {
		return r
	}
	return path
}
