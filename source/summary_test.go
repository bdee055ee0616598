package source

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Sentences for the summary cases, named by their length in words.
const (
	lede14 = "The Harbour Bridge reopened to traffic on Monday after eighteen months of repairs."
	cost12 = "The work cost the city $41.5m, officials said on Monday."
	long25 = "Engineers found corrosion in 212 of the bridge's 640 steel cables during a routine inspection in early 2024, and the city closed it within a week."
	short8 = "Commuters welcomed the news with loud applause."
	late7  = "The mayor thanked the engineering crews."
)

var summaryTests = []struct {
	name  string
	text  string
	words int
	want  []string
}{
	{"empty", "", 60, nil},
	{"blank", " \n\n \n", 60, nil},
	{"leading sentences", lede14 + " " + cost12 + "\n\n" + short8, 60, []string{lede14, cost12, short8}},
	{"budget stops", lede14 + " " + cost12 + " " + short8, 26, []string{lede14, cost12}},
	{"default budget", lede14 + " " + cost12, 0, []string{lede14, cost12}},

	// A sentence that does not fit is left out and a shorter one after it
	// takes its place, but only one is left out.
	{"fill after a gap", lede14 + "\n\n" + long25 + "\n\n" + short8, 30, []string{lede14, short8}},
	{"one gap only", lede14 + "\n\n" + long25 + "\n\n" + long25 + "\n\n" + short8, 30, []string{lede14}},
	{"fill keeps going", lede14 + "\n\n" + long25 + "\n\n" + short8 + "\n\n" + late7, 30, []string{lede14, short8, late7}},
	// After a gap, only the lead paragraphs (the opening one and three more)
	// may fill the summary.
	{"fill from the lead",
		lede14 + "\n\n" + long25 + "\n\nA Slow and Costly Job\n\n" + short8, 30,
		[]string{lede14, short8}},
	{"no fill from later",
		lede14 + "\n\n" + long25 + "\n\nA Slow and Costly Job\n\nThe first cars on the bridge at dawn\n\n" + short8, 30,
		[]string{lede14}},
	{"no gap, no paragraph limit",
		"Rain fell on the city all day.\n\nThe river rose fast.\n\nRoads were shut.\n\nSchools closed early.\n\nShops stayed open.", 60,
		[]string{"Rain fell on the city all day.", "The river rose fast.", "Roads were shut.", "Schools closed early.", "Shops stayed open."}},
	{"only teasers", "Rain fell all day.\n\nThe river rose.", 60, []string{"Rain fell all day."}},
	{"no short sentence after a gap", lede14 + "\n\n" + long25 + "\n\n" + "Nobody minded." + "\n\n" + late7, 30, []string{lede14, late7}},
	{"no quotation after a gap", lede14 + "\n\n" + long25 + "\n\n" + `"It is a great day," she said.` + "\n\n" + late7, 30, []string{lede14, late7}},

	// Teasers do not open a summary.
	{"short kicker", "Back in business.\n\n" + lede14, 60, []string{lede14}},
	{"teaser question", "Will the bridge hold this time?\n\n" + lede14, 60, []string{lede14}},
	{"short sentence later is fine", lede14 + " It worked.", 60, []string{lede14, "It worked."}},

	// Fragments are never used: captions and headings without final
	// punctuation, parts of quotations.
	{"caption", "Back to work: the bridge at dawn on Monday, seen from the harbour\n\n" + lede14, 60, []string{lede14}},
	{"kicker with colon", "Fighter ace:\n\n" + lede14, 60, []string{lede14}},
	{"heading", lede14 + "\n\nWhat Changes for Drivers\n\n" + cost12, 60, []string{lede14, cost12}},
	{"quote closed elsewhere", lede14 + "\n\nMakes my skin crawl even being here.'\n\n" + cost12, 60, []string{lede14, cost12}},
	{"quote opened elsewhere", lede14 + ` "We could have used a thicker cable.` + " " + cost12, 60, []string{lede14, cost12}},
	{"single quote opened elsewhere", lede14 + " 'We could have used a thicker cable.\n\n" + cost12, 60, []string{lede14, cost12}},
	{"whole quotation", lede14 + ` "It is a great day," she said.`, 60, []string{lede14, `"It is a great day," she said.`}},
	{"apostrophes", "The teens' mother said Britain’s roads don't need 'new' bridges.", 60, []string{"The teens' mother said Britain’s roads don't need 'new' bridges."}},

	// A paragraph break inside a sentence does not cut it.
	{"broken paragraph",
		"The country is due to repay the loan on Thursday\n\nbut there were concerns it would default.\n\n" + cost12, 60,
		[]string{"The country is due to repay the loan on Thursday but there were concerns it would default.", cost12}},
	// A straight quote left alone at the end of a sentence opens the next
	// one, or closes the quotation it opened.
	{"stray opening quote",
		lede14 + " '\n\nWe came here for vacation. We did not expect this.'\n\n" + cost12, 60,
		[]string{lede14, cost12}},
	{"stray closing quote",
		lede14 + ` "We came here for vacation. "` + "\n\n" + cost12, 60,
		[]string{lede14, `"We came here for vacation."`, cost12}},
	{"stray quote at the end", lede14 + " '", 60, []string{lede14}},

	// Furniture is never part of a summary.
	{"byline and junk", "By Maren Okafor\n\nAdvertisement\n\n" + lede14, 60, []string{lede14}},

	// A first sentence over the budget is cut; text with no whole sentence
	// still gets a summary.
	{"long first sentence", long25, 10, []string{"Engineers found corrosion in 212 of the bridge's 640 steel…"}},
	{"no spaces", "東京で地震があった。けが人はいない。", 60, []string{"東京で地震があった。けが人はいない。"}},
	{"only fragments", "Harbour Bridge reopens\n\nTraffic back to normal", 60, []string{"Harbour Bridge reopens"}},
}

