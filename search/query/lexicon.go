package query

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"huajie/search/analysis"
)

//go:embed synonyms.txt
var synonymsText string

//go:embed traps.txt
var trapsText string

// Lexicon is the legal word list the rewrite uses: synonym groups (拆迁 ↔
// 征收) and bigram traps (民法 inside 人民法院). It is immutable.
type Lexicon struct {
	groups [][]string       // normalised words of each group, as listed
	byWord map[string][]int // word → groups it belongs to
	traps  map[string][]container
	isTrap map[string]bool
	words  []string // trap words, sorted
	first  map[rune][]string
	firstB [0x10000 / 64]uint64 // BMP first runes of trap words, as bits
	hash   string
	traph  string
}

// container is a longer word in which a trap word does not count, with the
// byte offset of the trap word inside it.
type container struct {
	word   string
	offset int
}

// Default returns the lexicon of synonyms.txt and traps.txt.
var Default = sync.OnceValue(func() *Lexicon {
	l, err := ParseLexicon(synonymsText, trapsText)
	if err != nil {
		panic(err)
	}
	return l
})

// Key normalises a word the way query terms are looked up.
func Key(s string) string { return key(s) }

// key normalises a word the way query terms are looked up: folded as the
// analyzer folds, with the characters it drops removed (so "陈述、申辩" and
// "陈述申辩" differ only by their tokens, not their keys).
func key(s string) string {
	return analysis.Normalize(strings.Join(strings.Fields(s), ""))
}

// ParseLexicon reads the two word lists. In synonyms, each line is a group of
// words separated by spaces; in traps, each line is a word, a colon and the
// longer words it must not be found inside. "#" starts a comment.
func ParseLexicon(synonyms, traps string) (*Lexicon, error) {
	l := &Lexicon{byWord: map[string][]int{}, traps: map[string][]container{}, isTrap: map[string]bool{}, first: map[rune][]string{}}
	err := eachLine(synonyms, func(n int, line string) error {
		var g []string
		seen := map[string]bool{}
		for _, w := range strings.Fields(line) {
			w = key(w)
			if len(analysis.Terms(w)) == 0 {
				return fmt.Errorf("synonyms.txt:%d: %q has no searchable characters", n, w)
			}
			if !seen[w] {
				seen[w] = true
				g = append(g, w)
			}
		}
		if len(g) < 2 {
			return fmt.Errorf("synonyms.txt:%d: a group needs at least two words", n)
		}
		for _, w := range g {
			l.byWord[w] = append(l.byWord[w], len(l.groups))
		}
		l.groups = append(l.groups, g)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine(traps, func(n int, line string) error {
		word, rest, ok := strings.Cut(line, ":")
		word = key(word)
		if !ok || word == "" {
			return fmt.Errorf("traps.txt:%d: want WORD: LONGER WORDS", n)
		}
		for _, c := range strings.Fields(rest) {
			c = key(c)
			found := false
			for off := 0; off <= len(c)-len(word); off++ {
				if strings.HasPrefix(c[off:], word) {
					l.traps[word] = append(l.traps[word], container{c, off})
					found = true
				}
			}
			if !found || c == word {
				return fmt.Errorf("traps.txt:%d: %q does not contain %q", n, c, word)
			}
		}
		if len(l.traps[word]) == 0 {
			return fmt.Errorf("traps.txt:%d: %q has no longer words", n, word)
		}
		r, _ := utf8.DecodeRuneInString(word)
		l.first[r] = append(l.first[r], word)
		if r < 0x10000 {
			l.firstB[r/64] |= 1 << (r % 64)
		}
		l.words = append(l.words, word)
		l.isTrap[word] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(l.words)
	h := sha256.Sum256([]byte(synonyms + "\x00" + traps))
	l.hash = hex.EncodeToString(h[:8])
	h = sha256.Sum256([]byte(traps))
	l.traph = hex.EncodeToString(h[:8])
	return l, nil
}

func eachLine(text string, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return nil
}

// Synonyms returns the other words of the groups word (normalised) belongs
// to, in list order.
func (l *Lexicon) Synonyms(word string) []string {
	var out []string
	seen := map[string]bool{word: true}
	for _, g := range l.byWord[word] {
		for _, w := range l.groups[g] {
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	return out
}

// IsTrap reports whether word (normalised) has longer words it must not be
// found inside.
func (l *Lexicon) IsTrap(word string) bool { return l.isTrap[word] }

// Words returns every word of the synonym groups, in list order.
func (l *Lexicon) Words() []string {
	var out []string
	for _, g := range l.groups {
		out = append(out, g...)
	}
	return out
}

// Groups returns the number of synonym groups.
func (l *Lexicon) Groups() int { return len(l.groups) }

// Hash identifies the lexicon's content.
func (l *Lexicon) Hash() string { return l.hash }

// TrapsHash identifies the trap list alone: indexes store what it computes
// (the non-words of each document) and must be rebuilt when it changes.
func (l *Lexicon) TrapsHash() string { return l.traph }

// NonWords returns the trap words that occur in texts (normalised) only
// inside their longer words: documents listing a word here do not match it.
func (l *Lexicon) NonWords(texts ...string) []string {
	state := map[string]bool{} // word → seen free (true) or only inside (false)
	for _, text := range texts {
		for i, r := range text {
			if r < 0x10000 && l.firstB[r/64]&(1<<(r%64)) == 0 {
				continue
			}
			for _, w := range l.first[r] {
				if state[w] || !strings.HasPrefix(text[i:], w) {
					continue
				}
				state[w] = !l.inside(text, i, w)
			}
		}
	}
	var out []string
	for w, free := range state {
		if !free {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// inside reports whether the occurrence of w at byte i of text lies inside
// one of w's longer words.
func (l *Lexicon) inside(text string, i int, w string) bool {
	for _, c := range l.traps[w] {
		s := i - c.offset
		if s >= 0 && s+len(c.word) <= len(text) && text[s:s+len(c.word)] == c.word {
			return true
		}
	}
	return false
}

// MarshalJSON gives what the page script needs: the synonym groups and the
// trap words.
func (l *Lexicon) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Synonyms [][]string `json:"synonyms"`
		Traps    []string   `json:"traps"`
	}{l.groups, l.words})
}

// UnmarshalJSON reads what MarshalJSON wrote: enough to parse queries, not
// to compute non-words.
func (l *Lexicon) UnmarshalJSON(b []byte) error {
	var v struct {
		Synonyms [][]string `json:"synonyms"`
		Traps    []string   `json:"traps"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*l = *NewLexicon(v.Synonyms, v.Traps)
	return nil
}

// NewLexicon makes a lexicon of synonym groups and trap words (normalised),
// enough to parse queries, not to compute non-words. A query needs only the
// groups its own words belong to, in their relative order: the static
// index's reader makes such a lexicon per query, as the page script does.
func NewLexicon(groups [][]string, traps []string) *Lexicon {
	l := &Lexicon{groups: groups, byWord: map[string][]int{}, isTrap: map[string]bool{}, words: traps}
	for g, words := range groups {
		for _, w := range words {
			l.byWord[w] = append(l.byWord[w], g)
		}
	}
	for _, w := range traps {
		l.isTrap[w] = true
	}
	return l
}

// SynonymGroups returns the synonym groups in list order. The caller must
// not change them.
func (l *Lexicon) SynonymGroups() [][]string { return l.groups }

// GroupsOf returns the indices of the groups word (normalised) belongs to.
func (l *Lexicon) GroupsOf(word string) []int { return l.byWord[word] }

// Traps returns the trap words, sorted. The caller must not change them.
func (l *Lexicon) Traps() []string { return l.words }
