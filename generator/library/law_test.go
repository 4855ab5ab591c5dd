package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huajie/generator/diag"
)

// corpus is the shared corpus of real legal texts; tests read it in place
// and never copy it.
var corpus = filepath.Join("..", "..", "..", "shared", "corpus")

func corpusDir(t testing.TB, rel string) string {
	t.Helper()
	dir := filepath.Join(corpus, filepath.FromSlash(rel))
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("the shared corpus is not at %s (%v): the tests on real texts need it", dir, err)
	}
	return dir
}

func diagLines(d *diag.List) string {
	var out []string
	for _, x := range d.Items() {
		out = append(out, x.Error())
	}
	return strings.Join(out, "\n")
}

func TestLoadLawsKey(t *testing.T) {
	dirs := []string{corpusDir(t, "laws/key"), corpusDir(t, "laws/key-related")}
	var d diag.List
	laws := LoadLaws(context.Background(), dirs, &d)
	if d.Len() > 0 {
		t.Fatalf("diagnostics:\n%s", diagLines(&d))
	}
	if len(laws) != 24 {
		t.Fatalf("%d laws, want 24", len(laws))
	}
	for i := 1; i < len(laws); i++ {
		if laws[i-1].Path >= laws[i].Path {
			t.Errorf("not sorted by Path: %s before %s", laws[i-1].Path, laws[i].Path)
		}
	}
	var ssf *Law
	for _, l := range laws {
		if strings.HasSuffix(l.Path, "行政诉讼法(2017-06-27).md") {
			ssf = l
		}
		if len(l.Doc.Articles) == 0 {
			t.Errorf("%s: no articles", l.Path)
		}
		for _, dv := range l.Doc.Divisions {
			if strings.ContainsAny(dv.Title(), "\u200b\ufeff") {
				t.Errorf("%s: zero-width space left in %q", l.Path, dv.Title())
			}
		}
	}
	if ssf == nil {
		t.Fatal("行政诉讼法(2017-06-27).md not loaded")
	}
	got := fmt.Sprintf("%s|%s|%s|%q|%d|%d|%d", ssf.Title, ssf.Short, ssf.Version, ssf.Category, len(ssf.History), ssf.BodyLine, len(ssf.Doc.Divisions))
	if want := `中华人民共和国行政诉讼法|行政诉讼法|2017-06-27|""|3|10|10`; got != want {
		t.Errorf("行政诉讼法 = %s, want %s", got, want)
	}
	if len(ssf.Doc.Articles) != 103 {
		t.Errorf("%d articles, want 103", len(ssf.Doc.Articles))
	}
	for n := 1; n <= 103; n++ {
		a := ssf.Doc.Article(n)
		if a == nil || a.Anchor != fmt.Sprintf("art-%d", n) || len(a.Paras) == 0 {
			t.Errorf("第%d条 missing or empty: %+v", n, a)
		}
	}
	if a := ssf.Doc.Article(70); !strings.HasPrefix(a.Paras[0].Text, "行政行为有下列情形之一的") || len(a.Paras[0].Items) != 6 {
		t.Errorf("第七十条 = %q with %d items", a.Paras[0].Text, len(a.Paras[0].Items))
	}
	if h := ssf.History[0]; h != "1989年4月4日 第七届全国人民代表大会第二次会议通过" {
		t.Errorf("History[0] = %q", h)
	}
}

func TestGroupPick(t *testing.T) {
	dirs := []string{corpusDir(t, "laws/key"), corpusDir(t, "laws/key-related")}
	var d diag.List
	g := Group(LoadLaws(context.Background(), dirs, &d))
	vs := g["行政复议法"]
	if len(vs) != 2 || vs[0].Version != "2023-09-01" || vs[1].Version != "2017-09-01" {
		t.Fatalf("行政复议法 versions = %v", versions(vs))
	}
	if n := len(g["行政诉讼法"]); n != 1 {
		t.Errorf("行政诉讼法: %d versions", n)
	}
	if _, ok := g["最高人民法院关于适用〈行政诉讼法〉的解释"]; !ok {
		t.Errorf("the 2018 interpretation is not keyed by its normalised title")
	}
	for _, tt := range []struct{ date, want string }{
		{"", "2023-09-01"},
		{"2024-05-01", "2023-09-01"},
		{"2023-09-01", "2023-09-01"},
		{"2023-08-31", "2017-09-01"},
		{"2017-09-01", "2017-09-01"},
		{"2010-01-01", "2017-09-01"}, // before every version: the oldest
	} {
		if got := Pick(vs, tt.date); got.Version != tt.want {
			t.Errorf("Pick(行政复议法, %q) = %s, want %s", tt.date, got.Version, tt.want)
		}
	}
}

func versions(vs []*Law) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Version+" "+v.Path)
	}
	return out
}

