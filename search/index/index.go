// Package index is the bleve side of search: a scorch index of search
// documents kept on disk next to the output (or in memory), updated
// incrementally by content hash, and searched with the query package's
// rewrite, returning ranked hits with highlighted fragments and facet counts.
package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
	bolterrors "go.etcd.io/bbolt/errors"

	"huajie/search/analysis"
	"huajie/search/query"
	"huajie/search/schema"
)

// mappingVersion changes with the mapping or with what documents store.
const mappingVersion = "1"

// metaKey is the internal key of the index's bookkeeping (see meta).
var metaKey = []byte("huajie/meta")

// Options configure Open. The zero value is an in-memory index with the
// default lexicon.
type Options struct {
	// Path is the index folder, e.g. .huajie/index; "" keeps it in memory.
	Path string
	// Lexicon is the synonym and trap list; nil means query.Default().
	Lexicon *query.Lexicon
	// Phrases are words matched through a phrase token of their own
	// besides the lexicon's and the documents' frequent keywords (the
	// build passes the controlled vocabulary); see query.Phrases.
	Phrases []string
}

// Index is a bleve index of search documents. It is safe for concurrent
// use: searches run while an update is applied.
type Index struct {
	b     bleve.Index
	lex   *query.Lexicon
	extra []string // Options.Phrases
	path  string

	mu   sync.RWMutex
	meta meta
	dict *query.Phrases // of meta.Phrases
}

// meta is what the index knows about its documents, stored in the index
// itself so that an update and its bookkeeping are one batch.
type meta struct {
	Version string             `json:"version"`
	Docs    map[string]docMeta `json:"docs"`
	Totals  [numLens]int       `json:"totals"` // Σ field lengths, for BM25
	// Phrases is the dictionary the documents' phrase tokens were made
	// with. It only grows: a word added to it reindexes the documents
	// that contain it, so every document has the tokens of every phrase.
	Phrases []string `json:"phrases"`
}

// docMeta is a document's content hash and field lengths in tokens, in the
// order of schema.TextFields, then the chars field.
type docMeta struct {
	Hash string       `json:"h"`
	Lens [numLens]int `json:"l"`
}

const numLens = 5

func (ix *Index) version() string {
	return analysis.Version + "/" + mappingVersion + "/" + ix.lex.TrapsHash()
}

// phrases is the dictionary of the index's phrase tokens.
func (ix *Index) phrases() *query.Phrases {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.dict
}

// ErrLocked is returned by Open when another process has the index open.
var ErrLocked = errors.New("in use by another process")

