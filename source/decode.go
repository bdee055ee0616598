package source

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Errors for files that hold no article text.
var (
	ErrEmpty  = errors.New("empty file")
	ErrBinary = errors.New("binary file, not text")
)

// decodeText turns a file's bytes into UTF-8 text with "\n" line ends. It
// strips a UTF-8 byte order mark, decodes UTF-16 with a byte order mark, and
// reads bytes that are not valid UTF-8 as Windows-1252, the usual encoding of
// such files. A NUL byte or many control bytes mean a binary file.
func decodeText(src []byte) (string, error) {
	var s string
	switch {
	case bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}):
		src = src[3:]
		s = string(src)
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}), bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		s = decodeUTF16(src[2:], src[0] == 0xFF)
		src = []byte(s)
	default:
		s = string(src)
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return "", ErrEmpty
	}
	if looksBinary(src) {
		return "", ErrBinary
	}
	if !utf8.ValidString(s) {
		dec, err := charmap.Windows1252.NewDecoder().String(s)
		if err != nil {
			return "", ErrBinary
		}
		s = dec
	}
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s, nil
}

func decodeUTF16(b []byte, littleEndian bool) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if littleEndian {
			u = append(u, uint16(b[i])|uint16(b[i+1])<<8)
		} else {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
	}
	return string(utf16.Decode(u))
}

// looksBinary reports a NUL byte, or control bytes (other than tab, newline,
// carriage return, form feed and vertical tab) in more than 10 % of the first
// 8 KB. A few stray control characters in a text file are removed, not a
// reason to drop the article.
func looksBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' {
			ctl++
		}
	}
	return ctl*10 > len(b)
}

// cleanText removes the characters XML forbids (C0 controls other than tab
// and newline, U+FFFE, U+FFFF) and the Unicode replacement character, so that
// nothing Herald publishes can make a feed ill-formed.
func cleanText(s string) string {
	clean := true
	for _, r := range s {
		if forbidden(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\f' || r == '\v' || r == 0x85:
			return ' ' // page and line breaks separate words
		case forbidden(r):
			return -1
		}
		return r
	}, s)
}

func forbidden(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n') || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError ||
		(r >= 0x7F && r <= 0x9F)
}
