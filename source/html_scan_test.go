package source

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dumpTree writes every node of a tree, one a line, with what html.Parse
// and buildTree must agree on.
func dumpTree(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		fmt.Fprintf(&b, "%s%d %d %q %q", strings.Repeat("  ", depth), n.Type, n.DataAtom, n.Data, n.Namespace)
		for _, a := range n.Attr {
			fmt.Fprintf(&b, " %q=%q", a.Namespace+":"+a.Key, a.Val)
		}
		b.WriteByte('\n')
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Parent != n {
				b.WriteString("bad parent\n")
			}
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// checkTree fails t if buildTree gives another tree than html.Parse for s,
// or nodeText another text than the simple way to it for one of its nodes.
// It returns whether buildTree took s.
func checkTree(t *testing.T, name, s string) bool {
	t.Helper()
	want, err := html.Parse(strings.NewReader(s))
	if err == nil {
		checkNodeText(t, name, want)
	}
	checkPlainText(t, s)
	got, ok := buildTree(s)
	if !ok {
		return false
	}
	if err != nil {
		t.Errorf("%s: buildTree took a page html.Parse fails on: %v", name, err)
		return true
	}
	if g, w := dumpTree(got), dumpTree(want); g != w {
		t.Errorf("%s: buildTree(%q) =\n%s\nhtml.Parse =\n%s", name, s, g, w)
	}
	return true
}

// textOf is the text below n that nodeText folds, written the simple way.
func textOf(n *html.Node, b *strings.Builder) {
	if n.Type == html.TextNode {
		b.WriteString(n.Data)
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Template, atom.Del, atom.S, atom.Strike:
			return
		case atom.Sup:
			if strings.HasPrefix(attr(n, "id"), "fnref") {
				return
			}
		case atom.Br, atom.P, atom.Div, atom.Li, atom.Td, atom.Th, atom.Tr, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
			atom.Blockquote, atom.Section, atom.Article, atom.Pre, atom.Ul, atom.Ol, atom.Table, atom.Figure, atom.Figcaption:
			b.WriteByte(' ')
			defer b.WriteByte(' ')
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		textOf(c, b)
	}
}

// checkNodeText compares nodeText with collapseSpace(textOf(n)) for every
// node below root.
func checkNodeText(t *testing.T, name string, root *html.Node) {
	t.Helper()
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		var b strings.Builder
		textOf(n, &b)
		if got, want := nodeText(n), collapseSpace(b.String()); got != want {
			t.Errorf("%s: nodeText(<%s>) = %q, want %q", name, n.Data, got, want)
		}
		for _, s := range []string{n.Data, b.String()} {
			if got, want := isFolded(s), collapseSpace(s) == s; got != want {
				t.Errorf("isFolded(%q) = %v, want %v", s, got, want)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
}

// checkPlainText compares PlainText with the way round its shortcut for
// text without markup.
func checkPlainText(t *testing.T, s string) {
	t.Helper()
	var b strings.Builder
	if nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}); err == nil {
		for _, n := range nodes {
			textOf(n, &b)
		}
	}
	if got, want := PlainText(s), collapseSpace(b.String()); got != want {
		t.Errorf("PlainText(%q) = %q, want %q", s, got, want)
	}
}

var treeTests = []string{
	"",
	"   ",
	"hello",
	"<p>one<p>two",
	"<!DOCTYPE html><html><head><title>T &amp; U</title></head><body><p>x</p></body></html>",
	"<!doctype HTML PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\"><p>x",
	"<!-- a --><!DOCTYPE html><!-- b --><html><!-- c --><head><!-- d --></head><!-- e --><body><!-- f --></body><!-- g --></html><!-- h -->",
	"<!----><!---><!-->x<!--a--!>y<!--a--!-->z<!-- &amp; -->",
	"<title>T</title><meta name=description content='a &amp; b'><p>x",
	"<meta charset=utf-8>\n<title>x</title>\n  <p>text</p>\n",
	"<head></head>\n<script>var a = '<p>';</script>\n<body>x</body>\n\n</html>\n",
	"<html><head></head><body></body></html>  <p>after</p>",
	"<body>x</body> after",
	"<div><p>a<div>b</div>c</div>",
	"<ul><li>a<li>b<ul><li>c</ul><li>d</ul>",
	"<dl><dt>a<dd>b<dt>c</dl>",
	"<p>a <b>bold <i>both</i></b> <a href=/x>link</a> <em>e</em></p>",
	"<p>a <b>bold</p> more",
	"<b><p>x</b>",
	"<a href=1>x<a href=2>y</a>",
	"<p>a</span>b</p>",
	"<div>a</p>b</div>",
	"<h1>a<h2>b</h1>c",
	"<pre>\nx\n</pre><textarea>\ny</textarea><listing>\nz</listing>",
	"<p>a<hr>b",
	"<form><form>x</form></form><p>y",
	"<div><form><div>x</form>y</div>",
	"<button>a<button>b</button>",
	"<img src=x alt='a&ampb'><br/><input type=hidden><wbr>",
	"<p id=a ID=b class=\"c d\" data-x=1 /x=y>x</p>",
	"<div/>x<p/>y",
	"<a href=\"?a=1&b=2\">x</a><a href=\"?a=1&amp;b=2\">y</a><a href='&copy=1'>z</a><a title='&copy 2020'>w</a>",
	"<span>a<span>b</span></span><custom-el x=1>c</custom-el><CUSTOM>d</custom>",
	"<script type=application/ld+json>{\"a\":\"</p>\"}</script><style>p{}</style><noscript><img src=x></noscript>",
	"<script>a</SCRIPT >b",
	"<iframe src=x>fallback</iframe><noembed>n</noembed><xmp><b></xmp>",
	"<b><b><b><b>x</b></b></b></b>",
	"<table><tr><td>x</td></tr></table>",
	"<svg><path d=x/></svg>",
	"a < b > c <3 <",
	"x &amp; y &lt; &notin; &notit; &#x41; &#65",
	"<p> a\u00a0 b\u2003c\td\n</p><p>caf<span>\u00e9</span> <del>no</del> <sup id=fnref1>1</sup>x<br>y</p>",
	"<p>\xff \xc2 a\u0085b\u3000</p>",
	" plain  text\n\twithout\u00a0markup ",
	"a\rb\x00c",
	"<p>a</P><P>b</p>",
	"<body><article><h1>T</h1><section class=x><p>a</p></section></article><footer>f</footer></body>",
	"<main><header><nav>n</nav></header><time datetime=2020-01-01>d</time></main>",
	"<p>a<address>b</address>",
	"<dialog>x</dialog><details><summary>s</summary>d</details><search>q</search>",
	"<html lang=en><body class=x><html lang=fr>",
	"<head><link rel=x><base href=/><noframes>x</noframes></head><style>s</style>",
	"<head></head><meta name=a content=b><title>late</title><body>",
	"<p>x<li>y</p>",
	"<li>a<div><li>b</div>",
	"<dd>a<p><dt>b",
	"<a>1<span>2</a>3",
	"<em>1<div>2</em>3",
	"</br>",
	"</>x",
	"<?xml version='1.0'?><p>x",
	"<![CDATA[x]]>",
	"<!DOCTYP><![if !IE]><p>x<![endif]></ p>y<? &amp; ?><!x>",
	"<!-x-><!- ><!>",
	"<p>x</",
	"<p>x<!",
	"<p>x<!-",
	"<p>x<?",
	"<p>x<?y",
	"<p>x\x00y",
	"<p title=\"unclosed",
	"<!-- unclosed",
	"<script>unclosed",
	"<p>&amp",
	"<template>x</template>",
	"<select><option>x</select>",
	"<object>x</object>",
	"<p><nobr>a<nobr>b",
	"<frameset></frameset>",
	"<image src=x>",
	"<plaintext>x",
	"<math></math>",
	"<ruby>a<rt>b</ruby>",
	"<caption>x<td>y",
}

func TestBuildTree(t *testing.T) {
	took := 0
	for _, s := range append(treeTests,
		"<p "+strings.Repeat("a=1 ", 200)+">x",
		"<p "+strings.Repeat("a=1 b=2 ", 40)+">x",
		strings.Repeat("<", 3000)+"x",
		strings.Repeat("<div>", 600)+"x",
		strings.Repeat("<b>", 600)+"x",
	) {
		if checkTree(t, "treeTests", s) {
			took++
		}
	}
	// The example site and the test pages: buildTree must agree on all, and
	// take the plain ones.
	roots := []string{"testdata", filepath.Join("..", "testdata")}
	if dir := os.Getenv("HERALD_BENCH_CONTENT"); dir != "" {
		roots = append(roots, dir)
	}
	for _, root := range roots {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".htm") {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			s, err := decodeText(src)
			if err != nil {
				return nil
			}
			s = cleanText(s)
			if !checkTree(t, p, s) {
				t.Logf("%s: left to html.Parse", p)
			}
			return nil
		})
	}
	t.Logf("buildTree took %d of %d test snippets", took, len(treeTests))
}

