package source

import (
	"strings"
)

// DefaultSummaryWords is the summary budget when none is configured.
const DefaultSummaryWords = 60

// Summarize returns a plain-text summary of text (paragraphs separated by
// blank lines): its leading whole sentences, as many as fit in words words.
// A first sentence longer than that is cut at a word boundary and ends with
// an ellipsis. Junk lines and bylines are never part of it.
func Summarize(text string, words int) string {
	return strings.Join(SummarySentences(text, words), " ")
}

// SummarySentences is [Summarize] as a list of sentences.
func SummarySentences(text string, words int) []string {
	var paras []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = collapseSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	return summarySentences(paras, words)
}

func summarize(paras []string, words int) string {
	return strings.Join(summarySentences(paras, words), " ")
}

func summarySentences(paras []string, words int) []string {
	if words <= 0 {
		words = DefaultSummaryWords
	}
	var out []string
	n := 0
	for _, p := range paras {
		if isJunkLine(p) || isByline(p) {
			continue
		}
		for _, s := range Sentences(p) {
			w := len(strings.Fields(s))
			if n+w > words {
				if len(out) == 0 {
					return []string{truncateWords(s, words)}
				}
				return out
			}
			out = append(out, s)
			n += w
		}
	}
	return out
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
