package render

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/graph"
	"huajie/generator/output"
	"huajie/generator/pool"
	"huajie/generator/similar"
)

// Job is one unit of rendering: it writes one page (a list page, a case
// page) or a few files, and says what it depends on, so that after a change
// huajie serve re-runs only the jobs the change concerns (Incremental),
// while huajie build runs them all. Jobs run concurrently, each on its own
// copy of the Renderer.
//
// How to declare a job, for a new kind of page:
//
//   - Key is unique across the site: the URL or file the job writes
//     ("rules/", "kinds/mediation/page/2/", "feed.xml") or kind:path for an
//     item's page ("case:cases/mediation/ZK-2023-HJ-0001.md").
//   - Deps lists the keys of everything the job reads besides what every
//     page shares (templates, static files, site.yaml, the site view with
//     its menus, header and footer: a change there re-runs every job):
//     the item's source path; IDKey(id) for each case or analysis it looks
//     up by id (links, titles, series members, backlinks); RuleKey(name),
//     DocKey(name) and FlowKey(slug) for rules, document templates and
//     flowcharts it looks up by name; CardKey(id) for each case card it
//     shows. Declare a lookup by the name used, even when nothing has that
//     name now (so that the item appearing re-runs the job), and declare
//     every candidate when the job searches a set.
//   - Sig is a hash of computed inputs that the keys do not cover: the
//     order of the cards on a list page, the number of pages, a count shown
//     on the page (see sig).
//   - A job with nil Deps runs on every change: always correct, only
//     slower. Keep that for pages there are few of (the home page, section
//     indexes, statistics, rules with their backlinks); declare Deps for
//     the kinds there are thousands of (cases, list and term pages).
//     NoDeps declares a job that depends on nothing but what every page
//     shares (the 404 page).
//
// A job re-runs when it is new, when its Sig changed, or when a key of its
// Deps, as declared now or at its last run, is among the changed keys.
// The changed keys of a change are the paths of the files that changed,
// the id and name keys of the items those files held before and after,
// and the CardKey of every case whose card changed.
type Job struct {
	Key  string
	Deps []string
	Sig  uint64
	Run  func(r *Renderer)
}

// NoDeps declares a job that depends only on what every page shares.
var NoDeps = []string{}

// IDKey is the dependency key of the case or analysis with this id: the
// id itself, which no path or other key can be mistaken for (and which
// costs no allocation for the tens of thousands of keys of a large site).
func IDKey(id string) string { return id }

// CardKey is the dependency key of the list card of the case with this id.
func CardKey(id string) string { return "card:" + id }

// RuleKey is the dependency key of the rule known by this name (slug,
// title or short title).
func RuleKey(name string) string { return "rule:" + name }

// DocKey is the dependency key of the document template known by this name
// (slug, short title or title).
func DocKey(name string) string { return "doc:" + name }

// FlowKey is the dependency key of the flowchart with this slug.
func FlowKey(slug string) string { return "flow:" + slug }

// caseDeps are the keys a case page reads: the case, the cases it links
// and that link to it, its series, its templates and the rules it cites.
// The keys that come from the case alone are remembered per case.
func (r *Renderer) caseDeps(c *content.Case) []string {
	own, ok := r.deps[c]
	if !ok {
		own = []string{c.Path, IDKey(c.ID)}
		for _, id := range c.Related {
			own = append(own, IDKey(id))
		}
		if c.Pair != "" {
			own = append(own, IDKey(c.Pair))
		}
		for _, d := range c.Documents {
			own = append(own, DocKey(d))
		}
		own = append(own, ruleDeps(c.LegalBasis)...)
		if r.deps == nil {
			r.deps = map[*content.Case][]string{}
		}
		r.deps[c] = own
	}
	cited, series := r.idx.CitedBy[c.ID], []*content.Case(nil)
	if c.Series != nil {
		series = r.idx.Series[c.Series.ID]
	}
	if len(cited) == 0 && c.Series == nil {
		return own
	}
	deps := make([]string, len(own), len(own)+len(cited)+len(series)+1)
	copy(deps, own)
	for _, id := range cited {
		deps = append(deps, IDKey(id))
	}
	if c.Series != nil {
		deps = append(deps, IDKey(c.Series.ID))
		for _, m := range series {
			deps = append(deps, IDKey(m.ID))
		}
	}
	return deps
}

// analysisDeps are the keys an analysis page reads.
func (r *Renderer) analysisDeps(a *content.Analysis) []string {
	deps := []string{a.Path, IDKey(a.ID)}
	for _, p := range a.Precedents {
		deps = append(deps, IDKey(p.Case))
	}
	for _, id := range a.UsedIn {
		deps = append(deps, IDKey(id))
	}
	return append(deps, ruleDeps(a.LegalBasis)...)
}

