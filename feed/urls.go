package feed

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// urlAttrs are the attributes that hold URLs in sanitized article HTML.
var urlAttrs = map[string]bool{"href": true, "src": true, "cite": true, "poster": true}

// absoluteURLs rewrites relative links and image sources in an HTML fragment
// against base, the article's own URL: a feed is read far from the site, where
// a relative URL means nothing. Fragments without a relative URL are returned
// as they are.
func absoluteURLs(fragment, base string) string {
	if !hasRelativeURL(fragment) {
		return fragment
	}
	b, err := url.Parse(base)
	if err != nil {
		return fragment
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), ctx)
	if err != nil {
		return fragment
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for i, a := range n.Attr {
				if !urlAttrs[a.Key] && a.Key != "srcset" {
					continue
				}
				if a.Key == "srcset" {
					n.Attr[i].Val = absoluteSrcset(a.Val, b)
					continue
				}
				// Fragment-only links too (footnotes): in a reader they would point into the reader's own page.
				if u, err := url.Parse(strings.TrimSpace(a.Val)); err == nil && !u.IsAbs() {
					n.Attr[i].Val = b.ResolveReference(u).String()
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	var out strings.Builder
	for _, n := range nodes {
		walk(n)
		if err := html.Render(&out, n); err != nil {
			return fragment
		}
	}
	return out.String()
}

func absoluteSrcset(v string, base *url.URL) string {
	parts := strings.Split(v, ",")
	for i, p := range parts {
		f := strings.Fields(p)
		if len(f) == 0 {
			continue
		}
		if u, err := url.Parse(f[0]); err == nil && !u.IsAbs() {
			f[0] = base.ResolveReference(u).String()
		}
		parts[i] = strings.Join(f, " ")
	}
	return strings.Join(parts, ", ")
}

// hasRelativeURL is a quick check before parsing: does any href or src
// not start with a scheme?
func hasRelativeURL(s string) bool {
	for _, attr := range []string{`href="`, `src="`, `srcset="`, `cite="`, `poster="`} {
		rest := s
		for {
			i := strings.Index(rest, attr)
			if i < 0 {
				break
			}
			rest = rest[i+len(attr):]
			if !strings.HasPrefix(rest, "http://") && !strings.HasPrefix(rest, "https://") && !strings.HasPrefix(rest, "mailto:") {
				return true
			}
		}
	}
	return false
}

// absoluteURL resolves ref against base; a ref that does not parse is dropped.
func absoluteURL(ref, base string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ""
	}
	return b.ResolveReference(u).String()
}
