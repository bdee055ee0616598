package rouge

import (
	"strings"
	"unicode/utf8"
)

// irregular is NLTK's table of irregular forms (PorterStemmer.pool in
// NLTK_EXTENSIONS mode). A word found here is mapped straight to its stem
// and skips the suffix rules.
var irregular = map[string]string{
	"sky":      "sky",
	"skies":    "sky",
	"dying":    "die",
	"lying":    "lie",
	"tying":    "tie",
	"news":     "news",
	"innings":  "inning",
	"inning":   "inning",
	"outings":  "outing",
	"outing":   "outing",
	"cannings": "canning",
	"canning":  "canning",
	"howe":     "howe",
	"proceed":  "proceed",
	"exceed":   "exceed",
	"succeed":  "succeed",
}

// Stem returns the Porter stem of word exactly as NLTK's
// nltk.stem.porter.PorterStemmer().stem does in its default
// NLTK_EXTENSIONS mode, which is the stemmer rouge-score uses.
//
// Like NLTK, Stem lowercases its result, looks the word up in NLTK's table
// of irregular forms ("dying" -> "die", "skies" -> "sky") before lowercasing
// it, and returns words of one or two characters unchanged apart from case.
// The algorithm works on Unicode code points, as NLTK does on Python
// strings; it is only meaningful for English words.
func Stem(word string) string {
	lower := pyLower(word)
	if s, ok := irregular[word]; ok {
		return s
	}
	if utf8.RuneCountInString(word) <= 2 {
		return lower
	}
	w := []rune(lower)
	w = step1a(w)
	w = step1b(w)
	w = step1c(w)
	w = step2(w)
	w = step3(w)
	w = step4(w)
	w = step5a(w)
	w = step5b(w)
	return string(w)
}

// pyLower lowercases s like Python's str.lower, which maps U+0130 (capital
// I with dot above) to "i" followed by U+0307 (combining dot above) where
// Go's strings.ToLower gives a plain "i". Python's final-sigma rule is not
// reproduced; it only affects Greek text.
func pyLower(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "\u0130", "i\u0307"))
}

// isConsonant reports whether w[i] is a consonant in Porter's sense: any
// letter other than a, e, i, o, u, and other than a y preceded by a
// consonant.
func isConsonant(w []rune, i int) bool {
	switch w[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !isConsonant(w, i-1)
	}
	return true
}

// measure returns Porter's m for w: the number of vowel-consonant
// sequences in the form [C](VC){m}[V].
func measure(w []rune) int {
	m := 0
	for i := 1; i < len(w); i++ {
		if !isConsonant(w, i-1) && isConsonant(w, i) {
			m++
		}
	}
	return m
}

// positiveMeasure is the (m>0) condition.
func positiveMeasure(w []rune) bool { return measure(w) > 0 }

// measureOver1 is the (m>1) condition.
func measureOver1(w []rune) bool { return measure(w) > 1 }

// containsVowel is the *v* condition.
func containsVowel(w []rune) bool {
	for i := range w {
		if !isConsonant(w, i) {
			return true
		}
	}
	return false
}

// endsDoubleConsonant is the *d condition.
func endsDoubleConsonant(w []rune) bool {
	n := len(w)
	return n >= 2 && w[n-1] == w[n-2] && isConsonant(w, n-1)
}

// endsCVC is the *o condition: w ends consonant-vowel-consonant and the
// last consonant is not w, x or y. NLTK_EXTENSIONS also accepts a
// two-letter vowel-consonant word.
func endsCVC(w []rune) bool {
	n := len(w)
	if n >= 3 && isConsonant(w, n-3) && !isConsonant(w, n-2) && isConsonant(w, n-1) {
		switch w[n-1] {
		case 'w', 'x', 'y':
		default:
			return true
		}
	}
	return n == 2 && !isConsonant(w, 0) && isConsonant(w, 1)
}

// hasSuffix reports whether w ends with the ASCII string suffix.
func hasSuffix(w []rune, suffix string) bool {
	if len(w) < len(suffix) {
		return false
	}
	off := len(w) - len(suffix)
	for i := 0; i < len(suffix); i++ {
		if w[off+i] != rune(suffix[i]) {
			return false
		}
	}
	return true
}

// withSuffix returns a new slice holding stem followed by suffix.
func withSuffix(stem []rune, suffix string) []rune {
	out := make([]rune, 0, len(stem)+len(suffix))
	out = append(out, stem...)
	return append(out, []rune(suffix)...)
}

// rule is one suffix rule: replace suffix by repl when cond, if set,
// holds for the stem left after removing suffix. The special suffix "*d"
// matches a word ending in a double consonant and removes both letters.
type rule struct {
	suffix string
	repl   string
	cond   func(stem []rune) bool
}

// applyRules applies the first rule whose suffix matches w, like NLTK's
// PorterStemmer._apply_rule_list: once a suffix matches, later rules are
// not tried even if the condition fails.
func applyRules(w []rune, rules []rule) []rune {
	for _, r := range rules {
		var stem []rune
		switch {
		case r.suffix == "*d" && endsDoubleConsonant(w):
			stem = w[:len(w)-2]
		case r.suffix != "*d" && hasSuffix(w, r.suffix):
			stem = w[:len(w)-len(r.suffix)]
		default:
			continue
		}
		if r.cond == nil || r.cond(stem) {
			return withSuffix(stem, r.repl)
		}
		return w
	}
	return w
}

