package source

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits plain text (a paragraph, or several separated by newlines) into sentences.
// Each returned sentence is trimmed; joining them with single spaces gives back the text with whitespace folded.
//
// Whitespace is what [unicode.IsSpace] says it is, as for [strings.Fields]. A sentence
// ends only at whitespace, so decimals, times, amounts, versions and domain names
// ("$1.13bn", "10.30am", "v1.2", "bbc.co.uk") are never split. The rules, in the order
// they are applied to two adjacent words:
//
//   - A word that starts with a closing mark (')', '”', ',', '.') or is only a straight quote
//     after final punctuation belongs to the word before it; an opening quote or bracket on
//     its own belongs to the word after it.
//   - Closing quotes and brackets after the final punctuation stay with the sentence they close.
//   - "?" and "!" (and runs like "?!") end a sentence unless the next word starts with a
//     lower-case letter: `"Really?" she asked.` is one sentence.
//   - An ellipsis ("..." or "…") ends a sentence only before a capitalised word.
//   - A period ends a sentence unless the next word starts with a lower-case letter or the
//     word before it is an abbreviation: titles (Mr., Dr., Sen.) and e.g., i.e., vs. never end
//     one; No., p. and approx. do not before a number; initials, U.S.-style dotted
//     abbreviations, a.m., p.m., Inc., Jr., St., months, days and states end one only when the
//     next word is one that commonly opens a sentence ("The", "He", "But", ...), so
//     "U.S. President" and "10 a.m. Eastern" stay whole but "in the U.S. The" splits.
//   - A list marker ("1.", "a.") at the start of a sentence does not end it.
//   - A line break ends a sentence even without final punctuation (headings, list items),
//     unless the next line starts with a lower-case letter, the line ends with ',', ';', '/',
//     '&' or a dash, or it ends with an abbreviation, where the rules above decide. A blank
//     line ends a sentence after an abbreviation too.
//
// Text that is hard-wrapped inside paragraphs should be unwrapped first: a wrap before a
// capitalised word would be taken for a line break between sentences.
func Sentences(text string) []string {
	var out []string
	sc := sentenceScanner{text: text, start: -1}
	for s, ok := sc.next(); ok; s, ok = sc.next() {
		out = append(out, s)
	}
	return out
}

// A sentenceScanner splits text into sentences one at a time, as
// [Sentences] does, so that a summary reads no more of the text than it
// uses. Make it with start -1.
type sentenceScanner struct {
	text      string
	i         int  // where the next word is looked for
	start     int  // offset of the current sentence, -1 before the first word
	end       int  // end of the current sentence's last word so far
	prevStart int  // offset of the previous word
	prevEnd   int  // its end, or that of stray punctuation after it ("word ."), but not of stray closers
	final     bool // the previous word ends in final punctuation or a comma, before any closers
	words     int  // words in the current sentence
	clean     bool // the current sentence's inner whitespace is all single spaces
	breaks    int  // line breaks since the previous word: 1 ends a line, 2 a paragraph
	at        int  // offset of the sentence next returned last
}

