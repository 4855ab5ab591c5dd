package serve

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"huajie/generator/diag"
)

func TestSecurePanicWithoutStack(t *testing.T) {
	var logged bytes.Buffer
	h := Secure(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom at secret.go:12") }), Limits{}, log.New(&logged, "", 0))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "boom") || strings.Contains(rec.Body.String(), "goroutine") {
		t.Errorf("panic answered %d %q", rec.Code, rec.Body.String())
	}
	if rec.Header().Get("Content-Security-Policy") != CSP {
		t.Error("no CSP on the error")
	}
	if !strings.Contains(logged.String(), "boom") || !strings.Contains(logged.String(), "goroutine") {
		t.Errorf("the stack is not in the server log: %q", logged.String())
	}
}

func TestSecureLimits(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	h := Secure(ok, Limits{MaxPath: 20, MaxQuery: 10}, nil)
	for _, c := range []struct {
		method, target string
		body           string
		want           int
	}{
		{"GET", "/a/", "", 200},
		{"HEAD", "/a/", "", 200},
		{"GET", "/" + strings.Repeat("a", 30), "", 414},
		{"GET", "/?q=" + strings.Repeat("a", 20), "", 414},
		{"POST", "/", "x", 405},
		{"PUT", "/", "", 405},
		{"GET", "/", "body", 413},
		{"GET", "/a%5Cb", "", 400},
	} {
		req := httptest.NewRequest(c.method, c.target, strings.NewReader(c.body))
		if c.body == "" {
			req.ContentLength = 0
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.want {
			t.Errorf("%s %s: %d, want %d", c.method, c.target, rec.Code, c.want)
		}
		if rec.Header().Get("X-Frame-Options") != "DENY" || rec.Header().Get("Content-Security-Policy") != CSP {
			t.Errorf("%s %s: headers %v", c.method, c.target, rec.Header())
		}
	}
}

func get(h http.Handler, method, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec
}

func TestLiveServesTheSnapshot(t *testing.T) {
	l := NewLive(LiveOptions{})
	if rec := get(l, "GET", "/"); rec.Code != 503 || !strings.Contains(rec.Body.String(), ScriptPath) {
		t.Errorf("before the first site: %d %q", rec.Code, rec.Body.String())
	}
	page := []byte("<!DOCTYPE html><html><head><title>x</title></head><body>案例</body></html>")
	l.Swap(&Site{Gen: 3, Files: map[string][]byte{
		"index.html": page, "cases/a/index.html": page, "404.html": []byte("<html><head></head>未找到</html>"),
		"static/css/site.css": []byte("body{}"), "feed.xml": []byte("<feed/>"),
	}, Extra: map[string][]byte{"search/manifest.json": []byte("{}")}})
	rec := get(l, "GET", "/cases/a/")
	want := `<title>x</title><script src="/_huajie/live.js?gen=3" defer></script></head>`
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), want) || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("page: %d %s %q", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
	}
	if !bytes.Equal(l.Current().Files["cases/a/index.html"], page) {
		t.Error("the snapshot's bytes were changed")
	}
	if rec := get(l, "HEAD", "/cases/a/"); rec.Code != 200 || rec.Body.Len() != 0 {
		t.Errorf("HEAD: %d, %d bytes", rec.Code, rec.Body.Len())
	}
	if rec := get(l, "GET", "/cases/a?x=1"); rec.Code != 301 || rec.Header().Get("Location") != "/cases/a/?x=1" {
		t.Errorf("folder without slash: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	if rec := get(l, "GET", "/nowhere/"); rec.Code != 404 || !strings.Contains(rec.Body.String(), "未找到") || !strings.Contains(rec.Body.String(), ScriptPath) {
		t.Errorf("404: %d %q", rec.Code, rec.Body.String())
	}
	for target, ctype := range map[string]string{
		"/static/css/site.css": "text/css; charset=utf-8", "/feed.xml": "text/xml; charset=utf-8",
		"/search/manifest.json": "application/json", ScriptPath: "text/javascript; charset=utf-8", StylePath: "text/css; charset=utf-8",
	} {
		if rec := get(l, "GET", target); rec.Code != 200 || rec.Header().Get("Content-Type") != ctype || rec.Body.Len() == 0 {
			t.Errorf("%s: %d %s", target, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
	if rec := get(l, "GET", "/../../etc/passwd"); rec.Code != 404 {
		t.Errorf("traversal: %d", rec.Code)
	}
}

func TestLiveEvents(t *testing.T) {
	l := NewLive(LiveOptions{MaxClients: 2})
	l.Swap(&Site{Gen: 1, Files: map[string][]byte{}})
	srv := httptest.NewServer(l)
	defer srv.Close()
	open := func() (*http.Response, *bufio.Reader) {
		resp, err := http.Get(srv.URL + EventsPath)
		if err != nil {
			t.Fatal(err)
		}
		return resp, bufio.NewReader(resp.Body)
	}
	next := func(br *bufio.Reader) (string, string) {
		var name, data string
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				t.Fatalf("stream: %v", err)
			}
			line = strings.TrimRight(line, "\n")
			switch {
			case line == "" && name != "":
				return name, data
			case strings.HasPrefix(line, "event: "):
				name = line[7:]
			case strings.HasPrefix(line, "data: "):
				data = line[6:]
			}
		}
	}
	a, ar := open()
	defer a.Body.Close()
	if name, data := next(ar); name != "hello" || data != `{"gen":1}` {
		t.Errorf("first event %s %s", name, data)
	}
	l.Fail([]Problem{{File: "cases/a.md", Line: 3, Col: 2, Message: "坏了"}}, 4)
	if name, data := next(ar); name != "error" || !strings.Contains(data, `"count":4`) || !strings.Contains(data, "坏了") {
		t.Errorf("error event %s %s", name, data)
	}
	b, br := open()
	defer b.Body.Close()
	next(br)
	if name, _ := next(br); name != "error" {
		t.Errorf("a client connecting while broken got %s", name)
	}
	if resp, err := http.Get(srv.URL + EventsPath); err != nil || resp.StatusCode != 503 {
		t.Errorf("a third client: %v %v", resp.StatusCode, err)
	} else {
		resp.Body.Close()
	}
	l.Swap(&Site{Gen: 2, Files: map[string][]byte{}})
	l.Reload([]string{"/cases/a/"}, false)
	if name, _ := next(ar); name != "ok" {
		t.Errorf("after a good build: %s", name)
	}
	if name, data := next(ar); name != "reload" || data != `{"gen":2,"all":false,"paths":["/cases/a/"]}` {
		t.Errorf("reload %s %s", name, data)
	}
	// Close ends the streams (graceful shutdown waits for them).
	done := make(chan struct{})
	go func() { io.Copy(io.Discard, br); close(done) }()
	l.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Error("Close did not end the stream")
	}
}

