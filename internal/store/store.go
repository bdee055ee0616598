// Package store keeps what must survive a restart: each article's id, the
// time Herald first saw it, the hash of its content and the time that content
// last changed. Without it a restart would re-date every article that has no
// date of its own, and feed readers would show them all again. It also keeps
// the index of scans that spares a restart reading unchanged files, and the
// summary and content of the articles the feeds show.
//
// The store is a bbolt file: every change is one transaction, written with
// fsync before it returns, so a crash at any moment leaves either the old or
// the new state, never a mix.
package store

import (
	"bytes"
	"cmp"
	"crypto/rand"
	"crypto/sha1"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/heraldfeeds/herald/source"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

var (
	articlesBucket = []byte("articles") // path -> record
	hashesBucket   = []byte("hashes")   // content hash -> the path of a file removed with it (see remove)
)

// Record is what the store remembers of one article file, by path: its id
// and dates, and, while the file is there, the index entry that lets a
// restart skip reading it (its stat and its last good scan).
type Record struct {
	ID        string
	FirstSeen time.Time // when Herald first published it; zero for a draft never published
	Changed   time.Time // when its content last changed
	Hash      string    // the file's source.ContentHash (a SHA-256 in state files of earlier versions: see MigrateHashes)

	Stat source.FileStat // zero once the file is gone
	Meta *source.Article // the last good scan, as the file gives it (no id or dates of Herald's); nil once the file is gone
}

// Store is an open state file.
type Store struct {
	db         *bolt.DB
	path       string
	unfinished *Stamping // from StampNew, until it ends
}

// Open opens the state file at path, creating it and its folder if needed. It
// fails, rather than starting afresh, when the file is locked by another
// herald, cannot be written, or is not a valid state file.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create state folder: %w", err)
	}
	// A first start over a big folder writes a record per file: mapping
	// 1 GiB of address space up front (not memory) spares bbolt remapping,
	// and copying every open page, each time the file grows. Pages of 16
	// KiB rather than 4 hold two dozen records each: a first start writes
	// and splits a quarter as many, in shallower trees. (A file keeps the
	// page size it was created with.)
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: time.Second, InitialMmapSize: 1 << 30, PageSize: 16 << 10})
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
	if err := db.Update(initBuckets); err != nil {
		db.Close()
		return nil, fmt.Errorf("open state file %s: %w", path, err)
	}
	return &Store{db: db, path: path}, nil
}

// initBuckets creates the buckets, and the hash index of a state file
// written before there was one, from its records of removed files.
func initBuckets(tx *bolt.Tx) error {
	b, err := tx.CreateBucketIfNotExists(articlesBucket)
	if err != nil {
		return err
	}
	noIndex := tx.Bucket(hashesBucket) == nil
	h, err := tx.CreateBucketIfNotExists(hashesBucket)
	if err != nil {
		return err
	}
	if k, _ := b.Cursor().First(); k == nil {
		// A new state file holds only the current content hashes.
		m, err := tx.CreateBucketIfNotExists(metaBucket)
		if err != nil {
			return err
		}
		if string(m.Get(hashesKey)) == hashesDone {
			return nil
		}
		return m.Put(hashesKey, []byte(hashesDone))
	}
	if !noIndex {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		rec, err := decode(k, v)
		if err != nil || rec.Hash == "" || rec.Stat != (source.FileStat{}) {
			return err
		}
		return h.Put([]byte(rec.Hash), k)
	})
}

// Close flushes and closes the state file. A [Stamping] left unfinished
// is rolled back to its last commit.
func (s *Store) Close() error {
	if t := s.unfinished; t != nil {
		t.finish(errors.New("state file closed"))
	}
	return s.db.Close()
}

// stampBatch is how many changes one transaction writes: a first start on
// 100,000 files commits in steps rather than holding every record in memory
// at once. Nothing is published before the stamp ends, so a crash between
// steps re-dates nothing a reader has seen. Each step rewrites most of the
// hash index, whose keys are random, so steps are not too small either:
// 10,000 records hold about 7 MB until their commit.
const stampBatch = 10_000

