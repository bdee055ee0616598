package feed

import (
	"html"
	"strings"

	"github.com/gorilla/feeds"
)

// generic builds gorilla/feeds' format-neutral feed, which each writer
// converts to its format's structs and then corrects. Every item has its
// stable id, link, summary, content and both dates set, so gorilla/feeds
// never invents a random id or leaves a date empty.
func (f *Feed) generic() *feeds.Feed {
	site := f.Site
	g := &feeds.Feed{
		Title:       xmlSafe(site.Title),
		Link:        &feeds.Link{Href: site.HomeURL()},
		Description: xmlSafe(site.Description),
		Id:          site.ID,
		Updated:     f.updated(),
		Created:     f.updated(),
	}
	if !site.Author.IsZero() {
		g.Author = &feeds.Author{Name: xmlSafe(site.Author.Name), Email: site.Author.Email}
	}
	contents := f.contents()
	for i, a := range f.Items {
		author := f.author(a)
		g.Items = append(g.Items, &feeds.Item{
			Title:       xmlSafe(a.Title),
			Link:        &feeds.Link{Href: site.ArticleURL(a)},
			Author:      &feeds.Author{Name: xmlSafe(author.Name), Email: author.Email},
			Description: xmlSafe(a.Summary),
			Id:          a.ID,
			IsPermaLink: "false",
			Created:     a.Published.UTC(),
			Updated:     a.Updated.UTC(),
			Content:     contents[i],
		})
	}
	return g
}

// contents returns the items' content as every format carries it: never
// empty (JSON Feed requires content_html or content_text, and readers show
// nothing without it), with absolute URLs, and XML-safe. It is worked out
// once for all the formats.
func (f *Feed) contents() []string {
	f.contentOnce.Do(func() {
		f.content = make([]string, len(f.Items))
		for i, a := range f.Items {
			content := a.Content
			if strings.TrimSpace(content) == "" {
				content = "<p>" + html.EscapeString(firstNonEmpty(a.Summary, a.Title)) + "</p>"
			}
			f.content[i] = xmlSafe(absoluteURLs(content, f.Site.ArticleURL(a)))
		}
	})
	return f.content
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
