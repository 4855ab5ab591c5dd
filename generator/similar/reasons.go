package similar

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"huajie/generator/numeral"
)

// Most shared citations and keywords a reason lists.
const (
	reasonCitations = 3
	reasonKeywords  = 4
)

// reasons explains why b is a neighbour of a, in the order a reader weighs
// them: domain and act type, shared citations (the rarest first), shared
// keywords (the rarest first), and the text similarity.
func (m *model) reasons(a, b *doc, text float64) []string {
	rs := make([]string, 0, 5)
	if a.dom != 0 && a.dom == b.dom {
		rs = append(rs, m.domains.labels[a.dom-1])
	}
	if a.act != 0 && a.act == b.act {
		rs = append(rs, m.acts.labels[a.act-1])
	}
	var arts, precs []string
	for _, id := range m.rarest(m.cites, shared(a.cites, b.cites, nil)) {
		if strings.HasPrefix(m.cites.keys[id-1], "p:") {
			precs = append(precs, m.cites.labels[id-1])
		} else if len(arts) < reasonCitations {
			arts = append(arts, m.cites.labels[id-1])
		}
	}
	if len(arts) > 0 {
		rs = append(rs, "共同引用："+strings.Join(arts, "、"))
	}
	if len(precs) > 0 {
		rs = append(rs, "共同援引："+strings.Join(precs[:min(len(precs), reasonCitations)], "、"))
	}
	if ids := shared(a.kws, b.kws, nil); len(ids) > 0 {
		ids = m.rarest(m.keywords, ids)
		kws := make([]string, 0, reasonKeywords)
		for _, id := range ids[:min(len(ids), reasonKeywords)] {
			kws = append(kws, m.keywords.keys[id-1])
		}
		rs = append(rs, "共同关键词："+strings.Join(kws, "、"))
	}
	rs = append(rs, percents[int(math.Round(100*max(0, min(text, 1))))])
	return rs
}

// percents are the text similarity reasons, by percent.
var percents = func() (p [101]string) {
	for i := range p {
		p[i] = fmt.Sprintf("文本相似度：%d%%", i)
	}
	return p
}()

// rarest sorts ids by idf, highest first, then by key.
func (m *model) rarest(s *set, ids []int32) []int32 {
	slices.SortFunc(ids, func(a, b int32) int {
		if c := cmp.Compare(s.idf[b-1], s.idf[a-1]); c != 0 {
			return c
		}
		return cmp.Compare(s.keys[a-1], s.keys[b-1])
	})
	return ids
}

// FormatArticle writes an article key as a reader cites it:
// 行政诉讼法#70 → 《行政诉讼法》第七十条, 行政诉讼法#10-1 → 《行政诉讼法》第十条之一.
// A key without an article gives the title in book-title marks.
func FormatArticle(key string) string {
	title, art, ok := strings.Cut(key, "#")
	if !ok {
		return "《" + key + "》"
	}
	num, suffix, hasSuffix := strings.Cut(art, "-")
	n, err := strconv.Atoi(num)
	if err != nil || numeral.Format(n) == "" {
		return "《" + title + "》" + art
	}
	s := "《" + title + "》第" + numeral.Format(n) + "条"
	if hasSuffix {
		if m, err := strconv.Atoi(suffix); err == nil && numeral.Format(m) != "" {
			s += "之" + numeral.Format(m)
		}
	}
	return s
}