// Stamp records the changed articles (new files, and files whose bytes or
// stat changed) and the removed paths, and gives every changed article
// that is not a draft its id and dates. present reports whether a path is
// in the folder now: a new file with the content of a file removed (by this
// Stamp or an earlier one) that is still not in the folder is that file
// renamed or moved. now is the time Herald saw the change.
//   - ID: the id from front matter wins; otherwise the one remembered for the
//     path, or for a file with the same content that is gone (a rename);
//     otherwise one derived from the path.
//   - Published: the article's own date wins; otherwise the time it was
//     first published (a draft is not, until it stops being one).
//   - Updated: the article's own date wins; otherwise the published date
//     until the content changes, then the time it last changed.
func (s *Store) Stamp(changed []*source.Article, removed []string, present func(string) bool, now time.Time) error {
	t := s.stamping(present, now)
	// Removed paths first: a file renamed in this batch finds its old
	// record free to take over.
	for _, p := range removed {
		if err := t.remove(p); err != nil {
			return err
		}
	}
	if err := t.Add(changed); err != nil {
		return err
	}
	return t.End()
}

// Empty reports whether the state file holds no article record at all
// (not even of a removed file): a first start.
func (s *Store) Empty() (bool, error) {
	var empty bool
	err := s.db.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(articlesBucket).Cursor().First()
		empty = k == nil
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("state file %s: %w", s.path, err)
	}
	return empty, nil
}

// StampNew begins stamping a first start's articles as they are scanned:
// Add them in path order, then End. It fails when the store is not Empty.
// The result equals one Stamp(all, nil, present, now) call where every
// added path is present: same records, same hash index, same ids and
// dates given to the articles.
//
// A write transaction stays open from the first Add until End: meanwhile
// other writes to the store wait, so the goroutine that adds must not make
// them. Close rolls back a Stamping left unfinished to its last commit
// (call it after the last Add has returned).
func (s *Store) StampNew(now time.Time) (*Stamping, error) {
	if s.unfinished != nil {
		return nil, fmt.Errorf("state file %s: stamp a first start: another is unfinished", s.path)
	}
	empty, err := s.Empty()
	if err != nil {
		return nil, err
	}
	if !empty {
		return nil, fmt.Errorf("state file %s: stamp a first start: the file already holds articles", s.path)
	}
	t := s.stamping(nil, now) // every path added is in the folder
	s.unfinished = t
	return t, nil
}

// A Stamping is a stamp in progress, a transaction at a time: one
// [Store.StampNew], or one [Store.Stamp]. It is for one goroutine.
type Stamping struct {
	s   *Store
	w   stamper
	tx  *bolt.Tx // nil between commits
	n   int      // the changes written in tx
	err error    // the first error, or errEnded; it sticks
}

var errEnded = errors.New("stamping ended")

func (s *Store) stamping(present func(string) bool, now time.Time) *Stamping {
	w := stamper{present: present, now: now.UTC().Truncate(time.Millisecond)}
	if present != nil {
		w.written = map[string]string{} // see renamed
	}
	return &Stamping{s: s, w: w}
}

// Add stamps articles that follow, in path order, those added before; each
// stampBatch of them is committed when the next comes. An error sticks: Add
// and End return it from then on, and End writes nothing more.
func (t *Stamping) Add(batch []*source.Article) error {
	for _, a := range batch {
		if err := t.open(); err != nil {
			return err
		}
		if err := t.w.stamp(a); err != nil {
			return t.fail(err)
		}
		t.n++
	}
	return nil
}

// remove forgets the file of path, keeping its id and dates for a file
// put back or renamed in later.
func (t *Stamping) remove(path string) error {
	if err := t.open(); err != nil {
		return err
	}
	if err := t.w.remove(path); err != nil {
		return t.fail(err)
	}
	t.n++
	return nil
}

// End commits the articles added since the last commit, and the hash index.
func (t *Stamping) End() error {
	if t.err != nil {
		return t.err
	}
	if t.tx == nil {
		t.finish(errEnded)
		return nil // nothing was added
	}
	if err := t.commit(true); err != nil {
		return err
	}
	t.finish(errEnded)
	return nil
}

