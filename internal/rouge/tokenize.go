package rouge

import "unicode"

// Tokenize splits text into tokens the way rouge-score's tokenize.tokenize
// does with use_stemmer=True: the text is lowercased, every run of
// characters other than a-z and 0-9 separates tokens, and tokens longer
// than three characters are reduced with Stem. Empty tokens are dropped.
func Tokenize(text string) []string {
	words := splitWords(text)
	tokens := words[:0]
	for _, w := range words {
		// rouge-score only stems tokens with len(x) > 3.
		if len(w) > 3 {
			w = Stem(w)
		}
		if w != "" {
			tokens = append(tokens, w)
		}
	}
	return tokens
}

// splitWords lowercases text and returns its maximal runs of [a-z0-9],
// matching Python's re.sub(r"[^a-z0-9]+", " ", text.lower()) followed by
// a split on whitespace.
func splitWords(text string) []string {
	var words []string
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range text {
		if r == '\u0130' {
			// Python lowercases İ to "i" plus U+0307 COMBINING DOT
			// ABOVE, and the combining mark then ends the token.
			cur = append(cur, 'i')
			flush()
			continue
		}
		r = unicode.ToLower(r)
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			cur = append(cur, byte(r))
		} else {
			flush()
		}
	}
	flush()
	return words
}
