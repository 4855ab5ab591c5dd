// Package analysis is huajie's Chinese analyzer, the one both search engines
// use: bleve (registered here under Name) and the static browser index
// (through Tokenize, which the JavaScript client reimplements).
//
// It is bleve's cjk analyzer (tokenizer → width folding → lowercase → CJK
// bigrams) with one change: the tokenizer is a small character-class scanner
// instead of bleve's UAX #29 segmenter, so that a page script can reproduce it
// exactly. On Chinese text, ASCII words and numbers the tokens, positions and
// offsets are those of bleve's cjk analyzer (see TestMatchesBleveCJK):
//
//   - a run of ideographs (Han, kana) of length 1 gives that character; a run
//     of length n > 1 gives its n-1 overlapping bigrams;
//   - a run of letters and digits gives one token, width-folded and
//     lowercased; "." and "," between two digits stay inside (4.6, 1,200);
//   - everything else separates tokens and gives none;
//   - every token takes the next position, starting at 1.
//
// Phrase matching over these tokens is substring matching for any text of
// two or more ideographs; single ideographs are matched through the Chars
// analyzer (every ideograph of a text, one token each), see the query package.
package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Version changes whenever the tokens of some text change: indexes built
// with another version are rebuilt, and the static manifest carries it so the
// page script can refuse to query an index it would tokenize differently.
const Version = "zh-bigram-1"

// Token is one token of a text.
type Token struct {
	Term  string
	Pos   int // 1-based position, as bleve counts
	Start int // byte offsets of the token in the text
	End   int
	Kind  Kind
}

// Kind says how a token was made.
type Kind uint8

const (
	Word   Kind = iota // letters and digits
	Single             // an ideograph standing alone
	Double             // two adjacent ideographs
)

// Each calls fn for every token of text, in order. Term is a substring of
// text whenever normalisation leaves it unchanged (always for Han text), so
// tokenizing allocates only for folded or lowercased words.
func Each(text string, fn func(Token)) { scan(text, fn, nil) }

// EachWithChars is Each that also calls char with every ideograph, as
// EachChar would, in the same pass.
func EachWithChars(text string, fn func(Token), char func(term string, start, end int)) {
	scan(text, fn, char)
}

func scan(text string, fn func(Token), char func(string, int, int)) {
	pos := 0
	emitChar := func(r rune, i, w int) {
		term := text[i : i+w]
		if isHalfKana(r) {
			term = Normalize(term)
		}
		char(term, i, i+w)
	}
	for i := 0; i < len(text); {
		r, w := decode(text, i)
		switch {
		case IsIdeograph(r):
			// The run of ideographs starting at i; pairs fold only when
			// they hold half-width katakana.
			if char != nil {
				emitChar(r, i, w)
			}
			prevStart, prevHW := i, isHalfKana(r)
			j := i + w
			for j < len(text) {
				r2, w2 := decode(text, j)
				if !IsIdeograph(r2) {
					break
				}
				if char != nil {
					emitChar(r2, j, w2)
				}
				hw := isHalfKana(r2)
				term := text[prevStart : j+w2]
				if hw || prevHW {
					term = Normalize(term)
				}
				pos++
				fn(Token{Term: term, Pos: pos, Start: prevStart, End: j + w2, Kind: Double})
				prevStart, prevHW = j, hw
				j += w2
			}
			if prevStart == i && j == i+w {
				term := text[i:j]
				if prevHW {
					term = Normalize(term)
				}
				pos++
				fn(Token{Term: term, Pos: pos, Start: i, End: j, Kind: Single})
			}
			i = j
		case IsWordChar(r):
			j := i + w
			last := r
			for j < len(text) {
				r2, w2 := decode(text, j)
				if IsWordChar(r2) {
					last = r2
					j += w2
					continue
				}
				if (r2 == '.' || r2 == ',') && isDigit(last) && j+w2 < len(text) {
					r3, w3 := decode(text, j+w2)
					if isDigit(r3) {
						last = r3
						j += w2 + w3
						continue
					}
				}
				break
			}
			pos++
			fn(Token{Term: foldWord(text[i:j]), Pos: pos, Start: i, End: j, Kind: Word})
			i = j
		default:
			i += w
		}
	}
}

