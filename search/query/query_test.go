package query

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"huajie/search/analysis"
)

func TestLexicon(t *testing.T) {
	lex := Default()
	if lex.Groups() < 60 {
		t.Errorf("the synonym list has %d groups, want at least 60", lex.Groups())
	}
	for _, pair := range [][2]string{
		{"拆迁", "征收"}, {"征收", "拆迁"}, {"强拆", "强制拆除"}, {"违法建设", "违法建筑"},
		{"复议", "行政复议"}, {"出庭应诉", "负责人出庭"}, {"ｗｏｒｄ", ""},
	} {
		syn := lex.Synonyms(key(pair[0]))
		if pair[1] == "" {
			if len(syn) != 0 {
				t.Errorf("Synonyms(%s) = %v, want none", pair[0], syn)
			}
			continue
		}
		found := false
		for _, s := range syn {
			found = found || s == pair[1]
		}
		if !found {
			t.Errorf("Synonyms(%s) = %v, want %s among them", pair[0], syn, pair[1])
		}
	}
}

func TestParseLexiconErrors(t *testing.T) {
	for _, c := range []struct{ syn, traps, want string }{
		{"拆迁\n", "", "synonyms.txt:1: a group needs at least two words"},
		{"拆迁 ，，\n", "", "synonyms.txt:1: \",,\" has no searchable characters"},
		{"", "民法 人民法院\n", "traps.txt:1: want WORD: LONGER WORDS"},
		{"", "民法: 法院\n", "traps.txt:1: \"法院\" does not contain \"民法\""},
	} {
		_, err := ParseLexicon(c.syn, c.traps)
		if err == nil || err.Error() != c.want {
			t.Errorf("ParseLexicon(%q, %q) = %v, want %s", c.syn, c.traps, err, c.want)
		}
	}
}

func TestNonWords(t *testing.T) {
	lex := Default()
	cases := []struct {
		texts []string
		want  string
	}{
		{[]string{"周口市中级人民法院审理"}, "民法"},
		{[]string{"周口市中级人民法院审理", "适用民法典"}, ""},
		{[]string{"办公安排在三楼", "开庭审理"}, "公安 庭审"},
		{[]string{"公安机关", "办公安排"}, ""},
		{[]string{"预防和解决行政争议"}, "和解"}, // 行政 free, 和解 inside 和解决
		{[]string{"预防和解决争议，执行政府决定"}, "和解 行政"},
	}
	for _, c := range cases {
		if got := strings.Join(lex.NonWords(c.texts...), " "); got != c.want {
			t.Errorf("NonWords(%q) = %q, want %q", c.texts, got, c.want)
		}
	}
}

