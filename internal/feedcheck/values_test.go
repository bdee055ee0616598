package feedcheck

import (
	"fmt"
	"os"
	"testing"
)

func TestCanonicalForm(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"https://blog.example.com/a", "https://blog.example.com/a", true},
		{"HTTPS://Blog.Example.COM/a", "https://blog.example.com/a", true},
		{"https://blog.example.com", "https://blog.example.com/", true},
		{"http://blog.example.com:80/a", "http://blog.example.com/a", true},
		{"http://blog.example.com:8080/a", "http://blog.example.com:8080/a", true},
		{"https://blog.example.com/a/./b/../c", "https://blog.example.com/a/c", true},
		{"https://blog.example.com/%7ejane/%2f", "https://blog.example.com/~jane/%2F", true},
		{"https://blog.example.com/caf\u00e9", "https://blog.example.com/caf%C3%A9", true},
		{"https://blog.example.com/a?b=c d#e", "https://blog.example.com/a?b=c%20d#e", true},
		{"https://jane@blog.example.com./a", "https://jane@blog.example.com/a", true},
		{"tag:blog.example.com,2024:first", "tag:blog.example.com,2024:first", true},
		{"urn:uuid:11111111-2222-5333-8444-555555555555", "urn:uuid:11111111-2222-5333-8444-555555555555", true},
		{"mailto:Jane@EXAMPLE.com", "mailto:Jane@example.com", true},
		{"a/relative/path", "", false},
		{"https://blog.example.com/%zz", "", false},
		{"https://[::1/a", "", false},
	} {
		got, ok := canonicalForm(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("canonicalForm(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAddressOf(t *testing.T) {
	for in, want := range map[string]string{
		"jane@example.com (Jane Doe)": "jane@example.com",
		"Jane Doe <jane@example.com>": "jane@example.com",
		"jane@example.com":            "jane@example.com",
		"Jane Doe":                    "Jane Doe",
	} {
		if got := addressOf(in); got != want {
			t.Errorf("addressOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBadChars(t *testing.T) {
	for in, want := range map[string]bool{
		"plain":           false,
		"café":            false,
		"Café 日本":         false,
		"\u0092":          true,
		"\ufffd":          true,
		"Caf\u00c3\u00a9": true,  // "é" encoded twice
		"\u00c3\u00a9 日本": false, // not Latin-1 as a whole: not double-encoded
	} {
		if got := badChars(in); got != want {
			t.Errorf("badChars(%q) = %v, want %v", in, got, want)
		}
	}
}

// FuzzCheck checks that no input makes a check panic.
func FuzzCheck(f *testing.F) {
	for _, name := range []string{"good.rss", "good.atom", "good.json"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<rss version="2.0"><channel><item><guid>1</guid></item></channel></rss>`))
	f.Add([]byte(`{"items":[{"id":1,"authors":[{}]}]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		for _, check := range []func([]byte, Options) []Problem{RSS, Atom, JSONFeed} {
			for _, p := range check(doc, Options{URL: "https://blog.example.com/feed"}) {
				if p.Code == "" || p.Message == "" {
					t.Errorf("problem without code or message: %+v", p)
				}
			}
		}
	})
}

func ExampleRSS() {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Example</title>
    <link>https://example.com/</link>
    <description>An example feed.</description>
    <item>
      <title>Hello</title>
      <author>Jane Doe</author>
      <pubDate>Mon, 02 Sep 2024 10:00:00 UTC</pubDate>
    </item>
  </channel>
</rss>`
	for _, p := range RSS([]byte(doc), Options{}) {
		fmt.Println(p)
	}
	// Output:
	// line 3: warning MissingAtomSelfLink: Missing atom:link with rel="self"
	// line 7: warning MissingGuid: item should contain a guid element
	// line 9: error InvalidContact: Invalid email address: author must be an e-mail address such as "jane@example.com (Jane Doe)": "Jane Doe"
	// line 10: error InvalidRFC2822Date: pubDate must be an RFC-822 date-time: "Mon, 02 Sep 2024 10:00:00 UTC"
}
