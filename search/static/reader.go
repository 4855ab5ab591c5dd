package static

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"huajie/search/highlight"
	"huajie/search/query"
	"huajie/search/schema"
)

// Fetcher gets a file of the index by its path relative to the index
// folder, as the page script fetches it over HTTP.
type Fetcher interface {
	Fetch(ctx context.Context, rel string) ([]byte, error)
}

// FS fetches from a file system rooted at the index folder.
type FS struct{ FS fs.FS }

// Fetch implements Fetcher.
func (f FS) Fetch(_ context.Context, rel string) ([]byte, error) { return fs.ReadFile(f.FS, rel) }

// Reader searches a static index as the page script does: it fetches the
// manifest, then per query the lexicon shards of its words, the shards of
// its keys, the facet data when it filters or counts, the date ranks when
// it sorts by date, and the metadata chunks of the hits it returns.
// Like a browser tab it keeps what it fetched; Fetched counts it.
type Reader struct {
	f Fetcher
	m Manifest

	mu      sync.Mutex
	files   map[string][]byte
	fetched []Fetch
}

// Fetch is one file the reader downloaded.
type Fetch struct {
	Path  string
	Bytes int
}

// Open reads the manifest.
func Open(ctx context.Context, f Fetcher) (*Reader, error) {
	r := &Reader{f: f, files: map[string][]byte{}}
	raw, err := r.get(ctx, "manifest.json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, &r.m); err != nil {
		return nil, fmt.Errorf("search manifest: %w", err)
	}
	if r.m.Format != Format {
		return nil, fmt.Errorf("search manifest: format %d, want %d", r.m.Format, Format)
	}
	return r, nil
}

// Manifest returns the index's manifest.
func (r *Reader) Manifest() Manifest { return r.m }

// Fetched returns the files downloaded so far, in order.
func (r *Reader) Fetched() []Fetch {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Fetch(nil), r.fetched...)
}

// Forget drops the files kept so far except the manifest, as a new tab
// would.
func (r *Reader) Forget() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k := range r.files {
		if k != "manifest.json" {
			delete(r.files, k)
		}
	}
	r.fetched = nil
}

func (r *Reader) get(ctx context.Context, rel string) ([]byte, error) {
	r.mu.Lock()
	b, ok := r.files[rel]
	r.mu.Unlock()
	if ok {
		return b, nil
	}
	b, err := r.f.Fetch(ctx, rel)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.files[rel] = b
	r.fetched = append(r.fetched, Fetch{rel, len(b)})
	r.mu.Unlock()
	return b, nil
}

// list is a posting list: document numbers ascending, weights beside them
// (nil for the trap lists).
type list struct {
	docs []uint32
	ws   []float64
}

// entry is the sections of a key: four lists for a token (by text field),
// one for a character or a trap word.
type entry []*list

// postings fetches the shards of keys and returns their entries; a key
// without an entry has empty lists.
func (r *Reader) postings(ctx context.Context, keys []string) (map[string]entry, error) {
	want := map[string]bool{}
	byShard := map[int]bool{}
	for _, k := range keys {
		want[k] = true
		byShard[int(Hash(k)%uint32(r.m.Shards))] = true
	}
	out := map[string]entry{}
	shards := make([]int, 0, len(byShard))
	for s := range byShard {
		shards = append(shards, s)
	}
	sort.Ints(shards)
	for _, s := range shards {
		b, err := r.get(ctx, ShardPath(s))
		if err != nil {
			return nil, err
		}
		if err := decodeShard(b, r.m.Docs, want, out); err != nil {
			return nil, fmt.Errorf("%s: %w", ShardPath(s), err)
		}
	}
	for k := range want {
		if out[k] == nil {
			out[k] = make(entry, sectionCount(k))
			for i := range out[k] {
				out[k][i] = &list{}
			}
		}
	}
	return out, nil
}

func sectionCount(key string) int {
	if key[0] == '#' || key[0] == '!' {
		return 1
	}
	return len(schema.TextFields)
}

