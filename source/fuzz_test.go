package source

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// fuzzWords is the summary budget FuzzParse uses: small, so that summaries
// are often cut.
const fuzzWords = 20

func FuzzParse(f *testing.F) {
	// Every kind, from the example site.
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "content", "*", "*.*"))
	top, _ := filepath.Glob(filepath.Join("..", "testdata", "content", "*.*"))
	for _, p := range append(top, files...) {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(filepath.Base(p), src)
	}

	// Small ones of each kind.
	f.Add("a.txt", []byte("Title\n\nBy Jane Doe\n\nShare this with Email Facebook\n\nThe first paragraph has a sentence. And another one.\n\nA Subheading\n\nMore text, \"quoted\" (and bracketed).\n\nAdvertisement\n\nSource link\n\nLeave a Reply"))
	f.Add("a.txt", []byte("Mr. Smith Goes To Washington\r\n\r\nMr. Smith met Dr. Jones at 10 a.m. in the U.S. capital… He left.\r\n"))
	f.Add("a.md", []byte("---\ntitle: \"Hi\"\ndate: 2025-08-15T10:00:00+02:00\ntags: [a, b]\nauthor: {name: Jane, email: j@example.com}\ndescription: A *short* summary.\n---\nBody with **bold** and a [link](https://example.com/).\n"))
	f.Add("a.md", []byte("+++\ntitle = \"Hi\"\ndate = 2025-08-15\ndraft = true\n[author]\nname = \"N\"\n+++\nBody"))
	f.Add("a.md", []byte("# Heading &amp; Title\n\nLead sentence here.\n\n<!--more-->\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ new[^1] `<code>`\n\n[^1]: Note.\n\n<script>alert(1)</script>\n"))
	f.Add("a.md", []byte("---\ntitle: ok\ndate: [1, 2]\n---\n"))
	f.Add("a.html", []byte(`<!DOCTYPE html><html><head><title>T | Site</title><meta name="description" content="Desc &lt;b&gt;."><meta property="og:title" content="OG"><script type="application/ld+json">{"datePublished":"2025-08-15","author":{"name":"A"}}</script></head><body><nav>n</nav><article><h1>H</h1><p>By Jane Doe</p><p>Text <a href="/x">link</a>, <em>em</em>.</p><!-- c --><time datetime="2025-08-15">x</time></article><footer>f</footer></body></html>`))
	f.Add("a.htm", []byte("<h1>Only</h1><p>A fragment &amp; &#8212; &eacute;.</p>"))

	// Nasty ones.
	f.Add("a.md", []byte("---\ntitle: never closed\n"))
	f.Add("a.md", []byte("+++\ntitle = \"never closed\"\n"))
	f.Add("a.md", []byte("---"))
	f.Add("a.md", []byte("---\ntitle: Closed on the last line\n---"))
	f.Add("a.md", []byte("---\ntitle: Caf\xc3\xa9\n...\nBody caf\xe9\r\n"))
	deep := strings.Repeat("<div>", 10000) + "<h1>Deep</h1><p>x</p>" + strings.Repeat("</div>", 10000)
	f.Add("a.html", []byte(deep))
	f.Add("a.md", []byte("# Deep\n\n"+deep))
	line := strings.Repeat("word ", 200_000) // 1 MB, one line
	f.Add("a.txt", []byte(line))
	f.Add("a.md", []byte("# T\n\n"+line))
	f.Add("a.html", []byte("<h1>T</h1><p>"+line+"</p>"))
	f.Add("a.txt", []byte("Title\x00\n\nBody\x00"))
	f.Add("a.md", []byte("\x00\x00\x00\x00"))
	f.Add("a.txt", []byte("Ti\xfftle \xc3\x28 \xe2\x82\n\nBody \xed\xa0\x80 \xf4\x90\x80\x80."))
	f.Add("a.html", []byte("<h1>\xff\xfe</h1><p>\x80\x81\x8d</p>"))
	f.Add("a.md", []byte("\xef\xbb\xbf---\r\ntitle: BOM\r\n---\r\nBody"))
	f.Add("a.txt", []byte("\xff\xfeT\x00i\x00\n\x00\n\x00B\x00"))
	f.Add("a.txt", []byte("\xfe\xff\x00T\x00\n\x00\n\x00B\xd8\x00"))

	f.Fuzz(func(t *testing.T, name string, src []byte) {
		a, err := Parse(name, src, Options{SummaryWords: fuzzWords}) // must not panic
		scan, serr := Scan(name, src, Options{SummaryWords: fuzzWords})
		if (err == nil) != (serr == nil) || err != nil && err.Error() != serr.Error() {
			t.Fatalf("Parse(%q, %q) error %v, Scan error %v", name, src, err, serr)
		}
		if err != nil {
			return
		}
		if full := *a; true {
			full.Content, full.Dropped, full.Summary = "", nil, ""
			if !reflect.DeepEqual(&full, scan) {
				t.Errorf("Parse(%q, %q) and Scan disagree:\n scan  %+v\n parse %+v", name, src, scan, &full)
			}
		}
		if a.Title == "" {
			t.Errorf("Parse(%q, %q): article with no title", name, src)
		}
		if field, s := forbiddenField(a); field != "" {
			t.Errorf("Parse(%q, %q).%s = %q: holds a character XML forbids", name, src, field, s)
		}
		if m := summaryMarkup(a, src); m != "" {
			t.Errorf("Parse(%q, %q).Summary = %q: holds markup %q", name, src, a.Summary, m)
		}
		if n := len(strings.Fields(a.Summary)); n > fuzzWords+1 {
			// Only a summary the file gives (front matter, a description
			// meta tag) may be longer: it does not change with the budget.
			b, err := Parse(name, src, Options{SummaryWords: 3})
			if err != nil || b.Summary != a.Summary {
				t.Errorf("Parse(%q, %q).Summary = %q: %d words, want at most %d", name, src, a.Summary, n, fuzzWords+1)
			}
		}
	})
}

var tagStartRE = regexp.MustCompile(`<[A-Za-z/!?][^\s<>]*>?`)

// summaryMarkup returns the first piece of HTML markup in a.Summary, or ""
// when there is none. Summaries are plain text, but plain text may hold a
// '<': a .txt file's words, an escaped "&lt;b&gt;", a code span. Such text
// is text in Content too, or the file holds one of the ways to write it
// (for a summary given in front matter).
func summaryMarkup(a *Article, src []byte) string {
	lower := strings.ToLower(string(src))
	for _, esc := range []string{"&lt", "&#60", "&#x3c", "&#0", "`", "\\<", "cdata", "<xmp", "<plaintext", "<listing", "<textarea", "<title", "<noembed", "<noframes", "<iframe", "<noscript"} {
		if strings.Contains(lower, esc) {
			return ""
		}
	}
	var text strings.Builder // the text of Content, markup left out
	z := html.NewTokenizer(strings.NewReader(a.Content))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt == html.TextToken {
			text.Write(z.Text())
		}
	}
	for _, m := range tagStartRE.FindAllString(a.Summary, -1) {
		if !strings.Contains(text.String(), m) {
			return m
		}
	}
	return ""
}