// Open opens the index at opts.Path, creating it when it does not exist.
// An index written with another analyzer, mapping or trap list is deleted
// and created anew (it is a cache of the content).
func Open(ctx context.Context, opts Options) (*Index, error) {
	ix := &Index{lex: opts.Lexicon, path: opts.Path, extra: opts.Phrases}
	if ix.lex == nil {
		ix.lex = query.Default()
	}
	ix.dict = query.NewPhrases()
	if opts.Path == "" {
		b, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
		if err != nil {
			return nil, err
		}
		ix.b = b
		ix.meta = meta{Version: ix.version(), Docs: map[string]docMeta{}}
		return ix, nil
	}
	// Another process holding the index (a running huajie serve) keeps its
	// lock; waiting for it would block forever, and the index must not be
	// taken for a broken one and deleted.
	b, err := bleve.OpenUsing(opts.Path, map[string]any{"bolt_timeout": "1s"})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("search index %s: %w", opts.Path, ErrLocked)
	}
	if err == nil {
		raw, err := b.GetInternal(metaKey)
		var m meta
		if err == nil && raw != nil && json.Unmarshal(raw, &m) == nil && m.Version == ix.version() {
			ix.b, ix.meta, ix.dict = b, m, query.NewPhrases(m.Phrases)
			return ix, nil
		}
		b.Close()
		if err := removeIndex(opts.Path); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		if err := removeIndex(opts.Path); err != nil {
			return nil, fmt.Errorf("opening search index %s: %w", opts.Path, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(opts.Path), 0o755); err != nil {
		return nil, err
	}
	b, err = bleve.New(opts.Path, newMapping())
	if err != nil {
		return nil, fmt.Errorf("creating search index %s: %w", opts.Path, err)
	}
	ix.b = b
	ix.meta = meta{Version: ix.version(), Docs: map[string]docMeta{}}
	return ix, nil
}

// Sync opens the index of opts and updates it to hold exactly docs (only
// documents whose content hash changed are reindexed): what the search
// command and the server do before searching. After a large update (a
// first build) it compacts the index. The caller closes the index.
func Sync(ctx context.Context, opts Options, docs []schema.Doc) (*Index, UpdateResult, error) {
	ix, err := Open(ctx, opts)
	if err != nil {
		return nil, UpdateResult{}, err
	}
	res, err := ix.Update(ctx, docs)
	if err == nil && res.Added+res.Changed+res.Deleted >= compactAfter {
		err = ix.Compact(ctx)
	}
	if err != nil {
		ix.Close()
		return nil, res, err
	}
	return ix, res, nil
}

// compactAfter is the number of changed documents after which Sync
// compacts.
const compactAfter = 1000

// removeIndex deletes an old index folder, but only one that looks like a
// bleve index, never some other folder given by mistake.
func removeIndex(path string) error {
	if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err != nil {
		if os.IsNotExist(err) {
			if entries, _ := os.ReadDir(path); len(entries) == 0 {
				return nil
			}
		}
		return fmt.Errorf("%s exists and is not a search index: remove it or choose another path", path)
	}
	return os.RemoveAll(path)
}

// Compact merges the index's segments into one and waits for it. After a
// large update scorch keeps merging in the background, which competes with
// searches for the CPU; compacting first makes the index quiet and fast.
// An in-memory index has nothing to compact.
func (ix *Index) Compact(ctx context.Context) error {
	adv, err := ix.b.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok || ix.path == "" {
		return nil
	}
	return s.ForceMerge(ctx, &mergeplan.SingleSegmentMergePlanOptions)
}

// Close closes the index, waiting for pending writes to reach the disk.
func (ix *Index) Close() error { return ix.b.Close() }

// Count returns the number of documents.
func (ix *Index) Count() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.meta.Docs)
}

func newMapping() *mapping.IndexMappingImpl {
	text := func(store bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analysis.Name
		f.Store = store
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		return f
	}
	kw := func(store, docValues bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.DocValues = docValues
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		return f
	}
	dm := mapping.NewDocumentStaticMapping()
	for _, f := range schema.TextFields {
		dm.AddFieldMappingsAt(f.Name, text(true))
		dm.AddFieldMappingsAt(phraseField(f.Name), kw(false, false))
	}
	chars := mapping.NewTextFieldMapping()
	chars.Analyzer = analysis.CharsName
	chars.Store, chars.IncludeTermVectors, chars.IncludeInAll = false, false, false
	dm.AddFieldMappingsAt(schema.FieldChars, chars)
	dm.AddFieldMappingsAt(schema.FieldNonWord, kw(false, false))
	for _, f := range schema.Facets {
		dm.AddFieldMappingsAt(f.Name, kw(true, true))
	}
	url := kw(true, false)
	url.Index = false
	dm.AddFieldMappingsAt("url", url)
	date := mapping.NewDateTimeFieldMapping()
	date.Store, date.DocValues, date.IncludeInAll = true, true, false
	dm.AddFieldMappingsAt("date", date)

	m := mapping.NewIndexMapping()
	m.DefaultMapping = dm
	m.DefaultAnalyzer = analysis.Name
	m.ScoringModel = bleveindex.BM25Scoring
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	return m
}

// phraseField is the field of the phrase tokens of a text field.
func phraseField(field string) string { return field + "_phrases" }

// fields is what bleve indexes of d, with the phrase tokens of dict.
func (ix *Index) fields(d *schema.Doc, dict *query.Phrases) map[string]any {
	f := map[string]any{"url": d.URL}
	for _, tf := range schema.TextFields {
		v := d.Text(tf.Name)
		if v == "" {
			continue
		}
		f[tf.Name] = v
		seen := map[string]bool{}
		var keys []string
		dict.Each(v, analysis.Tokenize(v), func(key string, _ func() []string) {
			if !seen[key] {
				seen[key] = true
				keys = append(keys, key)
			}
		})
		if len(keys) > 0 {
			f[phraseField(tf.Name)] = keys
		}
	}
	f[schema.FieldChars] = d.Title + "\n" + d.Keywords + "\n" + d.Summary + "\n" + d.Body
	if nw := ix.lex.NonWords(d.Title, d.Keywords, d.Summary, d.Body); len(nw) > 0 {
		f[schema.FieldNonWord] = nw
	}
	for _, fc := range schema.Facets {
		if v := d.Facet(fc.Name); v != "" {
			f[fc.Name] = v
		}
	}
	if !d.Date.IsZero() {
		f["date"] = d.Date
	}
	return f
}

