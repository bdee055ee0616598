package source

import (
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// slugify makes a URL path segment of s: lower case letters and digits
// joined by single hyphens, accents removed.
func slugify(s string) string {
	if isSlug(s) {
		return s // most file names and front matter slugs are slugs already
	}
	return slugifyRunes(s)
}

// slugifyRunes is slugify for any text.
func slugifyRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s)) // ASCII, as most are, comes out no longer
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent: "é" becomes "e"
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	return b.String()
}

// isSlug reports whether slugify(s) is s: ASCII lower case letters and
// digits joined by single hyphens. Such text has nothing for slugify to
// change, and is common enough to be worth checking for first.
func isSlug(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && i > 0 && i < len(s)-1 && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// slugFromPath is the slug of a file that names none: its base name without
// the extension.
func slugFromPath(p string) string {
	base := path.Base(p)
	if s := slugify(strings.TrimSuffix(base, path.Ext(base))); s != "" {
		return s
	}
	return "article"
}
