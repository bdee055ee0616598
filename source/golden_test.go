package source

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/{markdown,html,encoding}/*.golden")

// TestArticleGolden parses each fixture in testdata/markdown, testdata/html
// and testdata/encoding and compares every field of the article with the
// .golden file beside it. Run go test ./source -update-golden to rewrite them,
// and review the diff.
func TestArticleGolden(t *testing.T) {
	for _, dir := range []string{"markdown", "html", "encoding"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, file := range files {
			if strings.HasSuffix(file, ".golden") {
				continue
			}
			n++
			t.Run(dir+"/"+filepath.Base(file), func(t *testing.T) {
				src, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				a, err := Parse(filepath.Base(file), src, Options{SummaryWords: 30})
				got := articleGolden(a, err)
				golden := file + ".golden"
				if *updateGolden {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				if want, err := os.ReadFile(golden); err != nil || !bytes.Equal(got, want) {
					t.Errorf("Parse(%q) differs from %s (err=%v); go test ./source -update-golden if intended\ngot:\n%s\nwant:\n%s", file, golden, err, got, want)
				}
			})
		}
		if n < 5 {
			t.Errorf("testdata/%s holds %d fixtures, want at least 5", dir, n)
		}
	}
}

// articleGolden writes every field of a parsed article, one per line.
func articleGolden(a *Article, err error) []byte {
	var b bytes.Buffer
	if err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
		return b.Bytes()
	}
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	for _, f := range []struct{ k, v string }{
		{"kind", string(a.Kind)}, {"title", a.Title}, {"slug", a.Slug}, {"id", a.ID},
		{"published", date(a.Published)}, {"updated", date(a.Updated)},
		{"author", strings.TrimSpace(a.Author.Name + " <" + a.Author.Email + ">")},
		{"tags", strings.Join(a.Tags, ", ")}, {"image", a.Image}, {"draft", fmt.Sprint(a.Draft)},
		{"summary", a.Summary},
	} {
		fmt.Fprintf(&b, "%s: %s\n", f.k, f.v)
	}
	b.WriteString("content:\n" + strings.TrimSpace(a.Content) + "\n")
	for _, d := range a.Dropped {
		b.WriteString("dropped: " + d + "\n")
	}
	return b.Bytes()
}
