package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/heraldfeeds/herald/feed"
	"github.com/heraldfeeds/herald/source"
)

var now = time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)

func testServer(t *testing.T) *Server {
	t.Helper()
	site := &feed.Site{
		Title: "Test Site", Description: "Test", Language: "en", BaseURL: "https://example.com",
		ID: "urn:uuid:0f8e6b7a-1d2c-4b3a-9e8f-7a6b5c4d3e2f", Items: 20, Generator: "Herald test",
		Paths: map[string]string{"rss": "/feeds/rss.xml"},
	}
	s := New(Options{Site: site, CacheMaxAge: 5 * time.Minute})
	arts := []*source.Article{
		{Path: "a.md", Slug: "first", ID: "urn:uuid:a", Title: "First <Story>", Summary: "One.", Content: "<p>One.</p>",
			Published: time.Date(2025, 8, 1, 10, 0, 0, 0, time.UTC), Updated: time.Date(2025, 8, 2, 10, 0, 0, 0, time.UTC)},
		{Path: "b.md", Slug: "second", ID: "urn:uuid:b", Title: "Second", Summary: "Two.", Content: "<p>Two.</p>",
			Published: time.Date(2025, 8, 3, 10, 0, 0, 0, time.UTC), Updated: time.Date(2025, 8, 3, 10, 0, 0, 0, time.UTC)},
		{Path: "c.md", Slug: "draft", ID: "urn:uuid:c", Title: "Draft", Draft: true, Summary: "x", Content: "<p>x</p>"},
	}
	if _, err := s.Publish(feed.Visible(arts, now)); err != nil {
		t.Fatal(err)
	}
	return s
}

func get(s http.Handler, method, path string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

func TestRoutes(t *testing.T) {
	s := testServer(t)
	tests := []struct {
		method, path string
		status       int
		contentType  string
		contains     string
	}{
		{"GET", "/feeds/rss.xml", 200, "application/rss+xml; charset=utf-8", "<rss"},
		{"GET", "/atom.xml", 200, "application/atom+xml; charset=utf-8", "<feed"},
		{"GET", "/feed.json", 200, "application/feed+json; charset=utf-8", `"version": "https://jsonfeed.org/version/1.1"`},
		{"GET", "/", 200, "text/html; charset=utf-8", `<link rel="alternate" type="application/rss+xml" title="Test Site (RSS)" href="https://example.com/feeds/rss.xml">`},
		{"GET", "/articles/first", 200, "text/html; charset=utf-8", "First &lt;Story&gt;"},
		{"HEAD", "/atom.xml", 200, "application/atom+xml; charset=utf-8", ""},
		{"GET", "/healthz", 200, "text/plain; charset=utf-8", "ok: 2 items"},
		{"GET", "/rss.xml", 404, "", "not found"}, // moved by config
		{"GET", "/articles/draft", 404, "", ""},
		{"GET", "/articles/nope", 404, "", ""},
		{"GET", "/nope", 404, "", ""},
		{"POST", "/atom.xml", 405, "", ""},
	}
	for _, tt := range tests {
		w := get(s, tt.method, tt.path)
		if w.Code != tt.status {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.path, w.Code, tt.status)
			continue
		}
		if tt.contentType != "" && w.Header().Get("Content-Type") != tt.contentType {
			t.Errorf("%s %s: Content-Type %q, want %q", tt.method, tt.path, w.Header().Get("Content-Type"), tt.contentType)
		}
		if !strings.Contains(w.Body.String(), tt.contains) {
			t.Errorf("%s %s: body does not contain %q:\n%s", tt.method, tt.path, tt.contains, w.Body.String())
		}
		if tt.method == "HEAD" && w.Body.Len() != 0 {
			t.Errorf("HEAD %s: body of %d bytes, want none", tt.path, w.Body.Len())
		}
	}
}

func TestUnavailableBeforePublish(t *testing.T) {
	s := New(Options{Site: &feed.Site{Title: "x", BaseURL: "https://example.com"}})
	for _, p := range []string{"/rss.xml", "/", "/healthz", "/articles/x"} {
		if w := get(s, "GET", p); w.Code != http.StatusServiceUnavailable {
			t.Errorf("GET %s before Publish: status %d, want 503", p, w.Code)
		}
	}
}

