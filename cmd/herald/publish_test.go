package main

import (
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/heraldfeeds/herald/feed"
	"github.com/heraldfeeds/herald/internal/catalog"
	"github.com/heraldfeeds/herald/internal/server"
	"github.com/heraldfeeds/herald/internal/store"
	"github.com/heraldfeeds/herald/source"
)

// testPublisher is a publisher of the folder dir, keeping its state in st,
// for the tests and benchmarks that call its methods: 20 items, no log.
func testPublisher(dir string, st *store.Store) *publisher {
	site := &feed.Site{Title: "Test", BaseURL: "http://127.0.0.1", ID: "urn:uuid:0", Items: 20}
	return &publisher{
		log:     slog.New(slog.DiscardHandler),
		store:   st,
		loader:  &source.Loader{FS: os.DirFS(dir), Dir: dir},
		catalog: catalog.New(),
		items:   site.Items,
		failed:  map[string]string{},
		server:  server.New(server.Options{Site: site}),
	}
}

// TestRepublishAfterStateFileFailure checks that changes the state file
// could not take (here it is closed; a full disk does the same) are not
// lost: the republish that follows, with no event, publishes them.
func TestRepublishAfterStateFileFailure(t *testing.T) {
	dir, statePath := t.TempDir(), filepath.Join(t.TempDir(), "herald.db")
	write := func(name, title string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("# "+title+"\n\nA paragraph of text.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("kept.md", "Kept")
	write("gone.md", "Gone")
	st, err := store.Open(statePath)
	if err != nil {
		t.Fatal(err)
	}
	p := testPublisher(dir, st)
	if err := p.rebuild(source.Changes{All: true}); err != nil {
		t.Fatal(err)
	}

	write("new.md", "New")
	if err := os.Remove(filepath.Join(dir, "gone.md")); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := p.rebuild(source.Changes{Paths: []string{"gone.md", "new.md"}}); err == nil {
		t.Fatal("republish with the state file closed: no error")
	}
	if p.catalog.Get("new.md") != nil || p.catalog.Get("gone.md") == nil {
		t.Fatal("a change the state file did not take is published")
	}

	if p.store, err = store.Open(statePath); err != nil {
		t.Fatal(err)
	}
	defer p.store.Close()
	if err := p.rebuild(source.Changes{}); err != nil { // the retry, with no event
		t.Fatal(err)
	}
	if p.catalog.Get("new.md") == nil || p.catalog.Get("gone.md") != nil || p.catalog.Get("kept.md") == nil {
		t.Errorf("after the retry: new.md %v, gone.md %v, kept.md %v; want new.md and kept.md only",
			p.catalog.Get("new.md") != nil, p.catalog.Get("gone.md") != nil, p.catalog.Get("kept.md") != nil)
	}
	// A full look finds nothing left to do either.
	if d, err := p.loader.Load(); err != nil || len(d.Changed) != 0 || len(d.Removed) != 0 {
		t.Errorf("a full look after the retry: %d changed, %d removed, %v; want nothing", len(d.Changed), len(d.Removed), err)
	}
}

// TestFirstStartStampsWhileScanning checks that a first start, which stamps
// the articles while the folder is still being scanned (loadNew), gives
// what a scan, then Stamp, then the catalog give one after the other:
// the same records in the state file and the same ids, dates and slugs
// served. The folder spans many of the loader's batches, and holds
// articles with and without their own dates, drafts, copies of one
// content (a first start must not take one for a rename of the other),
// shared slugs and a file that does not read.
func TestFirstStartStampsWhileScanning(t *testing.T) {
	dir := t.TempDir()
	files := map[string]bool{}
	write := func(name, body string) {
		t.Helper()
		files[name] = true
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), body)
	}
	for i := range 300 {
		switch dir := fmt.Sprintf("d%d", i%7); i % 5 {
		case 0:
			write(fmt.Sprintf("%s/dated-%03d.md", dir, i), fmt.Sprintf("---\ntitle: Dated %d\ndate: 2024-03-%02dT10:00:00Z\n---\n\nText %d.\n", i, 1+i%28, i))
		case 1:
			write(fmt.Sprintf("%s/plain-%03d.txt", dir, i), fmt.Sprintf("Plain %d\n\nA paragraph of plain text.\n", i))
		case 2:
			write(fmt.Sprintf("%s/same.md", dir), "# One Slug\n\nEvery folder has this one, with the same bytes.\n")
		case 3:
			write(fmt.Sprintf("%s/draft-%03d.md", dir, i), fmt.Sprintf("---\ntitle: Draft %d\ndraft: true\n---\n\nNot yet.\n", i))
		default:
			write(fmt.Sprintf("%s/page-%03d.html", dir, i), fmt.Sprintf("<h1>Page %d</h1><p>A page of HTML.</p>", i))
		}
	}
	write("broken.md", "---\ntitle: [unclosed\n---\n\nText.\n")

	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	open := func() *store.Store {
		st, err := store.Open(filepath.Join(t.TempDir(), "herald.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	streamed := testPublisher(dir, open())
	d, applied, err := streamed.loadNew(now, nil)
	if err != nil || !applied {
		t.Fatalf("loadNew: applied %v, %v", applied, err)
	}
	if len(d.Errors) != 1 {
		t.Errorf("loadNew: %d errors, want 1 (broken.md): %v", len(d.Errors), d.Errors)
	}

	serial := testPublisher(dir, open())
	d2, err := serial.loader.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := serial.store.Stamp(d2.Changed, d2.Removed, serial.loader.Has, now); err != nil {
		t.Fatal(err)
	}
	serial.catalog.Apply(d2.Changed, d2.Removed)

	records := func(p *publisher) map[string]store.Record {
		m := map[string]store.Record{}
		if err := p.store.Index(func(path string, rec store.Record) error {
			m[path] = rec
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return m
	}
	got, want := records(streamed), records(serial)
	if len(want) != len(files)-1 {
		t.Fatalf("the serial start recorded %d articles, want %d", len(want), len(files)-1)
	}
	if !reflect.DeepEqual(got, want) {
		for path, w := range want {
			if g := got[path]; !reflect.DeepEqual(g, w) {
				t.Errorf("%s: record\n got  %+v\n want %+v", path, g, w)
			}
		}
		t.Fatalf("state files differ: %d records, want %d", len(got), len(want))
	}
	served := func(p *publisher) []string {
		var out []string
		for _, a := range p.catalog.Top(0, now).Items {
			out = append(out, fmt.Sprintf("%s %s %s %s %s", a.Path, a.ID, a.Slug, a.Published.Format(time.RFC3339Nano), a.Updated.Format(time.RFC3339Nano)))
		}
		return out
	}
	if g, w := served(streamed), served(serial); !slices.Equal(g, w) {
		t.Errorf("served articles differ:\n got  %q\n want %q", g, w)
	}
}

// TestFirstStartStateFileFull checks a first start whose state file runs
// out of room while the folder is being read: nothing is published, the
// catalog holds nothing of it, and once there is room the next republish
// publishes every article. The state file lives on a small tmpfs, so the
// disk is really full, before the first of the start's commits (of 10,000
// records) or after it; the test is skipped where mounting one is not
// allowed.
func TestFirstStartStateFileFull(t *testing.T) {
	for _, tt := range []struct {
		name      string
		articles  int
		room      string // the tmpfs's size
		committed bool   // whether the first commit fits
	}{
		{"before the first commit", 3000, "256k", false},
		{"after the first commit", 25000, "3m", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			mnt := t.TempDir()
			if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+tt.room, "tmpfs", mnt).CombinedOutput(); err != nil {
				t.Skipf("cannot mount a tmpfs to fill (needs root): %v: %s", err, out)
			}
			t.Cleanup(func() {
				if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
					t.Errorf("umount %s: %v: %s", mnt, err, out)
				}
			})
			dir := t.TempDir()
			for i := range tt.articles {
				body := fmt.Sprintf("---\ntitle: Article %d\ndate: 2024-01-01T00:00:00Z\n---\n\nText %d.\n", i, i)
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%05d.md", i)), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			st, err := store.Open(filepath.Join(mnt, "herald.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			p := testPublisher(dir, st)
			err = p.rebuild(source.Changes{All: true})
			if err == nil {
				t.Fatalf("a first start with %s for the state file of %d articles: no error", tt.room, tt.articles)
			}
			t.Logf("the error: %v", err)
			if empty, err := st.Empty(); err != nil || empty == tt.committed {
				t.Fatalf("after the failed start the state file is empty: %v, %v; want %v (the first commit fits: %v)", empty, err, !tt.committed, tt.committed)
			}
			if got := p.catalog.Len(); got != 0 {
				t.Errorf("after the failed first start the catalog holds %d articles, want 0", got)
			}
			if p.started {
				t.Error("a first start the state file did not take was published")
			}

			if out, err := exec.Command("mount", "-o", "remount,size=64m", mnt).CombinedOutput(); err != nil {
				t.Fatalf("remount: %v: %s", err, out)
			}
			if err := p.rebuild(source.Changes{}); err != nil { // the retry, with no event
				t.Fatal(err)
			}
			if got := p.catalog.Len(); got != tt.articles {
				t.Errorf("after the retry the catalog holds %d articles, want %d", got, tt.articles)
			}
			if records, err := st.Check(); err != nil || records != tt.articles {
				t.Errorf("state file: %d records, %v; want %d and no error", records, err, tt.articles)
			}
		})
	}
}
