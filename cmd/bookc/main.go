// Command bookc compiles a glossary written as Markdown entries into a PDF
// handbook, an EPUB 3 and Anki flashcards.
//
// Exit codes: 0 the book built (warnings may have been printed), 1 the
// book has errors (nothing was written), 2 the command line is wrong, 130
// interrupted by Ctrl-C (no output was replaced).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at link time with -ldflags "-X main.version=…".
var version = "0.1.0"

// Exit codes.
const (
	exitOK    = 0
	exitBook  = 1
	exitUsage = 2
)

// bookError marks a failure caused by the book, not the command line.
type bookError struct{ msg string }

func (e *bookError) Error() string { return e.msg }

// memoryLimit is the soft heap limit when GOMEMLIMIT does not set one. The
// garbage collector works harder near it instead of letting the heap grow
// to twice the live data; a 10,000-entry book then stays well under 1 GB.
const memoryLimit = 768 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ie *interruptError
	if errors.As(err, &ie) {
		fmt.Fprintln(stderr, "bookc:", ie)
		return exitInterrupted
	}
	var be *bookError
	if errors.As(err, &be) {
		if be.msg != "" {
			fmt.Fprintln(stderr, "bookc:", be.msg)
		}
		return exitBook
	}
	fmt.Fprintln(stderr, "bookc:", err)
	fmt.Fprintln(stderr, "Run 'bookc --help' for usage.")
	return exitUsage
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "bookc",
		Short: "Compile a Markdown glossary into a PDF handbook, an EPUB and Anki cards",
		Long: `bookc compiles a glossary written as Markdown entries into a print-ready
PDF handbook, an EPUB 3 for e-readers and a CSV of Anki flashcards.

Exit codes: 0 built (warnings may have been printed), 1 the book has
errors and nothing was written, 2 the command line is wrong, 130
interrupted (no output was replaced).`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newBuild(stderr), newCheck(stdout, stderr), newInit(stdout))
	root.AddCommand(newWatch(stderr), newServe(stderr))
	return root
}
