package source

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// frontMatter is what Herald reads from a Markdown file's front matter. It
// accepts the keys of Hugo, Jekyll and Eleventy.
type frontMatter struct {
	Title     string
	Date      time.Time
	Updated   time.Time
	Summary   string
	Tags      []string
	Author    Person
	Draft     bool
	Slug      string
	ID        string
	Image     string
	hasFields bool
}

// splitFrontMatter separates YAML (---) or TOML (+++) front matter from the
// body. It returns the front matter text, its format ("yaml", "toml" or ""),
// and the body.
func splitFrontMatter(s string) (fm, format, body string, err error) {
	var delim string
	switch {
	case strings.HasPrefix(s, "---\n") || s == "---":
		delim, format = "---", "yaml"
	case strings.HasPrefix(s, "+++\n") || s == "+++":
		delim, format = "+++", "toml"
	default:
		return "", "", s, nil
	}
	rest := strings.TrimPrefix(s[3:], "\n")
	for off := 0; off <= len(rest); {
		end := strings.IndexByte(rest[off:], '\n')
		var l string
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if strings.TrimRight(l, " \t") == delim || (delim == "---" && strings.TrimRight(l, " \t") == "...") {
			body := ""
			if end >= 0 {
				body = rest[off+end+1:]
			}
			if off > maxFrontMatter {
				return "", format, "", &lineError{line: 1, err: fmt.Errorf("front matter of %d KB is over the limit of %d KB: is the closing %q missing?", off>>10, maxFrontMatter>>10, delim)}
			}
			return rest[:off], format, body, nil
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return "", format, "", &lineError{line: 1, err: fmt.Errorf("front matter opened with %q is never closed", delim)}
}

// maxFrontMatter bounds front matter: real front matter is a few hundred
// bytes, and the YAML decoder's time grows faster than the size.
const maxFrontMatter = 64 << 10

// lineError carries a line number up to Parse, which wraps it in a ParseError.
type lineError struct {
	line int
	err  error
}

func (e *lineError) Error() string { return e.err.Error() }
func (e *lineError) Unwrap() error { return e.err }

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// parseFrontMatter decodes front matter text. firstLine is the file line the
// text starts on, so errors point at the right line of the file.
func parseFrontMatter(text, format string, firstLine int) (frontMatter, error) {
	var raw map[string]any
	switch format {
	case "yaml":
		if err := yaml.Unmarshal([]byte(text), &raw); err != nil {
			n := 1
			if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
				n, _ = strconv.Atoi(m[1])
			}
			// yaml.v3 reports some errors at the line where the enclosing
			// construct starts; the first prefix of the text that fails to
			// parse is never earlier than the real error.
			n = firstFailingPrefix(text, n)
			line := firstLine + n - 1
			msg := strings.TrimPrefix(err.Error(), "yaml: ")
			var te *yaml.TypeError
			if errors.As(err, &te) && len(te.Errors) > 0 {
				msg = te.Errors[0] // "line 4: mapping key "title" already defined at line 2"
			}
			msg = strings.TrimSpace(yamlLineRE.ReplaceAllStringFunc(msg, func(m string) string {
				if strings.HasPrefix(strings.TrimSpace(msg), m) {
					return "" // the leading position: the error's own line is given apart
				}
				k, _ := strconv.Atoi(yamlLineRE.FindStringSubmatch(m)[1])
				return fmt.Sprintf("line %d", firstLine+k-1) // another position: as a line of the file
			}))
			msg = strings.TrimLeft(msg, ": ")
			if strings.Contains(msg, "cannot unmarshal !!seq") || strings.Contains(msg, "cannot unmarshal !!str") {
				msg = "front matter must be a mapping of keys to values, such as \"title: My article\""
			}
			return frontMatter{}, &lineError{line: line, err: fmt.Errorf("invalid YAML front matter: %s", msg)}
		}
	case "toml":
		if _, err := toml.Decode(text, &raw); err != nil {
			line := firstLine
			var perr toml.ParseError
			if errors.As(err, &perr) {
				line += perr.Position.Line - 1
				if strings.Contains(perr.Message, "to end table name, but got '\\n'") && line > firstLine {
					line-- // the TOML lexer has passed the end of the header's line
				}
				err = errors.New(strings.ReplaceAll(perr.Message, "\n", `\n`))
			}
			return frontMatter{}, &lineError{line: line, err: fmt.Errorf("invalid TOML front matter: %v", err)}
		}
	}
	return frontMatterFrom(raw, text, firstLine)
}

// firstFailingPrefix is, at or after line from, the smallest k such that the
// first k lines of YAML text do not parse, found by bisection (a prefix that
// holds the error fails, and so do the longer ones), or from when none is
// found. It runs only on the error path.
func firstFailingPrefix(text string, from int) int {
	lines := strings.SplitAfter(text, "\n")
	fails := func(k int) bool {
		var v map[string]any
		return yaml.Unmarshal([]byte(strings.Join(lines[:k], "")), &v) != nil
	}
	lo, hi := max(from, 1), len(lines)
	if lo > hi || !fails(hi) {
		return from
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// frontMatterFrom picks the keys Herald knows out of decoded front matter.
// Keys are matched case-insensitively; unknown keys are ignored, as static
// site generators keep many keys of their own.
func frontMatterFrom(raw map[string]any, text string, firstLine int) (frontMatter, error) {
	fm := frontMatter{hasFields: len(raw) > 0}
	get := func(keys ...string) (any, string) {
		for _, k := range keys {
			for rk, v := range raw {
				if strings.EqualFold(rk, k) && v != nil {
					return v, rk
				}
			}
		}
		return nil, ""
	}
	bad := func(key string, err error) error {
		return &lineError{line: keyLine(text, key, firstLine), err: fmt.Errorf("front matter %q: %w", key, err)}
	}
	var err error
	if v, k := get("title"); v != nil {
		if fm.Title, err = asString(v); err != nil {
			return fm, bad(k, err)
		}
	}
	if v, k := get("date", "published_at", "pubdate", "publishdate"); v != nil {
		if fm.Date, err = asTime(v); err != nil {
			return fm, bad(k, err)
		}
	}
	if v, k := get("updated", "lastmod", "modified", "last_modified_at", "date_modified"); v != nil {
		if fm.Updated, err = asTime(v); err != nil {
			return fm, bad(k, err)
		}
	}
	if v, k := get("summary", "description", "excerpt"); v != nil {
		if fm.Summary, err = asString(v); err != nil {
			return fm, bad(k, err)
		}
	}
	for _, key := range []string{"tags", "categories", "keywords"} {
		if v, k := get(key); v != nil {
			tags, err := asStrings(v)
			if err != nil {
				return fm, bad(k, err)
			}
			fm.Tags = appendUnique(fm.Tags, tags...)
		}
	}
	if v, k := get("author", "authors"); v != nil {
		if fm.Author, err = asPerson(v); err != nil {
			return fm, bad(k, err)
		}
	}
	if v, k := get("draft"); v != nil {
		b, ok := asBool(v)
		if !ok {
			return fm, bad(k, fmt.Errorf("want true or false, got %#v", v))
		}
		fm.Draft = b
	}
	if v, k := get("published"); v != nil {
		// Jekyll: "published: false" hides a post. Some sites put a date here
		// instead: taken as the date when there is none.
		if b, ok := asBool(v); ok {
			fm.Draft = fm.Draft || !b
		} else if t, err := asTime(v); err == nil {
			if fm.Date.IsZero() {
				fm.Date = t
			}
		} else {
			return fm, bad(k, fmt.Errorf("want true, false or a date, got %#v", v))
		}
	}
	if v, k := get("slug", "permalink"); v != nil {
		s, err := asString(v)
		if err != nil {
			return fm, bad(k, err)
		}
		fm.Slug = slugify(lastPathElem(s))
	}
	if v, _ := get("image", "cover", "featured_image", "thumbnail", "images"); v != nil {
		fm.Image = asImage(v)
	}
	if v, k := get("id", "guid", "uid"); v != nil {
		if fm.ID, err = asString(v); err != nil {
			return fm, bad(k, err)
		}
	}
	return fm, nil
}

// asImage reads an image URL from "url", ["url", ...] (Hugo's images) or
// {image: "url"} (Hugo themes' cover); anything else gives none.
func asImage(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		if len(x) > 0 {
			return asImage(x[0])
		}
	case map[string]any:
		for _, k := range []string{"image", "src", "url"} {
			if s, ok := x[k].(string); ok {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// keyLine finds the line of key in front matter text, or firstLine.
func keyLine(text, key string, firstLine int) int {
	indented := 0
	for i, l := range strings.Split(text, "\n") {
		t := strings.TrimSpace(l)
		if t == "["+key+"]" || t == "[["+key+"]]" {
			return firstLine + i // a TOML table where a value was expected
		}
		for _, k := range []string{key, `"` + key + `"`, "'" + key + "'"} {
			if !strings.HasPrefix(t, k) {
				continue
			}
			r := strings.TrimSpace(t[len(k):])
			if !strings.HasPrefix(r, ":") && !strings.HasPrefix(r, "=") {
				continue
			}
			if l == strings.TrimLeft(l, " \t") {
				return firstLine + i // a top-level key
			}
			if indented == 0 {
				indented = firstLine + i // a nested key of the same name: the answer only if no top-level one
			}
		}
	}
	if indented > 0 {
		return indented
	}
	return firstLine
}

// asBool reads true, false, "true", "false", "yes" and "no".
func asBool(v any) (bool, bool) {
	switch x := v.(type) {
	case bool:
		return x, true
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "yes":
			return true, true
		case "false", "no":
			return false, true
		}
	}
	return false, false
}

func asString(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x), nil
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(x), nil
	}
	return "", fmt.Errorf("want text, got %T", v)
}

func asStrings(v any) ([]string, error) {
	switch x := v.(type) {
	case string:
		// "a, b" or "a b": Jekyll accepts both for tags.
		sep := ","
		if !strings.Contains(x, ",") {
			sep = " "
		}
		var out []string
		for _, t := range strings.Split(x, sep) {
			if t = strings.TrimSpace(t); t != "" {
				out = append(out, t)
			}
		}
		return out, nil
	case []any:
		var out []string
		for _, e := range x {
			s, err := asString(e)
			if err != nil {
				return nil, err
			}
			if s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("want a list of text, got %T", v)
}

// asPerson reads "Jane Doe", "Jane Doe <jane@example.com>", {name, email},
// or a list of those (the first is taken).
func asPerson(v any) (Person, error) {
	switch x := v.(type) {
	case string:
		return parsePerson(x), nil
	case map[string]any:
		var p Person
		for k, val := range x {
			s, _ := asString(val)
			switch strings.ToLower(k) {
			case "name":
				p.Name = s
			case "email":
				p.Email = s
			}
		}
		return p, nil
	case []any:
		if len(x) == 0 {
			return Person{}, nil
		}
		return asPerson(x[0])
	}
	return Person{}, fmt.Errorf("want a name, got %T", v)
}

// parsePerson reads "Jane Doe <jane@example.com>" or "jane@example.com (Jane Doe)".
func parsePerson(s string) Person {
	s = strings.TrimSpace(s)
	if i, j := strings.IndexByte(s, '<'), strings.LastIndexByte(s, '>'); i >= 0 && j > i {
		return Person{Name: strings.TrimSpace(s[:i]), Email: strings.TrimSpace(s[i+1 : j])}
	}
	if i, j := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')'); i > 0 && j > i && strings.Contains(s[:i], "@") {
		return Person{Name: strings.TrimSpace(s[i+1 : j]), Email: strings.TrimSpace(s[:i])}
	}
	if strings.Contains(s, "@") && !strings.Contains(s, " ") {
		return Person{Email: s}
	}
	return Person{Name: s}
}

// timeLayouts are the date forms front matter uses; a date without a zone is UTC.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04 -0700",
	"2006-01-02 15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
}

func asTime(v any) (time.Time, error) {
	switch x := v.(type) {
	case time.Time:
		if strings.Contains(x.Location().String(), "local") {
			// TOML's local dates and times carry no zone: read them as UTC.
			return time.Date(x.Year(), x.Month(), x.Day(), x.Hour(), x.Minute(), x.Second(), x.Nanosecond(), time.UTC), nil
		}
		return x, nil
	case string:
		return parseTime(x)
	}
	return time.Time{}, fmt.Errorf("want a date such as 2025-08-15 or 2025-08-15T10:00:00Z, got %v", v)
}

func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("want a date such as 2025-08-15 or 2025-08-15T10:00:00Z, got %q", s)
}

func appendUnique(list []string, items ...string) []string {
outer:
	for _, it := range items {
		for _, have := range list {
			if strings.EqualFold(have, it) {
				continue outer
			}
		}
		list = append(list, it)
	}
	return list
}

func lastPathElem(s string) string {
	s = strings.Trim(s, "/")
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		s = s[i+1:]
	}
	return s
}
