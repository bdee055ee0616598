// Package rouge computes ROUGE-1, ROUGE-2 and ROUGE-Lsum scores between a
// reference summary and a candidate summary.
//
// It is a Go port of Google's rouge-score Python package
// (rouge_scorer.RougeScorer with use_stemmer=True), including the NLTK
// Porter stemmer that package relies on, and aims to give the same numbers:
//
//	scorer = rouge_scorer.RougeScorer(
//	    ["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
//	scorer.score(reference, candidate)
//
// Text is lowercased and split on anything other than a-z and 0-9, so
// letters outside ASCII never match. For ROUGE-Lsum the texts must hold
// one sentence per line.
package rouge

import "strings"

// Score is a precision, recall and F1 triple, each between 0 and 1.
type Score struct {
	Precision, Recall, F1 float64
}

// Scores holds the three ROUGE measures computed by Compare.
type Scores struct {
	Rouge1, Rouge2, RougeLsum Score
}

// Compare scores a candidate summary against a reference, both with one
// sentence per line for Lsum.
//
// Rouge1 and Rouge2 count overlapping unigrams and bigrams over the whole
// texts; RougeLsum is the summary-level longest common subsequence of
// Lin (2004), section 3.2, computed over the non-empty lines. A text
// without tokens scores 0 on every measure.
func Compare(reference, candidate string) Scores {
	refSents := sentences(reference)
	candSents := sentences(candidate)
	// Newlines separate tokens, so the tokens of the whole text are the
	// tokens of its lines in order.
	ref := concat(refSents)
	cand := concat(candSents)
	return Scores{
		Rouge1:    ngramScore(ref, cand, 1),
		Rouge2:    ngramScore(ref, cand, 2),
		RougeLsum: summaryLCSScore(refSents, candSents),
	}
}

// Mean returns the field-by-field arithmetic mean of s, or zero Scores
// when s is empty. It is a plain average, not the bootstrap estimate of
// rouge-score's scoring.BootstrapAggregator.
func Mean(s []Scores) Scores {
	var sum Scores
	if len(s) == 0 {
		return sum
	}
	for _, x := range s {
		sum.Rouge1 = add(sum.Rouge1, x.Rouge1)
		sum.Rouge2 = add(sum.Rouge2, x.Rouge2)
		sum.RougeLsum = add(sum.RougeLsum, x.RougeLsum)
	}
	n := float64(len(s))
	return Scores{
		Rouge1:    div(sum.Rouge1, n),
		Rouge2:    div(sum.Rouge2, n),
		RougeLsum: div(sum.RougeLsum, n),
	}
}

// add returns the field-by-field sum of a and b.
func add(a, b Score) Score {
	return Score{a.Precision + b.Precision, a.Recall + b.Recall, a.F1 + b.F1}
}

// div divides every field of a by n.
func div(a Score, n float64) Score {
	return Score{a.Precision / n, a.Recall / n, a.F1 / n}
}

// newScore builds a Score from precision and recall, with F1 computed as
// rouge-score's scoring.fmeasure does.
func newScore(precision, recall float64) Score {
	f := 0.0
	if precision+recall > 0 {
		f = 2 * precision * recall / (precision + recall)
	}
	return Score{Precision: precision, Recall: recall, F1: f}
}

// sentences splits text on "\n", drops empty lines and tokenizes the rest,
// like the get_sents helper of rouge_scorer.RougeScorer.score. A line made
// only of spaces or punctuation is kept as a sentence without tokens.
func sentences(text string) [][]string {
	var out [][]string
	for _, line := range strings.Split(text, "\n") {
		if line != "" {
			out = append(out, Tokenize(line))
		}
	}
	return out
}

// concat joins the tokens of all sentences.
func concat(sents [][]string) []string {
	var out []string
	for _, s := range sents {
		out = append(out, s...)
	}
	return out
}

