package draw

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"bookc/fonts"
)

// Each face is embedded as a Type 0 font with Identity-H encoding over a
// CIDFontType2 whose CIDs are the TrueType glyph ids (CIDToGIDMap
// /Identity): the content streams show glyphs by number, two bytes each.
// The embedded font program is a subset that keeps glyph numbers, and a
// ToUnicode map tells text extraction which characters each glyph
// stands for.

// fontObjects is the number of objects a face takes: the Type 0 font,
// the CIDFont, the descriptor, the font program and the ToUnicode map.
const fontObjects = 5

// faceGlyphs is what the pages drew with one face: the glyphs, sorted,
// and for each the text it stands for.
type faceGlyphs struct {
	gids []uint16
	text map[uint16]rune
}

// glyphsOf derives the glyphs drawn with face i from the runes drawn:
// each rune's glyph, .notdef for runes the face lacks. A glyph two runes
// share stands for the smaller one.
func (w *writer) glyphsOf(i int) faceGlyphs {
	f := w.doc.Faces[i]
	g := faceGlyphs{text: map[uint16]rune{}}
	seen := map[uint16]bool{0: true}
	g.gids = append(g.gids, 0)
	for _, r := range w.used[i].text() {
		gid := f.Glyph(r)
		if !seen[gid] {
			seen[gid] = true
			g.gids = append(g.gids, gid)
		}
		if _, ok := g.text[gid]; !ok && gid != 0 {
			g.text[gid] = r
		}
	}
	slices.Sort(g.gids)
	return g
}

// writeFont writes face i as the objects from num on.
func (w *writer) writeFont(out *file, i, num int) error {
	f := w.doc.Faces[i]
	g := w.glyphsOf(i)
	prog, err := f.Subset(g.gids)
	if err != nil {
		return fmt.Errorf("pdf: embedding face %d (%s): %w", i, f.Name(), err)
	}
	name := "/" + w.subsetTag(i) + "+" + newFaceName(i, f)
	out.object(num, "<</Type /Font /Subtype /Type0 /BaseFont "+name+
		" /Encoding /Identity-H /DescendantFonts ["+ref(num+1)+"] /ToUnicode "+ref(num+4)+">>")
	out.object(num+1, "<</Type /Font /Subtype /CIDFontType2 /BaseFont "+name+
		" /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor "+
		ref(num+2)+" /CIDToGIDMap /Identity /DW "+strconv.Itoa(f.GlyphWidth(0))+" /W "+widths(f, g.gids)+">>")
	out.object(num+2, descriptor(f, name, num+3))
	out.flateStream(num+3, "/Length1 "+strconv.Itoa(len(prog)), prog)
	out.flateStream(num+4, "", toUnicode(g))
	return nil
}

// widths returns the /W array: runs of consecutive glyphs with their
// advances in 1/1000 em.
func widths(f *fonts.Face, gids []uint16) string {
	var b strings.Builder
	b.WriteByte('[')
	for k := 0; k < len(gids); {
		end := k + 1
		for end < len(gids) && gids[end] == gids[end-1]+1 {
			end++
		}
		if k > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%d [", gids[k])
		for j := k; j < end; j++ {
			if j > k {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Itoa(f.GlyphWidth(gids[j])))
		}
		b.WriteByte(']')
		k = end
	}
	b.WriteByte(']')
	return b.String()
}

// descriptor returns the font descriptor of f, its values in 1/1000 em.
func descriptor(f *fonts.Face, name string, file int) string {
	m := f.Metrics()
	s := func(v int) int { return int(math.Round(float64(v) * 1000 / float64(m.UnitsPerEm))) }
	flags := 4 // symbolic: the glyphs are addressed by number
	if m.IsFixedPitch {
		flags |= 1
	}
	if m.ItalicAngle != 0 {
		flags |= 64
	}
	stemV := 80
	if strings.Contains(strings.ToLower(m.PostScriptName), "bold") {
		stemV = 140
	}
	return fmt.Sprintf("<</Type /FontDescriptor /FontName %s /Flags %d /FontBBox [%d %d %d %d]"+
		" /ItalicAngle %s /Ascent %d /Descent %d /CapHeight %d /StemV %d /MissingWidth %d /FontFile2 %s>>",
		name, flags, s(m.XMin), s(m.YMin), s(m.XMax), s(m.YMax),
		strconv.FormatFloat(m.ItalicAngle, 'f', -1, 64), s(m.Ascender), s(m.Descender), s(m.CapHeight),
		stemV, f.GlyphWidth(0), ref(file))
}

// toUnicode returns the ToUnicode CMap: each drawn glyph to the
// character it stands for, in blocks of at most 100 (the limit of
// beginbfchar).
func toUnicode(g faceGlyphs) []byte {
	var b []byte
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	var mapped []uint16
	for _, gid := range g.gids {
		if _, ok := g.text[gid]; ok {
			mapped = append(mapped, gid)
		}
	}
	for k := 0; k < len(mapped); k += 100 {
		block := mapped[k:min(k+100, len(mapped))]
		b = fmt.Appendf(b, "%d beginbfchar\n", len(block))
		for _, gid := range block {
			b = fmt.Appendf(b, "<%04X> <%04X>\n", gid, g.text[gid])
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
}
