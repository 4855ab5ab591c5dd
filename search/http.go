package search

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"huajie/search/query"
	"huajie/search/schema"
)

// Searcher answers search requests: the bleve index, or anything else that
// can.
type Searcher interface {
	Search(ctx context.Context, req schema.Request) (*schema.Response, error)
}

// HandlerOptions bound what one request may cost. Zero values take the
// defaults in brackets.
type HandlerOptions struct {
	Timeout time.Duration // per request [2s]
	MaxSize int           // hits per page [50]
	MaxPage int           // deepest page [100]
}

// Handler serves GET /api/search?q=&kind=&domain=&region=&stage=&year=
// &outcome=&agency_type=&authority=&sort=&page=&size= as JSON: the hits of
// the page with highlighted titles and snippets, facet counts, the total
// and the time taken (schema.Response). Facet parameters may repeat (values
// are ORed); sort is "" (relevance) or "date"; page counts from 1. A query
// longer than query.MaxRunes characters, a page size or page beyond the
// limits is a 400; a search over the time limit is a 503.
func Handler(s Searcher, opts HandlerOptions) http.Handler {
	if opts.Timeout <= 0 {
		opts.Timeout = 2 * time.Second
	}
	if opts.MaxSize <= 0 {
		opts.MaxSize = 50
	}
	if opts.MaxPage <= 0 {
		opts.MaxPage = 100
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "method not allowed")
			return
		}
		p := r.URL.Query()
		req := schema.Request{Query: p.Get("q"), Sort: p.Get("sort"), Facets: true, Highlight: true, Size: 10}
		if n := utf8.RuneCountInString(req.Query); n > query.MaxRunes {
			writeError(w, http.StatusBadRequest, "query too long: "+strconv.Itoa(n)+" characters, at most "+strconv.Itoa(query.MaxRunes))
			return
		}
		switch req.Sort {
		case "", "date":
		case "relevance":
			req.Sort = ""
		default:
			writeError(w, http.StatusBadRequest, "sort: use relevance or date")
			return
		}
		page, ok := intParam(p.Get("page"), 1, 1, opts.MaxPage)
		size, ok2 := intParam(p.Get("size"), 10, 1, opts.MaxSize)
		if !ok || !ok2 {
			writeError(w, http.StatusBadRequest, "page must be 1 to "+strconv.Itoa(opts.MaxPage)+", size 1 to "+strconv.Itoa(opts.MaxSize))
			return
		}
		req.Size, req.From = size, (page-1)*size
		for _, f := range schema.Facets {
			if vs := p[f.Name]; len(vs) > 0 {
				if req.Filters == nil {
					req.Filters = map[string][]string{}
				}
				for _, v := range vs {
					if v != "" {
						req.Filters[f.Name] = append(req.Filters[f.Name], v)
					}
				}
			}
		}
		ctx, cancel := context.WithTimeout(r.Context(), opts.Timeout)
		defer cancel()
		res, err := s.Search(ctx, req)
		switch {
		case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil:
			writeError(w, http.StatusServiceUnavailable, "search took too long")
			return
		case err != nil:
			writeError(w, http.StatusInternalServerError, "search failed")
			return
		}
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false) // the <mark> of snippets stays readable
		enc.Encode(res)
	})
}

func intParam(s string, def, lo, hi int) (int, bool) {
	if s == "" {
		return def, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= lo && n <= hi
}

func writeError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}
