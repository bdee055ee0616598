package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"

	"github.com/heraldfeeds/herald/source"
	bolt "go.etcd.io/bbolt"
)

// Earlier versions of Herald kept SHA-256 content hashes (64 hex digits)
// where Herald now keeps [source.ContentHash]. Compared with a new hash,
// an old one would make every file read again look changed (a new Updated
// date), and a file renamed would not be found by its content (a new id):
// the old hashes are moved to the new ones once, before the first look at
// the folder.

var hashesKey = []byte("content_hash") // in metaBucket: the hash the records hold, once no old one is left to move
const hashesDone = "xxh64"

// migrateBatch is how many records one transaction of MigrateHashes looks
// at: the same bound on memory and on work lost to a crash as a Stamp's.
var migrateBatch = stampBatch

// legacyHash reports whether hash is a SHA-256 of an earlier Herald.
func legacyHash(hash string) bool { return len(hash) == 2*sha256.Size }

// LegacyHashes reports whether the records may hold content hashes of an
// earlier Herald, to move with [Store.MigrateHashes]: a state file that
// held articles before it knew of the new hash, and whose move has not
// ended.
func (s *Store) LegacyHashes() (bool, error) {
	var legacy bool
	err := s.db.View(func(tx *bolt.Tx) error {
		if m := tx.Bucket(metaBucket); m != nil && string(m.Get(hashesKey)) == hashesDone {
			return nil
		}
		k, _ := tx.Bucket(articlesBucket).Cursor().First()
		legacy = k != nil
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("state file %s: %w", s.path, err)
	}
	return legacy, nil
}

// MigrateHashes moves the content hashes of an earlier Herald to the
// current one, and returns how many records it moved. read returns the
// bytes of the file at a path now. A record whose file's SHA-256 is its
// hash gets the new hash of those bytes, whatever the file's stat: a file
// touched while Herald was stopped then reads as unchanged, not as a
// change. Other records keep their old hash, which differs from any new
// one: a file changed since (or not read now) reads as changed when its
// stat says so, which it is; the record of a removed file keeps its id and
// dates as before.
//
// The hash index follows: an entry of an old hash moves to the new one as
// soon as some file is found with the bytes of that hash, whichever path
// the entry names; so does the hash of the record it names, if still the
// old one (a removed file with the content of another). When a file there
// at the last run is not found, it may have been renamed while Herald was
// stopped: list then gives the article files of the folder, and those
// without a record are read too, so that the coming look finds the rename.
// An entry whose bytes cannot be found (that of a file removed, or changed
// since) is left as it is, unreachable: its new key cannot be known
// without the bytes, and a guess could join a new file to the id and
// dates of another. So a file removed before the move, and seen again
// later with the same content, is new, not renamed; and seen again under
// its own path, it reads as changed.
//
// It commits every migrateBatch records, in path order. A crash leaves
// records moved and others not, each with its index entry; the next call
// moves the rest, as records already moved are skipped. When it ends,
// LegacyHashes reports false, unless the folder did not look read: a file
// there at the last run failed to read other than by being gone, or none
// of them was found (an unmounted or emptied folder). Then the next call,
// at the next start, looks again.
func (s *Store) MigrateHashes(read func(path string) ([]byte, error), list func() ([]string, error)) (moved int, err error) {
	var after []byte // the last key looked at by the transactions before
	var seen looks   // of the files there at the last run
	for done := false; !done; {
		err := s.db.Update(func(tx *bolt.Tx) error {
			var n int
			var err error
			after, n, done, err = migrateBatchOf(tx, after, read, &seen)
			moved += n
			return err
		})
		if err != nil {
			return moved, fmt.Errorf("state file %s: move content hashes: %w", s.path, err)
		}
	}
	finished := seen.failed == 0 && (seen.missing == 0 || seen.missing < seen.files)
	var others []string
	if seen.missing > 0 && list != nil {
		if others, err = list(); err != nil {
			return moved, fmt.Errorf("state file %s: move content hashes: %w", s.path, err)
		}
	}
	for {
		n := min(len(others), migrateBatch)
		batch := others[:n]
		others = others[n:]
		err := s.db.Update(func(tx *bolt.Tx) error {
			written := map[string]bool{}
			if err := migrateOthers(tx, batch, read, written); err != nil {
				return err
			}
			moved += len(written)
			if len(others) > 0 || !finished {
				return nil
			}
			m, err := tx.CreateBucketIfNotExists(metaBucket)
			if err != nil {
				return err
			}
			return m.Put(hashesKey, []byte(hashesDone))
		})
		if err != nil {
			return moved, fmt.Errorf("state file %s: move content hashes: %w", s.path, err)
		}
		if len(others) == 0 {
			return moved, nil
		}
	}
}

// looks counts the files there at the last run (records with a stat) that
// still hold an old hash, as MigrateHashes reads them.
type looks struct {
	files   int // looked at
	missing int // not found
	failed  int // not read for another reason
}

// migrateBatchOf moves the hashes of up to migrateBatch records after the
// key after (from the first when nil), counting what it finds in seen. It
// returns the last key looked at, and whether no record is left after it.
func migrateBatchOf(tx *bolt.Tx, after []byte, read func(string) ([]byte, error), seen *looks) (last []byte, moved int, done bool, err error) {
	b, h := tx.Bucket(articlesBucket), tx.Bucket(hashesBucket)
	type update struct {
		key, value []byte
		old, hash  string
	}
	var updates []update
	c := b.Cursor()
	k, v := c.First()
	if after != nil {
		if k, v = c.Seek(after); bytes.Equal(k, after) {
			k, v = c.Next()
		}
	}
	// The records are put once the cursor is done with them: bbolt's
	// cursors do not follow a bucket changed under them.
	for n := 0; k != nil && n < migrateBatch; k, v = c.Next() {
		n++
		last = bytes.Clone(k)
		rec, err := decode(k, v)
		if err != nil {
			return nil, 0, false, err
		}
		if !legacyHash(rec.Hash) {
			continue // moved already, or never had one
		}
		there := rec.Stat != (source.FileStat{})
		if there {
			seen.files++
		}
		src, err := read(string(k))
		if err != nil {
			// Gone, or not readable now: see MigrateHashes.
			switch {
			case !there:
			case errors.Is(err, fs.ErrNotExist):
				seen.missing++
			default:
				seen.failed++
			}
			continue
		}
		if sum := sha256.Sum256(src); hex.EncodeToString(sum[:]) != rec.Hash {
			continue // changed since
		}
		old := rec.Hash
		rec.Hash = source.ContentHash(src)
		updates = append(updates, update{last, encode(nil, rec), old, rec.Hash})
	}
	written := map[string]bool{} // the records moved, counted once
	for _, u := range updates {
		if err := b.Put(u.key, u.value); err != nil {
			return nil, 0, false, err
		}
		written[string(u.key)] = true
		if err := moveEntry(b, h, u.old, u.hash, written); err != nil {
			return nil, 0, false, err
		}
	}
	return last, len(written), k == nil, nil
}

// migrateOthers reads the files at paths that have no record, and moves
// the index entries (and the records they name) of their old hashes.
func migrateOthers(tx *bolt.Tx, paths []string, read func(string) ([]byte, error), written map[string]bool) error {
	b, h := tx.Bucket(articlesBucket), tx.Bucket(hashesBucket)
	for _, p := range paths {
		if b.Get([]byte(p)) != nil {
			continue // moved with its record, or changed
		}
		src, err := read(p)
		if err != nil {
			continue
		}
		sum := sha256.Sum256(src)
		if err := moveEntry(b, h, hex.EncodeToString(sum[:]), source.ContentHash(src), written); err != nil {
			return err
		}
	}
	return nil
}

// moveEntry moves the index entry of the old hash, if there is one, to
// hash, which is of the same bytes. The entry may name a record not moved
// (a removed file, often): if it still holds the old hash, it takes the
// new one too, or a file found by the entry (renamed) would differ from
// the record it takes. Records sharing one content share one entry: the
// first to move moves it.
func moveEntry(b, h *bolt.Bucket, old, hash string, written map[string]bool) error {
	p := bytes.Clone(h.Get([]byte(old)))
	if p == nil {
		return nil
	}
	if err := h.Put([]byte(hash), p); err != nil {
		return err
	}
	if err := h.Delete([]byte(old)); err != nil {
		return err
	}
	v := b.Get(p)
	if v == nil {
		return nil
	}
	rec, err := decode(p, v)
	if err != nil || rec.Hash != old {
		return err // another content since, or moved already
	}
	rec.Hash = hash
	if err := b.Put(p, encode(nil, rec)); err != nil {
		return err
	}
	written[string(p)] = true
	return nil
}
