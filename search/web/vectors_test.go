package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"huajie/search/analysis"
	"huajie/search/query"
)

var update = flag.Bool("update", false, "rewrite testdata/vectors.json from the Go packages")

// Vectors are what search.js must reproduce, generated from the Go
// packages: normalisation, tokens (offsets in UTF-16 code units, as
// JavaScript counts) and rewritten queries.
type Vectors struct {
	Lexicon   *query.Lexicon    `json:"lexicon"`
	Normalize [][2]string       `json:"normalize"`
	Tokenize  []TokenizeVector  `json:"tokenize"`
	Parse     []json.RawMessage `json:"parse"`
}

// TokenizeVector is a text and its tokens: term, position, start, end, kind.
type TokenizeVector struct {
	Text   string  `json:"text"`
	Tokens [][]any `json:"tokens"`
}

const vectorsFile = "testdata/vectors.json"

// texts are the tokenizer's vectors: constructed cases, then lines of the
// repository's content.
func texts(t *testing.T) []string {
	out := []string{
		"", "国家赔偿法", "法", "第3条", "（2022）豫1627行初212号行政判决", "补偿额增加约4.6万元、1,200平方米",
		"ZK-2023-HJ-0001", "ＡＢＣ１２，Ｘ", "「行政复议」，复议。", "ｶﾀｶﾅ ﾊﾟﾋﾞ", "1.", "a.b 3.x 1,2,3 4..5 ,5",
		"Ä Σ İ ΣΑΣ Ǆ ǅ ǆ Ⅻ ⅻ", "a\u0301 e\u0300", "𠀀𠀁 𠀂", "漢字かなカナ한국어", "第Ⅱ版", "〇一二〇", "々〻",
		"tab\tand\nnew line", "emoji 😀 中文", "\u200b零宽\u200b空格", "1，2", "ＺＫ－２０２３", "١٢٣ ٤٥", "🀄麻将",
	}
	root := filepath.Join("..", "..")
	var files []string
	for _, p := range []string{"cases/*/*.md", "rules/*.md", "content/*.md", "content/*/*.yaml"} {
		m, _ := filepath.Glob(filepath.Join(root, p))
		files = append(files, m...)
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if i%29 == 0 && line != "" {
				out = append(out, line)
			}
		}
	}
	return out
}

// queries are the rewrite's vectors: constructed cases, the quality and
// benchmark queries, and random combinations of query syntax.
func queries() []string {
	out := []string{
		"国家赔偿", "强拆  违法建筑", `"国家 赔偿" -强拆`, "类别:警示案例 区县：商水县 kind:warning -region:川汇区 年份:２０２３年",
		"法", "第3条，豫1627行初212号", "民法", "ZK-2023-HJ-0001", "http://x 。，", "区县:", `区县:"商水县" "未闭合`, "- -- ！",
		"复议", "出庭应诉", "拆迁 征收", "陈述申辩", `"陈述、申辩"`, "类别:类案分析", "KIND:Rule", "机关:公安 效力:规范性文件",
		"a:b:c", "：开头", "结尾：", "-区县:商水县 拆迁", `-"强制拆除"`, "“中文引号”", "”孤立", "1 2 3 4 5 6 7 8 9 10 11 12 13 14",
		"\u3000全角空格\u3000", "ｚｋ－２０２３", "Ⅱ", "ｶﾀｶﾅ", "年份:2023年 年份:2023", "tab\there",
		strings.Repeat("长", 300),
	}
	pieces := []string{"征收", "补偿", "复议", "行政复议", "强拆", "法", "第", "3", "条", "民法", "庭审", "公安", "办公安排",
		" ", "  ", "\u3000", "，", "。", "、", "-", "－", `"`, "“", "”", ":", "：", "区县", "类别", "kind", "年份",
		"警示案例", "商水县", "2023", "ZK", "A", "ａ", "·", "/", ".", "国家赔偿", "出庭应诉", "违法建设", "ｶ"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		var b strings.Builder
		for range 1 + r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		out = append(out, b.String())
	}
	return out
}

