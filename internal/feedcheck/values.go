package feedcheck

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// This file holds the checks of single values, ported from the
// validator's validators.py: URIs, dates, e-mail addresses, languages,
// numbers and media types. Each logs under the validator's message class.

// URIs (validators.py rfc2396, rfc2396_full, rfc3987, canonicaluri).
var (
	uriRefRe  = regexp.MustCompile(`^([a-zA-Z][0-9a-zA-Z+\-.]*:)?/{0,2}(\[[0-9A-Fa-f:]+\])?[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]*$`)
	uriFullRe = regexp.MustCompile(`^[a-zA-Z][0-9a-zA-Z+\-.]*:(//)?[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]+$`)
	urnRe     = regexp.MustCompile(`^[Uu][Rr][Nn]:[a-zA-Z0-9][a-zA-Z0-9-]{1,31}:([a-zA-Z0-9()+,.:=@;$_!*'\-]|%[0-9A-Fa-f]{2})+$`)
	uuidRe    = regexp.MustCompile(`^[Uu][Rr][Nn]:[Uu][Uu][Ii][Dd]:[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$`)
	tagRe     = regexp.MustCompile(`^tag:([a-z0-9\-._]+?@)?[a-z0-9.\-]+?,\d{4}(-\d{2}(-\d{2})?)?:[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*(#[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*)?$`)
	authRe    = regexp.MustCompile(`^\w+://[^/]`)
)

// uriChar reports whether c may appear in a URI unescaped.
func uriChar(c rune) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' ||
		strings.ContainsRune(";/?:@&=+$.-_!~*'()%,#", c)
}

// ianaSchemes are the URI schemes the validator knows.
var ianaSchemes = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`ftp http gopher mailto news nntp telnet wais
		file prospero z39.50s z39.50r cid mid vemmi service imap nfs acap rtsp tip
		pop data dav opaquelocktoken sip sips tel fax modem ldap https soap.beep
		soap.beeps xmlrpc.beep xmlrpc.beeps urn go h323 ipp tftp mupdate pres im
		mtqp iris.beep dict snmp crid tag dns info aaa aaas cap iax icap iris
		iris.xpc iris.xpcs iris.lwz msrp msrps shttp thismessage tv xmpp`) {
		ianaSchemes[s] = true
	}
}

// A uriRule says which URIs a value accepts and how a bad one is reported.
type uriRule struct {
	full bool   // an absolute URI is required (rfc2396_full)
	iri  bool   // characters beyond ASCII are allowed (rfc3987)
	code string // the error reported for a malformed value
}

var (
	uriRef      = uriRule{code: "InvalidLink"}
	uriFull     = uriRule{full: true, code: "InvalidFullLink"}
	iriRef      = uriRule{iri: true, code: "InvalidIRI"}
	iriFull     = uriRule{full: true, iri: true, code: "InvalidFullLink"}
	uriAttr     = uriRule{code: "InvalidURIAttribute"}
	uriFullAttr = uriRule{full: true, code: "InvalidURIAttribute"}
)

var uriMessages = map[string]string{
	"InvalidLink":         "%s must be a valid URI: %q",
	"InvalidFullLink":     "%s must be a full and valid URL: %q",
	"InvalidIRI":          "%s must be a valid IRI: %q",
	"InvalidURIAttribute": "%s must be a valid URI: %q",
	"InvalidHttpGUID":     "%s must be a full URL, unless isPermaLink attribute is false: %q",
}

