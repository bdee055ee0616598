package source

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// walkResult is what a walk found. The lister writes walked, broken and
// listErrs; the merger writes files, changed, errs and failing. They are
// read once the walk is over.
type walkResult struct {
	rootErr  error
	walked   map[string]bool // the folders listed
	broken   map[string]bool // the folders that could not be listed
	listErrs []error         // folders not read, symbolic links

	files   map[string]*indexed // every article file found, as the index is to hold it
	changed []*Article          // the files scanned, in path order
	errs    []error             // the files read that failed
	failing []error             // the files not read whose last read failed

	open *openDirs // the folders held open
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

// walkChunk is how many files the lister hands to the workers at once:
// few enough that they finish together, enough to make handing them over
// cheap.
const walkChunk = 64

// An item is a file for a worker to look at: its path, and the folder
// holding it when that is open (nil when the file is read by its path).
type item struct {
	path string
	dir  *dirFD
}

// A chunk is a batch of files in path order; seq numbers it, so that what
// the workers find can be put back in that order.
type chunk struct {
	seq   int
	items []item
}

// A chunkDone is what a worker found of a chunk's files.
type chunkDone struct {
	seq  int
	seen []looked
}

// looked is what look found of one file.
type looked struct {
	path string
	old  *indexed // what the index held, nil if nothing
	stat FileStat
	a    *Article // nil unless read and scanned
	err  error
	read bool
}

// walk lists the roots (folders, or single files; none below another) and,
// on every core while the listing goes on, stats each article file and
// scans those whose stat differs from the index. A file the index does not
// know is read at once, without a stat of its own first. One goroutine
// merges what the workers find, in path order, as they go, and calls each
// (when not nil) with the articles of every chunk; so the walk ends soon
// after the last file is read. size is how many files the walk may find.
// watch, when not nil, is called with each folder just before it is listed
// ([Loader.LoadWatching]).
func (l *Loader) walk(roots []string, force map[string]bool, size int, watch func(string), each func([]*Article)) *walkResult {
	w := &walkResult{
		walked: map[string]bool{},
		broken: map[string]bool{},
		files:  make(map[string]*indexed, size),
	}
	chunks := make(chan chunk, 16)
	done := make(chan chunkDone, 16)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) + 1 { // one more than cores: reads block
		wg.Go(func() {
			// Each file is read into the last one's buffer: Scan keeps no
			// part of the bytes it is given, and a first start reads
			// hundreds of megabytes that would otherwise each be garbage.
			var buf []byte
			for c := range chunks {
				seen := make([]looked, 0, len(c.items))
				for _, it := range c.items {
					if f, ok := l.look(it, force[it.path], &buf); ok {
						seen = append(seen, f)
					}
					it.dir.release()
				}
				done <- chunkDone{c.seq, seen}
			}
		})
	}
	merged := make(chan struct{})
	go func() {
		defer close(merged)
		w.merge(done, each)
	}()
	w.open = newOpenDirs(l.dirLimit)
	ls := &lister{l: l, w: w, out: chunks, watch: watch}
	ls.list(roots)
	close(chunks)
	wg.Wait()
	close(done)
	<-merged
	return w
}

// merge takes the workers' chunks in the order the lister numbered them
// and records their files. It runs beside the workers, so little is left
// to do when the last file is read.
func (w *walkResult) merge(done <-chan chunkDone, each func([]*Article)) {
	pending := map[int][]looked{} // chunks done before one numbered earlier
	next := 0
	for c := range done {
		pending[c.seq] = c.seen
		for {
			seen, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			w.add(seen, each)
		}
	}
}

// add records one chunk's files, in order.
func (w *walkResult) add(seen []looked, each func([]*Article)) {
	start := len(w.changed)
	slab := make([]indexed, len(seen)) // one allocation for the chunk's index entries
	for i, f := range seen {
		if !f.read {
			w.files[f.path] = f.old // unchanged
			if f.old.err != nil {
				w.failing = append(w.failing, f.old.err)
			}
			continue
		}
		x := &slab[i]
		x.stat = f.stat
		if f.a != nil {
			x.hash = f.a.Hash
			f.a.Stat = f.stat
			w.changed = append(w.changed, f.a)
		} else {
			x.err = f.err
			if f.old != nil {
				x.hash = f.old.hash // still what was last scanned
			}
			w.errs = append(w.errs, f.err)
		}
		w.files[f.path] = x
	}
	if each != nil && len(w.changed) > start {
		each(w.changed[start:len(w.changed):len(w.changed)]) // capped: appending to it cannot touch the rest
	}
}

