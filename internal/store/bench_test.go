package store

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heraldfeeds/herald/source"
)

// BenchmarkStampFirstStart stamps 10,000 new articles at once, as a first
// start over a big folder does: records with an index entry, in batches.
func BenchmarkStampFirstStart(b *testing.B) {
	const n = 10_000
	summary := strings.Repeat("A sentence of a summary that goes on. ", 9)
	for b.Loop() {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "herald.db"))
		if err != nil {
			b.Fatal(err)
		}
		arts := make([]*source.Article, n)
		for i := range arts {
			arts[i] = &source.Article{
				Path: fmt.Sprintf("%03d/article-%06d.md", i/1000, i), Kind: source.KindMarkdown,
				Hash:  fmt.Sprintf("%064x", i),
				Stat:  source.FileStat{Size: 4000, ModTime: 1e18, Inode: uint64(i), ChangeTime: 1e18},
				Title: "A Title Of Some Length For The Article", Slug: fmt.Sprintf("article-%06d", i),
				Tags: []string{"news", "city"}, Summary: summary,
			}
		}
		b.StartTimer()
		if err := s.Stamp(arts, nil, func(string) bool { return true }, time.Now()); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/article")
}
