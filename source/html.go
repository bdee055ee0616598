package source

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseHTML reads a saved article page or an HTML fragment: the title from
// og:title, <h1> or <title>; the description and dates from meta tags,
// <time datetime> or JSON-LD; the body from <article>, [itemprop=articleBody],
// <main> or <body>, without navigation, forms, scripts and comment sections.
// When full is set, it renders the body into a.Content and returns the
// page's description, or else the body's paragraphs as plain text, for the
// summary; Scan reads only the metadata.
func parseHTML(a *Article, s string, full bool) (paras []string, description string, err error) {
	tb := newTreeBuilder()
	defer tb.release() // nothing parseHTML returns points into the tree
	doc, err := tb.parseDocument(s)
	nparas := tb.paras
	if err != nil {
		// x/net/html refuses documents nested over 512 elements deep.
		return nil, "", fmt.Errorf("cannot read the HTML (%v); is the file a real page?", err)
	}
	meta := readMeta(doc)

	body := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Article })
	if body == nil {
		body = find(doc, func(n *html.Node) bool { return attr(n, "itemprop") == "articleBody" })
	}
	if body == nil {
		body = find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Main || attr(n, "role") == "main" })
	}
	if body == nil {
		body = find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Body })
		if body != nil {
			body = densestBlock(body, removeFurniture(body, nparas))
		}
	}

	// The article's own <h1> first: a site header often has one too.
	isH1 := func(n *html.Node) bool { return n.DataAtom == atom.H1 }
	var h1 *html.Node
	if body != nil {
		h1 = find(body, isH1)
	}
	if h1 == nil {
		h1 = find(doc, isH1)
	}
	a.Title = firstNonEmpty(meta.get("og:title"), meta.get("twitter:title"))
	if a.Title == "" && h1 != nil {
		a.Title = nodeText(h1)
	}
	if a.Title == "" {
		if t := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Title }); t != nil {
			a.Title = stripSiteName(nodeText(t))
		}
	}
	if full {
		description = PlainText(firstNonEmpty(meta.get("description"), meta.get("og:description"), meta.get("twitter:description")))
	}
	a.Image = firstNonEmpty(meta.get("og:image"), meta.get("twitter:image"))
	a.Author = parsePerson(firstNonEmpty(meta.get("author"), meta.get("article:author"), meta.get("dc.creator")))
	if a.Author.Name != "" && strings.HasPrefix(a.Author.Name, "http") {
		a.Author = Person{} // article:author is often a profile URL, not a name
	}
	a.Published = firstTime(meta.get("article:published_time"), meta.get("datepublished"), meta.get("date"), meta.get("dc.date"))
	a.Updated = firstTime(meta.get("article:modified_time"), meta.get("datemodified"))
	if a.Tags == nil {
		if k := meta.get("keywords"); k != "" {
			a.Tags, _ = asStrings(k)
		}
	}
	if body == nil {
		return nil, description, nil
	}
	ld := readJSONLD(doc)
	if a.Published.IsZero() {
		a.Published = firstTime(ld.DatePublished)
	}
	if a.Updated.IsZero() {
		a.Updated = firstTime(ld.DateModified)
	}
	if a.Author.IsZero() {
		a.Author = Person{Name: ld.authorName()}
	}
	if a.Published.IsZero() {
		if t := find(body, func(n *html.Node) bool { return n.DataAtom == atom.Time && attr(n, "datetime") != "" }); t != nil {
			a.Published = firstTime(attr(t, "datetime"))
		}
	}
	if !full {
		return nil, "", nil // Scan: the rest is for the summary and the content
	}
	kept := removeFurniture(body, nparas)
	cutFooter(body, kept)
	if h1 != nil && h1.Parent != nil && isInside(h1, body) && nodeText(h1) == a.Title {
		h1.Parent.RemoveChild(h1) // the title is shown apart from the body
	}
	if description == "" {
		paras = bodyParagraphs(body, kept)
	}
	dropVoidChildren(body)
	var b strings.Builder
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return nil, description, err
		}
	}
	a.Content = sanitize(b.String())
	return paras, description, nil
}

