package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

var bodiesBucket = []byte("bodies") // path -> Body, for the articles the feeds show

// Body is the summary and rendered content of an article the feeds show,
// made from the version of its file whose content hash is Hash, by the
// Herald and options Made names (a body made otherwise is made again).
// Only the articles shown are read in full; keeping their bodies lets a
// restart serve the last good version of a file that does not read now
// (one being written, one broken since), as the running daemon does.
type Body struct {
	Hash    string `json:"hash"`
	Made    string `json:"made"`
	Summary string `json:"summary"`
	HTML    string `json:"html"`
}

// Bodies returns the bodies last saved, by path. An error leaves them to
// be made again: they are a copy of what the files give.
func (s *Store) Bodies() (map[string]Body, error) {
	bodies := map[string]Body{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bodiesBucket)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var body Body
			if err := json.Unmarshal(v, &body); err != nil {
				return fmt.Errorf("body of %s: %w", k, err)
			}
			bodies[string(k)] = body
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("state file %s: %w", s.path, err)
	}
	return bodies, nil
}

// SaveBodies makes bodies, by path, the ones saved, in one transaction: it
// writes those that changed and deletes those of articles no longer shown.
// saved is what the last call saved (or Bodies returned): when they are the
// same, nothing is written. A nil saved (Bodies failed) rewrites them all.
func (s *Store) SaveBodies(bodies, saved map[string]Body) error {
	if saved != nil && maps.Equal(bodies, saved) {
		return nil
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		if saved == nil {
			if err := tx.DeleteBucket(bodiesBucket); err != nil && !errors.Is(err, bolterrors.ErrBucketNotFound) {
				return err
			}
		}
		b, err := tx.CreateBucketIfNotExists(bodiesBucket)
		if err != nil {
			return err
		}
		for path := range saved {
			if _, ok := bodies[path]; !ok {
				if err := b.Delete([]byte(path)); err != nil {
					return err
				}
			}
		}
		for path, body := range bodies {
			if old, ok := saved[path]; ok && old == body {
				continue
			}
			var v bytes.Buffer
			enc := json.NewEncoder(&v)
			enc.SetEscapeHTML(false) // HTML kept as it is, not as \u003c
			if err := enc.Encode(body); err != nil {
				return err
			}
			if err := b.Put([]byte(path), v.Bytes()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("state file %s: %w", s.path, err)
	}
	return nil
}
