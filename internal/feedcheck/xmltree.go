package feedcheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Namespaces the checks refer to.
const (
	atomNS    = "http://www.w3.org/2005/Atom"
	oldAtomNS = "http://purl.org/atom/ns#"
	xhtmlNS   = "http://www.w3.org/1999/xhtml"
	dcNS      = "http://purl.org/dc/elements/1.1/"
	contentNS = "http://purl.org/rss/1.0/modules/content/"
	xmlNS     = "http://www.w3.org/XML/1998/namespace"
)

// A node is an element of a parsed XML document.
type node struct {
	name     xml.Name
	attrs    []xml.Attr // attributes, namespace declarations left out
	decls    []xml.Attr // xmlns and xmlns:prefix declarations
	parent   *node
	children []*node
	text     string // character data directly inside, CDATA included
	line     int    // line of the start tag
	endLine  int    // line of the end tag
}

// attr returns the value of the attribute in no namespace named local.
func (n *node) attr(local string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Space == "" && a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// value is the element's text with surrounding white space removed, as the
// validator sees it.
func (n *node) value() string { return strings.TrimSpace(n.text) }

// xmlDoc is a parsed document and what the checks need to know of its source.
type xmlDoc struct {
	root *node
	// hexLines[i] says whether line i+1 of the source holds "&#x". The
	// validator's RSS profile checks do not complain about markup in an
	// element written with hexadecimal character references.
	hexLines []bool
}

// hasHexRef reports whether any source line of n holds "&#x".
func (d *xmlDoc) hasHexRef(n *node) bool {
	for l := n.line; l <= n.endLine && l <= len(d.hexLines); l++ {
		if l >= 1 && d.hexLines[l-1] {
			return true
		}
	}
	return false
}

var (
	utf8BOM    = []byte("\xef\xbb\xbf")
	xmlDeclRe  = regexp.MustCompile(`^<\?xml\s+version\s*=\s*['"]([-a-zA-Z0-9_.:]*)['"]`)
	encDeclRe  = regexp.MustCompile(`^<\?xml\s+version\s*=\s*(?:"[-a-zA-Z0-9_.:]+"|'[-a-zA-Z0-9_.:]+')\s+encoding\s*=\s*["']([-A-Za-z0-9._]+)["']`)
	lateDeclRe = regexp.MustCompile(`^\s+<\?xml\s`)
	charRefRe  = regexp.MustCompile(`&#(x[0-9a-fA-F]+|[0-9]+);`)
)

// parseXML parses doc strictly and returns its element tree, or nil when
// the document is not well-formed. The validator stops at the first
// well-formedness error too, with one exception here: characters that XML
// forbids are reported one by one and then treated as spaces, so that a
// stray control character does not hide every other problem.
func parseXML(doc []byte, r *report) *xmlDoc {
	doc = bytes.TrimPrefix(doc, utf8BOM)
	if bytes.HasPrefix(doc, []byte{0xfe, 0xff}) || bytes.HasPrefix(doc, []byte{0xff, 0xfe}) {
		r.errorf(1, "UnicodeError", "UTF-16 document: feedcheck reads UTF-8 only")
		return nil
	}
	if len(bytes.TrimSpace(doc)) == 0 {
		r.errorf(1, "SAXError", "XML parsing error: no element found")
		return nil
	}
	if m := lateDeclRe.FindIndex(doc); m != nil {
		r.errorf(lineAt(doc, m[1]), "SAXError", "XML parsing error: XML or text declaration not at start of entity")
		return nil
	}
	if m := xmlDeclRe.FindSubmatchIndex(doc); m != nil {
		if v := string(doc[m[2]:m[3]]); v != "1.0" {
			r.errorf(1, "BadXmlVersion", "Incorrect XML Version: %s", v)
			doc = splice(doc, m[2], m[3], "1.0")
		}
	}
	var ok bool
	if doc, ok = decodeCharset(doc, r); !ok {
		return nil
	}
	doc = dropForbidden(doc, r)

	d := &xmlDoc{}
	for _, l := range bytes.Split(doc, []byte("\n")) {
		d.hexLines = append(d.hexLines, bytes.Contains(l, []byte("&#x")))
	}

	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.Strict = true
	var stack []*node
	for {
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			reportSyntax(r, err, line)
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 && d.root != nil {
				r.errorf(line, "SAXError", "XML parsing error: junk after document element")
				return nil
			}
			if msg := checkNames(t); msg != "" {
				r.errorf(line, "SAXError", "XML parsing error: %s", msg)
				return nil
			}
			n := &node{name: t.Name, line: line}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
					n.decls = append(n.decls, a)
				} else {
					n.attrs = append(n.attrs, a)
				}
			}
			if len(stack) == 0 {
				d.root = n
			} else {
				p := stack[len(stack)-1]
				n.parent = p
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			n := stack[len(stack)-1]
			n.endLine, _ = dec.InputPos()
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimSpace(t)) > 0 {
					r.errorf(line, "SAXError", "XML parsing error: text outside the document element")
					return nil
				}
				continue
			}
			stack[len(stack)-1].text += string(t)
		}
	}
	if d.root == nil {
		r.errorf(1, "SAXError", "XML parsing error: no element found")
		return nil
	}
	return d
}

