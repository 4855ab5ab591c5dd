package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"huajie/generator/diag"
)

// writeSite writes a txtar archive of files into a fresh folder.
func writeSite(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	ar := txtar.Parse([]byte(archive))
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const miniSite = `
-- site.yaml --
title: 测试站点
baseURL: https://example.gov.cn/huajie/
banner: 示例数据
paginate: 2
-- content/vocab.yaml --
domains: [征地拆迁, 行政处罚]
regions: [商水县, 川汇区]
stages: [诉前, 诉中, 诉后]
outcomes: [化解成功, 达成初步化解意向]
defects: [程序, 证据]
-- content/_index.md --
---
title: 首页
---
欢迎。
-- content/about.md --
---
title: 关于中心
menu: main
---
## 中心简介

简介正文。
-- rules/work-rules.md --
---
title: 测试工作规则
short_title: 工作规则
doc_number: 周政办〔2023〕21号
issuer: 周口市人民政府
status: 现行有效
---
## 第一章 总则

第一条　为了测试，制定本规则。

第二条　中心职责如下：

（一）受理申请；

（二）组织化解。

前款规定的职责由中心履行。
-- cases/a.md --
---
id: ZK-2023-HJ-0001
kind: mediation
title: 商水县征地补偿争议化解案
summary: 牵头案件。
keywords: [征地拆迁, 示范性化解]
domain: 征地拆迁
region: 商水县
stage: 诉前
outcome: 化解成功
dates: {act: 2023-01-05, received: 2023-03-01, closed: 2023-06-01}
legal_basis: [《工作规则》第二条]
series: {id: ZK-2023-HJ-0001, role: lead, size: 2, standard: 按新标准补偿}
related: [ZK-2023-HJ-0002]
---
## 基本案情

案情。
-- cases/b.md --
---
id: ZK-2023-HJ-0002
kind: mediation
title: 商水县征地补偿争议化解案（成员）
summary: 成员案件。
keywords: [征地拆迁]
domain: 征地拆迁
region: 商水县
stage: 诉前
outcome: 化解成功
dates: {received: 2023-04-01}
series: {id: ZK-2023-HJ-0001, role: member}
---
正文。
-- cases/c.md --
---
id: ZK-2022-JS-0001
kind: warning
title: 川汇区某局处罚程序违法案
summary: 警示。
keywords: [行政处罚]
domain: 行政处罚
region: 川汇区
dates: {act: 2022-05-01}
defects: [程序]
rectification: 整改。
accountability: [批评教育]
---
## 基本案情

案情。
`

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestMiniSite(t *testing.T) {
	src := writeSite(t, miniSite)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Output: out}); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{
		"index.html", "404.html", "about/index.html", "rules/index.html", "rules/work-rules/index.html",
		"cases/index.html", "cases/page/2/index.html", "cases/oldest/index.html",
		"cases/ZK-2023-HJ-0001/index.html", "cases/ZK-2022-JS-0001/index.html",
		"kinds/mediation/index.html", "domains/征地拆迁/index.html", "regions/商水县/index.html",
		"years/2023/index.html", "keywords/示范性化解/index.html", "taxonomies/index.html",
		"sitemap.xml", "robots.txt", "feed.xml", "static/css/site.css", "static/js/site.js",
	} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel))); err != nil {
			t.Errorf("missing output %s", rel)
		}
	}
	rule := read(t, out, "rules/work-rules/index.html")
	for _, want := range []string{
		`id="art-2"`, `<a class="art-no" href="#art-2">第二条</a>`, `id="art-2-2"`,
		`<span class="item-no">（二）</span>组织化解。`, `data-copy="《工作规则》第二条"`,
		`<a href="#ch-1">第一章　总则</a>`, `"@type":"Legislation"`,
	} {
		if !strings.Contains(rule, want) {
			t.Errorf("rule page lacks %s", want)
		}
	}
	cs := read(t, out, "cases/ZK-2023-HJ-0001/index.html")
	for _, want := range []string{
		`<a href="/huajie/rules/work-rules/#art-2">《工作规则》第二条</a>`,
		`<dt>化解阶段</dt><dd><a href="/huajie/stages/%E8%AF%89%E5%89%8D/">诉前</a>`,
		`示范性化解系列案`, `按新标准补偿`, `已化解 1 件`,
		`<link rel="canonical" href="https://example.gov.cn/huajie/cases/ZK-2023-HJ-0001/">`,
		`"@type":"Article"`, `<div class="banner" role="note">示例数据</div>`,
		`<h2 id="基本案情">基本案情</h2>`,
	} {
		if !strings.Contains(cs, want) {
			t.Errorf("case page lacks %s", want)
		}
	}
	// Every internal link honours the sub-path of baseURL.
	hrefRE := regexp.MustCompile(`(?:href|src)="(/[^"]*)"`)
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, _ := os.ReadFile(p)
		for _, m := range hrefRE.FindAllStringSubmatch(string(b), -1) {
			if !strings.HasPrefix(m[1], "/huajie/") {
				t.Errorf("%s: link %s ignores the base path", p, m[1])
			}
		}
		return nil
	})
	if s := read(t, out, "sitemap.xml"); !strings.Contains(s, "<loc>https://example.gov.cn/huajie/cases/ZK-2022-JS-0001/</loc>") {
		t.Errorf("sitemap lacks the warning case:\n%s", s)
	}
	if s := read(t, out, "kinds/index.html"); !strings.Contains(s, "化解案例 <span class=\"count\">2</span>") {
		t.Errorf("taxonomy counts wrong:\n%s", s)
	}
	if s := read(t, out, "cases/index.html"); !strings.Contains(s, `rel="next" href="/huajie/cases/page/2/"`) {
		t.Errorf("pagination link missing")
	}
	// Newest first on page 1, oldest first on the oldest listing.
	first := read(t, out, "cases/index.html")
	if strings.Index(first, "ZK-2023-HJ-0001") < 0 || strings.Contains(first, "ZK-2022-JS-0001/") {
		t.Errorf("cases/ page 1 should hold the two 2023 cases")
	}
	if s := read(t, out, "cases/oldest/index.html"); !strings.Contains(s, "ZK-2022-JS-0001/") {
		t.Errorf("oldest-first listing should start with the 2022 case")
	}
}

