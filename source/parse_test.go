package source

import (
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// The seed article and the BBC corpus live outside the repository (see
// ../shared/eval/README.md); the tests that read them skip when they are absent.
var (
	seedArticle = filepath.Join("..", "..", "shared", "seeds", "000_2b37e79791b22386.txt")
	bbcDir      = filepath.Join("..", "..", "shared", "eval", "articles", "bbc")
)

// Sentences of known length for the summary cases: the summary rules count words.
const (
	sent7 = "The council approved the budget on Thursday."          // 7 words
	sent6 = "The vote was nine to four."                            // 6 words
	sent8 = "Opponents said the forecasts were far too optimistic." // 8 words
	sent5 = "The mayor welcomed the result."                        // 5 words
	sent2 = "It passed."                                            // 2 words
)

var parseTextTests = []struct {
	name       string
	opt        Options
	src        string
	title      string
	content    string
	summary    string
	anySummary bool // do not check the summary
	dropped    []string
}{
	{
		name: "junk",
		src: `  Harbour Bridge  Reopens
By Jane Doe

Share this with Email Facebook Messenger Twitter Pinterest WhatsApp LinkedIn

The Harbour Bridge reopened to traffic on Monday morning. The first cars crossed shortly after dawn.

Advertisement

Engineers found corrosion in 212 of the steel cables.

Read more: How the bridge was built

A Slow Job

Replacing the cables took longer than the city had planned.

Source link

Leave a Reply

Your email address will not be published. Required fields are marked *

Related posts

Bus drivers agree new contract
`,
		title: "Harbour Bridge Reopens",
		content: "<p>The Harbour Bridge reopened to traffic on Monday morning. The first cars crossed shortly after dawn.</p>\n" +
			"<p>Engineers found corrosion in 212 of the steel cables.</p>\n" +
			"<h2>A Slow Job</h2>\n" +
			"<p>Replacing the cables took longer than the city had planned.</p>\n",
		summary: "The Harbour Bridge reopened to traffic on Monday morning. The first cars crossed shortly after dawn. Engineers found corrosion in 212 of the steel cables. Replacing the cables took longer than the city had planned.",
		dropped: []string{
			"By Jane Doe",
			"Share this with Email Facebook Messenger Twitter Pinterest WhatsApp LinkedIn",
			"Advertisement",
			"Read more: How the bridge was built",
			"Source link",
			"Leave a Reply",
			"Your email address will not be published. Required fields are marked *",
			"Related posts",
			"Bus drivers agree new contract",
		},
	},
	{
		name:    "leave a reply ends the article",
		src:     "Title\n\nThe council approved the budget on Thursday.\n\nLeave a Reply\n\nGreat article, thank you for writing it.\n",
		title:   "Title",
		content: "<p>The council approved the budget on Thursday.</p>\n",
		summary: "The council approved the budget on Thursday.",
		dropped: []string{"Leave a Reply", "Great article, thank you for writing it."},
	},
	{
		name:    "related posts ends the article",
		src:     "Title\n\nThe council approved the budget on Thursday.\n\nRelated posts\n\nCouncil delays vote on parking fees\n",
		title:   "Title",
		content: "<p>The council approved the budget on Thursday.</p>\n",
		summary: "The council approved the budget on Thursday.",
		dropped: []string{"Related posts", "Council delays vote on parking fees"},
	},
	{
		name:    "junk lines inside a paragraph",
		src:     "Title\n\nThe council approved the budget\nAdvertisement\non Thursday night.\n",
		title:   "Title",
		content: "<p>The council approved the budget on Thursday night.</p>\n",
		summary: "The council approved the budget on Thursday night.",
		dropped: []string{"Advertisement"},
	},
	{
		name:    "title after blank lines, lines folded",
		src:     "\n\n \t\n  A   Title\t Here \nThe council approved\nthe budget on Thursday.\n\n\n\nThe vote was nine to four.",
		title:   "A Title Here",
		content: "<p>The council approved the budget on Thursday.</p>\n<p>The vote was nine to four.</p>\n",
		summary: "The council approved the budget on Thursday. The vote was nine to four.",
	},
	{
		name:  "title only",
		src:   "Just A Title\n",
		title: "Just A Title",
	},
	{
		name:    "html is escaped",
		src:     "Fish & Chips <b>\n\nThe <script>x</script> tag & \"quoted\" text are escaped here.",
		title:   "Fish & Chips", // inline tags scraped along are removed
		content: "<p>The &lt;script&gt;x&lt;/script&gt; tag &amp; &#34;quoted&#34; text are escaped here.</p>\n",
		summary: `The <script>x</script> tag & "quoted" text are escaped here.`,
	},

	// Subheadings: a short unpunctuated line between two paragraphs.
	{
		name:       "subheading between paragraphs",
		src:        "Title\n\nFirst paragraph.\n\nWhat Changes for Drivers\n\nSecond paragraph.\n\n2025 In Numbers\n\nThird paragraph.",
		title:      "Title",
		content:    "<p>First paragraph.</p>\n<h2>What Changes for Drivers</h2>\n<p>Second paragraph.</p>\n<h2>2025 In Numbers</h2>\n<p>Third paragraph.</p>\n",
		anySummary: true,
	},
	{
		name:       "short line before the first paragraph is not a subheading",
		src:        "Title\n\nStandfirst Line\n\nFirst paragraph.",
		title:      "Title",
		content:    "<p>Standfirst Line</p>\n<p>First paragraph.</p>\n",
		anySummary: true,
	},
	{
		name:       "short line at the end is not a subheading",
		src:        "Title\n\nFirst paragraph.\n\nThe End",
		title:      "Title",
		content:    "<p>First paragraph.</p>\n<p>The End</p>\n",
		anySummary: true,
	},
	{
		name:       "punctuated short lines are not subheadings",
		src:        "Title\n\nFirst paragraph.\n\nHe said so.\n\nSecond paragraph.\n\nReally?\n\nThird paragraph.\n\nThe plan:\n\nFourth paragraph.",
		title:      "Title",
		content:    "<p>First paragraph.</p>\n<p>He said so.</p>\n<p>Second paragraph.</p>\n<p>Really?</p>\n<p>Third paragraph.</p>\n<p>The plan:</p>\n<p>Fourth paragraph.</p>\n",
		anySummary: true,
	},
	{
		name:       "lower-case short line is not a subheading",
		src:        "Title\n\nFirst paragraph.\n\nand then some\n\nSecond paragraph.",
		title:      "Title",
		content:    "<p>First paragraph.</p>\n<p>and then some</p>\n<p>Second paragraph.</p>\n",
		anySummary: true,
	},
	{
		name:       "long line is not a subheading",
		src:        "Title\n\nFirst paragraph.\n\nThis Line Has Far Too Many Words To Be A Subheading Of Any Kind In A Real News Story\n\nSecond paragraph.",
		title:      "Title",
		content:    "<p>First paragraph.</p>\n<p>This Line Has Far Too Many Words To Be A Subheading Of Any Kind In A Real News Story</p>\n<p>Second paragraph.</p>\n",
		anySummary: true,
	},
	{
		// Neither short line stands between two paragraphs.
		name:       "two short lines in a row are not subheadings",
		src:        "Title\n\nFirst paragraph.\n\nOne Short Line\n\nAnother Short Line\n\nSecond paragraph.",
		title:      "Title",
		content:    "<p>First paragraph.</p>\n<p>One Short Line</p>\n<p>Another Short Line</p>\n<p>Second paragraph.</p>\n",
		anySummary: true,
	},
	{
		// A subheading is one line; two lines are a paragraph (an address, a verse).
		name:       "a block of two short lines is not a subheading",
		src:        "Title\n\nFirst paragraph.\n\nTown Hall\nMain Street\n\nSecond paragraph.",
		title:      "Title",
		content:    "<p>First paragraph.</p>\n<p>Town Hall Main Street</p>\n<p>Second paragraph.</p>\n",
		anySummary: true,
	},

	// Summaries: whole sentences from the lead, within the word budget.
	{
		name:    "summary fills the budget exactly across paragraphs",
		opt:     Options{SummaryWords: 13},
		src:     "Title\n\n" + sent7 + "\n\n" + sent6 + " " + sent8,
		title:   "Title",
		content: "<p>" + sent7 + "</p>\n<p>" + html.EscapeString(sent6+" "+sent8) + "</p>\n",
		summary: sent7 + " " + sent6,
	},
	{
		// The sentence that would overflow is left out, and a shorter one after
		// it fills the budget (at most one is left out; see summary.go).
		name:    "summary leaves out the sentence that would overflow",
		opt:     Options{SummaryWords: 19},
		src:     "Title\n\n" + sent7 + " " + sent6 + "\n\n" + sent8 + " " + sent5,
		title:   "Title",
		content: "<p>" + sent7 + " " + sent6 + "</p>\n<p>" + sent8 + " " + sent5 + "</p>\n",
		summary: sent7 + " " + sent6 + " " + sent5,
	},
	{
		name:    "a first sentence over the budget is cut with an ellipsis",
		opt:     Options{SummaryWords: 5},
		src:     "Title\n\n" + sent7 + " " + sent6,
		title:   "Title",
		content: "<p>" + sent7 + " " + sent6 + "</p>\n",
		summary: "The council approved the budget…",
	},
	{
		name:    "the cut drops punctuation before the ellipsis",
		opt:     Options{SummaryWords: 2},
		src:     "Title\n\nThe council, after a six-hour debate, approved the budget.",
		title:   "Title",
		content: "<p>The council, after a six-hour debate, approved the budget.</p>\n",
		summary: "The council…",
	},
	{
		name:    "subheadings are not part of the summary",
		opt:     Options{SummaryWords: 30},
		src:     "Title\n\n" + sent7 + "\n\nA Subheading\n\n" + sent8,
		title:   "Title",
		content: "<p>" + sent7 + "</p>\n<h2>A Subheading</h2>\n<p>" + sent8 + "</p>\n",
		summary: sent7 + " " + sent8,
	},
	{
		name:    "abbreviations do not end the summary early",
		opt:     Options{SummaryWords: 17},
		src:     "Title\n\nMr. Smith met Dr. Jones at 10 a.m. on Monday in the U.S. capital. They talked for an hour.",
		title:   "Title",
		content: "<p>Mr. Smith met Dr. Jones at 10 a.m. on Monday in the U.S. capital. They talked for an hour.</p>\n",
		summary: "Mr. Smith met Dr. Jones at 10 a.m. on Monday in the U.S. capital.",
	},
}

func TestParseText(t *testing.T) {
	for _, tt := range parseTextTests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("story.txt", []byte(tt.src), tt.opt)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.src, err)
			}
			if a.Kind != KindText {
				t.Errorf("Parse(%q).Kind = %q, want %q", tt.src, a.Kind, KindText)
			}
			if a.Title != tt.title {
				t.Errorf("Parse(%q).Title = %q, want %q", tt.src, a.Title, tt.title)
			}
			if a.Content != tt.content {
				t.Errorf("Parse(%q).Content = %q, want %q", tt.src, a.Content, tt.content)
			}
			if !tt.anySummary && a.Summary != tt.summary {
				t.Errorf("Parse(%q).Summary = %q, want %q", tt.src, a.Summary, tt.summary)
			}
			if !slices.Equal(a.Dropped, tt.dropped) {
				t.Errorf("Parse(%q).Dropped = %q, want %q", tt.src, a.Dropped, tt.dropped)
			}
			if a.Slug != "story" {
				t.Errorf("Parse(%q).Slug = %q, want %q", tt.src, a.Slug, "story")
			}
			if j := junkIn(a.Summary); j != "" {
				t.Errorf("Parse(%q).Summary = %q, holds junk %q", tt.src, a.Summary, j)
			}
		})
	}
}

