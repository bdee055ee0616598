package source

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// The ways [Watch] can learn of changes, as content.watch names them.
const (
	// WatchAuto uses file system notifications (inotify), and polls when
	// they cannot be used: the watch or instance limit is reached, or the
	// folder is on a network or FUSE file system, where changes made by other
	// machines raise no event.
	WatchAuto = "auto"
	// WatchNotify uses notifications only; Watch fails if they cannot be set up.
	WatchNotify = "notify"
	// WatchPoll scans the folder every PollInterval.
	WatchPoll = "poll"
)

// Defaults of [WatchOptions].
const (
	DefaultDebounce     = 100 * time.Millisecond
	DefaultPollInterval = 2 * time.Second
)

// WatchOptions tune [Watch].
type WatchOptions struct {
	// Mode is WatchAuto (the default when empty), WatchNotify or WatchPoll.
	Mode string
	// PollInterval is the period of the scan when polling.
	PollInterval time.Duration
	// Debounce is the quiet time after the last event before onChange runs,
	// so a burst of saves causes one rebuild.
	Debounce time.Duration
	// MaxDelay bounds how long a steady stream of events can put a rebuild
	// off: onChange runs at most MaxDelay after the first event of a burst.
	MaxDelay time.Duration
	// Rescan, when positive, runs onChange on this period even without events:
	// fsnotify's events are hints, and a scan of the folder is the truth.
	Rescan time.Duration
	// OnError receives watcher errors, such as an overflowed event queue; a
	// full rescan follows each. It is called once per burst of errors. May be nil.
	OnError func(error)
	// OnPoll is called when Watch polls instead of using notifications, at
	// the start or later on (a new folder over the watch limit), with the
	// reason; the reason is nil when Mode is WatchPoll. May be nil.
	OnPoll func(reason error)
	// ScanWatches, in auto mode, lets onChange's scan set up the watches:
	// when it must be done (at the start, and again after lost events),
	// Watch hands onChange a [Changes.Watch] to call for each folder just
	// before listing it, instead of walking the folder tree itself first.
	// The tree is then listed once, not twice. A watch that cannot be added
	// (the limit reached) switches to polling once onChange returns, its
	// scan being complete all the same. onChange must call Changes.Watch
	// when it is set, as [Loader.LoadWatching] does. In notify mode, which
	// must fail before any scan when notifications cannot be set up, it has
	// no effect.
	ScanWatches bool

	// For tests: an error source merged with the watcher's, a hook run
	// before each event is handled (it may block, stalling the loop as a slow
	// rebuild would), and a replacement for adding one watch.
	testErrors <-chan error
	testEvent  func(fsnotify.Event)
	testAdd    func(w *fsnotify.Watcher, dir string) error
}

// Changes tells [Watch]'s onChange where to look.
type Changes struct {
	// All is set when the whole folder must be scanned: at the start, after
	// events were lost, on the periodic rescan and when polling.
	All bool
	// Paths lists, when All is not set, the files and folders named by
	// events since the last call (slash-separated, relative to the folder,
	// sorted). Empty when the call is for a scheduled article coming due.
	Paths []string
	// Watch, when set (only with All and [WatchOptions.ScanWatches]),
	// watches one folder, named as Paths are ("." for the top). The scan
	// must call it for each folder just before listing it, so that a file
	// created in the folder after the listing raises an event. It may only
	// be called during this onChange, on its goroutine.
	Watch func(dir string)
}

// maxPaths bounds the paths a burst of events collects: past it, a full scan
// is cheaper than looking at each.
const maxPaths = 4096

