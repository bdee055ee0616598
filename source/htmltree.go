package source

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseDocument returns the tree html.Parse builds for s. Most article pages
// are plain, well-formed HTML, and for those buildTree makes the same tree
// several times faster: html.Parse reads byte by byte and copies every
// string, and it cost more than everything else Herald does with a page.
// Anything buildTree does not handle exactly as html.Parse does sends the
// page to html.Parse; TestBuildTree and FuzzBuildTree hold the two to the
// same trees.
//
// s is text from decodeText, so it holds no NUL or '\r' for buildTree to
// look for. The tree's nodes may be b's: the caller must be done with them
// when it calls b.release. b.paras is then the number of <p> elements, as
// far as buildTree counted them.
func (b *treeBuilder) parseDocument(s string) (*html.Node, error) {
	if doc, ok := b.build(s); ok {
		return doc, nil
	}
	b.paras = 0
	return html.Parse(strings.NewReader(s))
}

// builders holds tree builders with room for the nodes of a page. Scan
// builds a tree for every page and is done with it at once; allocating
// and collecting the nodes cost about a third of building them.
var builders = sync.Pool{New: func() any { return new(treeBuilder) }}

func newTreeBuilder() *treeBuilder { return builders.Get().(*treeBuilder) }

// release returns b to builders.
func (b *treeBuilder) release() {
	b.reset()
	builders.Put(b)
}

// reset zeroes the nodes and attributes b built, keeping the room it has
// for them.
func (b *treeBuilder) reset() {
	used := len(b.slab)
	if b.spilled {
		used = cap(b.nodes)
	}
	clear(b.nodes[:used])
	if cap(b.attrs) == cap(b.attrBuf) { // append did not move them
		clear(b.attrBuf[:len(b.attrs)])
	} else {
		clear(b.attrBuf[:cap(b.attrBuf)])
	}
	textBuf := b.textBuf[:0]
	if cap(textBuf) > maxTextBuf {
		textBuf = nil // a page of one long text
	}
	*b = treeBuilder{nodes: b.nodes[:0], attrBuf: b.attrBuf[:0], textBuf: textBuf}
}

// maxTextBuf bounds the text buffer a released builder keeps.
const maxTextBuf = 64 << 10

// buildTree builds the tree of s as html.Parse does, or reports false when s
// holds something it leaves to html.Parse: tables, forms within forms,
// <svg> and <math>, <template>, <select>, misnested formatting elements
// (<b><p>x</b>), malformed comments and doctypes, unclosed raw text,
// attribute references it cannot decode safely, and nesting past html.Parse's
// limit. It follows x/net/html's parser (parse.go) step for step for the
// tokens and insertion modes it does handle.
func buildTree(s string) (*html.Node, bool) {
	if strings.IndexByte(s, 0) >= 0 || strings.IndexByte(s, '\r') >= 0 {
		return nil, false // the tokenizer rewrites them
	}
	return new(treeBuilder).build(s)
}

// build is buildTree for s without NUL or '\r', on a new or released b.
func (b *treeBuilder) build(s string) (*html.Node, bool) {
	b.s = s
	b.oe, b.afe = b.oeBuf[:0], b.afeBuf[:0]
	// About a node a tag, and one for the text after every fourth tag;
	// more come in smaller slabs.
	tags := strings.Count(s, "<")
	if n := min(tags+tags/4+8, maxSlab); cap(b.nodes) < n {
		b.nodes = make([]html.Node, 0, n)
	}
	b.slab = b.nodes[:0]
	if n := min(strings.Count(s, "="), maxSlab); cap(b.attrBuf) < n {
		b.attrBuf = make([]html.Attribute, 0, n)
	}
	b.attrs = b.attrBuf[:0]
	b.doc = b.newNode(html.DocumentNode, 0, "", nil)
	for !b.bad {
		if !b.next() {
			break
		}
		b.process(&b.tok)
	}
	if b.bad || b.mode == modeText {
		return nil, false
	}
	b.eof()
	b.flushText()
	return b.doc, !b.bad
}

// Insertion modes (HTML 13.2.6.4) buildTree handles.
const (
	modeInitial = iota
	modeBeforeHTML
	modeBeforeHead
	modeInHead
	modeAfterHead
	modeInBody
	modeText
	modeAfterBody
	modeAfterAfterBody
)

type tokenKind int

const (
	tokText tokenKind = iota
	tokStart
	tokEnd
	tokComment
	tokDoctype
)

type token struct {
	kind tokenKind
	atom atom.Atom
	data string // tag name, or text, comment or doctype
	attr []html.Attribute
}

