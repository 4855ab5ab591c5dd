package index

import (
	"context"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// phraseQuery matches tokens at consecutive positions of one field and
// scores as bleve's phrase query does (the conjunction of one term query
// per token, boost included), with a cheaper position check. bleve's phrase
// searcher turns each candidate's term locations into maps, searches them
// for paths and copies the locations of every path onto the match, which
// every disjunction above it copies again; for a quoted phrase of five
// bigrams over 10,000 cases that is most of the query. Here the positions
// of each token are collected into reused slices and checked in place, and
// a match carries locations only when the search asks for them (the page's
// hits, for highlighting: then it carries every location of its tokens,
// and the highlighter marks the runs).
//
// Fields are single-valued, so array positions are not compared.
type phraseQuery struct {
	tokens []string
	field  string
	boost  float64
}

func newPhraseQuery(tokens []string, field string, boost float64) *phraseQuery {
	return &phraseQuery{tokens: tokens, field: field, boost: boost}
}

// Searcher implements bleve's query.Query.
func (q *phraseQuery) Searcher(ctx context.Context, r bleveindex.IndexReader, _ mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	keep := options.IncludeTermVectors
	options.IncludeTermVectors = true
	terms := make([]bsearch.Searcher, 0, len(q.tokens))
	closeAll := func() {
		for _, t := range terms {
			_ = t.Close()
		}
	}
	for _, tok := range q.tokens {
		t, err := searcher.NewTermSearcher(ctx, r, tok, q.field, q.boost, options)
		if err != nil {
			closeAll()
			return nil, err
		}
		terms = append(terms, t)
	}
	must, err := searcher.NewConjunctionSearcher(ctx, r, terms, options)
	if err != nil {
		closeAll()
		return nil, err
	}
	// The query norm bleve's phrase searcher sets, for the same scores.
	must.SetQueryNorm(1 / math.Sqrt(must.Weight()))
	return &phraseSearcher{must: must, tokens: q.tokens, keep: keep, pos: make([][]uint64, len(q.tokens))}, nil
}

// phraseSearcher passes on the matches of its conjunction whose tokens
// occur in a row.
type phraseSearcher struct {
	must   bsearch.Searcher
	tokens []string
	keep   bool       // hand on the term locations
	pos    [][]uint64 // positions of each token in the current match
}

func (s *phraseSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for {
		dm, err := s.must.Next(ctx)
		if dm == nil || err != nil {
			return dm, err
		}
		if s.inRow(dm) {
			return s.hand(dm), nil
		}
		ctx.DocumentMatchPool.Put(dm)
	}
}

func (s *phraseSearcher) Advance(ctx *bsearch.SearchContext, id bleveindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.must.Advance(ctx, id)
	if dm == nil || err != nil {
		return dm, err
	}
	if s.inRow(dm) {
		return s.hand(dm), nil
	}
	ctx.DocumentMatchPool.Put(dm)
	return s.Next(ctx)
}

// inRow reports whether the tokens occur at consecutive positions.
func (s *phraseSearcher) inRow(dm *bsearch.DocumentMatch) bool {
	for i := range s.pos {
		s.pos[i] = s.pos[i][:0]
	}
	for _, ftl := range dm.FieldTermLocations {
		for i, tok := range s.tokens {
			if ftl.Term == tok {
				s.pos[i] = append(s.pos[i], ftl.Location.Pos)
			}
		}
	}
	for i := 1; i < len(s.pos); i++ {
		slices.Sort(s.pos[i])
	}
next:
	for _, p := range s.pos[0] {
		for i := 1; i < len(s.pos); i++ {
			if _, ok := slices.BinarySearch(s.pos[i], p+uint64(i)); !ok {
				continue next
			}
		}
		return true
	}
	return false
}

func (s *phraseSearcher) hand(dm *bsearch.DocumentMatch) *bsearch.DocumentMatch {
	if !s.keep {
		dm.FieldTermLocations = dm.FieldTermLocations[:0]
	}
	return dm
}

func (s *phraseSearcher) Close() error               { return s.must.Close() }
func (s *phraseSearcher) Weight() float64            { return s.must.Weight() }
func (s *phraseSearcher) SetQueryNorm(n float64)     { s.must.SetQueryNorm(n) }
func (s *phraseSearcher) Count() uint64              { return s.must.Count() } // at most
func (s *phraseSearcher) Min() int                   { return 0 }
func (s *phraseSearcher) Size() int                  { return s.must.Size() }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return s.must.DocumentMatchPoolSize() + 1 }
