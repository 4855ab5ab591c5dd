package library

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean returns s as one line of plain text: zero-width characters (U+200B
// to U+200D, U+2060, U+FEFF, U+00AD) removed, every run of white space —
// ASCII, no-break (U+00A0), the typographic spaces U+2000 to U+200A, U+202F,
// U+205F, the ideographic space U+3000 and line breaks — made one ASCII
// space, and the ends trimmed. Titles, keywords and history lines of
// scraped texts are compared and shown in this form.
func Clean(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case isZeroWidth(r):
			continue
		case isSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cleanTitle is Clean with the spaces between two Chinese characters
// removed: in a scraped case title they are left over from line breaks
// (诉 上海市质量技术监督局), never meant.
func cleanTitle(s string) string {
	s = Clean(s)
	if !strings.Contains(s, " ") {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if r == ' ' {
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if isHan(prev) && isHan(next) || isCJKPunct(prev) || isCJKPunct(next) {
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cleanLine prepares one line of a body: zero-width characters removed and
// the other spaces of scraped text (no-break, typographic) made ASCII
// spaces, so that indentation and separators are recognised. The line
// keeps its length in lines, so positions stay right.
func cleanLine(s string) string {
	if !needsClean(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case isZeroWidth(r):
			return -1
		case r == '\u00a0' || r >= '\u2000' && r <= '\u200a' || r == '\u202f' || r == '\u205f':
			return ' '
		}
		return r
	}, s)
}

// needsClean reports whether s holds a character cleanLine changes. It looks
// at lead bytes only — 0xC2 (U+00A0, U+00AD), 0xE2 0x80/0x81 (U+2000 to
// U+206F) and 0xEF 0xBB 0xBF (U+FEFF) — which is much faster than decoding
// every rune of a text that almost never has one.
func needsClean(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0xC2:
			if i+1 < len(s) && (s[i+1] == 0xA0 || s[i+1] == 0xAD) {
				return true
			}
		case 0xE2:
			if i+2 < len(s) && (s[i+1] == 0x80 && (s[i+2] <= 0x8D || s[i+2] == 0xAF) || s[i+1] == 0x81 && (s[i+2] == 0x9F || s[i+2] == 0xA0)) {
				return true
			}
		case 0xEF:
			if i+2 < len(s) && s[i+1] == 0xBB && s[i+2] == 0xBF {
				return true
			}
		}
	}
	return false
}

// trimSpace trims ASCII and ideographic spaces, the indentation of the
// scraped texts.
func trimSpace(s string) string { return strings.Trim(s, " \t\r\u3000") }

func isZeroWidth(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		return true
	}
	return false
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u3000', '\u202f', '\u205f', '\u0085', '\u2028', '\u2029':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// isCJKPunct reports full-width punctuation, beside which a space is never
// meant either (诉 “某某” 案).
func isCJKPunct(r rune) bool {
	return r >= '\u3000' && r <= '\u303f' || r >= '\uff00' && r <= '\uffef' || r == '“' || r == '”' || r == '‘' || r == '’'
}