// Watch calls onChange whenever something below dir may have changed, until
// ctx is done, and once at the start (with All set), after the watches are
// set up (or, with opt.ScanWatches, setting them up as it scans), so that
// nothing changed since an earlier scan is missed.
//
// It watches every folder below dir (fsnotify is not recursive), adding
// folders as they are created, moved in or renamed, and dropping those moved
// away. It never follows symbolic links below dir; dir itself may be one,
// and may be pointed elsewhere or replaced while Watch runs. A burst of events causes one call of
// onChange after opt.Debounce of quiet, or opt.MaxDelay after its first event.
// A watcher error, including an overflowed event queue, causes a rescan
// rather than a failure. With [WatchAuto] it falls back to polling when
// notifications cannot be used, and says why through opt.OnPoll.
//
// onChange returns how long until it must run again without any event (a
// scheduled article coming due), or 0 for never. Watch runs onChange on its
// own goroutine only, so onChange needs no locking.
//
// Watch returns an error only when opt.Mode is unknown, or is [WatchNotify]
// and notifications cannot be set up.
func Watch(ctx context.Context, dir string, opt WatchOptions, onChange func(Changes) time.Duration) error {
	if opt.Mode == "" {
		opt.Mode = WatchAuto
	}
	switch opt.Mode {
	case WatchAuto, WatchNotify, WatchPoll:
	default:
		return fmt.Errorf("watch %s: unknown mode %q", dir, opt.Mode)
	}
	if opt.Debounce <= 0 {
		opt.Debounce = DefaultDebounce
	}
	if opt.MaxDelay < opt.Debounce {
		opt.MaxDelay = 10 * opt.Debounce
	}
	if opt.PollInterval <= 0 {
		opt.PollInterval = DefaultPollInterval
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	l := &loop{
		path:     dir,
		dir:      dir,
		opt:      opt,
		onChange: onChange,
		dirs:     map[string]bool{},
		paths:    map[string]bool{},
		all:      true, // the first call scans everything
		quiet:    stoppedTimer(),
		due:      stoppedTimer(),
	}
	defer l.stop()
	l.resolve()
	if opt.Mode == WatchPoll {
		l.startPolling(nil)
	} else if err := l.startNotify(); err != nil {
		if opt.Mode == WatchNotify {
			return fmt.Errorf("watch %s: %w", dir, err)
		}
		l.startPolling(err)
	}
	if opt.Rescan > 0 && l.w != nil {
		l.rescan = time.NewTicker(opt.Rescan)
	}
	return l.run(ctx)
}

// loop is the state of one [Watch]; only its goroutine touches it.
type loop struct {
	path     string // the content folder as given, made absolute
	dir      string // the folder path resolves to: path itself, unless it is a link
	link     bool   // path is a symbolic link: the folder holding it is watched too
	opt      WatchOptions
	onChange func(Changes) time.Duration
	paths    map[string]bool // named by events since the last onChange
	all      bool            // the next onChange scans everything

	w    *fsnotify.Watcher // nil when polling
	dirs map[string]bool   // the folders watched

	quiet      *time.Timer // debounce: fires after a burst of events
	firstEvent time.Time   // of the pending burst; zero when none
	due        *time.Timer // a scheduled article comes due
	rescan     *time.Ticker
	poll       *time.Ticker
	lost       bool // events were lost since the last onChange

	// Of a scan given Changes.Watch: whether it watched the top folder,
	// and the first error that makes notifications unusable.
	scanTop bool
	scanErr error
}

func stoppedTimer() *time.Timer {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return t
}

func (l *loop) run(ctx context.Context) error {
	l.changed()
	for {
		var events <-chan fsnotify.Event
		var errs <-chan error
		if l.w != nil {
			events, errs = l.w.Events, l.w.Errors
		}
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-events:
			if !ok {
				l.fallback(errors.New("the file system watcher stopped"), true)
				continue
			}
			if l.opt.testEvent != nil {
				l.opt.testEvent(ev)
			}
			if l.handle(ev) {
				l.note(ev.Name)
				l.pending()
			}
		case err, ok := <-errs:
			if !ok {
				l.fallback(errors.New("the file system watcher stopped"), true)
				continue
			}
			l.watchError(err)
		case err := <-l.opt.testErrors:
			l.watchError(err)
		case <-l.quiet.C:
			l.changed()
		case <-l.due.C:
			l.changed()
		case <-tickC(l.rescan):
			l.lost = true // events are hints: heal the watches too
			l.changed()
		case <-tickC(l.poll):
			l.all = true
			l.changed()
		}
	}
}

