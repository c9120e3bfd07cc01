//go:build linux

package parse

import (
	"io/fs"
	"syscall"
)

// sysStamp adds the status change time, device and inode number, which
// an editor that saves by renaming a new file over the old one changes.
func sysStamp(fi fs.FileInfo, st *stamp) {
	if s, ok := fi.Sys().(*syscall.Stat_t); ok {
		st.ctime = int64(s.Ctim.Sec)*1e9 + int64(s.Ctim.Nsec)
		st.dev, st.ino = uint64(s.Dev), uint64(s.Ino)
	}
}
