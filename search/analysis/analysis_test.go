package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/registry"
)

func show(toks []Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s/%d", t.Term, t.Pos)
	}
	return b.String()
}

func TestTokenize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"国家赔偿法", "国家/1 家赔/2 赔偿/3 偿法/4"},
		{"法", "法/1"},
		{"第3条", "第/1 3/2 条/3"},
		{"（2022）豫1627行初212号行政判决", "2022/1 豫/2 1627/3 行初/4 212/5 号行/6 行政/7 政判/8 判决/9"},
		{"补偿额增加约4.6万元、1,200平方米", "补偿/1 偿额/2 额增/3 增加/4 加约/5 4.6/6 万元/7 1,200/8 平方/9 方米/10"},
		{"ZK-2023-HJ-0001", "zk/1 2023/2 hj/3 0001/4"},
		{"ＡＢＣ１２，Ｘ", "abc12/1 x/2"},
		{"「行政复议」，复议。", "行政/1 政复/2 复议/3 复议/4"},
		{"ｶﾀｶﾅ", "カタ/1 タカ/2 カナ/3"},
		{"1.", "1/1"},
		{"a.b 3.x", "a/1 b/2 3/3 x/4"},
		{"Ä Σ İ", "ä/1 σ/2 İ/3"},
		{"", ""},
		{"，。！", ""},
	}
	for _, c := range cases {
		if got := show(Tokenize(c.in)); got != c.want {
			t.Errorf("Tokenize(%q) = %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestOffsets(t *testing.T) {
	text := "依照《行政强制法》第44条，ＡＢ"
	for _, tok := range Tokenize(text) {
		if got := Normalize(text[tok.Start:tok.End]); got != tok.Term {
			t.Errorf("token %q at %d:%d covers %q", tok.Term, tok.Start, tok.End, got)
		}
	}
}

// repoTexts returns every line of the repository's content, and of the
// shared corpus's key laws and guiding cases when they are present.
func repoTexts(t testing.TB) []string {
	var lines []string
	add := func(pattern string) {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, strings.Split(string(b), "\n")...)
		}
	}
	root := filepath.Join("..", "..")
	for _, p := range []string{"cases/*/*.md", "rules/*.md", "content/*.md", "content/*/*.yaml"} {
		add(filepath.Join(root, p))
	}
	add(filepath.Join(root, "..", "shared", "corpus", "laws", "key", "*.md"))
	add(filepath.Join(root, "..", "shared", "corpus", "guiding-cases", "cases", "*.md"))
	return lines
}

// TestMatchesBleveCJK checks the claim of the package comment: on the
// repository's text the analyzer gives exactly the tokens of bleve's cjk
// analyzer, except on the few constructs where UAX #29 joins characters
// that this tokenizer keeps apart (letters around "." or "'", "_").
func TestMatchesBleveCJK(t *testing.T) {
	cache := registry.NewCache()
	ref, err := cache.AnalyzerNamed(cjk.AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	lines := repoTexts(t)
	same, differ := 0, 0
	for _, line := range lines {
		var want []string
		for _, tk := range ref.Analyze([]byte(line)) {
			want = append(want, fmt.Sprintf("%s/%d/%d-%d", tk.Term, tk.Position, tk.Start, tk.End))
		}
		var got []string
		for _, tk := range Tokenize(line) {
			got = append(got, fmt.Sprintf("%s/%d/%d-%d", tk.Term, tk.Pos, tk.Start, tk.End))
		}
		if strings.Join(got, " ") == strings.Join(want, " ") {
			same++
			continue
		}
		differ++
		if !knownDifference(line) {
			k := 0
			for k < len(got) && k < len(want) && got[k] == want[k] {
				k++
			}
			at := func(s []string) string { return strings.Join(s[k:min(len(s), k+3)], " ") }
			t.Errorf("line differs from bleve's cjk analyzer at token %d: got %s, want %s\n%s", k, at(got), at(want), line)
		}
	}
	t.Logf("%d lines identical to bleve's cjk analyzer, %d differ in known ways", same, differ)
}

// knownDifference reports whether line has a construct UAX #29 joins: a
// letter or digit next to "." ":" "'" "_" "@" or "/" followed by a letter
// or digit (URLs, e-mail addresses, file names), or full-width digits.
func knownDifference(line string) bool {
	rs := []rune(line)
	for i := 1; i+1 < len(rs); i++ {
		switch rs[i] {
		case '.', ':', '\'', '_', '@', '/', '·', '’', '-', '．', '，':
			if IsWordChar(rs[i-1]) && IsWordChar(rs[i+1]) {
				return true
			}
		}
	}
	for _, r := range rs {
		if r >= 0xFF10 && r <= 0xFF19 || r >= 0x30A0 && r <= 0x30FF || r >= 0xFF66 && r <= 0xFF9F {
			return true
		}
	}
	return false
}

func BenchmarkTokenize(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "cases", "mediation", "ZK-2023-HJ-0001.md"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		Each(text, func(Token) { n++ })
	}
}