// dropVoidChildren removes the children of void elements below n, which
// html.Render refuses to render. Only <svg> and <math> content can have
// them (<math><col>x</col></math>); Scan, which renders nothing, must not
// fail on a page where Parse does.
func dropVoidChildren(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.Data {
		case "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr":
			for c.FirstChild != nil {
				c.RemoveChild(c.FirstChild)
			}
			continue
		}
		dropVoidChildren(c)
	}
}

// cutFooter removes, below body, the first paragraph that starts a page
// footer ("Source link", "Leave a Reply", "Related posts") and everything
// after it in document order.
func cutFooter(body *html.Node, kept keptParas) {
	start := find(body, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.P:
			t, _ := kept.text(n)
			return isFooterStart(t)
		case atom.H2, atom.H3, atom.H4:
			return isFooterStart(nodeText(n))
		}
		return false
	})
	if start == nil {
		return
	}
	for n := start; n != nil && n != body; n = n.Parent {
		for next := n.NextSibling; next != nil; {
			after := next.NextSibling
			n.Parent.RemoveChild(next)
			next = after
		}
	}
	start.Parent.RemoveChild(start)
}

// densestBlock finds the article in a page that does not mark it up: the
// element whose own paragraphs hold the most text, as readability tools do.
// It returns body itself when the text is spread out or there is none.
// kept is what removeFurniture kept below body.
func densestBlock(body *html.Node, kept keptParas) *html.Node {
	score := map[*html.Node]int{}
	var order []*html.Node // parents in document order, so ties break the same way every time
	total := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.P && n.Parent != nil {
			t, _ := kept.text(n)
			l := len(t)
			if _, seen := score[n.Parent]; !seen {
				order = append(order, n.Parent)
			}
			score[n.Parent] += l
			total += l
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(body)
	best, bestScore := body, 0
	for _, n := range order {
		if sc := score[n]; sc > bestScore {
			best, bestScore = n, sc
		}
	}
	// The densest block must hold most of the page's paragraph text; otherwise
	// the article is spread over several blocks and the whole body is safer.
	if bestScore*2 < total {
		return body
	}
	return best
}

// isFurniture reports the elements that are never article text.
func isFurniture(a atom.Atom) bool {
	switch a {
	case atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form,
		atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Template,
		atom.Button, atom.Input, atom.Select, atom.Textarea, atom.Svg,
		atom.Dialog:
		return true
	}
	return false
}

// removeFurniture deletes navigation, forms, scripts, comment sections and
// share widgets below n. It returns the paragraphs it kept, with their text.
// paras is a capacity hint: how many <p> elements the page has.
func removeFurniture(n *html.Node, paras int) keptParas {
	kept := keptParas{paras: make([]keptPara, 0, paras)}
	kept.remove(n)
	return kept
}

// keptParas are the paragraphs removeFurniture kept, in document order,
// so that the passes after it need not read their text and check it for
// junk again.
type keptParas struct {
	paras []keptPara
	next  int // where the search for the next paragraph starts
}

type keptPara struct {
	n       *html.Node
	text    string // nodeText(n) when it was kept, so not junk
	changed bool   // furniture was removed below n after that
}

// remove deletes the furniture below n and reports whether there was any.
func (k *keptParas) remove(n *html.Node) (removed bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode || c.Type == html.ElementNode && (isFurniture(c.DataAtom) || isCommentSection(c)) {
			n.RemoveChild(c)
			removed = true
		} else if c.Type == html.ElementNode && c.DataAtom == atom.P {
			// A paragraph that holds only a byline, a share prompt or the like.
			if t := nodeText(c); isJunkLine(t) || isByline(t) {
				n.RemoveChild(c)
				removed = true
			} else {
				i := len(k.paras)
				k.paras = append(k.paras, keptPara{n: c, text: t})
				if k.remove(c) {
					k.paras[i].changed = true
					removed = true
				}
			}
		} else if k.remove(c) {
			removed = true
		}
		c = next
	}
	return removed
}

