package main

import (
	"errors"
	"log/slog"
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

	articles []*source.Article
	lastGood map[string]*source.Article // by path: the last version that parsed
	failed   map[string]string          // by path: the error already logged
}

// rebuild rescans the folder and publishes. A file that fails to parse is
// logged once per distinct error, and its last good version stays published.
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
	var perr *source.ParseError
	for _, e := range joined(err) {
		path := ""
		if errors.As(e, &perr) {
			path = perr.Path
		}
		failedNow[path+"\x00"+e.Error()] = e.Error()
		if _, logged := p.failed[path+"\x00"+e.Error()]; !logged {
			if good, ok := p.lastGood[path]; ok && path != "" {
				p.log.Warn("article left as it was: the file does not parse now", "path", path, "err", e, "served", good.Title)
			} else {
				p.log.Warn("article skipped", "path", path, "err", e)
			}
		}
		if good, ok := p.lastGood[path]; ok && path != "" && !present[path] {
			arts = append(arts, good)
			present[path] = true
		}
	}
	p.failed = failedNow
	if err := p.store.Stamp(arts, time.Now()); err != nil {
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
	p.articles = arts
	visible, updated, err := p.server.Publish(arts, time.Now())
	if err != nil {
		return err
	}
	p.log.Info("published", "articles", len(arts), "visible", visible, "skipped", len(failedNow), "updated", updated, "took", time.Since(start).Round(time.Microsecond))
	return nil
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