// TestParseSummaryBudget checks the word budget on summaries generated from
// bodies of every kind: whole sentences from the lead, or one sentence cut
// with "…".
func TestParseSummaryBudget(t *testing.T) {
	long := "The " + strings.Repeat("very ", 80) + "long sentence ends here."
	cut := "The " + strings.Repeat("very ", 58) + "very…"
	body := sent7 + " " + sent6 + " " + sent8 + " " + sent2
	for _, tt := range []struct {
		name, src string
		words     int
		want      string
	}{
		{"a.txt", "Title\n\n" + body, 13, sent7 + " " + sent6},
		{"a.md", "# Title\n\n" + body, 13, sent7 + " " + sent6},
		{"a.html", "<h1>Title</h1><p>" + body + "</p>", 13, sent7 + " " + sent6},
		{"a.md", "# Title\n\n" + body, 20, sent7 + " " + sent6},
		{"a.md", "# Title\n\n" + body, 21, sent7 + " " + sent6 + " " + sent8},
		{"a.html", "<h1>Title</h1><p>" + sent7 + " " + sent6 + " " + sent8 + " " + sent5 + "</p>", 19, sent7 + " " + sent6 + " " + sent5}, // sent8 left out, sent5 fills
		{"a.html", "<h1>Title</h1><p>" + body + "</p>", 23, sent7 + " " + sent6 + " " + sent8 + " " + sent2},
		{"a.md", "# Title\n\n" + body, 5, "The council approved the budget…"},
		{"a.txt", "Title\n\n" + long, 0, cut}, // 0 means DefaultSummaryWords
		{"a.md", "# Title\n\n" + long, 60, cut},
		{"a.html", "<h1>Title</h1><p>" + long + "</p>", 60, cut},
	} {
		a, err := Parse(tt.name, []byte(tt.src), Options{SummaryWords: tt.words})
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		if a.Summary != tt.want {
			t.Errorf("Parse(%q, %d words).Summary = %q, want %q", tt.src, tt.words, a.Summary, tt.want)
		}
	}
}

// markdownTest is one Markdown file and the Article fields it must give. Fields
// left zero here must be zero in the article too, except Slug, which defaults
// to "a" (the file is "a.md").
type markdownTest struct {
	name       string
	file       string // default "a.md"
	src        string
	want       Article
	contentHas []string
	contentNot []string
}

var (
	may12 = time.Date(2025, 5, 12, 9, 30, 0, 0, time.FixedZone("", 2*3600))
	may13 = time.Date(2025, 5, 13, 8, 0, 0, 0, time.UTC)
	aug15 = time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)
	aug16 = time.Date(2025, 8, 16, 0, 0, 0, 0, time.UTC)
	jun1  = time.Date(2025, 6, 1, 14, 0, 0, 0, time.UTC)
	jun2  = time.Date(2025, 6, 2, 9, 0, 0, 0, time.FixedZone("", 3600))
)

