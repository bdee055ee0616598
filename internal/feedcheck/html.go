package feedcheck

import (
	"html"
	"regexp"
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"
)

// checker checks one parsed XML feed.
type checker struct {
	*report
	doc *xmlDoc
	opt Options
	rss bool // an RSS feed: the validator's RSS-profile checks apply
}

var (
	htmlEndTagRe = regexp.MustCompile(`</(\w+)>`)
	htmlEntityRe = regexp.MustCompile(`&(#?\w+)`)
	charDataRe   = regexp.MustCompile(`&#[x0-9]|<[/a-zA-Z]`)
)

// nonHTMLMessages are the messages of the codes checkNonHTML reports.
var nonHTMLMessages = map[string]string{
	"ContainsHTML":           "%s should not contain HTML: %s",
	"ContainsUndeclaredHTML": "%s should not contain HTML unless declared in the type attribute: %s",
	"NotInline":              "%s claims to be inline, but may contain html: %s",
}

// checkNonHTML reports markup in an element meant for plain text
// (validators.py nonhtml): an end tag of an HTML element, an entity
// reference left in the text (escaped twice), or, in RSS, "<" or "&#"
// written without hexadecimal character references (CharacterData).
func (c *checker) checkNonHTML(n *node, value, code string) {
	what := c.display(n.name)
	for _, m := range htmlEndTagRe.FindAllStringSubmatch(value, -1) {
		if htmlTags[strings.ToLower(m[1])] {
			c.warnf(n.line, code, nonHTMLMessages[code], what, m[0])
			return
		}
	}
	if ms := htmlEntityRe.FindAllStringSubmatch(value, -1); ms != nil {
		for _, m := range ms {
			name := m[1]
			if (isEntity(name) || !isLetters(name)) && !c.doc.hasHexRef(n) {
				c.warnf(n.line, code, nonHTMLMessages[code], what, "&"+name+";")
			}
		}
		return
	}
	if c.rss && charDataRe.MatchString(value) && !c.doc.hasHexRef(n) {
		c.warnf(n.line, "CharacterData", "Encode \"&\" and \"<\" in plain text using hexadecimal character references: %s", what)
	}
}

// isEntity reports whether name is an HTML named character reference.
func isEntity(name string) bool {
	ref := "&" + name + ";"
	return name == "apos" || html.UnescapeString(ref) != ref
}

func isLetters(s string) bool {
	for _, c := range s {
		if !unicode.IsLetter(c) {
			return false
		}
	}
	return s != ""
}

var (
	anchorRe = regexp.MustCompile(`(?i)<a\s+href=(?:"(.*?)"|'(.*?)'|([\w-]+))[\s>]`)
	imgRe    = regexp.MustCompile(`(?i)<img\s+[^>]*src=(?:"(.*?)"|'(.*?)'|([\w-]+))[\s>]`)
	absRefRe = regexp.MustCompile(`^\w+:`)
)

// checkRelRefs reports relative links and image sources in HTML
// (validators.py absUrlMixin). Like the validator it looks only at an href
// written first in its <a> tag.
func (c *checker) checkRelRefs(line int, what, value string) {
	for _, re := range []*regexp.Regexp{imgRe, anchorRe} {
		for _, m := range re.FindAllStringSubmatch(value, -1) {
			ref := strings.TrimSpace(html.UnescapeString(m[1] + m[2] + m[3]))
			if absRefRe.MatchString(ref) {
				continue
			}
			if i := strings.IndexFunc(ref, func(c rune) bool { return c < 128 && !uriChar(c) }); i >= 0 {
				c.errorf(line, "InvalidUriChar", "Invalid character %q in a URI: %s: %q", ref[i], what, ref)
				continue
			}
			c.warnf(line, "ContainsRelRef", "%s should not contain relative URL references: %q", what, ref)
		}
	}
}

