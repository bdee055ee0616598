package source

// Tests of WatchOptions.ScanWatches: the full scan sets up the watches
// through Changes.Watch as it lists each folder (Loader.LoadWatching).

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fsnotify/fsnotify"
)

// TestLoadWatching checks that LoadWatching calls watch with every folder
// the scan lists, in path order, and each time before listing it: a file
// the call creates in the folder is found by the same scan.
func TestLoadWatching(t *testing.T) {
	dir := writeFS(t, t.TempDir(), fstest.MapFS{
		"a.md":             mapFile("# A\n"),
		"2025/08/deep.md":  mapFile("# Deep\n"),
		"2025/09/.keep":    mapFile(""),
		"2025-notes/n.md":  mapFile("# N\n"),
		".git/objects/x":   mapFile(""),
		"_drafts/sub/y.md": mapFile("# Y\n"),
		"empty/deeper/x":   mapFile(""),
	})
	mustDo(t, os.Symlink(t.TempDir(), filepath.Join(dir, "outside")))
	want := []string{".", "2025-notes", "2025", "2025/08", "2025/09", "empty", "empty/deeper"} // path order: "2025-notes" < "2025/08"
	for _, tt := range []struct {
		name string
		l    *Loader
	}{
		{"fs", &Loader{FS: os.DirFS(dir)}},
		{"dir", &Loader{FS: os.DirFS(dir), Dir: dir}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			d, err := tt.l.LoadWatching(func(p string) {
				got = append(got, p)
				write(t, filepath.Join(dir, filepath.FromSlash(p), "made-"+tt.name+".md"), "# Made\n")
			}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("LoadWatching called watch with %q, want %q", got, want)
			}
			found := map[string]bool{}
			for _, a := range d.Changed {
				found[a.Path] = true
			}
			for _, p := range want {
				if made := strings.TrimPrefix(p+"/made-"+tt.name+".md", "./"); !found[made] {
					t.Errorf("LoadWatching did not find %s, made by watch(%q): watch came after the listing", made, p)
				}
			}
		})
	}
	// Without hooks, it is Load.
	l := &Loader{FS: os.DirFS(dir), Dir: dir}
	if d, err := l.LoadWatching(nil, nil); err != nil || len(d.Changed) == 0 {
		t.Errorf("LoadWatching(nil, nil) = %d articles, %v", len(d.Changed), err)
	}
}

// startScanWatch runs Watch with ScanWatches on dir until the test ends,
// as startWatch does, with a Loader reading through folder descriptors.
// during, when not nil, is called in the first scan just before each
// folder is listed, after its watch: by then every folder before it in
// path order has been listed.
func startScanWatch(t *testing.T, dir string, opt WatchOptions, during func(dir string)) *watched {
	t.Helper()
	opt.ScanWatches = true
	w := runWatch(t, dir, opt, func() *Loader { return &Loader{FS: os.DirFS(dir), Dir: dir} }, during)
	if !<-w.offered {
		t.Fatal("the first onChange got no Changes.Watch, want the scan to set up the watches")
	}
	return w
}

// drainOffered returns what the onChange calls so far were given.
func (w *watched) drainOffered() []bool {
	var out []bool
	for {
		select {
		case o := <-w.offered:
			out = append(out, o)
		default:
			return out
		}
	}
}

// waitOffered waits for an onChange given Changes.Watch.
func (w *watched) waitOffered(t *testing.T, what string) {
	t.Helper()
	deadline := time.After(waitTimeout)
	for {
		select {
		case o := <-w.offered:
			if o {
				return
			}
		case <-deadline:
			t.Fatalf("no onChange given Changes.Watch for %s within %v", what, waitTimeout)
		}
	}
}

// TestScanWatchesFirstScan checks that the first scan's watches are in
// place as it goes: a file written into a folder it has listed, and a
// folder tree made in one (mkdir -p), are found by their events; a tree
// made in a folder not listed yet is found by the scan, and watched.
func TestScanWatchesFirstScan(t *testing.T) {
	t.Parallel()
	dir := writeFS(t, t.TempDir(), fstest.MapFS{
		"top.md":   mapFile("# Top\n"),
		"a/one.md": mapFile("# One\n"),
		"m/two.md": mapFile("# Two\n"),
		"z/six.md": mapFile("# Six\n"),
	})
	w := startScanWatch(t, dir, WatchOptions{Debounce: 30 * time.Millisecond}, func(p string) {
		if p != "m" {
			return
		}
		// "." and "a" are listed: only their watches can tell of these.
		write(t, filepath.Join(dir, "late.md"), "# Late\n")
		write(t, filepath.Join(dir, "a", "late.md"), "# Late in a\n")
		mustDo(t, os.MkdirAll(filepath.Join(dir, "b", "c", "d"), 0o755))
		write(t, filepath.Join(dir, "b", "c", "d", "three.md"), "# Three\n")
		// "z" is not listed yet: the scan finds these.
		mustDo(t, os.MkdirAll(filepath.Join(dir, "z", "y", "x"), 0o755))
		write(t, filepath.Join(dir, "z", "y", "x", "four.md"), "# Four\n")
	})
	w.waitScan(t, waitTimeout, "the files made during the first scan",
		has("top.md", "a/one.md", "m/two.md", "z/six.md", "late.md", "a/late.md", "b/c/d/three.md", "z/y/x/four.md"))
	// Every folder is watched: a new file in each raises an event.
	for _, p := range []string{"a/new.md", "b/c/d/new.md", "m/new.md", "z/y/x/new.md", "z/new.md"} {
		write(t, filepath.Join(dir, filepath.FromSlash(p)), "# New\n")
		w.waitScan(t, waitTimeout, p, has(p))
	}
	if n := len(w.polls); n != 0 {
		t.Errorf("OnPoll called %d times, want notifications throughout", n)
	}
}

