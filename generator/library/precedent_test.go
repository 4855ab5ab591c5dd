package library

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"huajie/generator/diag"
)

// TestLoadPrecedentsCorpus loads every set of the shared corpus: no
// diagnostics, every guiding case with its 裁判要点, unique IDs.
func TestLoadPrecedentsCorpus(t *testing.T) {
	for _, tt := range []struct {
		dir       string
		n         int
		authority string
	}{
		{"guiding-cases/cases", 246, AuthorityGuiding},
		{"spp-guiding-cases/cases", 218, AuthorityProcuratory},
		{"gazette-cases-admin/cases", 108, AuthorityGazette},
		{"typical-cases", 52, AuthorityTypical},
	} {
		t.Run(tt.dir, func(t *testing.T) {
			var d diag.List
			ps := LoadPrecedents(context.Background(), []string{corpusDir(t, tt.dir)}, &d)
			if d.Len() > 0 {
				t.Fatalf("diagnostics:\n%s", diagLines(&d))
			}
			if len(ps) != tt.n {
				t.Errorf("%d precedents, want %d", len(ps), tt.n)
			}
			ids := map[string]bool{}
			var noPoints, noArticles, noKeywords, noDate, noCourt []string
			shapes := map[string]int{}
			for _, p := range ps {
				if p.Authority != tt.authority {
					t.Errorf("%s: authority %s", p.Path, p.Authority)
				}
				if ids[p.ID] || p.ID == "" || strings.ContainsAny(p.ID, "/?#% ") {
					t.Errorf("%s: id %q", p.Path, p.ID)
				}
				ids[p.ID] = true
				if p.Title == "" || strings.Contains(p.Title, "**") || strings.Contains(p.Title, "...") {
					t.Errorf("%s: title %q", p.Path, p.Title)
				}
				if len(p.ArtLines) != len(p.Articles) {
					t.Errorf("%s: %d articles, %d lines", p.Path, len(p.Articles), len(p.ArtLines))
				}
				for _, s := range p.Sections {
					if s.Body == "" {
						t.Errorf("%s:%d: section %q is empty", p.Path, s.Line, s.Heading)
					}
				}
				name := filepath.Base(p.Path)
				if p.Points == "" {
					noPoints = append(noPoints, name)
				}
				if len(p.Articles) == 0 {
					noArticles = append(noArticles, name)
				}
				if len(p.Keywords) == 0 {
					noKeywords = append(noKeywords, name)
				}
				if p.Date == "" {
					noDate = append(noDate, name)
				}
				if p.Court == "" {
					noCourt = append(noCourt, name)
				}
				var hs []string
				for _, s := range p.Sections {
					hs = append(hs, s.Heading)
				}
				shapes[strings.Join(hs, "|")]++
			}
			if tt.authority == AuthorityGuiding && len(noPoints) > 0 {
				t.Errorf("guiding cases without 裁判要点: %v", noPoints)
			}
			t.Logf("%d precedents; empty: Points %d, Articles %d, Keywords %d, Date %d, Court %d; %d section shapes",
				len(ps), len(noPoints), len(noArticles), len(noKeywords), len(noDate), len(noCourt), len(shapes))
		})
	}
}

