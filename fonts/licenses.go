package fonts

import (
	"embed"
	"strings"
)

//go:embed licenses/*.txt
var licenseFiles embed.FS

// Notices returns the copyright notices and licence texts of the bundled
// fonts and of the Go packages that embed them. Distributions of a binary
// that uses Default must make this text available, for example through
// a command-line flag or a file shipped alongside.
func Notices() string {
	var b strings.Builder
	for _, part := range []struct{ title, file string }{
		{"Liberation Serif and Liberation Mono 2.1.4 (SIL Open Font License 1.1)", "Liberation-OFL.txt"},
		{"DejaVu Serif, DejaVu Sans and DejaVu Sans Mono 2.37 (Bitstream Vera licence; DejaVu changes public domain)", "DejaVu.txt"},
		{"codeberg.org/go-fonts/liberation and codeberg.org/go-fonts/dejavu Go packages (BSD 3-Clause)", "go-fonts-BSD.txt"},
	} {
		text, err := licenseFiles.ReadFile("licenses/" + part.file)
		if err != nil {
			panic(err) // embedded at build time; cannot fail
		}
		b.WriteString("==== " + part.title + " ====\n\n")
		b.Write(text)
		b.WriteString("\n")
	}
	return b.String()
}