func TestPickSynthetic(t *testing.T) {
	l := func(v, p string) *Law { return &Law{Title: "某法", Version: v, Path: p} }
	a, b, c, u := l("2001-01-01", "a"), l("2010-06-30", "b"), l("2020-12-31", "c"), l("", "u")
	for _, tt := range []struct {
		name string
		vs   []*Law
		date string
		want *Law
	}{
		{"none", nil, "2000-01-01", nil},
		{"unsorted, newest", []*Law{a, c, b}, "", c},
		{"in force", []*Law{a, c, b}, "2015-01-01", b},
		{"on the day", []*Law{a, c, b}, "2010-06-30", b},
		{"before all", []*Law{c, b}, "1999-01-01", b},
		{"undated skipped", []*Law{u, a}, "2005-01-01", a},
		{"undated skipped, before all", []*Law{u, a}, "1990-01-01", a},
		{"only undated", []*Law{u}, "2005-01-01", u},
		{"undated never newest", []*Law{u, a}, "", a},
	} {
		if got := Pick(tt.vs, tt.date); got != tt.want {
			t.Errorf("%s: Pick = %+v, want %+v", tt.name, got, tt.want)
		}
	}
	g := Group([]*Law{a, l("2001-01-01", "a2"), u, l("", "u2"), {Title: "中华人民共和国某法", Part: "第一编", Version: "2001-01-01"}})
	if got := versions(g["某法"]); strings.Join(got, ",") != "2001-01-01 a, u, u2" {
		t.Errorf("Group = %q", got)
	}
	if len(g["某法·第一编"]) != 1 {
		t.Errorf("a book is not its own group: %v", g)
	}
}

