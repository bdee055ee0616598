package source

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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

// A field is a top-level key of front matter and its value as the decoders
// give it: string, bool, a number, time.Time, []any, map[string]any or nil.
// Front matter has a handful of keys: a list holds them for less than a
// map of them costs to build, once per file.
type field struct {
	key   string
	value any
}

// parseFrontMatter decodes front matter text. firstLine is the file line the
// text starts on, so errors point at the right line of the file.
func parseFrontMatter(text, format string, firstLine int) (frontMatter, error) {
	var buf [16]field // room for the keys of most front matter, on the stack
	fields, ok := simpleFrontMatter(buf[:0], text, format)
	if !ok {
		raw, err := decodeFrontMatter(text, format, firstLine)
		if err != nil {
			return frontMatter{}, err
		}
		fields = fieldsOf(buf[:0], raw)
	}
	return frontMatterFrom(fields, text, firstLine)
}

// fieldsOf appends the keys and values of raw to dst.
func fieldsOf(dst []field, raw map[string]any) []field {
	for k, v := range raw {
		dst = append(dst, field{k, v})
	}
	return dst
}

// decodeFrontMatter decodes front matter text with the YAML or TOML
// decoder.
func decodeFrontMatter(text, format string, firstLine int) (map[string]any, error) {
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
			return nil, &lineError{line: line, err: fmt.Errorf("invalid YAML front matter: %s", msg)}
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
			return nil, &lineError{line: line, err: fmt.Errorf("invalid TOML front matter: %v", err)}
		}
	}
	return raw, nil
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

// The values Herald reads from front matter, each from one of a few keys.
const (
	fmTitle = iota
	fmDate
	fmUpdated
	fmSummary
	fmTags
	fmCategories
	fmKeywords
	fmAuthor
	fmDraft
	fmPublished
	fmSlug
	fmImage
	fmID
	fmValues // how many there are
)

// fmKeys are the keys each value is read from. Where a file has more than
// one of them, the first in the list wins.
var fmKeys = [fmValues][]string{
	fmTitle:      {"title"},
	fmDate:       {"date", "published_at", "pubdate", "publishdate"},
	fmUpdated:    {"updated", "lastmod", "modified", "last_modified_at", "date_modified"},
	fmSummary:    {"summary", "description", "excerpt"},
	fmTags:       {"tags"},
	fmCategories: {"categories"},
	fmKeywords:   {"keywords"},
	fmAuthor:     {"author", "authors"},
	fmDraft:      {"draft"},
	fmPublished:  {"published"},
	fmSlug:       {"slug", "permalink"},
	fmImage:      {"image", "cover", "featured_image", "thumbnail", "images"},
	fmID:         {"id", "guid", "uid"},
}

// fmKeyOf tells, for each key of fmKeys, the value it gives and its place
// in that value's list.
var fmKeyOf = func() map[string]struct{ value, rank int } {
	m := make(map[string]struct{ value, rank int })
	for v, keys := range fmKeys {
		for r, k := range keys {
			m[k] = struct{ value, rank int }{v, r}
		}
	}
	return m
}()

