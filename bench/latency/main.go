// Command latency measures how long a saved article takes to reach a feed:
// it runs a built herald on a generated content folder, saves new articles
// one at a time, and after each polls /feed.json (with If-None-Match, every
// -poll) until the new article's title is in it. The latency of one article
// is the time it was seen minus the time its file was closed.
//
//	go build -o /tmp/herald ./cmd/herald && go build -o /tmp/gen ./bench/gen
//	go run ./bench/latency -herald /tmp/herald -gen /tmp/gen
//
// It prints p50, p90, p99 and max, the debounce setting, and whether p99 is
// within debounce + 50ms, then the same percentiles of the "took" of
// herald's "published" log lines: the time one republish takes, from the
// folder walk to the swap of the served bytes.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "latency:", err)
		os.Exit(1)
	}
}

func run() error {
	herald := flag.String("herald", "", "the herald binary to run (required)")
	gen := flag.String("gen", "", "the bench/gen binary; empty: go run ./bench/gen (from the repository root)")
	preload := flag.Int("preload", 1000, "articles generated into the folder before herald starts")
	n := flag.Int("n", 500, "new articles to save, one at a time")
	debounce := flag.Duration("debounce", 100*time.Millisecond, "content.debounce")
	poll := flag.Duration("poll", time.Millisecond, "how often feed.json is polled while waiting")
	timeout := flag.Duration("timeout", 30*time.Second, "the longest to wait for one article")
	keep := flag.Bool("keep", false, "keep the temporary folder (content, state, herald.log)")
	flag.Parse()
	if *herald == "" {
		flag.Usage()
		return errors.New("-herald is required")
	}

	dir, err := os.MkdirTemp("", "herald-latency-")
	if err != nil {
		return err
	}
	if *keep {
		fmt.Println("folder:", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	content := filepath.Join(dir, "content")
	if err := generate(*gen, *preload, content); err != nil {
		return err
	}
	config := filepath.Join(dir, "herald.toml")
	maxDelay := max(time.Second, *debounce)
	err = os.WriteFile(config, fmt.Appendf(nil, `[site]
title = "Latency"
base_url = "http://127.0.0.1"
[content]
dir = %q
debounce = %q
max_delay = %q
[state]
path = %q
`, content, debounce.String(), maxDelay.String(), filepath.Join(dir, "state", "herald.db")), 0o644)
	if err != nil {
		return err
	}

	d, err := start(*herald, config, filepath.Join(dir, "herald.log"))
	if err != nil {
		return err
	}
	defer d.stop()
	fmt.Printf("herald %s: %d preloaded articles, debounce %s, max_delay %s; first publish %s; saving %d articles one at a time, polling every %s\n",
		d.url, *preload, *debounce, maxDelay, d.ready.Round(time.Millisecond), *n, *poll)

	client := &http.Client{Transport: &http.Transport{DisableCompression: true, Proxy: nil}, Timeout: 5 * time.Second}
	etag := ""
	fetch := func() ([]byte, error) {
		req, err := http.NewRequest(http.MethodGet, d.url+"feed.json", nil)
		if err != nil {
			return nil, err
		}
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		switch {
		case err != nil:
			return nil, err
		case resp.StatusCode == http.StatusNotModified:
			return nil, nil
		case resp.StatusCode != http.StatusOK:
			return nil, fmt.Errorf("GET feed.json: status %d", resp.StatusCode)
		}
		etag = resp.Header.Get("ETag")
		return body, nil
	}
	if _, err := fetch(); err != nil {
		return err
	}

	lat := make([]time.Duration, 0, *n)
	for i := range *n {
		title := fmt.Sprintf("Latency Probe %05d Reports On The Harbour", i)
		path := filepath.Join(content, fmt.Sprintf("probe-%05d.md", i))
		closed, err := save(path, title, i)
		if err != nil {
			return err
		}
		for {
			body, err := fetch()
			if err != nil {
				return err
			}
			if body != nil && bytes.Contains(body, []byte(title)) {
				lat = append(lat, time.Since(closed))
				break
			}
			if time.Since(closed) > *timeout {
				return fmt.Errorf("%s not in feed.json %s after it was saved", title, *timeout)
			}
			time.Sleep(*poll)
		}
	}

	p := percentiles(lat)
	fmt.Printf("save -> feed.json, %d articles: p50 %s  p90 %s  p99 %s  max %s\n", len(lat),
		ms(p[0]), ms(p[1]), ms(p[2]), ms(p[3]))
	budget := *debounce + 50*time.Millisecond
	verdict := "yes"
	if p[2] > budget {
		verdict = "NO"
	}
	fmt.Printf("debounce %s: p99 <= debounce + 50ms (%s): %s\n", *debounce, budget, verdict)
	if took := d.tooks(); len(took) > 0 {
		q := percentiles(took)
		fmt.Printf("herald republish (\"took\" of %d published lines): p50 %s  p90 %s  p99 %s  max %s\n", len(took),
			ms(q[0]), ms(q[1]), ms(q[2]), ms(q[3]))
	}
	return nil
}

// generate writes n articles into dir with bench/gen.
func generate(gen string, n int, dir string) error {
	cmd := exec.Command("go", "run", "./bench/gen")
	if gen != "" {
		cmd = exec.Command(gen)
	}
	cmd.Args = append(cmd.Args, "-n", fmt.Sprint(n), "-out", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	if n == 0 {
		return os.MkdirAll(dir, 0o755)
	}
	// Written back before herald starts: a folder of 100,000 files just
	// written leaves the kernel hundreds of megabytes to write, and the
	// state file's fsyncs would wait behind them.
	syscall.Sync()
	return nil
}

// save writes a new undated Markdown article, so herald dates it when it
// first sees it and it is the newest item, and returns when it was closed.
func save(path, title string, i int) (time.Time, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", title)
	for p := range 6 {
		fmt.Fprintf(&b, "Paragraph %d of probe %d. The harbour office counted more ships this week than in any week since records began, "+
			"and officials said the new quay would open in the spring. Residents asked for more buses to the waterfront, "+
			"and the council promised an answer before the summer.\n\n", p+1, i)
	}
	f, err := os.Create(path)
	if err != nil {
		return time.Time{}, err
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return time.Time{}, err
	}
	if err := f.Close(); err != nil {
		return time.Time{}, err
	}
	return time.Now(), nil
}

// daemon is a running herald.
type daemon struct {
	cmd   *exec.Cmd
	url   string
	ready time.Duration // from exec to the "serving" line
	done  chan struct{}

	mu   sync.Mutex
	took []time.Duration // of each "published" line after the first
	log  *os.File
}

var (
	servingRE = regexp.MustCompile(`msg=serving url=(http://127\.0\.0\.1:\d+/)`)
	tookRE    = regexp.MustCompile(`msg=published .* took=(\S+)`)
)

// start runs herald with config, logging to logPath, and waits until its
// /healthz answers 200.
func start(herald, config, logPath string) (*daemon, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	d := &daemon{log: logFile, done: make(chan struct{})}
	d.cmd = exec.Command(herald, "-config", config, "-listen", "127.0.0.1:0")
	stderr, err := d.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	began := time.Now()
	if err := d.cmd.Start(); err != nil {
		return nil, err
	}
	serving := make(chan string, 1)
	go func() {
		defer close(d.done)
		sc := bufio.NewScanner(stderr)
		first := true
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(logFile, line)
			if m := servingRE.FindStringSubmatch(line); m != nil {
				serving <- m[1]
			}
			if m := tookRE.FindStringSubmatch(line); m != nil {
				if first { // the start-up publish of the whole folder
					first = false
					continue
				}
				if t, err := time.ParseDuration(m[1]); err == nil {
					d.mu.Lock()
					d.took = append(d.took, t)
					d.mu.Unlock()
				}
			}
		}
		d.cmd.Wait()
	}()
	select {
	case d.url = <-serving:
	case <-d.done:
		return nil, fmt.Errorf("herald exited before serving; see %s", logPath)
	case <-time.After(2 * time.Minute):
		d.stop()
		return nil, fmt.Errorf("herald did not log msg=serving within 2m; see %s", logPath)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, d.url+"healthz", nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				d.ready = time.Since(began)
				return d, nil
			}
		}
		if ctx.Err() != nil {
			d.stop()
			return nil, fmt.Errorf("GET %shealthz: no 200 within 1m (last error %v)", d.url, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// stop sends SIGINT and waits for herald to exit.
func (d *daemon) stop() {
	d.cmd.Process.Signal(os.Interrupt)
	select {
	case <-d.done:
	case <-time.After(15 * time.Second):
		d.cmd.Process.Kill()
		<-d.done
	}
	d.log.Close()
}

func (d *daemon) tooks() []time.Duration {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.took)
}

// percentiles returns p50, p90, p99 and the max of ds, by nearest rank.
func percentiles(ds []time.Duration) [4]time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := func(p float64) time.Duration {
		i := int(p*float64(len(s))+0.999999) - 1
		return s[min(max(i, 0), len(s)-1)]
	}
	return [4]time.Duration{rank(0.50), rank(0.90), rank(0.99), s[len(s)-1]}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond)) }