func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	src := writeSite(t, miniSite)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Output: out}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	// Break two files: both problems must be reported, nothing written.
	os.WriteFile(filepath.Join(src, "cases/b.md"), []byte("---\nid: ZK-2023-HJ-0002\nkind: mediaton\n---\n"), 0o644)
	os.WriteFile(filepath.Join(src, "cases/c.md"), []byte("---\ntitle: [\n---\n"), 0o644)
	_, err := Build(context.Background(), Options{Source: src, Output: out})
	var de *diag.Error
	if !errors.As(err, &de) {
		t.Fatalf("want diagnostics, got %v", err)
	}
	msgs := de.Error()
	for _, want := range []string{`cases/b.md:3:7: kind: unknown value "mediaton" (did you mean "mediation"?)`, "cases/c.md:2:1: invalid YAML"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, msgs)
		}
	}
	after := snapshot(t, out)
	if len(before) != len(after) {
		t.Fatalf("output has %d files, had %d", len(after), len(before))
	}
	for p, b := range before {
		if after[p] != b {
			t.Errorf("%s changed", p)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("staging folders left behind: %v", entries)
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			m[p] = string(b)
		}
		return err
	})
	return m
}

func TestInternalItemsStayOutOfPublicBuild(t *testing.T) {
	site := miniSite + `
-- cases/secret.md --
---
id: ZK-2023-HJ-0009
kind: mediation
title: 内部案例 CANARY-7f3a
summary: CANARY-7f3a
keywords: [CANARY-7f3a]
domain: 行政处罚
region: 川汇区
stage: 诉中
outcome: 化解成功
visibility: internal
---
CANARY-7f3a
`
	src := writeSite(t, site)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Output: out}); err != nil {
		t.Fatal(err)
	}
	for p, b := range snapshot(t, out) {
		if strings.Contains(b, "CANARY-7f3a") || strings.Contains(b, "ZK-2023-HJ-0009") {
			t.Errorf("%s leaks the internal case", p)
		}
	}
	internal := filepath.Join(t.TempDir(), "internal")
	if _, err := Build(context.Background(), Options{Source: src, Output: internal, Visibility: "internal"}); err != nil {
		t.Fatal(err)
	}
	if s := read(t, internal, "cases/ZK-2023-HJ-0009/index.html"); !strings.Contains(s, "内部") {
		t.Errorf("internal build should mark the internal case")
	}
}

func TestRepositoryContentBuilds(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "site.yaml")); err != nil {
		t.Skip("repository content not found")
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Source: root, Output: out})
	if err != nil {
		t.Fatalf("the repository's own content does not build:\n%v", err)
	}
	if len(res.Content.Cases) == 0 || len(res.Content.Rules) == 0 {
		t.Errorf("no content loaded: %d cases, %d rules", len(res.Content.Cases), len(res.Content.Rules))
	}
}

// TestTightGCRestores proves that overlapping index builds leave the GC
// setting as they found it, whatever order they end in.
func TestTightGCRestores(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC is set: tightGC leaves the setting alone")
	}
	before := debug.SetGCPercent(123)
	defer debug.SetGCPercent(before)
	a := tightGC()
	b := tightGC()
	if got := debug.SetGCPercent(50); got != 50 {
		t.Errorf("GC percent while two builds index: %d, want 50", got)
	}
	a()
	if got := debug.SetGCPercent(50); got != 50 {
		t.Errorf("GC percent while one build still indexes: %d, want 50", got)
	}
	b()
	if got := debug.SetGCPercent(123); got != 123 {
		t.Errorf("GC percent after both: %d, want 123", got)
	}
}
