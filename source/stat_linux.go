//go:build linux

package source

import (
	"errors"
	"io/fs"
	"syscall"

	"golang.org/x/sys/unix"
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

// readDirect reads the file at path with open, fstat, read and close and
// nothing else (os.Open adds fcntl and epoll calls that a regular file does
// not need), refusing symbolic links and files over maxSize. It reads into
// buf when the file fits.
func readDirect(path string, maxSize int64, buf []byte) ([]byte, FileStat, error) {
	fd, err := openAt(unix.AT_FDCWD, path, syscall.O_NOFOLLOW)
	if err != nil {
		return nil, FileStat{}, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	return readOpen(fd, path, maxSize, buf)
}

// readOpen reads the open file fd, whose path errors name, as readDirect
// does.
func readOpen(fd int, path string, maxSize int64, buf []byte) ([]byte, FileStat, error) {
	var sys syscall.Stat_t
	if err := syscall.Fstat(fd, &sys); err != nil {
		return nil, FileStat{}, &fs.PathError{Op: "fstat", Path: path, Err: err}
	}
	st := FileStat{
		Size:       sys.Size,
		ModTime:    int64(sys.Mtim.Sec)*1e9 + int64(sys.Mtim.Nsec),
		Inode:      uint64(sys.Ino),
		ChangeTime: int64(sys.Ctim.Sec)*1e9 + int64(sys.Ctim.Nsec),
	}
	if sys.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, st, &fs.PathError{Op: "read", Path: path, Err: errors.New("not a regular file")}
	}
	if st.Size > maxSize {
		return nil, st, ErrTooLarge
	}
	// One read for the size fstat gave; more only if the file grew.
	if int64(cap(buf)) < st.Size+1 {
		buf = make([]byte, st.Size+1)
	}
	buf = buf[:st.Size+1]
	n := 0
	for {
		m, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, st, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		n += m
		if m == 0 || n == int(st.Size) {
			break // the end, or all fstat promised: no read just to see the end
		}
		if n == len(buf) {
			if int64(n) > maxSize {
				st.Size = int64(n)
				return nil, st, ErrTooLarge
			}
			buf = append(buf, make([]byte, len(buf))...)
		}
	}
	return buf[:n], st, nil
}

// openAt opens name, relative to the folder dirfd (unix.AT_FDCWD: the working
// folder), read-only, with flags added, retrying when interrupted. Where
// flags hold O_NOFOLLOW, a symbolic link is ErrSymlink.
func openAt(dirfd int, name string, flags int) (int, error) {
	for {
		fd, err := syscall.Openat(dirfd, name, syscall.O_RDONLY|syscall.O_CLOEXEC|flags, 0)
		switch {
		case err == syscall.EINTR:
			continue
		case err == syscall.ELOOP && flags&syscall.O_NOFOLLOW != 0:
			return -1, ErrSymlink
		case err != nil:
			return -1, err
		}
		return fd, nil
	}
}