// text returns nodeText(n) for a paragraph, and whether it is one that
// removeFurniture checked and kept as it is. Callers ask for paragraphs in
// document order.
func (k *keptParas) text(n *html.Node) (t string, checked bool) {
	for i := k.next; i < len(k.paras); i++ {
		if p := k.paras[i]; p.n == n {
			k.next = i + 1
			if !p.changed {
				return p.text, true
			}
			break
		}
	}
	return nodeText(n), false
}

func isCommentSection(n *html.Node) bool {
	for _, key := range [...]string{"id", "class"} {
		v := attr(n, key)
		if v == "" {
			continue // most elements have neither
		}
		for f := range strings.FieldsSeq(strings.ToLower(v)) {
			for _, w := range sectionWords {
				if strings.HasPrefix(f, w) && (len(f) == len(w) || f[len(w)] == '-') ||
					strings.HasSuffix(f, w) && len(f) > len(w) && f[len(f)-len(w)-1] == '-' {
					return true
				}
			}
		}
	}
	return false
}

// sectionWords name, in an id or class, the sections isCommentSection finds.
var sectionWords = []string{"comments", "comment-respond", "respond", "share", "share-buttons", "social", "related", "byline", "newsletter", "advert", "sidebar", "cookie"}

// paragraphs returns the plain text of the <p> elements below n, or, when
// there are none, of its block-level text, skipping junk lines.
func paragraphs(n *html.Node) []string {
	return bodyParagraphs(n, keptParas{})
}

