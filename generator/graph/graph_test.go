package graph

import (
	"context"
	"strings"
	"testing"

	"huajie/generator/diag"
	"huajie/generator/statute"
)

func doc(t *testing.T, n int) *statute.Doc {
	t.Helper()
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString("第" + cn(i) + "条　第一款内容。\n\n")
		if i == 2 {
			b.WriteString("第二款内容：\n\n（一）甲；\n\n（二）乙。\n\n")
		}
	}
	var d diag.List
	sd := statute.Parse(b.String(), "law.md", 1, &d)
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	return sd
}

func cn(i int) string {
	return []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}[i]
}

func targets(t *testing.T) []*Target {
	return []*Target{
		{Key: "rule:work-rules", Kind: "rule", Title: "周口市行政争议协调化解中心工作规则", Short: "工作规则", URL: "rules/work-rules/", Doc: doc(t, 5)},
		{Key: "law:行政诉讼法@2017-06-27", Kind: "law", Title: "中华人民共和国行政诉讼法", Short: "行政诉讼法", Version: "2017-06-27", URL: "laws/行政诉讼法/", Doc: doc(t, 10)},
		{Key: "law:行政诉讼法@2014-11-01", Kind: "law", Title: "中华人民共和国行政诉讼法", Short: "行政诉讼法", Version: "2014-11-01", URL: "laws/行政诉讼法/2014-11-01/", Doc: doc(t, 8)},
		{Key: "rule:secret", Kind: "rule", Title: "内部规程", URL: "rules/secret/", Doc: doc(t, 3), Hidden: true},
	}
}

func TestResolve(t *testing.T) {
	g := New(targets(t))
	body := "依照《工作规则》第三条处理。\n另见《中华人民共和国行政诉讼法》第八条和《民法典》第五条。\n《内部规程》第二条。\n"
	srcs := []Source{
		{Item: Item{Key: "case:a", Title: "甲案", URL: "cases/a/", Date: "2023-05-01"}, Path: "cases/a.md", Body: body, BodyLine: 10,
			Basis: []string{"《工作规则》第二条第二款第（一）项", "《中华人民共和国行政诉讼法》第七条", "《中华人民共和国国家赔偿法》第二条"}, BasisPos: []diag.Pos{{File: "cases/a.md", Line: 5, Col: 5}, {File: "cases/a.md", Line: 6, Col: 5}, {File: "cases/a.md", Line: 7, Col: 5}},
			Date: "2016-01-01"},
		{Item: Item{Key: "case:b", Title: "乙案", URL: "cases/b/", Date: "2024-01-01"}, Path: "cases/b.md", Body: "见《行政诉讼法》第十条。", BodyLine: 3},
	}
	var d diag.List
	g.Scan(context.Background(), srcs, &d)
	if err := d.Err(); err != nil {
		t.Fatalf("unexpected problems:\n%v", err)
	}
	spans := g.Spans("case:a")
	var hrefs []string
	for _, s := range spans {
		hrefs = append(hrefs, body[s.Start:s.End]+" → "+s.Href)
	}
	got := strings.Join(hrefs, "\n")
	want := "《工作规则》第三条 → /rules/work-rules/#art-3"
	if !strings.Contains(got, want) {
		t.Errorf("spans:\n%s\nlack %s", got, want)
	}
	if strings.Contains(got, "民法典") || strings.Contains(got, "内部规程") {
		t.Errorf("an unknown law or a hidden rule was linked:\n%s", got)
	}
	basis := g.Basis("case:a")
	if basis[0].Href != "rules/work-rules/#art-2" {
		t.Errorf("legal_basis 0 → %q", basis[0].Href)
	}
	if basis[1].Href != "laws/行政诉讼法/2014-11-01/#art-7" || basis[1].Target.Version != "2014-11-01" {
		t.Errorf("legal_basis 1 → %q (version %q): want the 2014 version in force on the act date", basis[1].Href, basis[1].Target.Version)
	}
	if basis[2].Href != "" || basis[2].Target != nil {
		t.Errorf("a law that is not mounted must not link: %+v", basis[2])
	}
	// Case b has no act date: the newest version.
	if s := g.Spans("case:b"); len(s) != 1 || s[0].Href != "/laws/行政诉讼法/#art-10" || !strings.Contains(s[0].Title, "2017-06-27") {
		t.Errorf("case b spans: %+v", s)
	}
	var newest *Target
	for _, x := range g.Targets() {
		if x.Key == "law:行政诉讼法@2017-06-27" {
			newest = x
		}
	}
	if items := g.CitedBy(newest, "art-10"); len(items) != 1 || items[0].Key != "case:b" {
		t.Errorf("backlinks of 行政诉讼法 第十条: %+v", items)
	}
	if g.Unresolved != 2 {
		t.Errorf("Unresolved = %d, want 2 (民法典, 国家赔偿法)", g.Unresolved)
	}
}

