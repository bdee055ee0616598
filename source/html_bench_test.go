package source

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParseHTML runs parseHTML alone, as Scan does, on the generated
// pages of HERALD_BENCH_CONTENT, or on the example site's when it is not set.
func BenchmarkParseHTML(b *testing.B) {
	patterns := []string{filepath.Join("..", "testdata", "content", "*.htm*"), filepath.Join("..", "testdata", "content", "*", "*.htm*")}
	if gen := os.Getenv("HERALD_BENCH_CONTENT"); gen != "" {
		patterns = []string{filepath.Join(gen, "*", "*.html")}
	}
	files := benchFiles(b, patterns...)
	texts := make([]string, len(files))
	for i, f := range files {
		s, err := decodeText(f.src)
		if err != nil {
			b.Fatal(err)
		}
		texts[i] = cleanText(s)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range texts {
			var a Article
			if _, _, err := parseHTML(&a, s, false); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/file")
}
