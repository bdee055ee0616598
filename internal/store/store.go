// Package store keeps what must survive a restart: each article's id, the
// time Herald first saw it, the hash of its content and the time that content
// last changed. Without it a restart would re-date every article that has no
// date of its own, and feed readers would show them all again.
//
// The store is a bbolt file: every change is one transaction, written with
// fsync before it returns, so a crash at any moment leaves either the old or
// the new state, never a mix.
package store

import (
	"crypto/rand"
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/heraldfeeds/herald/source"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

var articlesBucket = []byte("articles")

// Record is what the store remembers of one article file, by path.
type Record struct {
	ID        string    `json:"id"`
	FirstSeen time.Time `json:"first_seen"` // when Herald first saw the file
	Changed   time.Time `json:"changed"`    // when its content last changed
	Hash      string    `json:"hash"`       // hex SHA-256 of the file
}

// Store is an open state file.
type Store struct {
	db   *bolt.DB
	path string
}

// Open opens the state file at path, creating it and its folder if needed. It
// fails, rather than starting afresh, when the file is locked by another
// herald, cannot be written, or is not a valid state file.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create state folder: %w", err)
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: time.Second})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("open state file %s: locked by another herald process; stop it, or give this one its own state.path", path)
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrVersionMismatch):
		return nil, fmt.Errorf("open state file %s: %w: the file is damaged or not a herald state file; restore it from a backup, or move it away to start afresh (articles without a date of their own will then be re-dated)", path, err)
	case errors.Is(err, os.ErrPermission):
		return nil, fmt.Errorf("open state file %s: %w: herald needs to write it; fix its permissions or set state.path to a writable place", path, err)
	case err != nil:
		return nil, fmt.Errorf("open state file %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(articlesBucket)
		return err
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open state file %s: %w", path, err)
	}
	return &Store{db: db, path: path}, nil
}

// Close flushes and closes the state file.
func (s *Store) Close() error { return s.db.Close() }

// Stamp gives every article its id and dates, remembering new articles and
// changed content. now is the time Herald saw the folder.
//   - ID: the id from front matter wins; otherwise the one remembered for the
//     path, or for a file with the same content that is gone (a rename);
//     otherwise a new one derived from the path.
//   - Published: the article's own date wins; otherwise the first-seen time.
//   - Updated: the article's own date wins; otherwise the published date
//     until the content changes, then the time it last changed.
func (s *Store) Stamp(arts []*source.Article, now time.Time) error {
	now = now.UTC().Truncate(time.Millisecond)
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(articlesBucket)
		present := make(map[string]bool, len(arts))
		for _, a := range arts {
			present[a.Path] = true
		}
		var orphans map[string]string // hash -> path of records whose file is gone, loaded when needed
		// Files that appear together (a first start, a copied folder, a
		// burst of saves) get times a millisecond apart, in path order, so
		// no two entries share a date and readers order them the same way
		// every time. Dates are kept to the millisecond; Atom and JSON Feed
		// show the fraction, RSS the second.
		fresh := 0
		next := func() time.Time {
			t := now.Add(-time.Duration(fresh) * time.Millisecond)
			fresh++
			return t
		}
		for _, a := range arts {
			rec, ok, err := get(b, a.Path)
			if err != nil {
				return err
			}
			moved := false
			if !ok {
				if orphans == nil {
					if orphans, err = orphanHashes(b, present); err != nil {
						return err
					}
				}
				if old, found := orphans[a.Hash]; found {
					// The same content under a new name: a rename or a move keeps its id and dates.
					rec, _, _ = get(b, old)
					if err := b.Delete([]byte(old)); err != nil {
						return err
					}
					delete(orphans, a.Hash)
					ok, moved = true, true
				}
			}
			changed := !ok || moved // a moved record must be written under its new path
			if !ok {
				seen := now
				if a.Published.IsZero() {
					seen = next()
				}
				rec = Record{ID: PathID(a.Path), FirstSeen: seen, Changed: seen, Hash: a.Hash}
			} else if rec.Hash != a.Hash {
				rec.Hash, rec.Changed = a.Hash, now
				if a.Updated.IsZero() {
					rec.Changed = next()
				}
				changed = true
			}
			if changed {
				if err := put(b, a.Path, rec); err != nil {
					return err
				}
			}
			apply(a, rec)
		}
		return nil
	})
}

// apply fills in the id and dates an article does not carry itself.
func apply(a *source.Article, rec Record) {
	if a.ID == "" {
		a.ID = rec.ID
	} else {
		a.ID = NormalizeID(a.ID)
	}
	if a.Published.IsZero() {
		a.Published = rec.FirstSeen
	}
	if a.Updated.IsZero() {
		// Unchanged since Herald first saw it: as new as it was published.
		a.Updated = a.Published
		if rec.Changed.After(rec.FirstSeen) {
			a.Updated = rec.Changed
		}
	}
	if a.Updated.Before(a.Published) {
		a.Updated = a.Published
	}
}

