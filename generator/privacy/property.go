package privacy

import (
	"regexp"
	"strings"
)

// propertyRes match 不动产权证号 and the older 房产证 and land-use
// certificate numbers. Submatch 1 is what is reported; prefix says whether a
// one-character city abbreviation just before it belongs to the number
// (宿房权证…, 萍国用…).
var propertyRes = []struct {
	keys   []string // literals of which every match contains one, to skip texts quickly
	re     *regexp.Regexp
	prefix bool
}{
	// 豫(2021)商水县不动产权第0001234号, 〔〕【】 variants, 不动产证明 too
	{[]string{"不动产"}, regexp.MustCompile(`((?:[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])?[(〔\[【]\d{4}[)〕\]】]\p{Han}{0,12}?不动产(?:权|证明)第?\d{3,}号)`), false},
	// 房权证川汇字第0012345号
	{[]string{"房权"}, regexp.MustCompile(`(房权证?[\p{Han}A-Za-z0-9]{0,8}?(?:字第?|第)[A-Z]?\d{3,}号)`), true},
	// 萍国用(2006)第43750号
	{[]string{"国用", "集用", "集建"}, regexp.MustCompile(`((?:国用|集用|集建)[(〔\[【]\d{4}[)〕\]】]第?\d{3,}号)`), true},
	// 鼓房字第1741号房屋所有权证, 第104027号房产证, 沪房地闸字(2001)第029102号房地产权证
	{[]string{"权证", "房产证"}, regexp.MustCompile(`((?:\p{Han}?房(?:地\p{Han}{0,3})?字(?:[(〔\[【]\d{4}[)〕\]】])?)?第?\d{3,}号)《?(?:房屋所有权证|房产证|房地产权证|不动产权证|产权证)`), false},
	// 房产证号为0012345
	{[]string{"权证", "房产证"}, regexp.MustCompile(`(?:房屋所有权证|房产证|房地产权证|不动产权证书?|产权证)(?:号码|编号|证号|号)(?:为|是)?[:：]?\s*((?:\p{Han}{0,3}字)?第?\d{4,}号?)`), false},
}

func scanProperty(n norm, cs []candidate) []candidate {
	s := n.s
	for _, p := range propertyRes {
		if !containsAny(s, p.keys) {
			continue
		}
		for _, m := range p.re.FindAllStringSubmatchIndex(s, -1) {
			a, b := m[2], m[3]
			if a > 0 && isDigit(s[a-1]) || b < len(s) && isDigit(s[b]) {
				continue
			}
			if p.prefix {
				if r, size := runeBefore(s, a); isHan(r) && !strings.ContainsRune(nameStops, r) {
					a -= size
				}
			}
			cs = append(cs, candidate{kind: KindProperty, start: n.orig(a), end: n.orig(b), keepLast: 2})
		}
	}
	return cs
}

func containsAny(s string, keys []string) bool {
	for _, k := range keys {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}
