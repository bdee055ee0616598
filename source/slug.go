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
	var b strings.Builder
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

// slugFromPath is the slug of a file that names none: its base name without
// the extension.
func slugFromPath(p string) string {
	base := path.Base(p)
	if s := slugify(strings.TrimSuffix(base, path.Ext(base))); s != "" {
		return s
	}
	return "article"
}
