// Command bench-pagefind measures, in headless Chromium, what a browser
// downloads per query from huajie's static search index and from Pagefind's
// index of the same built site, each query in a new browser context (an
// empty cache: the first query of a new tab). It serves the site on
// 127.0.0.1 and counts the bytes of every file each engine fetches. run.sh
// beside it builds the site and both indexes and calls it; see README.md
// ("Benchmarks", optional).
//
//	go run ./tools/bench-pagefind -site DIR [-queries FILE] [-huajie-index D -pagefind-index D]
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	site := flag.String("site", "", "the built site, with search/ (huajie) and pagefind/ (Pagefind) in it")
	queries := flag.String("queries", "search/testdata/bench-queries.txt", "the queries, one a line")
	chromium := flag.String("chromium", "", "the browser (default: chromium on PATH)")
	huajieTime := flag.Duration("huajie-index", 0, "huajie's index time, to print beside the bytes")
	pagefindTime := flag.Duration("pagefind-index", 0, "Pagefind's index time, to print beside the bytes")
	pagefindVersion := flag.String("pagefind-version", "", "Pagefind's version, for the heading")
	flag.Parse()
	if *site == "" {
		log.Fatal("-site is required")
	}
	qs, err := readQueries(*queries)
	if err != nil {
		log.Fatal(err)
	}
	if *chromium == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				*chromium = p
				break
			}
		}
		if *chromium == "" {
			log.Fatal("chromium not found (apt-get install -y chromium fonts-noto-cjk)")
		}
	}

	srv := &counter{root: *site}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(ln, srv)
	base := "http://" + ln.Addr().String()

	dir, err := os.MkdirTemp("", "bench-pagefind-chromium-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(*chromium), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.UserDataDir(dir), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	browser, cancel := chromedp.NewContext(alloc)
	defer cancel()
	if err := chromedp.Do(browser, chromedp.Navigate(base+"/__bench/")); err != nil {
		log.Fatal(err)
	}

	engines := []engine{
		{name: "huajie", data: "/search/", js: huajieJS},
		{name: "Pagefind " + *pagefindVersion, data: "/pagefind/", js: pagefindJS},
	}
	for i := range engines {
		e := &engines[i]
		for _, q := range qs {
			r, err := e.run(browser, base, srv, q)
			if err != nil {
				log.Fatalf("%s %q: %v", e.name, q, err)
			}
			e.results = append(e.results, r)
		}
	}
	for i, e := range engines {
		size, files := dirSize(filepath.Join(*site, strings.Trim(e.data, "/")))
		e.size, e.files = size, files
		engines[i] = e
	}
	engines[0].index, engines[1].index = *huajieTime, *pagefindTime
	report(os.Stdout, engines, len(qs))
}

// engine is one search engine under test and what it fetched per query.
type engine struct {
	name    string
	data    string // the index folder's URL path
	js      string // runs Q in a blank page; resolves to {total, urls}
	results []result
	size    int64
	files   int
	index   time.Duration
}

// result is what one query in a new browser context fetched: index data
// (raw and as gzip would send it), the engine's code, files and time.
type result struct {
	data, dataGz, code, files int
	ms                        float64
	total                     int
}

// huajieJS loads search.js as the search page does and asks for a page of
// hits with the counts of the five facets the page shows.
const huajieJS = `(async () => {
  await new Promise((ok, bad) => { const s = document.createElement("script"); s.src = "/static/js/search.js"; s.onload = ok; s.onerror = bad; document.head.append(s); });
  const res = await new window.huajieSearch.Static("/search/").search({query: Q, filters: {}, size: 10, facets: true,
    facetNames: ["kind", "domain", "region", "stage", "year"]});
  return {total: res.total, urls: res.hits.map((h) => h.url)};
})()`

// pagefindJS runs Pagefind's JS API as its documentation shows and loads
// the data of the first ten results (their fragments), as a result list
// does.
const pagefindJS = `(async () => {
  const pf = await import("/pagefind/pagefind.js");
  await pf.init();
  const s = await pf.search(Q);
  const data = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
  return {total: s.results.length, urls: data.map((d) => d.url)};
})()`

