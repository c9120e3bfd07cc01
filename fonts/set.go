package fonts

import (
	"slices"
	"sync"

	"codeberg.org/go-fonts/dejavu/dejavusans"
	"codeberg.org/go-fonts/dejavu/dejavusansmono"
	"codeberg.org/go-fonts/dejavu/dejavuserif"
	"codeberg.org/go-fonts/liberation/liberationmonobold"
	"codeberg.org/go-fonts/liberation/liberationmonoregular"
	"codeberg.org/go-fonts/liberation/liberationserifbold"
	"codeberg.org/go-fonts/liberation/liberationserifbolditalic"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
)

// Set is a family of faces for body text and code plus fallback faces
// consulted, in order, for runes the chosen face lacks.
type Set struct {
	Serif, SerifBold, SerifItalic, SerifBoldItalic *Face
	Mono, MonoBold                                 *Face
	Fallback                                       []*Face

	// BMPOnly makes Pick and Segments treat runes above U+FFFF as missing,
	// as the PDF writer draws only text of the Basic Multilingual Plane.
	BMPOnly bool
}

// Segment is a maximal run of text set in one face.
type Segment struct {
	Face    *Face  // face to draw Text with; the primary face if Missing
	Text    string // a substring of the segmented text
	Missing bool   // no face of the set has the runes in Text
}

var (
	defaultOnce sync.Once
	defaultSet  *Set
	defaultErr  error
)

// Default returns the bundled fonts: Liberation Serif in four styles,
// Liberation Mono regular and bold, and the fallbacks DejaVu Serif, DejaVu
// Sans and DejaVu Sans Mono. The fonts are parsed once; every call returns
// a new Set sharing the same faces. BMPOnly is set.
func Default() (*Set, error) {
	defaultOnce.Do(loadDefault)
	if defaultErr != nil {
		return nil, defaultErr
	}
	s := *defaultSet
	s.Fallback = slices.Clone(s.Fallback)
	return &s, nil
}

func loadDefault() {
	s := &Set{BMPOnly: true, Fallback: make([]*Face, 3)}
	fonts := []struct {
		name string
		data []byte
		dst  **Face
	}{
		{"LiberationSerif-Regular", liberationserifregular.TTF, &s.Serif},
		{"LiberationSerif-Bold", liberationserifbold.TTF, &s.SerifBold},
		{"LiberationSerif-Italic", liberationserifitalic.TTF, &s.SerifItalic},
		{"LiberationSerif-BoldItalic", liberationserifbolditalic.TTF, &s.SerifBoldItalic},
		{"LiberationMono-Regular", liberationmonoregular.TTF, &s.Mono},
		{"LiberationMono-Bold", liberationmonobold.TTF, &s.MonoBold},
		{"DejaVuSerif", dejavuserif.TTF, &s.Fallback[0]},
		{"DejaVuSans", dejavusans.TTF, &s.Fallback[1]},
		{"DejaVuSansMono", dejavusansmono.TTF, &s.Fallback[2]},
	}
	for _, f := range fonts {
		face, err := Parse(f.name, f.data)
		if err != nil {
			defaultErr = err
			return
		}
		*f.dst = face
	}
	defaultSet = s
}

// Faces returns every distinct non-nil face of the set, primary styles
// first, for registering them with the PDF writer.
func (s *Set) Faces() []*Face {
	var out []*Face
	all := append([]*Face{s.Serif, s.SerifBold, s.SerifItalic, s.SerifBoldItalic, s.Mono, s.MonoBold}, s.Fallback...)
	for _, f := range all {
		if f != nil && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// Pick returns primary if it can set r, else the first fallback that can,
// else (nil, false). A face can set a rune it maps, an ignorable rune
// such as the soft hyphen or zero-width space, and a no-break space or
// non-breaking hyphen if it has the plain space or hyphen.
func (s *Set) Pick(primary *Face, r rune) (*Face, bool) {
	if s.BMPOnly && r > 0xFFFF {
		return nil, false
	}
	if primary != nil && primary.covers(r) {
		return primary, true
	}
	for _, f := range s.Fallback {
		if f != nil && f.covers(r) {
			return f, true
		}
	}
	return nil, false
}

// Segments splits text into maximal runs that are set in the same face,
// choosing faces as Pick does. Ignorable runes join the surrounding run.
// Runs of runes no face can set are returned with Missing set and the
// primary face. Concatenating the segments' Text yields text.
func (s *Set) Segments(primary *Face, text string) []Segment {
	var out []Segment
	s.segment(primary, text, func(seg Segment) { out = append(out, seg) })
	return out
}

func (s *Set) segment(primary *Face, text string, emit func(Segment)) {
	if primary != nil && primary.coversAll(text, s.BMPOnly) {
		if text != "" {
			emit(Segment{Face: primary, Text: text})
		}
		return
	}
	start, started := 0, false
	cur, missing := primary, false
	for i, r := range text {
		f, ok := primary, true
		if e := primary.quick(r); e.flags&flagIgnore != 0 {
			continue
		} else if e.flags == 0 {
			if Ignorable(r) {
				continue
			}
			if f, ok = s.Pick(primary, r); !ok {
				f = primary
			}
		}
		if started && (f != cur || ok == missing) {
			emit(Segment{Face: cur, Text: text[start:i], Missing: missing})
			start = i
		}
		cur, missing, started = f, !ok, true
	}
	if start < len(text) {
		emit(Segment{Face: cur, Text: text[start:], Missing: missing})
	}
}

// Width returns the width of text at size points when set with primary
// and fallback faces as Segments splits it. There is no kerning across
// segment boundaries; missing runes count as the primary face's .notdef.
func (s *Set) Width(primary *Face, text string, size float64) float64 {
	w := 0.0
	s.segment(primary, text, func(seg Segment) {
		if seg.Face != nil {
			w += seg.Face.Width(seg.Text, size)
		}
	})
	return w
}
