package browsertest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestHomeToRuleArticle walks home → 工作规则 → the work rules → an article anchor.
func TestHomeToRuleArticle(t *testing.T) {
	s := serveSite(t, "/")
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(s.URL))
	do(t, ctx, chromedp.Click(chromedp.CSS(`.site-nav a[href$="/rules/"]`)), chromedp.WaitVisible(chromedp.CSS(`.doc-list`)))
	do(t, ctx, chromedp.Click(chromedp.CSS(`.doc-list a[href$="/rules/work-rules/"]`)), chromedp.WaitVisible(chromedp.CSS(`#art-20`)))
	if title := run(t, ctx, chromedp.Title()); !strings.Contains(title, "工作规则") {
		t.Fatalf("title %q", title)
	}
	// The table of contents leads to a chapter; an article link to its anchor.
	do(t, ctx, chromedp.Click(chromedp.CSS(`.toc a[href="#ch-4"]`)))
	if got := eval[string](t, ctx, `location.hash`); got != "#ch-4" {
		t.Fatalf("hash after TOC click = %q", got)
	}
	do(t, ctx, chromedp.Navigate(s.URL+"rules/work-rules/#art-20"))
	got := eval[string](t, ctx, `document.querySelector(":target") && document.querySelector(":target").id`)
	if got != "art-20" {
		t.Fatalf(":target = %q, want art-20", got)
	}
	top := eval[float64](t, ctx, `document.getElementById("art-20").getBoundingClientRect().top`)
	if top < 0 || top > 200 {
		t.Errorf("article 20 is not scrolled into view (top %.0f)", top)
	}
	label := eval[string](t, ctx, `document.querySelector("#art-20 .art-no").textContent`)
	if label != "第二十条" {
		t.Errorf("visible number %q", label)
	}
}

// anchorsResolve opens every link matched by sel on the current page and
// checks that the target page exists and holds the #fragment.
func anchorsResolve(t *testing.T, ctx context.Context, pageURL, sel string, min int) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(pageURL))
	hrefs := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(`+strconv.Quote(sel)+`)).map(a => new URL(a.getAttribute("href"), location.href).href)`)
	if len(hrefs) < min {
		t.Fatalf("%s: %d links match %s, want at least %d", pageURL, len(hrefs), sel, min)
	}
	current := ""
	for _, h := range hrefs {
		pg, frag, _ := strings.Cut(h, "#")
		if pg != current {
			resp := run(t, ctx, chromedp.NavigateResponse(pg))
			if resp == nil || resp.Status != 200 {
				t.Errorf("%s → %s: no page (%v)", pageURL, pg, resp)
				continue
			}
			current = pg
		}
		if frag != "" && !eval[bool](t, ctx, `!!document.getElementById(decodeURIComponent(`+strconv.Quote(frag)+`))`) {
			t.Errorf("%s → %s: no element #%s", pageURL, h, frag)
		}
	}
}

// TestFlowchartLinks follows every rule and template link of the flowchart.
func TestFlowchartLinks(t *testing.T) {
	s := serveSite(t, "/")
	ctx := newTab(t)
	anchorsResolve(t, ctx, s.URL+"flow/mediation/", `.flow-steps .refs a`, 20)
	anchorsResolve(t, ctx, s.URL+"flow/mediation/", `.flowchart-figure svg a`, 20)
}

// TestCaseCitationLinks follows the citations of the lead case of the 商水县 series.
func TestCaseCitationLinks(t *testing.T) {
	s := serveSite(t, "/")
	ctx := newTab(t)
	anchorsResolve(t, ctx, s.URL+"cases/ZK-2023-HJ-0001/", `cite.citation a`, 1)
}

// TestTaxonomyFilter filters the case list by a county and checks every card.
func TestTaxonomyFilter(t *testing.T) {
	s := serveSite(t, "/")
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(s.URL+"cases/"))
	do(t, ctx, chromedp.Click(chromedp.CSS(`.facets a[href$="/regions/%E5%95%86%E6%B0%B4%E5%8E%BF/"]`)), chromedp.WaitVisible(chromedp.CSS(`.card`)))
	h1 := run(t, ctx, chromedp.Text(chromedp.CSS("h1")))
	if h1 != "区县：商水县" {
		t.Fatalf("h1 = %q", h1)
	}
	regions := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".card .meta")).map(m => m.textContent)`)
	if len(regions) < 14 {
		t.Errorf("商水县 lists %d cases, want the 14 of the series at least", len(regions))
	}
	for _, r := range regions {
		if !strings.Contains(r, "商水县") {
			t.Errorf("card outside 商水县: %s", r)
		}
	}
}