func TestPrecedentValues(t *testing.T) {
	var d diag.List
	dirs := []string{corpusDir(t, "guiding-cases/cases"), corpusDir(t, "spp-guiding-cases/cases"), corpusDir(t, "gazette-cases-admin/cases"), corpusDir(t, "typical-cases")}
	byID := map[string]*Precedent{}
	for _, p := range LoadPrecedents(context.Background(), dirs, &d) {
		byID[p.ID] = p
	}
	if d.Len() > 0 {
		t.Fatalf("diagnostics:\n%s", diagLines(&d))
	}
	tests := []struct {
		id   string
		get  func(p *Precedent) any
		want string
	}{
		// 指导案例5号: separators lost in 关键词, the title broken over lines.
		{"zd-5", func(p *Precedent) any { return p.Number }, "指导案例5号"},
		{"zd-5", func(p *Precedent) any { return p.Title }, "鲁潍（福建）盐业进出口有限公司苏州分公司诉江苏省苏州市盐务管理局盐业行政处罚案"},
		{"zd-5", func(p *Precedent) any { return p.Keywords }, "[行政 行政许可行政处罚规章参照盐业管理]"},
		{"zd-5", func(p *Precedent) any { return p.Articles[0] }, "《中华人民共和国行政许可法》第十五条第一款、第十六条第二款、第三款"},
		{"zd-5", func(p *Precedent) any { return len(p.Articles) }, "4"},
		{"zd-5", func(p *Precedent) any { return p.ArtLines[0] }, "24"},
		{"zd-5", func(p *Precedent) any { return p.Issued + "|" + p.Published }, "最高人民法院审判委员会讨论通过 2012年4月9日发布|2012-04-09"},
		{"zd-5", func(p *Precedent) any { return p.Court + "|" + p.Date + "|" + p.CaseNo }, "江苏省苏州市金阊区人民法院|2011-04-29|（2009）金行初字第0027号"},
		{"zd-5", func(p *Precedent) any { return p.URL }, "https://www.court.gov.cn/fabu-xiangqing-4218.html"},
		{"zd-5", func(p *Precedent) any {
			return strings.HasPrefix(p.Points, "1.盐业管理的法律、行政法规没有设定工业盐准运证的行政许可") && strings.Contains(p.Points, "\n\n2.")
		}, "true"},
		// 指导案例15号: the effective decision is the second instance's.
		{"zd-15", func(p *Precedent) any { return p.Title }, "徐工集团工程机械股份有限公司诉成都川交工贸有限责任公司等买卖合同纠纷案"},
		{"zd-15", func(p *Precedent) any { return p.Court + "|" + p.Date + "|" + p.CaseNo }, "江苏省高级人民法院|2011-10-19|（2011）苏商终字第0107号"},
		{"zd-15", func(p *Precedent) any { return p.Articles }, "[《中华人民共和国民法通则》第四条 《中华人民共和国公司法》第三条第一款、第二十条第三款]"},
		// 指导案例38号: one keyword a line.
		{"zd-38", func(p *Precedent) any { return p.Keywords }, "[行政诉讼 颁发证书 高等学校 受案范围 正当程序]"},
		// 指导案例136号: "/" keywords with one broken over two lines.
		{"zd-136", func(p *Precedent) any { return p.Keywords }, "[行政 环境行政公益诉讼 环境民事公益诉讼 分别立案 一并审理]"},
		// 指导性案例211号: ==== under the title, a note line after a 相关法条 line.
		{"zd-211", func(p *Precedent) any { return p.Number + "|" + p.Title }, "指导性案例211号|铜仁市万山区人民检察院诉铜仁市万山区林业局不履行林业行政管理职责行政公益诉讼案"},
		{"zd-211", func(p *Precedent) any { return p.Articles[1] }, "《中华人民共和国行政处罚法》（2021年修订）第35条（本案适用的是2017年修正的《中华人民共和国行政处罚法》第28条）"},
		// 指导性案例238号: the heading broken over two lines, bold.
		{"zd-238", func(p *Precedent) any { return p.Title }, "圣某欢诉江苏某网络科技有限公司确认劳动关系纠纷案"},
		{"zd-238", func(p *Precedent) any { return p.Sections[len(p.Sections)-1].Heading }, "裁判理由"},
		// 指导案例7号: the release line broken over two lines.
		{"zd-7", func(p *Precedent) any { return p.Published }, "2012-04-09"},
		// 检例第12号: bare article lines under the title.
		{"jl-12", func(p *Precedent) any { return p.Articles }, "[《中华人民共和国刑法》第一百四十四条、第一百四十条、第一百四十一条第一款]"},
		{"jl-12", func(p *Precedent) any { return p.Number + "|" + p.Authority }, "检例第12号|检察指导性案例"},
		// 检例第24号: 【要 / 旨】 split over two lines.
		{"jl-24", func(p *Precedent) any {
			return strings.HasPrefix(p.Points, "刑法第一百八十条第四款利用未公开信息交易罪为援引法定刑的情形")
		}, "true"},
		// 检例第121号: an administrative case ending in settlement.
		{"jl-121", func(p *Precedent) any { return p.Keywords[0] + "|" + p.Title }, "行政争议实质性化解|姚某诉福建省某县民政局撤销婚姻登记检察监督案"},
		// 检例第207号 carries 检例第208号 after its own text.
		{"jl-207", func(p *Precedent) any { return len(p.Sections) }, "4"},
		{"jl-207", func(p *Precedent) any {
			return strings.Contains(p.Sections[3].Body, "208") || strings.Contains(p.Sections[3].Body, "赵某")
		}, "false"},
		// 检例第28号: the 相关规定 quote the provisions: cited and kept.
		{"jl-28", func(p *Precedent) any { return p.Articles[0] }, "《中华人民共和国侵权责任法》（2009年12月26日第十一届全国人民代表大会常务委员会第十二次会议通过）第四条"},
		{"jl-28", func(p *Precedent) any { return p.Sections[len(p.Sections)-1].Heading }, "相关规定"},
		// Gazette 001: the headnote, then the stages of the judgment.
		{"gb-001", func(p *Precedent) any { return p.Title }, "上海中燃船舶燃料有限公司诉上海市质量技术监督局行政处罚决定案"},
		{"gb-001", func(p *Precedent) any {
			return strings.HasPrefix(p.Points, "行政规范性文件经制定、发布、公布、施行")
		}, "true"},
		{"gb-001", func(p *Precedent) any { return p.Sections[0].Heading + "|" + string([]rune(p.Sections[0].Body)[:5]) }, "案情|原告：上海"},
		{"gb-001", func(p *Precedent) any { return p.Court + "|" + p.Date }, "上海市第三中级人民法院|2018-10-25"},
		// Gazette 102: a pasted copy of the whole text after an inline headnote.
		{"gb-102", func(p *Precedent) any { return len([]rune(p.Points)) < 300 && !strings.Contains(p.Points, "原告") }, "true"},
		{"gb-102", func(p *Precedent) any { return p.Title }, "项红敏诉六盘水市人民政府改变原行政行为行政复议决定案"},
		// Gazette 079: a guiding case in the Gazette.
		{"gb-079", func(p *Precedent) any { return fmt.Sprint(p.Keywords[:2], " ", p.Published, " ", len(p.Articles)) }, "[行政 行政公益诉讼] 2023-10-20 3"},
		// A typical case whose own heading states its rule.
		{"dx-李某与某购物广场买卖合同纠纷案", func(p *Precedent) any { return p.Title + "|" + p.Headline }, "李某与某购物广场买卖合同纠纷案|销售已过保质期的食品，构成经营者“明知”"},
		{"dx-李某与某购物广场买卖合同纠纷案", func(p *Precedent) any { return p.Articles }, "[《最高人民法院关于审理食品安全民事纠纷案件适用法律若干问题的解释（一）》第六条]"},
		{"dx-周某某、肖某诉某演绎公司合同纠纷案", func(p *Precedent) any { return p.Issued + "|" + p.Date }, "消费者权益保护典型案例 最高人民法院发布 2022-03-15|2022-03-15"},
		{"dx-王某诉安徽省怀宁县国土资源局土地管理行政出让案", func(p *Precedent) any { return p.Sections[0].Heading + "|" + p.Sections[len(p.Sections)-1].Heading }, "基本案情|典型意义"},
	}
	for _, tt := range tests {
		p := byID[tt.id]
		if p == nil {
			t.Errorf("%s not loaded", tt.id)
			continue
		}
		if got := fmt.Sprint(tt.get(p)); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.id, got, tt.want)
		}
	}
}

