//go:build !linux

package parse

import "io/fs"

// sysStamp adds nothing where the system's file information is not
// Linux's: size and modification time make the stamp.
func sysStamp(fs.FileInfo, *stamp) {}
