package browsertest

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"huajie/generator/build"
	"huajie/generator/serve"
)

// repoRoot is the repository; siteRoot the site folder the checks build
// (HUAJIE_SITE overrides it, e.g. to check another site with the same tests).
var repoRoot = filepath.Join("..", "..")

func siteRoot() string {
	if s := os.Getenv("HUAJIE_SITE"); s != "" {
		return s
	}
	return repoRoot
}

// required reports whether missing tools fail the tests instead of skipping them.
func required() bool { return os.Getenv("HUAJIE_BROWSER_REQUIRED") != "" }

func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	if required() {
		t.Fatalf(format, args...)
	}
	t.Skipf(format+" (set HUAJIE_BROWSER_REQUIRED=1 to make this a failure)", args...)
}

// chromiumPath finds Debian's chromium.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("HUAJIE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	skipOrFail(t, "browser checks skipped: chromium not found (apt-get install chromium fonts-noto-cjk)")
	return ""
}

// Site is a build of the repository served on loopback.
type Site struct {
	URL string // base URL, with a trailing slash
	Dir string
}

var (
	sitesMu sync.Mutex
	sites   = map[string]*Site{}
)

// serveSite builds the repository's site under basePath ("/" or "/huajie/")
// and serves it for the rest of the test binary's life.
func serveSite(t *testing.T, basePath string) *Site {
	t.Helper()
	sitesMu.Lock()
	defer sitesMu.Unlock()
	if s := sites[basePath]; s != nil {
		return s
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + basePath
	dir, err := os.MkdirTemp("", "huajie-browser-")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	if _, err := build.Build(context.Background(), build.Options{Source: siteRoot(), Output: out, BaseURL: base}); err != nil {
		t.Fatalf("building the site: %v", err)
	}
	var h http.Handler = serve.Handler(out)
	if basePath != "/" {
		mux := http.NewServeMux()
		mux.Handle(basePath, http.StripPrefix(strings.TrimSuffix(basePath, "/"), h))
		mux.Handle("/", http.NotFoundHandler())
		h = mux
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	s := &Site{URL: base, Dir: out}
	sites[basePath] = s
	return s
}

var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
)

// newTab returns a context for a fresh tab of the shared headless browser.
func newTab(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath(t)
	browserOnce.Do(func() {
		dataDir, err := os.MkdirTemp("", "huajie-chromium-")
		if err != nil {
			browserErr = err
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.UserDataDir(dataDir),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("lang", "zh-CN"),
			chromedp.WindowSize(1280, 900),
		)
		alloc, _ := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, _ := chromedp.NewContext(alloc)
		// Start the browser now so that every test's tab shares it.
		browserErr = chromedp.Do(ctx, chromedp.Navigate("about:blank"))
		browserCtx = ctx
	})
	if browserErr != nil {
		t.Fatalf("starting chromium: %v", browserErr)
	}
	ctx, cancel := chromedp.NewContext(browserCtx)
	t.Cleanup(cancel)
	ctx, cancel2 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel2)
	return ctx
}

// toolsDir is the folder of the pinned Node tools, or it skips.
func toolsDir(t *testing.T) string {
	t.Helper()
	dir, _ := filepath.Abs(filepath.Join(repoRoot, "tools", "browser"))
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil {
		skipOrFail(t, "node tools not installed: run npm ci in tools/browser")
	}
	if _, err := exec.LookPath("node"); err != nil {
		skipOrFail(t, "node not found")
	}
	return dir
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}