var parseMarkdownTests = []markdownTest{
	{
		name: "yaml front matter",
		src: `---
title: "Libraries Stay Open Late"
date: 2025-05-12T09:30:00+02:00
lastmod: 2025-05-13T08:00:00Z
description: "Three libraries stay open until midnight during *exam season* for students."
tags: [libraries, Education]
categories: [city]
keywords: "education, exams"
author: "Sofia Lind <sofia@example.com>"
slug: libraries-open-late
id: urn:uuid:6f1c0b5e-1d2a-4c1e-9f5e-3a7b2c9d8e01
draft: false
unknown_key: [ignored, "as static site generators keep their own"]
---

Three city libraries will stay open until midnight.
`,
		want: Article{
			Title: "Libraries Stay Open Late", Published: may12, Updated: may13,
			Summary: "Three libraries stay open until midnight during exam season for students.",
			Tags:    []string{"libraries", "Education", "city", "exams"},
			Author:  Person{Name: "Sofia Lind", Email: "sofia@example.com"},
			Slug:    "libraries-open-late", ID: "urn:uuid:6f1c0b5e-1d2a-4c1e-9f5e-3a7b2c9d8e01",
		},
		contentHas: []string{"<p>Three city libraries will stay open until midnight.</p>"},
	},
	{
		name: "toml front matter",
		src: `+++
title = "Volunteers Clear The River"
date = 2025-06-01T14:00:00Z
updated = 2025-06-02T09:00:00+01:00
summary = "Four hundred volunteers cleared the river."
tags = ["river", "volunteers"]
categories = ["environment"]
draft = true
slug = "river-cleanup"
guid = "tag:example.com,2025:river"

[author]
name = "Jonas Weber"
email = "jonas@example.com"
+++
Four hundred volunteers spent Saturday on the river banks.
`,
		want: Article{
			Title: "Volunteers Clear The River", Published: jun1, Updated: jun2,
			Summary: "Four hundred volunteers cleared the river.",
			Tags:    []string{"river", "volunteers", "environment"},
			Author:  Person{Name: "Jonas Weber", Email: "jonas@example.com"},
			Draft:   true, Slug: "river-cleanup", ID: "tag:example.com,2025:river",
		},
	},
	{
		name: "yaml closed with ...",
		src:  "---\ntitle: Dots\n...\nBody.\n",
		want: Article{Title: "Dots", Summary: "Body."},
	},
	{
		name: "empty front matter",
		src:  "---\n---\n# From The Heading\n\nBody.\n",
		want: Article{Title: "From The Heading", Summary: "Body."},
	},

	// Updated, under each of its names.
	{name: "lastmod", src: "---\ntitle: T\nlastmod: 2025-08-16\n---\nBody.", want: Article{Title: "T", Updated: aug16, Summary: "Body."}},
	{name: "updated", src: "---\ntitle: T\nupdated: 2025-08-16\n---\nBody.", want: Article{Title: "T", Updated: aug16, Summary: "Body."}},
	{name: "modified", src: "---\ntitle: T\nmodified: 2025-08-16\n---\nBody.", want: Article{Title: "T", Updated: aug16, Summary: "Body."}},

	// Summary, under each of its names, as plain text.
	{name: "summary", src: "---\ntitle: T\nsummary: The **summary** here.\n---\nBody.", want: Article{Title: "T", Summary: "The summary here."}},
	{name: "description", src: "---\ntitle: T\ndescription: The [description](https://example.com/) here.\n---\nBody.", want: Article{Title: "T", Summary: "The description here."}},
	{name: "excerpt", src: "---\ntitle: T\nexcerpt: The *excerpt* here.\n---\nBody.", want: Article{Title: "T", Summary: "The excerpt here."}},
	{name: "summary with html", src: "---\ntitle: T\nsummary: \"<b>Bold</b> move.\"\n---\nBody.", want: Article{Title: "T", Summary: "Bold move."}},
	{name: "summary with markup before punctuation", src: "---\ntitle: T\nsummary: Open until *midnight*, then [closed](/c).\n---\nBody.", want: Article{Title: "T", Summary: "Open until midnight, then closed."}},

	// Inline markup adds no space: "[Paris](/p)," is "Paris,", not "Paris ,".
	{
		name: "inline markup in the summary",
		src:  "# T\n\nHe visited [Paris](/p), then *Rome*. Done **now**. Caf<span>é</span> `x`.\n",
		want: Article{Title: "T", Summary: "He visited Paris, then Rome. Done now. Café x."},
	},

	// Tags, categories and keywords merged, duplicates (any case) once.
	{
		name: "tags as text",
		src:  "---\ntitle: T\ntags: a, b\ncategories: [B, c]\nkeywords: d e\n---\nBody.",
		want: Article{Title: "T", Tags: []string{"a", "b", "c", "d", "e"}, Summary: "Body."},
	},
	{
		name: "toml keywords",
		src:  "+++\ntitle = \"T\"\nkeywords = [\"x\", \"y\"]\ntags = \"y, z\"\n+++\nBody.",
		want: Article{Title: "T", Tags: []string{"y", "z", "x"}, Summary: "Body."},
	},

	// Authors.
	{name: "author name", src: "---\ntitle: T\nauthor: Jane Doe\n---\nBody.", want: Article{Title: "T", Author: Person{Name: "Jane Doe"}, Summary: "Body."}},
	{name: "author with email", src: "---\ntitle: T\nauthor: Jane Doe <jane@example.com>\n---\nBody.", want: Article{Title: "T", Author: Person{Name: "Jane Doe", Email: "jane@example.com"}, Summary: "Body."}},
	{name: "author email first", src: "---\ntitle: T\nauthor: jane@example.com (Jane Doe)\n---\nBody.", want: Article{Title: "T", Author: Person{Name: "Jane Doe", Email: "jane@example.com"}, Summary: "Body."}},
	{name: "author email only", src: "---\ntitle: T\nauthor: jane@example.com\n---\nBody.", want: Article{Title: "T", Author: Person{Email: "jane@example.com"}, Summary: "Body."}},
	{name: "author map", src: "---\ntitle: T\nauthor:\n  name: Jane Doe\n  email: jane@example.com\n  twitter: \"@jane\"\n---\nBody.", want: Article{Title: "T", Author: Person{Name: "Jane Doe", Email: "jane@example.com"}, Summary: "Body."}},
	{name: "author list", src: "---\ntitle: T\nauthors: [Jane Doe, John Roe]\n---\nBody.", want: Article{Title: "T", Author: Person{Name: "Jane Doe"}, Summary: "Body."}},
	{name: "author list of maps", src: "---\ntitle: T\nauthor: [{name: Jane Doe, email: jane@example.com}, {name: John Roe}]\n---\nBody.", want: Article{Title: "T", Author: Person{Name: "Jane Doe", Email: "jane@example.com"}, Summary: "Body."}},
	{name: "toml authors", src: "+++\ntitle = \"T\"\nauthors = [\"Jane Doe <jane@example.com>\"]\n+++\nBody.", want: Article{Title: "T", Author: Person{Name: "Jane Doe", Email: "jane@example.com"}, Summary: "Body."}},

	// Drafts.
	{name: "draft", src: "---\ntitle: T\ndraft: true\n---\nBody.", want: Article{Title: "T", Draft: true, Summary: "Body."}},
	{name: "jekyll published false", src: "---\ntitle: T\npublished: false\n---\nBody.", want: Article{Title: "T", Draft: true, Summary: "Body."}},
	{name: "jekyll published true", src: "---\ntitle: T\npublished: true\n---\nBody.", want: Article{Title: "T", Summary: "Body."}},
	{name: "draft wins over published", src: "---\ntitle: T\npublished: true\ndraft: true\n---\nBody.", want: Article{Title: "T", Draft: true, Summary: "Body."}},

	// Slugs and ids.
	{name: "slug is slugified", src: "---\ntitle: T\nslug: My Slug, Déjà Vu!\n---\nBody.", want: Article{Title: "T", Slug: "my-slug-deja-vu", Summary: "Body."}},
	{name: "permalink", src: "---\ntitle: T\npermalink: /2025/08/my-post/\n---\nBody.", want: Article{Title: "T", Slug: "my-post", Summary: "Body."}},
	{name: "slug from the file name", file: "2025/08/Café Déjà Vu.md", src: "# T\n\nBody.", want: Article{Title: "T", Slug: "cafe-deja-vu", Summary: "Body."}},
	{name: "id as a number", src: "---\ntitle: T\nid: 42\n---\nBody.", want: Article{Title: "T", ID: "42", Summary: "Body."}},
	{name: "guid", src: "+++\ntitle = \"T\"\nguid = \"urn:uuid:1\"\n+++\nBody.", want: Article{Title: "T", ID: "urn:uuid:1", Summary: "Body."}},

	// No front matter: the first heading is the title and leaves the body.
	{
		name:       "title from the first heading",
		src:        "# New Tram Line Opens\n\nThe tram opened on Sunday.\n\n## Fares\n\nA ticket costs the same.\n",
		want:       Article{Title: "New Tram Line Opens", Summary: "The tram opened on Sunday. A ticket costs the same."},
		contentHas: []string{"<p>The tram opened on Sunday.</p>", `<h2 id="fares">Fares</h2>`},
		contentNot: []string{"<h1", "New Tram Line Opens"},
	},
	{
		name:       "setext heading",
		src:        "New Tram Line Opens\n===================\n\nThe tram opened on Sunday.\n",
		want:       Article{Title: "New Tram Line Opens", Summary: "The tram opened on Sunday."},
		contentNot: []string{"<h1", "New Tram Line Opens"},
	},
	{
		name:       "front matter without a title",
		src:        "---\ndate: 2025-08-15\n---\n# Heading Title\n\nBody.\n",
		want:       Article{Title: "Heading Title", Published: aug15, Summary: "Body."},
		contentNot: []string{"Heading Title"},
	},
	{
		name: "title from a heading with inline markup",
		src:  "# Hello *brave* `new` [world](https://example.com/)\n\nBody.",
		want: Article{Title: "Hello brave new world", Summary: "Body."},
	},
	{
		name: "title from a heading with entities and escapes",
		src:  "# Fish &amp; Chips \\#1 &#8212; \\*Really\\*\n\nBody.",
		want: Article{Title: "Fish & Chips #1 — *Really*", Summary: "Body."},
	},

	// <!--more--> marks the lead.
	{
		name:       "more divider",
		src:        "# T\n\nThe tram line opened on Sunday. Trams run every ten minutes.\n\n<!--more-->\n\nThe line cost $310m to build. It took four years.\n",
		want:       Article{Title: "T", Summary: "The tram line opened on Sunday. Trams run every ten minutes."},
		contentHas: []string{"<p>The tram line opened on Sunday. Trams run every ten minutes.</p>", "<p>The line cost $310m to build. It took four years.</p>"},
		contentNot: []string{"more--"},
	},
	{
		name: "front matter summary wins over the lead",
		src:  "---\ntitle: T\nsummary: Given.\n---\nLead.\n\n<!--more-->\n\nRest.\n",
		want: Article{Title: "T", Summary: "Given."},
	},

	// GitHub-flavoured Markdown and footnotes.
	{
		name: "gfm",
		src:  "---\ntitle: T\nsummary: Given.\n---\nIntro text.\n\n| Branch | Closes |\n|---|---|\n| Central | midnight |\n\n~~Last year~~ In 2024 the total was small.[^1]\n\n- [x] done\n\nSee https://example.com/page.\n\n[^1]: Figures from the council.\n",
		want: Article{Title: "T", Summary: "Given."},
		contentHas: []string{
			"<table>", "<th>Branch</th>", "<td>midnight</td>",
			"<del>Last year</del>",
			`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref">1</a></sup>`,
			`<li id="fn:1">`, "Figures from the council.",
			`<a href="https://example.com/page">`,
		},
	},
	{
		// The footnote marker and the footnote list are not part of the lead.
		name: "footnotes stay out of the summary",
		src:  "# T\n\nShort text.[^1]\n\n[^1]: The note.\n",
		want: Article{Title: "T", Summary: "Short text."},
	},

	// Raw HTML is let through goldmark and then sanitized.
	{
		name:       "sanitized",
		src:        "---\ntitle: T\nsummary: Given.\n---\nSafe text.\n\n<script>alert(\"xss\")</script>\n\n<p onclick=\"steal()\">Click</p>\n\n<iframe src=\"https://evil.example/\"></iframe>\n\n[link](javascript:alert(1))\n\n<style>body{display:none}</style>\n",
		want:       Article{Title: "T", Summary: "Given."},
		contentHas: []string{"<p>Safe text.</p>", "Click"},
		contentNot: []string{"<script", "alert", "onclick", "steal", "<iframe", "evil.example", "javascript:", "<style", "display:none"},
	},
}

func TestParseMarkdown(t *testing.T) {
	for _, tt := range parseMarkdownTests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "a.md"
			}
			want := tt.want
			if want.Slug == "" {
				want.Slug = "a"
			}
			a, err := Parse(file, []byte(tt.src), Options{})
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.src, err)
			}
			if a.Kind != KindMarkdown {
				t.Errorf("Parse(%q).Kind = %q, want %q", tt.src, a.Kind, KindMarkdown)
			}
			checkArticle(t, tt.src, a, &want)
			checkContent(t, tt.src, a, tt.contentHas, tt.contentNot)
		})
	}
}

// checkArticle compares the fields a parser fills in from the file.
func checkArticle(t *testing.T, src string, got, want *Article) {
	t.Helper()
	if got.Title != want.Title {
		t.Errorf("Parse(%q).Title = %q, want %q", src, got.Title, want.Title)
	}
	if got.Slug != want.Slug {
		t.Errorf("Parse(%q).Slug = %q, want %q", src, got.Slug, want.Slug)
	}
	if got.ID != want.ID {
		t.Errorf("Parse(%q).ID = %q, want %q", src, got.ID, want.ID)
	}
	if !sameTime(got.Published, want.Published) {
		t.Errorf("Parse(%q).Published = %v, want %v", src, got.Published, want.Published)
	}
	if !sameTime(got.Updated, want.Updated) {
		t.Errorf("Parse(%q).Updated = %v, want %v", src, got.Updated, want.Updated)
	}
	if got.Author != want.Author {
		t.Errorf("Parse(%q).Author = %+v, want %+v", src, got.Author, want.Author)
	}
	if !slices.Equal(got.Tags, want.Tags) {
		t.Errorf("Parse(%q).Tags = %q, want %q", src, got.Tags, want.Tags)
	}
	if got.Draft != want.Draft {
		t.Errorf("Parse(%q).Draft = %v, want %v", src, got.Draft, want.Draft)
	}
	if got.Summary != want.Summary {
		t.Errorf("Parse(%q).Summary = %q, want %q", src, got.Summary, want.Summary)
	}
}

func checkContent(t *testing.T, src string, a *Article, has, not []string) {
	t.Helper()
	for _, s := range has {
		if !strings.Contains(a.Content, s) {
			t.Errorf("Parse(%q).Content = %q, want it to contain %q", src, a.Content, s)
		}
	}
	for _, s := range not {
		if strings.Contains(a.Content, s) {
			t.Errorf("Parse(%q).Content = %q, want no %q", src, a.Content, s)
		}
	}
}

// sameTime reports whether a and b are the same instant with the same UTC offset.
func sameTime(a, b time.Time) bool {
	_, ao := a.Zone()
	_, bo := b.Zone()
	return a.Equal(b) && ao == bo
}

func TestParseFrontMatterDates(t *testing.T) {
	utc := func(y int, m time.Month, d, h, min, s, ns int) time.Time {
		return time.Date(y, m, d, h, min, s, ns, time.UTC)
	}
	zone := func(hours int) *time.Location { return time.FixedZone("", hours*3600) }
	for _, tt := range []struct {
		format, value string
		want          time.Time
	}{
		{"yaml", "2025-08-15", utc(2025, 8, 15, 0, 0, 0, 0)},
		{"yaml", `"2025-08-15"`, utc(2025, 8, 15, 0, 0, 0, 0)},
		{"yaml", "2025-08-15T10:30:00Z", utc(2025, 8, 15, 10, 30, 0, 0)},
		{"yaml", "2025-08-15T10:30:00+02:00", time.Date(2025, 8, 15, 10, 30, 0, 0, zone(2))},
		{"yaml", "2025-08-15T10:30:00.5-05:00", time.Date(2025, 8, 15, 10, 30, 0, 5e8, zone(-5))},
		{"yaml", "2025-08-15T10:30:00", utc(2025, 8, 15, 10, 30, 0, 0)},
		{"yaml", "2025-08-15 10:30:00", utc(2025, 8, 15, 10, 30, 0, 0)},
		{"yaml", "2025-08-15 10:30", utc(2025, 8, 15, 10, 30, 0, 0)},
		{"yaml", "2025-08-15 10:30:00 +0200", time.Date(2025, 8, 15, 10, 30, 0, 0, zone(2))},
		{"yaml", "2025-08-15 10:30:00 -07:00", time.Date(2025, 8, 15, 10, 30, 0, 0, zone(-7))},
		{"yaml", "2025-08-15 10:30 +0200", time.Date(2025, 8, 15, 10, 30, 0, 0, zone(2))},
		{"yaml", `"Fri, 15 Aug 2025 10:30:00 +0200"`, time.Date(2025, 8, 15, 10, 30, 0, 0, zone(2))},
		{"yaml", `"Fri, 15 Aug 2025 10:30:00 GMT"`, utc(2025, 8, 15, 10, 30, 0, 0)},
		{"yaml", `"August 15, 2025"`, utc(2025, 8, 15, 0, 0, 0, 0)},
		{"yaml", `"Aug 15, 2025"`, utc(2025, 8, 15, 0, 0, 0, 0)},
		{"yaml", `"15 August 2025"`, utc(2025, 8, 15, 0, 0, 0, 0)},
		{"toml", "2025-08-15", utc(2025, 8, 15, 0, 0, 0, 0)},
		{"toml", "2025-08-15T10:30:00", utc(2025, 8, 15, 10, 30, 0, 0)},
		{"toml", "2025-08-15T10:30:00+02:00", time.Date(2025, 8, 15, 10, 30, 0, 0, zone(2))},
		{"toml", "2025-08-15 10:30:00Z", utc(2025, 8, 15, 10, 30, 0, 0)},
		{"toml", `"2025-08-15 10:30:00"`, utc(2025, 8, 15, 10, 30, 0, 0)},
	} {
		for _, key := range []string{"date", "publishDate", "updated"} {
			var src string
			if tt.format == "yaml" {
				src = fmt.Sprintf("---\ntitle: T\n%s: %s\n---\nBody.", key, tt.value)
			} else {
				src = fmt.Sprintf("+++\ntitle = \"T\"\n%s = %s\n+++\nBody.", key, tt.value)
			}
			a, err := Parse("a.md", []byte(src), Options{})
			if err != nil {
				t.Errorf("Parse(%q): %v", src, err)
				continue
			}
			got, field := a.Published, "Published"
			if key == "updated" {
				got, field = a.Updated, "Updated"
			}
			if !sameTime(got, tt.want) {
				t.Errorf("Parse(%q).%s = %v, want %v", src, field, got, tt.want)
			}
		}
	}
}

