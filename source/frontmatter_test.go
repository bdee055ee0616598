package source

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

// simpleFrontMatterTests are front matter texts that simpleFrontMatter
// reads itself (simple set) or leaves to the decoders.
var simpleFrontMatterTests = []struct {
	format, text string
	simple       bool
}{
	{"yaml", "title: \"Country On Report\"\ndate: 2020-02-14T03:02:10Z\ntags: [country, project]\nauthor: Bench Writer\n", true},
	{"yaml", "title: Plain Title\ndate: 2025-05-12T09:30:00+02:00\nlastmod: 2025-05-13 08:00:00\ndraft: false\nslug: my-slug\n", true},
	{"yaml", "title: 'Single'\ndate: 2025-06-01\nid: urn:uuid:7d0c2a54-4a53-4d7f-9a3c-0c6b6a3e2f10\nweight: 12\n", true},
	{"yaml", "title: T\ntags:\n  - libraries\n  - posts\ncategories:\n- city\npublished: True\nimage:\n", true},
	{"yaml", "# a comment\n\ntitle: T\ndate: 2025-05-20 18:30:00 +0200\npermalink: /2025/05/night-market/\n", true},
	{"yaml", "title: T\nempty: []\nnothing: null\n", true},
	{"toml", "title = \"In Plan\"\ndate = 2020-03-18T09:24:37Z\ntags = [\"bank\", \"of\"]\n", true},
	{"toml", "title = 'T'\ndate = 2025-04-10\nlastmod = 2025-04-12T10:00:00\nupdated = 2025-04-12 10:00:00+02:00\ndraft = true\nweight = 3\n", true},
	{"toml", "title = \"T\"\n\n[author]\nname = \"Tomas Berg\"\nemail = \"tomas@example.com\"\n[cover]\nimage = \"img/trees.jpg\"\n", true},
	{"toml", "title = \"T\"\nempty = []\n", true},

	// Left to the decoders.
	{"yaml", "title: \"Escaped \\\" quote\"\n", false},
	{"yaml", "title: T # comment\n", false},
	{"yaml", "title: A long\n  title\n", false},
	{"yaml", "author:\n  name: Jane\n", false},
	{"yaml", "summary: |\n  text\n", false},
	{"yaml", "title: ok\ntitle: again\n", false},
	{"yaml", "tags: [a, b\n", false},
	{"yaml", "tags:\n  - a\n - b\n", false},
	{"yaml", "tags: [1, 2]\n", false},
	{"yaml", "title: x\ntags: [what?]\n", false},
	{"yaml", "title: x\ntags: [a:b]\n", false},
	{"yaml", "date: 2025-13-45\n", false},
	{"yaml", "count: 012\n", false},
	{"yaml", "count: 1.5\n", false},
	{"yaml", "true: x\n", false},
	{"yaml", "- a\n- b\n", false},
	{"yaml", "title: \"\ufeffT\"\n", false},
	{"toml", "title = \"ok\"\ntitle = \"again\"\n", false},
	{"toml", "date = 2025-13-45\n", false},
	{"toml", "tags = [\"a\",\n  \"b\"]\n", false},
	{"toml", "title = \"T\" # comment\n", false},
	{"toml", "author.name = \"x\"\n", false},
	{"toml", "[[authors]]\nname = \"x\"\n", false},
	{"toml", "title = \"T\"\n[title]\nx = \"y\"\n", false},
	{"toml", "count = 0x1F\n", false},
}

func TestSimpleFrontMatter(t *testing.T) {
	for _, tt := range simpleFrontMatterTests {
		_, ok := simpleFrontMatter(nil, tt.text, tt.format)
		if ok != tt.simple {
			t.Errorf("simpleFrontMatter(%q, %q) ok = %v, want %v", tt.text, tt.format, ok, tt.simple)
		}
		checkSimpleFrontMatter(t, tt.text, tt.format)
	}
}