// frontMatterFrom picks the keys Herald knows out of decoded front matter.
// Keys are matched case-insensitively; unknown keys are ignored, as static
// site generators keep many keys of their own.
func frontMatterFrom(fields []field, text string, firstLine int) (frontMatter, error) {
	fm := frontMatter{hasFields: len(fields) > 0}
	// When every key is ASCII without capitals, as nearly all front matter
	// is, only the exact key can match: each field is looked up once, by
	// its key, instead of each key Herald reads being looked for in every
	// field.
	exact := true
	for _, f := range fields {
		exact = exact && isLowerASCII(f.key)
	}
	var (
		found [fmValues]field // in exact mode, the field each value comes from
		rank  [fmValues]int
	)
	if exact {
		for _, f := range fields {
			if k, ok := fmKeyOf[f.key]; ok && f.value != nil && (found[k.value].key == "" || k.rank < rank[k.value]) {
				found[k.value], rank[k.value] = f, k.rank
			}
		}
	}
	// A key written as Herald names it wins over one in another case
	// ("title" over "Title"); among other cases, the first in byte order
	// does, so that the choice never depends on the order of the keys.
	// A key holds one value: the decoders and simpleFrontMatter refuse
	// duplicates.
	get := func(value int) (any, string) {
		if exact {
			return found[value].value, found[value].key
		}
		for _, k := range fmKeys[value] {
			var best field
			for _, f := range fields {
				if f.value == nil {
					continue
				}
				if f.key == k {
					return f.value, k
				}
				if strings.EqualFold(f.key, k) && (best.key == "" || f.key < best.key) {
					best = f
				}
			}
			if best.key != "" {
				return best.value, best.key
			}
		}
		return nil, ""
	}
	bad := func(key string, err error) error {
		return &lineError{line: keyLine(text, key, firstLine), err: fmt.Errorf("front matter %q: %w", key, err)}
	}
	var err error
	if v, k := get(fmTitle); v != nil {
		if fm.Title, err = asString(v); err != nil {
			return fm, bad(k, err)
		}
	}
	if v, k := get(fmDate); v != nil {
		if fm.Date, err = asTime(v); err != nil {
			return fm, bad(k, err)
		}
	}
	if v, k := get(fmUpdated); v != nil {
		if fm.Updated, err = asTime(v); err != nil {
			return fm, bad(k, err)
		}
	}
	if v, k := get(fmSummary); v != nil {
		if fm.Summary, err = asString(v); err != nil {
			return fm, bad(k, err)
		}
	}
	for _, value := range []int{fmTags, fmCategories, fmKeywords} {
		if v, k := get(value); v != nil {
			tags, err := asStrings(v)
			if err != nil {
				return fm, bad(k, err)
			}
			fm.Tags = appendUnique(fm.Tags, tags...)
		}
	}
	if v, k := get(fmAuthor); v != nil {
		if fm.Author, err = asPerson(v); err != nil {
			return fm, bad(k, err)
		}
	}
	if v, k := get(fmDraft); v != nil {
		b, ok := asBool(v)
		if !ok {
			return fm, bad(k, fmt.Errorf("want true or false, got %#v", v))
		}
		fm.Draft = b
	}
	if v, k := get(fmPublished); v != nil {
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
	if v, k := get(fmSlug); v != nil {
		s, err := asString(v)
		if err != nil {
			return fm, bad(k, err)
		}
		fm.Slug = slugify(lastPathElem(s))
	}
	if v, _ := get(fmImage); v != nil {
		fm.Image = asImage(v)
	}
	if v, k := get(fmID); v != nil {
		if fm.ID, err = asString(v); err != nil {
			return fm, bad(k, err)
		}
	}
	return fm, nil
}

// isLowerASCII reports whether s holds only ASCII characters and no capital
// letter: then strings.EqualFold(s, k) for a key k of the same kind is
// s == k (EqualFold also folds "ſ" with "s" and "K" with "k").
func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
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

// simpleFrontMatter decodes the front matter most files have, "key: value"
// or "key = value" lines with quoted or plain text, dates, numbers, booleans
// and lists of text, without the YAML and TOML decoders, which take ten
// times as long. It appends to dst the fields they would give, and returns
// false for anything else, which the decoders then read: any doubt, any
// error to report.
func simpleFrontMatter(dst []field, text, format string) ([]field, bool) {
	if format != "yaml" && format != "toml" {
		return nil, false
	}
	ascii := true
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < ' ' && c != '\n' || c == 0x7f {
			return nil, false
		}
		ascii = ascii && c < utf8.RuneSelf
	}
	// Characters the decoders take as line breaks or refuse go to them.
	// Most front matter is ASCII, and spared the search.
	if !ascii && (!utf8.ValidString(text) || strings.ContainsAny(text, "\u0085\u2028\u2029\ufeff\ufffe\uffff")) {
		return nil, false
	}
	fields := dst
	var table map[string]any // the TOML table keys go into; nil for the top level
	// has reports whether the table keys go into already has key.
	has := func(key string) bool {
		if table != nil {
			_, ok := table[key]
			return ok
		}
		for _, f := range fields[len(dst):] {
			if f.key == key {
				return true
			}
		}
		return false
	}
	for rest := text; rest != ""; {
		line, after, _ := strings.Cut(rest, "\n")
		rest = after
		if t := strings.TrimRight(line, " "); t == "" || t[0] == '#' {
			continue
		}
		if format == "toml" && line[0] == '[' {
			// A table of plain keys, such as [author].
			name, ok := strings.CutSuffix(strings.TrimRight(line, " "), "]")
			name = name[1:]
			table = nil // a top-level name
			if !ok || !isPlainKey(name) || has(name) {
				return nil, false
			}
			table = map[string]any{}
			fields = append(fields, field{name, table})
			continue
		}
		sep := ": "
		if format == "toml" {
			sep = " = "
		}
		key, value, found := strings.Cut(line, sep)
		if !found && format == "yaml" && strings.HasSuffix(line, ":") {
			key, found = line[:len(line)-1], true
		}
		if !found || !isPlainKey(key) || format == "yaml" && yamlKeyword(key) {
			return nil, false
		}
		if has(key) {
			return nil, false
		}
		value = strings.TrimLeft(strings.TrimRight(value, " "), " ")
		var v any
		var ok bool
		switch {
		case value == "" && format == "toml":
			return nil, false
		case value == "":
			// Nothing, or a list of "- item" lines.
			var list []any
			indent := -1
			for rest != "" {
				line, after, _ := strings.Cut(rest, "\n")
				item := strings.TrimLeft(line, " ")
				if indent < 0 {
					indent = len(line) - len(item)
				}
				item, isItem := strings.CutPrefix(item, "- ")
				if !isItem || len(line)-len(item)-2 != indent {
					break
				}
				if v, ok = simpleYAMLScalar(strings.Trim(item, " ")); !ok {
					return nil, false
				}
				if _, isStr := v.(string); !isStr {
					return nil, false
				}
				list = append(list, v)
				rest = after
			}
			if list != nil {
				v = list
			}
		case value[0] == '[':
			if v, ok = simpleList(value, format); !ok {
				return nil, false
			}
		case format == "yaml":
			if v, ok = simpleYAMLScalar(value); !ok {
				return nil, false
			}
		default:
			if v, ok = simpleTOMLValue(value); !ok {
				return nil, false
			}
		}
		if table != nil {
			table[key] = v
		} else {
			fields = append(fields, field{key, v})
		}
	}
	return fields, true
}

