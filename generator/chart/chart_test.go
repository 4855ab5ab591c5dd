package chart

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestNiceTicksExamples(t *testing.T) {
	cases := []struct {
		min, max float64
		n        int
		want     string
	}{
		{0, 12, 7, "0 2 4 6 8 10 12"},
		{0, 12, 6, "0 5 10 15"},
		{0, 28, 7, "0 5 10 15 20 25 30"},
		{0, 1, 6, "0 0.2 0.4 0.6 0.8 1"},
		{0, 0, 6, "0 0.2 0.4 0.6 0.8 1"},
		{6, 6, 7, "0 1 2 3 4 5 6"},
		{-3, 7, 6, "-5 0 5 10"},
		{0.1, 0.3, 3, "0.1 0.2 0.3"},
		{0.12, 0.19, 8, "0.12 0.13 0.14 0.15 0.16 0.17 0.18 0.19"},
		{12, 0, 7, "0 2 4 6 8 10 12"},
		{0, 1e6, 6, "0 200000 400000 600000 800000 1000000"},
		{-7, -7, 4, "-10 -5 0"},
		{-77, 17, 1, "-100 0 100"},
	}
	for _, c := range cases {
		var parts []string
		for _, v := range NiceTicks(c.min, c.max, c.n) {
			parts = append(parts, strconv.FormatFloat(v, 'f', -1, 64))
		}
		if got := strings.Join(parts, " "); got != c.want {
			t.Errorf("NiceTicks(%v, %v, %d) = %s, want %s", c.min, c.max, c.n, got, c.want)
		}
	}
	if got := NiceTicks(math.NaN(), 1, 5); got != nil {
		t.Errorf("NiceTicks(NaN) = %v, want nil", got)
	}
	if got := NiceTicks(0, math.Inf(1), 5); got != nil {
		t.Errorf("NiceTicks(0, +Inf) = %v, want nil", got)
	}
	if got := niceTicks(0, 3, 8, true); len(got) != 4 || got[1] != 1 {
		t.Errorf("integer ticks for 0..3 = %v, want 0 1 2 3", got)
	}
	if got := niceTicks(0, 0, 6, true); len(got) != 2 || got[1] != 1 {
		t.Errorf("integer ticks for 0..0 = %v, want 0 1", got)
	}
}

// checkNice reports what is wrong with ticks for the range [lo, hi].
func checkNice(ticks []float64, lo, hi float64, maxTicks int) string {
	if len(ticks) < 2 {
		return "fewer than 2 ticks"
	}
	limit := max(maxTicks, 2)
	if lo < 0 && hi > 0 {
		limit = max(limit, 3)
	}
	if len(ticks) > limit {
		return "more than maxTicks ticks"
	}
	if ticks[0] > lo || ticks[len(ticks)-1] < hi {
		return "ticks do not cover the range"
	}
	step := ticks[1] - ticks[0]
	for i := 1; i < len(ticks); i++ {
		d := ticks[i] - ticks[i-1]
		if d <= 0 {
			return "not strictly increasing"
		}
		if math.Abs(d-step) > step*1e-9 {
			return "uneven steps"
		}
		if k := ticks[i] / step; math.Abs(k-math.Round(k)) > 1e-6 {
			return "tick is not a multiple of the step"
		}
	}
	e := math.Floor(math.Log10(step) + 1e-12)
	m := step / math.Pow(10, e)
	for _, nice := range []float64{1, 2, 5} {
		if math.Abs(m-nice) < 1e-9 {
			return ""
		}
	}
	return "step " + strconv.FormatFloat(step, 'g', -1, 64) + " is not 1, 2 or 5 × 10^k"
}

func TestNiceTicksProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		scale := math.Pow(10, float64(r.IntN(12)-6))
		a, b := (r.Float64()*2-1)*scale, (r.Float64()*2-1)*scale
		if r.IntN(4) == 0 {
			a = 0
		}
		if r.IntN(10) == 0 {
			b = a
		}
		n := r.IntN(10) + 1
		ticks := NiceTicks(a, b, n)
		lo, hi := math.Min(a, b), math.Max(a, b)
		if msg := checkNice(ticks, lo, hi, n); msg != "" {
			t.Fatalf("NiceTicks(%v, %v, %d) = %v: %s", a, b, n, ticks, msg)
		}
	}
}

