package cite

import (
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"依照《中华人民共和国行政诉讼法》（以下简称《行政诉讼法》）第七十四条第二款第（一）项、第十条至第十二条，本规则第二十条，前款。",
	"《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》（法释〔2018〕1号）第六十八条",
	"法释〔2018〕1号第三条、第五条第二款和第十条之一",
	"《行政诉讼法》第一条至第九千九百九十九条、第一、二、三项",
	"《《《》》》（（（）））第第第条条",
	"《行政诉讼法》第十二条至第十条",
	"（2023）豫16行初123号 （2014）周行初字第00012号 (2023)豫16行赔初1号",
	"本法院 基本法第二十三条 根本目的 本项目",
	"",
	"第",
	"《",
	"（",
}

// FuzzFind checks that Find never panics and returns well-formed spans, and
// that Parse never panics.
func FuzzFind(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	p := NewParser()
	p.Alias("工作规则", "某中心工作规则")
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, c := range p.Find(text) {
			if c.Start < prev || c.End <= c.Start || c.End > len(text) {
				t.Fatalf("bad span [%d,%d) after %d in %q", c.Start, c.End, prev, text)
			}
			if c.Text != text[c.Start:c.End] {
				t.Fatalf("Text %q != text[%d:%d]", c.Text, c.Start, c.End)
			}
			if utf8.ValidString(text) && !utf8.ValidString(c.Text) {
				t.Fatalf("span splits a rune: %q", c.Text)
			}
			switch c.Kind {
			case KindLaw, KindSelf, KindInterpretation:
			default:
				t.Fatalf("bad kind %q", c.Kind)
			}
			if len(c.Refs) > 10*len(text) {
				t.Fatalf("%d refs from %d bytes", len(c.Refs), len(text))
			}
			prev = c.End
		}
		if c, err := p.Parse(text); err == nil {
			if c.Start < 0 || c.End > len(text) || c.Text != text[c.Start:c.End] {
				t.Fatalf("Parse span [%d,%d) %q", c.Start, c.End, c.Text)
			}
		}
	})
}

// FuzzParseCaseNo checks that ParseCaseNo and FindCaseNos never panic, that
// spans are well formed and that every number found reads back from its
// canonical form.
func FuzzParseCaseNo(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	for _, s := range []string{"（2023）豫16行初123号", "【2023】豫16行初123号", "（2014）周行初字第00012号", "（2019）最高法知行终1号", "（2023）豫16行初0号"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if c, err := ParseCaseNo(text); err == nil {
			if c.Year < 1949 || c.Year > 2100 || c.Number <= 0 {
				t.Fatalf("invalid %+v accepted from %q", c, text)
			}
			if again, err := ParseCaseNo(c.String()); err != nil || again != c {
				t.Fatalf("round trip %q: %+v, %v", c.String(), again, err)
			}
		}
		prev := 0
		for _, m := range FindCaseNos(text) {
			if m.Start < prev || m.End <= m.Start || m.End > len(text) {
				t.Fatalf("bad span [%d,%d) after %d in %q", m.Start, m.End, prev, text)
			}
			if c, err := ParseCaseNo(text[m.Start:m.End]); err != nil || c != m.No {
				t.Fatalf("found %q but ParseCaseNo gives %+v, %v", text[m.Start:m.End], c, err)
			}
			prev = m.End
		}
	})
}
