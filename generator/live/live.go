// Package live is huajie serve: it builds the site with a build.Session
// and serves it from memory (serve.Live) with the search API on a bleve
// index; it watches the site's folders and, on every batch of changes,
// builds again — rereading, checking and re-rendering only what the change
// touches — swaps the new site in and tells the open pages to reload, or
// shows the build's problems over them while the last good site stays
// served. After a good build it updates the bleve index with the changed
// documents and, once the files have been quiet for a moment, rewrites the
// static search index in the background.
package live

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"huajie/generator/build"
	"huajie/generator/diag"
	"huajie/generator/serve"
	"huajie/generator/watch"
)

// Options configure a Server. The zero value serves the site in the
// current folder on 127.0.0.1:1313 with an in-memory search index.
type Options struct {
	// Build says what to build; BaseURL is set to the server's address.
	Build build.Options
	// Addr is the address to listen on ("127.0.0.1:0" picks a free port).
	Addr string
	// IndexPath is the bleve index folder; "" keeps the index in memory.
	IndexPath string
	// Log receives progress and every problem; nil discards it.
	Log io.Writer
	// Watch configures the debouncing of file events.
	Watch watch.Options
	// StaticDelay is how long the files must be quiet after a good build
	// before the static search index is rewritten [2s]: at 10,000 cases
	// that takes seconds of CPU, better not spent between quick saves.
	StaticDelay time.Duration
	// MaxProblems bounds the problems the overlay shows [50].
	MaxProblems int
}

// Server is a running huajie serve.
type Server struct {
	opts  Options
	ln    net.Listener
	url   string
	src   string // absolute site folder
	live  *serve.Live
	sess  *build.Session
	index *searchIndex
	log   *log.Logger

	mu     sync.Mutex
	status Status
	search map[string][]byte // the static search index of status.SearchGen
	libs   []string          // library folders being watched
}

// Status is what the server has done so far.
type Status struct {
	// Gen is the number of the last good build (0 before the first).
	Gen int
	// Failing reports that the last build failed.
	Failing bool
	// Builds counts builds, good or not.
	Builds int
	// SearchGen is the build whose static search index is served, and
	// IndexGen the build the bleve index is up to date with.
	SearchGen, IndexGen int
	// Last is the last build's report (nil before the first good one).
	Last *build.Update
	// Stale reports that the similar-case lists served are those of an
	// earlier build: they are computed again once the saves pause.
	Stale bool
}

// New listens on opts.Addr and prepares the server; Run serves.
func New(opts Options) (*Server, error) {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:1313"
	}
	if opts.StaticDelay <= 0 {
		opts.StaticDelay = 2 * time.Second
	}
	if opts.MaxProblems <= 0 {
		opts.MaxProblems = 50
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	src := opts.Build.Source
	if src == "" {
		src = "."
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("site folder %s: not a folder", src)
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, ln: ln, url: serve.LocalURL(ln.Addr()), src: abs,
		live: serve.NewLive(serve.LiveOptions{}), log: log.New(opts.Log, "", 0)}
	bo := opts.Build
	bo.Source, bo.BaseURL = abs, s.url
	if s.sess, err = build.NewSession(bo); err == nil {
		s.sess.DeferSimilar = true
	}
	if err != nil {
		ln.Close()
		return nil, err
	}
	s.index = newSearchIndex(opts.IndexPath, s.log, s.indexed)
	return s, nil
}

// URL is the address the site is served at, e.g. http://127.0.0.1:1313/.
func (s *Server) URL() string { return s.url }

// Status reports what the server has done so far.
func (s *Server) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.status
}

// Handler is everything the server answers: the search API and the site,
// behind the security headers and request limits.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/search", s.index.handler())
	mux.Handle("/", s.live)
	return serve.Secure(mux, serve.Limits{}, s.log)
}

