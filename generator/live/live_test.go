package live

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"huajie/generator/build"
	"huajie/generator/internal/testsite"
	"huajie/generator/serve"
	"huajie/generator/watch"
)

// copySite copies the repository's own site into a temporary folder.
func copySite(t testing.TB) string {
	t.Helper()
	return testsite.Copy(t, filepath.Join("..", ".."))
}

// running is a server started for a test.
type running struct {
	*Server
	cancel context.CancelFunc
	done   chan error
	log    *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs a server on a free port for the site at src and waits for
// its first build (good or not).
func start(t testing.TB, src string) *running {
	t.Helper()
	lg := &syncBuffer{}
	s, err := New(Options{Build: buildOptions(src), Addr: "127.0.0.1:0", Log: lg,
		Watch: watch.Options{Quiet: 20 * time.Millisecond, MaxDelay: 300 * time.Millisecond}, StaticDelay: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{Server: s, cancel: cancel, done: make(chan error, 1), log: lg}
	go func() { r.done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-r.done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("the server did not shut down")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", lg.String())
		}
	})
	r.waitFor(t, "the first build", func(st Status) bool { return st.Builds > 0 })
	return r
}

// waitFor polls the server's status until cond holds.
func (r *running) waitFor(t testing.TB, what string, cond func(Status) bool) Status {
	t.Helper()
	return r.waitWithin(t, 60*time.Second, what, cond)
}

// waitWithin is waitFor with another time limit.
func (r *running) waitWithin(t testing.TB, limit time.Duration, what string, cond func(Status) bool) Status {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		st := r.Status()
		if cond(st) {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s: %+v", what, st)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// get fetches a path of the server.
func (r *running) get(t testing.TB, path string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(strings.TrimSuffix(r.URL(), "/") + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// sse is an event-stream client.
type sse struct {
	events chan sseEvent
	close  func()
}

type sseEvent struct {
	name string
	data string
	at   time.Time
}

func (r *running) events(t testing.TB) *sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, r.URL()+strings.TrimPrefix(serve.EventsPath, "/"), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		cancel()
		t.Fatalf("events: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	s := &sse{events: make(chan sseEvent, 64), close: func() { cancel(); resp.Body.Close() }}
	go func() {
		defer close(s.events)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					ev.at = time.Now()
					s.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	t.Cleanup(s.close)
	return s
}

// next waits for the next event of one of the names, skipping others.
func (s *sse) next(t testing.TB, names ...string) sseEvent {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				t.Fatalf("the event stream ended waiting for %v", names)
			}
			for _, n := range names {
				if ev.name == n {
					return ev
				}
			}
		case <-timeout:
			t.Fatalf("no %v event", names)
		}
	}
}

// drain discards the events received so far.
func (s *sse) drain() {
	for {
		select {
		case <-s.events:
		default:
			return
		}
	}
}

// edit rewrites the first match of re in a site file.
func edit(t testing.TB, root, rel, re, repl string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	rx := regexp.MustCompile(re)
	loc := rx.FindIndex(b)
	if loc == nil {
		t.Fatalf("%s: no match for %s", rel, re)
	}
	out := string(b[:loc[0]]) + string(rx.ReplaceAll(b[loc[0]:loc[1]], []byte(repl))) + string(b[loc[1]:])
	// As an editor saves: a temporary file renamed over the original.
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".swp")
	if err := os.WriteFile(tmp, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

const caseRel = "cases/mediation/ZK-2022-HJ-0001.md"
const casePage = "/cases/ZK-2022-HJ-0001/"

func TestEditReloadsThePage(t *testing.T) {
	src := copySite(t)
	r := start(t, src)
	r.waitFor(t, "the search index", func(st Status) bool { return st.IndexGen == 1 })
	code, h, page := r.get(t, casePage)
	if code != 200 || !strings.Contains(page, `<script src="/_huajie/live.js?gen=1" defer></script></head>`) {
		t.Fatalf("case page: %d, live script injected: %v", code, strings.Contains(page, "/_huajie/live.js"))
	}
	if h.Get("Content-Security-Policy") != serve.CSP || h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("headers: %v", h)
	}
	ev := r.events(t)
	if hello := ev.next(t, "hello"); hello.data != `{"gen":1}` {
		t.Errorf("hello: %s", hello.data)
	}

	edit(t, src, caseRel, `(?m)^title: .*$`, "title: 邓某甲诉沈丘县自然资源局房屋转移登记案（修订标题）")
	reload := ev.next(t, "reload")
	var d struct {
		Gen   int
		All   bool
		Paths []string
	}
	if err := json.Unmarshal([]byte(reload.data), &d); err != nil {
		t.Fatal(err)
	}
	if d.Gen != 2 || d.All || !contains(d.Paths, casePage) || !contains(d.Paths, "/cases/oldest/") {
		t.Errorf("reload event: %+v", d)
	}
	if _, _, page := r.get(t, casePage); !strings.Contains(page, "（修订标题）") {
		t.Error("the page does not show the new title")
	}
	st := r.Status()
	if st.Last == nil || st.Last.Ran*4 > st.Last.Jobs {
		t.Errorf("the edit re-ran %d of %d jobs", st.Last.Ran, st.Last.Jobs)
	}

	// The search API follows.
	r.waitFor(t, "the search index", func(st Status) bool { return st.IndexGen >= 2 })
	_, _, body := r.get(t, "/api/search?q=修订标题")
	if !strings.Contains(body, "ZK-2022-HJ-0001") {
		t.Errorf("search after the edit: %s", body)
	}
	// And the static index, once the files are quiet.
	r.waitFor(t, "the static search index", func(st Status) bool { return st.SearchGen >= 2 })
	if code, _, _ := r.get(t, "/search/manifest.json"); code != 200 {
		t.Errorf("static search manifest: %d", code)
	}

	// A new folder with a new case: watched, built, linked from the lists.
	b, _ := os.ReadFile(filepath.Join(src, caseRel))
	nb := strings.Replace(string(b), "id: ZK-2022-HJ-0001", "id: ZK-2022-HJ-0901", 1)
	nb = strings.Replace(nb, "related: [ZK-2023-HJ-0020]\n", "", 1)
	os.MkdirAll(filepath.Join(src, "cases", "mediation", "2022"), 0o755)
	os.WriteFile(filepath.Join(src, "cases", "mediation", "2022", "ZK-2022-HJ-0901.md"), []byte(nb), 0o644)
	ev.next(t, "reload")
	if code, _, _ := r.get(t, "/cases/ZK-2022-HJ-0901/"); code != 200 {
		t.Errorf("the new case: %d", code)
	}
}

func TestBrokenFileShowsTheOverlay(t *testing.T) {
	src := copySite(t)
	r := start(t, src)
	_, _, good := r.get(t, casePage)
	ev := r.events(t)
	ev.next(t, "hello")

	edit(t, src, caseRel, `(?m)^domain: .*$`, "domain: 不动产登记登记")
	e := ev.next(t, "error")
	var payload struct {
		Count    int
		Problems []serve.Problem
	}
	if err := json.Unmarshal([]byte(e.data), &payload); err != nil {
		t.Fatal(err)
	}
	if payload.Count != 1 || len(payload.Problems) != 1 {
		t.Fatalf("error event: %s", e.data)
	}
	p := payload.Problems[0]
	if p.File != caseRel || p.Line != 7 || p.Col != 9 || !strings.Contains(p.Message, "不动产登记登记") {
		t.Errorf("problem: %+v", p)
	}
	found := false
	for _, l := range p.Snippet {
		if l.Line == 7 && l.Text == "domain: 不动产登记登记" {
			found = true
		}
	}
	if !found || len(p.Snippet) != 5 {
		t.Errorf("snippet: %+v", p.Snippet)
	}
	if !strings.Contains(r.log.String(), caseRel+":7:9: domain: unknown value") {
		t.Errorf("the terminal does not show the problem:\n%s", r.log.String())
	}

	// The last good page is still served, with the script that shows the
	// overlay; a page opened now gets the error as it connects.
	code, _, page := r.get(t, casePage)
	if code != 200 || page != good {
		t.Errorf("while broken the page is %d and changed: %v", code, page != good)
	}
	late := r.events(t)
	late.next(t, "hello")
	if e := late.next(t, "error", "reload"); e.name != "error" || !strings.Contains(e.data, "不动产登记登记") {
		t.Errorf("a page opened while broken got %s %s", e.name, e.data)
	}

	// The next good save removes it and reloads.
	edit(t, src, caseRel, `(?m)^domain: .*$`, "domain: 不动产登记")
	if e := ev.next(t, "ok", "reload", "error"); e.name != "ok" {
		t.Fatalf("after the fix: %s %s", e.name, e.data)
	}
	ev.next(t, "reload")
	if r.Status().Failing {
		t.Error("still failing")
	}
}

func TestBrokenFromTheStart(t *testing.T) {
	src := copySite(t)
	edit(t, src, "site.yaml", `(?m)^title: .*$`, "title: [")
	r := start(t, src)
	code, _, page := r.get(t, "/")
	if code != http.StatusServiceUnavailable || !strings.Contains(page, serve.ScriptPath) {
		t.Fatalf("before any good build: %d\n%s", code, page)
	}
	ev := r.events(t)
	if e := ev.next(t, "error"); !strings.Contains(e.data, `"file":"site.yaml"`) {
		t.Errorf("error event: %s", e.data)
	}
	edit(t, src, "site.yaml", `(?m)^title: \[$`, "title: 周口市行政争议协调化解中心")
	ev.next(t, "reload")
	if code, _, _ := r.get(t, "/"); code != 200 {
		t.Errorf("after the fix: %d", code)
	}
}

// TestHardening tries to read outside the site and to send oversized or
// unexpected requests.
func TestHardening(t *testing.T) {
	src := copySite(t)
	const secret = "TOP-SECRET-CONTENT-42"
	os.WriteFile(filepath.Join(filepath.Dir(src), "secret.txt"), []byte(secret), 0o644)
	r := start(t, src)
	r.waitFor(t, "the search index", func(st Status) bool { return st.IndexGen == 1 })
	host := strings.TrimSuffix(strings.TrimPrefix(r.URL(), "http://"), "/")
	raw := func(request string) (int, string) {
		t.Helper()
		c, err := net.DialTimeout("tcp", host, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(10 * time.Second))
		io.WriteString(c, request)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("%q: %v", request, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, p := range []string{
		"/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt", "/..%2fsecret.txt",
		"/cases/..%2f..%2f..%2fsecret.txt", "/static/../../secret.txt", "/%2e%2e%5csecret.txt",
		"/..\\secret.txt", "//etc/passwd", "/cases/%00/", "/.huajie/index/index_meta.json", "/site.yaml",
	} {
		code, body := raw("GET " + p + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
		if strings.Contains(body, secret) || strings.Contains(body, "root:") || strings.Contains(body, "title:") || code == 200 {
			t.Errorf("GET %s: %d %q", p, code, cut(body))
		}
	}
	big := strings.Repeat("征", 300)
	for _, c := range []struct {
		req  string
		want int
	}{
		{"GET /?" + strings.Repeat("a", 3000) + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 414},
		{"GET /" + strings.Repeat("a/", 700) + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 414},
		{"GET /api/search?q=" + big + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 400},
		{"GET /api/search?q=a&size=1000 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 400},
		{"GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + strings.Repeat("b", 20<<10) + "\r\nConnection: close\r\n\r\n", 431},
		{"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd", 405},
		{"GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd", 413},
		{"DELETE /api/search HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", 405},
	} {
		if code, body := raw(c.req); code != c.want {
			t.Errorf("%s: %d, want %d (%q)", cut(c.req), code, c.want, cut(body))
		}
	}
	// Security headers on every response, errors and the API included.
	for _, p := range []string{"/", "/nowhere/", "/api/search?q=征收", "/_huajie/live.js", "/?" + strings.Repeat("a", 3000)} {
		_, h, body := r.get(t, p)
		if h.Get("Content-Security-Policy") != serve.CSP || h.Get("X-Frame-Options") != "DENY" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", cut(p), h)
		}
		if strings.Contains(body, "goroutine ") || strings.Contains(body, ".go:") {
			t.Errorf("%s: a stack trace in the response", cut(p))
		}
	}
	if code, _, body := r.get(t, "/nowhere/"); code != 404 || !strings.Contains(body, "页面未找到") {
		t.Errorf("404: %d", code)
	}
	if code, _, _ := r.get(t, "/cases/ZK-2022-HJ-0001"); code != 200 { // redirected to the folder
		t.Errorf("a folder without its slash: %d", code)
	}
}

func cut(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func buildOptions(src string) build.Options { return build.Options{Source: src, Version: "test"} }
