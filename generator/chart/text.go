package chart

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isWide reports whether r is drawn about 1 em wide in a CJK font: Han,
// kana, Hangul, CJK and full-width punctuation, and the general punctuation
// (dashes, quotes, ellipsis) that Chinese fonts draw full width. Everything
// else counts as 0.6 em. Over-estimating is the safe side for layout.
func isWide(r rune) bool {
	switch {
	case r < 0x2010:
		return false
	case r <= 0x2027, // dashes, quotes, ellipsis
		r >= 0x2E80 && r <= 0x303F, // CJK radicals, ideographic description, CJK punctuation
		r >= 0x3040 && r <= 0x31FF, // kana, bopomofo, Hangul compatibility jamo
		r >= 0x3200 && r <= 0x9FFF, // enclosed CJK, CJK unified ideographs
		r >= 0xAC00 && r <= 0xD7AF, // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF01 && r <= 0xFF60, // full-width forms
		r >= 0xFFE0 && r <= 0xFFE6:
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// textWidth is the width of s in em: 1 per wide rune, 0.6 per other rune.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if isWide(r) {
			w++
		} else {
			w += 0.6
		}
	}
	return w
}

// noBreakBefore are runes that must not start a line, noBreakAfter runes
// that must not end one.
const (
	noBreakBefore = "）)」』】〕〉》，。、；：！？…%％·,.;:!?]}"
	noBreakAfter  = "（(「『【〔〈《[{"
)

// canBreak reports whether a line may break between prev and next: after a
// space, hyphen or slash, or next to a wide (CJK) rune, but never inside a
// run of Latin letters and digits and never against closing/opening
// punctuation.
func canBreak(prev, next rune) bool {
	switch {
	case next == ' ':
		return false
	case prev == ' ':
		return true
	case strings.ContainsRune(noBreakBefore, next), strings.ContainsRune(noBreakAfter, prev):
		return false
	case isWide(prev) || isWide(next):
		return true
	case prev == '-' || prev == '/':
		return true
	}
	return false
}

// wrapTwo splits s into two lines as evenly as possible (by width) at an
// allowed break; ok is false when s has no break opportunity. Among equally
// even splits it prefers a natural boundary (a space, hyphen or slash, or
// before an opening bracket), then the longer first line.
func wrapTwo(s string) (first, second string, ok bool) {
	rs := []rune(s)
	best := math.Inf(1)
	for i := 1; i < len(rs); i++ {
		if !canBreak(rs[i-1], rs[i]) {
			continue
		}
		a := strings.TrimRight(string(rs[:i]), " ")
		b := strings.TrimLeft(string(rs[i:]), " ")
		if a == "" || b == "" {
			continue
		}
		w := math.Max(textWidth(a), textWidth(b))
		if strings.ContainsRune(" -/", rs[i-1]) || strings.ContainsRune(noBreakAfter, rs[i]) {
			w -= 1e-6
		}
		if w <= best {
			best, first, second, ok = w, a, b, true
		}
	}
	return first, second, ok
}

// clean replaces runes that XML 1.0 does not allow (and invalid UTF-8) by
// U+FFFD and control characters by spaces.
func clean(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x20:
			b.WriteByte(' ')
		case r == 0xFFFE || r == 0xFFFF:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r) // invalid UTF-8 decodes to, and is written as, U+FFFD
		}
	}
	return b.String()
}

var xmlEscaper = strings.NewReplacer(
	"&", "&amp;",
	"<", "&lt;",
	">", "&gt;",
	`"`, "&#34;",
	"'", "&#39;",
)

// esc makes s safe as XML character data or a quoted attribute value.
func esc(s string) string {
	return xmlEscaper.Replace(clean(s))
}

// num formats a coordinate with at most two decimals and no "-0".
func num(f float64) string {
	r := math.Round(f*100) / 100
	if r == 0 {
		r = 0 // turns -0 into 0
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
