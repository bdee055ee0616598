package feedcheck

import (
	"strings"
	"testing"
)

const rssURL = "https://blog.example.com/rss.xml"

// Parts of testdata/good.rss that the tests change.
const (
	rssDecl      = `<?xml version="1.0" encoding="UTF-8"?>`
	rssRoot      = `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">`
	rssTitle     = `<title>Herald Example</title>`
	rssLink      = `<link>https://blog.example.com/</link>`
	rssDesc      = `<description>Notes from the example blog.</description>`
	rssLanguage  = `<language>en</language>`
	rssBuildDate = `<lastBuildDate>Mon, 02 Sep 2024 10:00:00 +0000</lastBuildDate>`
	rssTTL       = `<ttl>60</ttl>`
	rssSelf      = `<atom:link href="https://blog.example.com/rss.xml" rel="self" type="application/rss+xml"/>`
	rssItemTitle = `<title>Second post</title>`
	rssItemLink  = `<link>https://blog.example.com/articles/second</link>`
	rssItemDesc  = `<description>A short summary of the second post.</description>`
	rssContent   = `<content:encoded><![CDATA[<p>The <em>second</em> post, with <a href="https://blog.example.com/articles/first">a link</a>.</p>]]></content:encoded>`
	rssCreator   = `<dc:creator>Jane Doe</dc:creator>`
	rssGUID      = `<guid isPermaLink="true">https://blog.example.com/articles/second</guid>`
	rssPubDate   = `<pubDate>Mon, 02 Sep 2024 10:00:00 +0000</pubDate>`
	rssAuthor    = `<author>jane@example.com (Jane Doe)</author>`
	rssItemEnd   = "</item>"
	rssChanEnd   = "</channel>"
)

func TestRSSGood(t *testing.T) {
	good := readFile(t, "good.rss")
	run(t, RSS, Options{URL: rssURL, Now: testNow}, []checkTest{
		{"fixture", good, nil},
		{"no options", good, nil},
		{"hexadecimal references to markup in plain text", edit(good, rssItemTitle, `<title>Use &#x3C;b&#x3E; tags</title>`), nil},
		{"ISO-8859-1", strings.Replace(edit(good, rssItemTitle, "<title>Caf\xe9</title>"), "UTF-8", "ISO-8859-1", 1), nil},
		{"utf8 and a style sheet", strings.Replace(edit(good, rssDecl, rssDecl+"\n"+`<?xml-stylesheet href="/feed.xsl" type="text/xsl"?>`), "UTF-8", "utf8", 1), nil},
		{"US zone", edit(good, rssPubDate, `<pubDate>Mon, 02 Sep 2024 06:00:00 EDT</pubDate>`), nil},
		{"GMT without seconds or day", edit(good, rssPubDate, `<pubDate>2 Sep 2024 10:00 GMT</pubDate>`), nil},
		{"extension namespace", edit(edit(good, rssRoot, strings.TrimSuffix(rssRoot, ">")+` xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">`),
			rssCreator, rssCreator+`<itunes:duration>12:00</itunes:duration><itunes:image href="https://blog.example.com/a.png"/>`), nil},
		{"hub link", edit(good, rssSelf, rssSelf+`<atom:link rel="hub" href="https://hub.example.com/"/>`), nil},
		{"enclosure", edit(good, rssCreator, rssCreator+`<enclosure url="https://blog.example.com/a.mp3" length="1024" type="audio/mpeg"/>`), nil},
		{"source", edit(good, rssCreator, rssCreator+`<source url="https://other.example.com/rss.xml">Other</source>`), nil},
		{"image", edit(good, rssTTL, rssTTL+`<image><url>https://blog.example.com/logo.png</url><title>Herald Example</title><link>https://blog.example.com/</link><width>88</width></image>`), nil},
		{"managingEditor", edit(good, rssTTL, rssTTL+`<managingEditor>jane@example.com (Jane Doe)</managingEditor>`), nil},
		{"ampersand in a title", edit(good, rssItemTitle, "<title>AT&amp;T news</title>"), nil},
		{"safe style", edit(good, "<p>The first post.</p>", `<p style="color: red; margin: 0 auto">The first post.</p>`), nil},
		{"dc:date and dc:rights", edit(good, rssTTL, rssTTL+"<dc:date>2024-09-02T10:00:00Z</dc:date><dc:rights>CC BY 4.0</dc:rights>"), nil},
		{"mailto author", edit(good, rssAuthor, `<author>mailto:jane@example.com%20(Jane%20Doe)</author>`), nil},
	})
}