func TestMissingArticles(t *testing.T) {
	g := New(targets(t))
	body := "第一行。\n  依照《工作规则》第九十条，以及《行政诉讼法》第二条第三款。\n《工作规则》第二条第二款第（三）项。\n《内部规程》第九条。"
	srcs := []Source{{
		Item: Item{Key: "case:a"}, Path: "cases/a.md", Body: body, BodyLine: 12,
		Basis: []string{"《工作规则》第六条"}, BasisPos: []diag.Pos{{File: "cases/a.md", Line: 8, Col: 5}},
	}}
	var d diag.List
	g.Scan(context.Background(), srcs, &d)
	var got []string
	for _, x := range d.Items() {
		got = append(got, x.Error())
	}
	want := []string{
		"cases/a.md:8:5: 《工作规则》 has no 第六条",
		"cases/a.md:13:5: 《工作规则》 has no 第九十条",
		"cases/a.md:13:18: 《行政诉讼法》（2017-06-27 版）第二条 has no 第三款 (it has 2)",
		"cases/a.md:14:1: 《工作规则》第二条 has no 第三项",
		"cases/a.md:15:1: 《内部规程》 has no 第九条",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSelfCitations(t *testing.T) {
	ts := targets(t)
	g := New(ts)
	srcs := []Source{{
		Item: Item{Key: "rule:work-rules"}, Path: "rules/work-rules.md", Self: ts[0],
		Paras: []Para{{Text: "依照本规则第三条和前款规定。", Pos: diag.Pos{File: "rules/work-rules.md", Line: 20, Col: 1}},
			{Text: "见第七条。", Pos: diag.Pos{File: "rules/work-rules.md", Line: 21, Col: 1}}},
	}}
	var d diag.List
	g.Scan(context.Background(), srcs, &d)
	if got := d.Items(); len(got) != 1 || got[0].Error() != "rules/work-rules.md:21:2: 《工作规则》 has no 第七条" {
		t.Errorf("problems: %v", got)
	}
	spans := g.LinkText("依照本规则第三条和前款规定。", ts[0], "")
	if len(spans) != 1 || spans[0].Href != "rules/work-rules/#art-3" {
		t.Errorf("self spans: %+v", spans)
	}
	if items := g.CitedBy(ts[0], "art-3"); len(items) != 0 {
		t.Errorf("a rule citing itself is not a backlink: %+v", items)
	}
}

func TestPick(t *testing.T) {
	v := []*Target{{Version: "2017-06-27"}, {Version: "2014-11-01"}, {Version: "1989-04-04"}}
	for _, tt := range []struct{ date, want string }{
		{"", "2017-06-27"}, {"2020-01-01", "2017-06-27"}, {"2017-06-27", "2017-06-27"},
		{"2017-06-26", "2014-11-01"}, {"1990-01-01", "1989-04-04"}, {"1980-01-01", ""},
	} {
		got := ""
		if p := pick(v, tt.date); p != nil {
			got = p.Version
		}
		if got != tt.want {
			t.Errorf("pick(%q) = %q, want %q", tt.date, got, tt.want)
		}
	}
}

func TestVersionOfTheActDate(t *testing.T) {
	g := New(targets(t))
	// The act date 2016 picks the 2014 version, which has eight articles.
	srcs := []Source{{Item: Item{Key: "case:a"}, Path: "a.md", Body: "《行政诉讼法》第十条", BodyLine: 1, Date: "2016-01-01"}}
	var d diag.List
	g.Scan(context.Background(), srcs, &d)
	if got := d.Items(); len(got) != 1 || got[0].Error() != "a.md:1:1: 《行政诉讼法》（2014-11-01 版） has no 第十条" {
		t.Errorf("problems: %v", got)
	}
	// A published precedent never fails the build: it stays unlinked.
	srcs[0].Lenient, srcs[0].Item.Key = true, "precedent:x"
	d = diag.List{}
	g.Scan(context.Background(), srcs, &d)
	if d.Len() != 0 || len(g.Spans("precedent:x")) != 0 {
		t.Errorf("lenient source: %v, spans %v", d.Items(), g.Spans("precedent:x"))
	}
}
