package source

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var foldTests = []string{
	"",
	" ",
	"a",
	"one two three four five six seven eight nine",
	"one two three four five six seven  eight",
	"0123456 89abcdef 0123456  9abcdef",
	"01234567 9abcdef",
	"0123456 \u00a0abcdefgh",
	"0123456 \tabcdefgh",
	"abcdefgh ijklmno\npqrstuvw",
	"abcdefgh\x01ijklmno pqrstuvw",
	"abcdefgh\x7fijklmno pqrstuvw",
	"caf\u00e9 au lait, s'il vous pla\u00eet, with cr\u00e8me",
	"abcdefgh\u3000ijklmnop",
	"abcdefgh\u2003ijklmnop\u0085q",
	"abcdefgh\xffijklmnop\xc2",
	"  leading and trailing spaces here  ",
	"a\tb\nc\vd\fe\rf",
	" abcdefghijklmnop",
	"abcdefghijklmnop ",
}

// checkFold compares isFolded and textWriter.text with collapseSpace.
func checkFold(t *testing.T, s string) {
	t.Helper()
	want := collapseSpace(s)
	if got := isFolded(s); got != (want == s) {
		t.Errorf("isFolded(%q) = %v, want %v", s, got, want == s)
	}
	for _, pre := range []string{"", "x", "x "} {
		var w textWriter
		w.text(pre)
		w.text(s)
		if got, want := string(w.buf), collapseSpace(pre+s); got != want {
			t.Errorf("text(%q, %q) = %q, want %q", pre, s, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	for _, s := range foldTests {
		for i := range 10 {
			checkFold(t, strings.Repeat("x", i)+s)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range foldTests {
		f.Add(s)
	}
	f.Fuzz(checkFold)
}

func TestLookupAtom(t *testing.T) {
	for _, name := range []string{"p", "a", "div", "span", "li", "em", "strong", "h2", "h3", "href", "class", "id", "meta", "content", "property", "name", "article", "x-custom", "P", ""} {
		if got, want := lookupAtom(name), atom.Lookup([]byte(name)); got != want {
			t.Errorf("lookupAtom(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestReadMeta compares readMeta with a map of every meta tag, the way it
// was first written.
func TestReadMeta(t *testing.T) {
	for _, s := range []string{
		`<meta name=Description content="  a  b "><meta name=description content=c>`,
		`<meta property="OG:Title" content=""><meta property="og:title" content="T"><meta name="og:title" content="U">`,
		`<meta name="` + "\u212a" + `eywords" content="k1, k2"><meta name="keywords" content="k3">`,
		`<meta itemprop=datePublished content=2020-01-02><body><meta itemprop=dateModified content=2021-01-02></body>`,
		`<meta name="author" property="article:author" content="Jo"><meta name="` + strings.Repeat("x", 40) + `" content=y>`,
		`<meta name="twitter:image" content=i><meta content=none><meta name=date>`,
	} {
		doc, err := html.Parse(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && n.DataAtom == atom.Meta {
				key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				if v := collapseSpace(attr(n, "content")); key != "" && v != "" && want[key] == "" {
					want[key] = v
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		got := readMeta(doc)
		for _, k := range metaKeys {
			if got.get(k) != want[k] {
				t.Errorf("readMeta(%q)[%q] = %q, want %q", s, k, got.get(k), want[k])
			}
		}
	}
}
