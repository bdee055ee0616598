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
	text    string
	lines   int
	heading bool
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
// or dateline at the head becomes a.Published.
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
	// lines, and one more.
	n := strings.Count(s, "\n")/2 + 1
	var (
		texts  = make([]string, 0, n)
		nlines = make([]int, 0, n) // the number of lines in each of texts
		cur    []string
		drops  []drop
	)
	flush := func() {
		if len(cur) > 0 {
			texts = append(texts, strings.Join(cur, " "))
			nlines = append(nlines, len(cur))
			cur = cur[:0]
		}
	}
	for rest := s; rest != ""; {
		raw := rest
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = collapseSpace(stripMarkup(line))
		switch {
		case line == "":
			flush()
			continue
		case isFooterStart(line):
			flush()
			for l := range strings.SplitSeq(raw, "\n") {
				if l = collapseSpace(l); l != "" {
					drops = append(drops, drop{len(texts), l})
				}
			}
			goto done
		case isJunkLine(line), len(texts) == 0 && len(cur) == 0 && isByline(line):
			drops = append(drops, drop{len(texts), line})
			continue
		}
		cur = append(cur, line)
	}
	flush()
done:
	// Cut the furniture at the head and that glued to later blocks.
	first, lead, headCut := cutHead(texts)
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
	if first < len(texts) {
		blocks = append(blocks, block{text: lead, lines: nlines[first]})
		for k := first + 1; k < len(texts); k++ {
			dropUpTo(k)
			c, r := cutGlued(texts[k])
			if c != "" {
				dropped = append(dropped, c)
			}
			if r != "" {
				blocks = append(blocks, block{text: r, lines: nlines[k]})
			}
		}
	}
	dropUpTo(len(texts))
	if full {
		a.Dropped = append(a.Dropped, dropped...)
	}

	if a.Published.IsZero() {
		// Only what stood before the first paragraph of text can date it.
		var head []string
		for _, dr := range drops {
			if dr.at <= first {
				head = append(head, dr.text)
			}
		}
		for _, h := range append(head, headCut...) {
			if t, ok := dateIn(h); ok {
				a.Published = t
				break
			}
		}
	}

	markHeadings(blocks)

	paras := make([]string, 0, len(blocks))
	for _, b := range blocks {
		if !b.heading {
			paras = append(paras, b.text)
		}
	}
	if full {
		a.Content = renderBlocks(blocks)
	}
	return paras, nil
}

// renderBlocks writes blocks as HTML paragraphs and subheadings.
func renderBlocks(blocks []block) string {
	var body strings.Builder
	for _, b := range blocks {
		if b.heading {
			body.WriteString("<h2>" + html.EscapeString(b.text) + "</h2>\n")
			continue
		}
		body.WriteString("<p>" + html.EscapeString(b.text) + "</p>\n")
	}
	return body.String()
}

// markHeadings marks as headings the blocks that are one short line without
// final punctuation, standing between two paragraphs. Two short lines in a
// row are neither of them headings, and a block of two short lines is a
// paragraph (an address, a verse).
func markHeadings(blocks []block) {
	for i := 1; i+1 < len(blocks); i++ {
		b := &blocks[i]
		if b.lines != 1 || !looksLikeHeading(b.text) || looksLikeHeading(blocks[i-1].text) || looksLikeHeading(blocks[i+1].text) {
			continue
		}
		b.heading = true
	}
}

func looksLikeHeading(s string) bool {
	// A rune is 4 bytes at most: most paragraphs are told by their length.
	if s == "" || len(s) > 4*maxHeadingRunes || countWordsUpTo(s, maxHeadingWords+1) > maxHeadingWords ||
		len(s) > maxHeadingRunes && utf8.RuneCountInString(s) > maxHeadingRunes {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".!?:;,…\"”’'", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(first) || unicode.IsDigit(first)
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
// but single spaces between words. It runs on every line, so it looks for
// the two spaces with strings.Contains and skips printable ASCII 8 bytes at
// a step (see [printablePrefix]).
func isCollapsed(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' || strings.Contains(s, "  ") {
		return false
	}
	// Then s is collapsed unless it holds white space other than spaces.
	for i := 0; i < len(s); {
		if i += printablePrefix(s[i:]); i == len(s) {
			break
		}
		size := 1
		switch collapseClass[s[i]] {
		case 2:
			return false
		case 4:
			var r rune
			if r, size = utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				return false
			}
		}
		i += size
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
