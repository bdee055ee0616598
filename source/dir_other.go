//go:build !linux

package source

import "os"

// A dirFD would be an open folder; elsewhere than Linux, files are read
// by their path and there is none.
type dirFD struct{}

func (d *dirFD) hold() *dirFD { return nil }
func (d *dirFD) release()     {}

func (d *dirFD) read(p string, maxSize int64, buf []byte) ([]byte, FileStat, error) {
	panic("source: no open folders on this system")
}

func (d *dirFD) lstat(p string) (FileStat, error) {
	panic("source: no open folders on this system")
}

// listDir lists the folder at p in path order, through FS.
func (l *Loader) listDir(p string, parent *dirFD, open *openDirs, buf *[]byte) (*dirFD, []dirEntry, error) {
	ents, err := listFS(l.FS, p)
	return nil, ents, err
}

func maxOpenDirs() int { return 1 << 30 }

// listFolders returns the names of the folders in the folder dir, sorted,
// not following symbolic links.
func listFolders(dir string, buf *[]byte) ([]string, error) {
	ents, err := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names, err
}
