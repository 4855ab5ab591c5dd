package privacy

import (
	"strings"
	"unicode/utf8"
)

// mask returns m with its identifying part starred out, for build messages.
func mask(c candidate, m string) string {
	switch c.kind {
	case KindName:
		r, size := utf8.DecodeRuneInString(m)
		return string(r) + strings.Repeat("*", utf8.RuneCountInString(m[size:]))
	case KindPlate:
		return maskChars(m, isSerialRune, c.keepFirst, c.keepLast)
	case KindAddress:
		return maskAddress(m)
	}
	return maskChars(m, isNumberRune, c.keepFirst, c.keepLast)
}

// maskChars stars the runes for which counted is true, except the first
// keepFirst and the last keepLast of them.
func maskChars(m string, counted func(rune) bool, keepFirst, keepLast int) string {
	total := 0
	for _, r := range m {
		if counted(r) {
			total++
		}
	}
	if keepFirst+keepLast >= total {
		keepFirst, keepLast = 0, 0 // too short to show anything
	}
	var b strings.Builder
	k := 0
	for _, r := range m {
		if counted(r) {
			if k >= keepFirst && k < total-keepLast {
				r = '*'
			}
			k++
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isNumberRune counts the digits of a number and the X of an ID number.
func isNumberRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == 'X' || r == 'x'
}

func isSerialRune(r rune) bool {
	if r >= 'Ａ' && r <= 'Ｚ' || r >= '０' && r <= '９' {
		return true
	}
	return r < 0x80 && isAlnum(byte(r))
}

// addressKeep are the characters an address keeps when masked: its
// structure, without the names and numbers.
const addressKeep = "村组队号路街巷弄胡同大道公室单元楼栋幢座层户院门房-"

func maskAddress(m string) string {
	var b strings.Builder
	for _, r := range m {
		if strings.ContainsRune(addressKeep, r) {
			b.WriteRune(r)
		} else {
			b.WriteRune('*')
		}
	}
	return b.String()
}
