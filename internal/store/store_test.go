package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heraldfeeds/herald/source"
	bolt "go.etcd.io/bbolt"
)

var t0 = time.Date(2025, 8, 1, 12, 0, 0, 0, time.UTC)

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func art(path, hash string) *source.Article {
	return &source.Article{Path: path, Hash: hash, Title: path}
}

// stampAll stamps arts as the whole folder: any other path is gone.
func stampAll(t *testing.T, s *Store, now time.Time, arts ...*source.Article) {
	t.Helper()
	present := map[string]bool{}
	for _, a := range arts {
		present[a.Path] = true
	}
	if err := s.Stamp(arts, nil, func(p string) bool { return present[p] }, now); err != nil {
		t.Fatal(err)
	}
}

func TestStampLifecycle(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "herald.db")
	s := open(t, path)

	a := art("news/a.txt", "h1")
	stampAll(t, s, t0, a)
	if !strings.HasPrefix(a.ID, "urn:uuid:") || !a.Published.Equal(t0) || !a.Updated.Equal(t0) {
		t.Fatalf("new article: ID %q, Published %v, Updated %v; want a urn:uuid and both %v", a.ID, a.Published, a.Updated, t0)
	}
	id := a.ID

	// Seen again later, unchanged: nothing moves.
	again := art("news/a.txt", "h1")
	stampAll(t, s, t0.Add(time.Hour), again)
	if again.ID != id || !again.Published.Equal(t0) || !again.Updated.Equal(t0) {
		t.Errorf("unchanged article re-stamped: %q %v %v", again.ID, again.Published, again.Updated)
	}

	// Edited: the updated date moves, the id and published date stay.
	edited := art("news/a.txt", "h2")
	t2 := t0.Add(2 * time.Hour)
	stampAll(t, s, t2, edited)
	if edited.ID != id || !edited.Published.Equal(t0) || !edited.Updated.Equal(t2) {
		t.Errorf("edited article: %q %v %v, want %q %v %v", edited.ID, edited.Published, edited.Updated, id, t0, t2)
	}

	// Restart: the same answers from the file.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, path)
	defer s.Close()
	restarted := art("news/a.txt", "h2")
	stampAll(t, s, t0.Add(24*time.Hour), restarted)
	if restarted.ID != id || !restarted.Published.Equal(t0) || !restarted.Updated.Equal(t2) {
		t.Errorf("after restart: %q %v %v, want %q %v %v", restarted.ID, restarted.Published, restarted.Updated, id, t0, t2)
	}

	// Renamed (same content, new path, old path gone): keeps id and dates.
	moved := art("archive/a-renamed.txt", "h2")
	present := func(p string) bool { return p == moved.Path }
	if err := s.Stamp([]*source.Article{moved}, []string{"news/a.txt"}, present, t0.Add(48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if moved.ID != id || !moved.Published.Equal(t0) || !moved.Updated.Equal(t2) {
		t.Errorf("renamed article: %q %v %v, want %q %v %v", moved.ID, moved.Published, moved.Updated, id, t0, t2)
	}
}

func TestStampOwnDatesAndIDWin(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "herald.db"))
	defer s.Close()
	pub := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	a := art("a.md", "h")
	a.Published, a.ID = pub, "https://example.com/posts/1"
	b := art("b.md", "h2")
	b.ID = "my-post-1"
	stampAll(t, s, t0, a, b)
	if a.ID != "https://example.com/posts/1" || !a.Published.Equal(pub) || !a.Updated.Equal(pub) {
		t.Errorf("front matter values: %q %v %v", a.ID, a.Published, a.Updated)
	}
	if !strings.HasPrefix(b.ID, "urn:uuid:") || b.ID != nameID("", "my-post-1") {
		t.Errorf("a front matter id that is not a URI becomes %q, want the urn:uuid of the name", b.ID)
	}
}

