// Package render turns validated content into the site's files: HTML pages
// through the theme's html/template layouts, taxonomy and list pages with
// pagination, the Atom feed, sitemap.xml and robots.txt. It reads the content
// model only; it writes through a Writer so that the output stage decides
// where bytes go.
package render

import (
	"bytes"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"sort"
	"strings"
	"sync"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/graph"
	"huajie/generator/library"
	"huajie/generator/markdown"
	"huajie/generator/similar"
)

// Writer receives the rendered files. Paths are slash-separated and relative
// to the output folder. Implementations must be safe for concurrent use.
type Writer interface {
	WriteFile(rel string, data []byte) error
}

// Options control a render. The zero value renders with the site's own baseURL.
type Options struct {
	// BaseURL overrides site.yaml's baseURL (serve uses the local address).
	BaseURL string
	// Version is shown in the generator meta tag.
	Version string
	// Graph holds the resolved citations and backlinks (package graph).
	// Nil builds one from the content's rules and mounted laws.
	Graph *graph.Graph
	// Similar lists each item's most similar items (package similar), by
	// graph item key. Nil shows no similar-case lists.
	Similar map[string][]similar.Neighbor
}

// Renderer holds what every page needs. Jobs run on copies of it (see
// Job), each with its own writer and URL list.
type Renderer struct {
	c      *content.Content
	idx    *content.Index
	md     *markdown.Renderer
	tpl    *Templates
	lookup Lookup
	site   *SiteView
	base   *url.URL
	w      Writer
	diags  *diag.List
	urls   []string                // the page URLs this job wrote, for the sitemap
	sri    map[string]string       // static file → Subresource Integrity hash
	cards  map[*content.Case]*Card // case → its card, rendered once
	byDate []*content.Case         // visible cases, newest first (latest)
	groups map[string]*grouped     // taxonomy key → its terms (taxonomy)
	// deps remembers the dependencies of case pages that do not depend on
	// the index, by case (Incremental keeps the renderer between passes).
	deps map[*content.Case][]string
	// plan is the list jobs as planned by jobs; reuse, when set, is a plan
	// to use instead (Incremental).
	plan, reuse *listPlan

	g          *graph.Graph                  // citations and backlinks
	targets    map[string]*graph.Target      // graph targets by key
	precedents map[string]*library.Precedent // mounted precedents by id
	similar    map[string][]similar.Neighbor // item key → its similar items (类案)

	// once is set for a render that is not followed by another (Render,
	// not Incremental): the case jobs then skip their dependencies and
	// signatures, which only an incremental render reads.
	once bool
}

// Render writes the whole site to w. Problems (a template that fails, a
// Markdown body that cannot render) are added to diags.
func Render(ctx context.Context, c *content.Content, idx *content.Index, opts Options, w Writer, diags *diag.List) {
	r := &Renderer{diags: diags, once: true}
	if !r.prepare(c, idx, opts, true) {
		return
	}
	r.w = w
	r.renderCards(ctx)
	var urls []string
	var mu sync.Mutex
	runJobs(ctx, r, r.jobs(), func(int) Writer { return w }, func(_ int, jr *Renderer) {
		mu.Lock()
		urls = append(urls, jr.urls...)
		mu.Unlock()
	})
	r.urls = urls
	r.sitemap()
	r.robots()
}

// prepare sets the renderer up for content c: the base URL, the Markdown
// renderer, the templates and static hashes (when load is set or they
// were never loaded) and the site view with its shared header and footer.
// It reports false after adding a diagnostic when something every page
// needs is broken.
func (r *Renderer) prepare(c *content.Content, idx *content.Index, opts Options, load bool) bool {
	baseURL := c.Site.BaseURL
	if opts.BaseURL != "" {
		baseURL = opts.BaseURL
	}
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	base, err := url.Parse(baseURL)
	if err != nil {
		r.diags.Add(diag.Pos{File: "site.yaml"}, "baseURL: %v", err)
		return false
	}
	r.c, r.idx, r.base = c, idx, base
	r.g, r.similar = opts.Graph, opts.Similar
	if r.g == nil {
		r.g = graph.FromContent(context.Background(), c, new(diag.List))
	}
	r.indexTargets()
	r.md = markdown.New(markdown.Options{BasePath: base.EscapedPath()})
	r.lookup = Lookup{Root: c.Root, Theme: c.Site.Theme}
	if load || r.tpl == nil {
		r.tpl = nil
		tpl, err := r.lookup.Load(r.funcs())
		if err != nil {
			r.diags.Add(diag.Pos{File: "layouts"}, "templates: %v", err)
			return false
		}
		if err := r.hashStatic(); err != nil {
			r.diags.Add(diag.Pos{File: "themes"}, "static files: %v", err)
			return false
		}
		r.tpl = tpl
	}
	r.site = r.siteView(opts.Version)
	// Parts every page shares are rendered once.
	r.site.HeaderHTML = r.partial("header.html", &PageView{Site: r.site})
	r.site.FooterHTML = r.partial("footer.html", &PageView{Site: r.site})
	r.site.AssetsHTML = r.partial("assets.html", &PageView{Site: r.site})
	r.site.MetaHTML = r.partial("meta-site.html", &PageView{Site: r.site})
	return true
}

