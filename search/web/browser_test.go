package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/search"
	"huajie/search/schema"
	"huajie/search/static"
)

// The browser tests start Debian's chromium as generator/browsertest does:
// they skip without it, unless HUAJIE_BROWSER_REQUIRED is set (as CI sets it).

func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("HUAJIE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("HUAJIE_BROWSER_REQUIRED") != "" {
		t.Fatal("chromium not found")
	}
	t.Skip("chromium not found (apt-get install chromium); set HUAJIE_BROWSER_REQUIRED=1 to make this a failure")
	return ""
}

var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
)

func newTab(t *testing.T) context.Context {
	t.Helper()
	path := chromium(t)
	browserOnce.Do(func() {
		dir, err := os.MkdirTemp("", "huajie-search-chromium-")
		if err != nil {
			browserErr = err
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
			chromedp.DisableGPU, chromedp.UserDataDir(dir), chromedp.Flag("disable-component-update", true))
		alloc, _ := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, _ := chromedp.NewContext(alloc)
		browserErr = chromedp.Do(ctx, chromedp.Navigate("about:blank"))
		browserCtx = ctx
	})
	if browserErr != nil {
		t.Fatalf("starting chromium: %v", browserErr)
	}
	ctx, cancel := chromedp.NewContext(browserCtx)
	t.Cleanup(cancel)
	ctx, cancel2 := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancel2)
	return ctx
}