func TestIDsDoNotDependOnStateOrOrder(t *testing.T) {
	a := art("x/y.txt", "h")
	stampAll(t, open(t, filepath.Join(t.TempDir(), "1.db")), t0, art("other.txt", "o"), a)
	b := art("x/y.txt", "h")
	stampAll(t, open(t, filepath.Join(t.TempDir(), "2.db")), t0.Add(time.Hour), b)
	if a.ID != b.ID {
		t.Errorf("ids differ between two fresh state files: %q, %q", a.ID, b.ID)
	}
	if PathID("a") == PathID("b") {
		t.Error("two paths share an id")
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "herald.db")
	s := open(t, path)
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "locked by another herald") {
		t.Errorf("second Open of a locked file: %v, want a locked error", err)
	}
	s.Close()

	corrupt := filepath.Join(dir, "corrupt.db")
	if err := os.WriteFile(corrupt, []byte(strings.Repeat("not a bolt file ", 2048)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(corrupt); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("Open of a corrupt file: %v, want a damaged-file error", err)
	}

	if os.Geteuid() != 0 { // root writes anywhere
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		if _, err := Open(filepath.Join(ro, "herald.db")); err == nil {
			t.Error("Open in a read-only folder succeeded")
		}
	}
}

func TestSiteIsKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "herald.db")
	s := open(t, path)
	id1, since1, err := s.Site(t0)
	if err != nil || !strings.HasPrefix(id1, "urn:uuid:") || !since1.Equal(t0) {
		t.Fatalf("Site() = %q, %v, %v", id1, since1, err)
	}
	s.Close()
	s = open(t, path)
	defer s.Close()
	if id2, since2, _ := s.Site(t0.Add(time.Hour)); id2 != id1 || !since2.Equal(t0) {
		t.Errorf("Site after reopening = %q, %v, want %q, %v", id2, since2, id1, t0)
	}
}

func TestDocTime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "herald.db")
	s := open(t, path)
	newest := time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC)
	check := func(etag string, now, want time.Time) {
		t.Helper()
		times, err := s.DocTimes(map[string]string{"/rss.xml": etag}, newest, now)
		if got := times["/rss.xml"]; err != nil || !got.Equal(want) {
			t.Errorf("DocTimes(%s, now %v) = %v, %v, want %v", etag, now, times, err, want)
		}
	}
	check(`"a"`, t0, newest)                                           // first sight: the newest item's date
	check(`"a"`, t0.Add(time.Hour), newest)                            // unchanged: stays
	check(`"b"`, t0.Add(2*time.Hour), t0.Add(2*time.Hour))             // changed: now
	check(`"c"`, t0.Add(2*time.Hour), t0.Add(2*time.Hour+time.Second)) // changed again within the second: still later
	s.Close()
	s = open(t, path)
	defer s.Close()
	check(`"c"`, t0.Add(48*time.Hour), t0.Add(2*time.Hour+time.Second)) // survives a restart
}

func TestStampSpacesArticlesSeenTogether(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "herald.db"))
	defer s.Close()
	a, b, c := art("a.txt", "1"), art("b.txt", "2"), art("c.md", "3")
	c.Published = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) // has its own date: not spaced
	stampAll(t, s, t0, a, b, c)
	if !a.Published.Equal(t0) || !b.Published.Equal(t0.Add(-time.Millisecond)) {
		t.Errorf("first seen together: a %v, b %v, want %v and a millisecond earlier", a.Published, b.Published, t0)
	}
	if !c.Published.Equal(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("dated article re-dated to %v", c.Published)
	}
}

