package render

import (
	"html/template"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"huajie/generator/content"
)

// The template loops that facts, linkItems and pageLinks replace, as the
// default layouts had them: the functions must write exactly what these do.
const (
	factsLoop     = `{{range .}}<div><dt>{{.Label}}</dt><dd>{{if .HTML}}{{.HTML}}{{else if .Links}}{{range $i, $l := .Links}}{{if $i}}、{{end}}<a href="{{$l.URL}}">{{$l.Label}}</a>{{end}}{{else if .URL}}<a href="{{.URL}}">{{.Value}}</a>{{else}}{{.Value}}{{end}}</dd></div>{{end}}`
	linkItemsLoop = `{{range .}}<li><a href="{{.URL}}">{{.Label}}</a> <span class="muted">{{.Note}}</span></li>{{end}}`
	crumbsLoop    = `{{range .}}<li><a href="{{.URL}}">{{.Label}}</a></li>{{end}}`
	pageLinksLoop = `{{$cur := .Page}}{{range .PageLinks}}{{if not .URL}}<span class="gap" aria-hidden="true">…</span>{{else if eq .Count $cur}}<span aria-current="page">{{.Label}}</span>{{else}}<a href="{{.URL}}">{{.Label}}</a>{{end}}{{end}}`
)

// headMetaTemplate is meta.html as it was before headMeta wrote its tags
// (with the site's own tags already rendered once, as .Site.MetaHTML),
// without the JSON-LD line that stays in it.
const headMetaTemplate = `<meta name="description" content="{{if .Description}}{{.Description}}{{else}}{{.Site.Description}}{{end}}">
{{if ne .Kind "404"}}<link rel="canonical" href="{{.Permalink}}">{{end}}
{{.Site.MetaHTML}}
{{with .Section}}<meta name="ColumnName" content="{{.}}">{{end}}
{{if or (eq .Kind "case") (eq .Kind "analysis") (eq .Kind "rule") (eq .Kind "page")}}<meta name="ArticleTitle" content="{{.Title}}">
{{with .Date}}<meta name="PubDate" content="{{.}} 00:00">{{end}}
<meta name="ContentSource" content="{{.Site.Title}}">
{{with .Keywords}}<meta name="Keywords" content="{{join . ","}}">{{end}}{{end}}
{{if .Internal}}<meta name="robots" content="noindex">{{end}}
<meta property="og:type" content="{{if eq .Kind "home"}}website{{else}}article{{end}}">
<meta property="og:title" content="{{.Title}}">
{{if ne .Kind "404"}}<meta property="og:url" content="{{.Permalink}}">{{end}}
<meta property="og:site_name" content="{{.Site.Title}}">
<meta property="og:locale" content="zh_CN">
{{with .Description}}<meta property="og:description" content="{{.}}">{{end}}`

// tricky are texts and URLs that exercise every rule of html/template's
// escaping: its replacement table, URL normalisation, percent escapes kept
// or encoded, unsafe schemes, invalid UTF-8 and Chinese text.
var tricky = []string{
	"", "行政诉讼法", "a&b", `"quoted"`, "it's", "1+1", "<script>", "x>y", "nul\x00byte",
	"/huajie/cases/ZK-2019-HJ-0001/", "/huajie/domains/%E8%A1%8C%E6%94%BF/", "/a b/", "/行政/",
	"/q?x=1&y=2#frag", "100%", "%zz", "%4", "%e8%a1", "javascript:alert(1)", "JavaScript:x",
	"http://example.gov.cn/a", "HTTPS://x", "mailto:a@b.cn", "data:text/html,x", "a/b:c",
	"{braces}|pipe^caret`tick\\back", "~tilde_-.", "!$*,;=@[]", "\xff\xfe", "（全角）　空格",
	"'single'(paren)", "tab\there", "line\nbreak",
}

func pick(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return tricky[r.IntN(len(tricky))] + tricky[r.IntN(len(tricky))]
	}
	return tricky[r.IntN(len(tricky))]
}