// Test404 checks that an unknown URL answers 404 with the site's page.
func Test404(t *testing.T) {
	s := serveSite(t, "/")
	ctx := newTab(t)
	resp := run(t, ctx, chromedp.NavigateResponse(s.URL+"no/such/page/"))
	if resp.Status != 404 {
		t.Fatalf("status %d, want 404", resp.Status)
	}
	if h1 := run(t, ctx, chromedp.Text(chromedp.CSS("h1"))); h1 != "页面未找到" {
		t.Fatalf("h1 = %q", h1)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.site-nav a').length`); n < 5 {
		t.Errorf("404 page lacks the navigation (%d links)", n)
	}
}

var mediaBoxRE = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]`)

// TestPrintRule prints a rule page: A4 pages, navigation hidden.
func TestPrintRule(t *testing.T) {
	s := serveSite(t, "/")
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(s.URL+"rules/work-rules/"))
	pdf := run(t, ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
	boxes := mediaBoxRE.FindAllSubmatch(pdf, -1)
	if len(boxes) < 3 {
		t.Fatalf("the rule prints on %d pages; want several", len(boxes))
	}
	for _, b := range boxes {
		w, _ := strconv.ParseFloat(string(b[1]), 64)
		h, _ := strconv.ParseFloat(string(b[2]), 64)
		if w < 594 || w > 597 || h < 840 || h > 843 {
			t.Fatalf("page size %.1f×%.1f pt, want A4 (595×842)", w, h)
		}
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	hidden := eval[[]string](t, ctx, `[".site-nav", ".site-header", ".toc", ".site-footer", ".copy-cite"].filter(s => {
		const e = document.querySelector(s); return e && getComputedStyle(e).display !== "none" })`)
	if len(hidden) > 0 {
		t.Errorf("visible in print: %v", hidden)
	}
	if d := eval[string](t, ctx, `getComputedStyle(document.querySelector("#art-1")).display`); d == "none" {
		t.Errorf("articles hidden in print")
	}
}

// TestSubPath browses the site published under /huajie/.
func TestSubPath(t *testing.T) {
	s := serveSite(t, "/huajie/")
	ctx := newTab(t)
	var failed []string
	for _, p := range []string{"", "rules/work-rules/", "cases/", "cases/ZK-2023-HJ-0001/", "taxonomies/", "documents/agreement/", "flow/mediation/"} {
		resp := run(t, ctx, chromedp.NavigateResponse(s.URL+p))
		if resp.Status != 200 {
			failed = append(failed, p)
			continue
		}
		// The stylesheet loaded (a rule of it applies) and every link stays under /huajie/.
		if eval[string](t, ctx, `getComputedStyle(document.querySelector(".site-header")).borderBottomStyle`) != "solid" {
			t.Errorf("%s: stylesheet not applied", p)
		}
		bad := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("a[href], link[href], script[src]")).map(e => new URL(e.getAttribute("href") || e.getAttribute("src"), location.href).href).filter(u => u.startsWith(location.origin) && !new URL(u).pathname.startsWith("/huajie/"))`)
		if len(bad) > 0 {
			t.Errorf("%s: links outside the sub-path: %v", p, bad)
		}
	}
	if len(failed) > 0 {
		t.Fatalf("not found under /huajie/: %v", failed)
	}
}

// TestStatistics opens the statistics: every chart has its table and
// downloads, and the half-year bulletin states the published figures.
func TestStatistics(t *testing.T) {
	s := serveSite(t, "/")
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(s.URL+"stats/"))
	charts := eval[int](t, ctx, `document.querySelectorAll("figure.chart svg").length`)
	tables := eval[int](t, ctx, `document.querySelectorAll("figure.chart table").length`)
	if charts < 6 || charts != tables {
		t.Errorf("%d charts, %d tables", charts, tables)
	}
	// Downloads are fetched, not opened: a browser saves them.
	for _, u := range eval[[]string](t, ctx, `Array.from(document.querySelectorAll("figure.chart .downloads a")).map(a => a.href)`) {
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || len(b) < 20 {
			t.Errorf("%s: status %d, %d bytes", u, resp.StatusCode, len(b))
		}
	}
	do(t, ctx, chromedp.Navigate(s.URL+"stats/bulletins/2023-quarterly-2/"))
	text := run(t, ctx, chromedp.Text(chromedp.CSS("main")))
	for _, want := range []string{"2023年上半年", "败诉140件", "下降11.39%", "下降9.37个百分点", "驻站式"} {
		if !strings.Contains(strings.ReplaceAll(text, "\n", ""), want) {
			t.Errorf("the half-year bulletin lacks %q", want)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("table.ranking tr.flagged").length`); n < 6 {
		t.Errorf("%d flagged rows, want the 6 counties at least", n)
	}
}
