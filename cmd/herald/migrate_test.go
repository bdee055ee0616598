package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/heraldfeeds/herald/internal/store"
	"github.com/heraldfeeds/herald/source"
	bolt "go.etcd.io/bbolt"
)

// TestUpgradeFromSHA256 checks that Herald started over the state file of
// an earlier version, which kept SHA-256 content hashes, serves every
// article with the id and dates it had (a file touched or renamed while
// it was stopped too), moves the hashes to the new ones, and still knows
// a file renamed afterwards by its content. So it does
// after a crash in the middle of that move, which leaves some records
// moved and the others not.
func TestUpgradeFromSHA256(t *testing.T) {
	for _, c := range []struct {
		name  string
		moved int // of the records, in path order: those moved before a crash
	}{
		{"upgrade", 0},
		{"crash halfway", 20},
	} {
		t.Run(c.name, func(t *testing.T) { testUpgrade(t, c.moved) })
	}
}

func testUpgrade(t *testing.T, moved int) {
	dir, statePath := t.TempDir(), filepath.Join(t.TempDir(), "herald.db")
	write := func(name, body string) {
		t.Helper()
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), body)
	}
	for i := range 40 {
		switch i % 4 {
		case 0:
			write(fmt.Sprintf("d%d/dated-%02d.md", i%3, i), fmt.Sprintf("---\ntitle: Dated %d\ndate: 2024-03-%02dT10:00:00Z\n---\n\nText %d.\n", i, 1+i%28, i))
		case 1:
			write(fmt.Sprintf("d%d/plain-%02d.txt", i%3, i), fmt.Sprintf("Plain %d\n\nA paragraph of plain text.\n", i))
		case 2:
			write(fmt.Sprintf("d%d/same-%02d.md", i%3, i), "# The Same\n\nSome files have the same bytes.\n")
		default:
			write(fmt.Sprintf("d%d/page-%02d.html", i%3, i), fmt.Sprintf("<h1>Page %d</h1><p>A page of HTML.</p>", i))
		}
	}

	// The first start, then the state file as an earlier Herald left it.
	st, err := store.Open(statePath)
	if err != nil {
		t.Fatal(err)
	}
	p := testPublisher(dir, st)
	if err := p.rebuild(source.Changes{All: true}); err != nil {
		t.Fatal(err)
	}
	before := servedDates(p)
	if len(before) != 40 {
		t.Fatalf("first start: %d articles served, want 40", len(before))
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	toSHA256(t, dir, statePath, moved)

	// While Herald was stopped: one file touched (the same bytes), one
	// edited, one renamed.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "d1", "plain-01.txt"), later, later); err != nil {
		t.Fatal(err)
	}
	write("d2/plain-05.txt", "Plain 5\n\nEdited while Herald was stopped.\n")
	if err := os.Rename(filepath.Join(dir, "d2", "plain-17.txt"), filepath.Join(dir, "d1", "renamed-17.txt")); err != nil {
		t.Fatal(err)
	}
	before["d1/renamed-17.txt"] = before["d2/plain-17.txt"]
	delete(before, "d2/plain-17.txt")
	time.Sleep(10 * time.Millisecond) // a date given now differs from those of the first start

	st, err = store.Open(statePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p = testPublisher(dir, st)
	if err := p.restore(); err != nil {
		t.Fatal(err)
	}
	if err := p.rebuild(source.Changes{All: true}); err != nil {
		t.Fatal(err)
	}
	after := servedDates(p)
	for path, want := range before {
		got := after[path]
		if path == "d2/plain-05.txt" {
			// Edited: a new Updated date, and the same id and Published.
			if got.id != want.id || !got.published.Equal(want.published) || !got.updated.After(want.updated) {
				t.Errorf("%s, edited: %+v, want %+v with a later Updated", path, got, want)
			}
			continue
		}
		if got != want {
			t.Errorf("%s after the upgrade: %+v, want %+v", path, got, want)
		}
	}
	if legacy, err := st.LegacyHashes(); legacy || err != nil {
		t.Errorf("LegacyHashes() after the upgrade = %v, %v; want false", legacy, err)
	}
	err = st.Index(func(path string, rec store.Record) error {
		if len(rec.Hash) != source.ContentHashLen {
			t.Errorf("%s: hash %s after the upgrade, want %d digits", path, rec.Hash, source.ContentHashLen)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	bodies, err := st.Bodies()
	if err != nil || len(bodies) == 0 {
		t.Fatalf("Bodies() = %d, %v; want the shown articles'", len(bodies), err)
	}
	for path, b := range bodies {
		if len(b.Hash) != source.ContentHashLen {
			t.Errorf("body of %s: hash %s after the upgrade, want it made again", path, b.Hash)
		}
	}

	// A rename, and a move into another folder, keep the id and dates.
	renames := [][2]string{{"d1/plain-01.txt", "d1/renamed.txt"}, {"d0/page-03.html", "d2/moved.html"}}
	var paths []string
	for _, r := range renames {
		if err := os.Rename(filepath.Join(dir, filepath.FromSlash(r[0])), filepath.Join(dir, filepath.FromSlash(r[1]))); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, r[0], r[1])
	}
	if err := p.rebuild(source.Changes{Paths: paths}); err != nil {
		t.Fatal(err)
	}
	renamed := servedDates(p)
	for _, r := range renames {
		if got, want := renamed[r[1]], before[r[0]]; got != want {
			t.Errorf("%s renamed to %s: %+v, want %+v", r[0], r[1], got, want)
		}
		if _, ok := renamed[r[0]]; ok {
			t.Errorf("%s still served after its rename", r[0])
		}
	}
}

type dates struct {
	id                 string
	published, updated time.Time
}

// servedDates returns the id and dates of every article p serves, by path.
func servedDates(p *publisher) map[string]dates {
	m := map[string]dates{}
	for _, a := range p.catalog.Top(0, time.Now().Add(24*time.Hour)).Items {
		m[a.Path] = dates{a.ID, a.Published.UTC(), a.Updated.UTC()}
	}
	return m
}

// toSHA256 makes the state file at path what an earlier Herald wrote for
// the folder dir: the same records, but with the SHA-256 of each file as its
// hash, in the record, the hash index and the kept bodies. The first moved
// records, in path order, keep the new hash, as a crash in the middle of
// the move to it leaves them.
func toSHA256(t *testing.T, dir, path string, moved int) {
	t.Helper()
	db, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		articles, hashes, bodies := tx.Bucket([]byte("articles")), tx.Bucket([]byte("hashes")), tx.Bucket([]byte("bodies"))
		var keys []string
		articles.ForEach(func(k, _ []byte) error {
			keys = append(keys, string(k))
			return nil
		})
		slices.Sort(keys)
		// Earlier versions kept an index entry for every record, not only
		// for removed files: the hash -> the last path written with it.
		for _, key := range keys {
			src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(key)))
			if err != nil {
				return err
			}
			if err := hashes.Put([]byte(source.ContentHash(src)), []byte(key)); err != nil {
				return err
			}
		}
		// An index entry moves with the first record of its content: it
		// is of the old hash only if none of them moved.
		movedHashes := map[string]bool{}
		for _, key := range keys[:moved] {
			src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(key)))
			if err != nil {
				return err
			}
			movedHashes[source.ContentHash(src)] = true
		}
		for _, key := range keys[moved:] {
			src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(key)))
			if err != nil {
				return err
			}
			sum := sha256.Sum256(src)
			oldHash, newHash := hex.EncodeToString(sum[:]), source.ContentHash(src)
			// A record holds its hash as a length byte and the digits.
			v := articles.Get([]byte(key))
			if bytes.Count(v, []byte("\x10"+newHash)) != 1 {
				return fmt.Errorf("record of %s: hash %s not found once", key, newHash)
			}
			v = bytes.Replace(v, []byte("\x10"+newHash), []byte("\x40"+oldHash), 1)
			if err := articles.Put([]byte(key), v); err != nil {
				return err
			}
			if p := hashes.Get([]byte(newHash)); p != nil && !movedHashes[newHash] {
				p = bytes.Clone(p)
				if err := hashes.Delete([]byte(newHash)); err != nil {
					return err
				}
				if err := hashes.Put([]byte(oldHash), p); err != nil {
					return err
				}
			}
			if b := bodies.Get([]byte(key)); b != nil {
				b = bytes.Replace(b, []byte(`"hash":"`+newHash+`"`), []byte(`"hash":"`+oldHash+`"`), 1)
				if err := bodies.Put([]byte(key), b); err != nil {
					return err
				}
			}
		}
		return tx.Bucket([]byte("meta")).Delete([]byte("content_hash"))
	})
	if err != nil {
		t.Fatal(err)
	}
}
