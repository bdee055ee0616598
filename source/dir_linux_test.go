package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// TestListDir checks that a folder's entries come with the type getdents
// gives, the names a walk does not keep left out, in path order.
func TestListDir(t *testing.T) {
	dir := writeFS(t, t.TempDir(), fstest.MapFS{
		"a.md":          mapFile("# A"),
		"a-b.txt":       mapFile("AB"),
		"a/x.md":        mapFile("# X"),
		"b.html":        mapFile("<h1>B</h1>"),
		"photo.png":     mapFile("png"),
		".hidden.md":    mapFile("# H"),
		"_drafts/y.md":  mapFile("# Y"),
		"notes.md.swp":  mapFile("swap"),
		"sub.d/z.md":    mapFile("# Z"),
		"empty/.keep":   mapFile(""),
		"UPPER.MD":      mapFile("# U"),
		"x/deep/e/f.md": mapFile("# F"),
	})
	mustDo(t, os.Symlink("a.md", filepath.Join(dir, "link.md")))
	mustDo(t, os.Symlink("a", filepath.Join(dir, "dirlink")))
	mustDo(t, syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644))
	l := &Loader{FS: os.DirFS(dir), Dir: dir}
	for _, tt := range []struct {
		p    string
		want []string
	}{
		{".", []string{"UPPER.MD", "a-b.txt", "a.md", "a/", "b.html", "dirlink", "empty/", "link.md", "sub.d/", "x/"}},
		{"x/deep", []string{"x/deep/e/"}},
		{"empty", nil},
	} {
		var buf []byte
		d, ents, err := l.listDir(tt.p, nil, newOpenDirs(0), &buf)
		if err != nil {
			t.Fatalf("listDir(%q): %v", tt.p, err)
		}
		var got []string
		for _, e := range ents {
			got = append(got, e.key)
			if want := strings.HasSuffix(e.key, "/"); e.typ.IsDir() != want {
				t.Errorf("listDir(%q): %s has type %v", tt.p, e.key, e.typ)
			}
			if strings.Contains(e.key, "link") != (e.typ&fs.ModeSymlink != 0) {
				t.Errorf("listDir(%q): %s has type %v", tt.p, e.key, e.typ)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("listDir(%q) = %q, want %q", tt.p, got, tt.want)
		}
		// The same as listing through FS.
		if fsEnts, err := listFS(l.FS, tt.p); err != nil || !slices.Equal(fsEnts, ents) {
			t.Errorf("listFS(%q) = %v, %v; listDir gave %v", tt.p, fsEnts, err, ents)
		}
		d.release()
	}
	var buf []byte
	if _, _, err := l.listDir("gone", nil, newOpenDirs(0), &buf); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "open gone:") {
		t.Errorf("listDir(gone) = %v, want ErrNotExist naming gone", err)
	}
	if _, _, err := l.listDir("dirlink", nil, newOpenDirs(0), &buf); !errors.Is(err, syscall.ENOTDIR) {
		// O_NOFOLLOW opens the link itself, which is no folder.
		t.Errorf("listDir(dirlink) = %v, want ENOTDIR", err)
	}
}

// TestDirRead checks that reading a file through its open folder refuses
// what readDirect refuses, with errors naming the path in the content
// folder.
func TestDirRead(t *testing.T) {
	dir := writeFS(t, t.TempDir(), fstest.MapFS{
		"sub/a.md":   mapFile("# A\n\nText."),
		"sub/big.md": mapFile(strings.Repeat("x", 101)),
	})
	mustDo(t, os.Symlink("a.md", filepath.Join(dir, "sub", "link.md")))
	mustDo(t, os.Mkdir(filepath.Join(dir, "sub", "folder.md"), 0o755))
	l := &Loader{FS: os.DirFS(dir), Dir: dir}
	var buf []byte
	d, _, err := l.listDir("sub", nil, newOpenDirs(0), &buf)
	if err != nil {
		t.Fatal(err)
	}
	defer d.release()
	src, st, err := d.read("sub/a.md", 100, nil)
	info, _ := os.Lstat(filepath.Join(dir, "sub", "a.md"))
	if err != nil || string(src) != "# A\n\nText." || st != statOf(info) {
		t.Errorf("read(sub/a.md) = %q, %+v, %v; want the file, with Lstat's %+v", src, st, err, statOf(info))
	}
	if lst, err := d.lstat("sub/a.md"); err != nil || lst != statOf(info) {
		t.Errorf("lstat(sub/a.md) = %+v, %v; want %+v", lst, err, statOf(info))
	}
	for _, tt := range []struct {
		p    string
		want error
	}{
		{"sub/big.md", ErrTooLarge},
		{"sub/link.md", ErrSymlink},
		{"sub/gone.md", fs.ErrNotExist},
		{"sub/folder.md", nil},
	} {
		_, _, err := d.read(tt.p, 100, nil)
		if err == nil || tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("read(%s) = %v, want %v", tt.p, err, tt.want)
		}
		if tt.want != ErrTooLarge && !strings.Contains(err.Error(), " "+tt.p+":") {
			t.Errorf("read(%s) = %q, want it to name %s", tt.p, err, tt.p)
		}
	}
	if _, err := d.lstat("sub/gone.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("lstat(sub/gone.md) = %v, want ErrNotExist", err)
	}
}

