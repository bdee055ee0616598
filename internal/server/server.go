// Package server is Herald's HTTP side: it renders the feeds, the home page
// and the article pages once per content change ([Server.Publish]) and
// serves those bytes, with strong ETags, Last-Modified, conditional GET
// (304), precompressed gzip and Cache-Control.
package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/heraldfeeds/herald/feed"
	"github.com/heraldfeeds/herald/source"
)

// Options configure a Server.
type Options struct {
	Site        *feed.Site
	CacheMaxAge time.Duration // Cache-Control max-age of feeds and pages
	Logger      *slog.Logger
	// DocTimes, when set, gives the Last-Modified time of each document
	// (ETags by path); newest is the newest item's date. Herald's state
	// store keeps these, so Last-Modified moves whenever the bytes do. When
	// nil, Last-Modified is the newest item's date.
	DocTimes func(etags map[string]string, newest time.Time) (map[string]time.Time, error)
	// Article, when set, returns the article served at /articles/{slug},
	// with its Content, or nil when there is none to show. Article pages
	// are rendered per request from it. When nil, only the articles of the
	// last Publish have pages.
	Article func(slug string) (*source.Article, error)
}

// Server is the http.Handler for a site. Publish swaps in new content
// atomically; requests in flight keep the snapshot they started with.
type Server struct {
	opt     Options
	log     *slog.Logger
	mux     *http.ServeMux
	current atomic.Pointer[snapshot]
}

var _ http.Handler = (*Server)(nil)

// snapshot is everything served for one state of the content folder.
type snapshot struct {
	files    map[string]*file           // feeds and the home page, by path
	articles map[string]*source.Article // the feeds' items, by slug
	modTime  time.Time                  // the newest item's updated date
	items    int
}

// file is one rendered document, plain and gzipped, with the ETag of each.
type file struct {
	contentType string
	body, gz    []byte
	etag, gzTag string
	modTime     time.Time
}

// New returns a Server that answers 503 until the first Publish.
func New(opt Options) *Server {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{opt: opt, log: opt.Logger, mux: http.NewServeMux()}
	for _, f := range feed.Formats {
		s.mux.HandleFunc("GET "+opt.Site.Path(f.Name), s.handleFile)
	}
	s.mux.HandleFunc("GET /{$}", s.handleFile)
	s.mux.HandleFunc("GET /articles/{slug}", s.handleArticle)
	s.mux.HandleFunc("GET /healthz", s.handleHealth)
	s.mux.HandleFunc("/", s.handleNotFound)
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.mux.ServeHTTP(w, r)
}

// Publish renders the feeds and the home page showing items (the newest
// visible articles, newest first, each with its Content) and swaps them in.
// It returns the feeds' date.
func (s *Server) Publish(items []*source.Article) (updated time.Time, err error) {
	site := s.opt.Site
	f := feed.New(site, items)
	snap := &snapshot{
		files:    make(map[string]*file, len(feed.Formats)+1),
		articles: make(map[string]*source.Article, len(f.Items)),
		modTime:  f.Updated,
		items:    len(f.Items),
	}
	for _, format := range feed.Formats {
		var buf bytes.Buffer
		if err := format.Write(&buf, f); err != nil {
			return time.Time{}, fmt.Errorf("render %s: %w", format.Name, err)
		}
		snap.files[site.Path(format.Name)] = newFile(format.ContentType, buf.Bytes(), f.Updated)
	}
	var home bytes.Buffer
	if err := renderHome(&home, site, f); err != nil {
		return time.Time{}, fmt.Errorf("render home page: %w", err)
	}
	snap.files["/"] = newFile("text/html; charset=utf-8", home.Bytes(), f.Updated)
	if s.opt.DocTimes != nil {
		etags := make(map[string]string, len(snap.files))
		for path, file := range snap.files {
			etags[path] = file.etag
		}
		times, err := s.opt.DocTimes(etags, f.Updated)
		if err != nil {
			return time.Time{}, err
		}
		for path, file := range snap.files {
			file.modTime = times[path]
		}
	}
	for _, a := range f.Items {
		snap.articles[a.Slug] = a
	}
	s.current.Store(snap)
	return f.Updated, nil
}

