package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"huajie/generator/build"
	"huajie/generator/content"
	"huajie/generator/serve"
	"huajie/search"
	"huajie/search/index"
)

// TestSearchStatic searches on a plain static host: the page reads the
// static index under search/.
func TestSearchStatic(t *testing.T) {
	s := serveSite(t, "/")
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(s.URL+"search/?q=强拆"), chromedp.WaitVisible(chromedp.CSS(`.search-results .hit`)))
	if got := eval[string](t, ctx, `document.querySelector(".search-status").textContent`); !strings.HasPrefix(got, "共 7 条结果") {
		t.Errorf("status %q", got)
	}
	if got := eval[string](t, ctx, `document.getElementById("search").dataset.engine`); got != "static" {
		t.Errorf("engine %q, want static", got)
	}
	if got := eval[int](t, ctx, `document.querySelectorAll(".search-results mark").length`); got == 0 {
		t.Error("no highlighted matches")
	}
	// Keyboard: ↓ from the box goes to the first result.
	do(t, ctx, chromedp.Focus(chromedp.CSS(`#search-q`)), chromedp.KeyEvent(kb.ArrowDown))
	if got := eval[string](t, ctx, `document.activeElement.closest(".hit") ? "hit" : document.activeElement.tagName`); got != "hit" {
		t.Errorf("↓ focused %s", got)
	}
	// A facet narrows the results and goes into the URL.
	do(t, ctx, chromedp.Click(chromedp.CSS(`#f-kind-warning`)), chromedp.WaitVisible(chromedp.CSS(`.search-results .hit`)))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector(".search-status").textContent.startsWith("共 2 条")`)); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, `location.search`); !strings.Contains(got, "kind=warning") {
		t.Errorf("URL %s", got)
	}
	// The header's box on every page leads here.
	do(t, ctx, chromedp.Navigate(s.URL), chromedp.SetValue(chromedp.CSS(`#site-q`), "出庭应诉"), chromedp.Submit(chromedp.CSS(`#site-q`)),
		chromedp.WaitVisible(chromedp.CSS(`.search-results .hit`)))
	if got := eval[string](t, ctx, `document.querySelector(".search-results .hit a").textContent`); !strings.Contains(got, "出庭应诉") {
		t.Errorf("first hit for 出庭应诉: %q", got)
	}
}

// TestSearchAPI: under huajie serve the page asks /api/search.
func TestSearchAPI(t *testing.T) {
	s := serveSite(t, "/")
	ctx := context.Background()
	res, err := buildResult(t)
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := search.Docs(ctx, res, search.DocsOptions{})
	ix, _, err := index.Sync(ctx, index.Options{Path: filepath.Join(t.TempDir(), "index"), Phrases: search.VocabPhrases(res)}, docs)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	mux := http.NewServeMux()
	mux.Handle("/api/search", search.Handler(ix, search.HandlerOptions{}))
	mux.Handle("/", serve.Handler(s.Dir))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	tab := newTab(t)
	do(t, tab, chromedp.Navigate(srv.URL+"/search/?q=强拆"), chromedp.WaitVisible(chromedp.CSS(`.search-results .hit`)))
	if got := eval[string](t, tab, `document.getElementById("search").dataset.engine`); got != "bleve" {
		t.Errorf("engine %q, want bleve", got)
	}
	if got := eval[string](t, tab, `document.querySelector(".search-status").textContent`); !strings.HasPrefix(got, "共 7 条结果") {
		t.Errorf("status %q", got)
	}
}

func buildResult(t *testing.T) (*content.Content, error) {
	r, err := build.Check(context.Background(), build.Options{Source: repoRoot})
	if err != nil {
		return nil, err
	}
	return r.Content, nil
}
