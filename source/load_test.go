package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

var loadTime = time.Date(2025, 8, 15, 10, 0, 0, 0, time.UTC)

func mapFile(s string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(s), ModTime: loadTime}
}

// notArticle would fail to parse (a NUL makes it binary), so a file holding
// it that Load does not skip shows up as an error.
const notArticle = "not\x00an article"

// load runs l.Load and returns the articles it scanned and its errors, joined.
func load(t *testing.T, l *Loader) ([]*Article, error) {
	t.Helper()
	d, err := l.Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return d.Changed, errors.Join(d.Errors...)
}

// paths returns the paths of arts, in order.
func paths(arts []*Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.Path)
	}
	return out
}

func TestLoadWalk(t *testing.T) {
	fsys := fstest.MapFS{
		"top.md":                     mapFile("# Top\n\nThe top article."),
		"news.txt":                   mapFile("News\n\nA plain text article."),
		"2025/08/deep.html":          mapFile("<h1>Deep</h1><p>A page two folders down.</p>"),
		"2025/08/also.HTM":           mapFile("<h1>Also</h1><p>Upper-case extension.</p>"),
		"2025/notes.markdown":        mapFile("# Notes\n\nThe long extension."),
		".hidden.md":                 mapFile(notArticle),
		".drafts/x.md":               mapFile(notArticle),
		".git/HEAD.txt":              mapFile(notArticle),
		"_drafts/y.md":               mapFile(notArticle),
		"_index.md":                  mapFile(notArticle),
		"2025/_partial.html":         mapFile(notArticle),
		"foo.md~":                    mapFile(notArticle),
		".foo.md.swp":                mapFile(notArticle),
		"foo.md.swp":                 mapFile(notArticle),
		"#foo.md#":                   mapFile(notArticle),
		".#foo.md":                   mapFile(notArticle),
		"foo.md___jb_tmp___":         mapFile(notArticle),
		"foo.md___jb_old___":         mapFile(notArticle),
		".goutputstream-ABC":         mapFile(notArticle),
		"2025/.goutputstream-XYZ123": mapFile(notArticle),
		"4913":                       mapFile(notArticle),
		"2025/08/4913":               mapFile(notArticle),
		"notes.rst":                  mapFile(notArticle),
		"photo.png":                  mapFile(notArticle),
		"README":                     mapFile(notArticle),
		"draft.md.tmp":               mapFile(notArticle),
		"empty-folder/.keep":         mapFile(""),
	}
	l := &Loader{FS: fsys}
	arts, err := load(t, l)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := []string{"2025/08/also.HTM", "2025/08/deep.html", "2025/notes.markdown", "news.txt", "top.md"}
	if got := paths(arts); !slices.Equal(got, want) {
		t.Errorf("Load() paths = %q, want %q", got, want)
	}
	for _, a := range arts {
		if a.Title == "" || a.Hash == "" || a.Slug == "" {
			t.Errorf("Load() article %q = %+v: want a title, hash and slug", a.Path, a)
		}
	}
}

func TestLoadBadFile(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":       mapFile("# A\n\nFine."),
		"posts/b.md": mapFile("---\ntitle: never closed\n\nBody."),
		"c.txt":      mapFile("C\n\nFine too."),
		"d.html":     mapFile(notArticle),
	}
	arts, err := load(t, &Loader{FS: fsys})
	if err == nil {
		t.Fatal("Load() error = nil, want one naming posts/b.md and d.html")
	}
	for _, name := range []string{"posts/b.md:1: ", "d.html: "} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("Load() error = %q, want it to name %q", err, name)
		}
	}
	if !errors.Is(err, ErrBinary) {
		t.Errorf("Load() error = %v, want it to wrap ErrBinary", err)
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Errorf("Load() error = %v, want *ParseError values", err)
	}
	if got, want := paths(arts), []string{"a.md", "c.txt"}; !slices.Equal(got, want) {
		t.Errorf("Load() paths = %q, want the good files %q", got, want)
	}
}

