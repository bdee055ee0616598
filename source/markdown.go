package source

import (
	"bytes"
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	ghtml "github.com/yuin/goldmark/renderer/html"
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
	goldmark.WithRendererOptions(ghtml.WithUnsafe()),
)

// moreDivider separates a Markdown article's summary from the rest, as in
// Hugo, Jekyll and WordPress.
const moreDivider = "<!--more-->"

// parseMarkdown reads a Markdown file: its front matter, then its body.
// When full is set, it renders the body into a.Content and returns the
// summary: the one the file gives (front matter summary or description, or
// the text before a <!--more--> divider), else one made from the body's
// lead. Otherwise it reads only what the front matter gives, and the title
// from the body when the front matter has none.
//
// The title and the paragraphs come from [scanMarkdown], which reads the
// Markdown source without rendering it, in both modes: rendering the body
// with goldmark, sanitizing it and parsing the HTML again costs twenty times
// as much, and Scan does it for every file of the folder.
func parseMarkdown(a *Article, s string, words int, full bool) (paras []string, summary string, err error) {
	fmText, format, body, err := splitFrontMatter(s)
	if err != nil {
		return nil, "", err
	}
	fm, err := parseFrontMatter(fmText, format, 2)
	if err != nil {
		return nil, "", err
	}
	a.setFrontMatter(fm)
	if full {
		summary = markdownText(fm.Summary)
		if summary == "" {
			if i := strings.Index(body, moreDivider); i >= 0 {
				summary = summarize([]string{markdownText(body[:i])}, words)
			}
		}
	}
	headingTitle := fm.Title == ""
	var doc *mdDoc
	if a.Title == "" || full && summary == "" {
		doc = scanMarkdown(body)
	}
	if full {
		// Rendered first, so that a body the scanner leaves to goldmark
		// is not rendered twice.
		r, err := renderBody(body, headingTitle)
		if err != nil {
			return nil, "", err
		}
		a.Content = r.html
		if doc != nil {
			doc.body = &r
		}
	}
	if doc != nil {
		if a.Title == "" {
			a.Title = doc.titleText()
		}
		if full && summary == "" {
			summary = doc.summary(headingTitle, words)
		}
	}
	return paras, summary, nil
}

// setFrontMatter sets the fields of a that front matter gives.
func (a *Article) setFrontMatter(fm frontMatter) {
	a.Title, a.Published, a.Updated, a.Tags = fm.Title, fm.Date, fm.Updated, fm.Tags
	a.Author, a.Draft, a.Slug, a.ID, a.Image = fm.Author, fm.Draft, fm.Slug, fm.ID, fm.Image
}

// scanFrontMatter is what Scan does with a Markdown file whose front matter
// names its title, and all it needs: read the front matter, without the
// copy of the whole file that decodeText makes. It reports false, having
// changed nothing, for any other file, and for a file decodeText would
// change, which parseMarkdown then reads.
func scanFrontMatter(a *Article, src []byte) (bool, error) {
	n := frontMatterEnd(src)
	if n == 0 || !isPlainText(src) {
		return false, nil
	}
	// The same front matter text as parseMarkdown finds in the whole file:
	// src[:n] ends with the first line that closes it.
	fmText, format, _, err := splitFrontMatter(string(src[:n]))
	if err != nil {
		return true, err
	}
	fm, err := parseFrontMatter(fmText, format, 2)
	if err != nil {
		return true, err
	}
	if fm.Title == "" {
		return false, nil // the title is in the body
	}
	a.setFrontMatter(fm)
	return true, nil
}

// frontMatterEnd is the length of the front matter that starts src, up to
// and including the "\n" of the line that closes it, as splitFrontMatter
// reads it; or 0 if src opens none, or closes it only on its last line.
func frontMatterEnd(src []byte) int {
	var delim string
	switch {
	case bytes.HasPrefix(src, []byte("---\n")):
		delim = "---"
	case bytes.HasPrefix(src, []byte("+++\n")):
		delim = "+++"
	default:
		return 0
	}
	for off := len("---\n"); ; {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			return 0
		}
		l := src[off : off+end]
		for len(l) > 0 && (l[len(l)-1] == ' ' || l[len(l)-1] == '\t') {
			l = l[:len(l)-1]
		}
		if string(l) == delim || delim == "---" && string(l) == "..." { // no copy: only compared
			return off + end + 1
		}
		off += end + 1
	}
}

// renderedBody is a Markdown body rendered by goldmark.
type renderedBody struct {
	html         string // sanitized
	title        string // the first top-level heading, as plain text, if headingTitle
	headingTitle bool
}

// renderBody renders a Markdown body. When headingTitle is set, the front
// matter gave no title: the first top-level heading is the title, and
// leaves the body if it opens it.
func renderBody(body string, headingTitle bool) (renderedBody, error) {
	r := renderedBody{headingTitle: headingTitle}
	src := []byte(defuseEmphasis(defuseLinks(defuseNesting(body))))
	doc := markdown.Parser().Parse(text.NewReader(src))
	var out bytes.Buffer
	if headingTitle {
		if h := firstHeading(doc); h != nil {
			// Rendered, then read as text: entities, escapes and inline
			// markup in the heading come out as a reader sees them.
			if err := markdown.Renderer().Render(&out, src, h); err != nil {
				return r, err
			}
			r.title = PlainText(out.String())
			out.Reset()
			if h == doc.FirstChild() {
				doc.RemoveChild(doc, h)
			}
		}
	}
	if err := markdown.Renderer().Render(&out, src, doc); err != nil {
		return r, err
	}
	r.html = sanitize(out.String())
	return r, nil
}

// firstHeading returns the first heading at the top level of doc, or nil.
func firstHeading(doc ast.Node) ast.Node {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() == ast.KindHeading {
			return n
		}
	}
	return nil
}

// maxNesting is the deepest goldmark is given to nest block quotes and
// lists, by markers on one line, and maxIndent the most columns of
// indentation it is given before a line's text. goldmark takes time
// quadratic in the depth: 100,000 "- " on one line take it 24 s, and 2,000
// list items each indented deeper than the last 18 s. No article nests
// more than a few levels.
const (
	maxNesting = 32
	maxIndent  = 4 * maxNesting
)

// defuseNesting returns body with each line's nesting cut to maxNesting
// and maxIndent: a backslash makes the marker past the limit text, and
// indentation past it is dropped. Every line is cut, code too: a fence the
// cut spared, goldmark may close (at the end of a list item), leaving what
// follows to nest without limit.
func defuseNesting(body string) string {
	return mapLines(body, defuseLine)
}

// mapLines returns body with each line replaced by what f makes of it,
// when f reports a change; body itself when it reports none.
func mapLines(body string, f func(line string) (string, bool)) string {
	var b strings.Builder
	done := 0 // body[:done] is written to b, once one line changed
	for start := 0; start < len(body); {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		if l, changed := f(body[start:end]); changed {
			b.WriteString(body[done:start])
			b.WriteString(l)
			done = end
		}
		start = end + 1
	}
	if done == 0 {
		return body
	}
	b.WriteString(body[done:])
	return b.String()
}

// maxLinkWork bounds, for one line, the number of "](" that open a link
// destination or title never closed on it, times the line's length: goldmark
// reads each such one to the end of the line, so "[a](" repeated over
// 256 KB takes it 28 s. A line of text has a few links, each closed.
const maxLinkWork = 1 << 20

// defuseLinks returns body with "](" escaped on the lines where goldmark
// would spend more than maxLinkWork on them: they print as text.
func defuseLinks(body string) string {
	if !strings.Contains(body, "](") {
		return body
	}
	return mapLines(body, func(line string) (string, bool) {
		if unclosedLinks(line)*len(line) <= maxLinkWork {
			return line, false
		}
		return strings.ReplaceAll(line, "](", `]\(`), true
	})
}