// A lister walks the roots and hands their article files to the workers,
// in path order, in numbered chunks. It records the folders listed and
// those that could not be, and reports symbolic links.
type lister struct {
	l     *Loader
	w     *walkResult
	out   chan<- chunk
	chunk []item
	seq   int
	buf   []byte // for listing folders
	depth int    // the folders the lister holds open: the one it lists and those above it
	watch func(dir string)
}

func (ls *lister) found(it item) {
	if ls.chunk == nil {
		ls.chunk = make([]item, 0, walkChunk)
	}
	if ls.chunk = append(ls.chunk, it); len(ls.chunk) == walkChunk {
		ls.flush()
	}
}

// flush hands out the files gathered so far.
func (ls *lister) flush() {
	if len(ls.chunk) > 0 {
		ls.out <- chunk{ls.seq, ls.chunk}
		ls.seq++
		ls.chunk = nil
	}
}

func (ls *lister) list(roots []string) {
	l, w := ls.l, ls.w
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
					w.listErrs = append(w.listErrs, err)
				}
			} else if _, ok := KindOf(root); ok && info.Mode().IsRegular() {
				ls.found(item{path: root})
			}
			continue
		}
		ls.walkDir(root, nil)
	}
	ls.flush()
}

// walkDir lists the folder at p (through parent, the folder holding it,
// when that is open) and hands out its article files, walking its
// subfolders as they come, so that the files go out in path order.
func (ls *lister) walkDir(p string, parent *dirFD) {
	w := ls.w
	w.walked[p] = true
	if w.open.full(ls.depth) {
		// The workers hold many folders open: let them finish some before
		// opening another.
		ls.flush()
		w.open.wait(ls.depth)
	}
	if ls.watch != nil {
		ls.watch(p) // first: a file created after the listing raises an event
	}
	dir, ents, err := ls.l.listDir(p, parent, w.open, &ls.buf)
	defer dir.release() // the lister's own hold
	if err != nil {
		switch {
		case p == ".":
			w.rootErr = err
			return // nothing handed out: Load reports only the error
		case !errors.Is(err, fs.ErrNotExist):
			w.listErrs = append(w.listErrs, fmt.Errorf("read %s: %w", p, err))
			w.broken[p] = true
		}
		// What could be listed is still walked.
	}
	ls.depth++
	defer func() { ls.depth-- }()
	for _, e := range ents {
		switch {
		case e.typ&fs.ModeSymlink != 0:
			if err := symlinkError(ls.l.FS, e.key); err != nil {
				w.listErrs = append(w.listErrs, err)
			}
		case e.typ.IsDir():
			ls.walkDir(strings.TrimSuffix(e.key, "/"), dir)
		default:
			ls.found(item{path: e.key, dir: dir.hold()})
		}
	}
}

// A dirEntry is what a walk keeps of a folder's entry: the article files,
// the folders and the symbolic links, but no name [Skip] refuses.
type dirEntry struct {
	// key is the entry's path, with a "/" after a folder's. Sorting a
	// folder's entries by key walks the tree in path order: "a-b.md"
	// comes before the folder "a", whose paths all begin with "a/".
	key string
	typ fs.FileMode // ModeDir, ModeSymlink, or 0 for a regular file
}

// keep returns what a walk keeps of the entry at path, named name, given
// its type bits.
func keep(path, name string, typ fs.FileMode) (dirEntry, bool) {
	if Skip(name) {
		return dirEntry{}, false
	}
	switch {
	case typ&fs.ModeSymlink != 0:
		return dirEntry{key: path, typ: fs.ModeSymlink}, true
	case typ.IsDir():
		return dirEntry{key: path + "/", typ: fs.ModeDir}, true
	case typ.IsRegular():
		if _, ok := KindOf(name); ok {
			return dirEntry{key: path}, true
		}
	}
	return dirEntry{}, false // not an article, or a device, a pipe, a socket
}

