package feedcheck

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/gorilla/feeds"
	"github.com/mmcdole/gofeed"
)

// TestGorillaFeeds renders a feed with gorilla/feeds v1.2.0 alone, without
// the wrappers that make it valid, and checks that feedcheck finds the
// defects FEEDS.md lists for it.
func TestGorillaFeeds(t *testing.T) {
	published := time.Date(2024, 9, 2, 10, 0, 0, 0, time.UTC)
	jane := &feeds.Author{Name: "Jane Doe", Email: "jane@example.com"}
	f := &feeds.Feed{
		Title:       "Herald Example",
		Link:        &feeds.Link{Href: "http://localhost:8080/"},
		Description: "Notes from the example blog.",
		Author:      jane,
		Created:     published,
		Items: []*feeds.Item{{
			// no Id; the author has a name and an e-mail address
			Title:       "Second post",
			Link:        &feeds.Link{Href: "http://localhost:8080/articles/second"},
			Description: "A <em>short</em> summary.",
			Author:      jane,
			Created:     published,
		}, {
			Id:      "https://blog.example.com/articles/first",
			Title:   "First post",
			Link:    &feeds.Link{Href: "https://blog.example.com/articles/first"},
			Content: "<p>A control character: \x01.</p>",
			Source:  &feeds.Link{Href: "https://other.example.com/"},
			Author:  &feeds.Author{Email: "john@example.com"},
			Created: published.Add(-24 * time.Hour),
		}},
	}
	opt := Options{Now: testNow}
	for _, tt := range []struct {
		format string
		render func() (string, error)
		check  func([]byte, Options) []Problem
		want   []string
	}{
		{"rss", f.ToRss, RSS, []string{
			"MissingAtomSelfLink", // no way to add atom:link rel=self
			"InvalidContact",      // <author> holds the name only
			"MissingGuid",         // no guid for an item without Id
			"MissingAttribute",    // <source> without url
			"SAXError",            // the control character copied into CDATA
		}},
		{"atom", f.ToAtom, Atom, []string{
			"MissingSelf",    // one link only, no self
			"InvalidTAG",     // an entry id made of host:port and the date
			"BadCharacters",  // the control character, replaced with U+FFFD by encoding/xml
			"MissingElement", // an e-mail-only author has no name
			// A missing <published> is no problem for the validator:
			// RFC 4287 makes it optional. FEEDS.md asks for it anyway.
		}},
		{"json", f.ToJSON, JSONFeed, []string{
			"BlankId",                   // "id": "" for an item without Id
			"MissingContent",            // no content_html without Content
			"ContainsHTML",              // the HTML description put in summary
			"InvalidAuthor",             // an e-mail-only author becomes {}
			"EscapedHTML",               // \u003c from encoding/json
			"ControlCharacter",          // the control character
			"MissingRecommendedElement", // no feed_url
		}},
	} {
		t.Run(tt.format, func(t *testing.T) {
			doc, err := tt.render()
			if err != nil {
				t.Fatal(err)
			}
			ps := tt.check([]byte(doc), opt)
			checkLevels(t, ps)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if got := codes(ps); !slices.Equal(got, want) {
				t.Errorf("codes = %v, want %v%s\n%s", got, want, summary(ps), doc)
			}
		})
	}
}

// TestGofeedParsesGoodFixtures cross-checks the good fixtures with a real
// feed parser: what feedcheck passes, gofeed reads in full.
func TestGofeedParsesGoodFixtures(t *testing.T) {
	for _, tt := range []struct {
		file, feedType string
		check          func([]byte, Options) []Problem
		url            string
	}{
		{"good.rss", "rss", RSS, rssURL},
		{"good.atom", "atom", Atom, atomURL},
		{"good.json", "json", JSONFeed, jsonURL},
	} {
		t.Run(tt.file, func(t *testing.T) {
			doc := readFile(t, tt.file)
			if ps := tt.check([]byte(doc), Options{URL: tt.url, Now: testNow}); len(ps) > 0 {
				t.Fatalf("%s has problems:%s", tt.file, summary(ps))
			}
			feed, err := gofeed.NewParser().Parse(bytes.NewReader([]byte(doc)))
			if err != nil {
				t.Fatalf("gofeed: %v", err)
			}
			if feed.FeedType != tt.feedType || feed.Title != "Herald Example" || len(feed.Items) != 2 {
				t.Fatalf("gofeed read type %q, title %q, %d items", feed.FeedType, feed.Title, len(feed.Items))
			}
			for _, it := range feed.Items {
				if it.GUID == "" || it.Link == "" || it.PublishedParsed == nil || it.Title == "" {
					t.Errorf("gofeed item %+v lacks a GUID, link, title or date", it)
				}
			}
		})
	}
}
