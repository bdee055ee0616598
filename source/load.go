package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
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
	// read with a third of the system calls os.Open makes.
	Dir string

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
func (l *Loader) Load() (Delta, error) {
	l.init()
	w := l.walk([]string{"."}, nil)
	if w.rootErr != nil {
		return Delta{}, w.rootErr
	}
	// The index holds only the files known before this look until
	// applyFiles adds the new ones: a first start has nothing to go over.
	d := Delta{Full: true}
	l.removeUnseen(w, &d, func(string) bool { return true })
	for p, f := range l.files {
		if f.err == nil {
			continue
		}
		if _, read := w.read[p]; !read {
			d.Errors = append(d.Errors, f.err) // still failing, unchanged
		}
	}
	l.applyFiles(w, &d)
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
	w := l.walk(roots, named)
	if w.rootErr != nil {
		return Delta{}, w.rootErr
	}
	var d Delta
	l.applyFiles(w, &d)
	for _, p := range roots {
		if _, ok := w.found[p]; !ok && !w.walked[p] && l.files[p] != nil {
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
	return d, nil
}

// removeUnseen removes from the index the files for which inScope holds and
// that the walk did not find, unless they lie below a folder that could not
// be listed, and records the folders the walk listed.
func (l *Loader) removeUnseen(w *walkResult, d *Delta, inScope func(string) bool) {
	for p := range l.files {
		if _, ok := w.found[p]; ok || !inScope(p) || w.below(p) {
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

// walkResult is what a walk found. Its maps are written by the lister
// (errs, walked, broken) and, once the workers are done, by merge.
type walkResult struct {
	rootErr error
	found   map[string]FileStat // the article files seen, with their stat
	read    map[string]*Article // the files scanned, nil when they failed
	errs    map[string]error    // by path: files that failed, folders not read
	walked  map[string]bool     // the folders fully listed
	broken  map[string]bool     // the folders that could not be listed
}

// walkChunk is how many files the lister hands to the workers at once:
// few enough that they finish together, enough to make handing them over
// cheap.
const walkChunk = 64

// walk lists the roots (folders, or single files) and, on every core while
// the listing goes on, stats each article file and scans those whose stat
// differs from the index. A file the index does not know is read at once,
// without a stat of its own first.
func (l *Loader) walk(roots []string, force map[string]bool) *walkResult {
	w := &walkResult{
		errs:   map[string]error{},
		walked: map[string]bool{},
		broken: map[string]bool{},
	}
	chunks := make(chan []string, 16)
	var wg sync.WaitGroup
	workers := make([]worker, runtime.GOMAXPROCS(0)+1) // one more than cores: reads block
	for i := range workers {
		wg.Add(1)
		go func(k *worker) {
			defer wg.Done()
			for chunk := range chunks {
				for _, p := range chunk {
					l.look(k, p, force[p])
				}
			}
		}(&workers[i])
	}
	chunk := make([]string, 0, walkChunk)
	l.list(w, roots, func(p string) {
		if chunk = append(chunk, p); len(chunk) == walkChunk {
			chunks <- chunk
			chunk = make([]string, 0, walkChunk)
		}
	})
	if len(chunk) > 0 {
		chunks <- chunk
	}
	close(chunks)
	wg.Wait()
	w.merge(workers)
	return w
}

// A worker looks at files on one goroutine of a walk.
type worker struct {
	buf  []byte   // each file is read into the last one's buffer
	seen []looked // what it found, merged into the walk's maps at the end
}

// looked is what look found of one file.
type looked struct {
	path string
	stat FileStat
	a    *Article // nil unless read and scanned
	err  error
	read bool
}

// merge records what the workers found, in maps made to size: a first
// start puts every file of the folder in them.
func (w *walkResult) merge(workers []worker) {
	seen, read := 0, 0
	for _, k := range workers {
		seen += len(k.seen)
		for _, f := range k.seen {
			if f.read {
				read++
			}
		}
	}
	w.found = make(map[string]FileStat, seen)
	w.read = make(map[string]*Article, read)
	for _, k := range workers {
		for _, f := range k.seen {
			w.found[f.path] = f.stat
			if f.read {
				w.read[f.path] = f.a
			}
			if f.err != nil {
				w.errs[f.path] = f.err
			}
		}
	}
}

// list walks the roots and hands each article file below them (or the
// roots themselves, when files) to found, recording the folders listed and
// those that could not be, and reporting symbolic links. It runs beside
// the workers found feeds, which keep what they find to themselves until
// the walk merges it.
func (l *Loader) list(w *walkResult, roots []string, found func(string)) {
	for _, root := range roots {
		stat := fs.Lstat
		if root == "." {
			stat = fs.Stat // the folder may be a link to where it is
		}
		info, err := stat(l.FS, root)
		if err != nil {
			if root == "." {
				w.rootErr = err
			}
			continue // gone since: its events bring another look
		}
		if !info.IsDir() {
			if info.Mode()&fs.ModeSymlink != 0 {
				if err := symlinkError(l.FS, root); err != nil {
					w.errs[root] = err
				}
			} else if _, ok := KindOf(root); ok && info.Mode().IsRegular() {
				found(root)
			}
			continue
		}
		fs.WalkDir(l.FS, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == "." {
					w.rootErr = err
				} else if !errors.Is(err, fs.ErrNotExist) {
					w.errs[p] = fmt.Errorf("read %s: %w", p, err)
					w.broken[p] = true
				}
				return nil
			}
			if p != root && Skip(d.Name()) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			switch {
			case d.Type()&fs.ModeSymlink != 0:
				if err := symlinkError(l.FS, p); err != nil {
					w.errs[p] = err
				}
			case d.IsDir():
				w.walked[p] = true
			case d.Type().IsRegular():
				if _, ok := KindOf(p); ok {
					found(p)
				}
			}
			return nil
		})
	}
}

// look stats the file at p, or reads it straight away when the index does
// not know it or force is set, and scans it if it is new or changed, noting
// what it found in k. It runs on several goroutines: it only reads the
// index. The file is read into the buffer of the one before: Scan keeps no
// part of the bytes it is given, and a first start reads hundreds of
// megabytes that would otherwise each be garbage to collect.
func (l *Loader) look(k *worker, p string, force bool) {
	maxSize := l.MaxFileSize
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	var (
		st  FileStat
		a   *Article
		err error
	)
	old := l.files[p]
	if old != nil && !force {
		info, serr := fs.Lstat(l.FS, p)
		if serr != nil {
			if !errors.Is(serr, fs.ErrNotExist) { // else removed while we walked
				k.seen = append(k.seen, looked{path: p, err: &ParseError{Path: p, Err: serr}, read: true})
			}
			return
		}
		if st = statOf(info); old.stat == st {
			k.seen = append(k.seen, looked{path: p, stat: st}) // unchanged: not read
			return
		}
	}
	src, st2, err := l.readFile(p, maxSize, k.buf)
	if errors.Is(err, fs.ErrNotExist) {
		return // removed while we walked
	}
	if err == nil {
		st = st2
		a, err = Scan(p, src, l.Options)
		k.buf = src[:0]
	} else if st2 != (FileStat{}) {
		st = st2
	}
	k.seen = append(k.seen, looked{path: p, stat: st, a: a, err: err, read: true})
}

// readFile reads the file at p, with its stat, refusing files over maxSize
// and symbolic links; into buf when it fits. Errors are *ParseError values.
func (l *Loader) readFile(p string, maxSize int64, buf []byte) ([]byte, FileStat, error) {
	var (
		src []byte
		st  FileStat
		err error
	)
	if l.Dir != "" {
		src, st, err = readDirect(filepath.Join(l.Dir, filepath.FromSlash(p)), maxSize, buf)
	} else {
		src, st, err = readFS(l.FS, p, maxSize, buf)
	}
	switch {
	case errors.Is(err, ErrTooLarge):
		return nil, st, &ParseError{Path: p, Err: fmt.Errorf("%w: %d bytes, over the limit of %d (content.max_file_size)", ErrTooLarge, st.Size, maxSize)}
	case err != nil:
		return nil, st, &ParseError{Path: p, Err: err}
	}
	return src, st, nil
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

// below reports whether p lies below a folder that could not be listed.
func (w *walkResult) below(p string) bool {
	for q := p; q != "."; {
		q = path.Dir(q)
		if w.broken[q] {
			return true
		}
	}
	return false
}

// applyFiles records in the index the files a walk read, and adds them and
// the walk's errors to d.
func (l *Loader) applyFiles(w *walkResult, d *Delta) {
	if len(l.files) == 0 && len(w.read) > 0 {
		l.files = make(map[string]*indexed, len(w.read)) // a first start
	}
	d.Changed = make([]*Article, 0, len(w.read))
	for p, a := range w.read {
		st := w.found[p]
		if a == nil {
			f := &indexed{stat: st, err: w.errs[p]}
			if old := l.files[p]; old != nil {
				f.hash = old.hash
			}
			l.files[p] = f
			continue
		}
		l.files[p] = &indexed{stat: st, hash: a.Hash}
		a.Stat = st
		d.Changed = append(d.Changed, a)
	}
	for _, err := range w.errs {
		d.Errors = append(d.Errors, err)
	}
	slices.SortFunc(d.Changed, func(a, b *Article) int { return strings.Compare(a.Path, b.Path) })
	sortErrors(d.Errors)
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