type treeBuilder struct {
	s   string
	pos int
	raw string // the tag whose raw text comes next, as in html.Tokenizer

	tok token // the token next read

	doc        *html.Node
	oe         []*html.Node // the stack of open elements
	afe        []*html.Node // the active formatting elements, all on oe
	head, form *html.Node
	mode, orig int // orig is the mode to go back to after modeText
	bad        bool
	paras      int // <p> elements added

	slab  []html.Node      // nodes are allocated from here
	attrs []html.Attribute // and attributes from here

	// The room for nodes and attributes that release keeps: slab and
	// attrs start in them, and spilled reports that slab ran out of nodes.
	nodes   []html.Node
	attrBuf []html.Attribute
	spilled bool

	// The first of oe and afe, which most pages do not outgrow.
	oeBuf  [32]*html.Node
	afeBuf [8]*html.Node

	// Adjacent text tokens go into one node; like html.Parse, buildTree
	// gathers them in a buffer rather than concatenating strings.
	textNode *html.Node
	textBuf  []byte
}

// next reads the next token into b.tok, or reports false at the end of
// the input.
func (b *treeBuilder) next() bool {
	s := b.s
	if b.raw != "" {
		return b.rawText()
	}
	start := b.pos
	if start >= len(s) {
		return false
	}
	// Text runs up to a '<' that starts a tag, comment or doctype.
	i := start
	for {
		k := strings.IndexByte(s[i:], '<')
		if k < 0 {
			i = len(s)
			break
		}
		i += k
		if i+1 >= len(s) {
			i = len(s)
			break
		}
		if c := s[i+1]; isASCIILetter(c) || c == '/' || c == '!' || c == '?' {
			break
		}
		i++
	}
	if i > start {
		b.pos = i
		b.tok = token{kind: tokText, data: unescapeText(s[start:i])}
		return true
	}
	switch c := s[i+1]; {
	case isASCIILetter(c):
		return b.tag(tokStart)
	case c == '/':
		if i+2 < len(s) && isASCIILetter(s[i+2]) {
			return b.tag(tokEnd)
		}
		if i+2 < len(s) && s[i+2] != '>' {
			return b.bogusComment(i + 2) // "</ x>"
		}
	case c == '!':
		if strings.HasPrefix(s[i:], "<!--") {
			return b.comment()
		}
		if len(s)-i >= 9 && equalFoldASCII(s[i+2:i+9], "doctype") {
			return b.doctype()
		}
		if len(s)-i >= 4 {
			return b.bogusComment(i + 2) // "<![if IE]>"; buildTree gives up on <svg>, where this may be CDATA
		}
	case c == '?':
		return b.bogusComment(i + 1) // "<?xml ...?>"
	}
	b.bad = true // "</>", and markup cut off by the end
	return false
}

// bogusComment reads, from start to the next '>', what html.Tokenizer
// reads as a comment: a processing instruction, or a declaration that is no
// doctype.
func (b *treeBuilder) bogusComment(start int) bool {
	k := strings.IndexByte(b.s[start:], '>')
	if k < 0 {
		b.bad = true
		return false
	}
	b.pos = start + k + 1
	b.tok = token{kind: tokComment, data: unescapeText(b.s[start : start+k])}
	return true
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r'
}