// TestScanWatchesLinkedFolder checks a content folder that is a link: the
// scan lists it through the link, and the watches go where it points.
func TestScanWatchesLinkedFolder(t *testing.T) {
	t.Parallel()
	target := writeFS(t, t.TempDir(), fstest.MapFS{"sub/a.md": mapFile("# A\n")})
	link := filepath.Join(t.TempDir(), "content")
	mustDo(t, os.Symlink(target, link))
	w := startScanWatch(t, link, WatchOptions{Debounce: 30 * time.Millisecond}, nil)
	if !w.first["sub/a.md"] {
		t.Errorf("the first scan found %v, want sub/a.md", w.first)
	}
	write(t, filepath.Join(target, "sub", "b.md"), "# B\n")
	w.waitScan(t, waitTimeout, "sub/b.md, by its event", has("sub/a.md", "sub/b.md"))
}

// TestScanWatchesRescan checks that the watches are set up again by the
// scan when they must be (after a watcher error, and when the content
// folder comes back), and not otherwise.
func TestScanWatchesRescan(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	dir := filepath.Join(parent, "content")
	mustDo(t, os.Mkdir(dir, 0o755))
	inject := make(chan error)
	w := startScanWatch(t, dir, WatchOptions{Debounce: 30 * time.Millisecond, PollInterval: 50 * time.Millisecond, testErrors: inject}, nil)

	write(t, filepath.Join(dir, "a.md"), "# A\n")
	w.waitScan(t, waitTimeout, "a.md", has("a.md"))
	if slices.Contains(w.drainOffered(), true) {
		t.Error("onChange for an event got Changes.Watch, want it only when the watches are set up")
	}

	inject <- fsnotify.ErrEventOverflow
	w.waitOffered(t, "the rescan after a watcher error")
	mustDo(t, os.MkdirAll(filepath.Join(dir, "x", "y"), 0o755))
	write(t, filepath.Join(dir, "x", "y", "b.md"), "# B\n")
	w.waitScan(t, waitTimeout, "x/y/b.md", has("a.md", "x/y/b.md"))

	// Deleted, then made again a little later.
	mustDo(t, os.RemoveAll(dir))
	w.waitScan(t, waitTimeout, "no content folder", func(s map[string]bool) bool { return len(s) == 0 })
	w.waitOffered(t, "the scans while the content folder is gone")
	time.Sleep(100 * time.Millisecond)
	mustDo(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	write(t, filepath.Join(dir, "sub", "again.md"), "# Again\n")
	w.waitScan(t, waitTimeout, "sub/again.md", has("sub/again.md"))
	write(t, filepath.Join(dir, "sub", "again2.md"), "# Again, too\n")
	w.waitScan(t, waitTimeout, "sub/again2.md, by its event", has("sub/again.md", "sub/again2.md"))
	if n := len(w.polls); n != 0 {
		t.Errorf("OnPoll called %d times, want notifications throughout", n)
	}
}

// TestScanWatchesNotify checks that notify mode still sets up every watch
// before any scan, so that it fails before onChange runs.
func TestScanWatchesNotify(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustDo(t, os.Mkdir(filepath.Join(dir, "full"), 0o755))
	limited := func(w *fsnotify.Watcher, dir string) error {
		if filepath.Base(dir) == "full" {
			return syscall.ENOSPC
		}
		return w.Add(dir)
	}
	err := Watch(context.Background(), dir, WatchOptions{Mode: WatchNotify, ScanWatches: true, testAdd: limited}, func(Changes) time.Duration {
		t.Error("onChange called, want Watch to fail first")
		return 0
	})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Watch(notify, ScanWatches) over the watch limit = %v, want an error wrapping ENOSPC", err)
	}
}
