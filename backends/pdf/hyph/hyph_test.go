package hyph

import (
	"slices"
	"strings"
	"testing"
)

// split renders word with a hyphen at every point.
func split(word string, points []int) string {
	r := []rune(word)
	var b strings.Builder
	last := 0
	for _, p := range points {
		b.WriteString(string(r[last:p]))
		b.WriteByte('-')
		last = p
	}
	b.WriteString(string(r[last:]))
	return b.String()
}

func TestGermanWords(t *testing.T) {
	tests := []struct{ word, want string }{
		{"Silbentrennung", "Sil-ben-tren-nung"},
		{"Aufmerksamkeitsmechanismus", "Auf-merk-sam-keits-me-cha-nis-mus"},
		{"Wahrscheinlichkeitsverteilung", "Wahr-schein-lich-keits-ver-tei-lung"},
		{"Datensätze", "Da-ten-sätze"},
		{"Übersetzung", "Über-set-zung"},
		{"Straße", "Straße"},
		{"Sprachmodell", "Sprach-mo-dell"},
		{"Trainingsdaten", "Trai-nings-da-ten"},
		{"Verarbeitung", "Ver-ar-bei-tung"},
		{"natürliche", "na-tür-li-che"},
		{"Gradientenabstieg", "Gra-di-en-ten-ab-stieg"},
		{"Donaudampfschifffahrt", "Do-nau-dampf-schiff-fahrt"},
		{"Rückwärtspropagierung", "Rück-wärts-pro-pa-gie-rung"},
		{"Tokenisierung", "To-ke-ni-sie-rung"},
		{"Zusammenfassung", "Zu-sam-men-fas-sung"},
		{"Öffentlichkeit", "Öf-fent-lich-keit"},
		{"Häufigkeitsverteilung", "Häu-fig-keits-ver-tei-lung"},
		{"Aktivierungsfunktion", "Ak-ti-vie-rungs-funk-tion"},
		{"Netz", "Netz"},
		{"", ""},
	}
	h := German()
	for _, tc := range tests {
		if got := split(tc.word, h.Points(tc.word)); got != tc.want {
			t.Errorf("Points(%q) = %s, want %s", tc.word, got, tc.want)
		}
	}
}

func TestGermanCaseInsensitive(t *testing.T) {
	h := German()
	for _, w := range []string{"Übersetzung", "ÜBERSETZUNG", "übersetzung", "üBeRsEtZuNg"} {
		if got := h.Points(w); !slices.Equal(got, []int{4, 7}) {
			t.Errorf("Points(%q) = %v, want [4 7]", w, got)
		}
	}
	// Capital sharp s lowers to ß and behaves like it.
	if a, b := h.Points("GROẞMUTTER"), h.Points("großmutter"); !slices.Equal(a, b) || len(a) == 0 {
		t.Errorf("capital sharp s: %v vs %v", a, b)
	}
}

func TestGermanMins(t *testing.T) {
	h22 := German().WithMins(2, 2)
	if got := split("Datensätze", h22.Points("Datensätze")); got != "Da-ten-sät-ze" {
		t.Errorf("2/2 Datensätze = %s", got)
	}
	if got := split("Straße", h22.Points("Straße")); got != "Stra-ße" {
		t.Errorf("2/2 Straße = %s", got)
	}
	// The shared instance is unchanged.
	if got := German().Points("Straße"); got != nil {
		t.Errorf("German().Points(Straße) = %v, want nil", got)
	}
}

func TestNonLetters(t *testing.T) {
	h := German()
	tests := []struct{ word, want string }{
		{"KI-Plattform", "KI-Platt-form"},
		{"H2O", "H2O"},
		{"2024", "2024"},
		{"„Silbentrennung“,", "„Sil-ben-tren-nung“,"},
		{"(Übersetzung)", "(Über-set-zung)"},
		{"...", "..."},
		{"x", "x"},
	}
	for _, tc := range tests {
		if got := split(tc.word, h.Points(tc.word)); got != tc.want {
			t.Errorf("Points(%q) = %s, want %s", tc.word, got, tc.want)
		}
	}
}