// TestLoadOpenDirs checks that a walk of many folders holds no more open at
// once than its bound (and those it is inside), and closes all of them.
func TestLoadOpenDirs(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 300 {
		fsys[fmt.Sprintf("f%03d/a.md", i)] = mapFile(fmt.Sprintf("# A %d\n\nText.", i))
		if i%10 == 0 {
			fsys[fmt.Sprintf("f%03d/g/h/b.md", i)] = mapFile(fmt.Sprintf("# B %d\n\nText.", i))
		}
	}
	dir := writeFS(t, t.TempDir(), fsys)
	for _, limit := range []int{1, 4, 64} {
		before := openFiles(t)
		l := &Loader{FS: os.DirFS(dir), Dir: dir, dirLimit: limit}
		w := l.walk([]string{"."}, nil, 0, nil, nil)
		if len(w.changed) != 330 || len(w.errs) != 0 || w.rootErr != nil {
			t.Errorf("walk with a bound of %d folders: %d articles, errors %v %v; want 330", limit, len(w.changed), w.errs, w.rootErr)
		}
		// The lister holds the top folder, a subfolder and the two below it.
		if w.open.peak > limit+4 {
			t.Errorf("walk with a bound of %d folders held %d open", limit, w.open.peak)
		}
		if w.open.n != 0 {
			t.Errorf("walk with a bound of %d folders left %d open", limit, w.open.n)
		}
		if after := openFiles(t); after != before {
			t.Errorf("walk with a bound of %d folders: %d files open before, %d after", limit, before, after)
		}
	}
	// A slow each holds the workers back, and they the lister: it all
	// still ends.
	l := &Loader{FS: os.DirFS(dir), Dir: dir, dirLimit: 1}
	n := 0
	d, err := l.LoadWatching(nil, func(batch []*Article) {
		time.Sleep(time.Millisecond)
		n += len(batch)
	})
	if err != nil || n != 330 || len(d.Changed) != 330 {
		t.Errorf("LoadWatching with a slow each: %d articles in batches, %d changed, %v; want 330", n, len(d.Changed), err)
	}
}

// openFiles counts the process's open file descriptors.
func openFiles(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip(err)
	}
	return len(fds)
}

// TestListFolders checks that listFolders finds the folders of a folder,
// sorted, and no file or link.
func TestListFolders(t *testing.T) {
	dir := writeFS(t, t.TempDir(), fstest.MapFS{
		"a.md":      mapFile("# A"),
		"b/c.md":    mapFile("# C"),
		".git/HEAD": mapFile(""),
		"a-b/x":     mapFile(""),
		"z/y/x":     mapFile(""),
	})
	mustDo(t, os.Symlink("b", filepath.Join(dir, "link")))
	var buf []byte
	for _, tt := range []struct {
		dir  string
		want []string
	}{
		{dir, []string{".git", "a-b", "b", "z"}}, // Skip is the caller's
		{filepath.Join(dir, "z"), []string{"y"}},
		{filepath.Join(dir, "b"), nil},
	} {
		got, err := listFolders(tt.dir, &buf)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("listFolders(%s) = %q, %v; want %q", tt.dir, got, err, tt.want)
		}
	}
	for _, p := range []string{"gone", "a.md", "link"} {
		if _, err := listFolders(filepath.Join(dir, p), &buf); err == nil {
			t.Errorf("listFolders(%s): no error", p)
		}
	}
}