// Lengths returns the token counts of d's text fields (in the order of
// schema.TextFields) and of its chars field: what BM25 normalises by.
func Lengths(d *schema.Doc) [numLens]int {
	var l [numLens]int
	for i, tf := range schema.TextFields {
		n := 0
		analysis.Each(d.Text(tf.Name), func(analysis.Token) { n++ })
		l[i] = n
	}
	for _, s := range []string{d.Title, d.Keywords, d.Summary, d.Body} {
		analysis.EachChar(s, func(string, int, int) { l[numLens-1]++ })
	}
	return l
}

// UpdateResult counts what an update did.
type UpdateResult struct {
	Added, Changed, Deleted, Unchanged int
	Took                               time.Duration
}

// batchSize bounds the memory of one bleve batch.
const batchSize = 100

// Update makes the index hold exactly docs: documents whose content hash
// changed or that are new are (re)indexed, documents no longer present are
// deleted, the rest are left alone. It checks ctx between batches; a
// cancelled update leaves a consistent index that the next update finishes.
func (ix *Index) Update(ctx context.Context, docs []schema.Doc) (UpdateResult, error) {
	start := time.Now()
	var res UpdateResult
	ix.mu.RLock()
	old := ix.meta
	ix.mu.RUnlock()
	next := meta{Version: old.Version, Docs: make(map[string]docMeta, len(docs)), Totals: old.Totals}
	for id, m := range old.Docs {
		next.Docs[id] = m
	}
	// The dictionary grows by the words now wanted that it lacks; the
	// documents already indexed that contain one are indexed again.
	var keywords []string
	for i := range docs {
		keywords = append(keywords, docs[i].Keywords)
	}
	have := map[string]bool{}
	for _, w := range old.Phrases {
		have[w] = true
	}
	next.Phrases = append([]string(nil), old.Phrases...)
	var added []string
	for _, list := range [][]string{ix.lex.Words(), ix.extra, query.FrequentKeywords(keywords)} {
		for _, w := range list {
			if w = query.Key(w); !have[w] {
				have[w] = true
				added = append(added, w)
			}
		}
	}
	next.Phrases = append(next.Phrases, added...)
	dict := query.NewPhrases(next.Phrases)
	rephrase := map[string]bool{}
	if newDict := query.NewPhrases(added); len(newDict.List()) > 0 && len(old.Docs) > 0 {
		for i := range docs {
			if _, ok := old.Docs[docs[i].ID]; ok && contains(&docs[i], newDict) {
				rephrase[docs[i].ID] = true
			}
		}
	}
	seen, res, err := ix.write(ctx, &next, dict, docs, rephrase, res)
	if err != nil {
		return res, err
	}
	var gone []string
	for id := range old.Docs {
		if !seen[id] {
			gone = append(gone, id)
		}
	}
	res, err = ix.remove(ctx, &next, dict, gone, res)
	res.Took = time.Since(start)
	return res, err
}

// Apply indexes the documents of upsert (new, or changed since indexed) and
// deletes the documents whose ids are in remove, leaving every other
// document alone: how the server follows a change without building the
// whole document set. Unlike Update it does not grow the phrase dictionary
// from the documents' frequent keywords; the next Update does.
func (ix *Index) Apply(ctx context.Context, upsert []schema.Doc, remove []string) (UpdateResult, error) {
	start := time.Now()
	var res UpdateResult
	ix.mu.RLock()
	old, dict := ix.meta, ix.dict
	ix.mu.RUnlock()
	next := copyMeta(old)
	seen, res, err := ix.write(ctx, &next, dict, upsert, nil, res)
	if err != nil {
		return res, err
	}
	var gone []string
	for _, id := range remove {
		if _, ok := next.Docs[id]; ok && !seen[id] {
			gone = append(gone, id)
		}
	}
	res, err = ix.remove(ctx, &next, dict, gone, res)
	res.Took = time.Since(start)
	return res, err
}

