package link

// PagePart is the part of the printed book a page belongs to.
type PagePart uint8

// The parts of the printed book that hold text.
const (
	TitlePage    PagePart = iota // the title page
	ImprintPage                  // the imprint (title page verso)
	ContentsPage                 // the table of contents
	MainPage                     // the entries
	IndexPage                    // the generated index
)

// PrintPage is one page of the printed edition that holds text, as the
// e-book's page list names it: build lays the PDF out and hands its
// pagination to the EPUB, so that both editions agree page for page.
type PrintPage struct {
	// Label is the page's label exactly as the PDF gives it to readers
	// (its /PageLabels): "i" for the title page, "iii" for contents, "42".
	Label string
	Part  PagePart
	// At is, on a main-matter page, the node its text begins with: an
	// *ast.Entry (its heading), *ast.Section or ast.Block. It is nil
	// when the page only continues a block begun on an earlier page, and
	// for the other parts.
	At any
}
