package source

import (
	"strings"
	"unicode/utf8"
)

// DefaultSummaryWords is the summary budget when none is configured.
const DefaultSummaryWords = 60

// The rules for choosing a summary's sentences. Each was measured with
// herald eval-summaries (ROUGE against human summaries of CNN/Daily Mail and
// BBC stories) and kept if it helped on both, or if it made summaries read
// better at little cost.
const (
	// maxSkipped is how many sentences a summary may leave out for want of
	// room, so that a shorter one after them fills the budget. More gaps
	// make a choppy summary.
	maxSkipped = 1

	// leadParagraphs bounds where that shorter sentence may come from: the
	// paragraph the summary opens with and the ones after it, this many in
	// all. News puts what happened in the first paragraphs; later ones hold
	// details that read out of context.
	leadParagraphs = 4

	// minLeadWords is the length of the shortest sentence that may open a
	// summary, or fill it after a gap. Shorter ones are kickers and teasers
	// ("Guilty across the board.", "No wonder.") that lean on their
	// neighbours.
	minLeadWords = 5
)

// Summarize returns a plain-text summary of text (paragraphs separated by
// blank lines): whole sentences from its lead, in order, as many as fit in
// words words. A sentence that does not fit is left out, and shorter ones
// after it from the first paragraphs fill the budget, until a second one
// does not fit. Fragments are never used: a
// caption or heading without final punctuation, part of a quotation that
// goes on in another sentence. Nor is a teaser (a question, or fewer than
// five words) used to open the summary, or a teaser or quotation to fill it
// after a gap. A first sentence longer than words is cut at a word boundary
// and ends with an ellipsis. Page furniture (junk lines, bylines, datelines)
// is never part of it.
func Summarize(text string, words int) string {
	return strings.Join(SummarySentences(text, words), " ")
}

