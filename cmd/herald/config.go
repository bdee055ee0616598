package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Config mirrors config.toml; the example config.toml at the repository root
// documents every key.
type Config struct {
	Site    SiteConfig    `toml:"site"`
	Content ContentConfig `toml:"content"`
	Feed    FeedConfig    `toml:"feed"`
	HTTP    HTTPConfig    `toml:"http"`
	State   StateConfig   `toml:"state"`
	Log     LogConfig     `toml:"log"`
}

type SiteConfig struct {
	Title       string       `toml:"title"`
	Description string       `toml:"description"`
	Language    string       `toml:"language"`
	BaseURL     string       `toml:"base_url"`
	LinkPattern string       `toml:"link_pattern"`
	FeedID      string       `toml:"feed_id"`
	Author      AuthorConfig `toml:"author"`
}

type AuthorConfig struct {
	Name  string `toml:"name"`
	Email string `toml:"email"`
}

type ContentConfig struct {
	Dir         string   `toml:"dir"`
	MaxFileSize Size     `toml:"max_file_size"`
	Debounce    Duration `toml:"debounce"`
	MaxDelay    Duration `toml:"max_delay"`
	Rescan      Duration `toml:"rescan"`
	// Watch is how changes are noticed: "auto" (notifications, or polling
	// where they cannot be used), "notify" or "poll".
	Watch        string   `toml:"watch"`
	PollInterval Duration `toml:"poll_interval"`
}

type FeedConfig struct {
	Items        int    `toml:"items"`
	SummaryWords int    `toml:"summary_words"`
	RSSPath      string `toml:"rss_path"`
	AtomPath     string `toml:"atom_path"`
	JSONPath     string `toml:"json_path"`
}

type HTTPConfig struct {
	Listen          string   `toml:"listen"`
	CacheMaxAge     Duration `toml:"cache_max_age"`
	ShutdownTimeout Duration `toml:"shutdown_timeout"`
}

type StateConfig struct {
	Path string `toml:"path"`
}

type LogConfig struct {
	Level  slog.Level `toml:"level"`
	Format string     `toml:"format"`
}

// DefaultConfig is the configuration when config.toml sets nothing.
func DefaultConfig() Config {
	return Config{
		Site: SiteConfig{
			Title:    "Herald",
			Language: "en",
			BaseURL:  "http://localhost:8080",
		},
		Content: ContentConfig{
			Dir:          "content",
			MaxFileSize:  4 << 20,
			Debounce:     Duration{100 * time.Millisecond},
			MaxDelay:     Duration{time.Second},
			Rescan:       Duration{10 * time.Minute},
			Watch:        "auto",
			PollInterval: Duration{2 * time.Second},
		},
		Feed: FeedConfig{
			Items:        20,
			SummaryWords: 60,
			RSSPath:      "/rss.xml",
			AtomPath:     "/atom.xml",
			JSONPath:     "/feed.json",
		},
		HTTP: HTTPConfig{
			Listen:          "localhost:8080",
			CacheMaxAge:     Duration{5 * time.Minute},
			ShutdownTimeout: Duration{10 * time.Second},
		},
		State: StateConfig{Path: "state/herald.db"},
		Log:   LogConfig{Level: slog.LevelInfo, Format: "text"},
	}
}

// ParseConfig reads a config over the defaults and validates it. Unknown
// keys are errors, so a typo never goes unnoticed.
func ParseConfig(r io.Reader) (Config, error) {
	cfg := DefaultConfig()
	src, err := io.ReadAll(r)
	if err != nil {
		return cfg, err
	}
	md, err := toml.Decode(string(src), &cfg)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return cfg, fmt.Errorf("line %d: %s", perr.Position.Line, perr.Message)
		}
		return cfg, err
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		k := keys[0]
		return cfg, fmt.Errorf("line %d: unknown key %q (see the example config.toml for the keys Herald reads)", keyLine(string(src), k), k.String())
	}
	return cfg, cfg.Validate()
}

// keyLine finds the line where a dotted key is set, or 0.
func keyLine(src string, key toml.Key) int {
	table := strings.Join(key[:len(key)-1], ".")
	name := key[len(key)-1]
	current := ""
	for i, line := range strings.Split(src, "\n") {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, "[") {
			current = strings.Trim(l, "[] ")
			if current == strings.Join(key, ".") {
				return i + 1
			}
			continue
		}
		k, _, ok := strings.Cut(l, "=")
		if ok && current == table && strings.Trim(strings.TrimSpace(k), `"`) == name {
			return i + 1
		}
	}
	return 0
}

