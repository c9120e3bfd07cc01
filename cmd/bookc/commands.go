package main

import (
	"fmt"
	"io"
	"strings"

	"bookc/ast"
	"bookc/build"
	"bookc/diag"

	"github.com/spf13/cobra"
)

type buildFlags struct {
	dir     string
	out     string
	formats []string
	strict  bool
	quiet   bool
	verbose bool
}

func (f *buildFlags) register(c *cobra.Command, withOutput bool) {
	c.Flags().StringVarP(&f.dir, "dir", "C", ".", "the book's folder (holding book.yaml)")
	c.Flags().BoolVar(&f.strict, "strict", false, "treat warnings as errors")
	c.Flags().BoolVarP(&f.quiet, "quiet", "q", false, "print errors only")
	c.Flags().BoolVarP(&f.verbose, "verbose", "v", false, "print each stage and its time")
	if withOutput {
		c.Flags().StringVarP(&f.out, "out", "o", "out", "output folder, relative to the book's folder unless absolute")
		c.Flags().StringSliceVar(&f.formats, "format", nil, "outputs to build: "+strings.Join(build.Names(), ",")+" (default all)")
	}
}

func newBuild(stderr io.Writer) *cobra.Command {
	var f buildFlags
	c := &cobra.Command{
		Use:   "build",
		Short: "Build the PDF, EPUB and Anki CSV into the output folder",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			p := newProgress(stderr, f.verbose, f.quiet)
			written, ds, err := runInterruptible(cmd.Context(), build.Options{Dir: f.dir, OutDir: f.out, Formats: f.formats, Strict: f.strict, Trace: p.trace})
			p.finish()
			if err != nil {
				return err
			}
			report(stderr, ds, f.quiet)
			if ds.HasErrors() {
				return &bookError{msg: summary(ds)}
			}
			if !f.quiet {
				for _, w := range written {
					fmt.Fprintln(stderr, "wrote", w)
				}
			}
			return nil
		},
	}
	f.register(c, true)
	return c
}

func newCheck(stdout, stderr io.Writer) *cobra.Command {
	var f buildFlags
	var dump bool
	c := &cobra.Command{
		Use:   "check",
		Short: "Parse and link the book and print diagnostics; write nothing",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, ds := build.Load(f.dir, f.strict)
			report(stderr, ds, f.quiet)
			if ds.HasErrors() {
				return &bookError{msg: summary(ds)}
			}
			if dump {
				ast.Dump(stdout, b.Doc)
			}
			return nil
		},
	}
	f.register(c, false)
	c.Flags().BoolVar(&dump, "dump", false, "print the document tree")
	return c
}

func report(w io.Writer, ds diag.List, quiet bool) {
	for _, d := range ds {
		if quiet && d.Severity != diag.Error {
			continue
		}
		fmt.Fprintln(w, d)
	}
}

func summary(ds diag.List) string {
	n := 0
	for _, d := range ds {
		if d.Severity == diag.Error {
			n++
		}
	}
	s := "s"
	if n == 1 {
		s = ""
	}
	return fmt.Sprintf("%d error%s; nothing written", n, s)
}
