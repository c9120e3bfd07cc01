package anki

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ankiFile is a text file as Anki's importer reads it (rules from Anki's
// manual and rslib/src/import_export/text/csv/metadata.rs and import.rs).
type ankiFile struct {
	Keys    []string          // header keys in file order, lower case
	Meta    map[string]string // header values by key
	Sep     rune
	Columns []string // from #columns, if given
	GUIDCol int      // 1-based, 0 when absent
	TagsCol int
	DeckCol int
	Rows    [][]string
}

// Field returns row i's field at the 1-based column col.
func (f *ankiFile) Field(i, col int) string { return f.Rows[i][col-1] }

var separators = map[string]rune{
	"comma": ',', "semicolon": ';', "tab": '\t', "space": ' ', "pipe": '|', "colon": ':',
}

// readAnkiFile parses data with Anki's rules and checks what bookc
// promises on top of them. It returns the first violation.
func readAnkiFile(data []byte) (*ankiFile, error) {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return nil, errors.New("file starts with a byte order mark")
	}
	if !utf8.Valid(data) {
		return nil, errors.New("file is not valid UTF-8")
	}
	f, body, err := readHeader(data)
	if err != nil {
		return nil, err
	}
	if err := f.readRows(body); err != nil {
		return nil, err
	}
	return f, f.check()
}

// readHeader reads the '#key:value' lines at the top. Anki reads them
// until the first line that does not start with '#'.
func readHeader(data []byte) (*ankiFile, []byte, error) {
	f := &ankiFile{Meta: map[string]string{}}
	rest := data
	for len(rest) > 0 && rest[0] == '#' {
		line, after, ok := bytes.Cut(rest, []byte("\n"))
		if !ok {
			return nil, nil, errors.New("header line without line end")
		}
		rest = after
		key, val, ok := strings.Cut(strings.TrimSuffix(string(line[1:]), "\r"), ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		if _, dup := f.Meta[key]; dup {
			return nil, nil, fmt.Errorf("header key %q given twice", key)
		}
		f.Keys = append(f.Keys, key)
		f.Meta[key] = val
	}
	if len(f.Keys) == 0 || f.Keys[0] != "separator" {
		return nil, nil, fmt.Errorf("first header line must be #separator, keys are %v", f.Keys)
	}
	sep, ok := separators[strings.ToLower(strings.TrimSpace(f.Meta["separator"]))]
	if !ok {
		r, n := utf8.DecodeRuneInString(f.Meta["separator"])
		if n == 0 || n != len(f.Meta["separator"]) {
			return nil, nil, fmt.Errorf("unknown separator %q", f.Meta["separator"])
		}
		sep = r
	}
	f.Sep = sep
	return f, data, f.readMetaColumns()
}

func (f *ankiFile) readMetaColumns() error {
	var err error
	if v, ok := f.Meta["columns"]; ok {
		r := csv.NewReader(strings.NewReader(v))
		r.Comma = f.Sep
		if f.Columns, err = r.Read(); err != nil {
			return fmt.Errorf("#columns: %v", err)
		}
	}
	for key, dst := range map[string]*int{"guid column": &f.GUIDCol, "tags column": &f.TagsCol, "deck column": &f.DeckCol} {
		if v, ok := f.Meta[key]; ok {
			if *dst, err = strconv.Atoi(strings.TrimSpace(v)); err != nil || *dst < 1 {
				return fmt.Errorf("#%s:%s is not a column number", key, v)
			}
		}
	}
	if v := strings.ToLower(f.Meta["html"]); v != "true" {
		return fmt.Errorf("#html is %q, want true", v)
	}
	return nil
}

// readRows splits records as Anki's csv reader does: no header row, '#'
// starts a comment line, RFC 4180 quotes, and here no lazy quotes.
func (f *ankiFile) readRows(body []byte) error {
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = f.Sep
	r.Comment = '#'
	r.LazyQuotes = false
	r.FieldsPerRecord = len(f.Columns)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		f.Rows = append(f.Rows, rec)
	}
}

