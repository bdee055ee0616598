package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/heraldfeeds/herald/source"
	bolt "go.etcd.io/bbolt"
)

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// legacyFixture is a content folder and the records an earlier Herald,
// which hashed with SHA-256, kept of it.
type legacyFixture struct {
	dir     string
	records map[string]Record
	index   map[string]string // hash -> path
	v1      map[string]string // path -> a version 1 (JSON) record
}

func newLegacyFixture(t *testing.T) legacyFixture {
	t.Helper()
	f := legacyFixture{dir: t.TempDir(), records: map[string]Record{}, index: map[string]string{}, v1: map[string]string{}}
	file := func(name, content string) {
		if err := os.WriteFile(filepath.Join(f.dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rec := func(path, hash string, present bool) {
		r := Record{ID: PathID(path), FirstSeen: t0, Changed: t0, Hash: hash}
		if present {
			r.Stat = source.FileStat{Size: 1, ModTime: 1e18, Inode: uint64(len(f.records) + 1)}
			r.Meta = &source.Article{Path: path, Kind: source.KindMarkdown, Title: path, Slug: path}
		}
		f.records[path] = r
		f.index[hash] = path
	}
	file("a.md", "A")
	rec("a.md", sha("A"), true) // unchanged
	file("b.md", "B")
	rec("b.md", sha("B"), true) // touched: the same bytes (the stat is not looked at)
	file("c.md", "C, edited while Herald was stopped")
	rec("c.md", sha("C"), true)
	file("d.md", "D")
	rec("d.md", sha("D"), true)
	rec("e.md", sha("D"), false) // removed, with d.md's content, seen last: the index entry is its
	rec("gone.md", sha("G"), false)
	file("new.md", "N")
	rec("new.md", source.ContentHash([]byte("N")), true) // moved already
	rec("r.md", sha("R"), true)                          // renamed to r2.md while Herald was stopped
	file("r2.md", "R")
	file("v1.txt", "V")
	f.v1["v1.txt"] = fmt.Sprintf(`{"id":%q,"first_seen":"2025-08-01T12:00:00Z","changed":"2025-08-01T12:00:00Z","hash":%q}`, PathID("v1.txt"), sha("V"))
	f.index[sha("V")] = "v1.txt"
	return f
}

// write makes the state file at path as the earlier Herald left it.
func (f legacyFixture) write(t *testing.T, path string) {
	t.Helper()
	s := open(t, path)
	defer s.Close()
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, h := tx.Bucket(articlesBucket), tx.Bucket(hashesBucket)
		for path, rec := range f.records {
			if err := b.Put([]byte(path), encode(nil, rec)); err != nil {
				return err
			}
		}
		for path, v := range f.v1 {
			if err := b.Put([]byte(path), []byte(v)); err != nil {
				return err
			}
		}
		for hash, path := range f.index {
			if err := h.Put([]byte(hash), []byte(path)); err != nil {
				return err
			}
		}
		return tx.Bucket(metaBucket).Delete(hashesKey) // it knew of no other hash
	})
	if err != nil {
		t.Fatal(err)
	}
}

func (f legacyFixture) read(path string) ([]byte, error) {
	return os.ReadFile(filepath.Join(f.dir, filepath.FromSlash(path)))
}

func (f legacyFixture) list() ([]string, error) {
	entries, err := os.ReadDir(f.dir)
	var paths []string
	for _, e := range entries {
		paths = append(paths, e.Name())
	}
	return paths, err
}

func TestMigrateHashes(t *testing.T) {
	f := newLegacyFixture(t)
	path := filepath.Join(t.TempDir(), "herald.db")
	f.write(t, path)
	s := open(t, path)
	defer s.Close()
	if legacy, err := s.LegacyHashes(); !legacy || err != nil {
		t.Fatalf("LegacyHashes() of an earlier Herald's state file = %v, %v; want true", legacy, err)
	}
	reads := map[string]int{}
	moved, err := s.MigrateHashes(func(path string) ([]byte, error) {
		reads[path]++
		return f.read(path)
	}, f.list)
	if err != nil {
		t.Fatal(err)
	}
	if moved != 6 {
		t.Errorf("MigrateHashes moved %d, want 6 (a.md, b.md, d.md, e.md, r.md, v1.txt)", moved)
	}
	if reads["new.md"] != 0 {
		t.Errorf("MigrateHashes read new.md, whose hash is new already")
	}
	if legacy, err := s.LegacyHashes(); legacy || err != nil {
		t.Errorf("LegacyHashes() after MigrateHashes = %v, %v; want false", legacy, err)
	}

	kv := dump(t, s)
	for _, c := range []struct {
		path, hash string
	}{
		{"a.md", source.ContentHash([]byte("A"))},
		{"b.md", source.ContentHash([]byte("B"))},
		{"c.md", sha("C")}, // changed: the coming look finds it changed
		{"d.md", source.ContentHash([]byte("D"))},
		{"e.md", source.ContentHash([]byte("D"))}, // removed, with d.md's bytes
		{"gone.md", sha("G")},
		{"new.md", source.ContentHash([]byte("N"))},
		{"r.md", source.ContentHash([]byte("R"))}, // found as r2.md
		{"v1.txt", source.ContentHash([]byte("V"))},
	} {
		rec, err := decode([]byte(c.path), []byte(kv["articles\x00"+c.path]))
		if err != nil {
			t.Fatal(err)
		}
		if rec.Hash != c.hash {
			t.Errorf("%s: hash %s, want %s", c.path, rec.Hash, c.hash)
		}
		if want := f.records[c.path]; c.path != "v1.txt" && (rec.ID != want.ID || !rec.FirstSeen.Equal(want.FirstSeen) || !rec.Changed.Equal(want.Changed) || rec.Stat != want.Stat) {
			t.Errorf("%s: record %+v, want %+v with another hash", c.path, rec, want)
		}
	}
	for key, want := range map[string]string{
		source.ContentHash([]byte("A")): "a.md",
		source.ContentHash([]byte("D")): "e.md", // d.md's bytes are e.md's: its entry moves
		source.ContentHash([]byte("V")): "v1.txt",
		source.ContentHash([]byte("R")): "r.md",
		sha("C"):                        "c.md", // no bytes to move it with
		sha("G"):                        "gone.md",
		sha("A"):                        "",
		sha("D"):                        "",
	} {
		if got := kv["hashes\x00"+key]; got != want {
			t.Errorf("hash index entry %s = %q, want %q", key, got, want)
		}
	}

	// A rename is recognised, by the new hash: one made while Herald was
	// stopped (r.md), one after the move (a.md), and a file with the bytes
	// of e.md, removed before the move.
	present := map[string]bool{"b.md": true, "c.md": true, "d.md": true, "new.md": true, "a2.md": true, "e2.md": true, "r2.md": true}
	a2, e2, r2 := art("a2.md", source.ContentHash([]byte("A"))), art("e2.md", source.ContentHash([]byte("D"))), art("r2.md", source.ContentHash([]byte("R")))
	if err := s.Stamp([]*source.Article{a2, e2, r2}, []string{"a.md", "r.md"}, func(p string) bool { return present[p] }, t0.Add(48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		a   *source.Article
		old string
	}{{a2, "a.md"}, {e2, "e.md"}, {r2, "r.md"}} {
		if c.a.ID != PathID(c.old) || !c.a.Published.Equal(t0) || !c.a.Updated.Equal(t0) {
			t.Errorf("%s renamed from %s: %q %v %v; want %q and %v twice", c.a.Path, c.old, c.a.ID, c.a.Published, c.a.Updated, PathID(c.old), t0)
		}
	}
}

// A crash in the middle of MigrateHashes leaves records moved and others
// not; the next one moves the rest, as if there had been no crash.
func TestMigrateHashesCrash(t *testing.T) {
	defer func(n int) { migrateBatch = n }(migrateBatch)
	migrateBatch = 2
	f := newLegacyFixture(t)
	dir := t.TempDir()

	once := filepath.Join(dir, "once.db")
	f.write(t, once)
	s1 := open(t, once)
	defer s1.Close()
	if _, err := s1.MigrateHashes(f.read, f.list); err != nil {
		t.Fatal(err)
	}
	want := dump(t, s1)

	for _, at := range []string{
		"d.md",  // in the second transaction of records: c.md, d.md
		"r2.md", // in the files without a record, once every record is looked at
	} {
		cut := filepath.Join(dir, "cut-"+at+".db")
		f.write(t, cut)
		s2 := open(t, cut)
		errCrash := errors.New("crash")
		func() {
			defer func() {
				if r := recover(); r != errCrash {
					t.Fatalf("MigrateHashes went on past a crash at %s: %v", at, r)
				}
			}()
			s2.MigrateHashes(func(path string) ([]byte, error) {
				if path == at {
					panic(errCrash) // bbolt rolls the transaction back, as a crash would
				}
				return f.read(path)
			}, f.list)
		}()
		if err := s2.Close(); err != nil {
			t.Fatal(err)
		}
		s2 = open(t, cut)
		defer s2.Close()
		kv := dump(t, s2)
		if legacy, err := s2.LegacyHashes(); !legacy || err != nil {
			t.Fatalf("LegacyHashes() after a crash at %s = %v, %v; want true", at, legacy, err)
		}
		if at == "d.md" && (kv["hashes\x00"+source.ContentHash([]byte("A"))] != "a.md" || kv["hashes\x00"+sha("D")] != "e.md") {
			t.Fatalf("after a crash in the second transaction: want the first committed, not the second")
		}
		if _, err := s2.MigrateHashes(f.read, f.list); err != nil {
			t.Fatal(err)
		}
		got := dump(t, s2)
		if len(got) != len(want) {
			t.Errorf("after a crash at %s and another MigrateHashes: %d entries, want %d", at, len(got), len(want))
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("entry %q after a crash at %s and another MigrateHashes: %q, want %q", k, at, got[k], v)
			}
		}
	}
}

// A new state file has nothing to move.
func TestLegacyHashesNewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "herald.db")
	s := open(t, path)
	stampAll(t, s, t0, art("a.md", source.ContentHash([]byte("A"))))
	s.Close()
	s = open(t, path)
	defer s.Close()
	if legacy, err := s.LegacyHashes(); legacy || err != nil {
		t.Errorf("LegacyHashes() of a new state file = %v, %v; want false", legacy, err)
	}
}