var parseMarkdownErrorTests = []struct {
	name string
	src  string
	line int
	has  string // in the error message
}{
	// YAML syntax errors, at the file line of the offending text.
	{"yaml mapping in a value", "---\ntitle: ok\nfoo: bar: baz\n---\nBody.", 3, "YAML"},
	{"yaml unclosed flow sequence", "---\ntitle: ok\ndate: 2025-01-02\ntags: [a, b\n---\nBody.", 4, "YAML"},
	{"yaml unclosed flow sequence, more keys after", "---\ntitle: ok\ntags: [a, b\ndraft: true\nslug: x\n---\nBody.", 3, "YAML"},
	{"yaml list item in a mapping", "---\ntitle: ok\n- x\n---\nBody.", 3, "YAML"},
	{"yaml bad indentation", "---\ntitle: ok\nauthor:\n  name: x\n email: y\n---\nBody.", 5, "YAML"},
	{"yaml tab indentation", "---\ntitle: ok\n\tdate: 2025-01-02\n---\nBody.", 3, "YAML"},
	{"yaml unterminated quote", "---\ntitle: ok\nsummary: \"never closed\n---\nBody.", 3, "YAML"},
	{"yaml bad token", "---\ntitle: ok\n@foo: bar\n---\nBody.", 3, "YAML"},
	{"yaml duplicate key", "---\ntitle: ok\ndate: 2025-01-02\ntitle: again\n---\nBody.", 4, `"title"`},
	// Multi-line values before the error: a prefix of the text that ends
	// inside one does not parse either.
	{"yaml bad indentation after a multi-line string", "---\ntitle: ok\nauthor:\n  name: \"Jane\n    Q.\n    Doe\"\n bad: indent\n---\nBody.", 7, "YAML"},
	{"yaml unclosed flow sequence after a multi-line string", "---\ntitle: ok\nsummary: \"one\n  two\n  three\"\ntags: [a, b\ndraft: true\n---\nBody.", 6, "YAML"},
	{"yaml list item after a block scalar", "---\ntitle: ok\nsummary: |\n  one\n  two\n\n  three\nlist:\n  - a\n  b: c\n---\nBody.", 10, "YAML"},
	{"yaml mapping in a value after a multi-line list", "---\ntitle: ok\ntags: [a,\n  b, c,\n  d]\nx: y: z\n---\nBody.", 6, "YAML"},
	{"yaml not a mapping", "---\n- a\n- b\n---\nBody.", 2, "YAML"},

	// TOML syntax errors.
	{"toml missing value", "+++\ntitle = \"ok\"\ndate =\n+++\nBody.", 3, "TOML"},
	{"toml bare key", "+++\ntitle = \"ok\"\nbad\n+++\nBody.", 3, "TOML"},
	{"toml duplicate key", "+++\ntitle = \"ok\"\n\ntitle = \"again\"\n+++\nBody.", 4, "title"},
	{"toml unclosed array", "+++\ntitle = \"ok\"\n\ntags = [\"a\",\n+++\nBody.", 4, "TOML"},
	{"toml unterminated string", "+++\ntitle = \"ok\"\nsummary = \"never closed\nslug = \"x\"\n+++\nBody.", 3, "TOML"},
	{"toml unclosed table name", "+++\ntitle = \"ok\"\n[author\nname = \"x\"\n+++\nBody.", 3, "TOML"},
	{"toml invalid datetime", "+++\ntitle = \"ok\"\ndate = 2025-13-45\n+++\nBody.", 3, "TOML"},
	{"toml bad number", "+++\ntitle = \"ok\"\ncount = 0x\n+++\nBody.", 3, "TOML"},

	// Front matter that never closes is reported where it opens.
	{"yaml unterminated", "---\ntitle: ok\n\nBody text.\n", 1, "never closed"},
	{"toml unterminated", "+++\ntitle = \"ok\"\n\nBody text.\n", 1, "never closed"},
	{"delimiter only", "---", 1, "never closed"},
	{"closing delimiter indented", "---\ntitle: ok\n  ---\nBody.", 1, "never closed"},

	// Values of the wrong type name the key, at its line.
	{"date list", "---\ntitle: ok\ndate: [1,2]\n---\nBody.", 3, `"date"`},
	{"date text", "---\ntitle: ok\n\ndate: next tuesday\n---\nBody.", 4, `"date"`},
	{"lastmod map", "---\ntitle: ok\nlastmod: {a: 1}\n---\nBody.", 3, `"lastmod"`},
	{"draft text", "---\ntitle: ok\ndate: 2025-01-02\ndraft: \"maybe\"\n---\nBody.", 4, `"draft"`},
	{"published text", "---\ntitle: ok\npublished: \"maybe\"\n---\nBody.", 3, `"published"`},
	{"title list", "---\ntitle: [a, b]\n---\nBody.", 2, `"title"`},
	{"tags map", "---\ntitle: ok\ntags: {a: 1}\n---\nBody.", 3, `"tags"`},
	{"author number", "---\ntitle: ok\nauthor: 42\n---\nBody.", 3, `"author"`},
	{"toml date list", "+++\ntitle = \"ok\"\ndate = [1, 2]\n+++\nBody.", 3, `"date"`},
	{"toml draft text", "+++\ntitle = \"ok\"\n\ndraft = \"maybe\"\n+++\nBody.", 4, `"draft"`},
	{"toml title table", "+++\nslug = \"x\"\n[title]\nx = 1\n+++\nBody.", 3, `"title"`},
}

func TestParseMarkdownErrors(t *testing.T) {
	for _, tt := range parseMarkdownErrorTests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("posts/a.md", []byte(tt.src), Options{})
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want an error", tt.src, a)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error = %T %v, want a *ParseError", tt.src, err, err)
			}
			if pe.Path != "posts/a.md" {
				t.Errorf("Parse(%q) error Path = %q, want %q", tt.src, pe.Path, "posts/a.md")
			}
			if pe.Line != tt.line {
				t.Errorf("Parse(%q) error Line = %d, want %d (%v)", tt.src, pe.Line, tt.line, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.has) {
				t.Errorf("Parse(%q) error = %q, want it to mention %q", tt.src, msg, tt.has)
			}
			if want := fmt.Sprintf("posts/a.md:%d: ", tt.line); !strings.HasPrefix(msg, want) {
				t.Errorf("Parse(%q) error = %q, want it to start with %q", tt.src, msg, want)
			}
			// One line, no dangling words left over from rewriting the
			// library's message ("already defined at ").
			if strings.Contains(msg, "\n") || strings.HasSuffix(strings.TrimSpace(msg), " at") || strings.Contains(msg, ": :") {
				t.Errorf("Parse(%q) error = %q, want a clean one-line message", tt.src, msg)
			}
		})
	}
}

// TestParseFrontMatterErrorCost checks that finding the line of a YAML error
// costs about as much as parsing the front matter, not a parse per line: a
// long front matter with a typo at the end must not stall the loader.
func TestParseFrontMatterErrorCost(t *testing.T) {
	var b strings.Builder
	// A flow mapping, which the fast path leaves to the YAML decoder: both
	// files are read by it, the one with an error then searched for its line.
	b.WriteString("---\ntitle: T\nextra: {a: 1}\n")
	for i := range 199 {
		fmt.Fprintf(&b, "key%d: value number %d\n", i, i)
	}
	good := []byte(b.String() + "---\nBody.\n")
	bad := []byte(b.String() + "tags: [never closed\n---\nBody.\n")

	goodCost := time.Duration(1<<63 - 1)
	for range 3 {
		start := time.Now()
		if _, err := Parse("a.md", good, Options{}); err != nil {
			t.Fatalf("Parse(202 lines of front matter): %v", err)
		}
		goodCost = min(goodCost, time.Since(start))
	}
	limit := 10*goodCost + 10*time.Millisecond
	var badCost time.Duration
	for range 2 { // a second try, in case the machine was busy
		start := time.Now()
		_, err := Parse("a.md", bad, Options{})
		badCost = time.Since(start)
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != 203 {
			t.Fatalf("Parse(front matter with an error on line 203) error = %v, want one at line 203", err)
		}
		if badCost <= limit {
			return
		}
	}
	t.Errorf("Parse(front matter with an error on line 203) took %v, a valid one %v: want at most %v", badCost, goodCost, limit)
}

// htmlTest is one HTML file and the Article fields it must give, as in
// [markdownTest]; the file is "a.html".
type htmlTest struct {
	name       string
	src        string
	want       Article
	contentHas []string
	contentNot []string
}

var parseHTMLTests = []htmlTest{
	{
		name: "og:title first",
		src:  `<html><head><title>Title Tag | Site</title><meta property="og:title" content="OG Title"></head><body><h1>H1 Title</h1><p>Body.</p></body></html>`,
		want: Article{Title: "OG Title", Summary: "Body."},
	},
	{
		name:       "then h1",
		src:        `<html><head><title>Title Tag | Site</title></head><body><h1>H1 Title</h1><p>Body.</p></body></html>`,
		want:       Article{Title: "H1 Title", Summary: "Body."},
		contentNot: []string{"H1 Title", "<h1"},
	},
	{
		name: "then title without the site name",
		src:  `<html><head><title>Jazz Festival Ends With A Record Crowd | Example City News</title></head><body><p>Body.</p></body></html>`,
		want: Article{Title: "Jazz Festival Ends With A Record Crowd", Summary: "Body."},
	},
	{
		name: "title with a dash suffix",
		src:  `<title>Jazz Festival Ends With A Record Crowd - Example News</title><p>Body.</p>`,
		want: Article{Title: "Jazz Festival Ends With A Record Crowd", Summary: "Body."},
	},
	{
		// Sites often put their name in an <h1> in the page header.
		name:       "the article's h1, not the site header's",
		src:        `<html><body><header><h1>Example City News</h1></header><article><h1>Jazz Festival Ends</h1><p>Body.</p></article></body></html>`,
		want:       Article{Title: "Jazz Festival Ends", Summary: "Body."},
		contentNot: []string{"Jazz Festival Ends", "Example City News"},
	},
	{
		name: "description meta is the summary",
		src:  `<head><meta name="description" content="The  description."><meta property="og:description" content="OG description."></head><h1>T</h1><p>Body.</p>`,
		want: Article{Title: "T", Summary: "The description."},
	},
	{
		name: "og:description",
		src:  `<head><meta property="og:description" content="OG description."></head><h1>T</h1><p>Body.</p>`,
		want: Article{Title: "T", Summary: "OG description."},
	},
	{
		// Summaries are plain text, whatever a CMS writes in its meta tags.
		name: "description with markup",
		src:  `<head><meta name="description" content="<p>A <b>bold</b> move.</p>"></head><h1>T</h1><p>Body.</p>`,
		want: Article{Title: "T", Summary: "A bold move."},
	},

	// Where the body is.
	{
		name: "article",
		src: `<!DOCTYPE html><html><head><title>T | Site</title></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<div class="promo"><p>Outside the article.</p></div>
<article><h1>Real Title</h1><p>Inside the article.</p></article>
<aside><p>Most read.</p></aside>
<footer><p>Footer text.</p></footer>
</body></html>`,
		want:       Article{Title: "Real Title", Summary: "Inside the article."},
		contentHas: []string{"<p>Inside the article.</p>"},
		contentNot: []string{"Outside", "Home", "Most read", "Footer"},
	},
	{
		name:       "itemprop articleBody",
		src:        `<h1>T</h1><div class="teaser"><p>Teaser.</p></div><div itemprop="articleBody"><p>The body.</p></div><div><p>Other.</p></div>`,
		want:       Article{Title: "T", Summary: "The body."},
		contentHas: []string{"<p>The body.</p>"},
		contentNot: []string{"Teaser", "Other"},
	},
	{
		name:       "main",
		src:        `<body><h1>T</h1><div class="nav-ish"><p>Menu.</p></div><main><p>The main text.</p></main></body>`,
		want:       Article{Title: "T", Summary: "The main text."},
		contentHas: []string{"<p>The main text.</p>"},
		contentNot: []string{"Menu"},
	},
	{
		name:       "fragment with only h1 and p",
		src:        "<h1>Storm Warning For The Coast</h1>\n<p>Forecasters issued a storm warning. Ferries are cancelled.</p>\n<p>Stay away from the sea front.</p>\n",
		want:       Article{Title: "Storm Warning For The Coast", Summary: "Forecasters issued a storm warning. Ferries are cancelled. Stay away from the sea front."},
		contentHas: []string{"<p>Forecasters issued a storm warning. Ferries are cancelled.</p>", "<p>Stay away from the sea front.</p>"},
		contentNot: []string{"<h1", "Storm Warning"},
	},
	{
		name: "furniture dropped",
		src: `<article><h1>T</h1>
<nav>Nav links</nav><header>Header text</header>
<p>The festival drew a record crowd this year.</p>
<!-- a comment -->
<aside>Aside text</aside>
<form><input name="q"><button>Search</button></form>
<script>trackVisitor()</script><style>p { color: red }</style><noscript>Enable JS</noscript>
<iframe src="https://ads.example/"></iframe>
<div class="share-buttons"><a href="#">Share on Facebook</a></div>
<section id="comments"><h3>Comments</h3><p>First!</p></section>
<div class="related-posts"><p>Other story.</p></div>
<footer>Footer text</footer>
<p>Organisers plan to add a fifth day next summer.</p>
</article>`,
		want:       Article{Title: "T", Summary: "The festival drew a record crowd this year. Organisers plan to add a fifth day next summer."},
		contentHas: []string{"<p>The festival drew a record crowd this year.</p>", "<p>Organisers plan to add a fifth day next summer.</p>"},
		contentNot: []string{"Nav links", "Header text", "a comment", "<!--", "Aside text", "<form", "Search", "trackVisitor", "color: red", "Enable JS", "<iframe", "Share on Facebook", "First!", "Other story", "Footer text"},
	},
	{
		name:       "junk paragraphs dropped",
		src:        `<article><h1>T</h1><p>By Jane Doe</p><p>Share this with Email Facebook Twitter</p><p>The festival drew a record crowd this year.</p><p>Advertisement</p><p>Organisers plan to add a fifth day.</p></article>`,
		want:       Article{Title: "T", Summary: "The festival drew a record crowd this year. Organisers plan to add a fifth day."},
		contentNot: []string{"Jane Doe", "Share this", "Advertisement"},
	},
	{
		// Scraped pages saved as HTML carry the same footers as text files.
		name:       "footer paragraphs end the article",
		src:        `<article><h1>T</h1><p>The festival drew a record crowd this year.</p><p>Source link</p><p>Leave a Reply</p><p>Your email address will not be published.</p><p>Related posts</p><p>Bus drivers agree new contract</p></article>`,
		want:       Article{Title: "T", Summary: "The festival drew a record crowd this year."},
		contentNot: []string{"Source link", "Leave a Reply", "email address", "Related posts", "Bus drivers"},
	},

	// Inline markup adds no space: "<a>Paris</a>," is "Paris,", not "Paris ,".
	{
		name: "inline markup in the summary",
		src:  `<h1>T</h1><p>He visited <a href="/p">Paris</a>, then <em>Rome</em>. Done <b>now</b>.</p>`,
		want: Article{Title: "T", Summary: "He visited Paris, then Rome. Done now."},
	},
	{
		name: "inline markup in the title",
		src:  `<h1>Caf<span>é</span> Society: <em>Don</em>’t Miss It</h1><p>Body.</p>`,
		want: Article{Title: "Café Society: Don’t Miss It", Summary: "Body."},
	},

	// Dates and authors.
	{
		name: "article meta",
		src: `<head><meta property="article:published_time" content="2025-06-01T14:00:00Z">
<meta property="article:modified_time" content="2025-06-02T09:00:00+01:00">
<meta name="author" content="Jane Doe"></head><h1>T</h1><p>Body.</p>`,
		want: Article{Title: "T", Published: jun1, Updated: jun2, Author: Person{Name: "Jane Doe"}, Summary: "Body."},
	},
	{
		name: "time element",
		src:  `<article><h1>T</h1><p>Posted on <time datetime="2025-08-15">15 August</time> by the desk.</p></article>`,
		want: Article{Title: "T", Published: aug15, Summary: "Posted on 15 August by the desk."},
	},
	{
		name: "json-ld object",
		src: `<head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"datePublished":"2025-05-12T09:30:00+02:00","dateModified":"2025-05-13T08:00:00Z",
"author":{"@type":"Person","name":"Sofia Lind"}}</script></head><h1>T</h1><p>Body.</p>`,
		want:       Article{Title: "T", Published: may12, Updated: may13, Author: Person{Name: "Sofia Lind"}, Summary: "Body."},
		contentNot: []string{"schema.org", "datePublished"},
	},
	{
		name: "json-ld list with author list",
		src:  `<script type="application/ld+json">[{"@type":"WebSite"},{"@type":"Article","datePublished":"2025-08-15","author":[{"name":"A. Writer"},{"name":"B. Writer"}]}]</script><h1>T</h1><p>Body.</p>`,
		want: Article{Title: "T", Published: aug15, Author: Person{Name: "A. Writer"}, Summary: "Body."},
	},
	{
		name: "json-ld author as text",
		src:  `<script type="application/ld+json">{"datePublished":"2025-08-15","author":"Jane Doe"}</script><h1>T</h1><p>Body.</p>`,
		want: Article{Title: "T", Published: aug15, Author: Person{Name: "Jane Doe"}, Summary: "Body."},
	},
	{
		name: "meta author wins over json-ld",
		src:  `<meta name="author" content="Meta Name"><script type="application/ld+json">{"datePublished":"2025-08-15","author":{"name":"LD Name"}}</script><h1>T</h1><p>Body.</p>`,
		want: Article{Title: "T", Published: aug15, Author: Person{Name: "Meta Name"}, Summary: "Body."},
	},
	{
		name: "keywords meta",
		src:  `<meta name="keywords" content="music, festival"><h1>T</h1><p>Body.</p>`,
		want: Article{Title: "T", Tags: []string{"music", "festival"}, Summary: "Body."},
	},
}

func TestParseHTML(t *testing.T) {
	for _, tt := range parseHTMLTests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("a.html", []byte(tt.src), Options{})
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.src, err)
			}
			if a.Kind != KindHTML {
				t.Errorf("Parse(%q).Kind = %q, want %q", tt.src, a.Kind, KindHTML)
			}
			want := tt.want
			want.Slug = "a"
			checkArticle(t, tt.src, a, &want)
			checkContent(t, tt.src, a, tt.contentHas, tt.contentNot)
		})
	}
}