// checkSafeHTML checks escaped HTML (validators.py HTMLValidator): tags
// that are not HTML, tags and attributes that readers strip as unsafe, and
// markup an HTML parser has to repair (the validator parses with html5lib
// in strict mode; feedcheck looks for unclosed and stray tags only).
func (c *checker) checkSafeHTML(line int, what, value string) {
	z := xhtml.NewTokenizer(strings.NewReader(value))
	var open []string
	invalid := ""
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		tok := z.Token()
		name := strings.ToLower(tok.Data)
		switch tt {
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			c.checkTag(line, what, name, tok.Attr)
			switch {
			case voidElements[name]:
			case tt == xhtml.SelfClosingTagToken:
				if invalid == "" {
					invalid = "non-void element <" + name + "/> written self-closing"
				}
			default:
				open = append(open, name)
			}
		case xhtml.EndTagToken:
			i := len(open) - 1
			for i >= 0 && open[i] != name {
				i--
			}
			if i < 0 {
				if invalid == "" {
					invalid = "unexpected end tag </" + name + ">"
				}
				continue
			}
			for _, o := range open[i+1:] {
				if !optionalEnd[o] && invalid == "" {
					invalid = "<" + o + "> closed by </" + name + ">"
				}
			}
			open = open[:i]
		}
	}
	for _, o := range open {
		if !optionalEnd[o] && invalid == "" {
			invalid = "unclosed <" + o + ">"
		}
	}
	if invalid != "" {
		c.warnf(line, "NotHtml", "Invalid HTML in %s: %s", what, invalid)
	}
}

// checkTag checks one start tag of escaped HTML.
func (c *checker) checkTag(line int, what, name string, attrs []xhtml.Attribute) {
	switch {
	case !htmlTags[name]:
		c.warnf(line, "NotHtml", "Non-html tag in %s: %s", what, name)
	case !acceptableElements[name]:
		c.warnf(line, "SecurityRisk", "%s should not contain %s tag", what, name)
	default:
		for _, a := range attrs {
			k := strings.ToLower(a.Key)
			switch {
			case k == "style":
				if bad := checkStyle(a.Val); len(bad) > 0 {
					c.warnf(line, "DangerousStyleAttr", "style attribute in %s contains potentially dangerous content: %s", what, bad[0])
				}
			case !acceptableAttributes[k] && !strings.HasPrefix(k, "data-"):
				c.warnf(line, "SecurityRiskAttr", "%s should not contain %s attribute", what, k)
			}
		}
	}
}

var (
	styleSyntaxRe = regexp.MustCompile(`^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$`)
	styleDeclsRe  = regexp.MustCompile(`^(\s*[-\w]+\s*:\s*[^:;]*(;|$))*$`)
	styleDeclRe   = regexp.MustCompile(`([-\w]+)\s*:\s*([^:;]*)`)
	cssValueRe    = regexp.MustCompile(`^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d?\.?\d?\d(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$`)
)

