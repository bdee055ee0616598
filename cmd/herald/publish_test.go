package main

import (
	"log/slog"
	"os"
	"path/filepath"
	"testing"

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
