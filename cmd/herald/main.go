// Command herald is a feed publisher: it watches a folder of article files
// (plain text, Markdown, HTML) and serves them as RSS 2.0, Atom 1.0 and JSON
// Feed 1.1, with summaries, over HTTP.
//
// Run "herald -h" for its usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "herald:", err)
		os.Exit(1)
	}
}

const usage = `Herald publishes a folder of articles as RSS, Atom and JSON Feed.

Usage:
  herald [serve] [flags]             run the daemon: watch the content folder, serve the feeds
  herald inspect [-json] FILE...     show what Herald makes of article files
  herald summarize [-words N]        summarize body text read on stdin
  herald eval-summaries DIR...       score summaries with ROUGE (DIR/articles, DIR/refs)
  herald -version                    print the version

Each subcommand has its own -h.

Flags of serve:
`

const usageFooter = `
Routes (paths of the feeds as configured):
  /                 home page listing recent articles, with feed autodiscovery
  /rss.xml          RSS 2.0
  /atom.xml         Atom 1.0
  /feed.json        JSON Feed 1.1
  /articles/{slug}  one article as a page
  /healthz          200 once the feeds are built (every route: 503 until then)

The config file documents every key; see config.toml in the repository.
`

// buildVersion is the version set at build time, or else the module version
// or VCS revision Go recorded in the binary.
func buildVersion() string {
	if version != "dev" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return version
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "dev-" + rev
}

// run is herald's whole life: parse the command line, then do what it says.
// It returns when ctx is done (SIGINT, SIGTERM) or on a startup error.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "serve":
			args = args[1:]
		case "inspect":
			return runInspect(args[1:], stdout, stderr)
		case "summarize":
			return runSummarize(args[1:], stdin, stdout, stderr)
		case "eval-summaries":
			return runEval(args[1:], stdout, stderr)
		}
	}
	fs := flag.NewFlagSet("herald", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "config.toml", "the config `file`")
	listen := fs.String("listen", "", "listen on this `address` (host:port), overriding http.listen")
	showVersion := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
		fmt.Fprint(fs.Output(), usageFooter)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *showVersion {
		fmt.Fprintln(stdout, "herald", buildVersion())
		return nil
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unknown command %q (see herald -h)", fs.Arg(0))
	}
	cfg, err := loadConfig(*configPath)
	if err != nil {
		return err
	}
	if *listen != "" {
		cfg.HTTP.Listen = *listen
		if err := cfg.Validate(); err != nil {
			return fmt.Errorf("-listen: %w", err)
		}
	}
	return serve(ctx, cfg, newLogger(cfg.Log, stderr))
}
