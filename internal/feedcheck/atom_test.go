package feedcheck

import (
	"fmt"
	"strings"
	"testing"
)

const atomURL = "https://blog.example.com/atom.xml"

// Parts of testdata/good.atom that the tests change.
const (
	atomRoot      = `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">`
	atomTitle     = `<title>Herald Example</title>`
	atomID        = `<id>tag:blog.example.com,2024:feed</id>`
	atomUpdated   = `<updated>2024-09-02T10:00:00Z</updated>`
	atomAlternate = `<link rel="alternate" type="text/html" href="https://blog.example.com/"/>`
	atomSelf      = `<link rel="self" type="application/atom+xml" href="https://blog.example.com/atom.xml"/>`
	atomAuthor    = "<author>\n    <name>Jane Doe</name>\n    <email>jane@example.com</email>\n  </author>"
	atomName      = `<name>Jane Doe</name>`
	atomEmail     = `<email>jane@example.com</email>`
	atomGenerator = `<generator uri="https://github.com/heraldfeeds/herald" version="1.0.0">Herald</generator>`
	atomEntry     = "<entry>"
	entryTitle    = `<title>Second post</title>`
	entryID       = `<id>https://blog.example.com/articles/second</id>`
	entryLink     = `<link rel="alternate" type="text/html" href="https://blog.example.com/articles/second"/>`
	entryUpdated  = `<updated>2024-09-02T10:00:00Z</updated>`
	entrySummary  = `<summary>A short summary of the second post.</summary>`
	entryContent  = `<content type="html">&lt;p&gt;The &lt;em&gt;second&lt;/em&gt; post, with &lt;a href="/articles/first"&gt;a link&lt;/a&gt;.&lt;/p&gt;</content>`
	entryCategory = `<category term="notes"/>`
	entry2Link    = `<link href="https://blog.example.com/articles/first"/>`
	entry2Author  = "<author>\n      <name>John Roe</name>\n      <uri>https://blog.example.com/john</uri>\n    </author>"
	entry2Summary = `<summary type="html">A short summary of the &lt;em&gt;first&lt;/em&gt; post.</summary>`
	entry2Content = `<content type="html"><![CDATA[<p>The first post.</p><img src="https://blog.example.com/img/a.png" alt="A">]]></content>`
)

func TestAtomGood(t *testing.T) {
	good := readFile(t, "good.atom")
	run(t, Atom, Options{URL: atomURL, Now: testNow}, []checkTest{
		{"fixture", good, nil},
		{"xhtml content", edit(good, entryContent, `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The <em>second</em> post.</p></div></content>`), nil},
		{"text content", edit(good, entryContent, `<content>The second post &amp; more.</content>`), nil},
		{"no content, with alternate link", edit(good, entryContent, ""), nil},
		{"entry author only", edit(edit(good, atomAuthor, ""), entryTitle, entryTitle+"<author><name>Jane Doe</name></author>"), nil},
		{"feed without entries", edit(good, good[strings.Index(good, atomEntry):strings.LastIndex(good, "</feed>")], ""), nil},
		{"extension element", edit(good, atomGenerator, atomGenerator+`<fh:complete xmlns:fh="http://purl.org/syndication/history/1.0"/>`), nil},
		{"hub and enclosure links", edit(edit(good, atomSelf, atomSelf+`<link rel="hub" href="https://hub.example.com/"/>`),
			entryLink, entryLink+`<link rel="enclosure" type="audio/mpeg" length="1024" href="https://blog.example.com/a.mp3"/>`), nil},
		{"alternate links of two types", edit(good, entryLink, entryLink+`<link rel="alternate" type="application/json" href="https://blog.example.com/a.json"/>`), nil},
		{"canonical http id", edit(good, atomID, `<id>https://blog.example.com/</id>`), nil},
	})
}

