package source

// Tests of Watch with real fsnotify on temporary folders. onChange scans the
// folder, as the daemon's does, and reports what it found, so each test waits
// for a scan that shows what it expects, with a deadline, instead of sleeping.

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/fsnotify/fsnotify"
)

// waitTimeout bounds waits for a scan. They end as soon as the scan comes;
// the bound is generous for loaded machines.
const waitTimeout = 10 * time.Second

// watched is one running Watch.
type watched struct {
	dir     string
	scans   chan map[string]bool // what each onChange found: the article paths
	first   map[string]bool      // what the first scan found
	offered chan bool            // whether each onChange was given Changes.Watch
	calls   atomic.Int64         // onChange calls
	errs    chan error           // from OnError
	polls   chan error           // from OnPoll
	done    chan error           // Watch's result
}

// startWatch runs Watch on dir until the test ends. The first scan, which
// Watch makes on starting, has been received when it returns.
func startWatch(t *testing.T, dir string, opt WatchOptions) *watched {
	t.Helper()
	return runWatch(t, dir, opt, func() *Loader { return &Loader{FS: os.DirFS(dir)} }, nil)
}

// runWatch runs Watch on dir until the test ends, with an onChange that
// scans with a Loader from newLoader: the full scans with LoadWatching,
// given Changes.Watch (calling during, when not nil, in the first scan
// just before each folder is listed, after its watch), the others with
// Update. The first scan has been received when it returns.
func runWatch(t *testing.T, dir string, opt WatchOptions, newLoader func() *Loader, during func(dir string)) *watched {
	t.Helper()
	w := &watched{
		dir:     dir,
		scans:   make(chan map[string]bool, 100_000),
		offered: make(chan bool, 100_000),
		errs:    make(chan error, 100),
		polls:   make(chan error, 10),
		done:    make(chan error, 1),
	}
	opt.OnError = func(err error) { w.errs <- err }
	opt.OnPoll = func(reason error) { w.polls <- reason }
	ctx, cancel := context.WithCancel(context.Background())
	// What onChange sees is what a Loader makes of the changes it is
	// given: the test checks that events name every path that changed.
	l := newLoader()
	known := map[string]bool{}
	first := true
	go func() {
		w.done <- Watch(ctx, dir, opt, func(c Changes) time.Duration {
			w.calls.Add(1)
			w.offered <- c.Watch != nil
			var d Delta
			var err error
			switch {
			case c.All && c.Watch != nil && first && during != nil:
				d, err = l.LoadWatching(func(p string) {
					c.Watch(p)
					during(p)
				}, nil)
			case c.All:
				d, err = l.LoadWatching(c.Watch, nil)
			default:
				d, err = l.Update(c.Paths)
			}
			first = false
			if err != nil {
				clear(known) // the folder is gone
				l = newLoader()
			}
			for _, a := range d.Changed {
				known[a.Path] = true
			}
			for _, e := range d.Errors {
				if pe := (*ParseError)(nil); errors.As(e, &pe) && !errors.Is(e, ErrSymlink) {
					known[pe.Path] = true
				}
			}
			for _, p := range d.Removed {
				delete(known, p)
			}
			w.scans <- maps.Clone(known)
			return 0
		})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-w.done:
			if err != nil {
				t.Errorf("Watch = %v, want nil after cancel", err)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("Watch still running 5s after cancel")
		}
	})
	select {
	case w.first = <-w.scans:
	case err := <-w.done:
		t.Fatalf("Watch = %v before its first scan", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no first scan within 10s")
	}
	return w
}

// waitScan waits for a scan for which ok holds.
func (w *watched) waitScan(t *testing.T, timeout time.Duration, what string, ok func(map[string]bool) bool) {
	t.Helper()
	deadline := time.After(timeout)
	var last map[string]bool
	for {
		select {
		case s := <-w.scans:
			if ok(s) {
				return
			}
			last = s
		case err := <-w.done:
			t.Fatalf("Watch = %v while waiting for %s", err, what)
		case <-deadline:
			t.Fatalf("no scan with %s within %v; last scan found %d files", what, timeout, len(last))
		}
	}
}

