package live

import (
	"context"
	"errors"
	"log"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"huajie/generator/build"
	"huajie/generator/content"
	"huajie/search"
	"huajie/search/index"
	"huajie/search/schema"
)

// searchIndex is the bleve index behind the search API. Its own goroutine
// (run) follows the builds: it opens and syncs the index with the first
// build, then applies the documents of the files each build changed.
// Builds that come while it works are merged into one update.
type searchIndex struct {
	path    string
	log     *log.Logger
	indexed func(gen int)
	ix      atomic.Pointer[index.Index]
	phrases []string // the vocabulary phrases the index was opened with

	mu      sync.Mutex
	pending *indexTask
	wake    chan struct{}
}

// indexTask is the change from before (nil: the index is empty or may be
// stale) to after, through the source files in sources.
type indexTask struct {
	before, after *build.Snapshot
	sources       map[string]bool
}

func newSearchIndex(path string, lg *log.Logger, indexed func(int)) *searchIndex {
	return &searchIndex{path: path, log: lg, indexed: indexed, wake: make(chan struct{}, 1)}
}

// update queues a good build for the index.
func (si *searchIndex) update(up *build.Update) {
	si.mu.Lock()
	if si.pending == nil {
		si.pending = &indexTask{before: up.Previous, sources: map[string]bool{}}
	}
	si.pending.after = up.Snapshot
	for _, p := range up.Sources {
		si.pending.sources[p] = true
	}
	si.mu.Unlock()
	select {
	case si.wake <- struct{}{}:
	default:
	}
}

func (si *searchIndex) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-si.wake:
		}
		si.mu.Lock()
		t := si.pending
		si.pending = nil
		si.mu.Unlock()
		if t == nil {
			continue
		}
		if err := si.apply(ctx, t); err != nil {
			if ctx.Err() != nil {
				return
			}
			si.log.Printf("search index: %v", err)
			continue
		}
		si.indexed(t.after.Gen)
	}
}

// apply brings the index from t.before to t.after.
func (si *searchIndex) apply(ctx context.Context, t *indexTask) error {
	start := time.Now()
	c := t.after.Content
	phrases := search.VocabPhrases(c)
	ix := si.ix.Load()
	if ix == nil || t.before == nil || !slices.Equal(phrases, si.phrases) {
		// The whole document set: the first build, or new vocabulary
		// phrases, which the index is opened with.
		docs, err := search.Docs(ctx, c, search.DocsOptions{})
		if err != nil {
			return err
		}
		if ix != nil && slices.Equal(phrases, si.phrases) {
			_, err := ix.Update(ctx, docs)
			return err
		}
		next, res, err := index.Sync(ctx, index.Options{Path: si.path, Phrases: phrases}, docs)
		if errors.Is(err, index.ErrLocked) {
			// Another huajie serve (or search) of this site holds it.
			si.log.Printf("%v: this server keeps its own search index in memory", err)
			si.path = ""
			next, res, err = index.Sync(ctx, index.Options{Phrases: phrases}, docs)
		}
		if err != nil {
			return err
		}
		si.phrases = phrases
		if old := si.ix.Swap(next); old != nil {
			old.Close()
		}
		si.log.Printf("search index: %d documents (%d new, %d changed, %d removed) in %s",
			next.Count(), res.Added, res.Changed, res.Deleted, time.Since(start).Round(time.Millisecond))
		return nil
	}
	upsert, err := docsOf(ctx, c, t.sources)
	if err != nil {
		return err
	}
	before, err := docsOf(ctx, t.before.Content, t.sources)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, d := range upsert {
		keep[d.ID] = true
	}
	var remove []string
	for _, d := range before {
		if !keep[d.ID] {
			remove = append(remove, d.ID)
		}
	}
	_, err = ix.Apply(ctx, upsert, remove)
	return err
}

// docsOf are the search documents of the items of c read from the files
// in paths: search.Docs over a content holding only those items.
func docsOf(ctx context.Context, c *content.Content, paths map[string]bool) ([]schema.Doc, error) {
	sub := &content.Content{Root: c.Root, Site: c.Site, Vocab: c.Vocab}
	for _, x := range c.Cases {
		if paths[x.Path] {
			sub.Cases = append(sub.Cases, x)
		}
	}
	for _, x := range c.Analyses {
		if paths[x.Path] {
			sub.Analyses = append(sub.Analyses, x)
		}
	}
	for _, x := range c.Rules {
		if paths[x.Path] {
			sub.Rules = append(sub.Rules, x)
		}
	}
	for _, x := range c.Pages {
		if paths[x.Path] {
			sub.Pages = append(sub.Pages, x)
		}
	}
	for _, x := range c.Flows {
		if paths[x.Path] {
			sub.Flows = append(sub.Flows, x)
		}
	}
	for _, x := range c.Documents {
		if paths[x.Path] {
			sub.Documents = append(sub.Documents, x)
		}
	}
	if len(sub.Cases)+len(sub.Analyses)+len(sub.Rules)+len(sub.Pages)+len(sub.Flows)+len(sub.Documents) == 0 {
		return nil, nil
	}
	return search.Docs(ctx, sub, search.DocsOptions{})
}

// close closes the index; run must have returned.
func (si *searchIndex) close() {
	if ix := si.ix.Swap(nil); ix != nil {
		ix.Close()
	}
}

// Search answers from the index, or fails while it is not open yet.
func (si *searchIndex) Search(ctx context.Context, req schema.Request) (*schema.Response, error) {
	ix := si.ix.Load()
	if ix == nil {
		return nil, errNotReady
	}
	return ix.Search(ctx, req)
}

var errNotReady = &notReady{}

type notReady struct{}

func (*notReady) Error() string { return "the search index is not ready" }

// handler is the search API: search.Handler on the index, and a 503 while
// the index is being built.
func (si *searchIndex) handler() http.Handler {
	h := search.Handler(si, search.HandlerOptions{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if si.ix.Load() == nil {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Retry-After", "5")
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`{"error":"检索索引正在建立，请稍后再试"}` + "\n"))
			return
		}
		h.ServeHTTP(w, r)
	})
}
