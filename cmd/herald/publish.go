package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"io/fs"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/heraldfeeds/herald/feed"
	"github.com/heraldfeeds/herald/internal/server"
	"github.com/heraldfeeds/herald/internal/store"
	"github.com/heraldfeeds/herald/source"
)

// publisher turns the content folder into served feeds. It runs on one
// goroutine at a time (startup, then the watcher's), so it needs no lock.
type publisher struct {
	log    *slog.Logger
	store  *store.Store
	server *server.Server
	loader *source.Loader

	articles  []*source.Article          // as last published
	published time.Time                  // when they were
	sum       [sha256.Size]byte          // of the paths and contents last published
	lastGood  map[string]*source.Article // by path: the last version that parsed
	failed    map[string]string          // by path and error: the errors already logged
}

// watch republishes whenever the content folder changes, and when a
// scheduled article comes due, until ctx is done.
func (p *publisher) watch(ctx context.Context, c ContentConfig) error {
	opt := source.WatchOptions{
		Mode:         c.Watch,
		PollInterval: c.PollInterval.Duration,
		Debounce:     c.Debounce.Duration,
		MaxDelay:     c.MaxDelay.Duration,
		Rescan:       c.Rescan.Duration,
		OnError: func(err error) {
			p.log.Warn("file events lost; rescanning the content folder", "err", err)
		},
		OnPoll: func(reason error) {
			if reason == nil {
				p.log.Info("watching the content folder by polling", "interval", c.PollInterval.Duration)
				return
			}
			p.log.Warn("watching the content folder by polling: file system notifications cannot be used", "interval", c.PollInterval.Duration, "reason", reason)
		},
	}
	failing := "" // the error last logged, so a folder gone for a while is logged once
	return source.Watch(ctx, c.Dir, opt, func() time.Duration {
		if err := p.rebuild(); err == nil {
			failing = ""
		} else if err.Error() != failing {
			failing = err.Error()
			p.log.Error("republish failed; still serving the last good feeds", "err", err)
		}
		return p.untilNextScheduled()
	})
}

// rebuild rescans the folder and publishes, unless nothing changed. A file
// that fails to parse is logged once per distinct error, and its last good
// version stays published; so do the articles in a folder that cannot be
// read. Drafts get no id or date until they are published: an article
// written as a draft is dated when it is published, not when it was begun.
func (p *publisher) rebuild() error {
	start := time.Now()
	arts, err := p.loader.Load()
	if arts == nil && err != nil {
		return err // the folder itself could not be read
	}
	present := make(map[string]bool, len(arts))
	for _, a := range arts {
		present[a.Path] = true
	}
	failedNow := map[string]string{}
	for _, e := range joined(err) {
		path, dir := failedPath(e)
		if errors.Is(e, fs.ErrNotExist) {
			p.log.Debug("file gone before it was read", "path", path)
			continue // removed between the walk and the read: its event brings a rescan
		}
		key := path + "\x00" + e.Error()
		if errors.Is(e, source.ErrTooLarge) {
			key = path + "\x00too large" // once, not once per size while it is written
		}
		failedNow[key] = e.Error()
		_, logged := p.failed[key]
		good, ok := p.lastGood[path]
		switch {
		case logged:
		case errors.Is(e, source.ErrSymlink):
			p.log.Info("symbolic link not followed", "path", path, "err", e)
		case dir:
			p.log.Warn("folder not read; its articles are left as they were", "path", path, "err", e)
		case ok:
			p.log.Warn("article left as it was: the file does not parse now", "path", path, "err", e, "served", good.Title)
		default:
			p.log.Warn("article skipped", "path", path, "err", e)
		}
		if path == "" {
			continue
		}
		for kept, a := range p.lastGood {
			if !present[kept] && (kept == path || dir && strings.HasPrefix(kept, path+"/")) {
				arts = append(arts, a)
				present[kept] = true
			}
		}
	}
	p.failed = failedNow

	now := time.Now()
	sum := contentSum(arts)
	if sum == p.sum && !p.comesDue(now) {
		p.log.Debug("unchanged", "articles", len(arts), "took", time.Since(start).Round(time.Microsecond))
		return nil
	}
	stamp := make([]*source.Article, 0, len(arts))
	for _, a := range arts {
		if !a.Draft {
			stamp = append(stamp, a)
		}
	}
	if err := p.store.Stamp(stamp, now); err != nil {
		return err
	}
	visible, updated, err := p.server.Publish(arts, now)
	if err != nil {
		return err
	}
	for path := range p.lastGood {
		if !present[path] {
			delete(p.lastGood, path) // deleted files leave the feeds
		}
	}
	for _, a := range arts {
		p.lastGood[a.Path] = a
	}
	p.articles, p.published, p.sum = arts, now, sum
	p.log.Info("published", "articles", len(arts), "visible", visible, "skipped", len(failedNow), "updated", updated, "took", time.Since(start).Round(time.Microsecond))
	return nil
}

// failedPath is the slash-separated path an error of [source.Loader.Load]
// is about, and whether it is a folder's; "" when unknown.
func failedPath(err error) (path string, dir bool) {
	var perr *source.ParseError
	if errors.As(err, &perr) {
		return perr.Path, false
	}
	var pathErr *fs.PathError // reading a folder (os.DirFS gives paths relative to its root)
	if errors.As(err, &pathErr) && fs.ValidPath(pathErr.Path) {
		return pathErr.Path, true
	}
	return "", false
}

// contentSum identifies a set of articles by their paths and contents: the
// same sum, the same feeds, as long as no scheduled article comes due.
func contentSum(arts []*source.Article) [sha256.Size]byte {
	sorted := make([]*source.Article, len(arts))
	copy(sorted, arts)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	h := sha256.New()
	for _, a := range sorted {
		h.Write([]byte(a.Path))
		h.Write([]byte{0})
		h.Write([]byte(a.Hash))
		h.Write([]byte{0})
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// comesDue reports whether a scheduled article has come due since the last
// publication.
func (p *publisher) comesDue(now time.Time) bool {
	next := feed.NextChange(p.articles, p.published)
	return !next.IsZero() && !next.After(now)
}

// untilNextScheduled is how long until a scheduled article comes due, or 0.
func (p *publisher) untilNextScheduled() time.Duration {
	next := feed.NextChange(p.articles, time.Now())
	if next.IsZero() {
		return 0
	}
	return time.Until(next) + time.Second
}

// joined splits an errors.Join error into its parts.
func joined(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
