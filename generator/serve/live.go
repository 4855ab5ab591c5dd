package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"huajie/themes"
)

// Reserved paths of the live server. The site cannot have a page there:
// its output has no folder _huajie.
const (
	ScriptPath = "/_huajie/live.js"
	StylePath  = "/_huajie/live.css"
	EventsPath = "/_huajie/events"
)

// Site is one version of a site to serve: its files by slash path
// ("cases/ZK-2023-HJ-0001/index.html"), then Extra (the static search
// index, written after the pages). Neither map is changed once the site
// is given to Live.Swap.
type Site struct {
	Files map[string][]byte
	Extra map[string][]byte
	// Gen counts the good builds; pages learn it to notice a reload they
	// missed.
	Gen int
}

func (s *Site) file(rel string) ([]byte, bool) {
	if b, ok := s.Files[rel]; ok {
		return b, true
	}
	b, ok := s.Extra[rel]
	return b, ok
}

// LiveOptions configure Live. Zero values take the defaults in brackets.
type LiveOptions struct {
	MaxClients int           // open event streams [64]
	KeepAlive  time.Duration // comment sent on an idle stream [20s]
}

// Live serves the current Site from memory and keeps open pages in step
// with it: every HTML page gets a small script (ScriptPath; no inline
// script, so the CSP holds) that listens on EventsPath and reloads the
// page when it changed, keeping its scroll position, and that shows the
// diagnostics of a failed build over the page until a good build. Swap
// replaces the site atomically: a request is answered wholly from one
// version.
type Live struct {
	opts  LiveOptions
	site  atomic.Pointer[Site]
	js    []byte
	css   []byte
	done  chan struct{}
	close sync.Once

	mu      sync.Mutex
	clients map[*client]bool
	failure []byte // the error event's data while the build is broken
}

type client struct {
	ch   chan event
	gone chan struct{}
}

type event struct {
	name string
	data []byte
}

// NewLive returns a live handler with no site yet: until the first Swap it
// answers pages with a placeholder that waits for the build.
func NewLive(opts LiveOptions) *Live {
	if opts.MaxClients <= 0 {
		opts.MaxClients = 64
	}
	if opts.KeepAlive <= 0 {
		opts.KeepAlive = 20 * time.Second
	}
	js, _ := fs.ReadFile(themes.Default(), "live/live.js")
	css, _ := fs.ReadFile(themes.Default(), "live/live.css")
	return &Live{opts: opts, js: js, css: css, done: make(chan struct{}), clients: map[*client]bool{}}
}

// Swap makes s the site served from now on.
func (l *Live) Swap(s *Site) { l.site.Store(s) }

// Current is the site being served, or nil.
func (l *Live) Current() *Site { return l.site.Load() }

// Reload tells open pages that the pages at paths changed (URL paths such
// as "/cases/ZK-2023-HJ-0001/"), or every page when all is set, and that
// the build is good again. The site must have been swapped in first.
func (l *Live) Reload(paths []string, all bool) {
	gen := 0
	if s := l.Current(); s != nil {
		gen = s.Gen
	}
	if paths == nil {
		paths = []string{}
	}
	data, _ := json.Marshal(struct {
		Gen   int      `json:"gen"`
		All   bool     `json:"all"`
		Paths []string `json:"paths"`
	}{gen, all, paths})
	ok, _ := json.Marshal(map[string]int{"gen": gen})
	l.mu.Lock()
	was := l.failure != nil
	l.failure = nil
	l.mu.Unlock()
	if was {
		l.broadcast(event{"ok", ok})
	}
	l.broadcast(event{"reload", data})
}

// Fail shows the problems of a failed build on every open page, and on
// every page opened until the next Reload. total is the number of
// problems, which may be more than those given.
func (l *Live) Fail(problems []Problem, total int) {
	if problems == nil {
		problems = []Problem{}
	}
	data, _ := json.Marshal(struct {
		Count    int       `json:"count"`
		Problems []Problem `json:"problems"`
	}{total, problems})
	l.mu.Lock()
	l.failure = data
	l.mu.Unlock()
	l.broadcast(event{"error", data})
}

// Failing reports whether the last build failed.
func (l *Live) Failing() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.failure != nil
}

// Close ends every event stream (for a graceful shutdown, which waits for
// handlers to return).
func (l *Live) Close() { l.close.Do(func() { close(l.done) }) }

// Clients is the number of open event streams.
func (l *Live) Clients() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.clients)
}