func (e *engine) run(browser context.Context, base string, srv *counter, q string) (result, error) {
	// A new browser context has an empty cache, as a new tab on a first
	// visit.
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	defer cancel()
	ctx, cancel2 := context.WithTimeout(ctx, time.Minute)
	defer cancel2()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/__bench/")); err != nil {
		return result{}, err
	}
	srv.reset()
	start := time.Now()
	qJSON, _ := json.Marshal(q)
	js := "(() => { const Q = " + string(qJSON) + "; return " + e.js + "; })()"
	out, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		Total int
		URLs  []string
	}](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return result{}, err
	}
	ms := float64(time.Since(start).Microseconds()) / 1000
	time.Sleep(100 * time.Millisecond) // requests still in flight
	r := result{ms: ms, total: out.Total}
	for path, n := range srv.take() {
		switch {
		case strings.HasPrefix(path, e.data) && !isCode(path):
			r.data += n
			r.dataGz += gzipSize(filepath.Join(srv.root, filepath.FromSlash(path)))
			r.files++
		case isCode(path):
			r.code += n
		}
	}
	return r, nil
}

// isCode tells the engines' scripts and WebAssembly from their index data.
func isCode(path string) bool {
	return strings.HasSuffix(path, ".js") || strings.Contains(path, "wasm")
}

// counter serves the site and counts the bytes of each file it sends.
type counter struct {
	root  string
	mu    sync.Mutex
	bytes map[string]int
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/__bench/" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title></head><body></body></html>`)
		return
	}
	w.Header().Set("Cache-Control", "max-age=3600")
	cw := &countingWriter{ResponseWriter: w}
	http.FileServer(http.Dir(c.root)).ServeHTTP(cw, r)
	c.mu.Lock()
	if c.bytes == nil {
		c.bytes = map[string]int{}
	}
	c.bytes[r.URL.Path] += cw.n
	c.mu.Unlock()
}

func (c *counter) reset() {
	c.mu.Lock()
	c.bytes = map[string]int{}
	c.mu.Unlock()
}

func (c *counter) take() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.bytes
	c.bytes = map[string]int{}
	return out
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

func gzipSize(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	zw.Write(b)
	zw.Close()
	return min(buf.Len(), len(b)) // a host sends what is smaller
}

func dirSize(dir string) (int64, int) {
	var size int64
	files := 0
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				size += info.Size()
				files++
			}
		}
		return nil
	})
	return size, files
}

func readQueries(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out, sc.Err()
}

func percentile(xs []float64, p float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[int(float64(len(s)-1)*p/100)]
}

func report(w *os.File, engines []engine, n int) {
	col := func(e engine, f func(r result) float64) []float64 {
		var xs []float64
		for _, r := range e.results {
			xs = append(xs, f(r))
		}
		return xs
	}
	row := func(label string, cell func(e engine) string) {
		fmt.Fprintf(w, "%-40s", label)
		for _, e := range engines {
			fmt.Fprintf(w, " %22s", cell(e))
		}
		fmt.Fprintln(w)
	}
	kb := func(x float64) string { return fmt.Sprintf("%.1f KB", x/1e3) }
	row(fmt.Sprintf("%d queries, each in a new tab", n), func(e engine) string { return e.name })
	row("index time", func(e engine) string {
		if e.index == 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f s", e.index.Seconds())
	})
	row("index size", func(e engine) string { return fmt.Sprintf("%.1f MB", float64(e.size)/1e6) })
	row("index files", func(e engine) string { return fmt.Sprint(e.files) })
	for _, p := range []float64{50, 95} {
		row(fmt.Sprintf("index data per query, p%.0f", p), func(e engine) string {
			return kb(percentile(col(e, func(r result) float64 { return float64(r.data) }), p))
		})
	}
	row("index data per query, max", func(e engine) string {
		return kb(slices.Max(col(e, func(r result) float64 { return float64(r.data) })))
	})
	for _, p := range []float64{50, 95} {
		row(fmt.Sprintf("  the same if the host gzips, p%.0f", p), func(e engine) string {
			return kb(percentile(col(e, func(r result) float64 { return float64(r.dataGz) }), p))
		})
	}
	row("index files per query, p50", func(e engine) string {
		return fmt.Sprintf("%.0f", percentile(col(e, func(r result) float64 { return float64(r.files) }), 50))
	})
	row("engine code per new tab (raw)", func(e engine) string {
		return kb(percentile(col(e, func(r result) float64 { return float64(r.code) }), 50))
	})
	row("time to results, new tab, p50", func(e engine) string {
		return fmt.Sprintf("%.0f ms", percentile(col(e, func(r result) float64 { return r.ms }), 50))
	})
	row("queries with no result", func(e engine) string {
		z := 0
		for _, r := range e.results {
			if r.total == 0 {
				z++
			}
		}
		return fmt.Sprint(z)
	})
	fmt.Fprintln(w, "\nhuajie counts the facet data for the five facets its search page shows; Pagefind's index")
	fmt.Fprintln(w, "here has no filters. Pagefind's files are stored compressed, huajie's are not.")
}