// quiet checks that onChange does not run for d.
func (w *watched) quiet(t *testing.T, d time.Duration, after string) {
	t.Helper()
	select {
	case s := <-w.scans:
		t.Errorf("onChange ran (found %d files) after %s, want no call", len(s), after)
	case <-time.After(d):
	}
}

func has(paths ...string) func(map[string]bool) bool {
	return func(s map[string]bool) bool {
		for _, p := range paths {
			if !s[p] {
				return false
			}
		}
		return true
	}
}

func lacks(p string) func(map[string]bool) bool {
	return func(s map[string]bool) bool { return !s[p] }
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestWatchDebounce checks that a burst of events causes one onChange.
func TestWatchDebounce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const debounce = 150 * time.Millisecond
	w := startWatch(t, dir, WatchOptions{Debounce: debounce, MaxDelay: 10 * time.Second})
	var maxGap time.Duration
	last := time.Now()
	for i := range 200 {
		write(t, filepath.Join(dir, fmt.Sprintf("a%03d.md", i)), "# A\n\nBody.\n")
		maxGap = max(maxGap, time.Since(last))
		last = time.Now()
	}
	w.waitScan(t, waitTimeout, "200 files", func(s map[string]bool) bool { return len(s) == 200 })
	w.quiet(t, 2*debounce, "the burst's scan")
	if n := w.calls.Load(); n != 2 {
		if maxGap > debounce/2 {
			t.Logf("onChange ran %d times, but the machine paused %v between two writes: not one burst", n, maxGap)
		} else {
			t.Errorf("onChange ran %d times for the start and a burst of 200 files, want 2", n)
		}
	}
}

// TestWatchMaxDelay checks that a steady stream of events cannot put
// onChange off for longer than MaxDelay.
func TestWatchMaxDelay(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const maxDelay = 200 * time.Millisecond
	w := startWatch(t, dir, WatchOptions{Debounce: 100 * time.Millisecond, MaxDelay: maxDelay})
	start := time.Now()
	var first time.Duration
	for i := 0; time.Since(start) < 1200*time.Millisecond; i++ {
		write(t, filepath.Join(dir, "stream.md"), "# Stream\n\n"+strings.Repeat("x", i)+"\n")
		select {
		case <-w.scans:
			if first == 0 {
				first = time.Since(start)
			}
		default:
		}
		time.Sleep(20 * time.Millisecond) // events every 20ms: the 100ms debounce never expires
	}
	if first == 0 || first > maxDelay+400*time.Millisecond {
		t.Errorf("first onChange %v after a stream of events began, want about %v (max_delay)", first, maxDelay)
	}
	if n := w.calls.Load() - 1; n < 3 || n > 12 {
		t.Errorf("onChange ran %d times during 1.2s of events with max_delay %v, want about 6", n, maxDelay)
	}
}

// TestWatchIgnores checks that editors' temporary files and chmod-only
// events cause no onChange.
func TestWatchIgnores(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.md"), "# A\n")
	w := startWatch(t, dir, WatchOptions{Debounce: 30 * time.Millisecond})
	for _, name := range []string{"4913", "a.md~", ".a.md.swp", "a.md.swx", "#a.md#", ".#a.md", "a.md___jb_tmp___", "a.md___jb_old___", ".goutputstream-X1Y2Z3", "a.md.tmp", "image.png"} {
		p := filepath.Join(dir, name)
		write(t, p, "junk")
		write(t, p, "more junk")
		mustDo(t, os.Remove(p))
	}
	mustDo(t, os.Mkdir(filepath.Join(dir, ".git"), 0o755))
	write(t, filepath.Join(dir, ".git", "index.md"), "# not an article\n")
	mustDo(t, os.Chmod(filepath.Join(dir, "a.md"), 0o600))
	now := time.Now()
	mustDo(t, os.Chtimes(filepath.Join(dir, "a.md"), now, now)) // touch
	w.quiet(t, 300*time.Millisecond, "temporary files, a dot-folder, chmod and touch")
}

