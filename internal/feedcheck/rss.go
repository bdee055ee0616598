package feedcheck

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// RSS checks an RSS 2.0 document and returns the problems the W3C Feed
// Validation Service would report for it, in document order. A nil result
// means the feed is valid and draws no warning.
func RSS(doc []byte, opt Options) []Problem {
	r := newReport(opt)
	if d := parseXML(doc, r); d != nil {
		c := &checker{report: r, doc: d, opt: opt, rss: true}
		checkCommon(d, r, false)
		c.checkRSS(d.root)
	}
	return r.result()
}

// checkRSS checks the root element (rss.py).
func (c *checker) checkRSS(root *node) {
	if root.name.Local != "rss" {
		c.errorf(root.line, "UndefinedElement", "Undefined root element: %s (an RSS document starts with <rss>)", c.display(root.name))
		return
	}
	if ns := root.name.Space; ns != "" {
		c.errorf(root.line, "InvalidNamespace", "rss is in an invalid namespace: %s", ns)
		// Like the validator, read the rest as if in no namespace.
		walk(root, func(n *node) {
			if n.name.Space == ns {
				n.name.Space = ""
			}
		})
	}
	version, ok := root.attr("version")
	switch {
	case !ok:
		c.errorf(root.line, "MissingAttribute", "Missing rss attribute: version")
	case version != "0.91" && version != "0.92" && version != "2.0":
		c.errorf(root.line, "InvalidRSSVersion", "Invalid RSS Version: %q", version)
	}
	c.checkAttrs(root, "version")
	c.noText(root)
	var channel *node
	seen := map[string]int{}
	for _, n := range root.children {
		k := key(n)
		seen[k]++
		if k != "channel" {
			c.other(n, seen)
			continue
		}
		c.noDup(n, seen[k])
		if channel == nil {
			channel = n
		}
	}
	if channel == nil {
		c.errorf(root.line, "MissingElement", "Missing rss element: channel")
		return
	}
	c.checkChannel(channel, version)
}

// channelMetadata are the channel elements that an item must not precede
// (the validator's RSS profile: MisplacedItem).
var channelMetadata = set(`image textInput link title description category cloud
	ttl docs generator pubDate managingEditor webMaster language copyright
	lastBuildDate skipHours skipDays atom:link`)

