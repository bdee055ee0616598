package source

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// markdown renders GitHub-flavoured Markdown (tables, strikethrough,
// autolinks, task lists) with footnotes. Raw HTML is let through here and
// sanitized afterwards, like every other piece of article HTML.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Footnote),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	goldmark.WithRendererOptions(html.WithUnsafe()),
)

// moreDivider separates a Markdown article's summary from the rest, as in
// Hugo, Jekyll and WordPress.
const moreDivider = "<!--more-->"

// parseMarkdown reads a Markdown file: its front matter, then its body.
// It returns the body's paragraphs as plain text, and the summary the file
// gives (front matter summary or description, or the text before a
// <!--more--> divider), if any; the body is rendered into a.Content only
// when full is set.
func parseMarkdown(a *Article, s string, words int, full bool) (paras []string, summary string, err error) {
	fmText, format, body, err := splitFrontMatter(s)
	if err != nil {
		return nil, "", err
	}
	fm, err := parseFrontMatter(fmText, format, 2)
	if err != nil {
		return nil, "", err
	}
	a.Title, a.Published, a.Updated, a.Tags = fm.Title, fm.Date, fm.Updated, fm.Tags
	a.Author, a.Draft, a.Slug, a.ID, a.Image = fm.Author, fm.Draft, fm.Slug, fm.ID, fm.Image
	summary = markdownText(fm.Summary)
	var lead string
	if paras, lead, err = renderMarkdown(a, body); err != nil {
		return nil, "", err
	}
	if summary == "" && lead != "" {
		summary = summarize([]string{markdownText(lead)}, words)
	}
	return paras, summary, nil
}

// renderMarkdown renders a Markdown body. When the front matter gave no title,
// the first heading becomes the title and leaves the body. It returns the
// body's paragraphs as plain text, and the text before a <!--more--> divider.
func renderMarkdown(a *Article, body string) (paras []string, lead string, err error) {
	src := []byte(defuseEmphasis(body))
	doc := markdown.Parser().Parse(text.NewReader(src))
	if a.Title == "" {
		if h := firstHeading(doc); h != nil {
			// Rendered, then read as text: entities, escapes and inline markup
			// in the heading come out as a reader sees them.
			var hb bytes.Buffer
			if err := markdown.Renderer().Render(&hb, src, h); err != nil {
				return nil, "", err
			}
			a.Title = PlainText(hb.String())
			if h == doc.FirstChild() {
				doc.RemoveChild(doc, h)
			}
		}
	}
	var out bytes.Buffer
	if err := markdown.Renderer().Render(&out, src, doc); err != nil {
		return nil, "", err
	}
	a.Content = sanitize(out.String())
	if i := strings.Index(body, moreDivider); i >= 0 {
		lead = body[:i]
	}
	return htmlParagraphs(a.Content), lead, nil
}

// maxEmphasisMarkers is the most "*" and "_" a paragraph may have for its
// emphasis to be parsed. goldmark's emphasis parsing takes time quadratic in
// their number (yuin/goldmark#555): a 400 KB paragraph of them takes minutes.
// A real paragraph has a handful.
const maxEmphasisMarkers = 500

// defuseEmphasis escapes "*" and "_" in paragraphs that have more than
// maxEmphasisMarkers of them, so they print as themselves and cost nothing.
func defuseEmphasis(body string) string {
	if strings.Count(body, "*")+strings.Count(body, "_") <= maxEmphasisMarkers {
		return body
	}
	blocks := strings.Split(body, "\n\n")
	for i, b := range blocks {
		if strings.Count(b, "*")+strings.Count(b, "_") > maxEmphasisMarkers {
			blocks[i] = emphasisEscaper.Replace(b)
		}
	}
	return strings.Join(blocks, "\n\n")
}

var emphasisEscaper = strings.NewReplacer("*", `\*`, "_", `\_`)

// markdownText renders a Markdown snippet and returns its plain text.
func markdownText(s string) string {
	var out bytes.Buffer
	if err := markdown.Convert([]byte(s), &out); err != nil {
		return ""
	}
	return strings.Join(htmlParagraphs(out.String()), " ")
}

// htmlParagraphs returns the plain text of an HTML fragment's paragraphs.
func htmlParagraphs(fragment string) []string {
	root := &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := xhtml.ParseFragment(strings.NewReader(fragment), root)
	if err != nil {
		return nil
	}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return paragraphs(root)
}

func firstHeading(doc ast.Node) *ast.Heading {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			return h
		}
	}
	return nil
}