// TestWatchFolders checks that folders created (mkdir -p), moved in, renamed
// and moved about are watched, and that files written in them before their
// watch began are found.
func TestWatchFolders(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w := startWatch(t, dir, WatchOptions{Debounce: 30 * time.Millisecond})

	// mkdir -p and a file at once: the file may beat the watches.
	mustDo(t, os.MkdirAll(filepath.Join(dir, "a", "b", "c"), 0o755))
	write(t, filepath.Join(dir, "a", "b", "c", "one.md"), "# One\n")
	w.waitScan(t, waitTimeout, "a/b/c/one.md", has("a/b/c/one.md"))
	// The new folders are watched: a later file raises its own event.
	write(t, filepath.Join(dir, "a", "b", "c", "two.md"), "# Two\n")
	w.waitScan(t, waitTimeout, "a/b/c/two.md", has("a/b/c/two.md"))

	// A tree moved in from outside, with files already in it.
	outside := t.TempDir()
	mustDo(t, os.MkdirAll(filepath.Join(outside, "in", "deep"), 0o755))
	write(t, filepath.Join(outside, "in", "deep", "three.md"), "# Three\n")
	mustDo(t, os.Rename(filepath.Join(outside, "in"), filepath.Join(dir, "in")))
	w.waitScan(t, waitTimeout, "in/deep/three.md", has("in/deep/three.md"))
	write(t, filepath.Join(dir, "in", "deep", "four.md"), "# Four\n")
	w.waitScan(t, waitTimeout, "in/deep/four.md", has("in/deep/four.md"))

	// A renamed folder: new subfolders of its subfolders are watched, which
	// needs the watches under the new name (inotify keeps the old one).
	mustDo(t, os.Rename(filepath.Join(dir, "a"), filepath.Join(dir, "x")))
	w.waitScan(t, waitTimeout, "x/b/c/one.md", has("x/b/c/one.md", "x/b/c/two.md"))
	mustDo(t, os.Mkdir(filepath.Join(dir, "x", "b", "c", "d"), 0o755))
	w.waitScan(t, waitTimeout, "the scan after mkdir x/b/c/d", func(map[string]bool) bool { return true })
	write(t, filepath.Join(dir, "x", "b", "c", "d", "five.md"), "# Five\n")
	w.waitScan(t, waitTimeout, "x/b/c/d/five.md", has("x/b/c/d/five.md"))

	// A folder moved into another one, then its file edited.
	mustDo(t, os.Rename(filepath.Join(dir, "in"), filepath.Join(dir, "x", "in")))
	w.waitScan(t, waitTimeout, "x/in/deep/three.md", has("x/in/deep/three.md"))
	mustDo(t, os.Mkdir(filepath.Join(dir, "x", "in", "deep", "er"), 0o755))
	w.waitScan(t, waitTimeout, "the scan after mkdir x/in/deep/er", func(map[string]bool) bool { return true })
	write(t, filepath.Join(dir, "x", "in", "deep", "er", "six.md"), "# Six\n")
	w.waitScan(t, waitTimeout, "x/in/deep/er/six.md", has("x/in/deep/er/six.md"))

	// A folder moved out: its files leave, and it raises no more events.
	mustDo(t, os.Rename(filepath.Join(dir, "x", "in"), filepath.Join(outside, "gone")))
	w.waitScan(t, waitTimeout, "x/in gone", lacks("x/in/deep/three.md"))
	write(t, filepath.Join(outside, "gone", "deep", "seven.md"), "# Seven\n")
	w.quiet(t, 200*time.Millisecond, "writing into a folder moved out")

	// A removed tree.
	mustDo(t, os.RemoveAll(filepath.Join(dir, "x")))
	w.waitScan(t, waitTimeout, "x removed", func(s map[string]bool) bool { return len(s) == 0 })
	mustDo(t, os.MkdirAll(filepath.Join(dir, "x", "b"), 0o755))
	write(t, filepath.Join(dir, "x", "b", "eight.md"), "# Eight\n")
	w.waitScan(t, waitTimeout, "x/b/eight.md", has("x/b/eight.md"))
}

