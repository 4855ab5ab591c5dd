package cite

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// refs builds expected Refs: each spec is 条.款.项.目 with 0 for "not
// given", and 条 may carry a suffix as 10之1: refs("行政诉讼法", "74.2.1").
func refs(title string, specs ...string) []Ref {
	var out []Ref
	for _, s := range specs {
		r := Ref{Title: title}
		for i, part := range strings.Split(s, ".") {
			if a, b, ok := strings.Cut(part, "之"); ok {
				part = a
				r.ArticleSuffix, _ = strconv.Atoi(b)
			}
			n, err := strconv.Atoi(part)
			if err != nil {
				panic(s)
			}
			r.set(i+1, n)
		}
		out = append(out, r)
	}
	return out
}

// short marks expected Refs as resolved through an alias.
func short(full string, rs []Ref) []Ref {
	for i := range rs {
		rs[i].Short, rs[i].Full = true, full
	}
	return rs
}

// rel sets the relative unit on expected Refs.
func rel(word string, rs []Ref) []Ref {
	for i := range rs {
		rs[i].Rel = word
	}
	return rs
}

const (
	xzss = "中华人民共和国行政诉讼法"
	xzxk = "中华人民共和国行政许可法"
	sfjs = "最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释"
)

// TestParseTable parses single citations, as legal_basis entries are written.
func TestParseTable(t *testing.T) {
	tests := []struct {
		in   string
		kind string
		doc  string
		refs []Ref
	}{
		// Articles, paragraphs, items, subs; Chinese and Arabic numerals.
		{"《中华人民共和国行政诉讼法》第六十条", KindLaw, "", refs(xzss, "60")},
		{"《中华人民共和国行政诉讼法》第六十条第一款", KindLaw, "", refs(xzss, "60.1")},
		{"《中华人民共和国行政诉讼法》第七十四条第二款第（一）项", KindLaw, "", refs(xzss, "74.2.1")},
		{"《中华人民共和国行政诉讼法》第七十四条第二款第(一)项", KindLaw, "", refs(xzss, "74.2.1")},
		{"《中华人民共和国行政诉讼法》第七十四条第二款第一项", KindLaw, "", refs(xzss, "74.2.1")},
		{"《中华人民共和国行政诉讼法》第74条第2款第1项", KindLaw, "", refs(xzss, "74.2.1")},
		{"《中华人民共和国行政诉讼法》第７４条第２款", KindLaw, "", refs(xzss, "74.2")},
		{"《中华人民共和国行政诉讼法》第七十四条第二款第（一）项第3目", KindLaw, "", refs(xzss, "74.2.1.3")},
		{"《中华人民共和国行政诉讼法》第一百零一条", KindLaw, "", refs(xzss, "101")},
		{"《中华人民共和国民事诉讼法》第一百四十条第一款第（十一）项", KindLaw, "", refs("中华人民共和国民事诉讼法", "140.1.11")},
		{"《中华人民共和国反垄断法》第十七条第一款第五项", KindLaw, "", refs("中华人民共和国反垄断法", "17.1.5")},
		{"《中华人民共和国商标法》第57条第7项", KindLaw, "", refs("中华人民共和国商标法", "57.0.7")},
		{"《中华人民共和国民事诉讼法》第二百零七条第二款", KindLaw, "", refs("中华人民共和国民事诉讼法", "207.2")},
		{"《中华人民共和国合同法》第四百二十四条", KindLaw, "", refs("中华人民共和国合同法", "424")},
		{"《中华人民共和国民法典》第1168条", KindLaw, "", refs("中华人民共和国民法典", "1168")},
		{"《中华人民共和国民事诉讼法》204条", KindLaw, "", refs("中华人民共和国民事诉讼法", "204")},
		{"《国有土地上房屋征收与补偿条例》第二十五条第二款", KindLaw, "", refs("国有土地上房屋征收与补偿条例", "25.2")},
		{"《行政诉讼法》第六十条", KindLaw, "", refs("行政诉讼法", "60")},
		{" 《行政诉讼法》第六十条。", KindLaw, "", refs("行政诉讼法", "60")},
		{"1.《中华人民共和国行政处罚法》第十三条", KindLaw, "", refs("中华人民共和国行政处罚法", "13")},
		{"⒉《中华人民共和国海商法》第二百一十条第二款", KindLaw, "", refs("中华人民共和国海商法", "210.2")},
		// Article suffixes.
		{"《中华人民共和国刑法》第十条之一", KindLaw, "", refs("中华人民共和国刑法", "10之1")},
		{"《中华人民共和国刑法》第二百七十六条之一第一款", KindLaw, "", refs("中华人民共和国刑法", "276之1.1")},
		{"《中华人民共和国刑法》第253条之一", KindLaw, "", refs("中华人民共和国刑法", "253之1")},
		// Ranges.
		{"《行政诉讼法》第十条至第十二条", KindLaw, "", refs("行政诉讼法", "10", "11", "12")},
		{"《行政诉讼法》第十条到第十二条", KindLaw, "", refs("行政诉讼法", "10", "11", "12")},
		{"《行政诉讼法》第10条—第12条", KindLaw, "", refs("行政诉讼法", "10", "11", "12")},
		{"《行政诉讼法》第十条第一款至第三款", KindLaw, "", refs("行政诉讼法", "10.1", "10.2", "10.3")},
		{"《行政诉讼法》第十二条第一项至第三项", KindLaw, "", refs("行政诉讼法", "12.0.1", "12.0.2", "12.0.3")},
		{"《行政诉讼法》第一条至第八十条", KindLaw, "", refs("行政诉讼法", "1", "80")},
		{"《行政诉讼法》第十条第二款至第十二条", KindLaw, "", refs("行政诉讼法", "10.2", "12")},
		// Lists.
		{"《行政诉讼法》第三条、第五条", KindLaw, "", refs("行政诉讼法", "3", "5")},
		{"《行政诉讼法》第三条和第五条", KindLaw, "", refs("行政诉讼法", "3", "5")},
		{"《行政诉讼法》第三条及第五条", KindLaw, "", refs("行政诉讼法", "3", "5")},
		{"《行政诉讼法》第五十六条或者第五十七条", KindLaw, "", refs("行政诉讼法", "56", "57")},
		{"《行政诉讼法》第三条、第五条第二款", KindLaw, "", refs("行政诉讼法", "3", "5.2")},
		{"《行政诉讼法》第十二条、十三条", KindLaw, "", refs("行政诉讼法", "12", "13")},
		{"《中华人民共和国行政许可法》第十五条第一款、第十六条第二款、第三款", KindLaw, "", refs(xzxk, "15.1", "16.2", "16.3")},
		{"《中华人民共和国行政处罚法》第十七条第四项、第五项", KindLaw, "", refs("中华人民共和国行政处罚法", "17.0.4", "17.0.5")},
		{"《行政诉讼法》第四十九条第一、二、三项", KindLaw, "", refs("行政诉讼法", "49.0.1", "49.0.2", "49.0.3")},
		{"《行政诉讼法》第一、二条", KindLaw, "", refs("行政诉讼法", "1", "2")},
		{"《行政诉讼法》第三十九条第一款第一项、第二项、第三项", KindLaw, "", refs("行政诉讼法", "39.1.1", "39.1.2", "39.1.3")},
		{"《计算机软件保护条例》第二条、第三条第一款第一项、第二十四条第一款第三项", KindLaw, "", refs("计算机软件保护条例", "2", "3.1.1", "24.1.3")},
		{"《中华人民共和国物权法》第208条、第223条、第228条第1款", KindLaw, "", refs("中华人民共和国物权法", "208", "223", "228.1")},
		{"《物业管理条例》第7条第4项、第54条第1款、第2款", KindLaw, "", refs("物业管理条例", "7.0.4", "54.1", "54.2")},
		{"《行政诉讼法》第十条至第十二条、第十五条", KindLaw, "", refs("行政诉讼法", "10", "11", "12", "15")},
		// Version notes and document numbers between the title and the articles.
		{"《中华人民共和国行政诉讼法》（2014年11月1日修正）第12条、第25条", KindLaw, "", refs(xzss, "12", "25")},
		{"《中华人民共和国刑法》（根据2011年5月1日起施行的《中华人民共和国刑法修正案（八）》修正）第338条", KindLaw, "", refs("中华人民共和国刑法", "338")},
		{"《" + sfjs + "》（法释〔2018〕1号）第六十八条", KindInterpretation, "法释〔2018〕1号", refs(sfjs, "68")},
		{"《最高人民法院关于适用<中华人民共和国行政诉讼法>的解释》第一条", KindInterpretation, "", refs("最高人民法院关于适用<中华人民共和国行政诉讼法>的解释", "1")},
		{"《最高人民法院关于适用《中华人民共和国行政诉讼法》的解释》第一条", KindInterpretation, "", refs("最高人民法院关于适用《中华人民共和国行政诉讼法》的解释", "1")},
		{"《最高人民法院关于人民法院办理执行异议和复议案件若干问题的规定》（法释〔2015〕10号，2020年修正）第25条", KindInterpretation, "法释〔2015〕10号", refs("最高人民法院关于人民法院办理执行异议和复议案件若干问题的规定", "25")},
		{"《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》（法释[2022]11号）第90条", KindInterpretation, "法释〔2022〕11号", refs("最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释", "90")},
		{"《关于不满300总吨船舶及沿海运输、沿海作业船舶海事赔偿限额的规定》（交通部令1993年第5号）第3条", KindLaw, "交通部令1993年第5号", refs("关于不满300总吨船舶及沿海运输、沿海作业船舶海事赔偿限额的规定", "3")},
		{"法释〔2018〕1号第三条", KindInterpretation, "法释〔2018〕1号", refs("", "3")},
		{"法释〔2018〕1号", KindInterpretation, "法释〔2018〕1号", nil},
		{"法释（2018）1号第三条第二款", KindInterpretation, "法释〔2018〕1号", refs("", "3.2")},
		// Titles alone.
		{"《中华人民共和国行政诉讼法》", KindLaw, "", nil},
		{"《国有土地上房屋征收与补偿条例》", KindLaw, "", nil},
		// Self references.
		{"本规则第二十条", KindSelf, "", refs("", "20")},
		{"本法第七十条第二款", KindSelf, "", refs("", "70.2")},
		{"本条例第三条、第五条", KindSelf, "", refs("", "3", "5")},
		{"本法", KindSelf, "", nil},
		{"本条", KindSelf, "", rel("本条", refs("", "0"))},
		{"本条第二款", KindSelf, "", rel("本条", refs("", "0.2"))},
		{"前款", KindSelf, "", rel("前款", refs("", "0"))},
		{"前款第一项", KindSelf, "", rel("前款", refs("", "0.0.1"))},
		{"前两款", KindSelf, "", rel("前两款", refs("", "0"))},
		{"第十条", KindSelf, "", refs("", "10")},
		// Known bare names.
		{"行政诉讼法第七十条", KindLaw, "", refs("行政诉讼法", "70")},
		{"中华人民共和国行政诉讼法第七十条", KindLaw, "", refs(xzss, "70")},
	}
	p := NewParser()
	for _, tc := range tests {
		c, err := p.Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		if c.Kind != tc.kind || c.DocNumber != tc.doc || !reflect.DeepEqual(c.Refs, tc.refs) {
			t.Errorf("Parse(%q) = %s %q %+v\n want %s %q %+v", tc.in, c.Kind, c.DocNumber, c.Refs, tc.kind, tc.doc, tc.refs)
		}
		if c.Text != tc.in[c.Start:c.End] {
			t.Errorf("Parse(%q): Text %q != in[%d:%d]", tc.in, c.Text, c.Start, c.End)
		}
	}
	if len(tests) < 60 {
		t.Errorf("only %d cases", len(tests))
	}
}