func TestRSSXML(t *testing.T) {
	good := readFile(t, "good.rss")
	run(t, RSS, Options{URL: rssURL, Now: testNow}, []checkTest{
		{"mismatched tag", edit(good, rssTitle, `<title>Herald Example</titel>`), []string{"SAXError"}},
		{"raw control character", edit(good, rssItemTitle, "<title>Second\x01 post</title>"), []string{"SAXError"}},
		{"control character in CDATA", edit(good, "<p>The first post.</p>", "<p>The\x0b first post.</p>"), []string{"SAXError"}},
		{"character reference to a control character", edit(good, rssItemTitle, "<title>Second&#1; post</title>"), []string{"SAXError"}},
		{"HTML entity", edit(good, rssItemTitle, "<title>Second&nbsp;post</title>"), []string{"UndefinedNamedEntity"}},
		{"XML 1.1", edit(good, `version="1.0"`, `version="1.1"`), []string{"BadXmlVersion"}},
		{"declaration not at start", "\n" + good, []string{"SAXError"}},
		{"two roots", good + "<rss/>", []string{"SAXError"}},
		{"duplicate attribute", edit(good, rssSelf, `<atom:link href="https://blog.example.com/rss.xml" rel="self" rel="self"/>`), []string{"SAXError"}},
		{"unbound prefix", edit(good, rssCreator, `<itunes:author>Jane</itunes:author>`), []string{"SAXError"}},
		{"empty", "", []string{"SAXError"}},
		{"not UTF-8", edit(good, rssItemTitle, "<title>Caf\xe9</title>"), []string{"UnicodeError", "BadCharacters"}},
		{"unknown encoding", edit(good, "UTF-8", "windows-1252"), []string{"UnknownEncoding"}},
		{"C1 control character", edit(good, rssItemTitle, "<title>Don\u0092t</title>"), []string{"BadCharacters"}},
		{"double-encoded UTF-8", edit(good, rssItemTitle, "<title>Caf\u00c3\u00a9</title>"), []string{"BadCharacters"}},
		{"replacement character", edit(good, rssItemTitle, "<title>Caf\ufffd</title>"), []string{"BadCharacters"}},
		{"reserved prefix", edit(good, `xmlns:dc="http://purl.org/dc/elements/1.1/"`, `xmlns:dc="http://purl.org/dc/terms/"`), []string{"ReservedPrefix"}},
		{"content namespace without slash", edit(good, `xmlns:content="http://purl.org/rss/1.0/modules/content/"`, `xmlns:content="http://purl.org/rss/1.0/modules/content"`), []string{"ReservedPrefix"}},
		{"Atom namespace under another prefix", edit(edit(good, `xmlns:atom=`, `xmlns:a=`), rssSelf, strings.ReplaceAll(rssSelf, "atom:", "a:")), []string{"AvoidNamespacePrefix"}},
		{"unknown namespace", edit(good, rssRoot, strings.TrimSuffix(rssRoot, ">")+` xmlns:foo="http://example.com/ns">`), []string{"UnknownNamespace"}},
		{"media RSS namespace without slash", edit(good, rssRoot, strings.TrimSuffix(rssRoot, ">")+` xmlns:media="http://search.yahoo.com/mrss">`), []string{"MediaRssNamespace"}},
	})
}

