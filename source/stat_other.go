//go:build !linux

package source

import (
	"io/fs"
	"os"
	"path/filepath"
)

// statOf is what the index compares to tell whether a file changed without
// reading it: size and modification time where the system gives no more.
func statOf(info fs.FileInfo) FileStat {
	return FileStat{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
}

// readDirect reads the file at path; elsewhere than Linux, through the os package.
func readDirect(path string, maxSize int64, buf []byte) ([]byte, FileStat, error) {
	dir, name := filepath.Split(path)
	return readFS(os.DirFS(dir), name, maxSize, buf)
}