func TestParse(t *testing.T) {
	lex := Default()
	cases := []struct{ in, want string }{
		{"国家赔偿", `{"terms":[{"text":"国家赔偿","alts":[{"text":"国家赔偿","boost":2,"tokens":["国家","家赔","赔偿"]},{"text":"行政赔偿","boost":1,"tokens":["行政","政赔","赔偿"]}]}]}`},
		{"强拆  违法建筑", `{"terms":[{"text":"强拆","alts":[{"text":"强拆","boost":2,"tokens":["强拆"]},{"text":"强制拆除","boost":1,"tokens":["强制","制拆","拆除"]}]},{"text":"违法建筑","alts":[{"text":"违法建筑","boost":2,"tokens":["违法","法建","建筑"]},{"text":"违法建设","boost":1,"tokens":["违法","法建","建设"]},{"text":"违章建筑","boost":1,"tokens":["违章","章建","建筑"]},{"text":"违建","boost":1,"tokens":["违建"]}]}]}`},
		{`"国家 赔偿" -强拆`, `{"terms":[{"text":"国家 赔偿","quoted":true,"alts":[{"text":"国家 赔偿","boost":2,"tokens":["国家","赔偿"]}]}],"exclude":[{"text":"强拆","boost":2,"tokens":["强拆"]}]}`},
		{"类别:警示案例 区县：商水县 kind:warning -region:川汇区 年份:２０２３年", `{"filters":{"kind":["warning"],"region":["商水县"],"year":["2023"]},"notFilters":{"region":["川汇区"]}}`},
		{"法", `{"terms":[{"text":"法","alts":[{"text":"法","boost":2,"chars":["法"]}]}]}`},
		{"第3条，豫1627行初212号", `{"terms":[{"text":"第3条","alts":[{"text":"第3条","boost":2,"tokens":["3"],"chars":["第","条"]}]},{"text":"豫1627行初212号","alts":[{"text":"豫1627行初212号","boost":2,"tokens":["1627","行初","212"],"chars":["豫","号"]}]}]}`},
		{"民法", `{"terms":[{"text":"民法","alts":[{"text":"民法","boost":2,"tokens":["民法"],"trap":true}]}]}`},
		{"ZK-2023-HJ-0001", `{"terms":[{"text":"zk-2023-hj-0001","alts":[{"text":"zk-2023-hj-0001","boost":2,"tokens":["zk","2023","hj","0001"]}]}]}`},
		{"http://x 。，", `{"terms":[{"text":"http","alts":[{"text":"http","boost":2,"tokens":["http"]}]},{"text":"//x","alts":[{"text":"//x","boost":2,"tokens":["x"]}]}]}`},
		{"区县:", `{}`},
		{`区县:"商水县" "未闭合`, `{"terms":[{"text":"未闭合","quoted":true,"alts":[{"text":"未闭合","boost":2,"tokens":["未闭","闭合"]}]}],"filters":{"region":["商水县"]}}`},
		{"- -- ！", `{}`},
	}
	for _, c := range cases {
		b, _ := json.Marshal(Parse(c.in, lex))
		if string(b) != c.want {
			t.Errorf("Parse(%q) =\n%s\nwant\n%s", c.in, b, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"国家赔偿", `"a b" -c 区县:商水县`, "-", "：:", `"`, "第3条"} {
		f.Add(s)
	}
	lex := Default()
	f.Fuzz(func(t *testing.T, s string) {
		q := Parse(s, lex)
		if len(q.Terms)+len(q.Exclude) > MaxTerms {
			t.Fatalf("%d terms", len(q.Terms))
		}
		for _, term := range q.Terms {
			for _, a := range term.Alts {
				if len(a.Tokens)+len(a.Chars) == 0 {
					t.Fatalf("empty alternative in %q", s)
				}
			}
		}
	})
}

func TestPatternKey(t *testing.T) {
	for text, want := range map[string]string{
		"第二十四条": "=第二十四条", "第一款": "=第一款", "第三章": "=第三章", "第十": "", "第二十四条规定": "", "第3条": "",
		"zk-2023-hj-0001": "=zk-2023-hj-0001", "a/b": "=a-b", "v1.2": "", "zk 2023": "", "zk--2023": "", "zk": "",
		"国家赔偿": "", "2023-04": "=2023-04",
	} {
		got, ok := PatternKey(text)
		if ok != (want != "") || got != want {
			t.Errorf("PatternKey(%q) = %q, %v; want %q", text, got, ok, want)
		}
	}
	var keys []string
	text := "依照第二十四条第一款、第三百条和第条、第X条以及第十；案号ZK-2023-HJ，见a.b"
	EachPattern(text, analysis.Tokenize(text), func(k string, _ func() []string) { keys = append(keys, k) })
	if got := strings.Join(keys, " "); got != "=第二十四条 =第一款 =第三百条 =zk-2023 =zk-2023-hj =2023-hj =a-b" {
		t.Errorf("patterns: %s", got)
	}
}

func TestPhrases(t *testing.T) {
	p := NewPhrases([]string{"征地补偿安置协议", "拆迁", "法", "第3条"}, []string{"ＺＫ－２０２３", "征地补偿安置协议"})
	if n := len(p.List()); n != 2 {
		t.Errorf("%d phrases, want 2 (征地补偿安置协议, zk-2023)", n)
	}
	text := "双方签订征地补偿安置协议后，依照第二十四条办理。"
	var keys []string
	p.Each(text, analysis.Tokenize(text), func(k string, tokens func() []string) { keys = append(keys, k+fmt.Sprint(len(tokens()))) })
	if got := strings.Join(keys, " "); got != "=征地补偿安置协议7 =第二十四条4" {
		t.Errorf("phrases in %s: %s", text, got)
	}
	for q, want := range map[string]string{"征地补偿安置协议": "=征地补偿安置协议", "第五条": "=第五条", "补偿协议": "", "拆迁": ""} {
		a, _ := makeAlt(q, 1, Default())
		if got, _ := p.AltKey(a); got != want {
			t.Errorf("AltKey(%s) = %q, want %q", q, got, want)
		}
	}
}