// TestWatchSymlinks checks that symbolic links are not followed: a linked
// folder outside raises no events, a link loop does no harm.
func TestWatchSymlinks(t *testing.T) {
	t.Parallel()
	dir, outside := t.TempDir(), t.TempDir()
	mustDo(t, os.Symlink(outside, filepath.Join(dir, "out")))
	mustDo(t, os.Symlink(".", filepath.Join(dir, "loop")))
	mustDo(t, os.Symlink("self", filepath.Join(dir, "self")))
	w := startWatch(t, dir, WatchOptions{Debounce: 30 * time.Millisecond})
	write(t, filepath.Join(outside, "a.md"), "# A\n")
	w.quiet(t, 200*time.Millisecond, "writing into a folder outside, linked from inside")
	write(t, filepath.Join(dir, "b.md"), "# B\n")
	w.waitScan(t, waitTimeout, "b.md", has("b.md"))

	// A content folder that is itself a link is watched where it points.
	link := filepath.Join(t.TempDir(), "content")
	mustDo(t, os.Symlink(outside, link))
	w2 := startWatch(t, link, WatchOptions{Debounce: 30 * time.Millisecond})
	write(t, filepath.Join(outside, "c.md"), "# C\n")
	w2.waitScan(t, waitTimeout, "c.md through the linked content folder", has("c.md"))
}

// TestWatchRootReplaced checks a content folder moved away and replaced, or
// deleted and made again later: the new one is watched.
func TestWatchRootReplaced(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	dir := filepath.Join(parent, "content")
	mustDo(t, os.Mkdir(dir, 0o755))
	write(t, filepath.Join(dir, "old.md"), "# Old\n")
	w := startWatch(t, dir, WatchOptions{Debounce: 30 * time.Millisecond, PollInterval: 50 * time.Millisecond})

	// A deploy's swap: mv content content.old; mv content.new content.
	mustDo(t, os.Mkdir(filepath.Join(parent, "content.new"), 0o755))
	write(t, filepath.Join(parent, "content.new", "new.md"), "# New\n")
	mustDo(t, os.Rename(dir, filepath.Join(parent, "content.old")))
	mustDo(t, os.Rename(filepath.Join(parent, "content.new"), dir))
	w.waitScan(t, waitTimeout, "the new content folder", func(s map[string]bool) bool { return s["new.md"] && !s["old.md"] })
	write(t, filepath.Join(dir, "newer.md"), "# Newer\n")
	w.waitScan(t, waitTimeout, "newer.md, in the new folder", has("new.md", "newer.md"))
	write(t, filepath.Join(parent, "content.old", "stale.md"), "# Stale\n")
	w.quiet(t, 200*time.Millisecond, "writing into the old folder")

	// Deleted, then made again a little later.
	mustDo(t, os.RemoveAll(dir))
	w.waitScan(t, waitTimeout, "no content folder", func(s map[string]bool) bool { return len(s) == 0 })
	time.Sleep(100 * time.Millisecond)
	mustDo(t, os.Mkdir(dir, 0o755))
	write(t, filepath.Join(dir, "again.md"), "# Again\n")
	w.waitScan(t, waitTimeout, "again.md", has("again.md"))
	write(t, filepath.Join(dir, "again2.md"), "# Again, too\n")
	w.waitScan(t, waitTimeout, "again2.md, by its event", has("again.md", "again2.md"))
}

