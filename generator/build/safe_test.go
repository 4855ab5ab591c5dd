package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Payloads that would run script, break out of an attribute or a template,
// or smuggle a javascript: URL if any output were not escaped.
const (
	xssTag  = `<script>alert("x1")</script>`
	xssAttr = `"><img src=x onerror=alert(2)>`
	xssTpl  = `{{.Site.Title}}{{template "base.html" .}}</script><!--`
)

func payload(n string) string { return n + xssTag + xssAttr + xssTpl }

// TestSafeOutput feeds hostile strings through every free-text front-matter
// field and every body, and checks that no output runs or injects anything.
func TestSafeOutput(t *testing.T) {
	q := func(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }
	site := `
-- site.yaml --
title: ` + q(payload("站点")) + `
description: ` + q(payload("描述")) + `
baseURL: https://example.gov.cn/sub/
banner: ` + q(payload("横幅")) + `
footer: {sponsor: ` + q(payload("主办")) + `, contact: ` + q(payload("联系")) + `}
-- content/vocab.yaml --
domains: [行政处罚]
regions: [川汇区]
stages: [诉前]
outcomes: [化解成功]
defects: [程序]
participants: [律师]
accountability: [约谈]
-- content/_index.md --
---
title: ` + q(payload("首页")) + `
summary: ` + q(payload("首页摘要")) + `
---
` + payload("首页正文") + `

[链接](javascript:alert(3)) <a href="javascript:alert(4)">a</a> <b onmouseover=alert(5)>b</b>
-- content/about.md --
---
title: ` + q(payload("页面")) + `
menu: main
---
## ` + payload("标题") + `

<iframe src="javascript:alert(6)"></iframe>
-- rules/r.md --
---
title: ` + q(payload("规则")) + `
short_title: 测试规则
issuer: [` + q(payload("机关")) + `]
summary: ` + q(payload("规则摘要")) + `
revisions:
  - {date: 2023-01-01, note: ` + q(payload("修订")) + `}
---
第一条　` + payload("条文") + `

（一）` + payload("项") + `
-- cases/a.md --
---
id: ZK-2023-HJ-0001
kind: mediation
title: ` + q(payload("案例")) + `
summary: ` + q(payload("要旨")) + `
keywords: [` + q(payload("关键词")) + `]
domain: 行政处罚
region: 川汇区
agency: ` + q(payload("机关")) + `
stage: 诉前
outcome: 化解成功
court_case_no: （2023）豫16行初1号
legal_basis: [` + q("《"+payload("法")+"》第一条") + `, 《测试规则》第一条]
participants: [律师]
parties:
  - {role: 申请人, type: 自然人, display: 张某}
series: {id: ZK-2023-HJ-0001, role: lead, standard: ` + q(payload("标准")) + `}
---
## 基本案情

` + payload("案情") + `
-- cases/b.md --
---
id: ZK-2023-JS-0001
kind: warning
title: 警示
summary: 警示
keywords: [警示]
domain: 行政处罚
region: 川汇区
defects: [程序]
rectification: ` + q(payload("整改")) + `
accountability: [约谈]
---
-- cases/analyses/fx.md --
---
id: ZK-FX-01
title: ` + q(payload("分析")) + `
summary: ` + q(payload("分析摘要")) + `
keywords: [分析]
domain: 行政处罚
issues: [` + q(payload("焦点")) + `]
precedents:
  - {case: ` + q(payload("先例")) + `, court: ` + q(payload("法院")) + `, result: ` + q(payload("结果")) + `, point: ` + q(payload("要点")) + `}
risk: {level: 高, reason: ` + q(payload("理由")) + `}
cost: ` + q(payload("成本")) + `
recommendation: ` + q(payload("建议")) + `
used_in: [ZK-2023-HJ-0001]
---
` + payload("分析正文") + `
-- content/documents/notice.yaml --
title: ` + q(payload("文书")) + `
short_title: 通知书
summary: ` + q(payload("文书说明")) + `
issuer: ` + q(payload("发文机关")) + `
fields:
  - {name: 甲, type: text, required: true, example: ` + q(payload("示例")) + `, hint: ` + q(payload("提示")) + `}
  - {name: 乙, type: select, options: [` + q(payload("选项")) + `]}
body: ` + q("{{甲}}文书正文"+xssTag+xssAttr) + `
-- content/flow/f.yaml --
title: ` + q(payload("流程")) + `
summary: ` + q(payload("流程说明")) + `
nodes:
  - {id: s, label: ` + q(payload("开始")) + `, kind: start, rule: 测试规则#art-1, document: 通知书, note: ` + q(payload("说明")) + `}
  - {id: e, label: 结束, kind: end}
edges:
  - {from: s, to: e, label: ` + q(payload("边")) + `}
`
	src := writeSite(t, site)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Output: out}); err != nil {
		t.Fatal(err)
	}
	seen := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err // plain-text downloads and XML are not HTML documents
		}
		b, _ := os.ReadFile(p)
		if bytes.Contains(b, []byte("案情")) || bytes.Contains(b, []byte("案例")) {
			seen++
		}
		for _, problem := range unsafeHTML(b) {
			t.Errorf("%s: %s", p, problem)
		}
		// The template-breaking text is shown, not executed.
		if bytes.Count(b, []byte("<!DOCTYPE html>")) > 1 {
			t.Errorf("%s: a template call in content was executed", p)
		}
		return nil
	})
	if seen < 5 {
		t.Fatalf("the payload pages were not written (%d files)", seen)
	}
	if s := read(t, out, "cases/ZK-2023-HJ-0001/index.html"); !strings.Contains(s, "案情<!-- raw HTML omitted -->") ||
		!strings.Contains(s, "<h1>案例&lt;script&gt;alert(&#34;x1&#34;)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(2)&gt;{{.Site.Title}}") {
		t.Errorf("raw HTML in the body is not dropped, or the title is not shown escaped")
	}
	// A keyword with a slash and quotes stays one folder inside the output.
	entries, _ := os.ReadDir(filepath.Join(out, "keywords"))
	for _, e := range entries {
		if strings.ContainsAny(e.Name(), `/<>"`) {
			t.Errorf("keyword folder %q carries unsafe characters", e.Name())
		}
	}
}

