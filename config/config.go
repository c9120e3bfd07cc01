// Package config loads book.yaml: the book's metadata, where its entries
// live and how each backend sets it. Unknown keys and wrong types are
// errors that name the line.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"bookc/ast"
	"bookc/diag"

	"go.yaml.in/yaml/v3"
)

// FileName is the name of the configuration file in a book's folder.
const FileName = "book.yaml"

// maxSize bounds book.yaml; a larger file is surely not a configuration.
const maxSize = 1 << 20

// Book is the parsed book.yaml.
type Book struct {
	Title    string   `yaml:"title"`
	Subtitle string   `yaml:"subtitle"`
	Author   string   `yaml:"author"`
	Authors  []string `yaml:"authors"`
	Language string   `yaml:"language"`
	Edition  string   `yaml:"edition"`
	Date     string   `yaml:"date"`
	ID       string   `yaml:"id"`
	// Publisher, Rights and ISBN go into the imprint page of both
	// editions and into the EPUB's metadata.
	Publisher string    `yaml:"publisher"`
	Rights    string    `yaml:"rights"`
	ISBN      ISBN      `yaml:"isbn"`
	Content   []Located `yaml:"content"`
	Order     string    `yaml:"order"`
	PDF       PDF       `yaml:"pdf"`
	EPUB      EPUB      `yaml:"epub"`
	Anki      Anki      `yaml:"anki"`

	// Dir is the folder that holds book.yaml; relative paths start there.
	Dir string `yaml:"-"`
	// Modified is the book's date: from `date`, else SOURCE_DATE_EPOCH,
	// else a fixed epoch. Never the clock.
	Modified time.Time `yaml:"-"`
	// Line records the line of each top-level key, for later diagnostics.
	Line map[string]int `yaml:"-"`
}

// Located is a string with the line it was written on.
type Located struct {
	Value string
	Line  int
}

// UnmarshalYAML keeps the node's line.
func (l *Located) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: expected a string", n.Line)
	}
	l.Value, l.Line = n.Value, n.Line
	return nil
}

// PDF configures the printed handbook.
type PDF struct {
	Paper    Paper   `yaml:"paper"`
	Margins  Margins `yaml:"margins"`
	TwoSided *bool   `yaml:"two-sided"`
	FontSize float64 `yaml:"font-size"`
	Fonts    Fonts   `yaml:"fonts"`
}

// Margins are page margins in points. Inner and outer mirror on two-sided
// pages.
type Margins struct {
	Inner  Length `yaml:"inner"`
	Outer  Length `yaml:"outer"`
	Top    Length `yaml:"top"`
	Bottom Length `yaml:"bottom"`
}

// Fonts names TrueType files that replace the built-in faces.
type Fonts struct {
	Serif           Located `yaml:"serif"`
	SerifBold       Located `yaml:"serif-bold"`
	SerifItalic     Located `yaml:"serif-italic"`
	SerifBoldItalic Located `yaml:"serif-bold-italic"`
	Mono            Located `yaml:"mono"`
	MonoBold        Located `yaml:"mono-bold"`
}

// EPUB configures the e-book.
type EPUB struct {
	Cover         Located       `yaml:"cover"`
	CSS           Located       `yaml:"css"`
	EmbedFonts    bool          `yaml:"embed-fonts"`
	Accessibility Accessibility `yaml:"accessibility"`
	// PageList, when false, leaves out the page list of the printed
	// edition (page-break markers, page-list nav, dc:source).
	PageList *bool `yaml:"page-list"`
}

// ISBN holds the book's ISBNs: the printed edition's and the e-book's.
type ISBN struct {
	Print Located `yaml:"print"`
	EBook Located `yaml:"ebook"`
}

// Accessibility is what only a person can state about the e-book's
// accessibility: the conformance claim and who checked it. The rest of
// the accessibility metadata is computed from the content.
type Accessibility struct {
	// ConformsTo is the claim, e.g. "EPUB Accessibility 1.1 - WCAG 2.1
	// Level AA"; without it no conformance is claimed.
	ConformsTo Located `yaml:"conforms-to"`
	// CertifiedBy names who evaluated the claim; Credential is their
	// credential, Report the address of the evaluation report.
	CertifiedBy string `yaml:"certified-by"`
	Credential  string `yaml:"certifier-credential"`
	Report      string `yaml:"certifier-report"`
	// Summary replaces the computed accessibility summary.
	Summary string `yaml:"summary"`
}

