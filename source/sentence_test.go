package source

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

var sentenceTests = []struct {
	text string
	want []string
}{
	// Plain sentences and whitespace.
	{"", nil},
	{" \n\t ", nil},
	{"One sentence without a period", []string{"One sentence without a period"}},
	{"  The bank raised rates.  Markets fell.  ", []string{"The bank raised rates.", "Markets fell."}},
	{"Prices rose\tsharply  on Monday.\r\nTraders were surprised.", []string{"Prices rose sharply on Monday.", "Traders were surprised."}},
	{"Is it over? Nobody knows! Wait?! Yes.", []string{"Is it over?", "Nobody knows!", "Wait?!", "Yes."}},
	{"The firm lost money in 2022. The year before it made a profit.", []string{"The firm lost money in 2022.", "The year before it made a profit."}},
	{"The vote passed 52 to 48. 12 members abstained.", []string{"The vote passed 52 to 48.", "12 members abstained."}},

	// Numbers, amounts, times and domains are never split.
	{"The U.S. economy grew 3.5% in Q2. Analysts expected less.", []string{"The U.S. economy grew 3.5% in Q2.", "Analysts expected less."}},
	{"Profits rose to $1.13bn (£600m). Sales were flat.", []string{"Profits rose to $1.13bn (£600m).", "Sales were flat."}},
	{"Version v1.2 ships at 10.30am on Friday. It fixes 3.14 bugs.", []string{"Version v1.2 ships at 10.30am on Friday.", "It fixes 3.14 bugs."}},
	{"Read more at bbc.co.uk or example.com. Comments are closed.", []string{"Read more at bbc.co.uk or example.com.", "Comments are closed."}},
	{"See https://example.com/a.b?x=1. Then reload.", []string{"See https://example.com/a.b?x=1.", "Then reload."}},

	// Titles never end a sentence.
	{"Mr. Smith went to Washington. He arrived at 10 a.m. on Monday.", []string{"Mr. Smith went to Washington.", "He arrived at 10 a.m. on Monday."}},
	{"Mrs. Jones met Dr. Patel and Prof. Lee. They talked.", []string{"Mrs. Jones met Dr. Patel and Prof. Lee.", "They talked."}},
	{"Sen. Warren and Rep. Ortiz wrote to Gov. Hale and Gen. Park.", []string{"Sen. Warren and Rep. Ortiz wrote to Gov. Hale and Gen. Park."}},
	{"Col. Avery, Lt. Diaz, Sgt. Moss and Capt. Reyes saluted Rev. Green.", []string{"Col. Avery, Lt. Diaz, Sgt. Moss and Capt. Reyes saluted Rev. Green."}},
	{"It was then-Sen. Obama who spoke, not ex-Gov. Hale.", []string{"It was then-Sen. Obama who spoke, not ex-Gov. Hale."}},
	{"He met Jay-Z. Soul singers came too.", []string{"He met Jay-Z.", "Soul singers came too."}},
	{"Ms. Lopez spoke. Mr. The-Name is not a word.", []string{"Ms. Lopez spoke.", "Mr. The-Name is not a word."}},

	// Names, initials, suffixes and places.
	{"J. R. R. Tolkien wrote it. George W. Bush read it.", []string{"J. R. R. Tolkien wrote it.", "George W. Bush read it."}},
	{"Martin Luther King Jr. Day is a holiday. Sammy Davis Jr. He sang.", []string{"Martin Luther King Jr. Day is a holiday.", "Sammy Davis Jr.", "He sang."}},
	{"They flew to St. Louis. The plane was late.", []string{"They flew to St. Louis.", "The plane was late."}},
	{"She has a Ph.D. in physics. He has a Ph.D. He is proud.", []string{"She has a Ph.D. in physics.", "He has a Ph.D.", "He is proud."}},
	{"AURORA, Colo. A car hit a wall.", []string{"AURORA, Colo.", "A car hit a wall."}},
	{"He starred in Tears of the Sun. Willis sued.", []string{"He starred in Tears of the Sun.", "Willis sued."}},
	{"He needs vitamin C. The doctor agreed.", []string{"He needs vitamin C.", "The doctor agreed."}},

	// Dotted abbreviations end a sentence only before a usual sentence opener.
	{"WASHINGTON (Reuters) - The U.N. said on Friday it would act.", []string{"WASHINGTON (Reuters) - The U.N. said on Friday it would act."}},
	{"U.S. President Joe Biden met U.K. Prime Minister Rishi Sunak.", []string{"U.S. President Joe Biden met U.K. Prime Minister Rishi Sunak."}},
	{"Troops left the U.S. The E.U. and D.C. officials were told.", []string{"Troops left the U.S.", "The E.U. and D.C. officials were told."}},
	{"Apple Inc. Chief Executive Tim Cook spoke. Shares of Acme Corp. The firm fell.", []string{"Apple Inc. Chief Executive Tim Cook spoke.", "Shares of Acme Corp.", "The firm fell."}},
	{"Acme Ltd. and Smith & Co. merged.", []string{"Acme Ltd. and Smith & Co. merged."}},

	// a.m. and p.m.
	{"The polls close at 8 p.m. Eastern time.", []string{"The polls close at 8 p.m. Eastern time."}},
	{"The polls close at 8 p.m. The count starts at once.", []string{"The polls close at 8 p.m.", "The count starts at once."}},
	{"It starts at 9 a.m. Friday. It ends at 5 p.m. But nobody stays.", []string{"It starts at 9 a.m. Friday.", "It ends at 5 p.m.", "But nobody stays."}},

	// Dates and numbers.
	{"The law took effect on Jan. 5 and was repealed in Sept. The court agreed.", []string{"The law took effect on Jan. 5 and was repealed in Sept.", "The court agreed."}},
	{"The attacks of Sept. 11 changed everything. On Fri. Aug. 3 nothing happened.", []string{"The attacks of Sept. 11 changed everything.", "On Fri. Aug. 3 nothing happened."}},
	{"He lives at No. 10 and she said No. Then she left.", []string{"He lives at No. 10 and she said No.", "Then she left."}},
	{"See p. 5 and Fig. 2 for details.", []string{"See p. 5 and Fig. 2 for details."}},

	// Latin abbreviations.
	{"Fruit, e.g. apples, and nuts, i.e. almonds. E.g. Pears are fine.", []string{"Fruit, e.g. apples, and nuts, i.e. almonds.", "E.g. Pears are fine."}},
	{"Roe v. Wade and Smith vs. The State were cited.", []string{"Roe v. Wade and Smith vs. The State were cited."}},
	{"Bring pens, paper, etc. and a lunch. Bring books, maps, etc. The bus leaves early.", []string{"Bring pens, paper, etc. and a lunch.", "Bring books, maps, etc.", "The bus leaves early."}},

	// Quotes and brackets.
	{`He said: "No." Then he left.`, []string{`He said: "No."`, "Then he left."}},
	{`"Really?" she asked. "Yes!" he said.`, []string{`"Really?" she asked.`, `"Yes!" he said.`}},
	{`"Really?" She did not wait.`, []string{`"Really?"`, "She did not wait."}},
	{"He said: “No.” Then he left.", []string{"He said: “No.”", "Then he left."}},
	{"She called it ‘absurd.’ Nobody replied.", []string{"She called it ‘absurd.’", "Nobody replied."}},
	{"It failed (again.) Nobody was surprised. (They never are.) Fine.", []string{"It failed (again.)", "Nobody was surprised.", "(They never are.)", "Fine."}},
	{`"We will win. Nobody can stop us," the coach said.`, []string{`"We will win.`, `Nobody can stop us," the coach said.`}},
	{"“We’re done,” she said. “It’s over — for now.” He nodded.", []string{"“We’re done,” she said.", "“It’s over — for now.”", "He nodded."}},
	{`He said "enough." and left.`, []string{`He said "enough." and left.`}},
	{"It was over.\n\n\" The crowd left.", []string{"It was over. \"", "The crowd left."}},
	{"EXPERT VIEW: '\nA fine product. '\nBuy it.", []string{"EXPERT VIEW: ' A fine product. '", "Buy it."}},
	{"VERDICT:\n' A fine product. '", []string{"VERDICT:", "' A fine product. '"}},
	{"It was made.\n\n‘\n\nDuring the trial he said nothing.’", []string{"It was made.", "‘ During the trial he said nothing.’"}},
	{"Was it fair ?No one knows . Then it ended", []string{"Was it fair ?No one knows .", "Then it ended"}},

	// Ellipses.
	{"He paused... and then left.", []string{"He paused... and then left."}},
	{"He paused... Then he left.", []string{"He paused...", "Then he left."}},
	{"Wait… What happened? Nothing… really.", []string{"Wait…", "What happened?", "Nothing… really."}},
	{"It was 3... 2... 1... Liftoff!", []string{"It was 3... 2... 1...", "Liftoff!"}},

	// Unicode.
	{"The vote — held on Monday — passed. Critics were furious.", []string{"The vote — held on Monday — passed.", "Critics were furious."}},
	{"Zürich gewann. Österreich verlor.", []string{"Zürich gewann.", "Österreich verlor."}},
	{"Prices\u00a0rose.\u2028Élan fell.", []string{"Prices rose.", "Élan fell."}},

	// Lines, headings and lists.
	{"Markets rally\nShares rose on Monday.", []string{"Markets rally", "Shares rose on Monday."}},
	{"Key points:\n- Prices rose\n- Wages fell\n\nThat is all.", []string{"Key points:", "- Prices rose", "- Wages fell", "That is all."}},
	{"1. Open the box\n2. Remove the lid. Keep it.\n3. Done", []string{"1. Open the box", "2. Remove the lid.", "Keep it.", "3. Done"}},
	{"It was too late:\n\nthe hashtag was trending.", []string{"It was too late: the hashtag was trending."}},
	{"Bob Jones (Lux/\nQuick-Step) won.", []string{"Bob Jones (Lux/ Quick-Step) won."}},
	{"In London,\nPrime Minister Smith spoke.", []string{"In London, Prime Minister Smith spoke."}},
	{"The talks were led by Mr.\nJones and Dr.\nKhan.", []string{"The talks were led by Mr. Jones and Dr. Khan."}},
	{"Trade with the U.S.\nPresident Lee spoke.", []string{"Trade with the U.S. President Lee spoke."}},
	{"Trade with the U.S.\r\n\r\nPresident Lee spoke.", []string{"Trade with the U.S.", "President Lee spoke."}},
	{"Trade with the U.S.\u2029President Lee spoke.", []string{"Trade with the U.S.", "President Lee spoke."}},
	{"\"I won't stay here.\n\nIt is awful.\"", []string{"\"I won't stay here.", "It is awful.\""}},
}