func TestSummarySentences(t *testing.T) {
	for _, tt := range summaryTests {
		t.Run(tt.name, func(t *testing.T) {
			got := SummarySentences(tt.text, tt.words)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("SummarySentences(%q, %d) =\n%q\nwant\n%q", tt.text, tt.words, got, tt.want)
			}
			if s, want := Summarize(tt.text, tt.words), strings.Join(tt.want, " "); s != want {
				t.Errorf("Summarize(%q, %d) = %q, want %q", tt.text, tt.words, s, want)
			}
		})
	}
}

// FuzzSummarize checks that any text gets a summary within the budget, and
// the same one as if every paragraph had been read.
func FuzzSummarize(f *testing.F) {
	for _, tt := range summaryTests {
		f.Add(tt.text, tt.words)
	}
	f.Fuzz(func(t *testing.T, text string, words int) {
		words = 1 + (words%100+100)%100 // 1 to 100
		got := SummarySentences(text, words)
		if n := countWords(strings.Join(got, " ")); n > words {
			t.Errorf("SummarySentences(%q, %d) = %q: %d words", text, words, got, n)
		}
		var paras []string
		for p := range strings.SplitSeq(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
			if p = collapseSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
		if all, _ := pickSummary(paras, words); !slices.Equal(got, all) {
			t.Errorf("SummarySentences(%q, %d) = %q, but %q from all paragraphs", text, words, got, all)
		}
	})
}

var quoteFragmentTests = []struct {
	s    string
	want bool
}{
	{`He said it was "over".`, false},
	{`"It is over," he said.`, false},
	{`“It is over,” he said.`, false},
	{`He called it 'a disgrace.'`, false},
	{`He called it ‘a disgrace’ and left.`, false},
	{`The teens' mother was there.`, false},
	{`It's Britain’s best rock 'n' roll.`, false},
	{`"It is over.`, true},
	{`It is over."`, true},
	{`“It is over.`, true},
	{`It is over.”`, true},
	{`'We came here for vacation.`, true},
	{`Which is remarkable when you consider what it is she does.'`, true},
	{`And then they left, he said.’`, true},
}

func TestIsQuoteFragment(t *testing.T) {
	for _, tt := range quoteFragmentTests {
		if got := isQuoteFragment(tt.s); got != tt.want {
			t.Errorf("isQuoteFragment(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestLeadSentencesParagraphs(t *testing.T) {
	paras := []string{
		"One two three.",
		"Four five six. Seven",
		"eight nine.",
		"Ten.",
	}
	sents, para := leadSentences(paras)
	want := []string{"One two three.", "Four five six.", "Seven eight nine.", "Ten."}
	wantPara := []int{0, 1, 1, 3}
	if !slices.Equal(sents, want) || !slices.Equal(para, wantPara) {
		t.Errorf("leadSentences(%q) = %q, %v; want %q, %v", paras, sents, para, want, wantPara)
	}
}

// The plain-text articles the corpus test and the benchmark read: the
// example site's, and the evaluation set's when present (see
// ../shared/eval/README.md). The first line of each is its title, except in
// the summary sets.
var (
	contentArticles = filepath.Join("..", "testdata", "content", "*.txt")
	bbcArticles     = filepath.Join("..", "..", "shared", "eval", "articles", "bbc", "*.txt")
	evalArticles    = []string{
		filepath.Join("..", "..", "shared", "eval", "summaries", "cnndm", "articles", "*.txt"),
		filepath.Join("..", "..", "shared", "eval", "summaries", "xsum", "articles", "*.txt"),
	}
)

// TestSummaryCorpus summarizes real articles and checks what every summary
// must be: at most the budget, whole sentences of the text in their order
// (or the opening cut with "…"), never opening with a teaser, and the same
// as if every paragraph had been read.
func TestSummaryCorpus(t *testing.T) {
	bodies := articleBodies(t, true, contentArticles, bbcArticles)
	maps.Copy(bodies, articleBodies(t, false, evalArticles...))
	if len(bodies) == 0 {
		t.Skip("no articles")
	}
	for name, body := range bodies {
		var paras []string
		for p := range strings.SplitSeq(body, "\n\n") {
			if p = collapseSpace(p); p != "" {
				paras = append(paras, p)
			}
		}
		for _, words := range []int{20, DefaultSummaryWords, 100} {
			got := summarySentences(paras, words)
			if all, _ := pickSummary(paras, words); !slices.Equal(got, all) {
				t.Errorf("%s, %d words: summary = %q, but %q from all paragraphs", name, words, got, all)
			}
			if words == DefaultSummaryWords {
				checkSummary(t, name, body, got, words)
			}
		}
	}
}

// checkSummary checks got, the summary of body in words words.
func checkSummary(t *testing.T, name, body string, got []string, words int) {
	t.Helper()
	if len(got) == 0 {
		t.Errorf("%s: empty summary", name)
		return
	}
	if n := countWords(strings.Join(got, " ")); n > words {
		t.Errorf("%s: summary of %d words: %q", name, n, got)
	}
	text := strings.Join(strings.Fields(body), " ")
	pos := 0
	for _, s := range got {
		if len(got) == 1 && strings.HasSuffix(s, "…") {
			s = strings.TrimSuffix(s, "…")
		} else if !isWholeSentence(s) || isQuoteFragment(s) {
			t.Errorf("%s: summary sentence %q is a fragment", name, s)
		}
		// A quotation mark may have moved from one sentence to the next.
		s = strings.Trim(s, `"'`)
		i := strings.Index(text[pos:], s)
		if i < 0 {
			t.Errorf("%s: summary sentence %q is not in the text after offset %d", name, s, pos)
			return
		}
		pos += i + len(s)
	}
	if isTeaser(got[0]) {
		t.Errorf("%s: summary opens with a teaser: %q", name, got)
	}
}

// articleBodies reads the files that match patterns, by base name, without
// their first line if titled.
func articleBodies(tb testing.TB, titled bool, patterns ...string) map[string]string {
	bodies := map[string]string{}
	for _, pattern := range patterns {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			body := strings.ReplaceAll(string(src), "\r\n", "\n")
			if titled {
				_, body, _ = strings.Cut(body, "\n")
			}
			bodies[filepath.Base(p)] = body
		}
	}
	return bodies
}

// BenchmarkSummarize summarizes the example site's text articles and, when
// present, the 1,095 BBC articles of the evaluation set; an op is the whole
// collection.
func BenchmarkSummarize(b *testing.B) {
	for _, bm := range []struct{ name, pattern string }{
		{"content", contentArticles},
		{"bbc", bbcArticles},
	} {
		b.Run(bm.name, func(b *testing.B) {
			bodies := slices.Sorted(maps.Values(articleBodies(b, true, bm.pattern)))
			if len(bodies) == 0 {
				b.Skipf("no articles match %s", bm.pattern)
			}
			var size int64
			for _, body := range bodies {
				size += int64(len(body))
			}
			b.SetBytes(size)
			for b.Loop() {
				for _, body := range bodies {
					if s := Summarize(body, DefaultSummaryWords); s == "" {
						b.Fatalf("Summarize(%.80q...) is empty", body)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(bodies)), "ns/article")
		})
	}
}

func ExampleSummarize() {
	text := `Back in business.

The Harbour Bridge reopened to traffic on Monday after eighteen months of repairs. Engineers found corrosion in 212 of the bridge's 640 steel cables during a routine inspection in early 2024, and the city closed it within a week.

The work cost the city $41.5m, officials said.`
	fmt.Println(Summarize(text, 30))
	// Output: The Harbour Bridge reopened to traffic on Monday after eighteen months of repairs. The work cost the city $41.5m, officials said.
}
