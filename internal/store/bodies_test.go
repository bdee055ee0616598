package store

import (
	"maps"
	"path/filepath"
	"testing"
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