// open makes ready a transaction for one more change: the one open, or,
// once that holds stampBatch changes, a new one after its commit. (The
// last commit, End's, writes the hash index too: a full transaction waits
// for it, or the next change.)
func (t *Stamping) open() error {
	if t.err != nil {
		return t.err
	}
	if t.tx != nil && t.n == stampBatch {
		if err := t.commit(false); err != nil {
			return err
		}
	}
	if t.tx != nil {
		return nil
	}
	tx, err := t.s.db.Begin(true)
	if err != nil {
		return t.fail(err)
	}
	t.tx, t.n = tx, 0
	t.w.begin(tx)
	return nil
}

func (t *Stamping) commit(last bool) error {
	if err := t.w.end(last); err != nil {
		return t.fail(err)
	}
	err := t.tx.Commit()
	t.tx = nil
	if err != nil {
		return t.fail(err)
	}
	return nil
}

// fail rolls back the open transaction, and makes err stick.
func (t *Stamping) fail(err error) error {
	t.finish(fmt.Errorf("state file %s: %w", t.s.path, err))
	return t.err
}

// finish rolls back the open transaction, if any, and makes err stick.
func (t *Stamping) finish(err error) {
	if t.tx != nil {
		t.tx.Rollback()
		t.tx = nil
	}
	t.err = err
	if t.s.unfinished == t {
		t.s.unfinished = nil
	}
}

// A stamper writes the records of one [Stamping], a transaction at a time.
type stamper struct {
	present func(string) bool // nil: every path stamped is in the folder
	now     time.Time
	fresh   int // articles first seen so far with no date of their own

	b, h *bolt.Bucket // the current transaction's

	// A first start finds the buckets empty (noArticles, noHash, as the
	// first transaction began): then the only entries there are those this
	// Stamp wrote, and lookups that cannot find anything are skipped.
	// written holds the hash index entries this Stamp wrote, for renamed
	// (nil when it never looks); a lookup of a hash sees them before the
	// bucket.
	started            bool
	noArticles, noHash bool
	maxPath            string // the greatest path written, while noArticles
	written            map[string]string

	// The hashes to write to the hash index, put in key order as a
	// transaction ends: content hashes come in random order, and a put in
	// order stays on the page the last one touched rather than shifting a
	// big node's entries for every insert.
	hashes []hashEntry

	key, buf []byte // scratch
	arena    []byte // the transaction's values: see keep
}

func (w *stamper) begin(tx *bolt.Tx) {
	w.b, w.h = tx.Bucket(articlesBucket), tx.Bucket(hashesBucket)
	if !w.started {
		w.started = true
		k, _ := w.b.Cursor().First()
		w.noArticles = k == nil
		k, _ = w.h.Cursor().First()
		w.noHash = k == nil
	}
	// Paths come sorted, so pages fill up in order; on a first start they
	// are filled to the brim, as nothing will be inserted between them
	// soon. Later changes leave room for the files added among them.
	w.b.FillPercent = 0.9
	if w.noArticles {
		w.b.FillPercent = 1
	}
	// The same goes for the hash index, put in key order: full pages are
	// half as many to write, and a later insert splits one as it would
	// have split a half-full page a little later.
	if w.noHash {
		w.h.FillPercent = 1
	}
	w.arena = nil
}

// end writes the hash index entries of the transaction.
func (w *stamper) end(last bool) error {
	defer func() { w.hashes = w.hashes[:0] }()
	slices.SortFunc(w.hashes, compareHashEntries)
	for i, e := range w.hashes {
		if next := i + 1; next < len(w.hashes) && w.hashes[next].prefix == e.prefix && w.hashes[next].hash == e.hash {
			continue // written again later
		}
		w.key = append(w.key[:0], e.hash...)
		w.buf = append(w.buf[:0], e.path...)
		if err := w.h.Put(w.key, w.keep(w.buf)); err != nil {
			return err
		}
	}
	return nil
}