func TestRSSStructure(t *testing.T) {
	good := readFile(t, "good.rss")
	atom := readFile(t, "good.atom")
	run(t, RSS, Options{URL: rssURL, Now: testNow}, []checkTest{
		{"Atom document", atom, []string{"UndefinedElement"}},
		{"no version", edit(good, `<rss version="2.0"`, `<rss`), []string{"MissingAttribute"}},
		{"bad version", edit(good, `<rss version="2.0"`, `<rss version="3.0"`), []string{"InvalidRSSVersion"}},
		{"namespaced rss", edit(good, `<rss version="2.0"`, `<rss version="2.0" xmlns="http://example.com/rss"`), []string{"InvalidNamespace", "UnknownNamespace"}},
		{"no channel", rssDecl + `<rss version="2.0"></rss>`, []string{"MissingElement"}},
		{"undefined channel element", edit(good, rssTTL, rssTTL+`<foo>bar</foo>`), []string{"UndefinedElement"}},
		{"undefined item element", edit(good, rssCreator, rssCreator+`<foo>bar</foo>`), []string{"UndefinedElement"}},
		{"undefined atom element", edit(good, rssSelf, rssSelf+`<atom:foo/>`), []string{"UndefinedElement"}},
		{"undefined dc element", edit(good, rssCreator, `<dc:author>Jane Doe</dc:author>`), []string{"UndefinedElement"}},
		{"content:encoded in channel", edit(good, rssTTL, rssTTL+`<content:encoded>x</content:encoded>`), []string{"UndefinedElement"}},
		{"element inside title", edit(good, rssItemTitle, `<title>Second <b>post</b></title>`), []string{"UndefinedElement"}},
		{"element in no namespace inside an extension", edit(good, rssCreator, rssCreator+`<media:group xmlns:media="http://search.yahoo.com/mrss/"><foo/></media:group>`), []string{"NotInANamespace"}},
		{"unexpected attribute", edit(good, rssGUID, `<guid isPermaLink="true" foo="x">https://blog.example.com/articles/second</guid>`), []string{"UnexpectedAttribute"}},
		{"extension attribute", edit(good, rssItemTitle, `<title xmlns:x="http://example.com/x" x:y="1">Second post</title>`), []string{"UseOfExtensionAttr", "UnknownNamespace"}},
		{"extension attribute with RSS Board docs", edit(edit(good, rssItemTitle, `<title xmlns:x="http://example.com/x" x:y="1">Second post</title>`),
			rssTTL, rssTTL+"<docs>http://www.rssboard.org/rss-specification</docs>"), []string{"UnknownNamespace"}},
		{"text in channel", edit(good, rssTTL, rssTTL+`stray text`), []string{"UnexpectedText"}},
		{"two titles", edit(good, rssItemTitle, rssItemTitle+rssItemTitle), []string{"DuplicateElement"}},
		{"two channel links", edit(good, rssLink, rssLink+rssLink), []string{"DuplicateElement"}},
		{"xhtml in channel", edit(good, rssTTL, rssTTL+`<x:div xmlns:x="http://www.w3.org/1999/xhtml">hi</x:div>`), []string{"MisplacedXHTMLContent"}},
		{"xhtml:body in item", edit(good, rssCreator, rssCreator+`<x:body xmlns:x="http://www.w3.org/1999/xhtml"><x:p>hi</x:p></x:body>`), []string{"DuplicateDescriptionSemantics"}},
		{"atom:title in item", edit(good, rssCreator, rssCreator+`<atom:title>Second post</atom:title>`), []string{"DuplicateDescriptionSemantics"}},
		{"item before channel metadata", edit(edit(good, rssTTL, ""), rssChanEnd, rssTTL+rssChanEnd), []string{"MisplacedItem"}},
	})
}

