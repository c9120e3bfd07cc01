//go:build unix

package txn

import (
	"os"
	"syscall"
)

// lockDir takes an exclusive lock on the open folder, waiting for another
// bookc writing to the same folder to finish.
func lockDir(d *os.File) error {
	for {
		err := syscall.Flock(int(d.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			return err
		}
	}
}
