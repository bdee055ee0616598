//go:build linux

package source

import (
	"bytes"
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"syscall"

	"golang.org/x/sys/unix"
)

// A dirFD is a folder a walk holds open so that its files are opened and
// stat'ed relative to it: the kernel then looks up one name, not each
// folder of the path again. It is closed once the lister and every worker
// handed one of its files are done with it.
type dirFD struct {
	fd     int
	prefix int // the length of the folder part of its files' paths ("sub/")
	refs   atomic.Int32
	open   *openDirs
}

// hold takes one more hold on d, for a file handed to a worker.
func (d *dirFD) hold() *dirFD {
	if d != nil {
		d.refs.Add(1)
	}
	return d
}

// release gives up one hold, closing the folder with the last.
func (d *dirFD) release() {
	if d != nil && d.refs.Add(-1) == 0 {
		syscall.Close(d.fd)
		d.open.closed()
	}
}

// read reads the file at p, one of the folder's, as readDirect does.
func (d *dirFD) read(p string, maxSize int64, buf []byte) ([]byte, FileStat, error) {
	fd, err := openAt(d.fd, p[d.prefix:], syscall.O_NOFOLLOW)
	if err != nil {
		return nil, FileStat{}, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	defer syscall.Close(fd)
	return readOpen(fd, p, maxSize, buf)
}

// lstat stats the file at p, one of the folder's, without following a link.
func (d *dirFD) lstat(p string) (FileStat, error) {
	var sys unix.Stat_t
	for {
		err := unix.Fstatat(d.fd, p[d.prefix:], &sys, unix.AT_SYMLINK_NOFOLLOW)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return FileStat{}, &fs.PathError{Op: "lstat", Path: p, Err: err}
		}
		break
	}
	return FileStat{
		Size:       sys.Size,
		ModTime:    int64(sys.Mtim.Sec)*1e9 + int64(sys.Mtim.Nsec),
		Inode:      uint64(sys.Ino),
		ChangeTime: int64(sys.Ctim.Sec)*1e9 + int64(sys.Ctim.Nsec),
	}, nil
}

// listDir lists the folder at p in path order. With Dir set, it opens the
// folder (relative to parent when that is open) and lists it with
// getdents, which gives each entry's type: no stat per entry, and no
// allocation for the names a walk does not keep. It returns the folder,
// held once, for its files to be opened relative to. Without Dir it lists
// through FS and opens nothing.
func (l *Loader) listDir(p string, parent *dirFD, open *openDirs, buf *[]byte) (*dirFD, []dirEntry, error) {
	if l.Dir == "" {
		ents, err := listFS(l.FS, p)
		return nil, ents, err
	}
	const flags = syscall.O_DIRECTORY
	var (
		fd  int
		err error
	)
	switch {
	case parent != nil:
		fd, err = openAt(parent.fd, p[parent.prefix:], flags|syscall.O_NOFOLLOW)
	case p == ".":
		fd, err = openAt(unix.AT_FDCWD, l.Dir, flags) // the folder may be a link to where it is
	default:
		fd, err = openAt(unix.AT_FDCWD, filepath.Join(l.Dir, filepath.FromSlash(p)), flags|syscall.O_NOFOLLOW)
	}
	if err != nil {
		return nil, nil, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	open.opened()
	prefix := pathPrefix(p)
	d := &dirFD{fd: fd, prefix: len(prefix), open: open}
	d.refs.Store(1)
	var ents []dirEntry
	err = readDirents(fd, buf, func(name []byte, typ fs.FileMode, known bool) {
		path := prefix + string(name)
		if !known {
			info, err := fs.Lstat(l.FS, path) // rare: file systems that give no type
			if err != nil {
				return // gone since
			}
			typ = info.Mode().Type()
		}
		if e, ok := keep(path, path[len(prefix):], typ); ok {
			ents = append(ents, e)
		}
	})
	sortEntries(ents)
	if err != nil {
		err = &fs.PathError{Op: "readdirent", Path: p, Err: err}
	}
	return d, ents, err
}

// readDirents calls fn with the name and type of each entry of the open
// folder fd but "." and "..". known is false when the file system gives no
// type (DT_UNKNOWN): the caller must stat the entry. The name is only
// valid during the call. buf holds the buffer it reads into.
func readDirents(fd int, buf *[]byte, fn func(name []byte, typ fs.FileMode, known bool)) error {
	if *buf == nil {
		*buf = make([]byte, 32<<10)
	}
	for {
		n, err := syscall.ReadDirent(fd, *buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		if n <= 0 {
			return nil
		}
		// Each record is a struct linux_dirent64: d_ino (8 bytes), d_off
		// (8), d_reclen (2), d_type (1), then the name, NUL-terminated.
		for b := (*buf)[:n]; len(b) >= 19; {
			reclen := int(binary.NativeEndian.Uint16(b[16:18]))
			if reclen < 19 || reclen > len(b) {
				return syscall.EIO // not what the kernel writes
			}
			rec := b[:reclen]
			b = b[reclen:]
			if binary.NativeEndian.Uint64(rec[0:8]) == 0 {
				continue // a deleted entry
			}
			name := rec[19:]
			if i := bytes.IndexByte(name, 0); i >= 0 {
				name = name[:i]
			}
			if string(name) == "." || string(name) == ".." {
				continue
			}
			var typ fs.FileMode
			known := true
			switch rec[18] {
			case syscall.DT_REG:
			case syscall.DT_DIR:
				typ = fs.ModeDir
			case syscall.DT_LNK:
				typ = fs.ModeSymlink
			case syscall.DT_UNKNOWN:
				known = false
			default:
				typ = fs.ModeIrregular // a device, a pipe, a socket
			}
			fn(name, typ, known)
		}
	}
}

// maxOpenDirs bounds the folders a walk holds open beyond those the lister
// is inside: a small share of the file descriptors the process may open.
func maxOpenDirs() int {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 64
	}
	return int(min(max(lim.Cur/8, 16), 512))
}

// listFolders returns the names of the folders in the folder dir, sorted,
// not following symbolic links: getdents gives each entry's type, so no
// file below dir costs a stat or an allocation. buf holds the buffer it
// reads into.
func listFolders(dir string, buf *[]byte) ([]string, error) {
	fd, err := openAt(unix.AT_FDCWD, dir, syscall.O_DIRECTORY|syscall.O_NOFOLLOW)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	defer syscall.Close(fd)
	var names []string
	err = readDirents(fd, buf, func(name []byte, typ fs.FileMode, known bool) {
		if !known {
			info, err := os.Lstat(filepath.Join(dir, string(name))) // rare: file systems that give no type
			if err != nil {
				return // gone since
			}
			typ = info.Mode().Type()
		}
		if typ.IsDir() {
			names = append(names, string(name))
		}
	})
	slices.Sort(names)
	if err != nil {
		return names, &fs.PathError{Op: "readdirent", Path: dir, Err: err}
	}
	return names, nil
}
