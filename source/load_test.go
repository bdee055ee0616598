package source

import (
	"errors"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"sync"
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
	arts, err := l.Load()
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
	arts, err := (&Loader{FS: fsys}).Load()
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
	arts, err := l.Load()
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
	if _, err := (&Loader{FS: fsys}).Load(); !errors.Is(err, ErrTooLarge) {
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

	first, err1 := l.Load()
	if err1 == nil {
		t.Fatal("Load() error = nil, want the error for c/e/bad.md")
	}
	if got, want := fc.reset(), []string{"a.md", "b.txt", "c/c.html", "c/d.md", "c/e/bad.md", "c/e/e.txt", "c/e/f.html", "c/e/g.md", "c/e/h/h.txt", "c/e/h/i.html", "c/e/h/j/j.txt"}; !slices.Equal(got, want) {
		t.Errorf("first Load() read %q, want every article file %q", got, want)
	}

	// Nothing changed: nothing is read, and the same articles come back.
	second, err2 := l.Load()
	if got := fc.reset(); len(got) != 0 {
		t.Errorf("Load() with nothing changed read %q, want nothing", got)
	}
	if err2 == nil || err2.Error() != err1.Error() {
		t.Errorf("Load() with nothing changed: error = %v, want the same as before, %v", err2, err1)
	}
	if !reflect.DeepEqual(second, first) {
		t.Errorf("Load() with nothing changed = %+v, want %+v", second, first)
	}
	for i := range second {
		if second[i] == first[i] {
			t.Errorf("Load() returned the same *Article for %s twice, want a fresh copy each time", second[i].Path)
		}
	}

	// One file changes: only it is read again.
	fsys["c/d.md"] = &fstest.MapFile{Data: []byte("# D Changed\n\nThe fourth article, rewritten."), ModTime: loadTime.Add(time.Minute)}
	third, _ := l.Load()
	if got, want := fc.reset(), []string{"c/d.md"}; !slices.Equal(got, want) {
		t.Errorf("Load() after changing c/d.md read %q, want %q", got, want)
	}
	if len(third) != len(first) {
		t.Fatalf("Load() after changing c/d.md = %d articles, want %d", len(third), len(first))
	}
	for i, a := range third {
		if a.Path == "c/d.md" {
			if a.Title != "D Changed" || a.Hash == first[i].Hash {
				t.Errorf("Load() after changing c/d.md: Title = %q, Hash = %s; want the new parse", a.Title, a.Hash)
			}
			continue
		}
		if !reflect.DeepEqual(a, first[i]) {
			t.Errorf("Load() after changing c/d.md: %s = %+v, want it unchanged: %+v", a.Path, a, first[i])
		}
	}

	// A change of ModTime alone is a change too; so is fixing the bad file.
	fsys["b.txt"] = &fstest.MapFile{Data: fsys["b.txt"].Data, ModTime: loadTime.Add(time.Hour)}
	fsys["c/e/bad.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Fixed\n---\nNow it closes."), ModTime: loadTime.Add(time.Hour)}
	fourth, err4 := l.Load()
	if err4 != nil {
		t.Errorf("Load() after fixing c/e/bad.md: error = %v", err4)
	}
	if got, want := fc.reset(), []string{"b.txt", "c/e/bad.md"}; !slices.Equal(got, want) {
		t.Errorf("Load() after touching b.txt and fixing c/e/bad.md read %q, want %q", got, want)
	}
	if len(fourth) != len(first)+1 {
		t.Errorf("Load() after fixing c/e/bad.md = %q, want %d articles", paths(fourth), len(first)+1)
	}

	// A removed file is gone from the next Load.
	delete(fsys, "c/c.html")
	fifth, _ := l.Load()
	if slices.Contains(paths(fifth), "c/c.html") || len(fifth) != len(fourth)-1 {
		t.Errorf("Load() after removing c/c.html = %q", paths(fifth))
	}
	if got := fc.reset(); len(got) != 0 {
		t.Errorf("Load() after removing c/c.html read %q, want nothing", got)
	}
}

func TestLoadUniqueSlugs(t *testing.T) {
	fsys := fstest.MapFS{
		"post.md":       mapFile("# Third By Path\n\nText."),
		"a/post.md":     mapFile("# First By Path\n\nText."),
		"b/post.txt":    mapFile("Second By Path\n\nText."),
		"b/other.html":  mapFile("<h1>Other</h1><p>Text.</p>"),
		"c/named.md":    mapFile("---\ntitle: Named\nslug: post\n---\nText."),
		"d/unique.md":   mapFile("---\ntitle: Unique\nslug: post-2\n---\nText."),
		"z/another.txt": mapFile("Other\n\nText."),
		"z/other.htm":   mapFile("<h1>Other Again</h1><p>Text.</p>"),
	}
	l := &Loader{FS: fsys}
	for range 2 { // the cache must not keep the suffixes of the last Load
		arts, err := l.Load()
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		got := map[string]string{}
		seen := map[string]string{}
		for _, a := range arts {
			got[a.Path] = a.Slug
			if p, dup := seen[a.Slug]; dup {
				t.Errorf("Load(): %s and %s both have slug %q", p, a.Path, a.Slug)
			}
			seen[a.Slug] = a.Path
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
			t.Errorf("Load() slugs = %v, want %v", got, want)
		}
	}
}

func TestLoadReturnsCopies(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":  mapFile("---\ntitle: A\ntags: [one, two]\nauthor: Jane Doe\n---\nThe first article."),
		"b.txt": mapFile("B\n\nBy Jane Doe\n\nThe second article.\n\nAdvertisement\n\nMore text here."),
	}
	l := &Loader{FS: fsys}
	arts, err := l.Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := make([]Article, len(arts))
	for i, a := range arts {
		want[i] = *a
		want[i].Tags = slices.Clone(a.Tags)
		want[i].Dropped = slices.Clone(a.Dropped)
	}
	if len(arts) != 2 || len(arts[0].Tags) != 2 || len(arts[1].Dropped) == 0 {
		t.Fatalf("Load() = %+v, want a.md with two tags and b.txt with dropped lines", arts)
	}

	// What callers do: stamp ids and dates, and edit the lists in place.
	for _, a := range arts {
		a.Title += " (edited)"
		a.ID = "urn:stamped"
		a.Published = loadTime
		a.Summary = ""
		a.Author.Name = "Someone Else"
		for i := range a.Tags {
			a.Tags[i] = "changed"
		}
		for i := range a.Dropped {
			a.Dropped[i] = "changed"
		}
		a.Tags = append(a.Tags, "added")
	}

	again, err := l.Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	for i, a := range again {
		w := want[i]
		if a.Title != w.Title || a.ID != w.ID || !a.Published.Equal(w.Published) || a.Summary != w.Summary || a.Author != w.Author {
			t.Errorf("Load() after editing the last result: %s = %+v, want it as first loaded: %+v", a.Path, *a, w)
		}
		if !slices.Equal(a.Tags, w.Tags) {
			t.Errorf("Load() after editing the last result's Tags: %s Tags = %q, want %q", a.Path, a.Tags, w.Tags)
		}
		if !slices.Equal(a.Dropped, w.Dropped) {
			t.Errorf("Load() after editing the last result's Dropped: %s Dropped = %q, want %q", a.Path, a.Dropped, w.Dropped)
		}
	}
}
