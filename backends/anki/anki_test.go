package anki

import (
	"bytes"
	"html"
	"image"
	"image/png"
	"strings"
	"testing"

	"bookc/ast"
	"bookc/book/booktest"
	"bookc/config"
	"bookc/diag"
)

// testBook is a small book in a temporary folder.
type testBook struct {
	dir   string
	yaml  string
	files map[string]string // entry files, by path under content/
}

func newBook(t testing.TB, yaml string, files map[string]string) *testBook {
	return &testBook{dir: t.TempDir(), yaml: yaml, files: files}
}

// render parses, links and renders the book, and checks the result with
// the independent reader.
func (b *testBook) render(t testing.TB) (*ankiFile, *Output, diag.List) {
	t.Helper()
	out, ds := b.renderRaw(t)
	f, err := readAnkiFile(out.CSV)
	if err != nil {
		t.Fatalf("Anki would not read the file: %v\n%s", err, out.CSV)
	}
	return f, out, ds
}

func (b *testBook) renderRaw(t testing.TB) (*Output, diag.List) {
	t.Helper()
	out, ds, err := b.renderWith(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out, ds
}

// renderState renders with a state and checks the CSV like render.
func (b *testBook) renderState(t testing.TB, prev *State) (*ankiFile, *Output, diag.List) {
	t.Helper()
	out, ds, err := b.renderWith(t, prev)
	if err != nil {
		t.Fatal(err)
	}
	f, err := readAnkiFile(out.CSV)
	if err != nil {
		t.Fatalf("Anki would not read the file: %v\n%s", err, out.CSV)
	}
	return f, out, ds
}

// renderRawErr renders and returns the output only when there was no
// error.
func (b *testBook) renderRawErr(t testing.TB) (*Output, diag.List) {
	t.Helper()
	out, ds, err := b.renderWith(t, nil)
	if err != nil {
		return nil, ds
	}
	return out, ds
}

func (b *testBook) renderWith(t testing.TB, prev *State) (*Output, diag.List, error) {
	t.Helper()
	yaml := b.yaml
	if !strings.Contains(yaml, "order:") {
		yaml += "order: listed\n" // entries in their files' order
	}
	booktest.Write(t, b.dir, "book.yaml", []byte(yaml))
	for name, src := range b.files {
		booktest.Write(t, b.dir, "content/"+strings.TrimPrefix(name, "content/"), []byte(src))
	}
	bk, lds := booktest.Load(t, b.dir)
	var ds diag.List // of the loading, only what the linker says of images
	for _, d := range lds {
		if strings.HasPrefix(d.Msg, "image ") {
			ds = append(ds, d)
		}
	}
	out, rds, err := RenderState(bk.Doc, bk.Links, bk.Config, prev)
	return out, append(ds, rds...), err
}

// write puts a file into the book's folder.
func (b *testBook) write(t testing.TB, name string, data []byte) {
	t.Helper()
	booktest.Write(t, b.dir, name, data)
}

const seedYAML = "title: Seed\nid: Seed\ndate: 2026-11-01\n"

func seedText(t testing.TB) string { return string(booktest.Seed(t)) }

const smallEntries = `## Transformer {#Transformer .chapter .term}

Ein **Transformer** ist eine Architektur für *neuronale Netze*, siehe [BERT](#BERT).

### Aufbau {.explanation}

Encoder und Decoder.

### Siehe auch {.seealso}

[BERT](#BERT) | [Index](#Index) | [GPT](#GPT)

## BERT {#BERT .chapter .term}

**BERT** ist ein Sprachmodell.

## Anhang {#Anhang .chapter}

Kein Begriff.
`

func TestHeader(t *testing.T) {
	b := newBook(t, "title: KI-Glossar\nanki:\n  deck: \"Glossar::KI\"\n", map[string]string{"a.md": smallEntries})
	f, out, _ := b.render(t)
	want := "#separator:Tab\n#html:true\n#notetype:Einfach\n#deck column:3\n#guid column:4\n#if matches:update current\n"
	if !bytes.HasPrefix(out.CSV, []byte(want)) {
		t.Fatalf("header:\n%s\nwant:\n%s", out.CSV[:min(len(out.CSV), 200)], want)
	}
	wantKeys := []string{"separator", "html", "notetype", "deck column", "guid column", "if matches"}
	if strings.Join(f.Keys, ",") != strings.Join(wantKeys, ",") {
		t.Errorf("keys %v, want %v", f.Keys, wantKeys)
	}
	if len(f.Rows) != 2 {
		t.Fatalf("%d rows, want 2 (terms only)", len(f.Rows))
	}
	if f.Field(0, colDeck) != "Glossar::KI" {
		t.Errorf("deck %q", f.Field(0, colDeck))
	}
	if f.Field(0, colFront) != "Transformer" || f.Field(1, colFront) != "BERT" {
		t.Errorf("fronts %q, %q: want book order", f.Field(0, colFront), f.Field(1, colFront))
	}
}

func TestSeed(t *testing.T) {
	b := newBook(t, seedYAML, map[string]string{"content/hugging-face.txt": seedText(t)})
	f, _, ds := b.render(t)
	if len(ds) != 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	if len(f.Rows) != 1 {
		t.Fatalf("%d rows", len(f.Rows))
	}
	back := f.Field(0, colBack)
	for _, want := range []string{
		"<b>Hugging Face</b> ist eine führende KI-Plattform",
		"im Bereich der Natural Language Processing.",
		"<p>Siehe auch: BERT, Diffusion Models, Model Card, NLP, Open Pre-trained Transformers, Tokenization, Transformer, Transfer Learning</p>",
	} {
		if !strings.Contains(back, want) {
			t.Errorf("back lacks %q:\n%s", want, back)
		}
	}
	for _, bad := range []string{"<a ", "Index", "Model Hub", "<h4>"} {
		if strings.Contains(back, bad) {
			t.Errorf("back holds %q:\n%s", bad, back)
		}
	}
	if _, ok := f.Meta["tags"]; ok || f.TagsCol != 0 {
		t.Errorf("tags %q, tags column %d; want none", f.Meta["tags"], f.TagsCol)
	}
	if got, want := f.Field(0, colGUID), noteGUID("Seed", "Hugging-Face"); got != want || len(got) != 14 {
		t.Errorf("GUID %q, want %q", got, want)
	}
}

func TestEditKeepsGUID(t *testing.T) {
	b := newBook(t, seedYAML, map[string]string{"content/hugging-face.txt": seedText(t)})
	f1, _, _ := b.render(t)
	b.files["content/hugging-face.txt"] = strings.Replace(b.files["content/hugging-face.txt"],
		"ist eine führende KI-Plattform", "ist eine bekannte KI-Plattform", 1)
	f2, _, _ := b.render(t)
	if f1.Field(0, colGUID) != f2.Field(0, colGUID) {
		t.Errorf("GUID changed with the text: %q → %q", f1.Field(0, colGUID), f2.Field(0, colGUID))
	}
	if f1.Field(0, colBack) == f2.Field(0, colBack) || !strings.Contains(f2.Field(0, colBack), "bekannte") {
		t.Errorf("back did not change")
	}
}

func TestRenameKeepsGUID(t *testing.T) {
	b := newBook(t, seedYAML, map[string]string{"content/hugging-face.txt": seedText(t)})
	f1, _, _ := b.render(t)
	b.files["content/hugging-face.txt"] = strings.Replace(b.files["content/hugging-face.txt"],
		"## Hugging Face {#Hugging-Face", "## Hugging Face Inc. {#Hugging-Face", 1)
	f2, _, _ := b.render(t)
	if f2.Field(0, colFront) != "Hugging Face Inc." {
		t.Fatalf("front %q", f2.Field(0, colFront))
	}
	if f1.Field(0, colGUID) != f2.Field(0, colGUID) {
		t.Errorf("GUID changed with the title")
	}
}

func TestBooksDoNotCollide(t *testing.T) {
	guid := func(yaml string) string {
		b := newBook(t, yaml, map[string]string{"a.md": smallEntries})
		f, _, _ := b.render(t)
		return f.Field(0, colGUID)
	}
	a := guid("title: Buch A\n")
	bTitle := guid("title: Buch B\n")
	aID := guid("title: Buch A\nid: urn:isbn:1\n")
	bID := guid("title: Buch A\nid: urn:isbn:2\n")
	renamed := guid("title: Buch A, 2. Auflage\nid: urn:isbn:1\n")
	all := map[string]bool{a: true, bTitle: true, aID: true, bID: true}
	if len(all) != 4 {
		t.Errorf("GUIDs collide across books: %q %q %q %q", a, bTitle, aID, bID)
	}
	if renamed != aID {
		t.Errorf("a new title changed the GUIDs of a book with an id: %q vs %q", renamed, aID)
	}
}

func TestHostileHTML(t *testing.T) {
	src := `## Böse {#Boese .term}

Text <script>alert(1)</script> mehr <img src=x onerror=alert(1)> und 10<sup onclick="x()">9</sup> Parameter.
[klick](javascript:alert(1)) und [gut](https://example.org/a?b=1&c="2") und <a href="javascript:alert(2)">a</a>.

<script>
alert(1)
</script>

<img src=x onerror=alert(1)>

<div onmouseover="alert(3)">Blocktext <b>fett</b></div>

![bild](javascript:alert(4))
`
	b := newBook(t, "title: T\n", map[string]string{"a.md": src})
	f, out, _ := b.render(t)
	low := strings.ToLower(string(out.CSV))
	for _, bad := range []string{"<script", "onerror", "onclick", "onmouseover", "javascript:", "alert("} {
		if strings.Contains(low, bad) {
			t.Errorf("output holds %q:\n%s", bad, out.CSV)
		}
	}
	back := f.Field(0, colBack)
	for _, want := range []string{"10⁹ Parameter", `<a href="https://example.org/a?b=1&amp;c=%222%22">gut</a>`, "Blocktext <b>fett</b>", "klick"} {
		if !strings.Contains(back, want) {
			t.Errorf("back lacks %q:\n%s", want, back)
		}
	}
}

func TestQuoting(t *testing.T) {
	src := "## #hashtag `\"x\"` {#hashtag .term}\n\nErste Zeile.\n\n```\na\tb\n\"c\"\n```\n"
	b := newBook(t, "title: T\n", map[string]string{"a.md": src})
	f, out, _ := b.render(t)
	if got := html.UnescapeString(f.Field(0, colFront)); got != `#hashtag "x"` {
		t.Errorf("front %q", got)
	}
	if want := "<pre><code>a\tb\n\"c\"</code></pre>"; !strings.Contains(f.Field(0, colBack), want) {
		t.Errorf("back %q lacks %q", f.Field(0, colBack), want)
	}
	if !bytes.Contains(out.CSV, []byte("\n\"#hashtag \"\"x\"\"\"\t")) {
		t.Errorf("first field not quoted:\n%s", out.CSV)
	}
}

func TestImages(t *testing.T) {
	src := `## Netz {#Netz .term}

Ein Netz:

![Schema](images/net.png)

Dasselbe relativ: ![klein](../images/net.png), im Buchordner: ![oben](top/net.png),
gleicher flacher Name: ![kollision](top-net.png).

![fern](https://example.org/x.png) ![fehlt](nichts.png) ![raus](../../../etc/passwd) ![abs](/etc/passwd)
`
	b := newBook(t, "title: T\nid: T\ncontent:\n  - content\n", map[string]string{"content/grundlagen/netz.md": src})
	png, top, flat := tinyPNG(1), tinyPNG(2), tinyPNG(3)
	b.write(t, "content/images/net.png", png)
	b.write(t, "top/net.png", top)
	b.write(t, "top-net.png", flat)
	f, out, ds := b.render(t)
	var names []string
	data := map[string]string{}
	for _, m := range out.Media {
		names = append(names, m.Name)
		data[m.Name] = string(m.Data)
	}
	p := mediaPrefix("T")
	want := []string{p + "content-images-net.png", p + "top-net.png", p + "top-net-2.png"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Fatalf("media %v, want %v", names, want)
	}
	if data[want[0]] != string(png) || data[want[1]] != string(top) || data[want[2]] != string(flat) {
		t.Errorf("media bytes differ: %q", data)
	}
	back := f.Field(0, colBack)
	for _, w := range []string{`<figure><img src="` + p + `content-images-net.png" alt="Schema"><figcaption aria-hidden="true">Schema</figcaption></figure>`,
		`<img src="` + p + `content-images-net.png" alt="klein">`, `<img src="` + p + `top-net.png" alt="oben">`,
		`<img src="` + p + `top-net-2.png" alt="kollision">`, "fern fehlt raus abs"} {
		if !strings.Contains(back, w) {
			t.Errorf("back lacks %q:\n%s", w, back)
		}
	}
	if len(ds) != 4 {
		t.Fatalf("want 4 warnings, got %v", ds)
	}
	for i, frag := range []string{"never fetched", "no such file", "leaves the book's folder", "leaves the book's folder"} {
		if d := ds[i]; d.Severity != diag.Warning || !strings.Contains(d.Msg, frag) || d.Pos.Line != 10 {
			t.Errorf("diagnostic %d: %v, want a warning on line 10 about %q", i, d, frag)
		}
	}
}

func TestOptions(t *testing.T) {
	entries := map[string]string{"a.md": smallEntries}
	cases := []struct {
		name, yaml  string
		notetype    string
		has, hasNot []string
	}{
		{"default", "title: T\n", "Einfach",
			[]string{"<p>Ein <b>Transformer</b> ist eine Architektur für <i>neuronale Netze</i>, siehe BERT.</p>", "<p>Siehe auch: BERT, GPT</p>"},
			[]string{"<h4>", "Encoder", "<a "}},
		{"reversed", "title: T\nanki:\n  reversed: true\n", "Einfach", nil, nil},
		{"notetype", "title: T\nanki:\n  notetype: Glossar\n  reversed: true\n", "Glossar", nil, nil},
		{"no see-also", "title: T\nanki:\n  seealso: false\n", "Einfach", nil, []string{"Siehe auch"}},
		{"explanation", "title: T\nanki:\n  back: [explanation]\n", "Einfach",
			[]string{"<h4>Aufbau</h4><p>Encoder und Decoder.</p>"}, []string{"Architektur"}},
		{"both", "title: T\nanki:\n  back: [lead, explanation]\n", "Einfach",
			[]string{"Architektur", "<h4>Aufbau</h4>"}, []string{"<h4>Siehe auch</h4>"}},
		{"english", "title: T\nlanguage: en\n", "Basic", []string{"<p>See also: BERT, GPT</p>"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, _, _ := newBook(t, c.yaml, entries).render(t)
			if f.Meta["notetype"] != c.notetype {
				t.Errorf("notetype %q, want %q", f.Meta["notetype"], c.notetype)
			}
			back := f.Field(0, colBack)
			for _, s := range c.has {
				if !strings.Contains(back, s) {
					t.Errorf("back lacks %q:\n%s", s, back)
				}
			}
			for _, s := range c.hasNot {
				if strings.Contains(back, s) {
					t.Errorf("back holds %q:\n%s", s, back)
				}
			}
		})
	}
}

func TestTags(t *testing.T) {
	b := newBook(t, "title: T\nlanguage: en\nanki:\n  tags: [ki-glossar, KI-Glossar, ml]\n", map[string]string{"a.md": smallEntries +
		"\n## 3D-Druck {.term}\n\nDruck.\n\n## Ärger {.term}\n\nÄrger.\n"})
	f, _, _ := b.render(t)
	if got := f.Meta["tags"]; got != "ki-glossar ml" {
		t.Errorf("#tags:%s, want ki-glossar ml", got)
	}
	cfg := &config.Book{Title: "T", ID: "t", Anki: config.Anki{Tags: []string{"mit leer", "tab\there", `q"uote`}}}
	var ds diag.List
	o, _ := optionsOf(cfg, &ds)
	e := &ast.Entry{Title: []ast.Inline{&ast.Text{Text: "ßpezial"}}}
	if got := strings.Join(noteTags(&o, e), " "); got != `mit_leer tab_here q_uote Letter::S` {
		t.Errorf("tags %q", got)
	}
}

func TestFootnotes(t *testing.T) {
	src := `## Begriff {#Begriff .term}

Erstens[^b] und zweitens[^a].

### Mehr {.explanation}

Drittens[^c].

[^a]: Note A mit *Betonung*.
[^b]: Note B.
[^c]: Note C.
`
	f, _, _ := newBook(t, "title: T\n", map[string]string{"a.md": src}).render(t)
	back := f.Field(0, colBack)
	want := `<p>Erstens<sup>1</sup> und zweitens<sup>2</sup>.</p><div style="font-size:smaller"><p><sup>1</sup> Note B.</p><p><sup>2</sup> Note A mit <i>Betonung</i>.</p></div>`
	if back != want {
		t.Errorf("back\n%s\nwant\n%s", back, want)
	}
}

func TestBlocks(t *testing.T) {
	src := "## Block {#Block .term}\n\n" +
		"1. eins\n2. zwei\n\nText\n\n" +
		"3. drei\n\n   noch\n4. vier\n\n" +
		"> Zitat\n\n" +
		"| A | B |\n|:--|--:|\n| `x<y` | 2 |\n\n" +
		"> ***\n\n#### Unter\n\nZeile  \numbrochen.\n"
	f, _, _ := newBook(t, "title: T\n", map[string]string{"a.md": src}).render(t)
	want := `<ol><li>eins</li><li>zwei</li></ol><p>Text</p>` +
		`<ol start="3"><li><p>drei</p><p>noch</p></li><li><p>vier</p></li></ol>` +
		`<blockquote><p>Zitat</p></blockquote>` +
		`<table border="1"><thead><tr><th scope="col" style="text-align:left">A</th><th scope="col" style="text-align:right">B</th></tr></thead>` +
		`<tbody><tr><td style="text-align:left"><code>x&lt;y</code></td><td style="text-align:right">2</td></tr></tbody></table>` +
		`<blockquote><hr></blockquote><h5>Unter</h5><p>Zeile<br>umbrochen.</p>`
	if got := f.Field(0, colBack); got != want {
		t.Errorf("back\n%s\nwant\n%s", got, want)
	}
}

func TestDeterministic(t *testing.T) {
	b := newBook(t, "title: T\ncontent:\n  - content\n", map[string]string{
		"content/a.md": smallEntries, "content/b.md": "## Bild {.term}\n\n![a](images/a.png) ![b](images/b.png)\n",
	})
	b.write(t, "images/a.png", []byte("a"))
	b.write(t, "images/b.png", []byte("b"))
	_, first, _ := b.render(t)
	for range 5 {
		_, again, _ := b.render(t)
		if !bytes.Equal(first.CSV, again.CSV) || len(first.Media) != len(again.Media) {
			t.Fatal("output differs between runs")
		}
		for i := range first.Media {
			if first.Media[i].Name != again.Media[i].Name || !bytes.Equal(first.Media[i].Data, again.Media[i].Data) {
				t.Fatal("media differ between runs")
			}
		}
	}
}

func TestUnresolvedSeeAlso(t *testing.T) {
	src := "## A {#A .term}\n\nText.\n\n### Siehe {.seealso}\n\n[Fehlt](#Fehlt) | [Selbst](#A) | [Web](https://example.org) | [Fehlt](#Fehlt) | [Index](#Index)\n"
	f, _, _ := newBook(t, "title: T\n", map[string]string{"a.md": src}).render(t)
	if back := f.Field(0, colBack); !strings.HasSuffix(back, "<p>Siehe auch: Fehlt, Web</p>") {
		t.Errorf("back %q", back)
	}
}

func TestReaderRejects(t *testing.T) {
	ok := "#separator:Tab\n#html:true\n#guid column:3\n#deck column:4\nA\tB\tg1\tt\n"
	if _, err := readAnkiFile([]byte(ok)); err != nil {
		t.Fatalf("valid file rejected: %v", err)
	}
	bad := map[string]string{
		"separator not first": "#html:true\n#separator:Tab\nA\tB\n",
		"bom":                 "\ufeff" + ok,
		"bare quote":          "#separator:Tab\n#html:true\nA\t<img src=\"x\">\n",
		"ragged":              "#separator:Tab\n#html:true\nA\tB\nC\n",
		"empty first":         "#separator:Tab\n#html:true\n\tB\n",
		"same guid":           "#separator:Tab\n#html:true\n#guid column:2\nA\tg\nB\tg\n",
		"tag space":           "#separator:Tab\n#html:true\n#tags column:2\nA\tx  y\n",
		"script":              "#separator:Tab\n#html:true\nA\t\"<b><script>x</script></b>\"\n",
		"handler":             "#separator:Tab\n#html:true\nA\t\"<i onclick=\"\"x\"\">i</i>\"\n",
		"javascript link":     "#separator:Tab\n#html:true\nA\t\"<a href=\"\"javascript:x\"\">i</a>\"\n",
		"html false":          "#separator:Tab\n#html:false\nA\tB\n",
	}
	for name, data := range bad {
		if _, err := readAnkiFile([]byte(data)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// tinyPNG returns a valid 1×1 PNG whose grey level is v.
func tinyPNG(v uint8) []byte {
	img := image.NewGray(image.Rect(0, 0, 1, 1))
	img.Pix[0] = v
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

func TestColumnNamesFromConfig(t *testing.T) {
	b := newBook(t, "title: T\nanki:\n  fields: [Vorderseite, Rückseite]\n", map[string]string{"a.md": smallEntries})
	f, _, _ := b.render(t)
	if got := strings.Join(f.Columns, ","); got != "Vorderseite,Rückseite,Deck,GUID" {
		t.Errorf("columns %q", got)
	}
}
