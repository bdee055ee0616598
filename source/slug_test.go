package source

import "testing"

func TestSlugify(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"article-000001", "article-000001"},
		{"my-slug", "my-slug"},
		{"a--b", "a-b"},
		{"-a-", "a"},
		{"Hello, World!", "hello-world"},
		{"Crème Brûlée", "creme-brulee"},
		{"2025_05_night", "2025-05-night"},
		{"", ""},
		{"--", ""},
	} {
		if got := slugify(tt.in); got != tt.want {
			t.Errorf("slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzSlugify checks the fast path: text isSlug takes is what the general
// path gives back unchanged.
func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"article-000001", "a--b", "a-", "-a", "Ab", "a_b", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := slugify(s), slugifyRunes(s); got != want {
			t.Errorf("slugify(%q) = %q, want %q", s, got, want)
		}
	})
}