// jobs lists every job of the site, in the order they are started. Each
// job that can be skipped after a change declares what it depends on (see
// Job); a job without Deps runs on every change.
func (r *Renderer) jobs() []Job {
	c := r.c
	r.byDate, r.groups = nil, nil
	if r.reuse != nil {
		r.byDate = r.reuse.byDate
	}
	r.latest()
	old := r.deps
	r.deps = make(map[*content.Case][]string, len(c.Cases))
	for _, cs := range c.Cases {
		if d, ok := old[cs]; ok {
			r.deps[cs] = d
		}
	}
	var jobs []Job
	add := func(j Job) { jobs = append(jobs, j) }
	add(Job{Key: "index.html", Run: (*Renderer).home})
	add(Job{Key: "404.html", Deps: NoDeps, Run: (*Renderer).notFound})
	add(Job{Key: "search/", Deps: NoDeps, Run: (*Renderer).searchPage})
	for _, p := range c.Pages {
		if p.URL != "" {
			add(Job{Key: "page:" + p.Path, Run: func(r *Renderer) { r.page(p) }})
		}
	}
	add(Job{Key: "rules/", Run: (*Renderer).ruleList})
	for _, rule := range c.Rules {
		add(Job{Key: "rule:" + rule.Path, Deps: []string{rule.Path, content.LibrariesKey}, Sig: r.ruleSig(rule), Run: func(r *Renderer) { r.rule(rule) }})
	}
	for _, cs := range c.Cases {
		j := Job{Key: "case:" + cs.Path, Run: func(r *Renderer) { r.caseItem(cs) }}
		if !r.once {
			key := "case:" + cs.ID
			j.Deps, j.Sig = r.graphDeps(key, r.caseDeps(cs)), r.graphSig(key)
		}
		add(j)
	}
	for _, a := range c.Analyses {
		key := "analysis:" + a.ID
		add(Job{Key: "analysis:" + a.Path, Deps: r.graphDeps(key, r.analysisDeps(a)), Sig: r.graphSig(key), Run: func(r *Renderer) { r.analysis(a) }})
	}
	for _, d := range c.Documents {
		add(Job{Key: "document:" + d.Path, Run: func(r *Renderer) { r.document(d) }})
	}
	add(Job{Key: "documents/", Run: (*Renderer).documentList})
	for _, f := range c.Flows {
		add(Job{Key: "flow:" + f.Path, Run: func(r *Renderer) { r.flow(f) }})
	}
	jobs = append(jobs, r.lists()...)
	jobs = append(jobs, r.statsJobs()...)
	jobs = append(jobs, r.seriesJobs()...)
	jobs = append(jobs, r.libraryJobs()...)
	add(Job{Key: "feed.xml", Run: (*Renderer).feed})
	add(Job{Key: "static/", Deps: NoDeps, Run: (*Renderer).static})
	return jobs
}

// write renders layout with data into rel (a page URL like "cases/x/" gets index.html).
func (r *Renderer) write(layout string, pv *PageView) {
	set := r.tpl.sets[layout]
	buf := pageBufs.Get().(*bytes.Buffer)
	defer putPageBuf(buf)
	buf.Reset()
	if err := set.ExecuteTemplate(buf, "base.html", pv); err != nil {
		r.diags.Add(diag.Pos{File: pv.Source}, "rendering %s with %s: %v", pv.URL, layout, err)
		return
	}
	// The page is written into a buffer that is used again and copied out
	// at its exact size: growing a fresh buffer page by page allocated
	// twice the output, and the copy is what the writer (or serve's
	// snapshot) keeps.
	data := bytes.Clone(buf.Bytes())
	rel := pv.URL + "index.html"
	if pv.File != "" {
		rel = pv.File
	} else {
		r.urls = append(r.urls, pv.URL)
	}
	if err := r.w.WriteFile(rel, data); err != nil {
		r.diags.Add(diag.Pos{File: rel}, "writing: %v", err)
	}
}

// pageBufs holds the buffers pages are rendered into.
var pageBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putPageBuf(b *bytes.Buffer) {
	if b.Cap() <= 4<<20 { // a rare huge page (a whole code) is not kept
		pageBufs.Put(b)
	}
}

// hashStatic computes the Subresource Integrity hash of every static file, so
// pages can pin the exact stylesheet and script they were built with.
func (r *Renderer) hashStatic() error {
	fsys, err := r.lookup.StaticFS()
	if err != nil {
		return err
	}
	r.sri = map[string]string{}
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha512.Sum384(b)
		r.sri[p] = "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
		return nil
	})
}

