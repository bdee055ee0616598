package source

import (
	"errors"
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ErrNoTitle reports an article with no line, heading or tag to take a title from.
var ErrNoTitle = errors.New("no title: the first line (or a title in front matter, or a heading) must name the article")

// block is a run of non-blank lines in a plain-text article.
type block struct {
	text      string
	multiLine bool // joined from more than one line
	heading   bool
}

// Headings are short: a line of more words or characters is a paragraph.
const (
	maxHeadingWords = 14
	maxHeadingRunes = 100
)

// parseText reads a plain-text article in the shape of a scraped news story:
// the title on the first non-empty line, paragraphs separated by blank lines,
// short unpunctuated lines between paragraphs as subheadings, and page
// furniture (bylines, timestamps, datelines, share buttons, comment forms,
// footers) removed and listed in a.Dropped. A date in a byline, timestamp
// or dateline at the head becomes a.Published. It returns the paragraphs,
// for the summary, only when full is set: Scan reads the title and the date,
// and stops at the first paragraph of text.
func parseText(a *Article, s string, full bool) ([]string, error) {
	var title string
	for strings.TrimSpace(title) == "" {
		if s == "" {
			return nil, ErrEmpty
		}
		title, s, _ = strings.Cut(s, "\n")
	}
	a.Title = collapseSpace(stripMarkup(title))

	// Split the body into blocks of lines, dropping junk lines. Each
	// dropped line is kept with the number of blocks before it, so that
	// a.Dropped can list everything in file order.
	type drop struct {
		at   int
		text string
	}
	// Blocks stand between blank lines: there are at most half as many as
	// lines, and one more. Scan reads a few of them.
	n := 8
	if full {
		n = strings.Count(s, "\n")/2 + 1
	}
	var (
		texts  = make([]string, 0, n)
		multi  []int     // the indices in texts of blocks of several lines
		buf    [8]string // cur's first lines: most blocks are one line
		cur    = buf[:0]
		drops  []drop
		footer string // the lines from the footer's start on, if any
	)
	flush := func() {
		switch len(cur) {
		case 0:
			return
		case 1:
			texts = append(texts, cur[0])
		default:
			multi = append(multi, len(texts))
			texts = append(texts, strings.Join(cur, " "))
		}
		cur = cur[:0]
	}
	// Few files hold markup: look for it in every line only when the
	// whole text has some.
	markup := strings.IndexByte(s, '<') >= 0 || strings.IndexByte(s, '&') >= 0
	// Scan needs only the title and the date, which only the furniture
	// before the first paragraph of text can give: it stops reading once
	// that paragraph is known.
	var head headCutter
	found := false
	for rest := s; rest != ""; {
		raw := rest
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if markup {
			line = stripMarkup(line)
		}
		if line = collapseSpace(line); line == "" {
			flush()
			if found = !full && head.look(texts); found {
				break
			}
			continue
		}
		// Both tests below compare the line trimmed of decoration.
		t := trimJunk(line)
		if isFooterStartTrimmed(t) {
			flush()
			footer = raw
			break
		}
		if junkLine(line, t, true) || len(texts) == 0 && len(cur) == 0 && isByline(line) {
			drops = append(drops, drop{len(texts), line})
			continue
		}
		cur = append(cur, line)
	}
	flush()

	// Cut the furniture at the head and that glued to later blocks.
	first, lead, headCut := head.first, head.rest, head.cut
	if !found {
		first, lead, headCut = cutHead(texts)
	}
	// The footer's lines are dropped after every block. Scan needs them
	// only when nothing but furniture came before, to date the article.
	if footer != "" && (full || first == len(texts) && a.Published.IsZero()) {
		for l := range strings.SplitSeq(footer, "\n") {
			if l = collapseSpace(l); l != "" {
				drops = append(drops, drop{len(texts), l})
			}
		}
	}
	if a.Published.IsZero() {
		// Only what stood before the first paragraph of text can date it:
		// the lines dropped before it, in file order, then what was cut
		// from its head.
		for _, dr := range drops {
			if dr.at > first {
				break
			}
			if t, ok := dateIn(dr.text); ok {
				a.Published = t
				break
			}
		}
		for _, h := range headCut {
			if !a.Published.IsZero() {
				break
			}
			if t, ok := dateIn(h); ok {
				a.Published = t
			}
		}
	}

	if !full {
		return nil, nil // Scan: the rest is for the summary and the content
	}

	blocks := make([]block, 0, len(texts)-min(first, len(texts)))
	var dropped []string
	d := 0
	dropUpTo := func(n int) {
		for ; d < len(drops) && drops[d].at <= n; d++ {
			dropped = append(dropped, drops[d].text)
		}
	}
	dropUpTo(first)
	dropped = append(dropped, headCut...)
	// isMulti reports whether texts[k] is of several lines; k grows.
	isMulti := func(k int) bool {
		for len(multi) > 0 && multi[0] < k {
			multi = multi[1:]
		}
		return len(multi) > 0 && multi[0] == k
	}
	if first < len(texts) {
		blocks = append(blocks, block{text: lead, multiLine: isMulti(first)})
		for k := first + 1; k < len(texts); k++ {
			c, r := cutGlued(texts[k])
			dropUpTo(k)
			if c != "" {
				dropped = append(dropped, c)
			}
			if r != "" {
				blocks = append(blocks, block{text: r, multiLine: isMulti(k)})
			}
		}
	}
	dropUpTo(len(texts))
	a.Dropped = append(a.Dropped, dropped...)

	markHeadings(blocks)

	// The paragraphs take the place of texts, which are all in blocks.
	paras := texts[:0]
	for _, b := range blocks {
		if !b.heading {
			paras = append(paras, b.text)
		}
	}
	a.Content = renderBlocks(blocks)
	return paras, nil
}

// renderBlocks writes blocks as HTML paragraphs and subheadings.
func renderBlocks(blocks []block) string {
	var body strings.Builder
	n := 0
	for _, b := range blocks {
		n += len(b.text) + len("<h2></h2>\n")
	}
	body.Grow(n) // escaping may add more
	for _, b := range blocks {
		open, end := "<p>", "</p>\n"
		if b.heading {
			open, end = "<h2>", "</h2>\n"
		}
		body.WriteString(open)
		body.WriteString(html.EscapeString(b.text))
		body.WriteString(end)
	}
	return body.String()
}

// markHeadings marks as headings the blocks that are one short line without
// final punctuation, standing between two paragraphs. Two short lines in a
// row are neither of them headings, and a block of two short lines is a
// paragraph (an address, a verse).
func markHeadings(blocks []block) {
	if len(blocks) < 3 {
		return
	}
	// Each block is looked at once, as the one before, the one itself and
	// the one after.
	prev, cur := looksLikeHeading(blocks[0].text), looksLikeHeading(blocks[1].text)
	for i := 1; i+1 < len(blocks); i++ {
		next := looksLikeHeading(blocks[i+1].text)
		if !blocks[i].multiLine && cur && !prev && !next {
			blocks[i].heading = true
		}
		prev, cur = cur, next
	}
}

func looksLikeHeading(s string) bool {
	if s == "" {
		return false
	}
	// Most paragraphs end with final punctuation: test that first.
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".!?:;,…\"”’'", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return false
	}
	// A rune is 4 bytes at most: most paragraphs are told by their length.
	return len(s) <= 4*maxHeadingRunes && countWordsUpTo(s, maxHeadingWords+1) <= maxHeadingWords &&
		(len(s) <= maxHeadingRunes || utf8.RuneCountInString(s) <= maxHeadingRunes)
}