func TestLoadTooLarge(t *testing.T) {
	small := "Small\n\nFits the limit."
	fsys := fstest.MapFS{
		"small.txt":    mapFile(small),
		"big/huge.txt": mapFile(small + strings.Repeat(" More words.", 10)),
	}
	l := &Loader{FS: fsys, MaxFileSize: int64(len(small))}
	arts, err := load(t, l)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Load() error = %v, want ErrTooLarge", err)
	}
	if !strings.Contains(err.Error(), "big/huge.txt") {
		t.Errorf("Load() error = %q, want it to name big/huge.txt", err)
	}
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Path != "big/huge.txt" {
		t.Errorf("Load() error = %#v, want a *ParseError for big/huge.txt", err)
	}
	if got, want := paths(arts), []string{"small.txt"}; !slices.Equal(got, want) {
		t.Errorf("Load() paths = %q, want %q", got, want)
	}

	// The default limit is DefaultMaxFileSize.
	fsys["big/huge.txt"] = mapFile("Huge\n\n" + strings.Repeat("word ", DefaultMaxFileSize/5))
	if _, err := load(t, &Loader{FS: fsys}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Load() of a %d-byte file with the default limit: error = %v, want ErrTooLarge", len(fsys["big/huge.txt"].Data), err)
	}
}

// openCounter counts the files opened through it, to see which ones a Load reads.
type openCounter struct {
	fsys fs.FS

	mu    sync.Mutex
	opens map[string]int
}

func (c *openCounter) Open(name string) (fs.File, error) {
	c.mu.Lock()
	if _, ok := KindOf(name); ok {
		c.opens[name]++
	}
	c.mu.Unlock()
	return c.fsys.Open(name)
}

// Stat and Lstat look without opening (os.DirFS does too), so they are not counted.
func (c *openCounter) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.fsys, name) }

func (c *openCounter) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(c.fsys, name) }

func (c *openCounter) ReadLink(name string) (string, error) { return fs.ReadLink(c.fsys, name) }

// reset returns the files opened since the last reset, sorted.
func (c *openCounter) reset() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var names []string
	for name := range c.opens {
		names = append(names, name)
	}
	slices.Sort(names)
	clear(c.opens)
	return names
}

func TestLoadReparsesOnlyChanged(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":          mapFile("---\ntitle: A\ntags: [x]\n---\nThe first article."),
		"b.txt":         mapFile("B\n\nThe second article."),
		"c/c.html":      mapFile("<h1>C</h1><p>The third article.</p>"),
		"c/d.md":        mapFile("# D\n\nThe fourth article."),
		"c/e/e.txt":     mapFile("E\n\nThe fifth article."),
		"c/e/bad.md":    mapFile("---\nnever closed\n"),
		"c/e/f.html":    mapFile("<h1>F</h1><p>The sixth article.</p>"),
		"c/e/g.md":      mapFile("+++\ntitle = \"G\"\n+++\nThe seventh article."),
		"c/e/h/h.txt":   mapFile("H\n\nThe eighth article."),
		"c/e/h/i.html":  mapFile("<h1>I</h1><p>The ninth article.</p>"),
		"c/e/h/j/j.txt": mapFile("J\n\nThe tenth article."),
	}
	fc := &openCounter{fsys: fsys, opens: map[string]int{}}
	l := &Loader{FS: fc}

	first, err1 := load(t, l)
	if err1 == nil {
		t.Fatal("Load() error = nil, want the error for c/e/bad.md")
	}
	if got, want := fc.reset(), []string{"a.md", "b.txt", "c/c.html", "c/d.md", "c/e/bad.md", "c/e/e.txt", "c/e/f.html", "c/e/g.md", "c/e/h/h.txt", "c/e/h/i.html", "c/e/h/j/j.txt"}; !slices.Equal(got, want) {
		t.Errorf("first Load() read %q, want every article file %q", got, want)
	}
	if len(first) != 10 {
		t.Errorf("first Load() scanned %q, want the 10 good files", paths(first))
	}

	// Nothing changed: nothing is read or reported, but the failing file still is.
	second, err2 := load(t, l)
	if got := fc.reset(); len(got) != 0 {
		t.Errorf("Load() with nothing changed read %q, want nothing", got)
	}
	if err2 == nil || err2.Error() != err1.Error() {
		t.Errorf("Load() with nothing changed: error = %v, want the same as before, %v", err2, err1)
	}
	if len(second) != 0 {
		t.Errorf("Load() with nothing changed reported %q", paths(second))
	}

	// One file changes: only it is read again.
	fsys["c/d.md"] = &fstest.MapFile{Data: []byte("# D Changed\n\nThe fourth article, rewritten."), ModTime: loadTime.Add(time.Minute)}
	third, _ := load(t, l)
	if got, want := fc.reset(), []string{"c/d.md"}; !slices.Equal(got, want) {
		t.Errorf("Load() after changing c/d.md read %q, want %q", got, want)
	}
	if len(third) != 1 || third[0].Title != "D Changed" {
		t.Errorf("Load() after changing c/d.md = %+v, want its new scan", third)
	}

	// A change of ModTime alone is a change too; so is fixing the bad file.
	fsys["b.txt"] = &fstest.MapFile{Data: fsys["b.txt"].Data, ModTime: loadTime.Add(time.Hour)}
	fsys["c/e/bad.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Fixed\n---\nNow it closes."), ModTime: loadTime.Add(time.Hour)}
	fourth, err4 := load(t, l)
	if err4 != nil {
		t.Errorf("Load() after fixing c/e/bad.md: error = %v", err4)
	}
	if got, want := fc.reset(), []string{"b.txt", "c/e/bad.md"}; !slices.Equal(got, want) {
		t.Errorf("Load() after touching b.txt and fixing c/e/bad.md read %q, want %q", got, want)
	}
	if got, want := paths(fourth), []string{"b.txt", "c/e/bad.md"}; !slices.Equal(got, want) {
		t.Errorf("Load() after touching b.txt and fixing c/e/bad.md = %q, want %q", got, want)
	}

	// A removed file is reported, and nothing is read.
	delete(fsys, "c/c.html")
	d, _ := l.Load()
	if !slices.Equal(d.Removed, []string{"c/c.html"}) || len(d.Changed) != 0 {
		t.Errorf("Load() after removing c/c.html = %+v", d)
	}
	if got := fc.reset(); len(got) != 0 {
		t.Errorf("Load() after removing c/c.html read %q, want nothing", got)
	}
	if l.Len() != 10 {
		t.Errorf("Len() = %d, want 10", l.Len())
	}
}