func decodeShard(b []byte, n int, want map[string]bool, out map[string]entry) (err error) {
	i := 0
	uv := func() int {
		v, k := binary.Uvarint(b[i:])
		if k <= 0 {
			panic("bad varint")
		}
		i += k
		return int(v)
	}
	f32 := func() float64 {
		v := math.Float32frombits(binary.LittleEndian.Uint32(b[i:]))
		i += 4
		return float64(v)
	}
	docs := func(k int) []uint32 {
		out := make([]uint32, k)
		prev := 0
		for j := range out {
			d := uv()
			if j > 0 {
				d += prev
			}
			out[j] = uint32(d)
			prev = d
		}
		return out
	}
	weights := func(k int) []float64 {
		lo, hi := f32(), f32()
		ratio := math.Log(hi / lo)
		out := make([]float64, k)
		for j := range out {
			out[j] = lo * math.Exp(ratio*float64(b[i])/255)
			i++
		}
		return out
	}
	defer func() {
		if e := recover(); e != nil {
			err = fmt.Errorf("corrupt shard at byte %d: %v", i, e)
		}
	}()
	for i < len(b) {
		kl := uv()
		key := string(b[i : i+kl])
		i += kl
		e := make(entry, sectionCount(key))
		for s := range e {
			l := &list{}
			e[s] = l
			df := uv()
			if df == 0 {
				continue
			}
			flags := b[i]
			i++
			if flags&flagBitmap != 0 {
				for d := 0; d < n; d++ {
					if b[i+d>>3]&(1<<(d&7)) != 0 {
						l.docs = append(l.docs, uint32(d))
					}
				}
				i += (n + 7) / 8
			} else {
				l.docs = docs(df)
			}
			switch {
			case flags&flagExact != 0:
				l.ws = []float64{f32()}
			case flags&flagWeights != 0:
				l.ws = weights(df)
			case flags&flagPartial != 0:
				top := docs(uv())
				tw := weights(len(top))
				rest := f32()
				l.ws = make([]float64, len(l.docs))
				k := 0
				for j, d := range l.docs {
					if k < len(top) && top[k] == d {
						l.ws[j] = tw[k]
						k++
					} else {
						l.ws[j] = rest
					}
				}
			}
		}
		if want[key] {
			out[key] = e
		}
	}
	return nil
}

