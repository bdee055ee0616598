package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestExampleConfig loads the repository's config.toml, so it never goes stale.
func TestExampleConfig(t *testing.T) {
	cfg, err := loadConfig(filepath.Join("..", "..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Site.Title == "" || cfg.Feed.Items != 20 || cfg.Feed.SummaryWords != 60 || cfg.HTTP.Listen != "localhost:8080" {
		t.Errorf("config.toml = %+v", cfg)
	}
	if cfg.Content.Debounce.Duration != 100*time.Millisecond || cfg.HTTP.CacheMaxAge.Duration != 5*time.Minute {
		t.Errorf("durations: debounce %v, cache_max_age %v", cfg.Content.Debounce, cfg.HTTP.CacheMaxAge)
	}
	if info, err := os.Stat(cfg.Content.Dir); err != nil || !info.IsDir() {
		t.Errorf("content.dir %q is not a folder: %v", cfg.Content.Dir, err)
	}
	if !filepath.IsAbs(cfg.State.Path) {
		t.Errorf("state.path %q was not resolved against the config's folder", cfg.State.Path)
	}
}

// TestExampleConfigDocumentsEveryKey checks that every key the program reads
// appears, with a comment above it, in config.toml.
func TestExampleConfigDocumentsEveryKey(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	keys := map[string]bool{}
	for i, l := range lines {
		k, _, ok := strings.Cut(l, "=")
		if !ok || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		keys[strings.TrimSpace(k)] = true
		documented := false
		for j := i - 1; j >= 0 && strings.TrimSpace(lines[j]) != ""; j-- {
			if strings.HasPrefix(strings.TrimSpace(lines[j]), "#") {
				documented = true
				break
			}
		}
		if !documented {
			t.Errorf("config.toml:%d: key %q has no comment above it", i+1, strings.TrimSpace(k))
		}
	}
	for _, k := range []string{"title", "description", "language", "base_url", "link_pattern", "feed_id", "name", "email",
		"dir", "max_file_size", "debounce", "max_delay", "rescan", "items", "summary_words", "rss_path", "atom_path", "json_path",
		"listen", "cache_max_age", "shutdown_timeout", "path", "level", "format"} {
		if !keys[k] {
			t.Errorf("config.toml does not show the key %q", k)
		}
	}
}

func TestParseConfigErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown key", "[site]\ntitle = \"x\"\ntitel = \"y\"\n", `line 3: unknown key "site.titel"`},
		{"unknown table", "[sight]\ntitle = \"x\"\n", `line 1: unknown key "sight"`},
		{"integer duration", "[content]\ndebounce = 250\n", `write it as a string such as "250ms"`},
		{"bad duration", "[http]\ncache_max_age = \"5 minutes\"\n", `"5 minutes" is not a duration`},
		{"syntax", "[site\ntitle = 1\n", "to end table name"},
		{"wrong type", "[feed]\nitems = \"twenty\"\n", "items"},
		{"empty title", "[site]\ntitle = \"\"\n", "site.title: must not be empty"},
		{"relative base_url", "[site]\nbase_url = \"example.com\"\n", "site.base_url:"},
		{"base_url with query", "[site]\nbase_url = \"https://example.com/?a=b\"\n", "site.base_url:"},
		{"link_pattern without slug", "[site]\nlink_pattern = \"https://example.com/posts/\"\n", "no {slug} placeholder"},
		{"feed_id not a URI", "[site]\nfeed_id = \"my feed\"\n", "site.feed_id:"},
		{"bad language", "[site]\nlanguage = \"english language\"\n", "site.language:"},
		{"bad email", "[site.author]\nemail = \"nobody\"\n", "site.author.email:"},
		{"items zero", "[feed]\nitems = 0\n", "feed.items: 0 is out of range"},
		{"summary words", "[feed]\nsummary_words = 2\n", "feed.summary_words:"},
		{"same paths", "[feed]\natom_path = \"/rss.xml\"\n", `feed.atom_path: "/rss.xml" is already feed.rss_path`},
		{"path not absolute", "[feed]\njson_path = \"feed.json\"\n", "feed.json_path:"},
		{"path on articles", "[feed]\njson_path = \"/articles/feed.json\"\n", "feed.json_path:"},
		{"listen", "[http]\nlisten = \"8080\"\n", "http.listen:"},
		{"max age", "[http]\ncache_max_age = \"48h\"\n", "http.cache_max_age:"},
		{"max_delay below debounce", "[content]\ndebounce = \"2s\"\nmax_delay = \"1s\"\n", "content.max_delay:"},
		{"size", "[content]\nmax_file_size = \"lots\"\n", "not a size"},
		{"log level", "[log]\nlevel = \"loud\"\n", "level"},
		{"log format", "[log]\nformat = \"xml\"\n", "log.format:"},
	}
	for _, tt := range tests {
		_, err := ParseConfig(strings.NewReader(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: ParseConfig(%q) error = %v, want it to contain %q", tt.name, tt.src, err, tt.want)
		}
	}
}

func TestParseConfigValues(t *testing.T) {
	cfg, err := ParseConfig(strings.NewReader(`
[site]
title = "T"
base_url = "https://example.com/"
[content]
max_file_size = "1MiB"
rescan = "0s"
[log]
level = "debug"
`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Site.BaseURL != "https://example.com" {
		t.Errorf("base_url = %q, want the trailing slash trimmed", cfg.Site.BaseURL)
	}
	if cfg.Content.MaxFileSize != 1<<20 || cfg.Content.Rescan.Duration != 0 {
		t.Errorf("max_file_size = %d, rescan = %v", cfg.Content.MaxFileSize, cfg.Content.Rescan)
	}
	if cfg.Log.Level.String() != "DEBUG" {
		t.Errorf("log.level = %v", cfg.Log.Level)
	}
}

func TestParseSize(t *testing.T) {
	tests := map[string]int64{"4MB": 4000000, "4MiB": 4 << 20, "512KB": 512000, "1k": 1024, "100": 100, "2 GiB": 2 << 30}
	for in, want := range tests {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v, want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1MB", "1.5MB", "MB"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) succeeded, want an error", in)
		}
	}
}
