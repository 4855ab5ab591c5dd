package numeral

import "testing"

func TestFormat(t *testing.T) {
	cases := map[int]string{
		1: "一", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 100: "一百", 101: "一百零一",
		110: "一百一十", 123: "一百二十三", 1000: "一千", 1005: "一千零五", 1010: "一千零一十",
		1100: "一千一百", 2024: "二千零二十四", 9999: "九千九百九十九", 305: "三百零五",
	}
	for n, want := range cases {
		if got := Format(n); got != want {
			t.Errorf("Format(%d) = %q, want %q", n, got, want)
		}
		got, err := Parse(want)
		if err != nil || got != n {
			t.Errorf("Parse(%q) = %d, %v; want %d", want, got, err, n)
		}
	}
	for _, n := range []int{0, -1, 10000} {
		if Format(n) != "" {
			t.Errorf("Format(%d) should be empty", n)
		}
	}
}

func TestParseVariants(t *testing.T) {
	ok := map[string]int{"一十二": 12, "两百": 200, "一千〇五": 1005, "12": 12, "１２": 12}
	for s, want := range ok {
		if got, err := Parse(s); err != nil || got != want {
			t.Errorf("Parse(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "零", "十十", "百", "一二", "一百二", "一百零十", "一千五十", "一零", "条", "一万", "十百", "12a", "0", "10000"} {
		if got, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) = %d, want error", s, got)
		}
	}
}

func TestRoundTripAll(t *testing.T) {
	for n := 1; n <= Max; n++ {
		s := Format(n)
		got, err := Parse(s)
		if err != nil || got != n {
			t.Fatalf("round trip %d -> %q -> %d, %v", n, s, got, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"一百二十三", "十", "一千零五", "两百", "〇", "十十", "９"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			return
		}
		if n < 1 || n > Max {
			t.Fatalf("Parse(%q) = %d out of range", s, n)
		}
		back, err := Parse(Format(n))
		if err != nil || back != n {
			t.Fatalf("Parse(Format(%d)) = %d, %v", n, back, err)
		}
	})
}

func FuzzFormat(f *testing.F) {
	f.Add(1)
	f.Add(9999)
	f.Fuzz(func(t *testing.T, n int) {
		s := Format(n)
		if n < 1 || n > Max {
			if s != "" {
				t.Fatalf("Format(%d) = %q, want empty", n, s)
			}
			return
		}
		got, err := Parse(s)
		if err != nil || got != n {
			t.Fatalf("Parse(Format(%d)=%q) = %d, %v", n, s, got, err)
		}
	})
}
