package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/heraldfeeds/herald/feed"
	"github.com/heraldfeeds/herald/internal/catalog"
	"github.com/heraldfeeds/herald/internal/server"
	"github.com/heraldfeeds/herald/internal/store"
	"github.com/heraldfeeds/herald/source"
)

// loadConfig reads and validates the config file at path.
func loadConfig(path string) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return Config{}, fmt.Errorf("read config: %w (give the path with -config)", err)
	}
	defer f.Close()
	cfg, err := ParseConfig(f)
	if err != nil {
		return cfg, fmt.Errorf("config %s: %w", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return cfg, err
	}
	cfg.resolvePaths(filepath.Dir(abs))
	return cfg, nil
}

func newLogger(c LogConfig, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.Level}
	if c.Format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// serve runs the daemon until ctx is done: it publishes the content folder,
// republishes on every change, and serves HTTP.
func serve(ctx context.Context, cfg Config, log *slog.Logger) error {
	if info, err := os.Stat(cfg.Content.Dir); err != nil {
		return fmt.Errorf("content folder: %w (set content.dir in the config)", err)
	} else if !info.IsDir() {
		return fmt.Errorf("content folder %s is not a folder (set content.dir in the config)", cfg.Content.Dir)
	}
	st, err := store.Open(cfg.State.Path)
	if err != nil {
		return err
	}
	defer func() {
		if err := st.Close(); err != nil {
			log.Error("close state file", "path", cfg.State.Path, "err", err)
		}
	}()
	feedID, since, err := st.Site(time.Now())
	if err != nil {
		return err
	}
	if cfg.Site.FeedID != "" {
		feedID = cfg.Site.FeedID
	}
	site := &feed.Site{
		Title:       cfg.Site.Title,
		Description: cfg.Site.Description,
		Language:    cfg.Site.Language,
		BaseURL:     cfg.Site.BaseURL,
		LinkPattern: cfg.Site.LinkPattern,
		ID:          feedID,
		Since:       since,
		Author:      source.Person{Name: cfg.Site.Author.Name, Email: cfg.Site.Author.Email},
		Items:       cfg.Feed.Items,
		TTL:         cfg.HTTP.CacheMaxAge.Duration,
		Generator:   "Herald " + buildVersion(),
		Paths:       map[string]string{"rss": cfg.Feed.RSSPath, "atom": cfg.Feed.AtomPath, "json": cfg.Feed.JSONPath},
	}
	if site.Description == "" {
		site.Description = site.Title
	}
	pub := &publisher{
		log:   log,
		store: st,
		loader: &source.Loader{
			FS:          os.DirFS(cfg.Content.Dir),
			Dir:         cfg.Content.Dir,
			Options:     source.Options{SummaryWords: cfg.Feed.SummaryWords},
			MaxFileSize: int64(cfg.Content.MaxFileSize),
		},
		catalog: catalog.New(),
		items:   cfg.Feed.Items,
		failed:  map[string]string{},
		made:    fmt.Sprintf("%s summary_words=%d", buildVersion(), cfg.Feed.SummaryWords),
	}
	pub.server = server.New(server.Options{
		Site:        site,
		CacheMaxAge: cfg.HTTP.CacheMaxAge.Duration,
		Logger:      log,
		DocTimes: func(etags map[string]string, newest time.Time) (map[string]time.Time, error) {
			return st.DocTimes(etags, newest, time.Now())
		},
		Article: pub.article,
	})
	if err := pub.restore(); err != nil {
		return err
	}

	// Listen before anything else runs, so "address in use" is a plain
	// startup error.
	ln, err := net.Listen("tcp", cfg.HTTP.Listen)
	if err != nil {
		return fmt.Errorf("listen: %w (change http.listen or -listen)", err)
	}
	defer ln.Close()
	httpServer := &http.Server{
		Handler:           pub.server,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelDebug),
	}

	// HTTP answers at once: 503 with Retry-After until the feeds are first
	// published, so health checks and proxies get an answer, not a hang.
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		if err := httpServer.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	g.Go(func() error {
		<-ctx.Done() // a signal, or another goroutine failed
		log.Info("shutting down", "timeout", cfg.HTTP.ShutdownTimeout.Duration)
		shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.HTTP.ShutdownTimeout.Duration)
		defer cancel()
		return httpServer.Shutdown(shutdownCtx)
	})

	// The watcher's first republish is the scan of the whole folder, which
	// puts each folder's watch in place just before listing it, so no
	// change made during the scan is missed and the folder is listed once.
	// If that first publish fails, the watcher returns its error and the
	// daemon stops.
	first := make(chan error, 1)
	gc := startupGC()
	g.Go(func() error { return pub.watch(ctx, cfg.Content, first) })
	select {
	case err := <-first:
		gc()
		if err == nil {
			log.Info("serving", "url", "http://"+ln.Addr().String()+"/", "base_url", cfg.Site.BaseURL, "content", cfg.Content.Dir)
		}
	case <-ctx.Done(): // the watcher could not start, or a signal came
	}
	return g.Wait()
}

// startupGC lets the heap grow twice as far between collections until the
// first publish, and returns what puts the collector back as it was. A
// first start scans every file of the folder and keeps a record of each:
// with the default, the collector runs often on a heap that is mostly
// records still in use, and takes about 15 % of the start's CPU. The peak
// is about a quarter higher (docs/BENCHMARKS.md). A GOGC set by the
// operator is left alone.
func startupGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(200)
	return func() { debug.SetGCPercent(old) }
}
