package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"huajie/generator/build"
	"huajie/generator/internal/testsite"
	"huajie/generator/live"
	"huajie/generator/watch"
)

// copySite copies the repository's site into a temporary folder to edit.
func copySite(t *testing.T) string {
	t.Helper()
	return testsite.Copy(t, repoRoot)
}

// waitJS polls a JavaScript condition in the tab.
func waitJS(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s (%s)", what, js)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestLiveReloadAndOverlay runs huajie serve on a copy of the site and
// edits it under an open page: the page reloads at the same scroll
// position; a broken save shows the problems over it (as text, even when
// they hold markup) and over a page opened meanwhile; the fix removes them.
func TestLiveReloadAndOverlay(t *testing.T) {
	ctx := newTab(t)
	src := copySite(t)
	srv, err := live.New(live.Options{Build: build.Options{Source: src}, Addr: "127.0.0.1:0",
		Watch: watch.Options{Quiet: 20 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(runCtx) }()
	t.Cleanup(func() { stop(); <-done })
	for srv.Status().Gen == 0 {
		time.Sleep(20 * time.Millisecond)
	}
	const rel = "cases/mediation/ZK-2022-HJ-0001.md"
	edit := func(re, repl string) {
		t.Helper()
		p := filepath.Join(src, filepath.FromSlash(rel))
		b, _ := os.ReadFile(p)
		out := regexp.MustCompile(re).ReplaceAllString(string(b), repl)
		tmp := p + ".tmp"
		os.WriteFile(tmp, []byte(out), 0o644)
		os.Rename(tmp, p)
	}

	page := srv.URL() + "cases/ZK-2022-HJ-0001/"
	do(t, ctx, chromedp.Navigate(page))
	waitJS(t, ctx, "the page", `document.readyState === "complete"`)
	eval[bool](t, ctx, `window.scrollTo(0, 600); window.__notReloaded = true`)
	if y := eval[float64](t, ctx, `window.scrollY`); y != 600 {
		t.Fatalf("the page does not scroll to 600 (%v)", y)
	}
	time.Sleep(300 * time.Millisecond) // the event stream connects

	edit(`(?m)^title: .*$`, "title: 浏览器里看到的新标题")
	waitJS(t, ctx, "the reload", `!window.__notReloaded && document.title.includes("浏览器里看到的新标题")`)
	waitJS(t, ctx, "the scroll position", `Math.abs(window.scrollY - 600) < 2`)

	edit(`(?m)^domain: .*$`, "domain: <img src=x id=injected>")
	waitJS(t, ctx, "the overlay", `!!document.querySelector(".huajie-overlay")`)
	text := eval[string](t, ctx, `document.querySelector(".huajie-overlay").textContent`)
	for _, want := range []string{"构建失败", rel + ":7:9", "<img src=x id=injected>", "domain: unknown value"} {
		if !strings.Contains(text, want) {
			t.Errorf("overlay lacks %q:\n%s", want, text)
		}
	}
	if eval[bool](t, ctx, `!!document.getElementById("injected") || !!document.querySelector(".huajie-overlay img")`) {
		t.Error("markup of a diagnostic became an element")
	}
	if eval[string](t, ctx, `getComputedStyle(document.querySelector(".huajie-overlay")).position`) != "fixed" {
		t.Error("the overlay's stylesheet did not load")
	}

	// A page opened while the build is broken shows the problems too.
	other := newTab(t)
	do(t, other, chromedp.Navigate(srv.URL()+"rules/"))
	waitJS(t, other, "the overlay on a new page", `!!document.querySelector(".huajie-overlay")`)

	edit(`(?m)^domain: .*$`, "domain: 不动产登记")
	waitJS(t, ctx, "the overlay to go", `!document.querySelector(".huajie-overlay")`)
	waitJS(t, other, "the overlay to go on the other page", `!document.querySelector(".huajie-overlay")`)
}
