package statute

import (
	"strings"
	"testing"

	"huajie/generator/diag"
)

func TestParse(t *testing.T) {
	body := "前言。\n\n## 第一章 总 则\n\n第一条　一。\n\n第二条 二：\n（一）甲；\n（二）乙。\n\n第二款。\n\n## 第二章 附则\n\n### 第一节 其他\n\n第三条　三。\u200b\n"
	var d diag.List
	doc := Parse(body, "r.md", 5, &d)
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	if len(doc.Articles) != 3 || len(doc.Divisions) != 2 || doc.Divisions[0].Name != "总 则" {
		t.Fatalf("structure: %d articles, %d divisions", len(doc.Articles), len(doc.Divisions))
	}
	a := doc.Article(2)
	if a.Line != 11 || len(a.Paras) != 2 || len(a.Paras[0].Items) != 2 || a.Paras[1].Text != "第二款。" {
		t.Errorf("article 2 = %+v", a)
	}
	if doc.Divisions[1].Children[0].Articles[0].Paras[0].Text != "三。" {
		t.Errorf("zero-width space not removed")
	}
	if doc.Preamble[0] != "前言。" {
		t.Errorf("preamble = %q", doc.Preamble)
	}
}

func TestParseErrors(t *testing.T) {
	body := "## 第一章 总则\n\n第一条　一。\n\n第三条　三。\n\n第三条　又三。\n\n## 附件\n\n第五条\n\n（二）项。\n\n## 第三章 附则\n"
	var d diag.List
	Parse(body, "r.md", 10, &d)
	var got []string
	for _, x := range d.Items() {
		got = append(got, x.Error())
	}
	want := []string{
		"r.md:14:1: 第三条 follows 第一条: expected 第二条",
		"r.md:16:1: duplicate article 第三条 (first at line 14)",
		`r.md:18:1: heading "附件" is not a division: write 第一章 总则 (or 第一节 …)`,
		"r.md:20:1: 第五条 follows 第三条: expected 第四条",
		"r.md:20:1: 第五条 has no text",
		"r.md:22:1: item （二） in 第五条: the first item is （一）",
		"r.md:24:1: 第三章 follows 第一章: expected 第二章",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
