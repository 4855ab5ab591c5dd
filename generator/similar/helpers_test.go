package similar

import (
	"slices"
	"strings"
	"testing"
)

// str writes terms back as text, for comparing.
func str(ts []term) []string {
	var out []string
	for _, t := range ts {
		out = append(out, string([]rune{rune(t >> 16), rune(t & 0xFFFF)}))
	}
	return out
}

func TestBigrams(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{"征收补偿", "征收 收补 补偿"},
		// Markdown, links, numbers and Latin words separate runs.
		{"## 基本案情\n\n见[第二十条](/rules/work-rules/#art-20)，**房屋**征收", "基本 本案 案情 房屋 征收"},
		{"补偿款170.1万元", "补偿 偿款 万元"},
		{"ZK-2023-HJ-0001牵头案件", "牵头 头案 案件"},
		// Pseudonyms, anonymised places, article numbers and stop bigrams.
		{"王某与某镇某村", ""},
		{"《土地管理法》第四十八条", "土地 地管 管理 理法"},
		{"其中以及行政", "中以 及行 行政"},
		// A single character gives nothing; full-width punctuation splits.
		{"诉、讼", ""},
	}
	for _, tt := range tests {
		got := strings.Join(str(bigrams(tt.text, nil)), " ")
		if got != tt.want {
			t.Errorf("bigrams(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestArticleKeys(t *testing.T) {
	got := ArticleKeys(
		"《中华人民共和国行政诉讼法》第七十条第（一）项",
		"《行政诉讼法》第七十条",
		"1.《中华人民共和国行政许可法》第十五条第一款、第十六条第二款",
		"《中华人民共和国行政强制法》第三十五条至第三十七条",
		"本法第五条",
	)
	want := []string{"行政强制法#35", "行政强制法#36", "行政强制法#37", "行政许可法#15", "行政许可法#16", "行政诉讼法#70"}
	if !slices.Equal(got, want) {
		t.Errorf("ArticleKeys = %q, want %q", got, want)
	}
}

func TestFormatArticle(t *testing.T) {
	for key, want := range map[string]string{
		"行政诉讼法#70":   "《行政诉讼法》第七十条",
		"行政诉讼法#10-1": "《行政诉讼法》第十条之一",
		"工作规则#124":   "《工作规则》第一百二十四条",
		"土地管理法":      "《土地管理法》",
	} {
		if got := FormatArticle(key); got != want {
			t.Errorf("FormatArticle(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestPrecedentKey(t *testing.T) {
	for in, want := range map[string]string{
		"指导案例91号":           "指导案例91号",
		"指导性案例第91号":         "指导案例91号",
		"指导案例九十一号":          "指导案例91号",
		"(2023)豫16行初123号":   "（2023）豫16行初123号",
		" ZK-2023-HJ-0001 ": "ZK-2023-HJ-0001",
	} {
		if got := PrecedentKey(in); got != want {
			t.Errorf("PrecedentKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFromContent(t *testing.T) {
	items := repoItems(t)
	byID := map[string]Item{}
	for _, it := range items {
		if it.Rank != RankOwn {
			t.Errorf("%s has rank %d", it.ID, it.Rank)
		}
		if strings.Contains(strings.Join(it.Articles, " "), "工作规则#") {
			t.Errorf("%s cites the centre's own rules in Articles: %q", it.ID, it.Articles)
		}
		byID[it.ID] = it
	}
	lead := byID["ZK-2023-HJ-0001"]
	if !slices.Contains(lead.Articles, "土地管理法#48") || lead.Group != "ZK-2023-HJ-0001" || lead.Domain != "征地拆迁" || lead.ActType != "行政补偿" {
		t.Errorf("lead case: %+v", lead)
	}
	if g := byID["ZK-2023-HJ-0007"].Group; g != "ZK-2023-HJ-0001" {
		t.Errorf("series member group %q", g)
	}
	if a, b := byID["ZK-2022-JS-0001"].Group, byID["ZK-2022-YX-0002"].Group; a != "ZK-2022-YX-0002" || b != a {
		t.Errorf("pair groups %q and %q", a, b)
	}
	fx := byID["ZK-FX-01"]
	if !slices.Contains(fx.Precedents, "指导案例22号") || !slices.Contains(fx.Precedents, "ZK-2023-HJ-0001") {
		t.Errorf("analysis precedents %q", fx.Precedents)
	}
	if !strings.Contains(fx.Text, "收回土地使用权的批复") {
		t.Errorf("analysis text lacks its body")
	}
	if !slices.Contains(byID["ZK-2023-HJ-0022"].Precedents, "指导案例91号") {
		t.Errorf("case precedents %q, want 指导案例91号 from its keywords", byID["ZK-2023-HJ-0022"].Precedents)
	}
}
