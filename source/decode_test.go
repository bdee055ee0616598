package source

import (
	"strings"
	"testing"
)

// TestDecodeText checks what the one pass over a file's bytes finds:
// carriage returns, characters XML forbids, invalid UTF-8 and binary files,
// alone and together.
func TestDecodeText(t *testing.T) {
	long := strings.Repeat("Plain words fill this paragraph out. ", 300) // past the 8 KB read for binary files
	for _, tt := range []struct {
		src, want string
		err       error
	}{
		{"Title\n\nBody.", "Title\n\nBody.", nil},
		{"Title\r\n\r\nBody.\rMore.\r\r\n", "Title\n\nBody.\nMore.\n\n", nil},
		{"Tab\there\fpage\vline\u0085next", "Tab\there page line next", nil},
		{"Bell\x07 DEL\x7f C1\u0080\u009f repl\ufffd nonchar\ufffe\uffff.", "Bell DEL C1 repl nonchar.", nil},
		{"Crlf\r\nand bell\x07\r\n", "Crlf\nand bell\n", nil},
		{"\xef\xbb\xbfBOM\r\n", "BOM\n", nil},
		{"\xff\xfeU\x00T\x00F\x00\r\x00\n\x00", "UTF\n", nil},
		{"Caf\xe9 \x93Quoted\x94\r\n", "Café “Quoted”\n", nil},
		{"Caf\xe9\x81\x7f\x85end", "Café…end", nil}, // 0x81 is undefined in Windows-1252
		{"Caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d \xf0\x9f\x98\x80", "Café “ok” 😀", nil},
		{"\xed\xa0\x80 surrogate", "\u00ed\u00a0\u20ac surrogate", nil},
		{long + "\x00", long, nil},
		{long + strings.Repeat("\x01", 1000), long, nil},
		{" \r\n\t\u00a0", "", ErrEmpty},
		{"NUL\x00", "", ErrBinary},
		{strings.Repeat("ab\x01\x02", 100), "", ErrBinary},
		{strings.Repeat("abcdefghi\x01", 100), strings.Repeat("abcdefghi", 100), nil}, // 10 %: not binary
	} {
		got, err := decodeText([]byte(tt.src))
		if got != tt.want || err != tt.err {
			t.Errorf("decodeText(%.40q) = %.40q, %v, want %.40q, %v", tt.src, got, err, tt.want, tt.err)
		}
	}
}

// TestNotPlain8 checks the 8-byte test against the byte-by-byte one, for
// every byte value at every position, among neighbours of every kind (a
// carry or a borrow from one byte must not change the answer for another).
func TestNotPlain8(t *testing.T) {
	plain := func(c byte) bool { return c == '\n' || 0x20 <= c && c <= 0x7E }
	for _, fill := range []byte{'a', ' ', '~', '\n', 0, 0x1F, 0x7F, 0x80, 0xFF} {
		for pos := range 8 {
			for c := range 256 {
				var b [8]byte
				for i := range b {
					b[i] = fill
				}
				b[pos] = byte(c)
				want := plain(fill) && plain(byte(c))
				if got := notPlain8(load64(b[:])) == 0; got != want {
					t.Errorf("notPlain8(%q) == 0 is %v, want %v", b[:], got, want)
				}
			}
		}
	}
}