func TestParseAlias(t *testing.T) {
	p := NewParser()
	p.Alias("《工作规则》", "周口市行政争议协调化解中心工作规则")
	c, err := p.Parse("《工作规则》第五条第二款")
	if err != nil {
		t.Fatal(err)
	}
	want := short("周口市行政争议协调化解中心工作规则", refs("工作规则", "5.2"))
	if !reflect.DeepEqual(c.Refs, want) {
		t.Errorf("refs = %+v, want %+v", c.Refs, want)
	}
	if got := p.Resolve("工作规则"); got != "周口市行政争议协调化解中心工作规则" {
		t.Errorf("Resolve = %q", got)
	}
	if got := p.Resolve("行政诉讼法"); got != "行政诉讼法" {
		t.Errorf("Resolve unknown = %q", got)
	}
	// A declared alias is also recognised without marks.
	c, err = p.Parse("工作规则第三条")
	if err != nil || !reflect.DeepEqual(c.Refs, short("周口市行政争议协调化解中心工作规则", refs("工作规则", "3"))) {
		t.Errorf("bare alias: %+v, %v", c, err)
	}
}

func TestParseErrors(t *testing.T) {
	p := NewParser()
	tests := []struct{ in, want string }{
		{"", "empty citation"},
		{"  。", "empty citation"},
		{"行政诉讼法", "no citation"},
		{"《人民日报》", "no citation"},
		{"《中华人民共和国行政诉讼法第六十条", "unclosed 《"},
		{"《行政诉讼法》第十十条", "bad numeral"},
		{"《行政诉讼法》第一百二条", "bad numeral"},
		{"《行政诉讼法》第十二条至第十条", "range runs backwards"},
		{"《行政诉讼法》第六十条规定", "unexpected text \"规定\" after"},
		{"依照《行政诉讼法》第六十条", "unexpected text \"依照\" before"},
		{"《行政诉讼法》第六十条；《行政许可法》第三条", "more than one citation"},
		{"《行政诉讼法》第六十条，第六十一条", "more than one citation"},
		{"《行政诉讼法》第0条", "bad numeral"},
		{"第二款", "no citation"},
	}
	for _, tc := range tests {
		_, err := p.Parse(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) error = %v, want %q", tc.in, err, tc.want)
		}
	}
}