// ngramScore is rouge-score's _score_ngrams over the n-grams of ref and
// cand: the overlap is the sum over reference n-grams of the smaller of the
// two counts.
func ngramScore(ref, cand []string, n int) Score {
	refCounts := ngramCounts(ref, n)
	candCounts := ngramCounts(cand, n)
	overlap := 0
	for g, c := range refCounts {
		overlap += min(c, candCounts[g])
	}
	refTotal := max(len(ref)-n+1, 0)
	candTotal := max(len(cand)-n+1, 0)
	precision := float64(overlap) / float64(max(candTotal, 1))
	recall := float64(overlap) / float64(max(refTotal, 1))
	return newScore(precision, recall)
}

// ngramCounts counts the n-grams of tokens. Tokens never contain a space,
// so joining with one gives a unique key.
func ngramCounts(tokens []string, n int) map[string]int {
	counts := make(map[string]int)
	for i := 0; i+n <= len(tokens); i++ {
		counts[strings.Join(tokens[i:i+n], " ")]++
	}
	return counts
}

// summaryLCSScore is rouge-score's _summary_level_lcs. For each reference
// sentence it takes the union of its LCS with every candidate sentence and
// counts each token of that union as a hit only while the token is still
// available in both texts' token counts, so a token is never matched more
// often than it occurs in either summary.
func summaryLCSScore(ref, cand [][]string) Score {
	refCounts := tokenCounts(ref)
	candCounts := tokenCounts(cand)
	m := len(concat(ref))  // reference tokens
	n := len(concat(cand)) // candidate tokens
	if m == 0 || n == 0 {
		return Score{}
	}
	hits := 0
	var table []int // scratch space reused by every LCS computation
	for _, r := range ref {
		for _, tok := range unionLCS(r, cand, &table) {
			if candCounts[tok] > 0 && refCounts[tok] > 0 {
				hits++
				candCounts[tok]--
				refCounts[tok]--
			}
		}
	}
	return newScore(float64(hits)/float64(n), float64(hits)/float64(m))
}

// tokenCounts counts the tokens of all sentences.
func tokenCounts(sents [][]string) map[string]int {
	counts := make(map[string]int)
	for _, s := range sents {
		for _, t := range s {
			counts[t]++
		}
	}
	return counts
}

// unionLCS returns, in order, the tokens of ref at the positions that
// belong to the LCS of ref with at least one of the candidate sentences.
// table is scratch space for markLCS.
func unionLCS(ref []string, cands [][]string, table *[]int) []string {
	inLCS := make([]bool, len(ref))
	for _, c := range cands {
		markLCS(ref, c, inLCS, table)
	}
	var out []string
	for i, ok := range inLCS {
		if ok {
			out = append(out, ref[i])
		}
	}
	return out
}

// markLCS sets mark[i] for each position i of ref on one longest common
// subsequence of ref and can. Which LCS is chosen matters for the hit
// counting, so the table and the backtracking follow rouge-score's
// _lcs_table and _backtrack_norec exactly. The table is kept in *table,
// which grows as needed.
func markLCS(ref, can []string, mark []bool, table *[]int) {
	rows, cols := len(ref), len(can)
	if rows == 0 || cols == 0 {
		return
	}
	w := cols + 1
	size := (rows + 1) * w
	if cap(*table) < size {
		*table = make([]int, size)
	}
	t := (*table)[:size]
	clear(t)
	for i := 1; i <= rows; i++ {
		for j := 1; j <= cols; j++ {
			if ref[i-1] == can[j-1] {
				t[i*w+j] = t[(i-1)*w+j-1] + 1
			} else {
				t[i*w+j] = max(t[(i-1)*w+j], t[i*w+j-1])
			}
		}
	}
	for i, j := rows, cols; i > 0 && j > 0; {
		switch {
		case ref[i-1] == can[j-1]:
			mark[i-1] = true
			i--
			j--
		case t[i*w+j-1] > t[(i-1)*w+j]:
			j--
		default:
			i--
		}
	}
}
