package source

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadDirect(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var buf []byte // reused, as the loader does: a short file after a long one
	for _, text := range []string{"", "x", strings.Repeat("word ", 10000), "ab"} {
		p := write("a.md", text)
		src, st, err := readDirect(p, 1<<20, buf)
		buf = src[:0]
		if err != nil || string(src) != text || st.Size != int64(len(text)) || st.Inode == 0 || st.ModTime == 0 {
			t.Errorf("readDirect of %d bytes = %d bytes, %+v, %v", len(text), len(src), st, err)
		}
		info, _ := os.Lstat(p)
		if statOf(info) != st {
			t.Errorf("readDirect stat %+v, want Lstat's %+v", st, statOf(info))
		}
	}
	if _, _, err := readDirect(write("big.md", strings.Repeat("x", 101)), 100, nil); !errors.Is(err, ErrTooLarge) {
		t.Errorf("readDirect over the limit: %v, want ErrTooLarge", err)
	}
	if err := os.Symlink("a.md", filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := readDirect(filepath.Join(dir, "link.md"), 100, nil); !errors.Is(err, ErrSymlink) {
		t.Errorf("readDirect of a link: %v, want ErrSymlink", err)
	}
	if _, _, err := readDirect(dir, 100, nil); err == nil {
		t.Error("readDirect of a folder: no error")
	}
	if _, _, err := readDirect(filepath.Join(dir, "gone.md"), 100, nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("readDirect of a missing file: %v, want ErrNotExist", err)
	}
}
