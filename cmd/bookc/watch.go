package main

import (
	"io"

	"github.com/spf13/cobra"
)

func newWatch(stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:    "watch",
		Short:  "Rebuild whenever a source file changes",
		Hidden: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return &bookError{msg: "watch is not available yet"}
		},
	}
}