func TestRSSChannel(t *testing.T) {
	good := readFile(t, "good.rss")
	run(t, RSS, Options{URL: rssURL, Now: testNow}, []checkTest{
		{"no title", edit(good, rssTitle, ""), []string{"MissingTitle"}},
		{"no link", edit(good, rssLink, ""), []string{"MissingLink"}},
		{"no description", edit(good, rssDesc, ""), []string{"MissingDescription"}},
		{"empty title", edit(good, rssTitle, "<title></title>"), []string{"NotBlank"}},
		{"empty description", edit(good, rssDesc, "<description></description>"), []string{"NotBlank"}},
		{"empty link", edit(good, rssLink, "<link></link>"), []string{"InvalidFullLink"}},
		{"relative link", edit(good, rssLink, "<link>/index.html</link>"), []string{"InvalidFullLink"}},
		{"https link without host", edit(good, rssLink, "<link>https:/index.html</link>"), []string{"InvalidFullLink"}},
		{"space in link", edit(good, rssLink, "<link>https://blog.example.com/a page</link>"), []string{"InvalidUriChar"}},
		{"IRI link", edit(good, rssLink, "<link>https://blog.example.com/café</link>"), []string{"UriNotIri"}},
		{"unregistered scheme", edit(good, rssLink, "<link>foo:bar</link>"), []string{"SchemeNotIANARegistered"}},
		{"HTML in description", edit(good, rssDesc, "<description>Notes from &lt;b&gt;the&lt;/b&gt; blog.</description>"), []string{"ContainsHTML"}},
		{"bad language", edit(good, rssLanguage, "<language>english</language>"), []string{"InvalidLanguage"}},
		{"underscore language", edit(good, rssLanguage, "<language>en_US</language>"), []string{"InvalidLanguage"}},
		{"zero ttl", edit(good, rssTTL, "<ttl>0</ttl>"), []string{"InvalidPositiveInteger"}},
		{"word ttl", edit(good, rssTTL, "<ttl>hourly</ttl>"), []string{"InvalidPositiveInteger"}},
		{"no self link", edit(good, rssSelf, ""), []string{"MissingAtomSelfLink"}},
		{"self link of another type", edit(good, `type="application/rss+xml"`, `type="text/html"`), []string{"SelfNotAtom"}},
		{"relative self link", edit(good, `href="https://blog.example.com/rss.xml"`, `href="/rss.xml"`), []string{"RelativeSelf", "SelfDoesntMatchLocation"}},
		{"self link elsewhere", edit(good, `href="https://blog.example.com/rss.xml"`, `href="https://other.example.com/rss.xml"`), []string{"SelfDoesntMatchLocation"}},
		{"self link without href", edit(good, rssSelf, `<atom:link rel="self" type="application/rss+xml"/>`), []string{"MissingHref"}},
		{"self link with bad type", edit(good, `type="application/rss+xml"`, `type="rss"`), []string{"InvalidMIMEType"}},
		{"managingEditor and dc:creator", edit(good, rssTTL, rssTTL+`<managingEditor>jane@example.com (Jane Doe)</managingEditor><dc:creator>Jane Doe</dc:creator>`), []string{"DuplicateSemantics"}},
		{"textInput", edit(good, rssTTL, rssTTL+`<textInput><title>Search</title></textInput>`), []string{"AvoidTextInput"}},
		{"cloud without attributes", edit(good, rssTTL, rssTTL+`<cloud domain="rpc.example.com" port="0"/>`), []string{"MissingAttribute", "InvalidIntegerAttribute"}},
		{"image without url", edit(good, rssTTL, rssTTL+`<image><title>Herald Example</title><link>https://blog.example.com/</link></image>`), []string{"MissingElement"}},
		{"image checks", edit(good, rssTTL, rssTTL+`<image><url>https://blog.example.com/logo.svg</url><title>Logo</title><link>https://blog.example.com/about</link><width>200</width></image>`),
			[]string{"ImageUrlFormat", "ImageTitleDoesntMatch", "ImageLinkDoesntMatch", "InvalidWidth"}},
	})
}

