package privacy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// norm is a text with full-width digits, Latin letters and the few symbols
// that numbers are written with (＋－（）．) folded to ASCII, and dashes (—)
// to '-', so that １３８１２３４５６７８ is recognised like 13812345678. The
// recognisers work on s and map their byte offsets back with orig.
type norm struct {
	s   string
	off []int // off[i] is the original offset of byte i of s; nil when s is the text itself
}

func normalize(text string) norm {
	if !hasFullWidth(text) {
		return norm{s: text}
	}
	b := make([]byte, 0, len(text))
	off := make([]int, 0, len(text)+1)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if a, ok := halfWidth(r); ok {
			b = append(b, a)
			off = append(off, i)
		} else {
			for k := range size {
				b = append(b, text[i+k])
				off = append(off, i+k)
			}
		}
		i += size
	}
	off = append(off, len(text))
	return norm{s: string(b), off: off}
}

// orig maps a byte offset of n.s (0..len(n.s)) to the original text.
func (n norm) orig(i int) int {
	if n.off == nil {
		return i
	}
	return n.off[i]
}

func hasFullWidth(text string) bool {
	// Every character halfWidth folds is encoded as EF xx xx or E2 80 xx
	// (the dashes), or is − (E2 88 92).
	if strings.IndexByte(text, 0xef) < 0 && strings.IndexByte(text, 0xe2) < 0 {
		return false
	}
	for _, r := range text {
		if _, ok := halfWidth(r); ok {
			return true
		}
	}
	return false
}

func halfWidth(r rune) (byte, bool) {
	switch {
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return byte(r - 0xFEE0), true
	}
	switch r {
	case '＋', '－', '（', '）', '．':
		return byte(r - 0xFEE0), true
	case '‐', '‑', '‒', '–', '—', '−', '﹣':
		return '-', true // dashes typed into phone numbers: 0394—8123456
	}
	return 0, false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isAlnum(c byte) bool {
	return isDigit(c) || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// runeBefore returns the rune that ends at byte i of s, or utf8.RuneError.
func runeBefore(s string, i int) (rune, int) {
	if i <= 0 {
		return utf8.RuneError, 0
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

// runeAt returns the rune that starts at byte i of s, or utf8.RuneError.
func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	return utf8.DecodeRuneInString(s[i:])
}
