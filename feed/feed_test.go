package feed_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/heraldfeeds/herald/feed"
	"github.com/heraldfeeds/herald/internal/feedcheck"
	"github.com/heraldfeeds/herald/source"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// testSite and testArticles are a fixed site with articles that exercise
// what the wrappers correct: authors with and without e-mail, tags, a
// control character, markup in titles, a draft and a scheduled article.
func testSite() *feed.Site {
	return &feed.Site{
		Title:       "Example News & Views",
		Description: "Stories from the example desk.",
		Language:    "en",
		BaseURL:     "https://news.example.com",
		ID:          "urn:uuid:0f8e6b7a-1d2c-4b3a-9e8f-7a6b5c4d3e2f",
		Since:       date("2024-01-01T00:00:00Z"),
		Author:      source.Person{Name: "Example Desk", Email: "desk@example.com"},
		Items:       20,
		TTL:         5 * time.Minute,
		Generator:   "Herald test",
	}
}

func testArticles() []*source.Article {
	return []*source.Article{
		{
			Path: "bridge.txt", Slug: "bridge", ID: "urn:uuid:11111111-2222-5333-8444-555555555555",
			Title:     "Bridge <Reopens> & Traffic Returns",
			Published: date("2025-08-15T09:00:00Z"), Updated: date("2025-08-16T10:30:00Z"),
			Summary: "The bridge reopened on Monday. Traffic returned at once.",
			Content: "<p>The bridge reopened on Monday.</p>\n<h2>Traffic</h2>\n<p>Traffic returned at once; a \x01control character was here.</p>\n",
			Tags:    []string{"transport", "city"},
		},
		{
			Path: "library.md", Slug: "library", ID: "tag:news.example.com,2025:library",
			Title:     "Libraries Open Late",
			Published: date("2025-08-14T08:00:00+02:00"), Updated: date("2025-08-14T08:00:00+02:00"),
			Author: source.Person{Name: "Sofia Lind", Email: "sofia@example.com"}, Image: "img/lead.jpg",
			Summary: "Three libraries stay open until midnight.",
			Content: "<p>Three libraries stay open until midnight. See <a href=\"https://example.com/t\">the timetable</a>.</p>",
		},
		{
			Path: "festival.html", Slug: "festival", ID: "urn:uuid:33333333-2222-5333-8444-555555555555",
			Title:     "Jazz Festival Ends",
			Published: date("2025-08-10T18:00:00Z"), Updated: date("2025-08-10T18:00:00Z"),
			Author:  source.Person{Name: "Priya Raman"},
			Summary: "More than 60,000 people attended.",
			Content: "<p>More than 60,000 people attended. ]]> is not a problem.</p>",
		},
		{Path: "draft.md", Slug: "draft", ID: "urn:uuid:draft", Title: "A Draft", Draft: true,
			Published: date("2025-08-01T00:00:00Z"), Updated: date("2025-08-01T00:00:00Z"), Summary: "x", Content: "<p>x</p>"},
		{Path: "later.md", Slug: "later", ID: "urn:uuid:later", Title: "Scheduled",
			Published: date("2030-01-01T00:00:00Z"), Updated: date("2030-01-01T00:00:00Z"), Summary: "x", Content: "<p>x</p>"},
	}
}

var now = date("2025-09-01T00:00:00Z")

func testFeed() *feed.Feed {
	return feed.New(testSite(), feed.Visible(testArticles(), now))
}

// TestWrite compares each format with its golden file. Run
// "go test ./feed -update" and review the diff when the output should change.
func TestWrite(t *testing.T) {
	for _, format := range feed.Formats {
		t.Run(format.Name, func(t *testing.T) {
			var got bytes.Buffer
			if err := format.Write(&got, testFeed()); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", format.Name+".golden")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil || !bytes.Equal(got.Bytes(), want) {
				t.Errorf("output differs from %s (err=%v); go test ./feed -update if intended\n%s", golden, err, got.Bytes())
			}
		})
	}
}

// TestValid checks each format against feedcheck's rules: those of the W3C
// Feed Validation Service for RSS and Atom, and JSON Feed 1.1's MUSTs. Errors
// and warnings alike fail.
func TestValid(t *testing.T) {
	checkers := map[string]func([]byte, feedcheck.Options) []feedcheck.Problem{"rss": feedcheck.RSS, "atom": feedcheck.Atom, "json": feedcheck.JSONFeed}
	for _, f := range []*feed.Feed{testFeed(), feed.New(testSite(), nil)} {
		for _, format := range feed.Formats {
			var buf bytes.Buffer
			if err := format.Write(&buf, f); err != nil {
				t.Fatal(err)
			}
			opt := feedcheck.Options{URL: f.Site.FeedURL(format.Name), Now: now}
			for _, p := range checkers[format.Name](buf.Bytes(), opt) {
				t.Errorf("%s (%d items): %v", format.Name, len(f.Items), p)
			}
		}
	}
}

