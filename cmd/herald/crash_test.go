package main

// The crash test: herald is killed with SIGKILL in the middle of a burst of
// new files, at several moments, and restarted on the same folder and state
// file. The state file is written in one fsync'd transaction per publish, so
// whatever a reader saw before the crash must come back unchanged: the ids
// and dates of undated articles live only there.

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heraldfeeds/herald/internal/store"
)

// crashItem is one feed.json item as the crash test compares it: the dates
// as the exact strings served.
type crashItem struct {
	ID, Published, Modified string
}

// crashFeed fetches feed.json without failing the test, for polling, and
// returns its items by title and its ETag.
func crashFeed(d *daemon) (map[string]crashItem, string, error) {
	resp, err := client.Get(d.url + "feed.json")
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, "", err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("status %d", resp.StatusCode)
	}
	var doc jsonDocument
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, "", err
	}
	items := make(map[string]crashItem, len(doc.Items))
	for _, it := range doc.Items {
		if _, dup := items[it.Title]; dup {
			return nil, "", fmt.Errorf("two items titled %q", it.Title)
		}
		items[it.Title] = crashItem{ID: it.ID, Published: it.DatePublished, Modified: it.DateModified}
	}
	return items, resp.Header.Get("ETag"), nil
}

// newCrashSite is a site whose feeds hold every article (feed.items at its
// maximum), with the given debounce and max_delay.
func newCrashSite(t *testing.T, debounce, maxDelay string) *site {
	t.Helper()
	s := &site{
		content: filepath.Join(t.TempDir(), "content"),
		state:   filepath.Join(t.TempDir(), "state", "herald.db"),
		config:  filepath.Join(t.TempDir(), "config.toml"),
	}
	if err := os.MkdirAll(s.content, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, s.config, fmt.Sprintf(`# written by crash_test.go
[site]
title = "Herald Crash"
base_url = %q

[content]
dir = %q
debounce = %q
max_delay = %q

[feed]
items = 1000

[http]
shutdown_timeout = "3s"

[state]
path = %q
`, baseURL, s.content, debounce, maxDelay, s.state))
	return s
}

// crashArticle is the name, title and text of article i of a round: .txt
// and Markdown without front matter in turn, none with a date of its own.
func crashArticle(round, i int) (name, title, text string) {
	title = fmt.Sprintf("Round %d Story %03d From The Crash Desk", round, i)
	body := fmt.Sprintf("Story %d of round %d reports that the harbour office counted %d ships this week. "+
		"Officials said the number was the %s since records began.\n\nA second paragraph adds detail %d.\n",
		i, round, 1000+7*i, []string{"highest", "lowest", "steadiest"}[i%3], i*31+round)
	if i%2 == 0 {
		return fmt.Sprintf("story-%03d.txt", i), title, title + "\n\n" + body
	}
	return fmt.Sprintf("story-%03d.md", i), title, "# " + title + "\n\n" + body
}

// writeAtomic writes data to a temporary name that herald skips, then
// renames it into place, as editors save.
func writeAtomic(path string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// checkStateFile opens the state file read-only with bbolt, runs its
// consistency check and returns the number of article records.
func checkStateFile(t *testing.T, path string) int {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatalf("open state file %s: %v", path, err)
	}
	defer st.Close()
	n, err := st.Check()
	if err != nil {
		t.Fatalf("state file %s: %v", path, err)
	}
	return n
}

