package source

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/fsnotify/fsnotify"
)

// TestAddTree checks which folders addTree watches: every folder below the
// top, but none [Skip] names, none below those, and no link.
func TestAddTree(t *testing.T) {
	dir := writeFS(t, t.TempDir(), fstest.MapFS{
		"a.md":               mapFile("# A"),
		"2025/08/deep.md":    mapFile("# Deep"),
		"2025/09/.keep":      mapFile(""),
		"2025-notes/n.md":    mapFile("# N"),
		".git/objects/x":     mapFile(""),
		"_drafts/sub/y.md":   mapFile("# Y"),
		"a.md.d~/z.md":       mapFile("# Z"),
		"many/files/000.md":  mapFile("# 0"),
		"many/files/001.txt": mapFile("0"),
	})
	outside := t.TempDir()
	mustDo(t, os.Symlink(outside, filepath.Join(dir, "outside")))
	mustDo(t, os.Symlink("2025", filepath.Join(dir, "2025", "08", "loop")))
	for _, tt := range []struct {
		name string
		root string
		want []string
	}{
		{"top", "", []string{"", "2025", "2025-notes", "2025/08", "2025/09", "many", "many/files"}},
		{"below", "2025", []string{"2025", "2025/08", "2025/09"}},
		{"skipped", "_drafts", nil},
		{"a file", "a.md", nil},
		{"missing", "gone", nil},
		{"a link", "outside", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w, err := fsnotify.NewWatcher()
			if err != nil {
				t.Skip(err)
			}
			defer w.Close()
			var added []string
			l := &loop{dir: dir, w: w, dirs: map[string]bool{}, opt: WatchOptions{
				Mode: WatchAuto,
				testAdd: func(w *fsnotify.Watcher, p string) error {
					added = append(added, p)
					return w.Add(p)
				},
			}}
			if err := l.addTree(filepath.Join(dir, tt.root)); err != nil {
				t.Fatalf("addTree(%s) = %v", tt.root, err)
			}
			var got, watched []string
			for _, p := range added {
				rel, _ := filepath.Rel(dir, p)
				got = append(got, filepath.ToSlash(rel))
			}
			for p := range l.dirs {
				watched = append(watched, p)
			}
			slices.Sort(watched)
			var want []string
			for _, p := range tt.want {
				want = append(want, filepath.Join(dir, p))
			}
			if !slices.Equal(watched, want) {
				t.Errorf("addTree(%s) watched %q, want %q", tt.root, watched, want)
			}
			if len(got) != len(tt.want) {
				t.Errorf("addTree(%s) added %q, want %d watches", tt.root, got, len(tt.want))
			}
		})
	}
	// The top folder missing is no error: it is looked for again.
	w, err := fsnotify.NewWatcher()
	if err != nil {
		t.Skip(err)
	}
	defer w.Close()
	gone := filepath.Join(dir, "gone")
	l := &loop{dir: gone, w: w, dirs: map[string]bool{}}
	if err := l.addTree(gone); err != nil || len(l.dirs) != 0 {
		t.Errorf("addTree of a missing content folder = %v, watching %v; want nothing and no error", err, l.dirs)
	}
}

// BenchmarkAddTree finds the folders to watch in the folder HERALD_BENCH_CONTENT
// names (go run ./bench/gen -n 50000 -out DIR), as at a start in auto mode,
// adding no watch: the cost of the walk.
func BenchmarkAddTree(b *testing.B) {
	dir := os.Getenv("HERALD_BENCH_CONTENT")
	if dir == "" {
		b.Skip("HERALD_BENCH_CONTENT is not set")
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		b.Skip(err)
	}
	defer w.Close()
	b.ReportAllocs()
	for b.Loop() {
		l := &loop{dir: dir, w: w, dirs: map[string]bool{}, opt: WatchOptions{
			Mode:    WatchAuto,
			testAdd: func(*fsnotify.Watcher, string) error { return nil },
		}}
		if err := l.addTree(dir); err != nil || len(l.dirs) < 2 {
			b.Fatalf("addTree: %v, %d folders", err, len(l.dirs))
		}
	}
}
