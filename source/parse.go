package source

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"path"
	"strings"

	"github.com/cespare/xxhash/v2"
)

// Options tune parsing.
type Options struct {
	// SummaryWords is the most words a generated summary holds (default 60).
	SummaryWords int
}

// KindOf returns the kind of article a file name holds, or false for files
// Herald does not read.
func KindOf(name string) (Kind, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt":
		return KindText, true
	case ".md", ".markdown":
		return KindMarkdown, true
	case ".html", ".htm":
		return KindHTML, true
	}
	return "", false
}

// Parse reads one article file. name is its slash-separated path relative to
// the content folder; it chooses the parser by extension and gives the slug.
// Errors are *ParseError values naming the file and, where known, the line.
func Parse(name string, src []byte, opt Options) (*Article, error) {
	return read(name, src, opt, true)
}

// Scan reads what Herald needs to know of every article to order, date and
// find it, without rendering its body: every field of [Parse] but Summary,
// Content and Dropped (left empty). It is what Herald does for every file
// of the folder; Parse is for the few articles a feed or a page shows,
// whose summary is read with their content. For the same bytes, Scan and
// Parse agree on every field they both fill, and fail on the same files.
func Scan(name string, src []byte, opt Options) (*Article, error) {
	return read(name, src, opt, false)
}

func read(name string, src []byte, opt Options, full bool) (*Article, error) {
	kind, ok := KindOf(name)
	if !ok {
		return nil, &ParseError{Path: name, Err: ErrUnsupported}
	}
	var buf [ContentHashLen]byte
	hash := appendContentHash(buf[:0], src)
	a := &Article{Path: name, Kind: kind}
	if err := parse(a, src, opt, full); err != nil {
		pe := &ParseError{Path: name, Err: err}
		var le *lineError
		if errors.As(err, &le) {
			pe.Line, pe.Err = le.line, le.err
		}
		return nil, pe
	}
	if !full {
		a.Content, a.Dropped = "", nil
	}
	a.detach(hash)
	return a, nil
}

// ContentHashLen is the length of a [ContentHash]. Earlier versions of
// Herald hashed with SHA-256, in 64 digits: the length tells them apart.
const ContentHashLen = 16

// ContentHash returns what identifies the content of a file with the bytes
// src (an [Article]'s Hash): XXH64, as 16 lowercase hex digits. Herald
// hashes every file it reads, and only compares hashes: 64 bits make a
// collision among 100,000 files unlikely (about 3 in 10^10), at an eighth
// of SHA-256's cost.
func ContentHash(src []byte) string {
	var buf [ContentHashLen]byte
	return string(appendContentHash(buf[:0], src))
}

func appendContentHash(b, src []byte) []byte {
	var sum [8]byte
	binary.BigEndian.PutUint64(sum[:], xxhash.Sum64(src))
	return hex.AppendEncode(b, sum[:])
}

// parse fills a from the file's bytes; the body is rendered into a.Content
// only when full is set.
func parse(a *Article, src []byte, opt Options, full bool) error {
	var (
		paras   []string
		summary string
		done    bool
		err     error
	)
	if !full && a.Kind == KindMarkdown {
		// Scan needs only the front matter of most Markdown files.
		done, err = scanFrontMatter(a, src)
	}
	if !done && err == nil {
		paras, summary, err = parseKind(a, src, opt, full)
	}
	if err != nil {
		return err
	}
	a.clean()
	a.Title = collapseSpace(a.Title)
	if a.Title == "" {
		return ErrNoTitle
	}
	if a.Slug == "" {
		a.Slug = slugFromPath(a.Path)
	}
	if !full {
		return nil
	}
	if summary == "" {
		summary = summarize(paras, opt.SummaryWords)
	}
	a.Summary = cleanText(collapseSpace(summary))
	return nil
}

// parseKind decodes the file's text and reads it with the parser of its
// kind. It returns the body's paragraphs, or a summary the file gives, for
// the summary.
func parseKind(a *Article, src []byte, opt Options, full bool) (paras []string, summary string, err error) {
	s, err := decodeText(src)
	if err != nil {
		return nil, "", err
	}
	switch a.Kind {
	case KindText:
		paras, err = parseText(a, s, full)
	case KindMarkdown:
		paras, summary, err = parseMarkdown(a, s, opt.SummaryWords, full)
	case KindHTML:
		paras, summary, err = parseHTML(a, s, full) // the page's description
	}
	return paras, summary, err
}

// clean removes the characters XML forbids from every field that reaches a
// feed. The file's text was cleaned when decoded, but character references
// (&#1;), YAML and TOML escapes ("\x01") and JSON-LD escapes can bring them
// back.
func (a *Article) clean() {
	for _, f := range []*string{&a.Title, &a.Slug, &a.ID, &a.Image, &a.Content, &a.Author.Name, &a.Author.Email} {
		*f = cleanText(*f)
	}
	for i, t := range a.Tags {
		a.Tags[i] = cleanText(t)
	}
}

// detach sets a.Hash to hash and copies the fields kept in memory out of
// the file's decoded text, which they may be slices of: an index of 100,000
// articles must hold their titles and summaries, not their whole files. As
// every file of the folder is read, they are copied into one string, not
// one each.
func (a *Article) detach(hash []byte) {
	fields := [...]*string{&a.Title, &a.Slug, &a.ID, &a.Image, &a.Author.Name, &a.Author.Email, &a.Summary}
	n := len(hash)
	for _, f := range fields {
		n += len(*f)
	}
	for _, t := range a.Tags {
		n += len(t)
	}
	var b strings.Builder
	b.Grow(n)
	b.Write(hash)
	for _, f := range fields {
		b.WriteString(*f)
	}
	for _, t := range a.Tags {
		b.WriteString(t)
	}
	s := b.String()
	a.Hash, s = s[:len(hash)], s[len(hash):]
	for _, f := range fields {
		*f, s = s[:len(*f)], s[len(*f):]
	}
	for i, t := range a.Tags {
		a.Tags[i], s = s[:len(t)], s[len(t):]
	}
}