// ruleDeps are the rule keys of legal_basis entries: the 《name》 they
// start with.
func ruleDeps(citations []string) []string {
	var deps []string
	for _, s := range citations {
		rest, ok := strings.CutPrefix(s, "《")
		if !ok {
			continue
		}
		if name, _, ok := strings.Cut(rest, "》"); ok && name != "" && !strings.Contains(name, "《") {
			deps = append(deps, RuleKey(name))
		}
	}
	return deps
}

// sig hashes the computed inputs of a job. Signatures are compared within
// one process only, so the hash is maphash's with a seed of the process.
type sig struct{ h maphash.Hash }

var sigSeed = maphash.MakeSeed()

func newSig() *sig {
	s := &sig{}
	s.h.SetSeed(sigSeed)
	return s
}

func (s *sig) str(v string) *sig {
	s.h.WriteString(v)
	s.h.WriteByte(0)
	return s
}

func (s *sig) num(n int) *sig {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(n))
	s.h.Write(b[:])
	return s
}

func (s *sig) sum() uint64 { return s.h.Sum64() }

// listPlan is the list and taxonomy jobs of a pass with the order of the
// cases they were planned from. Planning them (sorting, grouping by every
// taxonomy, the cards of every page) is most of a pass's own time at
// 10,000 cases, so a pass after a change that alters nothing a list shows
// (a case's text, its parties, its legal basis …) reuses the plan of the
// pass before.
type listPlan struct {
	jobs   []Job
	byDate []*content.Case
}

// lists returns the list and taxonomy jobs: the plan r.reuse when set,
// else newly planned; r.plan is the plan used.
func (r *Renderer) lists() []Job {
	if r.reuse != nil {
		r.plan = r.reuse
		return r.plan.jobs
	}
	jobs := append(r.listJobs(), r.taxonomyJobs()...)
	r.plan = &listPlan{jobs: jobs, byDate: r.byDate}
	return jobs
}

// reusablePlan returns prev's list plan for content c when every changed
// path is a case file whose case kept its id, card, keywords, year and
// visibility, with the case order updated to c's items; else nil.
func reusablePlan(prev *state, c *content.Content, paths []string, keys map[string]bool) *listPlan {
	if prev.plan == nil {
		return nil
	}
	changed := make(map[string]bool, len(paths))
	for _, p := range paths {
		changed[p] = true
	}
	before, after := map[string]*content.Case{}, map[string]*content.Case{}
	for _, cs := range prev.c.Cases {
		if changed[cs.Path] {
			before[cs.Path] = cs
		}
	}
	for _, cs := range c.Cases {
		if changed[cs.Path] {
			after[cs.Path] = cs
		}
	}
	swap := map[*content.Case]*content.Case{}
	for _, p := range paths {
		o, n := before[p], after[p]
		if o == nil || n == nil || o.ID != n.ID || keys[CardKey(n.ID)] || o.Visibility != n.Visibility ||
			!slices.Equal(o.Keywords, n.Keywords) || o.Year() != n.Year() {
			return nil
		}
		swap[o] = n
	}
	plan := &listPlan{jobs: prev.plan.jobs, byDate: prev.plan.byDate}
	if len(swap) > 0 {
		plan.byDate = slices.Clone(plan.byDate)
		for i, cs := range plan.byDate {
			if n, ok := swap[cs]; ok {
				plan.byDate[i] = n
			}
		}
	}
	return plan
}

// facetSig hashes the facets a list page shows.
func facetSig(facets []Facet) uint64 {
	s := newSig()
	for _, f := range facets {
		s.str(f.Name)
		for _, t := range f.Terms {
			s.str(t.Label).str(t.URL).num(t.Count)
		}
	}
	return s.sum()
}

// runJobs runs jobs on copies of base, each writing to writer(i); done is
// called with each job's copy (its URLs) once the job has run. Jobs not
// started when ctx is cancelled are not run.
func runJobs(ctx context.Context, base *Renderer, jobs []Job, writer func(i int) Writer, done func(i int, jr *Renderer)) {
	fns := make([]func(), len(jobs))
	for i, j := range jobs {
		fns[i] = func() {
			jr := *base
			jr.w, jr.urls = writer(i), nil
			j.Run(&jr)
			done(i, &jr)
		}
	}
	pool.Run(ctx, fns)
}

// Change says what changed since the last committed pass of an
// Incremental render.
type Change struct {
	// Paths are the site-relative paths of the source files that changed
	// (added, edited or removed).
	Paths []string
	// All re-runs every job (site.yaml or the vocabulary changed).
	All bool
	// Theme loads the templates and static files again and re-runs every
	// job (themes/ or layouts/ changed).
	Theme bool
}