// A hashEntry is a hash index entry to write. A first start sorts one for
// every file: comparing the first 8 bytes of the hash, held in the entry,
// mostly spares reading the strings from all over memory.
type hashEntry struct {
	prefix     uint64 // the first 8 bytes of hash, big-endian, zero-padded
	hash, path string
	seq        int // the order of writing: the last of a hash wins
}

func newHashEntry(hash, path string, seq int) hashEntry {
	var b [8]byte
	copy(b[:], hash)
	return hashEntry{binary.BigEndian.Uint64(b[:]), hash, path, seq}
}

// compareHashEntries orders entries by hash, as bbolt orders keys, then by
// seq.
func compareHashEntries(a, b hashEntry) int {
	if a.prefix != b.prefix {
		return cmp.Compare(a.prefix, b.prefix)
	}
	if c := strings.Compare(a.hash, b.hash); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}

// next returns the date of an article first seen now that has no date of its
// own. Files that appear together (a first start, a copied folder, a burst
// of saves) get times a millisecond apart, in path order, so no two entries
// share a date and readers order them the same way every time. Dates are
// kept to the millisecond; Atom and JSON Feed show the fraction, RSS the
// second.
func (w *stamper) next() time.Time {
	t := w.now.Add(-time.Duration(w.fresh) * time.Millisecond)
	w.fresh++
	return t
}

func (w *stamper) stamp(a *source.Article) error {
	rec, ok, err := w.get(a.Path)
	if err != nil {
		return err
	}
	if !ok {
		rec = Record{ID: PathID(a.Path)}
		if old := w.renamed(a); old != "" {
			// The same content under a new name: a rename or a move keeps its id and dates.
			if moved, found, err := w.get(old); err != nil {
				return err
			} else if found {
				rec = moved
				if err := w.b.Delete([]byte(old)); err != nil {
					return err
				}
			}
		}
	}
	published := !rec.FirstSeen.IsZero()
	switch {
	case a.Draft:
	case !published:
		seen := w.now
		if a.Published.IsZero() {
			seen = w.next()
		}
		rec.FirstSeen, rec.Changed = seen, seen
	case rec.Hash != a.Hash:
		rec.Changed = w.now
		if a.Updated.IsZero() {
			rec.Changed = w.next()
		}
	}
	// The record keeps the scan as the file gives it: it is encoded before
	// Apply fills in the id and dates, and encode leaves out Stat, Content
	// and Dropped.
	rec.Hash, rec.Stat, rec.Meta = a.Hash, a.Stat, a
	if err := w.put(a.Path, rec); err != nil {
		return err
	}
	if !a.Draft {
		Apply(a, rec)
	}
	return nil
}

// remove forgets the file of path: its record keeps the id and dates, and
// the hash index leads to it from its content, so that a file found later
// with that content is taken for this one renamed or moved.
//
// Only removed files are in the index: a rename is a file gone and one
// come with its bytes, and every file that goes goes through here before
// any lookup (Stamp removes first; a file gone while Herald was stopped is
// removed by the next start's look). An entry for a file still there
// would never be followed, as renamed skips files present, and a first
// start writes none.
func (w *stamper) remove(path string) error {
	rec, ok, err := w.get(path)
	if err != nil || !ok {
		return err
	}
	rec.Stat, rec.Meta = source.FileStat{}, nil
	if err := w.put(path, rec); err != nil {
		return err
	}
	w.hashes = append(w.hashes, newHashEntry(rec.Hash, path, len(w.hashes)))
	if w.written != nil {
		w.written[rec.Hash] = path
	}
	return nil
}

// get reads the record of path.
func (w *stamper) get(path string) (Record, bool, error) {
	if w.noArticles && path > w.maxPath {
		return Record{}, false, nil // not written by this Stamp, so not there
	}
	w.key = append(w.key[:0], path...)
	v := w.b.Get(w.key)
	if v == nil {
		return Record{}, false, nil
	}
	rec, err := decode(w.key, v)
	return rec, err == nil, err
}

// renamed returns the path of a file that is gone and had a's content, or "".
func (w *stamper) renamed(a *source.Article) string {
	if w.present == nil {
		return "" // every path with a record is in the folder
	}
	if old := w.hashPath(a.Hash); old != "" && old != a.Path && !w.present(old) {
		return old
	}
	return ""
}

