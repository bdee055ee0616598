//go:build linux

package source

import (
	"io/fs"
	"syscall"
)

// statOf is what the index compares to tell whether a file changed without
// reading it: size, modification time, inode (an atomic save makes a new
// file) and change time (any write, rename or chmod moves it), so a rewrite
// of the same size within one tick of the clock is still seen.
func statOf(info fs.FileInfo) FileStat {
	st := FileStat{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
	if sys, ok := info.Sys().(*syscall.Stat_t); ok {
		st.Inode = uint64(sys.Ino)
		st.ChangeTime = int64(sys.Ctim.Sec)*1e9 + int64(sys.Ctim.Nsec)
	}
	return st
}
