package source

import (
	"errors"
	"fmt"
	"time"
)

// Kind is the format an article file is written in.
type Kind string

// The kinds of article files Herald reads, chosen by file extension.
const (
	KindText     Kind = "text"     // .txt: title on the first line, paragraphs separated by blank lines
	KindMarkdown Kind = "markdown" // .md, .markdown: optional YAML (---) or TOML (+++) front matter
	KindHTML     Kind = "html"     // .html, .htm: a saved page or a fragment
)

// Person is an author.
type Person struct {
	Name  string
	Email string
}

// IsZero reports whether p names nobody.
func (p Person) IsZero() bool { return p.Name == "" && p.Email == "" }

// Article is what Herald knows of one article file once it is parsed. Fields the
// file does not give (ID, Published, Updated) are left zero here and filled in
// from the state store, which remembers when Herald first saw the file.
type Article struct {
	Path string // slash-separated, relative to the content folder
	Kind Kind
	Hash string   // ContentHash of the file's bytes: a change of content changes it
	Stat FileStat // the file's, when it was read by a [Loader]; zero otherwise

	Title string
	Slug  string // from front matter, else from the file name
	ID    string // from front matter (id or guid); empty when the file gives none

	Published time.Time // from front matter, a byline or a dateline; zero when unknown
	Updated   time.Time // from front matter (updated, lastmod, modified); zero when unknown

	Author Person // zero when the file names none
	Image  string // the article's lead image URL (front matter image/cover, og:image); may be relative
	Tags   []string
	Draft  bool

	Summary string // plain text, whole sentences
	Content string // sanitized HTML of the whole body

	// Dropped lists the junk lines removed from a plain-text article (bylines,
	// timestamps, datelines, share buttons, captions, comment forms), for herald inspect.
	Dropped []string
}

// ErrUnsupported reports a file whose extension Herald does not read.
var ErrUnsupported = errors.New("not an article file")

// A ParseError reports a malformed article. Line is 1-based, or 0 if unknown.
type ParseError struct {
	Path string
	Line int
	Err  error
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }
