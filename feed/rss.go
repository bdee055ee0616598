package feed

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"time"

	"github.com/gorilla/feeds"
)

// rssDoc is the <rss> root. gorilla/feeds' own root declares only the
// content namespace; this one adds atom (for the self link readers and the
// validator expect) and dc (for author names without an e-mail address).
type rssDoc struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	ContentNS string     `xml:"xmlns:content,attr"`
	AtomNS    string     `xml:"xmlns:atom,attr"`
	DCNS      string     `xml:"xmlns:dc,attr"`
	Channel   rssChannel `xml:"channel"`
}

type rssChannel struct {
	*feeds.RssFeed
	AtomLink rssAtomLink `xml:"atom:link"`
	Items    []rssItem   `xml:"item"` // hides RssFeed.Items
}

type rssAtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

// rssItem adds what RSS readers expect and gorilla/feeds cannot write: one
// <category> per tag and the author's name in dc:creator (RSS <author> must
// be an e-mail address).
type rssItem struct {
	*feeds.RssItem
	Categories []string `xml:"category"` // hides RssItem.Category
	Creator    string   `xml:"dc:creator,omitempty"`
}

// WriteRSS writes f as an RSS 2.0 document.
func WriteRSS(w io.Writer, f *Feed) error {
	g := f.generic()
	ch := (&feeds.Rss{Feed: g}).RssFeed()
	ch.Language = f.Site.Language
	ch.Generator = f.Site.Generator
	ch.Docs = "https://www.rssboard.org/rss-specification"
	ch.PubDate = f.updated().Format(time.RFC1123Z)
	ch.LastBuildDate = ch.PubDate
	ch.ManagingEditor = rssPerson(f.Site.Author.Name, f.Site.Author.Email)
	if f.Site.TTL > 0 {
		ch.Ttl = int(math.Ceil(f.Site.TTL.Minutes()))
	}
	doc := rssDoc{
		Version:   "2.0",
		ContentNS: "http://purl.org/rss/1.0/modules/content/",
		AtomNS:    "http://www.w3.org/2005/Atom",
		DCNS:      "http://purl.org/dc/elements/1.1/",
		Channel: rssChannel{
			RssFeed:  ch,
			AtomLink: rssAtomLink{Href: f.Site.FeedURL("rss"), Rel: "self", Type: "application/rss+xml"},
		},
	}
	for i, it := range ch.Items {
		a := f.Items[i]
		author := f.author(a)
		// gorilla/feeds writes the name alone, which RSS forbids.
		it.Author = rssPerson(author.Name, author.Email)
		it.PubDate = a.Published.UTC().Format(time.RFC1123Z)
		it.Source = ""
		item := rssItem{RssItem: it, Categories: cleanAll(a.Tags)}
		if it.Author == "" {
			// No e-mail address: the name goes in dc:creator. Never both, which
			// the validator flags as the same thing said twice.
			item.Creator = xmlSafe(author.Name)
		}
		doc.Channel.Items = append(doc.Channel.Items, item)
	}
	ch.Items = nil
	var buf bytes.Buffer
	if err := writeXML(&buf, doc); err != nil {
		return err
	}
	_, err := w.Write(hexEscapeLT(buf.Bytes()))
	return err
}

// hexEscapeLT rewrites "&lt;" as "&#x3C;" outside CDATA sections. RSS does
// not say whether a title is text or HTML, so readers guess; the hexadecimal
// reference is the spelling the RSS validator recommends for a literal "<" in
// plain text (its CharacterData warning).
func hexEscapeLT(doc []byte) []byte {
	if !bytes.Contains(doc, []byte("&lt;")) {
		return doc
	}
	var out bytes.Buffer
	out.Grow(len(doc) + 64)
	for len(doc) > 0 {
		i := bytes.Index(doc, []byte("<![CDATA["))
		if i < 0 {
			i = len(doc)
		}
		out.Write(bytes.ReplaceAll(doc[:i], []byte("&lt;"), []byte("&#x3C;")))
		doc = doc[i:]
		if len(doc) == 0 {
			break
		}
		end := bytes.Index(doc, []byte("]]>"))
		if end < 0 {
			end = len(doc) - 3
		}
		out.Write(doc[:end+3])
		doc = doc[end+3:]
	}
	return out.Bytes()
}

// rssPerson is an RSS person: "jane@example.com (Jane Doe)", or empty when
// there is no e-mail address (the name then goes in dc:creator).
func rssPerson(name, email string) string {
	switch {
	case email == "":
		return ""
	case name == "":
		return email
	}
	return email + " (" + xmlSafe(name) + ")"
}

func cleanAll(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = xmlSafe(s)
	}
	return out
}

// writeXML writes the XML declaration and v, indented, ending in a newline.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