// decode is utf8.DecodeRuneInString(s[i:]) with a fast path for the
// three-byte sequences of Chinese text (lead bytes E1–EC, EE, EF, which
// cannot be overlong or surrogates).
func decode(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		return rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// Tokenize returns the tokens of text.
func Tokenize(text string) []Token {
	var toks []Token
	Each(text, func(t Token) { toks = append(toks, t) })
	return toks
}

// Terms returns the terms of text's tokens.
func Terms(text string) []string {
	var terms []string
	Each(text, func(t Token) { terms = append(terms, t.Term) })
	return terms
}

// EachChar calls fn with every ideograph of text, normalised, in order: the
// tokens of the Chars analyzer.
func EachChar(text string, fn func(term string, start, end int)) {
	for i, r := range text {
		if IsIdeograph(r) {
			w := utf8.RuneLen(r)
			term := text[i : i+w]
			if isHalfKana(r) {
				term = Normalize(term)
			}
			fn(term, i, i+w)
		}
	}
}

// Normalize folds text as the analyzer folds its tokens: full-width letters
// and digits to ASCII, letters to lower case, half-width katakana to
// full-width. Characters the analyzer drops are kept.
func Normalize(text string) string {
	var b strings.Builder
	changed := false
	for i, r := range text {
		f := foldRune(r)
		if f != r && !changed {
			changed = true
			b.Grow(len(text))
			b.WriteString(text[:i])
		}
		if changed {
			b.WriteRune(f)
		}
	}
	if !changed {
		return text
	}
	return b.String()
}

// IsIdeograph reports whether r is bigrammed: Han ideographs (with 〇 and
// the iteration marks), radicals, hiragana and katakana. The ranges are
// explicit, not Unicode script tables, so that the page script (which
// repeats them) and Go agree whatever Unicode versions they ship.
func IsIdeograph(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r <= 0x2FDF: // CJK radicals supplement, Kangxi radicals
		return true
	case r == 0x3005 || r == 0x3007 || (r >= 0x3021 && r <= 0x3029) || (r >= 0x3038 && r <= 0x303B):
		return true
	case r >= 0x3041 && r <= 0x3096, r >= 0x309D && r <= 0x309F: // hiragana
		return true
	case r >= 0x30A1 && r <= 0x30FA, r >= 0x30FC && r <= 0x30FF, r >= 0x31F0 && r <= 0x31FF: // katakana
		return true
	case r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF, r >= 0xF900 && r <= 0xFAFF:
		return true
	case r >= 0xFF66 && r <= 0xFF9F: // half-width katakana
		return true
	case r >= 0x20000 && r <= 0x323AF:
		return true
	}
	return false
}

// IsWordChar reports whether r belongs to a word token: ASCII and full-width
// letters and digits, Latin-1 and Latin Extended-A/B letters, Greek,
// Cyrillic, Hangul and Roman numerals.
func IsWordChar(r rune) bool {
	switch {
	case r < 0x80:
		return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	case r < 0xC0:
		return false
	case r <= 0x24F:
		return r != 0xD7 && r != 0xF7
	case r >= 0x386 && r <= 0x3FF:
		return r != 0x387
	case r >= 0x400 && r <= 0x4FF:
		return true
	case r >= 0x1100 && r <= 0x11FF, r >= 0x3131 && r <= 0x318E, r >= 0xAC00 && r <= 0xD7A3:
		return true
	case r >= 0x2160 && r <= 0x2188: // Roman numerals: 第Ⅱ版
		return true
	case r >= 0xFF10 && r <= 0xFF19, r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A:
		return true
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= 0xFF10 && r <= 0xFF19 }

// foldRune is the per-character normalisation of both token kinds.
func foldRune(r rune) rune {
	switch {
	case r < 0x80:
		if r >= 'A' && r <= 'Z' {
			return r + 32
		}
		return r
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII, as cjk_width folds it
		return foldRune(r - 0xFEE0)
	case r >= 0xFF65 && r <= 0xFF9F: // half-width katakana, as cjk_width maps it
		return kanaNorm[r-0xFF65]
	case r == 0x130:
		// İ lowercases to two characters in JavaScript's full case mapping
		// and to one in Go's simple mapping; both keep it as it is.
		return r
	case r >= 0xC0 && r <= 0x4FF, r >= 0x2160 && r <= 0x216F:
		return unicode.ToLower(r)
	}
	return r
}

func foldWord(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c >= 'A' && c <= 'Z' {
			return Normalize(s)
		}
	}
	return s
}

func isHalfKana(r rune) bool { return r >= 0xFF66 && r <= 0xFF9F }

// kanaNorm maps U+FF65–FF9F to full-width katakana (bleve's cjk_width table).
var kanaNorm = [...]rune{
	0x30fb, 0x30f2, 0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30e3, 0x30e5,
	0x30e7, 0x30c3, 0x30fc, 0x30a2, 0x30a4, 0x30a6, 0x30a8, 0x30aa, 0x30ab,
	0x30ad, 0x30af, 0x30b1, 0x30b3, 0x30b5, 0x30b7, 0x30b9, 0x30bb, 0x30bd,
	0x30bf, 0x30c1, 0x30c4, 0x30c6, 0x30c8, 0x30ca, 0x30cb, 0x30cc, 0x30cd,
	0x30ce, 0x30cf, 0x30d2, 0x30d5, 0x30d8, 0x30db, 0x30de, 0x30df, 0x30e0,
	0x30e1, 0x30e2, 0x30e4, 0x30e6, 0x30e8, 0x30e9, 0x30ea, 0x30eb, 0x30ec,
	0x30ed, 0x30ef, 0x30f3, 0x3099, 0x309A,
}
