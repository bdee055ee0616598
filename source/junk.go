package source

import (
	"regexp"
	"strings"
)

// Scraped articles carry page furniture along with the text: share buttons,
// comment forms, "Source link" footers, bylines. junk.go decides which lines
// are furniture. It is deliberately conservative: a line is junk only when it
// is short and matches a known phrase, so real sentences are never dropped.

// footerStarts are lines after which nothing belongs to the article: the
// rest of the file is the page footer or the comment section.
var footerStarts = []string{
	"source link",
	"leave a reply",
	"leave a comment",
	"post a comment",
	"add a comment",
	"comments",
	"related posts",
	"related articles",
	"related stories",
	"related news",
	"related",
	"you may also like",
	"you might also like",
	"more from",
	"recommended for you",
	"share this:",
	"like this:",
	"about the author",
	"cancel reply",
	"your email address will not be published",
	"you must be logged in to post a comment",
}

// junkLines are whole lines of furniture that may stand anywhere.
var junkLines = []string{
	"advertisement",
	"advertisement:",
	"ad",
	"sponsored",
	"sponsored content",
	"share",
	"share this",
	"share this article",
	"share this story",
	"share on facebook",
	"share on twitter",
	"tweet",
	"email",
	"print",
	"read more",
	"read more:",
	"continue reading",
	"continue reading below",
	"story continues below",
	"article continues below",
	"scroll to continue with content",
	"skip to content",
	"skip advertisement",
	"image caption",
	"media caption",
	"getty images",
	"published",
	"updated",
	"follow us",
	"website",
}

// junkPrefixes start lines that are furniture whatever follows, as long as the
// line is short.
var junkPrefixes = []string{
	"share this with ",
	"share this article",
	"click here to ",
	"click here for ",
	"sign up for ",
	"sign up to ",
	"subscribe to ",
	"subscribe now",
	"join our newsletter",
	"get our newsletter",
	"follow us on ",
	"follow @",
	"read more:",
	"read more at ",
	"read more about ",
	"read the full ",
	"related:",
	"see also:",
	"watch:",
	"listen:",
	"advertisement",
	"this article was originally published",
	"originally published",
	"we use cookies",
	"this website uses cookies",
	"this site uses cookies",
	"by continuing to use",
	"accept cookies",
	"copyright ©",
	"copyright (c)",
	"© ",
	"all rights reserved",
	"photo:",
	"photo credit",
	"photograph:",
	"image:",
	"image source",
	"picture:",
	"credit:",
	"published:",
	"updated:",
	"last updated",
	"posted on ",
	"posted by ",
	"filed under",
	"tags:",
	"topics:",
	"save my name, email",
	"notify me of ",
	"name *",
	"email *",
	"comment *",
	"required fields are marked",
	"your email address will not be published",
	"previous article",
	"next article",
	"previous post",
	"next post",
}

var (
	// bylineRE matches "By Jane Doe", "By . Daily Mail Reporter .", "By JANE DOE and
	// JOHN ROE, Reuters": a short line that starts with "By" and names people.
	bylineRE = regexp.MustCompile(`^(?i:by)\s+[\p{Lu}.][^.!?]{0,80}$|^(?i:by)\s*\.\s.{0,80}$`)
	// allRightsRE matches copyright lines such as "© 2025 Example News".
	allRightsRE = regexp.MustCompile(`(?i)^(copyright|©|\(c\))\s*\d{4}`)
)

// maxJunkWords bounds what can be called furniture: a line of more words is
// article text, whatever it starts with.
const maxJunkWords = 16

// isFooterStart reports whether line begins the page footer.
func isFooterStart(line string) bool {
	l := normalizeJunk(line)
	for _, f := range footerStarts {
		if l == f {
			return true
		}
	}
	return strings.HasPrefix(l, "your email address will not be published")
}

// isJunkLine reports whether line is page furniture on its own.
func isJunkLine(line string) bool {
	l := normalizeJunk(line)
	if l == "" {
		return false
	}
	if len(strings.Fields(l)) > maxJunkWords {
		return false
	}
	for _, j := range junkLines {
		if l == j {
			return true
		}
	}
	for _, p := range junkPrefixes {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return allRightsRE.MatchString(l)
}

// isByline reports whether line is a byline such as "By Jane Doe".
func isByline(line string) bool {
	line = strings.TrimSpace(line)
	if len(strings.Fields(line)) > 12 {
		return false
	}
	return bylineRE.MatchString(line)
}

// normalizeJunk lowercases line and trims space and the decoration
// (bullets, pipes, arrows) that furniture often carries.
func normalizeJunk(line string) string {
	l := strings.ToLower(strings.TrimSpace(line))
	l = strings.Trim(l, " \t•·|»«›‹>-–—*#[]")
	return strings.TrimSpace(l)
}
