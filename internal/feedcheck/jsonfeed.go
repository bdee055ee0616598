package feedcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// jsonFeedVersion is the version URL of JSON Feed 1.1.
const jsonFeedVersion = "https://jsonfeed.org/version/1.1"

// JSONFeed checks a JSON Feed 1.1 document against every requirement
// (MUST) of jsonfeed.org/version/1.1 and the recommendations (SHOULD) that
// FEEDS.md asks for, and returns the problems in document order. Codes
// follow the validator's style; requirements are errors, recommendations
// warnings.
func JSONFeed(doc []byte, opt Options) []Problem {
	c := &jsonChecker{report: newReport(opt), doc: doc, opt: opt}
	if root := c.parse(); root != nil {
		c.checkFeed(root)
		c.checkStrings(root)
		c.checkEscapes()
	}
	return c.result()
}

type jsonKind int

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

var kindNames = [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}

// A jvalue is a parsed JSON value that remembers its line.
type jvalue struct {
	kind   jsonKind
	str    string
	items  []*jvalue          // array elements
	keys   []string           // object keys, in order
	fields map[string]*jvalue // object members
	line   int
}

type jsonChecker struct {
	*report
	doc []byte
	opt Options
	dec *json.Decoder
}

// parse parses the document, reporting malformed JSON, a repeated key and
// bytes that are not UTF-8.
func (c *jsonChecker) parse() *jvalue {
	if !utf8.Valid(c.doc) {
		i := 0
		for i < len(c.doc) {
			r, size := utf8.DecodeRune(c.doc[i:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			i += size
		}
		c.errorf(lineAt(c.doc, i), "UnicodeError", "JSON must be UTF-8: byte 0x%02x is not", c.doc[i])
		return nil
	}
	c.dec = json.NewDecoder(bytes.NewReader(c.doc))
	c.dec.UseNumber()
	v, err := c.value()
	if err == nil {
		if _, err = c.dec.Token(); err == io.EOF {
			return v
		} else if err == nil {
			err = errors.New("data after the top-level value")
		}
	}
	line := lineAt(c.doc, int(c.dec.InputOffset()))
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line = lineAt(c.doc, int(se.Offset))
	}
	c.errorf(line, "InvalidJSON", "not valid JSON: %v", err)
	return nil
}

// start returns the offset at which the next token begins.
func (c *jsonChecker) start() int {
	off := int(c.dec.InputOffset())
	for off < len(c.doc) && strings.IndexByte(" \t\r\n,:", c.doc[off]) >= 0 {
		off++
	}
	return off
}

func (c *jsonChecker) value() (*jvalue, error) {
	v := &jvalue{line: lineAt(c.doc, c.start())}
	tok, err := c.dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			v.kind = jsonArray
			for c.dec.More() {
				item, err := c.value()
				if err != nil {
					return nil, err
				}
				v.items = append(v.items, item)
			}
		} else {
			v.kind = jsonObject
			v.fields = map[string]*jvalue{}
			for c.dec.More() {
				line := lineAt(c.doc, c.start())
				tok, err := c.dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := tok.(string)
				member, err := c.value()
				if err != nil {
					return nil, err
				}
				if _, dup := v.fields[k]; dup {
					c.warnf(line, "DuplicateKey", "key %q appears twice in one object; readers keep either", k)
					continue
				}
				v.keys = append(v.keys, k)
				v.fields[k] = member
			}
		}
		if _, err := c.dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
	case string:
		v.kind, v.str = jsonString, t
	case json.Number:
		v.kind = jsonNumber
	case bool:
		v.kind = jsonBool
	}
	return v, nil
}

// Known member names, by object.
var (
	feedKeys = set(`version title home_page_url feed_url description user_comment
		next_url icon favicon author authors language expired hubs items`)
	itemKeys = set(`id url external_url title content_html content_text summary
		image banner_image date_published date_modified author authors tags
		language attachments`)
	authorKeys     = set(`name url avatar`)
	attachmentKeys = set(`url mime_type title size_in_bytes duration_in_seconds`)
	hubKeys        = set(`type url`)
	extensionRe    = regexp.MustCompile(`^_[A-Za-z]`)
)