// unclosedLinks counts the "](" in line with no ")" before the next "](".
func unclosedLinks(line string) int {
	n := 0
	for i := strings.Index(line, "]("); i >= 0; {
		rest := line[i+2:]
		next := strings.Index(rest, "](")
		seg := rest
		if next >= 0 {
			seg = rest[:next]
		}
		if strings.IndexByte(seg, ')') < 0 {
			n++
		}
		if next < 0 {
			break
		}
		i += 2 + next
	}
	return n
}

// defuseLine cuts the nesting that opens line to maxNesting markers and
// maxIndent columns, and reports whether it did.
func defuseLine(line string) (string, bool) {
	markers, cols := 0, 0
	i := 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			cols++
			if c == '\t' {
				cols += 3
			}
			if cols > maxIndent {
				// Drop the rest of this run of spaces and tabs.
				j := i
				for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
					j++
				}
				return line[:i] + line[j:], true
			}
			i++
			continue
		case c == '>':
		case c == '-' || c == '+' || c == '*':
			if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' || isThematicBreak(line[i:]) {
				return line, false // text, or a rule that ends the nesting
			}
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 10 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j-i > 9 || j >= len(line) || line[j] != '.' && line[j] != ')' || j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t' {
				return line, false
			}
			if markers == maxNesting {
				return line[:j] + "\\" + line[j:], true // 1\. is text
			}
			markers++
			i = j + 1
			continue
		default:
			return line, false
		}
		if markers == maxNesting {
			return line[:i] + "\\" + line[i:], true
		}
		markers++
		i++
	}
	return line, false
}

// maxEmphasisMarkers bounds the emphasis goldmark is given to parse in a
// paragraph. For each delimiter run ("*", "_", "~") that can close, it looks
// back over every run before it (yuin/goldmark#555: a 400 KB paragraph of
// them takes minutes), so a paragraph whose runs that can close, times all
// its runs, pass maxEmphasisMarkers squared has them printed as
// themselves. A real paragraph has a handful; code has many that cannot
// close (snake_case, a * b), and keeps them.
const maxEmphasisMarkers = 500

// defuseEmphasis escapes "*", "_" and "~" in the blocks (text between blank
// lines) where [emphasisHeavy] says so, so they cost goldmark nothing.
func defuseEmphasis(body string) string {
	if strings.Count(body, "*")+strings.Count(body, "_")+strings.Count(body, "~") <= maxEmphasisMarkers {
		return body
	}
	blocks := strings.Split(body, "\n\n")
	for i, b := range blocks {
		if emphasisHeavy(b) {
			blocks[i] = emphasisEscaper.Replace(b)
		}
	}
	return strings.Join(blocks, "\n\n")
}

// emphasisHeavy reports whether the delimiter runs of s that can close,
// times all its delimiter runs, pass maxEmphasisMarkers squared; runs are
// told apart as goldmark's ScanDelimiter does.
func emphasisHeavy(s string) bool {
	if strings.Count(s, "*")+strings.Count(s, "_")+strings.Count(s, "~") <= maxEmphasisMarkers {
		return false
	}
	runs, closers := 0, 0
	for i := 0; i < len(s); {
		c := s[i]
		if c != '*' && c != '_' && c != '~' {
			i++
			continue
		}
		n := 1
		for i+n < len(s) && s[i+n] == c {
			n++
		}
		if _, close := delimiterRun(s, i, n); close {
			closers++
		}
		runs++
		i += n
	}
	return closers*runs > maxEmphasisMarkers*maxEmphasisMarkers
}

// delimiterRun reports whether the run of "*", "_" or "~" at s[i:i+n] can
// open and can close emphasis, as goldmark's ScanDelimiter decides.
func delimiterRun(s string, i, n int) (open, close bool) {
	before, after := ' ', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	if i+n < len(s) {
		after, _ = utf8.DecodeRuneInString(s[i+n:])
	}
	bp, bs := isPunctRune(before), isSpaceRune(before)
	ap, as := isPunctRune(after), isSpaceRune(after)
	left := !as && (!ap || bs || bp)
	right := !bs && (!bp || as || ap)
	if s[i] == '_' {
		return left && (!right || bp), right && (!left || ap)
	}
	return left, right
}

var emphasisEscaper = strings.NewReplacer("*", `\*`, "_", `\_`, "~", `\~`)

