package statute

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"huajie/generator/diag"
)

// outline writes the structure of doc one element a line, to compare in
// tests: divisions by anchor, articles with their 款 and 项, kept text.
func outline(doc *Doc) string {
	var b strings.Builder
	for _, p := range doc.Preamble {
		fmt.Fprintf(&b, "preamble %s\n", p)
	}
	for _, a := range doc.Leading {
		fmt.Fprintf(&b, "leading %s\n", a.Anchor)
	}
	var div func(d *Division, indent string)
	div = func(d *Division, indent string) {
		fmt.Fprintf(&b, "%s%s [%s] %s\n", indent, d.Anchor, d.Kind, d.Title())
		for _, t := range d.Text {
			fmt.Fprintf(&b, "%s  text %s\n", indent, t)
		}
		for _, a := range d.Articles {
			fmt.Fprintf(&b, "%s  %s\n", indent, a.Anchor)
		}
		for _, c := range d.Children {
			div(c, indent+"  ")
		}
	}
	for _, d := range doc.Divisions {
		div(d, "")
	}
	for _, a := range doc.Articles {
		fmt.Fprintf(&b, "%s %s line %d:", a.Anchor, a.Label, a.Line)
		for _, p := range a.Paras {
			fmt.Fprintf(&b, " [%s", p.Text)
			for _, it := range p.Items {
				fmt.Fprintf(&b, " %s%s", it.Label, it.Text)
			}
			b.WriteString("]")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestParseVerbatim(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{{
		name: "missing first chapter, gaps and a duplicate",
		body: "第一条 一。\n\n## 第二章  规划\n\n第三条 三。\n\n第三条 又三。\n",
		want: "leading art-1\nch-2 [章] 第二章　规划\n  art-3\n  art-3-2\n" +
			"art-1 第一条 line 1: [一。]\nart-3 第三条 line 5: [三。]\nart-3-2 第三条 line 7: [又三。]\n",
	}, {
		name: "headings without a separator, 分编, other headings and their text",
		body: "## 第一分编 通则\n\n### 第一章一般规定\n\n第一条 一。\n\n## 第五章“上海文化”品牌建设\n\n第二条 二。\n\n## 附件一\n\n名录：\n\n（一）甲；\n\n##\n\n第三条 三。\n",
		want: "subpart-1 [分编] 第一分编　通则\nch-1 [章] 第一章　一般规定\n  art-1\nch-5 [章] 第五章　“上海文化”品牌建设\n  art-2\n" +
			"h-1 [] 附件一\n  text 名录：\n  text （一）甲；\n  art-3\n" +
			"art-1 第一条 line 5: [一。]\nart-2 第二条 line 9: [二。]\nart-3 第三条 line 19: [三。]\n",
	}, {
		name: "chapters numbered afresh in every 编",
		body: "## 第一编 总则\n\n## 第一章 任务\n\n### 第一节 甲\n\n第一条 一。\n\n## 第二编 分则\n\n## 第一章 罪\n\n第二条 二。\n",
		want: "part-1 [编] 第一编　总则\npart-1-ch-1 [章] 第一章　任务\n  part-1-ch-1-sec-1 [节] 第一节　甲\n    art-1\npart-2 [编] 第二编　分则\npart-2-ch-1 [章] 第一章　罪\n  art-2\n" +
			"art-1 第一条 line 7: [一。]\nart-2 第二条 line 13: [二。]\n",
	}, {
		name: "no articles: a decision kept as preamble",
		body: "全国人民代表大会常务委员会决定：\n\n一、修改第十条。\n\n（一）甲。\n",
		want: "preamble 全国人民代表大会常务委员会决定：\npreamble 一、修改第十条。\npreamble （一）甲。\n",
	}, {
		name: "slips of the source: 第N 条, malformed numeral, items out of order, comments, tables",
		body: "第一条 一：\n\n（二）乙。\n\n第二 条二。\n\n<!-- TABLE -->\n| 条文 | 罪名 |\n|---|---|\n| 第1条 | 甲罪 |\n<!-- TABLE END -->\n\n第十十条 不是条。\n",
		want: "art-1 第一条 line 1: [一： （二）乙。]\nart-2 第二条 line 5: [二。] [| 条文 | 罪名 |\n|---|---|\n| 第1条 | 甲罪 |] [第十十条 不是条。]\n",
	}, {
		name: "inserted articles",
		body: "第十条 十。\n\n第十条之一 十之一。\n\n第十条之二 十之二。\n\n第十一条 十一。\n",
		want: "art-10 第十条 line 1: [十。]\nart-10-1 第十条之一 line 3: [十之一。]\nart-10-2 第十条之二 line 5: [十之二。]\nart-11 第十一条 line 7: [十一。]\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d diag.List
			doc := Options{Verbatim: true}.Parse(tt.body, "v.md", 1, &d)
			if d.Len() > 0 {
				t.Errorf("diagnostics in verbatim mode:\n%v", d.Err())
			}
			if got := outline(doc); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestParseInserted(t *testing.T) {
	body := "第一条 一。\n\n第一条之一 一之一。\n\n第二条 二。\n\n第二条之二 跳过之一。\n"
	var d diag.List
	doc := Parse(body, "r.md", 1, &d)
	got := fmt.Sprint(d.Err())
	if want := "r.md:7:1: 第二条之二 does not follow 第二条之一"; got != want {
		t.Errorf("diagnostics:\n%s\nwant\n%s", got, want)
	}
	if a := doc.Article(1); a == nil || a.Suffix != 0 || a.Paras[0].Text != "一。" {
		t.Errorf("Article(1) = %+v", a)
	}
	if a := doc.Inserted(1, 1); a == nil || a.Label != "第一条之一" || a.Anchor != "art-1-1" || a.Paras[0].Text != "一之一。" {
		t.Errorf("Inserted(1, 1) = %+v", a)
	}
	if a := doc.Inserted(1, 2); a != nil {
		t.Errorf("Inserted(1, 2) = %+v, want nil", a)
	}
}

// TestParseStrictHeadings: the spellings of headings real statutes use are
// divisions in the strict reading too.
func TestParseStrictHeadings(t *testing.T) {
	body := "## 第一分编 通则\n\n## 第一章总则\n\n第一条 一。\n\n## 第二章\t附则\n\n第二条 二。\n"
	var d diag.List
	doc := Parse(body, "r.md", 1, &d)
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	want := "subpart-1 [分编] 第一分编　通则\nch-1 [章] 第一章　总则\n  art-1\nch-2 [章] 第二章　附则\n  art-2\nart-1 第一条 line 5: [一。]\nart-2 第二条 line 9: [二。]\n"
	if got := outline(doc); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// The regular expressions matchArticle stands for.
var (
	strictArticleRE = regexp.MustCompile(`^第([` + numChars + `]+)条(?:之([一二三四五六七八九十]+))?(?:[ \t　]+|$)`)
	looseArticleRE  = regexp.MustCompile(`^第([` + numChars + `]+)[ \t　]+条(?:之([一二三四五六七八九十]+))?[ \t　]*`)
)

func FuzzMatchArticle(f *testing.F) {
	for _, s := range []string{"第一条 一", "第十条之一 甲", "第十条之规定", "第十条", "第10条　乙", "第一百二十八 条侦查", "第三十一条的决定", "第 条", "第十条之一的", "第十条之 甲", "第一条\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, loose := range []bool{false, true} {
			re := strictArticleRE
			if loose {
				re = looseArticleRE
			}
			num, sfx, n, ok := matchArticle(s, loose)
			m := re.FindStringSubmatch(s)
			if ok != (m != nil) {
				t.Fatalf("matchArticle(%q, %v) = %v, the expression says %v", s, loose, ok, m != nil)
			}
			if ok && (num != m[1] || sfx != m[2] || n != len(m[0])) {
				t.Fatalf("matchArticle(%q, %v) = %q %q %d, the expression says %q %q %d", s, loose, num, sfx, n, m[1], m[2], len(m[0]))
			}
		}
	})
}

// FuzzParseVerbatim: a verbatim text never yields a diagnostic, keeps its
// anchors unique and never loses an article paragraph.
func FuzzParseVerbatim(f *testing.F) {
	for _, s := range []string{
		"第一条 一。\n\n## 第二章  规划\n\n第三条 三。\n\n第三条 又三。\n",
		"## 第一编 总则\n\n## 第一章 任务\n\n### 第一节 甲\n\n第一条 一。\n\n## 附件\n\n（一）甲\n",
		"第十条之一 甲\n（一）乙\n（三）丙\n第二 条 丁\n| a |\n| b |\n",
		"###\n#\n<!-- x -->\n第〇条 零\n第一千零一条 千\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var d diag.List
		doc := Options{Verbatim: true}.Parse(body, "v.md", 1, &d)
		if d.Len() > 0 {
			t.Fatalf("diagnostics in verbatim mode:\n%v", d.Err())
		}
		seen := map[string]bool{}
		var walk func(ds []*Division)
		walk = func(ds []*Division) {
			for _, x := range ds {
				if seen[x.Anchor] {
					t.Fatalf("anchor %s twice", x.Anchor)
				}
				seen[x.Anchor] = true
				walk(x.Children)
			}
		}
		walk(doc.Divisions)
		for _, a := range doc.Articles {
			if seen[a.Anchor] {
				t.Fatalf("anchor %s twice", a.Anchor)
			}
			seen[a.Anchor] = true
		}
		Parse(body, "s.md", 1, &d) // the strict reading must not panic either
	})
}
