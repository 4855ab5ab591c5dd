package browsertest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pageTypes are one URL of every kind of page the site has, found from the
// built site so the list follows the content.
func pageTypes(t *testing.T, s *Site) map[string]string {
	t.Helper()
	pages := map[string]string{
		"home": "", "page": "about/", "rules list": "rules/", "rule": "rules/work-rules/",
		"case list": "cases/", "case list page 2": "cases/page/2/", "taxonomies": "taxonomies/",
		"taxonomy": "regions/", "term": "regions/商水县/", "document": "documents/agreement/",
		"documents": "documents/", "flow": "flow/mediation/", "mediation case": "cases/ZK-2023-HJ-0001/",
		"analyses": "analyses/", "sitemap": "sitemap/", "404": "404.html",
		"search": "search/?q=%E5%BC%BA%E6%8B%86", "stats": "stats/", "rankings": "stats/rankings/", "bulletins": "stats/bulletins/", "bulletin": "stats/bulletins/2023-quarterly-2/",
	}
	find := func(glob string) string {
		m, _ := filepath.Glob(filepath.Join(s.Dir, glob))
		if len(m) == 0 {
			return ""
		}
		rel, _ := filepath.Rel(s.Dir, filepath.Dir(m[0]))
		return filepath.ToSlash(rel) + "/"
	}
	for name, glob := range map[string]string{
		"warning case": "cases/ZK-*-JS-*/index.html", "exemplary case": "cases/ZK-*-YX-*/index.html",
		"analysis": "analyses/ZK-FX-*/index.html",
	} {
		if u := find(glob); u != "" {
			pages[name] = u
		}
	}
	return pages
}

type axeResult struct {
	Violations []struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target []any  `json:"target"`
			HTML   string `json:"html"`
		} `json:"nodes"`
	} `json:"violations"`
}

// TestAccessibility runs axe-core with the WCAG 2.1 A and AA rules over every
// page type, in the normal and the high-contrast, large-text modes.
func TestAccessibility(t *testing.T) {
	dir := toolsDir(t)
	axe, err := os.ReadFile(filepath.Join(dir, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	s := serveSite(t, "/")
	ctx := newTab(t)
	run := func() axeResult {
		eval[bool](t, ctx, string(axe)+";true")
		raw := eval[[]byte](t, ctx, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]}).then(r => ({violations: r.violations}))`)
		var res axeResult
		if err := json.Unmarshal(raw, &res); err != nil {
			t.Fatal(err)
		}
		return res
	}
	// The check can fail: an image without alt text must be reported.
	do(t, ctx, chromedp.Navigate(s.URL))
	eval[bool](t, ctx, `document.querySelector("main").insertAdjacentHTML("beforeend", "<img src='data:,'>"); true`)
	if res := run(); len(res.Violations) == 0 || res.Violations[0].ID != "image-alt" {
		t.Fatalf("axe did not report a planted image-alt violation: %+v", res)
	}
	for name, p := range pageTypes(t, s) {
		for _, mode := range []string{"", "large contrast"} {
			do(t, ctx, chromedp.Navigate(s.URL+p))
			if mode != "" {
				eval[bool](t, ctx, `document.documentElement.className = "large contrast"; true`)
			}
			for _, v := range run().Violations {
				var where []string
				for _, n := range v.Nodes {
					where = append(where, strings.TrimSpace(n.HTML))
					if len(where) == 3 {
						break
					}
				}
				t.Errorf("%s (/%s) %s: %s: %s\n  %s", name, p, mode, v.ID, v.Help, strings.Join(where, "\n  "))
			}
		}
	}
}

// TestKeyboard tabs through pages: every link and button is reached, and the
// focused element is visibly outlined. Links inside a closed <details> (the
// backlinks of an article) are not Tab stops until it is opened: Chrome
// keeps their boxes (content-visibility), so they are left out explicitly.
func TestKeyboard(t *testing.T) {
	s := serveSite(t, "/")
	ctx := newTab(t)
	for _, p := range []string{"", "rules/work-rules/", "cases/", "cases/ZK-2023-HJ-0001/", "documents/agreement/"} {
		do(t, ctx, chromedp.Navigate(s.URL+p))
		want := eval[int](t, ctx, `Array.from(document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])")).filter(e => !e.hidden && e.offsetParent !== null && !(e.closest("details:not([open])") && !e.closest("summary"))).length`)
		seen := map[string]bool{}
		var unfocused []string
		for i := 0; i < want+20; i++ { // date fields take several Tab stops
			do(t, ctx, chromedp.KeyEvent("\t"))
			info := eval[[]string](t, ctx, `(() => { const e = document.activeElement; if (!e || e === document.body) return ["", ""];
				const s = getComputedStyle(e); const path = []; for (let n = e; n && n !== document; n = n.parentNode) path.unshift(n.nodeName + Array.prototype.indexOf.call(n.parentNode ? n.parentNode.children : [], n));
				const visible = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none";
				return [path.join("/"), visible ? "" : e.outerHTML.slice(0, 80)] })()`)
			if info[0] == "" {
				continue
			}
			seen[info[0]] = true
			if info[1] != "" {
				unfocused = append(unfocused, info[1])
			}
		}
		if len(seen) < want {
			t.Errorf("/%s: Tab reached %d of %d interactive elements", p, len(seen), want)
		}
		if len(unfocused) > 0 {
			t.Errorf("/%s: focus not visible on %d elements, e.g. %s", p, len(unfocused), unfocused[0])
		}
	}
}

// TestReadingModes checks that 大字 and 高对比度 toggle, announce their state,
// and persist across pages.
func TestReadingModes(t *testing.T) {
	s := serveSite(t, "/")
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(s.URL))
	eval[bool](t, ctx, `localStorage.clear(); true`)
	do(t, ctx, chromedp.Reload())
	size := eval[float64](t, ctx, `parseFloat(getComputedStyle(document.documentElement).fontSize)`)
	do(t, ctx, chromedp.Click(chromedp.CSS(`button[data-toggle="large"]`)), chromedp.Click(chromedp.CSS(`button[data-toggle="contrast"]`)))
	if got := eval[string](t, ctx, `document.documentElement.className`); got != "large contrast" {
		t.Fatalf("html class = %q", got)
	}
	if p := eval[string](t, ctx, `document.querySelector('button[data-toggle="large"]').getAttribute("aria-pressed")`); p != "true" {
		t.Errorf("aria-pressed = %q", p)
	}
	do(t, ctx, chromedp.Navigate(s.URL+"rules/work-rules/"))
	if got := eval[string](t, ctx, `document.documentElement.className`); got != "large contrast" {
		t.Fatalf("modes did not persist: %q", got)
	}
	if big := eval[float64](t, ctx, `parseFloat(getComputedStyle(document.documentElement).fontSize)`); big < size*1.2 {
		t.Errorf("大字 font size %.1fpx, normal %.1fpx", big, size)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`button[data-toggle="large"]`)))
	do(t, ctx, chromedp.Reload())
	if got := eval[string](t, ctx, `document.documentElement.className`); got != "contrast" {
		t.Errorf("after turning 大字 off: %q", got)
	}
	eval[bool](t, ctx, `localStorage.clear(); true`)
}