func FuzzBuildTree(f *testing.F) {
	for _, s := range treeTests {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkTree(t, "fuzz", s)
	})
}

// TestParseVoidChildren checks that Parse, like Scan, reads a page with
// foreign content html.Render refuses.
func TestParseVoidChildren(t *testing.T) {
	src := []byte("<h1>T</h1><p>Some text here.</p><math><col>x</col></math><p>More text.</p>")
	if _, err := Parse("a.html", src, Options{}); err != nil {
		t.Errorf("Parse(%q): %v", src, err)
	}
}

// TestTreeBuilderReset checks that a builder that was reset builds the
// trees a new one does, whatever it built before: pages that fill its room
// for nodes, spill out of it, or need less.
func TestTreeBuilderReset(t *testing.T) {
	pages := append(treeTests,
		strings.Repeat("<p class=x>a <b>b</b>\n", 400),
		"<p>"+strings.Repeat("x ", 50000),
		strings.Repeat("<div>", 600)+"x",
	)
	backward := slices.Clone(pages)
	slices.Reverse(backward)
	var b treeBuilder
	for _, order := range [][]string{pages, backward} {
		for _, s := range order {
			if strings.ContainsAny(s, "\x00\r") {
				continue
			}
			want, wantOK := buildTree(s)
			got, ok := b.build(s)
			if ok != wantOK || ok && dumpTree(got) != dumpTree(want) {
				t.Errorf("build(%.40q) after reset = %v, want %v", s, ok, wantOK)
			}
			b.reset()
		}
	}
}