// utf16Bytes encodes s as UTF-16 with a byte order mark.
func utf16Bytes(s string, bigEndian bool) []byte {
	var b []byte
	for _, u := range append([]uint16{0xFEFF}, utf16.Encode([]rune(s))...) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

func TestParseDecoding(t *testing.T) {
	const article = "Café “Quoted” Title\r\n\r\nThe first line runs on\r\nto a second line.\r\n\r\nThe next paragraph follows it here."
	const fm = "---\r\ntitle: Café “Quoted” Title\r\ntags: [crlf]\r\n---\r\nThe first line runs on\r\nto a second line.\r\n\r\nThe next paragraph follows it here."
	const page = "<h1>Café “Quoted” Title</h1>\r\n<p>The first line runs on\r\nto a second line.</p>\r\n<p>The next paragraph follows it here.</p>"
	const title, summary = "Café “Quoted” Title", "The first line runs on to a second line. The next paragraph follows it here."
	for _, tt := range []struct {
		name string
		file string
		src  []byte
	}{
		{"crlf text", "a.txt", []byte(article)},
		{"crlf markdown", "a.md", []byte(fm)},
		{"crlf html", "a.html", []byte(page)},
		{"cr text", "a.txt", []byte(strings.ReplaceAll(article, "\r\n", "\r"))},
		{"cr markdown", "a.md", []byte(strings.ReplaceAll(fm, "\r\n", "\r"))},
		{"utf-8 bom text", "a.txt", append([]byte("\xef\xbb\xbf"), article...)},
		{"utf-8 bom markdown", "a.md", append([]byte("\xef\xbb\xbf"), fm...)},
		{"utf-8 bom html", "a.html", append([]byte("\xef\xbb\xbf"), page...)},
		{"utf-16le text", "a.txt", utf16Bytes(article, false)},
		{"utf-16be text", "a.txt", utf16Bytes(article, true)},
		{"utf-16le markdown", "a.md", utf16Bytes(fm, false)},
		{"utf-16be markdown", "a.md", utf16Bytes(fm, true)},
		{"utf-16le html", "a.html", utf16Bytes(page, false)},
		{"utf-16be html", "a.html", utf16Bytes(page, true)},
		{"windows-1252 text", "a.txt", []byte("Caf\xe9 \x93Quoted\x94 Title\r\n\r\nThe first line runs on\r\nto a second line.\r\n\r\nThe next paragraph follows it here.")},
		{"windows-1252 markdown", "a.md", []byte("---\ntitle: Caf\xe9 \x93Quoted\x94 Title\n---\nThe first line runs on\nto a second line.\n\nThe next paragraph follows it here.")},
		{"windows-1252 html", "a.html", []byte("<h1>Caf\xe9 \x93Quoted\x94 Title</h1><p>The first line runs on\nto a second line.</p><p>The next paragraph follows it here.</p>")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.file, tt.src, Options{})
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.src, err)
			}
			if a.Title != title {
				t.Errorf("Parse(%q).Title = %q, want %q", tt.src, a.Title, title)
			}
			if a.Summary != summary {
				t.Errorf("Parse(%q).Summary = %q, want %q", tt.src, a.Summary, summary)
			}
			if strings.ContainsAny(a.Content, "\r\ufeff\ufffd") || strings.ContainsAny(a.Summary+a.Title, "\r\n\ufeff\ufffd") {
				t.Errorf("Parse(%q) = %q, %q, %q: want no CR, BOM or U+FFFD", tt.src, a.Title, a.Summary, a.Content)
			}
			if tt.file == "a.md" && !slices.Equal(a.Tags, []string{"crlf"}) && strings.Contains(string(tt.src), "crlf") {
				t.Errorf("Parse(%q).Tags = %q, want [crlf]: front matter not read", tt.src, a.Tags)
			}
		})
	}
	t.Run("windows-1252 punctuation", func(t *testing.T) {
		src := []byte("Title\n\nIt\x92s \x96 as they say \x85 \x84fine\x93, and costs \x80100.")
		a, err := Parse("a.txt", src, Options{})
		if err != nil {
			t.Fatalf("Parse(%q): %v", src, err)
		}
		if want := "It’s – as they say … „fine“, and costs €100."; a.Summary != want {
			t.Errorf("Parse(%q).Summary = %q, want %q", src, a.Summary, want)
		}
	})
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		src  []byte
		want error
	}{
		{"a.txt", nil, ErrEmpty},
		{"a.md", []byte{}, ErrEmpty},
		{"a.html", []byte(""), ErrEmpty},
		{"a.txt", []byte(" \n\t\r\n \f "), ErrEmpty},
		{"a.md", []byte("\n\n   \n"), ErrEmpty},
		{"a.html", []byte("\r\n\t "), ErrEmpty},
		{"a.txt", []byte("\u00a0\u2003\n\u3000"), ErrEmpty},
		{"a.txt", []byte("\xef\xbb\xbf"), ErrEmpty},
		{"a.md", []byte("\xef\xbb\xbf \n "), ErrEmpty},
		{"a.html", utf16Bytes(" \r\n\t", false), ErrEmpty},
		{"a.txt", utf16Bytes("", true), ErrEmpty},
		{"a.txt", []byte("Title\x00\n\nBody."), ErrBinary},
		{"a.md", []byte("# Title\n\nBody \x00 text."), ErrBinary},
		{"a.html", []byte("<h1>Title</h1><p>\x00</p>"), ErrBinary},
		{"a.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary},
		{"a.md", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"), ErrBinary},
		{"a.txt", utf16Bytes("Title\x00\n\nBody.", false), ErrBinary},
		{"a.rst", []byte("Title\n=====\n"), ErrUnsupported},
		{"a", []byte("Title\n\nBody."), ErrUnsupported},
		{"a.md", []byte("No heading, only a paragraph."), ErrNoTitle},
		{"a.html", []byte("<p>No title anywhere.</p>"), ErrNoTitle},
		{"a.md", []byte("---\ntitle: \"\"\n---\nBody."), ErrNoTitle},
	} {
		a, err := Parse(tt.name, tt.src, Options{})
		if !errors.Is(err, tt.want) {
			t.Errorf("Parse(%q, %q) = %+v, %v; want error %v", tt.name, tt.src, a, err, tt.want)
			continue
		}
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Path != tt.name {
			t.Errorf("Parse(%q, %q) error = %#v, want a *ParseError naming the file", tt.name, tt.src, err)
		}
	}
}

// TestParseForbiddenChars checks that no character XML forbids reaches any
// field, whether the file holds it raw or writes it as an escape or a
// character reference that the parsers decode.
func TestParseForbiddenChars(t *testing.T) {
	// Enough text that a few control bytes stay under inspectText's 10 %.
	filler := strings.Repeat("Plain words fill this paragraph out. ", 30)
	for _, tt := range []struct {
		name, file, src, title string
	}{
		{"raw text", "a.txt", "Ti\x01tle\x7f\u0085\ufffe\uffff\n\nBody\x02 with\x0b control\x1b characters\x7f, C1\u0080 and non\u00adcharacters\ufffe\uffff. " + filler, "Title"},
		{"raw markdown", "a.md", "---\ntitle: \"Ti\x01tle\x7f\"\nsummary: \"Sum\x02mary\u0085.\"\ntags: [\"t\x03ag\"]\nauthor: \"Jane\x04 Doe <jane\x05@example.com>\"\n---\nBody\x06 text\ufffe. " + filler, "Title"},
		{"raw markdown heading", "a.md", "# Ti\x01tle\x7f\n\nBody\x06 text\ufffe. " + filler, "Title"},
		{"raw html", "a.html", "<title>x</title><meta name=\"description\" content=\"De\x01scription.\"><h1>Ti\x01tle\u0085</h1><p>Body\x02 text\uffff. " + filler + "</p>", "Title"},
		{"html character references", "a.html", `<meta name="description" content="De&#1;scription&#xFFFE;."><meta name="author" content="Jane&#x7; Doe"><meta name="keywords" content="a&#2;b, c"><h1>Ti&#1;tle&#x7f;</h1><p>Body&#x1b; text&#xffff; and&#127; more&#0;.</p>`, "Title"},
		{"html og:title reference", "a.html", `<meta property="og:title" content="Ti&#x1;tle"><p>Body.</p>`, "Title"},
		{"html json-ld escape", "a.html", `<script type="application/ld+json">{"datePublished":"2025-08-15","author":{"name":"Jane\u0001 Doe"}}</script><h1>Title</h1><p>Body.</p>`, "Title"},
		{"markdown character references", "a.md", "---\ntitle: Title\n---\nBody&#1; text&#x1f; &#xFFFE; and&#127; more.\n\n`code\x01`\n\n" + filler, "Title"},
		{"markdown heading reference", "a.md", "# Ti&#1;tle\n\nBody.", ""},
		{"yaml escapes", "a.md", "---\ntitle: \"Ti\\x01tle\\u007f\"\nsummary: \"Sum\\x02mary\\uFFFE.\"\ntags: [\"t\\x03ag\"]\nauthor: {name: \"Jane\\a Doe\", email: \"jane\\b@example.com\"}\nslug: \"s\\x01lug\"\nid: \"i\\x01d\"\n---\nBody.", "Title"},
		{"toml escapes", "a.md", "+++\ntitle = \"Ti\\u0001tle\\u007F\"\nsummary = \"Sum\\u0002mary\\uFFFF.\"\ntags = [\"t\\u0003ag\"]\nid = \"i\\u0001d\"\n\n[author]\nname = \"Jane\\b Doe\"\n+++\nBody.", "Title"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.file, []byte(tt.src), Options{})
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.src, err)
			}
			if tt.title != "" && a.Title != tt.title {
				t.Errorf("Parse(%q).Title = %q, want %q", tt.src, a.Title, tt.title)
			}
			if field, s := forbiddenField(a); field != "" {
				t.Errorf("Parse(%q).%s = %q: holds a character XML forbids", tt.src, field, s)
			}
		})
	}
}