// Search runs req against the index.
func (r *Reader) Search(ctx context.Context, req schema.Request) (*schema.Response, error) {
	start := time.Now()
	lex, phrases, err := r.lexicon(ctx, req.Query)
	if err != nil {
		return nil, err
	}
	q := query.Parse(req.Query, lex)
	for f, vs := range req.Filters {
		for _, v := range vs {
			if q.Filters == nil {
				q.Filters = map[string][]string{}
			}
			q.Filters[f] = append(q.Filters[f], v)
		}
	}
	n := r.m.Docs
	shown := query.Parse(req.Query, lex) // for highlighting
	// An alternative that is a dictionary or pattern phrase has a posting
	// list of its own: one key instead of its tokens, and exact phrase
	// matching.
	usePhrase := func(a *query.Alt) {
		if key, ok := phrases.AltKey(*a); ok {
			a.Tokens = []string{key}
		}
	}
	for i := range q.Terms {
		for j := range q.Terms[i].Alts {
			usePhrase(&q.Terms[i].Alts[j])
		}
	}
	for i := range q.Exclude {
		usePhrase(&q.Exclude[i])
	}
	var keys []string
	addAlt := func(a query.Alt) {
		keys = append(keys, a.Tokens...)
		for _, c := range a.Chars {
			keys = append(keys, "#"+c)
		}
		if a.Trap {
			keys = append(keys, "!"+trapKey(a.Text))
		}
	}
	for _, t := range q.Terms {
		for _, a := range t.Alts {
			addAlt(a)
		}
	}
	for _, a := range q.Exclude {
		addAlt(a)
	}
	lists, err := r.postings(ctx, keys)
	if err != nil {
		return nil, err
	}

	// ok[d]: document d matches so far; score[d]: its score.
	ok := make([]bool, n)
	for d := range ok {
		ok[d] = true
	}
	score := make([]float64, n)
	for _, t := range q.Terms {
		ts := make([]float64, n)
		tc := make([]int, n)
		for _, a := range t.Alts {
			acc, hit := evalAlt(a, lists, n)
			for d := range hit {
				if hit[d] {
					ts[d] += acc[d]
					tc[d]++
				}
			}
		}
		for d := range ok {
			switch {
			case tc[d] == 0:
				ok[d] = false
			case len(t.Alts) > 1:
				score[d] += ts[d] * float64(tc[d]) / float64(len(t.Alts))
			default:
				score[d] += ts[d]
			}
		}
	}
	for _, a := range q.Exclude {
		_, hit := evalAlt(a, lists, n)
		for d := range hit {
			if hit[d] {
				ok[d] = false
			}
		}
	}
	// The columns of the facets filtered on and counted.
	var names []string
	for f := range q.Filters {
		names = append(names, f)
	}
	for f := range q.NotFilters {
		names = append(names, f)
	}
	counted := req.FacetNames
	if req.Facets && len(counted) == 0 {
		for _, f := range r.m.Facets {
			counted = append(counted, f.Name)
		}
	}
	if req.Facets {
		names = append(names, counted...)
	}
	cols, err := r.columns(ctx, names)
	if err != nil {
		return nil, err
	}
	filter := func(m map[string][]string, keep bool) {
		for f, vs := range m {
			col, mf := cols[f], r.facet(f)
			if col == nil {
				if keep {
					clear(ok)
				}
				continue
			}
			in := map[int]bool{}
			for _, v := range vs {
				if i := slices.Index(mf.Values, v); i >= 0 {
					in[i] = true
				}
			}
			for d := range ok {
				if in[col[d]] != keep {
					ok[d] = false
				}
			}
		}
	}
	filter(q.Filters, true)
	filter(q.NotFilters, false)

	var hits []int
	for d, m := range ok {
		if m {
			hits = append(hits, d)
		}
	}
	// Without terms every score is equal, and bleve sorts by date.
	if req.Sort == "date" || len(q.Terms) == 0 {
		rank, err := r.dateRanks(ctx)
		if err != nil {
			return nil, err
		}
		sort.Slice(hits, func(i, j int) bool { return rank[hits[i]] < rank[hits[j]] })
	} else {
		sort.SliceStable(hits, func(i, j int) bool { return score[hits[i]] > score[hits[j]] })
	}
	res := &schema.Response{Query: req.Query, Total: len(hits), From: max(req.From, 0), Hits: []schema.Hit{}, Engine: "static"}
	if req.Facets {
		res.Facets = r.countFacets(cols, counted, hits)
	}
	size := req.Size
	if size <= 0 {
		size = 10
	}
	for _, d := range hits[min(res.From, len(hits)):min(res.From+size, len(hits))] {
		m, err := r.meta(ctx, d)
		if err != nil {
			return nil, err
		}
		h := schema.Hit{ID: m.ID, URL: m.URL, Kind: m.Kind, KindLabel: schema.KindLabel(m.Kind), Date: m.Date,
			Region: m.Region, Domain: m.Domain, Score: score[d]}
		if req.Highlight {
			h.Title = highlight.Mark(m.Title, highlight.Spans(m.Title, shown))
			h.Snippet = highlight.Fragment(m.Snippet, highlight.Spans(m.Snippet, shown), schema.SnippetWidth)
		} else {
			h.Title = highlight.Mark(m.Title, nil)
			h.Snippet = highlight.Fragment(m.Snippet, nil, schema.SnippetWidth)
		}
		res.Hits = append(res.Hits, h)
	}
	res.TookMS = float64(time.Since(start).Microseconds()) / 1000
	return res, nil
}