// checkFeed checks the top-level object.
func (c *jsonChecker) checkFeed(f *jvalue) {
	if f.kind != jsonObject {
		c.errorf(f.line, "InvalidType", "a JSON Feed must be an object, not %s", kindNames[f.kind])
		return
	}
	c.checkKeys(f, "feed", feedKeys)
	if v := c.str(f, "feed", "version", true); v != nil && v.str != jsonFeedVersion {
		c.errorf(v.line, "InvalidVersion", "version must be %q, not %q", jsonFeedVersion, v.str)
	}
	if v := c.str(f, "feed", "title", true); v != nil && strings.TrimSpace(v.str) == "" {
		c.warnf(v.line, "NotBlank", "title should not be blank")
	}
	c.url(f, "home_page_url")
	feedURL := c.url(f, "feed_url")
	for _, k := range []string{"home_page_url", "feed_url"} {
		if f.fields[k] == nil {
			c.warnf(f.line, "MissingRecommendedElement", "feed should contain %s (the spec: strongly recommended, required on the public web)", k)
		}
	}
	if feedURL != nil && c.opt.URL != "" {
		want, ok1 := canonicalForm(c.opt.URL)
		got, ok2 := canonicalForm(feedURL.str)
		if !ok1 || !ok2 || got != want {
			c.warnf(feedURL.line, "SelfDoesntMatchLocation", "feed_url %q doesn't match the document location %q", feedURL.str, c.opt.URL)
		}
	}
	if next := c.url(f, "next_url"); next != nil {
		if feed := f.fields["feed_url"]; feed != nil && feed.str == next.str {
			c.errorf(next.line, "InvalidNextURL", "next_url must not be the same as feed_url")
		}
	}
	c.str(f, "feed", "description", false)
	c.str(f, "feed", "user_comment", false)
	c.url(f, "icon")
	c.url(f, "favicon")
	if v := c.str(f, "feed", "language", false); v != nil {
		c.checkLanguage(v.line, "language", v.str)
	}
	c.checkAuthors(f, "feed")
	if hubs := c.array(f, "feed", "hubs", false); hubs != nil {
		for _, h := range hubs.items {
			if c.object(h, "hub") {
				c.checkKeys(h, "hub", hubKeys)
				c.str(h, "hub", "type", true)
				if c.url(h, "url") == nil && h.fields["url"] == nil {
					c.errorf(h.line, "MissingElement", "Missing hub element: url")
				}
			}
		}
	}
	items := c.array(f, "feed", "items", true)
	if items == nil {
		return
	}
	ids := map[string]bool{}
	for _, it := range items.items {
		if c.object(it, "item") {
			c.checkItem(it, ids)
		}
	}
}