func TestIndexKeepsTheScan(t *testing.T) {
	path := filepath.Join(t.TempDir(), "herald.db")
	s := open(t, path)
	zone := time.FixedZone("", 2*3600)
	a := &source.Article{
		Path: "posts/a.md", Kind: source.KindMarkdown, Hash: "h1",
		Stat:  source.FileStat{Size: 123, ModTime: 1e18, Inode: 42, ChangeTime: 1e18 + 5},
		Title: "A Title", Slug: "a", ID: "tag:example.com,2025:a",
		Published: time.Date(2025, 8, 15, 10, 0, 0, 0, zone),
		Author:    source.Person{Name: "Jane", Email: "j@example.com"},
		Image:     "/img.png", Tags: []string{"x", "y"}, Summary: "A summary.",
	}
	draft := &source.Article{Path: "d.txt", Kind: source.KindText, Hash: "h2", Stat: source.FileStat{Size: 1, ModTime: 2}, Title: "D", Slug: "d", Draft: true, Summary: "S."}
	want := *a
	stampAll(t, s, t0, a, draft)
	if draft.ID != "" || !draft.Published.IsZero() {
		t.Errorf("a draft was stamped: %q %v", draft.ID, draft.Published)
	}
	s.Close()
	s = open(t, path)
	defer s.Close()
	got := map[string]Record{}
	if err := s.Index(func(p string, rec Record) error { got[p] = rec; return nil }); err != nil {
		t.Fatal(err)
	}
	rec := got["posts/a.md"]
	if rec.Meta == nil || rec.Stat != want.Stat || rec.Hash != "h1" || !rec.FirstSeen.Equal(t0) {
		t.Fatalf("Index() record = %+v", rec)
	}
	m := *rec.Meta
	if m.Title != want.Title || m.Slug != want.Slug || m.ID != want.ID || m.Published.String() != want.Published.String() ||
		!m.Updated.IsZero() || m.Author != want.Author || m.Image != want.Image || strings.Join(m.Tags, ",") != "x,y" || m.Summary != want.Summary || m.Kind != want.Kind {
		t.Errorf("Index() meta = %+v, want the scan %+v", m, want)
	}
	if d := got["d.txt"]; d.Meta == nil || !d.Meta.Draft || !d.FirstSeen.IsZero() {
		t.Errorf("Index() draft = %+v, want its scan and no first-seen date", d)
	}

	// The draft published later is dated then; a removed file leaves the index.
	draft.Draft = false
	if err := s.Stamp([]*source.Article{draft}, []string{"posts/a.md"}, func(string) bool { return false }, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if !draft.Published.Equal(t0.Add(time.Hour)) || draft.ID == "" {
		t.Errorf("published draft: %q %v, want dated %v", draft.ID, draft.Published, t0.Add(time.Hour))
	}
	clear(got)
	s.Index(func(p string, rec Record) error { got[p] = rec; return nil })
	if _, ok := got["posts/a.md"]; ok || len(got) != 1 {
		t.Errorf("Index() after removing posts/a.md = %v", got)
	}
}

func TestDecodeRejectsDamage(t *testing.T) {
	v := encode(nil, Record{ID: "x", Hash: "h", Meta: &source.Article{Title: "T", Tags: []string{"a"}}})
	for n := range len(v) {
		if _, err := decode([]byte("k"), v[:n]); err == nil {
			t.Errorf("decode of the first %d of %d bytes: no error", n, len(v))
		}
	}
	if _, err := decode([]byte("k"), []byte(`{"id":"urn:x","hash":"h"}`)); err != nil {
		t.Errorf("decode of a version 1 JSON record: %v", err)
	}
}

// The ids are part of the feeds: they must never change.
func TestIDsAreStable(t *testing.T) {
	long := "ünïcode/ a very long path that goes on and on and on and on and on and on and on and on and on and on and on and on and on and on and on.md"
	for _, tt := range []struct{ got, want string }{
		{PathID("news/a.txt"), "urn:uuid:1ad01352-32fa-54fd-b62a-8f88a45a85f7"},
		{NormalizeID("my-post-1"), "urn:uuid:55d0a30f-9061-5037-8446-3f9d8dc1ff6b"},
		{PathID(long), "urn:uuid:9e1a5570-ae1e-527b-8c61-ad4b2553ab9d"},
	} {
		if tt.got != tt.want {
			t.Errorf("id = %s, want %s", tt.got, tt.want)
		}
	}
}

// A first start skips lookups in the empty state file, but must still see
// the records it wrote itself, in this transaction or an earlier one.
func TestStampFirstStartSeesItsOwnRecords(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "herald.db"))
	defer s.Close()
	var arts []*source.Article
	for i := range stampBatch + 10 {
		arts = append(arts, art(fmt.Sprintf("b/%06d.txt", i), fmt.Sprintf("h%d", i)))
	}
	near := art("b/000005.txt", "same")              // some content
	far := art(fmt.Sprintf("c/%06d.txt", 0), "same") // the same, in a later transaction
	again := art("b/000001.txt", "h1")               // a path given twice
	arts[5] = near
	arts = append(arts, far, again)
	for _, a := range arts {
		a.Stat = source.FileStat{Size: 1} // in the index
	}
	present := func(string) bool { return true }
	if err := s.Stamp(arts, nil, present, t0); err != nil {
		t.Fatal(err)
	}
	if near.ID != PathID(near.Path) || far.ID != PathID(far.Path) {
		t.Errorf("two files with the same content: ids %q and %q, want each its own", near.ID, far.ID)
	}
	first := arts[1]
	if again.ID != first.ID || !again.Published.Equal(first.Published) {
		t.Errorf("a path given twice: %q %v, then %q %v", first.ID, first.Published, again.ID, again.Published)
	}
	got := map[string]Record{}
	if err := s.Index(func(p string, rec Record) error { got[p] = rec; return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != stampBatch+11 {
		t.Errorf("Index() has %d records, want %d", len(got), stampBatch+11)
	}

	// Files of either transaction, moved out and later back in under
	// another name, keep their ids.
	for _, old := range []*source.Article{arts[4], arts[stampBatch+5]} {
		present := func(p string) bool { return p != old.Path }
		if err := s.Stamp(nil, []string{old.Path}, present, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		moved := art("d/"+old.Path, old.Hash)
		if err := s.Stamp([]*source.Article{moved}, nil, present, t0.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if moved.ID != old.ID || !moved.Published.Equal(old.Published) {
			t.Errorf("%s renamed to %s: %q %v, want its id %q and date %v", old.Path, moved.Path, moved.ID, moved.Published, old.ID, old.Published)
		}
	}
}

// firstStart returns the articles of a folder as a first start scans them,
// in path order: more than a transaction holds, with dates of their own or
// none, drafts, files with the same content and ids from front matter.
func firstStart() []*source.Article {
	var arts []*source.Article
	for i := range stampBatch + 700 {
		a := art(fmt.Sprintf("p/%06d.md", i), fmt.Sprintf("h%d", i))
		a.Stat = source.FileStat{Size: int64(i + 1), ModTime: 1e18, Inode: uint64(i)}
		switch i % 7 {
		case 1:
			a.Published = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC).Add(time.Duration(i) * time.Minute)
		case 2:
			a.Published = time.Date(2024, 3, 1, 0, 0, 0, 0, time.FixedZone("", 3600))
			a.Updated = a.Published.Add(time.Hour)
		case 3:
			a.Draft = true
		case 4:
			a.Hash = fmt.Sprintf("h%d", i%500) // the same content as another file, maybe in another transaction
		case 5:
			a.ID = fmt.Sprintf("post-%d", i)
		case 6:
			a.ID = fmt.Sprintf("tag:example.com,2025:%d", i)
			a.Tags = []string{"a", "b"}
		}
		arts = append(arts, a)
	}
	return arts
}

// dump returns every key and value of every bucket.
func dump(t *testing.T, s *Store) map[string]string {
	t.Helper()
	kv := map[string]string{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				kv[string(name)+"\x00"+string(k)] = string(v)
				return nil
			})
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return kv
}

// StampNew, given the articles in batches of any size, stamps them as one
// Stamp of the whole folder does.
func TestStampNewEqualsStamp(t *testing.T) {
	dir := t.TempDir()
	want := firstStart()
	s1 := open(t, filepath.Join(dir, "stamp.db"))
	defer s1.Close()
	if err := s1.Stamp(want, nil, func(string) bool { return true }, t0); err != nil {
		t.Fatal(err)
	}

	got := firstStart()
	s2 := open(t, filepath.Join(dir, "stampnew.db"))
	defer s2.Close()
	if empty, err := s2.Empty(); !empty || err != nil {
		t.Fatalf("Empty() of a new state file = %v, %v; want true", empty, err)
	}
	st, err := s2.StampNew(t0)
	if err != nil {
		t.Fatal(err)
	}
	sizes := []int{1, 63, 64, 0, 200, 9, 1000}
	for i, rest := 0, got; len(rest) > 0; i++ {
		n := min(sizes[i%len(sizes)], len(rest))
		if err := st.Add(rest[:n]); err != nil {
			t.Fatal(err)
		}
		rest = rest[n:]
	}
	if err := st.End(); err != nil {
		t.Fatal(err)
	}
	if empty, err := s2.Empty(); empty || err != nil {
		t.Errorf("Empty() after a first start = %v, %v; want false", empty, err)
	}

	for i, w := range want {
		g := got[i]
		if g.ID != w.ID || !g.Published.Equal(w.Published) || !g.Updated.Equal(w.Updated) {
			t.Errorf("%s: StampNew gives %q %v %v, Stamp %q %v %v", w.Path, g.ID, g.Published, g.Updated, w.ID, w.Published, w.Updated)
		}
	}
	kv1, kv2 := dump(t, s1), dump(t, s2)
	if len(kv1) != len(want)+1 { // the records, and which hash they hold; no file is removed, so no hash index entry
		t.Errorf("Stamp wrote %d entries, want %d", len(kv1), len(want)+1)
	}
	diffs := 0
	for k, v := range kv1 {
		if v2, ok := kv2[k]; (!ok || v2 != v) && diffs < 5 {
			t.Errorf("entry %q: StampNew wrote %q (%v), Stamp %q", k, v2, ok, v)
			diffs++
		}
	}
	for k := range kv2 {
		if _, ok := kv1[k]; !ok && diffs < 5 {
			t.Errorf("entry %q: written by StampNew, not Stamp", k)
			diffs++
		}
	}
}

func TestStampNewNotEmpty(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "herald.db"))
	defer s.Close()
	a := art("a.md", "h")
	stampAll(t, s, t0, a)
	stampAll(t, s, t0.Add(time.Hour)) // a.md removed: its record stays
	if empty, err := s.Empty(); empty || err != nil {
		t.Errorf("Empty() with the record of a removed file = %v, %v; want false", empty, err)
	}
	if _, err := s.StampNew(t0); err == nil || !strings.Contains(err.Error(), "already holds articles") {
		t.Errorf("StampNew on a state file with records: %v, want an error", err)
	}
}

