package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// TestScanAgreesWithParse checks, on every article file of the test data,
// the example site and (when present) the evaluation corpus, that Scan
// gives exactly what Parse does but the summary and the rendered body: the
// catalog orders and dates articles by Scan's metadata, and the feeds show
// Parse's summary and content.
func TestScanAgreesWithParse(t *testing.T) {
	roots := []string{"testdata", filepath.Join("..", "testdata"), filepath.Join("..", "..", "shared", "eval")}
	n := 0
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if _, ok := KindOf(p); !ok {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.ToSlash(p)
			full, perr := Parse(name, src, Options{})
			scan, serr := Scan(name, src, Options{})
			n++
			if (perr == nil) != (serr == nil) || perr != nil && perr.Error() != serr.Error() {
				t.Errorf("%s: Parse error %v, Scan error %v", p, perr, serr)
				return nil
			}
			if perr != nil {
				return nil
			}
			if scan.Content != "" || scan.Dropped != nil || scan.Summary != "" {
				t.Errorf("%s: Scan rendered the body or summarized it", p)
			}
			full.Content, full.Dropped, full.Summary = "", nil, ""
			if !reflect.DeepEqual(full, scan) {
				t.Errorf("%s: Scan and Parse disagree:\n scan  %+v\n parse %+v", p, scan, full)
			}
			return nil
		})
	}
	if n < 50 {
		t.Fatalf("only %d article files found", n)
	}
}

// TestScanKeepsNoBytes checks that an article from Scan shares no memory
// with the bytes it was given: the loader reads every file into the buffer
// of the one before.
func TestScanKeepsNoBytes(t *testing.T) {
	n := 0
	filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if _, ok := KindOf(p); err != nil || d.IsDir() || !ok {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.ToSlash(p)
		want, werr := Scan(name, src, Options{})
		buf := slices.Clone(src)
		got, gerr := Scan(name, buf, Options{})
		for i := range buf {
			buf[i] = 'x'
		}
		n++
		if werr != nil || gerr != nil {
			return nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the article changed with the bytes it was scanned from:\n got  %+v\n want %+v", p, got, want)
		}
		return nil
	})
	if n < 20 {
		t.Fatalf("only %d article files found", n)
	}
}