func TestProblemsSnippets(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "cases"), 0o755)
	os.WriteFile(filepath.Join(root, "cases", "a.md"), []byte("---\r\nid: x\r\ndomain: 错\r\n---\r\n正文\r\n"), 0o644)
	os.WriteFile(filepath.Join(filepath.Dir(root), "outside.md"), []byte("secret\nsecret\n"), 0o644)
	ps := Problems(root, []diag.Diagnostic{
		{Pos: diag.Pos{File: "cases/a.md", Line: 3, Col: 9}, Msg: "domain: unknown value"},
		{Pos: diag.Pos{File: "../outside.md", Line: 1}, Msg: "x"},
		{Pos: diag.Pos{File: filepath.Join(filepath.Dir(root), "outside.md"), Line: 1}, Msg: "x"},
		{Pos: diag.Pos{File: "layouts"}, Msg: "templates: broken"},
		{Pos: diag.Pos{File: "cases/a.md", Line: 1}, Msg: "over the limit"},
	}, 4)
	if len(ps) != 4 {
		t.Fatalf("%d problems, want 4 (the limit)", len(ps))
	}
	s := ps[0].Snippet
	if len(s) != 5 || s[0].Line != 1 || s[2].Text != "domain: 错" || s[4].Text != "正文" {
		t.Errorf("snippet %+v", s)
	}
	if ps[1].Snippet != nil || ps[2].Snippet != nil {
		t.Error("a file outside the site was read")
	}
	if ps[3].Snippet != nil || ps[3].Message != "templates: broken" {
		t.Errorf("%+v", ps[3])
	}
}

func TestServeShutsDownGracefully(t *testing.T) {
	l := NewLive(LiveOptions{})
	l.Swap(&Site{Gen: 1, Files: map[string][]byte{"index.html": []byte("<html><head></head></html>")}})
	srv := NewServer(Secure(l, Limits{}, nil), nil)
	srv.RegisterOnShutdown(l.Close)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, srv) }()
	resp, err := http.Get("http://" + ln.Addr().String() + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	bufio.NewReader(resp.Body).ReadString('\n')
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
		if time.Since(start) > 3*time.Second {
			t.Errorf("shutdown took %s with an open event stream", time.Since(start))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no shutdown")
	}
}