// TestWatchRootLinkRetargeted checks a content folder that is a link, as
// deploys make ("current -> releases/1"), pointed at another folder.
func TestWatchRootLinkRetargeted(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	mustDo(t, os.MkdirAll(filepath.Join(parent, "releases", "1"), 0o755))
	mustDo(t, os.MkdirAll(filepath.Join(parent, "releases", "2", "sub"), 0o755))
	write(t, filepath.Join(parent, "releases", "1", "one.md"), "# One\n")
	write(t, filepath.Join(parent, "releases", "2", "two.md"), "# Two\n")
	current := filepath.Join(parent, "current")
	mustDo(t, os.Symlink("releases/1", current))
	w := startWatch(t, current, WatchOptions{Debounce: 30 * time.Millisecond})
	write(t, filepath.Join(parent, "unrelated.md"), "# Next to the link\n")
	w.quiet(t, 150*time.Millisecond, "writing next to the link")

	// ln -sfn releases/2 current: a new link renamed over the old.
	mustDo(t, os.Symlink("releases/2", filepath.Join(parent, "current.tmp")))
	mustDo(t, os.Rename(filepath.Join(parent, "current.tmp"), current))
	w.waitScan(t, waitTimeout, "release 2", func(s map[string]bool) bool { return s["two.md"] && !s["one.md"] })
	write(t, filepath.Join(parent, "releases", "2", "sub", "three.md"), "# Three\n")
	w.waitScan(t, waitTimeout, "sub/three.md, in release 2", has("two.md", "sub/three.md"))
	write(t, filepath.Join(parent, "releases", "1", "stale.md"), "# Stale\n")
	w.quiet(t, 200*time.Millisecond, "writing into release 1")
}

// TestLoadSymlinks checks that the Loader reports symbolic links that could
// stand for articles, and follows none.
func TestLoadSymlinks(t *testing.T) {
	t.Parallel()
	dir, outside := t.TempDir(), t.TempDir()
	write(t, filepath.Join(outside, "secret.md"), "# Secret\n\nNot to be published.\n")
	write(t, filepath.Join(dir, "a.md"), "# A\n\nThe one article.\n")
	mustDo(t, os.Symlink(outside, filepath.Join(dir, "out")))
	mustDo(t, os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "secret.md")))
	mustDo(t, os.Symlink(".", filepath.Join(dir, "loop")))
	mustDo(t, os.Symlink("self.md", filepath.Join(dir, "self.md")))
	mustDo(t, os.Symlink("a.md", filepath.Join(dir, "alias.md")))
	write(t, filepath.Join(dir, "logo.png"), "png")
	mustDo(t, os.Symlink("logo.png", filepath.Join(dir, "logo-link.png"))) // not an article: no report
	d, _ := (&Loader{FS: os.DirFS(dir)}).Load()
	arts, err := d.Changed, errors.Join(d.Errors...)
	// Reading straight from the OS (Dir) finds the same.
	if direct, _ := (&Loader{FS: os.DirFS(dir), Dir: dir}).Load(); !reflect.DeepEqual(direct, d) {
		t.Errorf("Load() with Dir = %+v, without = %+v", direct, d)
	}
	if len(arts) != 1 || arts[0].Path != "a.md" {
		t.Errorf("Load() = %d articles, want only a.md", len(arts))
	}
	var got []string
	for _, e := range errs(err) {
		var perr *ParseError
		if !errors.As(e, &perr) || !errors.Is(e, ErrSymlink) {
			t.Errorf("Load() error %v, want a *ParseError wrapping ErrSymlink", e)
			continue
		}
		got = append(got, perr.Path)
	}
	slices.Sort(got)
	if want := []string{"alias.md", "loop", "out", "secret.md", "self.md"}; !slices.Equal(got, want) {
		t.Errorf("Load() reported links %q, want %q", got, want)
	}
	// A file system without links: nothing to report.
	if d, err := (&Loader{FS: fstest.MapFS{"a.md": {Data: []byte("# A\n")}}}).Load(); err != nil || len(d.Errors) > 0 {
		t.Errorf("Load(MapFS) = %v", err)
	}
}

func errs(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err == nil {
		return nil
	}
	return []error{err}
}

