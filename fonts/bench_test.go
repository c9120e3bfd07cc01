package fonts

import (
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationserifregular"
)

const benchParagraph = "Die Größe eines Glossars hängt vom Umfang des Fachgebiets ab. " +
	"„Übersetzungen“ werden – wo nötig – mit Quellenangaben versehen; " +
	"Abkürzungen wie z.\u00A0B. oder d.\u00A0h. stehen im Verzeichnis. " +
	"Tabellen, Verweise und Silben\u00ADtrennung folgen den Regeln der Typografie. "

// megabyte returns about 1 MB of German text.
func megabyte() string {
	return strings.Repeat(benchParagraph, 1<<20/len(benchParagraph))
}

func BenchmarkWidth(b *testing.B) {
	f := mustDefault(b).Serif
	f.Width("warm up the kerning cache", 11)
	text := megabyte()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		f.Width(text, 11)
	}
}

func BenchmarkUnkernedWidth(b *testing.B) {
	f := mustDefault(b).Serif
	text := megabyte()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		f.UnkernedWidth(text, 11)
	}
}

// BenchmarkWidthWords measures short strings, as in line breaking.
func BenchmarkWidthWords(b *testing.B) {
	f := mustDefault(b).Serif
	words := strings.Fields(benchParagraph)
	n := 0
	for _, w := range words {
		n += len(w)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, w := range words {
			f.Width(w, 11)
		}
	}
}

func BenchmarkSetWidth(b *testing.B) {
	s := mustDefault(b)
	s.Serif.Width("warm up the kerning cache", 11)
	text := megabyte()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s.Width(s.Serif, text, 11)
	}
}

// BenchmarkSegmentsFallback segments text that needs a fallback face.
func BenchmarkSegmentsFallback(b *testing.B) {
	s := mustDefault(b)
	text := strings.Repeat("Index x\u2C7C und y\u2096\u207B\u00B9 im Glossar. ", 1<<14)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s.Segments(s.Serif, text)
	}
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse("bench", liberationserifregular.TTF); err != nil {
			b.Fatal(err)
		}
	}
}
