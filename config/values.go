package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"bookc/ast"
	"bookc/diag"

	"go.yaml.in/yaml/v3"
)

// Length is a distance in PostScript points, written in book.yaml as a
// number with a unit: 20mm, 2cm, 1in, 12pt.
type Length float64

// UnmarshalYAML parses a length with its unit.
func (l *Length) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseLength(n.Value)
	if err != nil || n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: %q is not a length (write e.g. 20mm, 2cm, 1in or 12pt)", n.Line, n.Value)
	}
	*l = Length(v)
	return nil
}

// ParseLength converts "20mm" and the like to points.
func ParseLength(s string) (float64, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		pt     float64
	}{{"mm", 72 / 25.4}, {"cm", 72 / 2.54}, {"in", 72}, {"pt", 1}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || v < 0 || v > 10000 {
				return 0, fmt.Errorf("bad length %q", s)
			}
			return v * u.pt, nil
		}
	}
	return 0, fmt.Errorf("bad length %q", s)
}

// Paper is a page size in points. book.yaml names one (A4, A5, letter) or
// gives {width, height}.
type Paper struct {
	Name          string
	Width, Height float64
}

var papers = map[string][2]float64{
	"a4":     {595.28, 841.89},
	"a5":     {419.53, 595.28},
	"letter": {612, 792},
}

// UnmarshalYAML accepts a paper name or a {width, height} map.
func (p *Paper) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		sz, ok := papers[strings.ToLower(n.Value)]
		if !ok {
			return fmt.Errorf("line %d: unknown paper %q (use A4, A5, letter or {width: 170mm, height: 240mm})", n.Line, n.Value)
		}
		*p = Paper{Name: n.Value, Width: sz[0], Height: sz[1]}
		return nil
	}
	var custom struct {
		Width  Length `yaml:"width"`
		Height Length `yaml:"height"`
	}
	if err := n.Decode(&custom); err != nil {
		return err
	}
	if custom.Width < 72 || custom.Height < 72 {
		return fmt.Errorf("line %d: paper needs a width and a height of at least 1in", n.Line)
	}
	*p = Paper{Name: "custom", Width: float64(custom.Width), Height: float64(custom.Height)}
	return nil
}

// epoch is the date used when neither book.yaml nor SOURCE_DATE_EPOCH
// gives one.
var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func (b *Book) validate(ds *diag.List, pos func(int) ast.Pos) {
	if strings.TrimSpace(b.Title) == "" {
		ds.Errorf(pos(1), "missing required key \"title\"")
	}
	if b.Author != "" && len(b.Authors) > 0 {
		ds.Errorf(pos(b.Line["authors"]), "give either author or authors, not both")
	}
	if len(b.Content) == 0 {
		b.Content = []Located{{Value: "content", Line: b.Line["title"]}}
	}
	b.setDefaults()
	switch b.Order {
	case "alphabetical", "listed":
	default:
		ds.Errorf(pos(b.Line["order"]), "order must be \"alphabetical\" or \"listed\", not %q", b.Order)
	}
	if !b.supported() {
		ds.Warnf(pos(b.Line["language"]), "language %q is not supported (%s): the words bookc adds are English and the text is not hyphenated",
			b.Language, Supported)
	}
	b.setDate(ds, pos)
	b.checkAnki(ds, pos)
	b.checkPublishing(ds, pos)
	if b.PDF.FontSize < 6 || b.PDF.FontSize > 24 {
		ds.Errorf(pos(b.Line["pdf"]), "pdf.font-size %.1f is outside 6–24 pt", b.PDF.FontSize)
	}
}

func (b *Book) setDefaults() {
	if b.Order == "" {
		b.Order = "alphabetical"
	}
	if b.Language == "" {
		b.Language = "de"
	}
	if b.PDF.Paper.Width == 0 {
		b.PDF.Paper = Paper{Name: "A4", Width: papers["a4"][0], Height: papers["a4"][1]}
	}
	m := &b.PDF.Margins
	def := func(l *Length, mm float64) {
		if *l == 0 {
			*l = Length(mm * 72 / 25.4)
		}
	}
	def(&m.Inner, 25)
	def(&m.Outer, 20)
	def(&m.Top, 22)
	def(&m.Bottom, 25)
	if b.PDF.TwoSided == nil {
		t := true
		b.PDF.TwoSided = &t
	}
	if b.PDF.FontSize == 0 {
		b.PDF.FontSize = 10.5
	}
	if b.Anki.Deck == "" {
		b.Anki.Deck = b.Title
	}
	if b.Anki.SeeAlso == nil {
		t := true
		b.Anki.SeeAlso = &t
	}
	if len(b.Anki.Back) == 0 {
		b.Anki.Back = []string{"lead"}
	}
}

func (b *Book) checkAnki(ds *diag.List, pos func(int) ast.Pos) {
	for _, s := range b.Anki.Back {
		if s != "lead" && s != "explanation" {
			ds.Errorf(pos(b.Line["anki"]), "anki.back: unknown part %q (use lead, explanation)", s)
		}
	}
	if len(b.Anki.Fields) != 0 && len(b.Anki.Fields) != 2 {
		ds.Errorf(pos(b.Line["anki"]), "anki.fields: give the note type's two field names, e.g. [Front, Back], or leave it out to map the columns by position")
	}
	for _, f := range b.Anki.Fields {
		if strings.ContainsAny(f, "\t\n\r") || strings.TrimSpace(f) == "" {
			ds.Errorf(pos(b.Line["anki"]), "anki.fields: field name %q is empty or holds a tab or line break", f)
		}
	}
	for _, t := range b.Anki.Tags {
		if strings.ContainsAny(t, " \t\n") || t == "" {
			ds.Errorf(pos(b.Line["anki"]), "anki.tags: tag %q is empty or holds a space", t)
		}
	}
}

func (b *Book) setDate(ds *diag.List, pos func(int) ast.Pos) {
	b.Modified = epoch
	if b.Date != "" {
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z", "2006-01-02"} {
			if t, err := time.Parse(layout, b.Date); err == nil {
				b.Modified = t.UTC()
				return
			}
		}
		ds.Errorf(pos(b.Line["date"]), "date %q is not a date (write YYYY-MM-DD)", b.Date)
		return
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			ds.Errorf(ast.Pos{File: "SOURCE_DATE_EPOCH"}, "%q is not a number of seconds", s)
			return
		}
		b.Modified = time.Unix(sec, 0).UTC()
	}
}

// AuthorList returns the authors, from author or authors.
func (b *Book) AuthorList() []string {
	if b.Author != "" {
		return []string{b.Author}
	}
	return b.Authors
}

// Pos returns the position of a top-level key in book.yaml.
func (b *Book) Pos(key string) ast.Pos {
	return ast.Pos{File: FileName, Line: b.Line[key]}
}