// next returns the next sentence, or false at the end of the text.
func (sc *sentenceScanner) next() (string, bool) {
	// The state is kept in locals while scanning, in registers.
	text, i := sc.text, sc.i
	start, end, prevStart, prevEnd := sc.start, sc.end, sc.prevStart, sc.prevEnd
	final, words, clean, breaks := sc.final, sc.words, sc.clean, sc.breaks
	save := func() {
		sc.i, sc.start, sc.end, sc.prevStart, sc.prevEnd = i, start, end, prevStart, prevEnd
		sc.final, sc.words, sc.clean, sc.breaks = final, words, clean, breaks
	}
	for i < len(text) {
		// Skip whitespace, counting line breaks.
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				if asciiSpace[c] == 0 {
					break
				}
				if c == '\n' || c == '\r' && (i+1 == len(text) || text[i+1] != '\n') {
					breaks++
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) {
				break
			}
			switch r {
			case '\u0085', '\u2028':
				breaks++
			case '\u2029':
				breaks += 2
			}
			i += size
		}
		if i >= len(text) {
			break
		}
		wordStart := i
		// Most words are ASCII and end within 8 bytes.
		for i+8 <= len(text) {
			x := load64(text[i : i+8])
			if !printable8(x) {
				break
			}
			if sp := spaces8(x); sp != 0 {
				i += bits.TrailingZeros64(sp) / 8
				goto wordEnd
			}
			i += 8
		}
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				if asciiSpace[c] != 0 {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += size
		}
	wordEnd:
		word := text[wordStart:i]

		var out string
		emit := false
		switch {
		case start < 0:
			start, words, clean = wordStart, 1, true
		case breaks == 0 && isAlnum(word[0]) && (isPlain(text[prevEnd-1]) || text[prevEnd-1] == ','):
			// The common case, a word after a plain word on the same
			// line, which neither isStray nor boundary takes.
			clean = clean && wordStart-end == 1 && text[end] == ' '
			words++
		case isStray(word, final):
			// The stray marks extend the previous word. Closers are left out of it:
			// the rules look through them anyway, and a long run of them must not
			// be looked through again for each word.
			clean = clean && wordStart-end == 1 && text[end] == ' '
			end = i
			if strings.TrimLeftFunc(word, isCloser) != "" {
				prevEnd = i
				final = endsFinal(text[prevStart:prevEnd])
			}
			continue // and keep breaks for the next word
		case boundary(text[prevStart:prevEnd], word, breaks, words == 1, end > prevEnd):
			out, emit, sc.at = fold(text[start:end], clean), true, start
			start, words, clean = wordStart, 1, true
		default:
			clean = clean && wordStart-end == 1 && text[end] == ' '
			words++
		}
		prevStart, prevEnd, end = wordStart, i, i
		final = !isPlain(word[len(word)-1]) && endsFinal(word)
		breaks = 0
		if emit {
			save()
			return out, true
		}
	}
	if start >= 0 {
		out := fold(text[start:end], clean)
		sc.at, start = start, -1
		save()
		return out, true
	}
	save()
	return "", false
}