// Run builds the site, serves it and rebuilds on every change until ctx
// is cancelled; then it shuts down gracefully and returns.
func (s *Server) Run(ctx context.Context) error {
	srv := serve.NewServer(s.Handler(), log.New(io.Discard, "", 0))
	srv.RegisterOnShutdown(s.live.Close)
	httpDone := make(chan error, 1)
	go func() { httpDone <- serve.Serve(ctx, s.ln, srv) }()

	w, err := watch.New(s.opts.Watch)
	if err != nil {
		return err
	}
	defer w.Close()
	for _, d := range []string{"content", "cases", "rules", "themes", "layouts"} {
		if err := w.AddTree(filepath.Join(s.src, d)); err != nil {
			s.log.Printf("watching %s: %v", d, err)
		}
	}
	if err := w.AddFile(filepath.Join(s.src, "site.yaml")); err != nil {
		s.log.Printf("watching site.yaml: %v", err)
	}
	indexDone := make(chan struct{})
	go func() { s.index.run(ctx); close(indexDone) }()

	s.rebuild(ctx, nil)
	s.watchLibraries(w)

	var (
		batches = w.Batches()
		settle  = time.NewTimer(time.Hour)
		static  = time.NewTimer(s.opts.StaticDelay)
		stopSt  context.CancelFunc
		results = make(chan staticResult, 1)
	)
	cancelStatic := func() {
		if stopSt != nil {
			stopSt()
			stopSt = nil
		}
	}
	defer cancelStatic()
	for {
		select {
		case <-ctx.Done():
			cancelStatic()
			err := <-httpDone
			select {
			case <-indexDone:
				s.index.close()
			case <-time.After(5 * time.Second):
				s.log.Print("search index: still busy; stopping without closing it")
			}
			return err
		case b, ok := <-batches:
			if !ok {
				batches = nil // closed: serve what there is
				continue
			}
			cancelStatic()
			s.rebuild(ctx, s.relative(b.Paths))
			s.watchLibraries(w)
			if s.sess.Stale() {
				settle.Reset(settleDelay)
			}
			static.Reset(s.opts.StaticDelay)
		case <-settle.C:
			if s.sess.Stale() {
				cancelStatic()
				s.apply(ctx, func() (*build.Update, error) { return s.sess.Settle(ctx) })
				static.Reset(s.opts.StaticDelay)
			}
		case err := <-w.Errors():
			// An overflowed event queue loses changes: look at everything.
			s.log.Printf("watching: %v; rebuilding everything", err)
			cancelStatic()
			s.rebuild(ctx, nil)
			static.Reset(s.opts.StaticDelay)
		case <-static.C:
			snap := s.sess.Last()
			if snap == nil || s.Status().SearchGen == snap.Gen {
				continue
			}
			stopSt = startStatic(ctx, snap, results)
		case r := <-results:
			if r.gen == s.sess.Last().Gen {
				cancelStatic() // done: release its context
			}
			s.staticDone(r)
		}
	}
}

// startStatic writes the static search index of snap in the background
// and sends the result; the returned function cancels it.
func startStatic(ctx context.Context, snap *build.Snapshot, results chan<- staticResult) context.CancelFunc {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		t := time.Now()
		files, err := build.StaticSearch(ctx, snap)
		select {
		case results <- staticResult{snap.Gen, files, err, time.Since(t)}:
		case <-ctx.Done(): // cancelled: a newer build is coming
		}
	}()
	return cancel
}

type staticResult struct {
	gen   int
	files map[string][]byte
	err   error
	took  time.Duration
}

// staticDone serves a static search index written for the current build.
func (s *Server) staticDone(r staticResult) {
	if r.err != nil {
		if !errors.Is(r.err, context.Canceled) {
			s.log.Printf("static search index: %v", r.err)
		}
		return
	}
	cur := s.live.Current()
	if cur == nil || cur.Gen != r.gen {
		return // a newer build is served; its index comes next
	}
	s.live.Swap(&serve.Site{Files: cur.Files, Extra: r.files, Gen: cur.Gen})
	s.mu.Lock()
	s.search, s.status.SearchGen = r.files, r.gen
	s.mu.Unlock()
	s.log.Printf("static search index: %d files in %s", len(r.files), r.took.Round(time.Millisecond))
}

