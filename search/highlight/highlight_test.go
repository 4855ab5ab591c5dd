package highlight

import (
	"strings"
	"testing"

	"huajie/search/query"
)

func TestSpansAndFragment(t *testing.T) {
	lex := query.Default()
	text := "依照《中华人民共和国国家赔偿法》第四条，判决被告赔偿停车费1560元。行政机关<依法>强制拆除前应当公告。"
	q := query.Parse("国家赔偿 强拆 法", lex)
	got := Mark(text, Spans(text, q))
	want := "依照《中华人民共和国<mark>国家赔偿法</mark>》第四条，判决被告赔偿停车费1560元。行政机关&lt;依<mark>法</mark>&gt;<mark>强制拆除</mark>前应当公告。"
	if got != want {
		t.Errorf("Mark =\n%s\nwant\n%s", got, want)
	}
	long := strings.Repeat("无关的文字。", 40) + text + strings.Repeat("其他内容。", 40)
	frag := Fragment(long, Spans(long, q), 60)
	if !strings.HasPrefix(frag, "…") || !strings.HasSuffix(frag, "…") || !strings.Contains(frag, "<mark>国家赔偿法</mark>") {
		t.Errorf("Fragment = %s", frag)
	}
	if got := Fragment("短文本", nil, 60); got != "短文本" {
		t.Errorf("Fragment without spans = %q", got)
	}
}

func TestMerge(t *testing.T) {
	got := Merge([]Span{{6, 12}, {0, 6}, {3, 9}, {20, 23}})
	if len(got) != 2 || got[0] != (Span{0, 12}) || got[1] != (Span{20, 23}) {
		t.Errorf("Merge = %v", got)
	}
}
