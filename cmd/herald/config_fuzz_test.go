package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseConfig: any input gives a config or an error, never a panic, and
// a config that parses is valid.
func FuzzParseConfig(f *testing.F) {
	if src, err := os.ReadFile(filepath.Join("..", "..", "config.toml")); err == nil {
		f.Add(string(src))
	}
	f.Add("[site]\ntitle = \"x\"\n")
	f.Add("[content]\ndebounce = 250\n")
	f.Add("[content]\nmax_file_size = \"4MiB\"\n[http]\nlisten = \":8080\"\n")
	f.Add("[site.author]\nemail = \"a@b\"\n[[feed]]\n")
	f.Fuzz(func(t *testing.T, src string) {
		cfg, err := ParseConfig(strings.NewReader(src))
		if err != nil {
			return
		}
		if err := cfg.Validate(); err != nil {
			t.Errorf("ParseConfig(%q) accepted a config that Validate rejects: %v", src, err)
		}
	})
}
