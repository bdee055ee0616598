package store

import (
	"encoding/json"
	"fmt"
	"maps"

	bolt "go.etcd.io/bbolt"
)

var bodiesBucket = []byte("bodies") // path -> Body, for the articles the feeds show

// Body is the summary and rendered content of an article the feeds show,
// made from the version of its file whose content hash is Hash. Only the
// articles shown are read in full; keeping their bodies lets a restart
// serve the last good version of a file that does not read now (one being
// written, one broken since), as the running daemon does.
type Body struct {
	Hash    string `json:"hash"`
	Summary string `json:"summary"`
	HTML    string `json:"html"`
}

// Bodies returns the bodies last saved, by path.
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
// same, nothing is written.
func (s *Store) SaveBodies(bodies, saved map[string]Body) error {
	if maps.Equal(bodies, saved) {
		return nil
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
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
			v, err := json.Marshal(body)
			if err != nil {
				return err
			}
			if err := b.Put([]byte(path), v); err != nil {
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