var langRE = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// Validate checks every value, naming the key of the first that is wrong.
func (c *Config) Validate() error {
	bad := func(key, format string, args ...any) error {
		return fmt.Errorf("%s: %s", key, fmt.Sprintf(format, args...))
	}
	if strings.TrimSpace(c.Site.Title) == "" {
		return bad("site.title", "must not be empty")
	}
	if c.Site.Language != "" && !langRE.MatchString(c.Site.Language) {
		return bad("site.language", "%q is not a language code such as \"en\" or \"en-GB\"", c.Site.Language)
	}
	c.Site.BaseURL = strings.TrimRight(c.Site.BaseURL, "/")
	if u, err := url.Parse(c.Site.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return bad("site.base_url", "%q is not an absolute http(s) URL such as \"https://example.com\"", c.Site.BaseURL)
	}
	if p := c.Site.LinkPattern; p != "" {
		u, err := url.Parse(strings.ReplaceAll(p, "{slug}", "x"))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return bad("site.link_pattern", "%q is not an absolute http(s) URL", p)
		}
		if !strings.Contains(p, "{slug}") {
			return bad("site.link_pattern", "%q has no {slug} placeholder, so every article would get the same link", p)
		}
	}
	if id := c.Site.FeedID; id != "" {
		if u, err := url.Parse(id); err != nil || u.Scheme == "" || strings.ContainsAny(id, " \t") {
			return bad("site.feed_id", "%q is not a URI such as \"urn:uuid:...\" or \"tag:example.com,2025:feed\"", id)
		}
	}
	if e := c.Site.Author.Email; e != "" && (!strings.Contains(e, "@") || strings.ContainsAny(e, " <>()")) {
		return bad("site.author.email", "%q is not an e-mail address", e)
	}
	if strings.TrimSpace(c.Content.Dir) == "" {
		return bad("content.dir", "must name the folder of article files")
	}
	if c.Content.MaxFileSize <= 0 {
		return bad("content.max_file_size", "must be positive, such as \"4MB\"")
	}
	if c.Content.Debounce.Duration <= 0 || c.Content.Debounce.Duration > time.Minute {
		return bad("content.debounce", "%s is out of range: between 1ms and 1m", c.Content.Debounce)
	}
	if c.Content.MaxDelay.Duration < c.Content.Debounce.Duration {
		return bad("content.max_delay", "%s must be at least content.debounce (%s)", c.Content.MaxDelay, c.Content.Debounce)
	}
	if c.Content.Rescan.Duration < 0 {
		return bad("content.rescan", "must not be negative (0 turns it off)")
	}
	if c.Content.Watch != "auto" && c.Content.Watch != "notify" && c.Content.Watch != "poll" {
		return bad("content.watch", "%q must be \"auto\", \"notify\" or \"poll\"", c.Content.Watch)
	}
	if c.Content.PollInterval.Duration < 100*time.Millisecond || c.Content.PollInterval.Duration > time.Hour {
		return bad("content.poll_interval", "%s is out of range: between 100ms and 1h", c.Content.PollInterval)
	}
	if c.Feed.Items < 1 || c.Feed.Items > 1000 {
		return bad("feed.items", "%d is out of range: between 1 and 1000", c.Feed.Items)
	}
	if c.Feed.SummaryWords < 5 || c.Feed.SummaryWords > 1000 {
		return bad("feed.summary_words", "%d is out of range: between 5 and 1000", c.Feed.SummaryWords)
	}
	paths := map[string]string{}
	for _, p := range []struct{ key, val string }{{"feed.rss_path", c.Feed.RSSPath}, {"feed.atom_path", c.Feed.AtomPath}, {"feed.json_path", c.Feed.JSONPath}} {
		if !strings.HasPrefix(p.val, "/") || p.val == "/" || strings.HasPrefix(p.val, "/articles/") || p.val == "/healthz" || strings.ContainsAny(p.val, " {}?#") {
			return bad(p.key, "%q must be a path such as \"/rss.xml\", other than \"/\", \"/healthz\" and \"/articles/...\"", p.val)
		}
		if other, dup := paths[p.val]; dup {
			return bad(p.key, "%q is already %s", p.val, other)
		}
		paths[p.val] = p.key
	}
	if _, _, err := net.SplitHostPort(c.HTTP.Listen); err != nil {
		return bad("http.listen", "%q is not a host:port address such as \"localhost:8080\" or \":8080\"", c.HTTP.Listen)
	}
	if c.HTTP.CacheMaxAge.Duration < 0 || c.HTTP.CacheMaxAge.Duration > 24*time.Hour {
		return bad("http.cache_max_age", "%s is out of range: between 0s and 24h", c.HTTP.CacheMaxAge)
	}
	if c.HTTP.ShutdownTimeout.Duration <= 0 {
		return bad("http.shutdown_timeout", "must be positive, such as \"10s\"")
	}
	if strings.TrimSpace(c.State.Path) == "" {
		return bad("state.path", "must name the state file, such as \"state/herald.db\"")
	}
	if c.Log.Format != "text" && c.Log.Format != "json" {
		return bad("log.format", "%q must be \"text\" or \"json\"", c.Log.Format)
	}
	return nil
}

// resolvePaths makes relative file paths relative to the config file's folder,
// so a service finds its files whatever its working directory.
func (c *Config) resolvePaths(configDir string) {
	for _, p := range []*string{&c.Content.Dir, &c.State.Path} {
		if !filepath.IsAbs(*p) {
			*p = filepath.Join(configDir, *p)
		}
	}
}

// Duration is a time.Duration written as a string such as "250ms" or "5m".
// An integer is refused: it would silently mean nanoseconds.
type Duration struct{ time.Duration }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("%q is not a duration such as \"250ms\", \"30s\" or \"5m\"", b)
	}
	d.Duration = v
	return nil
}

// UnmarshalTOML refuses anything but a string.
func (d *Duration) UnmarshalTOML(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("%v is not a duration: write it as a string such as \"250ms\", \"30s\" or \"5m\"", v)
	}
	return d.UnmarshalText([]byte(s))
}

// Size is a number of bytes, written as "4MB", "512KB", "1MiB" or a plain integer.
type Size int64

// UnmarshalTOML implements toml.Unmarshaler.
func (s *Size) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case int64:
		*s = Size(x)
		return nil
	case string:
		n, err := parseSize(x)
		if err != nil {
			return err
		}
		*s = Size(n)
		return nil
	}
	return fmt.Errorf("%v is not a size such as \"4MB\"", v)
}

func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	units := []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a size such as \"4MB\", \"512KB\" or \"1MiB\"", s)
	}
	return n * mult, nil
}
