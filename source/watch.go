package source

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// WatchOptions tune [Watch].
type WatchOptions struct {
	// Debounce is the quiet time after the last event before onChange runs,
	// so a burst of saves causes one rebuild.
	Debounce time.Duration
	// MaxDelay bounds how long a steady stream of events can put a rebuild off.
	MaxDelay time.Duration
	// Rescan, when positive, runs onChange on this period even without events:
	// fsnotify's events are hints, and a scan of the folder is the truth.
	Rescan time.Duration
	// OnError receives watcher errors (a full rescan follows each); may be nil.
	OnError func(error)
}

// Watch calls onChange whenever something below dir may have changed, until
// ctx is done. It watches every folder below dir (fsnotify is not
// recursive), adding folders as they appear. A watcher error, including an
// overflowed event queue, causes a rescan rather than a failure. onChange
// returns how long until it must run again without any event (a scheduled
// article coming due), or 0 for never. Watch runs onChange on its own
// goroutine only, so onChange needs no locking.
func Watch(ctx context.Context, dir string, opt WatchOptions, onChange func() time.Duration) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	defer w.Close()
	if err := addTree(w, dir); err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	if opt.Debounce <= 0 {
		opt.Debounce = 100 * time.Millisecond
	}
	if opt.MaxDelay < opt.Debounce {
		opt.MaxDelay = 10 * opt.Debounce
	}

	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	var due <-chan time.Time // the scheduled or periodic rebuild
	var dueTimer *time.Timer
	schedule := func(d time.Duration) {
		if dueTimer != nil {
			dueTimer.Stop()
		}
		if opt.Rescan > 0 && (d <= 0 || opt.Rescan < d) {
			d = opt.Rescan
		}
		if d <= 0 {
			due = nil
			return
		}
		dueTimer = time.NewTimer(d)
		due = dueTimer.C
	}
	defer func() {
		if dueTimer != nil {
			dueTimer.Stop()
		}
	}()
	var firstEvent time.Time // of the pending burst; zero when none
	pending := func() {
		now := time.Now()
		if firstEvent.IsZero() {
			firstEvent = now
		}
		wait := opt.Debounce
		if left := opt.MaxDelay - now.Sub(firstEvent); left < wait {
			wait = max(left, 0)
		}
		quiet.Reset(wait)
	}
	schedule(onChange())
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Op == fsnotify.Chmod || Skip(filepath.Base(ev.Name)) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					// A new folder: watch it, and whatever was created in it
					// before the watch began is found by the rescan.
					if err := addTree(w, ev.Name); err != nil && opt.OnError != nil {
						opt.OnError(err)
					}
				}
			}
			pending()
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			if opt.OnError != nil {
				opt.OnError(err)
			}
			pending() // an overflow or any other error: rescan everything
		case <-quiet.C:
			firstEvent = time.Time{}
			schedule(onChange())
		case <-due:
			schedule(onChange())
		}
	}
}

// addTree watches dir and every folder below it, except dot-folders.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return nil // an unreadable folder is reported by the scan
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && Skip(d.Name()) {
			return fs.SkipDir
		}
		if err := w.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("watch %s: %w", p, err)
		}
		return nil
	})
}