// unsafeHTML tokenises a page the way a browser would and lists what could
// run script: a <script> with inline code (JSON data blocks are fine), an
// on* attribute, a javascript: URL, an <iframe>, <object> or <embed>.
func unsafeHTML(b []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "iframe", "object", "embed":
				out = append(out, "<"+tok.Data+"> element")
			case "script":
				typ, src := "", ""
				for _, a := range tok.Attr {
					switch a.Key {
					case "type":
						typ = a.Val
					case "src":
						src = a.Val
					}
				}
				if src == "" && typ != "application/ld+json" && typ != "application/json" {
					out = append(out, "inline <script> of type "+typ)
				}
				if typ == "application/ld+json" || typ == "application/json" {
					if z.Next() == html.TextToken {
						if text := string(z.Text()); strings.Contains(strings.ToLower(text), "</script") || strings.Contains(text, "<!--") {
							out = append(out, "a JSON block that closes its script element")
						}
					}
				}
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					out = append(out, "event-handler attribute "+a.Key+" on <"+tok.Data+">")
				}
				if (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
					out = append(out, "javascript: URL in "+a.Key)
				}
			}
		}
	}
}

// The checker itself finds what it looks for.
func TestUnsafeHTMLChecker(t *testing.T) {
	bad := `<p onclick="x()">a</p><a href=" JavaScript:alert(1)">b</a><script>alert(1)</script><iframe></iframe><script type="application/ld+json">{"a":"</script><script>x()</script>"}</script>`
	if got := unsafeHTML([]byte(bad)); len(got) < 5 {
		t.Errorf("found %d problems in a page with at least 5: %v", len(got), got)
	}
	good := `<p class="x">&lt;script&gt;</p><a href="/a/">a</a><script src="/s.js"></script><script type="application/ld+json">{"a":"\u003c/script\u003e"}</script>`
	if got := unsafeHTML([]byte(good)); len(got) != 0 {
		t.Errorf("false alarms: %v", got)
	}
}