// TestWatchOverflowInjected checks that a watcher error, such as an
// overflowed queue, causes a report and a rescan, not a failure.
func TestWatchOverflowInjected(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	inject := make(chan error)
	w := startWatch(t, dir, WatchOptions{Debounce: 30 * time.Millisecond, testErrors: inject})
	inject <- fsnotify.ErrEventOverflow
	select {
	case err := <-w.errs:
		if !errors.Is(err, fsnotify.ErrEventOverflow) {
			t.Errorf("OnError(%v), want ErrEventOverflow", err)
		}
	case <-time.After(waitTimeout):
		t.Fatal("OnError not called within 3s of an overflow")
	}
	w.waitScan(t, waitTimeout, "the rescan after an overflow", func(map[string]bool) bool { return true })
	for range 5 {
		inject <- errors.New("read inotify: input/output error")
	}
	w.waitScan(t, waitTimeout, "the rescan after five errors", func(map[string]bool) bool { return true })
	if n := len(w.errs); n != 1 {
		t.Errorf("OnError called %d times for a burst of 5 errors, want 1", n)
	}
	w.quiet(t, 150*time.Millisecond, "the rescan") // one rescan for the burst
	write(t, filepath.Join(dir, "a.md"), "# A\n")
	w.waitScan(t, waitTimeout, "a.md after the errors", has("a.md"))
}

// TestWatchOverflowReal stalls the loop, as a slow rebuild would, while far
// more events happen than the kernel queues, so inotify really overflows:
// Watch reports it, rescans, and watches the folder created while events
// were being dropped.
func TestWatchOverflowReal(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("/proc/sys/fs/inotify/max_queued_events")
	if err != nil {
		t.Skip("no inotify:", err)
	}
	queue, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || queue > 100_000 {
		t.Skipf("fs.inotify.max_queued_events = %q: too many files to overflow it quickly", b)
	}
	dir := t.TempDir()
	stall := make(chan struct{})
	var once sync.Once
	w := startWatch(t, dir, WatchOptions{
		Debounce: 50 * time.Millisecond,
		testEvent: func(fsnotify.Event) {
			once.Do(func() { <-stall })
		},
	})
	// Each file raises IN_CREATE and IN_MODIFY; fsnotify reads up to 4096
	// events before it blocks on the stalled loop, the kernel queues the rest.
	n := (queue+4096)/2 + 3000
	for i := range n {
		write(t, filepath.Join(dir, fmt.Sprintf("f%05d.md", i)), "# F\n")
	}
	mustDo(t, os.Mkdir(filepath.Join(dir, "late"), 0o755)) // its Create event is lost
	close(stall)
	select {
	case err := <-w.errs:
		if !errors.Is(err, fsnotify.ErrEventOverflow) {
			t.Errorf("OnError(%v), want ErrEventOverflow", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no ErrEventOverflow within 20s")
	}
	w.waitScan(t, waitTimeout, fmt.Sprintf("all %d files", n), func(s map[string]bool) bool { return len(s) == n })
	write(t, filepath.Join(dir, "late", "late.md"), "# Late\n")
	w.waitScan(t, waitTimeout, "late/late.md, in a folder made while events were lost", has("late/late.md"))
}

// TestWatchPoll checks polling: no notifications, the same scan on a timer.
func TestWatchPoll(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w := startWatch(t, dir, WatchOptions{Mode: WatchPoll, PollInterval: 50 * time.Millisecond})
	if reason := <-w.polls; reason != nil {
		t.Errorf("OnPoll(%v) in poll mode, want nil", reason)
	}
	mustDo(t, os.MkdirAll(filepath.Join(dir, "a", "b"), 0o755))
	write(t, filepath.Join(dir, "a", "b", "x.md"), "# X\n")
	w.waitScan(t, waitTimeout, "a/b/x.md", has("a/b/x.md"))
	mustDo(t, os.Remove(filepath.Join(dir, "a", "b", "x.md")))
	w.waitScan(t, waitTimeout, "a/b/x.md gone", lacks("a/b/x.md"))
}

// TestWatchFallback checks that auto mode polls, and says why, when the
// watch limit is reached, at the start or later; notify mode fails instead.
func TestWatchFallback(t *testing.T) {
	t.Parallel()
	limited := func(w *fsnotify.Watcher, dir string) error {
		if filepath.Base(dir) == "full" {
			return fmt.Errorf("inotify_add_watch: %w", syscall.ENOSPC)
		}
		return w.Add(dir)
	}
	t.Run("start", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		mustDo(t, os.Mkdir(filepath.Join(dir, "full"), 0o755))
		w := startWatch(t, dir, WatchOptions{PollInterval: 50 * time.Millisecond, testAdd: limited})
		if reason := <-w.polls; reason == nil || !strings.Contains(reason.Error(), "max_user_watches") {
			t.Errorf("OnPoll(%v), want a reason naming fs.inotify.max_user_watches", reason)
		}
		write(t, filepath.Join(dir, "full", "a.md"), "# A\n")
		w.waitScan(t, waitTimeout, "full/a.md, by polling", has("full/a.md"))
	})
	t.Run("later", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		w := startWatch(t, dir, WatchOptions{Debounce: 30 * time.Millisecond, PollInterval: 50 * time.Millisecond, testAdd: limited})
		mustDo(t, os.Mkdir(filepath.Join(dir, "full"), 0o755))
		select {
		case reason := <-w.polls:
			if reason == nil || !strings.Contains(reason.Error(), "max_user_watches") {
				t.Errorf("OnPoll(%v), want a reason naming fs.inotify.max_user_watches", reason)
			}
		case <-time.After(waitTimeout):
			t.Fatal("no fallback to polling within 3s of reaching the watch limit")
		}
		write(t, filepath.Join(dir, "full", "a.md"), "# A\n")
		w.waitScan(t, waitTimeout, "full/a.md, by polling", has("full/a.md"))
	})
	t.Run("notify", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		mustDo(t, os.Mkdir(filepath.Join(dir, "full"), 0o755))
		err := Watch(context.Background(), dir, WatchOptions{Mode: WatchNotify, testAdd: limited}, func(Changes) time.Duration {
			t.Error("onChange called, want Watch to fail first")
			return 0
		})
		if err == nil || !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("Watch(notify) over the watch limit = %v, want an error wrapping ENOSPC", err)
		}
	})
}

