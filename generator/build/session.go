package build

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/graph"
	"huajie/generator/output"
	"huajie/generator/privacy"
	"huajie/generator/render"
	"huajie/generator/similar"
	"huajie/search"
)

// Session builds a site again and again as its files change (huajie
// serve). Each build goes through the same stages as Build — load,
// validate, privacy guard, render — but rereads only the files that
// changed, rechecks only the cases that changed and re-renders only the
// pages that depend on what changed (render.Job); its output is the files
// Build writes, byte for byte, held in memory as a Snapshot. A build that
// fails leaves the last good snapshot as it was, and the next build
// starts from it again with every change since.
//
// The static search index (search/ in the output) depends on every
// document (document numbers, BM25 weights), so it is not part of a build:
// StaticSearch writes it from a snapshot's content, which huajie serve
// does in the background once a build is served.
//
// A Session is not safe for concurrent use.
type Session struct {
	opts   Options
	src    string
	store  *content.Store
	val    content.Validator
	guard  *privacy.Guard
	guards map[any]*guardResult
	inc    *render.Incremental
	good   *Snapshot
	// The citation graph is rebuilt each time from the scans of the texts
	// that did not change; the similar items are computed again when an
	// input of theirs changed.
	graphs     graph.Cache
	similar    map[string][]similar.Neighbor
	similarSum uint64
	stale      bool // the similar lists are those of an earlier build
	settling   bool

	// DeferSimilar lets a build after a change keep the similar lists of
	// the build before, so that the change is served at once; Settle then
	// computes them again (over the whole collection: about a second at
	// 10,000 cases) and re-renders the pages whose lists changed. Stale
	// tells whether a Settle is due. huajie serve sets it.
	DeferSimilar bool

	// What changed since the last good build.
	pending             map[string]bool
	reload, all, themes bool
}

// Snapshot is a built site: every output file by its slash path. It is
// never changed once returned; a later build returns a new one, sharing
// the bytes of the files that did not change.
type Snapshot struct {
	Files   map[string][]byte
	Content *content.Content
	Index   *content.Index
	// Allowed lists the privacy_allow entries in use.
	Allowed []Allowed
	// Gen counts the good builds of the session: 1 for the first.
	Gen int
}

// Update reports one build of a session.
type Update struct {
	// Snapshot is the new site; nil when the build failed.
	Snapshot *Snapshot
	// Previous is the snapshot the build started from (nil for the first).
	Previous *Snapshot
	// Written and Removed are the output files the build wrote (new or
	// with other bytes) and removed.
	Written, Removed []string
	// Sources are the site-relative source files that changed since the
	// previous snapshot.
	Sources []string
	// Ran of Jobs render jobs ran.
	Ran, Jobs int
	Steps     []Step
}

// NewSession prepares a session; its first Build builds everything.
func NewSession(opts Options) (*Session, error) {
	if opts.Visibility != "" && opts.Visibility != "public" && opts.Visibility != "internal" {
		return nil, fmt.Errorf("visibility %q: use public or internal", opts.Visibility)
	}
	if opts.BaseURL != "" {
		if u, err := url.Parse(opts.BaseURL); err != nil || u.Scheme == "" || u.Host == "" {
			return nil, fmt.Errorf("baseURL %q must be an absolute URL such as http://127.0.0.1:1313/sub/", opts.BaseURL)
		}
	}
	src, _ := opts.paths()
	return &Session{opts: opts, src: src, reload: true, pending: map[string]bool{},
		inc: render.NewIncremental(render.Options{BaseURL: opts.BaseURL, Version: opts.Version})}, nil
}

// Stale reports that the last good build kept the similar lists of an
// earlier one (DeferSimilar) and a Settle is due.
func (s *Session) Stale() bool { return s.stale && s.good != nil }

// Settle computes the similar lists again and builds the pages whose lists
// changed; the result then equals a clean build. It does nothing when the
// lists are current.
func (s *Session) Settle(ctx context.Context) (*Update, error) {
	if !s.Stale() {
		return nil, nil
	}
	s.settling = true
	defer func() { s.settling = false }()
	return s.Build(ctx, []string{})
}

// Source is the site folder.
func (s *Session) Source() string { return s.src }

// Last is the last good snapshot, or nil before the first good build.
func (s *Session) Last() *Snapshot { return s.good }

