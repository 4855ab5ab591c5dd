package render

import (
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// The template loops that facts, linkItems and pageLinks replace, as the
// default layouts had them: the functions must write exactly what these do.
const (
	factsLoop     = `{{range .}}<div><dt>{{.Label}}</dt><dd>{{if .HTML}}{{.HTML}}{{else if .Links}}{{range $i, $l := .Links}}{{if $i}}、{{end}}<a href="{{$l.URL}}">{{$l.Label}}</a>{{end}}{{else if .URL}}<a href="{{.URL}}">{{.Value}}</a>{{else}}{{.Value}}{{end}}</dd></div>{{end}}`
	linkItemsLoop = `{{range .}}<li><a href="{{.URL}}">{{.Label}}</a> <span class="muted">{{.Note}}</span></li>{{end}}`
	crumbsLoop    = `{{range .}}<li><a href="{{.URL}}">{{.Label}}</a></li>{{end}}`
	pageLinksLoop = `{{$cur := .Page}}{{range .PageLinks}}{{if not .URL}}<span class="gap" aria-hidden="true">…</span>{{else if eq .Count $cur}}<span aria-current="page">{{.Label}}</span>{{else}}<a href="{{.URL}}">{{.Label}}</a>{{end}}{{end}}`
)

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
	tpl := template.Must(template.New("t").Parse(src))
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
		if want, got := execute(t, pageLinksLoop, lv), string(pageLinksHTML(lv)); got != want {
			t.Fatalf("pageLinks %d: %#v\n got %q\nwant %q", n, lv.PageLinks, got, want)
		}
	}
}
