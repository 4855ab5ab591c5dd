package schema

import "sort"

// Request is one search, for either engine.
type Request struct {
	Query string
	// Filters are facet filters given beside the query text (the page's
	// filter controls, the CLI's --kind): facet → values, ORed within a
	// facet, ANDed with each other and with the query's own filters.
	Filters map[string][]string
	Sort    string // "" (by relevance; among equals the static index puts newer years first) or "date" (newest first)
	From    int    // hits to skip
	Size    int    // hits to return; 0 means 10
	Facets  bool   // count the facet values of all hits
	// FacetNames are the facets to count; empty means all of them.
	FacetNames []string
	// Highlight marks the matches in the hits' titles and snippets and
	// takes the snippet from where the body matches; without it, titles and
	// snippets are plain (escaped) text from the title and summary.
	Highlight bool
}

// Response is the result of a search; /api/search sends it as JSON and the
// page script builds the same from the static index.
type Response struct {
	Query  string        `json:"query"`
	Total  int           `json:"total"`
	From   int           `json:"from"`
	Hits   []Hit         `json:"hits"`
	Facets []FacetResult `json:"facets,omitempty"`
	TookMS float64       `json:"took_ms"`
	Engine string        `json:"engine"`
}

// Hit is one result. Title and Snippet are HTML: escaped text with the
// matches in <mark>.
type Hit struct {
	ID        string  `json:"id"`
	URL       string  `json:"url"` // site-relative
	Kind      string  `json:"kind"`
	KindLabel string  `json:"kind_label"`
	Title     string  `json:"title"`
	Snippet   string  `json:"snippet"`
	Date      string  `json:"date,omitempty"`
	Region    string  `json:"region,omitempty"`
	Domain    string  `json:"domain,omitempty"`
	Score     float64 `json:"score"`
}

// FacetResult counts the hits per value of a facet.
type FacetResult struct {
	Name   string       `json:"name"`
	Label  string       `json:"label"`
	Values []FacetValue `json:"values"`
}

// FacetValue is one value of a facet and its number of hits.
type FacetValue struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// SnippetWidth is the length of a snippet in characters.
const SnippetWidth = 120

// SortFacetValues orders facet values for display: years newest first,
// kinds in their fixed order, the rest by count, then by value.
func SortFacetValues(facet string, vs []FacetValue) {
	rank := map[string]int{}
	for i, k := range Kinds {
		rank[k.Code] = i
	}
	sort.SliceStable(vs, func(i, j int) bool {
		switch facet {
		case FacetYear:
			return vs[i].Value > vs[j].Value
		case FacetKind:
			return rank[vs[i].Value] < rank[vs[j].Value]
		}
		if vs[i].Count != vs[j].Count {
			return vs[i].Count > vs[j].Count
		}
		return vs[i].Value < vs[j].Value
	})
}
