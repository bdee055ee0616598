package source

import (
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
	return newsletterRE.MatchString(l)
}

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
	if len(line) > maxNoticeWords*20 {
		return false // far more than maxNoticeWords words of any language
	}
	l := normalizeJunk(line)
	if l == "" {
		return false
	}
	n := len(strings.Fields(l))
	if n <= maxNoticeWords && (allRightsRE.MatchString(l) || isLongNotice(l)) {
		return true
	}
	if n > maxJunkWords {
		return false
	}
	// A timestamp glued to a sentence is cut from it by cutHead; the
	// sentence is not junk.
	if c, rest := cutStamps(strings.TrimSpace(line)); c != "" && rest != "" {
		return false
	}
	// Share buttons, "Media playback is not supported ..." and the like.
	if c, rest := cutGlued(strings.TrimSpace(line)); c != "" && rest == "" {
		return true
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
	if n <= 10 && (creditRE.MatchString(l) || isCaptionCredit(l)) {
		return true
	}
	if isStamp(line) {
		return true
	}
	return cookieRE.MatchString(l) || commentsRE.MatchString(l)
}

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
	if i := stampStartRE.FindStringIndex(rest); i != nil {
		if !isStamp(rest[i[0]:]) {
			return false
		}
		rest = rest[:i[0]]
	}
	if m := trailingDateRE.FindStringIndex(rest); m != nil {
		rest = rest[:m[0]] // "By Jane Doe, March 5, 2019"
	}
	parts := bylineSepRE.Split(rest, -1)
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
	return dateOnlyRE.MatchString(s)
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

// normalizeJunk lowercases line and trims space and the decoration
// (bullets, pipes, arrows) that furniture often carries.
func normalizeJunk(line string) string {
	l := strings.ToLower(strings.TrimSpace(line))
	l = strings.Trim(l, " \t•·|»«›‹>-–—*#[]")
	return strings.TrimSpace(l)
}

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

// isStamp reports whether s is a timestamp line and nothing more:
// "Published: 10:32 BST, 5 May 2015 | Updated: 11:02 BST, 5 May 2015".
func isStamp(s string) bool {
	s = strings.TrimSpace(s)
	if relStampRE.MatchString(s) {
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
	for {
		m := stampRE.FindStringIndex(rest)
		if m == nil {
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
	m := agencyDatelineRE.FindStringIndex(p)
	if m == nil {
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
	if next != "" && strings.HasSuffix(p, ":") && len(strings.Fields(p)) <= 4 && !strings.ContainsAny(p, ".!?\"“") {
		return true
	}
	if placeLineRE.MatchString(p) && len(strings.Fields(p)) <= 5 {
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
		if isHeadJunk(p, next) {
			cut = append(cut, p)
			continue
		}
		c, rest := cutHeadJunk(p)
		cut = append(cut, c...)
		if rest != "" {
			return i, rest, cut
		}
	}
	return len(paras), "", cut
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