// checkStyle returns the unsafe parts of a style attribute
// (validators.py checkStyle).
func checkStyle(style string) []string {
	if !styleSyntaxRe.MatchString(style) || !styleDeclsRe.MatchString(style) {
		return []string{style}
	}
	var unsafe []string
	for _, m := range styleDeclRe.FindAllStringSubmatch(strings.ToLower(style), -1) {
		prop, value := m[1], m[2]
		if !cssProperties[prop] {
			unsafe = append(unsafe, prop)
			continue
		}
		switch strings.Split(prop, "-")[0] {
		case "background", "border", "margin", "padding":
			for _, kw := range strings.Fields(value) {
				if !cssKeywords[kw] && !cssValueRe.MatchString(kw) {
					unsafe = append(unsafe, kw)
				}
			}
		}
	}
	return unsafe
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// The HTML vocabulary of the validator's HTMLValidator (validators.py).
var (
	htmlTags = set(`a abbr acronym address applet area article aside audio b base
		basefont bdi bdo big blockquote body br button canvas caption center cite
		code col colgroup command data datagrid datalist dd del details dfn dialog
		dir div dl dt em eventsource fieldset figcaption figure font footer form
		frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img
		input ins isindex kbd label legend li link m main mark map menu meta meter
		nav noframes noscript object ol optgroup option output p param picture pre
		progress q rp rt ruby s samp script section select slot small source span
		strike strong style sub summary sup table tbody td template textarea tfoot
		th thead time title tr track tt u ul var xmp plaintext embed comment
		listing video wbr`)
	acceptableElements = set(`a abbr acronym address area article aside audio b
		bdi big blockquote br button canvas caption center cite code col colgroup
		command data datagrid datalist dd del details dfn dialog dir div dl dt em
		eventsource fieldset figcaption figure footer font form header h1 h2 h3 h4
		h5 h6 hgroup hr i img input ins keygen kbd label legend li m main map mark
		menu meter multicol nav nextid ol output optgroup option p picture pre
		progress q rp rt ruby s samp section select small sound source spacer span
		strike strong sub summary sup table tbody td template textarea time tfoot
		th thead tr track tt u ul var video noscript wbr`)
	acceptableAttributes = set(`abbr accept accept-charset accesskey action align
		allow allowfullscreen allowpaymentrequest alt as autoplay autocapitalize
		autocomplete autofocus axis background balance bgcolor bgproperties border
		bordercolor bordercolordark bordercolorlight bottompadding cellpadding
		cellspacing ch challenge char charoff choff charset checked cite class
		clear color cols colspan compact contenteditable coords crossorigin data
		datafld datapagesize datasrc datetime decoding default delay dir dirname
		disabled download draggable dynsrc enctype end enterkeyhint face for form
		formenctype frame galleryimg gutter headers height hidefocus hidden high
		href hreflang hspace icon id inputmode is ismap itemid itemprop itemref
		itemscope itemtype kind keytype label lang leftspacing loading list
		longdesc loop loopcount loopend loopstart low lowsrc max maxlength media
		method min minlength multiple muted name nohref nonce noshade nowrap open
		optimum pattern ping placeholder playsinline point-size poster preload
		prompt pqg radiogroup readonly referrerpolicy rel repeat-max repeat-min
		replace required rev reversed rightspacing rows rowspan rules scope
		selected shape size sizes span spellcheck src srclang srcset start step
		summary suppress tabindex target template title toppadding translate type
		unselectable usemap urn valign value variable volume vspace vrml width
		wrap xml:lang xmlns`)
	cssProperties = set(`azimuth background background-color border
		border-bottom border-bottom-color border-bottom-style border-bottom-width
		border-collapse border-color border-left border-left-color
		border-left-style border-left-width border-right border-right-color
		border-right-style border-right-width border-spacing border-style
		border-top border-top-color border-top-style border-top-width
		border-width clear color cursor direction display elevation float font
		font-family font-size font-style font-variant font-weight height
		letter-spacing line-height list-style-type margin margin-bottom
		margin-left margin-right margin-top overflow padding padding-bottom
		padding-left padding-right padding-top pause pause-after pause-before
		pitch pitch-range richness speak speak-header speak-numeral
		speak-punctuation speech-rate stress text-align text-decoration
		text-indent unicode-bidi vertical-align voice-family volume white-space
		width`)
	cssKeywords = set(`aqua auto black block blue bold both bottom brown center
		collapse dashed dotted fuchsia gray green !important italic left lime
		maroon medium none navy normal nowrap olive pointer purple red right
		solid silver teal top transparent underline white yellow`)
	// voidElements have no end tag.
	voidElements = set(`area base basefont bgsound br col embed frame hr img input
		keygen link meta param source track wbr`)
	// optionalEnd are the elements an HTML parser closes at the end of a
	// fragment without a parse error.
	optionalEnd = set(`dd dt li optgroup option p rb rp rt rtc tbody td tfoot th
		thead tr body html`)
)