func TestAtomFeed(t *testing.T) {
	good := readFile(t, "good.atom")
	rss := readFile(t, "good.rss")
	run(t, Atom, Options{URL: atomURL, Now: testNow}, []checkTest{
		{"RSS document", rss, []string{"UndefinedElement"}},
		{"no namespace", edit(good, atomRoot, `<feed>`), []string{"MissingNamespace"}},
		{"other namespace", edit(good, atomRoot, `<feed xmlns="http://example.com/atom">`), []string{"InvalidNamespace", "UnknownNamespace"}},
		{"Atom 0.3 namespace", edit(good, atomRoot, `<feed xmlns="http://purl.org/atom/ns#">`), []string{"ObsoleteNamespace", "UnknownNamespace"}},
		{"atom prefix", `<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>t</atom:title><atom:id>tag:example.com,2024:f</atom:id>` +
			`<atom:updated>2024-09-02T10:00:00Z</atom:updated><atom:link rel="self" href="https://blog.example.com/atom.xml"/></atom:feed>`, []string{"AvoidNamespacePrefix"}},
		{"xhtml prefix", edit(good, entryContent, `<content type="xhtml"><x:div xmlns:x="http://www.w3.org/1999/xhtml">The second post.</x:div></content>`), []string{"AvoidNamespacePrefix"}},
		{"no title", edit(good, atomTitle, ""), []string{"MissingElement"}},
		{"no id", edit(good, atomID, ""), []string{"MissingElement"}},
		{"no updated", edit(good, atomUpdated, ""), []string{"MissingElement"}},
		{"no self link", edit(good, atomSelf, ""), []string{"MissingSelf"}},
		{"self link elsewhere", edit(good, `href="https://blog.example.com/atom.xml"`, `href="http://localhost:8080/atom.xml"`), []string{"SelfDoesntMatchLocation"}},
		{"relative self link", edit(good, `href="https://blog.example.com/atom.xml"`, `href="atom.xml"`), []string{"RelativeSelf", "SelfDoesntMatchLocation"}},
		{"relative self link with xml:base", edit(edit(good, `href="https://blog.example.com/atom.xml"`, `href="atom.xml"`), atomRoot,
			`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://blog.example.com/">`), []string{"SelfDoesntMatchLocation"}},
		{"self link to HTML", edit(good, `type="application/atom+xml"`, `type="text/html"`), []string{"SelfNotAtom"}},
		{"two alternates", edit(good, atomAlternate, atomAlternate+atomAlternate), []string{"DuplicateAtomLink"}},
		{"metadata after entries", edit(edit(good, atomGenerator, ""), "</feed>", atomGenerator+"</feed>"), []string{"MisplacedMetadata"}},
		{"two titles", edit(good, atomTitle, atomTitle+atomTitle), []string{"DuplicateElement"}},
		{"empty title", edit(good, atomTitle, "<title></title>"), []string{"NotBlank"}},
		{"title of a media type", edit(good, atomTitle, `<title type="text/plain">Herald Example</title>`), []string{"InvalidTextType"}},
		{"undefined feed element", edit(good, atomGenerator, atomGenerator+"<foo>bar</foo>"), []string{"UndefinedElement"}},
		{"element in no namespace", edit(good, atomGenerator, atomGenerator+`<foo xmlns="">bar</foo>`), []string{"UndeterminableVocabulary"}},
		{"unexpected attribute", edit(good, atomTitle, `<title foo="bar">Herald Example</title>`), []string{"UnexpectedAttribute"}},
		{"text in feed", edit(good, atomTitle, atomTitle+"stray"), []string{"UnexpectedText"}},
		{"bad xml:lang", edit(good, `xml:lang="en"`, `xml:lang="english"`), []string{"InvalidLanguage"}},
		{"generator uri", edit(good, atomGenerator, `<generator uri="herald project">Herald</generator>`), []string{"InvalidUriChar"}},
		{"author without name", edit(good, atomName, ""), []string{"MissingElement"}},
		{"bad author email", edit(good, atomEmail, "<email>jane</email>"), []string{"InvalidAddrSpec"}},
		{"e-mail in author name", edit(good, atomName, "<name>Jane &lt;jane@example.com&gt;</name>"), []string{"ContainsEmail"}},
		{"undefined author element", edit(good, atomEmail, atomEmail+"<homepage>x</homepage>"), []string{"UndefinedElement"}},
		{"space around author uri", edit(good, "<uri>https://blog.example.com/john</uri>", "<uri> https://blog.example.com/john</uri>"), []string{"UnexpectedWhitespace"}},
	})
}