func tickC(t *time.Ticker) <-chan time.Time {
	if t == nil {
		return nil
	}
	return t.C
}

// changed runs onChange and schedules its next run. At the start, and after
// a watcher error, every folder is watched (again), picking up any whose
// creation was lost with the events; so it is when the content folder itself
// was replaced. That is done before the scan, or by the scan (scanWatches).
func (l *loop) changed() {
	l.quiet.Stop()
	l.firstEvent = time.Time{}
	var c Changes
	if l.w != nil {
		moved := l.link && l.retarget()
		if l.lost || moved || !l.dirs[l.dir] {
			if l.scanWatches() {
				c.Watch = l.watchListed
				l.scanTop, l.scanErr = false, nil
			} else {
				l.resync()
			}
			l.all = true
		}
		l.lost = false
	}
	c.All = l.all || l.w == nil
	if !c.All {
		for p := range l.paths {
			c.Paths = append(c.Paths, p)
		}
		slices.Sort(c.Paths)
	}
	clear(l.paths)
	l.all = false
	d := l.onChange(c)
	if c.Watch != nil {
		l.scanned()
	}
	if l.w != nil && !l.dirs[l.dir] {
		// The content folder is gone (deleted, or moved away and not yet
		// replaced): look for it again soon.
		if d <= 0 || d > l.opt.PollInterval {
			d = l.opt.PollInterval
		}
	}
	l.due.Stop()
	if d > 0 {
		l.due.Reset(d)
	}
}

// resolve sets dir to the folder path stands for. The walk that adds
// watches does not follow links, not even at its root, so a content folder
// that is a link (a deploy's "current -> releases/42") is watched where it
// points, and the folder holding the link is watched for the link being
// replaced.
func (l *loop) resolve() {
	info, err := os.Lstat(l.path)
	l.link = err == nil && info.Mode()&fs.ModeSymlink != 0
	l.dir = l.path
	if resolved, err := filepath.EvalSymlinks(l.path); err == nil {
		l.dir = resolved
	}
}

// retarget follows a content folder link that now points elsewhere, and
// reports whether it did.
func (l *loop) retarget() bool {
	old := l.dir
	l.resolve()
	if l.dir == old {
		return false
	}
	if l.w != nil {
		l.unwatchTree(old)
	}
	return true
}

// pending notes an event: onChange runs after Debounce of quiet, and no later
// than MaxDelay after the first event of the burst.
func (l *loop) pending() {
	now := time.Now()
	if l.firstEvent.IsZero() {
		l.firstEvent = now
	}
	wait := min(l.opt.Debounce, l.opt.MaxDelay-now.Sub(l.firstEvent))
	l.quiet.Reset(max(wait, 0))
}

// watchError handles an error from the watcher: the events it stands for are
// lost, so rescan. Only the first error of a burst is reported.
func (l *loop) watchError(err error) {
	if !l.lost {
		l.report(err)
	}
	l.lost = true
	l.pending()
}

// note records a path an event named, for the next onChange.
func (l *loop) note(name string) {
	rel, err := filepath.Rel(l.dir, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || len(l.paths) >= maxPaths {
		l.all = true // outside the folder (the link's own folder), or too many
		return
	}
	l.paths[filepath.ToSlash(rel)] = true
}

// handle acts on one event and reports whether it may change the articles.
func (l *loop) handle(ev fsnotify.Event) bool {
	name := filepath.Base(ev.Name)
	if Skip(name) || ev.Op == fsnotify.Chmod {
		// Editors' temporary files, and chmod or touch, which change no content.
		return false
	}
	if l.link && filepath.Dir(ev.Name) == filepath.Dir(l.path) && !l.dirs[ev.Name] {
		// The folder holding the content folder link: only the link matters.
		return ev.Name == l.path
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			// A new folder, or one moved in or renamed: watch it and
			// everything below it. Files written in it before the watches
			// began are found by the scan that follows.
			l.watchTree(ev.Name)
			return true
		}
	}
	if (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) && l.dirs[ev.Name] {
		l.unwatchTree(ev.Name)
		return true
	}
	if _, ok := KindOf(name); ok {
		return true
	}
	// Any other file is no article, but a folder that could not be watched
	// (unreadable, say) may be removed or renamed: its articles go.
	return (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) && filepath.Ext(name) == ""
}

