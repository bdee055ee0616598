package source

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var junkLineTests = []struct {
	in   string
	want bool
}{
	// Furniture.
	{"Advertisement", true},
	{"ADVERTISEMENT", true},
	{"Story continues below advertisement", true},
	{"Share this with Email Facebook Messenger Twitter Pinterest WhatsApp", true},
	{"Share this article", true},
	{"Copy this link", true},
	{"Read more", true},
	{"READ MORE: How other towns built their cycle networks", true},
	{"Read more from Karishma: Why shipping matters", true},
	{"Click here to see the full timetable", true},
	{"Click here for live updates.", true},
	{"Sign up for our free daily newsletter", true},
	{"Enter your email address", true},
	{"Thank you for subscribing!", true},
	{"We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies.", true},
	{"By using this website you agree to our cookie policy.", true},
	{"Accept cookies", true},
	{"Your email address will not be published. Required fields are marked *", true},
	{"Save my name, email, and website in this browser for the next time I comment.", true},
	{"Name *", true},
	{"Post Comment", true},
	{"14 comments", true},
	{"Comments (3)", true},
	{"Copyright 2019 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.", true},
	{"© 2019 Valley Courier. All rights reserved.", true},
	{"Photo: Lee Park/Reuters", true},
	{"(Image: Getty)", true},
	{"(Photo: Jane Doe/AP)", true},
	{"AP Photo/Hana Ito", true},
	{"REUTERS/Jane Doe", true},
	{"Getty Images", true},
	{"Pictured: The footbridge lit up at dusk", true},
	{"Image copyright Getty Images", true},
	{"Image caption Volunteers filled more than two hundred bags", true},
	{"Scroll down for video", true},
	{"Media playback is not supported on this device", true},
	{"Watch the video:", true},
	{"Published: 10:32 BST, 5 May 2015 | Updated: 11:02 BST, 5 May 2015", true},
	{"Last updated at 4:31 PM on 1st May 2011", true},
	{"Updated 3 hours ago", true},
	{"Tags: health, parking", true},
	{"Filed under: Local News", true},
	{"Follow us on Twitter @ExampleNews", true},
	{"Visit site", true},
	{"• Share •", true},

	// Sentences and headings that start like furniture.
	{"", false},
	{"Advertisement boards along the road are being removed.", false},
	{"Advertising revenue fell by a tenth.", false},
	{"Share prices fell sharply last week.", false},
	{"Share Prices Recover", false},
	{"Shares in smaller companies rose.", false},
	{"Read the small print on the new leases, one trader warned.", false},
	{"Reading the Signals", false},
	{"Published in 1998, the review found that most traders were over sixty.", false},
	{"Published on 5 May 2015, the report found that fares had risen.", false},
	{"Published Forecasts", false},
	{"Updated figures will be published in the spring.", false},
	{"Photography of the stalls is allowed, but drones are not.", false},
	{"Photos of the event were shared widely online.", false},
	{"Click-and-collect orders now make up a tenth of sales.", false},
	{"Comments from shoppers were mostly positive, the survey said.", false},
	{"Related research found that markets bring more visitors.", false},
	{"Source material for the survey came from nine hundred interviews.", false},
	{"By continuing to use coal, the country will miss its targets.", false},
	{"Subscribe to the idea that less is more, he said, and you will save.", false},
	{"Copyright law is changing, and publishers are worried about what it means for them and for readers across the whole of the country this year.", false},
	{"Pictured: the new building, which cost three million pounds, was opened on Monday by the mayor, who praised the architects and builders for finishing early.", false},
	{"Posted on the company's website, the statement said the plant would close.", false},
	{"Listen to your doctor, the campaign says.", false},
	{"Watch the video: A goat has taken up residence on a roof.", false},
	{"Reuters reported the deal on Monday.", false},
	{"Getty Images said it would appeal.", false},
	{"Tuesday, 1 March", false},
	{"Murrayfield, Edinburgh", false},
	{"News Letter", false},
}

