package source

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// benchContent is the folder HERALD_BENCH_CONTENT names (go run ./bench/gen
// -n 50000 -out DIR), or the benchmark is skipped.
func benchContent(b *testing.B) string {
	dir := os.Getenv("HERALD_BENCH_CONTENT")
	if dir == "" {
		b.Skip("HERALD_BENCH_CONTENT is not set")
	}
	return dir
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoad is a first start's Load of the folder, straight from the
// OS; cpu-ms/op counts every core.
func BenchmarkLoad(b *testing.B) {
	dir := benchContent(b)
	cpu := cpuTime()
	for b.Loop() {
		l := &Loader{FS: os.DirFS(dir), Dir: dir}
		d, err := l.Load()
		if err != nil || len(d.Changed) == 0 {
			b.Fatalf("Load: %d articles, %v", len(d.Changed), err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
}

// BenchmarkList lists the folder's article files, the way the loader did
// (fs.WalkDir) and does (getdents, in path order), reading none.
func BenchmarkList(b *testing.B) {
	dir := benchContent(b)
	b.Run("walkdir", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
				if err == nil && d.Type().IsRegular() && !Skip(d.Name()) {
					if _, ok := KindOf(p); ok {
						n++
					}
				}
				return nil
			})
			if n == 0 {
				b.Fatal("no files")
			}
		}
	})
	b.Run("lister", func(b *testing.B) {
		b.ReportAllocs()
		l := &Loader{FS: os.DirFS(dir), Dir: dir}
		for b.Loop() {
			chunks := make(chan chunk, 16)
			w := &walkResult{walked: map[string]bool{}, broken: map[string]bool{}, open: newOpenDirs(0)}
			n := 0
			done := make(chan struct{})
			go func() {
				for c := range chunks {
					for _, it := range c.items {
						it.dir.release()
						n++
					}
				}
				close(done)
			}()
			ls := &lister{l: l, w: w, out: chunks}
			ls.list([]string{"."})
			close(chunks)
			<-done
			if n == 0 {
				b.Fatal("no files")
			}
		}
	})
}

// BenchmarkRead reads every article file of the folder on one goroutine,
// by its whole path and relative to its open folder.
func BenchmarkRead(b *testing.B) {
	dir := benchContent(b)
	l := &Loader{FS: os.DirFS(dir), Dir: dir}
	var files []string
	fs.WalkDir(l.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if _, ok := KindOf(p); ok {
				files = append(files, p)
			}
		}
		return nil
	})
	var buf []byte
	b.Run("path", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			for _, p := range files {
				src, _, err := readDirect(filepath.Join(dir, filepath.FromSlash(p)), DefaultMaxFileSize, buf)
				if err != nil {
					b.Fatal(err)
				}
				buf = src[:0]
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/file")
		b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N*len(files)), "cpu-ns/file")
	})
	b.Run("dirfd", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			var (
				d   *dirFD
				cur string
			)
			for _, p := range files {
				if dir := path.Dir(p); d == nil || dir != cur {
					d.release()
					fd, err := openAt(unix.AT_FDCWD, filepath.Join(l.Dir, dir), syscall.O_DIRECTORY)
					if err != nil {
						b.Fatal(err)
					}
					d = &dirFD{fd: fd, prefix: len(pathPrefix(dir)), open: newOpenDirs(0)}
					d.refs.Store(1)
					cur = dir
				}
				src, _, err := d.read(p, DefaultMaxFileSize, buf)
				if err != nil {
					b.Fatal(err)
				}
				buf = src[:0]
			}
			d.release()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/file")
		b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N*len(files)), "cpu-ns/file")
	})
}
