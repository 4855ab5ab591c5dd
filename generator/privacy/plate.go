package privacy

import (
	"regexp"
	"strings"
)

// provinces are the abbreviations a 机动车号牌 starts with.
const provinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

// plateSuffixes end a plate with a 4-character serial: trailer, learner,
// police, Hong Kong and Macao, consular, test and oversize.
const plateSuffixes = "挂学警港澳领试超"

var newEnergy = regexp.MustCompile(`^(?:[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF])$`)

// scanPlates finds plates: province abbreviation, the letter of the issuing
// city, an optional separator (· • ・ . - or a space) and the serial of 5
// characters, 6 for new-energy plates, or 4 and a suffix such as 挂.
func scanPlates(n norm, cs []candidate) []candidate {
	s := n.s
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			continue
		}
		r, size := runeBefore(s, i)
		if !strings.ContainsRune(provinces, r) {
			continue
		}
		j := i + 1
		if j < len(s) && strings.IndexByte(".- ", s[j]) >= 0 {
			j++
		} else if r, size := runeAt(s, j); r == '·' || r == '•' || r == '・' {
			j += size
		}
		k := j
		for k < len(s) && isAlnum(s[k]) {
			k++
		}
		end := k
		suffix := false
		if r, size := runeAt(s, k); strings.ContainsRune(plateSuffixes, r) {
			end, suffix = k+size, true
		}
		if !plateSerial(s[j:k], suffix) {
			continue
		}
		cs = append(cs, candidate{kind: KindPlate, start: n.orig(i - size), end: n.orig(end), keepFirst: 1, keepLast: 2})
		i = end - 1
	}
	return cs
}

// plateSerial checks the serial: no I or O, and at most two letters in an
// ordinary serial, which also keeps out codes that only look like plates and
// serials already masked in the source (苏A9XXXX).
func plateSerial(serial string, suffix bool) bool {
	if strings.ContainsAny(serial, "IOabcdefghijklmnopqrstuvwxyz") {
		return false
	}
	digits := len(digitsOf(serial))
	switch len(serial) {
	case 4:
		return suffix && digits >= 3
	case 5:
		return !suffix && digits >= 3
	case 6:
		return !suffix && newEnergy.MatchString(serial)
	}
	return false
}