// hashPath returns the path of the file last removed with the content
// hash, or "".
func (w *stamper) hashPath(hash string) string {
	if p, ok := w.written[hash]; ok || w.noHash {
		return p
	}
	w.key = append(w.key[:0], hash...)
	return string(w.h.Get(w.key))
}

// put writes the record of path.
func (w *stamper) put(path string, rec Record) error {
	w.buf = encode(w.buf[:0], rec)
	w.key = append(w.key[:0], path...)
	if err := w.b.Put(w.key, w.keep(w.buf)); err != nil {
		return err
	}
	if w.noArticles && path > w.maxPath {
		w.maxPath = path
	}
	return nil
}

// keep copies a value to put into memory that lasts until the transaction
// ends, as bbolt needs, in chunks shared by many values: a first start puts
// 100,000 records, and allocating each on its own made more work for the
// garbage collector than for bbolt.
func (w *stamper) keep(v []byte) []byte {
	const chunk = 64 << 10
	if len(v) > cap(w.arena)-len(w.arena) {
		if len(v) > chunk/4 {
			return bytes.Clone(v)
		}
		w.arena = make([]byte, 0, chunk)
	}
	w.arena = append(w.arena, v...)
	return w.arena[len(w.arena)-len(v) : len(w.arena) : len(w.arena)]
}

// Index calls fn for every article file the store knows to be in the
// folder, with its record, in path order: what a restart needs to publish
// without reading unchanged files. The article is stamped (see [Apply]).
func (s *Store) Index(fn func(path string, rec Record) error) error {
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(articlesBucket).ForEach(func(k, v []byte) error {
			rec, err := decode(k, v)
			if err != nil {
				return err
			}
			if rec.Meta == nil || rec.Stat == (source.FileStat{}) {
				return nil // gone, or written before records held an index
			}
			return fn(rec.Meta.Path, rec)
		})
	})
	if err != nil {
		return fmt.Errorf("state file %s: %w", s.path, err)
	}
	return nil
}

// Apply fills in the id and dates an article does not carry itself, from
// its record.
func Apply(a *source.Article, rec Record) {
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

// NormalizeID returns an id from front matter as the feeds carry it: a URI
// as it is, anything else as a name-based urn:uuid.
func NormalizeID(id string) string {
	if isURI(id) {
		return id
	}
	return nameID("", id)
}

// PathID derives an article's id from the path where Herald first saw it: a
// name-based UUID (RFC 9562 version 5) in a namespace of Herald's own, so it
// does not depend on the host, the port or the base URL, and a lost state file
// gives the same ids again.
func PathID(path string) string { return nameID("path:", path) }

// nameID turns a front matter id that is not a URI into one, as Atom
// requires: the name is prefix followed by name.
func nameID(prefix, name string) string {
	// One sha1.Sum over a buffer on the stack, rather than a hash.Hash and
	// a concatenation: a first start derives an id for every file.
	var buf [128]byte
	b := append(append(append(buf[:0], heraldNamespace[:]...), prefix...), name...)
	sum := sha1.Sum(b)
	u := sum[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return uuidURN(u)
}

// uuidURN formats 16 bytes as a urn:uuid.
func uuidURN(u []byte) string {
	b := make([]byte, 0, 45)
	b = append(b, "urn:uuid:"...)
	for i, c := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, hexDigits[c>>4], hexDigits[c&15])
	}
	return string(b)
}

const hexDigits = "0123456789abcdef"

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
		id = uuidURN(u[:])
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

// Check verifies the state file: bbolt's consistency check of its pages,
// and that every article record reads. It returns the number of records.
func (s *Store) Check() (records int, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			return err
		}
		return tx.Bucket(articlesBucket).ForEach(func(k, v []byte) error {
			if _, err := decode(k, v); err != nil {
				return err
			}
			records++
			return nil
		})
	})
	if err != nil {
		return 0, fmt.Errorf("state file %s: %w", s.path, err)
	}
	return records, nil
}