// TestRemoteFS checks the file system test of auto mode on a local folder,
// and the table of network file systems.
func TestRemoteFS(t *testing.T) {
	if kind := remoteFS(t.TempDir()); kind != "" {
		t.Errorf("remoteFS(a temporary folder) = %q, want \"\" (a local file system)", kind)
	}
	if kind := remoteFS(filepath.Join(t.TempDir(), "missing")); kind != "" {
		t.Errorf("remoteFS(a missing folder) = %q, want \"\"", kind)
	}
}

// TestWatchManyFiles checks many files in one folder: one watch, a scan
// of them all, and events still arrive. Creating files is slow on some
// machines (100,000 take 18s on the reference VM), so the default is 10,000;
// HERALD_TEST_FILES=100000 runs the full size.
func TestWatchManyFiles(t *testing.T) {
	n := 10_000
	if v := os.Getenv("HERALD_TEST_FILES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatalf("HERALD_TEST_FILES=%q: %v", v, err)
		}
	}
	if testing.Short() {
		t.Skip(n, "files")
	}
	t.Parallel()
	dir := t.TempDir()
	start := time.Now()
	for i := range n {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("a%06d.md", i)))
		mustDo(t, err)
		mustDo(t, f.Close())
	}
	t.Logf("created %d files in %v", n, time.Since(start))
	start = time.Now()
	w := startWatch(t, dir, WatchOptions{Debounce: 30 * time.Millisecond})
	t.Logf("watching and scanned after %v", time.Since(start))
	write(t, filepath.Join(dir, "last.md"), "# Last\n")
	w.waitScan(t, waitTimeout, "all the files", func(s map[string]bool) bool { return len(s) == n+1 })
}
