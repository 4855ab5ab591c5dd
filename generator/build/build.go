// Package build is the pipeline: load, validate, render, write. Each stage
// returns its problems as positioned diagnostics; the build prints them all
// and writes nothing when there is any.
package build

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/graph"
	"huajie/generator/output"
	"huajie/generator/render"
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
	res.Content, res.Index, res.Graph = loadAndValidate(ctx, src, opts, &diags, res)
	return res, diags.Err()
}

func loadAndValidate(ctx context.Context, src string, opts Options, diags *diag.List, res *Result) (*content.Content, *content.Index, *graph.Graph) {
	t := time.Now()
	c := content.Load(ctx, src, diags)
	res.Steps = append(res.Steps, Step{"load", time.Since(t)})
	if opts.Visibility != "" {
		c.Site.Visibility = opts.Visibility
	}
	t = time.Now()
	idx := content.Validate(ctx, c, diags)
	res.Steps = append(res.Steps, Step{"validate", time.Since(t)})
	t = time.Now()
	g := graph.FromContent(ctx, c, diags)
	res.Steps = append(res.Steps, Step{"citations", time.Since(t)})
	t = time.Now()
	res.Allowed = guard(ctx, c, diags)
	res.Steps = append(res.Steps, Step{"privacy", time.Since(t)})
	dropRaw(c)
	return c, idx, g
}

// Build runs the whole pipeline. On any problem it returns a *diag.Error
// listing every diagnostic, and the previous output is left untouched.
func Build(ctx context.Context, opts Options) (*Result, error) {
	src, out := opts.paths()
	if opts.Visibility != "" && opts.Visibility != "public" && opts.Visibility != "internal" {
		return nil, fmt.Errorf("visibility %q: use public or internal", opts.Visibility)
	}
	var diags diag.List
	res := &Result{Output: out}
	if opts.BaseURL != "" {
		if u, err := url.Parse(opts.BaseURL); err != nil || u.Scheme == "" || u.Host == "" {
			return nil, fmt.Errorf("baseURL %q must be an absolute URL such as http://127.0.0.1:1313/sub/", opts.BaseURL)
		}
	}
	c, idx, g := loadAndValidate(ctx, src, opts, &diags, res)
	res.Content, res.Index, res.Graph = c, idx, g
	if err := diags.Err(); err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	stage, err := output.Begin(out)
	if err != nil {
		return res, fmt.Errorf("preparing output: %w", err)
	}
	t := time.Now()
	sim := computeSimilar(ctx, c)
	res.Steps = append(res.Steps, Step{"similar", time.Since(t)})
	t = time.Now()
	render.Render(ctx, c, idx, render.Options{BaseURL: opts.BaseURL, Version: opts.Version, Graph: g, Similar: sim}, stage, &diags)
	res.Steps = append(res.Steps, Step{"render", time.Since(t)})
	if err := ctx.Err(); err != nil {
		stage.Abort()
		return res, err
	}
	if err := diags.Err(); err != nil {
		stage.Abort()
		return res, err
	}
	t = time.Now()
	if _, err := search.WriteStatic(ctx, c, stage); err != nil {
		stage.Abort()
		return res, fmt.Errorf("search index: %w", err)
	}
	res.Steps = append(res.Steps, Step{"search", time.Since(t)})
	t = time.Now()
	if err := stage.Commit(); err != nil {
		return res, err
	}
	res.Steps = append(res.Steps, Step{"swap", time.Since(t)})
	return res, nil
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