func (r *Renderer) static() {
	fsys, err := r.lookup.StaticFS()
	if err != nil {
		r.diags.Add(diag.Pos{File: "themes"}, "static files: %v", err)
		return
	}
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err == nil {
			err = r.w.WriteFile("static/"+p, b)
		}
		if err != nil {
			r.diags.Add(diag.Pos{File: "static/" + p}, "copying static file: %v", err)
		}
		return nil
	})
}

// markdown renders a body, reporting failures at the item's path.
func (r *Renderer) markdown(src content.Source) (template.HTML, []markdown.Heading) {
	out, heads, err := r.md.Render([]byte(src.Body))
	if err != nil {
		r.diags.Add(diag.Pos{File: src.Path, Line: src.BodyLine}, "markdown: %v", err)
	}
	return template.HTML(out), heads // goldmark output: raw HTML already removed
}

// RelURL returns the URL path of a site-relative URL, honouring the base
// path. Each path segment is percent-escaped (taxonomy terms are Chinese);
// a #fragment is kept as is.
func (r *Renderer) RelURL(rel string) string {
	rel = strings.TrimPrefix(rel, "/")
	frag := ""
	if i := strings.IndexByte(rel, '#'); i >= 0 {
		rel, frag = rel[:i], rel[i:]
	}
	segs := strings.Split(rel, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return r.base.EscapedPath() + strings.Join(segs, "/") + frag
}

// AbsURL returns the absolute URL of a site-relative URL.
func (r *Renderer) AbsURL(rel string) string {
	return r.base.Scheme + "://" + r.base.Host + r.RelURL(rel)
}

// termURL is the site-relative URL of a taxonomy term. It is also the output
// folder, so the term becomes one safe path segment: characters a file name
// or URL path cannot carry as they are (/ \ ? # % < > " | * : and control
// characters) are percent-encoded, and "." or ".." cannot stand alone.
func termURL(tax, term string) string {
	return tax + "/" + termSegment(term) + "/"
}

func termSegment(term string) string {
	if term == "." || term == ".." {
		return strings.ReplaceAll(term, ".", "%2E")
	}
	var b strings.Builder
	for _, r := range term {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\?#%<>"|*:`, r) {
			fmt.Fprintf(&b, "%%%02X", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"relURL":     r.RelURL,
		"facts":      factsHTML,
		"linkItems":  linkItemsHTML,
		"pageLinks":  pageLinksHTML,
		"crumbItems": crumbItemsHTML,
		"headMeta":   headMetaHTML,
		"termLink":   r.termLink,
		"absURL":     r.AbsURL,
		"termURL":    func(tax, term string) string { return r.RelURL(termURL(tax, term)) },
		"kindLabel":  content.KindLabel,
		"join":       strings.Join,
		"add":        func(a, b int) int { return a + b },
		"caseURL":    func(id string) string { return r.RelURL("cases/" + id + "/") },
		"caseTitle": func(id string) string {
			if c := r.idx.Cases[id]; c != nil {
				return c.Title
			}
			if a := r.idx.Analyses[id]; a != nil {
				return a.Title
			}
			return id
		},
		"itemURL":      r.itemURL,
		"seriesStatus": seriesStatusLabel,
		"linkText":     r.linkText,
		"citedBy":      r.citedBy,
		"docTitle": func(ref string) string {
			if d := r.idx.Documents[ref]; d != nil {
				return d.ShortTitle
			}
			return ref
		},
		"docURL": func(ref string) string {
			if d := r.idx.Documents[ref]; d != nil {
				return r.RelURL("documents/" + d.Slug + "/")
			}
			return ""
		},
		"ruleRefURL":   r.ruleRefURL,
		"ruleRefLabel": r.ruleRefLabel,
		"sri": func(p string) (string, error) {
			if h, ok := r.sri[p]; ok {
				return h, nil
			}
			return "", fmt.Errorf("no static file %s", p)
		},
		"isAddressee": func(s string) bool { return strings.HasSuffix(s, "：") && len([]rune(s)) <= 40 },
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
	}
}

// itemURL returns the URL of a case or analysis by id.
func (r *Renderer) itemURL(id string) string {
	if r.idx.Analyses[id] != nil {
		return r.RelURL("analyses/" + id + "/")
	}
	return r.RelURL("cases/" + id + "/")
}

func (r *Renderer) ruleRefLabel(ref string) string {
	rule, anchor := r.idx.ResolveRuleRef(ref)
	if rule == nil {
		return ref
	}
	name := rule.ShortTitle
	if name == "" {
		name = rule.Title
	}
	var n int
	fmt.Sscanf(anchor, "art-%d", &n)
	if a := rule.Doc.Article(n); a != nil {
		return "《" + name + "》" + a.Label
	}
	return "《" + name + "》"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