// checkURI checks value against rule and reports what is wrong with it;
// what names the element or attribute. It returns whether value passed.
func (r *report) checkURI(line int, what, value string, rule uriRule) bool {
	v := value
	if rule.iri {
		v = escapeNonASCII(v)
	}
	scheme := strings.ToLower(strings.SplitN(v, ":", 2)[0])
	switch scheme {
	case "tag":
		if !tagRe.MatchString(v) {
			r.errorf(line, "InvalidTAG", "%s is not a valid TAG: %q", what, value)
			return false
		}
		return true
	case "urn":
		if strings.HasPrefix(strings.ToLower(v), "urn:uuid:") && !uuidRe.MatchString(v) {
			r.errorf(line, "InvalidUUID", "%s is not a valid UUID: %q", what, value)
			return false
		}
		if !urnRe.MatchString(v) {
			r.errorf(line, "InvalidURN", "%s is not a valid URN: %q", what, value)
			return false
		}
		return true
	}
	re := uriRefRe
	if rule.full {
		re = uriFullRe
	}
	if !re.MatchString(v) {
		for _, c := range v {
			if c < 128 && !uriChar(c) {
				r.errorf(line, "InvalidUriChar", "Invalid character %q in a URI: %s: %q", c, what, value)
				return false
			}
		}
		if v != escapeNonASCII(v) && re.MatchString(escapeNonASCII(v)) {
			r.errorf(line, "UriNotIri", "IRI found where URL expected: %s: %q", what, value)
			return false
		}
		r.errorf(line, rule.code, uriMessages[rule.code], what, value)
		return false
	}
	// The validator checks the authority of http and ftp URLs only; an
	// https URL without one is as broken.
	if (scheme == "http" || scheme == "https" || scheme == "ftp") && !authRe.MatchString(v) {
		r.errorf(line, rule.code, uriMessages[rule.code], what, value)
		return false
	}
	if strings.Contains(v, ":") && isAlpha(scheme) && !ianaSchemes[scheme] {
		r.warnf(line, "SchemeNotIANARegistered", "URI scheme not IANA registered: %s: %q", what, value)
		return false
	}
	return true
}