func TestParsePrecedent(t *testing.T) {
	tests := []struct {
		name, rel, text, want string
	}{{
		name: "guiding case, older layout",
		rel:  "cases/099.md",
		text: "### 指导案例99号：甲诉乙...\n原文网址：https://example.org/99\n\n甲诉乙\n\n行政纠纷案\n\n（最高人民法院审判委员会讨论通过2018年12月19日发布）\n\n关键词\n\n行政/行政协议\n\n裁判要点\n\n要点一。\n\n要点二。\n\n相关法条\n\n1.《中华人民共和国行政诉讼法》第十二条\n\n基本案情\n\n案情。\n\n裁判结果\n\n某市中级人民法院于2017年5月2日作出（2017）某行初1号行政判决。\n\n裁判理由\n\n理由。\n",
		want: "zd-99|指导性案例|指导案例99号|甲诉乙行政纠纷案|[行政 行政协议]|要点一。\n\n要点二。|[《中华人民共和国行政诉讼法》第十二条]|[基本案情 裁判结果 裁判理由]|某市中级人民法院|2017-05-02|（2017）某行初1号|2018-12-19",
	}, {
		name: "guiding case, newer layout",
		rel:  "cases/230.md",
		text: "　指导性案例230号丙诉\n\n　　**丁案**\n\n（最高人民法院审判委员会讨论通过 2024年1月2日发布）\n\n　　**关键词**  行政/征收\n\n　　**裁判要点**\n\n　　要点。\n\n　　**基本案情**\n\n　　案情。\n\n　　**相关法条**\n\n　　《中华人民共和国土地管理法》第47条\n",
		want: "zd-230|指导性案例|指导性案例230号|丙诉丁案|[行政 征收]|要点。|[《中华人民共和国土地管理法》第47条]|[基本案情]||2024-01-02||2024-01-02",
	}, {
		name: "检例",
		rel:  "cases/050.md",
		text: "### （检例第50号）某县人民检察院督促履职案\n\n（检例第50号）\n\n【关键词】\n\n行政公益诉讼　督促履职\n\n【要旨】\n\n要旨。\n\n【基本案情】\n\n案情。\n\n【相关规定】\n\n《中华人民共和国行政诉讼法》第二十五条\n\n第九十七条\n",
		want: "jl-50|检察指导性案例|检例第50号|某县人民检察院督促履职案|[行政公益诉讼 督促履职]|要旨。|[《中华人民共和国行政诉讼法》第二十五条、第九十七条]|[基本案情]||||",
	}, {
		name: "gazette case",
		rel:  "cases/200.md",
		text: "## 甲公司诉 乙局行政处罚案\n\n【裁判摘要】\n\n    摘要。\n\n    原告：甲公司。\n\n    被告：乙局。\n\n    丙区人民法院一审查明：事实。\n\n    丙区人民法院一审认为：理由。\n\n    丁市中级人民法院依照《中华人民共和国行政诉讼法》第八十九条之规定，于2019年3月4日判决：驳回上诉，维持原判。\n",
		want: "gb-200|公报案例||甲公司诉乙局行政处罚案|[]|摘要。|[]|[案情 丙区人民法院一审查明 丙区人民法院一审认为]|丁市中级人民法院|2019-03-04||",
	}, {
		name: "typical case",
		rel:  "行政协议诉讼/某某诉某局行政协议案.md",
		text: "# 某某诉某局行政协议案\n\n<!-- INFO END -->\n\n## 基本案情\n\n案情。\n\n## 裁判结果\n\n某县人民法院于2020年1月2日作出判决。\n\n## 典型意义\n\n意义。\n",
		want: "dx-某某诉某局行政协议案|典型案例||某某诉某局行政协议案|[]||[]|[基本案情 裁判结果 典型意义]|某县人民法院|2020-01-02||",
	}, {
		name: "not a precedent",
		rel:  "notes.md",
		text: "说明。\n",
		want: "x.md:1:1: not a precedent: a guiding case begins 指导案例N号, a 检例 （检例第N号）, a gazette case # 标题, a typical case # 标题 and <!-- INFO END -->",
	}, {
		name: "empty",
		rel:  "empty.md",
		text: "\n\n",
		want: "x.md:1:1: not a precedent: the file is empty",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d diag.List
			p := ParsePrecedent(tt.text, "x.md", tt.rel, &d)
			got := diagLines(&d)
			if p != nil {
				if got != "" {
					t.Errorf("a precedent and diagnostics:\n%s", got)
				}
				var hs []string
				for _, s := range p.Sections {
					hs = append(hs, s.Heading)
				}
				got = fmt.Sprintf("%s|%s|%s|%s|%v|%s|%v|%v|%s|%s|%s|%s", p.ID, p.Authority, p.Number, p.Title, p.Keywords, p.Points, p.Articles, hs, p.Court, p.Date, p.CaseNo, p.Published)
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestLoadPrecedentsTwice: a set mounted twice is reported at each
// duplicate, once.
func TestLoadPrecedentsTwice(t *testing.T) {
	dir := corpusDir(t, "guiding-cases/cases")
	var d diag.List
	ps := LoadPrecedents(context.Background(), []string{dir, filepath.Join(dir, "..", "cases")}, &d)
	if len(ps) != 246 || d.Len() != 246 {
		t.Fatalf("%d precedents, %d diagnostics", len(ps), d.Len())
	}
	first := d.Items()[0]
	if first.Pos.Line != 1 || first.Pos.Col != 1 || !strings.Contains(first.Msg, "is loaded already from") {
		t.Errorf("diagnostic %v", first)
	}
}
