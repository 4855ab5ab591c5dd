package cite

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CaseNo is a court case number (案号): （2023）豫16行初123号 in the form used
// since 2016, or （2014）周行初字第00012号 in the older 字第 form.
type CaseNo struct {
	Year   int    // year the case was filed, 1949..2100
	Court  string // court code: 豫16, 豫1602, 京, 最高法; in the old form the court's abbreviation (周, 苏中) or ""
	Type   string // case type code: 行初, 行赔初, 民终, 知行终, 民一终 (old form)
	Number int    // sequence number, > 0; leading zeros are dropped
	Old    bool   // written in the old 字第 form
}

// CaseNoMatch is a case number found in text; Start and End are byte
// offsets and text[Start:End] is the case number as written.
type CaseNoMatch = struct {
	Start, End int
	No         CaseNo
}

// Case kinds returned by CaseNo.Kind.
const (
	CaseAdministrative = "administrative" // 行初 行终 … and 行政赔偿 行赔初 …
	CaseCivil          = "civil"          // 民初 民终 …
	CaseCriminal       = "criminal"       // 刑初 刑终 …
	CaseEnforcement    = "enforcement"    // 执 执恢 执异 …
	CaseCompensation   = "compensation"   // state compensation by compensation committees: 委赔 法委赔 赔
	CaseOther          = "other"          // bankruptcy, preservation, judicial assistance …
)

// caseTypes are the case type codes of the 2016 standard (人民法院案件类型及
// 其代字标准) that this package knows, by kind. Longer codes that begin with
// a shorter one (行审复, 行辖终) are matched first.
var caseTypes = map[string]string{
	// Administrative.
	"行初": CaseAdministrative, "行终": CaseAdministrative, "行申": CaseAdministrative,
	"行再": CaseAdministrative, "行审": CaseAdministrative, "行审复": CaseAdministrative,
	"行赔初": CaseAdministrative, "行赔终": CaseAdministrative, "行赔申": CaseAdministrative,
	"行赔再": CaseAdministrative, "行赔抗": CaseAdministrative, "行赔监": CaseAdministrative,
	"行他": CaseAdministrative, "行辖": CaseAdministrative, "行辖终": CaseAdministrative,
	"行监": CaseAdministrative, "行提": CaseAdministrative, "行抗": CaseAdministrative,
	"行保": CaseAdministrative, "行保复": CaseAdministrative,
	// Civil.
	"民初": CaseCivil, "民终": CaseCivil, "民申": CaseCivil, "民再": CaseCivil, "民抗": CaseCivil,
	"民监": CaseCivil, "民提": CaseCivil, "民他": CaseCivil, "民辖": CaseCivil, "民辖终": CaseCivil,
	"民特": CaseCivil, "民特监": CaseCivil, "民催": CaseCivil, "民督": CaseCivil, "民撤": CaseCivil,
	"民保": CaseCivil, "民保复": CaseCivil,
	// Criminal.
	"刑初": CaseCriminal, "刑终": CaseCriminal, "刑申": CaseCriminal, "刑再": CaseCriminal,
	"刑抗": CaseCriminal, "刑监": CaseCriminal, "刑提": CaseCriminal, "刑他": CaseCriminal,
	"刑核": CaseCriminal, "刑更": CaseCriminal, "刑医": CaseCriminal, "刑辖": CaseCriminal,
	"刑辖终": CaseCriminal,
	// Enforcement.
	"执": CaseEnforcement, "执恢": CaseEnforcement, "执异": CaseEnforcement, "执复": CaseEnforcement,
	"执监": CaseEnforcement, "执协": CaseEnforcement, "执他": CaseEnforcement, "执保": CaseEnforcement,
	"执提": CaseEnforcement,
	// State compensation.
	"赔": CaseCompensation, "委赔": CaseCompensation, "法委赔": CaseCompensation,
	"委赔监": CaseCompensation, "委赔提": CaseCompensation, "赔监": CaseCompensation,
	// Other.
	"破": CaseOther, "破申": CaseOther, "破终": CaseOther, "破监": CaseOther, "强清": CaseOther,
	"财保": CaseOther, "司惩": CaseOther, "司惩复": CaseOther, "司救": CaseOther,
	"协外认": CaseOther, "认港": CaseOther, "认澳": CaseOther, "认台": CaseOther,
}

// provinces are the one-character court codes of the provincial
// jurisdictions, 兵 (兵团) and 军 (military courts).
const provinces = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵黔云滇藏陕甘青宁新港澳台兵军"

// oldStages end old-form type codes built from a tribunal number: 民一终, 刑二初.
const oldStages = "初终申再提监他抗核审复特催督更"

