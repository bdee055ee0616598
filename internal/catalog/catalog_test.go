package catalog

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heraldfeeds/herald/feed"
	"github.com/heraldfeeds/herald/source"
)

var now = time.Date(2025, 8, 15, 12, 0, 0, 0, time.UTC)

// expect computes from scratch what the catalog keeps incrementally: the
// feed order of feed.Visible and the slugs of source.UniqueSlugs.
func expect(arts map[string]*source.Article, n int) (items []string, visible int, next time.Time, slugs map[string]string) {
	var all []*source.Article
	for _, a := range arts {
		cp := *a
		all = append(all, &cp)
	}
	slices.SortFunc(all, func(a, b *source.Article) int { return strings.Compare(a.Path, b.Path) })
	source.UniqueSlugs(all)
	slugs = map[string]string{}
	for _, a := range all {
		slugs[a.Path] = a.Slug
	}
	vis := feed.Visible(all, now)
	visible = len(vis)
	for i, a := range vis {
		if i < n {
			items = append(items, a.Path+" "+a.Slug)
		}
	}
	return items, visible, feed.NextChange(all, now), slugs
}

func TestCatalogMatchesAFullRebuild(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	c := New()
	live := map[string]*source.Article{}
	article := func(i int) *source.Article {
		a := &source.Article{
			Path:      fmt.Sprintf("d%d/a%03d.md", r.IntN(3), i),
			Title:     fmt.Sprintf("T%d", r.IntN(20)),
			Slug:      []string{"post", "post-2", "news", "post-3", "other"}[r.IntN(5)],
			ID:        fmt.Sprintf("id%d", i),
			Published: now.Add(time.Duration(r.IntN(40)-30) * time.Hour),
			Draft:     r.IntN(8) == 0,
		}
		return a
	}
	for step := range 400 {
		var put []*source.Article
		var removed []string
		size := 1 + r.IntN(4)
		if step%50 == 0 {
			size = 100 // the bulk path
		}
		for range size {
			if len(live) > 0 && r.IntN(3) == 0 {
				for p := range live {
					if slices.ContainsFunc(put, func(b *source.Article) bool { return b.Path == p }) {
						continue // put in this very step
					}
					removed = append(removed, p)
					delete(live, p)
					break
				}
				continue
			}
			a := article(r.IntN(300))
			if slices.Contains(removed, a.Path) || slices.ContainsFunc(put, func(b *source.Article) bool { return b.Path == a.Path }) {
				continue
			}
			put = append(put, a)
			live[a.Path] = a
		}
		c.Apply(put, removed)

		wantItems, wantVisible, wantNext, wantSlugs := expect(live, 10)
		v := c.Top(10, now)
		var gotItems []string
		for _, a := range v.Items {
			gotItems = append(gotItems, a.Path+" "+a.Slug)
		}
		if !slices.Equal(gotItems, wantItems) || v.Visible != wantVisible || !v.Next.Equal(wantNext) {
			t.Fatalf("step %d: Top = %q, %d visible, next %v; want %q, %d, %v", step, gotItems, v.Visible, v.Next, wantItems, wantVisible, wantNext)
		}
		for p, slug := range wantSlugs {
			a := live[p]
			got := c.BySlug(slug, now)
			visible := !a.Draft && !a.Published.After(now)
			if visible && (got == nil || got.Path != p) || !visible && got != nil {
				t.Fatalf("step %d: BySlug(%q) = %v, want %s (visible %v)", step, slug, got, p, visible)
			}
		}
		if c.Len() != len(live) {
			t.Fatalf("step %d: Len = %d, want %d", step, c.Len(), len(live))
		}
	}
}

// TestFirstStartSlugs checks the slugs a first start gives (one Apply
// into an empty catalog, numbered without going over every group) against
// source.UniqueSlugs, with slugs shared by many articles and own slugs that
// look numbered ("post-2"), over many folders.
func TestFirstStartSlugs(t *testing.T) {
	for seed := range uint64(30) {
		r := rand.New(rand.NewPCG(seed, 7))
		live := map[string]*source.Article{}
		var put []*source.Article
		for i := range 100 + r.IntN(200) {
			a := &source.Article{
				Path:      fmt.Sprintf("d%d/a%03d.md", r.IntN(4), i),
				Slug:      []string{"post", "post-2", "post-3", "news", "news-2-2", "other", fmt.Sprintf("own-%d", i)}[r.IntN(7)],
				Published: now.Add(-time.Duration(r.IntN(1000)) * time.Minute),
				Draft:     r.IntN(10) == 0,
			}
			put = append(put, a)
			live[a.Path] = a
		}
		slices.SortFunc(put, func(a, b *source.Article) int { return strings.Compare(a.Path, b.Path) })
		c := New()
		c.Apply(put, nil)
		_, _, _, want := expect(live, 0)
		for p, slug := range want {
			if got := c.slugOf[p]; got != slug {
				t.Errorf("seed %d: %s has slug %q, want %q", seed, p, got, slug)
			}
			if a := c.bySlug[slug]; a == nil || a.Path != p {
				t.Errorf("seed %d: slug %q leads to %v, want %s", seed, slug, a, p)
			}
		}
		if len(c.bySlug) != len(want) {
			t.Errorf("seed %d: %d slugs served, want %d", seed, len(c.bySlug), len(want))
		}
	}
}

func TestSuffixBase(t *testing.T) {
	for _, c := range []struct {
		slug, base string
		ok         bool
	}{
		{"a-2", "a", true},
		{"a-b-10", "a-b", true},
		{"a--3", "a-", true},
		{"a-", "", false},
		{"-2", "", false},
		{"a-2x", "", false},
		{"a", "", false},
		{"a-٣", "", false}, // not an ASCII digit
	} {
		if base, ok := suffixBase(c.slug); base != c.base || ok != c.ok {
			t.Errorf("suffixBase(%q) = %q, %v; want %q, %v", c.slug, base, ok, c.base, c.ok)
		}
	}
}

// BenchmarkApplyFirstStart puts 50,000 articles in an empty catalog at
// once, as a first start does.
func BenchmarkApplyFirstStart(b *testing.B) {
	const n = 50_000
	arts := make([]*source.Article, n)
	for i := range arts {
		arts[i] = &source.Article{
			Path:      fmt.Sprintf("%03d/article-%06d.md", i/1000, i),
			Slug:      fmt.Sprintf("article-%06d", i%(n-100)), // a few shared slugs
			Published: now.Add(-time.Duration(i) * time.Minute),
		}
	}
	for b.Loop() {
		New().Apply(arts, nil)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/article")
}