func get(b *bolt.Bucket, path string) (Record, bool, error) {
	v := b.Get([]byte(path))
	if v == nil {
		return Record{}, false, nil
	}
	var rec Record
	if err := json.Unmarshal(v, &rec); err != nil {
		return Record{}, false, fmt.Errorf("state record for %s: %w", path, err)
	}
	return rec, true, nil
}

func put(b *bolt.Bucket, path string, rec Record) error {
	v, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return b.Put([]byte(path), v)
}

// orphanHashes maps the content hash of every record whose file is not
// present to its path.
func orphanHashes(b *bolt.Bucket, present map[string]bool) (map[string]string, error) {
	m := map[string]string{}
	err := b.ForEach(func(k, v []byte) error {
		if present[string(k)] {
			return nil
		}
		var rec Record
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("state record for %s: %w", k, err)
		}
		m[rec.Hash] = string(k)
		return nil
	})
	return m, err
}

// NormalizeID returns an id from front matter as the feeds carry it: a URI
// as it is, anything else as a name-based urn:uuid.
func NormalizeID(id string) string {
	if isURI(id) {
		return id
	}
	return nameID(id)
}

// PathID derives an article's id from the path where Herald first saw it: a
// name-based UUID (RFC 9562 version 5) in a namespace of Herald's own, so it
// does not depend on the host, the port or the base URL, and a lost state file
// gives the same ids again.
func PathID(path string) string { return nameID("path:" + path) }

// nameID turns a front matter id that is not a URI into one, as Atom requires.
func nameID(name string) string {
	h := sha1.New()
	h.Write(heraldNamespace[:])
	h.Write([]byte(name))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// heraldNamespace is the UUID namespace of Herald's ids (a fixed random UUID).
var heraldNamespace = [16]byte{0x5b, 0x0e, 0x7a, 0x3c, 0x91, 0x2d, 0x4f, 0x6e, 0xa4, 0x1b, 0x8c, 0x77, 0x30, 0xd2, 0x65, 0x19}

// isURI reports whether id is an absolute URI (https://..., urn:..., tag:...).
func isURI(id string) bool {
	u, err := url.Parse(id)
	return err == nil && u.Scheme != "" && !strings.ContainsAny(id, " \t\n") && (u.Opaque != "" || u.Host != "")
}

var metaBucket = []byte("meta")

// Site returns the feeds' own id, a random UUID made the first time, and the
// time the site was first served; both are kept, so they are stable and
// unique to this site without any configuration. The time dates a feed that
// has no items.
func (s *Store) Site(now time.Time) (id string, since time.Time, err error) {
	err = s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(metaBucket)
		if err != nil {
			return err
		}
		if v := b.Get([]byte("site_since")); v != nil {
			if err := since.UnmarshalText(v); err != nil {
				return fmt.Errorf("site_since: %w", err)
			}
		} else {
			since = now.UTC().Truncate(time.Second)
			v, _ := since.MarshalText()
			if err := b.Put([]byte("site_since"), v); err != nil {
				return err
			}
		}
		if v := b.Get([]byte("site_id")); v != nil {
			id = string(v)
			return nil
		}
		var u [16]byte
		if _, err := rand.Read(u[:]); err != nil {
			return err
		}
		u[6] = u[6]&0x0f | 0x40 // version 4
		u[8] = u[8]&0x3f | 0x80
		id = fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
		return b.Put([]byte("site_id"), []byte(id))
	})
	if err != nil {
		return "", time.Time{}, fmt.Errorf("state file %s: %w", s.path, err)
	}
	return id, since, nil
}

var docsBucket = []byte("documents")

// DocTimes returns the Last-Modified time of each served document (a feed,
// the home page), given by path with the ETag of its bytes, in one
// transaction. A time stays put while the bytes do, across restarts, and
// moves forward, by at least a second, whenever they change: a client that
// sends only If-Modified-Since must never get a 304 for a document that
// changed, for example when an older article is added or the newest is
// deleted. A document seen for the first time takes first.
func (s *Store) DocTimes(etags map[string]string, first, now time.Time) (map[string]time.Time, error) {
	times := make(map[string]time.Time, len(etags))
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(docsBucket)
		if err != nil {
			return err
		}
		for name, etag := range etags {
			var rec struct {
				ETag string    `json:"etag"`
				Time time.Time `json:"time"`
			}
			var t time.Time
			if v := b.Get([]byte(name)); v != nil {
				if err := json.Unmarshal(v, &rec); err != nil {
					return fmt.Errorf("state record for document %s: %w", name, err)
				}
				if rec.ETag == etag {
					times[name] = rec.Time
					continue
				}
				t = now.UTC().Truncate(time.Second)
				if next := rec.Time.Add(time.Second); t.Before(next) {
					t = next
				}
			} else {
				t = first.UTC().Truncate(time.Second)
			}
			rec.ETag, rec.Time = etag, t
			v, err := json.Marshal(rec)
			if err != nil {
				return err
			}
			if err := b.Put([]byte(name), v); err != nil {
				return err
			}
			times[name] = t
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("state file %s: %w", s.path, err)
	}
	return times, nil
}
