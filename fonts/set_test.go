package fonts

import (
	"strings"
	"testing"
)

func TestDefaultShared(t *testing.T) {
	a, b := mustDefault(t), mustDefault(t)
	if a == b || a.Serif != b.Serif {
		t.Error("Default should return fresh sets sharing faces")
	}
	a.Fallback[0] = nil
	if b.Fallback[0] == nil {
		t.Error("Fallback slices are shared between Default results")
	}
	if n := len(b.Faces()); n != 9 {
		t.Errorf("Faces() = %d faces, want 9", n)
	}
	want := []string{"DejaVuSerif", "DejaVuSans", "DejaVuSansMono"}
	for i, f := range b.Fallback {
		if f.Name() != want[i] {
			t.Errorf("Fallback[%d] = %s, want %s", i, f.Name(), want[i])
		}
	}
}

func TestPick(t *testing.T) {
	s := mustDefault(t)
	serif, djSerif := s.Serif, s.Fallback[0]
	cases := []struct {
		r    rune
		want *Face
		ok   bool
	}{
		{'a', serif, true},
		{'ß', serif, true},
		{0x00AD, serif, true}, // soft hyphen
		{0x200B, serif, true}, // zero-width space
		{0x2060, serif, true}, // word joiner, unmapped but ignorable
		{0x00A0, serif, true},
		{0x2011, serif, true}, // non-breaking hyphen, drawn as '-'
		{0x2C7C, djSerif, true},
		{0x4E2D, nil, false},  // no bundled face has CJK
		{0x1D400, nil, false}, // above the BMP
	}
	for _, c := range cases {
		f, ok := s.Pick(serif, c.r)
		if f != c.want || ok != c.ok {
			t.Errorf("Pick(%U) = %v, %v", c.r, f, ok)
		}
	}
	if f, ok := s.Pick(nil, 'a'); f != djSerif || !ok {
		t.Errorf("Pick with nil primary = %v, %v", f, ok)
	}
}

func TestSegments(t *testing.T) {
	s := mustDefault(t)
	serif, dj := s.Serif, s.Fallback[0]
	type seg struct {
		face    *Face
		text    string
		missing bool
	}
	cases := []struct {
		in   string
		want []seg
	}{
		{"", nil},
		{"Grüße", []seg{{serif, "Grüße", false}}},
		{"x\u2C7C\u2096\u207B¹ gilt", []seg{{serif, "x", false}, {dj, "\u2C7C\u2096\u207B", false}, {serif, "¹ gilt", false}}},
		{"Silben\u00ADtrennung\u00A0und\u200Bso\u2011weiter", []seg{{serif, "Silben\u00ADtrennung\u00A0und\u200Bso\u2011weiter", false}}},
		{"\u00AD\u2C7C", []seg{{dj, "\u00AD\u2C7C", false}}},
		{"\u2C7C\u00AD\u2096", []seg{{dj, "\u2C7C\u00AD\u2096", false}}},
		{"a中文b", []seg{{serif, "a", false}, {serif, "中文", true}, {serif, "b", false}}},
		{"\u200B", []seg{{serif, "\u200B", false}}},
	}
	for _, c := range cases {
		got := s.Segments(serif, c.in)
		var joined strings.Builder
		ok := len(got) == len(c.want)
		for i, g := range got {
			joined.WriteString(g.Text)
			if ok && (g.Face != c.want[i].face || g.Text != c.want[i].text || g.Missing != c.want[i].missing) {
				ok = false
			}
		}
		if !ok {
			t.Errorf("Segments(%q) = %+v", c.in, got)
		}
		if joined.String() != c.in {
			t.Errorf("Segments(%q) do not concatenate to the input", c.in)
		}
	}
}

func TestPrintable(t *testing.T) {
	s := mustDefault(t)
	in := "Silben\u00ADtrennung\u00A0und\u200Bso\u2011weiter"
	got := s.Serif.Printable(in)
	// Liberation Serif has U+00A0 but not U+2011.
	if want := "Silbentrennung\u00A0undso-weiter"; got != want {
		t.Errorf("Printable = %q, want %q", got, want)
	}
	if w1, w2 := s.Serif.Width(in, 10), s.Serif.Width(got, 10); w1 != w2 {
		t.Errorf("Width before %v and after Printable %v differ", w1, w2)
	}
	if plain := "plain text"; s.Serif.Printable(plain) != plain {
		t.Error("Printable changed plain text")
	}
}

func TestSetWidth(t *testing.T) {
	s := mustDefault(t)
	text := "x\u2C7C + y\u2096"
	want := s.Serif.Width("x", 10) + s.Fallback[0].Width("\u2C7C", 10) +
		s.Serif.Width(" + y", 10) + s.Fallback[0].Width("\u2096", 10)
	if got := s.Width(s.Serif, text, 10); got != want {
		t.Errorf("Set.Width = %v, want %v", got, want)
	}
}

func TestNotices(t *testing.T) {
	n := Notices()
	for _, want := range []string{"SIL OPEN FONT LICENSE Version 1.1", "Reserved Font Name Liberation",
		"Bitstream Vera Fonts Copyright", "DejaVu changes are in public domain", "The go-fonts Authors"} {
		if !strings.Contains(n, want) {
			t.Errorf("Notices lacks %q", want)
		}
	}
}
