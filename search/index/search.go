package index

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"huajie/search/highlight"
	"huajie/search/query"
	"huajie/search/schema"
)

// Search runs req. It honours ctx's deadline.
func (ix *Index) Search(ctx context.Context, req schema.Request) (*schema.Response, error) {
	start := time.Now()
	q := query.Parse(req.Query, ix.lex)
	for f, vs := range req.Filters {
		for _, v := range vs {
			if q.Filters == nil {
				q.Filters = map[string][]string{}
			}
			q.Filters[f] = append(q.Filters[f], v)
		}
	}
	size := req.Size
	if size <= 0 {
		size = 10
	}
	bquery := ToBleve(q, ix.phrases())
	stats := ix.bm25Stats()
	sr := bleve.NewSearchRequestOptions(bquery, size, max(req.From, 0), false)
	sr.Fields = []string{schema.FieldTitle, schema.FieldSummary, "url", "date",
		schema.FacetKind, schema.FacetRegion, schema.FacetDomain}
	if req.Highlight {
		sr.Fields = append(sr.Fields, schema.FieldBody)
	}
	sr.PreSearchData = map[string]any{bsearch.BM25PreSearchDataKey: stats}
	// By relevance, bleve's own order (score, then index order) is kept:
	// a date tie-break would read a doc value for every hit. Equal scores
	// are rare but for queries without terms, which sort by date.
	if req.Sort == "date" || len(q.Terms) == 0 {
		sr.SortBy([]string{"-date", "_id"})
	}
	if req.Facets {
		for _, f := range schema.Facets {
			if len(req.FacetNames) == 0 || slices.Contains(req.FacetNames, f.Name) {
				sr.AddFacet(f.Name, bleve.NewFacetRequest(f.Name, 50))
			}
		}
	}
	res, err := ix.b.SearchInContext(ctx, sr)
	if err != nil {
		return nil, err
	}
	if req.Highlight && len(res.Hits) > 0 {
		if err := ix.locate(ctx, bquery, stats, res.Hits); err != nil {
			return nil, err
		}
	}
	out := &schema.Response{Query: req.Query, Total: int(res.Total), From: sr.From, Hits: []schema.Hit{}, Engine: "bleve"}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, makeHit(h, q, req.Highlight))
	}
	if req.Facets {
		out.Facets = facets(res.Facets)
	}
	out.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

// locate fills in the term vectors of the page's hits: the query again,
// restricted to those documents, with locations. Asking for locations in
// the first search would read them for every hit, not only the page's.
func (ix *Index) locate(ctx context.Context, bquery bq.Query, stats *bsearch.BM25Stats, hits bsearch.DocumentMatchCollection) error {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	sr := bleve.NewSearchRequestOptions(bq.NewConjunctionQuery([]bq.Query{bq.NewDocIDQuery(ids), bquery}), len(ids), 0, false)
	sr.IncludeLocations = true
	sr.PreSearchData = map[string]any{bsearch.BM25PreSearchDataKey: stats}
	res, err := ix.b.SearchInContext(ctx, sr)
	if err != nil {
		return err
	}
	locs := map[string]bsearch.FieldTermLocationMap{}
	for _, h := range res.Hits {
		locs[h.ID] = h.Locations
	}
	for _, h := range hits {
		h.Locations = locs[h.ID]
	}
	return nil
}

func makeHit(h *bsearch.DocumentMatch, q *query.Query, mark bool) schema.Hit {
	str := func(f string) string { s, _ := h.Fields[f].(string); return s }
	spans := func(field string) []highlight.Span {
		return append(vectorSpans(h.Locations[field], q), highlight.CharSpans(str(field), q)...)
	}
	hit := schema.Hit{ID: h.ID, URL: str("url"), Kind: str(schema.FacetKind), Region: str(schema.FacetRegion),
		Domain: str(schema.FacetDomain), Score: h.Score}
	hit.KindLabel = schema.KindLabel(hit.Kind)
	if d := str("date"); len(d) >= 10 {
		hit.Date = d[:10]
	}
	summary, body := str(schema.FieldSummary), str(schema.FieldBody)
	if !mark {
		hit.Title = highlight.Mark(str(schema.FieldTitle), nil)
		hit.Snippet = highlight.Fragment(summary, nil, schema.SnippetWidth)
		return hit
	}
	hit.Title = highlight.Mark(str(schema.FieldTitle), spans(schema.FieldTitle))
	if s := spans(schema.FieldSummary); len(s) > 0 {
		hit.Snippet = highlight.Fragment(summary, s, schema.SnippetWidth)
	} else if s := spans(schema.FieldBody); len(s) > 0 {
		hit.Snippet = highlight.Fragment(body, s, schema.SnippetWidth)
	} else if summary != "" {
		hit.Snippet = highlight.Fragment(summary, nil, schema.SnippetWidth)
	} else {
		hit.Snippet = highlight.Fragment(body, nil, schema.SnippetWidth)
	}
	return hit
}

