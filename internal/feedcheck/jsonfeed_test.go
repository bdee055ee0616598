package feedcheck

import (
	"strings"
	"testing"
)

const jsonURL = "https://blog.example.com/feed.json"

// Parts of testdata/good.json that the tests change.
const (
	jsonVersion  = `"version": "https://jsonfeed.org/version/1.1",`
	jsonTitle    = `"title": "Herald Example",`
	jsonHome     = `"home_page_url": "https://blog.example.com/",`
	jsonFeedURL  = `"feed_url": "https://blog.example.com/feed.json",`
	jsonLanguage = `"language": "en",`
	jsonAuthors  = "\"authors\": [\n    {\n      \"name\": \"Jane Doe\",\n      \"url\": \"https://blog.example.com/jane\"\n    }\n  ],"
	jsonItemsKey = `"items": [`
	jsonID       = `"id": "https://blog.example.com/articles/second",`
	jsonItemURL  = `"url": "https://blog.example.com/articles/second",`
	jsonHTML     = `"content_html": "<p>The <em>second</em> post, with <a href=\"https://blog.example.com/articles/first\">a link</a>.</p>",`
	jsonSummary  = `"summary": "A short summary of the second post.",`
	jsonDate     = `"date_published": "2024-09-02T10:00:00Z",`
	jsonTags     = `"tags": ["notes"],`
	jsonItemName = `"name": "Jane Doe"` + "\n"
	jsonMIME     = `"mime_type": "audio/mpeg",`
	jsonText     = `"content_text": "The first post.",`
	jsonExt      = `"_herald": {`
)

func TestJSONFeedGood(t *testing.T) {
	good := readFile(t, "good.json")
	run(t, JSONFeed, Options{URL: jsonURL, Now: testNow}, []checkTest{
		{"fixture", good, nil},
		{"author beside authors", edit(good, jsonAuthors, jsonAuthors+`"author": {"name": "Jane Doe"},`), nil},
		{"an escaped backslash before u003c", edit(good, jsonSummary, `"summary": "Type \\u003c to escape.",`), nil},
		{"no items", good[:strings.Index(good, jsonItemsKey)] + `"items": []}`, nil},
		{"hubs", edit(good, jsonLanguage, jsonLanguage+`"hubs": [{"type": "WebSub", "url": "https://hub.example.com/"}],`), nil},
		{"expired", edit(good, jsonLanguage, jsonLanguage+`"expired": false,`), nil},
		{"mailto author url", edit(good, `"url": "https://blog.example.com/jane"`, `"url": "mailto:jane@example.com"`), nil},
	})
}

func TestJSONFeed(t *testing.T) {
	good := readFile(t, "good.json")
	run(t, JSONFeed, Options{URL: jsonURL, Now: testNow}, []checkTest{
		{"truncated", good[:len(good)/2], []string{"InvalidJSON"}},
		{"trailing comma", edit(good, jsonTags, `"tags": ["notes",],`), []string{"InvalidJSON"}},
		{"data after the object", good + "{}", []string{"InvalidJSON"}},
		{"not UTF-8", edit(good, jsonSummary, "\"summary\": \"Caf\xe9\","), []string{"UnicodeError"}},
		{"an array", "[]", []string{"InvalidType"}},
		{"no version", edit(good, jsonVersion, ""), []string{"MissingElement"}},
		{"version 1.0", edit(good, jsonVersion, `"version": "https://jsonfeed.org/version/1",`), []string{"InvalidVersion"}},
		{"version without scheme", edit(good, jsonVersion, `"version": "jsonfeed.org/version/1.1",`), []string{"InvalidVersion"}},
		{"no title", edit(good, jsonTitle, ""), []string{"MissingElement"}},
		{"number title", edit(good, jsonTitle, `"title": 1,`), []string{"InvalidType"}},
		{"empty title", edit(good, jsonTitle, `"title": "",`), []string{"NotBlank"}},
		{"no home_page_url", edit(good, jsonHome, ""), []string{"MissingRecommendedElement"}},
		{"no feed_url", edit(good, jsonFeedURL, ""), []string{"MissingRecommendedElement"}},
		{"feed_url elsewhere", edit(good, jsonFeedURL, `"feed_url": "http://localhost:8080/feed.json",`), []string{"SelfDoesntMatchLocation"}},
		{"relative feed_url", edit(good, jsonFeedURL, `"feed_url": "/feed.json",`), []string{"InvalidFullLink"}},
		{"next_url is feed_url", edit(good, jsonFeedURL, jsonFeedURL+`"next_url": "https://blog.example.com/feed.json",`), []string{"InvalidNextURL"}},
		{"bad language", edit(good, jsonLanguage, `"language": "english",`), []string{"InvalidLanguage"}},
		{"authors an object", edit(good, jsonAuthors, `"authors": {"name": "Jane Doe"},`), []string{"InvalidType"}},
		{"empty author", edit(good, jsonItemName, ""), []string{"InvalidAuthor"}},
		{"author without authors", edit(good, jsonAuthors, `"author": {"name": "Jane Doe"},`), []string{"DeprecatedAuthor"}},
		{"relative avatar", edit(good, jsonItemName, `"name": "Jane Doe", "avatar": "jane.png"`+"\n"), []string{"InvalidFullLink"}},
		{"no items", good[:strings.Index(good, jsonItemsKey)] + `"_x": 1}`, []string{"MissingElement"}},
		{"items an object", good[:strings.Index(good, jsonItemsKey)] + `"items": {}}`, []string{"InvalidType"}},
		{"item a string", good[:strings.Index(good, jsonItemsKey)] + `"items": ["x"]}`, []string{"InvalidType"}},
		{"unknown key", edit(good, jsonLanguage, jsonLanguage+`"banner_": "https://blog.example.com/b.png",`), []string{"UnknownKey"}},
		{"repeated key", edit(good, jsonTitle, jsonTitle+jsonTitle), []string{"DuplicateKey"}},
		{"extension name", edit(good, jsonExt, `"_1herald": {`), []string{"InvalidExtensionName"}},
		{"extension member with a dot", edit(good, `"draft": false`, `"draft.v2": false`), []string{"InvalidExtensionName"}},
		{"escaped HTML", edit(good, jsonHTML, `"content_html": "\u003cp\u003eThe second post.\u003c/p\u003e",`), []string{"EscapedHTML"}},
		{"control character", edit(good, jsonSummary, `"summary": "A short\u0001 summary.",`), []string{"ControlCharacter"}},
	})
}