// xmlChar reports whether XML 1.0 allows r (the Char production).
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || 0x20 <= r && r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0x10FFFF
}

func validXMLText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !xmlChar(r) {
			return false
		}
	}
	return true
}

// forbiddenField returns the first text field of a that is not valid XML text,
// and its value.
func forbiddenField(a *Article) (field, value string) {
	fields := []struct{ name, s string }{
		{"Title", a.Title}, {"Summary", a.Summary}, {"Content", a.Content},
		{"Slug", a.Slug}, {"ID", a.ID}, {"Author.Name", a.Author.Name}, {"Author.Email", a.Author.Email},
		{"Image", a.Image},
	}
	for i, s := range a.Tags {
		fields = append(fields, struct{ name, s string }{fmt.Sprintf("Tags[%d]", i), s})
	}
	for i, s := range a.Dropped {
		fields = append(fields, struct{ name, s string }{fmt.Sprintf("Dropped[%d]", i), s})
	}
	for _, f := range fields {
		if !validXMLText(f.s) {
			return f.name, f.s
		}
	}
	return "", ""
}

func TestParseSeed(t *testing.T) {
	src, err := os.ReadFile(seedArticle)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("no seed article: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse(filepath.Base(seedArticle), src, Options{})
	if err != nil {
		t.Fatalf("Parse(%q): %v", seedArticle, err)
	}
	if want := "Trump, Putin Conclude Alaska Talks Without Agreement On Ending Ukraine War"; a.Title != want {
		t.Errorf("Parse(%q).Title = %q, want %q", seedArticle, a.Title, want)
	}
	wantHeadings := []string{
		"Constructive Talks but No Deal",
		"Trump Acknowledges Progress, But Stresses Work Remains",
		"Past Tensions",
		"The Unresolved Conflict",
	}
	if got := elementTexts(a.Content, "h2"); !slices.Equal(got, wantHeadings) {
		t.Errorf("Parse(%q) subheadings = %q, want %q", seedArticle, got, wantHeadings)
	}

	// The summary is the article's leading sentences, whole.
	const first = "US President Donald Trump and Russian President Vladimir Putin wrapped up a highly anticipated meeting in Alaska on Friday without reaching a concrete agreement to end the war in Ukraine."
	if !strings.HasPrefix(a.Summary, first) {
		t.Errorf("Parse(%q).Summary = %q, want it to start with %q", seedArticle, a.Summary, first)
	}
	var body []string
	for _, p := range elementTexts(a.Content, "p") {
		body = append(body, Sentences(p)...)
	}
	// Whole sentences of the body, in order.
	got, rest := Sentences(a.Summary), body
	for _, s := range got {
		i := slices.Index(rest, s)
		if i < 0 {
			t.Errorf("Parse(%q).Summary = %q: %q is not a whole sentence of the body, in order", seedArticle, a.Summary, s)
			break
		}
		rest = rest[i+1:]
	}
	if n := len(strings.Fields(a.Summary)); n > DefaultSummaryWords || strings.HasSuffix(a.Summary, "…") {
		t.Errorf("Parse(%q).Summary = %q (%d words), want whole sentences within %d words", seedArticle, a.Summary, n, DefaultSummaryWords)
	}

	for _, footer := range []string{"Source link", "Leave a Reply", "Your email address", "Required fields"} {
		if strings.Contains(a.Content, footer) || strings.Contains(a.Summary, footer) {
			t.Errorf("Parse(%q) keeps footer text %q in Content or Summary", seedArticle, footer)
		}
	}
	if !slices.Contains(a.Dropped, "Source link") || !slices.Contains(a.Dropped, "Leave a Reply") {
		t.Errorf("Parse(%q).Dropped = %q, want the footer", seedArticle, a.Dropped)
	}
}

// elementTexts returns the unescaped text of each <tag> element in the
// flat HTML that the text parser writes.
func elementTexts(content, tag string) []string {
	re := regexp.MustCompile(`<` + tag + `(?:\s[^>]*)?>(.*?)</` + tag + `>`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(content, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// junkIn returns the junk phrase of junk.go's lists found in s, or "". The
// lists name furniture that stands on a line of its own, so most phrases
// ("share", "email", "more from", "sign up to") count only as a whole line
// or sentence, and prefixes only at the start of a short one: news prose
// uses the same words ("a report published by", "more from their game").
// The long phrases (five words or more, such as "your email address will
// not be published") and those ending in ':' count anywhere.
func junkIn(s string) string {
	lower := strings.ToLower(s)
	for _, list := range [][]string{footerStarts, junkLines} {
		for _, p := range list {
			if (len(strings.Fields(p)) >= 5 || strings.HasSuffix(p, ":")) && strings.Contains(lower, p) {
				return p
			}
		}
	}
	var parts []string
	for _, line := range strings.Split(s, "\n") {
		parts = append(parts, line)
		parts = append(parts, Sentences(line)...)
	}
	for _, part := range parts {
		l := strings.ToLower(strings.TrimSpace(part))
		l = strings.TrimSpace(strings.Trim(l, " \t•·|»«›‹>-–—*#[]"))
		if l == "" {
			continue
		}
		for _, list := range [][]string{footerStarts, junkLines} {
			if slices.Contains(list, l) {
				return l
			}
		}
		if len(strings.Fields(l)) <= maxJunkWords {
			for _, p := range junkPrefixes {
				if strings.HasPrefix(l, p) {
					return p
				}
			}
		}
	}
	return ""
}

// TestParseBBC parses every article of the BBC corpus: each must parse, keep
// its first line as the title, and get a summary of 1 to 60 words, with no
// junk in the summary or the content.
func TestParseBBC(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(bbcDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skipf("no BBC articles in %s", bbcDir)
	}
	var failed int
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		ok := true
		fail := func(format string, args ...any) {
			t.Helper()
			t.Errorf(format, args...)
			ok = false
		}
		a, err := Parse(name, src, Options{})
		if err != nil {
			fail("Parse(%q): %v", name, err)
			failed++
			continue
		}
		first, _, _ := strings.Cut(strings.TrimPrefix(string(src), "\ufeff"), "\n")
		// The first line as a reader sees it: one file writes "£" as "&#163;".
		if first = html.UnescapeString(strings.TrimSpace(first)); a.Title != first {
			fail("Parse(%q).Title = %q, want the first line %q", name, a.Title, first)
		}
		if n := len(strings.Fields(a.Summary)); n == 0 || n > DefaultSummaryWords {
			fail("Parse(%q).Summary = %q: %d words, want 1 to %d", name, a.Summary, n, DefaultSummaryWords)
		}
		if j := junkIn(a.Summary); j != "" {
			fail("Parse(%q).Summary = %q: holds junk %q", name, a.Summary, j)
		}
		for _, tag := range []string{"p", "h2"} {
			for _, block := range elementTexts(a.Content, tag) {
				if j := junkIn(block); j != "" {
					fail("Parse(%q).Content <%s>%s</%s>: holds junk %q", name, tag, block, tag, j)
				}
			}
		}
		if !ok {
			failed++
		}
	}
	t.Logf("%d BBC articles, %d failed", len(files), failed)
}

// TestParseNoQuadraticInput parses inputs that once took seconds or minutes
// (goldmark's emphasis, yaml.v3 on huge front matter). It is not a timing
// test: a regression shows as a test that does not finish.
func TestParseNoQuadraticInput(t *testing.T) {
	for _, tt := range []struct{ name, src string }{
		{"a.md", "# T\n\n" + strings.Repeat("*a_ ", 100000) + "\n"},
		{"b.md", "---\n" + strings.Repeat("k: v\n", 20000) + "---\nBody."},
		{"c.txt", "Title\n\n" + strings.Repeat("word ", 200000)},
	} {
		a, err := Parse(tt.name, []byte(tt.src), Options{})
		if tt.name == "b.md" {
			if err == nil || !strings.Contains(err.Error(), "over the limit") {
				t.Errorf("Parse(huge front matter) error = %v, want the size limit", err)
			}
			continue
		}
		if err != nil || a.Title == "" {
			t.Errorf("Parse(%s) = %v, %v", tt.name, a, err)
		}
	}
}