// bodyParagraphs is paragraphs for a body that removeFurniture cleaned.
func bodyParagraphs(n *html.Node, kept keptParas) []string {
	kept.next = 0
	var out []string
	if len(kept.paras) > 0 {
		out = make([]string, 0, len(kept.paras))
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.P:
				if t, checked := kept.text(n); t != "" && (checked || !isJunkLine(t) && !isByline(t)) {
					out = append(out, t)
				}
				return
			case atom.Figure, atom.Figcaption, atom.Pre, atom.Table, atom.Blockquote:
				return
			case atom.Div, atom.Section:
				if strings.Contains(attr(n, "class"), "footnotes") {
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	if len(out) == 0 {
		for _, l := range strings.Split(blockText(n), "\n") {
			if l = collapseSpace(l); l != "" && !isJunkLine(l) {
				out = append(out, l)
			}
		}
	}
	return out
}

// blockText is the text below n with a newline at every block element.
func blockText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if isFurniture(n.DataAtom) {
				return
			}
			switch n.DataAtom {
			case atom.Br, atom.Div, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Section, atom.Tr:
				b.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// nodeText is the text below n as a reader sees it: scripts, styles and
// struck-out text left out, white space folded as collapseSpace does.
func nodeText(n *html.Node) string {
	// Most paragraphs and headings hold one text node that needs no
	// folding: return it rather than a copy.
	if c := n.FirstChild; c != nil && c == n.LastChild && c.Type == html.TextNode && !hidesText(n) && isFolded(c.Data) {
		return c.Data
	}
	var w textWriter
	w.node(n)
	return string(w.buf)
}

// isFolded reports whether collapseSpace(s) == s.
func isFolded(s string) bool {
	return foldedSpan(s) == len(s)
}

// fieldsSpace holds the ASCII characters strings.Fields splits on.
var fieldsSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// textWriter gathers the text of nodes with white space folded as
// collapseSpace(strings.Fields) does, without building the unfolded text.
type textWriter struct {
	buf   []byte
	space bool // white space is due before the next word
}

// node writes the text below n: what a reader sees, so not scripts,
// styles, struck-out text or footnote references.
func (w *textWriter) node(n *html.Node) {
	if n.Type == html.TextNode {
		w.text(n.Data)
	}
	if hidesText(n) {
		return
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Br, atom.P, atom.Div, atom.Li, atom.Td, atom.Th, atom.Tr, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
			atom.Blockquote, atom.Section, atom.Article, atom.Pre, atom.Ul, atom.Ol, atom.Table, atom.Figure, atom.Figcaption:
			// Block boundaries separate words; inline elements do not ("Caf<span>é</span>").
			w.space = true
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				w.node(c)
			}
			w.space = true
			return
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
}

// hidesText reports an element whose text is not what the article says:
// scripts, styles, struck-out text, footnote references.
func hidesText(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Template, atom.Del, atom.S, atom.Strike:
		return true
	case atom.Sup:
		return strings.HasPrefix(attr(n, "id"), "fnref")
	}
	return false
}

// text writes s, its runs of white space folded into one space.
func (w *textWriter) text(s string) {
	for i := 0; i < len(s); {
		// The words up to the next white space that needs folding, written
		// in one piece.
		if n := foldedSpan(s[i:]); n > 0 {
			if w.space && len(w.buf) > 0 {
				w.buf = append(w.buf, ' ')
			}
			w.space = false
			w.buf = append(w.buf, s[i:i+n]...)
			i += n
			continue
		}
		// White space.
		w.space = true
		if c := s[i]; c < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
	}
}

// foldedSpan returns the length of the longest prefix of s that is folded
// text: words, as strings.Fields splits them, with one ' ' between them.
// s[n] is white space when n < len(s). Article text is mostly such spans,
// so it looks at eight bytes at a time while they are printable ASCII.
func foldedSpan(s string) int {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	i := 0
	for i < len(s) {
		// s[:i] is folded, but for a ' ' it may end with.
		if i > 0 && len(s)-i >= 8 {
			t := s[i : i+8]
			w := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
				uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
			// Bytes 0x20 to 0x7f: adding 0x60 sets their high bits and
			// carries into no other byte.
			if w&high == 0 && (w+0x60*ones)&high == high {
				// The spaces, exactly: x has a zero byte for each.
				x := w ^ 0x20*ones
				sp := ^((x&^high + (high - ones)) | x) & high
				afterSpace := sp << 8
				if s[i-1] == ' ' {
					afterSpace |= 0x80
				}
				if sp&afterSpace == 0 {
					i += 8
					continue
				}
			}
		}
		c := s[i]
		if ' ' < c && c < utf8.RuneSelf {
			i++
			continue
		}
		size, space := 1, false
		if c < utf8.RuneSelf {
			space = fieldsSpace[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		if space {
			if c != ' ' || i == 0 || s[i-1] == ' ' {
				break
			}
			// The one space between two words, if a word follows.
		}
		i += size
	}
	if i > 0 && s[i-1] == ' ' {
		return i - 1
	}
	return i
}

// find returns the first node below n, in document order, that matches.
func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, match); f != nil {
			return f
		}
	}
	return nil
}

func isInside(n, ancestor *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == ancestor {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// metaKeys are the meta tags parseHTML reads, lower-cased.
var metaKeys = [...]string{
	"og:title", "twitter:title", "description", "og:description", "twitter:description", "og:image", "twitter:image",
	"author", "article:author", "dc.creator", "article:published_time", "datepublished", "date", "dc.date",
	"article:modified_time", "datemodified", "keywords",
}

// metaIndex maps each of metaKeys to its index.
var metaIndex = func() map[string]int {
	m := make(map[string]int, len(metaKeys))
	for i, k := range metaKeys {
		m[k] = i
	}
	return m
}()

// metaTags holds the content of the meta tags of metaKeys, by index.
type metaTags [len(metaKeys)]string

// get returns the content of the meta tag key, one of metaKeys.
func (m *metaTags) get(key string) string {
	i, ok := metaIndex[key]
	if !ok {
		panic("source: meta tag " + key + " is not in metaKeys")
	}
	return m[i]
}

// metaKeyIndex returns the index in metaKeys of a meta tag's name, in any
// case, or -1. It lower-cases short ASCII names without allocating; one
// that is not ASCII may still lower-case to one of metaKeys ("\u212Aeywords").
func metaKeyIndex(key string) int {
	var buf [32]byte
	ascii := len(key) <= len(buf)
	for i := 0; ascii && i < len(key); i++ {
		c := key[i]
		if c >= utf8.RuneSelf {
			ascii = false
		} else if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	var (
		i  int
		ok bool
	)
	if ascii {
		i, ok = metaIndex[string(buf[:len(key)])]
	} else {
		i, ok = metaIndex[strings.ToLower(key)]
	}
	if !ok {
		return -1
	}
	return i
}

// readMeta collects <meta name|property|itemprop=... content=...> of
// metaKeys, the first with content of each.
func readMeta(doc *html.Node) metaTags {
	var m metaTags
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		// Meta tags belong in the head, but itemprop ones may stand in the body.
		if n.Type == html.ElementNode && n.DataAtom == atom.Meta {
			if i := metaKeyIndex(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"))); i >= 0 && m[i] == "" {
				m[i] = collapseSpace(attr(n, "content"))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return m
}

// jsonLD holds the few schema.org Article fields Herald reads.
type jsonLD struct {
	DatePublished string          `json:"datePublished"`
	DateModified  string          `json:"dateModified"`
	Author        json.RawMessage `json:"author"`
}

func (ld jsonLD) authorName() string {
	if len(ld.Author) == 0 {
		return "" // most pages have no JSON-LD
	}
	var one struct{ Name string }
	if json.Unmarshal(ld.Author, &one) == nil && one.Name != "" {
		return one.Name
	}
	var many []struct{ Name string }
	if json.Unmarshal(ld.Author, &many) == nil && len(many) > 0 {
		return many[0].Name
	}
	var s string
	if json.Unmarshal(ld.Author, &s) == nil {
		return s
	}
	return ""
}

// readJSONLD returns the first JSON-LD object that has a publication date.
func readJSONLD(doc *html.Node) jsonLD {
	var found jsonLD
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == atom.Script && attr(n, "type") == "application/ld+json" && n.FirstChild != nil {
			data := []byte(n.FirstChild.Data)
			var one jsonLD
			if json.Unmarshal(data, &one) == nil && one.DatePublished != "" {
				found = one
				return true
			}
			var many []jsonLD
			if json.Unmarshal(data, &many) == nil {
				for _, m := range many {
					if m.DatePublished != "" {
						found = m
						return true
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(doc)
	return found
}

// stripSiteName removes a " | Site name" or " - Site name" suffix from a <title>.
func stripSiteName(t string) string {
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: ", " · "} {
		if i := strings.LastIndex(t, sep); i > 0 && len(t)-i < len(t)/2+len(sep) {
			return strings.TrimSpace(t[:i])
		}
	}
	return t
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func firstTime(vals ...string) time.Time {
	for _, v := range vals {
		if v == "" {
			continue
		}
		if t, err := parseTime(v); err == nil {
			return t
		}
	}
	return time.Time{}
}

// PlainText returns the text of an HTML fragment, white space folded.
func PlainText(fragment string) string {
	if strings.IndexByte(fragment, '<') < 0 && strings.IndexByte(fragment, '&') < 0 && strings.IndexByte(fragment, 0) < 0 {
		// No markup, such as a meta description: the parser would give
		// back the text as it is.
		if isFolded(fragment) {
			return fragment
		}
		var w textWriter
		w.text(fragment)
		return string(w.buf)
	}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return ""
	}
	var w textWriter
	for _, n := range nodes {
		w.node(n)
	}
	return string(w.buf)
}
