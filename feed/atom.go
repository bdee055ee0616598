package feed

import (
	"io"
	"time"

	"github.com/gorilla/feeds"
)

// atomDoc corrects gorilla/feeds' Atom feed: its id is the site's stable id
// (gorilla/feeds uses the site link), it has both an alternate and a self
// link, placed before the entries (metadata after an entry is invalid), and a
// generator.
type atomDoc struct {
	*feeds.AtomFeed
	Links     []feeds.AtomLink `xml:"link"` // hides AtomFeed.Link
	Generator *atomGenerator   `xml:"generator,omitempty"`
	Entries   []atomEntry      `xml:"entry"` // hides AtomFeed.Entries
}

type atomGenerator struct {
	Name string `xml:",chardata"`
}

// atomEntry adds one category per tag, which gorilla/feeds cannot write.
type atomEntry struct {
	*feeds.AtomEntry
	Categories []atomCategory `xml:"category"` // hides AtomEntry.Category
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// WriteAtom writes f as an Atom 1.0 document.
func WriteAtom(w io.Writer, f *Feed) error {
	g := f.generic()
	af := (&feeds.Atom{Feed: g}).AtomFeed()
	af.Id = f.Site.ID
	af.Updated = f.updated().Format(time.RFC3339Nano)
	if af.Author == nil || af.Author.Name == "" {
		// Atom requires a name for the feed's author; the site's title stands in.
		af.Author = &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: xmlSafe(f.Site.Title), Email: f.Site.Author.Email}}
	}
	doc := atomDoc{
		AtomFeed: af,
		Links: []feeds.AtomLink{
			{Href: f.Site.HomeURL(), Rel: "alternate", Type: "text/html"},
			{Href: f.Site.FeedURL("atom"), Rel: "self", Type: "application/atom+xml"},
		},
	}
	if f.Site.Generator != "" {
		doc.Generator = &atomGenerator{Name: f.Site.Generator}
	}
	for i, e := range af.Entries {
		a := f.Items[i]
		e.Published = a.Published.UTC().Format(time.RFC3339Nano)
		e.Updated = a.Updated.UTC().Format(time.RFC3339Nano)
		e.Links = []feeds.AtomLink{{Href: f.Site.ArticleURL(a), Rel: "alternate", Type: "text/html"}}
		if e.Summary != nil {
			e.Summary.Type = "text" // our summaries are plain text; gorilla/feeds says html
		}
		if author := f.author(a); author.Name == "" && author.Email != "" {
			e.Author.Name = author.Email // Atom requires a name
		}
		entry := atomEntry{AtomEntry: e}
		for _, t := range a.Tags {
			entry.Categories = append(entry.Categories, atomCategory{Term: xmlSafe(t)})
		}
		doc.Entries = append(doc.Entries, entry)
	}
	af.Entries = nil
	return writeXML(w, doc)
}