// Anki configures the flashcards.
type Anki struct {
	Deck     string   `yaml:"deck"`
	NoteType string   `yaml:"notetype"`
	Tags     []string `yaml:"tags"`
	Reversed bool     `yaml:"reversed"`
	SeeAlso  *bool    `yaml:"seealso"`
	// Back lists what goes on a card's back: "lead" and "explanation".
	Back []string `yaml:"back"`
	// Fields names the note type's two fields, as the #columns header
	// gives them: [Front, Back] by default; a collection created in a
	// German Anki calls them [Vorderseite, Rückseite].
	Fields []string `yaml:"fields"`
	// State names the file, relative to the book's folder, that keeps the
	// notes' content hashes and times between builds (default
	// anki-notes.lock).
	State Located `yaml:"state"`
}

// Load reads dir/book.yaml. Problems come back as diagnostics positioned at
// book.yaml:line; the error is non-nil when the book cannot be built.
func Load(dir string) (*Book, diag.List) {
	path := filepath.Join(dir, FileName)
	var ds diag.List
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			ds.Errorf(ast.Pos{File: path}, "no %s here; run `bookc init %s` to start a book", FileName, dir)
		} else {
			ds.Errorf(ast.Pos{File: path}, "%v", err)
		}
		return nil, ds
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSize+1))
	if err != nil {
		ds.Errorf(ast.Pos{File: path}, "%v", err)
		return nil, ds
	}
	if len(data) > maxSize {
		ds.Errorf(ast.Pos{File: path}, "file is larger than %d bytes", maxSize)
		return nil, ds
	}
	b, ds := Parse(FileName, data)
	if b != nil {
		b.Dir = dir
	}
	return b, ds
}

var lineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// Parse decodes book.yaml's bytes; name is used in diagnostics.
func Parse(name string, data []byte) (*Book, diag.List) {
	var ds diag.List
	pos := func(line int) ast.Pos { return ast.Pos{File: name, Line: line} }
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		addYAMLError(&ds, name, err)
		return nil, ds
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		ds.Errorf(pos(1), "the file is empty; it needs at least `title:` and `content:`")
		return nil, ds
	}
	if m := root.Content[0]; m.Kind != yaml.MappingNode {
		ds.Errorf(pos(m.Line), "expected a map of keys (title:, content:, …), found %s", kindName(m))
		return nil, ds
	}
	var b Book
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&b); err != nil {
		addYAMLError(&ds, name, err)
		return nil, ds
	}
	b.Line = topLines(root.Content[0])
	b.validate(&ds, pos)
	if ds.HasErrors() {
		return nil, ds
	}
	return &b, ds
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	case yaml.AliasNode:
		return "an alias"
	}
	return "something else"
}

func topLines(m *yaml.Node) map[string]int {
	lines := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		lines[m.Content[i].Value] = m.Content[i].Line
	}
	return lines
}

var notFoundRE = regexp.MustCompile(`field (\S+) not found in type (\S+)`)

func addYAMLError(ds *diag.List, name string, err error) {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for _, m := range msgs {
		line := 0
		if sm := lineRE.FindStringSubmatch(m); sm != nil {
			line, _ = strconv.Atoi(sm[1])
			m = sm[2]
		}
		m = strings.TrimPrefix(m, "yaml: ")
		if sm := notFoundRE.FindStringSubmatch(m); sm != nil {
			m = fmt.Sprintf("unknown key %q in %s", sm[1], sectionName(sm[2]))
		}
		ds.Errorf(ast.Pos{File: name, Line: line}, "%s", m)
	}
}

func sectionName(goType string) string {
	switch goType {
	case "config.Book":
		return "the top level (known: title, subtitle, author, authors, language, edition, date, id, publisher, rights, isbn, content, order, pdf, epub, anki)"
	case "config.PDF":
		return "pdf (known: paper, margins, two-sided, font-size, fonts)"
	case "config.Margins":
		return "pdf.margins (known: inner, outer, top, bottom)"
	case "config.Fonts":
		return "pdf.fonts (known: serif, serif-bold, serif-italic, serif-bold-italic, mono, mono-bold)"
	case "config.EPUB":
		return "epub (known: cover, css, embed-fonts, accessibility, page-list)"
	case "config.Accessibility":
		return "epub.accessibility (known: conforms-to, certified-by, certifier-credential, certifier-report, summary)"
	case "config.ISBN":
		return "isbn (known: print, ebook)"
	case "config.Anki":
		return "anki (known: deck, notetype, tags, reversed, seealso, back, fields, state)"
	case "config.Paper":
		return "pdf.paper (known: width, height)"
	}
	return goType
}