func TestConditionalGet(t *testing.T) {
	s := testServer(t)
	for _, path := range []string{"/feeds/rss.xml", "/atom.xml", "/feed.json", "/", "/articles/second"} {
		for _, enc := range []string{"", "gzip"} {
			w := get(s, "GET", path, "Accept-Encoding", enc)
			if w.Code != 200 {
				t.Fatalf("GET %s (%q): status %d", path, enc, w.Code)
			}
			h := w.Header()
			etag, lm := h.Get("ETag"), h.Get("Last-Modified")
			if !strings.HasPrefix(etag, `"`) || lm == "" {
				t.Errorf("GET %s (%q): ETag %q, Last-Modified %q: want a strong ETag and a date", path, enc, etag, lm)
			}
			if h.Get("Cache-Control") != "public, max-age=300" || h.Get("Vary") != "Accept-Encoding" {
				t.Errorf("GET %s: Cache-Control %q, Vary %q", path, h.Get("Cache-Control"), h.Get("Vary"))
			}
			if enc == "gzip" {
				if h.Get("Content-Encoding") != "gzip" {
					t.Errorf("GET %s with gzip: Content-Encoding %q", path, h.Get("Content-Encoding"))
				}
				plain := get(s, "GET", path)
				if plain.Header().Get("ETag") == etag {
					t.Errorf("GET %s: gzip and plain bodies share the ETag %s", path, etag)
				}
				zr, err := gzip.NewReader(w.Body)
				if err != nil {
					t.Fatal(err)
				}
				unzipped, _ := io.ReadAll(zr)
				if !bytes.Equal(unzipped, plain.Body.Bytes()) {
					t.Errorf("GET %s: gzip body differs from the plain one", path)
				}
			}
			if w := get(s, "GET", path, "Accept-Encoding", enc, "If-None-Match", etag); w.Code != 304 || w.Body.Len() != 0 {
				t.Errorf("GET %s (%q) If-None-Match: status %d with %d bytes, want 304 with none", path, enc, w.Code, w.Body.Len())
			}
			if w := get(s, "GET", path, "Accept-Encoding", enc, "If-Modified-Since", lm); w.Code != 304 {
				t.Errorf("GET %s (%q) If-Modified-Since: status %d, want 304", path, enc, w.Code)
			}
			if w := get(s, "GET", path, "Accept-Encoding", enc, "If-None-Match", `"stale"`); w.Code != 200 {
				t.Errorf("GET %s (%q) stale If-None-Match: status %d, want 200", path, enc, w.Code)
			}
			old := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Format(http.TimeFormat)
			if w := get(s, "GET", path, "Accept-Encoding", enc, "If-Modified-Since", old); w.Code != 200 {
				t.Errorf("GET %s (%q) old If-Modified-Since: status %d, want 200", path, enc, w.Code)
			}
		}
	}
}

func TestLastModifiedIsNewestItem(t *testing.T) {
	s := testServer(t)
	w := get(s, "GET", "/atom.xml")
	if got, want := w.Header().Get("Last-Modified"), "Sun, 03 Aug 2025 10:00:00 GMT"; got != want {
		t.Errorf("Last-Modified = %q, want %q", got, want)
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := map[string]bool{
		"":                    false,
		"gzip":                true,
		"deflate, gzip;q=1.0": true,
		"gzip;q=0":            false,
		"gzip; q=0.5, br":     true,
		"br":                  false,
		"*":                   true,
		"identity":            false,
	}
	for header, want := range tests {
		if got := acceptsGzip(header); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", header, got, want)
		}
	}
}

func TestPublishSwapsAtomically(t *testing.T) {
	s := testServer(t)
	before := get(s, "GET", "/feed.json").Header().Get("ETag")
	if _, err := s.Publish(nil); err != nil {
		t.Fatal(err)
	}
	w := get(s, "GET", "/feed.json")
	if w.Header().Get("ETag") == before || !strings.Contains(w.Body.String(), `"items": []`) {
		t.Errorf("after publishing no articles: ETag %s (before %s), body %s", w.Header().Get("ETag"), before, w.Body.String())
	}
}

func BenchmarkServeFeed(b *testing.B) {
	s := New(Options{Site: &feed.Site{Title: "x", BaseURL: "https://example.com", ID: "urn:uuid:x", Items: 50}})
	var arts []*source.Article
	for i := range 50 {
		arts = append(arts, &source.Article{Path: string(rune('a'+i%26)) + ".md", Slug: "s" + strings.Repeat("x", i), ID: "urn:uuid:" + strings.Repeat("x", i), Title: "Title",
			Summary: strings.Repeat("word ", 60), Content: strings.Repeat("<p>"+strings.Repeat("word ", 60)+"</p>", 6),
			Published: now.Add(-time.Duration(i) * time.Hour), Updated: now})
	}
	if _, err := s.Publish(feed.Visible(arts, now)); err != nil {
		b.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/rss.xml", nil)
	r.Header.Set("Accept-Encoding", "gzip")
	for b.Loop() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}
