package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// DefaultMaxFileSize is the largest article file read when none is configured.
const DefaultMaxFileSize = 4 << 20

// ErrTooLarge reports a file over the configured size limit.
var ErrTooLarge = errors.New("file too large")

// ErrSymlink reports a symbolic link in the content folder. Links are never
// followed: one could publish files from outside the folder, loop, or
// publish an article twice.
var ErrSymlink = errors.New("symbolic link not followed")

// symlinkError describes the link at p when it could stand for articles: a
// link to an article file, to a folder, or one that does not resolve (a
// loop, a missing target). A link to any other file is no loss: nil.
func symlinkError(fsys fs.FS, p string) error {
	target, err := fs.ReadLink(fsys, p)
	if err != nil {
		target = "?"
	}
	if _, ok := KindOf(p); !ok {
		if info, err := fs.Stat(fsys, p); err == nil && !info.IsDir() {
			return nil
		}
	}
	return &ParseError{Path: p, Err: fmt.Errorf("%w (it points to %s; only files inside the content folder are read)", ErrSymlink, target)}
}

// Skip reports whether a file or folder name is never an article: dotfiles and
// dot-folders, and the temporary and backup files editors and tools write
// (vim's swap and backup files, emacs' lock and auto-save files, JetBrains'
// safe-write files, GNOME's .goutputstream files).
func Skip(name string) bool {
	switch {
	case name == "", strings.HasPrefix(name, "."), strings.HasPrefix(name, "_"),
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasPrefix(name, ".#"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		strings.HasPrefix(name, ".goutputstream-"),
		name == "4913": // vim's probe file
		return true
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".swp", ".swo", ".swx", ".tmp", ".temp", ".bak", ".part", ".crdownload":
		return true
	}
	return false
}

// FileStat is what Herald remembers of a file to tell, without reading it,
// whether it changed: two equal FileStats mean the same bytes.
type FileStat struct {
	Size       int64
	ModTime    int64  // Unix nanoseconds
	Inode      uint64 // 0 where the system gives none
	ChangeTime int64  // Unix nanoseconds; 0 where the system gives none
}

// Delta is what a [Loader.Load] or [Loader.Update] found changed.
type Delta struct {
	// Full is set by Load: Errors lists every file and folder that cannot be
	// read now, not only those read this time.
	Full bool
	// Changed holds the scanned new files and those whose stat changed
	// (their bytes may not have: compare Hash), sorted by path.
	Changed []*Article
	// Removed lists the files gone, sorted.
	Removed []string
	// Errors holds a *ParseError for each file that cannot be read or
	// scanned (it is retried when it changes), and an error for each folder
	// that cannot be read (the files known below it are kept, not removed).
	Errors []error
}

// Empty reports whether nothing changed and nothing failed.
func (d Delta) Empty() bool {
	return len(d.Changed) == 0 && len(d.Removed) == 0 && len(d.Errors) == 0
}

// Loader keeps an index of a content folder (each article file's stat and
// content hash) and tells what changed since the last look, scanning ([Scan])
// only new and changed files. A restart seeds it from the saved index
// ([Loader.Seed]), so an unchanged folder costs a stat per file and no read.
// A Loader is not safe for concurrent use.
type Loader struct {
	FS          fs.FS
	Options     Options
	MaxFileSize int64 // default DefaultMaxFileSize
	// Dir, when set, is the folder FS reads (os.DirFS(Dir)): files are then
	// read with a third of the system calls os.Open makes and, on Linux,
	// opened relative to their open folder.
	Dir string

	dirLimit int // for tests: the folders a walk may hold open; 0 for the default

	files map[string]*indexed // by path
	dirs  map[string]bool     // the folders seen, by path
}

type indexed struct {
	stat FileStat
	hash string // "" until the file scans
	err  error  // the last read's error, retried when the stat changes
}

// Seed records a file as already known, with the stat and content hash it
// had when last scanned, so Load reads it again only if its stat changed.
func (l *Loader) Seed(path string, stat FileStat, hash string) {
	l.init()
	l.files[path] = &indexed{stat: stat, hash: hash}
}

// Redo makes the looks to come report d again, for a caller that could
// not record it (the state file could not be written): its changed files
// are read again by the next look at them or at the whole folder, and its
// removed files reported gone again.
func (l *Loader) Redo(d Delta) {
	l.init()
	for _, a := range d.Changed {
		if f := l.files[a.Path]; f != nil {
			f.stat = FileStat{} // differs from any file's: read again
		}
	}
	for _, p := range d.Removed {
		if l.files[p] == nil {
			l.files[p] = &indexed{}
		}
	}
}

func (l *Loader) init() {
	if l.files == nil {
		l.files = map[string]*indexed{}
		l.dirs = map[string]bool{".": true}
	}
}

// Has reports whether the file at path was there at the last look.
func (l *Loader) Has(path string) bool { return l.files[path] != nil }

// Len is the number of article files known, scanned or not.
func (l *Loader) Len() int { return len(l.files) }

// Load walks the whole folder. It fails only when the folder itself cannot
// be read.
func (l *Loader) Load() (Delta, error) { return l.LoadWatching(nil, nil) }

// LoadWatching is Load, and two hooks, either of which may be nil.
//
// each is called, while the walk goes on, with the articles it scans, in
// path order, a batch at a time: the union of the batches, in order, is
// the Delta's Changed. each runs on one goroutine, not the caller's, and
// every call returns before LoadWatching does. Each article's Stat is set.
//
// watch is called with each folder's path ("." for the top) just before
// listing it, on the calling goroutine. [Watch] hands such a function to
// its onChange ([Changes.Watch]): the scan then sets up the watches, and a
// file created in a folder after its listing raises an event, without a
// walk of the folders beforehand to watch them.
func (l *Loader) LoadWatching(watch func(dir string), each func(batch []*Article)) (Delta, error) {
	l.init()
	w := l.walk([]string{"."}, nil, len(l.files), watch, each)
	if w.rootErr != nil {
		return Delta{}, w.rootErr // no batch was given: the root failed before any file was handed out
	}
	d := Delta{Full: true, Changed: w.changed, Errors: slices.Concat(w.listErrs, w.errs, w.failing)}
	// The walk's index holds every file it found. Of the files known
	// before (none on a first start), those it did not find are gone,
	// unless their folder could not be listed.
	for p, f := range l.files {
		if _, ok := w.files[p]; ok {
			continue
		}
		if w.below(p) {
			w.files[p] = f
			if f.err != nil {
				d.Errors = append(d.Errors, f.err) // still failing, unchanged
			}
			continue
		}
		d.Removed = append(d.Removed, p)
	}
	l.files = w.files
	for p := range w.walked {
		l.dirs[p] = true
	}
	slices.Sort(d.Removed)
	sortErrors(d.Errors)
	return d, nil
}

// Update looks only at the given paths (slash-separated, relative to the
// folder, as file events name them): a file is scanned if its stat changed
// and reported removed if it is gone; a folder is walked, and the files
// known below a folder that is gone are removed. Its cost is that of the
// paths, not of the folder, unless a folder is among them.
func (l *Loader) Update(paths []string) (Delta, error) {
	l.init()
	var roots, goneFiles []string
	goneDirs := map[string]bool{}
	for _, p := range paths {
		p = path.Clean(p)
		if !fs.ValidPath(p) || skipped(p) {
			continue
		}
		if _, err := fs.Lstat(l.FS, p); err == nil {
			roots = append(roots, p)
		} else if l.files[p] != nil {
			goneFiles = append(goneFiles, p)
		} else if l.dirs[p] {
			goneDirs[p] = true
		}
	}
	// A file an event names is read even if its stat looks the same: two
	// writes of the same size within one tick of the file system's clock
	// leave size, times and inode as they were. Reading one file costs
	// little; the content hash then decides.
	named := map[string]bool{}
	for _, p := range roots {
		named[p] = true
	}
	walkRoots := disjoint(roots)
	w := l.walk(walkRoots, named, 0, nil, nil)
	if w.rootErr != nil {
		return Delta{}, w.rootErr
	}
	d := Delta{Changed: w.changed, Errors: slices.Concat(w.listErrs, w.errs)}
	if len(walkRoots) > 1 {
		// Each root's files come in path order, but not the roots': the
		// root "a" sorts before "a-b.md", its file "a/x.md" after.
		slices.SortFunc(d.Changed, func(a, b *Article) int { return strings.Compare(a.Path, b.Path) })
	}
	for p, f := range w.files {
		l.files[p] = f
	}
	for _, p := range roots {
		if _, ok := w.files[p]; !ok && !w.walked[p] && l.files[p] != nil {
			goneFiles = append(goneFiles, p) // gone between the look and the walk
		}
	}
	for _, p := range goneFiles {
		delete(l.files, p)
		d.Removed = append(d.Removed, p)
	}
	if len(goneDirs) > 0 || len(w.walked) > 0 {
		// Below a folder walked or gone, what the walk did not see is gone.
		l.removeUnseen(w, &d, func(p string) bool {
			for q := p; q != "."; {
				q = path.Dir(q)
				if goneDirs[q] || w.walked[q] {
					return true
				}
			}
			return false
		})
		for p := range l.dirs {
			for q := p; q != "."; q = path.Dir(q) {
				if goneDirs[q] {
					delete(l.dirs, p)
					break
				}
			}
		}
	}
	slices.Sort(d.Removed)
	sortErrors(d.Errors)
	return d, nil
}

// disjoint returns the roots that lie below no other root, each once,
// sorted: a walk of them meets each file once.
func disjoint(roots []string) []string {
	set := make(map[string]bool, len(roots))
	for _, r := range roots {
		set[r] = true
	}
	out := make([]string, 0, len(set))
	for r := range set {
		below := false
		for q := r; q != "." && !below; {
			q = path.Dir(q)
			below = set[q]
		}
		if !below {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

// removeUnseen removes from the index the files for which inScope holds and
// that the walk did not find, unless they lie below a folder that could not
// be listed, and records the folders the walk listed.
func (l *Loader) removeUnseen(w *walkResult, d *Delta, inScope func(string) bool) {
	for p := range l.files {
		if _, ok := w.files[p]; ok || !inScope(p) || w.below(p) {
			continue
		}
		delete(l.files, p)
		d.Removed = append(d.Removed, p)
	}
	for p := range w.walked {
		l.dirs[p] = true
	}
	slices.Sort(d.Removed)
}

// skipped reports whether a path lies in or is a name Skip refuses.
func skipped(p string) bool {
	if p == "." {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if Skip(part) {
			return true
		}
	}
	return false
}

// readFS reads a file through an fs.FS, into buf when it fits.
func readFS(fsys fs.FS, p string, maxSize int64, buf []byte) ([]byte, FileStat, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, FileStat{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, FileStat{}, err
	}
	st := statOf(info)
	if !info.Mode().IsRegular() {
		return nil, st, fmt.Errorf("not a regular file")
	}
	if st.Size > maxSize {
		return nil, st, ErrTooLarge
	}
	// Read into a buffer of the size stat gave, and room for ReadFrom's
	// last read (a file that grew, or EOF): io.ReadAll alone would grow
	// its buffer several times.
	b := bytes.NewBuffer(buf[:0])
	b.Grow(int(st.Size) + bytes.MinRead)
	if _, err := b.ReadFrom(io.LimitReader(f, maxSize+1)); err != nil {
		return nil, st, err
	}
	src := b.Bytes()
	if int64(len(src)) > maxSize {
		st.Size = int64(len(src))
		return nil, st, ErrTooLarge
	}
	return src, st, nil
}

// sortErrors orders errors by their text, so logs and tests see them in a
// stable order.
func sortErrors(errs []error) {
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
}

// UniqueSlugs gives every article its own slug: when several share one, the
// first by path keeps it and the others get "-2", "-3", ... in path order.
// arts must be sorted by path.
func UniqueSlugs(arts []*Article) {
	taken := make(map[string]bool, len(arts))
	for _, a := range arts {
		taken[a.Slug] = true
	}
	seen := make(map[string]bool, len(arts))
	for _, a := range arts {
		if !seen[a.Slug] {
			seen[a.Slug] = true
			continue
		}
		for n := 2; ; n++ {
			s := fmt.Sprintf("%s-%d", a.Slug, n)
			if !taken[s] && !seen[s] {
				a.Slug = s
				seen[s] = true
				break
			}
		}
	}
}