// step1a removes plurals: sses -> ss, ies -> i, s -> "". NLTK maps a
// four-letter word ending in ies to ie ("dies" -> "die").
func step1a(w []rune) []rune {
	if hasSuffix(w, "ies") && len(w) == 4 {
		return withSuffix(w[:len(w)-3], "ie")
	}
	return applyRules(w, []rule{
		{"sses", "ss", nil},
		{"ies", "i", nil},
		{"ss", "ss", nil},
		{"s", "", nil},
	})
}

// step1b removes -eed, -ed and -ing and tidies the stem that is left.
// NLTK maps ied to ie in four-letter words ("died" -> "die") and to i
// otherwise ("spied" -> "spi").
func step1b(w []rune) []rune {
	if hasSuffix(w, "ied") {
		if len(w) == 4 {
			return withSuffix(w[:len(w)-3], "ie")
		}
		return withSuffix(w[:len(w)-3], "i")
	}
	if hasSuffix(w, "eed") {
		stem := w[:len(w)-3]
		if measure(stem) > 0 {
			return withSuffix(stem, "ee")
		}
		return w
	}

	var stem []rune
	trimmed := false
	for _, suffix := range []string{"ed", "ing"} {
		if hasSuffix(w, suffix) && containsVowel(w[:len(w)-len(suffix)]) {
			stem = w[:len(w)-len(suffix)]
			trimmed = true
			break
		}
	}
	if !trimmed {
		return w
	}

	last := stem[len(stem)-1]
	return applyRules(stem, []rule{
		{"at", "ate", nil},
		{"bl", "ble", nil},
		{"iz", "ize", nil},
		{"*d", string(last), func([]rune) bool { return last != 'l' && last != 's' && last != 'z' }},
		{"", "e", func(s []rune) bool { return measure(s) == 1 && endsCVC(s) }},
	})
}

// step1c turns a final y into i when it follows a consonant that is not
// the first letter (NLTK's rule: "happy" -> "happi", "enjoy" stays).
func step1c(w []rune) []rune {
	return applyRules(w, []rule{
		{"y", "i", func(s []rune) bool { return len(s) > 1 && isConsonant(s, len(s)-1) }},
	})
}

// step2 maps double suffixes to single ones, such as -ization to -ize.
func step2(w []rune) []rune {
	// NLTK applies alli -> al first and, if it fires, runs step 2 again.
	if hasSuffix(w, "alli") && positiveMeasure(w[:len(w)-4]) {
		return step2(withSuffix(w[:len(w)-4], "al"))
	}
	return applyRules(w, []rule{
		{"ational", "ate", positiveMeasure},
		{"tional", "tion", positiveMeasure},
		{"enci", "ence", positiveMeasure},
		{"anci", "ance", positiveMeasure},
		{"izer", "ize", positiveMeasure},
		{"bli", "ble", positiveMeasure},
		{"alli", "al", positiveMeasure},
		{"entli", "ent", positiveMeasure},
		{"eli", "e", positiveMeasure},
		{"ousli", "ous", positiveMeasure},
		{"ization", "ize", positiveMeasure},
		{"ation", "ate", positiveMeasure},
		{"ator", "ate", positiveMeasure},
		{"alism", "al", positiveMeasure},
		{"iveness", "ive", positiveMeasure},
		{"fulness", "ful", positiveMeasure},
		{"ousness", "ous", positiveMeasure},
		{"aliti", "al", positiveMeasure},
		{"iviti", "ive", positiveMeasure},
		{"biliti", "ble", positiveMeasure},
		{"fulli", "ful", positiveMeasure},
		// The l of logi stays with the stem for the measure, so that
		// short stems such as geo- and theo- are handled too.
		{"logi", "log", func([]rune) bool { return positiveMeasure(w[:len(w)-3]) }},
	})
}

// step3 deals with -ic-, -full, -ness and similar suffixes.
func step3(w []rune) []rune {
	return applyRules(w, []rule{
		{"icate", "ic", positiveMeasure},
		{"ative", "", positiveMeasure},
		{"alize", "al", positiveMeasure},
		{"iciti", "ic", positiveMeasure},
		{"ical", "ic", positiveMeasure},
		{"ful", "", positiveMeasure},
		{"ness", "", positiveMeasure},
	})
}

// step4 removes the remaining suffixes when the stem has m > 1.
func step4(w []rune) []rune {
	return applyRules(w, []rule{
		{"al", "", measureOver1},
		{"ance", "", measureOver1},
		{"ence", "", measureOver1},
		{"er", "", measureOver1},
		{"ic", "", measureOver1},
		{"able", "", measureOver1},
		{"ible", "", measureOver1},
		{"ant", "", measureOver1},
		{"ement", "", measureOver1},
		{"ment", "", measureOver1},
		{"ent", "", measureOver1},
		{"ion", "", func(s []rune) bool {
			return measure(s) > 1 && (s[len(s)-1] == 's' || s[len(s)-1] == 't')
		}},
		{"ou", "", measureOver1},
		{"ism", "", measureOver1},
		{"ate", "", measureOver1},
		{"iti", "", measureOver1},
		{"ous", "", measureOver1},
		{"ive", "", measureOver1},
		{"ize", "", measureOver1},
	})
}

// step5a removes a final e when m > 1, or when m = 1 and the stem does
// not end consonant-vowel-consonant.
func step5a(w []rune) []rune {
	if hasSuffix(w, "e") {
		stem := w[:len(w)-1]
		if m := measure(stem); m > 1 || m == 1 && !endsCVC(stem) {
			return stem
		}
	}
	return w
}

// step5b turns a final ll into l when m > 1.
func step5b(w []rune) []rune {
	return applyRules(w, []rule{
		{"ll", "l", func([]rune) bool { return measureOver1(w[:len(w)-1]) }},
	})
}