func TestIsJunkLine(t *testing.T) {
	for _, tt := range junkLineTests {
		if got := isJunkLine(tt.in); got != tt.want {
			t.Errorf("isJunkLine(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

var bylineTests = []struct {
	in   string
	want bool
}{
	{"By Jane Doe", true},
	{"by Jane Doe", true},
	{"BY MARTA KOWALSKI and TOMAS REYES, Reuters", true},
	{"By . Daily Mail Reporter .", true},
	{"By Ravi Shah, Transport Correspondent", true},
	{"By J.R. Hartley", true},
	{"By Jane Doe and John Roe", true},
	{"By Jane Doe, with additional reporting by John Roe", true},
	{"By Anna de la Cruz", true},
	{"By Eleanor Vance | March 5, 2019", true},
	{"By Jane Doe | Published: 10:32 BST, 5 May 2015", true},
	{"By Jane Doe Published: 10:32 BST, 5 May 2015 | Updated: 11:02 BST, 5 May 2015", true},
	{"By The Associated Press", true},
	{"By Jane Doe, March 5, 2019", true},
	{"By Jane Doe on 5 May 2015", true},

	{"", false},
	{"By", false},
	{"Byline", false},
	{"By Tuesday, the rebels had left the city", false},
	{"By Monday evening, the river had risen two metres above its usual level.", false},
	{"By the time the market opened, a queue had formed.", false},
	{"By 2025, 40% of the population will still be offline, says a study.", false},
	{"By contrast Netcraft's stations managed to view the site.", false},
	{"By Jane Doe. The council said on Monday it would act.", false},
	{"By Jane Doe | the council said on Monday", false},
	{"By definition, the deficit means too little revenue.", false},
	{"Bystanders filmed the rescue.", false},
}

func TestIsByline(t *testing.T) {
	for _, tt := range bylineTests {
		if got := isByline(tt.in); got != tt.want {
			t.Errorf("isByline(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

var footerTests = []struct {
	in   string
	want bool
}{
	{"Source link", true},
	{"Leave a Reply", true},
	{"Related posts", true},
	{"RELATED ARTICLES", true},
	{"Comments", true},
	{"You may also like", true},
	{"Your email address will not be published. Required fields are marked *", true},
	{"More on this story", true},
	// Past 3*maxFooterBytes, only the comment form's notice starts a footer.
	{"YOUR EMAIL ADDRESS WILL NOT BE PUBLISHED. " + strings.Repeat("Required fields are marked. ", 5), true},
	{"Your emaİl address will not be published. " + strings.Repeat("Required fields are marked. ", 5), true},
	{"• Your email address will not be published –", true},

	{"Related research found that markets bring more visitors.", false},
	{"Comments from shoppers were mostly positive.", false},
	{"Source material for the survey came from interviews.", false},
	{"More from the minister's speech is expected on Monday.", false},
	{"You may also like to know that the library opens late.", false},
	{"Your email address will be published with the letter, the editor said. " + strings.Repeat("It was. ", 10), false},
	{"Yesterday " + strings.Repeat("the council met and voted. ", 6), false},
}

func TestIsFooterStart(t *testing.T) {
	for _, tt := range footerTests {
		if got := isFooterStart(tt.in); got != tt.want {
			t.Errorf("isFooterStart(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

var headJunkTests = []struct {
	in        string
	cut, rest []string // rest is one paragraph or none
}{
	// Datelines: the dateline goes, the sentence stays.
	{"WASHINGTON (Reuters) - The U.N. said on Monday that harvests would fall short.",
		[]string{"WASHINGTON (Reuters) -"}, []string{"The U.N. said on Monday that harvests would fall short."}},
	{"LONDON, England (CNN) -- A museum handed back six masks.",
		[]string{"LONDON, England (CNN) --"}, []string{"A museum handed back six masks."}},
	{"(CNN) -- Two astronauts spent eight hours outside.",
		[]string{"(CNN) --"}, []string{"Two astronauts spent eight hours outside."}},
	{"(CNN)Two astronauts spent eight hours outside.",
		[]string{"(CNN)"}, []string{"Two astronauts spent eight hours outside."}},
	{"Boston (CNN)Guilty across the board.",
		[]string{"Boston (CNN)"}, []string{"Guilty across the board."}},
	{"New Delhi, India (CNN)As the earth shook, tremors were felt.",
		[]string{"New Delhi, India (CNN)"}, []string{"As the earth shook, tremors were felt."}},
	{"NEW YORK, March 5 (Reuters) - Stocks rose.",
		[]string{"NEW YORK, March 5 (Reuters) -"}, []string{"Stocks rose."}},
	{"ST. LOUIS (AP) — Workers finished the roof.",
		[]string{"ST. LOUIS (AP) —"}, []string{"Workers finished the roof."}},
	{"KABUL, Afghanistan, May 5 — A convoy reached the villages.",
		[]string{"KABUL, Afghanistan, May 5 —"}, []string{"A convoy reached the villages."}},
	{"WASHINGTON — The Senate voted on Tuesday.",
		[]string{"WASHINGTON —"}, []string{"The Senate voted on Tuesday."}},
	{"WASHINGTON (Reuters) -", []string{"WASHINGTON (Reuters) -"}, nil},

	// Daily Mail bylines and stamps, alone or glued to the first sentence.
	{"By . Daily Mail Reporter . PUBLISHED: . 12:01 EST, 5 March 2013 . | . UPDATED: . 12:30 EST, 5 March 2013 .",
		[]string{"By . Daily Mail Reporter . PUBLISHED: . 12:01 EST, 5 March 2013 . | . UPDATED: . 12:30 EST, 5 March 2013 ."}, nil},
	{"By . Sam Webb and . Priya Natarajan . PUBLISHED: . 08:57 EST, 13 March 2013 . | . UPDATED: . 09:03 EST, 13 March 2013 . Residents were angry.",
		[]string{"By . Sam Webb and . Priya Natarajan .", "PUBLISHED: . 08:57 EST, 13 March 2013 . | . UPDATED: . 09:03 EST, 13 March 2013 ."},
		[]string{"Residents were angry."}},
	{"By . Jane Doe . A woman has been jailed.", []string{"By . Jane Doe ."}, []string{"A woman has been jailed."}},
	{"Last updated at 4:31 PM on 1st May 2011 . A fete raised a record sum.",
		[]string{"Last updated at 4:31 PM on 1st May 2011 ."}, []string{"A fete raised a record sum."}},
	{"18 March 2014 Last updated at 09:22 GMTRichard and Anna won the race.",
		[]string{"18 March 2014 Last updated at 09:22 GMT"}, []string{"Richard and Anna won the race."}},
	{"Published: 10:32 BST, 5 May 2015 | Updated: 11:02 BST, 5 May 2015",
		[]string{"Published: 10:32 BST, 5 May 2015 | Updated: 11:02 BST, 5 May 2015"}, nil},

	// Glued share buttons and notices.
	{"Share this withEmailFacebookMessengerTwitterPinterestWhatsAppLinkedInCopy this linkCouncillors voted to keep the lido open.",
		[]string{"Share this withEmailFacebookMessengerTwitterPinterestWhatsAppLinkedInCopy this link"},
		[]string{"Councillors voted to keep the lido open."}},
	{"Media playback is not supported on this deviceThe academy side won the cup.",
		[]string{"Media playback is not supported on this device"}, []string{"The academy side won the cup."}},
	{"Scroll down for video Police said the man fled.",
		[]string{"Scroll down for video"}, []string{"Police said the man fled."}},

	// Kept whole.
	{"NATO - the alliance's weather team - offered help.", nil, []string{"NATO - the alliance's weather team - offered help."}},
	{"UKIP leader Roger Knapman says he is glad.", nil, []string{"UKIP leader Roger Knapman says he is glad."}},
	{"Stewart (centre front) lifted the trophy.", nil, []string{"Stewart (centre front) lifted the trophy."}},
	{"Police (PSNI) said the road was closed.", nil, []string{"Police (PSNI) said the road was closed."}},
	{"Published on 5 May 2015, the report found that fares had risen.", nil,
		[]string{"Published on 5 May 2015, the report found that fares had risen."}},
	{"Updated 5 May 2015 the rules say little.", nil, []string{"Updated 5 May 2015 the rules say little."}},
	{"By . the way, nothing here is a byline.", nil, []string{"By . the way, nothing here is a byline."}},
	{"Share this with your friends, the charity urged.", nil, []string{"Share this with your friends, the charity urged."}},
	{"US President Donald Trump met Vladimir Putin in Alaska.", nil,
		[]string{"US President Donald Trump met Vladimir Putin in Alaska."}},
	{"IBM (NYSE) - shares rose.", nil, []string{"IBM (NYSE) - shares rose."}},
	{"US - Mexico talks resumed on Monday.", nil, []string{"US - Mexico talks resumed on Monday."}},
	{"BBC - The corporation said it would appeal.", nil, []string{"BBC - The corporation said it would appeal."}},
	{"Prime Minister Jane Roe (PA) said she would go.", nil, []string{"Prime Minister Jane Roe (PA) said she would go."}},
	{"Tuesday, March 5, 2013", []string{"Tuesday, March 5, 2013"}, nil},
}

func TestCutHead(t *testing.T) {
	for _, tt := range headJunkTests {
		first, rest, cut := cutHead([]string{tt.in})
		var gotRest []string
		if first == 0 {
			gotRest = []string{rest}
		}
		if !slices.Equal(cut, tt.cut) || !slices.Equal(gotRest, tt.rest) {
			t.Errorf("cutHead(%q) = cut %q, rest %q; want cut %q, rest %q", tt.in, cut, gotRest, tt.cut, tt.rest)
		}
	}
}

var stripFurnitureTests = []struct {
	in, want []string
}{
	{
		[]string{"By Jane Doe", "Published: 10:32 BST, 5 May 2015", "WASHINGTON (Reuters) - The U.N. said so.", "It added more."},
		[]string{"The U.N. said so.", "It added more."},
	},
	{
		[]string{"New Delhi, India", "(CNN)As the earth shook, tremors were felt.", "Aid followed."},
		[]string{"As the earth shook, tremors were felt.", "Aid followed."},
	},
	{
		[]string{"Fighter ace:", "The pilot's story is to be filmed.", "Filming starts in May."},
		[]string{"The pilot's story is to be filmed.", "Filming starts in May."},
	},
	{
		// A dateline is cut only from the first paragraph of text.
		[]string{"The council met.", "WASHINGTON (Reuters) - Later news.", "Media playback is not supported on this device", "Media playback is not supported on this device\"I guessed,\" he said."},
		[]string{"The council met.", "WASHINGTON (Reuters) - Later news.", "\"I guessed,\" he said."},
	},
	{
		// A place followed by text that is not a dateline stays.
		[]string{"Murrayfield, Edinburgh", "Scotland won by ten points."},
		[]string{"Murrayfield, Edinburgh", "Scotland won by ten points."},
	},
	{
		[]string{"What we know so far:", "Three people were hurt."},
		[]string{"What we know so far:", "Three people were hurt."},
	},
	{nil, nil},
	{[]string{"By Jane Doe"}, nil},
}

func TestStripFurniture(t *testing.T) {
	for _, tt := range stripFurnitureTests {
		if got := stripFurniture(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("stripFurniture(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// junkEvalDir holds real articles for evaluation (see ../shared/eval/README.md
// in the workspace); tests that read it skip when it is absent.
const junkEvalDir = "../../shared/eval"

func junkEvalFiles(t *testing.T, pattern string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(junkEvalDir, pattern))
	if len(files) == 0 {
		t.Skipf("no evaluation articles at %s", filepath.Join(junkEvalDir, pattern))
	}
	return files
}

// TestJunkBBC checks that nothing is dropped from 1,095 clean BBC stories:
// no line is taken for furniture, and stripFurniture changes no paragraph.
func TestJunkBBC(t *testing.T) {
	for _, file := range junkEvalFiles(t, "articles/bbc/*.txt") {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		a, err := Parse(filepath.Base(file), src, Options{})
		if err != nil {
			t.Errorf("Parse(%q): %v", file, err)
			continue
		}
		if len(a.Dropped) > 0 {
			t.Errorf("Parse(%q).Dropped = %q, want none", file, a.Dropped)
		}
		if !a.Published.IsZero() {
			t.Errorf("Parse(%q).Published = %v, want none", file, a.Published)
		}
		_, body, _ := strings.Cut(string(src), "\n")
		paras := junkEvalParas(body)
		if got := stripFurniture(paras); !slices.Equal(got, paras) {
			t.Errorf("stripFurniture changed %s:\n%q\nwant\n%q", file, got, paras)
		}
	}
}

// TestJunkSummaryLead checks that no summary of the CNN/Daily Mail and XSum
// articles opens with a dateline, byline or share button, or holds a notice
// that scraping left in the text.
func TestJunkSummaryLead(t *testing.T) {
	files := append(junkEvalFiles(t, "summaries/cnndm/articles/*.txt"), junkEvalFiles(t, "summaries/xsum/articles/*.txt")...)
	notices := []string{"(CNN)", "(Reuters)", "Share this with", "Copy this link", "Media playback", "Last updated at",
		"Scroll down for video", "Watch the video", "external links", "Click here", "Read more"}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		s := Summarize(string(src), DefaultSummaryWords)
		for _, n := range notices {
			if strings.Contains(s, n) {
				t.Errorf("Summarize(%s) = %q, holds %q", filepath.Base(file), s, n)
			}
		}
		if c, _ := cutDateline(s); c != "" || isByline(s) || isJunkLine(s) {
			t.Errorf("Summarize(%s) = %q, opens with furniture", filepath.Base(file), s)
		}
	}
}

func junkEvalParas(body string) []string {
	var paras []string
	for _, p := range strings.Split(body, "\n\n") {
		if p = collapseSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	return paras
}

// FuzzStripFurniture checks that cutting furniture never panics and never
// invents text: each paragraph left is the end of one that was given, in
// order.
func FuzzStripFurniture(f *testing.F) {
	f.Add("By . Jane Doe . PUBLISHED: . 12:01 EST, 5 March 2013 .\n\nWASHINGTON (Reuters) - The U.N. said so.\n\nMore.")
	f.Add("New Delhi, India\n\n(CNN)As the earth shook.\n\nMedia playback is not supported on this deviceThe end.")
	f.Add("Share this withEmailFacebookCopy this linkThe council met.\n\nBy Jane Doe | March 5, 2019")
	f.Add("Your email address will not be published. " + strings.Repeat("Required fields are marked. ", 5))
	f.Add("Copyright 2025 Example News. This material may not be published, broadcast, rewritten or redistributed in any form.")
	f.Fuzz(func(t *testing.T, text string) {
		var in []string
		for _, p := range strings.Split(text, "\n\n") {
			in = append(in, collapseSpace(p)) // as paragraphs reach it
		}
		out := stripFurniture(in)
		j := 0
		for _, p := range out {
			for j < len(in) && !strings.HasSuffix(in[j], p) {
				j++
			}
			if j == len(in) {
				t.Fatalf("stripFurniture(%q) = %q: %q is not the end of a paragraph given", in, out, p)
			}
			j++
		}
		for _, p := range in {
			isJunkLine(p)
			isByline(p)
			isFooterStart(p)
			dateIn(p)
			// The shortcuts for collapsed lines agree with the plain
			// definitions.
			tj := trimJunk(p)
			if want := strings.TrimSpace(strings.Trim(strings.TrimSpace(p), junkDecoration)); tj != want {
				t.Errorf("trimJunk(%q) = %q, want %q", p, tj, want)
			}
			if got, want := junkLine(p, tj, true), isJunkLine(p); got != want {
				t.Errorf("junkLine(%q, collapsed) = %v, isJunkLine = %v", p, got, want)
			}
			l := strings.ToLower(tj)
			if got, want := isFooterStart(p), footerSet[l] || strings.HasPrefix(l, yourEmail); got != want {
				t.Errorf("isFooterStart(%q) = %v, want %v", p, got, want)
			}
		}
	})
}

// TestHeadCutterAgreesWithCutHead checks that headCutter, fed the
// paragraphs as they are read, finds what cutHead does once it says it has.
func TestHeadCutterAgreesWithCutHead(t *testing.T) {
	pool := []string{
		"By Jane Doe, Political Correspondent",
		"Published 12 March 2024",
		"Updated: 10:32 GMT, 13 March 2024",
		"LONDON (Reuters) - The council agreed the plan on Monday.",
		"Share this article",
		"Photo: Getty Images",
		"The council met on Monday and agreed a plan for the harbour.",
		"Tributes",
		"Fighter ace:", // a label over a photo, when a paragraph follows
		"WASHINGTON",   // a place over an agency dateline
		"(Reuters) - Officials said on Tuesday that the talks would go on.",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	decided := 0
	for range 5000 {
		paras := make([]string, rng.IntN(6)+1)
		for i := range paras {
			paras[i] = pool[rng.IntN(len(pool))]
		}
		first, rest, cut := cutHead(paras)
		var h headCutter
		for k := 1; k <= len(paras) && !h.look(paras[:k]); k++ {
		}
		if h.rest == "" {
			continue // not decided before the end: the reader calls cutHead
		}
		decided++
		if h.first != first || h.rest != rest || !slices.Equal(h.cut, cut) {
			t.Errorf("paragraphs %q: headCutter found %d %q %q, cutHead %d %q %q", paras, h.first, h.rest, h.cut, first, rest, cut)
		}
	}
	if decided < 1000 {
		t.Errorf("only %d of 5000 heads decided early", decided)
	}
}
