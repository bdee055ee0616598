package source

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
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

// Loader reads a content folder into articles. It remembers each file's size,
// modification time and parse, so a second Load parses only the files that
// changed. A Loader is not safe for concurrent use.
type Loader struct {
	FS          fs.FS
	Options     Options
	MaxFileSize int64 // default DefaultMaxFileSize

	cache map[string]cached
}

type cached struct {
	size    int64
	modTime time.Time
	article *Article
	err     error
}

// Load walks the folder and returns every article it holds, sorted by path,
// and the errors of the files it could not read, joined. A file that fails
// keeps none of its earlier versions here: callers that want the last good
// version keep it themselves.
func (l *Loader) Load() ([]*Article, error) {
	if l.cache == nil {
		l.cache = map[string]cached{}
	}
	maxSize := l.MaxFileSize
	if maxSize <= 0 {
		maxSize = DefaultMaxFileSize
	}
	type found struct {
		path    string
		size    int64
		modTime time.Time
	}
	var (
		files []found
		errs  []error
	)
	err := fs.WalkDir(l.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			errs = append(errs, fmt.Errorf("read %s: %w", p, err))
			return nil
		}
		if p != "." && Skip(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if err := symlinkError(l.FS, p); err != nil {
				errs = append(errs, err)
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if _, ok := KindOf(p); !ok {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed while we walked
			}
			errs = append(errs, fmt.Errorf("stat %s: %w", p, err))
			return nil
		}
		files = append(files, found{p, info.Size(), info.ModTime()})
		return nil
	})
	if err != nil {
		return nil, err
	}

	// Parse the new and changed files on every core; the rest come from the cache.
	var stale []int
	for i, f := range files {
		if c, ok := l.cache[f.path]; !ok || c.size != f.size || !c.modTime.Equal(f.modTime) {
			stale = append(stale, i)
		}
	}
	parsed := make([]cached, len(stale))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(stale)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				j := int(next.Add(1)) - 1
				if j >= len(stale) {
					return
				}
				f := files[stale[j]]
				c := cached{size: f.size, modTime: f.modTime}
				c.article, c.err = l.read(f.path, f.size, maxSize)
				parsed[j] = c
			}
		}()
	}
	wg.Wait()
	for j, i := range stale {
		l.cache[files[i].path] = parsed[j]
	}

	seen := make(map[string]bool, len(files))
	arts := make([]*Article, 0, len(files))
	for _, f := range files {
		seen[f.path] = true
		c := l.cache[f.path]
		if c.err != nil {
			errs = append(errs, c.err)
			continue
		}
		a := *c.article // a copy: callers stamp ids and dates on it, while the cached parse stays as read
		a.Tags, a.Dropped = slices.Clone(a.Tags), slices.Clone(a.Dropped)
		arts = append(arts, &a)
	}
	for p := range l.cache {
		if !seen[p] {
			delete(l.cache, p)
		}
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].Path < arts[j].Path })
	uniqueSlugs(arts)
	return arts, errors.Join(errs...)
}

// uniqueSlugs gives every article its own slug: when several share one, the
// first by path keeps it and the others get "-2", "-3", ... in path order.
func uniqueSlugs(arts []*Article) {
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

func (l *Loader) read(p string, size, maxSize int64) (*Article, error) {
	if size > maxSize {
		return nil, &ParseError{Path: p, Err: fmt.Errorf("%w: %d bytes, over the limit of %d (content.max_file_size)", ErrTooLarge, size, maxSize)}
	}
	src, err := fs.ReadFile(l.FS, p)
	if err != nil {
		return nil, &ParseError{Path: p, Err: err}
	}
	if int64(len(src)) > maxSize {
		return nil, &ParseError{Path: p, Err: fmt.Errorf("%w: over the limit of %d bytes (content.max_file_size)", ErrTooLarge, maxSize)}
	}
	return Parse(p, src, l.Options)
}