// startNotify sets up the watcher, or says why notifications cannot be used.
func (l *loop) startNotify() error {
	if l.opt.Mode == WatchAuto {
		if kind := remoteFS(l.dir); kind != "" {
			return fmt.Errorf("%s is on %s, where changes made elsewhere raise no notification", l.dir, kind)
		}
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		if errors.Is(err, syscall.EMFILE) {
			return fmt.Errorf("%w: too many inotify instances (raise fs.inotify.max_user_instances)", err)
		}
		return err
	}
	l.w = w
	if !l.scanWatches() {
		if err := l.addTree(l.dir); err != nil {
			l.closeWatcher()
			return err
		}
	}
	if l.link {
		if err := w.Add(filepath.Dir(l.path)); err != nil {
			// Without it, a replaced link is noticed at the next rescan.
			l.report(fmt.Errorf("watch the folder of the content folder link: %w", err))
		}
	}
	return nil
}

func (l *loop) report(err error) {
	if l.opt.OnError != nil {
		l.opt.OnError(err)
	}
}

// startPolling switches to scanning the folder on a timer.
func (l *loop) startPolling(reason error) {
	l.closeWatcher()
	if l.rescan != nil {
		l.rescan.Stop()
		l.rescan = nil
	}
	if l.poll == nil {
		l.poll = time.NewTicker(l.opt.PollInterval)
	}
	if l.opt.OnPoll != nil {
		l.opt.OnPoll(reason)
	}
}

// fallback handles notifications failing while running. The watcher is
// gone, or it misses a folder (a limit reached): in auto mode, and whenever
// the watcher is gone, it switches to polling; otherwise it reports the
// error and carries on with what still works (the periodic rescan heals the
// rest). A scan follows either way.
func (l *loop) fallback(reason error, gone bool) {
	if gone || l.opt.Mode == WatchAuto {
		l.startPolling(reason)
	} else {
		l.report(reason)
	}
	l.pending()
}

func (l *loop) closeWatcher() {
	if l.w != nil {
		l.w.Close()
		l.w = nil
		clear(l.dirs)
	}
}

func (l *loop) stop() {
	l.closeWatcher()
	l.quiet.Stop()
	l.due.Stop()
	if l.rescan != nil {
		l.rescan.Stop()
	}
	if l.poll != nil {
		l.poll.Stop()
	}
}

// watchTree is addTree for a folder found while running.
func (l *loop) watchTree(dir string) {
	if err := l.addTree(dir); err != nil {
		l.fallback(err, false)
	}
}

// resync watches every folder again, picking up any whose creation was lost.
func (l *loop) resync() {
	if l.w != nil {
		l.watchTree(l.dir)
	}
}

// scanWatches reports whether the full scans set up the watches
// ([WatchOptions.ScanWatches]) rather than addTree. Only auto mode can
// learn that notifications are unusable once the scan is under way.
func (l *loop) scanWatches() bool {
	return l.opt.ScanWatches && l.opt.Mode == WatchAuto
}

// watchListed is [Changes.Watch]: it watches the folder dir the scan is
// about to list. After an error that makes notifications unusable it adds
// no more watches; the scan goes on, and scanned acts on the error.
func (l *loop) watchListed(dir string) {
	if l.w == nil || l.scanErr != nil {
		return
	}
	if dir == "." {
		l.scanTop = true
	}
	if _, err := l.watchFolder(filepath.Join(l.dir, filepath.FromSlash(dir))); err != nil {
		l.scanErr = err
	}
}

