package privacy

import (
	"regexp"
	"strings"
	"time"
)

// ValidID18 reports whether s is an 18-character 居民身份证号码: a region code
// whose first two digits name a province (11–65, 71, 81, 82), a birth date
// from 1900-01-01 to today, a sequence number and the ISO 7064 MOD 11-2 check
// character (0–9 or X/x).
func ValidID18(s string) bool {
	if !idShape(s) {
		return false
	}
	c := idCheck(s[:17])
	return s[17] == c || c == 'X' && s[17] == 'x'
}

// ValidID15 reports whether s is a 15-digit 居民身份证号码 of the first
// generation of cards: region code, birth date 19YYMMDD, sequence number. The
// legacy form has no check digit.
func ValidID15(s string) bool {
	return len(s) == 15 && allDigits(s) && validRegion(s[:6]) && validDate("19"+s[6:12])
}

// Luhn reports whether s, two or more ASCII digits, passes the Luhn check
// that bank card numbers carry.
func Luhn(s string) bool {
	if len(s) < 2 || !allDigits(s) {
		return false
	}
	sum := 0
	for i := range len(s) {
		d := int(s[len(s)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// idShape reports whether the first 14 characters of an 18-character ID
// number are a valid region and birth date, whatever its check character.
func idShape(s string) bool {
	return len(s) == 18 && allDigits(s[:17]) && validRegion(s[:6]) && validDate(s[6:14])
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idCheck is the ISO 7064 MOD 11-2 check character of 17 digits.
func idCheck(d string) byte {
	sum := 0
	for i := range 17 {
		sum += int(d[i]-'0') * idWeights[i]
	}
	return "10X98765432"[sum%11]
}

// validRegion checks the 6-digit 行政区划代码 an ID number starts with: a real
// province code, and a prefecture part that is not 00 (no ID number is issued
// to a province as a whole).
func validRegion(r string) bool {
	if len(r) != 6 || !allDigits(r) || r[2:4] == "00" {
		return false
	}
	switch r[:2] {
	case "11", "12", "13", "14", "15",
		"21", "22", "23",
		"31", "32", "33", "34", "35", "36", "37",
		"41", "42", "43", "44", "45", "46",
		"50", "51", "52", "53", "54",
		"61", "62", "63", "64", "65",
		"71", "81", "82":
		return true
	}
	return false
}

// validDate checks YYYYMMDD: a real calendar day from 1900-01-01 to today.
func validDate(d string) bool {
	if len(d) != 8 || !allDigits(d) {
		return false
	}
	y, m, day := atoi(d[:4]), atoi(d[4:6]), atoi(d[6:])
	if y < 1900 || m < 1 || m > 12 || day < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || t.Month() != time.Month(m) {
		return false // 19990231
	}
	return !t.After(time.Now())
}

// uscc is the alphabet of the 统一社会信用代码 (GB 32100-2015), in value order.
const uscc = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// validUSCC reports whether s is a 统一社会信用代码 with a correct check
// character. These codes name legal persons and other organisations, so an
// all-digit one is not taken for a bank card.
func validUSCC(s string) bool {
	if len(s) != 18 {
		return false
	}
	sum := 0
	for i := range 17 {
		v := strings.IndexByte(uscc, s[i])
		if v < 0 {
			return false
		}
		sum += v * usccWeights[i]
	}
	return s[17] == uscc[(31-sum%31)%31]
}

// isISBN13 reports whether s is an ISBN-13 (978/979 and the 1-3 weighted check).
func isISBN13(s string) bool {
	if len(s) != 13 || !allDigits(s) || !strings.HasPrefix(s, "978") && !strings.HasPrefix(s, "979") {
		return false
	}
	sum := 0
	for i := range 13 {
		d := int(s[i] - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return sum%10 == 0
}

func mobile(d string) bool {
	return len(d) == 11 && allDigits(d) && d[0] == '1' && d[1] >= '3' && d[1] <= '9'
}

// areaCode checks a long-distance code: 010, 02X, or 0 and three digits
// starting 3–9.
func areaCode(d string) bool {
	switch len(d) {
	case 3:
		return d == "010" || d[:2] == "02"
	case 4:
		return d[0] == '0' && d[1] >= '3' && d[1] <= '9'
	}
	return false
}

// landline splits a run of digits written without a separator into area
// code and a local number of 7–8 digits starting 2–9; 3-digit codes (010,
// 02X) serve 8-digit numbers.
func landline(d string) (area int, ok bool) {
	for _, a := range []int{3, 4} {
		local := len(d) - a
		if len(d) > a && areaCode(d[:a]) && local >= 7 && local <= 8 && d[a] >= '2' && (a == 4 || local == 8) {
			return a, true
		}
	}
	return 0, false
}

func allDigits(s string) bool {
	for i := range len(s) {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int {
	n := 0
	for i := range len(s) {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// ctxClass is what the words just before a number say it is.
type ctxClass int

const (
	ctxNone     ctxClass = iota
	ctxID                // 身份证号码: an ID number even with a wrong check digit
	ctxCard              // 卡号, 账号: a card even without a card-like prefix
	ctxPhone             // 电话: a landline even without a separator
	ctxCompany           // 统一社会信用代码: an organisation's number, not a person's
	ctxNumbered          // 编号, 专利号, 保函: the number of a document or thing
)

var ctxWords = []struct {
	w string
	c ctxClass
}{
	{"身份证", ctxID}, {"身份证号", ctxID}, {"身份号码", ctxID}, {"公民身份", ctxID}, {"证件号", ctxID},
	{"卡号", ctxCard}, {"银行卡", ctxCard}, {"信用卡", ctxCard}, {"借记卡", ctxCard}, {"储蓄卡", ctxCard},
	{"账号", ctxCard}, {"帐号", ctxCard}, {"账户", ctxCard}, {"帐户", ctxCard}, {"存折", ctxCard}, {"开户", ctxCard},
	{"电话", ctxPhone}, {"手机", ctxPhone}, {"联系方式", ctxPhone}, {"传真", ctxPhone}, {"座机", ctxPhone},
	{"热线", ctxPhone}, {"Tel", ctxPhone}, {"TEL", ctxPhone}, {"tel", ctxPhone},
	{"信用代码", ctxCompany}, {"机构代码", ctxCompany}, {"注册号", ctxCompany}, {"营业执照", ctxCompany},
	{"编号", ctxNumbered}, {"证号", ctxNumbered}, {"证书号", ctxNumbered}, {"专利", ctxNumbered},
	{"申请号", ctxNumbered}, {"文号", ctxNumbered}, {"合同号", ctxNumbered}, {"单号", ctxNumbered},
	{"流水号", ctxNumbered}, {"保函", ctxNumbered}, {"发票", ctxNumbered}, {"票号", ctxNumbered},
	{"ISBN", ctxNumbered}, {"ISSN", ctxNumbered}, {"批号", ctxNumbered}, {"型号", ctxNumbered},
	{"序列号", ctxNumbered}, {"案号", ctxNumbered}, {"登记号", ctxNumbered}, {"代码", ctxNumbered},
	{"识别号", ctxNumbered}, {"税号", ctxNumbered}, {"邮编", ctxNumbered}, {"邮政编码", ctxNumbered},
	{"条码", ctxNumbered}, {"条形码", ctxNumbered}, {"串号", ctxNumbered}, {"IMEI", ctxNumbered},
	{"MEID", ctxNumbered}, {"识别码", ctxNumbered},
}

// ctxWindow is how many runes before a number are searched for a keyword.
const ctxWindow = 20

// numberContext classifies the number starting at byte i of s by the keyword
// nearest before it in the same sentence; at equal distance the longer
// keyword wins (身份证号 over 证号).
func numberContext(s string, i int) ctxClass {
	lo := i
	for k := 0; k < ctxWindow && lo > 0; k++ {
		r, size := runeBefore(s, lo)
		if strings.ContainsRune("。；;！？!?\n", r) {
			break
		}
		lo -= size
	}
	w := s[lo:i]
	best, bestEnd, bestLen := ctxNone, -1, 0
	for _, kw := range ctxWords {
		j := strings.LastIndex(w, kw.w)
		if j < 0 {
			continue
		}
		if end := j + len(kw.w); end > bestEnd || end == bestEnd && len(kw.w) > bestLen {
			best, bestEnd, bestLen = kw.c, end, len(kw.w)
		}
	}
	return best
}

// joined reports whether the run s[a:b] continues a decimal or grouped
// number (3.14, 1,234,567) on either side.
func joined(s string, a, b int) bool {
	if a >= 2 && (s[a-1] == '.' || s[a-1] == ',') && isDigit(s[a-2]) {
		return true
	}
	return b+1 < len(s) && (s[b] == '.' || s[b] == ',') && isDigit(s[b+1])
}

// separated reports whether the number s[a:b] written with separators
// continues with another group of digits on either side (1 138 1234 5678).
func separated(s string, a, b int) bool {
	if a > 0 && isAlnum(s[a-1]) || b < len(s) && isAlnum(s[b]) {
		return true
	}
	if a >= 2 && (s[a-1] == ' ' || s[a-1] == '-') && isDigit(s[a-2]) {
		return true
	}
	return b+1 < len(s) && (s[b] == ' ' || s[b] == '-') && isDigit(s[b+1])
}

var moneyAfter = []string{"元", "万", "亿", "美元", "港元", "欧元", "日元", "英镑", "块", "%", "％", "‰"}
var moneyBefore = []string{"¥", "￥", "$", "RMB", "人民币"}

// money reports whether the number s[a:b] is an amount (123456789元, ￥…) or
// a percentage.
func money(s string, a, b int) bool {
	after := strings.TrimLeft(s[b:], " ")
	for _, m := range moneyAfter {
		if strings.HasPrefix(after, m) {
			return true
		}
	}
	before := strings.TrimRight(s[:a], " ")
	for _, m := range moneyBefore {
		if strings.HasSuffix(before, m) {
			return true
		}
	}
	return false
}

// numbered reports whether the number ending at b is followed by 号 (with an
// optional -N), as the number of a document, guarantee or lot is
// (34147020000289号保函, 第201104767号).
func numbered(s string, b int) bool {
	if b+1 < len(s) && s[b] == '-' && isDigit(s[b+1]) {
		b++
		for b < len(s) && isDigit(s[b]) {
			b++
		}
	}
	return strings.HasPrefix(s[b:], "号") && !strings.HasPrefix(s[b:], "号码")
}

// scanNumbers finds ID numbers, mobile and landline numbers and bank cards.
func scanNumbers(n norm, cs []candidate) []candidate {
	s := n.s
	add := func(c candidate) {
		c.start, c.end = n.orig(c.start), n.orig(c.end)
		cs = append(cs, c)
	}
	for i := 0; i < len(s); {
		for i < len(s) && !alnum[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		j := i
		for j < len(s) && isAlnum(s[j]) {
			j++
		}
		a := i
		if w := phoneWord(s[i:j]); w != "" {
			a += len(w) // Tel13812345678: the word is context, not part of the number
		}
		if c, ok := classifyRun(s, a, j); ok {
			add(c)
		}
		i = j
	}
	// Numbers in groups are looked for only where the text has enough
	// digits in a row of the characters they are written with: the regular
	// expression is slow on long stretches of prose.
	for a := 0; a < len(s); {
		// Most of a text is prose: skip to where a group may start.
		for a < len(s) && !groupByte[s[a]] && s[a] != "转"[0] {
			a++
		}
		if a == len(s) {
			break
		}
		b, digits := a, 0
		for b < len(s) {
			if groupByte[s[b]] {
				if isDigit(s[b]) {
					digits++
				}
				b++
			} else if s[b] == "转"[0] && strings.HasPrefix(s[b:], "转") {
				b += len("转")
			} else {
				break
			}
		}
		if digits >= 7 && !isoDate(s[a:b]) {
			for _, m := range groupedRe.FindAllStringSubmatchIndex(s[a:b], -1) {
				for k := range m {
					if m[k] >= 0 {
						m[k] += a
					}
				}
				if c, ok := classifyGrouped(s, m); ok {
					add(c)
				}
			}
		}
		a = max(b, a+1)
	}
	return cs
}

// isoDate reports whether s is a date written 2006-01-02, with spaces
// around it at most: the dates of every front matter, which are no number
// the guard looks for, need not go through groupedRe.
func isoDate(s string) bool {
	s = strings.Trim(s, " ")
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := range len(s) {
		if i != 4 && i != 7 && !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// groupByte marks the bytes a number in groups is written with.
var groupByte = func() (t [256]bool) {
	for _, c := range []byte("0123456789Xx +-()") {
		t[c] = true
	}
	return t
}()

// phoneWords are written right before a number without a space.
var phoneWords = []string{"Tel", "TEL", "tel", "Fax", "FAX", "fax", "Mobile", "mobile", "Phone", "phone"}

// phoneWord returns the phone word run starts with, if digits follow it.
func phoneWord(run string) string {
	for _, w := range phoneWords {
		if len(run) > len(w) && strings.HasPrefix(run, w) && isDigit(run[len(w)]) {
			return w
		}
	}
	return ""
}

// classifyRun classifies a maximal run of ASCII letters and digits s[a:b]
// (less a phone word before it).
func classifyRun(s string, a, b int) (candidate, bool) {
	run := s[a:b]
	L := len(run)
	if L < 10 || L > 19 || joined(s, a, b) {
		return candidate{}, false
	}
	ctx := numberContext(s, a)
	if L == 18 && ctx != ctxCompany && (ValidID18(run) || ctx == ctxID && idShape(run)) {
		return candidate{kind: KindID, start: a, end: b, keepFirst: 4, keepLast: 4}, true
	}
	if !allDigits(run) {
		return candidate{}, false
	}
	if L == 15 && ctx != ctxCompany && ctx != ctxNumbered && ValidID15(run) {
		return candidate{kind: KindID, start: a, end: b, keepFirst: 4, keepLast: 4}, true
	}
	if money(s, a, b) || numbered(s, b) || ctx == ctxCompany || ctx == ctxNumbered {
		return candidate{}, false
	}
	if mobile(run) {
		return candidate{kind: KindMobile, start: a, end: b, keepFirst: 3, keepLast: 4}, true
	}
	if run[0] == '0' && ctx == ctxPhone {
		if area, ok := landline(run); ok {
			return candidate{kind: KindLandline, start: a, end: b, keepFirst: area, keepLast: 2}, true
		}
	}
	if isCard(run, ctx) {
		return candidate{kind: KindCard, start: a, end: b, keepFirst: 4, keepLast: 4}, true
	}
	return candidate{}, false
}

// isCard: 13–19 digits passing Luhn, starting like a bank card (3, 4, 5, 6
// or 9) unless the words before say it is one, and not an ISBN or an
// organisation's credit code.
func isCard(d string, ctx ctxClass) bool {
	if len(d) < 13 || len(d) > 19 || !Luhn(d) || isISBN13(d) {
		return false
	}
	if ctx == ctxCard {
		return true
	}
	return strings.IndexByte("34569", d[0]) >= 0 && !validUSCC(d)
}

// groupedRe matches numbers written in groups; each alternative is one
// submatch, in the order of the kinds below.
var groupedRe = regexp.MustCompile(
	// 1: ID number as 6-8-4
	`(\d{6}[ -]\d{8}[ -]\d{3}[\dXx])` +
		// 2: mobile with separators or a country code
		`|((?:(?:\+86|0086|\(\+?86\))[- ]?)?1[3-9]\d(?:-\d{4}-\d{4}| \d{4} \d{4})|(?:\+86|0086|\(\+?86\))[- ]?1[3-9]\d{9})` +
		// 3: card in groups of four
		`|(\d{4}(?: \d{4}){2,3}(?: \d{1,4})?|\d{4}(?:-\d{4}){2,3}(?:-\d{1,4})?)` +
		// 4: landline: (area)local, area-local, area local, with an optional extension
		`|((?:\(0\d{2,3}\)[- ]?|0\d{2,3}[- ])[2-9]\d{6,7}(?:(?:-|转)\d{1,5})?)`)

func classifyGrouped(s string, m []int) (candidate, bool) {
	a, b := m[0], m[1]
	if m[8] >= 0 {
		// A landline may stand in a list separated by spaces
		// (0394-8123456 13812345678); only letters, digits or a dash
		// joined to it make it part of something longer.
		if a > 0 && isAlnum(s[a-1]) || b < len(s) && isAlnum(s[b]) || b+1 < len(s) && s[b] == '-' && isDigit(s[b+1]) {
			return candidate{}, false
		}
	} else if separated(s, a, b) {
		return candidate{}, false
	}
	if joined(s, a, b) {
		return candidate{}, false
	}
	d := digitsOf(s[a:b])
	ctx := numberContext(s, a)
	if m[2] >= 0 {
		id := strings.NewReplacer(" ", "", "-", "").Replace(s[a:b]) // keeps the X
		if ctx != ctxCompany && (ValidID18(id) || ctx == ctxID && idShape(id)) {
			return candidate{kind: KindID, start: a, end: b, keepFirst: 4, keepLast: 4}, true
		}
		return candidate{}, false
	}
	if money(s, a, b) || numbered(s, b) || ctx == ctxCompany || ctx == ctxNumbered {
		return candidate{}, false
	}
	switch {
	case m[4] >= 0:
		return candidate{kind: KindMobile, start: a, end: b, keepFirst: len(d) - 8, keepLast: 4}, true
	case m[6] >= 0:
		if ValidID18(d) {
			return candidate{kind: KindID, start: a, end: b, keepFirst: 4, keepLast: 4}, true
		}
		if isCard(d, ctx) {
			return candidate{kind: KindCard, start: a, end: b, keepFirst: 4, keepLast: 4}, true
		}
	case m[8] >= 0:
		g := strings.TrimPrefix(s[a:b], "(")
		k := strings.IndexAny(g, ")- ")
		area, local := g[:k], strings.TrimLeft(g[k:], ")- ")
		if e := strings.IndexAny(local, "-转"); e >= 0 {
			local = local[:e]
		}
		if areaCode(area) && (len(area) == 4 || len(local) == 8) {
			return candidate{kind: KindLandline, start: a, end: b, keepFirst: len(area), keepLast: 2}, true
		}
	}
	return candidate{}, false
}

// digitsOf returns the ASCII digits of s.
func digitsOf(s string) string {
	var b strings.Builder
	for i := range len(s) {
		if isDigit(s[i]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