// relative turns the watcher's absolute paths into site-relative slash
// paths (a library outside the site keeps its ../ path).
func (s *Server) relative(paths []string) []string {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		rel, err := filepath.Rel(s.src, p)
		if err != nil {
			rel = p
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out
}

// watchLibraries keeps the watched library folders those site.yaml mounts.
func (s *Server) watchLibraries(w *watch.Watcher) {
	snap := s.sess.Last()
	if snap == nil {
		return
	}
	var want []string
	l := snap.Content.Site.Libraries
	for _, d := range append(slices.Clone(l.Laws), l.Precedents...) {
		if !filepath.IsAbs(d) {
			d = filepath.Join(s.src, d)
		}
		want = append(want, filepath.Clean(d))
	}
	slices.Sort(want)
	want = slices.Compact(want)
	for _, d := range s.libs {
		if !slices.Contains(want, d) {
			w.Remove(d)
		}
	}
	for _, d := range want {
		if !slices.Contains(s.libs, d) {
			if err := w.AddTree(d); err != nil {
				s.log.Printf("watching library %s: %v", d, err)
			}
		}
	}
	s.libs = want
}

// rebuild builds after a change (nil: everything) and serves the result,
// or shows its problems.
func (s *Server) rebuild(ctx context.Context, paths []string) {
	s.apply(ctx, func() (*build.Update, error) { return s.sess.Build(ctx, paths) })
}

// settleDelay is how long the saves must pause before the similar-case
// lists are computed again.
const settleDelay = 300 * time.Millisecond

// apply runs one build and serves its result, or its problems.
func (s *Server) apply(ctx context.Context, run func() (*build.Update, error)) {
	t := time.Now()
	up, err := run()
	took := time.Since(t)
	if err == nil && up == nil {
		return // nothing to do
	}
	s.mu.Lock()
	s.status.Builds++
	s.mu.Unlock()
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		var items []diag.Diagnostic
		var de *diag.Error
		if errors.As(err, &de) {
			items = de.Items
		} else {
			items = []diag.Diagnostic{{Msg: err.Error()}}
		}
		s.live.Fail(serve.Problems(s.src, items, s.opts.MaxProblems), len(items))
		s.mu.Lock()
		s.status.Failing = true
		s.mu.Unlock()
		for _, d := range items {
			s.log.Print(d.Error())
		}
		s.log.Printf("build failed: %d problem(s); still serving the last good site", len(items))
		return
	}
	snap := up.Snapshot
	s.mu.Lock()
	extra := s.search
	s.status.Gen, s.status.Failing, s.status.Last = snap.Gen, false, up
	s.status.Stale = s.sess.Stale()
	s.mu.Unlock()
	s.live.Swap(&serve.Site{Files: snap.Files, Extra: extra, Gen: snap.Gen})
	paths, all := pages(up)
	if len(paths) > 0 || all || up.Previous == nil || s.live.Failing() {
		s.live.Reload(paths, all)
	}
	s.index.update(up)
	if up.Previous == nil {
		s.log.Printf("built %d files in %s", len(snap.Files), took.Round(time.Millisecond))
		return
	}
	s.log.Printf("rebuilt in %s: %d source file(s) changed, %d of %d render jobs ran, %d file(s) written, %d removed",
		took.Round(time.Millisecond), len(up.Sources), up.Ran, up.Jobs, len(up.Written), len(up.Removed))
}

// indexed records that the bleve index caught up with a build.
func (s *Server) indexed(gen int) {
	s.mu.Lock()
	s.status.IndexGen = max(s.status.IndexGen, gen)
	s.mu.Unlock()
}

// maxPaths is the most page paths a reload event names; beyond, every page
// reloads.
const maxPaths = 1000

// pages are the URL paths of the pages a build changed, for the reload
// event; all is set when every page must reload (the first build, or a
// stylesheet or script changed).
func pages(up *build.Update) (paths []string, all bool) {
	if up.Previous == nil {
		return nil, true
	}
	for _, rel := range slices.Concat(up.Written, up.Removed) {
		switch {
		case rel == "index.html" || strings.HasSuffix(rel, "/index.html"):
			paths = append(paths, "/"+strings.TrimSuffix(rel, "index.html"))
		case strings.HasPrefix(rel, "static/"):
			return nil, true
		}
	}
	if len(paths) > maxPaths {
		return nil, true
	}
	return paths, false
}