func TestErrors(t *testing.T) {
	ok := Chart{Title: "t", Labels: []string{"a", "b"}, Series: []Series{{Values: []float64{1, 2}}}}
	if _, err := ok.SVG(); err != nil {
		t.Fatalf("valid chart: %v", err)
	}
	mod := func(f func(*Chart)) Chart {
		c := ok
		c.Series = []Series{{Values: []float64{1, 2}}}
		f(&c)
		return c
	}
	cases := map[string]Chart{
		"no title":          mod(func(c *Chart) { c.Title = " " }),
		"no labels":         mod(func(c *Chart) { c.Labels = nil; c.Series[0].Values = nil }),
		"no series":         mod(func(c *Chart) { c.Series = nil }),
		"length mismatch":   mod(func(c *Chart) { c.Series[0].Values = []float64{1} }),
		"NaN":               mod(func(c *Chart) { c.Series[0].Values[1] = math.NaN() }),
		"Inf":               mod(func(c *Chart) { c.Series[0].Values[1] = math.Inf(1) }),
		"negative bar":      mod(func(c *Chart) { c.Series[0].Values[1] = -1 }),
		"negative grouped":  mod(func(c *Chart) { c.Kind = KindGrouped; c.Series[0].Values[1] = -1 }),
		"unknown kind":      mod(func(c *Chart) { c.Kind = "pie" }),
		"bar with 2 series": mod(func(c *Chart) { c.Series = append(c.Series, Series{Values: []float64{1, 2}}) }),
		"bad format":        mod(func(c *Chart) { c.Series[0].Format = "%d件" }),
		"format no verb":    mod(func(c *Chart) { c.Series[0].Format = "件" }),
		"NaN threshold":     mod(func(c *Chart) { c.Threshold = ptr(math.NaN()) }),
		"negative width":    mod(func(c *Chart) { c.Width = -1 }),
		"too many series": mod(func(c *Chart) {
			c.Kind = KindLine
			for range MaxSeries {
				c.Series = append(c.Series, Series{Values: []float64{1, 2}})
			}
		}),
	}
	for name, c := range cases {
		if _, err := c.SVG(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// Negative values are fine in a line chart.
	line := mod(func(c *Chart) { c.Kind = KindLine; c.Series[0].Values[0] = -3.5 })
	if _, err := line.SVG(); err != nil {
		t.Errorf("negative line value: %v", err)
	}
}

func TestEscaping(t *testing.T) {
	c := Chart{
		Kind:           KindGrouped,
		Title:          `<script>alert("x")</script> & 'co'`,
		Labels:         []string{"A&B", "<i>", "\"q\"", "ctl\x01\x7f", "bad\xffutf8"},
		Series:         []Series{{Name: "a<b", Values: []float64{1, 2, 3, 4, 5}, Format: "%.0f<件>"}, {Name: "c&d", Values: []float64{5, 4, 3, 2, 1}}},
		YLabel:         "</text>",
		Threshold:      ptr(2),
		ThresholdLabel: "]]> & <",
	}
	svg, err := c.SVG()
	if err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, svg)
	for _, bad := range []string{"<script", "<i>", "A&B", "]]>", "\x01", "\xff"} {
		if strings.Contains(svg, bad) {
			t.Errorf("output contains unescaped %q", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;co&#39;</title>",
		"<title>A&amp;B a&lt;b：1&lt;件&gt;</title>",
		">&lt;/text&gt;</text>",
		">]]&gt; &amp; &lt;</text>",
		">ctl \x7f</text>", // control characters become spaces; DEL is legal XML
		">bad\ufffdutf8</text>",
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("output lacks %q:\n%s", want, svg)
		}
	}
}

func TestDeterministicAndIDs(t *testing.T) {
	cases := goldenCases()
	a, _ := cases[0].c.SVG()
	b, _ := cases[0].c.SVG()
	if a != b {
		t.Fatal("two renderings of the same chart differ")
	}
	seen := map[string]string{}
	for _, tc := range cases {
		id := tc.c.id()
		if other, dup := seen[id]; dup {
			t.Errorf("%s and %s share id %s", tc.name, other, id)
		}
		seen[id] = tc.name
	}
}

// relLuminance is the WCAG relative luminance of a #rrggbb colour.
func relLuminance(hex string) float64 {
	v, _ := strconv.ParseUint(hex[1:], 16, 32)
	lin := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(v>>16&0xff) + 0.7152*lin(v>>8&0xff) + 0.0722*lin(v&0xff)
}

func contrastOnWhite(hex string) float64 {
	return 1.05 / (relLuminance(hex) + 0.05)
}

func TestPaletteContrast(t *testing.T) {
	for _, c := range append(palette[:], colorThreshold) {
		if r := contrastOnWhite(c); r < 3 {
			t.Errorf("graphics colour %s has contrast %.2f:1 against white, want ≥ 3:1", c, r)
		}
	}
	for _, c := range []string{colorText, colorMuted, colorThreshold} {
		if r := contrastOnWhite(c); r < 4.5 {
			t.Errorf("text colour %s has contrast %.2f:1 against white, want ≥ 4.5:1", c, r)
		}
	}
	if len(dashes) != len(palette) {
		t.Errorf("%d dash styles for %d colours", len(dashes), len(palette))
	}
	// Every series has a distinct second channel.
	marks := map[string]bool{}
	pats := map[string]bool{}
	for i := range palette {
		marks[markerPath(i, 0, 0)] = true
		pats[strings.ReplaceAll(patternDef("p", i), palette[i], "")] = true
	}
	if len(marks) != len(palette) || len(pats) != len(palette) {
		t.Errorf("markers or patterns are not all different: %d markers, %d patterns", len(marks), len(pats))
	}
}

func TestTextWidthAndWrap(t *testing.T) {
	widths := map[string]float64{"川汇区": 3, "2023-03": 4.2, "周口经济技术开发区": 9, "Q1 季度": 3.8, "（一）": 3}
	for s, want := range widths {
		if got := textWidth(s); math.Abs(got-want) > 1e-9 {
			t.Errorf("textWidth(%q) = %v, want %v", s, got, want)
		}
	}
	wraps := []struct{ in, a, b string }{
		{"周口经济技术开发区", "周口经济技", "术开发区"},
		{"2023-03", "2023-", "03"},
		{"Zone A (test)", "Zone A", "(test)"},
		{"项城市（县级市）", "项城市", "（县级市）"},
		{"12月", "12", "月"},
	}
	for _, w := range wraps {
		a, b, ok := wrapTwo(w.in)
		if !ok || a != w.a || b != w.b {
			t.Errorf("wrapTwo(%q) = %q, %q, %v; want %q, %q", w.in, a, b, ok, w.a, w.b)
		}
	}
	for _, s := range []string{"2023", "A", "川"} {
		if _, _, ok := wrapTwo(s); ok {
			t.Errorf("wrapTwo(%q) found a break", s)
		}
	}
}