// FuzzSimpleFrontMatter checks that the fast path reads front matter as the
// decoders do, whenever it reads it at all.
func FuzzSimpleFrontMatter(f *testing.F) {
	for _, tt := range simpleFrontMatterTests {
		f.Add(tt.format == "toml", tt.text)
	}
	f.Fuzz(func(t *testing.T, toml bool, text string) {
		format := "yaml"
		if toml {
			format = "toml"
		}
		// As Parse hands it over: cleanText has removed the control
		// characters the YAML decoder refuses.
		checkSimpleFrontMatter(t, cleanText(text), format)
	})
}

// checkSimpleFrontMatter checks that simpleFrontMatter, when it reads text,
// gives the front matter the decoders do.
func checkSimpleFrontMatter(t *testing.T, text, format string) {
	t.Helper()
	fast, ok := simpleFrontMatter(nil, text, format)
	if !ok {
		return
	}
	raw, err := decodeFrontMatter(text, format, 2)
	if err != nil {
		t.Fatalf("simpleFrontMatter(%q, %q) = %#v, but the decoder fails: %v", text, format, fast, err)
	}
	got, gotErr := frontMatterFrom(fast, text, 2)
	want, wantErr := frontMatterFrom(fieldsOf(nil, raw), text, 2)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Fatalf("front matter %q (%s): fast path error %v, decoder %v", text, format, gotErr, wantErr)
	}
	if !sameFrontMatter(got, want) {
		t.Fatalf("front matter %q (%s):\nfast path %#v\ndecoder   %#v\nraw: %#v vs %#v", text, format, got, want, fast, raw)
	}
}

func sameFrontMatter(a, b frontMatter) bool {
	if !sameTime(a.Date, b.Date) || !sameTime(a.Updated, b.Updated) {
		return false
	}
	a.Date, a.Updated, b.Date, b.Updated = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	return reflect.DeepEqual(a, b)
}

// TestFrontMatterKeyCase checks that a key written in lower case wins over
// the same key in another case, whichever order the map gives them in.
func TestFrontMatterKeyCase(t *testing.T) {
	for _, tt := range []struct{ format, text, title string }{
		{"yaml", "Title: x\ntitle: y\n", "y"},
		{"yaml", "title: y\nTitle: x\n", "y"},
		{"yaml", "Title: z\nTITLE: x\n", "x"}, // the first in byte order
		{"toml", "TITLE = \"x\"\ntitle = \"y\"\n", "y"},
	} {
		for i := 0; i < 20; i++ { // map order varies from run to run
			fm, err := parseFrontMatter(tt.text, tt.format, 2)
			if err != nil {
				t.Fatalf("parseFrontMatter(%q): %v", tt.text, err)
			}
			if fm.Title != tt.title {
				t.Fatalf("parseFrontMatter(%q).Title = %q, want %q", tt.text, fm.Title, tt.title)
			}
		}
	}
}

// FuzzUTCStamp checks that utcStamp, when it reads a date, reads what
// time.Parse does.
func FuzzUTCStamp(f *testing.F) {
	for _, s := range []string{"2021-01-11T11:26:47Z", "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2021-13-01T00:00:00Z", "2021-01-00T00:00:00Z", "2021-01-01T24:00:00Z", "2021-01-01T00:60:00Z", "2021-01-01T00:00:60Z", "0000-01-01T00:00:00Z", "2021-01-01t00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := utcStamp(s)
		if !ok {
			return
		}
		want, err := time.Parse(time.RFC3339, s)
		if err != nil || !got.Equal(want) || got.Location() != want.Location() || !reflect.DeepEqual(got, want) {
			t.Errorf("utcStamp(%q) = %v, time.Parse gives %v, %v", s, got, want, err)
		}
		if want2, err := time.Parse("2006-1-2T15:4:5.999999999Z07:00", s); err != nil || !reflect.DeepEqual(got, want2) {
			t.Errorf("utcStamp(%q) = %v, time.Parse with yaml.v3's layout gives %v, %v", s, got, want2, err)
		}
	})
}