// SummarySentences is [Summarize] as a list of sentences.
func SummarySentences(text string, words int) []string {
	if words <= 0 {
		words = DefaultSummaryWords
	}
	rest := strings.ReplaceAll(text, "\r\n", "\n")
	var paras []string
	// As summarySentences does, read no more paragraphs than the choice
	// needs.
	for n := leadParagraphs; ; n *= 2 {
		for len(paras) < n && rest != "" {
			var p string
			p, rest, _ = strings.Cut(rest, "\n\n")
			if p = collapseSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
		out, done := pickSummary(paras, words)
		if done || rest == "" {
			return out
		}
	}
}

func summarize(paras []string, words int) string {
	return strings.Join(summarySentences(paras, words), " ")
}

func summarySentences(paras []string, words int) []string {
	if words <= 0 {
		words = DefaultSummaryWords
	}
	// The summary comes from the first paragraphs, so read a few of them,
	// and more only when the choice runs into the last one read: a long
	// article costs no more than a short one.
	for n := leadParagraphs; ; n *= 2 {
		out, done := pickSummary(paras[:min(n, len(paras))], words)
		if done || n >= len(paras) {
			return out
		}
	}
}

// pickSummary chooses the summary's sentences from paras. done reports that
// the choice was made before the last paragraph, so that more paragraphs
// after paras would not change it.
func pickSummary(paras []string, words int) (out []string, done bool) {
	paras = stripFurniture(paras)
	text := paras // until the first junk line, which is rare; then a copy
	for i, p := range paras {
		switch junk := isJunkLine(p) || isByline(p); {
		case junk && len(text) == len(paras):
			text = append(make([]string, 0, len(paras)-1), paras[:i]...)
		case !junk && len(text) < len(paras):
			text = append(text, p)
		}
	}
	// Sentences are split as the choice needs them: it is mostly made in
	// the first paragraph.
	lr := newLeadReader(text)
	first := ""  // the first sentence
	n := 0       // words so far
	last := 0    // the last paragraph that may fill the summary
	skipped := 0 // sentences left out for want of room
	for i := 0; ; i++ {
		s, para, more, ok := lr.next()
		if !ok {
			break
		}
		if i == 0 {
			first = s
		}
		// settled reports whether the choice made at this sentence stands
		// however the text goes on: the sentence is whole (another follows
		// it) and does not start in the last paragraph, whose furniture may
		// depend on what follows.
		settled := more && para < len(text)-1
		if !isWholeSentence(s) || isQuoteFragment(s) {
			continue
		}
		w := countWords(s)
		// The opening sentence, and one that fills in after a gap, must
		// stand on their own; a quotation after a gap may have lost its
		// speaker.
		if (len(out) == 0 || skipped > 0) && isTeaserOf(s, w) || skipped > 0 && opensQuote(s) {
			continue
		}
		if len(out) == 0 {
			if w > words {
				return []string{truncateWords(s, words)}, settled
			}
			last = para + leadParagraphs - 1
		}
		if skipped > 0 && para > last {
			return out, settled
		}
		if n+w > words {
			if skipped++; skipped > maxSkipped {
				return out, settled
			}
			continue
		}
		if out == nil {
			out = make([]string, 0, 4) // room for the few sentences of most summaries
		}
		out = append(out, s)
		n += w
	}
	if len(out) == 0 && first != "" {
		// Nothing but fragments: the text's opening is still the best summary.
		out = []string{truncateWords(first, words)}
	}
	return out, false
}

// leadSentences splits paras into sentences and reports the paragraph each
// one starts in. The paragraphs are split as one text, because scraped
// articles often break a paragraph inside a sentence ("on Thursday\n\nbut
// there were concerns"), and [Sentences] joins such pieces back up.
func leadSentences(paras []string) (sents []string, para []int) {
	lr := newLeadReader(paras)
	for {
		s, p, _, ok := lr.next()
		if !ok {
			return sents, para
		}
		sents, para = append(sents, s), append(para, p)
	}
}

// A leadReader gives the sentences of [leadSentences] one at a time.
type leadReader struct {
	sc     sentenceScanner
	paras  []string
	p      int // the paragraph of the sentence last read from sc
	pStart int // its offset in sc.text

	cur     string // the next sentence to give, if any
	curPara int
	hasCur  bool
}

func newLeadReader(paras []string) leadReader {
	lr := leadReader{sc: sentenceScanner{text: strings.Join(paras, "\n\n"), start: -1}, paras: paras}
	lr.cur, lr.curPara, lr.hasCur = lr.read()
	return lr
}

// read returns the next sentence of the text and its paragraph.
func (lr *leadReader) read() (string, int, bool) {
	s, ok := lr.sc.next()
	if !ok {
		return "", 0, false
	}
	// Words never span the blank line between paragraphs, so the one
	// where the sentence's first word stands is where it starts.
	for lr.p+1 < len(lr.paras) && lr.sc.at >= lr.pStart+len(lr.paras[lr.p]) {
		lr.pStart += len(lr.paras[lr.p]) + len("\n\n")
		lr.p++
	}
	return s, lr.p, true
}

// next returns the next sentence and its paragraph; more reports that
// another sentence follows it, and ok that there was one.
func (lr *leadReader) next() (s string, para int, more, ok bool) {
	if !lr.hasCur {
		return "", 0, false, false
	}
	s, para = lr.cur, lr.curPara
	lr.cur, lr.curPara, lr.hasCur = lr.read()
	// A straight quote left alone at the end of a sentence either closes
	// a quotation the sentence opened or opens one in the next sentence:
	// scrapers leave the opening mark at the end of the paragraph before
	// ("said. '\n\nWe came here for vacation.").
	if n := len(s); n >= 3 && s[n-2] == ' ' && (s[n-1] == '"' || s[n-1] == '\'') {
		switch rest := s[:n-2]; {
		case isQuoteFragment(rest):
			s = rest + s[n-1:]
		case lr.hasCur:
			s, lr.cur = rest, s[n-1:]+lr.cur
		default:
			s = rest
		}
	}
	return s, para, lr.hasCur, true
}

// isWholeSentence reports whether s ends with final punctuation, before any
// closing quotes or brackets. Captions, headings, kickers ("Fighter ace:")
// and text cut off by page furniture do not.
func isWholeSentence(s string) bool {
	switch lastMark(s) {
	case '.', '!', '?', '…', '。', '！', '？', '؟', '।':
		return true
	}
	return false
}

// isTeaser reports whether s is too slight to open a summary: a question or
// a sentence of fewer than [minLeadWords] words.
func isTeaser(s string) bool {
	return isTeaserOf(s, countWords(s))
}

// isTeaserOf is isTeaser for s of w words.
func isTeaserOf(s string, w int) bool {
	switch lastMark(s) {
	case '?', '？', '؟':
		return true
	}
	return w < minLeadWords
}

// lastMark returns the last rune of s before any closing quotes or brackets.
func lastMark(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(s, isCloser))
	return r
}

