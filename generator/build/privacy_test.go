package build

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huajie/generator/diag"
)

// A valid 18-digit ID number (check digit computed by ISO 7064 MOD 11-2).
const testID = "11010519491231002X"

func TestPrivacyGuard(t *testing.T) {
	site := miniSite + `
-- content/privacy/names.txt --
# real names seen in source material
王建国
-- cases/leak.md --
---
id: ZK-2023-HJ-0003
kind: mediation
title: 泄露测试案
summary: 申请人身份证号` + testID + `。
keywords: [测试]
domain: 行政处罚
region: 川汇区
stage: 诉前
outcome: 化解成功
privacy_allow:
  - {text: 0394-8123456, reason: 中心对外公布的办公电话}
  - {text: 13900000000, reason: 已不存在的号码}
---
## 基本案情

申请人王建国的手机号为13812345678，中心电话0394-8123456。
`
	src := writeSite(t, site)
	res, err := Build(context.Background(), Options{Source: src, Output: filepath.Join(t.TempDir(), "out")})
	var de *diag.Error
	if !errors.As(err, &de) {
		t.Fatalf("want guard errors, got %v", err)
	}
	got := de.Error()
	for _, want := range []string{
		"cases/leak.md:5:17: personal information (身份证号 1101**********002X)",
		"cases/leak.md:17:4: personal information (自然人姓名 王**)",
		"cases/leak.md:17:12: personal information (手机号 138****5678)",
		`cases/leak.md:13:12: privacy_allow "13900000000" matches no finding in this file: remove it`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "0394") || strings.Contains(got, testID) || strings.Contains(got, "13812345678") {
		t.Errorf("diagnostics repeat the personal information they report:\n%s", got)
	}
	if len(res.Allowed) != 1 || res.Allowed[0].Text != "0394-8123456" || res.Allowed[0].Reason != "中心对外公布的办公电话" {
		t.Errorf("allowances in use = %+v", res.Allowed)
	}
}

// TestNoLeakOfInternalItems builds a site whose internal items of every
// kind carry unique canary strings and scans every output file, compressed
// or not: a public build holds no byte of them.
func TestNoLeakOfInternalItems(t *testing.T) {
	site := miniSite + `
-- content/secret.md --
---
title: 内部页面 CANARY-PAGE-51
visibility: internal
menu: main
---
CANARY-PAGE-51
-- rules/secret-rule.md --
---
title: 内部规则 CANARY-RULE-52
short_title: 内部规则
visibility: internal
---
第一条　CANARY-RULE-52
-- cases/secret-case.md --
---
id: ZK-2023-HJ-0008
kind: mediation
title: 内部案例 CANARY-CASE-53
summary: CANARY-CASE-53
keywords: [CANARY-KW-53]
domain: 征地拆迁
region: 川汇区
stage: 诉中
outcome: 化解成功
visibility: internal
related: [ZK-2023-HJ-0001]
---
CANARY-CASE-53
-- cases/analyses/secret.md --
---
id: ZK-FX-09
title: 内部分析 CANARY-AN-54
summary: CANARY-AN-54
keywords: [CANARY-AN-54]
domain: 征地拆迁
used_in: [ZK-2023-HJ-0008]
visibility: internal
---
CANARY-AN-54
-- content/documents/secret-doc.yaml --
title: 内部文书 CANARY-DOC-55
short_title: 内部文书
body: CANARY-DOC-55
visibility: internal
-- content/flow/secret-flow.yaml --
title: 内部流程 CANARY-FLOW-56
visibility: internal
nodes:
  - {id: a, label: CANARY-FLOW-56, kind: start, rule: 内部规则#art-1, document: 内部文书}
  - {id: b, label: 结束, kind: end}
edges:
  - {from: a, to: b}
-- content/data/secret.yaml --
title: 内部数据 CANARY-DATA-57
visibility: internal
regions:
  - region: 川汇区
    months:
      - {month: 2023-01, filed: 57, decided: 57, lost: 5}
`
	src := writeSite(t, site)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Output: out}); err != nil {
		t.Fatal(err)
	}
	canaries := []string{"CANARY-PAGE-51", "CANARY-RULE-52", "CANARY-CASE-53", "CANARY-KW-53", "CANARY-AN-54", "CANARY-DOC-55", "CANARY-FLOW-56", "CANARY-DATA-57", "ZK-2023-HJ-0008", "ZK-FX-09", "secret"}
	files := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		for _, c := range canaries {
			if strings.Contains(p, c) {
				t.Errorf("output path %s names %s", p, c)
			}
		}
		b, _ := os.ReadFile(p)
		if strings.HasSuffix(p, ".gz") {
			if zr, err := gzip.NewReader(bytes.NewReader(b)); err == nil {
				b, _ = io.ReadAll(zr)
			}
		}
		for _, c := range canaries {
			if bytes.Contains(b, []byte(c)) {
				t.Errorf("%s leaks %s", p, c)
			}
		}
		return nil
	})
	if files < 20 {
		t.Fatalf("only %d files scanned", files)
	}
	// The internal build has them all, marked 内部.
	internal := filepath.Join(t.TempDir(), "internal")
	if _, err := Build(context.Background(), Options{Source: src, Output: internal, Visibility: "internal"}); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"secret/index.html", "rules/secret-rule/index.html", "cases/ZK-2023-HJ-0008/index.html", "analyses/ZK-FX-09/index.html", "documents/secret-doc/index.html", "flow/secret-flow/index.html"} {
		if s := read(t, internal, rel); !strings.Contains(s, "CANARY") || !strings.Contains(s, "内部") {
			t.Errorf("internal build: %s lacks its content or the 内部 mark", rel)
		}
	}
}

// TestPublicLinkToInternal: a public item that links to an internal one is an
// error naming the link, in a public build only.
func TestPublicLinkToInternal(t *testing.T) {
	site := strings.Replace(miniSite, "related: [ZK-2023-HJ-0002]", "related: [ZK-2023-HJ-0002, ZK-2023-HJ-0007]", 1) + `
-- cases/secret.md --
---
id: ZK-2023-HJ-0007
kind: mediation
title: 内部案例
summary: 内部。
keywords: [内部]
domain: 征地拆迁
region: 川汇区
stage: 诉中
outcome: 化解成功
visibility: internal
---
-- content/links.md --
---
title: 链接
---
见[内部案例](/cases/ZK-2023-HJ-0007/)。
`
	src := writeSite(t, site)
	_, err := Build(context.Background(), Options{Source: src, Output: filepath.Join(t.TempDir(), "out")})
	if err == nil {
		t.Fatal("public build linking to an internal case succeeded")
	}
	for _, want := range []string{
		"cases/a.md:14:28: links to internal case ZK-2023-HJ-0007",
		"content/links.md:4:9: links to internal case ZK-2023-HJ-0007",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("diagnostics lack %q:\n%v", want, err)
		}
	}
	if _, err := Build(context.Background(), Options{Source: src, Output: filepath.Join(t.TempDir(), "int"), Visibility: "internal"}); err != nil {
		t.Errorf("the internal build may link anywhere: %v", err)
	}
}
