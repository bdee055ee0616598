package store

import (
	"maps"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestBodiesAreKept checks that the saved bodies are exactly the last set
// given, across a reopening: changed ones rewritten, departed ones deleted.
func TestBodiesAreKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "herald.db")
	s := open(t, path)
	saved, err := s.Bodies()
	if err != nil || len(saved) != 0 {
		t.Fatalf("Bodies of a new state file = %v, %v; want none", saved, err)
	}
	steps := []map[string]Body{
		{"a.md": {Hash: "1", Summary: "A.", HTML: "<p>A.</p>"}, "b.md": {Hash: "2", Summary: "B.", HTML: "<p>B.</p>"}},
		{"a.md": {Hash: "3", Summary: "A again.", HTML: "<p>A again.</p>"}, "c.md": {Hash: "4", Summary: "C.", HTML: "<p>C.</p>"}},
		{},
	}
	for i, bodies := range steps {
		if err := s.SaveBodies(bodies, saved); err != nil {
			t.Fatalf("step %d: SaveBodies: %v", i, err)
		}
		saved = bodies
		s.Close()
		s = open(t, path)
		got, err := s.Bodies()
		if err != nil || !maps.Equal(got, bodies) {
			t.Errorf("step %d: Bodies after reopening = %v, %v; want %v", i, got, err, bodies)
		}
	}
	s.Close()
}

// TestBodiesDamaged checks that a body that does not read is an error of
// Bodies, not of Open, and that saving with no known set rewrites them all.
func TestBodiesDamaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "herald.db")
	s := open(t, path)
	defer func() { s.Close() }()
	good := map[string]Body{"a.md": {Hash: "1", Made: "v", Summary: "A.", HTML: "<p>A &amp; B.</p>"}}
	if err := s.SaveBodies(good, map[string]Body{}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bodiesBucket).Put([]byte("b.md"), []byte("{not json"))
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, path)
	if bodies, err := s.Bodies(); err == nil || bodies != nil {
		t.Fatalf("Bodies with a damaged one = %v, %v; want an error", bodies, err)
	}
	if err := s.SaveBodies(good, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Bodies(); err != nil || !maps.Equal(got, good) {
		t.Errorf("Bodies after saving over the damaged ones = %v, %v; want %v", got, err, good)
	}
}
