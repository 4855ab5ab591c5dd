// Command huajie builds the static site and knowledge base of the
// administrative-dispute coordination and mediation centre from content/,
// cases/ and rules/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"huajie/generator/build"
	"huajie/generator/diag"
	"huajie/generator/scaffold"
	"huajie/generator/serve"
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
	if code, ok := parse(fs, args); !ok {
		return code
	}
	start := time.Now()
	res, err := build.Build(ctx, sf.options())
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
	fs := newFlags("serve", "Builds the site with a local baseURL and serves it until interrupted.", stderr, &sf, true)
	port := fs.Int("port", 1313, "TCP `port` to listen on")
	bind := fs.String("bind", "127.0.0.1", "`address` to listen on (loopback by default)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	opts := sf.options()
	if opts.Output == "" {
		opts.Output = filepath.Join(sf.source, ".huajie", "serve")
	}
	addr := net.JoinHostPort(*bind, strconv.Itoa(*port))
	opts.BaseURL = "http://" + addr + "/"
	start := time.Now()
	res, err := build.Build(ctx, opts)
	if err != nil {
		return report(stderr, err, "; nothing was written")
	}
	summary(stdout, res, time.Since(start))
	err = serve.Run(ctx, addr, opts.Output, func(a net.Addr) {
		fmt.Fprintf(stdout, "serving %s on http://%s/ (Ctrl+C to stop)\n", opts.Output, a)
	})
	if err != nil {
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
