package feedcheck

import (
	"encoding/base64"
	"encoding/xml"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// This file holds the checks shared by the RSS and Atom checkers: the
// validator's handling of attributes, text, unknown elements and of the
// common value types (validators.py text, noduplicates, nonblank, nows).

// key names an element as the validator dispatches on it: the local name
// for no namespace, "prefix:local" for a namespace it knows, and
// "{namespace}local" otherwise.
func key(n *node) string {
	if n.name.Space == "" {
		return n.name.Local
	}
	if p, ok := namespaces[n.name.Space]; ok {
		return p + ":" + n.name.Local
	}
	return "{" + n.name.Space + "}" + n.name.Local
}

// display names an element in a message: bare in the document's own
// namespace, prefixed in another.
func (c *checker) display(n xml.Name) string {
	if c.doc.root != nil && n.Space != "" && n.Space == c.doc.root.name.Space {
		return n.Local
	}
	return display(n)
}

// checkAttrs reports attributes the element does not define. expected
// lists the defined ones as "name" or "prefix:name". The xml: attributes
// are allowed everywhere; xml:lang must name a language.
func (c *checker) checkAttrs(n *node, expected ...string) {
	for _, a := range n.attrs {
		name := a.Name.Local
		if a.Name.Space == xmlNS {
			if name == "lang" && a.Value != "" {
				c.checkLanguage(n.line, "xml:lang", a.Value)
			}
			continue
		}
		if a.Name.Space != "" {
			p, known := namespaces[a.Name.Space]
			if !known {
				// an extension attribute
				if c.rss && n.name.Space == "" {
					c.warnf(n.line, "UseOfExtensionAttr", "Use of extension attribute on RSS 2.0 core element: %s", name)
				}
				continue
			}
			name = p + ":" + name
		}
		if !slices.Contains(expected, name) {
			c.errorf(n.line, "UnexpectedAttribute", "Unexpected %s attribute on %s element", name, c.display(n.name))
		}
	}
}

// noText reports text directly inside an element that holds only elements.
func (c *checker) noText(n *node) {
	if strings.TrimSpace(n.text) != "" {
		c.errorf(n.line, "UnexpectedText", "Unexpected Text in %s", c.display(n.name))
	}
}

// leaf checks an element that holds text only and has the given
// attributes.
func (c *checker) leaf(n *node, attrs ...string) {
	c.checkAttrs(n, attrs...)
	c.noChildren(n)
}

// noChildren reports the child elements of an element that holds text.
func (c *checker) noChildren(n *node) {
	for _, ch := range n.children {
		c.undefined(ch, n)
		c.eat(ch)
	}
}

// noDup reports an element that may appear once, given the number of
// times it has appeared so far.
func (c *checker) noDup(n *node, count int) {
	if count > 1 {
		c.errorf(n.line, "DuplicateElement", "%s contains more than one %s", c.display(n.parent.name), c.display(n.name))
	}
}

// notBlank reports an empty element.
func (c *checker) notBlank(n *node) bool {
	if n.value() == "" {
		c.warnf(n.line, "NotBlank", "%s should not be blank", c.display(n.name))
		return false
	}
	return true
}

// noWS reports white space around a value that must have none.
func (c *checker) noWS(n *node) {
	if n.text != strings.TrimSpace(n.text) {
		c.errorf(n.line, "UnexpectedWhitespace", "Whitespace not permitted here: %s", c.display(n.name))
	}
}

func (c *checker) undefined(n, parent *node) {
	c.errorf(n.line, "UndefinedElement", "Undefined %s element: %s", c.display(parent.name), c.display(n.name))
}

// dcElements are the Dublin Core elements; those marked true may repeat.
var dcElements = map[string]bool{"title": false, "creator": true, "subject": true,
	"description": false, "publisher": true, "contributor": true, "date": false,
	"type": false, "format": false, "identifier": true, "source": false,
	"language": false, "relation": true, "coverage": true, "rights": false}

// other checks a child element its container does not define itself:
// Dublin Core is checked, XHTML is misplaced, an element in no namespace
// (RSS) or in the Atom, Dublin Core or content namespace is undefined, and
// anything else is an extension, left alone.
func (c *checker) other(n *node, seen map[string]int) {
	switch n.name.Space {
	case dcNS:
		repeat, ok := dcElements[n.name.Local]
		if !ok {
			break
		}
		c.leaf(n)
		if !repeat {
			c.noDup(n, seen[key(n)])
		}
		switch n.name.Local {
		case "date":
			c.checkW3CDTF(n.line, "dc:date", n.value())
		case "language":
			c.checkLanguage(n.line, "dc:language", n.value())
		case "rights":
			c.checkNonHTML(n, n.value(), "ContainsHTML")
		}
		return
	case xhtmlNS:
		c.warnf(n.line, "MisplacedXHTMLContent", "Misplaced XHTML content: %s in %s", c.display(n.name), c.display(n.parent.name))
		return
	case "", atomNS, contentNS:
	default:
		c.eat(n)
		return
	}
	c.undefined(n, n.parent)
	c.eat(n)
}

// eat skips an element the checks do not model. In RSS an element in no
// namespace may not appear inside an extension element (NotInANamespace).
func (c *checker) eat(n *node) {
	for _, ch := range n.children {
		if c.rss && ch.name.Space == "" {
			c.errorf(ch.line, "NotInANamespace", "Missing namespace for %s", ch.name.Local)
		}
		c.eat(ch)
	}
}

// checkPositiveInt checks an integer value greater than zero.
func (c *checker) checkPositiveInt(n *node) {
	if v, err := strconv.Atoi(n.value()); err != nil || v < 1 {
		c.errorf(n.line, "InvalidPositiveInteger", "%s must be a positive integer: %q", c.display(n.name), n.value())
	}
}

// A pair names two elements that mean the same; a feed should use one.
type pair struct{ core, ext string }

// checkPairs reports each pair of which both elements appear, on the line
// where the second of them starts.
func (c *checker) checkPairs(n *node, seen map[string]int, pairs []pair, code, format string) {
	first := func(k string) int {
		for _, ch := range n.children {
			if key(ch) == k {
				return ch.line
			}
		}
		return n.line
	}
	for _, p := range pairs {
		if seen[p.core] > 0 && seen[p.ext] > 0 {
			c.warnf(max(first(p.core), first(p.ext)), code, format, p.core, p.ext)
		}
	}
}

// A linkInfo is what the checks of a feed or entry need to know of one of
// its atom:link elements.
type linkInfo struct {
	rel, typ, hreflang, href string
}

var linkRelations = set(`alternate current describedby edit edit-media enclosure
	first hub last license next next-archive payment prev-archive previous
	related replies search self service up via`)

var feedHistoryRelations = set(`current first last next next-archive prev-archive previous`)

// checkLink checks an atom:link (link.py), in an Atom feed or entry or an
// RSS channel or item.
func (c *checker) checkLink(n *node) linkInfo {
	c.checkAttrs(n, "type", "title", "rel", "href", "length", "hreflang",
		"rdf:type", "rdf:resource", "thr:count", "thr:when", "thr:updated")
	parent := n.parent.name.Local
	l := linkInfo{rel: "alternate"}
	if rel, ok := n.attr("rel"); ok {
		l.rel = strings.TrimPrefix(rel, "http://www.iana.org/assignments/relation/")
		switch {
		case rel == "":
			c.warnf(n.line, "AttrNotBlank", "The rel attribute of link should not be blank")
		case !linkRelations[l.rel] && !uriFullRe.MatchString(escapeNonASCII(l.rel)):
			c.warnf(n.line, "UnregisteredAtomLinkRel", "Unregistered link relationship: %q", rel)
		}
		if feedHistoryRelations[l.rel] && parent == "entry" {
			c.warnf(n.line, "FeedHistoryRelInEntry", "%s link relation found in entry", l.rel)
		}
	}
	if t, ok := n.attr("type"); ok {
		l.typ = t
		base, _, _ := strings.Cut(t, ";")
		switch {
		case !mimeRe.MatchString(t):
			c.errorf(n.line, "InvalidMIMEType", "Not a valid MIME type: type attribute of link: %q", t)
		case l.rel == "self" && base != "application/atom+xml" && base != "application/rss+xml" && base != "application/rdf+xml":
			c.warnf(n.line, "SelfNotAtom", "\"self\" link references a non-Atom representation: type %q", t)
		}
	}
	if title, ok := n.attr("title"); ok && title == "" {
		c.warnf(n.line, "AttrNotBlank", "The title attribute of link should not be blank")
	}
	if length, ok := n.attr("length"); ok {
		if v, err := strconv.Atoi(length); err != nil || v < 0 {
			c.errorf(n.line, "InvalidNonNegativeInteger", "length must be a non-negative integer: %q", length)
		}
	}
	if lang, ok := n.attr("hreflang"); ok {
		l.hreflang = lang
		c.checkLanguage(n.line, "hreflang", lang)
	}
	href, ok := n.attr("href")
	switch {
	case !ok:
		c.errorf(n.line, "MissingHref", "link must have an href attribute")
	case href == "":
		// The validator lets an empty href (a reference to the feed
		// itself) pass; it is always a mistake in a generated feed.
		c.warnf(n.line, "AttrNotBlank", "The href attribute of link should not be blank")
	default:
		l.href = href
		c.checkURI(n.line, "href attribute of link", href, iriRef)
		if l.rel == "self" && (parent == "feed" || parent == "channel") {
			c.checkSelf(n, href)
		}
	}
	if strings.TrimSpace(n.text) != "" {
		c.warnf(n.line, "AtomLinkNotEmpty", "link should not have text (all data is in attributes)")
	}
	return l
}

// checkSelf checks the href of a feed's self link: absolute, and the
// address the feed is served at.
func (c *checker) checkSelf(n *node, href string) {
	base := ""
	for e := n; e != nil && base == ""; e = e.parent {
		for _, a := range e.attrs {
			if a.Name.Space == xmlNS && a.Name.Local == "base" && hostOf(a.Value) != "" {
				base = a.Value
			}
		}
	}
	if hostOf(href) == "" && base == "" {
		c.warnf(n.line, "RelativeSelf", "Relative href value on self link: %q", href)
	}
	if c.opt.URL == "" {
		return
	}
	want, ok1 := canonicalForm(c.opt.URL)
	got, ok2 := canonicalForm(href)
	if !ok1 || !ok2 || strings.Split(got, "#")[0] != strings.Split(want, "#")[0] {
		c.warnf(n.line, "SelfDoesntMatchLocation", "Self reference doesn't match document location: %q, served at %q", href, c.opt.URL)
	}
}

// checkTextConstruct checks an Atom text construct (content.py
// textConstruct and content): title, subtitle, rights, summary, or content
// when content is set. In RSS these are atom: extensions.
func (c *checker) checkTextConstruct(n *node, content bool) {
	what := c.display(n.name)
	c.checkAttrs(n, "type", "src")
	src, hasSrc := n.attr("src")
	typ, hasType := n.attr("type")
	switch {
	case hasType && typ == "":
		c.warnf(n.line, "AttrNotBlank", "The type attribute of %s should not be blank", what)
	case !hasType && !hasSrc:
		typ = "text"
	}
	if c.rss && n.name.Local != "summary" && !hasSrc {
		c.warnf(n.line, "DuplicateDescriptionSemantics", "Avoid %s", what)
	}
	if !content && strings.Contains(typ, "/") {
		c.errorf(n.line, "InvalidTextType", "type attribute of %s must be \"text\", \"html\", or \"xhtml\": %q", what, typ)
	}
	if hasSrc {
		c.checkURI(n.line, "src attribute of "+what, src, uriAttr)
		if !hasType {
			c.warnf(n.line, "MissingTypeAttr", "Missing %s attribute: type", what)
		}
	}
	switch {
	case (typ == "text" || typ == "html" || typ == "xhtml") && !hasSrc:
	case typ == "multipart/alternative" || typ != "" && !mimeRe.MatchString(typ):
		c.errorf(n.line, "InvalidMIMEType", "Not a valid MIME type: type attribute of %s: %q", what, typ)
	}

	xmlType := strings.HasSuffix(typ, "+xml") || strings.HasSuffix(typ, "/xml")
	value := n.text
	switch {
	case typ == "xhtml":
		value += c.checkXHTML(n)
		c.checkNonHTML(n, value, "NotInline")
	case typ == "text":
		c.noChildren(n)
		c.checkNonHTML(n, value, "ContainsUndeclaredHTML")
	case typ == "html" || strings.HasSuffix(typ, "/html"):
		c.noChildren(n)
		c.checkSafeHTML(n.line, what, value)
		if typ != "html" && !strings.Contains(value, "<html") && !hasSrc {
			c.warnf(n.line, "HtmlFragment", "%s type used for a document fragment", typ)
		}
	case xmlType:
		c.checkNonHTML(n, value, "ContainsUndeclaredHTML")
	case strings.Contains(typ, "/") && !strings.HasPrefix(typ, "text/"):
		c.noChildren(n)
		if _, err := decodeBase64(value); err != nil {
			c.errorf(n.line, "NotBase64", "%s claims to be base64-encoded, but isn't", what)
		}
	default:
		c.noChildren(n)
		c.checkNonHTML(n, value, "ContainsUndeclaredHTML")
	}
	if value == "" && len(n.children) == 0 && !hasSrc {
		c.warnf(n.line, "NotBlank", "%s should not be blank", what)
	}
}

// checkXHTML checks type="xhtml" content: one xhtml:div holding safe
// XHTML. It returns the div's text when the div holds no elements, which
// the validator then checks for escaped markup.
func (c *checker) checkXHTML(n *node) string {
	what := c.display(n.name)
	if strings.TrimSpace(n.text) != "" || len(n.children) == 0 || n.children[0].name.Local != "div" {
		c.errorf(n.line, "MissingXhtmlDiv", "Missing xhtml:div element in %s", what)
	}
	value := ""
	for _, div := range n.children {
		if div.name.Local == "div" && div.name.Space != xhtmlNS {
			c.warnf(div.line, "NotHtml", "unexpected namespace for div in %s: %q", what, div.name.Space)
		}
		if len(div.children) == 0 {
			value += div.text
		}
		for _, e := range div.children {
			walk(e, func(e *node) { c.checkXHTMLElement(e, what) })
		}
	}
	return value
}

// checkXHTMLElement checks one element inside an xhtml:div (content.py
// diveater).
func (c *checker) checkXHTMLElement(e *node, what string) {
	switch e.name.Space {
	case "":
		c.errorf(e.line, "MissingNamespace", "Missing namespace for %s in xhtml:div", e.name.Local)
	case xhtmlNS:
		switch {
		case !htmlTags[e.name.Local]:
			c.warnf(e.line, "NotHtml", "Non-XHTML element in %s: %s", what, e.name.Local)
		case !acceptableElements[e.name.Local]:
			c.warnf(e.line, "SecurityRisk", "%s should not contain %s tag", what, e.name.Local)
		}
		for _, a := range e.attrs {
			switch {
			case a.Name.Space != "":
			case a.Name.Local == "style":
				if bad := checkStyle(a.Value); len(bad) > 0 {
					c.warnf(e.line, "DangerousStyleAttr", "style attribute in %s contains potentially dangerous content: %s", what, bad[0])
				}
			case strings.HasPrefix(a.Name.Local, "on"):
				c.warnf(e.line, "SecurityRiskAttr", "%s should not contain %s attribute", what, a.Name.Local)
			}
		}
	}
}

// checkPerson checks an Atom author or contributor (author.py).
func (c *checker) checkPerson(n *node) {
	c.checkAttrs(n, "rdf:parseType")
	c.noText(n)
	seen := map[string]int{}
	for _, e := range n.children {
		local := e.name.Local
		if e.name.Space != atomNS && !(c.rss && e.name.Space == "") {
			c.otherAtom(e, seen)
			continue
		}
		seen[local]++
		switch local {
		case "name":
			c.leaf(e)
			c.noDup(e, seen[local])
			if c.notBlank(e) {
				c.checkNonHTML(e, e.value(), "ContainsHTML")
				if nonEmailRe.MatchString(e.value()) {
					c.warnf(e.line, "ContainsEmail", "name should not include email address: %q", e.value())
				}
			}
		case "email":
			c.leaf(e)
			c.noDup(e, seen[local])
			if !validAddrSpec(e.value()) {
				c.errorf(e.line, "InvalidAddrSpec", "email must be an email address: %q", e.value())
			}
		case "uri":
			c.leaf(e)
			c.noDup(e, seen[local])
			c.noWS(e)
			if c.notBlank(e) {
				c.checkURI(e.line, "uri", e.value(), iriRef)
			}
		default:
			c.otherAtom(e, seen)
		}
	}
	if seen["name"] == 0 {
		c.errorf(n.line, "MissingElement", "Missing %s element: name", c.display(n.name))
	}
}

var nonEmailRe = regexp.MustCompile(`(?i)<[A-Z0-9_\-+.']+@(([0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([A-Z0-9\-]+\.)+))[A-Z0-9][-A-Z0-9]*>`)

// checkCategory checks an Atom category (category.py).
func (c *checker) checkCategory(n *node) {
	c.checkAttrs(n, "term", "scheme", "label")
	c.noText(n)
	if term, ok := n.attr("term"); !ok {
		c.errorf(n.line, "MissingAttribute", "Missing category attribute: term")
	} else if term == "" {
		c.warnf(n.line, "NotBlank", "term attribute of category should not be blank")
	}
	if scheme, ok := n.attr("scheme"); ok {
		c.checkURI(n.line, "scheme attribute of category", scheme, iriFull)
	}
	for _, ch := range n.children {
		c.otherAtom(ch, nil)
	}
}

// checkGenerator checks an Atom generator (generator.py).
func (c *checker) checkGenerator(n *node, count int) {
	c.leaf(n, "uri", "version")
	c.noDup(n, count)
	if uri, ok := n.attr("uri"); ok {
		c.checkURI(n.line, "uri attribute of generator", uri, uriAttr)
	}
	if c.notBlank(n) {
		c.checkNonHTML(n, n.value(), "ContainsHTML")
	}
}

// otherAtom handles an element an Atom element does not define: in no
// namespace the validator cannot tell its vocabulary; in the Atom
// namespace it is undefined.
func (c *checker) otherAtom(n *node, seen map[string]int) {
	if n.name.Space == "" && !c.rss {
		c.warnf(n.line, "UndeterminableVocabulary", "Missing namespace for %s", n.name.Local)
		c.eat(n)
		return
	}
	c.other(n, seen)
}

// decodeBase64 decodes base64 content, ignoring white space.
func decodeBase64(s string) ([]byte, error) {
	return base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), ""))
}
