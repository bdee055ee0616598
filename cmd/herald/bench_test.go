package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/heraldfeeds/herald/internal/store"
	"github.com/heraldfeeds/herald/source"
)

// BenchmarkOneChange measures what one saved file costs the daemon once it
// runs over a big folder: the file is rewritten, and the publisher is told
// its path, as the watcher does; it scans it, stamps it, and, when the feeds
// show it, renders and compresses the feeds. It reports the CPU time of the whole process per
// change (cpu-ms/op, from getrusage: GC included) and the live heap before
// and after all the changes (heap-MB-start, heap-MB-end), to show that
// memory stays flat.
//
// It needs a folder written by bench/gen, which it adds one file to:
//
//	go run ./bench/gen -n 100000 -out /tmp/n100k
//	HERALD_BENCH_CONTENT=/tmp/n100k go test -run '^$' -bench OneChange -benchtime 10000x ./cmd/herald
func BenchmarkOneChange(b *testing.B) {
	dir := os.Getenv("HERALD_BENCH_CONTENT")
	if dir == "" {
		b.Skip("HERALD_BENCH_CONTENT is not set")
	}
	st, err := store.Open(filepath.Join(b.TempDir(), "herald.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	p := testPublisher(dir, st)
	// Two files: one the feeds show (the first in path order among the
	// articles without a date, so the newest), and one they do not (dated
	// long ago): a change to the first re-renders the feeds, a change to
	// the second only the index.
	shown, old := "0-bench-edit.md", "0-bench-edit-old.md"
	edit := func(name string, i int) {
		date := ""
		if name == old {
			date = "date: 2001-02-03T04:05:06Z\n"
		}
		text := fmt.Sprintf("---\ntitle: Edit %d\n%s---\nThis article is saved again and again, edit number %d, to see what one change costs.\n", i, date, i)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, name := range []string{shown, old} {
		edit(name, 0)
		defer os.Remove(filepath.Join(dir, name))
	}
	start := time.Now()
	if err := p.rebuild(source.Changes{All: true}); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d articles published in %v", p.catalog.Len(), time.Since(start).Round(time.Millisecond))
	for _, name := range []string{shown, old} {
		b.Run(strings.TrimSuffix(name, ".md"), func(b *testing.B) {
			heapStart := liveHeap()
			cpuStart := cpuTime()
			b.ResetTimer()
			for i := range b.N {
				edit(name, i+1)
				if err := p.rebuild(source.Changes{Paths: []string{name}}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			cpu := cpuTime() - cpuStart
			if a := p.catalog.Get(name); a == nil || a.Title != fmt.Sprintf("Edit %d", b.N) {
				b.Fatalf("after %d edits the catalog has %+v", b.N, a)
			}
			inFeeds := slices.ContainsFunc(p.catalog.Top(p.items, time.Now()).Items, func(a *source.Article) bool { return a.Path == name })
			if inFeeds != (name == shown) {
				b.Fatalf("%s in the feeds: %v", name, inFeeds)
			}
			b.ReportMetric(float64(cpu)/float64(b.N)/1e6, "cpu-ms/op")
			b.ReportMetric(heapStart/1e6, "heap-MB-start")
			b.ReportMetric(liveHeap()/1e6, "heap-MB-end")
		})
	}
}

// liveHeap is the heap in use after a full collection: two, as the first
// only moves what sync.Pools hold (gzip writers) to their victim caches.
func liveHeap() float64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc)
}

// cpuTime is the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