func (l *Live) broadcast(ev event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for c := range l.clients {
		select {
		case c.ch <- ev:
		default:
			// A client that does not keep up is dropped; its page
			// reconnects and gets the current state.
			delete(l.clients, c)
			close(c.gone)
		}
	}
}

// ServeHTTP serves the reserved paths and the site's files.
func (l *Live) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case ScriptPath:
		l.asset(w, r, "text/javascript; charset=utf-8", l.js)
		return
	case StylePath:
		l.asset(w, r, "text/css; charset=utf-8", l.css)
		return
	case EventsPath:
		l.events(w, r)
		return
	}
	s := l.Current()
	if s == nil {
		l.placeholder(w, r)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	rel := strings.TrimPrefix(p, "/")
	if strings.HasSuffix(r.URL.Path, "/") || rel == "" {
		rel = path.Join(rel, "index.html")
	}
	b, ok := s.file(rel)
	if !ok && path.Ext(rel) == "" {
		if _, dir := s.file(rel + "/index.html"); dir {
			target := p + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	code := http.StatusOK
	if !ok {
		code, rel = http.StatusNotFound, "404.html"
		if b, ok = s.file(rel); !ok {
			plain(w, http.StatusNotFound, "404 页面未找到")
			return
		}
	}
	ctype := mime.TypeByExtension(path.Ext(rel))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	if strings.HasPrefix(ctype, "text/html") {
		b = inject(b, s.Gen)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

func (l *Live) asset(w http.ResponseWriter, r *http.Request, ctype string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// inject adds the live script to a page, before </head>. The page's bytes
// are shared with the snapshot, so a new slice is made.
func inject(page []byte, gen int) []byte {
	tag := `<script src="` + ScriptPath + `?gen=` + strconv.Itoa(gen) + `" defer></script>`
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// placeholder answers before the first good build: a page that shows the
// build's problems and reloads when the site is ready.
func (l *Live) placeholder(w http.ResponseWriter, r *http.Request) {
	if path.Ext(r.URL.Path) != "" && path.Ext(r.URL.Path) != ".html" {
		plain(w, http.StatusServiceUnavailable, "503 网站正在构建")
		return
	}
	page := []byte(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>正在构建 - huajie</title>
</head>
<body>
<main>
<h1>网站正在构建</h1>
<p>构建完成后本页会自动刷新。如构建出错，错误会显示在本页上方；修正后保存即可。</p>
</main>
</body>
</html>
`)
	b := inject(page, 0)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Retry-After", "2")
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// events is the event stream of a page: on connect "hello" with the
// current build number and, while the build is broken, "error"; then
// "reload", "error" and "ok" as builds finish.
func (l *Live) events(w http.ResponseWriter, r *http.Request) {
	c := &client{ch: make(chan event, 16), gone: make(chan struct{})}
	l.mu.Lock()
	if len(l.clients) >= l.opts.MaxClients {
		l.mu.Unlock()
		w.Header().Set("Retry-After", "5")
		plain(w, http.StatusServiceUnavailable, "503 连接过多")
		return
	}
	l.clients[c] = true
	failure := l.failure
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		if l.clients[c] {
			delete(l.clients, c)
			close(c.gone)
		}
		l.mu.Unlock()
	}()

	rc := http.NewResponseController(w)
	// The stream outlives the server's read and write timeouts; each
	// write gets a deadline of its own instead.
	rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	send := func(evs ...event) bool {
		rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		for _, ev := range evs {
			if ev.name == "" {
				fmt.Fprintf(w, ": %s\n\n", ev.data)
			} else if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data); err != nil {
				return false
			}
		}
		return rc.Flush() == nil
	}
	gen := 0
	if s := l.Current(); s != nil {
		gen = s.Gen
	}
	hello, _ := json.Marshal(map[string]int{"gen": gen})
	first := []event{{"", []byte("huajie live reload")}, {"hello", hello}}
	if failure != nil {
		first = append(first, event{"error", failure})
	}
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil || !send(first...) {
		return
	}
	tick := time.NewTicker(l.opts.KeepAlive)
	defer tick.Stop()
	for {
		select {
		case ev := <-c.ch:
			if !send(ev) {
				return
			}
		case <-tick.C:
			if !send(event{"", []byte("ping")}) {
				return
			}
		case <-c.gone:
			return
		case <-l.done:
			return
		case <-r.Context().Done():
			return
		}
	}
}
