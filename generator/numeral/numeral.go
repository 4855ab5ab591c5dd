// Package numeral converts between Arabic numbers and the Chinese numerals used
// to number chapters, articles and items in legal texts (第一百二十三条).
package numeral

import (
	"fmt"
	"strings"
)

// Max is the largest number Format writes and Parse reads.
const Max = 9999

var digits = []rune("零一二三四五六七八九")

var digitValue = map[rune]int{
	'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

var unitValue = map[rune]int{'十': 10, '百': 100, '千': 1000}

// Format writes n (1..Max) in the canonical form of Chinese legal texts:
// 十, 十二, 二十, 一百一十, 一千零五. It returns "" for n out of range.
func Format(n int) string {
	if n <= 0 || n > Max {
		return ""
	}
	if n < 20 && n >= 10 {
		if n == 10 {
			return "十"
		}
		return "十" + string(digits[n-10])
	}
	var b strings.Builder
	units := []struct {
		v int
		r rune
	}{{1000, '千'}, {100, '百'}, {10, '十'}, {1, 0}}
	zero := false
	started := false
	for _, u := range units {
		d := n / u.v % 10
		if d == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteRune('零')
			zero = false
		}
		b.WriteRune(digits[d])
		if u.r != 0 {
			b.WriteRune(u.r)
		}
		started = true
	}
	return b.String()
}

// Parse reads a Chinese numeral up to Max. It accepts the canonical form and
// the common variants (一十二, 两百, 〇), and Arabic digits (full or half width).
func Parse(s string) (int, error) {
	if s == "" {
		return 0, fmt.Errorf("empty numeral")
	}
	if n, ok := parseArabic(s); ok {
		if n <= 0 || n > Max {
			return 0, fmt.Errorf("numeral %q out of range 1..%d", s, Max)
		}
		return n, nil
	}
	total, digit := 0, -1
	lastUnit := 10000
	zero := false // a 零 was read since the last unit
	place := func(u int) error {
		// Without 零 the next place is the unit right below the last one
		// (一百二十); with 零 at least one place is skipped (一百零五).
		if lastUnit == 10000 {
			if zero {
				return fmt.Errorf("malformed numeral %q: leading zero", s)
			}
			return nil
		}
		if zero && u*10 >= lastUnit {
			return fmt.Errorf("malformed numeral %q: zero skips no place", s)
		}
		if !zero && u*10 != lastUnit {
			return fmt.Errorf("malformed numeral %q: missing zero", s)
		}
		return nil
	}
	for _, r := range s {
		if v, ok := digitValue[r]; ok {
			if digit >= 0 {
				return 0, fmt.Errorf("malformed numeral %q: two digits in a row", s)
			}
			if v == 0 {
				if zero {
					return 0, fmt.Errorf("malformed numeral %q: two zeros in a row", s)
				}
				zero = true
				continue
			}
			digit = v
			continue
		}
		u, ok := unitValue[r]
		if !ok {
			return 0, fmt.Errorf("malformed numeral %q: unexpected %q", s, r)
		}
		if u >= lastUnit {
			return 0, fmt.Errorf("malformed numeral %q: units out of order", s)
		}
		if digit < 0 {
			if u != 10 || total != 0 || zero {
				return 0, fmt.Errorf("malformed numeral %q: unit without digit", s)
			}
			digit = 1
		}
		if err := place(u); err != nil {
			return 0, err
		}
		total += digit * u
		digit = -1
		lastUnit = u
		zero = false
	}
	if digit > 0 {
		if err := place(1); err != nil {
			if lastUnit < 10000 && !zero {
				return 0, fmt.Errorf("malformed numeral %q: missing unit after last digit", s)
			}
			return 0, err
		}
		total += digit
	} else if zero {
		return 0, fmt.Errorf("malformed numeral %q: trailing zero", s)
	}
	if total <= 0 || total > Max {
		return 0, fmt.Errorf("numeral %q out of range 1..%d", s, Max)
	}
	return total, nil
}

func parseArabic(s string) (int, bool) {
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '０' && r <= '９':
			n = n*10 + int(r-'０')
		default:
			return 0, false
		}
		if n > 1e6 {
			return n, true
		}
	}
	return n, true
}
