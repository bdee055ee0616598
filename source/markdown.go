package source

import (
	"bytes"
	"html"
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
// It returns the body's paragraphs as plain text, and the summary the file
// gives (front matter summary or description, or the text before a
// <!--more--> divider), if any; the body is rendered into a.Content only
// when full is set.
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
	a.Title, a.Published, a.Updated, a.Tags = fm.Title, fm.Date, fm.Updated, fm.Tags
	a.Author, a.Draft, a.Slug, a.ID, a.Image = fm.Author, fm.Draft, fm.Slug, fm.ID, fm.Image
	summary = markdownText(fm.Summary)
	if summary == "" {
		if i := strings.Index(body, moreDivider); i >= 0 {
			summary = summarize([]string{markdownText(body[:i])}, words)
		}
	}
	if a.Title == "" || summary == "" {
		doc := scanMarkdown(body)
		if a.Title == "" {
			a.Title = doc.title
		}
		if summary == "" {
			summary = doc.summary(fm.Title == "", words)
		}
	}
	if full {
		if err := renderMarkdown(a, body, fm.Title == ""); err != nil {
			return nil, "", err
		}
	}
	return paras, summary, nil
}

// renderMarkdown renders a Markdown body into a.Content. When the front
// matter gave no title, a heading that opens the body is the title and
// leaves it.
func renderMarkdown(a *Article, body string, headingTitle bool) error {
	src := []byte(defuseEmphasis(body))
	doc := markdown.Parser().Parse(text.NewReader(src))
	if h := doc.FirstChild(); headingTitle && h != nil && h.Kind() == ast.KindHeading {
		doc.RemoveChild(doc, h)
	}
	var out bytes.Buffer
	if err := markdown.Renderer().Render(&out, src, doc); err != nil {
		return err
	}
	a.Content = sanitize(out.String())
	return nil
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
	title    string          // the first top-level heading, as plain text
	heading  string          // the same, as Markdown
	titled   bool            // a top-level heading was seen
	htmlPara bool            // an HTML block holds a <p>

	text     []string // the paragraphs read so far, as plain text
	read     int      // the blocks read so far
	rendered []string // the paragraphs of the rendered body, when it must be
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
	if d.titled {
		d.title = collapseSpace(d.inline(d.heading))
	}
	return d
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
// whether there are more. Two kinds of body are rendered after all, as they
// are rare and their text depends on the HTML: one with no paragraph at all
// (a list, a table), whose lines are read instead, and one with an HTML
// block holding a <p>. headingTitle is set when a heading that opens the
// body is the title, and so not part of it.
func (d *mdDoc) paragraphs(headingTitle bool, n int) (paras []string, more bool) {
	if len(d.blocks) == 0 || d.htmlPara {
		if d.rendered == nil {
			d.rendered = d.render(headingTitle)
		}
		if n >= 0 && len(d.rendered) > n {
			return d.rendered[:n], true
		}
		return d.rendered, false
	}
	for ; d.read < len(d.blocks) && (n < 0 || len(d.text) < n); d.read++ {
		if t := collapseSpace(d.inline(d.blocks[d.read].text)); t != "" && !isJunkLine(t) && !isByline(t) {
			d.text = append(d.text, t)
		}
	}
	if n >= 0 && len(d.text) >= n {
		return d.text[:n], len(d.text) > n || d.read < len(d.blocks)
	}
	return d.text, false
}

// render returns the paragraphs of the rendered body.
func (d *mdDoc) render(headingTitle bool) []string {
	src := []byte(defuseEmphasis(d.src))
	doc := markdown.Parser().Parse(text.NewReader(src))
	if h := doc.FirstChild(); headingTitle && h != nil && h.Kind() == ast.KindHeading {
		doc.RemoveChild(doc, h)
	}
	var b bytes.Buffer
	if err := markdown.Renderer().Render(&b, src, doc); err != nil {
		return []string{}
	}
	return htmlParagraphs(sanitize(b.String()))
}

// scan reads the blocks of lines, the content of the document (depth 0) or
// of a container in it. Paragraphs in block quotes are not kept; those of
// list items are returned with direct unset, for the list to keep or drop.
// loose reports a blank line between two of the blocks.
func (d *mdDoc) scan(lines []string, depth int, top bool) (paras []mdPara, loose bool) {
	var para []string // the lines of the open paragraph
	blocks := 0       // blocks seen
	blankAfter := -1  // blocks seen when the last blank line was
	flush := func() {
		if len(para) == 0 {
			return
		}
		para = d.paragraph(para)
		if len(para) > 0 {
			paras = append(paras, mdPara{text: strings.Join(para, "\n"), direct: true})
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
			for i < len(lines) {
				if ind, r := leadingIndent(lines[i]); r != "" && ind < 4 {
					break
				}
				i++
			}
			continue
		}
		if len(para) > 0 && setextLevel(rest) > 0 {
			// The paragraph is a heading.
			if p := d.paragraph(para); len(p) > 0 {
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
					continue
				}
				if len(quoted) > 0 && interrupts(r, 0) {
					break
				}
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
			// The definition goes on over indented and blank lines.
			for i++; i < len(lines); i++ {
				ind, r := leadingIndent(lines[i])
				if r != "" && ind < 4 {
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
		} else if sp := len(rest[w:]) - len(strings.TrimLeft(rest[w:], " ")); sp < 4 {
			width += sp
			item[0] = rest[w+sp:]
		} // else the item opens with indented code, and one space belongs to the marker
		item[0] = stripTaskBox(item[0])
		blankBefore = 0
		lastBlank := item[0] == ""
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
				lastBlank = false
				continue
			}
			if w, k := listMarker(r, false); w > 0 && k == kind && ind < 4 {
				break // the next item
			}
			if !lastBlank && !interrupts(r, ind) {
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
func (d *mdDoc) paragraph(lines []string) []string {
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
				break
			}
			lines = lines[:i-1]
			break
		}
	}
	return lines
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
		q := p
		for q < len(s) && s[q] > ' ' {
			q++
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
		if inPara && s[:n] != "1" {
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

// htmlBlockKinds are the tag names that start an HTML block of kind 6.
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
	case s[1] == '!' && len(s) > 2 && isLetterByte(s[2]):
		return 4
	}
	name := s[1:]
	closing := strings.HasPrefix(name, "/")
	if closing {
		name = name[1:]
	}
	n := 0
	for n < len(name) && (isLetterByte(name[n]) || n > 0 && (name[n] >= '0' && name[n] <= '9' || name[n] == '-')) {
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
	if end := htmlTagEnd(s, 0); end > 0 && strings.TrimSpace(s[end:]) == "" {
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

// containsFold reports whether s contains tag, which starts with "<", in
// any case.
func containsFold(s, tag string) bool {
	for i := 0; ; i++ {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return false
		}
		i += j
		if i+len(tag) <= len(s) && strings.EqualFold(s[i:i+len(tag)], tag) {
			return true
		}
	}
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

// isLetterByte reports whether c is an ASCII letter.
func isLetterByte(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// htmlTagEnd returns the end of the HTML open or closing tag, comment,
// processing instruction, declaration or CDATA section that starts at
// s[i], or 0 if there is none, as CommonMark defines raw inline HTML.
func htmlTagEnd(s string, i int) int {
	rest := s[i:]
	switch {
	case strings.HasPrefix(rest, "<!--"):
		if strings.HasPrefix(rest, "<!-->") {
			return i + 5
		}
		if strings.HasPrefix(rest, "<!--->") {
			return i + 6
		}
		if j := strings.Index(rest[4:], "-->"); j >= 0 {
			return i + 4 + j + 3
		}
		return 0
	case strings.HasPrefix(rest, "<?"):
		if j := strings.Index(rest[2:], "?>"); j >= 0 {
			return i + 2 + j + 2
		}
		return 0
	case strings.HasPrefix(rest, "<![CDATA["):
		if j := strings.Index(rest[9:], "]]>"); j >= 0 {
			return i + 9 + j + 3
		}
		return 0
	case strings.HasPrefix(rest, "<!") && len(rest) > 2 && isLetterByte(rest[2]):
		if j := strings.IndexByte(rest, '>'); j >= 0 {
			return i + j + 1
		}
		return 0
	}
	p := 1
	closing := p < len(rest) && rest[p] == '/'
	if closing {
		p++
	}
	if p >= len(rest) || !isLetterByte(rest[p]) {
		return 0
	}
	for p < len(rest) && (isLetterByte(rest[p]) || rest[p] >= '0' && rest[p] <= '9' || rest[p] == '-') {
		p++
	}
	if closing {
		for p < len(rest) && isHTMLSpace(rest[p]) {
			p++
		}
		if p < len(rest) && rest[p] == '>' {
			return i + p + 1
		}
		return 0
	}
	for {
		q := p
		for q < len(rest) && isHTMLSpace(rest[q]) {
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
		if !isLetterByte(c) && c != '_' && c != ':' {
			return 0
		}
		for q < len(rest) && (isLetterByte(rest[q]) || rest[q] >= '0' && rest[q] <= '9' || strings.IndexByte("_.:-", rest[q]) >= 0) {
			q++
		}
		// An optional value.
		r := q
		for r < len(rest) && isHTMLSpace(rest[r]) {
			r++
		}
		if r < len(rest) && rest[r] == '=' {
			r++
			for r < len(rest) && isHTMLSpace(rest[r]) {
				r++
			}
			if r >= len(rest) {
				return 0
			}
			switch rest[r] {
			case '"', '\'':
				e := strings.IndexByte(rest[r+1:], rest[r])
				if e < 0 {
					return 0
				}
				q = r + 1 + e + 1
			default:
				e := r
				for e < len(rest) && !isHTMLSpace(rest[e]) && strings.IndexByte("\"'=<>`", rest[e]) < 0 {
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

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

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
	inLink    bool // a bracket that holds a link: it cannot be a link itself
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
	var brackets []int        // open brackets, as indexes into toks
	var noCloser map[int]bool // code span lengths with no closing run left
	drop := 0                 // inside <del>, <s>, <script>...: dropped
	markers := strings.Count(s, "*") + strings.Count(s, "_") + strings.Count(s, "~")
	emphasis := markers <= maxEmphasisMarkers
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
			if i+1 < len(s) && (isASCIIPunct(s[i+1]) || s[i+1] == '\n') {
				text(s[i+1 : i+2]) // an escaped character, or a line break
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
			end := -1
			if !noCloser[n] {
				end = codeSpanEnd(s, i+n, n)
				if end < 0 {
					if noCloser == nil {
						noCloser = map[int]bool{}
					}
					noCloser[n] = true
				}
			}
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
			before, _ := utf8.DecodeLastRuneInString(s[:i])
			if i == 0 {
				before = ' '
			}
			after := ' '
			if i+n < len(s) {
				after, _ = utf8.DecodeRuneInString(s[i+n:])
			}
			bp, bs := isPunctRune(before), isSpaceRune(before)
			ap, as := isPunctRune(after), isSpaceRune(after)
			left := !as && (!ap || bs || bp)
			right := !bs && (!bp || as || ap)
			t := itok{kind: itokDelim, ch: c, n: n, orig: n, open: left, close: right}
			if c == '_' {
				t.open = left && (!right || bp)
				t.close = right && (!left || ap)
			}
			t.text = s[i : i+n]
			add(t)
			i += n
		case '!':
			if i+1 < len(s) && s[i+1] == '[' {
				if end, ok := d.footnoteRef(s, i+1); ok {
					_ = end // an image of a footnote reference is no image: goldmark drops it
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
			brackets = brackets[:len(brackets)-1]
			open := &toks[o]
			end := -1
			if (open.image || !open.inLink) && i-open.bracketAt <= 998 {
				end = d.linkEnd(s, open.bracketAt, i)
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
				for _, b := range brackets {
					toks[b].inLink = true
				}
			}
			open.kind = itokGone
			i = end
		case '<':
			if end := autolinkEnd(s, i); end > 0 {
				text(s[i+1 : end-1])
				i = end
				continue
			}
			end := htmlTagEnd(s, i)
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

// codeSpanEnd returns where the run of n backticks that closes a code span
// starts, searching s from i, or -1.
func codeSpanEnd(s string, i, n int) int {
	for i < len(s) {
		j := strings.IndexByte(s[i:], '`')
		if j < 0 {
			return -1
		}
		j += i
		k := j
		for k < len(s) && s[k] == '`' {
			k++
		}
		if k-j == n {
			return j
		}
		i = k
	}
	return -1
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
func (d *mdDoc) linkEnd(s string, start, close int) int {
	p := close + 1
	if p < len(s) && s[p] == '(' {
		if end := inlineLinkEnd(s, p+1); end > 0 {
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
func inlineLinkEnd(s string, i int) int {
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
		opened := 0
		j := i
		// A destination that runs on for pages is no link: the bound keeps
		// a line of "[a](" from costing time quadratic in its length.
		end := min(len(s), i+maxLinkDestination)
	dest:
		for ; j < end; j++ {
			switch c := s[j]; {
			case c == '\\' && j+1 < len(s) && isASCIIPunct(s[j+1]):
				j++
			case c == '(':
				opened++
			case c == ')':
				opened--
				if opened < 0 {
					break dest
				}
			case c <= ' ':
				break dest
			}
		}
		if j == i || j == i+maxLinkDestination {
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
	closer := s[i]
	if closer == '(' {
		closer = ')'
	}
	j := i + 1
	for ; j < len(s) && s[j] != closer; j++ {
		if s[j] == '\\' {
			j++
		}
	}
	if j >= len(s) {
		return -1
	}
	i = skipLinkSpace(s, j+1)
	if i < len(s) && s[i] == ')' {
		return i + 1
	}
	return -1
}

// maxLinkDestination is the longest link destination read, in bytes.
const maxLinkDestination = 8 << 10

func skipLinkSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
		i++
	}
	return i
}

// autolinkEnd returns the end of the autolink (<https://...> or
// <name@example.com>) that starts at s[i], or 0.
func autolinkEnd(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '>')
	if j < 0 {
		return 0
	}
	in := s[i+1 : i+1+j]
	if in == "" || strings.ContainsAny(in, " \t\n<") {
		return 0
	}
	if k := strings.IndexByte(in, ':'); k >= 2 && k <= 32 && isLetterByte(in[0]) {
		ok := true
		for _, c := range []byte(in[:k]) {
			if !isLetterByte(c) && (c < '0' || c > '9') && c != '+' && c != '.' && c != '-' {
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
			if !isLetterByte(c) && (c < '0' || c > '9') && c != '-' && c != '.' {
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
	for n < len(tag) && (isLetterByte(tag[n]) || n > 0 && tag[n] >= '0' && tag[n] <= '9') {
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
	for k < len(s) && k-j < 32 && (isLetterByte(s[k]) || s[k] >= '0' && s[k] <= '9') {
		k++
	}
	if k == j || k >= len(s) || s[k] != ';' {
		return 0
	}
	return k + 1
}