// opensQuote reports whether s starts with a quotation mark.
func opensQuote(s string) bool {
	switch r, _ := utf8.DecodeRuneInString(s); r {
	case '"', '\'', '“', '‘', '«':
		return true
	}
	return false
}

// isQuoteFragment reports whether s is part of a quotation that goes on in
// another sentence, and so reads as a fragment on its own. Either its double
// quotes do not pair up, or it opens with a single quote and closes none, or
// it ends by closing a single quote after final punctuation ("Makes my skin
// crawl even being here.'") and opens none. A single quote opens at the
// start of a word and closes at the end of one, so apostrophes inside words
// ("don't", "Britain’s") are not counted; one at the end of a word may also
// be a plural possessive ("the teens'"), which errs towards keeping s.
func isQuoteFragment(s string) bool {
	if strings.Count(s, `"`)%2 != 0 || strings.Count(s, "“") != strings.Count(s, "”") {
		return true
	}
	// Without single quotes, nothing below can count.
	if strings.IndexByte(s, '\'') < 0 && !strings.Contains(s, "‘") && !strings.Contains(s, "’") {
		return false
	}
	opens, closes := 0, 0
	startsOpen := false
	// Sentences come with their words separated by single spaces.
	for i, rest := 0, s; rest != ""; i++ {
		w, after, _ := strings.Cut(rest, " ")
		rest = after
		if w == "" {
			continue
		}
		j := 0 // strings.TrimLeft(w, "(["), without building the cutset
		for j < len(w) && (w[j] == '(' || w[j] == '[') {
			j++
		}
		if r, size := utf8.DecodeRuneInString(w[j:]); (r == '\'' || r == '‘') && size < len(w) {
			opens++
			startsOpen = startsOpen || i == 0
		}
		t := strings.TrimRightFunc(w, func(r rune) bool { return strings.ContainsRune(",;:)]", r) })
		if r, size := utf8.DecodeLastRuneInString(t); (r == '\'' || r == '’') && size < len(t) {
			closes++
		}
	}
	if startsOpen && closes == 0 {
		return true
	}
	// Closing after final punctuation: "does.'" but not "the teens'".
	r, size := utf8.DecodeLastRuneInString(s)
	if (r == '\'' || r == '’') && opens == 0 {
		p, _ := utf8.DecodeLastRuneInString(s[:len(s)-size])
		return strings.ContainsRune(".!?…,", p)
	}
	return false
}

// countWords is len(strings.Fields(s)) without the slice.
func countWords(s string) int {
	return countWordsUpTo(s, len(s)+1)
}

// truncateWords keeps the first n words of s and adds an ellipsis.
func truncateWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return s
	}
	cut := strings.Join(f[:n], " ")
	cut = strings.TrimRight(cut, ",;:-–—([{\"'“‘")
	return cut + "…"
}
