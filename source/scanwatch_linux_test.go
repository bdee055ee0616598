package source

// Tests of WatchOptions.ScanWatches that need Linux: they count inotify
// watches, or use the benchmark helpers of walk_bench_linux_test.go.

import (
	"errors"
	"fmt"
	"maps"
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

// TestScanWatchesFallback checks that a watch limit reached during the
// first scan leaves its result whole, then switches to polling, closing
// every watch the scan added, and that a file written meanwhile into a
// folder the scan had watched and listed is found. It is not parallel:
// it counts the process's inotify watches.
func TestScanWatchesFallback(t *testing.T) {
	limited := func(w *fsnotify.Watcher, dir string) error {
		if filepath.Base(dir) == "full" {
			return fmt.Errorf("inotify_add_watch: %w", syscall.ENOSPC)
		}
		return w.Add(dir)
	}
	dir := writeFS(t, t.TempDir(), fstest.MapFS{
		"top.md":      mapFile("# Top\n"),
		"a/one.md":    mapFile("# One\n"),
		"full/2.md":   mapFile("# Two\n"),
		"full/x/3.md": mapFile("# Three\n"),
		"m/4.md":      mapFile("# Four\n"),
	})
	var during int // inotify watches while the scan went on
	w := startScanWatch(t, dir, WatchOptions{Debounce: 30 * time.Millisecond, PollInterval: 50 * time.Millisecond, testAdd: limited}, func(p string) {
		if p == "m" {
			during = inotifyWatches(t)
			write(t, filepath.Join(dir, "a", "late.md"), "# Late\n")
		}
	})
	var reason error
	select {
	case reason = <-w.polls:
	case <-time.After(waitTimeout):
		t.Fatal("no fallback to polling")
	}
	if reason == nil || !errors.Is(reason, syscall.ENOSPC) || !strings.Contains(reason.Error(), "max_user_watches") {
		t.Errorf("OnPoll(%v), want a reason wrapping ENOSPC and naming fs.inotify.max_user_watches", reason)
	}
	if want := []string{"a/one.md", "full/2.md", "full/x/3.md", "m/4.md", "top.md"}; !slices.Equal(slices.Sorted(maps.Keys(w.first)), want) {
		t.Errorf("the first scan found %q, want %q: every file, whatever became of the watches", slices.Sorted(maps.Keys(w.first)), want)
	}
	if during < 2 {
		t.Errorf("%d inotify watches during the scan, want those of . and a", during)
	}
	if n := inotifyWatches(t); n != 0 {
		t.Errorf("%d inotify watches after the fallback to polling, want none", n)
	}
	w.waitScan(t, waitTimeout, "a/late.md, written before polling began", has("top.md", "a/one.md", "full/2.md", "full/x/3.md", "m/4.md", "a/late.md"))
	write(t, filepath.Join(dir, "full", "new.md"), "# New\n")
	w.waitScan(t, waitTimeout, "full/new.md, by polling", has("full/new.md"))
}

// inotifyWatches counts the inotify watches the process holds, from
// /proc/self/fdinfo.
func inotifyWatches(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip(err)
	}
	n := 0
	for _, fd := range fds {
		if target, err := os.Readlink("/proc/self/fd/" + fd.Name()); err != nil || target != "anon_inode:inotify" {
			continue
		}
		info, err := os.ReadFile("/proc/self/fdinfo/" + fd.Name())
		if err != nil {
			continue // closed meanwhile
		}
		n += strings.Count(string(info), "inotify wd:")
	}
	return n
}

// BenchmarkFirstScan is the start of Watch over the folder
// HERALD_BENCH_CONTENT names (go run ./bench/gen -n 50000 -out DIR), with
// real watches: the folder tree walked to watch it, then the first Load
// (addTree), against the Load watching each folder as it lists it (scan).
// cpu-ms/op counts every core.
func BenchmarkFirstScan(b *testing.B) {
	dir := benchContent(b)
	for _, scan := range []bool{false, true} {
		name := "addTree"
		if scan {
			name = "scan"
		}
		b.Run(name, func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				fw, err := fsnotify.NewWatcher()
				if err != nil {
					b.Skip(err)
				}
				lp := &loop{dir: dir, w: fw, dirs: map[string]bool{}, opt: WatchOptions{Mode: WatchAuto, ScanWatches: scan}}
				l := &Loader{FS: os.DirFS(dir), Dir: dir}
				var d Delta
				if scan {
					d, err = l.LoadWatching(lp.watchListed, nil)
					lp.scanned()
				} else {
					if err = lp.addTree(dir); err == nil {
						d, err = l.Load()
					}
				}
				if err != nil || len(d.Changed) == 0 || len(lp.dirs) < 2 || lp.w == nil {
					b.Fatalf("%d articles, %d folders watched, %v", len(d.Changed), len(lp.dirs), err)
				}
				fw.Close()
			}
			b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
		})
	}
}
