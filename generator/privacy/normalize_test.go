package privacy

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// naiveNormalize folds rune by rune and records the original offset of
// every byte: the obvious implementation, which normalize must agree with.
func naiveNormalize(text string) (string, []int) {
	var b []byte
	var off []int
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if a, ok := halfWidth(r); ok {
			b = append(b, a)
			off = append(off, i)
		} else {
			for k := range size {
				b = append(b, text[i+k])
				off = append(off, i+k)
			}
		}
		i += size
	}
	return string(b), append(off, len(text))
}

func TestNormalizeOffsets(t *testing.T) {
	parts := []string{"电话", "１３８", "1234", "（", "）", "—", "－", "‐", "Ａｂ", "．", "号", "\xef", "\xe2\x80", "−", "。", " ", "ｚ"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		text := b.String()
		want, off := naiveNormalize(text)
		n := normalize(text)
		if n.s != want {
			t.Fatalf("normalize(%q) = %q, want %q", text, n.s, want)
		}
		for i := 0; i <= len(n.s); i++ {
			if got := n.orig(i); got != off[i] {
				t.Fatalf("normalize(%q).orig(%d) = %d, want %d", text, i, got, off[i])
			}
		}
	}
}

func TestISODate(t *testing.T) {
	for s, want := range map[string]bool{
		"2020-01-11": true, " 2020-01-11": true, "2020-01-11  ": true,
		"2020-01-111": false, "0394-12-3456": false, "2020/01/11": false, "20200111": false, "2020-0a-11": false,
	} {
		if got := isoDate(s); got != want {
			t.Errorf("isoDate(%q) = %v, want %v", s, got, want)
		}
	}
	// A phone number written next to a date is still found.
	g := New(nil)
	if fs := g.Scan("2020-01-11 13812345678"); len(fs) != 1 {
		t.Errorf("found %v, want the mobile number", fs)
	}
}
