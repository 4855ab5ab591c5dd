package cite

import (
	"regexp"
	"strconv"
	"strings"

	"huajie/generator/numeral"
)

// guidingRE matches a reference to an SPC guiding case: 指导案例15号,
// 指导性案例第91号, 指导案例九十一号.
var guidingRE = regexp.MustCompile(`指导性?案例第?([0-9０-９〇零一二三四五六七八九十百]+)号`)

// FindGuidingCases returns the byte ranges of the guiding-case references
// in text, with each one's canonical form (指导案例91号).
func FindGuidingCases(text string) (spans [][2]int, keys []string) {
	for _, m := range guidingRE.FindAllStringSubmatchIndex(text, -1) {
		if n, err := numeral.Parse(text[m[2]:m[3]]); err == nil {
			spans = append(spans, [2]int{m[0], m[1]})
			keys = append(keys, "指导案例"+strconv.Itoa(n)+"号")
		}
	}
	return spans, keys
}

// CaseRef is the canonical form of a string that names a published case:
// 指导性案例第91号 and 指导案例九十一号 give 指导案例91号, a 案号 in any
// bracket variant its canonical form （2023）豫16行初123号; anything else "".
func CaseRef(s string) string {
	s = strings.TrimSpace(s)
	if m := guidingRE.FindStringSubmatch(s); m != nil && m[0] == s {
		if n, err := numeral.Parse(m[1]); err == nil {
			return "指导案例" + strconv.Itoa(n) + "号"
		}
	}
	if c, err := ParseCaseNo(s); err == nil {
		return c.String()
	}
	return ""
}
