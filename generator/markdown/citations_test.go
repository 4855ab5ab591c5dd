package markdown

import (
	"strings"
	"testing"
)

func TestRenderLinks(t *testing.T) {
	cite := "《行政诉讼法》第七十条"
	tests := []struct {
		name string
		src  string
		at   string // the text the span covers (first occurrence)
		want string // substring of the output
		not  string // must not appear
	}{
		{"plain", "依照" + cite + "的规定。", cite,
			`依照<a href="/huajie/laws/x/#art-70" title="2017年版" class="citation">` + cite + `</a>的规定。`, ""},
		{"in a list item", "- 见" + cite + "。\n", cite, `<li>见<a href="/huajie/laws/x/#art-70"`, ""},
		{"in a table cell", "| 依据 |\n|---|\n| " + cite + " |\n", cite, `<td><a href="/huajie/laws/x/#art-70"`, ""},
		{"in emphasis", "**" + cite + "**", cite, `<strong><a href="/huajie/laws/x/#art-70"`, ""},
		{"inside a code span", "`" + cite + "`", cite, "<code>" + cite + "</code>", "<a "},
		{"inside a link", "[" + cite + "](/cases/a/)", cite, `<a href="/huajie/cases/a/">` + cite + "</a>", "citation"},
		{"split by emphasis", "《行政诉讼法》**第七十条**", "《行政诉讼法》**第七十条**", "<strong>第七十条</strong>", "<a "},
		{"soft line break kept", "见" + cite + "\n下一行", cite, "</a>\n下一行", ""},
		{"escaped text before", `\*` + cite, cite, `*<a href="/huajie/laws/x/#art-70"`, ""},
	}
	r := New(Options{BasePath: "/huajie/"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := strings.Index(tt.src, tt.at)
			spans := []Span{{Start: i, End: i + len(tt.at), Href: "/laws/x/#art-70", Title: "2017年版"}}
			out, _, err := r.RenderLinks([]byte(tt.src), spans)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("output\n%s\nlacks\n%s", out, tt.want)
			}
			if tt.not != "" && strings.Contains(out, tt.not) {
				t.Errorf("output\n%s\nhas %q", out, tt.not)
			}
		})
	}
}

func TestRenderLinksSeveral(t *testing.T) {
	src := "依照《行政诉讼法》第七十条、《行政复议法》第六十三条和第六十四条处理。"
	var spans []Span
	for k, c := range []string{"《行政诉讼法》第七十条", "《行政复议法》第六十三条", "第六十四条"} {
		i := strings.Index(src, c)
		spans = append(spans, Span{Start: i, End: i + len(c), Href: "/l/" + string(rune('a'+k)) + "/"})
	}
	out, _, err := New(Options{}).RenderLinks([]byte(src), spans)
	if err != nil {
		t.Fatal(err)
	}
	want := `<p>依照<a href="/l/a/" class="citation">《行政诉讼法》第七十条</a>、<a href="/l/b/" class="citation">《行政复议法》第六十三条</a>和<a href="/l/c/" class="citation">第六十四条</a>处理。</p>`
	if strings.TrimSpace(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