// Incremental renders a site again and again as it changes, re-running only
// the jobs a change concerns. It keeps the renderer (its templates), the
// case cards and what each job read and wrote at its last committed run.
// Its output is byte for byte what Render writes for the same content.
//
// An Incremental is not safe for concurrent use.
type Incremental struct {
	opts Options
	r    *Renderer
	last *state
	gen  int // templates loaded so far
}

// state is what a committed pass leaves for the next one.
type state struct {
	c      *content.Content
	global uint64
	cards  map[string]cardState
	jobs   map[string]*jobRecord
	plan   *listPlan
}

type cardState struct {
	c    *content.Case
	card *Card
}

// jobRecord returns the record of the job with this key, or nil.
func (st *state) jobRecord(key string) *jobRecord {
	if st == nil {
		return nil
	}
	return st.jobs[key]
}

// jobRecord is what a job declared and wrote at its last run.
type jobRecord struct {
	deps  []string
	sig   uint64
	files []string
	urls  []string
}

// NewIncremental returns an incremental renderer that has rendered nothing
// yet: its first pass renders everything.
func NewIncremental(opts Options) *Incremental {
	return &Incremental{opts: opts, r: &Renderer{}}
}

// SetGraph gives the next passes the citation graph and the similar items
// of the content they render (Options.Graph, Options.Similar).
func (inc *Incremental) SetGraph(g *graph.Graph, sim map[string][]similar.Neighbor) {
	inc.opts.Graph, inc.opts.Similar = g, sim
}

// Pass is the result of one incremental render: the files to write (new or
// with new bytes) and to remove. Commit it when it succeeded (no
// diagnostics, context not cancelled) so that the next pass starts from it;
// otherwise drop it, and the next pass starts from the last committed one.
type Pass struct {
	Files   map[string][]byte
	Removed []string
	// Ran is how many jobs ran, of Jobs.
	Ran, Jobs int
	// Full reports that every job ran.
	Full bool
	// ListsReused reports that the list pages were not planned again.
	ListsReused bool

	inc  *Incremental
	next *state
}

// Commit makes the pass the one the next pass starts from.
func (p *Pass) Commit() { p.inc.last = p.next }

// Render renders c after change ch and returns what to write. It returns
// nil, after adding diagnostics, when something every page needs is broken.
func (inc *Incremental) Render(ctx context.Context, c *content.Content, idx *content.Index, ch Change, diags *diag.List) *Pass {
	r := inc.r
	r.diags = diags
	load := ch.Theme || inc.last == nil || r.tpl == nil
	if load {
		inc.gen++
	}
	if !r.prepare(c, idx, inc.opts, load) {
		return nil
	}
	prev := inc.last
	next := &state{c: c, jobs: map[string]*jobRecord{}, cards: map[string]cardState{}}
	next.global = newSig().num(inc.gen).str(fmt.Sprintf("%#v", *r.site)).str(r.base.String()).num(r.perPage()).str(c.Site.Visibility).sum()
	full := ch.All || ch.Theme || prev == nil || prev.global != next.global
	keys := map[string]bool{}
	if !full {
		keys = changedKeys(prev.c, c, ch.Paths)
	}

	r.renderCardsReusing(ctx, func(cs *content.Case) (*Card, bool) {
		if full {
			return nil, false
		}
		old, ok := prev.cards[cs.ID]
		return old.card, ok && old.c == cs
	})
	for _, cs := range c.Cases {
		if card, ok := r.cards[cs]; ok {
			next.cards[cs.ID] = cardState{c: cs, card: card}
			if full {
				continue
			}
			if old := prev.cards[cs.ID].card; old == nil || *old != *card {
				keys[CardKey(cs.ID)] = true
			}
		}
	}
	if !full {
		for id := range prev.cards {
			if _, ok := next.cards[id]; !ok {
				keys[CardKey(id)] = true
			}
		}
	}

	r.reuse = nil
	if !full {
		r.reuse = reusablePlan(prev, c, ch.Paths, keys)
	}
	all := r.jobs()
	reused := r.reuse != nil
	ks := newKeySet(keys)
	next.plan, r.reuse = r.plan, nil
	p := &Pass{Files: map[string][]byte{}, Jobs: len(all) + 1, Full: full, ListsReused: reused, inc: inc, next: next}
	var run []Job
	for _, j := range all {
		if _, dup := next.jobs[j.Key]; dup {
			diags.Add(diag.Pos{File: "generator/render"}, "two render jobs have the key %q", j.Key)
			continue
		}
		rec := prev.jobRecord(j.Key)
		if full || rec == nil || j.Deps == nil || rec.sig != j.Sig || ks.hits(j.Deps) || ks.hits(rec.deps) {
			next.jobs[j.Key] = &jobRecord{deps: j.Deps, sig: j.Sig}
			run = append(run, j)
			continue
		}
		next.jobs[j.Key] = &jobRecord{deps: j.Deps, sig: j.Sig, files: rec.files, urls: rec.urls}
	}
	p.Ran = len(run)
	outs := make([]output.Memory, len(run))
	runJobs(ctx, r, run, func(i int) Writer { return &outs[i] }, func(i int, jr *Renderer) {
		rec := next.jobs[run[i].Key]
		rec.urls = jr.urls
	})
	for i, j := range run {
		rec := next.jobs[j.Key]
		for rel, data := range outs[i].Files {
			p.Files[rel] = data
			rec.files = append(rec.files, rel)
		}
		slices.Sort(rec.files)
	}

	// The sitemap lists every page: it is written again when the set of
	// pages changed (their hashes summed, which needs no sorting).
	var urls []string
	var set uint64
	for _, rec := range next.jobs {
		urls = append(urls, rec.urls...)
		for _, u := range rec.urls {
			set += maphash.String(sigSeed, u)
		}
	}
	site := &jobRecord{sig: newSig().num(len(urls)).num(int(set)).sum()}
	if old := prev.jobRecord("sitemap.xml"); !full && old != nil && old.sig == site.sig {
		site.files = old.files
	} else {
		p.Ran++
		var out output.Memory
		jr := *r
		jr.w, jr.urls = &out, urls
		jr.sitemap()
		jr.robots()
		for rel, data := range out.Files {
			p.Files[rel] = data
			site.files = append(site.files, rel)
		}
		slices.Sort(site.files)
	}
	next.jobs["sitemap.xml"] = site

	if prev != nil {
		for key, rec := range prev.jobs {
			now := next.jobs[key]
			if now != nil && now.files != nil && slices.Equal(now.files, rec.files) {
				continue
			}
			for _, rel := range rec.files {
				if _, ok := p.Files[rel]; !ok && (now == nil || !slices.Contains(now.files, rel)) {
					p.Removed = append(p.Removed, rel)
				}
			}
		}
		slices.Sort(p.Removed)
	}
	return p
}