func TestParseLaw(t *testing.T) {
	tests := []struct {
		name, rel, text string
		want            string // summary, or the diagnostics
	}{{
		name: "the LawRefBook layout",
		rel:  "行政法/某某法(2017-06-27).md",
		text: "# 中华人民共和国某某法\n\n1989年4月4日 第七届全国人民代表大会第二次会议通过\n\n2017年6月27日 第十二届全国人民代表大会常务委员会第二十八次会议修正\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了……，制定本法。\n",
		want: "中华人民共和国某某法|某某法||2017-06-27|行政法||8|2 history|1 articles",
	}, {
		name: "zero-width and typographic spaces, a BOM, no date in the name",
		rel:  "某条例.md",
		text: "\ufeff# \u200b某某条例\u00a0\n\n2001年1月2日\u2002国务院公布\n\n2002年1月1日 施行\n\n<!-- INFO END -->\n\n## 第一章\u2002总\u2002则\n\n\u200b\n\n第一条\u2002为了……\n",
		want: "某某条例|某某条例||2001-01-02|||8|2 history|1 articles",
	}, {
		name: "a date broken over two lines, in Chinese numerals",
		rel:  "行政法规/某规定.md",
		text: "# 某规定\n\n劳动部\n\n一九九四年十二月\n六日\n\n<!-- INFO END -->\n\n第一条 甲。\n",
		want: "某规定|某规定||1994-12-06|行政法规||9|2 history|1 articles",
	}, {
		name: "a book of a code",
		rel:  "民法典/合同编.md",
		text: "# 中华人民共和国民法典\n\n# 合同编\n\n2020年5月28日 第十三届全国人民代表大会第三次会议通过\n\n<!-- INFO END -->\n\n## 第一分编  通则\n\n### 第一章  一般规定\n\n第四百六十三条 本编调整因合同产生的民事关系。\n",
		want: "中华人民共和国民法典|民法典|合同编|2020-05-28|民法典||8|1 history|1 articles",
	}, {
		name: "a local regulation in the DLC tree, without articles",
		rel:  "DLC/河南地方法规/地方性法规/河南/某决定(2020-01-01).md",
		text: "# 某决定\n\n<!-- INFO END -->\n\n河南省人民代表大会常务委员会决定：\n",
		want: "某决定|某决定||2020-01-01|地方性法规|河南|4|0 history|0 articles",
	}, {
		name: "not a law: no title",
		rel:  "notes.md",
		text: "\n\n说明文字\n",
		want: "x.md:3:1: not a law file: the first line is the title, # 中华人民共和国…法",
	}, {
		name: "not a law: no marker",
		rel:  "some.md",
		text: "# 某法\n\n第一条 甲。\n",
		want: "x.md:1:1: not a law file: no <!-- INFO END --> line ends the title and history",
	}, {
		name: "not a law: not UTF-8",
		rel:  "gbk.md",
		text: "# 某法\n\n\xff\xfe\n",
		want: "x.md:3:1: not a law file: the text is not UTF-8",
	}, {
		name: "empty",
		rel:  "empty.md",
		text: "",
		want: "x.md:1:1: not a law file: it is empty",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d diag.List
			l := ParseLaw(tt.text, "x.md", tt.rel, &d)
			got := diagLines(&d)
			if l != nil {
				if got != "" {
					t.Errorf("a law and diagnostics:\n%s", got)
				}
				got = fmt.Sprintf("%s|%s|%s|%s|%s|%s|%d|%d history|%d articles", l.Title, l.Short, l.Part, l.Version, l.Category, l.Region, l.BodyLine, len(l.History), len(l.Doc.Articles))
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestLoadLawsFolder: what a mount may hold besides laws.
func TestLoadLawsFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	law := "# 某法\n\n<!-- INFO END -->\n\n第一条 甲。\n"
	write("README.md", "# 法律库\n\n说明。\n")
	write("行政法/_index.md", "---\ntitle: 行政法\n---\n")
	write(".git/x.md", "not a law")
	write("行政法/某法(2001-01-01).md", law)
	write("行政法/db.sqlite3", "binary")
	write("其他/攻略.md", "劳动仲裁的攻略\n")
	var d diag.List
	laws := LoadLaws(context.Background(), []string{dir}, &d)
	if len(laws) != 1 || laws[0].Category != "行政法" || laws[0].Rel != "行政法/某法(2001-01-01).md" {
		t.Errorf("laws = %+v", laws)
	}
	want := filepath.Join(dir, "其他", "攻略.md") + ":1:1: not a law file: the first line is the title, # 中华人民共和国…法"
	if got := diagLines(&d); got != want {
		t.Errorf("diagnostics:\n%s\nwant\n%s", got, want)
	}
}

func TestLoadLawsBulk(t *testing.T) {
	dir := corpusDir(t, "laws/bulk")
	var d diag.List
	laws := LoadLaws(context.Background(), []string{dir}, &d)
	if d.Len() > 0 {
		t.Fatalf("%d diagnostics:\n%s", d.Len(), diagLines(&d))
	}
	if len(laws) != 3422 {
		t.Errorf("%d laws, want 3422", len(laws))
	}
	var noArticles, empty, leading, noVersion, local, articles int
	byRel := map[string]*Law{}
	for _, l := range laws {
		byRel[l.Rel] = l
		articles += len(l.Doc.Articles)
		if len(l.Doc.Articles) == 0 {
			noArticles++
			if len(l.Doc.Preamble) == 0 && len(l.Doc.Divisions) == 0 {
				empty++ // the source has no body (重庆市实施《国家赔偿法》办法)
			}
		}
		if len(l.Doc.Leading) > 0 {
			leading++
		}
		if l.Version == "" {
			noVersion++
		}
		if l.Region != "" {
			local++
		}
	}
	t.Logf("%d files, all loaded without a diagnostic: %d articles; %d without any article (%d of them with an empty body in the source, the others kept as preamble), %d with articles before their first heading, %d undated, %d local", len(laws), articles, noArticles, empty, leading, noVersion, local)
	if empty > 4 {
		t.Errorf("%d laws with no text, want at most the 4 empty in the source", empty)
	}
	if local != 1911 {
		t.Errorf("%d local regulations, want 1911", local)
	}
	xf := byRel["刑法/刑法.md"]
	if xf == nil {
		t.Fatal("刑法 not loaded")
	}
	if a := xf.Doc.Inserted(120, 1); a == nil || a.Label != "第一百二十条之一" || a.Anchor != "art-120-1" {
		t.Errorf("第一百二十条之一 = %+v", a)
	}
	if a := xf.Doc.Article(120); a == nil || !strings.HasPrefix(a.Paras[0].Text, "组织、领导恐怖活动组织的") {
		t.Errorf("第一百二十条 = %+v", a)
	}
	if n := len(xf.Doc.Articles); n != 505 {
		t.Errorf("刑法: %d articles (452 and 53 inserted), want 505", n)
	}
	g := Group(laws)
	if len(g["民法典·合同编"]) != 1 || len(g["民法典·总则"]) != 1 {
		t.Errorf("the books of the 民法典 are not grouped apart")
	}
	if sx := byRel["诉讼与非诉讼程序法/刑事诉讼法(2018-10-26).md"]; sx.Doc.Article(128) == nil {
		t.Errorf("刑事诉讼法 第一百二十八 条 (a space before 条) is not an article")
	}
}

// BenchmarkLoadLaws mounts all of laws/bulk (3,422 files, 58 MB).
func BenchmarkLoadLaws(b *testing.B) {
	dir := corpusDir(b, "laws/bulk")
	b.ReportAllocs()
	for b.Loop() {
		var d diag.List
		if laws := LoadLaws(context.Background(), []string{dir}, &d); len(laws) != 3422 || d.Len() > 0 {
			b.Fatalf("%d laws, %d diagnostics", len(laws), d.Len())
		}
	}
}
