package query

import (
	"sort"
	"strings"
	"unicode/utf8"

	"huajie/search/analysis"
)

// Phrases are the words both engines match without positions: the static
// index keeps a posting list per phrase, the bleve index a phrase token per
// field ("=" + the phrase), so that neither has to intersect the bigrams
// of a common legal phrase. Matching and scoring are those of the phrase
// query (the sum of the tokens' scores where the tokens occur in a row);
// only the work differs.
//
// Two kinds are recognised:
//
//   - dictionary phrases: the lexicon's words and the words an index is
//     given (the controlled vocabulary), when they analyse into two tokens
//     or more and no single characters;
//   - pattern phrases, by their form: article references 第…条 (款, 项, 章,
//     节, 编) in Chinese numerals, the commonest legal query, whose bigrams
//     are everywhere; and runs of two or more letter-and-digit words joined
//     by single "-", "/", "." or "_" (ZK-2023-HJ-0001), keyed by the words
//     joined by "-", every contiguous part of a run included.
type Phrases struct {
	byFirst map[string][]*Phrase
	words   map[string]bool
	list    []*Phrase
}

// Phrase is a dictionary phrase.
type Phrase struct {
	Key    string   // "=" + text
	Tokens []string // its analysis: two tokens or more
}

// NewPhrases makes the dictionary of words (normalised with Key); words
// that are not phrases are left out.
func NewPhrases(words ...[]string) *Phrases {
	p := &Phrases{byFirst: map[string][]*Phrase{}, words: map[string]bool{}}
	for _, list := range words {
		for _, w := range list {
			w = Key(w)
			tokens, chars := Analyze(w)
			if len(tokens) < 2 || len(chars) > 0 || p.words[w] {
				continue
			}
			p.words[w] = true
			ph := &Phrase{Key: "=" + w, Tokens: tokens}
			p.list = append(p.list, ph)
			p.byFirst[tokens[0]] = append(p.byFirst[tokens[0]], ph)
		}
	}
	return p
}

// List returns the dictionary phrases in the order given.
func (p *Phrases) List() []*Phrase { return p.list }

// StartingWith returns the dictionary phrases whose first token is tok.
func (p *Phrases) StartingWith(tok string) []*Phrase { return p.byFirst[tok] }

// AltKey returns the phrase key of an alternative: its text when that is a
// dictionary phrase, its pattern key when it has the form of one.
func (p *Phrases) AltKey(a Alt) (string, bool) {
	if len(a.Chars) > 0 || len(a.Tokens) < 2 {
		return "", false
	}
	if p.words[a.Text] {
		return "=" + a.Text, true
	}
	return PatternKey(a.Text)
}

// Each calls fn with the key of every phrase occurring in text, whose
// tokens are toks, dictionary and pattern phrases alike, once per
// occurrence. tokens gives the phrase's tokens.
func (p *Phrases) Each(text string, toks []analysis.Token, fn func(key string, tokens func() []string)) {
	for i, t := range toks {
		for _, ph := range p.byFirst[t.Term] {
			if i+len(ph.Tokens) > len(toks) {
				continue
			}
			match := true
			for j, pt := range ph.Tokens[1:] {
				if toks[i+1+j].Term != pt {
					match = false
					break
				}
			}
			if match {
				fn(ph.Key, func() []string { return ph.Tokens })
			}
		}
	}
	EachPattern(text, toks, fn)
}

// FrequentKeywords returns the keywords (each document's Keywords, split at
// "；") that at least max(2, N/500) of the N documents share, most shared
// first, at most 400: the content's own phrases, which both indexes add to
// their dictionaries.
func FrequentKeywords(keywords []string) []string {
	count := map[string]int{}
	for _, line := range keywords {
		for _, kw := range strings.Split(line, "；") {
			if kw = Key(kw); kw != "" {
				count[kw]++
			}
		}
	}
	var kws []string
	for kw, c := range count {
		if c >= max(2, len(keywords)/500) {
			kws = append(kws, kw)
		}
	}
	sort.Slice(kws, func(i, j int) bool {
		if count[kws[i]] != count[kws[j]] {
			return count[kws[i]] > count[kws[j]]
		}
		return kws[i] < kws[j]
	})
	return kws[:min(len(kws), 400)]
}

// Has reports whether the dictionary holds the phrase with key ("=" + text).
func (p *Phrases) Has(key string) bool { return p.words[strings.TrimPrefix(key, "=")] }

const (
	numerals     = "〇零一二两三四五六七八九十百千"
	articleUnits = "条款项章节编"
	wordJoiners  = "-/._"
)

// PatternKey returns the key of text's pattern phrase, if it is one.
func PatternKey(text string) (string, bool) {
	if ref, ok := articleRef(text); ok && ref == text {
		return "=" + text, true
	}
	toks := analysis.Tokenize(text)
	if len(toks) < 2 {
		return "", false
	}
	terms := make([]string, len(toks))
	for i, t := range toks {
		if t.Kind != analysis.Word || i > 0 && !isJoiner(text[toks[i-1].End:t.Start]) {
			return "", false
		}
		terms[i] = t.Term
	}
	return "=" + strings.Join(terms, "-"), true
}

// EachPattern calls fn with every pattern phrase in text, whose tokens are
// toks.
func EachPattern(text string, toks []analysis.Token, fn func(key string, tokens func() []string)) {
	for i := 0; ; {
		k := strings.Index(text[i:], "第")
		if k < 0 {
			break
		}
		i += k
		if ref, ok := articleRef(text[i:]); ok {
			fn("="+ref, func() []string { return analysis.Terms(ref) })
		}
		i += len("第")
	}
	var run []string
	flush := func() {
		for i := 0; i+1 < len(run); i++ {
			for j := i + 2; j <= len(run); j++ {
				part := run[i:j]
				fn("="+strings.Join(part, "-"), func() []string { return append([]string(nil), part...) })
			}
		}
		run = run[:0]
	}
	for i, t := range toks {
		if t.Kind != analysis.Word {
			flush()
			continue
		}
		if len(run) > 0 && !isJoiner(text[toks[i-1].End:t.Start]) {
			flush()
		}
		run = append(run, t.Term)
	}
	flush()
}

func isJoiner(gap string) bool { return len(gap) == 1 && strings.Contains(wordJoiners, gap) }

// articleRef returns the article reference text begins with.
func articleRef(text string) (string, bool) {
	rest, ok := strings.CutPrefix(text, "第")
	if !ok {
		return "", false
	}
	i := 0
	for i < len(rest) {
		r, w := utf8.DecodeRuneInString(rest[i:])
		if !strings.ContainsRune(numerals, r) {
			break
		}
		i += w
	}
	if i == 0 || i == len(rest) {
		return "", false
	}
	r, w := utf8.DecodeRuneInString(rest[i:])
	if !strings.ContainsRune(articleUnits, r) {
		return "", false
	}
	return text[:len("第")+i+w], true
}