// tag reads a start or end tag at b.pos as html.Tokenizer's readTag does.
func (b *treeBuilder) tag(kind tokenKind) bool {
	s := b.s
	i := b.pos + 1
	if kind == tokEnd {
		i++
	}
	nameStart := i
	for i < len(s) && !isSpaceByte(s[i]) && s[i] != '/' && s[i] != '>' {
		i++
	}
	t := &b.tok
	*t = token{kind: kind, data: lowerASCII(s[nameStart:i])}
	t.atom = lookupAtom(t.data)
	if t.atom != 0 {
		t.data = t.atom.String()
	}
	attrStart := len(b.attrs)
	for {
		for i < len(s) && isSpaceByte(s[i]) {
			i++
		}
		if i >= len(s) {
			b.bad = true // the tokenizer drops a tag cut off by the end
			return false
		}
		if s[i] == '>' {
			i++
			break
		}
		// The key: up to white space, '/', '>' or an '=' that is not its
		// first character.
		keyStart := i
		i++
		for i < len(s) && !isSpaceByte(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=' {
			i++
		}
		if s[keyStart] == '/' {
			i = keyStart // an empty key; the '/' is read below
		}
		key := s[keyStart:i]
		// The value.
		var val string
		hasVal := false
		for i < len(s) && isSpaceByte(s[i]) {
			i++
		}
		if i < len(s) && s[i] == '/' {
			i++
		} else if i < len(s) && s[i] == '=' {
			i++
			for i < len(s) && isSpaceByte(s[i]) {
				i++
			}
			if i >= len(s) {
				b.bad = true
				return false
			}
			switch q := s[i]; q {
			case '>':
			case '"', '\'':
				k := strings.IndexByte(s[i+1:], q)
				if k < 0 {
					b.bad = true
					return false
				}
				val, hasVal = s[i+1:i+1+k], true
				i += k + 2
			default:
				j := i
				for i < len(s) && !isSpaceByte(s[i]) && s[i] != '>' {
					i++
				}
				val, hasVal = s[j:i], true
			}
		}
		if kind != tokStart || key == "" {
			continue
		}
		if len(b.attrs)-attrStart >= maxAttrs {
			b.bad = true // looking for duplicates would take quadratic time
			return false
		}
		key = lowerASCII(key)
		dup := false
		for _, a := range b.attrs[attrStart:] {
			if a.Key == key {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		if hasVal && strings.IndexByte(val, '&') >= 0 {
			var ok bool
			if val, ok = unescapeAttr(val); !ok {
				b.bad = true
				return false
			}
		}
		if a := lookupAtom(key); a != 0 {
			key = a.String()
		}
		b.attrs = append(b.attrs, html.Attribute{Key: key, Val: val})
	}
	b.pos = i
	if n := len(b.attrs); n > attrStart {
		t.attr = b.attrs[attrStart:n:n]
	}
	if kind == tokStart {
		switch t.atom {
		case atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript, atom.Plaintext, atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Xmp:
			b.raw = t.data
		}
	}
	return true
}

// lookupAtom is atom.Lookup, which hashes the name, with the names of the
// usual tags and attributes of an article page looked up first.
func lookupAtom(name string) atom.Atom {
	switch name {
	case "p":
		return atom.P
	case "a":
		return atom.A
	case "div":
		return atom.Div
	case "span":
		return atom.Span
	case "li":
		return atom.Li
	case "em":
		return atom.Em
	case "strong":
		return atom.Strong
	case "h2":
		return atom.H2
	case "h3":
		return atom.H3
	case "href":
		return atom.Href
	case "class":
		return atom.Class
	case "id":
		return atom.Id
	case "meta":
		return atom.Meta
	case "content":
		return atom.Content
	case "name":
		return atom.Name
	}
	return atom.Lookup([]byte(name))
}

// equalFoldASCII reports whether s is lower, a lower-case ASCII word, in
// any case. Unlike strings.EqualFold it does not fold "K" (U+212A) into "k",
// as html.Tokenizer does not.
func equalFoldASCII(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// maxAttrs is more attributes than an element of an article has.
const maxAttrs = 100

// lowerASCII lower-cases the ASCII letters of s, as html.Tokenizer does
// with tag and attribute names.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// unescapeText is html.UnescapeString, which looks for '&' rune by rune.
func unescapeText(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return html.UnescapeString(s)
}

// unescapeAttr decodes the character references of an attribute value, or
// reports false for one where html.Tokenizer's rules for attributes differ
// from html.UnescapeString's: a named reference without its ';'.
func unescapeAttr(v string) (string, bool) {
	for i := 0; i < len(v); i++ {
		if v[i] != '&' {
			continue
		}
		j := i + 1
		for j < len(v) && (isASCIILetter(v[j]) || '0' <= v[j] && v[j] <= '9') {
			j++
		}
		if j == i+1 {
			continue // "&#..." and a lone '&' read the same either way
		}
		if j < len(v) && v[j] == ';' {
			// A whole name with its ';' decodes the same either way; a
			// name that is not one may be decoded from its prefix.
			if r := html.UnescapeString(v[i : j+1]); strings.HasSuffix(r, ";") {
				return "", false
			}
		} else if html.UnescapeString(v[i:j]) != v[i:j] {
			return "", false
		}
		i = j - 1
	}
	return html.UnescapeString(v), true
}

// rawText reads the text of a <script>, <style>, <title> or other raw
// text element and its end tag, as html.Tokenizer's readRawOrRCDATA does.
func (b *treeBuilder) rawText() bool {
	s, tag := b.s, b.raw
	if tag == "plaintext" {
		b.bad = true // it runs to the end of the input
		return false
	}
	end := b.pos
	for {
		k := strings.Index(s[end:], "</")
		if k < 0 {
			b.bad = true // unclosed
			return false
		}
		end += k
		j := end + 2 + len(tag)
		if j < len(s) && equalFoldASCII(s[end+2:j], tag) && (isSpaceByte(s[j]) || s[j] == '/' || s[j] == '>') {
			break
		}
		end += 2
	}
	if tag == "script" && strings.Contains(s[b.pos:end], "<!--") {
		b.bad = true // script escapes have more tokenizer states
		return false
	}
	if end > b.pos {
		text := s[b.pos:end]
		b.pos = end
		if tag == "textarea" || tag == "title" {
			text = unescapeText(text)
		}
		b.tok = token{kind: tokText, data: text}
		return true
	}
	b.raw = ""
	return b.tag(tokEnd)
}

// comment reads a comment at b.pos as html.Tokenizer's readComment does.
func (b *treeBuilder) comment() bool {
	s := b.s
	start := b.pos + len("<!--")
	dashes, beginning := 0, true
	for i := start; i < len(s); i++ {
		switch s[i] {
		case '-':
			dashes++
			continue
		case '>':
			if dashes >= 2 || beginning {
				b.pos = i + 1
				b.tok = token{kind: tokComment, data: unescapeText(s[start:max(start, i+1-len("-->"))])}
				return true
			}
		case '!':
			if dashes >= 2 {
				i++
				if i >= len(s) {
					break
				}
				if s[i] == '>' {
					b.pos = i + 1
					b.tok = token{kind: tokComment, data: unescapeText(s[start:max(start, i+1-len("--!>"))])}
					return true
				}
				if s[i] == '-' {
					dashes, beginning = 1, false
					continue
				}
			}
		}
		dashes, beginning = 0, false
	}
	b.bad = true // unclosed
	return false
}

// doctype reads "<!DOCTYPE name>" and the public and system identifiers
// that may follow the name, as html.Tokenizer's readDoctype and the
// parser's parseDoctype do.
func (b *treeBuilder) doctype() bool {
	s := b.s
	i := b.pos + len("<!DOCTYPE")
	for i < len(s) && isSpaceByte(s[i]) {
		i++
	}
	k := strings.IndexByte(s[i:], '>')
	if k < 0 || strings.IndexByte(s[i:i+k], '&') >= 0 {
		b.bad = true
		return false
	}
	b.pos = i + k + 1
	b.tok = token{kind: tokDoctype, data: s[i : i+k]}
	return true
}

// doctypeNode is x/net/html's parseDoctype without the quirks mode, which
// only changes how tables are read, and buildTree leaves tables alone.
func (b *treeBuilder) doctypeNode(s string) *html.Node {
	const ws = " \t\r\n\f"
	n := b.newNode(html.DoctypeNode, 0, "", nil)
	space := strings.IndexAny(s, ws)
	if space == -1 {
		space = len(s)
	}
	n.Data = strings.ToLower(s[:space])
	s = strings.TrimLeft(s[space:], ws)
	if len(s) < 6 {
		return n
	}
	key := strings.ToLower(s[:6])
	s = s[6:]
	for key == "public" || key == "system" {
		s = strings.TrimLeft(s, ws)
		if s == "" {
			break
		}
		quote := s[0]
		if quote != '"' && quote != '\'' {
			break
		}
		s = s[1:]
		var id string
		if q := strings.IndexByte(s, quote); q == -1 {
			id, s = s, ""
		} else {
			id, s = s[:q], s[q+1:]
		}
		n.Attr = append(n.Attr, html.Attribute{Key: key, Val: id})
		if key == "public" {
			key = "system"
		} else {
			key = ""
		}
	}
	return n
}

// maxSlab bounds the nodes allocated at once: "<<<<" is no tag at all.
const maxSlab = 1024

func (b *treeBuilder) newNode(typ html.NodeType, a atom.Atom, data string, attr []html.Attribute) *html.Node {
	if len(b.slab) == cap(b.slab) {
		b.slab = make([]html.Node, 0, min(cap(b.slab)/2+16, maxSlab))
		b.spilled = true
	}
	// The slab is zeroed: set the fields rather than copy a whole node in.
	b.slab = b.slab[:len(b.slab)+1]
	n := &b.slab[len(b.slab)-1]
	n.Type, n.DataAtom, n.Data, n.Attr = typ, a, data, attr
	return n
}

func (b *treeBuilder) top() *html.Node {
	if len(b.oe) == 0 {
		return b.doc
	}
	return b.oe[len(b.oe)-1]
}

func (b *treeBuilder) addChild(n *html.Node) {
	b.top().AppendChild(n)
	if n.Type == html.ElementNode {
		b.oe = append(b.oe, n)
		if len(b.oe) > 512 {
			b.bad = true // html.Parse fails here
		}
	}
}

func (b *treeBuilder) addElement(t *token) *html.Node {
	if t.atom == atom.P {
		b.paras++
	}
	n := b.newNode(html.ElementNode, t.atom, t.data, t.attr)
	b.addChild(n)
	return n
}

func (b *treeBuilder) addComment(parent *html.Node, t *token) {
	parent.AppendChild(b.newNode(html.CommentNode, 0, t.data, nil))
}

func (b *treeBuilder) addText(text string) {
	if text == "" {
		return
	}
	if n := b.top().LastChild; n != nil && n.Type == html.TextNode {
		if n != b.textNode {
			b.flushText()
			b.textNode = n
			b.textBuf = append(b.textBuf[:0], n.Data...)
		}
		b.textBuf = append(b.textBuf, text...)
		return
	}
	b.addChild(b.newNode(html.TextNode, 0, text, nil))
}

func (b *treeBuilder) flushText() {
	if b.textNode != nil {
		b.textNode.Data = string(b.textBuf)
		b.textNode = nil
	}
}

// popTo truncates the stack of open elements to its first n. Closing a
// formatting element other than by its own end tag leaves it to be
// reopened later (HTML 13.2.4.3), which buildTree does not do.
func (b *treeBuilder) popTo(n int) {
	if len(b.afe) > 0 {
		for _, e := range b.oe[n:] {
			if isFormatting(e.DataAtom) && slices.Contains(b.afe, e) {
				b.bad = true
			}
		}
	}
	b.oe = b.oe[:n]
}

func (b *treeBuilder) pop() { b.popTo(len(b.oe) - 1) }

// Scopes (HTML 13.2.4.2). Of their boundaries only <html>, <button>, <ol>
// and <ul> get on the stack in buildTree.
const (
	defaultScope = iota
	listItemScope
	buttonScope
)

// inScope returns the index on the stack of the topmost element matching
// one of tags that is in scope, or -1.
func (b *treeBuilder) inScope(scope int, tags ...atom.Atom) int {
	for i := len(b.oe) - 1; i >= 0; i-- {
		a := b.oe[i].DataAtom
		if slices.Contains(tags, a) {
			return i
		}
		if a == atom.Html || scope == listItemScope && (a == atom.Ol || a == atom.Ul) || scope == buttonScope && a == atom.Button {
			return -1
		}
	}
	return -1
}

func (b *treeBuilder) popUntil(scope int, tags ...atom.Atom) bool {
	if i := b.inScope(scope, tags...); i >= 0 {
		b.popTo(i)
		return true
	}
	return false
}

func (b *treeBuilder) generateImpliedEndTags(except atom.Atom) {
	i := len(b.oe)
	for i > 0 {
		switch a := b.oe[i-1].DataAtom; a {
		case atom.Dd, atom.Dt, atom.Li, atom.Optgroup, atom.Option, atom.P, atom.Rb, atom.Rp, atom.Rt, atom.Rtc:
			if a != except {
				i--
				continue
			}
		}
		break
	}
	b.popTo(i)
}

func isFormatting(a atom.Atom) bool {
	switch a {
	case atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.Nobr, atom.S, atom.Small, atom.Strike, atom.Strong, atom.Tt, atom.U:
		return true
	}
	return false
}

// isSpecial is x/net/html's isSpecialElement for HTML elements.
func isSpecial(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Applet, atom.Area, atom.Article, atom.Aside, atom.Base, atom.Basefont, atom.Bgsound,
		atom.Blockquote, atom.Body, atom.Br, atom.Button, atom.Caption, atom.Center, atom.Col, atom.Colgroup,
		atom.Dd, atom.Details, atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Embed, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Footer, atom.Form, atom.Frame, atom.Frameset, atom.H1, atom.H2, atom.H3, atom.H4,
		atom.H5, atom.H6, atom.Head, atom.Header, atom.Hgroup, atom.Hr, atom.Html, atom.Iframe, atom.Img,
		atom.Input, atom.Keygen, atom.Li, atom.Link, atom.Listing, atom.Main, atom.Marquee, atom.Menu,
		atom.Meta, atom.Nav, atom.Noembed, atom.Noframes, atom.Noscript, atom.Object, atom.Ol, atom.P,
		atom.Param, atom.Plaintext, atom.Pre, atom.Script, atom.Section, atom.Select, atom.Source, atom.Style,
		atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Template, atom.Textarea, atom.Tfoot, atom.Th,
		atom.Thead, atom.Title, atom.Tr, atom.Track, atom.Ul, atom.Wbr, atom.Xmp:
		return true
	}
	return false
}

// process runs a token through the insertion modes until one consumes it.
func (b *treeBuilder) process(t *token) {
	for !b.bad && !b.step(t) {
	}
}

// step is one insertion mode's handling of t; it reports whether t was
// consumed, or is to be processed again in the new mode.
func (b *treeBuilder) step(t *token) bool {
	const ws = " \t\r\n\f"
	switch b.mode {
	case modeInitial:
		switch t.kind {
		case tokText:
			if t.data = strings.TrimLeft(t.data, ws); t.data == "" {
				return true
			}
		case tokComment:
			b.addComment(b.doc, t)
			return true
		case tokDoctype:
			b.doc.AppendChild(b.doctypeNode(t.data))
			b.mode = modeBeforeHTML
			return true
		}
		b.mode = modeBeforeHTML
		return false
	case modeBeforeHTML:
		switch t.kind {
		case tokDoctype:
			return true
		case tokText:
			if t.data = strings.TrimLeft(t.data, ws); t.data == "" {
				return true
			}
		case tokStart:
			if t.atom == atom.Html {
				b.addElement(t)
				b.mode = modeBeforeHead
				return true
			}
		case tokEnd:
			switch t.atom {
			case atom.Head, atom.Body, atom.Html:
			case atom.Br:
				b.bad = true
				return true
			default:
				return true
			}
		case tokComment:
			b.addComment(b.doc, t)
			return true
		}
		b.addElement(&token{kind: tokStart, atom: atom.Html, data: "html"})
		b.mode = modeBeforeHead
		return false
	case modeBeforeHead:
		switch t.kind {
		case tokText:
			if t.data = strings.TrimLeft(t.data, ws); t.data == "" {
				return true
			}
		case tokStart:
			switch t.atom {
			case atom.Head:
				b.head = b.addElement(t)
				b.mode = modeInHead
				return true
			case atom.Html:
				return b.htmlStartTag(t)
			}
		case tokEnd:
			switch t.atom {
			case atom.Head, atom.Body, atom.Html:
			case atom.Br:
				b.bad = true
				return true
			default:
				return true
			}
		case tokComment:
			b.addComment(b.top(), t)
			return true
		case tokDoctype:
			return true
		}
		b.head = b.addElement(&token{kind: tokStart, atom: atom.Head, data: "head"})
		b.mode = modeInHead
		return false
	case modeInHead:
		return b.inHead(t)
	case modeAfterHead:
		switch t.kind {
		case tokText:
			if b.addLeadingSpace(t) {
				return true
			}
		case tokStart:
			switch t.atom {
			case atom.Html:
				return b.htmlStartTag(t)
			case atom.Body:
				b.addElement(t)
				b.mode = modeInBody
				return true
			case atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta, atom.Noframes, atom.Script, atom.Style, atom.Title:
				// Into the head after all.
				b.oe = append(b.oe, b.head)
				done := b.inHead(t)
				if i := slices.Index(b.oe, b.head); i >= 0 {
					b.oe = slices.Delete(b.oe, i, i+1)
				}
				return done
			case atom.Head:
				return true
			case atom.Frameset, atom.Template:
				b.bad = true
				return true
			}
		case tokEnd:
			switch t.atom {
			case atom.Body, atom.Html:
			case atom.Br, atom.Template:
				b.bad = true
				return true
			default:
				return true
			}
		case tokComment:
			b.addComment(b.top(), t)
			return true
		case tokDoctype:
			return true
		}
		b.addElement(&token{kind: tokStart, atom: atom.Body, data: "body"})
		b.mode = modeInBody
		return false
	case modeInBody:
		return b.inBody(t)
	case modeText:
		switch t.kind {
		case tokText:
			d := t.data
			if n := b.top(); n.DataAtom == atom.Textarea && n.FirstChild == nil {
				d = strings.TrimPrefix(d, "\n")
			}
			b.addText(d)
			return true
		case tokEnd:
			b.pop()
			b.mode = b.orig
			return true
		}
		b.bad = true
		return true
	case modeAfterBody:
		switch t.kind {
		case tokText:
			if strings.TrimLeft(t.data, ws) == "" {
				return b.inBody(t)
			}
		case tokStart:
			if t.atom == atom.Html {
				return b.htmlStartTag(t)
			}
		case tokEnd:
			if t.atom == atom.Html {
				b.mode = modeAfterAfterBody
				return true
			}
		case tokComment:
			b.addComment(b.oe[0], t)
			return true
		}
		b.mode = modeInBody
		return false
	case modeAfterAfterBody:
		switch t.kind {
		case tokText:
			if strings.TrimLeft(t.data, ws) == "" {
				return b.inBody(t)
			}
		case tokStart:
			if t.atom == atom.Html {
				return b.htmlStartTag(t)
			}
		case tokComment:
			b.addComment(b.doc, t)
			return true
		case tokDoctype:
			return true
		}
		b.mode = modeInBody
		return false
	}
	b.bad = true
	return true
}

// htmlStartTag handles a second <html> tag: html.Parse adds its attributes
// to the first.
func (b *treeBuilder) htmlStartTag(t *token) bool {
	if len(t.attr) > 0 {
		b.bad = true
	}
	return true
}

// startRaw adds the element of a raw text start tag, whose text and end
// tag come next.
func (b *treeBuilder) startRaw(t *token) bool {
	b.addElement(t)
	b.orig, b.mode = b.mode, modeText
	return true
}

// addLeadingSpace adds the white space a text token starts with to the
// tree, as the head modes do, and leaves the token the rest; it reports
// whether nothing is left.
func (b *treeBuilder) addLeadingSpace(t *token) bool {
	rest := strings.TrimLeft(t.data, " \t\r\n\f")
	if len(rest) == len(t.data) {
		return false
	}
	b.addText(t.data[:len(t.data)-len(rest)])
	t.data = rest
	return rest == ""
}

func (b *treeBuilder) inHead(t *token) bool {
	switch t.kind {
	case tokText:
		if b.addLeadingSpace(t) {
			return true
		}
	case tokStart:
		switch t.atom {
		case atom.Html:
			return b.htmlStartTag(t)
		case atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta:
			b.addElement(t)
			b.pop()
			return true
		case atom.Noscript, atom.Script, atom.Title, atom.Noframes, atom.Style:
			return b.startRaw(t)
		case atom.Head:
			return true
		case atom.Template:
			b.bad = true
			return true
		}
	case tokEnd:
		switch t.atom {
		case atom.Head:
			b.pop()
			b.mode = modeAfterHead
			return true
		case atom.Body, atom.Html:
		case atom.Br, atom.Template:
			b.bad = true
			return true
		default:
			return true
		}
	case tokComment:
		b.addComment(b.top(), t)
		return true
	case tokDoctype:
		return true
	}
	b.pop() // the implied </head>
	b.mode = modeAfterHead
	return false
}

func (b *treeBuilder) inBody(t *token) bool {
	switch t.kind {
	case tokText:
		d := t.data
		if n := b.top(); (n.DataAtom == atom.Pre || n.DataAtom == atom.Listing) && n.FirstChild == nil {
			d = strings.TrimPrefix(d, "\n") // a newline right after <pre> is not content
		}
		b.addText(d)
	case tokComment:
		b.addComment(b.top(), t)
	case tokDoctype:
	case tokStart:
		b.inBodyStart(t)
	case tokEnd:
		return b.inBodyEnd(t)
	}
	return true
}

func (b *treeBuilder) inBodyStart(t *token) {
	switch t.atom {
	case atom.Html:
		b.htmlStartTag(t)
	case atom.Body:
		// html.Parse adds the attributes to the first <body>.
		if len(t.attr) > 0 {
			b.bad = true
		}
	case atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta, atom.Noframes, atom.Script, atom.Style, atom.Title:
		b.inHead(t)
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center, atom.Details, atom.Dialog, atom.Dir,
		atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Header, atom.Hgroup,
		atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Search, atom.Section, atom.Summary, atom.Ul:
		b.popUntil(buttonScope, atom.P)
		b.addElement(t)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		b.popUntil(buttonScope, atom.P)
		switch b.top().DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			b.pop()
		}
		b.addElement(t)
	case atom.Pre, atom.Listing:
		b.popUntil(buttonScope, atom.P)
		b.addElement(t)
	case atom.Form:
		if b.form != nil {
			return // a form within a form is ignored
		}
		b.popUntil(buttonScope, atom.P)
		b.form = b.addElement(t)
	case atom.Li, atom.Dd, atom.Dt:
		for i := len(b.oe) - 1; i >= 0; i-- {
			a := b.oe[i].DataAtom
			if a == t.atom || t.atom != atom.Li && (a == atom.Dd || a == atom.Dt) {
				b.popTo(i)
				break
			}
			if a != atom.Address && a != atom.Div && a != atom.P && isSpecial(a) {
				break
			}
		}
		b.popUntil(buttonScope, atom.P)
		b.addElement(t)
	case atom.Button:
		if b.inScope(defaultScope, atom.Button) >= 0 {
			b.generateImpliedEndTags(0)
			b.popUntil(defaultScope, atom.Button)
		}
		b.addElement(t)
	case atom.A:
		for _, e := range b.afe {
			if e.DataAtom == atom.A {
				b.bad = true // an <a> within an <a> runs the adoption agency
			}
		}
		b.addFormatting(t)
	case atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.S, atom.Small, atom.Strike, atom.Strong, atom.Tt, atom.U:
		b.addFormatting(t)
	case atom.Nobr:
		if b.inScope(defaultScope, atom.Nobr) >= 0 {
			b.bad = true
		}
		b.addFormatting(t)
	case atom.Area, atom.Br, atom.Embed, atom.Img, atom.Keygen, atom.Wbr, atom.Input, atom.Param, atom.Source, atom.Track:
		b.addElement(t)
		b.pop()
	case atom.Hr:
		if b.inScope(buttonScope, atom.P) >= 0 {
			b.generateImpliedEndTags(atom.P)
			b.popUntil(defaultScope, atom.P)
		}
		b.addElement(t)
		b.pop()
	case atom.Textarea, atom.Iframe, atom.Noembed, atom.Noscript:
		b.startRaw(t)
	case atom.Xmp:
		b.popUntil(buttonScope, atom.P)
		b.startRaw(t)
	case atom.Caption, atom.Col, atom.Colgroup, atom.Frame, atom.Head, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
		// Ignored outside a table.
	case atom.Applet, atom.Marquee, atom.Object, atom.Table, atom.Image, atom.Select, atom.Option, atom.Optgroup,
		atom.Rb, atom.Rtc, atom.Rp, atom.Rt, atom.Math, atom.Svg, atom.Template, atom.Frameset, atom.Plaintext:
		b.bad = true
	default:
		b.addElement(t)
	}
}

// addFormatting adds a formatting element; html.Parse sorts their
// attributes.
func (b *treeBuilder) addFormatting(t *token) {
	n := b.addElement(t)
	if len(n.Attr) > 1 {
		slices.SortFunc(n.Attr, func(x, y html.Attribute) int {
			return cmp.Or(cmp.Compare(x.Namespace, y.Namespace), cmp.Compare(x.Key, y.Key), cmp.Compare(x.Val, y.Val))
		})
	}
	same := 0
	for _, e := range b.afe {
		if e.DataAtom == n.DataAtom && slices.Equal(e.Attr, n.Attr) {
			same++
		}
	}
	if same >= 3 {
		b.bad = true // the Noah's Ark clause
	}
	b.afe = append(b.afe, n)
}

func (b *treeBuilder) inBodyEnd(t *token) bool {
	switch t.atom {
	case atom.Body:
		if b.inScope(defaultScope, atom.Body) >= 0 {
			b.mode = modeAfterBody
		}
	case atom.Html:
		if b.inScope(defaultScope, atom.Body) >= 0 {
			b.mode = modeAfterBody
			return false
		}
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Button, atom.Center, atom.Details, atom.Dialog,
		atom.Dir, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Header, atom.Hgroup,
		atom.Listing, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.Pre, atom.Search, atom.Section, atom.Select,
		atom.Summary, atom.Ul:
		if b.inScope(defaultScope, t.atom) < 0 {
			return true
		}
		b.generateImpliedEndTags(0)
		b.popUntil(defaultScope, t.atom)
	case atom.Form:
		node := b.form
		b.form = nil
		i := b.inScope(defaultScope, atom.Form)
		if node == nil || i == -1 || b.oe[i] != node {
			return true
		}
		b.generateImpliedEndTags(0)
		if i := slices.Index(b.oe, node); i >= 0 {
			b.oe = slices.Delete(b.oe, i, i+1)
		}
	case atom.P:
		if b.inScope(buttonScope, atom.P) < 0 {
			b.inBodyStart(&token{kind: tokStart, atom: atom.P, data: "p"})
		}
		b.popUntil(buttonScope, atom.P)
	case atom.Li:
		b.popUntil(listItemScope, atom.Li)
	case atom.Dd, atom.Dt:
		b.popUntil(defaultScope, t.atom)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		b.popUntil(defaultScope, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6)
	case atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.Nobr, atom.S, atom.Small, atom.Strike, atom.Strong, atom.Tt, atom.U:
		b.endFormatting(t)
	case atom.Applet, atom.Marquee, atom.Object:
		// Never open: buildTree gives up on their start tags.
	case atom.Br, atom.Template:
		b.bad = true
	default:
		b.endOther(t)
	}
	return true
}

// endFormatting is the adoption agency algorithm (HTML 13.2.6.4.7) for its
// simple case: the formatting element has no block element inside it.
func (b *treeBuilder) endFormatting(t *token) {
	fi := -1
	for i := len(b.afe) - 1; i >= 0; i-- {
		if b.afe[i].DataAtom == t.atom {
			fi = i
			break
		}
	}
	if fi < 0 {
		b.endOther(t)
		return
	}
	fe := b.afe[fi]
	i := slices.Index(b.oe, fe)
	for _, e := range b.oe[i+1:] {
		if isSpecial(e.DataAtom) {
			b.bad = true // the adoption agency moves nodes about
			return
		}
	}
	b.afe = slices.Delete(b.afe, fi, fi+1)
	b.popTo(i)
}

// endOther is x/net/html's inBodyEndTagOther.
func (b *treeBuilder) endOther(t *token) {
	for i := len(b.oe) - 1; i >= 0; i-- {
		if n := b.oe[i]; n.DataAtom == t.atom && (t.atom != 0 || n.Data == t.data) {
			b.popTo(i)
			return
		}
		if isSpecial(b.oe[i].DataAtom) {
			return
		}
	}
}

// eof creates the <html>, <head> and <body> elements html.Parse adds at the
// end of the input when the page did not open them.
func (b *treeBuilder) eof() {
	for b.mode < modeInBody {
		switch b.mode {
		case modeInitial:
			b.mode = modeBeforeHTML
		case modeBeforeHTML:
			b.addElement(&token{kind: tokStart, atom: atom.Html, data: "html"})
			b.mode = modeBeforeHead
		case modeBeforeHead:
			b.head = b.addElement(&token{kind: tokStart, atom: atom.Head, data: "head"})
			b.mode = modeInHead
		case modeInHead:
			b.pop()
			b.mode = modeAfterHead
		case modeAfterHead:
			b.addElement(&token{kind: tokStart, atom: atom.Body, data: "body"})
			b.mode = modeInBody
		}
	}
}