// write indexes the documents of docs whose content hash differs from
// the one next holds (or that rephrase names), keeping next's bookkeeping,
// in batches.
func (ix *Index) write(ctx context.Context, next *meta, dict *query.Phrases, docs []schema.Doc, rephrase map[string]bool, res UpdateResult) (map[string]bool, UpdateResult, error) {
	seen := make(map[string]bool, len(docs))
	batch := ix.b.NewBatch()
	for i := range docs {
		d := &docs[i]
		if seen[d.ID] {
			return seen, res, fmt.Errorf("search: two documents have the id %q", d.ID)
		}
		seen[d.ID] = true
		h := d.Hash()
		prev, ok := next.Docs[d.ID]
		if ok && prev.Hash == h && !rephrase[d.ID] {
			res.Unchanged++
			continue
		}
		if ok {
			res.Changed++
			sub(&next.Totals, prev.Lens)
		} else {
			res.Added++
		}
		if err := batch.Index(d.ID, ix.fields(d, dict)); err != nil {
			return seen, res, fmt.Errorf("indexing %s: %w", d.ID, err)
		}
		m := docMeta{Hash: h, Lens: Lengths(d)}
		add(&next.Totals, m.Lens)
		next.Docs[d.ID] = m
		if batch.Size() >= batchSize {
			if err := ix.flush(ctx, batch, next, dict); err != nil {
				return seen, res, err
			}
		}
	}
	return seen, res, ix.flush(ctx, batch, next, dict)
}

// remove deletes the documents of ids, which next holds, and flushes.
func (ix *Index) remove(ctx context.Context, next *meta, dict *query.Phrases, ids []string, res UpdateResult) (UpdateResult, error) {
	batch := ix.b.NewBatch()
	for _, id := range ids {
		batch.Delete(id)
		sub(&next.Totals, next.Docs[id].Lens)
		delete(next.Docs, id)
		res.Deleted++
	}
	return res, ix.flush(ctx, batch, next, dict)
}

// flush applies a batch together with the bookkeeping, so that an update
// and its meta are one bleve batch, then makes them the index's.
func (ix *Index) flush(ctx context.Context, batch *bleve.Batch, next *meta, dict *query.Phrases) error {
	if batch.Size() == 0 {
		return nil
	}
	raw, err := json.Marshal(next)
	if err != nil {
		return err
	}
	batch.SetInternal(metaKey, raw)
	if err := ix.b.Batch(batch); err != nil {
		return err
	}
	batch.Reset()
	ix.mu.Lock()
	ix.meta, ix.dict = copyMeta(*next), dict
	ix.mu.Unlock()
	return ctx.Err()
}

// contains reports whether a text field of d holds a phrase of dict.
func contains(d *schema.Doc, dict *query.Phrases) bool {
	found := false
	for _, tf := range schema.TextFields {
		v := d.Text(tf.Name)
		dict.Each(v, analysis.Tokenize(v), func(key string, _ func() []string) {
			found = found || dict.Has(key)
		})
		if found {
			return true
		}
	}
	return false
}

func copyMeta(m meta) meta {
	c := meta{Version: m.Version, Totals: m.Totals, Docs: make(map[string]docMeta, len(m.Docs)), Phrases: m.Phrases}
	for k, v := range m.Docs {
		c.Docs[k] = v
	}
	return c
}

func add(t *[numLens]int, l [numLens]int) {
	for i := range t {
		t[i] += l[i]
	}
}

func sub(t *[numLens]int, l [numLens]int) {
	for i := range t {
		t[i] -= l[i]
	}
}

// bm25Stats gives bleve the true total field lengths: bleve's own estimate
// of the average field length is the size of the field's term dictionary
// divided by the number of documents, which for Chinese bigrams is far
// from the number of tokens.
func (ix *Index) bm25Stats() *bsearch.BM25Stats {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s := &bsearch.BM25Stats{DocCount: float64(len(ix.meta.Docs)), FieldCardinality: map[string]int{}}
	for i, tf := range schema.TextFields {
		s.FieldCardinality[tf.Name] = ix.meta.Totals[i]
		s.FieldCardinality[phraseField(tf.Name)] = len(ix.meta.Docs) // filters only
	}
	s.FieldCardinality[schema.FieldChars] = ix.meta.Totals[numLens-1]
	// Keyword fields have one token per document that has them.
	for _, f := range append([]string{schema.FieldNonWord}, facetNames()...) {
		s.FieldCardinality[f] = len(ix.meta.Docs)
	}
	return s
}

func facetNames() []string {
	var names []string
	for _, f := range schema.Facets {
		names = append(names, f.Name)
	}
	return names
}