// A move that did not see the folder as it was (none of the files found:
// a folder not mounted yet, or emptied; or a file that does not read) does
// not end: LegacyHashes stays true, and a later move over the folder as it
// is finishes it, with every file's record moved. Ended early, the records
// of the files it missed would keep their old hashes for good, and a file
// only touched since would get a new Updated date, a renamed one a new id.
func TestMigrateHashesNotFinished(t *testing.T) {
	for _, tt := range []struct {
		name string
		read func(f legacyFixture) func(string) ([]byte, error)
	}{
		{"folder empty", func(legacyFixture) func(string) ([]byte, error) {
			return func(p string) ([]byte, error) { return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist} }
		}},
		{"a file does not read", func(f legacyFixture) func(string) ([]byte, error) {
			return func(p string) ([]byte, error) {
				if p == "b.md" {
					return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrPermission}
				}
				return f.read(p)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newLegacyFixture(t)
			path := filepath.Join(t.TempDir(), "herald.db")
			f.write(t, path)
			s := open(t, path)
			defer s.Close()
			if _, err := s.MigrateHashes(tt.read(f), f.list); err != nil {
				t.Fatal(err)
			}
			if legacy, err := s.LegacyHashes(); !legacy || err != nil {
				t.Fatalf("LegacyHashes() after a move that missed files = %v, %v; want true", legacy, err)
			}
			if _, err := s.MigrateHashes(f.read, f.list); err != nil {
				t.Fatal(err)
			}
			if legacy, err := s.LegacyHashes(); legacy || err != nil {
				t.Errorf("LegacyHashes() after the move over the folder = %v, %v; want false", legacy, err)
			}
			kv := dump(t, s)
			for p, content := range map[string]string{"a.md": "A", "b.md": "B", "d.md": "D", "r.md": "R"} {
				rec, err := decode([]byte(p), []byte(kv["articles\x00"+p]))
				if err != nil {
					t.Fatal(err)
				}
				if want := source.ContentHash([]byte(content)); rec.Hash != want {
					t.Errorf("%s: hash %q, want %q (moved)", p, rec.Hash, want)
				}
			}
		})
	}
}
