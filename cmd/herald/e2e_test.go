package main

// The end-to-end test: it builds the real herald binary once, runs it on
// temporary content folders, state files and configs, and reads what it
// serves over HTTP, as feed readers do. It covers what only the whole program
// shows: the three feeds agreeing with each other, conditional GET, a restart
// keeping ids, dates and bytes, bad files, live changes, startup errors, and
// real clients (Python feedparser, newsboat) when they are installed.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/heraldfeeds/herald/internal/feedcheck"
)

// testdataTitles are the articles of ../../testdata/content that the feeds
// show; the draft is not among them.
var testdataTitles = []string{
	"Council Approves Budget With More Money For Libraries And Buses",
	"Harbour Bridge Reopens After Eighteen Months Of Repairs",
	"Jazz Festival Ends With A Record Crowd",
	"Libraries Stay Open Late During Exam Season",
	"New Tram Line Opens To The Airport",
	"Storm Warning For The Coast On Friday",
	"Volunteers Pull Two Tonnes Of Rubbish From The River",
}

const draftTitle = "Stadium Plans Go To Public Consultation"

// feedPaths are the feeds as the e2e config serves them, by format name.
var feedPaths = []struct{ name, path, contentType string }{
	{"rss", "/rss.xml", "application/rss+xml; charset=utf-8"},
	{"atom", "/atom.xml", "application/atom+xml; charset=utf-8"},
	{"json", "/feed.json", "application/feed+json; charset=utf-8"},
}

// The binary is built once, on first use, so that running only the config
// tests does not pay for a build.
var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// heraldBinary returns the path of the herald binary, built from this
// package with "go build".
func heraldBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "herald-e2e-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "herald")
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "go", "build", "-o", binPath, ".")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// logBuffer collects a process's stderr; it is safe for concurrent use.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// site is one herald installation: a content folder, a state file and a
// config file naming both, each in its own temporary folder.
type site struct {
	content string
	state   string
	config  string
}

// newSite makes a site. With withTestdata it copies ../../testdata/content
// into the content folder.
func newSite(t *testing.T, withTestdata bool) *site {
	t.Helper()
	s := &site{
		content: filepath.Join(t.TempDir(), "content"),
		state:   filepath.Join(t.TempDir(), "state", "herald.db"),
		config:  filepath.Join(t.TempDir(), "config.toml"),
	}
	if withTestdata {
		if err := os.CopyFS(s.content, os.DirFS(filepath.Join("..", "..", "testdata", "content"))); err != nil {
			t.Fatal(err)
		}
	} else if err := os.MkdirAll(s.content, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, s.config, fmt.Sprintf(`# written by e2e_test.go
[site]
title = "Herald E2E"
base_url = "http://news.example.test"

[site.author]
name = "E2E Desk"
email = "desk@example.test"

[content]
dir = %q
max_file_size = "64KB"
debounce = "50ms"
max_delay = "250ms"

[http]
cache_max_age = "5m"
shutdown_timeout = "3s"

[state]
path = %q
`, s.content, s.state))
	return s
}

// baseURL is the public address in the e2e config: feeds link there, and
// links are mapped back onto the daemon's real address with [daemon.local].
const baseURL = "http://news.example.test"

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// daemon is a running herald process.
type daemon struct {
	url  string // http://127.0.0.1:PORT/
	cmd  *exec.Cmd
	log  *logBuffer
	done chan struct{} // closed when the process has exited
	err  error         // cmd.Wait's result, once done is closed
}

var servingRE = regexp.MustCompile(`msg=serving url=(http://127\.0\.0\.1:\d+/)`)

// start runs herald on s and waits for its "serving" log line. The process is
// killed on test cleanup if it is still running.
func (s *site) start(t *testing.T) *daemon {
	t.Helper()
	d := &daemon{log: &logBuffer{}, done: make(chan struct{})}
	d.cmd = exec.Command(heraldBinary(t), "-config", s.config, "-listen", "127.0.0.1:0")
	d.cmd.Stderr = d.log
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		d.err = d.cmd.Wait()
		close(d.done)
	}()
	t.Cleanup(func() {
		select {
		case <-d.done:
		default:
			d.cmd.Process.Kill()
			<-d.done
		}
	})
	deadline := time.After(60 * time.Second) // generous: CI machines are shared
	for {
		if m := servingRE.FindStringSubmatch(d.log.String()); m != nil {
			d.url = m[1]
			return d
		}
		select {
		case <-d.done:
			t.Fatalf("herald exited before serving: %v\nstderr:\n%s", d.err, d.log)
		case <-deadline:
			t.Fatalf("herald did not log msg=serving within 60s\nstderr:\n%s", d.log)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// stop sends SIGTERM and waits for a clean exit: status 0 after a
// "shutting down" log line.
func (d *daemon) stop(t *testing.T) {
	t.Helper()
	if err := d.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM: %v", err)
	}
	select {
	case <-d.done:
	case <-time.After(10 * time.Second):
		t.Fatalf("herald still running 10s after SIGTERM\nstderr:\n%s", d.log)
	}
	if d.err != nil {
		t.Errorf("herald after SIGTERM: %v, want exit status 0\nstderr:\n%s", d.err, d.log)
	}
	if !strings.Contains(d.log.String(), `msg="shutting down"`) {
		t.Errorf("herald stderr has no \"shutting down\" line after SIGTERM:\n%s", d.log)
	}
}

// local maps an absolute link of the site (under baseURL) onto the daemon.
func (d *daemon) local(link string) string {
	return strings.TrimSuffix(d.url, "/") + strings.TrimPrefix(link, baseURL)
}

// client sees raw responses: no transparent gzip.
var client = &http.Client{
	Transport: &http.Transport{DisableCompression: true, Proxy: nil},
	Timeout:   5 * time.Second,
}

// fetch does one request and reads the whole body.
func fetch(t *testing.T, method, u string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", method, u, err)
	}
	return resp, body
}