// isAlnum reports whether c is an ASCII letter or digit.
func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// fold returns s with each run of whitespace replaced by one space. clean
// reports that it already is, which is the common case and needs no copy.
func fold(s string, clean bool) string {
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// boundary reports whether a sentence ends between the adjacent words a and b.
// a may carry stray punctuation after whitespace ("girl ."). breaks counts
// the line breaks between them, first reports that a opens its sentence, and
// closed that stray closing quotes or brackets follow a.
func boundary(a, b string, breaks int, first, closed bool) bool {
	if c := a[len(a)-1]; breaks == 0 && (isPlain(c) || c == ',') {
		return false // the common case: a word ending in a letter, digit or comma
	}
	if strings.TrimLeftFunc(a, isOpener) == "" {
		return false // an opening quote or bracket on its own belongs to the next word
	}
	ends, abbrev := endsSentence(a, b, first)
	if ends || breaks == 0 || abbrev && breaks == 1 {
		return ends
	}
	// A line break ends a sentence unless the line plainly goes on. A blank
	// line does too, even after an abbreviation: "the U.S.\n\nPresident".
	// Lower case after one is still a continuation, because scraped text
	// often breaks paragraphs inside sentences.
	if startsLower(b) {
		return false
	}
	if closed {
		return true // `like, "` closes nothing: the quote opens the next line
	}
	r, _ := utf8.DecodeLastRuneInString(a)
	switch r {
	case ',', ';', '-', '–', '—', '/', '&':
		return false
	}
	return true
}

// endsSentence reports whether the word a ends a sentence when b follows it on
// the same line. abbrev reports that a ends with an abbreviation or a list
// marker, whose period is not final punctuation.
func endsSentence(a, b string, first bool) (ends, abbrev bool) {
	core := strings.TrimRightFunc(a, isCloser)
	last, size := utf8.DecodeLastRuneInString(core)
	switch last {
	case '?', '!':
		return !startsLower(b), false
	case '…':
		return startsUpper(b), false
	case '.':
	default:
		return false, false
	}
	w := core[:len(core)-size]
	if strings.HasSuffix(w, ".") {
		return startsUpper(b), false // "..."
	}
	w = strings.TrimLeftFunc(w, isOpener)
	if w == "" {
		return !startsLower(b), false
	}
	if first && isListMarker(w) {
		return false, true
	}
	switch abbrevKind(w) {
	case abbrevTitle:
		return false, true
	case abbrevNumber:
		if startsDigit(b) {
			return false, true
		}
	case abbrevName:
		return startsSentence(b), true
	}
	return !startsLower(b), false
}

// The kinds of abbreviation, by what they allow after them.
const (
	abbrevNone   = iota
	abbrevTitle  // never ends a sentence: Mr., Dr., e.g., vs.
	abbrevNumber // does not end a sentence before a number: No. 10, p. 5
	abbrevName   // ends a sentence only before a word that commonly starts one: U.S., Inc., Jan.
)

// abbreviations maps abbreviations, without their final period, to their kind.
// Lookups are case-sensitive: "Mass." is a state, "mass." is not.
var abbreviations = map[string]int{}

func init() {
	for kind, words := range map[int]string{
		abbrevTitle: `Mr Mrs Ms Messrs Mmes Dr Drs Prof Sen Sens Rep Reps Gov Govs Gen Col Lt Sgt Capt Cmdr
			Cdr Adm Maj Brig Cpl Pvt Rev Hon Pres Supt Det Insp Fr Msgr Mt Ft vs Vs v e.g E.g i.e I.e cf
			viz a.k.a`,
		abbrevNumber: `No Nos Vol Vols vol vols p pp Fig Figs fig figs approx est ca Ch ch Sec Art Para`,
		abbrevName: `Inc Corp Ltd Co Cos Bros Plc Jr Sr St Esq Ave Blvd Rd Dept Univ Assn
			Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Thu Thur Thurs Fri
			Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont
			Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo`,
	} {
		for _, w := range strings.Fields(words) {
			abbreviations[w] = kind
		}
	}
}

// abbrevKind reports what kind of abbreviation w is, if any. w is a word
// without its final period.
func abbrevKind(w string) int {
	if i := strings.LastIndexByte(w, '-'); i >= 0 {
		w = w[i+1:] // "then-Sen.", "non-U.S.", but "Jay-Z." has no initial
	} else if r, size := utf8.DecodeRuneInString(w); size == len(w) && unicode.IsUpper(r) {
		return abbrevName // an initial: "George W. Bush", "J. R. R. Tolkien"
	}
	if k, ok := abbreviations[w]; ok {
		return k
	}
	if isDotted(w) {
		return abbrevName // "U.S", "Ph.D", "a.m"
	}
	return abbrevNone
}

// isDotted reports whether w is short groups of letters joined by periods, like
// "U.S", "Ph.D" or "p.m" (the final period already removed).
func isDotted(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	n := 0 // letters in the current group
	for _, r := range w {
		switch {
		case r == '.':
			if n == 0 {
				return false
			}
			n = 0
		case unicode.IsLetter(r) && n < 3:
			n++
		default:
			return false
		}
	}
	return n > 0
}

// isListMarker reports whether w, without its period, numbers a list item: "1", "12", "a", "B".
func isListMarker(w string) bool {
	if len(w) == 1 && ('a' <= w[0] && w[0] <= 'z' || 'A' <= w[0] && w[0] <= 'Z') {
		return true
	}
	if len(w) > 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// starters are the capitalised words that most often open a sentence in news
// text. Names are left out on purpose, and so are "Will", "May" and "Can",
// which often are names; a word after "U.S." or "a.m." must be one of these
// to start a new sentence.
var starters = map[string]bool{}

// contractions are starters that count only before an apostrophe: "Don't", "Can't".
var contractions = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`A An The This That These Those There Here Their They He His Him She
		Her It Its I We Our You Your My Me Us
		And But Or Nor So Yet Then Now Still Also Even Just Only Thus Hence
		In On At As By For From With Without Of To Into Onto Upon About Above Below After Before Since
		Until Unless While When Whenever Where Wherever Why How What Whatever Who Whom Whose Which
		Whether If Although Though Because Despite During Under Over Between Among Against Across
		Through Throughout Within Beyond Behind Like Unlike
		Meanwhile However Moreover Furthermore Nevertheless Nonetheless Instead Indeed Otherwise
		Yesterday Today Tonight Tomorrow Last Next Earlier Later Once Soon Already Again
		Some Many Most Much More Less Few Several All Both Each Every Any No Not None Neither Either
		Other Another Such
		Is Are Was Were Be Been Being Do Does Did Has Have Had Would Could Should Might Must Shall
		Please Yes Asked Speaking According`) {
		starters[w] = true
	}
	for _, w := range strings.Fields(`Don Doesn Didn Can Couldn Won Wouldn Shouldn Isn Aren Wasn Weren
		Hasn Haven Hadn Let`) {
		contractions[w] = true
	}
}

