// Package serve is the HTTP side of huajie serve: a site served from an
// in-memory snapshot swapped atomically on every rebuild, with the
// live-reload event stream and the error overlay (Live); the security
// headers, request limits and timeouts of every response (Secure,
// NewServer); and a built site folder served as files (Handler).
package serve

import (
	"context"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Handler serves files under dir only. Paths are cleaned before use, so
// "../" cannot leave the folder, and symbolic links that point outside it
// are refused.
func Handler(dir string) http.Handler {
	root, _ := filepath.Abs(dir)
	fileServer := http.FileServer(http.Dir(root))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secureHeaders(w.Header())
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := path.Clean("/" + r.URL.Path)
		full := filepath.Join(root, filepath.FromSlash(p))
		real, err := filepath.EvalSymlinks(full)
		if err == nil && real != root && !strings.HasPrefix(real, root+string(filepath.Separator)) {
			notFound(w, root)
			return
		}
		st, err := os.Stat(full)
		if err != nil || (st.IsDir() && !exists(filepath.Join(full, "index.html"))) {
			notFound(w, root)
			return
		}
		fileServer.ServeHTTP(w, r)
	})
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func notFound(w http.ResponseWriter, root string) {
	b, err := os.ReadFile(filepath.Join(root, "404.html"))
	if err != nil {
		http.Error(w, "404 页面未找到", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(b)
}

// Run serves dir on addr until ctx is cancelled, then shuts down gracefully.
// ready, if not nil, receives the listening address.
func Run(ctx context.Context, addr, dir string, ready func(net.Addr)) error {
	return RunHandler(ctx, addr, Handler(dir), ready)
}

// RunHandler serves h on addr as Run serves a folder: the caller composes
// the folder with other handlers (the search API).
func RunHandler(ctx context.Context, addr string, h http.Handler, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(ln.Addr())
	}
	return Serve(ctx, ln, NewServer(h, nil))
}
