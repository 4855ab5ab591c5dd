package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// CSP is the Content-Security-Policy of every response: scripts, styles,
// connections (the live-reload event stream, the search API) and images
// from the site itself only, no inline scripts, no framing.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// Limits bound what one request may ask. Zero values take the defaults in
// brackets.
type Limits struct {
	MaxPath  int // bytes of the URL path [1024]
	MaxQuery int // bytes of the raw query [2048]
}

// secureHeaders sets the headers every response carries.
func secureHeaders(h http.Header) {
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
}

// Secure wraps a handler with the server's rules: the security headers on
// every response; only GET and HEAD, without a body; bounded path and
// query; and a panic answered by a plain 500 (the stack goes to errLog,
// never to the client).
func Secure(h http.Handler, lim Limits, errLog *log.Logger) http.Handler {
	if lim.MaxPath <= 0 {
		lim.MaxPath = 1024
	}
	if lim.MaxQuery <= 0 {
		lim.MaxQuery = 2048
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secureHeaders(w.Header())
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				if errLog != nil {
					errLog.Printf("panic serving %s: %v\n%s", r.URL.Path, v, debug.Stack())
				}
				plain(w, http.StatusInternalServerError, "500 服务器内部错误")
			}
		}()
		switch {
		case r.Method != http.MethodGet && r.Method != http.MethodHead:
			w.Header().Set("Allow", "GET, HEAD")
			plain(w, http.StatusMethodNotAllowed, "405 不支持该请求方法")
		case r.ContentLength != 0:
			plain(w, http.StatusRequestEntityTooLarge, "413 请求不应带有正文")
		case len(r.URL.EscapedPath()) > lim.MaxPath || len(r.URL.RawQuery) > lim.MaxQuery:
			plain(w, http.StatusRequestURITooLong, "414 请求地址过长")
		case strings.ContainsAny(r.URL.Path, "\x00\\"):
			plain(w, http.StatusBadRequest, "400 请求地址无效")
		default:
			h.ServeHTTP(w, r)
		}
	})
}

// plain writes a short text response.
func plain(w http.ResponseWriter, code int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Del("Content-Length")
	w.WriteHeader(code)
	io.WriteString(w, msg+"\n")
}

// NewServer returns an HTTP server for h with conservative timeouts and a
// bounded header size. Long-lived responses (the event stream) lift their
// own deadlines.
func NewServer(h http.Handler, errLog *log.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          errLog,
	}
}

// Serve serves srv on ln until ctx is cancelled, then shuts down
// gracefully: no new connections, requests in flight get 5 seconds.
func Serve(ctx context.Context, ln net.Listener, srv *http.Server) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shut); err != nil {
			srv.Close()
			return fmt.Errorf("shutting down: %w", err)
		}
		<-errc
		return nil
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
}

// LocalURL is the address pages are built with for a listener: its own,
// with a loopback host when it listens on every interface.
func LocalURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	if _, err := strconv.Atoi(port); err != nil {
		return "http://" + a.String() + "/"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