// startsSentence reports whether b is a word that commonly opens a sentence,
// after any opening quotes or brackets. "A." is an initial, not the article.
func startsSentence(b string) bool {
	b = strings.TrimLeftFunc(b, isOpener)
	n := strings.IndexFunc(b, func(r rune) bool { return !unicode.IsLetter(r) })
	if n < 0 {
		return starters[b]
	}
	w, rest := b[:n], b[n:]
	switch {
	case rest[0] == '.':
		return false
	case rest[0] == '\'' || strings.HasPrefix(rest, "’"):
		return starters[w] || contractions[w]
	}
	return starters[w]
}

// isCloser reports whether r closes a quotation or a bracket. Straight quotes may also open one.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '”', '’', '»', '›':
		return true
	}
	return false
}

// isOpener reports whether r opens a quotation or a bracket (or may).
func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '“', '‘', '«', '‹', '¿', '¡':
		return true
	}
	return false
}

// isStray reports whether the word w belongs to the word before it: w starts
// with a mark that never opens a word, like ')' or ',', or it is only closing
// quotes and final punctuation (a quote that lost its sentence to a line
// break, a spaced-out ellipsis). A straight quote on its own closes only after
// final punctuation or a comma, which final reports; after "said:" it opens
// the next sentence.
func isStray(w string, final bool) bool {
	r, _ := utf8.DecodeRuneInString(w)
	switch r {
	case ')', ']', '}', '”', '»', ',', ';', ':', '.', '?', '!', '…':
		return true
	case '"', '\'', '’':
	default:
		return false
	}
	onlyQuotes := true
	for _, r := range w {
		switch {
		case r == '"' || r == '\'':
		case isCloser(r) || strings.ContainsRune(".?!…,;:", r):
			onlyQuotes = false
		default:
			return false
		}
	}
	return !onlyQuotes || r == '’' || final
}

// endsFinal reports whether s ends in final punctuation or a comma, before
// any closing quotes or brackets.
func endsFinal(s string) bool {
	if isPlain(s[len(s)-1]) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(s, isCloser))
	return strings.ContainsRune(".?!…,", r)
}

// isPlain reports whether c is an ASCII byte that is neither a closing mark
// nor final punctuation nor a comma: the last byte of most words.
func isPlain(c byte) bool {
	switch c {
	case '.', '?', '!', ',', '"', '\'', ')', ']', '}':
		return false
	}
	return c < utf8.RuneSelf
}

// firstLetter returns the first rune of w after any opening quotes or brackets.
func firstLetter(w string) rune {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(w, isOpener))
	return r
}

func startsLower(w string) bool { return unicode.IsLower(firstLetter(w)) }

func startsUpper(w string) bool {
	r := firstLetter(w)
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

func startsDigit(w string) bool {
	r := firstLetter(w)
	return '0' <= r && r <= '9'
}