// markdownText returns the plain text of a Markdown snippet (a front matter
// summary, or the lead before a <!--more--> divider): its paragraphs, joined.
func markdownText(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	paras, _ := scanMarkdown(s).paragraphs(false, -1)
	return strings.Join(paras, " ")
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

// mdDoc is what a Markdown body gives a feed without being rendered: the
// text of its first heading and of its paragraphs.
//
// scanMarkdown reads the block structure the way CommonMark and GitHub do
// (headings, fenced and indented code, block quotes, lists, HTML blocks,
// tables, link reference and footnote definitions), and [mdDoc.inline]
// reads the inline markup of the few blocks kept, so that they give the
// text the rendered HTML would: a paragraph is what goldmark renders as a
// <p> outside block quotes, tables and footnotes, as [paragraphs] reads it
// from HTML.
type mdDoc struct {
	src      string          // the body
	refs     map[string]bool // link reference definitions, by normalized label
	notes    map[string]bool // footnote definitions, by label
	blocks   []mdPara        // the paragraphs, in order
	heading  string          // the first top-level heading, as Markdown
	titled   bool            // a top-level heading was seen
	htmlPara bool            // raw HTML may start or end paragraphs: an HTML block holds a <p>, or a paragraph a block tag
	doubt    bool            // the blocks may not be what goldmark reads

	text     []string      // the paragraphs read so far, as plain text
	read     int           // the blocks read so far
	body     *renderedBody // the body rendered, when it must be
	rendered []string      // its paragraphs
}

// mdPara is one paragraph of a Markdown body, not yet read as text.
type mdPara struct {
	text   string // inline Markdown
	direct bool   // a child of the container being scanned, not of a list in it
}

// maxMarkdownDepth bounds the nesting of block quotes and lists that is
// scanned: each level costs a pass over its lines, and deeper content is
// never a lead paragraph.
const maxMarkdownDepth = 16

// scanMarkdown scans a Markdown body.
func scanMarkdown(body string) *mdDoc {
	d := &mdDoc{src: body}
	lines := strings.Split(body, "\n")
	d.blocks, _ = d.scan(lines, 0, true)
	return d
}

// titleText returns the text of the body's first top-level heading, which
// is the title when the front matter gives none.
func (d *mdDoc) titleText() string {
	if d.doubt {
		return d.render(true).title
	}
	if !d.titled {
		return ""
	}
	return collapseSpace(d.inline(d.heading))
}

// summary summarizes the body as [summarize] does its paragraphs, reading
// only as many of them as the choice needs: twice as many each time it runs
// into the last one read, as summarySentences does. See [mdDoc.paragraphs]
// for headingTitle.
func (d *mdDoc) summary(headingTitle bool, words int) string {
	if words <= 0 {
		words = DefaultSummaryWords
	}
	for n := leadParagraphs; ; n *= 2 {
		paras, more := d.paragraphs(headingTitle, n)
		out, done := pickSummary(paras, words)
		if done || !more {
			return strings.Join(out, " ")
		}
	}
}

// paragraphs returns the plain text of the body's first n paragraphs (all
// of them if n < 0), as [paragraphs] reads them from the rendered HTML, and
// whether there are more. Some bodies are rendered after all, as they are
// rare and their text depends on the HTML: one with no paragraph that has
// text (a list, a table), whose lines are read instead; one with an HTML
// block holding a <p>; and one whose blocks the scanner is not sure of.
// headingTitle is set when a heading that opens the body is the title, and
// so not part of it.
func (d *mdDoc) paragraphs(headingTitle bool, n int) (paras []string, more bool) {
	if len(d.blocks) > 0 && !d.htmlPara && !d.doubt {
		for ; d.read < len(d.blocks) && (n < 0 || len(d.text) < n); d.read++ {
			if t := collapseSpace(d.inline(d.blocks[d.read].text)); t != "" && !isJunkLine(t) && !isByline(t) {
				d.text = append(d.text, t)
			}
		}
		if n >= 0 && len(d.text) >= n {
			return d.text[:n], len(d.text) > n || d.read < len(d.blocks)
		}
		if len(d.text) > 0 {
			return d.text, false
		}
		// Every block read, and none had text.
	}
	if d.rendered == nil {
		d.rendered = htmlParagraphs(d.render(headingTitle).html)
		if d.rendered == nil {
			d.rendered = []string{}
		}
	}
	if n >= 0 && len(d.rendered) > n {
		return d.rendered[:n], true
	}
	return d.rendered, false
}

// render returns the body rendered by goldmark, rendering it the first time.
func (d *mdDoc) render(headingTitle bool) *renderedBody {
	if d.body == nil || d.body.headingTitle != headingTitle {
		r, err := renderBody(d.src, headingTitle)
		if err != nil {
			r = renderedBody{headingTitle: headingTitle}
		}
		d.body, d.rendered = &r, nil
	}
	return d.body
}

// scan reads the blocks of lines, the content of the document (depth 0) or
// of a container in it. Paragraphs in block quotes are not kept; those of
// list items are returned with direct unset, for the list to keep or drop.
// loose reports a blank line between two of the blocks.
func (d *mdDoc) scan(lines []string, depth int, top bool) (paras []mdPara, loose bool) {
	var para []string // the lines of the open paragraph
	table := false    // the open paragraph holds a table: it cannot become a heading
	blocks := 0       // blocks seen
	blankAfter := -1  // blocks seen when the last blank line was
	flush := func() {
		table = false
		if len(para) == 0 {
			return
		}
		para, _ = d.paragraph(para)
		if len(para) > 0 {
			text := strings.Join(para, "\n")
			paras = append(paras, mdPara{text: text, direct: true})
			// A block tag inside the paragraph ends it in the HTML.
			d.htmlPara = d.htmlPara || strings.IndexByte(text, '<') >= 0 && hasBlockTag(text)
		}
		para = para[:0]
	}
	block := func() {
		if blankAfter == blocks && blocks > 0 {
			loose = true
		}
		blocks++
	}
	for i := 0; i < len(lines); {
		line := lines[i]
		indent, rest := leadingIndent(line)
		if rest == "" {
			flush()
			blankAfter = blocks
			i++
			continue
		}
		if len(para) > 0 && indent >= 4 {
			para = append(para, line) // a lazy continuation line
			i++
			continue
		}
		if indent >= 4 { // indented code
			flush()
			block()
			blank := false // the code ends with blank lines, which are not its own
			for i < len(lines) {
				ind, r := leadingIndent(lines[i])
				if r != "" && ind < 4 {
					break
				}
				blank = r == ""
				i++
			}
			if blank {
				blankAfter = blocks
			}
			continue
		}
		if len(para) > 0 && !table && setextLevel(rest) > 0 {
			// The paragraph is a heading, unless it holds a table or only
			// link definitions. (Once a table is seen it stays: each
			// setext line must not read the paragraph again.)
			var p []string
			if p, table = d.paragraph(para); len(p) > 0 {
				if top && !d.titled {
					d.heading, d.titled = strings.Join(p, "\n"), true
				}
				para = para[:0]
				i++
				continue
			}
		}
		switch {
		case isFence(rest):
			flush()
			block()
			fence := rest[:fenceLen(rest)]
			for i++; i < len(lines); i++ {
				ind, r := leadingIndent(lines[i])
				if ind < 4 && strings.HasPrefix(r, fence) && strings.TrimLeft(strings.TrimRight(r, " \t"), fence[:1]) == "" {
					i++
					break
				}
			}
			continue
		case atxLevel(rest) > 0:
			flush()
			block()
			if top && !d.titled {
				d.heading, d.titled = atxText(rest), true
			}
			i++
			continue
		case isThematicBreak(rest):
			flush()
			block()
			i++
			continue
		case rest[0] == '>':
			flush()
			block()
			var quoted []string
			var lazy lazyLines
			for ; i < len(lines); i++ {
				_, r := leadingIndent(lines[i])
				if r == "" {
					break
				}
				if r[0] == '>' {
					r = r[1:]
					if strings.HasPrefix(r, " ") || strings.HasPrefix(r, "\t") {
						r = r[1:]
					}
					quoted = append(quoted, r)
					lazy.add(r)
					continue
				}
				if len(quoted) > 0 && interrupts(r, 0) {
					break
				}
				d.doubt = d.doubt || !lazy.continued(r)
				quoted = append(quoted, r) // lazy continuation
			}
			if depth < maxMarkdownDepth {
				d.scan(quoted, depth+1, false) // for the link definitions in it
			}
			continue
		}
		if kind := htmlBlockKind(rest, len(para) > 0); kind > 0 {
			flush()
			block()
			start := i
			for ; i < len(lines); i++ {
				if kind == 6 || kind == 7 {
					if strings.TrimSpace(lines[i]) == "" {
						break
					}
				} else if htmlBlockEnds(lines[i], kind) {
					i++
					break
				}
			}
			for _, l := range lines[start:i] {
				d.htmlPara = d.htmlPara || hasParagraphTag(l)
			}
			continue
		}
		if label, ok := footnoteLabel(rest); ok {
			flush()
			block()
			if d.notes == nil {
				d.notes = map[string]bool{}
			}
			d.notes[label] = true
			// The definition goes on over indented and blank lines, and
			// over lazy continuation lines, which are left to goldmark.
			for i++; i < len(lines); i++ {
				ind, r := leadingIndent(lines[i])
				if r != "" && ind < 4 {
					if _, prev := leadingIndent(lines[i-1]); prev != "" && !interrupts(r, ind) {
						d.doubt = true
					}
					break
				}
			}
			continue
		}
		if w, _ := listMarker(rest, len(para) > 0); w > 0 {
			flush()
			block()
			var ps []mdPara
			ps, i = d.list(lines, i, depth)
			paras = append(paras, ps...)
			continue
		}
		if len(para) == 0 {
			block()
		}
		para = append(para, line)
		i++
	}
	flush()
	return paras, loose
}

// lazyLines follows the lines of a block quote or list item, to tell
// whether a lazy continuation line (one without the ">" or the indent) is
// one: CommonMark reads it as part of the container only if the container
// ends in a paragraph it goes on with. This is sure of it when every line
// so far is plain text or blank, and the last is not blank; when it is not
// sure, the body is rendered.
type lazyLines struct {
	other bool // a line that may not be paragraph text
	blank bool // the last line is blank
}

func (z *lazyLines) add(line string) {
	ind, r := leadingIndent(line)
	z.blank = r == ""
	if !z.blank && (ind >= 4 || interrupts(r, ind) || htmlBlockKind(r, false) > 0 || setextLevel(r) > 0 || r[0] == '[' || strings.Contains(r, "|")) {
		z.other = true
	}
}

// continued reports whether line surely goes on with the paragraph the
// lines end with: they end with one, and line starts no block anywhere.
func (z *lazyLines) continued(line string) bool {
	if z.other || z.blank {
		return false
	}
	ind, r := leadingIndent(line)
	w, _ := listMarker(r, false)
	return ind < 4 && w == 0 && htmlBlockKind(r, false) == 0 && setextLevel(r) == 0 && !strings.Contains(r, "|")
}

// list reads the list that starts at lines[i] and returns the paragraphs
// it renders and the line after it. A tight list renders its items' own
// paragraphs without <p>, so they are not kept.
func (d *mdDoc) list(lines []string, i, depth int) (paras []mdPara, next int) {
	_, first := leadingIndent(lines[i])
	_, kind := listMarker(first, false)
	var items [][]mdPara
	loose := false
	blankBefore := 0 // blank lines that end the last item
	for i < len(lines) {
		indent, rest := leadingIndent(lines[i])
		w, k := listMarker(rest, false)
		if w == 0 || k != kind || indent >= 4 {
			break
		}
		if blankBefore > 0 && len(items) > 0 {
			loose = true
		}
		width := indent + w // the item's content starts in this column
		item := []string{rest[w:]}
		if strings.TrimSpace(rest[w:]) == "" {
			item[0] = ""
			d.doubt = true // goldmark reads an item that opens with a blank line its own way
		} else if sp := len(rest[w:]) - len(strings.TrimLeft(rest[w:], " ")); sp < 4 {
			width += sp
			item[0] = rest[w+sp:]
		} // else the item opens with indented code, and one space belongs to the marker
		item[0] = stripTaskBox(item[0])
		blankBefore = 0
		lastBlank := item[0] == ""
		var lazy lazyLines
		lazy.add(item[0])
		for i++; i < len(lines); i++ {
			l := lines[i]
			ind, r := leadingIndent(l)
			if r == "" {
				if lastBlank && len(item) == 1 && item[0] == "" {
					break // an item may begin with at most one blank line
				}
				item = append(item, "")
				lastBlank = true
				continue
			}
			if ind >= width {
				item = append(item, stripColumns(l, width))
				lazy.add(item[len(item)-1])
				lastBlank = false
				continue
			}
			if w, k := listMarker(r, false); w > 0 && k == kind && ind < 4 {
				break // the next item
			}
			if !lastBlank && !interrupts(r, ind) {
				d.doubt = d.doubt || !lazy.continued(r)
				item = append(item, r) // lazy continuation
				continue
			}
			break
		}
		for len(item) > 1 && item[len(item)-1] == "" { // blank lines read after the first
			item = item[:len(item)-1]
			blankBefore++
		}
		var ps []mdPara
		if depth < maxMarkdownDepth {
			var l bool
			ps, l = d.scan(item, depth+1, false)
			loose = loose || l
		}
		items = append(items, ps)
	}
	for _, ps := range items {
		for _, p := range ps {
			if loose || !p.direct {
				p.direct = false
				paras = append(paras, p)
			}
		}
	}
	// The blank lines after the list are the container's, where they may
	// make it loose.
	return paras, i - blankBefore
}

// paragraph takes the link reference definitions and a table off the
// lines of a paragraph and returns what is left.
func (d *mdDoc) paragraph(lines []string) (text []string, table bool) {
	for len(lines) > 0 && strings.HasPrefix(strings.TrimLeft(lines[0], " \t"), "[") {
		n := d.linkDefinition(lines)
		if n == 0 {
			break
		}
		lines = lines[n:]
	}
	// A GFM table: a header row, then a delimiter row with as many cells.
	for i := 1; i < len(lines); i++ {
		if cells := tableDelimiter(lines[i]); cells > 0 {
			if tableCells(lines[i-1]) != cells {
				d.doubt = true // goldmark counts cells its own way
				break
			}
			return lines[:i-1], true
		}
	}
	return lines, false
}

// linkDefinition reads a link reference definition ([label]: url "title")
// from the start of a paragraph's lines, records its label, and returns the
// number of lines it takes, or 0 if there is none.
func (d *mdDoc) linkDefinition(lines []string) int {
	s := strings.Join(lines[:min(len(lines), 4)], "\n") // a definition is at most a few lines
	s = strings.TrimLeft(s, " \t")
	end := closeBracket(s, 1)
	if end < 0 || end+1 >= len(s) || s[end+1] != ':' {
		return 0
	}
	label := s[1:end]
	if strings.TrimSpace(label) == "" || len(label) > 999 {
		return 0
	}
	p := end + 2
	p = skipSpaceNewline(s, p)
	// The destination.
	if p < len(s) && s[p] == '<' {
		q := p + 1
		for q < len(s) && s[q] != '>' && s[q] != '\n' && s[q] != '<' {
			if s[q] == '\\' {
				q++
			}
			q++
		}
		if q >= len(s) || s[q] != '>' {
			return 0
		}
		p = q + 1
	} else {
		// A ")" in it closes a "(" or is escaped (goldmark, unlike
		// CommonMark, takes an unclosed "(").
		q, depth := p, 0
		for ; q < len(s) && s[q] > ' '; q++ {
			switch s[q] {
			case '\\':
				if q+1 < len(s) && isASCIIPunct(s[q+1]) {
					q++
				}
			case '(':
				depth++
			case ')':
				if depth--; depth < 0 {
					return 0
				}
			}
		}
		if q == p {
			return 0
		}
		p = q
	}
	lineEnd := func(p int) bool {
		for ; p < len(s) && (s[p] == ' ' || s[p] == '\t'); p++ {
		}
		return p >= len(s) || s[p] == '\n'
	}
	// An optional title, on the same line or the next.
	afterDest := p
	q := skipSpaceNewline(s, p)
	if q < len(s) && q > p && (s[q] == '"' || s[q] == '\'' || s[q] == '(') {
		closer := s[q]
		if closer == '(' {
			closer = ')'
		}
		r := q + 1
		for r < len(s) && s[r] != closer {
			if s[r] == '\\' {
				r++
			}
			r++
		}
		if r < len(s) && lineEnd(r+1) {
			p = r + 1
		} else if !lineEnd(afterDest) {
			return 0
		}
	} else if !lineEnd(p) {
		return 0
	}
	if !lineEnd(p) {
		p = afterDest
	}
	if d.refs == nil {
		d.refs = map[string]bool{}
	}
	d.refs[linkLabel(label)] = true
	return strings.Count(s[:p], "\n") + 1
}

// linkLabel normalizes a link label as goldmark matches them: spaces
// folded, case folded.
func linkLabel(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func skipSpaceNewline(s string, p int) int {
	nl := false
	for p < len(s) {
		switch {
		case s[p] == ' ' || s[p] == '\t':
		case s[p] == '\n' && !nl:
			nl = true
		default:
			return p
		}
		p++
	}
	return p
}

// closeBracket returns the index of the "]" that closes the "[" before
// s[from], skipping escaped brackets, or -1. Nested brackets end the
// search, as link labels may not hold any.
func closeBracket(s string, from int) int {
	for i := from; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			return -1
		case ']':
			return i
		}
	}
	return -1
}

