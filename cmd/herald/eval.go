package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/heraldfeeds/herald/internal/rouge"
	"github.com/heraldfeeds/herald/source"
)

// A summarizer is one way of summarizing an article body, scored by eval-summaries.
type summarizer struct {
	name string
	fn   func(body string, words int) []string // the summary's sentences
}

var summarizers = []summarizer{
	{"herald", func(body string, words int) []string { return source.SummarySentences(body, words) }},
	{"lead-budget", leadWithin},
	{"lead-3", func(body string, _ int) []string {
		s := bodySentences(body)
		return s[:min(3, len(s))]
	}},
}

// leadWithin is the baseline: the leading whole sentences of the body that fit
// in words words, with no junk removal and no skipping.
func leadWithin(body string, words int) []string {
	var out []string
	n := 0
	for _, s := range bodySentences(body) {
		w := len(strings.Fields(s))
		if n+w > words && len(out) > 0 {
			break
		}
		out = append(out, s)
		n += w
		if n >= words {
			break
		}
	}
	return out
}

func bodySentences(body string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n\n") {
		out = append(out, source.Sentences(p)...)
	}
	return out
}

// runEval scores Herald's summaries with ROUGE against reference summaries.
func runEval(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("herald eval-summaries", flag.ContinueOnError)
	fs.SetOutput(stderr)
	words := fs.Int("words", source.DefaultSummaryWords, "the summary budget in words")
	verbose := fs.Bool("v", false, "print every article's scores")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: herald eval-summaries [-words N] [-v] DIR...

Scores Herald's summaries of DIR/articles/ID.txt (body text, paragraphs
separated by blank lines) against DIR/refs/ID.txt (reference summaries, one
sentence per line) with ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (Porter stemming,
as Google's rouge-score), next to two baselines: the leading whole sentences
within the same word budget, and the first three sentences (Lead-3).

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("eval-summaries: name a folder with articles/ and refs/")
	}
	for _, dir := range fs.Args() {
		if err := evalDir(dir, *words, *verbose, stdout); err != nil {
			return fmt.Errorf("eval-summaries %s: %w", dir, err)
		}
	}
	return nil
}

func evalDir(dir string, words int, verbose bool, w io.Writer) error {
	refs, err := filepath.Glob(filepath.Join(dir, "refs", "*.txt"))
	if err != nil {
		return err
	}
	if len(refs) == 0 {
		return errors.New("no refs/*.txt files")
	}
	sort.Strings(refs)
	scores := make([][]rouge.Scores, len(summarizers))
	lengths := make([]int, len(summarizers))
	for _, refPath := range refs {
		id := strings.TrimSuffix(filepath.Base(refPath), ".txt")
		ref, err := os.ReadFile(refPath)
		if err != nil {
			return err
		}
		body, err := os.ReadFile(filepath.Join(dir, "articles", id+".txt"))
		if err != nil {
			return err
		}
		for i, s := range summarizers {
			sum := s.fn(string(body), words)
			sc := rouge.Compare(string(ref), strings.Join(sum, "\n"))
			scores[i] = append(scores[i], sc)
			lengths[i] += len(strings.Fields(strings.Join(sum, " ")))
			if verbose {
				fmt.Fprintf(w, "%s\t%s\t%.2f\t%.2f\t%.2f\n", id, s.name, 100*sc.Rouge1.F1, 100*sc.Rouge2.F1, 100*sc.RougeLsum.F1)
			}
		}
	}
	fmt.Fprintf(w, "%s: %d articles, budget %d words\n", dir, len(refs), words)
	fmt.Fprintf(w, "%-12s %7s %7s %7s %9s\n", "summarizer", "R1", "R2", "RLsum", "avg words")
	for i, s := range summarizers {
		m := rouge.Mean(scores[i])
		fmt.Fprintf(w, "%-12s %7.2f %7.2f %7.2f %9.1f\n", s.name, 100*m.Rouge1.F1, 100*m.Rouge2.F1, 100*m.RougeLsum.F1, float64(lengths[i])/float64(len(refs)))
	}
	return nil
}
