package feedcheck

import (
	"encoding/xml"
	"strings"
)

// Atom checks an Atom 1.0 feed document and returns the problems the W3C
// Feed Validation Service would report for it, in document order. A nil
// result means the feed is valid and draws no warning.
func Atom(doc []byte, opt Options) []Problem {
	r := newReport(opt)
	if d := parseXML(doc, r); d != nil {
		c := &checker{report: r, doc: d, opt: opt}
		checkCommon(d, r, d.root.name == xml.Name{Space: atomNS, Local: "feed"})
		c.checkFeed(d.root)
	}
	return r.result()
}

// An entryScope is what the entries of one feed share: ids and updated
// dates must differ between entries.
type entryScope struct {
	ids      map[string]bool
	updated  map[string]bool
	dupIDs   []Problem // DuplicateEntries, replaced by one DuplicateIds when all ids are equal
	feedAuth bool      // the feed names an author before its first entry
}

// checkFeed checks the feed element (root.py, feed.py).
func (c *checker) checkFeed(f *node) {
	switch {
	case f.name.Local != "feed":
		c.errorf(f.line, "UndefinedElement", "Undefined root element: %s (an Atom feed starts with <feed>)", c.display(f.name))
		return
	case f.name.Space == "":
		c.errorf(f.line, "MissingNamespace", "Missing namespace for feed")
		return
	case f.name.Space == oldAtomNS:
		c.errorf(f.line, "ObsoleteNamespace", "This feed uses an obsolete namespace")
		return
	case f.name.Space != atomNS:
		c.errorf(f.line, "InvalidNamespace", "feed is in an invalid namespace: %s", f.name.Space)
		return
	}
	c.checkAttrs(f, "indexing:index")
	c.noText(f)
	seen := map[string]int{}
	var links []linkInfo
	scope := &entryScope{ids: map[string]bool{}, updated: map[string]bool{}}
	entries := 0
	for _, n := range f.children {
		if n.name.Space != atomNS {
			c.otherAtom(n, seen)
			continue
		}
		k := n.name.Local
		seen[k]++
		if k != "entry" && entries > 0 {
			c.errorf(n.line, "MisplacedMetadata", "%s must appear before all entries", k)
		}
		switch k {
		case "author", "contributor":
			c.checkPerson(n)
		case "category":
			c.checkCategory(n)
		case "generator":
			c.checkGenerator(n, seen[k])
		case "id":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.noWS(n)
			c.checkCanonical(n.line, "id", n.value())
		case "icon", "logo":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.noWS(n)
			if c.notBlank(n) {
				c.checkURI(n.line, k, n.value(), uriRef)
			}
		case "link":
			links = append(links, c.checkLink(n))
		case "title", "subtitle", "rights":
			c.noDup(n, seen[k])
			c.checkTextConstruct(n, false)
		case "updated":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.noWS(n)
			c.checkRFC3339(n.line, k, n.value())
		case "entry":
			if entries == 0 {
				c.checkFeedMetadata(f, seen, links)
				scope.feedAuth = seen["author"] > 0
			}
			entries++
			c.checkEntry(n, scope)
		default:
			c.undefined(n, f)
			c.eat(n)
		}
	}
	if entries == 0 {
		c.checkFeedMetadata(f, seen, links)
	}
	if entries > 9 && len(scope.dupIDs) == entries-1 {
		c.errorf(f.line, "DuplicateIds", "All entries have the same id")
	} else {
		c.problems = append(c.problems, scope.dupIDs...)
	}
}

// checkFeedMetadata checks the feed's metadata once it is complete, at the
// first entry (feed.py validate_metadata).
func (c *checker) checkFeedMetadata(f *node, seen map[string]int, links []linkInfo) {
	for _, e := range []string{"title", "id", "updated"} {
		if seen[e] == 0 {
			c.errorf(f.line, "MissingElement", "Missing feed element: %s", e)
		}
	}
	self := false
	for _, l := range links {
		self = self || l.rel == "self"
	}
	if !self {
		c.warnf(f.line, "MissingSelf", "Missing atom:link with rel=\"self\"")
	}
	c.checkAlternates(f, links)
}