func TestAtomIDsAndDates(t *testing.T) {
	good := readFile(t, "good.atom")
	id := func(s string) string { return edit(good, entryID, "<id>"+s+"</id>") }
	run(t, Atom, Options{URL: atomURL, Now: testNow}, []checkTest{
		{"host and port in a tag URI", id("tag:localhost:8080,2024-09-02:/articles/second"), []string{"InvalidTAG"}},
		{"short uuid", id("urn:uuid:1234"), []string{"InvalidUUID"}},
		{"bad URN", id("urn:x"), []string{"InvalidURN"}},
		{"relative id", id("/articles/second"), []string{"InvalidFullLink"}},
		{"upper-case scheme", id("HTTPS://blog.example.com/articles/second"), []string{"NonCanonicalURI"}},
		{"upper-case host", id("https://Blog.Example.com/articles/second"), []string{"NonCanonicalURI"}},
		{"no path", id("https://blog.example.com"), []string{"NonCanonicalURI"}},
		{"default port", id("https://blog.example.com:443/articles/second"), []string{"NonCanonicalURI"}},
		{"dot segment", id("https://blog.example.com/articles/../second"), []string{"NonCanonicalURI"}},
		{"escaped letter", id("https://blog.example.com/%7Esecond"), []string{"NonCanonicalURI"}},
		{"non-ASCII", id("https://blog.example.com/café"), []string{"NonCanonicalURI"}},
		{"space around id", id(" https://blog.example.com/articles/second"), []string{"UnexpectedWhitespace"}},
		{"same id twice", id("tag:blog.example.com,2024:first"), []string{"DuplicateEntries"}},
		{"empty id", id(""), []string{"InvalidFullLink", "NotBlank"}},
		{"same updated twice", edit(good, `<updated>2024-09-01T09:30:00+02:00</updated>`, entryUpdated), []string{"DuplicateUpdated"}},
		{"date with a space", edit(good, entryUpdated, "<updated>2024-09-02 10:00:00Z</updated>"), []string{"InvalidRFC3339Date"}},
		{"date without seconds", edit(good, entryUpdated, "<updated>2024-09-02T10:00Z</updated>"), []string{"InvalidRFC3339Date"}},
		{"date without zone", edit(good, atomUpdated, "<updated>2024-09-02T10:00:00</updated>"), []string{"InvalidRFC3339Date"}},
		{"RFC 822 date", edit(good, atomUpdated, "<updated>Mon, 02 Sep 2024 10:00:00 +0000</updated>"), []string{"InvalidRFC3339Date"}},
		{"no such day", edit(good, `<published>2024-09-02T10:00:00Z</published>`, "<published>2024-02-30T10:00:00Z</published>"), []string{"InvalidRFC3339Date"}},
		{"future date", edit(good, atomUpdated, "<updated>2030-01-01T00:00:00Z</updated>"), []string{"ImplausibleDate"}},
		{"old date", edit(good, atomUpdated, "<updated>1989-12-31T00:00:00Z</updated>"), []string{"ImplausibleDate"}},
	})
}

// TestAtomDuplicateIds checks that ten or more entries with one id are one
// error, not a warning per entry.
func TestAtomDuplicateIds(t *testing.T) {
	good := readFile(t, "good.atom")
	var entries strings.Builder
	for i := range 10 {
		fmt.Fprintf(&entries, "<entry><title>t</title><id>tag:example.com,2024:same</id><updated>2024-09-%02dT10:00:00Z</updated>"+
			"<link href=\"https://blog.example.com/%d\"/><summary>s</summary></entry>\n", i+1, i)
	}
	doc := good[:strings.Index(good, atomEntry)] + entries.String() + "</feed>"
	run(t, Atom, Options{URL: atomURL, Now: testNow}, []checkTest{{"ten entries", doc, []string{"DuplicateIds"}}})
}