// checkNames finds what encoding/xml lets through but XML with namespaces
// forbids: an unbound prefix (left as the name's Space) and a repeated
// attribute.
func checkNames(t xml.StartElement) string {
	if unbound(t.Name.Space) {
		return "unbound prefix " + t.Name.Space + ":" + t.Name.Local
	}
	seen := map[xml.Name]bool{}
	for _, a := range t.Attr {
		if a.Name.Space != "xmlns" && unbound(a.Name.Space) {
			return "unbound prefix " + a.Name.Space + ":" + a.Name.Local
		}
		if seen[a.Name] {
			return "duplicate attribute " + a.Name.Local
		}
		seen[a.Name] = true
	}
	return ""
}

// unbound reports whether space is a prefix that encoding/xml could not
// resolve. Namespace names are URIs and so hold a colon; prefixes cannot.
func unbound(space string) bool {
	return space != "" && !strings.Contains(space, ":")
}

func reportSyntax(r *report, err error, line int) {
	var se *xml.SyntaxError
	if !errors.As(err, &se) {
		r.errorf(line, "SAXError", "XML parsing error: %v", err)
		return
	}
	if strings.HasPrefix(se.Msg, "invalid character entity &") && !strings.HasPrefix(se.Msg, "invalid character entity &#") {
		r.errorf(se.Line, "UndefinedNamedEntity", "Undefined named entity: %s", strings.TrimPrefix(se.Msg, "invalid character entity "))
		return
	}
	r.errorf(se.Line, "SAXError", "XML parsing error: %s", se.Msg)
}

// decodeCharset returns doc as UTF-8. It reads UTF-8 (replacing malformed
// bytes after reporting them, as the validator does), US-ASCII and
// ISO-8859-1; other encodings are reported and not checked further.
func decodeCharset(doc []byte, r *report) ([]byte, bool) {
	enc := ""
	m := encDeclRe.FindSubmatchIndex(doc)
	if m != nil {
		enc = strings.ToLower(string(doc[m[2]:m[3]]))
	}
	switch enc {
	case "", "utf-8", "utf8":
		if enc == "utf8" {
			doc = splice(doc, m[2], m[3], "utf-8") // encoding/xml knows only the one name
		}
		if !utf8.Valid(doc) {
			i := 0
			for i < len(doc) {
				c, size := utf8.DecodeRune(doc[i:])
				if c == utf8.RuneError && size == 1 {
					break
				}
				i += size
			}
			r.errorf(lineAt(doc, i), "UnicodeError", "'utf-8' codec can't decode byte 0x%02x (maybe a high-bit character?)", doc[i])
			doc = bytes.ToValidUTF8(doc, []byte("\uFFFD"))
		}
		return doc, true
	case "us-ascii", "ascii", "iso-8859-1", "iso_8859-1", "latin1", "latin-1":
		var b bytes.Buffer
		for i, c := range doc {
			if c >= 0x80 && strings.Contains(enc, "ascii") {
				r.errorf(lineAt(doc, i), "UnicodeError", "'ascii' codec can't decode byte 0x%02x (maybe a high-bit character?)", c)
				return nil, false
			}
			b.WriteRune(rune(c))
		}
		out := b.Bytes()
		if m := encDeclRe.FindSubmatchIndex(out); m != nil {
			out = splice(out, m[2], m[3], "utf-8")
		}
		return out, true
	}
	r.errorf(1, "UnknownEncoding", "Unknown XML character encoding: %s (feedcheck reads UTF-8, US-ASCII and ISO-8859-1)", enc)
	return nil, false
}

