package build

import (
	"errors"
	"fmt"

	"bookc/ast"
	"bookc/book"
	"bookc/build/txn"
	"bookc/diag"
)

// ErrInterrupted is the cause given when a Guard stopped the write.
var ErrInterrupted = txn.ErrInterrupted

// writeAll writes the outputs into dir as one transaction: all of them are
// written to temporary files and synced, then renamed into place together.
// When anything fails, no earlier output is replaced and the diagnostic
// says so. Temporary files left by killed runs are removed first. after,
// if set, runs once the outputs are in place, before an interrupt can stop
// the process.
func writeAll(dir string, outs []book.File, backends []Backend, g *txn.Guard, after func()) ([]string, diag.List) {
	var ds diag.List
	fail := func(err error) ([]string, diag.List) {
		if errors.Is(err, txn.ErrInterrupted) {
			err = errors.New("interrupted; no output was replaced")
		}
		ds = append(ds, diag.Diagnostic{Pos: ast.Pos{File: dir}, Severity: diag.Error, Msg: err.Error()})
		return nil, ds
	}
	set, err := txn.Open(dir, g)
	if err != nil {
		return fail(err)
	}
	defer set.Close()
	set.After(after)
	if set.Restored {
		ds.Warnf(ast.Pos{File: dir}, "an earlier build was stopped while replacing the outputs; its previous outputs were restored")
	}
	for _, b := range backends {
		if b.Owns != "" {
			set.Own(b.Owns)
		}
	}
	for _, o := range outs {
		if o.Path != "" {
			continue
		}
		if err := set.Stage(o.Name, o.Data); err != nil {
			return fail(fmt.Errorf("%w; no output was replaced", err))
		}
	}
	written, err := set.Commit()
	if err != nil {
		return fail(err)
	}
	return written, ds
}