// checkChannel checks the channel (channel.py rss20Channel).
func (c *checker) checkChannel(ch *node, version string) {
	c.checkAttrs(ch, "indexing:index")
	c.noText(ch)
	seen := map[string]int{}
	var pending []*node // items not yet followed by channel metadata
	self := false
	guids := map[string]bool{}
	for _, n := range ch.children {
		k := key(n)
		seen[k]++
		if channelMetadata[k] {
			for _, it := range pending {
				c.warnf(it.line, "MisplacedItem", "Misplaced Item: items should follow the channel's %s", k)
			}
			pending = nil
		}
		switch k {
		case "title":
			c.leaf(n)
			c.noDup(n, seen[k])
			if c.notBlank(n) {
				c.checkNonHTML(n, n.value(), "ContainsHTML")
			}
		case "link", "docs":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkURI(n.line, k, n.value(), uriFull)
		case "description":
			c.leaf(n)
			c.noDup(n, seen[k])
			// The validator accepts an empty description; RSS requires
			// a phrase or sentence describing the channel.
			if c.notBlank(n) {
				c.checkNonHTML(n, n.value(), "ContainsHTML")
			}
		case "language":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkLanguage(n.line, k, n.value())
		case "copyright":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkNonHTML(n, n.value(), "ContainsHTML")
		case "managingEditor", "webMaster":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkEmailWithName(n)
		case "pubDate", "lastBuildDate":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkRFC822(n.line, k, n.value())
		case "category":
			c.leaf(n, "domain")
			c.checkNonHTML(n, n.value(), "ContainsHTML")
		case "generator", "rating":
			c.leaf(n)
			c.noDup(n, seen[k])
		case "ttl":
			c.leaf(n)
			c.noDup(n, seen[k])
			if c.notBlank(n) {
				c.checkPositiveInt(n)
			}
		case "cloud":
			c.noDup(n, seen[k])
			c.checkCloud(n)
		case "image":
			c.noDup(n, seen[k])
			c.checkImage(n)
		case "textInput":
			c.warnf(n.line, "AvoidTextInput", "Avoid Text Input")
			c.noDup(n, seen[k])
		case "skipHours", "skipDays":
			c.noDup(n, seen[k])
		case "item":
			pending = append(pending, n)
			c.checkItem(n, version, guids)
		case "atom:link":
			if c.checkLink(n).rel == "self" {
				self = true
			}
		case "atom:author", "atom:contributor":
			c.checkPerson(n)
		case "atom:category":
			c.checkCategory(n)
		case "atom:generator":
			c.checkGenerator(n, seen[k])
		case "atom:id":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkURI(n.line, k, n.value(), uriFull)
		case "atom:icon", "atom:logo":
			c.leaf(n)
			c.noDup(n, seen[k])
			if c.notBlank(n) {
				c.checkURI(n.line, k, n.value(), uriRef)
			}
		case "atom:title", "atom:subtitle", "atom:rights":
			c.noDup(n, seen[k])
			c.checkTextConstruct(n, false)
		case "atom:updated":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkRFC3339(n.line, k, n.value())
		default:
			c.other(n, seen)
		}
	}
	c.checkPairs(ch, seen, []pair{{"managingEditor", "dc:creator"}, {"category", "dc:subject"},
		{"pubDate", "dc:date"}, {"generator", "admin:generatorAgent"}, {"webMaster", "dc:publisher"},
		{"language", "dc:language"}, {"copyright", "dc:rights"}, {"lastBuildDate", "dcterms:modified"}},
		"DuplicateSemantics", "A channel should not include both %s and %s")
	for _, m := range []struct{ code, elem string }{
		{"MissingDescription", "description"}, {"MissingLink", "link"}, {"MissingTitle", "title"}} {
		if seen[m.elem] == 0 {
			c.errorf(ch.line, m.code, "Missing channel element: %s", m.elem)
		}
	}
	if version == "2.0" && !self {
		c.warnf(ch.line, "MissingAtomSelfLink", "Missing atom:link with rel=\"self\"")
	}
	// The validator does not warn about extension attributes in a feed
	// that names the RSS Advisory Board's specification as its docs.
	for _, n := range ch.children {
		if key(n) == "docs" && n.value() == "http://www.rssboard.org/rss-specification" {
			c.problems = slices.DeleteFunc(c.problems, func(p Problem) bool { return p.Code == "UseOfExtensionAttr" })
		}
	}
}

