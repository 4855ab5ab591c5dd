package privacy

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// norm is a text with full-width digits, Latin letters and the few symbols
// that numbers are written with (＋－（）．) folded to ASCII, and dashes (—)
// to '-', so that １３８１２３４５６７８ is recognised like 13812345678. The
// recognisers work on s and map their byte offsets back with orig.
type norm struct {
	s string
	// folds lists, in order, the byte offsets of s just after each folded
	// character with the total number of bytes folding has removed up to
	// there; nil when s is the text itself.
	folds []fold
}

type fold struct{ at, shift int }

func normalize(text string) norm {
	i := nextFold(text, 0)
	if i < 0 {
		return norm{s: text}
	}
	var b strings.Builder // String does not copy
	b.Grow(len(text))
	var folds []fold
	last, shift := 0, 0
	for i >= 0 {
		r, size := utf8.DecodeRuneInString(text[i:])
		a, _ := halfWidth(r)
		b.WriteString(text[last:i])
		b.WriteByte(a)
		shift += size - 1
		folds = append(folds, fold{at: b.Len(), shift: shift})
		last = i + size
		i = nextFold(text, last)
	}
	b.WriteString(text[last:])
	return norm{s: b.String(), folds: folds}
}

// nextFold returns the offset of the first character at or after from that
// halfWidth folds, or -1. Every such character is encoded as EF xx xx, or
// E2 80 xx and E2 88 92 (the dashes and −); those bytes never occur inside
// another character's encoding.
func nextFold(text string, from int) int {
	for i := from; i < len(text); i++ {
		if c := text[i]; c == 0xef || c == 0xe2 {
			r, size := utf8.DecodeRuneInString(text[i:])
			if _, ok := halfWidth(r); ok {
				return i
			}
			i += size - 1
		}
	}
	return -1
}

// orig maps a byte offset of n.s (0..len(n.s)) to the original text.
func (n norm) orig(i int) int {
	// The last fold at or before i.
	k := sort.Search(len(n.folds), func(k int) bool { return n.folds[k].at > i })
	if k == 0 {
		return i
	}
	return i + n.folds[k-1].shift
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

func isAlnum(c byte) bool { return alnum[c] }

// alnum marks the ASCII digits and letters.
var alnum = func() (t [256]bool) {
	for c := range 256 {
		t[c] = '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
	}
	return t
}()

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