// checkItem checks one item.
func (c *jsonChecker) checkItem(it *jvalue, ids map[string]bool) {
	c.checkKeys(it, "item", itemKeys)
	if id := c.str(it, "item", "id", true); id != nil {
		switch {
		case strings.TrimSpace(id.str) == "":
			c.errorf(id.line, "BlankId", "item id must not be empty")
		case ids[id.str]:
			c.errorf(id.line, "DuplicateValue", "item id values must not be duplicated within a feed: %q", id.str)
		}
		ids[id.str] = true
	}
	if c.url(it, "url"); it.fields["url"] == nil {
		c.warnf(it.line, "MissingRecommendedElement", "item should contain url (the spec: should be present even when it is the id)")
	}
	c.url(it, "external_url")
	c.url(it, "image")
	c.url(it, "banner_image")
	html := c.str(it, "item", "content_html", false)
	text := c.str(it, "item", "content_text", false)
	switch {
	case html == nil && text == nil:
		c.errorf(it.line, "MissingContent", "item must contain content_html or content_text")
	case (html == nil || html.str == "") && (text == nil || text.str == ""):
		c.warnf(it.line, "NotBlank", "item content should not be blank")
	}
	if html != nil {
		c.checkHTML(html)
	}
	for _, k := range []string{"title", "summary"} {
		if v := c.str(it, "item", k, false); v != nil {
			c.checkPlain(v, k)
		}
	}
	for _, k := range []string{"date_published", "date_modified"} {
		if v := c.str(it, "item", k, false); v != nil {
			c.checkRFC3339(v.line, k, v.str)
		}
	}
	if v := c.str(it, "item", "language", false); v != nil {
		c.checkLanguage(v.line, "language", v.str)
	}
	if tags := c.array(it, "item", "tags", false); tags != nil {
		for _, t := range tags.items {
			if t.kind != jsonString {
				c.errorf(t.line, "InvalidType", "tags must be strings, not %s", kindNames[t.kind])
			}
		}
	}
	c.checkAuthors(it, "item")
	if atts := c.array(it, "item", "attachments", false); atts != nil {
		for _, a := range atts.items {
			if !c.object(a, "attachment") {
				continue
			}
			c.checkKeys(a, "attachment", attachmentKeys)
			if c.url(a, "url") == nil && a.fields["url"] == nil {
				c.errorf(a.line, "MissingElement", "Missing attachment element: url")
			}
			if m := c.str(a, "attachment", "mime_type", true); m != nil && !mimeRe.MatchString(m.str) {
				c.errorf(m.line, "InvalidMIMEType", "Not a valid MIME type: mime_type %q", m.str)
			}
			c.str(a, "attachment", "title", false)
			for _, k := range []string{"size_in_bytes", "duration_in_seconds"} {
				if v := a.fields[k]; v != nil && v.kind != jsonNumber {
					c.errorf(v.line, "InvalidType", "%s must be a number, not %s", k, kindNames[v.kind])
				}
			}
		}
	}
}

// checkAuthors checks authors, and the deprecated author that JSON Feed
// 1.1 keeps valid: a feed may carry it beside authors for readers of 1.0,
// so it draws a warning only when authors is missing.
func (c *jsonChecker) checkAuthors(o *jvalue, where string) {
	authors := c.array(o, where, "authors", false)
	if authors != nil {
		for _, a := range authors.items {
			c.checkAuthor(a)
		}
	}
	if a := o.fields["author"]; a != nil {
		c.checkAuthor(a)
		if authors == nil {
			c.warnf(a.line, "DeprecatedAuthor", "%s uses the deprecated author: JSON Feed 1.1 publishers should use authors", where)
		}
	}
}

// checkAuthor checks an author object: it must have a name, url or avatar.
func (c *jsonChecker) checkAuthor(a *jvalue) {
	if !c.object(a, "author") {
		return
	}
	c.checkKeys(a, "author", authorKeys)
	name := c.str(a, "author", "name", false)
	url, avatar := c.url(a, "url"), c.url(a, "avatar")
	if (name == nil || strings.TrimSpace(name.str) == "") && url == nil && avatar == nil {
		c.errorf(a.line, "InvalidAuthor", "an author must have at least one of name, url and avatar")
	}
}

// checkKeys reports unknown keys and misnamed extensions. A custom key
// must start with "_" and a letter; neither it nor its members' keys may
// hold a ".".
func (c *jsonChecker) checkKeys(o *jvalue, where string, known map[string]bool) {
	for _, k := range o.keys {
		v := o.fields[k]
		switch {
		case known[k]:
		case strings.HasPrefix(k, "_"):
			if !extensionRe.MatchString(k) || strings.Contains(k, ".") {
				c.errorf(v.line, "InvalidExtensionName", "extension %q must start with \"_\" and a letter and hold no \".\"", k)
			}
			if v.kind == jsonObject {
				for _, m := range v.keys {
					if strings.Contains(m, ".") {
						c.errorf(v.fields[m].line, "InvalidExtensionName", "member %q of extension %q must not hold a \".\"", m, k)
					}
				}
			}
		default:
			c.warnf(v.line, "UnknownKey", "%s has no %q; custom keys must start with \"_\"", where, k)
		}
	}
}

// member returns the member k of o when it is of the given kind. It reports
// a member of another kind, and a missing one when required; it returns nil
// in both cases.
func (c *jsonChecker) member(o *jvalue, where, k string, kind jsonKind, required bool) *jvalue {
	v := o.fields[k]
	switch {
	case v == nil:
		if required {
			c.errorf(o.line, "MissingElement", "Missing %s element: %s", where, k)
		}
		return nil
	case v.kind != kind:
		c.errorf(v.line, "InvalidType", "%s must be %s, not %s", k, kindNames[kind], kindNames[v.kind])
		return nil
	}
	return v
}