// utf16Offset converts a byte offset of s into UTF-16 code units.
func utf16Offset(s string, byteOff int) int {
	n := 0
	for _, r := range s[:byteOff] {
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}

func generate(t *testing.T) *Vectors {
	lex := query.Default()
	v := &Vectors{Lexicon: lex}
	// Every character the analyzer folds or treats as a letter, and a range
	// of others.
	var all strings.Builder
	for r := rune(0); r < 0x3000; r++ {
		if utf8.ValidRune(r) && r >= 0x20 {
			all.WriteRune(r)
		}
	}
	for r := rune(0xFF00); r <= 0xFFEF; r++ {
		all.WriteRune(r)
	}
	v.Normalize = append(v.Normalize, [2]string{all.String(), analysis.Normalize(all.String())})
	for _, s := range texts(t)[:40] {
		v.Normalize = append(v.Normalize, [2]string{s, analysis.Normalize(s)})
	}
	for _, s := range texts(t) {
		tv := TokenizeVector{Text: s, Tokens: [][]any{}}
		for _, tk := range analysis.Tokenize(s) {
			tv.Tokens = append(tv.Tokens, []any{tk.Term, tk.Pos, utf16Offset(s, tk.Start), utf16Offset(s, tk.End), int(tk.Kind)})
		}
		v.Tokenize = append(v.Tokenize, tv)
	}
	for _, q := range queries() {
		want, err := json.Marshal(query.Parse(q, lex))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(map[string]json.RawMessage{"q": mustJSON(q), "want": want})
		v.Parse = append(v.Parse, raw)
	}
	return v
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

// encode writes one vector per line, so that a change shows as a diff of
// the vectors it touches.
func encode(v *Vectors) []byte {
	var buf bytes.Buffer
	line := func(x any) {
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(x); err != nil {
			panic(err)
		}
		buf.Truncate(buf.Len() - 1) // the encoder's newline
	}
	buf.WriteString("{\n\"lexicon\": ")
	line(v.Lexicon)
	list := func(name string, n int, at func(int) any) {
		buf.WriteString(",\n\"" + name + "\": [")
		for i := range n {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString("\n")
			line(at(i))
		}
		buf.WriteString("\n]")
	}
	list("normalize", len(v.Normalize), func(i int) any { return v.Normalize[i] })
	list("tokenize", len(v.Tokenize), func(i int) any { return v.Tokenize[i] })
	list("parse", len(v.Parse), func(i int) any { return v.Parse[i] })
	buf.WriteString("\n}\n")
	return buf.Bytes()
}

// TestVectors checks that testdata/vectors.json is what the Go packages
// produce now (go test ./search/web -run TestVectors -update rewrites it).
func TestVectors(t *testing.T) {
	got := encode(generate(t))
	if *update {
		if err := os.WriteFile(vectorsFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(vectorsFile)
	if err != nil {
		t.Fatalf("%v (run go test ./search/web -run TestVectors -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: the Go analyzer or rewrite changed; run go test ./search/web -run TestVectors -update, then make search.js agree (TestBrowser)", vectorsFile)
	}
}

func loadVectors(t *testing.T) *Vectors {
	b, err := os.ReadFile(vectorsFile)
	if err != nil {
		t.Fatal(err)
	}
	var v Vectors
	v.Lexicon = &query.Lexicon{}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Tokenize) == 0 || len(v.Parse) == 0 {
		t.Fatal("empty vectors")
	}
	return &v
}

// TestScriptSize keeps the page script under its budget: 12 KB gzipped.
func TestScriptSize(t *testing.T) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(Script)
	zw.Close()
	if buf.Len() > 12<<10 {
		t.Errorf("search.js is %d bytes gzipped, over the 12 KB budget", buf.Len())
	}
	t.Logf("search.js: %d bytes, %d gzipped", len(Script), buf.Len())
}