// sortEntries puts a folder's entries in path order.
func sortEntries(ents []dirEntry) {
	slices.SortFunc(ents, func(a, b dirEntry) int { return strings.Compare(a.key, b.key) })
}

// pathPrefix is what the paths below the folder at p begin with.
func pathPrefix(p string) string {
	if p == "." {
		return ""
	}
	return p + "/"
}

// listFS lists the folder at p through fsys.
func listFS(fsys fs.FS, p string) ([]dirEntry, error) {
	des, err := fs.ReadDir(fsys, p)
	prefix := pathPrefix(p)
	ents := make([]dirEntry, 0, len(des))
	for _, d := range des {
		if e, ok := keep(prefix+d.Name(), d.Name(), d.Type()); ok {
			ents = append(ents, e)
		}
	}
	sortEntries(ents)
	return ents, err
}

// openDirs counts the folders a walk holds open, so that a tree of many
// small folders cannot use up the file descriptors: past a bound, the
// lister waits for the workers to be done with some.
type openDirs struct {
	mu   sync.Mutex
	cond sync.Cond
	n    int
	max  int
	peak int // the most open at once, for tests
}

// newOpenDirs bounds a walk's open folders to max, or when max is 0 to a
// share of the file descriptors the process may open.
func newOpenDirs(max int) *openDirs {
	if max <= 0 {
		max = maxOpenDirs()
	}
	o := &openDirs{max: max}
	o.cond.L = &o.mu
	return o
}

func (o *openDirs) opened() {
	o.mu.Lock()
	o.n++
	o.peak = max(o.peak, o.n)
	o.mu.Unlock()
}

func (o *openDirs) closed() {
	o.mu.Lock()
	o.n--
	o.mu.Unlock()
	o.cond.Signal()
}

// full reports whether the folders open, but for the held ones the lister
// itself keeps open, reach the bound.
func (o *openDirs) full(held int) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.n-held >= o.max
}

// wait waits until the folders open but the held ones are under the bound.
func (o *openDirs) wait(held int) {
	o.mu.Lock()
	for o.n-held >= o.max {
		o.cond.Wait()
	}
	o.mu.Unlock()
}

// look stats the file, or reads it straight away when the index does not
// know it or force is set, and scans it if it is new or changed. It
// reports false when the file is gone. It runs on several goroutines: it
// only reads the index. buf is the worker's read buffer.
func (l *Loader) look(it item, force bool, buf *[]byte) (looked, bool) {
	p := it.path
	old := l.files[p]
	f := looked{path: p, old: old}
	if old != nil && !force {
		st, err := l.lstat(it)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return f, false // removed while we walked
			}
			f.err, f.read = &ParseError{Path: p, Err: err}, true
			return f, true
		}
		if f.stat = st; old.stat == st {
			return f, true // unchanged: not read
		}
	}
	maxSize := l.MaxFileSize
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	src, st, err := l.readFile(it, maxSize, *buf)
	if errors.Is(err, fs.ErrNotExist) {
		return f, false // removed while we walked
	}
	f.read = true
	if err != nil {
		if st != (FileStat{}) {
			f.stat = st
		}
		f.err = err
		return f, true
	}
	f.stat = st
	f.a, f.err = Scan(p, src, l.Options)
	*buf = src[:0]
	return f, true
}

// lstat stats the file without following a link.
func (l *Loader) lstat(it item) (FileStat, error) {
	if it.dir != nil {
		return it.dir.lstat(it.path)
	}
	info, err := fs.Lstat(l.FS, it.path)
	if err != nil {
		return FileStat{}, err
	}
	return statOf(info), nil
}

// readFile reads the file, with its stat, refusing files over maxSize and
// symbolic links; into buf when it fits. Errors are *ParseError values.
func (l *Loader) readFile(it item, maxSize int64, buf []byte) ([]byte, FileStat, error) {
	var (
		p   = it.path
		src []byte
		st  FileStat
		err error
	)
	switch {
	case it.dir != nil:
		src, st, err = it.dir.read(p, maxSize, buf)
	case l.Dir != "":
		src, st, err = readDirect(filepath.Join(l.Dir, filepath.FromSlash(p)), maxSize, buf)
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
			pe.Path = p // as a read relative to its folder names it: one message per failure, however the file was reached
		}
	default:
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