// TestDeterministic renders twice, from articles given in another order.
func TestDeterministic(t *testing.T) {
	arts := testArticles()
	rev := make([]*source.Article, len(arts))
	for i, a := range arts {
		rev[len(arts)-1-i] = a
	}
	for _, format := range feed.Formats {
		var a, b bytes.Buffer
		if err := format.Write(&a, feed.New(testSite(), feed.Visible(arts, now))); err != nil {
			t.Fatal(err)
		}
		if err := format.Write(&b, feed.New(testSite(), feed.Visible(rev, now))); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: output depends on the order of the articles", format.Name)
		}
	}
}

func TestVisible(t *testing.T) {
	vis := feed.Visible(testArticles(), now)
	var got []string
	for _, a := range vis {
		got = append(got, a.Slug)
	}
	if want := "bridge library festival"; strings.Join(got, " ") != want {
		t.Errorf("Visible() = %q, want %q (newest first, no draft, nothing scheduled)", got, want)
	}
	if next := feed.NextChange(testArticles(), now); !next.Equal(date("2030-01-01T00:00:00Z")) {
		t.Errorf("NextChange() = %v, want 2030-01-01", next)
	}
	later := feed.Visible(testArticles(), date("2030-01-01T00:00:01Z"))
	if len(later) != 4 || later[0].Slug != "later" {
		t.Errorf("Visible(after the scheduled date) starts with %q, want the scheduled article first", later[0].Slug)
	}
}

func TestItemsLimit(t *testing.T) {
	site := testSite()
	site.Items = 2
	f := feed.New(site, feed.Visible(testArticles(), now))
	if len(f.Items) != 2 {
		t.Fatalf("len(Items) = %d, want 2", len(f.Items))
	}
	if want := date("2025-08-16T10:30:00Z"); !f.Updated.Equal(want) {
		t.Errorf("Updated = %v, want the newest item's updated date %v", f.Updated, want)
	}
}

func TestEmptyFeed(t *testing.T) {
	f := feed.New(testSite(), nil)
	for _, format := range feed.Formats {
		var buf bytes.Buffer
		if err := format.Write(&buf, f); err != nil {
			t.Fatalf("%s: %v", format.Name, err)
		}
		if format.Name == "json" && !strings.Contains(buf.String(), `"items": []`) {
			t.Errorf("empty JSON Feed has no items array:\n%s", buf.String())
		}
	}
}

func TestLinkPattern(t *testing.T) {
	site := testSite()
	site.LinkPattern = "https://blog.example.com/posts/{slug}/"
	a := &source.Article{Slug: "hello"}
	if got, want := site.ArticleURL(a), "https://blog.example.com/posts/hello/"; got != want {
		t.Errorf("ArticleURL = %q, want %q", got, want)
	}
	site.LinkPattern = ""
	if got, want := site.ArticleURL(a), "https://news.example.com/articles/hello"; got != want {
		t.Errorf("ArticleURL = %q, want %q", got, want)
	}
}

// TestClientsAgree parses the three formats with gofeed, and RSS and Atom
// with a strict XML decoder, and checks that they carry the same items.
func TestClientsAgree(t *testing.T) {
	type item struct{ Title, Link, ID, Published string }
	parsed := map[string][]item{}
	for _, format := range feed.Formats {
		var buf bytes.Buffer
		if err := format.Write(&buf, testFeed()); err != nil {
			t.Fatal(err)
		}
		if format.Name != "json" {
			strictXML(t, format.Name, buf.Bytes())
		} else if !json.Valid(buf.Bytes()) {
			t.Fatalf("json: invalid JSON")
		}
		f, err := gofeed.NewParser().Parse(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("gofeed cannot parse %s: %v", format.Name, err)
		}
		for _, it := range f.Items {
			if it.PublishedParsed == nil {
				t.Fatalf("%s: item %q has no published date", format.Name, it.Title)
			}
			parsed[format.Name] = append(parsed[format.Name], item{it.Title, it.Link, it.GUID, it.PublishedParsed.UTC().Format(time.RFC3339)})
		}
	}
	for _, name := range []string{"atom", "json"} {
		if len(parsed[name]) != len(parsed["rss"]) {
			t.Fatalf("%s has %d items, rss %d", name, len(parsed[name]), len(parsed["rss"]))
		}
		for i := range parsed["rss"] {
			if parsed[name][i] != parsed["rss"][i] {
				t.Errorf("item %d: %s reads %+v, rss %+v", i, name, parsed[name][i], parsed["rss"][i])
			}
		}
	}
	if len(parsed["rss"]) != 3 {
		t.Errorf("rss has %d items, want 3", len(parsed["rss"]))
	}
}

func strictXML(t *testing.T, name string, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
	}
}
