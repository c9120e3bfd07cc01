package linebreak

import (
	"strings"
	"testing"
	"unicode"

	"bookc/backends/pdf/hyph"
)

// fixedMeasurer gives every visible rune width 1 (style 1: width 2);
// combining marks and format characters have width 0.
type fixedMeasurer struct{}

func (fixedMeasurer) Width(s string, style int) float64 {
	n := 0.0
	for _, r := range s {
		if unicode.IsMark(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		n++
	}
	if style == 1 {
		return 2 * n
	}
	return n
}

func (fixedMeasurer) SpaceWidth(style int) float64 {
	if style == 1 {
		return 2
	}
	return 1
}

func (fixedMeasurer) HyphenWidth(style int) float64 {
	if style == 1 {
		return 2
	}
	return 1
}

// setText breaks plain text at the given measure with the German
// hyphenator and returns the laid-out lines as strings.
func setText(t testing.TB, text string, measure float64) ([]string, Result, []Item) {
	t.Helper()
	return setRuns(t, []Run{{Text: text}}, Uniform(measure))
}

// setRuns breaks runs and renders each line as its segments joined by a
// single space, with a trailing "-" for a drawn hyphen.
func setRuns(t testing.TB, runs []Run, widths LineWidths) ([]string, Result, []Item) {
	t.Helper()
	items := NewBuilder(fixedMeasurer{}, hyph.German()).Build(runs, widths)
	res := Break(items, widths, DefaultParams())
	var lines []string
	for _, lay := range Lines(items, res) {
		lines = append(lines, renderLine(lay))
	}
	return lines, res, items
}

// renderLine joins a line's segments, inserting a space where there was
// glue between them.
func renderLine(lay LineLayout) string {
	var sb strings.Builder
	end := 0.0
	for i, s := range lay.Segments {
		if i > 0 && s.X > end+1e-9 {
			sb.WriteByte(' ')
		}
		sb.WriteString(s.Text)
		end = s.X + s.Width
	}
	if lay.Hyphen {
		sb.WriteString(lay.HyphenText)
	}
	return sb.String()
}

// checkWidths fails if any laid-out line is wider than its measure.
func checkWidths(t testing.TB, items []Item, res Result) {
	t.Helper()
	for i, lay := range Lines(items, res) {
		if lay.Width > lay.Line.Measure+1e-6 {
			t.Errorf("line %d is %.6f wide, measure %.6f", i, lay.Width, lay.Line.Measure)
		}
		if lay.Line.Overfull {
			t.Errorf("line %d marked overfull", i)
		}
	}
}

const germanParagraph = `Die Silbentrennung nach dem Verfahren von Liang
zerlegt Wörter anhand von Mustern, die aus einem großen Wörterbuch gewonnen
wurden. Ein Sprachmodell berechnet eine Wahrscheinlichkeitsverteilung über
das nächste Token; der Aufmerksamkeitsmechanismus gewichtet dabei die
Datensätze und Einbettungen aller vorangehenden Positionen. Beim Training
wird der Gradientenabstieg mit Rückwärtspropagierung kombiniert, um die
Verlustfunktion über viele Trainingsdaten hinweg zu minimieren. Eine
KI-Plattform stellt solche Modelle über Schnittstellen bereit, während
Open-Source-Modelle lokal ausgeführt werden können. Die Übersetzung
natürlicher Sprache, die Zusammenfassung langer Dokumente und die
Beantwortung von Fragen gehören zu den häufigsten Anwendungen.`
