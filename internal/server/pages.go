package server

import (
	"embed"
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/heraldfeeds/herald/feed"
	"github.com/heraldfeeds/herald/source"
)

//go:embed templates/*.html
var templateFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"date":    func(t time.Time) string { return t.UTC().Format("2 January 2006") },
	"iso":     func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"content": func(s string) template.HTML { return template.HTML(s) }, // sanitized by package source
}).ParseFS(templateFS, "templates/*.html"))

type feedLink struct {
	Title, URL string
	// TypeAttr is the whole type="..." attribute: html/template would write
	// the "+" of "application/rss+xml" as "&#43;", which is valid HTML but
	// trips autodiscovery code that matches the plain string.
	TypeAttr template.HTMLAttr
}

type pageData struct {
	Site    *feed.Site
	Feeds   []feedLink
	Items   []*source.Article
	Article *source.Article
	Author  source.Person
}

func feedLinks(site *feed.Site) []feedLink {
	var links []feedLink
	for _, f := range feed.Formats {
		name := map[string]string{"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}[f.Name]
		mediaType, _, _ := strings.Cut(f.ContentType, ";")
		links = append(links, feedLink{TypeAttr: template.HTMLAttr(`type="` + mediaType + `"`), Title: site.Title + " (" + name + ")", URL: site.FeedURL(f.Name)})
	}
	return links
}

func renderHome(w io.Writer, site *feed.Site, f *feed.Feed) error {
	return templates.ExecuteTemplate(w, "home.html", pageData{Site: site, Feeds: feedLinks(site), Items: f.Items})
}

func renderArticle(w io.Writer, site *feed.Site, a *source.Article) error {
	author := a.Author
	if author.IsZero() {
		author = site.Author
	}
	return templates.ExecuteTemplate(w, "article.html", pageData{Site: site, Feeds: feedLinks(site), Article: a, Author: author})
}