// dropForbidden reports characters and character references that XML 1.0
// forbids and replaces each with a space.
func dropForbidden(doc []byte, r *report) []byte {
	var out []byte
	line := 1
	for i := 0; i < len(doc); {
		c, size := utf8.DecodeRune(doc[i:])
		if c == '\n' {
			line++
		}
		if c != utf8.RuneError && !xmlChar(c) {
			r.errorf(line, "SAXError", "XML parsing error: not well-formed (invalid token): character U+%04X is not allowed in XML", c)
			if out == nil {
				out = append([]byte{}, doc[:i]...)
			}
			out = append(out, ' ')
		} else if out != nil {
			out = append(out, doc[i:i+size]...)
		}
		i += size
	}
	if out != nil {
		doc = out
	}
	return charRefRe.ReplaceAllFunc(doc, func(ref []byte) []byte {
		s := string(ref[2 : len(ref)-1])
		var n uint64
		var err error
		if s[0] == 'x' {
			n, err = strconv.ParseUint(s[1:], 16, 32)
		} else {
			n, err = strconv.ParseUint(s, 10, 32)
		}
		if err == nil && n <= utf8.MaxRune && xmlChar(rune(n)) {
			return ref
		}
		i := bytes.Index(doc, ref)
		r.errorf(lineAt(doc, i), "SAXError", "XML parsing error: reference to invalid character number %s", ref)
		return []byte(" ")
	})
}

// xmlChar reports whether c may appear in an XML 1.0 document.
func xmlChar(c rune) bool {
	return c == '\t' || c == '\n' || c == '\r' ||
		c >= 0x20 && c <= 0xd7ff ||
		c >= 0xe000 && c <= 0xfffd ||
		c >= 0x10000 && c <= 0x10ffff
}

func lineAt(doc []byte, off int) int {
	if off < 0 {
		return 0
	}
	return bytes.Count(doc[:off], []byte("\n")) + 1
}

func splice(doc []byte, from, to int, with string) []byte {
	out := append([]byte{}, doc[:from]...)
	out = append(out, with...)
	return append(out, doc[to:]...)
}

// walk calls f for n and each element below it, in document order.
func walk(n *node, f func(*node)) {
	f(n)
	for _, c := range n.children {
		walk(c, f)
	}
}

// checkCommon runs the checks the validator makes on every element of any
// XML feed: characters that look mis-decoded, and namespace declarations.
// atom says whether the document is an Atom feed.
func checkCommon(d *xmlDoc, r *report, atom bool) {
	display := (&checker{doc: d}).display
	walk(d.root, func(n *node) {
		if badChars(n.text) {
			r.warnf(n.line, "BadCharacters", "%s contains bad characters", display(n.name))
		}
		for _, a := range n.attrs {
			if badChars(a.Value) {
				r.warnf(n.line, "BadCharacters", "%s attribute of %s contains bad characters", a.Name.Local, display(n.name))
			}
		}
		for _, a := range n.decls {
			checkDecl(n, a, r, atom)
		}
	})
}