// leadingIndent returns the columns of white space line starts with (tabs
// to the next multiple of four) and the rest of the line.
func leadingIndent(line string) (int, string) {
	col := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		case '\r':
		default:
			return col, line[i:]
		}
	}
	return col, ""
}

// stripColumns removes the first n columns of white space from line.
func stripColumns(line string, n int) string {
	col := 0
	for i := 0; i < len(line); i++ {
		if col >= n {
			return line[i:]
		}
		switch line[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
			if col > n {
				return strings.Repeat(" ", col-n) + line[i+1:]
			}
		default:
			return line[i:]
		}
	}
	return ""
}

func setextLevel(s string) int {
	t := strings.TrimRight(s, " \t")
	if t == "" || strings.Trim(t, string(t[0])) != "" {
		return 0
	}
	switch t[0] {
	case '=':
		return 1
	case '-':
		return 2
	}
	return 0
}

func isFence(s string) bool {
	n := fenceLen(s)
	return n >= 3 && (s[0] == '~' || !strings.Contains(s[n:], "`"))
}

func fenceLen(s string) int {
	if s == "" || s[0] != '`' && s[0] != '~' {
		return 0
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	return n
}

func atxLevel(s string) int {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n
}

// atxText is the text of an ATX heading line: the marks and a closing
// sequence of #s taken off.
func atxText(s string) string {
	s = strings.TrimLeft(s, "#")
	s = strings.TrimSpace(s)
	t := strings.TrimRight(s, "#")
	if t == "" || t[len(t)-1] == ' ' || t[len(t)-1] == '\t' {
		s = strings.TrimSpace(t)
	}
	return s
}

func isThematicBreak(s string) bool {
	c := s[0]
	if c != '*' && c != '-' && c != '_' {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case c:
			n++
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return n >= 3
}

// listMarker returns the width of the list item marker s starts with (the
// marker and the space after it), and its kind: the bullet, or the
// delimiter of an ordered list. inPara reports an open paragraph, which
// only a non-empty bullet item or an ordered item from 1 may interrupt.
func listMarker(s string, inPara bool) (int, byte) {
	if s == "" {
		return 0, 0
	}
	n := 0
	var kind byte
	switch c := s[0]; {
	case c == '-' || c == '+' || c == '*':
		if isThematicBreak(s) {
			return 0, 0
		}
		n, kind = 1, c
	case c >= '0' && c <= '9':
		for n < len(s) && n < 10 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n > 9 || n >= len(s) || s[n] != '.' && s[n] != ')' {
			return 0, 0
		}
		if inPara && strings.TrimLeft(s[:n], "0") != "1" { // only a list that starts at 1 interrupts a paragraph
			return 0, 0
		}
		kind = s[n]
		n++
	default:
		return 0, 0
	}
	if n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0, 0
	}
	if inPara && strings.TrimSpace(s[n:]) == "" {
		return 0, 0
	}
	if n < len(s) {
		n++
	}
	return n, kind
}

// stripTaskBox takes the check box off a task list item's text.
func stripTaskBox(s string) string {
	if len(s) >= 4 && s[0] == '[' && s[2] == ']' && (s[1] == ' ' || s[1] == 'x' || s[1] == 'X') && (s[3] == ' ' || s[3] == '\t') {
		return s[4:]
	}
	return s
}

// interrupts reports whether a line (its indent, and its rest) starts a
// block that ends a paragraph, rather than going on with it.
func interrupts(s string, indent int) bool {
	if indent >= 4 {
		return false
	}
	if isFence(s) || atxLevel(s) > 0 || isThematicBreak(s) || s[0] == '>' {
		return true
	}
	if w, _ := listMarker(s, true); w > 0 {
		return true
	}
	if _, ok := footnoteLabel(s); ok {
		return true
	}
	return htmlBlockKind(s, true) > 0
}

// footnoteLabel reads the label of a footnote definition ([^label]: text).
func footnoteLabel(s string) (string, bool) {
	if !strings.HasPrefix(s, "[^") {
		return "", false
	}
	end := closeBracket(s, 2)
	if end < 0 || end+1 >= len(s) || s[end+1] != ':' || strings.TrimSpace(s[2:end]) == "" {
		return "", false
	}
	return s[2:end], true
}

// htmlBlockTags are the tag names that start an HTML block of kind 6.
var htmlBlockTags = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`address article aside base basefont blockquote body caption center col
		colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset
		h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol
		optgroup option p param search section summary table tbody td tfoot th thead title tr track ul`) {
		htmlBlockTags[t] = true
	}
}