// cit abbreviates a found citation for comparison.
func cit(c Citation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%s", c.Kind, c.Text)
	if c.DocNumber != "" {
		fmt.Fprintf(&b, "[%s]", c.DocNumber)
	}
	for _, r := range c.Refs {
		b.WriteString(" ")
		if r.Title != "" {
			b.WriteString(Normalize(r.Title))
			if r.Short {
				b.WriteString("=" + Normalize(r.Full))
			}
			b.WriteString("|")
		}
		b.WriteString(r.Rel)
		fmt.Fprintf(&b, "%d", r.Article)
		if r.ArticleSuffix > 0 {
			fmt.Fprintf(&b, "之%d", r.ArticleSuffix)
		}
		for _, v := range []int{r.Paragraph, r.Item, r.Sub} {
			if v > 0 {
				fmt.Fprintf(&b, ".%d", v)
			}
		}
	}
	return b.String()
}

func TestFind(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"依照《中华人民共和国行政诉讼法》第七十条的规定，并参照第七十四条第二款，判决如下。第七十五条",
			[]string{"law:《中华人民共和国行政诉讼法》第七十条 行政诉讼法|70", "law:第七十四条第二款 行政诉讼法|74.2", "self:第七十五条 75"}},
		{"《行政许可法》第十五条规定，《行政处罚法》第十三条及第十四条亦有规定，第十六条",
			[]string{"law:《行政许可法》第十五条 行政许可法|15", "law:《行政处罚法》第十三条及第十四条 行政处罚法|13 行政处罚法|14", "law:第十六条 行政处罚法|16"}},
		{"根据《中华人民共和国行政诉讼法》（以下简称《行政诉讼法》）第二十五条规定。《行政诉讼法》第四十九条规定，依照行政诉讼法第七十条",
			[]string{"law:《中华人民共和国行政诉讼法》（以下简称《行政诉讼法》）第二十五条 行政诉讼法|25",
				"law:《行政诉讼法》第四十九条 行政诉讼法=行政诉讼法|49", "law:行政诉讼法第七十条 行政诉讼法=行政诉讼法|70"}},
		{"《中华人民共和国国家赔偿法》（以下简称“赔偿法”）第二条。赔偿法第三条",
			[]string{"law:《中华人民共和国国家赔偿法》（以下简称“赔偿法”）第二条 国家赔偿法|2", "law:赔偿法第三条 赔偿法=国家赔偿法|3"}},
		{"《最高人民法院关于审理行政许可案件若干问题的规定》（以下简称《规定》）。依据《规定》第八条",
			[]string{"interpretation:《最高人民法院关于审理行政许可案件若干问题的规定》（以下简称《规定》）", "interpretation:《规定》第八条 规定=最高人民法院关于审理行政许可案件若干问题的规定|8"}},
		{"适用法释〔2018〕1号第三条、第五条的规定", []string{"interpretation:法释〔2018〕1号第三条、第五条[法释〔2018〕1号] 3 5"}},
		{"有本法第九十一条规定情形之一，依照前款第一项、本条第三款和第五条处理",
			[]string{"self:本法第九十一条 91", "self:前款第一项 前款0.1", "self:本条第三款 本条0.3", "self:第五条 5"}},
		{"本法院认为，基本法第二十三条", []string{"self:第二十三条 23"}},
		{"根据《产权交易合同》第五条、第六条，以及第七条的约定，依照《合同法》第八条",
			[]string{"law:《合同法》第八条 合同法|8"}},
		{"按照《中华人民共和国民法通则》第九十九条。该法第一百条",
			[]string{"law:《中华人民共和国民法通则》第九十九条 民法通则|99", "law:该法第一百条 民法通则|100"}},
		{"依照刑法第十七条、第十八条规定不负刑事责任", []string{"law:刑法第十七条、第十八条 刑法|17 刑法|18"}},
		{"犯罪分子刑法第一条", []string{"self:第一条 1"}},
		{"《全国人民代表大会常务委员会关于〈中华人民共和国民法通则〉第九十九条第一款的解释》",
			[]string{"law:《全国人民代表大会常务委员会关于〈中华人民共和国民法通则〉第九十九条第一款的解释》"}},
		{"（2009）金行初字第0027号行政判决书第二条", []string{"self:第二条 2"}},
		{"第一次修正，第5号，第三章，第二款", nil},
		{"第一条　为了规范……，依照本规则第五条。\n第二条 适用前条。\n**第三条** 同上。\n第四条规定的期限", []string{"self:本规则第五条 5", "self:前条 前条0", "self:第四条 4"}},
	}
	p := NewParser()
	for _, tc := range tests {
		var got []string
		for _, c := range p.Find(tc.in) {
			got = append(got, cit(c))
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Find(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
	// Aliases learnt from one text do not leak into the next.
	if cs := p.Find("《行政诉讼法》第一条"); len(cs) != 1 || cs[0].Refs[0].Short {
		t.Errorf("learnt alias leaked: %+v", cs)
	}
}

func TestNormalize(t *testing.T) {
	tests := map[string]string{
		"《中华人民共和国行政诉讼法》": "行政诉讼法",
		"行政诉讼法": "行政诉讼法",
		"最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释": "最高人民法院关于适用〈行政诉讼法〉的解释",
		"最高人民法院关于适用<中华人民共和国行政诉讼法>的解释": "最高人民法院关于适用〈行政诉讼法〉的解释",
		"最高人民法院关于适用《行政诉讼法》的解释":        "最高人民法院关于适用〈行政诉讼法〉的解释",
		"中华人民共和国 刑法修正案(八)":            "刑法修正案（八）",
	}
	for in, want := range tests {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
