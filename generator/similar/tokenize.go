package similar

import (
	"slices"
	"unicode/utf8"
)

// A term is a character bigram packed into 32 bits: the first character in
// the high half, the second in the low half. Packing instead of strings keeps
// tokenising 20 million characters free of allocations, and sorting the
// terms of a document sorts them by their first, then second character.
type term = uint32

// isHan reports whether r takes part in bigrams: the CJK Unified Ideographs,
// Extension A, the compatibility ideographs and 〇. Characters outside the
// Basic Multilingual Plane (Extension B and later, a few rare characters of
// personal and place names) do not fit a packed term and end a run like
// punctuation does.
func isHan(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF:
		return true
	case r < 0x3007:
		return false
	case r == 0x3007, r >= 0x3400 && r <= 0x4DBF, r >= 0xF900 && r <= 0xFAFF:
		return true
	}
	return false
}

// bigrams appends the terms of text to dst and returns it. Like bleve's cjk
// analyzer, every run of adjacent Han characters gives its overlapping
// bigrams; unlike it, nothing else gives a term. Markdown punctuation, link
// targets, numbers and Latin words separate runs and are otherwise ignored:
// on this site they are dates, amounts, ids and URLs, which say nothing about
// what a dispute is about. A run of one character gives nothing, and stop
// bigrams (see stop) are left out.
func bigrams(text string, dst []term) []term {
	var prev rune
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		switch {
		case r < utf8.RuneSelf:
		case r&0xF0 == 0xE0 && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80:
			// Three bytes: the Basic Multilingual Plane, every Han
			// character isHan admits.
			r, n = (r&0x0F)<<12|rune(text[i+1]&0x3F)<<6|rune(text[i+2]&0x3F), 3
		default:
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		i += n
		if !isHan(r) {
			prev = 0
			continue
		}
		if prev != 0 {
			t := term(prev)<<16 | term(r)
			if charFlags[prev]|charFlags[r] == 0 || !stop(prev, r, t) {
				dst = append(dst, t)
			}
		}
		prev = r
	}
	return dst
}

// stop reports whether a bigram is left out of the vectors:
//
//   - any bigram with 某: pseudonyms (王某甲 → 王某, 某甲) and anonymised
//     places (某镇某村) are artefacts of anonymisation shared by unrelated
//     cases, not content;
//   - bigrams of numerals and 第/条/款/项 only (第四, 十七, 七条): article numbers
//     and amounts, whose law is lost in a bigram; cited articles are compared
//     through Item.Articles instead;
//   - a short list of function-word bigrams that survive the document
//     frequency cut on a small item set (其中, 以及, 一是 …).
func stop(a, b rune, t term) bool {
	fa, fb := charFlags[a], charFlags[b]
	switch {
	case fa&flagMou != 0 || fb&flagMou != 0:
		return true
	case fa&fb&flagNumeral != 0:
		return true
	case fa&flagStopFirst != 0:
		for i := hash(t) & stopMask; stopSet[i] != 0; i = (i + 1) & stopMask {
			if stopSet[i] == t {
				return true
			}
		}
	}
	return false
}

// stopSet holds the stop bigrams by open addressing, a quarter full.
const stopMask = 255

var stopSet = func() *[stopMask + 1]term {
	var s [stopMask + 1]term
	for _, t := range stopBigrams {
		i := hash(t) & stopMask
		for s[i] != 0 {
			i = (i + 1) & stopMask
		}
		s[i] = t
	}
	return &s
}()

// Character flags for stop.
const (
	flagMou       = 1 << iota // 某
	flagNumeral               // numerals and 第 条 款 项
	flagStopFirst             // the first character of a stop bigram
)

// charFlags holds the flags of every character of the Basic Multilingual
// Plane, the only one isHan admits.
var charFlags = func() *[1 << 16]uint8 {
	var f [1 << 16]uint8
	f['某'] |= flagMou
	for _, r := range "〇零一二三四五六七八九十百千万第条款项两" {
		f[r] |= flagNumeral
	}
	for _, t := range stopBigrams {
		f[t>>16] |= flagStopFirst
	}
	return &f
}()

// stopBigrams are function-word bigrams.
var stopBigrams = func() []term {
	words := []string{
		"一个", "这个", "那个", "我们", "他们", "你们", "其中", "以及", "并且", "而且",
		"但是", "因此", "所以", "如果", "虽然", "已经", "可以", "没有", "进行", "通过",
		"对于", "关于", "由于", "为了", "之后", "以后", "之前", "以来", "同时", "其他",
		"其余", "有关", "相关", "方面", "情况", "问题", "一是", "二是", "三是", "四是",
		"五是", "六是", "并未", "不能", "不是", "就是", "还是", "也是", "都是", "是否",
		"的是", "了一", "在于", "之间", "此外", "另外", "随后", "此后", "最终", "目前",
	}
	ts := make([]term, 0, len(words))
	for _, w := range words {
		r := []rune(w)
		ts = append(ts, term(r[0])<<16|term(r[1]))
	}
	slices.Sort(ts)
	return slices.Compact(ts)
}()

// hash mixes a term's bits (Fibonacci hashing, then the high bits folded
// into the low ones that index a table).
func hash(t term) uint32 {
	h := t * 0x9E3779B1
	return h ^ h>>16
}