// htmlBlockKind returns the kind (1 to 7, as numbered by CommonMark) of the
// HTML block s starts, or 0. Kind 7, any tag alone on its line, cannot
// interrupt a paragraph.
func htmlBlockKind(s string, inPara bool) int {
	if len(s) < 2 || s[0] != '<' {
		return 0
	}
	switch {
	case strings.HasPrefix(s, "<!--"):
		return 2
	case strings.HasPrefix(s, "<?"):
		return 3
	case strings.HasPrefix(s, "<![CDATA["):
		return 5
	case s[1] == '!' && len(s) > 2 && isASCIILetter(s[2]):
		return 4
	}
	name := s[1:]
	closing := strings.HasPrefix(name, "/")
	if closing {
		name = name[1:]
	}
	n := 0
	for n < len(name) && (isASCIILetter(name[n]) || n > 0 && (name[n] >= '0' && name[n] <= '9' || name[n] == '-')) {
		n++
	}
	if n == 0 {
		return 0
	}
	after := name[n:]
	tag := strings.ToLower(name[:n])
	ends := after == "" || after[0] == ' ' || after[0] == '\t' || after[0] == '>'
	switch tag {
	case "script", "pre", "style", "textarea":
		if !closing && ends {
			return 1
		}
	}
	if htmlBlockTags[tag] && (ends || strings.HasPrefix(after, "/>")) {
		return 6
	}
	if inPara {
		return 0
	}
	// Kind 7: a whole open or closing tag, then nothing.
	if end := htmlTagEnd(s, 0, nil); end > 0 && strings.TrimSpace(s[end:]) == "" {
		switch tag {
		case "script", "pre", "style", "textarea":
			return 0
		}
		return 7
	}
	return 0
}

// htmlBlockEnds reports whether line ends an HTML block of kind 1 to 5.
func htmlBlockEnds(line string, kind int) bool {
	switch kind {
	case 1:
		return containsFold(line, "</script>") || containsFold(line, "</pre>") || containsFold(line, "</style>") || containsFold(line, "</textarea>")
	case 2:
		return strings.Contains(line, "-->")
	case 3:
		return strings.Contains(line, "?>")
	case 4:
		return strings.Contains(line, ">")
	case 5:
		return strings.Contains(line, "]]>")
	}
	return false
}

// containsFold reports whether s contains tag, a lower-case tag that
// starts with "<", in any case.
func containsFold(s, tag string) bool {
	for i := 0; ; i++ {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return false
		}
		i += j
		if i+len(tag) <= len(s) && equalFoldASCII(s[i:i+len(tag)], tag) {
			return true
		}
	}
}

// hasBlockTag reports whether s holds an open or closing tag that ends a
// paragraph when the rendered HTML is parsed, such as "0<p>0" or "a<div>":
// one of htmlBlockTags, or pre.
func hasBlockTag(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0; {
		j := i + 1
		if j < len(s) && s[j] == '/' {
			j++
		}
		var name [16]byte
		n := 0
		for ; j < len(s) && n < len(name) && (isASCIILetter(s[j]) || n > 0 && s[j] >= '0' && s[j] <= '9'); j++ {
			name[n] = s[j] | 0x20
			n++
		}
		if n > 0 && n < len(name) && (j == len(s) || strings.IndexByte(" \t\n\r>/", s[j]) >= 0) {
			if t := string(name[:n]); htmlBlockTags[t] || t == "pre" {
				return true
			}
		}
		k := strings.IndexByte(s[j:], '<')
		if k < 0 {
			break
		}
		i = j + k
	}
	return false
}

// hasParagraphTag reports whether line holds a <p> tag.
func hasParagraphTag(line string) bool {
	for i := 0; i+1 < len(line); i++ {
		if line[i] == '<' && line[i+1]|0x20 == 'p' && (i+2 == len(line) || strings.IndexByte(" \t\r>/", line[i+2]) >= 0) {
			return true
		}
	}
	return false
}

// seeker finds the next occurrence of a string in a paragraph, and
// remembers it: a paragraph of 100,000 "<!--" or "<a b='" must not search
// its rest once for each. The first occurrence at or after i is the same
// for every i between the start of the last search and what it found.
type seeker struct {
	from, at int // the last search: from where, and what it found (-1: none)
	used     bool
}

// index returns the index of the first sep in s at or after i, or -1. The
// calls for one s and one sep should come with i never decreasing: a call
// with a smaller i is answered by a search, not from memory.
func (k *seeker) index(s string, i int, sep string) int {
	if k.used && i >= k.from && (k.at < 0 || i <= k.at) {
		return k.at
	}
	j := strings.Index(s[i:], sep)
	if j >= 0 {
		j += i
	}
	k.from, k.at, k.used = i, j, true
	return j
}

// tagSeekers are the searches [htmlTagEnd] makes, remembered for one
// paragraph.
type tagSeekers struct {
	comment, pi, cdata, gt, quote, apos seeker
}

