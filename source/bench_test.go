package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchFile is one article file to parse in a benchmark.
type benchFile struct {
	name string
	src  []byte
}

// benchFiles reads the files matching the patterns, skipping the benchmark
// when there are none.
func benchFiles(b *testing.B, patterns ...string) []benchFile {
	b.Helper()
	var files []benchFile
	for _, pattern := range patterns {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			files = append(files, benchFile{filepath.Base(p), src})
		}
	}
	if len(files) == 0 {
		b.Skipf("no files match %q", patterns)
	}
	return files
}

// BenchmarkParse parses realistic articles of each kind: the example site
// (../testdata/content) and, when it is there, the BBC corpus of the
// evaluation data. Its bytes/s is the parse throughput.
func BenchmarkParse(b *testing.B) {
	content := filepath.Join("..", "testdata", "content")
	for _, bb := range []struct {
		name     string
		patterns []string
	}{
		{"text", []string{filepath.Join(content, "*.txt"), filepath.Join(content, "*", "*.txt")}},
		{"markdown", []string{filepath.Join(content, "*.md"), filepath.Join(content, "*", "*.md")}},
		{"html", []string{filepath.Join(content, "*.htm*"), filepath.Join(content, "*", "*.htm*")}},
		{"bbc", []string{filepath.Join(bbcDir, "*.txt")}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			benchRead(b, bb.patterns, func(name string, src []byte) {
				a, err := Parse(name, src, Options{})
				if err != nil {
					b.Fatalf("Parse(%q): %v", name, err)
				}
				if a.Title == "" || a.Content == "" {
					b.Fatalf("Parse(%q) = %+v: no title or no content", name, a)
				}
			})
		})
	}
}

// benchRead runs read on every file the patterns match, b.N times, and
// reports the bytes read per second and the time per file.
func benchRead(b *testing.B, patterns []string, read func(name string, src []byte)) {
	files := benchFiles(b, patterns...)
	var size int64
	for _, f := range files {
		size += int64(len(f.src))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			read(f.name, f.src)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/file")
}

// BenchmarkScan is BenchmarkParse for [Scan], which Herald runs on every
// file of the folder: metadata and summary, no rendered body. The
// "generated" case reads a folder written by bench/gen when
// HERALD_BENCH_CONTENT names one (go run ./bench/gen -n 2000 -out DIR).
func BenchmarkScan(b *testing.B) {
	content := filepath.Join("..", "testdata", "content")
	gen := os.Getenv("HERALD_BENCH_CONTENT")
	for _, bb := range []struct {
		name     string
		patterns []string
	}{
		{"text", []string{filepath.Join(content, "*.txt"), filepath.Join(content, "*", "*.txt")}},
		{"markdown", []string{filepath.Join(content, "*.md"), filepath.Join(content, "*", "*.md")}},
		{"html", []string{filepath.Join(content, "*.htm*"), filepath.Join(content, "*", "*.htm*")}},
		{"bbc", []string{filepath.Join(bbcDir, "*.txt")}},
		{"generated-text", []string{filepath.Join(gen, "*", "*.txt")}},
		{"generated-markdown", []string{filepath.Join(gen, "*", "*.md")}},
		{"generated-html", []string{filepath.Join(gen, "*", "*.html")}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			if gen == "" && strings.HasPrefix(bb.name, "generated") {
				b.Skip("HERALD_BENCH_CONTENT is not set")
			}
			benchRead(b, bb.patterns, func(name string, src []byte) {
				a, err := Scan(name, src, Options{})
				if err != nil {
					b.Fatalf("Scan(%q): %v", name, err)
				}
				if a.Title == "" {
					b.Fatalf("Scan(%q) = %+v: no title", name, a)
				}
			})
		})
	}
}
