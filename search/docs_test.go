package search_test

import (
	"context"
	"strings"
	"testing"

	"huajie/generator/content"
	"huajie/search"
	"huajie/search/schema"
)

func TestPlainText(t *testing.T) {
	in := "## 基本案情\n\n> 引用**加粗**与`代码`\n\n- 列表 [链接文字](/cases/x/) 和 ![图](a.png)\n1. 第一项 <b>粗</b> a<b\n\n---\n| 甲 | 乙 |\n|---|:--:|\n```\ncode\n```\n#不是标题 ~~删除~~"
	want := "基本案情\n引用加粗与代码\n列表 链接文字 和 图\n第一项 粗 a<b\n  甲   乙  \ncode\n#不是标题 删除"
	if got := search.PlainText(in); got != want {
		t.Errorf("PlainText =\n%q\nwant\n%q", got, want)
	}
}

func TestDocsVisibility(t *testing.T) {
	ctx := context.Background()
	c := &content.Content{
		Site: content.Site{Visibility: "public"},
		Cases: []*content.Case{
			{ID: "ZK-2023-HJ-0001", Kind: "mediation", Title: "公开案例"},
			{ID: "ZK-2023-HJ-0002", Kind: "mediation", Title: "内部案例", Visibility: "internal"},
		},
		Pages: []*content.Page{{Title: "内部页面", Visibility: "internal", URL: "x/"}},
	}
	ids := func(opts search.DocsOptions) []string {
		docs, err := search.Docs(ctx, c, opts)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range docs {
			out = append(out, d.ID)
		}
		return out
	}
	if got := strings.Join(ids(search.DocsOptions{}), " "); got != "ZK-2023-HJ-0001" {
		t.Errorf("public site: %s", got)
	}
	c.Site.Visibility = "internal"
	if got := strings.Join(ids(search.DocsOptions{}), " "); got != "ZK-2023-HJ-0001 ZK-2023-HJ-0002 pages/x/" {
		t.Errorf("internal site: %s", got)
	}
	if got := strings.Join(ids(search.DocsOptions{Public: true}), " "); got != "ZK-2023-HJ-0001" {
		t.Errorf("internal site, public documents: %s", got)
	}
}

// TestRuleArticles: a rule gives one document for itself and one per
// article, opening the rule at the article.
func TestRuleArticles(t *testing.T) {
	var art *schema.Doc
	docs := loadRepo(t)
	for i := range docs {
		if docs[i].ID == "rules/work-rules#art-24" {
			art = &docs[i]
		}
	}
	if art == nil {
		t.Fatal("no document for 《工作规则》第二十四条")
	}
	if art.URL != "rules/work-rules/#art-24" || art.Title != "《工作规则》第二十四条" || art.Kind != schema.KindRule || art.Authority != "规范性文件" {
		t.Errorf("article 24: %+v", *art)
	}
	if !strings.Contains(art.Keywords, "第四章　化解程序") || art.Body == "" || strings.HasPrefix(art.Body, "第二十四条") {
		t.Errorf("article 24: keywords %q (want its chapter), body %.40q (without its label)", art.Keywords, art.Body)
	}
}