func TestRSSDates(t *testing.T) {
	good := readFile(t, "good.rss")
	date := func(s string) string { return edit(good, rssPubDate, "<pubDate>"+s+"</pubDate>") }
	run(t, RSS, Options{URL: rssURL, Now: testNow}, []checkTest{
		{"RFC 3339", date("2024-09-02T10:00:00Z"), []string{"InvalidRFC2822Date"}},
		{"UTC", date("Mon, 02 Sep 2024 10:00:00 UTC"), []string{"InvalidRFC2822Date"}},
		{"no zone", date("Mon, 02 Sep 2024 10:00:00"), []string{"InvalidRFC2822Date"}},
		{"no such day", date("Fri, 31 Feb 2024 10:00:00 +0000"), []string{"InvalidRFC2822Date"}},
		{"two-digit year", date("Mon, 02 Sep 24 10:00:00 +0000"), []string{"ProblematicalRFC822Date"}},
		{"military zone", date("Mon, 02 Sep 2024 10:00:00 A"), []string{"ProblematicalRFC822Date"}},
		{"double space", date("Mon,  02 Sep 2024 10:00:00 +0000"), []string{"ProblematicalRFC822Date"}},
		{"wrong weekday", date("Tue, 02 Sep 2024 10:00:00 +0000"), []string{"IncorrectDOW"}},
		{"before 1990", date("Mon, 02 Sep 1985 10:00:00 +0000"), []string{"ImplausibleDate"}},
		{"in the future", date("Thu, 02 Sep 2027 10:00:00 +0000"), []string{"ImplausibleDate"}},
		{"lastBuildDate", edit(good, rssBuildDate, "<lastBuildDate>yesterday</lastBuildDate>"), []string{"InvalidRFC2822Date"}},
		{"dc:date month 13", edit(good, rssTTL, rssTTL+"<dc:date>2024-13</dc:date>"), []string{"InvalidW3CDTFDate"}},
		{"dc:date", edit(good, rssCreator, rssCreator+"<dc:date>2024-09-02 10:00</dc:date>"), []string{"InvalidW3CDTFDate", "DuplicateItemSemantics"}},
	})
}