func TestCombiningMarkNeverSplit(t *testing.T) {
	h, err := New(strings.NewReader("a1b b1"), 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := h.Points("ab\u0301c"); !slices.Equal(got, []int{1}) {
		t.Errorf("Points = %v, want [1]", got)
	}
}

func TestNewBarePatterns(t *testing.T) {
	h, err := New(strings.NewReader("1ba\n% comment 1x\n.a2b a1b"), 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	// ".a2b" suppresses the break between a and b at the word start.
	if got := h.Points("abab"); !slices.Equal(got, []int{3}) {
		t.Errorf("abab: %v", got)
	}
	if got := h.Points("abcab"); !slices.Equal(got, []int{4}) {
		t.Errorf("abcab: %v", got)
	}
	if got := h.Points("xyz"); got != nil {
		t.Errorf("xyz: %v", got)
	}
}

func TestNewTeXFileWithExceptions(t *testing.T) {
	src := `\message{test}
\patterns{% patterns follow
1ba
a1b
}
\hyphenation{
ab-ab-ab
Ta-ble
}`
	h, err := New(strings.NewReader(src), 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := h.Points("ababab"); !slices.Equal(got, []int{2, 4}) {
		t.Errorf("exception ababab: %v", got)
	}
	if got := h.Points("TABLE"); !slices.Equal(got, []int{2}) {
		t.Errorf("exception TABLE: %v", got)
	}
	if got := h.Points("abab"); !slices.Equal(got, []int{1, 3}) {
		t.Errorf("patterns abab: %v", got)
	}
}

func TestNewErrors(t *testing.T) {
	for _, src := range []string{`\patterns{a1b`, "1 2", `a\b`} {
		if _, err := New(strings.NewReader(src), 2, 2); err == nil {
			t.Errorf("New(%q) succeeded, want error", src)
		}
	}
}

func TestLongWord(t *testing.T) {
	w := strings.Repeat("Silbentrennung", 40)
	pts := German().Points(w)
	if len(pts) < 100 {
		t.Fatalf("only %d points in long word", len(pts))
	}
	if !slices.IsSorted(pts) || pts[0] < 2 || pts[len(pts)-1] > len([]rune(w))-3 {
		t.Errorf("points out of range: first %d last %d", pts[0], pts[len(pts)-1])
	}
}

func TestAppendPointsNoAlloc(t *testing.T) {
	h := German()
	buf := make([]int, 0, 16)
	allocs := testing.AllocsPerRun(100, func() {
		buf = h.AppendPoints(buf[:0], "Wahrscheinlichkeitsverteilung")
	})
	if allocs != 0 {
		t.Errorf("AppendPoints allocates %.1f times", allocs)
	}
}

var benchWords = strings.Fields(`Die Silbentrennung nach Liang zerlegt Wörter
anhand von Mustern in Silben. Wahrscheinlichkeitsverteilung
Aufmerksamkeitsmechanismus Datensätze Übersetzung Straße Sprachmodell
Trainingsdaten Verarbeitung natürlicher Sprache Gradientenabstieg
Rückwärtspropagierung Tokenisierung Zusammenfassung Überanpassung
neuronale Netze lernen Gewichte und Verzerrungen aus Beispielen`)

func BenchmarkGerman(b *testing.B) {
	h := German()
	var buf []int
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		buf = h.AppendPoints(buf[:0], benchWords[i%len(benchWords)])
		i++
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(i), "ns/word")
}

func BenchmarkGermanPoints(b *testing.B) {
	h := German()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_ = h.Points(benchWords[i%len(benchWords)])
		i++
	}
}

func BenchmarkGermanLoad(b *testing.B) {
	for b.Loop() {
		if _, err := parse(germanText(b), 2, 3); err != nil {
			b.Fatal(err)
		}
	}
}

func germanText(tb testing.TB) string {
	data, err := files.ReadFile("hyph-de-1996.tex")
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

// TestEnglish checks Knuth's patterns and exception list as plain TeX
// applies them (\lefthyphenmin=2, \righthyphenmin=3): hy-phen-ation,
// ta-ble and as-so-ciate from the exceptions, project never broken.
func TestEnglish(t *testing.T) {
	for word, want := range map[string][]int{
		"hyphenation": {2, 6}, "table": {2}, "associate": {2, 4}, "project": nil, "algorithm": {2, 4},
	} {
		if got := English().Points(word); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", word, got, want)
		}
	}
	if Named("") != nil || Named("hyph-xx.tex") != nil {
		t.Error("a hyphenator for no or an unknown pattern file")
	}
	if Named("hyphen.tex") != English() {
		t.Error("English patterns parsed twice")
	}
}