// check applies the rules bookc keeps: first field set, GUIDs unique, tags
// without spaces, fields that parse as HTML without scripts or handlers.
func (f *ankiFile) check() error {
	n := len(f.Columns)
	if n == 0 && len(f.Rows) > 0 {
		n = len(f.Rows[0])
	}
	if f.GUIDCol > n || f.TagsCol > n || f.DeckCol > n {
		return fmt.Errorf("guid column %d, tags column %d or deck column %d beyond %d columns", f.GUIDCol, f.TagsCol, f.DeckCol, n)
	}
	guids := map[string]int{}
	for i, row := range f.Rows {
		if len(row) != n {
			return fmt.Errorf("row %d has %d fields, want %d", i+1, len(row), n)
		}
		for c, field := range row {
			if strings.TrimSpace(field) == "" {
				return fmt.Errorf("row %d: column %d is empty", i+1, c+1)
			}
		}
		if err := f.checkMeta(i, row, guids); err != nil {
			return err
		}
		for c, field := range row {
			if c+1 == f.GUIDCol || c+1 == f.TagsCol || c+1 == f.DeckCol {
				continue
			}
			if err := checkHTML(field); err != nil {
				return fmt.Errorf("row %d column %d: %v", i+1, c+1, err)
			}
		}
	}
	return nil
}

func (f *ankiFile) checkMeta(i int, row []string, guids map[string]int) error {
	if f.GUIDCol > 0 {
		g := row[f.GUIDCol-1]
		if g == "" || strings.ContainsAny(g, " \t\r\n\"") {
			return fmt.Errorf("row %d: bad GUID %q", i+1, g)
		}
		if prev, dup := guids[g]; dup {
			return fmt.Errorf("rows %d and %d share the GUID %q", prev, i+1, g)
		}
		guids[g] = i + 1
	}
	if f.TagsCol > 0 {
		tags := row[f.TagsCol-1]
		if tags != strings.Join(strings.Fields(tags), " ") || strings.ContainsAny(tags, "\"\u00a0") {
			return fmt.Errorf("row %d: tags %q hold stray white space or quotes", i+1, tags)
		}
	}
	return nil
}

// dangerous are elements that must never reach a card.
var dangerous = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Form: true, atom.Base: true, atom.Meta: true, atom.Link: true,
	atom.Svg: true, atom.Math: true,
}

// checkHTML parses a field as an HTML fragment inside a <div> and rejects
// scripts, event handler attributes and non-https link targets.
func checkHTML(field string) error {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(field), ctx)
	if err != nil {
		return err
	}
	for _, n := range nodes {
		if err := checkNode(n); err != nil {
			return err
		}
	}
	return nil
}

func checkNode(n *html.Node) error {
	if n.Type == html.ElementNode {
		if dangerous[n.DataAtom] || n.Namespace != "" {
			return fmt.Errorf("element <%s> in field", n.Data)
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") {
				return fmt.Errorf("event attribute %s on <%s>", a.Key, n.Data)
			}
			if key == "href" && !strings.HasPrefix(a.Val, "https://") {
				return fmt.Errorf("link to %q", a.Val)
			}
			if key == "src" && (strings.Contains(a.Val, ":") || strings.Contains(a.Val, "/")) {
				return fmt.Errorf("image source %q is not a flat media name", a.Val)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if err := checkNode(c); err != nil {
			return err
		}
	}
	return nil
}

// TestCheckFile applies the reader to a file named by ANKI_CHECK, to check
// the output of a real build: ANKI_CHECK=out/cards.csv go test -run CheckFile.
func TestCheckFile(t *testing.T) {
	name := os.Getenv("ANKI_CHECK")
	if name == "" {
		t.Skip("set ANKI_CHECK to a cards.csv")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := readAnkiFile(data)
	if err != nil {
		t.Fatal(err)
	}
	media := filepath.Join(filepath.Dir(name), "anki-media")
	for i := range f.Rows {
		for _, src := range imageSources(f.Field(i, colBack)) {
			if _, err := os.Stat(filepath.Join(media, src)); err != nil {
				t.Errorf("row %d: %v", i+1, err)
			}
		}
	}
	t.Logf("%d notes, header keys %v", len(f.Rows), f.Keys)
}

// imageSources returns the src of every <img> in an HTML field.
func imageSources(field string) []string {
	var out []string
	z := html.NewTokenizer(strings.NewReader(field))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		tok := z.Token()
		if tok.DataAtom != atom.Img {
			continue
		}
		for _, a := range tok.Attr {
			if a.Key == "src" {
				out = append(out, a.Val)
			}
		}
	}
	return out
}