// vectorSpans returns the spans of the query's phrases among a field's term
// vectors: an alternative's tokens at consecutive positions. (Phrases
// answered by their phrase token bring every location of each token; only
// runs of the phrase are marked.)
func vectorSpans(locs bsearch.TermLocationMap, q *query.Query) []highlight.Span {
	if len(locs) == 0 {
		return nil
	}
	at := map[string]map[uint64]*bsearch.Location{}
	for term, ls := range locs {
		m := map[uint64]*bsearch.Location{}
		for _, l := range ls {
			m[l.Pos] = l
		}
		at[term] = m
	}
	var spans []highlight.Span
	for _, t := range q.Terms {
		for _, a := range t.Alts {
			if len(a.Tokens) == 0 {
				continue
			}
			for pos, first := range at[a.Tokens[0]] {
				last := first
				for k, tok := range a.Tokens[1:] {
					if last = at[tok][pos+uint64(k)+1]; last == nil {
						break
					}
				}
				if last != nil {
					spans = append(spans, highlight.Span{Start: int(first.Start), End: int(last.End)})
				}
			}
		}
	}
	return spans
}

func facets(fr bsearch.FacetResults) []schema.FacetResult {
	var out []schema.FacetResult
	for _, f := range schema.Facets {
		r := fr[f.Name]
		if r == nil || r.Terms == nil {
			continue
		}
		res := schema.FacetResult{Name: f.Name, Label: f.Label}
		for _, t := range r.Terms.Terms() {
			label := t.Term
			if f.Name == schema.FacetKind {
				label = schema.KindLabel(t.Term)
			}
			res.Values = append(res.Values, schema.FacetValue{Value: t.Term, Label: label, Count: t.Count})
		}
		if len(res.Values) > 0 {
			schema.SortFacetValues(f.Name, res.Values)
			out = append(out, res)
		}
	}
	return out
}

// ToBleve translates a rewritten query into a bleve query:
//
//	terms     → conjunction (scores add up)
//	term      → disjunction of its alternatives (bleve's coordination factor)
//	alt       → disjunction over the text fields of a phrase with the field's
//	            boost × the alternative's boost, ANDed with a term query on
//	            the chars field per required character, and, for a trap word,
//	            excluding documents that list it in the nonword field; a
//	            phrase of the dictionary or of a pattern (query.Phrases) is
//	            the conjunction of its phrase token (boost 0: it only
//	            filters) with its tokens' term queries, which matches and
//	            scores as the phrase query does without reading positions
//	exclusion → must-not of the alternative
//	filter    → term queries on the facet fields with boost 0, which filter
//	            without changing the score
func ToBleve(q *query.Query, phrases *query.Phrases) bq.Query {
	var must, mustNot []bq.Query
	for _, t := range q.Terms {
		var alts []bq.Query
		for _, a := range t.Alts {
			alts = append(alts, altQuery(a, phrases))
		}
		if len(alts) == 1 {
			must = append(must, alts[0])
		} else {
			must = append(must, bq.NewDisjunctionQuery(alts))
		}
	}
	if len(must) == 0 {
		// Without terms every document matches with the same score; the
		// match-all query keeps bleve's query norm finite (a query of
		// zero-boost filters alone scores NaN).
		must = append(must, bq.NewMatchAllQuery())
	}
	for _, a := range q.Exclude {
		mustNot = append(mustNot, altQuery(a, phrases))
	}
	for _, f := range sortedKeys(q.Filters) {
		var vs []bq.Query
		for _, v := range q.Filters[f] {
			vs = append(vs, termQuery(f, v, 0))
		}
		if len(vs) == 1 {
			must = append(must, vs[0])
		} else {
			d := bq.NewDisjunctionQuery(vs)
			d.SetBoost(0)
			must = append(must, d)
		}
	}
	for _, f := range sortedKeys(q.NotFilters) {
		for _, v := range q.NotFilters[f] {
			mustNot = append(mustNot, termQuery(f, v, 0))
		}
	}
	if len(mustNot) == 0 {
		if len(must) == 1 {
			return must[0]
		}
		return bq.NewConjunctionQuery(must)
	}
	return bq.NewBooleanQuery(must, nil, mustNot)
}

func altQuery(a query.Alt, phrases *query.Phrases) bq.Query {
	var parts []bq.Query
	if len(a.Tokens) > 0 {
		var fields []bq.Query
		key, isPhrase := phrases.AltKey(a)
		for _, f := range schema.TextFields {
			boost := f.Boost * a.Boost
			if isPhrase {
				conj := []bq.Query{termQuery(phraseField(f.Name), key, 0)}
				for _, t := range a.Tokens {
					conj = append(conj, termQuery(f.Name, t, boost))
				}
				fields = append(fields, bq.NewConjunctionQuery(conj))
				continue
			}
			if len(a.Tokens) == 1 {
				fields = append(fields, termQuery(f.Name, a.Tokens[0], boost))
				continue
			}
			fields = append(fields, newPhraseQuery(a.Tokens, f.Name, boost))
		}
		parts = append(parts, bq.NewDisjunctionQuery(fields))
	}
	for _, c := range a.Chars {
		parts = append(parts, termQuery(schema.FieldChars, c, schema.CharsBoost*a.Boost))
	}
	var q bq.Query = parts[0]
	if len(parts) > 1 {
		q = bq.NewConjunctionQuery(parts)
	}
	if a.Trap {
		q = bq.NewBooleanQuery([]bq.Query{q}, nil, []bq.Query{termQuery(schema.FieldNonWord, TrapKey(a.Text), 0)})
	}
	return q
}

// TrapKey is the value a trap alternative is listed under in the nonword
// field (and in the static index): its text without spaces.
func TrapKey(text string) string { return strings.Join(strings.Fields(text), "") }

func termQuery(field, term string, boost float64) *bq.TermQuery {
	t := bq.NewTermQuery(term)
	t.SetField(field)
	t.SetBoost(boost)
	return t
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