// htmlTagEnd returns the end of the HTML open or closing tag, comment,
// processing instruction, declaration or CDATA section that starts at
// s[i], or 0 if there is none, as CommonMark defines raw inline HTML.
// sk remembers the searches of earlier calls on the same s with smaller i;
// it may be nil.
func htmlTagEnd(s string, i int, sk *tagSeekers) int {
	if sk == nil {
		sk = &tagSeekers{}
	}
	rest := s[i:]
	switch {
	case strings.HasPrefix(rest, "<!--"):
		if strings.HasPrefix(rest, "<!-->") {
			return i + 5
		}
		if strings.HasPrefix(rest, "<!--->") {
			return i + 6
		}
		if j := sk.comment.index(s, i+4, "-->"); j >= 0 {
			return j + 3
		}
		return 0
	case strings.HasPrefix(rest, "<?"):
		if j := sk.pi.index(s, i+2, "?>"); j >= 0 {
			return j + 2
		}
		return 0
	case strings.HasPrefix(rest, "<![CDATA["):
		if j := sk.cdata.index(s, i+9, "]]>"); j >= 0 {
			return j + 3
		}
		return 0
	case strings.HasPrefix(rest, "<!") && len(rest) > 2 && isASCIILetter(rest[2]):
		if j := sk.gt.index(s, i, ">"); j >= 0 {
			return j + 1
		}
		return 0
	}
	p := 1
	closing := p < len(rest) && rest[p] == '/'
	if closing {
		p++
	}
	if p >= len(rest) || !isASCIILetter(rest[p]) {
		return 0
	}
	for p < len(rest) && (isASCIILetter(rest[p]) || rest[p] >= '0' && rest[p] <= '9' || rest[p] == '-') {
		p++
	}
	if closing {
		for p < len(rest) && isSpaceByte(rest[p]) {
			p++
		}
		if p < len(rest) && rest[p] == '>' {
			return i + p + 1
		}
		return 0
	}
	for {
		q := p
		for q < len(rest) && isSpaceByte(rest[q]) {
			q++
		}
		if q >= len(rest) {
			return 0
		}
		if rest[q] == '>' {
			return i + q + 1
		}
		if strings.HasPrefix(rest[q:], "/>") {
			return i + q + 2
		}
		if q == p { // attributes must be separated by white space
			return 0
		}
		// An attribute name.
		c := rest[q]
		if !isASCIILetter(c) && c != '_' && c != ':' {
			return 0
		}
		for q < len(rest) && (isASCIILetter(rest[q]) || rest[q] >= '0' && rest[q] <= '9' || strings.IndexByte("_.:-", rest[q]) >= 0) {
			q++
		}
		// An optional value.
		r := q
		for r < len(rest) && isSpaceByte(rest[r]) {
			r++
		}
		if r < len(rest) && rest[r] == '=' {
			r++
			for r < len(rest) && isSpaceByte(rest[r]) {
				r++
			}
			if r >= len(rest) {
				return 0
			}
			switch rest[r] {
			case '"', '\'':
				k, sep := &sk.quote, `"`
				if rest[r] == '\'' {
					k, sep = &sk.apos, "'"
				}
				e := k.index(s, i+r+1, sep)
				if e < 0 {
					return 0
				}
				q = e - i + 1
			default:
				e := r
				for e < len(rest) && !isSpaceByte(rest[e]) && strings.IndexByte("\"'=<>`", rest[e]) < 0 {
					e++
				}
				if e == r {
					return 0
				}
				q = e
			}
		}
		p = q
	}
}

// tableDelimiter returns the number of cells of a GFM table delimiter row
// (|---|:--:|), or 0 if line is not one.
func tableDelimiter(line string) int {
	ind, s := leadingIndent(line)
	if ind > 3 || s == "" {
		return 0
	}
	onlyDash := true
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '-':
		case ' ', '\t', '|', ':', '\r':
			onlyDash = false
		default:
			return 0
		}
	}
	if onlyDash {
		return 0
	}
	cells := strings.Split(s, "|")
	if strings.TrimSpace(cells[0]) == "" {
		cells = cells[1:]
	}
	if len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	for _, c := range cells {
		c = strings.TrimSpace(c)
		c = strings.TrimPrefix(c, ":")
		c = strings.TrimSuffix(c, ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return 0
		}
	}
	return len(cells)
}

// tableCells counts the cells of a table row.
func tableCells(line string) int {
	s := strings.TrimSpace(line)
	s = strings.TrimPrefix(s, "|")
	if strings.HasSuffix(s, "|") && !strings.HasSuffix(s, `\|`) {
		s = s[:len(s)-1]
	}
	if s == "" {
		return 0
	}
	n := 1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n
}

// The inline reader: a paragraph's Markdown as the text a reader sees.

// itok is a piece of a paragraph's inline text: plain text, a run of
// emphasis or strikethrough delimiters, or the opening bracket of a link
// or image.
type itok struct {
	text      string
	kind      uint8
	ch        byte // the delimiter
	n, orig   int  // delimiters left, and at first
	open      bool // can open emphasis
	close     bool // can close emphasis
	image     bool // an image's "!["
	dropped   bool // struck out, or an image's alt text: not read
	bracketAt int  // where the text inside the bracket starts in the source
}

const (
	itokText = iota
	itokDelim
	itokBracket
	itokGone // a delimiter run used up, or a bracket that made a link
)

