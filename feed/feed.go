// Package feed turns articles into RSS 2.0, Atom 1.0 and JSON Feed 1.1
// documents. It selects what a feed shows (no drafts, nothing scheduled for
// later, newest first, at most N items) and renders each format through
// gorilla/feeds, wrapped where gorilla/feeds alone would write an invalid
// feed (see each writer). It is bytes in, bytes out: no HTTP, no logging, no
// clock. The same articles always give the same bytes.
package feed

import (
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/heraldfeeds/herald/source"
)

// Site describes the publication the feeds belong to.
type Site struct {
	Title       string
	Description string
	Language    string        // e.g. "en"
	BaseURL     string        // public address of the site, no trailing slash
	LinkPattern string        // article URL with a {slug} placeholder; empty: BaseURL + "/articles/{slug}"
	ID          string        // the feeds' own stable id (a URI)
	Since       time.Time     // when the site was first served: the date of a feed with no items
	Author      source.Person // default author of articles that name none
	Items       int           // most items in a feed
	TTL         time.Duration // how long readers may cache a feed
	Generator   string        // e.g. "Herald 1.0.0"
	// Paths maps a format name to the path it is served at; a format
	// missing here is served at its Format.Path.
	Paths map[string]string
}

// ArticleURL is the absolute address of an article.
func (s *Site) ArticleURL(a *source.Article) string {
	if s.LinkPattern != "" {
		return strings.ReplaceAll(s.LinkPattern, "{slug}", a.Slug)
	}
	return s.BaseURL + "/articles/" + a.Slug
}

// HomeURL is the absolute address of the site's home page.
func (s *Site) HomeURL() string { return s.BaseURL + "/" }

// Path is where the named format is served.
func (s *Site) Path(format string) string {
	if p, ok := s.Paths[format]; ok && p != "" {
		return p
	}
	return defaultPaths[format]
}

// defaultPaths are where the formats are served unless configured otherwise.
var defaultPaths = map[string]string{"rss": "/rss.xml", "atom": "/atom.xml", "json": "/feed.json"}

// FeedURL is the absolute address of the named format.
func (s *Site) FeedURL(format string) string { return s.BaseURL + s.Path(format) }

// Feed is what one rendering of the feeds shows.
type Feed struct {
	Site    *Site
	Items   []*source.Article // newest first
	Updated time.Time         // the newest item's updated date, or zero for an empty feed

	contentOnce sync.Once
	content     []string // see contents
}

// Visible returns the articles that may be shown at time now, newest first:
// no drafts, nothing dated after now. Ties are broken by id, so the order
// never depends on the order of the input.
func Visible(arts []*source.Article, now time.Time) []*source.Article {
	out := make([]*source.Article, 0, len(arts))
	for _, a := range arts {
		if a.Draft || a.Published.After(now) {
			continue
		}
		out = append(out, a)
	}
	slices.SortFunc(out, Order)
	return out
}

// Order is the order of a feed's items: newest first, ties broken by title
// and then id, so it never depends on the order of the input. It returns a
// negative number when a comes before b.
func Order(a, b *source.Article) int {
	if c := b.Published.Compare(a.Published); c != 0 {
		return c
	}
	if c := strings.Compare(a.Title, b.Title); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// New returns the feed of the newest site.Items visible articles (see [Visible]).
func New(site *Site, visible []*source.Article) *Feed {
	items := visible
	if site.Items > 0 && len(items) > site.Items {
		items = items[:site.Items]
	}
	f := &Feed{Site: site, Items: items}
	for _, a := range items {
		if a.Updated.After(f.Updated) {
			f.Updated = a.Updated
		}
	}
	return f
}

// NextChange is the first time after now when a scheduled article becomes
// visible, or zero when none is waiting.
func NextChange(arts []*source.Article, now time.Time) time.Time {
	var next time.Time
	for _, a := range arts {
		if !a.Draft && a.Published.After(now) && (next.IsZero() || a.Published.Before(next)) {
			next = a.Published
		}
	}
	return next
}

// Format is one feed format: its name, default path, media type and writer.
type Format struct {
	Name        string
	Path        string
	ContentType string
	Write       func(w io.Writer, f *Feed) error
}

// Formats lists the formats Herald serves.
var Formats = []Format{
	{Name: "rss", Path: defaultPaths["rss"], ContentType: "application/rss+xml; charset=utf-8", Write: WriteRSS},
	{Name: "atom", Path: defaultPaths["atom"], ContentType: "application/atom+xml; charset=utf-8", Write: WriteAtom},
	{Name: "json", Path: defaultPaths["json"], ContentType: "application/feed+json; charset=utf-8", Write: WriteJSON},
}

// author is the article's author, or the site's default.
func (f *Feed) author(a *source.Article) source.Person {
	if !a.Author.IsZero() {
		return a.Author
	}
	return f.Site.Author
}

// updated is the feed's date: the newest item's, or for an empty feed the
// site's first day (a fixed date keeps the output deterministic).
func (f *Feed) updated() time.Time {
	if f.Updated.IsZero() {
		return f.Site.Since.UTC()
	}
	return f.Updated.UTC()
}

// xmlSafe removes the characters XML 1.0 forbids; one left in would make the
// whole document ill-formed.
func xmlSafe(s string) string {
	ok := true
	for _, r := range s {
		if !allowedXML(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if allowedXML(r) {
			return r
		}
		return -1
	}, s)
}

func allowedXML(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}