func TestAtomEntry(t *testing.T) {
	good := readFile(t, "good.atom")
	run(t, Atom, Options{URL: atomURL, Now: testNow}, []checkTest{
		{"no title", edit(good, entryTitle, ""), []string{"MissingElement"}},
		{"no id", edit(good, entryID, ""), []string{"MissingElement"}},
		{"no updated", edit(good, entryUpdated, ""), []string{"MissingElement"}},
		{"no author anywhere", edit(good, atomAuthor, ""), []string{"MissingElement"}},
		{"no content, no alternate link", edit(edit(good, entryContent, ""), entryLink, ""), []string{"MissingContentOrAlternate"}},
		{"no content, no summary", edit(edit(good, entryContent, ""), entrySummary, ""), []string{"MissingTextualContent"}},
		{"remote content, no summary", edit(edit(good, entrySummary, ""), entryContent, `<content type="text/html" src="https://blog.example.com/articles/second"/>`), []string{"MissingSummary"}},
		{"remote content without type", edit(good, entryContent, `<content src="https://blog.example.com/articles/second"/>`), []string{"MissingTypeAttr"}},
		{"binary content, no summary", edit(edit(good, entrySummary, ""), entryContent, `<content type="image/png">iVBORw0KGgo=</content>`), []string{"MissingSummary"}},
		{"content not base64", edit(good, entryContent, `<content type="image/png">not base64!</content>`), []string{"NotBase64"}},
		{"HTML document type for a fragment", edit(good, entryContent, `<content type="text/html">&lt;p&gt;hi&lt;/p&gt;</content>`), []string{"HtmlFragment"}},
		{"bad content type", edit(good, entryContent, `<content type="html stuff">x</content>`), []string{"InvalidMIMEType"}},
		{"unescaped HTML", edit(good, entryContent, `<content type="html"><p>The second post.</p></content>`), []string{"UndefinedElement"}},
		{"xhtml without div", edit(good, entryContent, `<content type="xhtml">The second post.</content>`), []string{"MissingXhtmlDiv"}},
		{"xhtml with escaped markup", edit(good, entryContent, `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">&lt;p&gt;x&lt;/p&gt;</div></content>`), []string{"NotInline"}},
		{"xhtml element in no namespace", edit(good, entryContent, `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p xmlns="">x</p></div></content>`), []string{"MissingNamespace"}},
		{"xhtml event handler and unsafe style", edit(good, entryContent, `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p onclick="x()">a</p><p style="position: fixed">b</p></div></content>`), []string{"SecurityRiskAttr", "DangerousStyleAttr"}},
		{"xhtml element that is not HTML", edit(good, entryContent, `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><para>a</para></div></content>`), []string{"NotHtml"}},
		{"category scheme", edit(good, entryCategory, `<category term="notes" scheme="/tags"/>`), []string{"InvalidFullLink"}},
		{"xhtml script", edit(good, entryContent, `<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><script>x</script></div></content>`), []string{"SecurityRisk"}},
		{"HTML in a text summary", edit(good, entrySummary, `<summary>A &lt;b&gt;short&lt;/b&gt; summary.</summary>`), []string{"ContainsUndeclaredHTML"}},
		{"script in HTML content", edit(good, entryContent, `<content type="html">&lt;script&gt;alert(1)&lt;/script&gt;</content>`), []string{"SecurityRisk"}},
		{"unclosed tag in HTML summary", edit(good, entry2Summary, `<summary type="html">A short &lt;em&gt;summary</summary>`), []string{"NotHtml"}},
		{"empty summary", edit(good, entrySummary, "<summary></summary>"), []string{"NotBlank"}},
		{"two contents", edit(good, entryContent, entryContent+entryContent), []string{"DuplicateElement"}},
		{"replacement character", edit(good, entryTitle, "<title>Second \ufffd post</title>"), []string{"BadCharacters"}},
		{"undefined entry element", edit(good, entryCategory, entryCategory+"<foo>x</foo>"), []string{"UndefinedElement"}},
		{"element in no namespace", edit(good, entryCategory, entryCategory+`<foo xmlns="">x</foo>`), []string{"UndeterminableVocabulary"}},
		{"xhtml in entry", edit(good, entryCategory, entryCategory+`<div xmlns="http://www.w3.org/1999/xhtml">x</div>`), []string{"MisplacedXHTMLContent"}},
		{"text in entry", edit(good, entryCategory, entryCategory+"stray"), []string{"UnexpectedText"}},
		{"category without term", edit(good, entryCategory, `<category label="Notes"/>`), []string{"MissingAttribute"}},
		{"link without href", edit(good, entry2Link, `<link rel="alternate"/>`), []string{"MissingHref"}},
		{"link with empty href", edit(good, entry2Link, `<link href=""/>`), []string{"AttrNotBlank"}},
		{"link with text", edit(good, entry2Link, `<link href="https://blog.example.com/articles/first">first</link>`), []string{"AtomLinkNotEmpty"}},
		{"unregistered rel", edit(good, entry2Link, `<link rel="permalink" href="https://blog.example.com/articles/first"/>`), []string{"UnregisteredAtomLinkRel"}},
		{"feed paging rel in entry", edit(good, entry2Link, entry2Link+`<link rel="next" href="https://blog.example.com/page/2"/>`), []string{"FeedHistoryRelInEntry"}},
		{"bad link type", edit(good, entryLink, `<link rel="alternate" type="html" href="https://blog.example.com/articles/second"/>`), []string{"InvalidMIMEType"}},
		{"bad hreflang", edit(good, entryLink, `<link rel="alternate" hreflang="english" href="https://blog.example.com/articles/second"/>`), []string{"InvalidLanguage"}},
		{"bad link length", edit(good, entryLink, `<link rel="alternate" length="-1" href="https://blog.example.com/articles/second"/>`), []string{"InvalidNonNegativeInteger"}},
		{"two alternates of one type", edit(good, entryLink, entryLink+entryLink), []string{"DuplicateAtomLink"}},
	})
}
