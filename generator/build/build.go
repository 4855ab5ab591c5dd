// Package build is the pipeline: load, validate, render, write. Each stage
// returns its problems as positioned diagnostics; the build prints them all
// and writes nothing when there is any.
package build

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/graph"
	"huajie/generator/output"
	"huajie/generator/render"
	"huajie/generator/similar"
	"huajie/search"
)

// Options configure a build. The zero value builds the site in the current
// folder into public/ with the site's own baseURL.
type Options struct {
	Source  string // site folder; "" means "."
	Output  string // output folder; "" means <Source>/public
	BaseURL string // overrides site.yaml baseURL when set
	Version string
	// Visibility overrides site.yaml's visibility ("public" or "internal").
	Visibility string
	// NoSearch leaves out the static search index (search/): a quicker
	// build for a preview whose search page then finds nothing.
	NoSearch bool
}

// Result reports what a build did.
type Result struct {
	Content *content.Content
	Index   *content.Index
	Graph   *graph.Graph
	Output  string
	Steps   []Step
	// Allowed lists the privacy_allow entries that let a finding of the
	// personal-information guard through.
	Allowed []Allowed
}

// Step is one timed stage.
type Step struct {
	Name string
	Took time.Duration
}

func (o Options) paths() (src, out string) {
	src = o.Source
	if src == "" {
		src = "."
	}
	out = o.Output
	if out == "" {
		out = filepath.Join(src, "public")
	}
	return src, out
}

// Check loads and validates the site without writing anything.
func Check(ctx context.Context, opts Options) (*Result, error) {
	src, _ := opts.paths()
	var diags diag.List
	res := &Result{}
	res.Content, res.Index, res.Graph, _ = analyse(ctx, src, opts, &diags, res, false)
	return res, diags.Err()
}

// analyse loads the site, then validates it, resolves its citations, runs
// the personal-information guard and, when withSimilar, computes the
// similar-case lists. The last three read the loaded content only and run
// beside validation: each stage is parallel inside, but not all the way
// through, and overlapping them keeps both cores busy.
func analyse(ctx context.Context, src string, opts Options, diags *diag.List, res *Result, withSimilar bool) (*content.Content, *content.Index, *graph.Graph, map[string][]similar.Neighbor) {
	t := time.Now()
	c := content.Load(ctx, src, diags)
	res.Steps = append(res.Steps, Step{"load", time.Since(t)})
	if opts.Visibility != "" {
		c.Site.Visibility = opts.Visibility
	}

	var (
		wg           sync.WaitGroup
		sim          map[string][]similar.Neighbor
		tGuard, tSim time.Duration
	)
	t = time.Now()
	wg.Go(func() {
		res.Allowed = guard(ctx, c, diags)
		tGuard = time.Since(t)
	})
	if withSimilar && diags.Len() == 0 {
		wg.Go(func() {
			sim = computeSimilar(ctx, c)
			tSim = time.Since(t)
		})
	}
	var g *graph.Graph
	var tCite time.Duration
	wg.Go(func() {
		g = graph.FromContent(ctx, c, diags)
		tCite = time.Since(t)
	})
	idx := content.Validate(ctx, c, diags)
	tVal := time.Since(t)
	wg.Wait()
	// These steps overlap: each one's time runs from their common start to
	// its own end.
	res.Steps = append(res.Steps, Step{"validate", tVal}, Step{"citations", tCite}, Step{"privacy", tGuard})
	if withSimilar {
		res.Steps = append(res.Steps, Step{"similar", tSim})
	}
	dropRaw(c)
	return c, idx, g, sim
}