func TestJSONFeedItem(t *testing.T) {
	good := readFile(t, "good.json")
	run(t, JSONFeed, Options{URL: jsonURL, Now: testNow}, []checkTest{
		{"no id", edit(good, jsonID, ""), []string{"MissingElement"}},
		{"empty id", edit(good, jsonID, `"id": "",`), []string{"BlankId"}},
		{"number id", edit(good, jsonID, `"id": 2,`), []string{"InvalidType"}},
		{"same id twice", edit(good, `"id": "tag:blog.example.com,2024:first",`, jsonID), []string{"DuplicateValue"}},
		{"no url", edit(good, jsonItemURL, ""), []string{"MissingRecommendedElement"}},
		{"relative url", edit(good, jsonItemURL, `"url": "/articles/second",`), []string{"InvalidFullLink"}},
		{"no content", edit(good, jsonText, ""), []string{"MissingContent"}},
		{"empty content", edit(good, jsonText, `"content_text": "",`), []string{"NotBlank"}},
		{"relative link in content_html", edit(good, `href=\"https://blog.example.com/articles/first\"`, `href=\"/articles/first\"`), []string{"ContainsRelRef"}},
		{"script in content_html", edit(good, jsonHTML, `"content_html": "<p>Hi</p><script>alert(1)</script>",`), []string{"SecurityRisk"}},
		{"unclosed tag in content_html", edit(good, jsonHTML, `"content_html": "<div><p>Hi</p>",`), []string{"NotHtml"}},
		{"HTML summary", edit(good, jsonSummary, `"summary": "A <b>short</b> summary.",`), []string{"ContainsHTML"}},
		{"escaped title", edit(good, `"title": "First post",`, `"title": "Tom &amp; Jerry",`), []string{"ContainsHTML"}},
		{"number reference in title", edit(good, `"title": "First post",`, `"title": "It&#39;s here",`), []string{"ContainsHTML"}},
		{"date without time", edit(good, jsonDate, `"date_published": "2024-09-02",`), []string{"InvalidRFC3339Date"}},
		{"RFC 822 date", edit(good, jsonDate, `"date_published": "Mon, 02 Sep 2024 10:00:00 +0000",`), []string{"InvalidRFC3339Date"}},
		{"future date", edit(good, jsonDate, `"date_published": "2030-09-02T10:00:00Z",`), []string{"ImplausibleDate"}},
		{"tags a string", edit(good, jsonTags, `"tags": "notes",`), []string{"InvalidType"}},
		{"number tag", edit(good, jsonTags, `"tags": [1],`), []string{"InvalidType"}},
		{"attachment without mime_type", edit(good, jsonMIME, ""), []string{"MissingElement"}},
		{"attachment bad mime_type", edit(good, jsonMIME, `"mime_type": "mp3",`), []string{"InvalidMIMEType"}},
		{"attachment without url", edit(good, `"url": "https://blog.example.com/media/second.mp3",`, ""), []string{"MissingElement"}},
		{"attachment size a string", edit(good, `"size_in_bytes": 1024`, `"size_in_bytes": "1 KB"`), []string{"InvalidType"}},
	})
}