func TestRSSItem(t *testing.T) {
	good := readFile(t, "good.rss")
	run(t, RSS, Options{URL: rssURL, Now: testNow}, []checkTest{
		{"no title or description", edit(edit(edit(good, rssItemTitle, ""), rssItemDesc, ""), rssContent, ""), []string{"ItemMustContainTitleOrDescription"}},
		{"empty title", edit(good, rssItemTitle, "<title></title>"), []string{"NotBlank"}},
		{"no guid", edit(good, rssGUID, ""), []string{"MissingGuid"}},
		{"guid not a URL", edit(good, rssGUID, "<guid>second-post</guid>"), []string{"InvalidHttpGUID"}},
		{"tag: permalink", edit(good, rssGUID, `<guid isPermaLink="true">tag:blog.example.com,2024:second</guid>`), []string{"InvalidPermalink"}},
		{"urn:uuid guid without isPermaLink", edit(good, rssGUID, `<guid>urn:uuid:11111111-2222-5333-8444-555555555555</guid>`), []string{"InvalidPermalink"}},
		{"isPermaLink yes", edit(good, rssGUID, `<guid isPermaLink="yes">https://blog.example.com/articles/second</guid>`), []string{"InvalidBooleanAttribute"}},
		{"short numeric guid", edit(good, rssGUID, `<guid isPermaLink="false">42</guid>`), []string{"NotSufficientlyUnique"}},
		{"empty guid", edit(good, rssGUID, `<guid isPermaLink="false"></guid>`), []string{"NotBlank"}},
		{"duplicate guid", edit(good, `tag:blog.example.com,2024:first`, `https://blog.example.com/articles/second`), []string{"DuplicateValue"}},
		{"author without e-mail", edit(good, rssAuthor, "<author>Jane Doe</author>"), []string{"InvalidContact"}},
		{"author without name", edit(good, rssAuthor, "<author>jane@example.com</author>"), []string{"MissingRealName"}},
		{"author name first", edit(good, rssAuthor, "<author>Jane Doe &lt;jane@example.com&gt;</author>"), []string{"EmailFormat"}},
		{"author and dc:creator", edit(good, rssCreator, rssCreator+rssAuthor), []string{"DuplicateItemSemantics"}},
		{"relative link in content", edit(good, `<a href="https://blog.example.com/articles/first">`, `<a href="/articles/first">`), []string{"ContainsRelRef"}},
		{"relative image in content", edit(good, `src="https://blog.example.com/img/a.png"`, `src="img/a.png"`), []string{"ContainsRelRef"}},
		{"fragment link in description", edit(good, rssItemDesc, `<description>&lt;a href="#more"&gt;more&lt;/a&gt;</description>`), []string{"ContainsRelRef"}},
		{"space in relative link", edit(good, `<a href="https://blog.example.com/articles/first">`, `<a href="my page.html">`), []string{"InvalidUriChar"}},
		{"content before description", edit(edit(good, rssItemDesc, ""), rssContent, rssContent+rssItemDesc), []string{"NeedDescriptionBeforeContent"}},
		{"script", edit(good, "<p>The first post.</p>", "<p>The first post.</p><script>alert(1)</script>"), []string{"SecurityRisk"}},
		{"event handler", edit(good, "<p>The first post.</p>", `<p onclick="alert(1)">The first post.</p>`), []string{"SecurityRiskAttr"}},
		{"dangerous style", edit(good, "<p>The first post.</p>", `<p style="background: url(javascript:alert(1))">The first post.</p>`), []string{"DangerousStyleAttr"}},
		{"not HTML", edit(good, "<p>The first post.</p>", "<p>The <blink2>first</blink2> post.</p>"), []string{"NotHtml"}},
		{"unclosed div", edit(good, "<p>The first post.</p>", "<div><p>The first post.</p>"), []string{"NotHtml"}},
		{"stray end tag", edit(good, "<p>The first post.</p>", "<p>The first post.</p></div>"), []string{"NotHtml"}},
		{"misnested tags", edit(good, "<p>The first post.</p>", "<p><b><i>The first post.</b></i></p>"), []string{"NotHtml"}},
		{"markup in title", edit(good, rssItemTitle, "<title>Use &lt;b&gt; tags</title>"), []string{"CharacterData"}},
		{"HTML in title", edit(good, rssItemTitle, "<title>Second &lt;b&gt;post&lt;/b&gt;</title>"), []string{"ContainsHTML"}},
		{"ampersand before letters and digits in a title", edit(good, rssItemTitle, "<title>R&amp;D2 lab</title>"), []string{"ContainsHTML"}},
		{"unsafe style property", edit(good, "<p>The first post.</p>", `<p style="position: absolute">The first post.</p>`), []string{"DangerousStyleAttr"}},
		{"double-escaped title", edit(good, rssItemTitle, "<title>Tom &amp;amp; Jerry</title>"), []string{"ContainsHTML"}},
		{"empty category", edit(good, "<category>notes</category>", "<category></category>"), []string{"NotBlank"}},
		{"source without url", edit(good, rssCreator, rssCreator+`<source>Other</source>`), []string{"MissingAttribute"}},
		{"enclosure without length", edit(good, rssCreator, rssCreator+`<enclosure url="https://blog.example.com/a.mp3" type="audio/mpeg"/>`), []string{"MissingAttribute"}},
		{"enclosure length -1", edit(good, rssCreator, rssCreator+`<enclosure url="https://blog.example.com/a.mp3" length="-1" type="audio/mpeg"/>`), []string{"UseZeroForUnknown"}},
		{"enclosure length word", edit(good, rssCreator, rssCreator+`<enclosure url="https://blog.example.com/a.mp3" length="big" type="audio/mpeg"/>`), []string{"InvalidIntegerAttribute"}},
		{"enclosure bad type", edit(good, rssCreator, rssCreator+`<enclosure url="https://blog.example.com/a.mp3" length="1" type="audio"/>`), []string{"InvalidMIMEAttribute"}},
		{"enclosure relative url", edit(good, rssCreator, rssCreator+`<enclosure url="/a.mp3" length="1" type="audio/mpeg"/>`), []string{"InvalidURLAttribute"}},
		{"two enclosures", edit(good, rssCreator, rssCreator+strings.Repeat(`<enclosure url="https://blog.example.com/a.mp3" length="1" type="audio/mpeg"/>`, 2)), []string{"DuplicateEnclosure"}},
	})
}

// TestRSSLines checks that problems carry the line of their element.
func TestRSSLines(t *testing.T) {
	doc := edit(readFile(t, "good.rss"), rssAuthor, "<author>Jane Doe</author>")
	ps := RSS([]byte(doc), Options{Now: testNow})
	if len(ps) != 1 || ps[0].Line != 27 {
		t.Errorf("RSS(author without e-mail) = %v, want one problem on line 27", summary(ps))
	}
}
