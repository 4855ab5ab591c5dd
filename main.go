// Command huajie builds the static site and knowledge base of the
// administrative-dispute coordination and mediation centre from content/,
// cases/ and rules/.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"huajie/generator/build"
	"huajie/generator/diag"
	"huajie/generator/live"
	"huajie/generator/scaffold"
	"huajie/search"
	"huajie/search/index"
	"huajie/search/schema"
)

// version is set at link time (-ldflags "-X main.version=…").
var version = "dev"

const usage = `huajie builds the centre's case-law and rules site.

Usage:
  huajie <command> [flags]

Commands:
  build     build the site into the output folder (default public/)
  serve     build the site and serve it on 127.0.0.1
  check     validate every file without writing anything
  search    search the cases, analyses, rules, pages and templates
  new       create a case, analysis, rule or page from the content model
  version   print the version

Run "huajie <command> --help" for the flags of a command.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return cmdBuild(ctx, rest, stdout, stderr)
	case "serve":
		return cmdServe(ctx, rest, stdout, stderr)
	case "check":
		return cmdCheck(ctx, rest, stdout, stderr)
	case "search":
		return cmdSearch(ctx, rest, stdout, stderr)
	case "new":
		return cmdNew(rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "huajie", version)
		return 0
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "huajie: unknown command %q\n\n%s", cmd, usage)
	return 2
}

// siteFlags are the flags every content command shares.
type siteFlags struct {
	source, output, visibility, baseURL string
}

func newFlags(name, synopsis string, stderr io.Writer, sf *siteFlags, withOutput bool) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&sf.source, "source", ".", "site `folder` (holds site.yaml, content/, cases/, rules/)")
	fs.StringVar(&sf.source, "s", ".", "short for --source")
	if withOutput {
		fs.StringVar(&sf.output, "output", "", "output `folder` (default <source>/public, or <source>/public-internal for an internal build)")
		fs.StringVar(&sf.output, "o", "", "short for --output")
		fs.StringVar(&sf.visibility, "visibility", "", "public or internal (default: site.yaml's visibility)")
		fs.StringVar(&sf.baseURL, "baseURL", "", "absolute `URL` the site is published at, overriding site.yaml (may carry a sub-path)")
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: huajie %s\n\n%s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func (sf siteFlags) options() build.Options {
	o := build.Options{Source: sf.source, Output: sf.output, Visibility: sf.visibility, BaseURL: sf.baseURL, Version: version}
	if o.Output == "" && sf.visibility == "internal" {
		o.Output = filepath.Join(sf.source, "public-internal")
	}
	return o
}

func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "huajie %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return 2, false
	}
	return 0, true
}

// report prints a build error: every diagnostic on its own line, then a
// count followed by suffix.
func report(stderr io.Writer, err error, suffix string) int {
	var de *diag.Error
	if errors.As(err, &de) {
		for _, d := range de.Items {
			fmt.Fprintln(stderr, d.Error())
		}
		n := len(de.Items)
		fmt.Fprintf(stderr, "huajie: %d problem%s found%s\n", n, map[bool]string{true: "", false: "s"}[n == 1], suffix)
		return 1
	}
	fmt.Fprintln(stderr, "huajie:", err)
	return 1
}

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	fs := newFlags("build", "Builds the site into the output folder. The new site replaces the old one only if\nthe whole build succeeds; on any problem every diagnostic is printed as\npath:line:col and the previous output is left untouched.", stderr, &sf, true)
	verbose := fs.Bool("v", false, "print the time each stage took")
	noSearch := fs.Bool("no-search", false, "leave out the static search index (a quicker preview; its search page finds nothing)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the build to `file` (for go tool pprof)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(stderr, "huajie:", err)
			return 1
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(stderr, "huajie:", err)
			return 1
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	opts := sf.options()
	opts.NoSearch = *noSearch
	res, err := build.Build(ctx, opts)
	if err != nil {
		return report(stderr, err, "; nothing was written")
	}
	summary(stdout, res, time.Since(start))
	if *verbose {
		for _, s := range res.Steps {
			fmt.Fprintf(stdout, "  %-8s %s\n", s.Name, s.Took.Round(time.Millisecond))
		}
	}
	return 0
}

func summary(w io.Writer, res *build.Result, took time.Duration) {
	c := res.Content
	fmt.Fprintf(w, "built %d cases, %d analyses, %d rules, %d pages, %d templates, %d flowcharts into %s in %s\n",
		len(c.Cases), len(c.Analyses), len(c.Rules), len(c.Pages), len(c.Documents), len(c.Flows), res.Output, took.Round(time.Millisecond))
	allowances(w, res)
}

// allowances lists every privacy_allow that let something through, so that
// reviewers see each exception and its reason on every build.
func allowances(w io.Writer, res *build.Result) {
	if len(res.Allowed) == 0 {
		return
	}
	fmt.Fprintf(w, "personal-information guard: %d allowance(s) in use\n", len(res.Allowed))
	for _, a := range res.Allowed {
		fmt.Fprintf(w, "  %s: %q allowed: %s\n", a.Pos, a.Text, a.Reason)
	}
}

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	fs := newFlags("check", "Validates every file of the site and prints each problem as path:line:col.\nWrites nothing.", stderr, &sf, false)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	res, err := build.Check(ctx, sf.options())
	if err != nil {
		return report(stderr, err, "")
	}
	c := res.Content
	defer allowances(stdout, res)
	fmt.Fprintf(stdout, "ok: %d cases, %d analyses, %d rules, %d pages, %d templates, %d flowcharts, %d data files\n",
		len(c.Cases), len(c.Analyses), len(c.Rules), len(c.Pages), len(c.Documents), len(c.Flows), len(c.Data))
	return 0
}

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	fs := newFlags("serve", "Builds the site with a local baseURL and serves it from memory until interrupted\n"+
		"(Ctrl+C or SIGTERM), with the search API /api/search. Watches content/, cases/,\n"+
		"rules/, themes/, layouts/, site.yaml and the mounted libraries: a change rebuilds\n"+
		"only what it touches and open pages reload; a failed rebuild keeps the last good\n"+
		"site and shows the problems over the page.", stderr, &sf, false)
	fs.StringVar(&sf.visibility, "visibility", "", "public or internal (default: site.yaml's visibility)")
	port := fs.Int("port", 1313, "TCP `port` to listen on (0 picks a free one)")
	bind := fs.String("bind", "127.0.0.1", "`address` to listen on (loopback by default)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintln(stderr, "huajie serve: --port is 0 to 65535")
		return 2
	}
	srv, err := live.New(live.Options{
		Build:     build.Options{Source: sf.source, Visibility: sf.visibility, Version: version},
		Addr:      net.JoinHostPort(*bind, strconv.Itoa(*port)),
		IndexPath: filepath.Join(sf.source, ".huajie", "index"),
		Log:       stderr,
	})
	if err != nil {
		fmt.Fprintln(stderr, "huajie serve:", err)
		return 1
	}
	fmt.Fprintf(stdout, "serving %s on %s (Ctrl+C to stop)\n", sf.source, srv.URL())
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintln(stderr, "huajie serve:", err)
		return 1
	}
	return 0
}

func cmdNew(args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	fs := newFlags("new case|analysis|rule NAME|page NAME", "Creates a file from the content model with the next free id, today's date and\nevery required field. Never overwrites an existing file.", stderr, &sf, false)
	kind := fs.String("kind", "mediation", "for cases: mediation, exemplary or warning")
	if len(args) == 0 {
		fs.Usage()
		return 2
	}
	what := args[0]
	rest := args[1:]
	slug := ""
	if (what == "rule" || what == "page") && len(rest) > 0 && rest[0] != "" && rest[0][0] != '-' {
		slug, rest = rest[0], rest[1:]
	}
	if code, ok := parse(fs, rest); !ok {
		return code
	}
	rel, err := scaffold.New(scaffold.Options{Root: sf.source, What: what, Kind: *kind, Slug: slug})
	if err != nil {
		fmt.Fprintln(stderr, "huajie new:", err)
		return 1
	}
	fmt.Fprintln(stdout, "created", rel)
	return 0
}

func cmdSearch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var sf siteFlags
	fs := newFlags("search QUERY", "Searches the site's cases, analyses, rules (article by article), pages and\n"+
		"document templates with the bleve index in <source>/.huajie/index, which it first\n"+
		"brings up to date (only what changed is reindexed).\n\n"+
		"Terms separated by spaces must all match; \"quoted text\" is matched as written;\n"+
		"-term excludes; 类别:警示案例 区县:商水县 年份:2023 filter (kind: region: year: …).", stderr, &sf, false)
	filters := map[string]*string{}
	for _, f := range []struct{ name, usage string }{
		{"kind", "only this `kind`: mediation, exemplary, warning, analysis, rule, template, page (or 化解案例 …)"},
		{"region", "only this `区县`"}, {"domain", "only this `领域`"}, {"stage", "only this `阶段`"}, {"year", "only this `year`"},
	} {
		filters[f.name] = fs.String(f.name, "", f.usage)
	}
	sortBy := fs.String("sort", "", "relevance (default) or date (newest first)")
	asJSON := fs.Bool("json", false, "print the response as JSON")
	limit := fs.Int("limit", 10, "`hits` to show, at most 100")
	page := fs.Int("page", 1, "`page` of hits to show")
	// Flags may come before or after the query's words.
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		words, args = append(words, fs.Arg(0)), fs.Args()[1:]
	}
	q := strings.Join(words, " ")
	if q == "" && *filters["kind"]+*filters["region"]+*filters["domain"]+*filters["stage"]+*filters["year"] == "" {
		fs.Usage()
		return 2
	}
	if *limit < 1 || *limit > 100 || *page < 1 || (*sortBy != "" && *sortBy != "relevance" && *sortBy != "date") {
		fmt.Fprintln(stderr, "huajie search: --limit is 1 to 100, --page from 1, --sort relevance or date")
		return 2
	}
	res, err := build.Check(ctx, sf.options())
	if err != nil {
		return report(stderr, err, "")
	}
	docs, err := search.Docs(ctx, res.Content, search.DocsOptions{})
	if err != nil {
		return report(stderr, err, "")
	}
	start := time.Now()
	ix, upd, err := index.Sync(ctx, index.Options{Path: filepath.Join(sf.source, ".huajie", "index"), Phrases: search.VocabPhrases(res.Content)}, docs)
	if err != nil {
		fmt.Fprintln(stderr, "huajie search:", err)
		return 1
	}
	defer ix.Close()
	if n := upd.Added + upd.Changed + upd.Deleted; n > 0 {
		fmt.Fprintf(stderr, "indexed %d new, %d changed, %d removed documents in %s\n", upd.Added, upd.Changed, upd.Deleted, time.Since(start).Round(time.Millisecond))
	}
	req := schema.Request{Query: q, Sort: strings.TrimPrefix(*sortBy, "relevance"), From: (*page - 1) * *limit, Size: *limit, Highlight: true, Facets: *asJSON}
	for name, v := range filters {
		if *v != "" {
			if req.Filters == nil {
				req.Filters = map[string][]string{}
			}
			req.Filters[name] = []string{*v}
		}
	}
	resp, err := ix.Search(ctx, req)
	if err != nil {
		fmt.Fprintln(stderr, "huajie search:", err)
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(resp); err != nil {
			return 1
		}
		return 0
	}
	color := false
	if f, ok := stdout.(*os.File); ok && os.Getenv("NO_COLOR") == "" {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			color = true
		}
	}
	if err := search.WriteText(stdout, resp, search.TextOptions{Color: color, BaseURL: res.Content.Site.BaseURL}); err != nil {
		return 1
	}
	return 0
}