// badChars reports what the validator calls bad characters: C1 controls and
// U+FFFD (text decoded with the wrong charset, or a replaced invalid
// character), and UTF-8 decoded a second time as ISO-8859-1 ("Ã©").
func badChars(s string) bool {
	latin1 := true
	var prev rune
	double := false
	for _, c := range s {
		if c >= 0x80 && c <= 0x9f || c == 0xfffd {
			return true
		}
		if c > 0xff {
			latin1 = false
		}
		if c >= 0x80 && c <= 0xbf && (prev == 0xc2 || prev == 0xc3) {
			double = true
		}
		prev = c
	}
	if !double || !latin1 {
		return false
	}
	b := make([]byte, 0, len(s))
	for _, c := range s {
		b = append(b, byte(c))
	}
	return utf8.Valid(b)
}

// checkDecl checks one namespace declaration as the validator does when a
// prefix is mapped (base.py startPrefixMapping, root.py). An Atom feed
// should use the default namespace for Atom and XHTML.
func checkDecl(n *node, a xml.Attr, r *report, atom bool) {
	prefix, uri := a.Name.Local, a.Value
	if a.Name.Space == "" {
		prefix = ""
	}
	want, known := namespaces[uri]
	avoid := prefix != "" && (want == "atom" || want == "xhtml") && (atom || n.parent == nil)
	switch {
	case uri == "http://search.yahoo.com/mrss":
		r.errorf(n.line, "MediaRssNamespace", "Missing trailing slash in mediaRSS namespace")
	case prefix != "" && prefixURIs[prefix] != "" && want != prefix:
		r.warnf(n.line, "ReservedPrefix", "The prefix %q generally is associated with the namespace %q", prefix, prefixURIs[prefix])
	case avoid && (atom || want != prefix):
		r.warnf(n.line, "AvoidNamespacePrefix", "Avoid Namespace Prefix: %s", prefix)
	case known:
		// a known namespace, under its usual prefix or another (the
		// validator's NonstdPrefix is only informational)
	case uri != "":
		r.warnf(n.line, "UnknownNamespace", "Use of unknown namespace: %s", uri)
	}
}

// display names an element the way the validator's messages do.
func display(n xml.Name) string {
	if p, ok := namespaces[n.Space]; ok {
		return p + ":" + n.Local
	}
	return n.Local
}