// checkAlternates reports two alternate links with the same type and
// hreflang.
func (c *checker) checkAlternates(n *node, links []linkInfo) {
	seen := map[[2]string]bool{}
	for _, l := range links {
		if l.rel != "alternate" {
			continue
		}
		k := [2]string{l.typ, l.hreflang}
		if seen[k] {
			c.errorf(n.line, "DuplicateAtomLink", "Duplicate alternate links with the same type and hreflang in %s", n.name.Local)
		}
		seen[k] = true
	}
}

// checkEntry checks an entry (entry.py).
func (c *checker) checkEntry(e *node, scope *entryScope) {
	c.checkAttrs(e, "rdf:parseType")
	c.noText(e)
	seen := map[string]int{}
	var links []linkInfo
	var content *node
	sourceAuthor := false
	for _, n := range e.children {
		if n.name.Space != atomNS {
			c.otherAtom(n, seen)
			continue
		}
		k := n.name.Local
		seen[k]++
		switch k {
		case "author", "contributor":
			c.checkPerson(n)
		case "category":
			c.checkCategory(n)
		case "content":
			content = n
			c.noDup(n, seen[k])
			c.checkTextConstruct(n, true)
		case "id":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.noWS(n)
			c.checkCanonical(n.line, "id", n.value())
			if v := n.value(); c.notBlank(n) && scope.ids[v] {
				scope.dupIDs = append(scope.dupIDs, Problem{Level: Warning, Code: "DuplicateEntries", Line: n.line,
					Message: "Two entries with the same id: " + v})
			} else {
				scope.ids[v] = true
			}
		case "link":
			links = append(links, c.checkLink(n))
		case "published":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.noWS(n)
			c.checkRFC3339(n.line, k, n.value())
		case "updated":
			c.leaf(n)
			c.noDup(n, seen[k])
			c.noWS(n)
			c.checkRFC3339(n.line, k, n.value())
			if v := n.value(); scope.updated[v] {
				c.warnf(n.line, "DuplicateUpdated", "Two entries with the same value for atom:updated: %s", v)
			} else if v != "" {
				scope.updated[v] = true
			}
		case "source":
			c.noDup(n, seen[k])
			for _, s := range n.children {
				sourceAuthor = sourceAuthor || s.name.Space == atomNS && s.name.Local == "author"
			}
		case "rights", "summary", "title":
			c.noDup(n, seen[k])
			c.checkTextConstruct(n, false)
		default:
			c.undefined(n, e)
			c.eat(n)
		}
	}
	for _, m := range []string{"title", "id", "updated"} {
		if seen[m] == 0 {
			c.errorf(e.line, "MissingElement", "Missing entry element: %s", m)
		}
	}
	if seen["author"] == 0 && !scope.feedAuth && !sourceAuthor {
		c.errorf(e.line, "MissingElement", "Missing entry element: author")
	}
	if content != nil {
		typ, _ := content.attr("type")
		_, src := content.attr("src")
		binary := strings.Contains(typ, "/") && !(strings.HasSuffix(typ, "+xml") ||
			strings.HasSuffix(typ, "/xml") || strings.HasPrefix(typ, "text/"))
		if seen["summary"] == 0 && (src || binary) {
			c.errorf(e.line, "MissingSummary", "Missing summary: content is not inline text")
		}
	} else {
		if seen["summary"] == 0 {
			c.warnf(e.line, "MissingTextualContent", "Missing textual content: entry has neither content nor summary")
		}
		alternate := false
		for _, l := range links {
			alternate = alternate || l.rel == "alternate"
		}
		if !alternate {
			c.errorf(e.line, "MissingContentOrAlternate", "Missing content or alternate link")
		}
	}
	c.checkAlternates(e, links)
}
