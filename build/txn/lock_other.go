//go:build !unix

package txn

import "os"

// lockDir does nothing where folders cannot be locked.
func lockDir(*os.File) error { return nil }