// Kind tells what sort of case the number belongs to: CaseAdministrative,
// CaseCivil, CaseCriminal, CaseEnforcement, CaseCompensation or CaseOther.
// An intellectual-property prefix (知行终) does not change the kind.
func (c CaseNo) Kind() string {
	t := strings.TrimPrefix(c.Type, "知")
	if k, ok := caseTypes[t]; ok {
		return k
	}
	switch r, _ := utf8.DecodeRuneInString(t); r {
	case '行':
		return CaseAdministrative
	case '民':
		return CaseCivil
	case '刑':
		return CaseCriminal
	case '执':
		return CaseEnforcement
	}
	return CaseOther
}

// String writes the canonical form with full-width parentheses and no
// leading zeros: （2023）豫16行初123号, （2014）周行初字第12号.
func (c CaseNo) String() string {
	if c.Old {
		return fmt.Sprintf("（%d）%s%s字第%d号", c.Year, c.Court, c.Type, c.Number)
	}
	return fmt.Sprintf("（%d）%s%s%d号", c.Year, c.Court, c.Type, c.Number)
}

// ParseCaseNo reads one case number. The year may be in （）, () or a mix of
// the two widths; 〔〕, 【】, [] and ［］ are also accepted and normalised by
// String to （）. Digits may be full width. Surrounding spaces are ignored.
// The year must lie in 1949..2100, the number must be > 0, and in the
// current form the court code must be 最高法 or a province code with up to
// six digits and the type code must be a known one (see Kind).
func ParseCaseNo(s string) (CaseNo, error) {
	t := strings.TrimSpace(s)
	c, end, err := parseCaseAt(t, 0)
	if err != nil {
		return CaseNo{}, err
	}
	if end != len(t) {
		return CaseNo{}, fmt.Errorf("case number %q: unexpected text %q after 号", t, t[end:])
	}
	return c, nil
}