func isAlpha(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// escapeNonASCII percent-encodes the bytes of s beyond ASCII, mapping an
// IRI to a URI.
func escapeNonASCII(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			fmt.Fprintf(&b, "%%%02X", s[i])
		} else {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// checkCanonical checks an Atom id: an absolute IRI in canonical form
// (validators.py canonicaluri). Non-ASCII characters, upper-case schemes or
// hosts, default ports, an empty path and needless percent-encoding all
// make a URI non-canonical.
func (r *report) checkCanonical(line int, what, value string) {
	v := strings.TrimSpace(value)
	if !r.checkURI(line, what, v, iriFull) {
		return
	}
	if c, ok := canonicalForm(v); !ok || c != value {
		if !ok {
			c = "N/A"
		}
		r.warnf(line, "NonCanonicalURI", "Identifier %q is not in canonical form (the canonical form would be %q)", value, c)
	}
}

// hostOf returns the host of an absolute URL, or "" if it has none.
func hostOf(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return u.Host
}

// Dates (validators.py rfc822, rfc3339, w3cdtf, implausible_822/8601).
var (
	rfc2822Re = regexp.MustCompile(`^((Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d\d?) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d\d\d\d) (\d\d):(\d\d)(:(\d\d))? ([+-]?\d\d[03]0|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)$`)
	rfc822Re  = regexp.MustCompile(`^((mon|tue|wed|thu|fri|sat|sun)\s*,\s*)?\d\d?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s+\d\d(\d\d)?\s+\d\d:\d\d(:\d\d)?\s+([+-]\d\d\d\d|ut|gmt|est|edt|cst|cdt|mst|mdt|pst|pdt|[a-ik-z])?$`)
	escapedRe = regexp.MustCompile(`\\.`)
	commentRe = regexp.MustCompile(`\([^(]*?\)`)
	rfc3339Re = regexp.MustCompile(`^(\d\d\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d(\.\d*)?)(Z|[+-]\d\d:\d\d)$`)
	w3cdtfRe  = regexp.MustCompile(`^(\d\d\d\d)(-(\d\d)(-(\d\d)(T(\d\d):(\d\d)(:(\d\d(\.\d*)?))?(Z|[+-]\d\d:\d\d))?)?)?$`)
)

var months = map[string]time.Month{"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
	"Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12}

var zones = map[string]int{"UT": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
	"MST": -7, "MDT": -6, "PST": -8, "PDT": -7}

// implausibleAfter is how far past the check's time a date may lie.
const implausibleAfter = 10 * time.Minute

// checkRFC822 checks an RSS date. The validator wants RFC 822 with a
// four-digit year, single spaces, and a numeric zone or UT, GMT, Z or a US
// zone; "UTC" is invalid, two-digit years, comments and military zones are
// problematical.
func (r *report) checkRFC822(line int, what, value string) {
	m := rfc2822Re.FindStringSubmatch(value)
	if m == nil {
		v := escapedRe.ReplaceAllString(value, "")
		for {
			w := commentRe.ReplaceAllString(v, " ")
			if w == v {
				break
			}
			v = w
		}
		if rfc822Re.MatchString(strings.ToLower(strings.TrimSpace(v))) {
			r.warnf(line, "ProblematicalRFC822Date", "Problematical RFC 822 date-time value: %s: %q", what, value)
		} else {
			r.errorf(line, "InvalidRFC2822Date", "%s must be an RFC-822 date-time: %q", what, value)
		}
		return
	}
	day, _ := strconv.Atoi(m[3])
	year, _ := strconv.Atoi(m[5])
	hour, _ := strconv.Atoi(m[6])
	min, _ := strconv.Atoi(m[7])
	sec, _ := strconv.Atoi(m[9])
	month := months[m[4]]
	if day < 1 || day > daysIn(month, year) {
		r.errorf(line, "InvalidRFC2822Date", "%s must be an RFC-822 date-time: day is out of range for month: %q", what, value)
		return
	}
	offset := 0
	if h, ok := zones[m[10]]; ok {
		offset = h * 3600
	} else {
		z := strings.TrimLeft(m[10], "+-")
		zh, _ := strconv.Atoi(z[:2])
		zm, _ := strconv.Atoi(z[2:])
		offset = zh*3600 + zm*60
		if strings.HasPrefix(m[10], "-") {
			offset = -offset
		}
	}
	t := time.Date(year, month, day, hour, min, sec, 0, time.FixedZone("", offset))
	if m[2] != "" && t.Weekday().String()[:3] != m[2] && year > 1900 {
		r.errorf(line, "IncorrectDOW", "Incorrect day of week: %s: %q is a %s", what, value, time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Weekday())
		return
	}
	if year < 1990 || t.After(r.now.Add(implausibleAfter)) {
		r.warnf(line, "ImplausibleDate", "Implausible date: %s: %q", what, value)
	}
}

// checkRFC3339 checks an Atom or JSON Feed date (validators.py rfc3339:
// RFC 3339 with a "T", seconds and a zone).
func (r *report) checkRFC3339(line int, what, value string) (time.Time, bool) {
	m := rfc3339Re.FindStringSubmatch(value)
	if m == nil {
		r.errorf(line, "InvalidRFC3339Date", "%s must be an RFC-3339 date-time: %q", what, value)
		return time.Time{}, false
	}
	t, ok := dateTime(m[1], m[2], m[3], m[4], m[5], m[6], m[8])
	if !ok {
		r.errorf(line, "InvalidRFC3339Date", "%s must be an RFC-3339 date-time: %q", what, value)
		return time.Time{}, false
	}
	r.checkPlausible(line, what, value, t)
	return t, true
}

// checkW3CDTF checks a Dublin Core date (validators.py w3cdtf).
func (r *report) checkW3CDTF(line int, what, value string) {
	m := w3cdtfRe.FindStringSubmatch(value)
	if m == nil {
		r.errorf(line, "InvalidW3CDTFDate", "%s must be an W3CDTF date: %q", what, value)
		return
	}
	mon, day, hour, min, sec, zone := m[3], m[5], m[7], m[8], m[10], m[12]
	if mon == "" {
		mon = "01"
	}
	if day == "" {
		day = "01"
	}
	if hour == "" {
		hour, min, zone = "00", "00", "Z"
	}
	if sec == "" {
		sec = "00"
	}
	t, ok := dateTime(m[1], mon, day, hour, min, sec, zone)
	if !ok {
		r.errorf(line, "InvalidW3CDTFDate", "%s must be an W3CDTF date: %q", what, value)
		return
	}
	r.checkPlausible(line, what, value, t)
}

func (r *report) checkPlausible(line int, what, value string, t time.Time) {
	if value < "1990-01-01" || t.After(r.now.Add(implausibleAfter)) {
		r.warnf(line, "ImplausibleDate", "Implausible date: %s: %q", what, value)
	}
}

// dateTime builds a time from the parts of an ISO 8601 date, rejecting
// what the validator rejects: a day the month lacks, an hour past 23, a
// minute or second past 60.
func dateTime(year, month, day, hour, min, sec, zone string) (time.Time, bool) {
	y, _ := strconv.Atoi(year)
	mo, _ := strconv.Atoi(month)
	d, _ := strconv.Atoi(day)
	h, _ := strconv.Atoi(hour)
	mi, _ := strconv.Atoi(min)
	s, _ := strconv.ParseFloat(sec, 64)
	if mo < 1 || mo > 12 || d < 1 || d > daysIn(time.Month(mo), y) || h > 23 || mi > 60 || s > 60 {
		return time.Time{}, false
	}
	offset := 0
	if zone != "Z" {
		zh, _ := strconv.Atoi(zone[1:3])
		zm, _ := strconv.Atoi(zone[4:6])
		offset = zh*3600 + zm*60
		if zone[0] == '-' {
			offset = -offset
		}
	}
	ns := int((s - float64(int(s))) * 1e9)
	return time.Date(y, time.Month(mo), d, h, mi, int(s), ns, time.FixedZone("", offset)), true
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// E-mail addresses (validators.py addr_spec, email, email_with_name).
var (
	emailRe       = regexp.MustCompile(`(?i)^[A-Z0-9_\-+.']+@(([0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([A-Z0-9\-]+\.)+))[A-Z0-9][-A-Z0-9]*$`)
	simpleEmailRe = regexp.MustCompile(`^[\w.%+-]+@[A-Za-z][\w.-]+$`)
)

// validAddrSpec reports whether s is an e-mail address. The validator
// also accepts an address it cannot parse when its domain resolves (and
// warns UnknownHost otherwise); feedcheck does no DNS look-ups and accepts
// such an address.
func validAddrSpec(s string) bool {
	return emailRe.MatchString(s) || simpleEmailRe.MatchString(s)
}

// addressOf returns the address in "Name <addr>" or "addr (Name)".
func addressOf(s string) string {
	if i := strings.LastIndex(s, "<"); i >= 0 {
		if j := strings.Index(s[i:], ">"); j > 0 {
			return strings.TrimSpace(s[i+1 : i+j])
		}
	}
	if strings.HasSuffix(s, ")") {
		if i := strings.Index(s, "("); i >= 0 {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// checkEmailWithName checks an RSS author, managingEditor or webMaster:
// "jane@example.com (Jane Doe)".
func (c *checker) checkEmailWithName(n *node) {
	v := n.value()
	if strings.HasPrefix(v, "mailto:") {
		if u, err := url.PathUnescape(v[len("mailto:"):]); err == nil {
			v = u
		}
	}
	if strings.Index(v, "@") > 0 && !strings.HasSuffix(v, ")") {
		if strings.Index(v, " ") > 0 {
			c.warnf(n.line, "EmailFormat", "%s should be an e-mail address followed by the name in parentheses: %q", c.display(n.name), v)
		} else {
			c.warnf(n.line, "MissingRealName", "%s should give the name in parentheses after the e-mail address: %q", c.display(n.name), v)
		}
		return
	}
	c.checkNonHTML(n, v, "ContainsHTML")
	if !validAddrSpec(addressOf(v)) {
		c.errorf(n.line, "InvalidContact", "Invalid email address: %s must be an e-mail address such as \"jane@example.com (Jane Doe)\": %q", c.display(n.name), v)
	}
}

// checkLanguage checks a language tag the way the validator does: the part
// before the first hyphen must be an ISO 639 code.
func (r *report) checkLanguage(line int, what, value string) {
	lang, _, _ := strings.Cut(value, "-")
	if !iso639[strings.ToLower(lang)] {
		r.errorf(line, "InvalidLanguage", "%s must be an ISO-639 language code: %q", what, value)
	}
}

// mimeRe is the validator's media type syntax (validators.py mime_re).
var mimeRe = regexp.MustCompile(`^[^\s()<>,;:\\"/\[\]?=]+/[^\s()<>,;:\\"/\[\]?=]+(\s*;\s*[^\s()<>,;:\\"/\[\]?=]+=("(\\"|[^"])*"|[^\s()<>,;:\\"/\[\]?=]+))*$`)