// collapseSpace trims s and folds every run of white space into one space,
// as strings.Join(strings.Fields(s), " ") does. Most lines need no change,
// so it first checks for that and returns s without copying it.
func collapseSpace(s string) string {
	if isCollapsed(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is due before the next word
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		ws := false
		if c < utf8.RuneSelf {
			ws = asciiSpace[c] != 0
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			ws = unicode.IsSpace(r)
		}
		if ws {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isCollapsed reports whether collapseSpace(s) == s: s has no white space
// but single spaces between words. It runs on every line, so it takes 16
// bytes at a step where none is a control or part of a rune that is not
// ASCII (see [plain8]), the only bytes but spaces that may be white space.
func isCollapsed(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	var prev uint64 // 0x80 if the byte before is a space
	for rest := s; rest != ""; {
		if len(rest) >= 16 {
			if x, y := load64(rest[:8]), load64(rest[8:16]); plain8(x) && plain8(y) {
				// A space follows a space where a high bit of the
				// spaces meets that of the byte before, one byte lower.
				sx, sy := plainSpaces8(x), plainSpaces8(y)
				if sx&(sx<<8|prev)|sy&(sy<<8|sx>>56) != 0 {
					return false
				}
				prev = sy >> 56
				rest = rest[16:]
				continue
			}
		}
		size := 1
		switch collapseClass[rest[0]] {
		case 1:
			if prev != 0 {
				return false
			}
			prev = 0x80
			rest = rest[1:]
			continue
		case 2:
			return false
		case 4:
			var r rune
			if r, size = utf8.DecodeRuneInString(rest); unicode.IsSpace(r) {
				return false
			}
		}
		prev = 0
		rest = rest[size:]
	}
	return true
}

// collapseClass sorts bytes for isCollapsed and collapseSpace: 1 is a
// space, 2 other ASCII white space, and 4 the lead byte of U+0085, U+00A0,
// U+1680, U+2000-U+205F or U+3000, the white space that is not ASCII.
var collapseClass = func() (t [256]uint8) {
	for _, c := range "\t\n\v\f\r" {
		t[c] = 2
	}
	t[' '] = 1
	t[0xC2], t[0xE1], t[0xE2], t[0xE3] = 4, 4, 4, 4
	return t
}()

var (
	dateTimeRE = regexp.MustCompile(`(?i)` + dateTimePat)
	isoDateRE  = regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})`)
	dmyRE      = regexp.MustCompile(`(?i)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(` + monthPat + `)\.?,?\s+(\d{4})`)
	mdyRE      = regexp.MustCompile(`(?i)(` + monthPat + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`)
	clockRE    = regexp.MustCompile(`(?i)(\d{1,2})[:.](\d{2})\s*(?:([ap])\.?m\.?)?(?:\s*(` + `(?-i:` + zonePat[3:] + `))?`)
)

// maxDateSource is longer than any byline, timestamp or dateline: longer
// text is not searched for a date.
const maxDateSource = 300

// zoneOffsets are the hours east of UTC of the zones that timestamps name.
var zoneOffsets = map[string]int{
	"GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
	"EST": -5, "EDT": -4, "ET": -5, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
	"PST": -8, "PDT": -7, "PT": -8, "AEST": 10, "AEDT": 11, "IST": 5,
}

// dateIn finds the first full date in s, a byline, timestamp or dateline,
// with the time of day when one stands next to it: "PUBLISHED: . 12:01 EST,
// 5 March 2013" is 2013-03-05 12:01 -05:00. A date without a time is
// midnight UTC. Dates without a year ("March 5") are not dates here.
func dateIn(s string) (time.Time, bool) {
	if len(s) > maxDateSource || !hasYear(s) {
		return time.Time{}, false
	}
	loc := dateTimeRE.FindStringIndex(s)
	if loc == nil {
		return time.Time{}, false
	}
	m := s[loc[0]:loc[1]]
	// The time may stand a few words away: "18 March 2014 Last updated at
	// 09:22 GMT". Look for it up to the next "|", which starts another stamp.
	clock := clockRE.FindStringSubmatch(m)
	if clock == nil {
		seg := s[loc[1]:]
		if i := strings.IndexByte(seg, '|'); i >= 0 {
			seg = seg[:i]
		}
		clock = clockRE.FindStringSubmatch(seg)
	}
	var year, month, day int
	if d := isoDateRE.FindStringSubmatch(m); d != nil {
		year, _ = strconv.Atoi(d[1])
		month, _ = strconv.Atoi(d[2])
		day, _ = strconv.Atoi(d[3])
	} else if d := dmyRE.FindStringSubmatch(m); d != nil {
		day, _ = strconv.Atoi(d[1])
		month = monthNumber(d[2])
		year, _ = strconv.Atoi(d[3])
	} else if d := mdyRE.FindStringSubmatch(m); d != nil {
		month = monthNumber(d[1])
		day, _ = strconv.Atoi(d[2])
		year, _ = strconv.Atoi(d[3])
	}
	if year < 1900 || year > 2200 || month < 1 || month > 12 {
		return time.Time{}, false
	}
	hour, minute, zone := 0, 0, time.UTC
	if c := clock; c != nil {
		hour, _ = strconv.Atoi(c[1])
		minute, _ = strconv.Atoi(c[2])
		switch strings.ToLower(c[3]) {
		case "a":
			hour %= 12
		case "p":
			hour = hour%12 + 12
		}
		if hour > 23 || minute > 59 {
			hour, minute = 0, 0
		} else if off, ok := zoneOffsets[c[4]]; ok && off != 0 {
			zone = time.FixedZone(c[4], off*3600)
		}
	}
	t := time.Date(year, time.Month(month), day, hour, minute, 0, 0, zone)
	if t.Day() != day { // 31 February
		return time.Time{}, false
	}
	return t, true
}

// hasYear reports whether s holds four digits in a row, as every full date
// does; the date pattern is slow to search for.
func hasYear(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			if n++; n == 4 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}

// monthNumber returns the number of a month named in full or abbreviated.
func monthNumber(name string) int {
	name = strings.ToLower(name)
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(strings.ToLower(m.String()), name[:3]) {
			return int(m)
		}
	}
	return 0
}

var (
	inlineTagRE = regexp.MustCompile(`(?i)</?(?:a|b|i|u|em|strong|span|small|sup|sub|br|p|div|font|mark)(?:\s[^<>]*)?/?>`)
	entityRE    = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)
)

// stripMarkup removes the inline HTML tags and decodes the character
// references that scraping leaves in plain text ("AT&amp;T", "<b>Update</b>"),
// so they never reach a summary. A "<" or "&" that is not markup stays.
func stripMarkup(line string) string {
	if strings.IndexByte(line, '<') >= 0 {
		line = inlineTagRE.ReplaceAllString(line, "")
	}
	if strings.IndexByte(line, '&') >= 0 && entityRE.MatchString(line) {
		line = html.UnescapeString(line)
	}
	return line
}
