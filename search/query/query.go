// Package query is the search syntax and its rewrite, the same for bleve and
// for the static index (whose page script repeats it, checked against vectors
// generated here):
//
//   - terms are split on spaces and punctuation; every term must match
//     (AND), and a term matches as a phrase: its tokens at consecutive
//     positions in one field, which for Chinese is substring matching;
//   - "quoted text" is one term, taken literally (no synonyms);
//   - -term excludes the documents that match term;
//   - field:value filters by a facet (类别:警示案例, 区县:商水县,
//     kind:warning, region:商水县); values of one field are ORed, fields
//     ANDed, and -field:value excludes;
//   - a term listed in the lexicon's synonym groups matches any word of its
//     groups; the word as typed weighs LiteralBoost, the others 1;
//   - a single ideograph at either end of a term (法, 第3条, 3号) is matched
//     as a character anywhere in the document (the chars field) rather than
//     as a token, since inside a run of Chinese text it only occurs within
//     bigrams;
//   - a trap word of the lexicon (民法) does not match documents that have
//     it only inside its longer words (人民法院).
package query

import (
	"strings"
	"unicode/utf8"

	"huajie/search/analysis"
	"huajie/search/schema"
)

// Limits on what a query may ask for; the page script applies the same.
const (
	MaxRunes = 256 // longer queries are cut
	MaxTerms = 12  // further terms, exclusions and filters are ignored
)

// Query is a parsed, rewritten query.
type Query struct {
	Terms      []Term              `json:"terms,omitempty"`
	Exclude    []Alt               `json:"exclude,omitempty"`
	Filters    map[string][]string `json:"filters,omitempty"`
	NotFilters map[string][]string `json:"notFilters,omitempty"`
}

// Term is one term of the query and the alternatives it matches; the first
// is the term as typed.
type Term struct {
	Text   string `json:"text"`
	Quoted bool   `json:"quoted,omitempty"`
	Alts   []Alt  `json:"alts"`
}

// Alt is one way a term matches: all of Tokens as a phrase in one text field,
// every one of Chars somewhere in the document, and, when Trap is set, the
// document not listing Text among its non-words.
type Alt struct {
	Text   string   `json:"text"`
	Boost  float64  `json:"boost"`
	Tokens []string `json:"tokens,omitempty"`
	Chars  []string `json:"chars,omitempty"`
	Trap   bool     `json:"trap,omitempty"`
}

// Empty reports whether the query has neither terms nor filters.
func (q *Query) Empty() bool {
	return len(q.Terms) == 0 && len(q.Filters) == 0 && len(q.Exclude) == 0 && len(q.NotFilters) == 0
}

// Parse parses and rewrites a query with lex.
func Parse(s string, lex *Lexicon) *Query {
	q := &Query{}
	rs := []rune(s)
	if len(rs) > MaxRunes {
		rs = rs[:MaxRunes]
	}
	n := 0 // terms, exclusions and filters so far
	for i := 0; i < len(rs) && n < MaxTerms; {
		r := rs[i]
		if isSpace(r) || isSplit(r) || isCloseQuote(r) && !isOpenQuote(r) {
			i++
			continue
		}
		neg := false
		if (r == '-' || r == '－') && i+1 < len(rs) && !isSpace(rs[i+1]) && !isSplit(rs[i+1]) {
			neg = true
			i++
		}
		if isOpenQuote(rs[i]) {
			text, next := quoted(rs, i)
			i = next
			if q.addTerm(text, true, neg, lex) {
				n++
			}
			continue
		}
		j := i
		for j < len(rs) && !isSpace(rs[j]) && !isSplit(rs[j]) && !isOpenQuote(rs[j]) {
			j++
		}
		chunk := rs[i:j]
		i = j
		if c := indexColon(chunk); c > 0 {
			if field := facetByKey(string(chunk[:c])); field != "" {
				value := string(chunk[c+1:])
				if value == "" && i < len(rs) && isOpenQuote(rs[i]) {
					value, i = quoted(rs, i)
				}
				if q.addFilter(field, value, neg) {
					n++
				}
				continue
			}
		}
		for k, piece := range splitColons(chunk) {
			if q.addTerm(piece, false, neg && k == 0, lex) {
				n++
			}
		}
	}
	return q
}

