package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"bookc/build"
	"bookc/build/txn"
	"bookc/diag"
)

// exitInterrupted is the exit code after Ctrl-C or SIGTERM, as shells use
// for a process ended by SIGINT.
const exitInterrupted = 130

// interruptError reports a build stopped by a signal.
type interruptError struct{ committed bool }

func (e *interruptError) Error() string {
	if e.committed {
		return "interrupted after the outputs were written"
	}
	return "interrupted; no output was replaced"
}

// runInterruptible runs a build that Ctrl-C (or SIGTERM) stops at once:
// temporary files are removed and no output is replaced, unless the final
// renames had already begun, which then finish first.
func runInterruptible(ctx context.Context, opts build.Options) ([]string, diag.List, error) {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts.Guard = txn.NewGuard()
	type result struct {
		written []string
		ds      diag.List
	}
	done := make(chan result, 1)
	go func() {
		w, ds := build.Run(opts)
		done <- result{w, ds}
	}()
	select {
	case r := <-done:
		return r.written, r.ds, nil
	case <-ctx.Done():
		return nil, nil, &interruptError{committed: opts.Guard.Stop()}
	}
}
