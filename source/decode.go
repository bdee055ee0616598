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

// decodeText turns a file's bytes into clean UTF-8 text (see [cleanText])
// with "\n" line ends. It strips a UTF-8 byte order mark, decodes UTF-16 with
// a byte order mark, and reads bytes that are not valid UTF-8 as
// Windows-1252, the usual encoding of such files. A NUL byte or many control
// bytes mean a binary file.
func decodeText(src []byte) (string, error) {
	var s string
	switch {
	case bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}):
		s = string(src[3:])
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}), bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		s = decodeUTF16(src[2:], src[0] == 0xFF)
	default:
		s = string(src)
	}
	if strings.TrimSpace(s) == "" {
		return "", ErrEmpty
	}
	// Every file is read here, so one pass over it answers all that is
	// asked of it below.
	binary, valid, cr, clean := inspectText(s)
	if binary {
		return "", ErrBinary
	}
	if !valid {
		dec, err := charmap.Windows1252.NewDecoder().String(s)
		if err != nil {
			return "", ErrBinary
		}
		s, cr, clean = dec, strings.IndexByte(dec, '\r') >= 0, isClean(dec)
	}
	if cr {
		s = unixLines(s)
	}
	if !clean {
		s = removeForbidden(s)
	}
	return s, nil
}

// inspectText reads s once for what decodeText needs to know: whether it
// looks binary, is valid UTF-8, holds a carriage return, and is clean but for
// its carriage returns (see [isClean]), which decodeText turns into
// newlines. A file looks binary if it has a NUL byte, or control bytes (other
// than tab, newline, carriage return, form feed and vertical tab) in more
// than 10 % of its first 8 KB. A few stray control characters in a text file
// are removed, not a reason to drop the article.
func inspectText[T string | []byte](s T) (binary, valid, cr, clean bool) {
	valid, clean = true, true
	head := min(len(s), binaryHead) // the bytes that tell a binary file
	ctl := 0
	for i := 0; i < len(s); {
		if i += plainPrefix(s[i:]); i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if i < head {
				if c == 0 {
					return true, valid, cr, clean
				}
				ctl += int(controlByte[c])
			}
			if c == '\r' {
				cr = true
			} else if suspect[c] {
				clean = false
			}
			i++
			continue
		}
		// At most 4 bytes, which the conversion of a []byte copies on the
		// stack: the string does not escape.
		r, size := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		switch {
		case r == utf8.RuneError && size == 1:
			valid = false
		case r <= 0x9F || 0xFFFD <= r && r <= 0xFFFF:
			clean = false // U+0080-U+009F, U+FFFD-U+FFFF
		}
		i += size
	}
	return ctl*10 > head, valid, cr, clean
}

// isPlainText reports whether decodeText gives src back unchanged, as it
// does for nearly every file: not empty or binary, no byte order mark,
// valid UTF-8 with "\n" line ends and nothing [cleanText] removes. Then
// the text of any part of src is that part of the decoded text.
func isPlainText(src []byte) bool {
	if len(bytes.TrimSpace(src)) == 0 || bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}) || bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return false
	}
	binary, valid, cr, clean := inspectText(src)
	return !binary && valid && !cr && clean
}

// unixLines replaces "\r\n" and a lone "\r" in s with "\n".
func unixLines(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '\r')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteByte('\n')
		s = s[i+1:]
		if s != "" && s[0] == '\n' {
			s = s[1:]
		}
	}
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

// binaryHead is how much of a file inspectText reads to tell a binary one.
const binaryHead = 8192

// controlByte marks the control bytes inspectText counts.
var controlByte = func() (t [256]uint8) {
	for c := range 0x20 {
		if c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' {
			t[c] = 1
		}
	}
	return t
}()

// cleanText removes the characters XML forbids (C0 controls other than tab
// and newline, U+FFFE, U+FFFF) and the Unicode replacement character, so that
// nothing Herald publishes can make a feed ill-formed.
func cleanText(s string) string {
	if isClean(s) {
		return s
	}
	return removeForbidden(s)
}

// removeForbidden is cleanText for s that is not clean.
func removeForbidden(s string) string {
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

// isClean reports whether s holds no character cleanText removes. It reads
// bytes rather than runes, as cleanText runs over every file: a forbidden
// character is an ASCII control or DEL, U+0080-U+009F (0xC2 0x80-0x9F),
// U+FFFD-U+FFFF (0xEF 0xBF 0xBD-0xBF), or a byte that is not valid UTF-8
// (which reads as U+FFFD).
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		if i += plainPrefix(s[i:]); i == len(s) || !suspect[s[i]] {
			continue
		}
		switch c := s[i]; {
		case c == 0xC2:
			if i+1 < len(s) && 0x80 <= s[i+1] && s[i+1] <= 0x9F {
				return false
			}
		case c == 0xEF:
			if i+2 < len(s) && s[i+1] == 0xBF && s[i+2] >= 0xBD {
				return false
			}
		default:
			return false
		}
	}
	return utf8.ValidString(s)
}

// load64 reads the 8 bytes of s as a little-endian number.
func load64[T string | []byte](s T) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// plainPrefix returns the length of the printable ASCII and newlines that
// start s, in steps of 8 bytes: a number of bytes the loops over a whole
// file need not look at one by one. It reads 32 bytes at a step while it
// can.
func plainPrefix[T string | []byte](s T) int {
	i := 0
	for ; i+32 <= len(s); i += 32 {
		w := s[i : i+32] // of known length: no bounds checks below
		a, b := load64(w[:8]), load64(w[8:16])
		c, d := load64(w[16:24]), load64(w[24:])
		if notPlain8(a)|notPlain8(b)|notPlain8(c)|notPlain8(d) != 0 {
			break
		}
	}
	for ; i+8 <= len(s); i += 8 {
		if notPlain8(load64(s[i:i+8])) != 0 {
			break
		}
	}
	return i
}

// notPlain8 is zero when the 8 bytes of x are all printable ASCII
// (0x20-0x7E) or newlines, and not zero otherwise. It tests them at once,
// on the low 7 bits of each byte: adding 0x60 sets a byte's high bit if it
// is 0x20 or more, and adding 0x7F sets it if it is not zero (after an XOR
// with DEL or '\n', if it is not that byte). No sum carries into the next
// byte, so each byte's answer is exact, unlike printable8's.
func notPlain8(x uint64) uint64 {
	const ones = 0x0101010101010101
	low := x &^ highs
	printable := (low + 0x60*ones) & ((low ^ 0x7F*ones) + 0x7F*ones) // 0x20 or more, and not DEL
	newline := ^((low ^ '\n'*ones) + 0x7F*ones)
	return (x | ^(printable | newline)) & highs
}

// printable8 reports whether the 8 bytes of x are all printable ASCII
// (0x20-0x7E). It tests them at once, with the bit tricks of "Bit
// Twiddling Hacks" (hasless, haszero), so that the loops over a whole file
// take 8 bytes at a step where there is nothing to see.
func printable8(x uint64) bool {
	const ones = 0x0101010101010101
	below := (x - 0x20*ones) &^ x // a high bit where a byte is below 0x20
	del := x ^ 0x7F*ones          // a zero byte where a byte is 0x7F
	return (x|below|(del-ones)&^del)&highs == 0
}

// suspect marks the bytes that isClean looks at more closely.
var suspect = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\t' && c != '\n'
	}
	t[0x7F], t[0xC2], t[0xEF] = true, true, true
	return t
}()

func forbidden(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n') || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError ||
		(r >= 0x7F && r <= 0x9F)
}