// yamlKeyword reports whether a YAML plain scalar is a boolean or null.
func yamlKeyword(s string) bool {
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
		return true
	}
	return false
}

// isPlainKey reports whether key is a letter, digit, "_" or "-" run that
// starts with a letter: a key that means the same in YAML and TOML.
func isPlainKey(key string) bool {
	if key == "" || !isASCIILetter(key[0]) {
		return false
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; !isASCIILetter(c) && (c < '0' || c > '9') && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// simpleText reports whether s holds nothing that quoting rules or the
// decoders' checks could give a meaning: printable text, no quotes,
// backslashes, comments or tabs.
func simpleText(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < ' ' || c == 0x7f, c == '"', c == '\'', c == '\\', c == '#':
			return false
		}
	}
	return true
}

// quoted returns the text of a "..." or '...' string that needs no
// unescaping.
func quoted(s string) (string, bool) {
	if len(s) < 2 || s[0] != s[len(s)-1] || s[0] != '"' && s[0] != '\'' || !simpleText(s[1:len(s)-1]) {
		return "", false
	}
	return s[1 : len(s)-1], true
}

// simpleYAMLScalar reads a quoted or plain YAML scalar as yaml.v3 resolves
// it for an untyped value.
func simpleYAMLScalar(s string) (any, bool) {
	if s == "" {
		return nil, false
	}
	if s[0] == '"' || s[0] == '\'' {
		q, ok := quoted(s)
		return q, ok
	}
	if !simpleText(s) || strings.Contains(s, ": ") || strings.HasSuffix(s, ":") {
		return nil, false
	}
	if yamlKeyword(s) {
		switch s[0] {
		case 't', 'T':
			return true, true
		case 'f', 'F':
			return false, true
		}
		return nil, true
	}
	if isASCIILetter(s[0]) || s[0] == '/' || s[0] >= utf8.RuneSelf {
		return s, true
	}
	if s[0] < '0' || s[0] > '9' {
		return nil, false // an indicator, a sign, a dot: the decoder knows
	}
	// yaml.v3 tries a timestamp first (parseTimestamp in its resolve.go).
	if len(s) > 4 && s[4] == '-' && isDigits(s[:4]) {
		if t, ok := utcStamp(s); ok {
			return t, true
		}
		for _, layout := range []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"} {
			if t, err := time.Parse(layout, s); err == nil {
				return t, true
			}
		}
	}
	if isDigits(s) && (s[0] != '0' || s == "0") && len(s) < 18 {
		n, _ := strconv.Atoi(s)
		return n, true
	}
	if strings.Contains(s, " ") {
		return s, true // no number has a space, and no timestamp gets here
	}
	return nil, false
}

