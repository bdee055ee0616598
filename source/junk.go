package source

import (
	"bytes"
	"math/bits"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Scraped articles carry page furniture along with the text: share buttons,
// comment forms, "Source link" footers, bylines, timestamps, datelines and
// photo credits. junk.go decides what is furniture. It is deliberately
// conservative: a line is junk only when it is short and matches a known
// phrase or shape, so real sentences are never dropped. A sentence that
// merely starts like furniture ("By 2025, ...", "Published in 1850, ...",
// "Share prices fell ...") stays.
//
// Furniture comes in three places:
//   - whole lines anywhere ([isJunkLine]) and lines that start the page
//     footer, after which nothing belongs to the article ([isFooterStart]);
//   - bylines, timestamps and datelines at the head of the article
//     ([isByline], [cutHead]), where a dateline is cut from the first
//     sentence and the sentence kept;
//   - notices glued to the start of a paragraph by scrapers that drop line
//     breaks, such as "Share this withEmailFacebook...Copy this link" or
//     "Media playback is not supported on this device" ([cutGlued]).
//
// [stripFurniture] applies the last two to a list of paragraphs; the text
// parser and summaries both use it.

// footerStarts are lines after which nothing belongs to the article: the
// rest of the file is the page footer or the comment section.
var footerStarts = []string{
	"source link",
	"leave a reply",
	"leave a comment",
	"post a comment",
	"add a comment",
	"comments",
	"comments are closed",
	"join the conversation",
	"related posts",
	"related articles",
	"related stories",
	"related news",
	"related content",
	"related",
	"you may also like",
	"you might also like",
	"you may also be interested in",
	"more from",
	"more stories",
	"more on this story",
	"recommended for you",
	"recommended stories",
	"around the web",
	"from around the web",
	"promoted stories",
	"sponsored stories",
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
	"share or comment on this article",
	"copy this link",
	"copy link",
	"tweet",
	"email",
	"name",
	"comment",
	"print",
	"reply",
	"post comment",
	"submit comment",
	"show comments",
	"view comments",
	"load more comments",
	"read more",
	"read more:",
	"continue reading",
	"continue reading below",
	"continue reading the main story",
	"story continues below",
	"story continues below advertisement",
	"article continues below",
	"article continues after advertisement",
	"scroll to continue with content",
	"scroll down for video",
	"scroll down for videos",
	"skip to content",
	"skip advertisement",
	"back to top",
	"watch the video",
	"watch the video:",
	"image caption",
	"media caption",
	"media playback is not supported on this device",
	"media playback is unsupported on your device",
	"these are external links and will open in a separate window",
	"getty images",
	"reuters",
	"afp/getty images",
	"rex/shutterstock",
	"visit site",
	"published",
	"updated",
	"follow us",
	"website",
	"newsletter",
	"sign up",
	"subscribe",
	"most read",
	"most popular",
	"trending now",
	"top stories",
}

// junkPrefixes start lines that are furniture whatever follows, as long as the
// line is short. Each is specific enough that no sentence of news prose
// starts with it: "click here to " is, "posted on " is not.
var junkPrefixes = []string{
	"share this article",
	"click here to ",
	"click here for ",
	"sign up for ",
	"sign up to ",
	"subscribe to our ",
	"subscribe now",
	"join our newsletter",
	"get our newsletter",
	"newsletter sign up",
	"newsletter sign-up",
	"enter your email",
	"thank you for subscribing",
	"thanks for subscribing",
	"thanks for signing up",
	"by signing up",
	"by subscribing",
	"follow us on ",
	"follow @",
	"read more:",
	"read more at ",
	"read more about ",
	"read more from ",
	"read the full story",
	"read the full article",
	"related:",
	"see also:",
	"also read:",
	"watch:",
	"listen:",
	"listen to the full interview",
	"advertisement:",
	"advertisement -",
	"advertisement continue",
	"advertisement story continues",
	"this article was originally published",
	"this story was originally published",
	"this article originally appeared",
	"we use cookies",
	"this website uses cookies",
	"this site uses cookies",
	"accept cookies",
	"accept all cookies",
	"manage cookies",
	"cookie settings",
	"cookie policy",
	"copyright ©",
	"copyright (c)",
	"© ",
	"all rights reserved",
	"photo:",
	"photos:",
	"photo credit",
	"photograph:",
	"photographs:",
	"image:",
	"images:",
	"image source",
	"image copyright",
	"image caption ",
	"media caption ",
	"picture:",
	"pictures:",
	"pictured:",
	"credit:",
	"video:",
	"published:",
	"updated:",
	"last updated:",
	"last updated at ",
	"last updated on ",
	"posted:",
	"posted on:",
	"filed under:",
	"tags:",
	"topics:",
	"save my name, email",
	"notify me of ",
	"name *",
	"email *",
	"comment *",
	"name (required)",
	"mail (will not be published)",
	"email (will not be published)",
	"required fields are marked",
	"your email address will not be published",
	"you must be logged in",
	"log in to comment",
	"log in to reply",
	"previous article",
	"next article",
	"previous post",
	"next post",
}

var (
	// allRightsRE matches copyright lines such as "© 2025 Example News".
	allRightsRE = regexp.MustCompile(`(?i)^(copyright|©|\(c\))\s*\d{4}`)
	// cookieRE matches cookie notices that open with a common phrase.
	cookieRE = regexp.MustCompile(`(?i)^by (continuing|using|browsing)\b.*\b(site|website|cookies)\b`)
	// creditRE matches photo credits: "Jane Doe/Reuters", "AP Photo/Jane Doe",
	// "REUTERS/Jane Doe", "Getty Images/iStockphoto".
	creditRE = regexp.MustCompile(`(?i)^(?:[\p{L}.'’ -]{2,40}/\s*)?(?:reuters|ap|ap photo|afp|getty|getty images|epa|pa|pa wire|pa images|shutterstock|rex|rex features|alamy|istock|istockphoto|bloomberg|xinhua|anadolu agency)(?:\s*/\s*[\p{L}.'’ -]{2,40})?$`)
	// commentsRE matches comment counters such as "12 comments".
	commentsRE = regexp.MustCompile(`(?i)^(\d+ comments?|comments \(\d+\))$`)
)

// maxJunkWords bounds what can be called furniture: a line of more words is
// article text, whatever it starts with.
const maxJunkWords = 16

// maxNoticeWords bounds a copyright line, which may carry a long
// reproduction notice ("This material may not be published, broadcast,
// ..."), and a cookie notice.
const maxNoticeWords = 40

// longNotices start notices that run longer than other furniture.
var longNotices = []string{
	"we use cookies",
	"this website uses cookies",
	"this site uses cookies",
	"our website uses cookies",
	"this material may not be published",
}

// newsletterRE matches newsletter prompts, which may run long: "Subscribe
// to the Example Sport newsletter to get our pick of news sent to your inbox."
var newsletterRE = regexp.MustCompile(`^(?:subscribe to|sign up (?:for|to)|get) .*\b(?:newsletters?|inbox)\b`)

func isLongNotice(l string) bool {
	for _, p := range longNotices {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	// newsletterRE needs one of its opening words.
	return (strings.HasPrefix(l, "subscribe to ") || strings.HasPrefix(l, "sign up ") || strings.HasPrefix(l, "get ")) &&
		newsletterRE.MatchString(l)
}

// mayBeNotice reports whether t, trimmed by trimJunk, may be a copyright or
// long notice: it starts, in any case, as allRightsRE or isLongNotice
// needs. It spares lowercasing the many long lines of text.
func mayBeNotice(t string) bool {
	if t[0] >= utf8.RuneSelf {
		return true // "©", or a letter that lowercases to ASCII
	}
	if !noticeFirst[t[0]] {
		return false // most lines
	}
	first := t[0] | 0x20 // lower case, if a letter
	for _, p := range noticeStarts {
		if len(t) < len(p) || p[0] != first {
			continue
		}
		// A prefix that is not ASCII may lowercase to anything.
		if head := t[:len(p)]; !isASCII(head) || strings.EqualFold(head, p) {
			return true
		}
	}
	return false
}

// noticeStarts are how the notices of allRightsRE and isLongNotice start.
var noticeStarts = append([]string{"copyright", "(c)", "subscribe to ", "sign up ", "get "}, longNotices...)

// noticeFirst marks the bytes c for which c|0x20 starts one of
// noticeStarts, as mayBeNotice compares them.
var noticeFirst = func() (t [256]bool) {
	for c := range 256 {
		for _, p := range noticeStarts {
			t[c] = t[c] || byte(c)|0x20 == p[0]
		}
	}
	return t
}()

// isFooterStart reports whether line begins the page footer.
func isFooterStart(line string) bool {
	return isFooterStartTrimmed(trimJunk(line))
}

// isFooterStartTrimmed is isFooterStart for t, a line trimmed by trimJunk.
func isFooterStartTrimmed(t string) bool {
	// Lowercasing shrinks a rune to a third of its bytes at most (the
	// Kelvin sign), so a longer line matches no footerStarts; and only
	// "y" or "Y" lowercases to "y".
	if t == "" || len(t) > 3*maxFooterBytes && t[0]|0x20 != 'y' {
		return false
	}
	if len(t) > 3*maxFooterBytes {
		// Then only yourEmail can match, as a prefix. When t opens
		// with as many bytes of ASCII, strings.ToLower would lower
		// them alone, and they tell.
		if head := t[:len(yourEmail)]; isASCII(head) {
			return strings.EqualFold(head, yourEmail)
		}
	}
	var buf [128]byte // more than 3*maxFooterBytes
	if l, ok := appendLowerASCII(buf[:0], t); ok {
		// The lookup of string(l) does not copy l.
		return footerSet[string(l)] || bytes.HasPrefix(l, []byte(yourEmail))
	}
	l := strings.ToLower(t)
	return footerSet[l] || strings.HasPrefix(l, yourEmail)
}

// yourEmail starts a comment form's notice, however it goes on.
const yourEmail = "your email address will not be published"

// appendLowerASCII appends s in lower case to dst, if s is ASCII. It spares
// strings.ToLower's copy where dst is a buffer on the stack.
func appendLowerASCII(dst []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst, true
}

var (
	footerSet      = setOf(footerStarts)
	maxFooterBytes = maxLen(footerStarts)
)

// setOf returns a set of the strings in list.
func setOf(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}

// maxLen returns the length of the longest string in list.
func maxLen(list []string) int {
	n := 0
	for _, s := range list {
		n = max(n, len(s))
	}
	return n
}

// isJunkLine reports whether line is page furniture on its own.
func isJunkLine(line string) bool {
	return junkLine(line, trimJunk(line), false)
}

// junkLine is isJunkLine for line and t, trimJunk(line). collapsed reports
// that line is as collapseSpace leaves it, so that t's words are counted as
// its spaces and one.
func junkLine(line, t string, collapsed bool) bool {
	if len(line) > maxNoticeWords*20 {
		return false // far more than maxNoticeWords words of any language
	}
	// Most lines are sentences of text; they are told apart by their
	// length before anything is lowercased or matched.
	if t == "" {
		return false
	}
	// n counts t's words up to the limit for t: only a notice may have
	// more than maxJunkWords.
	var (
		n      int
		notice bool
	)
	if collapsed {
		// strings.Count takes many bytes at a step, and then a line of
		// text has too many words to be anything but a notice.
		n = min(strings.Count(t, " ")+1, maxNoticeWords+1)
		notice = n > maxJunkWords && n <= maxNoticeWords && mayBeNotice(t)
	} else {
		limit := maxJunkWords + 1
		if notice = mayBeNotice(t); notice {
			limit = maxNoticeWords + 1
		}
		n = countWordsUpTo(t, limit)
	}
	if n > maxNoticeWords || n > maxJunkWords && !notice {
		return false
	}
	l := strings.ToLower(t)
	if allRightsRE.MatchString(l) || isLongNotice(l) {
		return true
	}
	if n > maxJunkWords {
		return false
	}
	// A timestamp glued to a sentence is cut from it by cutHead; the
	// sentence is not junk.
	trimmed := strings.TrimSpace(line)
	if c, rest := cutStamps(trimmed); c != "" && rest != "" {
		return false
	}
	// Share buttons, "Media playback is not supported ..." and the like.
	if c, rest := cutGlued(trimmed); c != "" && rest == "" {
		return true
	}
	if junkSet[l] {
		return true
	}
	for _, p := range junkPrefixesBy[l[0]] {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	if n <= 10 && (isCredit(l) || isCaptionCredit(l)) {
		return true
	}
	if isStamp(trimmed) {
		return true
	}
	switch l[0] {
	case 'b': // cookieRE
		return cookieRE.MatchString(l)
	case 'c', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9': // commentsRE
		return commentsRE.MatchString(l)
	}
	return false
}

var junkSet = setOf(junkLines)

// junkPrefixesBy holds junkPrefixes by their first byte.
var junkPrefixesBy = func() (m [256][]string) {
	for _, p := range junkPrefixes {
		m[p[0]] = append(m[p[0]], p)
	}
	return m
}()

// isCredit is creditRE.MatchString(l) for a normalized l. Without a "/" the
// pattern is only an agency's name, which a set lookup finds; only ASCII
// text, as case folding in the pattern matches "ſ" for "s".
func isCredit(l string) bool {
	if strings.IndexByte(l, '/') < 0 && isASCII(l) {
		return creditNames[l]
	}
	return creditRE.MatchString(l)
}

var creditNames = setOf(strings.Fields("reuters ap afp getty epa pa shutterstock rex alamy istock istockphoto bloomberg xinhua"))

func init() {
	for _, n := range []string{"ap photo", "getty images", "pa wire", "pa images", "rex features", "anadolu agency"} {
		creditNames[n] = true
	}
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// countWordsUpTo is min(countWords(s), limit), and stops reading s near
// the limit. It runs over every line and sentence, so it takes 8 bytes at
// a step where none is a control or part of a rune that is not ASCII (see
// [plain8]); only the lead bytes marked maybeSpace may start white space
// that is not ASCII.
func countWordsUpTo(s string, limit int) int {
	n := 0
	prev := uint8(isSpace) // the class of the byte before
	for rest := s; rest != ""; {
		if len(rest) >= 8 {
			if x := load64(rest[:8]); plain8(x) {
				sp := plainSpaces8(x)
				// A word starts at each byte that is not a space and
				// follows one: the byte before is one byte lower.
				before := sp<<8 | uint64(prev)<<7
				n += bits.OnesCount64(before &^ sp & highs)
				prev = uint8(sp >> 63)
				rest = rest[8:]
				if n >= limit {
					return limit
				}
				continue
			}
		}
		class, size := spaceClass[rest[0]], 1
		if class == maybeSpace {
			class = notSpace
			if r, rs := utf8.DecodeRuneInString(rest); unicode.IsSpace(r) {
				class, size = isSpace, rs
			}
		}
		n += int(prev &^ class) // a word starts after a space
		prev = class
		rest = rest[size:]
	}
	return min(n, limit)
}

// plain8 reports whether none of the 8 bytes of x is below 0x20 or above
// 0x7F: then the only white space among them is spaces. A byte below 0x20
// borrows in x - 0x20*ones, and sets the high bit of the byte (the lowest
// such byte, at least, which is all the test needs).
func plain8(x uint64) bool {
	const ones = 0x0101010101010101
	return (x-0x20*ones|x)&highs == 0
}

// plainSpaces8 is spaces8 for x that passes plain8. No byte of x ^
// 0x20*ones then has its high bit set, and adding lows sets it in every
// byte but those that were spaces.
func plainSpaces8(x uint64) uint64 {
	const ones, lows = 0x0101010101010101, 0x7F7F7F7F7F7F7F7F
	return ^(x ^ 0x20*ones + lows) & highs
}

// spaces8 returns the high bit of each byte of x that is a space: x holds
// 8 bytes of printable ASCII read by load64, the first in the low byte.
func spaces8(x uint64) uint64 {
	const ones, lows = 0x0101010101010101, 0x7F7F7F7F7F7F7F7F
	z := x ^ 0x20*ones // zero where a space is
	return ^((z&lows + lows) | z) &^ lows
}

// highs are the high bits of the bytes of a uint64.
const highs = 0x8080808080808080

// The classes of bytes in spaceClass.
const (
	notSpace   = iota
	isSpace    // ASCII white space
	maybeSpace // the lead byte of U+0085, U+00A0, U+1680, U+2000-U+205F or U+3000
)

var spaceClass = func() (t [256]uint8) {
	for _, c := range "\t\n\v\f\r " {
		t[c] = isSpace
	}
	t[0xC2], t[0xE1], t[0xE2], t[0xE3] = maybeSpace, maybeSpace, maybeSpace, maybeSpace
	return t
}()

// isCaptionCredit reports a credit in brackets, as captions end: "(Image:
// Getty)", "(Photo: Jane Doe/AP)". l is normalized.
func isCaptionCredit(l string) bool {
	if !strings.HasPrefix(l, "(") || !strings.HasSuffix(l, ")") {
		return false
	}
	l = strings.TrimSpace(l[1 : len(l)-1])
	for _, p := range []string{"image:", "images:", "photo:", "photos:", "picture:", "pictures:", "pic:", "credit:", "photograph:"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return creditRE.MatchString(l)
}

// isByline reports whether line is a byline: "By Jane Doe", "BY JANE DOE
// and JOHN ROE, Reuters", "By . Daily Mail Reporter .", "By Jane Doe |
// Published: 10:32 BST, 5 May 2015", "By Jane Doe | March 5, 2019". The
// words after "By" must look like names, so "By Tuesday, the rebels had
// left" is not one.
func isByline(line string) bool {
	line = strings.TrimSpace(line)
	if len(line) < 4 || len(line) > maxBylineBytes || !strings.EqualFold(line[:2], "by") {
		return false
	}
	rest := line[2:]
	if r, _ := utf8.DecodeRuneInString(rest); r != ' ' && r != '.' && r != ':' {
		return false
	}
	// A timestamp may follow the names without a separator: "By Jane Doe
	// Published: 5 May 2015".
	if mayHoldStamp(rest) {
		if i := stampStartRE.FindStringIndex(rest); i != nil {
			if !isStamp(rest[i[0]:]) {
				return false
			}
			rest = rest[:i[0]]
		}
	}
	if hasYear(rest) {
		if m := trailingDateRE.FindStringIndex(rest); m != nil {
			rest = rest[:m[0]] // "By Jane Doe, March 5, 2019"
		}
	}
	parts := []string{rest}
	if strings.ContainsAny(rest, "|·•-–—") {
		parts = bylineSepRE.Split(rest, -1)
	}
	if !isNames(strings.Trim(parts[0], " .:,")) {
		return false
	}
	for _, p := range parts[1:] {
		if p = strings.Trim(p, " .,"); p != "" && !isNames(p) && !isDate(p) {
			return false
		}
	}
	return true
}

// mayHoldStamp reports whether s may hold a match of stampStartRE: it
// holds "published", "updated" or "posted" in any case, or it is not
// ASCII (case folding matches "ſ" for "s").
func mayHoldStamp(s string) bool {
	return !isASCII(s) || containsFoldASCII(s, "published") || containsFoldASCII(s, "updated") ||
		containsFoldASCII(s, "posted")
}

// containsFoldASCII reports whether s holds sub, a lower-case ASCII word,
// in any case. s is ASCII.
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i]|0x20 == sub[0] && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// maxBylineBytes is longer than any byline, names, roles and dates together.
const maxBylineBytes = 300

// trailingDateRE finds a date that ends a byline.
var trailingDateRE = regexp.MustCompile(`[\s,|·•–—-]+(?i:on\s+)?(?i:` + dateTimePat + `)\.?$`)

// bylineSepRE splits a byline into names, roles and dates.
var bylineSepRE = regexp.MustCompile(`\s*[|·•]\s*|\s+[-–—]\s+`)

// stampStartRE finds where a timestamp starts after a byline.
var stampStartRE = regexp.MustCompile(`(?i)(?:^|[\s|.·•,-])(?:published|updated|posted|last updated)\b`)

// isDate reports whether s is a date and perhaps a time, and nothing more.
func isDate(s string) bool {
	// Whatever its form, a date and time is a few words with a year; the
	// pattern is slow to try, even on a paragraph it fails at once.
	return mayStartDate(s) && countWordsUpTo(s, maxDateWords+1) <= maxDateWords && hasYear(s) &&
		dateOnlyRE.MatchString(s)
}

// maxDateWords is more than the words dateTimePat may match: "12:01 a.m.
// GMT , on Thursday, 5th of March 2013 , at 12:01 a.m. GMT" is 16.
const maxDateWords = 20

// mayStartDate reports whether s starts as dateTimePat may: with a digit,
// or the first letter of a day's or a month's name in either case.
func mayStartDate(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[0]; {
	case '0' <= c && c <= '9', c >= utf8.RuneSelf: // "ſ" folds to "s"
		return true
	default:
		return strings.IndexByte("mtwfsjaond", c|0x20) >= 0
	}
}

var dateOnlyRE = regexp.MustCompile(`^(?i:` + dateTimePat + `)$`)

// nameConnectors are the lower-case words a list of names and roles may hold.
var nameConnectors = map[string]bool{
	"and": true, "&": true, "for": true, "in": true, "at": true, "of": true, "from": true, "with": true,
	"de": true, "da": true, "di": true, "du": true, "del": true, "der": true, "van": true, "von": true,
	"la": true, "le": true, "bin": true, "al": true, "y": true, "the": true,
	"and,": true, "additional": true, "reporting": true, "by": true, "staff": true, "writer": true,
	"reporter": true, "correspondent": true, "editor": true, "contributor": true,
}

// isNames reports whether s reads as a list of people (and perhaps their
// roles or outlet): at most 12 words, each capitalized or a connector,
// with no sentence ending inside.
func isNames(s string) bool {
	s = strings.ReplaceAll(s, " . ", " ")
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 12 {
		return false
	}
	capital := 0
	for _, w := range f {
		w = strings.Trim(w, ",;|·•()")
		if w == "" || w == "-" || w == "–" || w == "—" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			// A capitalized word ending a sentence ("Doe. The") is not a
			// name; an initial ("J.") or "Jr." is.
			if strings.HasSuffix(w, ".") && utf8.RuneCountInString(w) > 3 && !isInitials(w) {
				return false
			}
			capital++
		case nameConnectors[strings.ToLower(w)]:
		default:
			return false
		}
	}
	return capital > 0
}

// isInitials reports whether w is initials such as "J." or "J.R.".
func isInitials(w string) bool {
	for _, part := range strings.Split(strings.TrimSuffix(w, "."), ".") {
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
	}
	return true
}

// trimJunk trims space and the decoration (bullets, pipes, arrows) that
// furniture often carries. Lines are compared with the lists above in
// lower case, strings.ToLower(trimJunk(line)), which is the same as
// trimming the lowercased line: no letter lowercases to white space or
// decoration.
func trimJunk(line string) string {
	// Most lines start and end with a letter or a full stop: nothing to
	// trim, which two bytes tell.
	if line != "" && !junkEdge[line[0]] && !junkEdge[line[len(line)-1]] {
		return line
	}
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(line), junkDecoration))
}

const junkDecoration = " \t•·|»«›‹>-–—*#[]"

// junkEdge marks the bytes that trimJunk may trim from either end: the ASCII
// white space and decoration, and every byte of a rune that is not ASCII.
var junkEdge = func() (t [256]bool) {
	for _, c := range "\t\n\v\f\r " + junkDecoration {
		if c < utf8.RuneSelf {
			t[c] = true
		}
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// Head and glued furniture.

// Date and time pieces shared by the timestamp and dateline patterns.
const (
	monthPat = `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)`
	dayPat   = `(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+)`
	zonePat  = `(?:GMT|UTC|BST|CEST|CET|EEST|EET|EDT|EST|CDT|CST|MDT|MST|PDT|PST|AEDT|AEST|IST|ET|PT)`
	timePat  = `(?:\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*` + zonePat + `)?)`
	// datePat is a full date: "5 March 2013", "1st May 2011", "March 5,
	// 2013", "Mar. 5 2013", "2013-03-05".
	datePat = `(?:` + dayPat + `?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthPat + `\.?,?\s+\d{4}|` +
		monthPat + `\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})|\d{4}-\d{2}-\d{2})`
	// dateTimePat is a date with an optional time before or after it:
	// "12:01 EST, 5 March 2013", "4:31 PM on 1st May 2011", "5 May 2015 10:32".
	dateTimePat = `(?:(?:` + timePat + `\s*,?\s*(?:on\s+)?)?` + datePat + `(?:\s*,?\s*(?:at\s+)?` + timePat + `)?)`
	// shortDatePat is a date without a year, as datelines carry: "March 5".
	shortDatePat = `(?:` + monthPat + `\.?\s+\d{1,2}|\d{1,2}\s+` + monthPat + `)`
)

var (
	// stampRE matches a timestamp at the start of a paragraph: "Published:
	// 10:32 BST, 5 May 2015", "PUBLISHED: . 12:01 EST, 5 March 2013 .",
	// "Last updated at 4:31 PM on 1st May 2011", "Updated 5 May 2015".
	stampRE = regexp.MustCompile(`^(?i:published|updated|posted|last updated|first published)(?:\s*:|\s+(?i:at|on))?[\s.:]*` + dateTimePat + `[\s.]*`)
	// updatedAtRE matches BBC's "18 March 2014 Last updated at 09:22 GMT".
	updatedAtRE = regexp.MustCompile(`^` + datePat + `\s+Last updated at\s+` + timePat + `\s*`)
	// placePat is a place name of up to four words, allowing "St." and
	// lower-case particles ("Rio de Janeiro").
	placePat = `[\p{Lu}][\p{L}.'’-]*(?:\s+(?:[\p{Lu}][\p{L}.'’-]*|de|da|do|del|la|el|al|of|upon|am|an|sur|en)){0,3}`
	// agencyDatelineRE matches a dateline that names a news agency:
	// "(CNN)", "(CNN) -- ", "Boston (CNN)", "WASHINGTON (Reuters) - ",
	// "LONDON, England (CNN) -- ", "NEW YORK, March 5 (Reuters) -".
	agencyDatelineRE = regexp.MustCompile(`^(?:(` + placePat + `(?:,\s*` + placePat + `){0,2}(?:,?\s+` + shortDatePat + `(?:,?\s+\d{4})?)?)\s*)?` +
		`\((?:CNN|CNN Money|CNNMoney|CNN Business|CNN Style|CNN Travel|Reuters|AP|The Associated Press|Associated Press|AFP|UPI|Bloomberg|dpa|DPA|EFE|Xinhua|PA|IANS|PTI|ANI|Kyodo|Yonhap|TASS|Interfax|ANSA|AAP|CP|The Canadian Press|Canadian Press|CNET|EW\.com|Mashable|WIRED|Health\.com|Time\.com|People\.com|RTTNews)\)\s*(?:--|—|–|-|:)?\s*`)
	// capsDatelineRE matches a dateline of a place in capitals and a dash:
	// "WASHINGTON — ", "ST. LOUIS -- ", "KABUL, Afghanistan, May 5 - ".
	capsDatelineRE = regexp.MustCompile(`^\p{Lu}[\p{Lu}.'’-]+(?:\s+\p{Lu}[\p{Lu}.'’-]*){0,3}(?:,\s*` + placePat + `){0,2}(?:,?\s+` + shortDatePat + `(?:,?\s+\d{4})?)?\s*(?:--|—|–|-)\s+`)
	// placeLineRE matches a paragraph that is only a place, as when a
	// dateline's place was split from its "(CNN)": "New Delhi, India".
	placeLineRE = regexp.MustCompile(`^` + placePat + `(?:,\s*` + placePat + `){0,2}$`)

	// gluedRE matches notices that scrapers glue to the start of any
	// paragraph: BBC share buttons ("Share this withEmailFacebook...Copy
	// this link", and the Welsh "Rhannu hwn ar..."), "These are external
	// links and will open in a separate window", "Media playback is not
	// supported on this device", "Scroll down for video" and CNN's "Watch
	// the video:" before a video's one-line description.
	gluedRE = regexp.MustCompile(`^(?:` +
		`Share this with\s*(?:(?:Email|Facebook|Messenger|Twitter|Pinterest|WhatsApp|Whatsapp|LinkedIn|Linkedin|Reddit|Tumblr|Telegram|Flipboard)\s*)*(?:Copy this link\s*)?|` +
		`Rhannu hwn ar\s*(?:(?:Ebost|E-bost|Facebook|Messenger|Twitter|WhatsApp|Pinterest|LinkedIn)\s*)*(?:Copïo’r ddolen yma\s*)?|` +
		`These are external links and will open in a separate window\s*|` +
		`Mae’r rhain yn ddolenni allanol ac yn agor mewn ffenest newydd\s*|` +
		`Media playback is (?:not supported|unsupported) on (?:this|your) device\s*|` +
		`Scroll down for (?:video|videos)\s*[.:]?\s*|` +
		`Watch the video:\s*)+`)
)

// gluedStarts are how the notices of gluedRE start.
var gluedStarts = []string{
	"Share this with", "Rhannu hwn ar", "These are external links", "Mae’r rhain yn",
	"Media playback is ", "Scroll down for ", "Watch the video:",
}

// hasGluedStart reports whether p starts with one of gluedStarts, as
// gluedRE needs: most paragraphs never reach the pattern.
func hasGluedStart(p string) bool {
	switch {
	case p == "":
		return false
	case strings.IndexByte("SRTMW", p[0]) < 0:
		return false
	}
	for _, g := range gluedStarts {
		if strings.HasPrefix(p, g) {
			return true
		}
	}
	return false
}

// isStamp reports whether s is a timestamp line and nothing more:
// "Published: 10:32 BST, 5 May 2015 | Updated: 11:02 BST, 5 May 2015".
func isStamp(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	if c := s[0] | 0x20; (c == 'p' || c == 'u' || c == 'l') && relStampRE.MatchString(s) {
		return true
	}
	cut, rest := cutStamps(s)
	return cut != "" && rest == ""
}

// relStampRE matches a timestamp relative to the time of scraping:
// "Published 3 hours ago", "Updated: 12 mins ago".
var relStampRE = regexp.MustCompile(`(?i)^(?:published|updated|posted|last updated)\s*:?\s*(?:\d+|an?)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\.?$`)

// cutStamps cuts the run of timestamps that starts s, with the pipes and
// dots between them, and returns it and the rest. A stamp followed by a
// lower-case word or a comma opens a sentence ("Published on 5 May 2015,
// the report found ..."), so it is left alone.
func cutStamps(s string) (cut, rest string) {
	rest = s
	for rest != "" {
		// Only a few lines start like a stamp; the patterns are slow.
		var m []int
		if c := rest[0] | 0x20; c == 'p' || c == 'u' || c == 'l' || c == 'f' {
			m = stampRE.FindStringIndex(rest)
		}
		if m == nil && strings.Contains(rest, "Last updated at") {
			m = updatedAtRE.FindStringIndex(rest)
		}
		if m == nil {
			break
		}
		if strings.HasSuffix(strings.TrimSpace(rest[:m[1]]), ",") {
			break
		}
		after := strings.TrimLeft(rest[m[1]:], " .|·•")
		if after != "" && !opensSentence(after) {
			break
		}
		rest = after
	}
	return strings.TrimSpace(strings.TrimSuffix(s, rest)), rest
}

// opensSentence reports whether s may be the start of a sentence left
// behind once furniture is cut from its front: it starts with a capital, a
// digit or an opening quote or bracket, and not with punctuation that would
// show the cut fell inside a sentence.
func opensSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'“‘(«¿¡", r)
}

// cutGlued cuts the notices glued to the start of a paragraph (see
// gluedRE) and returns them and the rest of the paragraph.
func cutGlued(p string) (cut, rest string) {
	if !hasGluedStart(p) {
		return "", p
	}
	m := gluedRE.FindStringIndex(p)
	if m == nil || m[1] == 0 {
		return "", p
	}
	rest = strings.TrimSpace(p[m[1]:])
	if rest != "" && !opensSentence(rest) {
		return "", p
	}
	return strings.TrimSpace(p[:m[1]]), rest
}

// cutHeadJunk cuts the furniture that may open an article's first
// paragraph: glued notices, Daily Mail bylines ("By . Jane Doe . "),
// timestamps, and one dateline. It returns the pieces cut, in order, and
// the rest, which is empty when the paragraph was all furniture.
func cutHeadJunk(p string) (cut []string, rest string) {
	rest = p
	dateline := false
	// A head holds a few pieces of furniture; the bound keeps a file of
	// thousands of them from taking quadratic time.
	for rest != "" && len(cut) < maxHeadPieces {
		if c, r := cutGlued(rest); c != "" {
			cut, rest = append(cut, c), r
			continue
		}
		if c, r := cutDMByline(rest); c != "" {
			cut, rest = append(cut, c), r
			continue
		}
		if isByline(rest) {
			cut, rest = append(cut, rest), ""
			break
		}
		if c, r := cutStamps(rest); c != "" {
			cut, rest = append(cut, c), r
			continue
		}
		if !dateline {
			if c, r := cutDateline(rest); c != "" {
				cut, rest, dateline = append(cut, c), r, true
				continue
			}
		}
		break
	}
	return cut, rest
}

// maxHeadPieces bounds the pieces cutHeadJunk cuts from one paragraph.
const maxHeadPieces = 8

// cutDMByline cuts a Daily Mail byline from the start of p: "By . Jane
// Doe . ", "By . Jane Doe and . John Roe . ", "By . Jane Doe for MailOnline
// . " (the page's line breaks became " . "). What is left must open a
// sentence or a timestamp, or be empty.
func cutDMByline(p string) (cut, rest string) {
	if len(p) < 3 || p[0]|0x20 != 'b' {
		return "", p
	}
	m := dmByRE.FindStringIndex(p)
	if m == nil {
		return "", p
	}
	rest = p[m[1]:]
	var names []string
	for {
		seg, after, ok := strings.Cut(rest, " .")
		if !ok || len(seg) > 60 || !isNames(seg) {
			break
		}
		names = append(names, seg)
		rest = strings.TrimLeft(after, " ")
		w := strings.Fields(seg)
		if !strings.EqualFold(w[len(w)-1], "and") && !(len(rest) > 4 && strings.EqualFold(rest[:4], "and ")) {
			break
		}
	}
	rest = strings.TrimSpace(rest)
	if len(names) == 0 || rest != "" && !opensSentence(rest) {
		return "", p
	}
	return strings.TrimSpace(strings.TrimSuffix(p, rest)), rest
}

var dmByRE = regexp.MustCompile(`^(?i:by)\s*\.\s+`)

// cutDateline cuts a dateline from the start of p: "WASHINGTON (Reuters) -
// The U.N. said ..." gives "WASHINGTON (Reuters) -" and "The U.N. said ...".
// What is left must open a sentence, or be empty when the dateline stood
// on its own line.
func cutDateline(p string) (cut, rest string) {
	// Both patterns start with a capital, or an agency's bracket.
	r, size := utf8.DecodeRuneInString(p)
	if r != '(' && !unicode.IsUpper(r) {
		return "", p
	}
	// The agency's bracket comes after 15 words at most: three places of
	// four words and a date.
	var m []int
	if i := strings.IndexByte(p, '('); i >= 0 && countWordsUpTo(p[:i], 16) <= 15 {
		m = agencyDatelineRE.FindStringIndex(p)
	}
	if r2, _ := utf8.DecodeRuneInString(p[size:]); m == nil && unicode.IsUpper(r) && (unicode.IsUpper(r2) || strings.ContainsRune(".'’-", r2)) {
		// A place in capitals needs four letters at least, so that "US -
		// Mexico talks resumed" is not taken for a dateline.
		if m = capsDatelineRE.FindStringIndex(p); m != nil && capitals(p[:m[1]]) < 4 {
			m = nil
		}
	}
	if m == nil {
		return "", p
	}
	rest = strings.TrimSpace(p[m[1]:])
	if rest != "" && !opensSentence(rest) {
		return "", p
	}
	return strings.TrimSpace(p[:m[1]]), rest
}

// capitals counts the upper-case letters in s.
func capitals(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

// isHeadJunk reports whether paragraph p, standing before any article
// text, is furniture: a junk line, a byline, a timestamp, a date on its
// own, a caption's label ("Fighter ace:"), or the place of a dateline
// split from its agency. next is the paragraph after p, or "": a line that
// is only a place is the first half of a dateline when next opens with
// "(CNN)".
func isHeadJunk(p, next string) bool {
	if isJunkLine(p) || isByline(p) || isDate(strings.TrimRight(p, " .")) {
		return true
	}
	// A label of a few words and a colon over a photo: "Fighter ace:".
	if next != "" && strings.HasSuffix(p, ":") && countWordsUpTo(p, 5) <= 4 && !strings.ContainsAny(p, ".!?\"“") {
		return true
	}
	if countWordsUpTo(p, 6) <= 5 && placeLineRE.MatchString(p) {
		if m := agencyDatelineRE.FindStringSubmatchIndex(next); m != nil && m[0] == 0 && m[2] < 0 {
			return true
		}
	}
	return false
}

// cutHead finds the furniture at the head of an article: leading
// paragraphs that are bylines, timestamps, datelines or junk, and the
// byline, timestamp or dateline glued to the start of the first paragraph
// of text, whose sentence is kept. paras[first] is that paragraph, and rest
// what is left of it; cut lists the pieces cut, in order. first is
// len(paras) when every paragraph is furniture.
func cutHead(paras []string) (first int, rest string, cut []string) {
	for i, p := range paras {
		next := ""
		if i+1 < len(paras) {
			next = paras[i+1]
		}
		c, rest := cutHeadStep(p, next)
		cut = append(cut, c...)
		if rest != "" {
			return i, rest, cut
		}
	}
	return len(paras), "", cut
}

// cutHeadStep is cutHead's look at one paragraph, p, followed by next: what
// it cuts, and the text that remains if p opens the article.
func cutHeadStep(p, next string) (cut []string, rest string) {
	if isHeadJunk(p, next) {
		return []string{p}, ""
	}
	return cutHeadJunk(p)
}

// headCutter finds what cutHead does while the paragraphs are still being
// read, for a reader that stops once the first paragraph of text is known.
type headCutter struct {
	first int      // the paragraph looked at next; the first of text once found
	rest  string   // what remains of it, once found
	cut   []string // what was cut so far
}

// look looks at the paragraphs it can decide on, each with the one after
// it, and reports whether the first paragraph of text is found: then
// cutHead of paras and of any paragraphs added after them gives first,
// rest and cut.
func (h *headCutter) look(paras []string) bool {
	for h.rest == "" && h.first+1 < len(paras) {
		c, rest := cutHeadStep(paras[h.first], paras[h.first+1])
		h.cut = append(h.cut, c...)
		if h.rest = rest; rest == "" {
			h.first++
		}
	}
	return h.rest != ""
}

// stripFurniture returns paras without the furniture at the article's head
// (see [cutHead]) and without the notices glued to the start of later
// paragraphs (see [cutGlued]); paragraphs left empty are removed. It is
// what summaries read, so that a summary never opens with a dateline, a
// byline or a share button. Junk lines in the middle of the text are left
// for the caller to skip.
func stripFurniture(paras []string) []string {
	first, rest, _ := cutHead(paras)
	if first == len(paras) {
		return nil
	}
	out := make([]string, 0, len(paras)-first)
	out = append(out, rest)
	for _, p := range paras[first+1:] {
		if _, r := cutGlued(p); r != "" {
			out = append(out, r)
		}
	}
	return out
}
