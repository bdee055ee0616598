package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/heraldfeeds/herald/internal/store"
	"github.com/heraldfeeds/herald/source"
)

// inspection is what "herald inspect" reports of one file.
type inspection struct {
	Path        string    `json:"path"`
	Kind        string    `json:"kind,omitempty"`
	Error       string    `json:"error,omitempty"`
	Title       string    `json:"title,omitempty"`
	Slug        string    `json:"slug,omitempty"`
	ID          string    `json:"id,omitempty"`
	Published   time.Time `json:"published,omitzero"`
	Updated     time.Time `json:"updated,omitzero"`
	Author      string    `json:"author,omitempty"`
	Tags        []string  `json:"tags,omitempty"`
	Draft       bool      `json:"draft,omitempty"`
	Summary     string    `json:"summary,omitempty"`
	Subheadings []string  `json:"subheadings,omitempty"`
	Words       int       `json:"summary_words,omitempty"`
	Warnings    []string  `json:"warnings,omitempty"`
	Dropped     []string  `json:"dropped,omitempty"`
}

// runInspect prints what Herald makes of each file.
func runInspect(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("herald inspect", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print JSON, one object per file, instead of text")
	words := fs.Int("words", source.DefaultSummaryWords, "the most words in a generated summary")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: herald inspect [-json] [-words N] FILE...\n\nPrints what Herald makes of each article file: title, dates, id, slug, tags,\nsummary, subheadings, and what was dropped as junk. Nothing is written.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("inspect: name at least one file")
	}
	failed := 0
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	for _, path := range fs.Args() {
		in := inspect(path, *words)
		if in.Error != "" {
			failed++
		}
		if *asJSON {
			if err := enc.Encode(in); err != nil {
				return err
			}
			continue
		}
		printInspection(stdout, in)
	}
	if failed > 0 {
		return fmt.Errorf("inspect: %d of %d files could not be read", failed, fs.NArg())
	}
	return nil
}

func inspect(path string, words int) inspection {
	in := inspection{Path: path}
	src, err := os.ReadFile(path)
	if err != nil {
		in.Error = err.Error()
		return in
	}
	a, err := source.Parse(filepath.ToSlash(path), src, source.Options{SummaryWords: words})
	if err != nil {
		in.Error = err.Error()
		return in
	}
	in.Kind, in.Title, in.Slug, in.Tags, in.Draft = string(a.Kind), a.Title, a.Slug, a.Tags, a.Draft
	in.Published, in.Updated, in.Summary, in.Dropped = a.Published, a.Updated, a.Summary, a.Dropped
	in.Words = len(strings.Fields(a.Summary))
	in.Subheadings = subheadings(a.Content)
	if a.ID != "" {
		in.ID = store.NormalizeID(a.ID)
	} else {
		in.ID = store.PathID(filepath.ToSlash(path))
		in.Warnings = append(in.Warnings, "no id in the file: the id is made from its path relative to content.dir, shown here for the path as given")
	}
	if a.Author.Name != "" || a.Author.Email != "" {
		in.Author = strings.TrimSpace(a.Author.Name + " <" + a.Author.Email + ">")
		in.Author = strings.TrimSuffix(in.Author, " <>")
	}
	if a.Published.IsZero() {
		in.Warnings = append(in.Warnings, "no date in the file: published is the time Herald first sees it")
	}
	if n := len(a.Dropped); n > 0 {
		in.Warnings = append(in.Warnings, fmt.Sprintf("dropped %d junk lines", n))
	}
	if a.Summary == "" {
		in.Warnings = append(in.Warnings, "empty summary: the body has no paragraph text")
	}
	if a.Draft {
		in.Warnings = append(in.Warnings, "draft: never published")
	}
	return in
}

// subheadings lists the text of the <h2> elements in sanitized content.
func subheadings(content string) []string {
	var out []string
	for {
		i := strings.Index(content, "<h2")
		if i < 0 {
			return out
		}
		content = content[i:]
		j, k := strings.IndexByte(content, '>'), strings.Index(content, "</h2>")
		if j < 0 || k < j {
			return out
		}
		out = append(out, source.PlainText(content[j+1:k]))
		content = content[k:]
	}
}

func printInspection(w io.Writer, in inspection) {
	fmt.Fprintf(w, "%s\n", in.Path)
	if in.Error != "" {
		fmt.Fprintf(w, "  error:       %s\n\n", in.Error)
		return
	}
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-12s %s\n", k+":", v)
		}
	}
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	line("kind", in.Kind)
	line("title", in.Title)
	line("slug", in.Slug)
	line("id", in.ID)
	line("published", date(in.Published))
	line("updated", date(in.Updated))
	line("author", in.Author)
	line("tags", strings.Join(in.Tags, ", "))
	line("summary", fmt.Sprintf("(%d words) %s", in.Words, in.Summary))
	for i, h := range in.Subheadings {
		line(fmt.Sprintf("subheading %d", i+1), h)
	}
	for _, d := range in.Dropped {
		line("dropped", d)
	}
	for _, warn := range in.Warnings {
		line("warning", warn)
	}
	fmt.Fprintln(w)
}

// runSummarize prints the summary of body text read from stdin.
func runSummarize(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("herald summarize", flag.ContinueOnError)
	fs.SetOutput(stderr)
	words := fs.Int("words", source.DefaultSummaryWords, "the most words in the summary")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: herald summarize [-words N] < body.txt\n\nReads article body text (paragraphs separated by blank lines) on standard\ninput and prints its summary: whole sentences from its lead, within N words.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *words < 1 {
		return errors.New("summarize: -words must be at least 1")
	}
	body, err := io.ReadAll(stdin)
	if err != nil {
		return fmt.Errorf("summarize: read stdin: %w", err)
	}
	_, err = fmt.Fprintln(stdout, source.Summarize(string(body), *words))
	return err
}
