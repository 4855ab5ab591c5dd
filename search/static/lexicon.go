package static

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	"huajie/search/query"
)

// Lexicon shards. Before it knows which shards to fetch, the page script
// rewrites the query with the lexicon's synonyms and looks up which of its
// alternatives are dictionary phrases. The whole lexicon and dictionary
// would cost every new tab about 8 KB of manifest (and grow with every
// synonym and every frequent keyword); a query needs only what concerns
// its own words. So the dictionary's words are sharded by FNV-1a hash:
// l/X.json (X the shard number in hex) is
//
//	{"w": {"拆迁": [0], "一户一宅": []}, "g": {"0": ["拆迁", "征收", "征迁"]}}
//
// w maps every word hashed to the shard — the lexicon's words and the
// other dictionary phrases — to the indices of the synonym groups it
// belongs to (none for a phrase outside the lexicon), and g holds those
// groups. A query fetches the shards of its terms' texts (and its
// exclusions'): a text listed in w is a dictionary phrase, its groups give
// its synonyms, and every word of a group is a phrase. Parsing the query
// with the groups found, in index order, gives what the whole lexicon
// gives. The trap words, a short list, stay in the manifest.

// lexShard is one l/X.json.
type lexShard struct {
	Words  map[string][]int `json:"w"`
	Groups map[int][]string `json:"g"`
}

// LexPath is the file of lexicon shard s, relative to the index folder.
func LexPath(s int) string { return fmt.Sprintf("l/%x.json", s) }

// lexShardBytes is the target size of a lexicon shard.
const lexShardBytes = 512

// writeLexicon writes the lexicon shards of lex and the other dictionary
// phrases, and returns their number.
func writeLexicon(lex *query.Lexicon, extra []string, files *fileSet) int {
	groups := lex.SynonymGroups()
	words := slices.Clone(lex.Words())
	words = append(words, extra...)
	size := 0
	for _, w := range words {
		size += len(w) + 8
		for _, g := range lex.GroupsOf(w) {
			for _, x := range groups[g] {
				size += len(x) + 3
			}
		}
	}
	n := 1
	for n*lexShardBytes < size {
		n *= 2
	}
	shards := make([]lexShard, n)
	for i := range shards {
		shards[i] = lexShard{Words: map[string][]int{}, Groups: map[int][]string{}}
	}
	for _, w := range words {
		sh := &shards[Hash(w)%uint32(n)]
		if _, ok := sh.Words[w]; ok {
			continue
		}
		gs := append([]int{}, lex.GroupsOf(w)...)
		sh.Words[w] = gs
		for _, g := range gs {
			sh.Groups[g] = groups[g]
		}
	}
	for i, sh := range shards {
		raw, _ := json.Marshal(sh)
		files.write(LexPath(i), raw)
	}
	return n
}

// lexicon fetches the lexicon shards of a query's texts and returns the
// lexicon and the phrase dictionary they make.
func (r *Reader) lexicon(ctx context.Context, q string) (*query.Lexicon, *query.Phrases, error) {
	pre := query.Parse(q, query.NewLexicon(nil, r.m.Traps))
	var texts []string
	for _, t := range pre.Terms {
		texts = append(texts, t.Alts[0].Text)
	}
	for _, a := range pre.Exclude {
		texts = append(texts, a.Text)
	}
	byIndex := map[int][]string{}
	var phrases []string
	for _, t := range texts {
		path := LexPath(int(Hash(t) % uint32(max(r.m.LexShards, 1))))
		raw, err := r.get(ctx, path)
		if err != nil {
			return nil, nil, err
		}
		var sh lexShard
		if err := json.Unmarshal(raw, &sh); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		gs, ok := sh.Words[t]
		if !ok {
			continue
		}
		phrases = append(phrases, t)
		for _, g := range gs {
			byIndex[g] = sh.Groups[g]
		}
	}
	idx := make([]int, 0, len(byIndex))
	for g := range byIndex {
		idx = append(idx, g)
	}
	sort.Ints(idx)
	groups := make([][]string, len(idx))
	for i, g := range idx {
		groups[i] = byIndex[g]
		phrases = append(phrases, byIndex[g]...)
	}
	return query.NewLexicon(groups, r.m.Traps), query.NewPhrases(phrases), nil
}
