package flow

import (
	"math"
	"strings"
	"unicode"
)

// runeEm is the advance width of r in em, by the rule the layout and its
// tests share: CJK characters and full-width punctuation take 1 em, ASCII
// and other narrow characters 0.6 em, combining and zero-width marks none.
func runeEm(r rune) float64 {
	switch {
	case r < 0x20 || r == 0x7f:
		return 0
	case r < 0x80:
		return 0.6
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) || unicode.Is(unicode.Variation_Selector, r):
		return 0
	case isWide(r):
		return 1
	}
	return 0.6
}

// isWide reports whether r is drawn a full em wide by a CJK font: East
// Asian wide and full-width characters, plus the general punctuation,
// arrows and symbols that CJK fonts draw full width.
func isWide(r rune) bool {
	switch {
	case r == 0xb7 || r == 0xd7 || r == 0xf7: // · × ÷
		return true
	case r >= 0x1100 && r <= 0x115f, // Hangul Jamo
		r >= 0x2010 && r <= 0x206f, // general punctuation: dashes, quotes, ellipsis
		r >= 0x2100 && r <= 0x27bf, // letterlike, numbers, arrows, maths, shapes, dingbats
		r >= 0x2e80 && r <= 0xa4cf, // CJK radicals … Yi, including 。、「」
		r >= 0xac00 && r <= 0xd7a3, // Hangul syllables
		r >= 0xf900 && r <= 0xfaff, // CJK compatibility ideographs
		r >= 0xfe10 && r <= 0xfe19, // vertical forms
		r >= 0xfe30 && r <= 0xfe6f, // CJK compatibility and small forms
		r >= 0xff00 && r <= 0xff60, // full-width forms
		r >= 0xffe0 && r <= 0xffe6,
		r >= 0x1f000 && r <= 0x1faff, // emoji and pictographs
		r >= 0x20000 && r <= 0x3fffd: // CJK extensions B…
		return true
	}
	return false
}

// textEm is the width of s in em.
func textEm(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += runeEm(r)
	}
	return w
}

// noStart holds characters that must not begin a line (closing
// punctuation), noEnd those that must not end one (opening punctuation).
const (
	noStart = ",.;:!?)]}%'\"，。、；：！？）》」』】〕〉’”…—·"
	noEnd   = "([{（《「『【〔〈‘“"
)

// tokens splits s into unbreakable pieces: a run of ASCII letters and
// digits, or a single other character, with closing punctuation glued to
// the piece before it and opening punctuation to the piece after it.
// Spaces become their own tokens, which are break opportunities.
func tokens(s string) []string {
	var out []string
	var cur strings.Builder
	glue := false // the previous rune was opening punctuation
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	prevWord := false
	for _, r := range s {
		word := r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
		switch {
		case r == ' ' || r == '\t':
			flush()
			out = append(out, " ")
			glue, prevWord = false, false
			continue
		case strings.ContainsRune(noStart, r) || runeEm(r) == 0:
			// stays with the previous token
		case glue || (word && prevWord):
			// continues the token
		default:
			flush()
		}
		cur.WriteRune(r)
		glue = strings.ContainsRune(noEnd, r)
		prevWord = word
	}
	flush()
	return out
}

// wrapAt breaks s greedily into lines no wider than max em (a token wider
// than max is split between characters).
func wrapAt(s string, max float64) []string {
	var lines []string
	var line strings.Builder
	w := 0.0
	emit := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		w = 0
	}
	for _, t := range tokens(s) {
		tw := textEm(t)
		if t == " " {
			if w > 0 {
				line.WriteString(t)
				w += tw
			}
			continue
		}
		if w > 0 && w+tw > max+1e-9 {
			emit()
		}
		if tw > max+1e-9 { // split an over-long token between characters
			for _, r := range t {
				rw := runeEm(r)
				if w > 0 && w+rw > max+1e-9 {
					emit()
				}
				line.WriteRune(r)
				w += rw
			}
			continue
		}
		line.WriteString(t)
		w += tw
	}
	if w > 0 || len(lines) == 0 {
		emit()
	}
	return lines
}

// wrap breaks a label into lines of at most max em, honouring explicit
// newlines, and balances the lines: it uses the narrowest width that
// needs no more lines than max does, so 10 characters at 8 em become
// 5 + 5 rather than 8 + 2.
func wrap(s string, max float64) []string {
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(s), "\n") {
		para = strings.Join(strings.Fields(para), " ")
		lines := wrapAt(para, max)
		if len(lines) > 1 {
			lo, hi := 0.0, max
			for _, t := range tokens(para) {
				lo = math.Max(lo, math.Min(textEm(t), max))
			}
			for i := 0; i < 24; i++ {
				mid := (lo + hi) / 2
				if len(wrapAt(para, mid)) > len(lines) {
					lo = mid
				} else {
					hi = mid
				}
			}
			lines = wrapAt(para, hi)
		}
		out = append(out, lines...)
	}
	return out
}

// escape makes s safe as XML character data and attribute values.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\'':
			b.WriteString("&#39;")
		case '\t', '\n', '\r':
			b.WriteRune(r)
		default:
			// Characters XML 1.0 does not allow are dropped.
			if r < 0x20 || r == 0xfffe || r == 0xffff {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
