package feedcheck

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// canonicalForm returns the normalized form of a URI (RFC 3986 section 6),
// as the validator's uri.py computes it: it decides whether an Atom id is
// canonical (NonCanonicalURI) and whether a self link is the document's
// location (SelfDoesntMatchLocation). ok is false for a malformed URI or a
// relative one. Unlike uri.py it does not apply Unicode NFC normalization.
func canonicalForm(s string) (c string, ok bool) {
	m := uriPartsRe.FindStringSubmatchIndex(s)
	if m == nil {
		return "", false
	}
	part := func(i int) (string, bool) {
		if m[2*i] < 0 {
			return "", false
		}
		return s[m[2*i]:m[2*i+1]], true
	}
	scheme, hasScheme := part(2)
	scheme = strings.ToLower(scheme)
	auth, hasAuth := part(4)
	p, _ := part(5)
	query, hasQuery := part(7)
	frag, hasFrag := part(9)

	var b strings.Builder
	if hasScheme {
		b.WriteString(scheme + ":")
	}
	if hasAuth {
		a, ok := normAuth(auth, defaultPorts[scheme])
		if !ok {
			return "", false
		}
		b.WriteString("//" + a)
		if p, ok = normPath(p); !ok {
			return "", false
		}
	} else {
		switch {
		case !hasScheme && !strings.HasPrefix(p, "/"):
			return "", false // relative paths are not normalized
		case scheme == "mailto":
			local, domain, found := strings.Cut(p, "@")
			if found {
				domain, rest, _ := strings.Cut(domain, "?")
				if rest != "" {
					rest = "?" + rest
				}
				l, ok1 := qnu(local, "")
				d, ok2 := qnu(strings.ToLower(domain), "")
				q, ok3 := qnu(rest, pchar+"/?")
				if !ok1 || !ok2 || !ok3 {
					return "", false
				}
				p = l + "@" + d + q
			}
		case !hasScheme || strings.HasPrefix(p, "/"):
			if p, ok = normPath(p); !ok {
				return "", false
			}
		default:
			if p, ok = qnu(p, pchar+"/"); !ok {
				return "", false
			}
		}
	}
	b.WriteString(p)
	if hasQuery {
		q, ok := qnu(query, pchar+"/?")
		if !ok {
			return "", false
		}
		b.WriteString("?" + q)
	}
	if hasFrag {
		f, ok := qnu(frag, pchar+"/?")
		if !ok {
			return "", false
		}
		b.WriteString("#" + f)
	}
	return b.String(), true
}

// uriPartsRe splits a URI reference (RFC 3986 appendix B).
var uriPartsRe = regexp.MustCompile(`^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$`)

var defaultPorts = map[string]int{"ftp": 21, "telnet": 23, "http": 80, "gopher": 70, "news": 119,
	"nntp": 119, "prospero": 191, "https": 443, "snews": 563, "snntp": 563}

const (
	subDelims = "!$&'()*+,;="
	pchar     = "-._~" + subDelims + ":@"
	reserved  = ":/?#[]@" + subDelims
)

var portRe = regexp.MustCompile(`:(\d*)$`)

// normAuth lower-cases the host and drops a default port.
func normAuth(auth string, defPort int) (string, bool) {
	user, host := "", auth
	if i := strings.LastIndex(auth, "@"); i >= 0 {
		user, host = auth[:i], auth[i+1:]
		if user == ":" {
			user = ""
		}
	}
	host = strings.ToLower(host)
	port := defPort
	if m := portRe.FindStringSubmatchIndex(host); m != nil {
		if m[3] > m[2] {
			port, _ = strconv.Atoi(host[m[2]:m[3]])
		}
		host = host[:m[0]]
	}
	if strings.HasSuffix(host, ".") && strings.LastIndex(host[:max(len(host)-2, 0)], ".") >= 0 {
		host = host[:len(host)-1]
	}
	if strings.HasPrefix(host, "[") != strings.HasSuffix(host, "]") {
		return "", false
	}
	if port != defPort {
		host += ":" + strconv.Itoa(port)
	}
	if user != "" {
		host = user + "@" + host
	}
	return host, true
}

// normPath removes dot segments from an absolute path and normalizes the
// percent-encoding of each segment; an empty path becomes "/".
func normPath(p string) (string, bool) {
	l := strings.Split(p, "/")
	i := 0
	if l[0] != "" {
		i = len(l) // a relative path: leave its dot segments alone
	}
	for i < len(l) {
		switch l[i] {
		case ".", "..":
			dots := l[i]
			if i < len(l)-1 {
				l = append(l[:i], l[i+1:]...)
			} else {
				l[i] = ""
			}
			if dots == ".." && (i > 1 || i > 0 && l[0] != "") {
				i--
				l = append(l[:i], l[i+1:]...)
			}
		default:
			i++
		}
	}
	if len(l) == 1 && l[0] == "" {
		l = []string{"", ""}
	}
	for i, seg := range l {
		q, ok := qnu(seg, pchar)
		if !ok {
			return "", false
		}
		l[i] = q
	}
	return strings.Join(l, "/"), true
}

// qnu normalizes percent-encoding: it decodes every escape except those of
// reserved characters listed in safe, then encodes every byte that is
// neither unreserved nor in safe.
func qnu(s, safe string) (string, bool) {
	var out strings.Builder
	var buf []byte
	flush := func() bool {
		if !utf8.Valid(buf) {
			return false
		}
		for _, c := range buf {
			if isUnreserved(c) || strings.IndexByte(safe, c) >= 0 {
				out.WriteByte(c)
			} else {
				fmt.Fprintf(&out, "%%%02X", c)
			}
		}
		buf = buf[:0]
		return true
	}
	for i := 0; i < len(s); {
		c, esc, size := s[i], "", 1
		if c == '%' {
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return "", false
			}
			v, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			c, esc, size = byte(v), "%"+strings.ToUpper(s[i+1:i+3]), 3
		}
		if strings.IndexByte(reserved, c) >= 0 && strings.IndexByte(safe, c) >= 0 {
			if !flush() {
				return "", false
			}
			if esc != "" {
				out.WriteString(esc)
			} else {
				out.WriteByte(c)
			}
		} else {
			buf = append(buf, c)
		}
		i += size
	}
	if !flush() {
		return "", false
	}
	return out.String(), true
}

func isUnreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_.-~", c) >= 0
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
