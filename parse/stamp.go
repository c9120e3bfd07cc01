package parse

import (
	"io/fs"
	"time"
)

// A stamp is what the file system says of a file without reading it.
// A watch session rereads only files whose stamp changed, or whose
// stamp cannot be trusted yet (see trusted): on a book of 10,000 files
// that saves opening and reading each of them after every save.
type stamp struct {
	size         int64
	mtime, ctime int64 // nanoseconds; ctime is 0 where the system has none
	dev, ino     uint64
}

// stampOf returns fi's stamp.
func stampOf(fi fs.FileInfo) stamp {
	st := stamp{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
	sysStamp(fi, &st)
	return st
}

// racyWindow is how long after a file's last change its stamp is not
// trusted: a file system that keeps times coarsely (FAT keeps two
// seconds) gives a file written again in the same tick the same times.
// The file is then read again and compared by its content.
const racyWindow = 2 * time.Second

// now is the clock stamps are judged by; tests move it.
var now = time.Now

// trusted reports whether a file that had stamp st when it was read at
// read can be taken as unchanged when its stamp is still st: its last
// change (the later of its modification and status change times, the
// latter set by the kernel on every write, rename or chmod) lay at least
// racyWindow before the read.
func (st stamp) trusted(read time.Time) bool {
	last := max(st.mtime, st.ctime)
	return read.UnixNano()-last >= int64(racyWindow)
}