// FindCaseNos returns the case numbers in text in order.
func FindCaseNos(text string) []CaseNoMatch {
	var out []CaseNoMatch
	for i := 0; i < len(text); {
		// Every case number ends in 号: a text without one has none.
		if i == 0 && !strings.Contains(text, "号") {
			return nil
		}
		b := text[i]
		if b < utf8.RuneSelf {
			if b == '(' || b == '[' {
				if c, end, err := parseCaseAt(text, i); err == nil {
					out = append(out, CaseNoMatch{Start: i, End: end, No: c})
					i = end
					continue
				}
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		if isCaseOpen(r) {
			if c, end, err := parseCaseAt(text, i); err == nil {
				out = append(out, CaseNoMatch{Start: i, End: end, No: c})
				i = end
				continue
			}
		}
		i += w
	}
	return out
}

func isCaseOpen(r rune) bool {
	switch r {
	case '（', '(', '〔', '【', '[', '［':
		return true
	}
	return false
}

// caseClose maps an opening bracket to the closing brackets that may pair
// with it.
var caseClose = map[rune]string{'（': "）)", '(': ")）", '〔': "〕", '【': "】", '[': "]", '［': "］"}

// parseCaseAt reads a case number starting at the bracket at i.
func parseCaseAt(s string, i int) (CaseNo, int, error) {
	var c CaseNo
	open, w := utf8.DecodeRuneInString(s[i:])
	if !isCaseOpen(open) {
		return c, 0, fmt.Errorf("case number %q: must begin with the year in brackets, as （2023）", clip(s[i:]))
	}
	year, j, ok := readDigits(s, i+w)
	if !ok {
		return c, 0, fmt.Errorf("case number %q: no year after %q", clip(s[i:]), string(open))
	}
	if len(year) != 4 {
		return c, 0, fmt.Errorf("case number %q: year %q must have four digits", clip(s[i:]), year)
	}
	c.Year, _ = strconv.Atoi(year)
	if c.Year < 1949 || c.Year > 2100 {
		return c, 0, fmt.Errorf("case number %q: year %d out of range 1949..2100", clip(s[i:]), c.Year)
	}
	cl, w := utf8.DecodeRuneInString(s[j:])
	if !strings.ContainsRune(caseClose[open], cl) {
		return c, 0, fmt.Errorf("case number %q: year must be closed by %q", clip(s[i:]), []rune(caseClose[open])[0])
	}
	j = skipSpaces(s, j+w)
	// The body runs to 号: Han characters and digits only.
	k := j
	for n := 0; ; n++ {
		if k >= len(s) || n > 40 {
			return c, 0, fmt.Errorf("case number %q: no 号 at the end", clip(s[i:]))
		}
		r, w := utf8.DecodeRuneInString(s[k:])
		if r == '号' {
			break
		}
		if !isHan(r) && !isDigit(r) {
			return c, 0, fmt.Errorf("case number %q: unexpected %q before 号", clip(s[i:]), r)
		}
		k += w
	}
	body := s[j:k]
	end := k + len("号")
	if body == "" {
		return c, 0, fmt.Errorf("case number %q: nothing between the year and 号", clip(s[i:end]))
	}
	var err error
	if p := strings.Index(body, "字第"); p >= 0 {
		err = c.parseOld(body[:p], body[p+len("字第"):])
	} else {
		err = c.parseNew(body)
	}
	if err != nil {
		return CaseNo{}, 0, fmt.Errorf("case number %q: %v", s[i:end], err)
	}
	return c, end, nil
}

// parseNew reads 豫16行初123 (the part between the year and 号).
func (c *CaseNo) parseNew(body string) error {
	rest := body
	switch {
	case strings.HasPrefix(rest, "最高法"):
		c.Court, rest = "最高法", rest[len("最高法"):]
	default:
		r, w := utf8.DecodeRuneInString(rest)
		if !strings.ContainsRune(provinces, r) {
			return fmt.Errorf("unknown court code at %q (want 最高法 or a province code such as 豫16)", rest)
		}
		d, e, _ := readDigits(rest, w)
		if len(d) > 6 {
			return fmt.Errorf("court code %q has too many digits", rest[:e])
		}
		c.Court, rest = string(r)+d, rest[e:]
	}
	// The type code is the Han run before the number.
	k := 0
	for k < len(rest) {
		r, w := utf8.DecodeRuneInString(rest[k:])
		if !isHan(r) {
			break
		}
		k += w
	}
	code := rest[:k]
	if code == "" {
		return fmt.Errorf("no case type code after court %q", c.Court)
	}
	typ := matchCaseType(code)
	if typ == "" || typ != code {
		return fmt.Errorf("unknown case type code %q", code)
	}
	c.Type = typ
	return c.setNumber(rest[k:])
}

// matchCaseType returns the longest known type code (with an optional 知
// prefix) at the start of s, or "".
func matchCaseType(s string) string {
	best := ""
	for _, pre := range []string{"", "知"} {
		if !strings.HasPrefix(s, pre) {
			continue
		}
		for code := range caseTypes {
			if len(pre+code) > len(best) && strings.HasPrefix(s, pre+code) {
				best = pre + code
			}
		}
	}
	return best
}

// parseOld reads 周行初 and 00012 from （2014）周行初字第00012号.
func (c *CaseNo) parseOld(pre, num string) error {
	c.Old = true
	// The type is the longest known code ending pre, else a code built
	// from a tribunal number such as 民一终.
	typ := ""
	for code := range caseTypes {
		for _, p := range []string{"", "知"} {
			if t := p + code; len(t) > len(typ) && strings.HasSuffix(pre, t) {
				typ = t
			}
		}
	}
	if t := oldTribunalType(pre); len(t) > len(typ) {
		typ = t
	}
	if typ == "" {
		return fmt.Errorf("unknown case type code in %q", pre+"字")
	}
	c.Court, c.Type = pre[:len(pre)-len(typ)], typ
	if strings.ContainsFunc(c.Court, isDigit) {
		return fmt.Errorf("old-form court %q contains digits", c.Court)
	}
	if utf8.RuneCountInString(c.Court) > 10 {
		return fmt.Errorf("old-form court %q is too long", c.Court)
	}
	return c.setNumber(num)
}

// oldTribunalType matches old-form codes built from a category, an
// optional tribunal number and an optional stage at the end of pre: 民一终,
// 刑二初, 知民三终, 知行 (（2011）知行字第9号), 民提.
func oldTribunalType(pre string) string {
	r := []rune(pre)
	n := len(r)
	k := n
	if k > 0 && strings.ContainsRune(oldStages, r[k-1]) {
		k--
	}
	if k > 0 && strings.ContainsRune("一二三四五六七八九", r[k-1]) {
		k--
	}
	if k == 0 || !strings.ContainsRune("民刑行执", r[k-1]) {
		return ""
	}
	k--
	if k > 0 && r[k-1] == '知' {
		k--
	}
	if n-k < 2 && r[k] != '执' {
		return "" // a bare 民 or 行 is too loose
	}
	return string(r[k:])
}

func (c *CaseNo) setNumber(num string) error {
	d, e, ok := readDigits(num, 0)
	if !ok || e != len(num) {
		return fmt.Errorf("number %q is not digits", num)
	}
	d = strings.TrimLeft(d, "0")
	if d == "" {
		return fmt.Errorf("number must be > 0")
	}
	if len(d) > 9 {
		return fmt.Errorf("number %s too large", d)
	}
	c.Number, _ = strconv.Atoi(d)
	return nil
}

func isDigit(r rune) bool { return (r >= '0' && r <= '9') || (r >= '０' && r <= '９') }