// inline returns the text of a paragraph's inline Markdown as it reads in
// the rendered HTML: markup taken off, escapes and entities decoded, code
// spans as their text, links as their text, and images, struck-out text,
// footnote references and raw HTML left out. It follows goldmark's rules
// for emphasis and links, which decide which characters are markup.
func (d *mdDoc) inline(s string) string {
	first := 0
	for first < len(s) && !inlineSpecial[s[first]] {
		first++
	}
	if first == len(s) {
		return s // no markup: the usual case
	}
	toks := make([]itok, 0, 16)
	toks = append(toks, itok{text: s[:first]})
	var brackets []int // open brackets, as indexes into toks
	linkFloor := 0     // brackets[:linkFloor] hold a link: they cannot be links themselves
	var ticks tickRuns // the runs of backticks, for code spans
	var sk tagSeekers
	var titles linkSeekers
	drop := 0                     // inside <del>, <s>, <script>...: dropped
	emphasis := !emphasisHeavy(s) // as defuseEmphasis leaves it to goldmark
	add := func(t itok) {
		if drop > 0 {
			t.dropped = true
		}
		toks = append(toks, t)
	}
	text := func(t string) {
		if t != "" {
			add(itok{text: t})
		}
	}
	i := first
	for i < len(s) {
		c := s[i]
		switch c {
		case '\\':
			// An escaped character, or a line break; goldmark takes a
			// backslash that ends a line after another backslash as text.
			if i+1 < len(s) && (isASCIIPunct(s[i+1]) || s[i+1] == '\n' && (i == 0 || s[i-1] != '\\')) {
				text(s[i+1 : i+2])
				i += 2
				continue
			}
			text("\\")
			i++
		case '`':
			n := 1
			for i+n < len(s) && s[i+n] == '`' {
				n++
			}
			end := ticks.next(s, i+n, n)
			if end < 0 {
				text(s[i : i+n])
				i += n
				continue
			}
			text(codeSpanText(s[i+n : end]))
			i = end + n
		case '*', '_', '~':
			n := 1
			for i+n < len(s) && s[i+n] == c {
				n++
			}
			if !emphasis || c == '~' && n > 2 {
				text(s[i : i+n])
				i += n
				continue
			}
			open, close := delimiterRun(s, i, n)
			t := itok{kind: itokDelim, ch: c, n: n, orig: n, open: open, close: close}
			t.text = s[i : i+n]
			add(t)
			i += n
		case '!':
			if i+1 < len(s) && s[i+1] == '[' {
				if end, ok := d.footnoteRef(s, i+1); ok {
					// An image of a footnote reference is no image:
					// goldmark drops it.
					add(itok{dropped: true})
					i = end
					continue
				}
				brackets = append(brackets, len(toks))
				add(itok{kind: itokBracket, text: "![", image: true, bracketAt: i + 2})
				i += 2
				continue
			}
			text("!")
			i++
		case '[':
			if end, ok := d.footnoteRef(s, i); ok {
				add(itok{dropped: true}) // a footnote reference is not part of the sentence
				i = end
				continue
			}
			brackets = append(brackets, len(toks))
			add(itok{kind: itokBracket, text: "[", bracketAt: i + 1})
			i++
		case ']':
			if len(brackets) == 0 {
				text("]")
				i++
				continue
			}
			o := brackets[len(brackets)-1]
			inLink := len(brackets) <= linkFloor
			brackets = brackets[:len(brackets)-1]
			linkFloor = min(linkFloor, len(brackets))
			open := &toks[o]
			end := -1
			if (open.image || !inLink) && i-open.bracketAt <= 998 {
				end = d.linkEnd(s, open.bracketAt, i, &titles)
			}
			if end < 0 {
				open.kind = itokText
				text("]")
				i++
				continue
			}
			processEmphasis(toks, o)
			if open.image {
				for j := o; j < len(toks); j++ {
					toks[j].dropped = true
				}
			} else {
				linkFloor = len(brackets)
			}
			open.kind = itokGone
			i = end
		case '<':
			if end := autolinkEnd(s, i); end > 0 {
				text(s[i+1 : end-1])
				i = end
				continue
			}
			end := htmlTagEnd(s, i, &sk)
			if end == 0 {
				text("<")
				i++
				continue
			}
			tag, closing := htmlTagName(s[i:end])
			switch tag {
			case "del", "s", "strike", "script", "style", "template":
				if closing {
					drop = max(drop-1, 0)
				} else if !strings.HasSuffix(s[i:end], "/>") {
					drop++
				}
			case "br", "p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
				"blockquote", "section", "article", "pre", "ul", "ol", "table", "figure", "figcaption":
				text(" ") // block boundaries separate words
			}
			i = end
		case '&':
			if end := entityEnd(s, i); end > 0 {
				if u := html.UnescapeString(s[i:end]); u != s[i:end] && !strings.Contains(u, ";") {
					text(u)
					i = end
					continue
				}
			}
			text("&")
			i++
		default:
			j := i + 1
			for j < len(s) && !inlineSpecial[s[j]] {
				j++
			}
			text(s[i:j])
			i = j
		}
	}
	processEmphasis(toks, -1)
	var b strings.Builder
	b.Grow(len(s))
	for _, t := range toks {
		if t.dropped || t.kind == itokGone {
			continue
		}
		if t.kind == itokDelim {
			b.WriteString(t.text[:t.n])
			continue
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// inlineSpecial marks the bytes that may start inline markup.
var inlineSpecial = [256]bool{'\\': true, '`': true, '*': true, '_': true, '~': true, '!': true, '[': true, ']': true, '<': true, '&': true}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func isPunctRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIPunct(byte(r))
	}
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

func isSpaceRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r)
}

// processEmphasis pairs the emphasis and strikethrough delimiters after
// toks[bottom] as goldmark does, taking the markup characters off and
// dropping struck-out text. The delimiters are used up afterwards: those
// of a link's text do not pair with any outside it.
func processEmphasis(toks []itok, bottom int) {
	for c := bottom + 1; c < len(toks); c++ {
		closer := &toks[c]
		if closer.kind != itokDelim || !closer.close {
			continue
		}
		for closer.n > 0 && closer.kind == itokDelim {
			o, consume, maybe := -1, 0, false
			for j := c - 1; j > bottom; j-- {
				op := &toks[j]
				if op.kind != itokDelim || !op.open || op.ch != closer.ch {
					continue
				}
				maybe = true
				consume = 1
				if (op.close || closer.open) && (op.orig+closer.orig)%3 == 0 && closer.orig%3 != 0 {
					consume = 0
				} else if op.n >= 2 && closer.n >= 2 {
					consume = 2
				}
				if consume > 0 {
					o = j
					break
				}
			}
			if o < 0 {
				if !maybe && !closer.open {
					closer.kind = itokText // no longer a delimiter
					closer.text = closer.text[:closer.n]
				}
				break
			}
			op := &toks[o]
			op.n -= consume
			closer.n -= consume
			for j := o + 1; j < c; j++ {
				if closer.ch == '~' {
					toks[j].dropped = true
				}
				if toks[j].kind == itokDelim {
					toks[j].kind = itokText // delimiters inside are done with
					toks[j].text = toks[j].text[:toks[j].n]
				}
			}
			if op.n == 0 {
				op.kind = itokGone
			}
			if closer.n == 0 {
				closer.kind = itokGone
			}
		}
	}
	for j := bottom + 1; j < len(toks); j++ {
		if toks[j].kind == itokDelim {
			toks[j].kind = itokText
			toks[j].text = toks[j].text[:toks[j].n]
		}
	}
}

// tickRuns finds the run of backticks that closes a code span. It lists
// the runs of a paragraph by length the first time it is asked, so that a
// paragraph of runs of 1, 2, 3... backticks, none closed, is read once and
// not once for each length.
type tickRuns struct {
	at map[int][]int // where the runs of each length start, in order
}

// next returns where the first run of exactly n backticks at or after i
// starts, or -1. s[i-1] is the last backtick of a run or not a backtick,
// and i never decreases from one call to the next.
func (r *tickRuns) next(s string, i, n int) int {
	if r.at == nil {
		r.at = map[int][]int{}
		for j := strings.IndexByte(s, '`'); j >= 0; {
			k := j + 1
			for k < len(s) && s[k] == '`' {
				k++
			}
			r.at[k-j] = append(r.at[k-j], j)
			next := strings.IndexByte(s[k:], '`')
			if next < 0 {
				break
			}
			j = k + next
		}
	}
	runs := r.at[n]
	for len(runs) > 0 && runs[0] < i {
		runs = runs[1:]
	}
	r.at[n] = runs
	if len(runs) == 0 {
		return -1
	}
	return runs[0]
}

// codeSpanText is a code span's text: line endings as spaces, and one space
// taken off each end when there is one at both.
func codeSpanText(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) >= 2 && s[0] == ' ' && s[len(s)-1] == ' ' && strings.Trim(s, " ") != "" {
		s = s[1 : len(s)-1]
	}
	return s
}

// footnoteRef reports whether s[i:] starts with a reference to a defined
// footnote ([^label]), and where it ends.
func (d *mdDoc) footnoteRef(s string, i int) (int, bool) {
	if len(d.notes) == 0 || !strings.HasPrefix(s[i:], "[^") {
		return 0, false
	}
	end := closeBracket(s, i+2)
	if end < 0 || !d.notes[s[i+2:end]] {
		return 0, false
	}
	return end + 1, true
}

// linkEnd returns where the link or image whose text is s[start:close]
// ends, the "]" at s[close] followed by (destination "title"), [label] or
// [], or by nothing when the text is a defined label; or -1 if there is
// no link.
//
// titles remembers the searches for the ends of link destinations and
// titles made by earlier calls on the same s.
func (d *mdDoc) linkEnd(s string, start, close int, titles *linkSeekers) int {
	p := close + 1
	if p < len(s) && s[p] == '(' {
		if end := inlineLinkEnd(s, p+1, titles); end > 0 {
			return end
		}
	}
	if p < len(s) && s[p] == '[' {
		end := closeBracket(s, p+1)
		if end >= 0 {
			label := s[p+1 : end]
			if strings.TrimSpace(label) == "" {
				label = s[start:close]
			}
			if len(label) <= 999 && d.refs[linkLabel(label)] {
				return end + 1
			}
			return -1
		}
	}
	if len(d.refs) > 0 && d.refs[linkLabel(s[start:close])] {
		return close + 1
	}
	return -1
}

