package markdown

import (
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	src := "## 基本案情\n\n正文[^1]。\n\n## 基本案情\n\n## Step 1: 申请\n\n| 项目 | 金额 |\n|---|---|\n| 补偿 | 10 |\n\n<script>alert(1)</script>\n\n<b onclick=\"x()\">粗</b>\n\n[链接](javascript:alert(1))\n\n[^1]: 脚注。\n"
	html, heads, err := New(Options{}).Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<h2 id="基本案情">基本案情</h2>`, `<h2 id="基本案情-1">基本案情</h2>`, `<h2 id="step-1-申请">`,
		"<table>", "<td>补偿</td>", `class="footnote-ref"`, "脚注。",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("output lacks %s\n%s", want, html)
		}
	}
	for _, bad := range []string{"<script", "onclick", "javascript:"} {
		if strings.Contains(html, bad) {
			t.Errorf("output passes %s through:\n%s", bad, html)
		}
	}
	if len(heads) != 3 || heads[2].ID != "step-1-申请" || heads[0].Text != "基本案情" {
		t.Errorf("headings = %+v", heads)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"基本案情": "基本案情", "一、 概述": "一-概述", "A (b) c": "a-b-c", "——": ""} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSitePaths(t *testing.T) {
	html, _, err := New(Options{BasePath: "/huajie/"}).Render([]byte("[规则](/rules/work-rules/#art-2) [外部](https://example.com/) [相对](../cases/) [已有](/huajie/x/) [协议](//cdn.example/x)"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="/huajie/rules/work-rules/#art-2"`, `href="https://example.com/"`, `href="../cases/"`, `href="/huajie/x/"`, `href="//cdn.example/x"`} {
		if !strings.Contains(html, want) {
			t.Errorf("lacks %s in %s", want, html)
		}
	}
}