// utcStamp reads the most common date of all, 2006-01-02T15:04:05Z, as
// time.Parse does with RFC 3339 layouts (which it is also the shape of),
// and reports false for anything else, valid or not, which time.Parse then
// reads. It spares front matter most of the cost of time.Parse.
func utcStamp(s string) (time.Time, bool) {
	const shape = "0000-00-00T00:00:00Z"
	if len(s) != len(shape) {
		return time.Time{}, false
	}
	for i := 0; i < len(s); i++ {
		if shape[i] == '0' && (s[i] < '0' || s[i] > '9') || shape[i] != '0' && s[i] != shape[i] {
			return time.Time{}, false
		}
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range s[i : i+n] {
			v = v*10 + int(c-'0')
		}
		return v
	}
	year, month, day := num(0, 4), num(5, 2), num(8, 2)
	hour, minute, sec := num(11, 2), num(14, 2), num(17, 2)
	if month < 1 || month > 12 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false // February 30th: time.Date moved it on
	}
	return t, true
}

// simpleTOMLValue reads a TOML string, boolean, integer or date as
// BurntSushi/toml does.
func simpleTOMLValue(s string) (any, bool) {
	switch s {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	if s[0] == '"' || s[0] == '\'' {
		q, ok := quoted(s)
		return q, ok
	}
	if isDigits(s) && (s[0] != '0' || s == "0") && len(s) < 18 {
		n, _ := strconv.ParseInt(s, 10, 64)
		return n, true
	}
	// Dates: offset date-times as the decoder reads them (valueDatetime in
	// its parse.go); local dates and date-times in UTC, as asTime reads the
	// decoder's.
	if !isTOMLDate(s) {
		return nil, false
	}
	if len(s) > 10 && s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	if t, ok := utcStamp(s); ok {
		return t, true
	}
	for _, d := range []struct {
		layout string
		loc    *time.Location
	}{
		{time.RFC3339Nano, time.Local},
		{"2006-01-02T15:04:05.999999999", time.UTC},
		{"2006-01-02", time.UTC},
	} {
		if t, err := time.ParseInLocation(d.layout, s, d.loc); err == nil {
			return t, true
		}
	}
	return nil, false
}

// isTOMLDate reports whether s has the shape of a TOML date or date-time
// with every digit there: 2006-01-02, then T15:04:05, a fraction and Z or
// -07:00 optional. (Go reads "T1:04" too; TOML does not.)
func isTOMLDate(s string) bool {
	shape := func(s, pattern string) bool {
		if len(s) != len(pattern) {
			return false
		}
		for i := 0; i < len(s); i++ {
			if pattern[i] == '0' && (s[i] < '0' || s[i] > '9') || pattern[i] != '0' && s[i] != pattern[i] {
				return false
			}
		}
		return true
	}
	if len(s) < 10 || !shape(s[:10], "0000-00-00") {
		return false
	}
	s = s[10:]
	if s == "" {
		return true
	}
	if len(s) < 9 || s[0] != 'T' && s[0] != ' ' || !shape(s[1:9], "00:00:00") {
		return false
	}
	s = s[9:]
	if strings.HasPrefix(s, ".") {
		n := 1
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 1 {
			return false
		}
		s = s[n:]
	}
	return s == "" || s == "Z" || len(s) == 6 && (s[0] == '+' || s[0] == '-') && shape(s[1:], "00:00")
}

// simpleList reads a one-line list of text: [a, "b"] in YAML, ["a", "b"]
// in TOML.
func simpleList(s, format string) (any, bool) {
	if !strings.HasSuffix(s, "]") {
		return nil, false
	}
	inner := strings.TrimSpace(s[1 : len(s)-1])
	if inner == "" {
		return []any{}, true
	}
	list := make([]any, 0, strings.Count(inner, ",")+1)
	for rest, more := inner, true; more; {
		var item string
		item, rest, more = strings.Cut(rest, ",")
		item = strings.Trim(item, " ")
		// Indicators a YAML flow scalar may not hold, or holds with a
		// meaning: the decoder reads those, and reports what it refuses.
		if hasFlowIndicator(item) {
			return nil, false
		}
		var v any
		var ok bool
		if format == "yaml" {
			v, ok = simpleYAMLScalar(item)
		} else {
			v, ok = quoted(item)
		}
		if _, isStr := v.(string); !ok || !isStr {
			return nil, false
		}
		list = append(list, v)
	}
	return list, true
}

// hasFlowIndicator reports whether s holds one of "[]{}?:".
func hasFlowIndicator(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[', ']', '{', '}', '?', ':':
			return true
		}
	}
	return false
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
