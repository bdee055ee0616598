package source

import (
	"bytes"
	"flag"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var updateText = flag.Bool("update-text", false, "rewrite testdata/text/*.golden")

// textJunk are phrases of page furniture that the fixtures in testdata/text
// carry. None may survive into an article's content or summary.
var textJunk = []string{
	"By .", "PUBLISHED:", "UPDATED:", "Published:", "Last updated", "(CNN)", "(Reuters)", "(AP)",
	"Share this with", "Copy this link", "external links", "Media playback", "ADVERTISEMENT", "Story continues", "Related posts", "Related articles", "Read more", "READ MORE",
	"Click here", "Sign up for", "Enter your email", "newsletter", "cookies", "cookie policy",
	"Leave a Reply", "Your email address", "Required fields", "Save my name", "Post Comment",
	"Source link", "Copyright", "All rights reserved", "©", "Photo:", "Pictured:", "(Image:",
	"AP Photo", "Scroll down", "Image copyright", "Image caption", "Watch the video",
}

// TestTextGolden parses each article in testdata/text and compares what
// Herald makes of it (title, date, blocks, what was dropped) with the
// .golden file beside it. Run go test ./source -update-text to rewrite them.
func TestTextGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "text", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 30 {
		t.Fatalf("found %d fixtures in testdata/text, want at least 30", len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Parse(filepath.Base(file), src, Options{})
			if err != nil {
				t.Fatalf("Parse(%q): %v", file, err)
			}
			got := textGolden(a)
			golden := strings.TrimSuffix(file, ".txt") + ".golden"
			if *updateText {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if want, err := os.ReadFile(golden); err != nil || !bytes.Equal(got, want) {
				t.Errorf("Parse(%q) differs from %s (err=%v); go test ./source -update-text if intended\ngot:\n%s\nwant:\n%s",
					file, golden, err, got, want)
			}

			text := html.UnescapeString(a.Content) + "\n" + a.Summary
			for _, p := range strings.Split(text, "\n") {
				p = strings.TrimSuffix(strings.TrimPrefix(p, "<p>"), "</p>")
				if isJunkLine(p) || isByline(p) {
					t.Errorf("Parse(%q): content or summary holds junk line %q", file, p)
				}
			}
			for _, j := range textJunk {
				if strings.Contains(text, j) {
					t.Errorf("Parse(%q): content or summary holds junk %q:\n%s", file, j, text)
				}
			}
			for _, d := range a.Dropped {
				if strings.HasPrefix(a.Summary, d) {
					t.Errorf("Parse(%q).Summary = %q, starts with dropped %q", file, a.Summary, d)
				}
			}
		})
	}
}

// textGolden writes a the way the .golden files hold it: the title, the
// published date if any, each block as "p: " or "h2: ", then "dropped: "
// for each line of furniture removed.
func textGolden(a *Article) []byte {
	var b bytes.Buffer
	b.WriteString("title: " + a.Title + "\n")
	if !a.Published.IsZero() {
		b.WriteString("published: " + a.Published.Format(time.RFC3339) + "\n")
	}
	for _, line := range strings.Split(strings.TrimSpace(a.Content), "\n") {
		switch {
		case strings.HasPrefix(line, "<p>"):
			b.WriteString("p: " + html.UnescapeString(strings.TrimSuffix(strings.TrimPrefix(line, "<p>"), "</p>")) + "\n")
		case strings.HasPrefix(line, "<h2>"):
			b.WriteString("h2: " + html.UnescapeString(strings.TrimSuffix(strings.TrimPrefix(line, "<h2>"), "</h2>")) + "\n")
		case line != "":
			b.WriteString("?: " + line + "\n")
		}
	}
	for _, d := range a.Dropped {
		b.WriteString("dropped: " + d + "\n")
	}
	return b.Bytes()
}

var dateInTests = []struct {
	in   string
	want string // RFC 3339, or "" for no date
}{
	{"PUBLISHED: . 12:01 EST, 5 March 2013 . | . UPDATED: . 12:30 EST, 5 March 2013 .", "2013-03-05T12:01:00-05:00"},
	{"Published: 10:32 BST, 5 May 2015 | Updated: 11:02 BST, 5 May 2015", "2015-05-05T10:32:00+01:00"},
	{"Last updated at 4:31 PM on 1st May 2011", "2011-05-01T16:31:00Z"},
	{"18 March 2014 Last updated at 09:22 GMT", "2014-03-18T09:22:00Z"},
	{"By Eleanor Vance | March 5, 2019", "2019-03-05T00:00:00Z"},
	{"By Jane Doe | Updated Sept. 9, 2020 at 8:15 a.m. EDT", "2020-09-09T08:15:00-04:00"},
	{"Posted on 2021-11-30", "2021-11-30T00:00:00Z"},
	{"Tuesday 5 March 2013", "2013-03-05T00:00:00Z"},
	{"LONDON, Nov 14 (Reuters) -", ""},
	{"By Jane Doe", ""},
	{"30 February 2015", ""},
	{"5 May 15", ""},
}

func TestDateIn(t *testing.T) {
	for _, tt := range dateInTests {
		got, ok := dateIn(tt.in)
		s := ""
		if ok {
			s = got.Format(time.RFC3339)
		}
		if s != tt.want {
			t.Errorf("dateIn(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

// TestTextPublishedKept checks that a date from a byline does not replace
// one the article already has.
func TestTextPublishedKept(t *testing.T) {
	a := &Article{Published: time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)}
	if _, err := parseText(a, "Title\n\nBy Jane Doe | March 5, 2019\n\nText.", true); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("parseText: Published = %v, want %v", a.Published, want)
	}
}

// FuzzCollapseSpace checks the byte-level fast paths that run on every
// line against their plain definitions with strings.Fields.
func FuzzCollapseSpace(f *testing.F) {
	f.Add("The council  met on Thursday.\tIt voted\u00a04–1 ", 3)
	f.Add(" a b\u2003c\x01d\x7f \xff\xc2\x85e ", 100)
	f.Add(strings.Repeat("word ", 20), 17)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		fields := strings.Fields(s)
		want := strings.Join(fields, " ")
		if got := collapseSpace(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
		if limit < 1 {
			limit = 1
		}
		if got, want := countWordsUpTo(s, limit), min(len(fields), limit); got != want {
			t.Errorf("countWordsUpTo(%q, %d) = %d, want %d", s, limit, got, want)
		}
		clean := true
		for _, r := range s {
			clean = clean && !forbidden(r)
		}
		if got := isClean(s); got != clean {
			t.Errorf("isClean(%q) = %v, want %v", s, got, clean)
		}
	})
}