func TestUniqueSlugs(t *testing.T) {
	arts := []*Article{
		{Path: "a/post.md", Slug: "post"},
		{Path: "b/other.html", Slug: "other"},
		{Path: "b/post.txt", Slug: "post"},
		{Path: "c/named.md", Slug: "post"},
		{Path: "d/unique.md", Slug: "post-2"},
		{Path: "post.md", Slug: "post"},
		{Path: "z/another.txt", Slug: "another"},
		{Path: "z/other.htm", Slug: "other"},
	}
	UniqueSlugs(arts)
	got := map[string]string{}
	for _, a := range arts {
		got[a.Path] = a.Slug
	}
	// "post-2" is taken by d/unique.md, so the duplicates of "post" skip it.
	want := map[string]string{
		"a/post.md":     "post",
		"b/post.txt":    "post-3",
		"c/named.md":    "post-4",
		"d/unique.md":   "post-2",
		"post.md":       "post-5",
		"b/other.html":  "other",
		"z/other.htm":   "other-2",
		"z/another.txt": "another",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("UniqueSlugs() = %v, want %v", got, want)
	}
}

// TestUpdate checks that Update looks only at the paths it is given: a
// changed file is scanned, a gone file removed, a new folder walked, a gone
// folder's files removed, and nothing else is read.
func TestUpdate(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":      mapFile("# A\n\nThe first article."),
		"b.txt":     mapFile("B\n\nThe second article."),
		"d/c.html":  mapFile("<h1>C</h1><p>The third article.</p>"),
		"d/e/f.md":  mapFile("# F\n\nThe fourth article."),
		"keep/k.md": mapFile("# K\n\nKept."),
	}
	fc := &openCounter{fsys: fsys, opens: map[string]int{}}
	l := &Loader{FS: fc}
	if _, err := load(t, l); err != nil {
		t.Fatal(err)
	}
	fc.reset()

	fsys["a.md"] = &fstest.MapFile{Data: []byte("# A2\n\nRewritten."), ModTime: loadTime.Add(time.Minute)}
	fsys["b.txt"] = &fstest.MapFile{Data: []byte("B2\n\nRewritten, but not named by any event."), ModTime: loadTime.Add(time.Minute)}
	delete(fsys, "d/c.html")
	delete(fsys, "d/e/f.md")
	fsys["new/x/y.md"] = mapFile("# Y\n\nIn a new folder.")
	d, err := l.Update([]string{"a.md", "d/c.html", "d/e", "new", "not-there.md", ".hidden/z.md"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := paths(d.Changed), []string{"a.md", "new/x/y.md"}; !slices.Equal(got, want) {
		t.Errorf("Update() changed %q, want %q", got, want)
	}
	if want := []string{"d/c.html", "d/e/f.md"}; !slices.Equal(d.Removed, want) {
		t.Errorf("Update() removed %q, want %q", d.Removed, want)
	}
	if got, want := fc.reset(), []string{"a.md", "new/x/y.md"}; !slices.Equal(got, want) {
		t.Errorf("Update() read %q, want only %q", got, want)
	}
	if !l.Has("b.txt") || !l.Has("keep/k.md") || l.Has("d/c.html") || l.Len() != 4 {
		t.Errorf("after Update: Len %d, Has(b.txt) %v, Has(keep/k.md) %v", l.Len(), l.Has("b.txt"), l.Has("keep/k.md"))
	}
	// The full scan still finds what no event named.
	d, _ = l.Load()
	if got := paths(d.Changed); !slices.Equal(got, []string{"b.txt"}) || len(d.Removed) != 0 {
		t.Errorf("Load() after Update = changed %q, removed %q; want only b.txt changed", got, d.Removed)
	}
	// A folder removed as a whole.
	delete(fsys, "new/x/y.md")
	d, _ = l.Update([]string{"new"})
	if !slices.Equal(d.Removed, []string{"new/x/y.md"}) {
		t.Errorf("Update(new) after removing the folder: removed %q", d.Removed)
	}
}

// TestSeed checks that a Loader seeded from a saved index reads only the
// files whose stat changed since.
func TestSeed(t *testing.T) {
	fsys := fstest.MapFS{"a.md": mapFile("# A\n\nOne."), "b.md": mapFile("# B\n\nTwo.")}
	first := &Loader{FS: fsys}
	arts, _ := load(t, first)
	fc := &openCounter{fsys: fsys, opens: map[string]int{}}
	l := &Loader{FS: fc}
	for _, a := range arts {
		l.Seed(a.Path, a.Stat, a.Hash)
	}
	fsys["b.md"] = &fstest.MapFile{Data: []byte("# B2\n\nChanged while stopped."), ModTime: loadTime.Add(time.Hour)}
	fsys["c.md"] = mapFile("# C\n\nNew while stopped.")
	d, _ := l.Load()
	if got := paths(d.Changed); !slices.Equal(got, []string{"b.md", "c.md"}) {
		t.Errorf("Load() after Seed = %q, want b.md and c.md", got)
	}
	if got := fc.reset(); !slices.Equal(got, []string{"b.md", "c.md"}) {
		t.Errorf("Load() after Seed read %q", got)
	}
}

// TestUpdateReadsNamedFiles checks that a file an event names is read even
// when its stat did not change: two writes of the same size within one tick
// of the file system's clock look the same to stat.
func TestUpdateReadsNamedFiles(t *testing.T) {
	fsys := fstest.MapFS{"a.md": mapFile("# One\n\nText.")}
	l := &Loader{FS: fsys}
	load(t, l)
	fsys["a.md"] = mapFile("# Two\n\nText.") // same size, same time
	if d, _ := l.Load(); len(d.Changed) != 0 {
		t.Errorf("Load() with the stat unchanged read %q", paths(d.Changed))
	}
	d, _ := l.Update([]string{"a.md"})
	if len(d.Changed) != 1 || d.Changed[0].Title != "Two" {
		t.Errorf("Update(a.md) = %+v, want the new title", d.Changed)
	}
}

// TestRedo checks that a delta given back with Redo is reported again by
// the next look at the whole folder: a caller that could not record it
// loses nothing.
func TestRedo(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md": mapFile("# A\n\nThe first article."),
		"b.md": mapFile("# B\n\nThe second article."),
		"c.md": mapFile("# C\n\nThe third article."),
	}
	l := &Loader{FS: fsys}
	if _, err := l.Load(); err != nil {
		t.Fatal(err)
	}
	fsys["a.md"] = mapFile("# A\n\nThe first article, edited.")
	delete(fsys, "b.md")
	d, err := l.Update([]string{"a.md", "b.md"})
	if err != nil || len(d.Changed) != 1 || !slices.Equal(d.Removed, []string{"b.md"}) {
		t.Fatalf("Update = %d changed, removed %q, %v; want a.md changed, b.md removed", len(d.Changed), d.Removed, err)
	}
	l.Redo(d)
	again, err := l.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Changed) != 1 || again.Changed[0].Path != "a.md" || again.Changed[0].Hash != d.Changed[0].Hash || !slices.Equal(again.Removed, []string{"b.md"}) {
		t.Errorf("Load after Redo: changed %q, removed %q; want a.md again and b.md removed", paths(again.Changed), again.Removed)
	}
	if last, err := l.Load(); err != nil || !last.Empty() {
		t.Errorf("a second Load: %+v, %v; want nothing", last, err)
	}
}

