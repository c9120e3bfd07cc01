package anki

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strconv"
	"strings"
	"unicode"

	"bookc/ast"
	"bookc/link"

	"golang.org/x/text/unicode/norm"
)

// maxNameLen bounds a media file's name in bytes; Anki shortens longer
// names, which would break the reference.
const maxNameLen = 100

// mediaSet collects the images the cards use. Anki keeps the media of all
// decks in one flat folder, so each file gets a name without slashes,
// made from its path in the book, unique within the book and prefixed
// with the book's id so that two books never share a name. The linker has
// already checked every image; an image it refused shows its alternative
// text.
type mediaSet struct {
	links  *link.Links
	prefix string
	byPath map[string]string // path in the book → flat name
	taken  map[string]bool
	files  []MediaFile
	// used lists the names added since the caller last emptied it.
	used []string
}

func newMediaSet(links *link.Links, bookID string) *mediaSet {
	return &mediaSet{links: links, prefix: mediaPrefix(bookID), byPath: map[string]string{}, taken: map[string]bool{}}
}

// mediaPrefix is the start of every media name of a book: a short form of
// its id and a hash of the whole id.
func mediaPrefix(bookID string) string {
	h := sha256.Sum256([]byte(bookID))
	return truncate(suggestID(bookID), 24) + "-" + hex.EncodeToString(h[:3]) + "_"
}

// add returns the flat name of img's file, or false when the linker
// refused the image.
func (m *mediaSet) add(img *ast.Image) (string, bool) {
	a := m.links.Image(img)
	if a == nil {
		return "", false
	}
	if name, ok := m.byPath[a.Rel]; ok {
		m.used = append(m.used, name)
		return name, true
	}
	name := m.unique(flatName(m.prefix + a.Rel))
	m.used = append(m.used, name)
	m.byPath[a.Rel] = name
	m.files = append(m.files, MediaFile{Name: name, Data: a.Data})
	return name, true
}

// flatName turns a path in the book into a media file name: slashes become
// '-', characters Anki's media folder does not take become '_', and a long
// name is shortened with a hash of the path to stay unique.
func flatName(rel string) string {
	s := norm.NFC.String(strings.TrimPrefix(rel, "./"))
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '/':
			return '-'
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_':
			return r
		}
		return '_'
	}, s)
	if strings.HasPrefix(s, ".") {
		s = "_" + s
	}
	if len(s) > maxNameLen {
		ext := path.Ext(s)
		if len(ext) > 10 {
			ext = ""
		}
		h := sha256.Sum256([]byte(rel))
		s = truncate(s[:len(s)-len(ext)], maxNameLen-len(ext)-9) + "-" + hex.EncodeToString(h[:4]) + ext
	}
	return s
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8Start(s[n]) {
		n--
	}
	return s[:n]
}

func utf8Start(c byte) bool { return c&0xC0 != 0x80 }

// unique returns name, or name with -2, -3 … before its extension when
// another file already took it.
func (m *mediaSet) unique(name string) string {
	out := name
	ext := path.Ext(name)
	for k := 2; m.taken[out]; k++ {
		out = strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(k) + ext
	}
	m.taken[out] = true
	return out
}

// hashes maps each file's name to a hash of its bytes.
func (m *mediaSet) hashes() map[string]string {
	out := make(map[string]string, len(m.files))
	for _, f := range m.files {
		h := sha256.Sum256(f.Data)
		out[f.Name] = hex.EncodeToString(h[:12])
	}
	return out
}
