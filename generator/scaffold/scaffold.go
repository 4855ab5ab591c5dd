// Package scaffold writes new content files from the content model (huajie
// new): the next free id, today's date, every required field with a hint.
// It never overwrites an existing file.
package scaffold

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Options say what to create. Zero values take defaults: kind "mediation",
// today's date, and a slug derived from the kind.
type Options struct {
	Root string    // site folder
	What string    // case, analysis, rule, page
	Kind string    // for cases: mediation, exemplary, warning
	Slug string    // for rules and pages
	Now  time.Time // the date written into the file
}

var kindCode = map[string]string{"mediation": "HJ", "exemplary": "YX", "warning": "JS"}
var kindDir = map[string]string{"mediation": "cases/mediation", "exemplary": "cases/enforcement", "warning": "cases/enforcement"}

// New writes the file and returns its path relative to Root.
func New(o Options) (string, error) {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	var rel, text string
	switch o.What {
	case "case":
		if o.Kind == "" {
			o.Kind = "mediation"
		}
		code, ok := kindCode[o.Kind]
		if !ok {
			return "", fmt.Errorf("unknown kind %q: use mediation, exemplary or warning", o.Kind)
		}
		prefix := fmt.Sprintf("ZK-%d-%s-", o.Now.Year(), code)
		id := prefix + fmt.Sprintf("%04d", nextNumber(filepath.Join(o.Root, "cases"), regexp.MustCompile(regexp.QuoteMeta(prefix)+`(\d{4})`)))
		rel = kindDir[o.Kind] + "/" + id + ".md"
		text = caseTemplate(id, o.Kind, o.Now)
	case "analysis":
		id := fmt.Sprintf("ZK-FX-%02d", nextNumber(filepath.Join(o.Root, "cases", "analyses"), regexp.MustCompile(`ZK-FX-(\d{2,4})`)))
		rel = "cases/analyses/" + id + ".md"
		text = analysisTemplate(id, o.Now)
	case "rule", "page":
		if !regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`).MatchString(o.Slug) {
			return "", fmt.Errorf("%s needs a name of lowercase ASCII letters, digits and hyphens (it becomes the URL), e.g. huajie new %s my-%s", o.What, o.What, o.What)
		}
		if o.What == "rule" {
			rel, text = "rules/"+o.Slug+".md", ruleTemplate(o.Now)
		} else {
			rel, text = "content/"+o.Slug+".md", pageTemplate()
		}
	default:
		return "", fmt.Errorf("unknown kind of file %q: use case, analysis, rule or page", o.What)
	}
	p := filepath.Join(o.Root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if os.IsExist(err) {
			return "", fmt.Errorf("%s already exists: huajie new never overwrites a file", rel)
		}
		return "", err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return "", err
	}
	return rel, f.Close()
}

// nextNumber scans dir for ids matching re and returns the highest number + 1.
func nextNumber(dir string, re *regexp.Regexp) int {
	max := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if m := re.FindStringSubmatch(d.Name()); m != nil {
			if n, _ := strconv.Atoi(m[1]); n > max {
				max = n
			}
		}
		b, err := os.ReadFile(p)
		if err == nil {
			head := string(b[:min(len(b), 400)])
			if m := re.FindStringSubmatch(head); m != nil {
				if n, _ := strconv.Atoi(m[1]); n > max {
					max = n
				}
			}
		}
		return nil
	})
	return max + 1
}

func caseTemplate(id, kind string, now time.Time) string {
	date := now.Format("2006-01-02")
	var b strings.Builder
	fmt.Fprintf(&b, `---
id: %s
kind: %s
title: 标题（必填）：写明地区、行为类型和争议实质
summary: 要旨（必填）：一到三句话写明化解要点或警示要点
keywords: [关键词一, 关键词二]   # 最多 7 个
domain: 行政处罚               # 必填，取 content/vocab.yaml 的 domains
act_type: 行政处罚             # 取 vocab.yaml 的 act_types
region: 川汇区                 # 必填，取 vocab.yaml 的 regions
agency: 某某局                 # 行政机关名称（可以写明）
agency_type: 市场监管          # 取 vocab.yaml 的 agency_types
`, id, kind)
	if kind == "mediation" {
		b.WriteString("stage: 诉前                   # 必填：诉前 | 诉中 | 诉后\noutcome: 达成初步化解意向      # 必填，取 vocab.yaml 的 outcomes\n")
	}
	fmt.Fprintf(&b, "dates: {act: %s, received: %s}\n", date, date)
	b.WriteString("legal_basis:\n  - 《中华人民共和国行政诉讼法》第六十条\n")
	if kind == "warning" {
		b.WriteString("defects: [程序]                # 必填，取 vocab.yaml 的 defects\nrectification: 整改措施（必填）\naccountability: [批评教育]     # 必填，取 vocab.yaml 的 accountability\n")
	}
	b.WriteString("parties:\n  - {role: 申请人, type: 自然人, display: 张某}   # 自然人一律使用化名\nsample: true\n---\n\n## 基本案情\n\n")
	switch kind {
	case "mediation":
		b.WriteString("## 争议焦点\n\n## 化解过程\n\n## 化解结果\n\n## 评析\n")
	case "warning":
		b.WriteString("## 争议焦点\n\n## 执法过程\n\n## 败诉原因\n\n## 评析\n\n## 警示要点\n")
	default:
		b.WriteString("## 执法过程\n\n## 典型意义\n")
	}
	return b.String()
}

func analysisTemplate(id string, now time.Time) string {
	return fmt.Sprintf(`---
id: %s
title: 类案分析标题（必填）
summary: 摘要（必填）
keywords: [类案分析]
domain: 征地拆迁
region: 周口市
date: %s
precedents:
  - {case: 指导案例21号, court: 最高人民法院, result: 裁判结果, point: 裁判要点}
issues: [争议焦点一]
risk: {level: 中, reason: 理由}
cost: 诉讼成本：时间、费用、执行
recommendation: 化解建议
used_in: []
sample: true
---

## 类案检索

## 法律适用分析

## 化解建议
`, id, now.Format("2006-01-02"))
}

func ruleTemplate(now time.Time) string {
	return fmt.Sprintf(`---
title: 文件全称（必填）
short_title: 简称
doc_number: 周司〔%d〕1号
issuer: [周口市司法局]
adopted: %s
effective: %s
status: 现行有效
sample: true
---

## 第一章 总则

第一条　为了……，制定本制度。
`, now.Year(), now.Format("2006-01-02"), now.Format("2006-01-02"))
}

func pageTemplate() string {
	return "---\ntitle: 页面标题（必填）\nsummary: 一句话简介\nsample: true\n---\n\n正文。\n"
}
