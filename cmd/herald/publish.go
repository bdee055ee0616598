package main

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"log/slog"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/heraldfeeds/herald/internal/catalog"
	"github.com/heraldfeeds/herald/internal/server"
	"github.com/heraldfeeds/herald/internal/store"
	"github.com/heraldfeeds/herald/source"
)

// publisher turns the content folder into served feeds. Its methods run on
// one goroutine at a time (startup, then the watcher's), except article,
// which HTTP handlers call.
//
// Every file is scanned once (its metadata, see [source.Scan]) and kept in
// the catalog and the state file's index; only the articles the feeds show
// are read in full, for their summary and content. A change costs work in
// proportion to the files it touches.
type publisher struct {
	log     *slog.Logger
	store   *store.Store
	server  *server.Server
	loader  *source.Loader
	catalog *catalog.Catalog
	items   int // how many the feeds show

	failed  map[string]string                     // by path: the error last logged for a file or folder failing now
	bodies  atomic.Pointer[map[string]store.Body] // by path: the summary and content of the feeds' items
	saved   map[string]store.Body                 // the bodies the state file holds
	made    string                                // what bodies are made by: this Herald and its summary length (store.Body.Made)
	retry   []string                              // paths of a delta the state file could not take, looked at again
	next    time.Time                             // when a scheduled article comes due; zero for none
	shown   string                                // fingerprint of the items last published
	started bool                                  // published at least once
}

