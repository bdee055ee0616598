// Command gen writes a deterministic folder of generated articles of the
// three kinds Herald reads, for benchmarks: Markdown with YAML or TOML front
// matter, plain-text news articles with subheadings and scraped junk, and
// saved HTML pages. The same -n and -seed always give the same bytes.
//
//	go run ./bench/gen -n 10000 -out /tmp/articles
//
// With -hugo DIR it also writes a Hugo site whose content is the same
// Markdown files, configured to build only its RSS feed.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	out := flag.String("out", "", "folder to write the articles into (required; created)")
	hugo := flag.String("hugo", "", "also write a Hugo site with the same Markdown files here")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	g := &gen{r: rand.New(rand.NewPCG(*seed, 2))}
	var hugoContent string
	if *hugo != "" {
		hugoContent = filepath.Join(*hugo, "content", "posts")
		if err := os.MkdirAll(hugoContent, 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*hugo, "config.toml"), []byte(hugoConfig), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	for i := range *n {
		dir := filepath.Join(*out, fmt.Sprintf("%03d", i/1000)) // 1,000 files a folder, like a dated archive
		if err := os.MkdirAll(dir, 0o755); err != nil {
			log.Fatal(err)
		}
		name, body := g.article(i)
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			log.Fatal(err)
		}
		if hugoContent != "" && strings.HasSuffix(name, ".md") {
			if err := os.WriteFile(filepath.Join(hugoContent, fmt.Sprintf("%06d-%s", i, name)), body, 0o644); err != nil {
				log.Fatal(err)
			}
		}
	}
}

// hugoConfig builds the home page's RSS feed and nothing else: no HTML pages,
// no taxonomies, 20 items, like Herald's feed.
const hugoConfig = `baseURL = "https://example.com/"
title = "Bench"
disableKinds = ["taxonomy", "term", "sitemap", "robotsTXT", "404", "section"]
[outputs]
home = ["RSS"]
page = []
[services.rss]
limit = 20
`

type gen struct{ r *rand.Rand }

var words = strings.Fields(`the a of to and in that for on with as was at by from said city council
government minister report people year new police market company bank plan vote school water
road bridge river hospital court week month officials told statement public service budget
million percent rise fall growth workers union strike talks deal agreement election party
leader president group project local national international support increase decrease
announced expected according residents region country world health energy prices housing
transport trains buses drivers airport station museum library festival music team match
season club players coach final league cup weather storm rain flood heat forecast`)

func (g *gen) word() string { return words[g.r.IntN(len(words))] }

func (g *gen) sentence() string {
	n := 8 + g.r.IntN(18)
	w := make([]string, n)
	for i := range w {
		w[i] = g.word()
	}
	if g.r.IntN(4) == 0 {
		w[n/2] = fmt.Sprintf("%d.%d%%", g.r.IntN(20), g.r.IntN(10))
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *gen) paragraph() string {
	n := 2 + g.r.IntN(4)
	s := make([]string, n)
	for i := range s {
		s[i] = g.sentence()
	}
	return strings.Join(s, " ")
}

func (g *gen) title() string {
	n := 5 + g.r.IntN(7)
	w := make([]string, n)
	for i := range w {
		x := g.word()
		w[i] = strings.ToUpper(x[:1]) + x[1:]
	}
	return strings.Join(w, " ")
}

func (g *gen) heading() string {
	t := g.title()
	f := strings.Fields(t)
	return strings.Join(f[:min(4, len(f))], " ")
}

var base = time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)

// date is article i's date: half an hour apart, so that even 100,000
// articles are all in the past (none scheduled) and in file order.
func (g *gen) date(i int) time.Time {
	return base.Add(time.Duration(i)*30*time.Minute + time.Duration(g.r.IntN(1800))*time.Second)
}

// article writes article i: about 55 % Markdown, 30 % plain text, 15 % HTML.
func (g *gen) article(i int) (string, []byte) {
	var b strings.Builder
	paras := 6 + g.r.IntN(10)
	switch k := g.r.IntN(20); {
	case k < 11:
		yaml := k < 8
		if yaml {
			fmt.Fprintf(&b, "---\ntitle: %q\ndate: %s\ntags: [%s, %s]\nauthor: Bench Writer\n---\n\n", g.title(), g.date(i).Format(time.RFC3339), g.word(), g.word())
		} else {
			fmt.Fprintf(&b, "+++\ntitle = %q\ndate = %s\ntags = [%q, %q]\n+++\n\n", g.title(), g.date(i).Format(time.RFC3339), g.word(), g.word())
		}
		for p := range paras {
			if p > 0 && p%4 == 0 {
				fmt.Fprintf(&b, "## %s\n\n", g.heading())
			}
			para := g.paragraph()
			if p%5 == 1 {
				f := strings.Fields(para)
				f[2] = "**" + f[2] + "**"
				f[5] = "[" + f[5] + "](https://example.com/" + f[5] + ")"
				para = strings.Join(f, " ")
			}
			b.WriteString(para + "\n\n")
		}
		return fmt.Sprintf("article-%06d.md", i), []byte(b.String())
	case k < 17:
		fmt.Fprintf(&b, "%s\n\n\n", g.title())
		for p := range paras {
			if p > 0 && p%4 == 0 {
				fmt.Fprintf(&b, "%s\n\n", g.heading())
			}
			b.WriteString(g.paragraph() + "\n\n")
		}
		b.WriteString("\n\n\nSource link\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *")
		return fmt.Sprintf("article-%06d.txt", i), []byte(b.String())
	default:
		t := g.title()
		fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s | Bench News</title>\n", t)
		fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%s\">\n<script>var tracking = true;</script></head>\n", g.date(i).Format(time.RFC3339))
		b.WriteString("<body><header><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav></header>\n<main><article>\n")
		fmt.Fprintf(&b, "<h1>%s</h1>\n", t)
		for p := range paras {
			if p > 0 && p%4 == 0 {
				fmt.Fprintf(&b, "<h2>%s</h2>\n", g.heading())
			}
			fmt.Fprintf(&b, "<p>%s</p>\n", g.paragraph())
		}
		b.WriteString("</article><section id=\"comments\"><form><textarea></textarea></form></section></main>\n<footer>© Bench News</footer></body></html>\n")
		return fmt.Sprintf("article-%06d.html", i), []byte(b.String())
	}
}
