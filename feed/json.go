package feed

import (
	"encoding/json"
	"io"

	"github.com/gorilla/feeds"
)

// jsonDoc corrects gorilla/feeds' JSON Feed: home_page_url, feed_url and
// language are set, authors are 1.1 author objects (the deprecated author
// field is left out), and items is always present, even when empty.
type jsonDoc struct {
	*feeds.JSONFeed
	Authors []jsonAuthor `json:"authors,omitempty"` // hides JSONFeed.Authors
	Items   []jsonItem   `json:"items"`             // hides JSONFeed.Items, never omitted
}

type jsonAuthor struct {
	Name string `json:"name,omitempty"`
	URL  string `json:"url,omitempty"`
}

type jsonItem struct {
	*feeds.JSONItem
	Authors []jsonAuthor `json:"authors,omitempty"` // hides JSONItem.Authors
}

// WriteJSON writes f as a JSON Feed 1.1 document.
func WriteJSON(w io.Writer, f *Feed) error {
	g := f.generic()
	jf := (&feeds.JSON{Feed: g}).JSONFeed()
	jf.HomePageUrl = f.Site.HomeURL()
	jf.FeedUrl = f.Site.FeedURL("json")
	jf.Language = f.Site.Language
	jf.Author = nil
	doc := jsonDoc{JSONFeed: jf, Authors: jsonAuthors(f.Site.Author.Name, f.Site.Author.Email, f.Site.Title), Items: []jsonItem{}}
	for i, it := range jf.Items {
		a := f.Items[i]
		author := f.author(a)
		it.Author = nil
		it.Url = f.Site.ArticleURL(a)
		it.Summary = xmlSafe(a.Summary)
		it.Tags = cleanAll(a.Tags)
		if a.Image != "" {
			it.Image = absoluteURL(a.Image, it.Url)
		}
		pub, upd := a.Published.UTC(), a.Updated.UTC()
		it.PublishedDate, it.ModifiedDate = &pub, &upd
		doc.Items = append(doc.Items, jsonItem{JSONItem: it, Authors: jsonAuthors(author.Name, author.Email, "")})
	}
	jf.Items = nil
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// jsonAuthors is a one-author list. JSON Feed authors have a name or a URL;
// an e-mail address becomes a mailto: URL. fallback names a nameless author.
func jsonAuthors(name, email, fallback string) []jsonAuthor {
	a := jsonAuthor{Name: name}
	if email != "" {
		a.URL = "mailto:" + email
	}
	if a.Name == "" {
		a.Name = fallback
	}
	if a == (jsonAuthor{}) {
		return nil
	}
	return []jsonAuthor{a}
}