// get fetches u and fails the test unless the status is 200.
func get(t *testing.T, u string) (*http.Response, []byte) {
	t.Helper()
	resp, body := fetch(t, http.MethodGet, u, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200\n%s", u, resp.StatusCode, body)
	}
	return resp, body
}

// entry is one feed item as any of the three formats gives it.
type entry struct {
	Title, Link, ID  string
	Published        time.Time // to the second
	Summary, Content string
}

// The documents as a strict encoding/xml and encoding/json read them.
type rssDocument struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title string `xml:"title"`
		Items []struct {
			Title string `xml:"title"`
			Link  string `xml:"link"`
			GUID  struct {
				Value       string `xml:",chardata"`
				IsPermaLink string `xml:"isPermaLink,attr"`
			} `xml:"guid"`
			PubDate     string `xml:"pubDate"`
			Description string `xml:"description"`
			Content     string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
		} `xml:"item"`
	} `xml:"channel"`
}

type atomDocument struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Entries []struct {
		Title     string `xml:"title"`
		ID        string `xml:"id"`
		Published string `xml:"published"`
		Updated   string `xml:"updated"`
		Links     []struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"link"`
		Summary string `xml:"summary"`
		Content struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

type jsonDocument struct {
	Version string `json:"version"`
	Title   string `json:"title"`
	Items   []struct {
		ID            string `json:"id"`
		URL           string `json:"url"`
		Title         string `json:"title"`
		Summary       string `json:"summary"`
		ContentHTML   string `json:"content_html"`
		DatePublished string `json:"date_published"`
		DateModified  string `json:"date_modified"`
	} `json:"items"`
}

// decodeStrictXML checks that every token of b is well-formed XML, then
// decodes b into v.
func decodeStrictXML(b []byte, v any) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	d = xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	return d.Decode(v)
}

func parseRSS(b []byte) ([]entry, error) {
	var doc rssDocument
	if err := decodeStrictXML(b, &doc); err != nil {
		return nil, err
	}
	if doc.Version != "2.0" {
		return nil, fmt.Errorf("rss version %q, want 2.0", doc.Version)
	}
	var out []entry
	for _, it := range doc.Channel.Items {
		pub, err := time.Parse(time.RFC1123Z, it.PubDate)
		if err != nil {
			return nil, fmt.Errorf("item %q: pubDate: %v", it.Title, err)
		}
		if it.GUID.IsPermaLink != "false" && it.GUID.Value != it.Link {
			return nil, fmt.Errorf("item %q: guid %q is a permalink but not the link", it.Title, it.GUID.Value)
		}
		out = append(out, entry{Title: it.Title, Link: it.Link, ID: it.GUID.Value, Published: pub.Truncate(time.Second),
			Summary: it.Description, Content: it.Content})
	}
	return out, nil
}

func parseAtom(b []byte) ([]entry, error) {
	var doc atomDocument
	if err := decodeStrictXML(b, &doc); err != nil {
		return nil, err
	}
	var out []entry
	for _, e := range doc.Entries {
		pub, err := time.Parse(time.RFC3339, e.Published)
		if err != nil {
			return nil, fmt.Errorf("entry %q: published: %v", e.Title, err)
		}
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			return nil, fmt.Errorf("entry %q: updated: %v", e.Title, err)
		}
		link := ""
		for _, l := range e.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				link = l.Href
				break
			}
		}
		if e.Content.Type != "html" {
			return nil, fmt.Errorf("entry %q: content type %q, want html", e.Title, e.Content.Type)
		}
		out = append(out, entry{Title: e.Title, Link: link, ID: e.ID, Published: pub.Truncate(time.Second),
			Summary: e.Summary, Content: e.Content.Body})
	}
	return out, nil
}

func parseJSON(b []byte) ([]entry, error) {
	var doc jsonDocument
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	if doc.Version != "https://jsonfeed.org/version/1.1" {
		return nil, fmt.Errorf("version %q, want https://jsonfeed.org/version/1.1", doc.Version)
	}
	var out []entry
	for _, it := range doc.Items {
		pub, err := time.Parse(time.RFC3339, it.DatePublished)
		if err != nil {
			return nil, fmt.Errorf("item %q: date_published: %v", it.Title, err)
		}
		out = append(out, entry{Title: it.Title, Link: it.URL, ID: it.ID, Published: pub.Truncate(time.Second),
			Summary: it.Summary, Content: it.ContentHTML})
	}
	return out, nil
}

// parseGofeed reads any of the three formats with gofeed; Summary and
// Content are left empty, as gofeed rewrites them.
func parseGofeed(b []byte) ([]entry, error) {
	f, err := gofeed.NewParser().ParseString(string(b))
	if err != nil {
		return nil, err
	}
	var out []entry
	for _, it := range f.Items {
		if it.PublishedParsed == nil {
			return nil, fmt.Errorf("item %q: no published date", it.Title)
		}
		out = append(out, entry{Title: it.Title, Link: it.Link, ID: it.GUID, Published: it.PublishedParsed.UTC().Truncate(time.Second)})
	}
	return out, nil
}

// feeds is what one fetch of the three feeds gave.
type feeds struct {
	body    map[string][]byte  // by format name
	etag    map[string]string  // by format name
	entries map[string][]entry // by format name, from the strict decoders
	gofeed  map[string][]entry // by format name
}

// readFeeds fetches and parses the three feeds, failing the test on a
// parse error.
func readFeeds(t *testing.T, d *daemon) *feeds {
	t.Helper()
	f := &feeds{body: map[string][]byte{}, etag: map[string]string{}, entries: map[string][]entry{}, gofeed: map[string][]entry{}}
	strict := map[string]func([]byte) ([]entry, error){"rss": parseRSS, "atom": parseAtom, "json": parseJSON}
	for _, p := range feedPaths {
		u := d.url + strings.TrimPrefix(p.path, "/")
		resp, body := get(t, u)
		if got := resp.Header.Get("Content-Type"); got != p.contentType {
			t.Errorf("GET %s: Content-Type %q, want %q", u, got, p.contentType)
		}
		f.body[p.name], f.etag[p.name] = body, resp.Header.Get("ETag")
		var err error
		if f.entries[p.name], err = strict[p.name](body); err != nil {
			t.Fatalf("GET %s: strict decode: %v\n%s", u, err, body)
		}
		if f.gofeed[p.name], err = parseGofeed(body); err != nil {
			t.Fatalf("GET %s: gofeed: %v\n%s", u, err, body)
		}
	}
	return f
}

// check asserts that all readings of all three feeds agree: same items, same
// order, same titles, links, ids and published dates; the strict readings
// also agree on summaries and content.
func (f *feeds) check(t *testing.T) {
	t.Helper()
	want := f.entries["json"]
	if len(want) == 0 {
		t.Fatalf("feed.json has no items")
	}
	for _, p := range feedPaths {
		compareEntries(t, "json (encoding/json)", want, p.name+" (gofeed)", f.gofeed[p.name], false)
		if p.name != "json" {
			compareEntries(t, "json (encoding/json)", want, p.name+" (encoding/xml)", f.entries[p.name], true)
		}
	}
	// Every rule of the W3C Feed Validation Service (RSS, Atom) and every MUST
	// of JSON Feed 1.1 that feedcheck knows: no errors and no warnings.
	checkers := map[string]func([]byte, feedcheck.Options) []feedcheck.Problem{"rss": feedcheck.RSS, "atom": feedcheck.Atom, "json": feedcheck.JSONFeed}
	for _, p := range feedPaths {
		for _, prob := range checkers[p.name](f.body[p.name], feedcheck.Options{URL: baseURL + p.path}) {
			t.Errorf("%s: %v", p.path, prob)
		}
	}
	seen := map[string]bool{}
	for _, e := range want {
		if e.ID == "" || seen[e.ID] {
			t.Errorf("feed.json: item %q has id %q: empty or not unique", e.Title, e.ID)
		}
		seen[e.ID] = true
	}
}

func compareEntries(t *testing.T, nameA string, a []entry, nameB string, b []entry, withText bool) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s has %d items, %s has %d:\n%v\n%v", nameA, len(a), nameB, len(b), titles(a), titles(b))
		return
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Title != y.Title || x.Link != y.Link || x.ID != y.ID || !x.Published.Equal(y.Published) {
			t.Errorf("item %d: %s = {%q %q %q %s}, %s = {%q %q %q %s}", i,
				nameA, x.Title, x.Link, x.ID, x.Published.UTC().Format(time.RFC3339),
				nameB, y.Title, y.Link, y.ID, y.Published.UTC().Format(time.RFC3339))
		}
		if withText && x.Summary != y.Summary {
			t.Errorf("item %q: %s summary = %q, %s summary = %q", x.Title, nameA, x.Summary, nameB, y.Summary)
		}
		if withText && x.Content != y.Content {
			t.Errorf("item %q: %s content = %q, %s content = %q", x.Title, nameA, x.Content, nameB, y.Content)
		}
	}
}

func titles(es []entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Title)
	}
	return out
}

// find returns the entry titled title, or nil.
func find(es []entry, title string) *entry {
	for i := range es {
		if es[i].Title == title {
			return &es[i]
		}
	}
	return nil
}

// jsonTitles fetches feed.json without failing the test, for polling.
func jsonTitles(d *daemon) ([]string, error) {
	resp, err := client.Get(d.url + "feed.json")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	es, err := parseJSON(body)
	return titles(es), err
}

// eventually polls cond every 25ms until it holds or timeout passes.
func eventually(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// TestE2EFeeds checks that the three feeds of the example site carry the
// same items for every reader, and the draft in none.
func TestE2EFeeds(t *testing.T) {
	t.Parallel()
	s := newSite(t, true)
	d := s.start(t)
	f := readFeeds(t, d)
	f.check(t)

	for _, p := range feedPaths {
		got := titles(f.entries[p.name])
		for _, title := range testdataTitles {
			if !slices.Contains(got, title) {
				t.Errorf("%s: no item %q; items: %q", p.path, title, got)
			}
		}
		if len(got) != len(testdataTitles) {
			t.Errorf("%s: %d items, want %d: %q", p.path, len(got), len(testdataTitles), got)
		}
		if slices.Contains(got, draftTitle) || bytes.Contains(f.body[p.name], []byte("Stadium Plans")) {
			t.Errorf("%s: the draft %q is published", p.path, draftTitle)
		}
	}
	// Every link leads to a page the daemon serves.
	for _, e := range f.entries["json"] {
		if !strings.HasPrefix(e.Link, baseURL+"/articles/") {
			t.Errorf("item %q: link %q, want it under %s/articles/", e.Title, e.Link, baseURL)
			continue
		}
		if _, body := get(t, d.local(e.Link)); !bytes.Contains(body, []byte(html.EscapeString(e.Title))) {
			t.Errorf("GET %s: page does not show the title %q", d.local(e.Link), e.Title)
		}
	}
	d.stop(t)
}

// The seed is a scraped news story with subheadings and a comment-form footer.
const seedPath = "../../../shared/seeds/000_2b37e79791b22386.txt"

func TestE2ESeed(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(seedPath)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("no seed at %s", seedPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	s := newSite(t, false)
	writeFile(t, filepath.Join(s.content, filepath.Base(seedPath)), string(src))
	d := s.start(t)
	f := readFeeds(t, d)
	f.check(t)

	const (
		title         = "Trump, Putin Conclude Alaska Talks Without Agreement On Ending Ukraine War"
		firstSentence = "US President Donald Trump and Russian President Vladimir Putin wrapped up a highly anticipated meeting in Alaska on Friday without reaching a concrete agreement to end the war in Ukraine."
	)
	wantHeadings := []string{
		"Constructive Talks but No Deal",
		"Trump Acknowledges Progress, But Stresses Work Remains",
		"Past Tensions",
		"The Unresolved Conflict",
	}
	footer := []string{"Source link", "Leave a Reply", "Your email address", "Required fields"}
	h2RE := regexp.MustCompile(`(?s)<h2[^>]*>(.*?)</h2>`)
	for _, p := range feedPaths {
		e := find(f.entries[p.name], title)
		if e == nil {
			t.Errorf("%s: no item %q; items: %q", p.path, title, titles(f.entries[p.name]))
			continue
		}
		if !strings.HasPrefix(e.Summary, firstSentence) {
			t.Errorf("%s: summary = %q, want it to start with %q", p.path, e.Summary, firstSentence)
		}
		var headings []string
		for _, m := range h2RE.FindAllStringSubmatch(e.Content, -1) {
			headings = append(headings, html.UnescapeString(m[1]))
		}
		if !slices.Equal(headings, wantHeadings) {
			t.Errorf("%s: content <h2>s = %q, want %q", p.path, headings, wantHeadings)
		}
		for _, junk := range footer {
			if strings.Contains(e.Summary, junk) {
				t.Errorf("%s: summary contains footer text %q: %q", p.path, junk, e.Summary)
			}
			if strings.Contains(e.Content, junk) {
				t.Errorf("%s: content contains footer text %q", p.path, junk)
			}
		}
	}
	d.stop(t)
}

// TestE2EConditionalGET checks the validators and caching headers of every
// document, plain and gzipped, and HEAD and 404.
func TestE2EConditionalGET(t *testing.T) {
	t.Parallel()
	s := newSite(t, true)
	d := s.start(t)
	paths := []string{"/rss.xml", "/atom.xml", "/feed.json", "/"}
	plainBody := map[string][]byte{}
	plainTag := map[string]string{}
	for _, gz := range []bool{false, true} {
		for _, path := range paths {
			u := d.url + strings.TrimPrefix(path, "/")
			base := map[string]string{}
			if gz {
				base["Accept-Encoding"] = "gzip"
			}
			with := func(k, v string) map[string]string {
				h := map[string]string{k: v}
				for k, v := range base {
					h[k] = v
				}
				return h
			}
			resp, body := fetch(t, http.MethodGet, u, base)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s (gzip %v): status %d, want 200", u, gz, resp.StatusCode)
			}
			etag, lastMod := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
			if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) || len(etag) < 3 {
				t.Errorf("GET %s (gzip %v): ETag %q, want a strong quoted ETag", u, gz, etag)
			}
			if _, err := http.ParseTime(lastMod); err != nil {
				t.Errorf("GET %s (gzip %v): Last-Modified %q: %v", u, gz, lastMod, err)
			}
			if cc := resp.Header.Get("Cache-Control"); !regexp.MustCompile(`max-age=\d+`).MatchString(cc) {
				t.Errorf("GET %s (gzip %v): Cache-Control %q, want a max-age", u, gz, cc)
			}
			if v := strings.Join(resp.Header.Values("Vary"), ","); !strings.Contains(strings.ToLower(v), "accept-encoding") {
				t.Errorf("GET %s (gzip %v): Vary %q, want Accept-Encoding", u, gz, v)
			}
			ce := resp.Header.Get("Content-Encoding")
			if gz {
				if ce != "gzip" {
					t.Errorf("GET %s with Accept-Encoding: gzip: Content-Encoding %q, want gzip", u, ce)
				}
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatalf("GET %s: gzip body: %v", u, err)
				}
				plain, err := io.ReadAll(zr)
				if err != nil {
					t.Fatalf("GET %s: gzip body: %v", u, err)
				}
				if !bytes.Equal(plain, plainBody[path]) {
					t.Errorf("GET %s: gzip body decompresses to %d bytes that differ from the %d-byte plain body", u, len(plain), len(plainBody[path]))
				}
				if etag == plainTag[path] {
					t.Errorf("GET %s: gzip and plain bodies share the ETag %s", u, etag)
				}
			} else {
				if ce != "" {
					t.Errorf("GET %s without Accept-Encoding: Content-Encoding %q, want none", u, ce)
				}
				plainBody[path], plainTag[path] = body, etag
			}

			resp, body = fetch(t, http.MethodGet, u, with("If-None-Match", etag))
			if resp.StatusCode != http.StatusNotModified {
				t.Errorf("GET %s with If-None-Match (gzip %v): status %d, want 304", u, gz, resp.StatusCode)
			}
			if len(body) != 0 {
				t.Errorf("GET %s with If-None-Match (gzip %v): %d bytes of body, want none", u, gz, len(body))
			}
			if got := resp.Header.Get("ETag"); got != etag {
				t.Errorf("GET %s with If-None-Match (gzip %v): 304 ETag %q, want %q", u, gz, got, etag)
			}

			resp, body = fetch(t, http.MethodGet, u, with("If-Modified-Since", lastMod))
			if resp.StatusCode != http.StatusNotModified {
				t.Errorf("GET %s with If-Modified-Since (gzip %v): status %d, want 304", u, gz, resp.StatusCode)
			}
			if len(body) != 0 {
				t.Errorf("GET %s with If-Modified-Since (gzip %v): %d bytes of body, want none", u, gz, len(body))
			}

			resp, body = fetch(t, http.MethodGet, u, with("If-None-Match", `"0000stale0000"`))
			if resp.StatusCode != http.StatusOK {
				t.Errorf("GET %s with a stale If-None-Match (gzip %v): status %d, want 200", u, gz, resp.StatusCode)
			}
			if len(body) == 0 {
				t.Errorf("GET %s with a stale If-None-Match (gzip %v): empty body", u, gz)
			}

			resp, body = fetch(t, http.MethodHead, u, base)
			if resp.StatusCode != http.StatusOK {
				t.Errorf("HEAD %s (gzip %v): status %d, want 200", u, gz, resp.StatusCode)
			}
			if len(body) != 0 {
				t.Errorf("HEAD %s (gzip %v): %d bytes of body, want none", u, gz, len(body))
			}
			if got := resp.Header.Get("ETag"); got != etag {
				t.Errorf("HEAD %s (gzip %v): ETag %q, want %q as on GET", u, gz, got, etag)
			}
			if got := resp.Header.Get("Last-Modified"); got != lastMod {
				t.Errorf("HEAD %s (gzip %v): Last-Modified %q, want %q as on GET", u, gz, got, lastMod)
			}
			if resp.Header.Get("Content-Type") == "" || resp.Header.Get("Cache-Control") == "" {
				t.Errorf("HEAD %s (gzip %v): headers %v, want Content-Type and Cache-Control as on GET", u, gz, resp.Header)
			}
		}
	}
	for _, path := range []string{"/no-such-page", "/articles/no-such-article", "/rss.xml/extra"} {
		u := d.url + strings.TrimPrefix(path, "/")
		if resp, _ := fetch(t, http.MethodGet, u, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", u, resp.StatusCode)
		}
	}
	d.stop(t)
}

// TestE2ERestart checks that a restart on the same content folder and state
// file serves the same bytes: ids and dates come from the state file.
func TestE2ERestart(t *testing.T) {
	t.Parallel()
	s := newSite(t, true)
	d := s.start(t)
	before := readFeeds(t, d)
	before.check(t)
	_, homeBefore := get(t, d.url)
	d.stop(t)

	// Restart in a later second than the first publish, so that an article
	// without a date of its own would be re-dated if the state were lost.
	var latest time.Time
	for _, e := range before.entries["json"] {
		if e.Published.After(latest) {
			latest = e.Published
		}
	}
	if wait := time.Until(latest.Add(1100 * time.Millisecond)); wait > 0 {
		time.Sleep(wait)
	}

	d = s.start(t)
	after := readFeeds(t, d)
	after.check(t)
	for _, p := range feedPaths {
		if !bytes.Equal(before.body[p.name], after.body[p.name]) {
			t.Errorf("%s after a restart differs from before:\nbefore:\n%s\nafter:\n%s", p.path, before.body[p.name], after.body[p.name])
		}
		if before.etag[p.name] != after.etag[p.name] {
			t.Errorf("%s: ETag %s after a restart, want %s as before", p.path, after.etag[p.name], before.etag[p.name])
		}
	}
	if _, home := get(t, d.url); !bytes.Equal(home, homeBefore) {
		t.Errorf("/ after a restart differs from before")
	}
	// Undated articles: the .txt files and the Markdown without front matter.
	for _, title := range []string{
		"Council Approves Budget With More Money For Libraries And Buses",
		"Harbour Bridge Reopens After Eighteen Months Of Repairs",
		"New Tram Line Opens To The Airport",
		"Storm Warning For The Coast On Friday",
	} {
		b, a := find(before.entries["json"], title), find(after.entries["json"], title)
		if b == nil || a == nil {
			t.Errorf("item %q: before %v, after %v, want it in both", title, b != nil, a != nil)
			continue
		}
		if a.ID != b.ID {
			t.Errorf("item %q: id %q after a restart, want %q", title, a.ID, b.ID)
		}
		if !a.Published.Equal(b.Published) {
			t.Errorf("item %q: published %s after a restart, want %s", title, a.Published.Format(time.RFC3339), b.Published.Format(time.RFC3339))
		}
	}
	d.stop(t)
}

// TestE2EBadInput checks that bad files are skipped with a log line naming
// them, that the rest is published, and that a file broken while the daemon
// runs keeps its last good version.
func TestE2EBadInput(t *testing.T) {
	t.Parallel()
	s := newSite(t, true)
	writeFile(t, filepath.Join(s.content, "junk.txt"), "\x00\x01\x02binary\x00\xff\xfe\x00data\x00")
	writeFile(t, filepath.Join(s.content, "empty.md"), "")
	writeFile(t, filepath.Join(s.content, "broken.md"), "---\ntitle: Broken Front Matter\nsummary: this: is not yaml\ndate: 2025-01-01\n---\n\nBody.\n")
	writeFile(t, filepath.Join(s.content, "unclosed.md"), "---\ntitle: Never Closed\n\nBody without the closing line.\n")
	writeFile(t, filepath.Join(s.content, "huge.txt"), "Huge File\n\n"+strings.Repeat("All work and no play. ", 4000))
	// Not valid UTF-8: read as Windows-1252 by design.
	writeFile(t, filepath.Join(s.content, "cafe.txt"), "Le caf\xe9 du port rouvre\n\nLe caf\xe9 du port a rouvert ses portes lundi apr\xe8s deux ans de travaux. Les habitu\xe9s \xe9taient nombreux.\n")

	d := s.start(t)
	f := readFeeds(t, d)
	f.check(t)
	wantTitles := append(slices.Clone(testdataTitles), "Le café du port rouvre")
	got := titles(f.entries["json"])
	for _, title := range wantTitles {
		if !slices.Contains(got, title) {
			t.Errorf("feed.json: no item %q; items: %q", title, got)
		}
	}
	if len(got) != len(wantTitles) {
		t.Errorf("feed.json: %d items, want %d: %q", len(got), len(wantTitles), got)
	}
	if e := find(f.entries["json"], "Le café du port rouvre"); e != nil && !strings.Contains(e.Summary, "Le café du port a rouvert") {
		t.Errorf("cafe.txt: summary %q, want the Windows-1252 text decoded", e.Summary)
	}
	log := d.log.String()
	for _, name := range []string{"junk.txt", "empty.md", "broken.md:3", "unclosed.md", "huge.txt"} {
		if !strings.Contains(log, name) {
			t.Errorf("herald stderr does not name %s:\n%s", name, log)
		}
	}
	if strings.Contains(log, "cafe.txt") {
		t.Errorf("herald stderr names cafe.txt, which is good Windows-1252:\n%s", log)
	}

	// Break a published article while the daemon runs: the last good version stays.
	const (
		path     = "2025/library-late-hours.md"
		oldTitle = "Libraries Stay Open Late During Exam Season"
		newTitle = "Libraries Stay Open Until Midnight"
	)
	good := find(f.entries["json"], oldTitle)
	if good == nil || good.Summary == "" || good.Content == "" {
		t.Fatalf("feed.json: %s is not published with a summary and content: %+v", path, good)
	}
	mark := len(d.log.String())
	writeFile(t, filepath.Join(s.content, filepath.FromSlash(path)), "---\ntitle: "+newTitle+"\ndate: [2025-05-12\n---\n\nThe new text.\n")
	if !eventually(3*time.Second, func() bool { return strings.Contains(d.log.String()[mark:], path) }) {
		t.Fatalf("herald stderr does not name %s within 3s of breaking it:\n%s", path, d.log.String()[mark:])
	}
	got, err := jsonTitles(d)
	if err != nil {
		t.Fatalf("GET %sfeed.json: %v", d.url, err)
	}
	if !slices.Contains(got, oldTitle) || slices.Contains(got, newTitle) {
		t.Errorf("feed.json after breaking %s: %q, want the last good version %q kept", path, got, oldTitle)
	}
	f = readFeeds(t, d)
	f.check(t)

	// Restart while it is broken: the last good version is in the state
	// file's index, so it stays published.
	d.stop(t)
	d = s.start(t)
	got, err = jsonTitles(d)
	if err != nil {
		t.Fatalf("GET %sfeed.json: %v", d.url, err)
	}
	if !slices.Contains(got, oldTitle) || slices.Contains(got, newTitle) {
		t.Errorf("feed.json after a restart with %s broken: %q, want the last good version %q kept", path, got, oldTitle)
	}
	if log := d.log.String(); !strings.Contains(log, path) || !strings.Contains(log, "left as it was") {
		t.Errorf("herald stderr after a restart with %s broken does not say it is left as it was:\n%s", path, log)
	}
	f = readFeeds(t, d)
	f.check(t)
	// Its summary and content too: the feeds show the bodies the state
	// file kept, as the file does not read.
	if e := find(f.entries["json"], oldTitle); e == nil || e.Summary != good.Summary || e.Content != good.Content {
		t.Errorf("feed.json after a restart with %s broken: %+v, want the last good summary and content %+v", path, e, good)
	}

	// Fix it: the new version replaces the old.
	writeFile(t, filepath.Join(s.content, filepath.FromSlash(path)), "---\ntitle: "+newTitle+"\ndate: 2025-05-12T09:30:00+02:00\n---\n\nThe new text.\n")
	ok := eventually(3*time.Second, func() bool {
		got, err = jsonTitles(d)
		return err == nil && slices.Contains(got, newTitle) && !slices.Contains(got, oldTitle)
	})
	if !ok {
		t.Errorf("feed.json 3s after fixing %s: %q (err %v), want %q instead of %q", path, got, err, newTitle, oldTitle)
	}
	d.stop(t)
}

// TestE2ELiveChange checks that a file saved as editors do (write a temporary
// file, rename it over the name) is published, and that deleting it
// unpublishes it.
func TestE2ELiveChange(t *testing.T) {
	t.Parallel()
	s := newSite(t, true)
	d := s.start(t)
	const title = "Night Buses Return On Weekends"
	tmp := filepath.Join(s.content, "2025", "night-buses.md.tmp")
	final := filepath.Join(s.content, "2025", "night-buses.md")
	writeFile(t, tmp, "---\ntitle: "+title+"\ndate: 2025-09-01T20:00:00Z\n---\n\nNight buses return on Friday and Saturday nights from next month.\n")
	if err := os.Rename(tmp, final); err != nil {
		t.Fatal(err)
	}
	var got []string
	var err error
	if !eventually(3*time.Second, func() bool {
		got, err = jsonTitles(d)
		return err == nil && slices.Contains(got, title)
	}) {
		t.Fatalf("feed.json 3s after adding %s: %q (err %v), want %q in it", final, got, err, title)
	}
	readFeeds(t, d).check(t)

	if err := os.Remove(final); err != nil {
		t.Fatal(err)
	}
	if !eventually(3*time.Second, func() bool {
		got, err = jsonTitles(d)
		return err == nil && !slices.Contains(got, title)
	}) {
		t.Fatalf("feed.json 3s after deleting %s: %q (err %v), want %q gone", final, got, err, title)
	}
	d.stop(t)
}

// runFailing runs herald with args, expecting it to exit by itself, and
// returns its exit code and stderr.
func runFailing(t *testing.T, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var stderr logBuffer
	cmd := exec.CommandContext(ctx, heraldBinary(t), args...)
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("herald %q still running after 10s\nstderr:\n%s", args, stderr.String())
	}
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, stderr.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), stderr.String()
	}
	t.Fatalf("herald %q: %v", args, err)
	return 0, ""
}

func TestE2EStartupErrors(t *testing.T) {
	t.Parallel()
	t.Run("unknown key", func(t *testing.T) {
		t.Parallel()
		s := newSite(t, true)
		cfg, err := os.ReadFile(s.config)
		if err != nil {
			t.Fatal(err)
		}
		// Line 4 of the config, in [site].
		lines := strings.SplitN(string(cfg), "\n", 4)
		lines = slices.Insert(lines, 3, `titel = "Typo"`)
		writeFile(t, s.config, strings.Join(lines, "\n"))
		code, stderr := runFailing(t, "-config", s.config, "-listen", "127.0.0.1:0")
		if code == 0 {
			t.Errorf("herald with an unknown config key: exit status 0, want non-zero")
		}
		if !strings.Contains(stderr, "site.titel") || !strings.Contains(stderr, "line 4") {
			t.Errorf("herald with an unknown config key: stderr %q, want it to name site.titel and line 4", stderr)
		}
	})
	t.Run("missing content folder", func(t *testing.T) {
		t.Parallel()
		s := newSite(t, false)
		if err := os.Remove(s.content); err != nil {
			t.Fatal(err)
		}
		code, stderr := runFailing(t, "-config", s.config, "-listen", "127.0.0.1:0")
		if code == 0 {
			t.Errorf("herald without a content folder: exit status 0, want non-zero")
		}
		if !strings.Contains(stderr, "content folder") || !strings.Contains(stderr, s.content) || !strings.Contains(stderr, "no such file or directory") {
			t.Errorf("herald without a content folder: stderr %q, want it to say the content folder %s does not exist", stderr, s.content)
		}
	})
	t.Run("state file locked", func(t *testing.T) {
		t.Parallel()
		s := newSite(t, true)
		d := s.start(t)
		code, stderr := runFailing(t, "-config", s.config, "-listen", "127.0.0.1:0")
		if code == 0 {
			t.Errorf("second herald on the same state file: exit status 0, want non-zero")
		}
		if !strings.Contains(stderr, "locked") || !strings.Contains(stderr, s.state) {
			t.Errorf("second herald on the same state file: stderr %q, want it to say %s is locked", stderr, s.state)
		}
		if strings.Contains(stderr, "msg=serving") {
			t.Errorf("second herald on the same state file served:\n%s", stderr)
		}
		// The first one is unharmed.
		get(t, d.url+"feed.json")
		d.stop(t)
	})
}

// pythonFeedparser is run with -c: it prints, for each URL argument, the
// bozo flag and each entry's title, link, id and published date.
const pythonFeedparser = `
import calendar, json, sys
import feedparser
out = {}
for url in sys.argv[1:]:
    d = feedparser.parse(url)
    out[url] = {
        "bozo": bool(d.bozo),
        "bozo_exception": str(d.get("bozo_exception", "")),
        "status": d.get("status", 0),
        "entries": [{
            "title": e.get("title", ""),
            "link": e.get("link", ""),
            "id": e.get("id", ""),
            "published": e.get("published", ""),
            "published_unix": calendar.timegm(e.published_parsed) if e.get("published_parsed") else 0,
        } for e in d.entries],
    }
json.dump(out, sys.stdout)
`

// noProxyEnv keeps clients that honour proxy variables talking to 127.0.0.1 directly.
func noProxyEnv(extra ...string) []string {
	return append(os.Environ(), append([]string{"NO_PROXY=127.0.0.1,localhost", "no_proxy=127.0.0.1,localhost"}, extra...)...)
}

func TestE2EClients(t *testing.T) {
	t.Parallel()
	s := newSite(t, true)
	d := s.start(t)
	f := readFeeds(t, d)
	f.check(t)
	xmlFeeds := []struct{ name, url string }{{"rss", d.url + "rss.xml"}, {"atom", d.url + "atom.xml"}}

	t.Run("python-feedparser", func(t *testing.T) {
		const python = "/usr/bin/python3"
		if _, err := os.Stat(python); err != nil {
			t.Skipf("%s not installed (apt-get install python3-feedparser)", python)
		}
		if err := exec.Command(python, "-c", "import feedparser").Run(); err != nil {
			t.Skipf("%s cannot import feedparser (apt-get install python3-feedparser): %v", python, err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, python, "-c", pythonFeedparser, xmlFeeds[0].url, xmlFeeds[1].url)
		cmd.Env = noProxyEnv()
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("python feedparser: %v\n%s", err, stderr.Bytes())
		}
		var res map[string]struct {
			Bozo          bool   `json:"bozo"`
			BozoException string `json:"bozo_exception"`
			Status        int    `json:"status"`
			Entries       []struct {
				Title, Link, ID, Published string
				PublishedUnix              int64 `json:"published_unix"`
			} `json:"entries"`
		}
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatalf("python feedparser output: %v\n%s", err, out)
		}
		for _, fd := range xmlFeeds {
			r, ok := res[fd.url]
			if !ok {
				t.Errorf("python feedparser: no result for %s", fd.url)
				continue
			}
			if r.Status != http.StatusOK {
				t.Errorf("feedparser GET %s: status %d, want 200", fd.url, r.Status)
			}
			if r.Bozo {
				t.Errorf("feedparser.parse(%s).bozo = true, want false: %s", fd.url, r.BozoException)
			}
			var got []entry
			for _, e := range r.Entries {
				got = append(got, entry{Title: e.Title, Link: e.Link, ID: e.ID, Published: time.Unix(e.PublishedUnix, 0)})
			}
			compareEntries(t, fd.name+" (gofeed)", f.gofeed[fd.name], fd.name+" (python feedparser)", got, false)
		}
	})

	t.Run("newsboat", func(t *testing.T) {
		newsboat, err := exec.LookPath("newsboat")
		if err != nil {
			t.Skip("newsboat not installed (apt-get install newsboat)")
		}
		sqlite, err := exec.LookPath("sqlite3")
		if err != nil {
			t.Skip("sqlite3 not installed (apt-get install sqlite3)")
		}
		// newsboat keys its cache by guid across feeds, and our RSS and Atom
		// items share their ids by design, so one cache for both feeds would
		// hold each item once. Each feed gets its own cache.
		for _, fd := range xmlFeeds {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "urls"), fd.url+"\n")
			writeFile(t, filepath.Join(dir, "config"), "")
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			cmd := exec.CommandContext(ctx, newsboat, "-u", "urls", "-c", "cache.db", "-C", "config", "-d", "newsboat.log", "-l", "4", "-x", "reload")
			cmd.Dir = dir
			cmd.Env = noProxyEnv("HOME="+dir, "TERM=dumb", "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir)
			out, err := cmd.CombinedOutput()
			cancel()
			if err != nil {
				t.Fatalf("newsboat -x reload %s: %v\n%s", fd.url, err, out)
			}
			if logText, _ := os.ReadFile(filepath.Join(dir, "newsboat.log")); bytes.Contains(logText, []byte("ERROR")) {
				t.Errorf("newsboat reload %s logged errors:\n%s", fd.url, logText)
			}
			cmd = exec.Command(sqlite, "-separator", "\x1f", filepath.Join(dir, "cache.db"), "select feedurl, title, guid from rss_item order by pubDate desc, title")
			out, err = cmd.Output()
			if err != nil {
				t.Fatalf("sqlite3 %s: %v", filepath.Join(dir, "cache.db"), err)
			}
			var gotTitles []string
			gotIDs := map[string]string{}
			for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				cols := strings.Split(line, "\x1f")
				if len(cols) != 3 {
					continue
				}
				if cols[0] != fd.url {
					t.Errorf("newsboat cache: item %q has feedurl %q, want %q", cols[1], cols[0], fd.url)
				}
				gotTitles = append(gotTitles, cols[1])
				gotIDs[cols[1]] = cols[2]
			}
			want := f.gofeed[fd.name]
			for _, e := range want {
				if !slices.Contains(gotTitles, e.Title) {
					t.Errorf("newsboat %s: no item %q; items: %q", fd.url, e.Title, gotTitles)
				} else if gotIDs[e.Title] != e.ID {
					t.Errorf("newsboat %s: item %q guid %q, want %q", fd.url, e.Title, gotIDs[e.Title], e.ID)
				}
			}
			if len(gotTitles) != len(want) {
				t.Errorf("newsboat %s: %d items, want %d", fd.url, len(gotTitles), len(want))
			}
		}
	})
	d.stop(t)
}

// TestE2ELastModifiedMoves adds an article older than every other: the newest
// item's date stays, but the feed changed, so a client that sends only
// If-Modified-Since must get the new feed, not a 304.
func TestE2ELastModifiedMoves(t *testing.T) {
	t.Parallel()
	s := newSite(t, true)
	d := s.start(t)
	u := d.url + "feed.json"
	resp, _ := get(t, u)
	lm := resp.Header.Get("Last-Modified")
	writeFile(t, filepath.Join(s.content, "old-news.md"), "---\ntitle: Very Old News\ndate: 2001-01-01T00:00:00Z\n---\n\nThis happened long ago.\n")
	if !eventually(3*time.Second, func() bool {
		got, err := jsonTitles(d)
		return err == nil && slices.Contains(got, "Very Old News")
	}) {
		t.Fatalf("the old article did not appear in %s within 3s", u)
	}
	resp, body := fetch(t, "GET", u, map[string]string{"If-Modified-Since": lm})
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Very Old News") {
		t.Errorf("GET %s If-Modified-Since %s after a change: status %d, want 200 with the new item", u, lm, resp.StatusCode)
	}
	if now := resp.Header.Get("Last-Modified"); now == lm {
		t.Errorf("GET %s: Last-Modified stayed %s although the feed changed", u, lm)
	}
	d.stop(t)
}

// TestE2EBodiesMadeAgain checks that the summaries and content the state
// file keeps for the shown articles are made again when what makes them
// changes: here the summary length, as an upgrade of Herald would. The
// restarted daemon must give the summaries a fresh one gives.
func TestE2EBodiesMadeAgain(t *testing.T) {
	t.Parallel()
	const short = "\n[feed]\nsummary_words = 12\n"
	appendConfig := func(s *site) {
		f, err := os.OpenFile(s.config, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(short); err != nil {
			t.Fatal(err)
		}
	}
	summaries := func(d *daemon) map[string]string {
		m := map[string]string{}
		for _, e := range readFeeds(t, d).entries["json"] {
			m[e.Title] = e.Summary
		}
		return m
	}

	s := newSite(t, true)
	d := s.start(t)
	long := summaries(d)
	d.stop(t)
	appendConfig(s)
	d = s.start(t)
	got := summaries(d)
	d.stop(t)

	fresh := newSite(t, true)
	appendConfig(fresh)
	d = fresh.start(t)
	want := summaries(d)
	d.stop(t)

	if maps.Equal(long, want) {
		t.Fatal("12-word summaries are the same as 60-word ones: the test shows nothing")
	}
	if !maps.Equal(got, want) {
		t.Errorf("after a restart with feed.summary_words = 12:\n got  %q\n want %q (a fresh start's)", got, want)
	}
}