// Build runs the whole pipeline. On any problem it returns a *diag.Error
// listing every diagnostic, and the previous output is left untouched.
func Build(ctx context.Context, opts Options) (*Result, error) {
	src, out := opts.paths()
	if opts.Visibility != "" && opts.Visibility != "public" && opts.Visibility != "internal" {
		return nil, fmt.Errorf("visibility %q: use public or internal", opts.Visibility)
	}
	res := &Result{Output: out}
	if opts.BaseURL != "" {
		if u, err := url.Parse(opts.BaseURL); err != nil || u.Scheme == "" || u.Host == "" {
			return nil, fmt.Errorf("baseURL %q must be an absolute URL such as http://127.0.0.1:1313/sub/", opts.BaseURL)
		}
	}
	var stage *output.Staging
	begin := func() (render.Writer, error) {
		var err error
		stage, err = output.Begin(out)
		if err != nil {
			return nil, fmt.Errorf("preparing output: %w", err)
		}
		return stage, nil
	}
	if err := run(ctx, src, opts, res, begin); err != nil {
		if stage != nil {
			stage.Abort()
		}
		return res, err
	}
	t := time.Now()
	if err := stage.Commit(); err != nil {
		return res, err
	}
	res.Steps = append(res.Steps, Step{"swap", time.Since(t)})
	return res, nil
}

// run is Build up to the output's swap: every stage, writing into the
// writer that begin returns once the site has proved valid.
func run(ctx context.Context, src string, opts Options, res *Result, begin func() (render.Writer, error)) error {
	var diags diag.List
	c, idx, g, sim := analyse(ctx, src, opts, &diags, res, true)
	res.Content, res.Index, res.Graph = c, idx, g
	if err := diags.Err(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	w, err := begin()
	if err != nil {
		return err
	}
	// What the analysis built to find the similar cases and citations is
	// garbage now; collected here, it does not set the heap goal of the
	// render (at 10,000 cases the peak resident set falls from about 0.85
	// to 0.6 GB, for about a tenth of a second).
	runtime.GC()
	t := time.Now()
	render.Render(ctx, c, idx, render.Options{BaseURL: opts.BaseURL, Version: opts.Version, Graph: g, Similar: sim}, w, &diags)
	res.Steps = append(res.Steps, Step{"render", time.Since(t)})
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := diags.Err(); err != nil {
		return err
	}
	if opts.NoSearch {
		return nil
	}
	runtime.GC() // the render's garbage, likewise, before the index's
	// The index builder holds some 440 MB at 10,000 cases, briefly: a
	// tighter heap goal while it runs keeps the whole build under 1 GB for
	// a few tenths of a second of collection.
	defer tightGC()()
	t = time.Now()
	if _, err := search.WriteStatic(ctx, c, w); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	res.Steps = append(res.Steps, Step{"search", time.Since(t)})
	return nil
}

// dropRaw releases the files' raw text once the guard has read it: nothing
// later needs it, and at 10,000 cases it is tens of megabytes.
func dropRaw(c *content.Content) {
	for _, p := range c.Pages {
		p.Raw = ""
	}
	for _, r := range c.Rules {
		r.Raw = ""
	}
	for _, cs := range c.Cases {
		cs.Raw = ""
	}
	for _, a := range c.Analyses {
		a.Raw = ""
	}
	for _, d := range c.Documents {
		d.Raw, d.Lines = "", nil
	}
	for _, f := range c.Flows {
		f.Raw = ""
	}
	for _, d := range c.Data {
		d.Raw = ""
	}
}

// gcTight counts the builds that are writing a search index, so that
// builds running side by side (tests do) leave the process's GC setting
// as they found it.
var gcTight struct {
	sync.Mutex
	n, prev int
}

// tightGC lowers the garbage collector's heap goal (as GOGC=50 does) until
// the function it returns is called, unless GOGC is set.
func tightGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	gcTight.Lock()
	defer gcTight.Unlock()
	if gcTight.n == 0 {
		gcTight.prev = debug.SetGCPercent(50)
	}
	gcTight.n++
	return func() {
		gcTight.Lock()
		defer gcTight.Unlock()
		if gcTight.n--; gcTight.n == 0 {
			debug.SetGCPercent(gcTight.prev)
		}
	}
}
