package library

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"  中华人民共和国行政诉讼法 ", "中华人民共和国行政诉讼法"},
		{"\ufeff# \u200b行政复议法\u200b", "# 行政复议法"},
		{"第一章\u3000\u3000总\u00a0则", "第一章 总 则"},
		{"杨\u2002 松", "杨 松"},
		{"关于修改<中华人民共和国\n计量法>的决定", "关于修改<中华人民共和国 计量法>的决定"},
		{"soft\u00adhyphen\u2060joined", "softhyphenjoined"},
		{"\t\r\n", ""},
	} {
		if got := Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"上海中燃船舶燃料有限公司诉 上海市质量技术监督局行政处罚决定案 ", "上海中燃船舶燃料有限公司诉上海市质量技术监督局行政处罚决定案"},
		{"台湾 “光大二号” 轮船长", "台湾“光大二号”轮船长"},
		{"某旅游App 经营公司", "某旅游App 经营公司"},
	} {
		if got := cleanTitle(tt.in); got != tt.want {
			t.Errorf("cleanTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"第一条\u2002为了", "第一条 为了"},
		{"\u200b", ""},
		{"“引号”与（括号）：不变", "“引号”与（括号）：不变"},
		{"a\u00a0b\u202fc\u205fd\ufeffe", "a b c de"},
	} {
		if got := cleanLine(tt.in); got != tt.want {
			t.Errorf("cleanLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzClean checks the properties the loaders rely on: Clean is
// idempotent, leaves no zero-width character, no space but single ASCII
// spaces between words, and never grows valid text; cleanLine keeps the
// line count, agrees with Clean once spaces are collapsed, and its fast
// path (needsClean) misses nothing it would change.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"", " 行政\u200b诉讼法 ", "第一章\u3000总\u00a0则", "杨\u2002 松", "a\nb\r\n", "\ufeff#\u2060x", "“”（）", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Clean(s)
		if Clean(c) != c {
			t.Fatalf("Clean(%q) = %q is not stable: %q", s, c, Clean(c))
		}
		if strings.HasPrefix(c, " ") || strings.HasSuffix(c, " ") || strings.Contains(c, "  ") {
			t.Fatalf("Clean(%q) = %q: stray spaces", s, c)
		}
		for _, r := range c {
			if isZeroWidth(r) || isSpace(r) && r != ' ' {
				t.Fatalf("Clean(%q) = %q keeps %U", s, c, r)
			}
		}
		if utf8.ValidString(s) && len(c) > len(s) {
			t.Fatalf("Clean(%q) = %q grew", s, c)
		}
		l := cleanLine(s)
		if strings.Count(l, "\n") != strings.Count(s, "\n") {
			t.Fatalf("cleanLine(%q) = %q moved lines", s, l)
		}
		if utf8.ValidString(s) && Clean(l) != c {
			t.Fatalf("Clean(cleanLine(%q)) = %q, Clean = %q", s, Clean(l), c)
		}
		if !needsClean(s) && l != s {
			t.Fatalf("needsClean(%q) = false but cleanLine changes it to %q", s, l)
		}
		if cleanTitle(c) != cleanTitle(cleanTitle(c)) {
			t.Fatalf("cleanTitle(%q) is not stable", c)
		}
	})
}