// checkItem checks an item (item.py rss20Item).
func (c *checker) checkItem(it *node, version string, guids map[string]bool) {
	c.checkAttrs(it)
	c.noText(it)
	seen := map[string]int{}
	for _, n := range it.children {
		k := key(n)
		seen[k]++
		switch k {
		case "title":
			c.leaf(n)
			c.noDup(n, seen[k])
			if c.notBlank(n) {
				c.checkNonHTML(n, n.value(), "ContainsHTML")
			}
		case "link", "comments":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkURI(n.line, k, n.value(), uriFull)
		case "description", "content:encoded":
			c.leaf(n)
			c.noDup(n, seen[k])
			if k == "content:encoded" && seen["description"] == 0 {
				c.warnf(n.line, "NeedDescriptionBeforeContent", "Ensure description precedes content:encoded")
			}
			if version == "0.91" && k == "description" {
				c.checkNonHTML(n, n.value(), "ContainsHTML")
				break
			}
			c.checkSafeHTML(n.line, k, n.value())
			c.checkRelRefs(n.line, k, n.value())
		case "pubDate":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkRFC822(n.line, k, n.value())
		case "author":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkEmailWithName(n)
		case "category":
			c.leaf(n, "domain")
			if c.notBlank(n) {
				c.checkNonHTML(n, n.value(), "ContainsHTML")
			}
		case "guid":
			c.leaf(n, "isPermaLink")
			c.noDup(n, seen[k])
			c.checkGUID(n, guids)
		case "source":
			c.leaf(n, "url")
			c.noDup(n, seen[k])
			if u, ok := n.attr("url"); ok {
				c.checkURI(n.line, "url attribute of source", u, uriFullAttr)
			} else {
				c.errorf(n.line, "MissingAttribute", "Missing source attribute: url")
			}
			c.checkNonHTML(n, n.value(), "ContainsHTML")
		case "enclosure":
			if seen[k] > 1 {
				c.warnf(n.line, "DuplicateEnclosure", "item contains more than one enclosure")
			}
			c.checkEnclosure(n)
		case "atom:id":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkURI(n.line, k, n.value(), uriFull)
		case "atom:link":
			c.checkLink(n)
		case "atom:title", "atom:summary", "atom:content":
			c.noDup(n, seen[k])
			c.checkTextConstruct(n, k == "atom:content")
		case "atom:author", "atom:contributor":
			c.checkPerson(n)
		case "atom:published", "atom:updated":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkRFC3339(n.line, k, n.value())
		case "xhtml:body":
			c.warnf(n.line, "DuplicateDescriptionSemantics", "Avoid xhtml:body")
			c.eat(n)
		case "content:items":
			c.noDup(n, seen[k])
			c.eat(n)
		default:
			c.other(n, seen)
		}
	}
	if seen["title"] == 0 && seen["description"] == 0 {
		c.errorf(it.line, "ItemMustContainTitleOrDescription", "item must contain either title or description")
	}
	if seen["guid"] == 0 && strings.HasPrefix(version, "2.") {
		c.warnf(it.line, "MissingGuid", "item should contain a guid element")
	}
	c.checkPairs(it, seen, []pair{{"author", "dc:creator"}, {"category", "dc:subject"},
		{"pubDate", "dc:date"}, {"pubDate", "atom:published"}, {"guid", "atom:id"}, {"source", "dc:source"}},
		"DuplicateItemSemantics", "An item should not include both %s and %s")
}