// restore fills the catalog and the loader from the state file's index, so
// that the first scan reads only the files changed since the last run.
func (p *publisher) restore() error {
	if err := p.migrateHashes(); err != nil {
		return err
	}
	var arts []*source.Article
	err := p.store.Index(func(path string, rec store.Record) error {
		p.loader.Seed(path, rec.Stat, rec.Hash)
		a := rec.Meta
		if !a.Draft {
			store.Apply(a, rec)
		}
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		return err
	}
	p.catalog.Apply(arts, nil)
	saved, err := p.store.Bodies()
	if err != nil {
		p.log.Warn("the shown articles' content kept in the state file does not read; it is made again", "err", err)
	}
	// Bodies made by another version of Herald, or for another summary
	// length, are made again (and then replaced in the state file).
	bodies := make(map[string]store.Body, len(saved))
	for path, b := range saved {
		if b.Made == p.made {
			bodies[path] = b
		}
	}
	p.bodies.Store(&bodies)
	p.saved = saved
	return nil
}

// migrateHashes moves the content hashes of a state file written by an
// earlier Herald (SHA-256) to the current ones, before the loader is seeded
// with them: otherwise every file read again would differ from its record,
// and a file renamed would not be found by its content. The files are read
// as the loader reads them; one that is not read keeps its old hash, and
// the folder is listed only if a file is missing (see store.MigrateHashes).
func (p *publisher) migrateHashes() error {
	legacy, err := p.store.LegacyHashes()
	if err != nil || !legacy {
		return err
	}
	start := time.Now()
	p.log.Info("moving content hashes to XXH64: every article file is read once")
	maxSize := p.loader.MaxFileSize
	if maxSize <= 0 {
		maxSize = source.DefaultMaxFileSize
	}
	moved, err := p.store.MigrateHashes(func(path string) ([]byte, error) {
		info, err := fs.Lstat(p.loader.FS, path)
		switch {
		case err != nil:
			return nil, err
		case !info.Mode().IsRegular():
			return nil, fmt.Errorf("%s: not a regular file", path)
		case info.Size() > maxSize:
			return nil, fmt.Errorf("%s: %w", path, source.ErrTooLarge)
		}
		return fs.ReadFile(p.loader.FS, path)
	}, func() ([]string, error) {
		var paths []string
		err := fs.WalkDir(p.loader.FS, ".", func(path string, d fs.DirEntry, err error) error {
			switch _, article := source.KindOf(path); {
			case err != nil && path == ".":
				return err // the folder cannot be read: the move is tried again at the next start
			case err != nil:
				return nil // a folder the coming look will report
			case path != "." && source.Skip(d.Name()) && d.IsDir():
				return fs.SkipDir
			case d.Type().IsRegular() && article && !source.Skip(d.Name()):
				paths = append(paths, path)
			}
			return nil
		})
		return paths, err
	})
	if err != nil {
		return err
	}
	if legacy, err = p.store.LegacyHashes(); err != nil {
		return err
	}
	if legacy {
		p.log.Warn("content hashes moved to XXH64, but not all: some article files were not found or not read; the move goes on at the next start",
			"articles", moved, "took", time.Since(start).Round(time.Millisecond))
		return nil
	}
	p.log.Info("content hashes moved to XXH64", "articles", moved, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// watch republishes whenever the content folder changes, and when a
// scheduled article comes due, until ctx is done. Its first republish scans
// the whole folder, watching each folder just before listing it; the result
// of that one goes to first.
func (p *publisher) watch(ctx context.Context, c ContentConfig, first chan<- error) error {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var firstErr error // the first publish failed: the daemon does not start
	opt := source.WatchOptions{
		Mode:         c.Watch,
		PollInterval: c.PollInterval.Duration,
		Debounce:     c.Debounce.Duration,
		MaxDelay:     c.MaxDelay.Duration,
		Rescan:       c.Rescan.Duration,
		ScanWatches:  true, // rebuild's full scans take changes.Watch: the folders are listed once
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
	err := source.Watch(ctx, c.Dir, opt, func(changes source.Changes) time.Duration {
		if ctx.Err() != nil {
			return 0 // stopping: a poll tick or an event that came with the signal
		}
		err := p.rebuild(changes)
		if first != nil {
			first <- err
			first = nil
			if err != nil {
				firstErr = err
				stop()
				return 0
			}
		}
		if err == nil {
			failing = ""
			return p.untilNextScheduled()
		}
		if err.Error() != failing {
			failing = err.Error()
			p.log.Error("republish failed; still serving the last good feeds", "err", err, "retry", retryAfter)
		}
		if next := p.untilNextScheduled(); next > 0 && next < retryAfter {
			return next
		}
		return retryAfter
	})
	if firstErr != nil {
		return firstErr
	}
	return err
}

// retryAfter is how soon a republish that failed is tried again without
// any event: the state file could not be written (a full disk), or the
// content folder could not be read.
const retryAfter = 5 * time.Second

// rebuild looks at what changed (the whole folder, or the paths events
// named) and republishes, unless nothing did and no scheduled article came
// due. A file that fails to scan is logged once per distinct error, and its
// last good version stays published; so do the articles in a folder that
// cannot be read. Drafts get no id or date until they are published: an
// article written as a draft is dated when it is published, not when it
// was begun.
func (p *publisher) rebuild(changes source.Changes) error {
	start := time.Now()
	var d source.Delta
	var err error
	applied := false // d is in the state file and the catalog already
	switch {
	case changes.All && p.loader.Len() == 0:
		d, applied, err = p.loadNew(start, changes.Watch)
	case changes.All:
		d, err = p.loader.LoadWatching(changes.Watch, nil)
	default:
		d, err = p.loader.Update(slices.Concat(changes.Paths, p.retry))
	}
	if err != nil {
		return err // the folder itself could not be read, or the state file not written
	}
	p.noteErrors(d)

	// Files touched but not changed (same bytes) only update the index.
	changed := applied && len(d.Changed) > 0
	for _, a := range d.Changed {
		if old := p.catalog.Get(a.Path); old == nil || old.Hash != a.Hash {
			changed = true
			break
		}
	}
	for _, path := range d.Removed {
		if p.catalog.Get(path) != nil {
			changed = true
		}
	}
	now := time.Now()
	if !applied && (len(d.Changed) > 0 || len(d.Removed) > 0) {
		if err := p.store.Stamp(d.Changed, d.Removed, p.loader.Has, now); err != nil {
			p.undo(d)
			return err
		}
		p.catalog.Apply(d.Changed, d.Removed)
	}
	p.retry = nil
	due := !p.next.IsZero() && !p.next.After(now)
	if p.started && !changed && !due {
		p.log.Debug("unchanged", "articles", p.catalog.Len(), "took", time.Since(start).Round(time.Microsecond))
		return nil
	}
	view := p.catalog.Top(p.items, now)
	p.next = view.Next
	shown := fingerprint(view.Items)
	if p.started && shown == p.shown {
		// An article the feeds do not show changed (an old one edited, a
		// draft saved): the feeds stay as they are.
		p.log.Debug("published articles changed, the feeds did not", "articles", p.catalog.Len(), "changed", len(d.Changed), "removed", len(d.Removed), "took", time.Since(start).Round(time.Microsecond))
		return nil
	}
	items := p.withContent(view.Items)
	updated, err := p.server.Publish(items)
	if err != nil {
		return err
	}
	p.shown, p.started = shown, true
	p.log.Info("published", "articles", p.catalog.Len(), "visible", view.Visible, "changed", len(d.Changed), "removed", len(d.Removed),
		"failing", len(p.failed), "updated", updated, "took", time.Since(start).Round(time.Microsecond))
	return nil
}

// undo makes the next republish look at d's files again, as the state
// file could not take d: nothing of it is published.
func (p *publisher) undo(d source.Delta) {
	p.loader.Redo(d)
	p.retry = p.retry[:0]
	for _, a := range d.Changed {
		p.retry = append(p.retry, a.Path)
	}
	p.retry = append(p.retry, d.Removed...)
}

// loadNew is the first look at the folder when the state file is empty (a
// first start): the articles are stamped as the scan gives them, in path
// order, while the rest of the folder is still being read, and the catalog
// is filled while the last of the state file is written. The result is
// that of Load, Stamp and Apply one after the other, in about the time of
// the Load alone. With a state file that is not empty (every file was
// removed, for example, and their records wait for a file brought back)
// it is that Load, and applied is false. watch, when not nil, is called
// for each folder before it is listed (source.Changes.Watch).
func (p *publisher) loadNew(now time.Time, watch func(dir string)) (d source.Delta, applied bool, err error) {
	empty, err := p.store.Empty()
	if err != nil {
		return d, false, err
	}
	if !empty {
		d, err = p.loader.LoadWatching(watch, nil)
		return d, false, err
	}
	stamping, err := p.store.StampNew(now)
	if err != nil {
		return d, false, err
	}
	var stampErr error
	d, err = p.loader.LoadWatching(watch, func(batch []*source.Article) {
		if stampErr == nil {
			stampErr = stamping.Add(batch)
		}
	})
	if err != nil {
		// The folder could not be read. End closes the state file's
		// transaction all the same; nothing is published.
		if stampErr == nil {
			stampErr = stamping.End()
		}
		p.undo(d)
		return d, false, errors.Join(err, stampErr)
	}
	if stampErr == nil {
		// Every article has its id and dates once Add returns: End only
		// writes, so the catalog can be filled meanwhile.
		end := make(chan error, 1)
		go func() { end <- stamping.End() }()
		p.catalog.Apply(d.Changed, nil)
		stampErr = <-end
	}
	if stampErr != nil {
		p.catalog.Apply(nil, paths(d.Changed))
		p.undo(d)
		return d, false, stampErr
	}
	return d, true, nil
}

// paths returns the paths of arts.
func paths(arts []*source.Article) []string {
	out := make([]string, len(arts))
	for i, a := range arts {
		out[i] = a.Path
	}
	return out
}

// fingerprint identifies what the feeds show of items: the same
// fingerprint, the same bytes.
func fingerprint(items []*source.Article) string {
	var b strings.Builder
	for _, a := range items {
		fmt.Fprintf(&b, "%s\x00%s\x00%s\x00%s\x00%d\x00%d\n", a.Path, a.Hash, a.ID, a.Slug, a.Published.UnixNano(), a.Updated.UnixNano())
	}
	return b.String()
}

// noteErrors logs the files and folders that fail, once per distinct
// error, and forgets those that no longer do.
func (p *publisher) noteErrors(d source.Delta) {
	now := map[string]bool{}
	for _, e := range d.Errors {
		path, dir := failedPath(e)
		if errors.Is(e, fs.ErrNotExist) {
			p.log.Debug("file gone before it was read", "path", path)
			continue // removed between the look and the read: its event brings another look
		}
		msg := e.Error()
		if errors.Is(e, source.ErrTooLarge) {
			msg = "too large" // once, not once per size while it is written
		}
		now[path] = true
		if p.failed[path] == msg {
			continue
		}
		p.failed[path] = msg
		good := p.catalog.Get(path)
		switch {
		case errors.Is(e, source.ErrSymlink):
			p.log.Info("symbolic link not followed", "path", path, "err", e)
		case dir:
			p.log.Warn("folder not read; its articles are left as they were", "path", path, "err", e)
		case good != nil:
			p.log.Warn("article left as it was: the file does not read now", "path", path, "err", e, "served", good.Title)
		default:
			p.log.Warn("article skipped", "path", path, "err", e)
		}
	}
	for path := range p.failed {
		if d.Full && !now[path] {
			delete(p.failed, path)
		}
	}
	for _, a := range d.Changed {
		delete(p.failed, a.Path)
	}
	for _, path := range d.Removed {
		delete(p.failed, path)
	}
}

// failedPath is the slash-separated path an error of the loader is about,
// and whether it is a folder's; "" when unknown.
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

// withContent gives each item (copies, from the catalog) its summary and
// rendered body: kept from the last publication (or the last run) when the
// file has not changed, else read and parsed in full now. A file that
// cannot be read now keeps the body it had; one never read in full is shown
// with what the catalog knows of it. The bodies are kept in the state file.
func (p *publisher) withContent(items []*source.Article) []*source.Article {
	var old map[string]store.Body
	if m := p.bodies.Load(); m != nil {
		old = *m
	}
	fresh := make(map[string]store.Body, len(items))
	for _, a := range items {
		b, ok := old[a.Path]
		if !ok || b.Hash != a.Hash {
			full, err := p.parse(a.Path)
			switch {
			case err == nil:
				b = store.Body{Hash: full.Hash, Made: p.made, Summary: full.Summary, HTML: full.Content}
			case ok:
				p.log.Debug("article content kept as it was", "path", a.Path, "err", err)
			default:
				// Not kept: the file is read again at the next publication.
				p.log.Warn("article shown without its content: the file does not read now", "path", a.Path, "err", err)
				fb := fallbackBody(a)
				a.Summary, a.Content = fb.Summary, fb.HTML
				continue
			}
		}
		a.Summary, a.Content = b.Summary, b.HTML
		fresh[a.Path] = b
	}
	p.bodies.Store(&fresh)
	if err := p.store.SaveBodies(fresh, p.saved); err != nil {
		// The feeds are right; a restart would parse these files again.
		p.log.Warn("could not keep the shown articles' content in the state file", "err", err)
	} else {
		p.saved = fresh
	}
	return items
}

// parse reads and parses the file at path in full.
func (p *publisher) parse(path string) (*source.Article, error) {
	maxSize := p.loader.MaxFileSize
	if maxSize <= 0 {
		maxSize = source.DefaultMaxFileSize
	}
	info, err := fs.Stat(p.loader.FS, path)
	if err != nil {
		return nil, err
	}
	if info.Size() > maxSize {
		return nil, fmt.Errorf("%s: %w", path, source.ErrTooLarge)
	}
	src, err := fs.ReadFile(p.loader.FS, path)
	if err != nil {
		return nil, err
	}
	return source.Parse(path, src, p.loader.Options)
}

// article returns the article served at slug, with its content, or nil.
// HTTP handlers call it, concurrently with the publisher.
func (p *publisher) article(slug string) (*source.Article, error) {
	a := p.catalog.BySlug(slug, time.Now())
	if a == nil {
		return nil, nil
	}
	if m := p.bodies.Load(); m != nil {
		if b, ok := (*m)[a.Path]; ok && b.Hash == a.Hash {
			a.Summary, a.Content = b.Summary, b.HTML
			return a, nil
		}
	}
	if full, err := p.parse(a.Path); err == nil {
		a.Summary, a.Content = full.Summary, full.Content
	} else {
		p.log.Debug("article page shown without its content: the file does not read now", "path", a.Path, "err", err)
		b := fallbackBody(a)
		a.Summary, a.Content = b.Summary, b.HTML
	}
	return a, nil
}

// fallbackBody stands in for the body of an article whose file has never
// been read in full and does not read now: its summary when the catalog
// has one (from a state file of an earlier version), else its title.
func fallbackBody(a *source.Article) store.Body {
	text := a.Summary
	if text == "" {
		text = a.Title
	}
	return store.Body{Summary: a.Summary, HTML: "<p>" + html.EscapeString(text) + "</p>"}
}

// untilNextScheduled is how long until a scheduled article comes due, or 0.
func (p *publisher) untilNextScheduled() time.Duration {
	if p.next.IsZero() {
		return 0
	}
	return max(time.Until(p.next), 0) + time.Second
}