// inlineLinkEnd reads the (destination "title") of an inline link from
// s[i], just after the "(", and returns where it ends, or -1.
func inlineLinkEnd(s string, i int, titles *linkSeekers) int {
	i = skipLinkSpace(s, i)
	if i < len(s) && s[i] == ')' {
		return i + 1
	}
	if i < len(s) && s[i] == '<' {
		j := i + 1
		for ; j < len(s) && s[j] != '>'; j++ {
			if s[j] == '\n' || s[j] == '<' {
				return -1
			}
			if s[j] == '\\' && j+1 < len(s) && isASCIIPunct(s[j+1]) {
				j++
			}
		}
		if j >= len(s) {
			return -1
		}
		i = j + 1
	} else {
		j := titles.dests.end(s, i)
		if j == i {
			return -1
		}
		i = j
	}
	i = skipLinkSpace(s, i)
	if i < len(s) && s[i] == ')' {
		return i + 1
	}
	if i >= len(s) || s[i] != '"' && s[i] != '\'' && s[i] != '(' {
		return -1
	}
	var j int
	switch s[i] {
	case '"':
		j = titles.quote.index(s, i+1, '"')
	case '\'':
		j = titles.apos.index(s, i+1, '\'')
	default:
		j = titles.paren.index(s, i+1, ')')
		// A title in parentheses holds no unescaped "(".
		if k := titles.open.index(s, i+1, '('); k >= 0 && k < j {
			return -1
		}
	}
	if j < 0 {
		return -1
	}
	i = skipLinkSpace(s, j+1)
	if i < len(s) && s[i] == ')' {
		return i + 1
	}
	return -1
}

// linkSeekers are the searches for the ends of link destinations and
// titles, remembered for one paragraph: a paragraph of 100,000 `[a](b "`
// or "[a](" must not read its rest once for each.
type linkSeekers struct {
	quote, apos, paren titleSeeker
	open               titleSeeker // the "(" a title in parentheses may not hold
	dests              destEnds
}

// shortDestination is the longest link destination read byte by byte;
// [destEnds] finds the end of longer ones, and of every one after them, in
// a table of the paragraph.
const shortDestination = 256

// destEnds finds where link destinations end: at the first byte that is a
// space or a control character, or at the first ")" that no "(" after the
// start matches, as goldmark reads them.
type destEnds struct {
	depth  []int32         // depth[k]: the unescaped "(" before s[k], less the ")"
	closes map[int32][]int // the unescaped ")" by the depth after them, in order
	space  []int32         // space[k]: the first byte at or after s[k] that is <= ' '
}

// end returns where the destination that starts at s[i] ends. s[i-1] is
// not a backslash.
func (e *destEnds) end(s string, i int) int {
	opened := 0
	limit := min(len(s), i+shortDestination)
	if e.depth != nil {
		limit = i // the table is built: use it
	}
	for j := i; j < limit; j++ {
		switch c := s[j]; {
		case c == '\\' && j+1 < len(s) && isASCIIPunct(s[j+1]):
			j++
		case c == '(':
			opened++
		case c == ')':
			opened--
			if opened < 0 {
				return j
			}
		case c <= ' ':
			return j
		}
		if j+1 >= len(s) {
			return len(s)
		}
	}
	if limit == len(s) && e.depth == nil { // i == len(s)
		return len(s)
	}
	if e.depth == nil {
		e.index(s)
	}
	end := int(e.space[i])
	closes := e.closes[e.depth[i]-1]
	if k := sort.SearchInts(closes, i); k < len(closes) && closes[k] < end {
		end = closes[k]
	}
	return end
}

func (e *destEnds) index(s string) {
	e.depth = make([]int32, len(s)+1)
	e.space = make([]int32, len(s)+1)
	e.closes = map[int32][]int{}
	var d int32
	for k := 0; k < len(s); k++ {
		e.depth[k] = d
		switch c := s[k]; {
		case c == '\\' && k+1 < len(s) && isASCIIPunct(s[k+1]):
			k++
			e.depth[k] = d
		case c == '(':
			d++
		case c == ')':
			d--
			e.closes[d] = append(e.closes[d], k)
		}
	}
	e.depth[len(s)] = d
	next := int32(len(s))
	for k := len(s); k >= 0; k-- {
		if k < len(s) && s[k] <= ' ' {
			next = int32(k)
		}
		e.space[k] = next
	}
}

// A titleSeeker finds the first closer not escaped by a backslash, as a
// [seeker] does a string. A title starts right after its opening quote or
// parenthesis, so s[i-1] is never a backslash: a search begun earlier, at
// from, read the bytes up to i with the same escapes, and its answer holds
// for i too.
type titleSeeker struct {
	from, at int
	used     bool
}

// index returns the index of the first closer at or after i that no
// backslash escapes, or -1. s[i-1] is not a backslash.
func (k *titleSeeker) index(s string, i int, closer byte) int {
	if k.used && i >= k.from && (k.at < 0 || i <= k.at) {
		return k.at
	}
	j := i
	for ; j < len(s) && s[j] != closer; j++ {
		if s[j] == '\\' {
			j++
		}
	}
	if j >= len(s) {
		j = -1
	}
	k.from, k.at, k.used = i, j, true
	return j
}

func skipLinkSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
		i++
	}
	return i
}

// autolinkEnd returns the end of the autolink (<https://...> or
// <name@example.com>) that starts at s[i], or 0.
func autolinkEnd(s string, i int) int {
	// The scan stops at the first byte an autolink may not hold, so that
	// a paragraph of 100,000 "<" costs no more than one.
	j := 0
	for rest := s[i+1:]; j < len(rest) && rest[j] != '>'; j++ {
		if c := rest[j]; c == ' ' || c == '\t' || c == '\n' || c == '<' {
			return 0
		}
	}
	if i+1+j >= len(s) {
		return 0
	}
	in := s[i+1 : i+1+j]
	if in == "" {
		return 0
	}
	if k := strings.IndexByte(in, ':'); k >= 2 && k <= 32 && isASCIILetter(in[0]) {
		ok := true
		for _, c := range []byte(in[:k]) {
			if !isASCIILetter(c) && (c < '0' || c > '9') && c != '+' && c != '.' && c != '-' {
				ok = false
				break
			}
		}
		if ok {
			return i + 1 + j + 1
		}
	}
	if at := strings.IndexByte(in, '@'); at > 0 && at < len(in)-1 && !strings.ContainsAny(in, "\\:") {
		for _, c := range []byte(in[at+1:]) {
			if !isASCIILetter(c) && (c < '0' || c > '9') && c != '-' && c != '.' {
				return 0
			}
		}
		return i + 1 + j + 1
	}
	return 0
}

// htmlTagName returns the lower-case name of an HTML tag, and whether it
// closes an element.
func htmlTagName(tag string) (string, bool) {
	tag = strings.TrimPrefix(tag, "<")
	closing := strings.HasPrefix(tag, "/")
	tag = strings.TrimPrefix(tag, "/")
	n := 0
	for n < len(tag) && (isASCIILetter(tag[n]) || n > 0 && tag[n] >= '0' && tag[n] <= '9') {
		n++
	}
	return strings.ToLower(tag[:n]), closing
}

// entityEnd returns the end of the character reference (&amp; &#38;
// &#x26;) that starts at s[i], or 0.
func entityEnd(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		j++
		hex := j < len(s) && (s[j] == 'x' || s[j] == 'X')
		if hex {
			j++
		}
		k := j
		for k < len(s) && k-j < 8 && (s[k] >= '0' && s[k] <= '9' || hex && strings.IndexByte("abcdefABCDEF", s[k]) >= 0) {
			k++
		}
		if k == j || k-j > 7 || hex && k-j > 6 || k >= len(s) || s[k] != ';' {
			return 0
		}
		return k + 1
	}
	k := j
	for k < len(s) && k-j < 32 && (isASCIILetter(s[k]) || s[k] >= '0' && s[k] <= '9') {
		k++
	}
	if k == j || k >= len(s) || s[k] != ';' {
		return 0
	}
	return k + 1
}