// scanned follows a scan given Changes.Watch. The scan's result is good
// whatever became of the watches: it listed every folder all the same. If a
// watch failed in a way that makes notifications unusable, it switches to
// polling now, closing the watcher with every watch the scan added; the
// scan that follows soon finds what changed in the folders listed before.
// A scan that did not list the content folder (it is gone, or onChange
// failed first) set nothing up: the next one tries again.
func (l *loop) scanned() {
	err := l.scanErr
	l.scanErr = nil
	switch {
	case err != nil:
		l.fallback(err, false)
	case !l.scanTop:
		l.lost = true
	}
}

// addTree watches dir and every folder below it, except those [Skip] names,
// without following symbolic links. Only what makes notifications unusable
// is an error: a watch or file descriptor limit, a network file system
// (in auto mode), or the root folder itself. A subfolder that cannot be read
// is left out; the scan reports it.
func (l *loop) addTree(dir string) error {
	if l.w == nil {
		return nil
	}
	info, err := os.Lstat(dir)
	if err != nil {
		if dir == l.dir && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil // a missing content folder is looked for again; the scan reports the rest
	}
	if !info.IsDir() || dir != l.dir && Skip(filepath.Base(dir)) {
		return nil
	}
	var buf []byte
	return l.addFolder(dir, &buf)
}

// addFolder watches the folder p, then the folders below it. It looks only
// for folders (listFolders): the tree, often thousands of files in a few
// folders, is walked before the scan that follows.
func (l *loop) addFolder(p string, buf *[]byte) error {
	if ok, err := l.watchFolder(p); !ok {
		return err
	}
	names, err := listFolders(p, buf)
	if err != nil && p == l.dir && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	// Below the top, a folder that cannot be listed is the scan's to report;
	// what could be listed is still watched.
	for _, name := range names {
		if Skip(name) {
			continue
		}
		if err := l.addFolder(filepath.Join(p, name), buf); err != nil {
			return err
		}
	}
	return nil
}

// watchFolder watches the folder p, and reports whether it does. Every
// watch is added here, by addTree's walk or by a scan's (Changes.Watch).
// Only what makes notifications unusable is an error: a watch or file
// descriptor limit, a network file system (in auto mode), or the content
// folder itself failing other than by being gone.
func (l *loop) watchFolder(p string) (bool, error) {
	if l.opt.Mode == WatchAuto && p != l.dir {
		if kind := remoteFS(p); kind != "" {
			return false, fmt.Errorf("%s is on %s, where changes made elsewhere raise no notification", p, kind)
		}
	}
	add := func(w *fsnotify.Watcher, dir string) error { return w.Add(dir) }
	if l.opt.testAdd != nil {
		add = l.opt.testAdd
	}
	if err := add(l.w, p); err != nil {
		switch {
		case errors.Is(err, syscall.ENOSPC):
			return false, fmt.Errorf("%s: %w: the inotify watch limit is reached (raise fs.inotify.max_user_watches)", p, err)
		case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE):
			return false, fmt.Errorf("%s: %w", p, err)
		case p == l.dir && !errors.Is(err, fs.ErrNotExist):
			return false, err
		}
		return false, nil // gone (looked for again), or unreadable (the scan will tell)
	}
	l.dirs[p] = true
	return true, nil
}

// unwatchTree drops the watches of a folder that was removed or moved away,
// and of every folder below it. A folder moved within the content folder
// keeps its inotify watch under its old name, so events from it would carry
// stale paths; the Create event of its new name watches it afresh.
func (l *loop) unwatchTree(dir string) {
	prefix := dir + string(filepath.Separator)
	for p := range l.dirs {
		if p == dir || strings.HasPrefix(p, prefix) {
			l.w.Remove(p) // an error means it is already gone
			delete(l.dirs, p)
		}
	}
}