// str returns the string member k of o (see member).
func (c *jsonChecker) str(o *jvalue, where, k string, required bool) *jvalue {
	return c.member(o, where, k, jsonString, required)
}

// url returns the member k of o if it is a full URL, reporting it if not.
func (c *jsonChecker) url(o *jvalue, k string) *jvalue {
	v := c.str(o, "", k, false)
	if v == nil || !c.checkURI(v.line, k, v.str, iriFull) {
		return nil
	}
	return v
}

// array returns the array member k of o (see member).
func (c *jsonChecker) array(o *jvalue, where, k string, required bool) *jvalue {
	return c.member(o, where, k, jsonArray, required)
}

func (c *jsonChecker) object(v *jvalue, what string) bool {
	if v.kind != jsonObject {
		c.errorf(v.line, "InvalidType", "%s must be an object, not %s", what, kindNames[v.kind])
		return false
	}
	return true
}

var (
	markupRe    = regexp.MustCompile(`</?([a-zA-Z][a-zA-Z0-9]*)[\s/>]`)
	entityRefRe = regexp.MustCompile(`&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);`)
)

// checkPlain reports markup in a plain-text member: a tag of an HTML
// element, or an entity reference that a reader would show as written.
func (c *jsonChecker) checkPlain(v *jvalue, k string) {
	for _, m := range markupRe.FindAllStringSubmatch(v.str, -1) {
		if htmlTags[strings.ToLower(m[1])] {
			c.warnf(v.line, "ContainsHTML", "%s should be plain text, not HTML: it holds %s", k, strings.TrimSpace(m[0]))
			return
		}
	}
	for _, m := range entityRefRe.FindAllStringSubmatch(v.str, -1) {
		if m[1][0] == '#' || isEntity(m[1]) {
			c.warnf(v.line, "ContainsHTML", "%s should be plain text, not HTML: it holds the entity reference %s", k, m[0])
			return
		}
	}
}

// checkHTML checks content_html: safe HTML with absolute links. A JSON
// feed has no base URL to resolve a relative one against.
func (c *jsonChecker) checkHTML(v *jvalue) {
	x := &checker{report: c.report, doc: &xmlDoc{}}
	x.checkSafeHTML(v.line, "content_html", v.str)
	x.checkRelRefs(v.line, "content_html", v.str)
}

// checkStrings reports characters that XML forbids. They are valid JSON,
// but FEEDS.md asks for them to be removed from every string, and an
// article carrying one breaks the RSS and Atom feeds.
func (c *jsonChecker) checkStrings(v *jvalue) {
	switch v.kind {
	case jsonString:
		for _, r := range v.str {
			if !xmlChar(r) {
				c.warnf(v.line, "ControlCharacter", "string holds U+%04X, a character XML forbids: %q", r, v.str)
				return
			}
		}
	case jsonArray:
		for _, e := range v.items {
			c.checkStrings(e)
		}
	case jsonObject:
		for _, k := range v.keys {
			c.checkStrings(v.fields[k])
		}
	}
}

var htmlEscapeRe = regexp.MustCompile(`(\\+)u00(3[cCeE]|26)`)

// checkEscapes reports "<", ">" and "&" written as \u003c, \u003e and
// \u0026, the default of encoding/json: valid, but noisy (FEEDS.md).
func (c *jsonChecker) checkEscapes() {
	n, first := 0, -1
	for _, m := range htmlEscapeRe.FindAllSubmatchIndex(c.doc, -1) {
		if (m[3]-m[2])%2 == 1 { // an odd run of backslashes: a real escape
			n++
			if first < 0 {
				first = m[0]
			}
		}
	}
	if n > 0 {
		c.warnf(lineAt(c.doc, first), "EscapedHTML", "\"<\", \">\" or \"&\" written as a \\u escape %d times: valid but noisy; encode with SetEscapeHTML(false)", n)
	}
}