// writeFS writes the files of fsys below dir and returns dir.
func writeFS(t *testing.T, dir string, fsys fstest.MapFS) string {
	t.Helper()
	for name, f := range fsys {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// manyFiles returns n good articles named by format, for walks of several
// chunks.
func manyFiles(fsys fstest.MapFS, format string, n int) fstest.MapFS {
	for i := range n {
		fsys[fmt.Sprintf(format, i)] = mapFile(fmt.Sprintf("# Article %d\n\nText.", i))
	}
	return fsys
}

// TestLoadWatchingBatches checks that LoadWatching hands out every article
// it scans, in path order, in batches that together are the Delta's
// Changed, one call at a time and all before it returns; through FS and
// straight from the OS.
// Names with a character that sorts before "/" ("a-b.md", "a b.md") come
// before the folder "a", whose files all begin with "a/".
func TestLoadWatchingBatches(t *testing.T) {
	for _, tt := range []struct {
		name string
		fsys fstest.MapFS
		errs int // the files that fail
	}{
		{"empty", fstest.MapFS{"photo.png": mapFile(notArticle)}, 0},
		{"one", fstest.MapFS{"a.md": mapFile("# A\n\nText.")}, 0},
		{"failing only", fstest.MapFS{"a.md": mapFile(notArticle), "b/c.txt": mapFile(notArticle)}, 2},
		{"nested", manyFiles(fstest.MapFS{
			"a.md":         mapFile("# A\n\nText."),
			"a-b.md":       mapFile("# A-B\n\nSorts before a/."),
			"a b.md":       mapFile("# A B\n\nSorts before a-b.md."),
			"a0.md":        mapFile("# A0\n\nSorts after a/."),
			"a/x.md":       mapFile("# X\n\nIn a."),
			"a/b/c.md":     mapFile("# C\n\nTwo down."),
			"a/b-c/d.md":   mapFile("# D\n\nA folder with a dash."),
			"a/b.c/e.md":   mapFile("# E\n\nA folder with a dot."),
			"a/bad.md":     mapFile("---\ntitle: never closed\n"),
			"a/binary.txt": mapFile(notArticle),
			"a/.hidden.md": mapFile(notArticle),
			"_drafts/y.md": mapFile(notArticle),
			"a/b/foo.md~":  mapFile(notArticle),
			"z/photo.png":  mapFile(notArticle),
		}, "m/%03d.md", 150), 2},
		{"folders of one file", manyFiles(fstest.MapFS{}, "f%03d/a.md", 200), 0},
	} {
		var want []string
		for name := range tt.fsys {
			if string(tt.fsys[name].Data) == notArticle || strings.Contains(name, "bad") {
				continue
			}
			if _, ok := KindOf(name); ok && !skipped(name) {
				want = append(want, name)
			}
		}
		slices.Sort(want)
		dir := writeFS(t, t.TempDir(), tt.fsys)
		for _, src := range []struct {
			name string
			l    *Loader
		}{
			{"FS", &Loader{FS: tt.fsys}},
			{"Dir", &Loader{FS: os.DirFS(dir), Dir: dir}},
		} {
			t.Run(tt.name+"/"+src.name, func(t *testing.T) {
				var (
					batches  [][]*Article
					all      []*Article
					inside   atomic.Int32
					returned atomic.Bool
				)
				d, err := src.l.LoadWatching(nil, func(batch []*Article) {
					if inside.Add(1) != 1 {
						t.Error("each called while another call runs")
					}
					if returned.Load() {
						t.Error("each called after LoadWatching returned")
					}
					if len(batch) == 0 {
						t.Error("each called with an empty batch")
					}
					for _, a := range batch {
						if a.Stat == (FileStat{}) {
							t.Errorf("each: %s has no Stat", a.Path)
						}
					}
					batches = append(batches, batch)
					all = append(all, batch...)
					inside.Add(-1)
				})
				returned.Store(true)
				if err != nil {
					t.Fatalf("LoadWatching: %v", err)
				}
				if !slices.Equal(all, d.Changed) {
					t.Errorf("LoadWatching batches = %q, want Changed %q", paths(all), paths(d.Changed))
				}
				if got := paths(d.Changed); !slices.Equal(got, want) {
					t.Errorf("LoadWatching Changed = %q, want %q", got, want)
				}
				if len(want) > walkChunk && len(batches) < 2 {
					t.Errorf("LoadWatching gave %d articles in %d batch, want several", len(want), len(batches))
				}
				if len(d.Errors) != tt.errs {
					t.Errorf("LoadWatching errors = %v, want %d", d.Errors, tt.errs)
				}
				if src.l.Len() != len(want)+tt.errs {
					t.Errorf("Len() = %d, want %d", src.l.Len(), len(want)+tt.errs)
				}
				// A second look finds nothing new, and calls each for nothing.
				d, _ = src.l.LoadWatching(nil, func(batch []*Article) { t.Errorf("second LoadWatching: each(%q)", paths(batch)) })
				if len(d.Changed) != 0 || len(d.Removed) != 0 || len(d.Errors) != tt.errs {
					t.Errorf("second LoadWatching = %d changed, %q removed, %d errors; want only the %d errors", len(d.Changed), d.Removed, len(d.Errors), tt.errs)
				}
			})
		}
	}
}

// TestUpdateRoots checks that Update reports each file once and in path
// order when the paths it is given overlap or come in any order.
func TestUpdateRoots(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":     mapFile("# A\n\nText."),
		"a-b.md":   mapFile("# A-B\n\nText."),
		"a/x.md":   mapFile("# X\n\nText."),
		"a/y/z.md": mapFile("# Z\n\nText."),
		"b/c.md":   mapFile("# C\n\nText."),
	}
	for _, tt := range []struct {
		paths []string
		want  []string
	}{
		{[]string{"a", "a/x.md", "a-b.md", "a/x.md"}, []string{"a-b.md", "a/x.md", "a/y/z.md"}},
		{[]string{"b/c.md", "a/y", "a/y/z.md", "a/y/"}, []string{"a/y/z.md", "b/c.md"}},
		{[]string{"a.md", "a.md"}, []string{"a.md"}},
		{[]string{".", "a"}, []string{"a-b.md", "a.md", "a/x.md", "a/y/z.md", "b/c.md"}},
	} {
		l := &Loader{FS: fsys} // knowing no file: every file below a root is read
		d, err := l.Update(tt.paths)
		if got := paths(d.Changed); err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("Update(%q) = %q, %v; want %q", tt.paths, got, err, tt.want)
		}
	}
}

func TestDisjoint(t *testing.T) {
	for _, tt := range []struct {
		roots, want []string
	}{
		{nil, []string{}},
		{[]string{"b", "a"}, []string{"a", "b"}},
		{[]string{"a/b", "a", "a-b", "a/b/c.md", "a"}, []string{"a", "a-b"}},
		{[]string{"x/y.md", "."}, []string{"."}},
		{[]string{"ab/c", "a"}, []string{"a", "ab/c"}},
	} {
		if got := disjoint(tt.roots); !slices.Equal(got, tt.want) {
			t.Errorf("disjoint(%q) = %q, want %q", tt.roots, got, tt.want)
		}
	}
}
