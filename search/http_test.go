package search_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"huajie/search"
	"huajie/search/index"
	"huajie/search/schema"
)

// recorder is a Searcher that remembers the request and can be slow.
type recorder struct {
	got   schema.Request
	delay time.Duration
}

func (r *recorder) Search(ctx context.Context, req schema.Request) (*schema.Response, error) {
	r.got = req
	select {
	case <-time.After(r.delay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return &schema.Response{Query: req.Query, Hits: []schema.Hit{}}, nil
}

func TestHandlerLimits(t *testing.T) {
	rec := &recorder{}
	h := search.Handler(rec, search.HandlerOptions{Timeout: 50 * time.Millisecond})
	for _, c := range []struct {
		method, url string
		code        int
		errPart     string
	}{
		{"GET", "/api/search?q=" + strings.Repeat("长", 257), 400, "query too long"},
		{"GET", "/api/search?q=x&size=51", 400, "size 1 to 50"},
		{"GET", "/api/search?q=x&page=0", 400, "page must be"},
		{"GET", "/api/search?q=x&page=101", 400, "page must be"},
		{"GET", "/api/search?q=x&sort=random", 400, "sort"},
		{"POST", "/api/search?q=x", 405, "method"},
		{"GET", "/api/search?q=" + strings.Repeat("长", 256), 200, ""},
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(c.method, c.url, nil))
		if w.Code != c.code || !strings.Contains(w.Body.String(), c.errPart) {
			t.Errorf("%s %.40s…: %d %s, want %d with %q", c.method, c.url, w.Code, w.Body, c.code, c.errPart)
		}
		if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("%s: content type %q", c.url, ct)
		}
	}
	rec.delay = time.Second
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/api/search?q=x", nil))
	if w.Code != 503 {
		t.Errorf("a slow search: %d, want 503", w.Code)
	}
}

func TestHandlerRequest(t *testing.T) {
	rec := &recorder{}
	h := search.Handler(rec, search.HandlerOptions{})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/api/search?q=%E5%BC%BA%E6%8B%86&kind=warning&kind=exemplary&region=%E5%95%86%E6%B0%B4%E5%8E%BF&year=&sort=date&page=3&size=20", nil))
	if w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	want := schema.Request{Query: "强拆", Sort: "date", From: 40, Size: 20, Facets: true, Highlight: true,
		Filters: map[string][]string{"kind": {"warning", "exemplary"}, "region": {"商水县"}}}
	got, _ := json.Marshal(rec.got)
	wantJSON, _ := json.Marshal(want)
	if !bytes.Equal(got, wantJSON) {
		t.Errorf("request\n got %s\nwant %s", got, wantJSON)
	}
}

// TestHandlerBleve answers a real query from the repository's index.
func TestHandlerBleve(t *testing.T) {
	ctx := context.Background()
	ix, err := index.Open(ctx, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Update(ctx, loadRepo(t)); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(search.Handler(ix, search.HandlerOptions{}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/api/search?q=" + "%E5%BC%BA%E6%8B%86" + "&kind=warning")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var res schema.Response
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 || res.Engine != "bleve" || len(res.Facets) == 0 {
		t.Fatalf("强拆 kind=warning: %+v", res)
	}
	for _, h := range res.Hits {
		if h.Kind != "warning" || !strings.Contains(h.Title+h.Snippet, "<mark>强制拆除</mark>") {
			t.Errorf("hit %s: kind %s, title %q, snippet %q", h.ID, h.Kind, h.Title, h.Snippet)
		}
	}
}

func TestWriteText(t *testing.T) {
	res := &schema.Response{Total: 3, TookMS: 1.25, Hits: []schema.Hit{
		{URL: "cases/ZK-2022-JS-0001/", KindLabel: "警示案例", Region: "太康县", Date: "2023-03-20",
			Title: "未经催告<mark>强制拆除</mark>案", Snippet: "…依法&lt;公告&gt;<mark>强制拆除</mark>…"},
	}}
	var b strings.Builder
	if err := search.WriteText(&b, res, search.TextOptions{BaseURL: "https://example.gov.cn/huajie/"}); err != nil {
		t.Fatal(err)
	}
	want := "3 条结果（1.2 毫秒）\n\n1. 未经催告【强制拆除】案\n   警示案例 · 太康县 · 2023-03-20\n   …依法<公告>【强制拆除】…\n   https://example.gov.cn/huajie/cases/ZK-2022-JS-0001/\n\n还有 2 条；用 --page 翻页，或用 --limit 多显示。\n"
	if b.String() != want {
		t.Errorf("WriteText =\n%s\nwant\n%s", b.String(), want)
	}
}
