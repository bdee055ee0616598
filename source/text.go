package source

import (
	"errors"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrNoTitle reports an article with no line, heading or tag to take a title from.
var ErrNoTitle = errors.New("no title: the first line (or a title in front matter, or a heading) must name the article")

// block is a run of non-blank lines in a plain-text article.
type block struct {
	text    string
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
// furniture (bylines, share buttons, comment forms) removed.
func parseText(a *Article, s string) ([]string, error) {
	lines := strings.Split(s, "\n")
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i == len(lines) {
		return nil, ErrEmpty
	}
	a.Title = collapseSpace(lines[i])

	var blocks []block
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, block{text: strings.Join(cur, " ")})
			cur = cur[:0]
		}
	}
	rest := lines[i+1:]
	for j, line := range rest {
		line = collapseSpace(line)
		switch {
		case line == "":
			flush()
			continue
		case isFooterStart(line):
			for _, l := range rest[j:] {
				if l = collapseSpace(l); l != "" {
					a.Dropped = append(a.Dropped, l)
				}
			}
			flush()
			goto done
		case isJunkLine(line), len(blocks) == 0 && len(cur) == 0 && isByline(line):
			a.Dropped = append(a.Dropped, line)
			continue
		}
		cur = append(cur, line)
	}
	flush()
done:
	markHeadings(blocks)

	var body strings.Builder
	var paras []string
	for _, b := range blocks {
		if b.heading {
			body.WriteString("<h2>" + html.EscapeString(b.text) + "</h2>\n")
			continue
		}
		body.WriteString("<p>" + html.EscapeString(b.text) + "</p>\n")
		paras = append(paras, b.text)
	}
	a.Content = body.String()
	return paras, nil
}

// markHeadings marks as headings the blocks that are one short line without
// final punctuation, standing between two paragraphs.
func markHeadings(blocks []block) {
	for i := 1; i+1 < len(blocks); i++ {
		b := &blocks[i]
		if !looksLikeHeading(b.text) || blocks[i-1].heading || looksLikeHeading(blocks[i+1].text) {
			continue
		}
		b.heading = true
	}
}

func looksLikeHeading(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > maxHeadingRunes || len(strings.Fields(s)) > maxHeadingWords {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if strings.ContainsRune(".!?:;,…\"”’'", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(first) || unicode.IsDigit(first)
}

// collapseSpace trims s and folds every run of white space into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
