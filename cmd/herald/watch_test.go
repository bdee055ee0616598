package main

// Integration tests of live changes: herald runs in-process through run(),
// with a temporary config, content folder and state file, real fsnotify (or
// polling), and the tests read the feeds over HTTP, polling them with a
// deadline rather than sleeping. The republish count is the number of
// "published" log lines.
//
// Identifiers here start with "live" so that they cannot clash with the
// end-to-end test's helpers in this package.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// liveDaemon is herald serving a temporary content folder.
type liveDaemon struct {
	url     string // http://127.0.0.1:PORT
	content string
	log     *logBuffer
}

// liveStart writes a config with the given extra [content] and [feed] lines
// and runs herald on it until the test ends. setup, if not nil, fills the
// content folder first.
func liveStart(t *testing.T, contentTOML, feedTOML string, setup func(dir string)) *liveDaemon {
	t.Helper()
	root := t.TempDir()
	d := &liveDaemon{content: filepath.Join(root, "content"), log: &logBuffer{}}
	if err := os.Mkdir(d.content, 0o755); err != nil {
		t.Fatal(err)
	}
	if setup != nil {
		setup(d.content)
	}
	config := filepath.Join(root, "config.toml")
	liveWrite(t, config, fmt.Sprintf(`
[site]
title = "Watch Test"
base_url = "http://watch.example.test"

[content]
dir = %q
max_file_size = "1MB"
%s

[feed]
%s

[http]
shutdown_timeout = "2s"

[state]
path = %q
`, d.content, contentTOML, feedTOML, filepath.Join(liveStateDir(t), "herald.db")))

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-config", config, "-listen", "127.0.0.1:0"}, strings.NewReader(""), io.Discard, d.log)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run = %v after cancel, want nil", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("herald still running 10s after cancel")
		}
		if t.Failed() {
			t.Logf("herald log:\n%s", d.log)
		}
	})
	deadline := time.After(20 * time.Second)
	for {
		if m := servingRE.FindStringSubmatch(d.log.String()); m != nil { // e2e_test.go
			d.url = strings.TrimSuffix(m[1], "/")
			return d
		}
		select {
		case err := <-done:
			t.Fatalf("run = %v before serving\n%s", err, d.log)
		case <-deadline:
			t.Fatalf("herald not serving within 20s\n%s", d.log)
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// liveStateDir is a folder for the state file: in memory (/dev/shm) where
// there is one. Every republish writes the state file with fsync, several
// times, and on a machine busy with other I/O one fsync can take seconds;
// these tests are about watching, not about the disk.
func liveStateDir(t *testing.T) string {
	if info, err := os.Stat("/dev/shm"); err == nil && info.IsDir() {
		if dir, err := os.MkdirTemp("/dev/shm", "herald-watch-test-"); err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}

func liveWrite(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func liveDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// path is a file in the content folder.
func (d *liveDaemon) path(rel string) string {
	return filepath.Join(d.content, filepath.FromSlash(rel))
}

var liveClient = &http.Client{Timeout: liveTimeout, Transport: &http.Transport{Proxy: nil}}

// liveTimeout bounds every wait for herald. Waits end as soon as what they
// wait for is there (a fraction of a second); the bound is generous because
// on a loaded machine the fsync of each state file write can take seconds.
const liveTimeout = 10 * time.Second

// liveItem is a JSON Feed item.
type liveItem struct {
	ID            string `json:"id"`
	URL           string `json:"url"`
	Title         string `json:"title"`
	ContentHTML   string `json:"content_html"`
	DatePublished string `json:"date_published"`
}

// items fetches feed.json.
func (d *liveDaemon) items() ([]liveItem, error) {
	body, err := d.fetch("/feed.json")
	if err != nil {
		return nil, err
	}
	var doc struct {
		Items []liveItem `json:"items"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, fmt.Errorf("feed.json: %w", err)
	}
	return doc.Items, nil
}

func (d *liveDaemon) fetch(path string) ([]byte, error) {
	resp, err := liveClient.Get(d.url + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d", path, resp.StatusCode)
	}
	return body, nil
}

// wait polls feed.json until ok holds, and returns its items.
func (d *liveDaemon) wait(t *testing.T, timeout time.Duration, what string, ok func([]liveItem) bool) []liveItem {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		items, err := d.items()
		if err == nil && ok(items) {
			return items
		}
		if time.Now().After(deadline) {
			t.Fatalf("feed.json %v later: not %s; items %s (err %v)", timeout, what, liveTitles(items), err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stays checks that feed.json keeps satisfying ok for a while.
func (d *liveDaemon) stays(t *testing.T, dur time.Duration, what string, ok func([]liveItem) bool) {
	t.Helper()
	end := time.Now().Add(dur)
	for time.Now().Before(end) {
		items, err := d.items()
		if err != nil || !ok(items) {
			t.Fatalf("feed.json: not %s; items %s (err %v)", what, liveTitles(items), err)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func liveTitles(items []liveItem) string {
	var ts []string
	for _, it := range items {
		ts = append(ts, it.Title)
	}
	if len(ts) > 10 {
		return fmt.Sprintf("%d items, the first %q", len(ts), ts[:10])
	}
	return fmt.Sprintf("%q", ts)
}

func liveFind(items []liveItem, title string) *liveItem {
	for i := range items {
		if items[i].Title == title {
			return &items[i]
		}
	}
	return nil
}

// liveHas is a condition: exactly these titles, in any order.
func liveHas(titles ...string) func([]liveItem) bool {
	return func(items []liveItem) bool {
		if len(items) != len(titles) {
			return false
		}
		for _, title := range titles {
			if liveFind(items, title) == nil {
				return false
			}
		}
		return true
	}
}

var livePublishedRE = regexp.MustCompile(`msg=published articles=(\d+) visible=(\d+)`)

// publishes returns the visible counts of the republishes logged after the
// first mark bytes of the log.
func (d *liveDaemon) publishes(mark int) []string {
	var visible []string
	for _, m := range livePublishedRE.FindAllStringSubmatch(d.log.String()[mark:], -1) {
		visible = append(visible, m[2])
	}
	return visible
}

// mark is the current length of the log.
func (d *liveDaemon) mark() int { return len(d.log.String()) }

// settle waits until no republish has happened for quiet, so that a count
// taken after it is final.
func (d *liveDaemon) settle(quiet time.Duration) {
	n := len(d.publishes(0))
	for last := time.Now(); time.Since(last) < quiet; time.Sleep(20 * time.Millisecond) {
		if m := len(d.publishes(0)); m != n {
			n, last = m, time.Now()
		}
	}
}

func liveArticle(title, body string) string {
	return "---\ntitle: " + title + "\n---\n\n" + body + "\n"
}

// TestWatchLiveCreateDelete checks that a new file is published once, and
// that a deleted one leaves every feed.
func TestWatchLiveCreateDelete(t *testing.T) {
	t.Parallel()
	d := liveStart(t, "", "", func(dir string) {
		liveWrite(t, filepath.Join(dir, "keep.md"), liveArticle("Keep Me", "This one stays."))
	})
	d.wait(t, liveTimeout, "the first article", liveHas("Keep Me"))
	mark := d.mark()
	liveWrite(t, d.path("new.md"), liveArticle("Brand New", "Fresh from the press."))
	d.wait(t, liveTimeout, "with the new article", liveHas("Keep Me", "Brand New"))
	d.settle(300 * time.Millisecond)
	if got := d.publishes(mark); len(got) != 1 {
		t.Errorf("republishes after creating one file: %d (visible %q), want 1", len(got), got)
	}

	liveDo(t, os.Remove(d.path("new.md")))
	d.wait(t, liveTimeout, "without the deleted article", liveHas("Keep Me"))
	for _, p := range []string{"/rss.xml", "/atom.xml", "/feed.json", "/"} {
		body, err := d.fetch(p)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(body, []byte("Brand New")) || !bytes.Contains(body, []byte("Keep Me")) {
			t.Errorf("%s after deleting new.md: still has it, or lost keep.md:\n%s", p, body)
		}
	}
}

// liveSaveTest runs one editor's save sequence on a.md, which holds an
// article titled "Version 1", and checks that the article is republished
// exactly once, with its final content and its id and date kept, that it is
// never missing from a published feed in between, and that no temporary file
// is published.
func liveSaveTest(t *testing.T, save func(d *liveDaemon, final string)) {
	t.Helper()
	// A long debounce: the sequences take microseconds, and a loaded
	// machine must not split one into two bursts.
	d := liveStart(t, `debounce = "300ms"`, "", func(dir string) {
		liveWrite(t, filepath.Join(dir, "a.md"), liveArticle("Version 1", "The first version."))
	})
	before := liveFind(d.wait(t, liveTimeout, "version 1", liveHas("Version 1")), "Version 1")
	for v := 2; v <= 3; v++ {
		title := fmt.Sprintf("Version %d", v)
		mark := d.mark()
		save(d, liveArticle(title, fmt.Sprintf("The text of version %d.", v)))
		after := liveFind(d.wait(t, liveTimeout, title, liveHas(title)), title)
		if after.ID != before.ID || after.DatePublished != before.DatePublished {
			t.Errorf("after the save: id %s, published %s; want them kept: %s, %s", after.ID, after.DatePublished, before.ID, before.DatePublished)
		}
		if !strings.Contains(after.ContentHTML, fmt.Sprintf("version %d.", v)) {
			t.Errorf("after the save: content %q, want version %d's", after.ContentHTML, v)
		}
		d.settle(500 * time.Millisecond)
		if got := d.publishes(mark); len(got) != 1 || got[0] != "1" {
			t.Errorf("republishes during one save: visible counts %q, want one republish of 1 article", got)
		}
	}
	d.stays(t, 200*time.Millisecond, "only a.md", liveHas("Version 3"))
}

// TestWatchLiveAtomicSave: write a temporary file, rename it over the article.
func TestWatchLiveAtomicSave(t *testing.T) {
	t.Parallel()
	liveSaveTest(t, func(d *liveDaemon, final string) {
		liveWrite(t, d.path("a.md.tmp"), final)
		liveDo(t, os.Rename(d.path("a.md.tmp"), d.path("a.md")))
	})
}

// TestWatchLiveGnomeSave: GLib's g_file_replace writes .goutputstream-XXXXXX.
func TestWatchLiveGnomeSave(t *testing.T) {
	t.Parallel()
	liveSaveTest(t, func(d *liveDaemon, final string) {
		liveWrite(t, d.path(".goutputstream-ABC123"), final)
		liveDo(t, os.Rename(d.path(".goutputstream-ABC123"), d.path("a.md")))
	})
}

// TestWatchLiveJetBrainsSave: IntelliJ's "safe write".
func TestWatchLiveJetBrainsSave(t *testing.T) {
	t.Parallel()
	liveSaveTest(t, func(d *liveDaemon, final string) {
		liveWrite(t, d.path("a.md___jb_tmp___"), final)
		liveDo(t, os.Rename(d.path("a.md"), d.path("a.md___jb_old___")))
		liveDo(t, os.Rename(d.path("a.md___jb_tmp___"), d.path("a.md")))
		liveDo(t, os.Remove(d.path("a.md___jb_old___")))
	})
}

// TestWatchLiveVimSave: vim with its defaults (backupcopy=auto, swap files).
func TestWatchLiveVimSave(t *testing.T) {
	t.Parallel()
	liveSaveTest(t, func(d *liveDaemon, final string) {
		liveWrite(t, d.path(".a.md.swp"), "swap")
		liveWrite(t, d.path("4913"), "") // can vim create files here?
		liveDo(t, os.Remove(d.path("4913")))
		liveDo(t, os.Rename(d.path("a.md"), d.path("a.md~")))
		liveWrite(t, d.path("a.md"), final)
		liveDo(t, os.Chmod(d.path("a.md"), 0o644))
		liveDo(t, os.Remove(d.path("a.md~")))
		liveWrite(t, d.path(".a.md.swp"), "swap, later")
		liveDo(t, os.Remove(d.path(".a.md.swp")))
	})
}

// TestWatchLiveEmacsSave: emacs' lock link, auto-save file and backup.
func TestWatchLiveEmacsSave(t *testing.T) {
	t.Parallel()
	liveSaveTest(t, func(d *liveDaemon, final string) {
		liveDo(t, os.Symlink("user@host.1234:1700000000", d.path(".#a.md")))
		liveWrite(t, d.path("#a.md#"), final)
		os.Remove(d.path("a.md~")) // the backup is made once per session
		liveDo(t, os.Rename(d.path("a.md"), d.path("a.md~")))
		liveWrite(t, d.path("a.md"), final)
		liveDo(t, os.Remove(d.path("#a.md#")))
		liveDo(t, os.Remove(d.path(".#a.md")))
	})
}

// TestWatchLiveRenameMove checks that a renamed or moved article keeps its id
// and date, and that only its link changes, when its slug comes from its name.
func TestWatchLiveRenameMove(t *testing.T) {
	t.Parallel()
	d := liveStart(t, "", "", func(dir string) {
		liveWrite(t, filepath.Join(dir, "old-name.md"), liveArticle("Moving Article", "It moves about."))
		liveWrite(t, filepath.Join(dir, "fixed.md"), "---\ntitle: Fixed Slug\nslug: fixed-slug\n---\n\nIts slug is its own.\n")
	})
	items := d.wait(t, liveTimeout, "both articles", liveHas("Moving Article", "Fixed Slug"))
	moving, fixed := *liveFind(items, "Moving Article"), *liveFind(items, "Fixed Slug")
	if !strings.HasSuffix(moving.URL, "/articles/old-name") {
		t.Fatalf("url %s, want it to end in /articles/old-name", moving.URL)
	}
	check := func(what, wantURL string, got, want liveItem) {
		t.Helper()
		if got.ID != want.ID || got.DatePublished != want.DatePublished {
			t.Errorf("%s: id %s, published %s; want %s, %s kept", what, got.ID, got.DatePublished, want.ID, want.DatePublished)
		}
		if got.URL != wantURL {
			t.Errorf("%s: url %s, want %s", what, got.URL, wantURL)
		}
	}
	newURL := strings.Replace(moving.URL, "old-name", "new-name", 1)

	liveDo(t, os.Rename(d.path("old-name.md"), d.path("new-name.md")))
	items = d.wait(t, liveTimeout, "renamed", func(items []liveItem) bool {
		it := liveFind(items, "Moving Article")
		return len(items) == 2 && it != nil && it.URL == newURL
	})
	check("renamed", newURL, *liveFind(items, "Moving Article"), moving)

	// Moved into a new folder (its own name gives the slug: the link stays).
	mark := d.mark()
	liveDo(t, os.MkdirAll(d.path("2025/06"), 0o755))
	liveDo(t, os.Rename(d.path("new-name.md"), d.path("2025/06/new-name.md")))
	liveDo(t, os.Rename(d.path("fixed.md"), d.path("2025/renamed-too.md")))
	d.wait(t, liveTimeout, "republished", func([]liveItem) bool { return len(d.publishes(mark)) > 0 })
	d.settle(300 * time.Millisecond)
	items = d.wait(t, liveTimeout, "both articles", liveHas("Moving Article", "Fixed Slug"))
	check("moved", newURL, *liveFind(items, "Moving Article"), moving)
	check("renamed, with a slug of its own", fixed.URL, *liveFind(items, "Fixed Slug"), fixed)

	// A whole folder moved elsewhere in the tree.
	mark = d.mark()
	liveDo(t, os.Rename(d.path("2025"), d.path("archive")))
	d.wait(t, liveTimeout, "republished", func([]liveItem) bool { return len(d.publishes(mark)) > 0 })
	d.settle(300 * time.Millisecond)
	items = d.wait(t, liveTimeout, "both articles", liveHas("Moving Article", "Fixed Slug"))
	check("folder moved", newURL, *liveFind(items, "Moving Article"), moving)
	// The moved folders are watched under their new names: with the old
	// names, the event of this mkdir would name a folder that is gone, and
	// neither it nor the file in it would be noticed.
	liveDo(t, os.Mkdir(d.path("archive/06/extra"), 0o755))
	liveWrite(t, d.path("archive/06/extra/late.md"), liveArticle("Late Arrival", "Written into a moved folder."))
	d.wait(t, liveTimeout, "the article in the moved folder", liveHas("Moving Article", "Fixed Slug", "Late Arrival"))
}

// TestWatchLiveMkdirP checks mkdir -p followed at once by a file in the
// deepest folder, and later files there.
func TestWatchLiveMkdirP(t *testing.T) {
	t.Parallel()
	d := liveStart(t, "", "", nil)
	d.wait(t, liveTimeout, "empty", liveHas())
	liveDo(t, os.MkdirAll(d.path("a/b/c"), 0o755))
	liveWrite(t, d.path("a/b/c/deep.md"), liveArticle("Deep Down", "Three folders down."))
	d.wait(t, liveTimeout, "the article in a/b/c", liveHas("Deep Down"))
	liveWrite(t, d.path("a/b/c/deeper.md"), liveArticle("Deeper Still", "Also three folders down."))
	d.wait(t, liveTimeout, "the second article in a/b/c", liveHas("Deep Down", "Deeper Still"))
}

// TestWatchLiveBurst checks that 1,000 files written at once are all
// published, with far fewer than 1,000 republishes.
func TestWatchLiveBurst(t *testing.T) {
	t.Parallel()
	const n = 1000
	d := liveStart(t, "", "items = 1000", nil)
	d.wait(t, liveTimeout, "empty", liveHas())
	mark := d.mark()
	for i := range n {
		liveWrite(t, d.path(fmt.Sprintf("burst/%02d/n%04d.md", i%10, i)), liveArticle(fmt.Sprintf("Burst %04d", i), "One of many."))
	}
	d.wait(t, liveTimeout, fmt.Sprintf("all %d articles", n), func(items []liveItem) bool { return len(items) == n })
	d.settle(300 * time.Millisecond)
	got := d.publishes(mark)
	t.Logf("%d files: %d republishes", n, len(got))
	if len(got) > 20 {
		t.Errorf("%d republishes for a burst of %d files, want far fewer", len(got), n)
	}
}

// TestWatchLiveDraftAndSchedule checks that a draft never appears, that
// flipping it to published publishes it as new, and that an article dated a
// little in the future appears at its date without any file event.
func TestWatchLiveDraftAndSchedule(t *testing.T) {
	t.Parallel()
	d := liveStart(t, "", "", func(dir string) {
		liveWrite(t, filepath.Join(dir, "old.md"), "---\ntitle: Old News\ndate: 2024-01-01T00:00:00Z\n---\n\nFrom last year.\n")
		liveWrite(t, filepath.Join(dir, "draft.md"), "---\ntitle: Work In Progress\ndraft: true\n---\n\nNot ready.\n")
	})
	d.wait(t, liveTimeout, "the old article only", liveHas("Old News"))
	time.Sleep(1100 * time.Millisecond) // so that a date taken now differs from one taken at start-up

	flipped := time.Now().UTC().Truncate(time.Second)
	liveWrite(t, d.path("draft.md"), "---\ntitle: Work In Progress\ndraft: false\n---\n\nReady now.\n")
	items := d.wait(t, liveTimeout, "the flipped draft", liveHas("Old News", "Work In Progress"))
	wip := liveFind(items, "Work In Progress")
	if pub, err := time.Parse(time.RFC3339, wip.DatePublished); err != nil || pub.Before(flipped) {
		t.Errorf("flipped draft published %s, want the time it was published (%s or later), not when the draft was begun", wip.DatePublished, flipped.Format(time.RFC3339))
	}
	if items[0].Title != "Work In Progress" {
		t.Errorf("feed order %s, want the flipped draft first, as the newest", liveTitles(items))
	}

	due := time.Now().Add(2 * time.Second).UTC().Truncate(time.Second).Add(time.Second)
	mark := d.mark()
	liveWrite(t, d.path("soon.md"), "---\ntitle: Coming Soon\ndate: "+due.Format(time.RFC3339)+"\n---\n\nScheduled.\n")
	d.wait(t, liveTimeout, "the scheduled article's file read", func([]liveItem) bool { return len(d.publishes(mark)) > 0 })
	if time.Now().Before(due) {
		d.stays(t, time.Until(due)-200*time.Millisecond, "without the scheduled article", liveHas("Old News", "Work In Progress"))
	}
	d.wait(t, liveTimeout, "the scheduled article, at its date", liveHas("Old News", "Work In Progress", "Coming Soon"))
	if late := time.Since(due); late > 5*time.Second {
		t.Errorf("scheduled article appeared %v after its date", late)
	}
}

// TestWatchLivePoll checks content.watch = "poll": changes are seen, and a
// poll that finds nothing new republishes nothing.
func TestWatchLivePoll(t *testing.T) {
	t.Parallel()
	d := liveStart(t, "watch = \"poll\"\npoll_interval = \"100ms\"", "", func(dir string) {
		liveWrite(t, filepath.Join(dir, "a.md"), liveArticle("Polled", "Found by polling."))
	})
	d.wait(t, liveTimeout, "the first article", liveHas("Polled"))
	if !strings.Contains(d.log.String(), `msg="watching the content folder by polling"`) {
		t.Errorf("log does not say it polls:\n%s", d.log)
	}
	mark := d.mark()
	time.Sleep(500 * time.Millisecond)
	if got := d.publishes(mark); len(got) != 0 {
		t.Errorf("%d republishes in 5 polls of an unchanged folder, want 0", len(got))
	}
	liveWrite(t, d.path("sub/b.md"), liveArticle("Also Polled", "In a new folder."))
	d.wait(t, liveTimeout, "the new article", liveHas("Polled", "Also Polled"))
	liveDo(t, os.Remove(d.path("a.md")))
	d.wait(t, liveTimeout, "without the deleted article", liveHas("Also Polled"))
}

// TestWatchLiveBadInput checks that bad input stops nothing and empties no
// feed: links (a loop, one to a folder outside), a file over the size limit,
// a file that stops parsing (half written), files that vanish as they are
// read, and, when not root, a folder that cannot be read.
func TestWatchLiveBadInput(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	liveWrite(t, filepath.Join(outside, "secret.md"), liveArticle("Secret", "Must not be published."))
	d := liveStart(t, "", "", func(dir string) {
		liveWrite(t, filepath.Join(dir, "good.md"), liveArticle("Good Article", "Version one."))
		liveWrite(t, filepath.Join(dir, "sub", "inner.md"), liveArticle("Inner Article", "In a folder."))
		liveDo(t, os.Symlink(".", filepath.Join(dir, "loop")))
		liveDo(t, os.Symlink(outside, filepath.Join(dir, "outside")))
		liveDo(t, os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(dir, "secret.md")))
	})
	d.wait(t, liveTimeout, "the good articles", liveHas("Good Article", "Inner Article"))
	log := d.log.String()
	for _, name := range []string{"loop", "outside", "secret.md"} {
		if !strings.Contains(log, `msg="symbolic link not followed" path=`+name) {
			t.Errorf("log does not report the link %s:\n%s", name, log)
		}
	}

	// Growing to 50 MB, over content.max_file_size (sparse, so the test
	// writes little): skipped, and logged once, not once per size.
	big, err := os.Create(d.path("huge.md"))
	liveDo(t, err)
	for _, size := range []int64{2 << 20, 3 << 20, 50 << 20} {
		liveDo(t, big.Truncate(size))
		// Nothing to wait for but the rescan of this size: no log line
		// and no republish should follow.
		time.Sleep(250 * time.Millisecond)
	}
	liveDo(t, big.Close())
	if n := strings.Count(d.log.String(), `path=huge.md err="huge.md: file too large`); n != 1 {
		t.Errorf("log reports huge.md as too large %d times, want once:\n%s", n, d.log)
	}
	if !strings.Contains(d.log.String(), "bytes, over the limit of 1000000 (content.max_file_size)") {
		t.Errorf("log does not say huge.md is over content.max_file_size:\n%s", d.log)
	}
	d.stays(t, 50*time.Millisecond, "the good articles", liveHas("Good Article", "Inner Article"))

	// Half written: the last good version stays, with one log line.
	mark := d.mark()
	liveWrite(t, d.path("good.md"), "---\ntitle: Good Article, Half\ndate: [2025-01-\n")
	if !eventuallyLog(d, liveTimeout, `err="good.md:1: `) {
		t.Fatalf("log does not name good.md:1 within 3s:\n%s", d.log.String()[mark:])
	}
	d.stays(t, 200*time.Millisecond, "with the last good version", liveHas("Good Article", "Inner Article"))
	liveWrite(t, d.path("other.md"), liveArticle("Other Article", "Something else changes."))
	d.wait(t, liveTimeout, "with the other article", liveHas("Good Article", "Inner Article", "Other Article"))
	if n := strings.Count(d.log.String()[mark:], `err="good.md:1: `); n != 1 {
		t.Errorf("the parse error of good.md is logged %d times, want once:\n%s", n, d.log.String()[mark:])
	}
	liveWrite(t, d.path("good.md"), liveArticle("Good Article, Finished", "Version two."))
	d.wait(t, liveTimeout, "the finished version", liveHas("Good Article, Finished", "Inner Article", "Other Article"))

	// Files that appear and vanish while herald reads the folder.
	for i := range 200 {
		p := d.path(fmt.Sprintf("flicker/f%d.md", i%7))
		liveWrite(t, p, liveArticle("Flicker", "Here and gone."))
		os.Remove(p)
	}
	d.wait(t, liveTimeout, "without the vanished files", liveHas("Good Article, Finished", "Inner Article", "Other Article"))

	if os.Geteuid() != 0 { // root reads every folder
		liveDo(t, os.Chmod(d.path("sub"), 0))
		t.Cleanup(func() { os.Chmod(d.path("sub"), 0o755) })
		liveWrite(t, d.path("nudge.md"), liveArticle("Nudge", "A change, so herald rescans."))
		d.wait(t, liveTimeout, "with the unreadable folder's article kept", liveHas("Good Article, Finished", "Inner Article", "Other Article", "Nudge"))
		if !strings.Contains(d.log.String(), `msg="folder not read; its articles are left as they were" path=sub`) {
			t.Errorf("log does not report the unreadable folder sub:\n%s", d.log)
		}
	}
	if strings.Contains(d.log.String(), "level=ERROR") {
		t.Errorf("bad input logged at level ERROR:\n%s", d.log)
	}
}

func eventuallyLog(d *liveDaemon, timeout time.Duration, s string) bool {
	for end := time.Now().Add(timeout); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(d.log.String(), s) {
			return true
		}
	}
	return false
}

// TestWatchConfig checks the watch keys of the config.
func TestWatchConfig(t *testing.T) {
	cfg, err := ParseConfig(strings.NewReader("[content]\nwatch = \"poll\"\npoll_interval = \"500ms\"\n"))
	if err != nil || cfg.Content.Watch != "poll" || cfg.Content.PollInterval.Duration != 500*time.Millisecond {
		t.Errorf("ParseConfig = %+v, %v; want watch poll, poll_interval 500ms", cfg.Content, err)
	}
	def := DefaultConfig()
	if def.Content.Watch != "auto" || def.Content.PollInterval.Duration != 2*time.Second {
		t.Errorf("DefaultConfig().Content = %+v, want watch auto, poll_interval 2s", def.Content)
	}
	for _, tt := range []struct{ src, want string }{
		{"[content]\nwatch = \"inotify\"\n", `content.watch: "inotify" must be "auto", "notify" or "poll"`},
		{"[content]\npoll_interval = \"1ms\"\n", "content.poll_interval: 1ms is out of range"},
		{"[content]\npoll_interval = \"2h\"\n", "content.poll_interval: 2h0m0s is out of range"},
		{"[content]\npoll_interval = 5\n", "write it as a string"},
	} {
		if _, err := ParseConfig(strings.NewReader(tt.src)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseConfig(%q) = %v, want an error containing %q", tt.src, err, tt.want)
		}
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"\nwatch = \"auto\"\n", "\npoll_interval = \"2s\"\n"} {
		if !bytes.Contains(src, []byte(key)) {
			t.Errorf("config.toml does not show %q with its default", strings.TrimSpace(key))
		}
	}
}
