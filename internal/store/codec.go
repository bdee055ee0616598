package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/heraldfeeds/herald/source"
)

// Records are stored in a compact binary form: a first start writes one per
// article file, 100,000 of them, and a restart reads them all back. Version
// 1 state files held JSON records ({"id": ...}) without an index entry;
// they are still read, and rewritten in this form when their file changes.
const recordVersion = 2

// encode appends rec to b as a version byte, then each field in order:
// strings and times (time.MarshalBinary, which keeps the zone offset)
// length-prefixed, numbers as varints.
func encode(b []byte, rec Record) []byte {
	b = append(b, recordVersion)
	b = appendString(b, rec.ID)
	b = appendTime(b, rec.FirstSeen)
	b = appendTime(b, rec.Changed)
	b = appendString(b, rec.Hash)
	b = binary.AppendVarint(b, rec.Stat.Size)
	b = binary.AppendVarint(b, rec.Stat.ModTime)
	b = binary.AppendUvarint(b, rec.Stat.Inode)
	b = binary.AppendVarint(b, rec.Stat.ChangeTime)
	m := rec.Meta
	if m == nil {
		return append(b, 0)
	}
	b = append(b, 1)
	b = appendString(b, string(m.Kind))
	b = appendString(b, m.Title)
	b = appendString(b, m.Slug)
	b = appendString(b, m.ID)
	b = appendTime(b, m.Published)
	b = appendTime(b, m.Updated)
	b = appendString(b, m.Author.Name)
	b = appendString(b, m.Author.Email)
	b = appendString(b, m.Image)
	b = binary.AppendUvarint(b, uint64(len(m.Tags)))
	for _, t := range m.Tags {
		b = appendString(b, t)
	}
	draft := byte(0)
	if m.Draft {
		draft = 1
	}
	b = append(b, draft)
	// Scans carry no summary since Herald made summaries only for the
	// articles shown; records of earlier versions hold one, and a record
	// keeps its field for them.
	return appendString(b, m.Summary)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendTime(b []byte, t time.Time) []byte {
	// The length goes first: appended in place, with no buffer of its own.
	n := len(b)
	b = append(b, 0)
	tb, err := t.AppendBinary(b)
	if err != nil {
		// Only a zone offset that is not a whole minute fails; keep the instant.
		tb, _ = t.UTC().AppendBinary(b)
	}
	tb[n] = byte(len(tb) - n - 1)
	return tb
}

// decode reads a record written by encode, or a version 1 JSON record.
func decode(key, v []byte) (Record, error) {
	if len(v) > 0 && v[0] == '{' {
		var old struct {
			ID        string    `json:"id"`
			FirstSeen time.Time `json:"first_seen"`
			Changed   time.Time `json:"changed"`
			Hash      string    `json:"hash"`
		}
		if err := json.Unmarshal(v, &old); err != nil {
			return Record{}, fmt.Errorf("state record for %s: %w", key, err)
		}
		return Record{ID: old.ID, FirstSeen: old.FirstSeen, Changed: old.Changed, Hash: old.Hash}, nil
	}
	d := decoder{b: v}
	if version := d.byte(); version != recordVersion {
		if d.err != nil {
			return Record{}, fmt.Errorf("state record for %s: empty", key)
		}
		return Record{}, fmt.Errorf("state record for %s: unknown version %d (written by a newer herald?)", key, version)
	}
	var rec Record
	rec.ID = d.string()
	rec.FirstSeen = d.time()
	rec.Changed = d.time()
	rec.Hash = d.string()
	rec.Stat.Size = d.varint()
	rec.Stat.ModTime = d.varint()
	rec.Stat.Inode = d.uvarint()
	rec.Stat.ChangeTime = d.varint()
	if d.byte() == 1 {
		m := &source.Article{Path: string(key), Hash: rec.Hash}
		m.Kind = source.Kind(d.string())
		m.Title = d.string()
		m.Slug = d.string()
		m.ID = d.string()
		m.Published = d.time()
		m.Updated = d.time()
		m.Author.Name = d.string()
		m.Author.Email = d.string()
		m.Image = d.string()
		if n := d.uvarint(); n > 0 && n <= uint64(len(d.b)) {
			m.Tags = make([]string, n)
			for i := range m.Tags {
				m.Tags[i] = d.string()
			}
		}
		m.Draft = d.byte() == 1
		m.Summary = d.string()
		rec.Meta = m
	}
	if d.err != nil {
		return Record{}, fmt.Errorf("state record for %s: %w", key, d.err)
	}
	return rec, nil
}

var errShort = errors.New("record cut short")

// decoder reads encode's fields; the first error sticks and every later
// read returns a zero value.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() { d.err, d.b = errShort, nil }

func (d *decoder) byte() byte {
	if len(d.b) == 0 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	n, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return n
}

func (d *decoder) varint() int64 {
	n, k := binary.Varint(d.b)
	if k <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return n
}

func (d *decoder) bytes(n uint64) []byte {
	if n > uint64(len(d.b)) {
		d.fail()
		return nil
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

func (d *decoder) string() string { return string(d.bytes(d.uvarint())) }

func (d *decoder) time() time.Time {
	var t time.Time
	if b := d.bytes(uint64(d.byte())); d.err == nil {
		if err := t.UnmarshalBinary(b); err != nil {
			d.err = err
		}
	}
	return t
}