// Build builds the site after the files at changed (site-relative slash
// paths, files or folders) changed; nil means anything may have changed.
// site.yaml, the names list and any path outside content/, cases/, rules/,
// themes/ and layouts/ (a mounted library) read the whole site again;
// themes/ and layouts/ load the templates again. On problems it returns a
// *diag.Error with every diagnostic, and the Update without a snapshot.
func (s *Session) Build(ctx context.Context, changed []string) (*Update, error) {
	if changed == nil {
		s.reload = true
	}
	var paths []string
	for _, p := range changed {
		switch {
		case p == "site.yaml" || p == "content/privacy/names.txt":
			s.reload = true
		case p == "content/vocab.yaml":
			s.all = true
			paths = append(paths, p)
		case under(p, "themes") || under(p, "layouts"):
			s.themes = true
		case under(p, "content") || under(p, "cases") || under(p, "rules"):
			paths = append(paths, p)
		default:
			s.reload = true
		}
	}
	up := &Update{Previous: s.good}
	step := func(name string, t time.Time) { up.Steps = append(up.Steps, Step{name, time.Since(t)}) }
	var diags diag.List

	t := time.Now()
	var c *content.Content
	var sources []string
	if s.reload {
		// Everything is read and checked again: the guard needs every
		// file's text, which is dropped once it has been scanned.
		s.store, s.val, s.guards = content.NewStore(s.src), content.Validator{}, nil
		c, sources = s.store.Update(ctx, nil)
		s.guard = privacy.New(c.Names)
		// site.yaml may name another theme: load the templates too.
		s.reload, s.all, s.themes = false, true, true
	} else {
		c, sources = s.store.Update(ctx, paths)
	}
	for _, p := range sources {
		s.pending[p] = true
	}
	if s.opts.Visibility != "" {
		c.Site.Visibility = s.opts.Visibility
	}
	diags.Append(s.store.Diagnostics())
	step("load", t)

	t = time.Now()
	idx := s.val.Validate(ctx, c, &diags)
	step("validate", t)
	t = time.Now()
	allowed := guardCached(ctx, c, s.guard, &diags, &s.guards)
	step("privacy", t)
	if err := ctx.Err(); err != nil {
		// Some files may not have been scanned, and texts are dropped
		// below: read everything again next time.
		s.reload = true
		return up, err
	}
	dropBulkRaw(c)
	t = time.Now()
	g := graph.FromContentCached(ctx, c, &diags, &s.graphs)
	step("citations", t)
	if err := diags.Err(); err != nil {
		return up, err
	}
	// Similarity is a property of the whole collection (idf, every item's
	// candidates): any change of a text may change other items' lists, so
	// it is computed again unless no input of it changed.
	t = time.Now()
	if s.similar != nil && s.DeferSimilar && !s.settling {
		// Keep the lists of the last build for now; Settle computes them
		// again once the saves pause (and finds out whether they changed).
		s.stale = s.stale || len(s.pending) > 0 || s.all
	} else {
		items := similarItems(c)
		if sum := similarSig(items); s.similar == nil || sum != s.similarSum {
			s.similar, s.similarSum = similar.Compute(ctx, items, 5), sum
		}
		s.stale = false
	}
	step("similar", t)
	s.inc.SetGraph(g, s.similar)

	t = time.Now()
	up.Sources = slices.Sorted(maps.Keys(s.pending))
	pass := s.inc.Render(ctx, c, idx, render.Change{Paths: up.Sources, All: s.all, Theme: s.themes}, &diags)
	step("render", t)
	if err := ctx.Err(); err != nil {
		return up, err
	}
	if err := diags.Err(); err != nil {
		return up, err
	}
	if pass == nil {
		return up, fmt.Errorf("render failed without a diagnostic")
	}
	up.Ran, up.Jobs = pass.Ran, pass.Jobs

	t = time.Now()
	snap := &Snapshot{Content: c, Index: idx, Allowed: allowed, Gen: 1}
	if s.good != nil {
		snap.Files = maps.Clone(s.good.Files)
		snap.Gen = s.good.Gen + 1
	} else {
		snap.Files = make(map[string][]byte, len(pass.Files))
	}
	for rel, data := range pass.Files {
		if old, ok := snap.Files[rel]; !ok || !bytesEqual(old, data) {
			up.Written = append(up.Written, rel)
		}
		snap.Files[rel] = data
	}
	for _, rel := range pass.Removed {
		delete(snap.Files, rel)
	}
	up.Removed = pass.Removed
	slices.Sort(up.Written)
	if s.good != nil && len(up.Sources) == 0 && len(up.Written) == 0 && len(up.Removed) == 0 {
		// Nothing changed (a Settle that found the same lists): the last
		// snapshot stands, under its own generation.
		pass.Commit()
		snap = s.good
		up.Snapshot = snap
		s.all, s.themes = false, false
		step("swap", t)
		return up, nil
	}
	pass.Commit()
	s.good, up.Snapshot = snap, snap
	clear(s.pending)
	s.all, s.themes = false, false
	step("swap", t)
	return up, nil
}

// StaticSearch writes the static search index of a snapshot's content: the
// files under search/ that Build writes. It may run while the session
// builds again (it only reads the snapshot).
func StaticSearch(ctx context.Context, snap *Snapshot) (map[string][]byte, error) {
	var w output.Memory
	if _, err := search.WriteStatic(ctx, snap.Content, &w); err != nil {
		return nil, err
	}
	return w.Files, nil
}

// WithSearch returns a copy of snap with the files of a static search
// index (StaticSearch) added: the whole output of Build.
func (snap *Snapshot) WithSearch(files map[string][]byte) *Snapshot {
	out := *snap
	out.Files = make(map[string][]byte, len(snap.Files)+len(files))
	maps.Copy(out.Files, snap.Files)
	maps.Copy(out.Files, files)
	return &out
}

// dropBulkRaw releases the text of cases and analyses once the guard has
// scanned it (tens of megabytes at 10,000 cases). Other items keep theirs:
// validation reads templates' lines, and they are few. Only set texts are
// cleared, so that items shared with an earlier snapshot are not written.
func dropBulkRaw(c *content.Content) {
	for _, cs := range c.Cases {
		if cs.Raw != "" {
			cs.Raw = ""
		}
	}
	for _, a := range c.Analyses {
		if a.Raw != "" {
			a.Raw = ""
		}
	}
}

func under(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

func bytesEqual(a, b []byte) bool { return string(a) == string(b) }
