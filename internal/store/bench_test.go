package store

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heraldfeeds/herald/source"
	bolt "go.etcd.io/bbolt"
)

// benchArticles returns n scanned articles as a first start over a big
// folder gives them to Stamp: in path order, each with the content hash of
// its (made up) content, so the hash index sees keys in random order.
func benchArticles(n int) []*source.Article {
	summary := strings.Repeat("A sentence of a summary that goes on. ", 9)
	arts := make([]*source.Article, n)
	for i := range arts {
		arts[i] = &source.Article{
			Path: fmt.Sprintf("%03d/article-%06d.md", i/1000, i), Kind: source.KindMarkdown,
			Hash:  source.ContentHash(fmt.Appendf(nil, "content of article %d", i)),
			Stat:  source.FileStat{Size: 4000, ModTime: 1e18, Inode: uint64(i), ChangeTime: 1e18},
			Title: "A Title Of Some Length For The Article", Slug: fmt.Sprintf("article-%06d", i),
			Tags: []string{"news", "city"}, Summary: summary,
		}
	}
	return arts
}

// BenchmarkStampFirstStart stamps 10,000 new articles at once, as a first
// start over a big folder does: records with an index entry, in batches.
func BenchmarkStampFirstStart(b *testing.B) { benchStamp(b, 10_000) }

// BenchmarkStampFirstStart50k is the same over 50,000 articles, where the
// hash index no longer fits in the first transaction.
func BenchmarkStampFirstStart50k(b *testing.B) { benchStamp(b, 50_000) }

// BenchmarkStampNew50k stamps a first start of 50,000 articles as the
// loader hands them over while it scans: StampNew, Add in batches of 64,
// End.
func BenchmarkStampNew50k(b *testing.B) {
	const n = 50_000
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		s, err := Open(filepath.Join(b.TempDir(), "herald.db"))
		if err != nil {
			b.Fatal(err)
		}
		arts := benchArticles(n)
		b.StartTimer()
		start := cpuTime()
		st, err := s.StampNew(time.Now())
		if err != nil {
			b.Fatal(err)
		}
		for rest := arts; len(rest) > 0; rest = rest[min(64, len(rest)):] {
			if err := st.Add(rest[:min(64, len(rest))]); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.End(); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
		b.StopTimer()
		if arts[n-1].ID == "" || arts[n-1].Published.IsZero() {
			b.Fatalf("article not stamped: %+v", arts[n-1])
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/article")
	reportCPU(b, cpu, n)
}

// reportCPU reports the CPU time used per article, where it can be told.
func reportCPU(b *testing.B, cpu time.Duration, n int) {
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*n), "cpu-ns/article")
	}
}

func benchStamp(b *testing.B, n int) {
	var size int64
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "herald.db")
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		arts := benchArticles(n)
		b.StartTimer()
		start := cpuTime()
		if err := s.Stamp(arts, nil, func(string) bool { return true }, time.Now()); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - start
		b.StopTimer()
		if arts[n-1].ID == "" || arts[n-1].Published.IsZero() {
			b.Fatalf("article not stamped: %+v", arts[n-1])
		}
		// The pages in use, not the file's size, which bbolt grows in steps.
		s.db.View(func(tx *bolt.Tx) error { size = tx.Size(); return nil })
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/article")
	b.ReportMetric(float64(size), "state-bytes")
	reportCPU(b, cpu, n)
}

// BenchmarkIndex50k reads back the records of 50,000 articles, as a
// restart does before it looks at the folder.
func BenchmarkIndex50k(b *testing.B) {
	const n = 50_000
	path := filepath.Join(b.TempDir(), "herald.db")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Stamp(benchArticles(n), nil, func(string) bool { return true }, time.Now()); err != nil {
		b.Fatal(err)
	}
	s.Close()
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		got := 0
		err = s.Index(func(path string, rec Record) error {
			if rec.Meta.Title == "" {
				return fmt.Errorf("%s: no title", path)
			}
			got++
			return nil
		})
		if err != nil || got != n {
			b.Fatalf("Index: %d records, %v; want %d", got, err, n)
		}
		s.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/record")
}