// checkGUID checks a guid (item.py guid): a permalink unless isPermaLink
// is "false", and so then a full URL; unique in the channel.
func (c *checker) checkGUID(n *node, guids map[string]bool) {
	v := n.value()
	perma := true
	if p, ok := n.attr("isPermaLink"); ok {
		if p != "true" && p != "false" {
			c.errorf(n.line, "InvalidBooleanAttribute", "isPermaLink attribute of guid must be 'true' or 'false': %q", p)
		}
		perma = p == "true"
	}
	switch {
	case !c.notBlank(n):
		return
	case perma:
		lv := strings.ToLower(v)
		if c.checkURI(n.line, "guid", v, uriRule{full: true, code: "InvalidHttpGUID"}) &&
			(strings.HasPrefix(lv, "tag:") || strings.HasPrefix(lv, "urn:uuid:")) {
			c.errorf(n.line, "InvalidPermalink", "guid must be a full URL, unless isPermaLink attribute is false: %q", v)
		}
	case len(v) < 9 && isDigits(v):
		c.warnf(n.line, "NotSufficientlyUnique", "The specified guid is not sufficiently unique: %q", v)
	}
	if guids[v] {
		c.errorf(n.line, "DuplicateValue", "guid values must not be duplicated within a feed: %q", v)
	}
	guids[v] = true
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

var httpURLRe = regexp.MustCompile(`(?i)^(http|https)://(([0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([A-Z0-9\-]+\.)+))[A-Z0-9][-A-Z0-9]*(:\d+)?(/|$)`)

// checkEnclosure checks an enclosure (item.py enclosure).
func (c *checker) checkEnclosure(n *node) {
	c.checkAttrs(n, "url", "length", "type")
	c.noText(n)
	for _, ch := range n.children {
		c.other(ch, nil)
	}
	if length, ok := n.attr("length"); !ok {
		c.errorf(n.line, "MissingAttribute", "Missing enclosure attribute: length")
	} else if v, err := strconv.Atoi(strings.TrimSpace(length)); err != nil {
		c.errorf(n.line, "InvalidIntegerAttribute", "length attribute of enclosure must be a positive integer: %q", length)
	} else if v == -1 {
		c.errorf(n.line, "UseZeroForUnknown", "Use zero for unknown length")
	} else if v < 0 {
		c.errorf(n.line, "InvalidNonNegativeInteger", "length must be a non-negative integer: %q", length)
	}
	if t, ok := n.attr("type"); !ok {
		c.errorf(n.line, "MissingAttribute", "Missing enclosure attribute: type")
	} else if !mimeRe.MatchString(t) {
		c.errorf(n.line, "InvalidMIMEAttribute", "type attribute of enclosure must be a valid MIME type: %q", t)
	}
	if u, ok := n.attr("url"); !ok {
		c.errorf(n.line, "MissingAttribute", "Missing enclosure attribute: url")
	} else if !httpURLRe.MatchString(u) || !uriFullRe.MatchString(u) {
		c.errorf(n.line, "InvalidURLAttribute", "url attribute of enclosure must be a full URL: %q", u)
	}
}

// checkCloud checks a cloud element's attributes (channel.py cloud).
func (c *checker) checkCloud(n *node) {
	c.leaf(n, "domain", "path", "registerProcedure", "protocol", "port")
	for _, a := range []string{"domain", "port", "path", "registerProcedure", "protocol"} {
		v, ok := n.attr(a)
		if !ok {
			c.errorf(n.line, "MissingAttribute", "Missing cloud attribute: %s", a)
		} else if p, err := strconv.Atoi(v); a == "port" && (err != nil || p <= 0) {
			c.errorf(n.line, "InvalidIntegerAttribute", "port attribute of cloud must be a positive integer: %q", v)
		}
	}
}

// checkImage checks the channel image (image.py).
func (c *checker) checkImage(img *node) {
	c.checkAttrs(img, "rdf:resource", "rdf:about", "rdf:parseType")
	c.noText(img)
	var chTitle, chLink string
	for _, n := range img.parent.children {
		switch key(n) {
		case "title":
			chTitle = n.value()
		case "link":
			chLink = n.value()
		}
	}
	seen := map[string]int{}
	for _, n := range img.children {
		k := key(n)
		seen[k]++
		switch k {
		case "title":
			c.leaf(n)
			c.noDup(n, seen[k])
			if c.notBlank(n) {
				c.checkNonHTML(n, n.value(), "ContainsHTML")
			}
			if chTitle != "" && chTitle != n.value() {
				c.warnf(n.line, "ImageTitleDoesntMatch", "Image title doesn't match channel title")
			}
		case "link":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkURI(n.line, "image link", n.value(), uriFull)
			if chLink != "" && chLink != n.value() {
				c.warnf(n.line, "ImageLinkDoesntMatch", "Image link doesn't match channel link")
			}
		case "url":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkURI(n.line, "image url", n.value(), uriFull)
			parts := strings.Split(n.value(), ".")
			ext := strings.ToLower(parts[len(parts)-1])
			if wordRe.MatchString(ext) && ext != "jpg" && ext != "jpeg" && ext != "gif" && ext != "png" {
				c.warnf(n.line, "ImageUrlFormat", "Image not in required format: %q", n.value())
			}
		case "width", "height":
			c.leaf(n)
			c.noDup(n, seen[k])
			most, code := 144, "InvalidWidth"
			if k == "height" {
				most, code = 400, "InvalidHeight"
			}
			if v, err := strconv.Atoi(n.value()); err != nil || v <= 0 || v > most {
				c.errorf(n.line, code, "%s must be between 1 and %d: %q", k, most, n.value())
			}
		case "description":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.checkNonHTML(n, n.value(), "ContainsHTML")
		default:
			c.other(n, seen)
		}
	}
	for _, m := range []struct{ code, elem string }{
		{"MissingTitle", "title"}, {"MissingElement", "url"}, {"MissingLink", "link"}} {
		if seen[m.elem] == 0 {
			c.errorf(img.line, m.code, "Missing image element: %s", m.elem)
		}
	}
}

var wordRe = regexp.MustCompile(`^\w+$`)
