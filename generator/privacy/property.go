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
	present := propertyKeys(s)
	for k, p := range propertyRes {
		if present&(1<<k) == 0 {
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

// propertyKeys tells which entries of propertyRes may match s: bit k is
// set when s contains a key of entry k. It reads s once, looking the two
// bytes at each offset up in a table of the keys' first two bytes, where
// seven calls of strings.Contains read a case text seven times.
func propertyKeys(s string) uint {
	var present uint
	for i := 0; i+1 < len(s); i++ {
		if !keyStart[uint16(s[i])<<8|uint16(s[i+1])] {
			continue
		}
		for _, k := range propertyKeyList {
			if present&k.bits != k.bits && strings.HasPrefix(s[i:], k.key) {
				present |= k.bits
			}
		}
	}
	return present
}

type propertyKey struct {
	key  string
	bits uint // the entries of propertyRes that have it
}

var (
	propertyKeyList []propertyKey
	keyStart        [1 << 16]bool // the first two bytes of some key
)

func init() {
	bits := map[string]uint{}
	var order []string
	for k, p := range propertyRes {
		for _, key := range p.keys {
			if len(key) < 2 {
				panic("privacy: a property key must be at least two bytes: " + key)
			}
			if bits[key] == 0 {
				order = append(order, key)
			}
			bits[key] |= 1 << k
		}
	}
	for _, key := range order {
		propertyKeyList = append(propertyKeyList, propertyKey{key, bits[key]})
		keyStart[uint16(key[0])<<8|uint16(key[1])] = true
	}
}