// evalAlt returns the score of an alternative in every document and which
// documents it matches, as bleve scores its query: the phrase matches in a
// field that holds all of its tokens, the field scores add up and are
// multiplied by the share of fields that matched; every character must be
// in the document and adds its weight; a trap word must not be listed as a
// non-word of the document.
func evalAlt(a query.Alt, lists map[string]entry, n int) ([]float64, []bool) {
	acc := make([]float64, n)
	hit := make([]bool, n)
	if len(a.Tokens) > 0 {
		fields := make([]int, n)
		for f := range schema.TextFields {
			cnt := make([]int, n)
			fs := make([]float64, n)
			for _, t := range a.Tokens {
				l := lists[t][f]
				for i, d := range l.docs {
					cnt[d]++
					fs[d] += l.ws[i]
				}
			}
			for d := range cnt {
				if cnt[d] == len(a.Tokens) {
					acc[d] += fs[d]
					fields[d]++
				}
			}
		}
		for d := range acc {
			hit[d] = fields[d] > 0
			acc[d] *= a.Boost * float64(fields[d]) / float64(len(schema.TextFields))
		}
	} else {
		for d := range hit {
			hit[d] = true
		}
	}
	if len(a.Chars) > 0 {
		cnt := make([]int, n)
		for _, c := range a.Chars {
			l := lists["#"+c][0]
			for i, d := range l.docs {
				cnt[d]++
				acc[d] += l.ws[i] * a.Boost
			}
		}
		for d := range hit {
			hit[d] = hit[d] && cnt[d] == len(a.Chars)
		}
	}
	if a.Trap {
		for _, d := range lists["!"+trapKey(a.Text)][0].docs {
			hit[d] = false
		}
	}
	return acc, hit
}

func trapKey(text string) string { return strings.Join(strings.Fields(text), "") }

func (r *Reader) facet(name string) *ManifestFacet {
	for i := range r.m.Facets {
		if r.m.Facets[i].Name == name {
			return &r.m.Facets[i]
		}
	}
	return nil
}

// columns fetches and unpacks the value indices of the named facets (those
// the index has): the group file for grouped facets, columns for others.
func (r *Reader) columns(ctx context.Context, names []string) (map[string][]int, error) {
	cols := map[string][]int{}
	for _, name := range names {
		f := r.facet(name)
		if f == nil || cols[name] != nil {
			continue
		}
		if slices.Contains(r.m.Group, name) {
			b, err := r.get(ctx, GroupPath)
			if err != nil {
				return nil, err
			}
			widths := make([]int, len(r.m.Group))
			for k, g := range r.m.Group {
				widths[k] = len(r.facet(g).Values) + 1
			}
			gc, err := decodeGroup(b, r.m.Docs, widths)
			if err != nil {
				return nil, err
			}
			for k, g := range r.m.Group {
				cols[g] = gc[k]
			}
			continue
		}
		b, err := r.get(ctx, FacetPath(name))
		if err != nil {
			return nil, err
		}
		if len(b)*8 < r.m.Docs*f.Bits {
			return nil, errCorrupt(FacetPath(name))
		}
		cols[name] = unpackColumn(b, r.m.Docs, f.Bits)
	}
	return cols, nil
}

// dateRanks fetches each document's place in date order.
func (r *Reader) dateRanks(ctx context.Context) ([]int, error) {
	b, err := r.get(ctx, DatePath)
	if err != nil {
		return nil, err
	}
	if len(b)*8 < r.m.Docs*r.m.DateBits {
		return nil, errCorrupt(DatePath)
	}
	return unpackColumn(b, r.m.Docs, r.m.DateBits), nil
}

func (r *Reader) countFacets(cols map[string][]int, names []string, hits []int) []schema.FacetResult {
	var out []schema.FacetResult
	for _, f := range r.m.Facets {
		if !slices.Contains(names, f.Name) {
			continue
		}
		counts := make([]int, len(f.Values)+1)
		for _, d := range hits {
			counts[cols[f.Name][d]]++
		}
		fr := schema.FacetResult{Name: f.Name, Label: f.Label}
		for i, v := range f.Values {
			if counts[i] > 0 {
				label := v
				if f.Name == schema.FacetKind {
					label = schema.KindLabel(v)
				}
				fr.Values = append(fr.Values, schema.FacetValue{Value: v, Label: label, Count: counts[i]})
			}
		}
		if len(fr.Values) > 0 {
			schema.SortFacetValues(f.Name, fr.Values)
			out = append(out, fr)
		}
	}
	return out
}

func (r *Reader) meta(ctx context.Context, d int) (*Meta, error) {
	b, err := r.get(ctx, MetaPath(d/r.m.Chunk))
	if err != nil {
		return nil, err
	}
	var chunk []Meta
	if err := json.Unmarshal(b, &chunk); err != nil {
		return nil, err
	}
	return &chunk[d%r.m.Chunk], nil
}