// quoted returns the text of the quotation opening at rs[i] and the index
// after its closing quote (or the end).
func quoted(rs []rune, i int) (string, int) {
	j := i + 1
	for j < len(rs) && !isCloseQuote(rs[j]) {
		j++
	}
	return string(rs[i+1 : min(j, len(rs))]), j + 1
}

func (q *Query) addTerm(text string, isQuoted, neg bool, lex *Lexicon) bool {
	k := key(text)
	lit, ok := makeAlt(k, schema.LiteralBoost, lex)
	if isQuoted {
		lit, ok = makeAlt(analysis.Normalize(strings.TrimSpace(text)), schema.LiteralBoost, lex)
	}
	if !ok {
		return false
	}
	if neg {
		q.Exclude = append(q.Exclude, lit)
		return true
	}
	t := Term{Text: lit.Text, Quoted: isQuoted, Alts: []Alt{lit}}
	if !isQuoted {
		seen := map[string]bool{lit.signature(): true}
		for _, syn := range lex.Synonyms(k) {
			a, ok := makeAlt(syn, 1, lex)
			if ok && !seen[a.signature()] {
				seen[a.signature()] = true
				t.Alts = append(t.Alts, a)
			}
		}
	}
	q.Terms = append(q.Terms, t)
	return true
}

// makeAlt analyses text into an alternative; ok is false when nothing in it
// is searchable.
func makeAlt(text string, boost float64, lex *Lexicon) (Alt, bool) {
	a := Alt{Text: text, Boost: boost, Trap: lex.IsTrap(key(text))}
	a.Tokens, a.Chars = Analyze(text)
	return a, len(a.Tokens)+len(a.Chars) > 0
}

// Analyze splits text into the tokens matched as a phrase and the single
// ideographs at its ends, matched as characters: inside a run of Chinese
// text those exist only within bigrams.
func Analyze(text string) (tokens, chars []string) {
	toks := analysis.Tokenize(text)
	if n := len(toks); n > 0 && toks[0].Kind == analysis.Single {
		chars = append(chars, toks[0].Term)
		toks = toks[1:]
	}
	if n := len(toks); n > 0 && toks[n-1].Kind == analysis.Single {
		chars = append(chars, toks[n-1].Term)
		toks = toks[:n-1]
	}
	for _, t := range toks {
		tokens = append(tokens, t.Term)
	}
	return tokens, chars
}

func (a *Alt) signature() string {
	return strings.Join(a.Tokens, " ") + "|" + strings.Join(a.Chars, " ")
}

func (q *Query) addFilter(field, value string, neg bool) bool {
	value = analysis.Normalize(strings.TrimSpace(value))
	switch field {
	case schema.FacetKind:
		for _, k := range schema.Kinds {
			if value == k.Label {
				value = k.Code
			}
		}
	case schema.FacetYear:
		value = strings.TrimSuffix(value, "年")
	}
	if value == "" {
		return false
	}
	m := &q.Filters
	if neg {
		m = &q.NotFilters
	}
	if *m == nil {
		*m = map[string][]string{}
	}
	for _, v := range (*m)[field] {
		if v == value {
			return false
		}
	}
	(*m)[field] = append((*m)[field], value)
	return true
}

func facetByKey(k string) string {
	k = strings.ToLower(k)
	for _, f := range schema.Facets {
		for _, key := range f.Keys {
			if k == key {
				return f.Name
			}
		}
	}
	return ""
}

func indexColon(rs []rune) int {
	for i, r := range rs {
		if r == ':' || r == '：' {
			return i
		}
	}
	return -1
}

func splitColons(rs []rune) []string {
	return strings.FieldsFunc(string(rs), func(r rune) bool { return r == ':' || r == '：' })
}

func isSpace(r rune) bool { return r <= ' ' || r == 0x3000 || r == 0xA0 || r == 0x7F }

// splitChars end a term. Connectors the analyzer drops inside a phrase
// (- . _ / · ') do not: ZK-2023-HJ-0001 stays one term.
const splitChars = "，。、；！？,;!?()（）[]［］【】{}｛｝《》〈〉<>「」『』‘’…—～~|｜\\"

func isSplit(r rune) bool {
	return r < utf8.RuneSelf && strings.IndexByte(splitChars, byte(r)) >= 0 || r >= utf8.RuneSelf && strings.ContainsRune(splitChars, r)
}

func isOpenQuote(r rune) bool  { return r == '"' || r == '“' }
func isCloseQuote(r rune) bool { return r == '"' || r == '”' }