// namespaces are the namespaces the validator knows, by their usual prefix
// (feedvalidator base.py). Elements in other namespaces are not checked;
// declaring one is a warning (UnknownNamespace).
var namespaces = map[string]string{
	"http://www.bloglines.com/about/specs/fac-1.0":          "access",
	"http://webns.net/mvcb/":                                "admin",
	"http://purl.org/rss/1.0/modules/aggregation/":          "ag",
	"http://purl.org/rss/1.0/modules/annotate/":             "annotate",
	"http://www.w3.org/2007/app":                            "app",
	"http://media.tangent.org/rss/1.0/":                     "audio",
	"http://backend.userland.com/blogChannelModule":         "blogChannel",
	"http://web.resource.org/cc/":                           "cc",
	"http://www.microsoft.com/schemas/rss/core/2005":        "cf",
	"http://backend.userland.com/creativeCommonsRssModule":  "creativeCommons",
	"http://purl.org/rss/1.0/modules/company":               "company",
	"http://purl.org/rss/1.0/modules/content/":              "content",
	"http://conversationsnetwork.org/rssNamespace-1.0/":     "conversationsNetwork",
	"http://my.theinfo.org/changed/1.0/rss/":                "cp",
	"http://purl.org/dc/elements/1.1/":                      "dc",
	"http://purl.org/dc/terms/":                             "dcterms",
	"http://purl.org/rss/1.0/modules/email/":                "email",
	"http://purl.org/rss/1.0/modules/event/":                "ev",
	"http://purl.org/syndication/history/1.0":               "fh",
	"http://www.w3.org/2003/01/geo/wgs84_pos#":              "geo",
	"http://geourl.org/rss/module/":                         "geourl",
	"http://www.georss.org/georss":                          "georss",
	"http://www.opengis.net/gml":                            "gml",
	"http://postneo.com/icbm":                               "icbm",
	"http://purl.org/rss/1.0/modules/image/":                "image",
	"urn:atom-extension:indexing":                           "indexing",
	"http://www.itunes.com/dtds/podcast-1.0.dtd":            "itunes",
	"http://rssnamespace.org/feedburner/ext/1.0":            "feedburner",
	"http://xmlns.com/foaf/0.1/":                            "foaf",
	"http://purl.org/rss/1.0/modules/link/":                 "l",
	"http://search.yahoo.com/mrss/":                         "media",
	"http://www.w3.org/1998/Math/MathML":                    "mathml",
	"http://a9.com/-/spec/opensearchrss/1.0/":               "opensearch10",
	"http://a9.com/-/spec/opensearch/1.1/":                  "opensearch",
	"http://www.opml.org/spec2":                             "opml",
	"http://www.w3.org/1999/02/22-rdf-syntax-ns#":           "rdf",
	"http://www.w3.org/2000/01/rdf-schema#":                 "rdfs",
	"http://purl.org/rss/1.0/modules/reference/":            "ref",
	"http://purl.org/rss/1.0/modules/richequiv/":            "reqv",
	"http://purl.org/rss/1.0/modules/rss091#":               "rss091",
	"http://purl.org/rss/1.0/modules/search/":               "search",
	"http://purl.org/rss/1.0/modules/slash/":                "slash",
	"http://purl.org/rss/1.0/modules/servicestatus/":        "ss",
	"http://hacks.benhammersley.com/rss/streaming/":         "str",
	"http://purl.org/rss/1.0/modules/subscription/":         "sub",
	"http://feedsync.org/2007/feedsync":                     "sx",
	"http://www.w3.org/2000/svg":                            "svg",
	"http://purl.org/rss/1.0/modules/syndication/":          "sy",
	"http://purl.org/rss/1.0/modules/taxonomy/":             "taxo",
	"http://purl.org/rss/1.0/modules/threading/":            "thr",
	"http://purl.org/syndication/thread/1.0":                "thr",
	"http://madskills.com/public/xml/rss/module/trackback/": "trackback",
	"http://wellformedweb.org/CommentAPI/":                  "wfw",
	"http://purl.org/rss/1.0/modules/wiki/":                 "wiki",
	"http://www.usemod.com/cgi-bin/mb.pl?ModWiki":           "wiki",
	"http://schemas.xmlsoap.org/soap/envelope/":             "soap",
	"http://www.w3.org/2005/Atom":                           "atom",
	"http://www.w3.org/1999/xhtml":                          "xhtml",
	"http://my.netscape.com/rdf/simple/0.9/":                "rss090",
	"http://purl.org/rss/1.0/":                              "rss1",
	"http://purl.org/net/rss1.1#":                           "rss11",
	"http://base.google.com/ns/1.0":                         "g",
	"http://www.w3.org/XML/1998/namespace":                  "xml",
	"http://openid.net/xmlns/1.0":                           "openid",
	"http://earth.google.com/kml/2.0":                       "kml20",
	"http://earth.google.com/kml/2.1":                       "kml21",
	"http://www.opengis.net/kml/2.2":                        "kml22",
	"http://www.w3.org/1999/xlink":                          "xlink",
	"xri://$xrd*($v*2.0)":                                   "xrd",
	"xri://$xrds":                                           "xrds",
}

// prefixURIs maps each usual prefix back to its namespace.
var prefixURIs = func() map[string]string {
	m := map[string]string{}
	for uri, prefix := range namespaces {
		m[prefix] = uri
	}
	// two namespaces share each of these prefixes; name the current one
	m["thr"] = "http://purl.org/syndication/thread/1.0"
	m["wiki"] = "http://purl.org/rss/1.0/modules/wiki/"
	return m
}()
