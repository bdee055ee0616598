package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// articleFiles calls fn with the slash-separated name and the bytes of
// every article file below roots (missing roots are skipped), and returns
// how many there were.
func articleFiles(t *testing.T, roots []string, fn func(name string, src []byte)) int {
	t.Helper()
	n := 0
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if _, ok := KindOf(p); err != nil || d.IsDir() || !ok {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			n++
			fn(filepath.ToSlash(p), src)
			return nil
		})
	}
	return n
}

// TestScanAgreesWithParse checks, on every article file of the test data,
// the example site and (when present) the evaluation corpus, that Scan
// gives exactly what Parse does but the summary and the rendered body: the
// catalog orders and dates articles by Scan's metadata, and the feeds show
// Parse's summary and content.
func TestScanAgreesWithParse(t *testing.T) {
	roots := []string{"testdata", filepath.Join("..", "testdata"), filepath.Join("..", "..", "shared", "eval")}
	n := articleFiles(t, roots, func(name string, src []byte) {
		full, perr := Parse(name, src, Options{})
		scan, serr := Scan(name, src, Options{})
		if (perr == nil) != (serr == nil) || perr != nil && perr.Error() != serr.Error() {
			t.Errorf("%s: Parse error %v, Scan error %v", name, perr, serr)
			return
		}
		if perr != nil {
			return
		}
		if scan.Content != "" || scan.Dropped != nil || scan.Summary != "" {
			t.Errorf("%s: Scan rendered the body or summarized it", name)
		}
		full.Content, full.Dropped, full.Summary = "", nil, ""
		if !reflect.DeepEqual(full, scan) {
			t.Errorf("%s: Scan and Parse disagree:\n scan  %+v\n parse %+v", name, scan, full)
		}
	})
	if n < 50 {
		t.Fatalf("only %d article files found", n)
	}
}

// TestScanKeepsNoBytes checks that an article from Scan shares no memory
// with the bytes it was given: the loader reads every file into the buffer
// of the one before.
func TestScanKeepsNoBytes(t *testing.T) {
	n := articleFiles(t, []string{"testdata"}, func(name string, src []byte) {
		want, werr := Scan(name, src, Options{})
		buf := slices.Clone(src)
		got, gerr := Scan(name, buf, Options{})
		for i := range buf {
			buf[i] = 'x'
		}
		if werr != nil || gerr != nil {
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the article changed with the bytes it was scanned from:\n got  %+v\n want %+v", name, got, want)
		}
	})
	if n < 20 {
		t.Fatalf("only %d article files found", n)
	}
}

// TestScanFrontMatterOnly checks Scan against Parse on Markdown files that
// Scan reads the front matter of alone, or must not: the title in the body,
// the front matter closed on the last line, and files decodeText changes
// (another encoding, carriage returns, forbidden characters, a byte order
// mark, a binary file).
func TestScanFrontMatterOnly(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: Front\n---\nBody.\n",
		"---\ntitle: Front\n---",
		"---\ntitle: Front\n---  \t\nBody.\n",
		"---\ntitle: Front\n...\nBody.\n",
		"+++\ntitle = \"Front\"\n+++\nBody.\n",
		"+++\ntitle = \"Front\"\n...\n+++\nBody.\n",
		"---\ndate: 2025-01-02\n---\n# Body Title\n\nText.\n",
		"---\ntitle: \"  \"\n---\n# Body Title\n",
		"---\ntitle: \"\\u00a0\"\n---\nBody.\n",
		"---\ntitle: [a\n---\nBody.\n",
		"---\ntitle: Café\n---\nBody caf\xe9.\n",
		"---\r\ntitle: Front\r\n---\r\nBody.\r\n",
		"---\ntitle: Front\n---\nBody\x07 bell.\n",
		"---\ntitle: Front \x07\n---\nBody.\n",
		"\xef\xbb\xbf---\ntitle: Front\n---\nBody.\n",
		"---\ntitle: Front\n---\nBody\x00.\n",
		"---\ntitle: Front\n---\n" + strings.Repeat("\x01\x02 ", 2000),
		"---\n" + strings.Repeat("x: y\n", 14000) + "title: Big\n---\nBody.\n",
	} {
		full, perr := Parse("a.md", []byte(src), Options{})
		scan, serr := Scan("a.md", []byte(src), Options{})
		if (perr == nil) != (serr == nil) || perr != nil && perr.Error() != serr.Error() {
			t.Errorf("Scan(%.60q) error %v, Parse error %v", src, serr, perr)
			continue
		}
		if perr != nil {
			continue
		}
		full.Content, full.Dropped, full.Summary = "", nil, ""
		if !reflect.DeepEqual(full, scan) {
			t.Errorf("Scan(%.60q) = %+v, Parse gives %+v", src, scan, full)
		}
	}
}