func execute(t *testing.T, src string, data any) string {
	t.Helper()
	tpl := template.Must(template.New("t").Funcs(template.FuncMap{"join": strings.Join}).Parse(src))
	var b strings.Builder
	if err := tpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestMarkupEscaping(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 2000 {
		var fields []Field
		var links []Link
		for range r.IntN(5) {
			f := Field{Label: pick(r), Value: pick(r)}
			switch r.IntN(4) {
			case 0:
				f.URL = pick(r)
			case 1:
				for range 1 + r.IntN(3) {
					f.Links = append(f.Links, Link{Label: pick(r), URL: pick(r)})
				}
			case 2:
				f.HTML = template.HTML("<b>" + pick(r) + "</b>")
			}
			fields = append(fields, f)
			links = append(links, Link{Label: pick(r), URL: pick(r), Note: pick(r)})
		}
		if want, got := execute(t, factsLoop, fields), string(factsHTML(fields)); got != want {
			t.Fatalf("facts %d: %#v\n got %q\nwant %q", n, fields, got, want)
		}
		if want, got := execute(t, linkItemsLoop, links), string(linkItemsHTML(links)); got != want {
			t.Fatalf("linkItems %d: %#v\n got %q\nwant %q", n, links, got, want)
		}
		if want, got := execute(t, crumbsLoop, links), string(crumbItemsHTML(links)); got != want {
			t.Fatalf("crumbItems %d: %#v\n got %q\nwant %q", n, links, got, want)
		}
		lv := &ListView{Page: 1 + r.IntN(4)}
		for i := range r.IntN(6) {
			l := Link{Label: pick(r), Count: i + 1}
			if r.IntN(4) > 0 {
				l.URL = pick(r)
			}
			lv.PageLinks = append(lv.PageLinks, l)
		}
		site := &SiteView{Title: pick(r), Description: pick(r), MetaHTML: template.HTML("<meta name=\"SiteName\" content=\"x\">")}
		kinds := []string{"home", "case", "404", "section", "rule", "page", "analysis"}
		pv := &PageView{Site: site, Kind: kinds[r.IntN(len(kinds))], Title: pick(r), Description: pick(r), Section: pick(r),
			Permalink: pick(r), Date: pick(r), Internal: r.IntN(3) == 0}
		for range r.IntN(3) {
			pv.Keywords = append(pv.Keywords, pick(r))
		}
		if want, got := execute(t, headMetaTemplate, pv), string(headMetaHTML(pv)); got != want {
			t.Fatalf("headMeta %d: %#v\n got %q\nwant %q", n, pv, got, want)
		}
		if want, got := execute(t, pageLinksLoop, lv), string(pageLinksHTML(lv)); got != want {
			t.Fatalf("pageLinks %d: %#v\n got %q\nwant %q", n, lv.PageLinks, got, want)
		}
	}
}

func TestTermLink(t *testing.T) {
	r := &Renderer{}
	var err error
	if r.base, err = url.Parse("https://example.gov.cn/huajie/"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ tax, term, want string }{
		{"kinds", "mediation", `<a href="/huajie/kinds/mediation/">化解案例</a>`},
		{"domains", "行政处罚", `<a href="/huajie/domains/%E8%A1%8C%E6%94%BF%E5%A4%84%E7%BD%9A/">行政处罚</a>`},
		{"keywords", "A+B", `<a href="/huajie/keywords/A&#43;B/">A&#43;B</a>`},
	} {
		tpl := `<a href="{{termURL .Tax .Term}}">{{if eq .Tax "kinds"}}{{kindLabel .Term}}{{else}}{{.Term}}{{end}}</a>`
		old := template.Must(template.New("t").Funcs(template.FuncMap{
			"termURL":   func(tax, term string) string { return r.RelURL(termURL(tax, term)) },
			"kindLabel": content.KindLabel,
		}).Parse(tpl))
		var b strings.Builder
		if err := old.Execute(&b, map[string]string{"Tax": tc.tax, "Term": tc.term}); err != nil {
			t.Fatal(err)
		}
		if got := string(r.termLink(tc.tax, tc.term)); got != b.String() || got != tc.want {
			t.Errorf("termLink(%q, %q) = %s, template wrote %s, want %s", tc.tax, tc.term, got, b.String(), tc.want)
		}
	}
}