// gzipLevel is the compression of the feeds and the home page, done
// once per publication, so every change of what the feeds show pays it:
// 3 ms at level 1 against 6 ms at level 4 for the four documents of a
// 20-item site, and about 40 % of the whole CPU cost of a change
// (BenchmarkOneChange). Level 1 makes news text 14 % larger than level 4
// (45 % of the plain size against 39.5 %), a few kilobytes per full
// response; most polls get a 304 anyway.
//
// Article pages, compressed on each request that asks, use it too.
const gzipLevel = gzip.BestSpeed

// newFile is a document rendered once per publication, compressed once,
// with its own ETag for each encoding.
func newFile(contentType string, body []byte, modTime time.Time) *file {
	gz := compress(body)
	return &file{
		contentType: contentType,
		body:        body,
		gz:          gz,
		etag:        etag(body),
		gzTag:       etag(gz),
		modTime:     modTime,
	}
}

// gzipWriters keeps gzip writers for reuse: a new one allocates and
// clears about 1 MB of compressor state, a tenth of the CPU of a change
// that re-renders the feeds.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzipLevel)
	return zw
}}

// compress gzips body at gzipLevel.
func compress(body []byte) []byte {
	var gz bytes.Buffer
	gz.Grow(len(body)/2 + 64)
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&gz)
	zw.Write(body)
	zw.Close()
	zw.Reset(nil) // not keep gz alive in the pool
	gzipWriters.Put(zw)
	return gz.Bytes()
}

// etag is a strong validator: a hash of the exact bytes served.
func etag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

func (s *Server) handleFile(w http.ResponseWriter, r *http.Request) {
	snap := s.current.Load()
	if snap == nil {
		s.unavailable(w)
		return
	}
	f := snap.files[r.URL.Path]
	if f == nil {
		s.handleNotFound(w, r)
		return
	}
	s.serve(w, r, f)
}

// serve answers with f, gzipped when the client accepts it, through
// http.ServeContent, which handles HEAD, If-None-Match, If-Modified-Since
// and Range.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, f *file) {
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "public, max-age="+strconv.Itoa(int(s.opt.CacheMaxAge.Seconds())))
	h.Add("Vary", "Accept-Encoding")
	body, tag := f.body, f.etag
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		body, tag = f.gz, f.gzTag
		if body == nil { // a page rendered for this request: compress it now, fast
			body, tag = compress(f.body), strings.TrimSuffix(f.etag, `"`)+`-gz"`
		}
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("ETag", tag)
	http.ServeContent(w, r, "", f.modTime, bytes.NewReader(body))
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip
// ("gzip;q=0" refuses it).
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if c := strings.TrimSpace(coding); c != "gzip" && c != "x-gzip" && c != "*" {
			continue
		}
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			q, _ = strconv.ParseFloat(strings.TrimSpace(v), 64)
		}
		return q > 0
	}
	return false
}

func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	snap := s.current.Load()
	if snap == nil {
		s.unavailable(w)
		return
	}
	a := snap.articles[r.PathValue("slug")]
	if s.opt.Article != nil {
		var err error
		if a, err = s.opt.Article(r.PathValue("slug")); err != nil {
			s.log.Error("read article", "slug", r.PathValue("slug"), "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
	}
	if a == nil {
		s.handleNotFound(w, r)
		return
	}
	var buf bytes.Buffer
	if err := renderArticle(&buf, s.opt.Site, a); err != nil {
		s.log.Error("render article page", "path", a.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	// Article pages are rendered per request (keeping every page in memory
	// would cost as much as the articles), so they are compressed only when
	// asked: see serve.
	s.serve(w, r, &file{contentType: "text/html; charset=utf-8", body: buf.Bytes(), etag: etag(buf.Bytes()), modTime: a.Updated})
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	snap := s.current.Load()
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if snap == nil {
		s.unavailable(w)
		return
	}
	fmt.Fprintf(w, "ok: %d items, updated %s\n", snap.items, snap.modTime.UTC().Format(time.RFC3339))
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	http.Error(w, "404 not found: the feeds are at "+strings.Join(s.feedPaths(), ", "), http.StatusNotFound)
}

func (s *Server) unavailable(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "1")
	http.Error(w, "feeds not built yet", http.StatusServiceUnavailable)
}

func (s *Server) feedPaths() []string {
	var p []string
	for _, f := range feed.Formats {
		p = append(p, s.opt.Site.Path(f.Name))
	}
	return p
}