// repoIndex writes the static index of the repository's content into dir.
func repoIndex(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	var diags diag.List
	c := content.Load(ctx, filepath.Join("..", ".."), &diags)
	content.Validate(ctx, c, &diags)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	docs, err := search.Docs(ctx, c, search.DocsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := static.Write(ctx, docs, dirWriter(dir), static.Options{}); err != nil {
		t.Fatal(err)
	}
}

type dirWriter string

func (d dirWriter) WriteFile(rel string, data []byte) error {
	p := filepath.Join(string(d), filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// page serves search.js on a blank page and the static index under search/.
func page(t *testing.T, indexDir string) string {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><script src="/search.js"></script></head><body></body></html>`))
	})
	mux.HandleFunc("/search.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(Script)
	})
	mux.Handle("/search/", http.StripPrefix("/search/", http.FileServer(http.Dir(filepath.Join(indexDir, "search")))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating: %v", err)
	}
	return v
}

// TestBrowserVectors runs search.js's normalisation, tokenizer and query
// rewrite in Chromium over the vectors generated from Go and reports every
// difference.
func TestBrowserVectors(t *testing.T) {
	loadVectors(t) // fails early on a missing or empty file
	ctx := newTab(t)
	url := page(t, t.TempDir())
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(vectorsFile)
	if err != nil {
		t.Fatal(err)
	}
	// canon drops what Go's encoding/json omits, so that the two sides
	// compare by value.
	js := `(() => {
  const V = ` + string(raw) + `;
  const S = window.huajieSearch, out = [];
  const canon = (x) => JSON.stringify(x, (k, v) => (v && typeof v === "object" && !Array.isArray(v))
    ? Object.keys(v).sort().reduce((o, k) => (o[k] = v[k], o), {}) : v);
  V.normalize.forEach(([s, want], i) => { const got = S.normalize(s);
    if (got !== want) { const a = [...got], b = [...want]; let k = 0; while (k < a.length && a[k] === b[k]) k++;
      out.push("normalize #" + i + " at U+" + (([...s][k] || "").codePointAt(0) || 0).toString(16) + ": got " + a[k] + " want " + b[k]); } });
  V.tokenize.forEach((tv) => { const got = JSON.stringify(S.tokenize(tv.text)), want = JSON.stringify(tv.tokens);
    if (got !== want) out.push("tokenize " + JSON.stringify(tv.text) + ":\n got " + got + "\nwant " + want); });
  const lex = new S.Lexicon(V.lexicon);
  V.parse.forEach((p) => { const got = canon(S.parse(p.q, lex)), want = canon(p.want);
    if (got !== want) out.push("parse " + JSON.stringify(p.q) + ":\n got " + got + "\nwant " + want); });
  return {errors: out, n: [V.normalize.length, V.tokenize.length, V.parse.length]};
})()`
	res := eval[struct {
		Errors []string
		N      []int
	}](t, ctx, js)
	for i, e := range res.Errors {
		if i == 20 {
			t.Errorf("… and %d more", len(res.Errors)-20)
			break
		}
		t.Error(e)
	}
	t.Logf("checked %d normalisation, %d tokenizer and %d query vectors in Chromium", res.N[0], res.N[1], res.N[2])
}

// engineQueries run through both static readers, Go's and the script's.
var engineQueries = []schema.Request{
	{Query: "国家赔偿"}, {Query: "行政复议", Facets: true}, {Query: "强拆"}, {Query: "民法"}, {Query: "法", Size: 20},
	{Query: "类别:警示案例", Facets: true}, {Query: "ZK-2023-HJ-0001"}, {Query: "征收 补偿", From: 10}, {Query: "出庭应诉"},
	{Query: "商水县", Sort: "date"}, {Query: "庭审"}, {Query: "和解"}, {Query: `"强制拆除" -赔偿`}, {Query: "复议 区县:西华县"},
	{Query: "拆迁", Filters: map[string][]string{"kind": {"mediation"}}, Facets: true}, {Query: "第3条"}, {Query: "陈述申辩"},
	{Query: "", Filters: map[string][]string{"region": {"商水县"}}}, {Query: "工伤认定 -类别:警示案例", Facets: true},
	{Query: "征地补偿安置协议"}, {Query: "政府信息公开", Size: 5}, {Query: "违法建设"}, {Query: "不存在的词语组合"},
	{Query: "工作规则 第二十四条"}, {Query: "第十条", Facets: true, FacetNames: []string{"kind", "year"}}, {Query: "zk-2023"}, {Query: "2023-hj-0001"}, {Query: "民法"},
	{Query: "constructor toString"}, {Query: "__proto__"}, {Query: `"hasOwnProperty"`},
}

// TestBrowserStaticEngine builds the static index of the repository, runs
// engineQueries through search.js's static engine in Chromium and through
// the Go reader, each in a new tab, and compares totals, hits in order,
// scores, facet counts and the files fetched (the benchmark counts the Go
// reader's).
func TestBrowserStaticEngine(t *testing.T) {
	ctx := newTab(t)
	dir := t.TempDir()
	repoIndex(t, dir)
	url := page(t, dir)
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	for _, req := range engineQueries {
		rd, err := static.Open(context.Background(), static.FS{FS: os.DirFS(filepath.Join(dir, "search"))})
		if err != nil {
			t.Fatal(err)
		}
		req.Highlight = true // the script always marks matches
		want, err := rd.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		reqJSON, _ := json.Marshal(map[string]any{"query": req.Query, "filters": req.Filters, "sort": req.Sort,
			"from": req.From, "size": req.Size, "facets": req.Facets, "facetNames": req.FacetNames})
		got := eval[struct {
			schema.Response
			Fetched []string
		}](t, ctx, `(() => {
  const fetched = [], get = (url) => { fetched.push(url); return fetch(url).then((r) => r.arrayBuffer()); };
  return new window.huajieSearch.Static("/search/", get).search(`+string(reqJSON)+`).then((res) => Object.assign(res, {fetched}));
})()`)
		name := req.Query + " " + string(reqJSON)
		var gotFiles, wantFiles []string
		for _, u := range got.Fetched {
			u, _, _ = strings.Cut(strings.TrimPrefix(u, "/search/"), "?")
			gotFiles = append(gotFiles, u)
		}
		for _, f := range rd.Fetched() {
			wantFiles = append(wantFiles, f.Path)
		}
		slices.Sort(gotFiles)
		slices.Sort(wantFiles)
		if !slices.Equal(gotFiles, wantFiles) {
			t.Errorf("%s: fetched %v, Go %v", name, gotFiles, wantFiles)
		}
		if got.Total != want.Total {
			t.Errorf("%s: total %d, Go %d", name, got.Total, want.Total)
			continue
		}
		if len(got.Hits) != len(want.Hits) {
			t.Errorf("%s: %d hits, Go %d", name, len(got.Hits), len(want.Hits))
			continue
		}
		for i := range got.Hits {
			g, w := got.Hits[i], want.Hits[i]
			if g.ID != w.ID || g.URL != w.URL || !close(g.Score, w.Score) {
				t.Errorf("%s: hit %d is %s (%g), Go %s (%g)", name, i, g.ID, g.Score, w.ID, w.Score)
			}
			if strings.Count(g.Title, "<mark>") != strings.Count(w.Title, "<mark>") {
				t.Errorf("%s: hit %d title %q, Go %q", name, i, g.Title, w.Title)
			}
		}
		gf, _ := json.Marshal(got.Facets)
		wf, _ := json.Marshal(want.Facets)
		if string(gf) != string(wf) {
			t.Errorf("%s: facets\n got %s\nwant %s", name, gf, wf)
		}
	}
}

func close(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 1e-9*max(1, a, b)
}
