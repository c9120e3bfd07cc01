package fonts

import (
	"strings"
	"testing"

	"codeberg.org/go-fonts/dejavu/dejavuserif"
	"codeberg.org/go-fonts/liberation/liberationmonoregular"
	"codeberg.org/go-fonts/liberation/liberationserifregular"
)

// FuzzParse checks that Parse never panics or hangs and that accepted
// faces answer every query.
func FuzzParse(f *testing.F) {
	tiny := tinyTables()
	tiny["GPOS"] = tinyGPOS()
	tiny["kern"] = tinyKern()
	small := buildFont(magicTrueType, tiny)
	f.Add(small)
	f.Add(small[:len(small)/2])
	f.Add(small[:12])
	for _, font := range [][]byte{liberationserifregular.TTF, liberationmonoregular.TTF, dejavuserif.TTF} {
		f.Add(font)
		f.Add(font[:12+16*3])
		f.Add(font[:len(font)/3])
	}
	f.Add([]byte("OTTO\x00\x01\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("ttcf"))
	text := "Größe AV „Te“ x\u2C7C\u00AD\u00A0\u2011 中 \U0001D400"
	f.Fuzz(func(t *testing.T, data []byte) {
		face, err := Parse("fuzz", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz: ") {
				t.Fatalf("error without font name: %v", err)
			}
			return
		}
		_ = face.Width(text, 10) + face.UnkernedWidth(text, 10)
		_ = face.Ascent(10) + face.Descent(10) + face.CapHeight(10) + face.LineGap(10)
		for _, r := range text {
			_ = face.HasRune(r)
			_ = face.Advance(r) + face.Kern(r, 'V') + face.Kern('A', r)
		}
		_ = face.Printable(text)
		s := &Set{Serif: face, Fallback: []*Face{face}}
		_ = s.Segments(face, text)
	})
}