func TestSentences(t *testing.T) {
	for _, tt := range sentenceTests {
		got := Sentences(tt.text)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Sentences(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func FuzzSentences(f *testing.F) {
	for _, tt := range sentenceTests {
		f.Add(tt.text)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Sentences(s)
		if joined, want := strings.Join(got, " "), strings.Join(strings.Fields(s), " "); joined != want {
			t.Fatalf("Sentences(%q) = %q: joined %q, want %q", s, got, joined, want)
		}
		for _, sentence := range got {
			if sentence == "" || sentence != strings.TrimFunc(sentence, unicode.IsSpace) {
				t.Fatalf("Sentences(%q) = %q: sentence %q is empty or untrimmed", s, got, sentence)
			}
		}
	})
}

// benchText is about 5 KB of news-like text with the abbreviations, numbers
// and quotes the splitter has to look at twice.
var benchText = strings.Repeat(`The U.S. economy grew 3.5% in the second quarter, the Commerce Department said on Thursday. Analysts had expected 2.9%. "This is a strong number," said Dr. Jane Porter, chief economist at Acme Corp. in New York. "But it will not last." Consumer spending, which makes up about two-thirds of output, rose at a 4.1% rate.
Shares of Widget Inc. rose $1.13 to $42.50 by 10.30am. Mr. Smith, who joined the board in Jan. 2019, declined to comment... Others did not. The company's website, widget.example.com, was down for an hour.
WASHINGTON (Reuters) - Sen. Maria Lopez and Rep. John O'Neil met U.K. officials at 9 a.m. on Monday. Was it a success? Nobody knows! The talks, e.g. on tariffs, will resume at No. 10 next week.
`, 7)

func BenchmarkSentences(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		if got := Sentences(benchText); len(got) != 7*13 {
			b.Fatalf("Sentences(benchText) returned %d sentences, want %d", len(got), 7*13)
		}
	}
}

// TestSentencesBBC splits the BBC articles of the shared evaluation set and
// counts sentences that end in an abbreviation before a capitalised word, in
// the same paragraph, that is not a common sentence opener, like "Mr." before
// "Brown": each is a sentence wrongly cut in two.
func TestSentencesBBC(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "eval", "articles", "bbc")
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Skipf("no articles in %s", dir)
	}
	abbrevs := map[string]bool{}
	for _, w := range strings.Fields("Mr. Mrs. Ms. Dr. Prof. Sen. Gen. St. Jr. U.S. U.K. U.N. E.U. Inc. Corp. Co. Ltd. Jan. Feb. Aug. Sept.") {
		abbrevs[w] = true
	}
	openers := map[string]bool{}
	for _, w := range strings.Fields("The A An He She It They We I But And In On At This That There") {
		openers[w] = true
	}
	var sentences, cuts int
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// A paragraph may end with an abbreviation, so look inside paragraphs only.
		for para := range strings.SplitSeq(string(src), "\n\n") {
			got := Sentences(para)
			sentences += len(got)
			for i := 0; i+1 < len(got); i++ {
				words := strings.Fields(got[i])
				last := strings.TrimLeft(words[len(words)-1], `"'(“‘`)
				next := strings.TrimLeft(strings.Fields(got[i+1])[0], `"'(“‘`)
				if abbrevs[last] && startsUpper(next) && !openers[strings.TrimRight(next, ",'’")] {
					cuts++
					t.Errorf("%s: sentence %q ends in an abbreviation before %q", filepath.Base(path), got[i], next)
				}
			}
		}
	}
	t.Logf("%d articles, %d sentences, %d cut after an abbreviation", len(paths), sentences, cuts)
}