// keySet is the changed keys, looked up once per dependency of every job
// (some 200,000 at 10,000 cases): a change has few keys, so each is known
// by a fingerprint of its length and last bytes, and a string comparison
// confirms a matching fingerprint.
type keySet struct {
	m   map[string]bool
	fps []uint64
}

func newKeySet(keys map[string]bool) *keySet {
	ks := &keySet{m: keys}
	if len(keys) <= 32 {
		for k := range keys {
			ks.fps = append(ks.fps, fingerprint(k))
		}
	}
	return ks
}

func fingerprint(s string) uint64 {
	x := uint64(len(s)) << 56
	for i := max(0, len(s)-7); i < len(s); i++ {
		x ^= uint64(s[i]) << (8 * (len(s) - 1 - i))
	}
	return x
}

// hits reports whether any of deps is among the keys.
func (ks *keySet) hits(deps []string) bool {
	if len(ks.m) == 0 {
		return false
	}
	if ks.fps == nil {
		for _, d := range deps {
			if ks.m[d] {
				return true
			}
		}
		return false
	}
	for _, d := range deps {
		f := fingerprint(d)
		for _, k := range ks.fps {
			if k == f && ks.m[d] {
				return true
			}
		}
	}
	return false
}

// changedKeys are the keys a change of the files at paths touches: the
// paths, and the id and name keys of what they held before and after.
func changedKeys(before, after *content.Content, paths []string) map[string]bool {
	keys := map[string]bool{}
	for _, p := range paths {
		keys[p] = true
	}
	for _, c := range []*content.Content{before, after} {
		for _, cs := range c.Cases {
			if keys[cs.Path] {
				keys[IDKey(cs.ID)] = true
			}
		}
		for _, a := range c.Analyses {
			if keys[a.Path] {
				keys[IDKey(a.ID)] = true
			}
		}
		for _, r := range c.Rules {
			if keys[r.Path] {
				for _, n := range []string{r.Slug, r.Title, r.ShortTitle} {
					keys[RuleKey(n)] = true
				}
			}
		}
		for _, d := range c.Documents {
			if keys[d.Path] {
				for _, n := range []string{d.Slug, d.ShortTitle, d.Title} {
					keys[DocKey(n)] = true
				}
			}
		}
		for _, f := range c.Flows {
			if keys[f.Path] {
				keys[FlowKey(f.Slug)] = true
			}
		}
	}
	return keys
}