// TestCrashDuringBurst kills herald with SIGKILL while files are being
// written, restarts it, and checks that every article served before the
// kill keeps its id and dates, and that nothing is lost or duplicated.
func TestCrashDuringBurst(t *testing.T) {
	t.Parallel()
	const (
		initial = 100
		burst   = 300
	)
	rounds := []struct {
		name               string
		debounce, maxDelay string
		killAfter          int // files of the burst written before the kill
	}{
		// Early in the burst, before its first republish (max_delay).
		{"early", "50ms", "250ms", 25},
		// About a third in, near the first republish max_delay forces.
		{"middle", "50ms", "250ms", 100},
		// Republishing back to back, so the kill most likely lands inside
		// one: in a Stamp or DocTimes transaction, or between them.
		{"busy", "5ms", "20ms", 180},
	}
	for r, round := range rounds {
		t.Run(round.name, func(t *testing.T) {
			start := time.Now()
			s := newCrashSite(t, round.debounce, round.maxDelay)
			d := s.start(t)

			// The first articles, saved atomically so that none is ever
			// read half-written and re-dated by its last part.
			want := map[string]string{} // title -> file name, of every file on disk
			atomic := map[string]bool{} // titles of the files saved by a rename
			for i := range initial {
				name, title, text := crashArticle(r, i)
				if err := writeAtomic(filepath.Join(s.content, name), []byte(text)); err != nil {
					t.Fatal(err)
				}
				want[title], atomic[title] = name, true
			}
			var before map[string]crashItem
			var etag string
			var err error
			if !eventually(30*time.Second, func() bool {
				before, etag, err = crashFeed(d)
				return err == nil && hasAll(before, want)
			}) {
				t.Fatalf("feed.json 30s after writing %d articles: %d items (err %v), want all of them\nstderr:\n%s", initial, len(before), err, d.log)
			}
			initialAt := time.Since(start)
			// Settled: no republish pending that could still change a date.
			for stable := false; !stable; {
				time.Sleep(400 * time.Millisecond)
				var again string
				before, again, err = crashFeed(d)
				if err != nil {
					t.Fatalf("GET %sfeed.json: %v", d.url, err)
				}
				stable, etag = again == etag, again
			}
			if len(before) != initial {
				t.Fatalf("feed.json: %d items, want %d", len(before), initial)
			}

			// The burst, with the kill in the middle of it.
			published := strings.Count(d.log.String(), "msg=published")
			reached := make(chan struct{})
			var wg sync.WaitGroup
			var writeErr error
			wg.Add(1)
			defer wg.Wait() // on a failure below, before the folder is removed
			go func() {
				defer wg.Done()
				for i := initial; i < initial+burst; i++ {
					if i == initial+round.killAfter {
						close(reached)
					}
					name, title, text := crashArticle(r, i)
					path := filepath.Join(s.content, name)
					var err error
					if atomic[title] = i%3 == 0; atomic[title] {
						err = writeAtomic(path, []byte(text))
					} else {
						err = os.WriteFile(path, []byte(text), 0o644)
					}
					if err != nil {
						writeErr = err
						return
					}
					want[title] = name
					time.Sleep(2 * time.Millisecond)
				}
			}()
			select {
			case <-reached:
			case <-time.After(30 * time.Second):
				t.Fatalf("the burst did not reach %d files in 30s", round.killAfter)
			}
			// What a reader saw last before the crash must survive it.
			seen, _, seenErr := crashFeed(d)
			if err := d.cmd.Process.Kill(); err != nil {
				t.Fatalf("SIGKILL: %v", err)
			}
			<-d.done
			killedAt := time.Since(start)
			publishedInBurst := strings.Count(d.log.String(), "msg=published") - published
			wg.Wait()
			if writeErr != nil {
				t.Fatal(writeErr)
			}
			if seenErr != nil {
				t.Fatalf("GET %sfeed.json just before the kill: %v", d.url, seenErr)
			}
			records := checkStateFile(t, s.state)
			if records < initial {
				t.Errorf("state file after the kill: %d article records, want at least %d", records, initial)
			}

			// Restart in a later second than the first articles were stamped,
			// so an article re-dated from scratch would show.
			for _, it := range before {
				p, err := time.Parse(time.RFC3339, it.Published)
				if err != nil {
					t.Fatalf("date_published %q: %v", it.Published, err)
				}
				if wait := time.Until(p.Add(1100 * time.Millisecond)); wait > 0 {
					time.Sleep(wait)
				}
			}
			d = s.start(t)
			var after map[string]crashItem
			if !eventually(30*time.Second, func() bool {
				after, _, err = crashFeed(d)
				return err == nil && hasAll(after, want)
			}) {
				t.Fatalf("feed.json 30s after the restart: %d items (err %v), want all %d files on disk\nstderr:\n%s", len(after), err, len(want), d.log)
			}
			if len(after) != initial+burst || len(want) != initial+burst {
				t.Errorf("feed.json after the restart: %d items for %d files, want %d", len(after), len(want), initial+burst)
			}
			for title, b := range before {
				if a := after[title]; a != b {
					t.Errorf("item %q after the kill and restart: %+v, want %+v as before", title, a, b)
				}
			}
			// A file written in place may have been served half-written: its
			// title cut short (no such file now), or its text, so that the
			// rest of it moved date_modified on. Its id and first date stay.
			for title, b := range seen {
				a, ok := after[title]
				if !ok {
					if _, onDisk := want[title]; onDisk {
						t.Errorf("item %q, served just before the kill, is gone after the restart", title)
					}
					continue
				}
				if !atomic[title] {
					a.Modified, b.Modified = "", ""
				}
				if a != b {
					t.Errorf("item %q, served just before the kill: after the restart %+v, want %+v", title, a, b)
				}
			}
			ids := map[string]string{}
			for title, a := range after {
				if a.ID == "" {
					t.Errorf("item %q has no id", title)
				} else if other, dup := ids[a.ID]; dup {
					t.Errorf("items %q and %q share the id %s", title, other, a.ID)
				}
				ids[a.ID] = title
			}
			servedAt := time.Since(start)
			d.stop(t)

			if n := checkStateFile(t, s.state); n != initial+burst {
				t.Errorf("state file after the restart: %d article records, want %d", n, initial+burst)
			}
			st, err := store.Open(s.state)
			if err != nil {
				t.Fatalf("store.Open after the restart: %v", err)
			}
			if err := st.Close(); err != nil {
				t.Errorf("close state file: %v", err)
			}
			t.Logf("killed after %d burst files, %d republishes into the burst, %d items seen just before; at %v: first articles served, %v: killed, %v: all served after the restart, %v: done",
				round.killAfter, publishedInBurst, len(seen), initialAt.Round(time.Millisecond), killedAt.Round(time.Millisecond),
				servedAt.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
		})
	}
}

// hasAll reports whether items has an item for every title of want.
func hasAll(items map[string]crashItem, want map[string]string) bool {
	for title := range want {
		if _, ok := items[title]; !ok {
			return false
		}
	}
	return true
}

// TestBurstDistinctDates saves undated articles in two bursts, each
// published in one go, and checks that no two items share a date: the state
// store spaces the first-seen times of articles that appear together a
// second apart so that every entry has its own date (the W3C validator
// warns about Atom entries with the same updated date).
func TestBurstDistinctDates(t *testing.T) {
	t.Parallel()
	s := newCrashSite(t, "50ms", "250ms")
	d := s.start(t)
	want := map[string]string{}
	for _, n := range []int{50, 100} {
		for i := len(want); i < n; i++ {
			name, title, text := crashArticle(0, i)
			if err := writeAtomic(filepath.Join(s.content, name), []byte(text)); err != nil {
				t.Fatal(err)
			}
			want[title] = name
		}
		var items map[string]crashItem
		var err error
		if !eventually(30*time.Second, func() bool {
			items, _, err = crashFeed(d)
			return err == nil && hasAll(items, want)
		}) {
			t.Fatalf("feed.json 30s after writing %d articles: %d items (err %v), want all of them\nstderr:\n%s", len(want), len(items), err, d.log)
		}
	}
	items, _, err := crashFeed(d)
	if err != nil {
		t.Fatal(err)
	}
	byDate := map[string][]string{}
	for title, it := range items {
		byDate[it.Published] = append(byDate[it.Published], title)
	}
	shared := 0
	for date, titles := range byDate {
		if len(titles) > 1 {
			shared++
			if shared <= 3 {
				slices.Sort(titles)
				t.Errorf("items %q share the date_published %s", titles, date)
			}
		}
	}
	if shared > 0 {
		t.Errorf("%d items, %d distinct dates: %d dates are shared, want none\nstderr:\n%s", len(items), len(byDate), shared, d.log)
	}
	d.stop(t)
}