// An error sticks, and End then writes nothing.
func TestStampNewErrorSticks(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "herald.db"))
	defer s.Close()
	st, err := s.StampNew(t0)
	if err != nil {
		t.Fatal(err)
	}
	bad := art("", "h") // bbolt refuses an empty key
	first := st.Add([]*source.Article{art("a.md", "h1"), bad})
	if first == nil {
		t.Fatal("Add of an article without a path: no error")
	}
	if err := st.Add([]*source.Article{art("b.md", "h2")}); err != first {
		t.Errorf("Add after an error = %v, want %v", err, first)
	}
	if err := st.End(); err != first {
		t.Errorf("End after an error = %v, want %v", err, first)
	}
	if empty, err := s.Empty(); !empty || err != nil {
		t.Errorf("Empty() after a failed first start = %v, %v; want true", empty, err)
	}
	// Nothing is left open: another first start can begin.
	st, err = s.StampNew(t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Add([]*source.Article{art("a.md", "h1")}); err != nil {
		t.Fatal(err)
	}
	if err := st.End(); err != nil {
		t.Fatal(err)
	}
	if err := st.End(); err == nil {
		t.Error("End after End: no error")
	}
}

// A first start cut short between its commits leaves the records of its
// first commits, which the restart does not stamp again: a rename of one
// of them keeps its id (its removal leads the hash index to it).
func TestStampNewCutShort(t *testing.T) {
	path := filepath.Join(t.TempDir(), "herald.db")
	s := open(t, path)
	arts := firstStart()
	st, err := s.StampNew(t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Add(arts[:stampBatch+5]); err != nil {
		t.Fatal(err)
	}
	// The crash: the first stampBatch are committed, the next 5 are in
	// the open transaction, which Close rolls back.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = open(t, path)
	defer s.Close()
	records, err := s.Check()
	if err != nil || records != stampBatch {
		t.Fatalf("Check() after the crash = %d, %v; want %d records", records, err, stampBatch)
	}
	old := arts[7] // no date or id of its own
	if old.Published.IsZero() || old.ID != PathID(old.Path) {
		t.Fatalf("%s stamped %q %v", old.Path, old.ID, old.Published)
	}
	moved := art("q/renamed.md", old.Hash)
	present := func(p string) bool { return p != old.Path }
	if err := s.Stamp([]*source.Article{moved}, []string{old.Path}, present, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if moved.ID != old.ID || !moved.Published.Equal(old.Published) {
		t.Errorf("%s renamed to %s after a first start cut short: %q %v, want its id %q and date %v", old.Path, moved.Path, moved.ID, moved.Published, old.ID, old.Published)
	}
}

// Records are read back from state files written by earlier versions:
// the encoding of one must not change.
func TestEncodeIsStable(t *testing.T) {
	rec := Record{ID: "urn:x", FirstSeen: time.Date(2025, 8, 1, 12, 0, 0, 5e6, time.UTC), Changed: time.Date(2025, 8, 2, 12, 0, 0, 0, time.FixedZone("", 2*3600)), Hash: "h",
		Stat: source.FileStat{Size: 3, ModTime: 4, Inode: 5, ChangeTime: 6},
		Meta: &source.Article{Kind: source.KindMarkdown, Title: "T", Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("", -5*3600-30)), Tags: []string{"a"}}}
	const want = "020575726e3a780f010000000ee01ea340004c4b40ffff0f010000000ee01fd8a000000000007801680608050c01086d61726b646f776e0154000010020000000edd243dee00000000fed4e20f01000000000000000000000000ffff0000000101610000"
	if got := fmt.Sprintf("%x", encode(nil, rec)); got != want {
		t.Errorf("encode(%+v) = %s, want %s", rec, got, want)
	}
}
