package chart

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// checkLayout checks the geometric properties every chart must have and
// returns the problems found.
func checkLayout(l *layout) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	const eps = 1e-6

	if l.Left >= l.Right || l.Top >= l.Bottom {
		bad("empty plot area %v,%v–%v,%v", l.Left, l.Top, l.Right, l.Bottom)
	}
	lo, hi := 0.0, 0.0
	for _, s := range l.c.Series {
		for _, v := range s.Values {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if msg := checkNice(l.Ticks, lo, hi, 8); msg != "" {
		bad("ticks %v: %s", l.Ticks, msg)
	}

	// Every bar lies inside the plot and inside its band, and its top is at
	// its value.
	for _, b := range l.Bars {
		if b.X < l.Left-eps || b.X+b.W > l.Right+eps || b.Y < l.Top-eps || b.Y+b.H > l.Bottom+eps || b.W <= 0 || b.H < 0 {
			bad("bar %d/%d at %v,%v %vx%v is outside the plot %v,%v–%v,%v", b.Series, b.Index, b.X, b.Y, b.W, b.H, l.Left, l.Top, l.Right, l.Bottom)
		}
		if b.X < l.Left+float64(b.Index)*l.Band-eps || b.X+b.W > l.Left+float64(b.Index+1)*l.Band+eps {
			bad("bar %d/%d leaves its band", b.Series, b.Index)
		}
		if v := l.c.Series[b.Series].Values[b.Index]; math.Abs(b.Y-l.yOf(v)) > eps || math.Abs(b.Y+b.H-l.yOf(0)) > eps {
			bad("bar %d/%d does not span 0..%v", b.Series, b.Index, v)
		}
	}
	for _, p := range l.Points {
		if p.X < l.Left-eps || p.X > l.Right+eps || p.Y < l.Top-eps || p.Y > l.Bottom+eps {
			bad("point %d/%d at %v,%v is outside the plot", p.Series, p.Index, p.X, p.Y)
		}
		if v := l.c.Series[p.Series].Values[p.Index]; math.Abs(p.Y-l.yOf(v)) > eps {
			bad("point %d/%d is not at its value %v", p.Series, p.Index, v)
		}
	}
	if want := len(l.c.Labels) * len(l.c.Series); len(l.Bars)+len(l.Points) != want {
		bad("%d bars and %d points for %d values", len(l.Bars), len(l.Points), want)
	}

	// Every text lies inside the viewBox and overlaps no other text.
	boxes := make([][4]point, len(l.Texts))
	for i, t := range l.Texts {
		boxes[i] = t.corners()
	}
	for i, t := range l.Texts {
		for _, p := range boxes[i] {
			if p.X < -eps || p.X > l.W+eps || p.Y < -eps || p.Y > l.H+eps {
				bad("text %q (%s) reaches outside the %vx%v viewBox at %.1f,%.1f", t.Text, t.Class, l.W, l.H, p.X, p.Y)
				break
			}
		}
		for j := i + 1; j < len(l.Texts); j++ {
			if u := l.Texts[j]; overlap(boxes[i], boxes[j]) {
				bad("text %q (%s) overlaps %q (%s)", t.Text, t.Class, u.Text, u.Class)
			}
		}
	}
	// Labels sit in the plot, tick labels left of it, x labels below it.
	for _, t := range l.Texts {
		c := t.corners()
		switch t.Class {
		case "threshold":
			if c[0].X < l.Left-eps || c[2].X > l.Right+eps || c[0].Y < l.Top-eps || c[2].Y > l.Bottom+eps {
				bad("threshold label outside the plot")
			}
		case "tick":
			if c[2].X > l.Left {
				bad("tick label %q reaches into the plot", t.Text)
			}
		case "x":
			for _, p := range c {
				if p.Y < l.Bottom+tickLen-1 {
					bad("x label %q reaches above the axis", t.Text)
					break
				}
			}
		}
	}
	return errs
}

// overlap reports whether two convex quadrilaterals overlap by more than a
// hair (separating axis theorem; touching is fine).
func overlap(a, b [4]point) bool {
	for _, poly := range [][4]point{a, b} {
		for i := range 4 {
			p, q := poly[i], poly[(i+1)%4]
			nx, ny := q.Y-p.Y, p.X-q.X
			if nx == 0 && ny == 0 {
				continue
			}
			amin, amax := project(a, nx, ny)
			bmin, bmax := project(b, nx, ny)
			d := math.Hypot(nx, ny) * 0.01
			if amax <= bmin+d || bmax <= amin+d {
				return false
			}
		}
	}
	return true
}

func project(poly [4]point, nx, ny float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range poly {
		v := p.X*nx + p.Y*ny
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return lo, hi
}

func TestOverlapHelper(t *testing.T) {
	box := func(x, y, w, h float64) [4]point { return [4]point{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}} }
	if !overlap(box(0, 0, 10, 10), box(5, 5, 10, 10)) {
		t.Error("overlapping boxes not detected")
	}
	if overlap(box(0, 0, 10, 10), box(10, 0, 10, 10)) {
		t.Error("touching boxes reported as overlapping")
	}
	r := textItem{X: 50, Y: 50, Anchor: "end", Rotate: -45, PX: 50, PY: 50, Text: "周口经济技术开发区"}
	if !overlap(r.corners(), box(0, 90, 40, 20)) { // the rotated label runs down-left
		t.Error("rotated box not detected")
	}
	if overlap(r.corners(), box(60, 0, 20, 20)) {
		t.Error("rotated box reported where it is not")
	}
}

func TestGoldenLayouts(t *testing.T) {
	for _, tc := range goldenCases() {
		l, err := tc.c.layout()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for _, e := range checkLayout(l) {
			t.Errorf("%s: %s", tc.name, e)
		}
		svg := l.render()
		if got, want := strings.Count(svg, "<title>")+1, 1+len(l.Bars)+len(l.Points); got != want {
			t.Errorf("%s: %d <title> elements, want one per bar or point plus the chart's", tc.name, got)
		}
	}
}

// TestLabelModes pins how x labels are laid out for the golden cases.
func TestLabelModes(t *testing.T) {
	want := map[string]string{
		"bar_monthly":            modeHorizontal,
		"bar_24months":           modeRotate,
		"bar_long_labels":        modeRotate,
		"bar_long_labels_narrow": modeRotate,
		"bar_wrap":               modeWrap,
		"grouped_two":            modeHorizontal,
		"line_threshold":         modeHorizontal,
	}
	for _, tc := range goldenCases() {
		l, err := tc.c.layout()
		if err != nil {
			t.Fatal(err)
		}
		if w, ok := want[tc.name]; ok && l.Mode != w {
			t.Errorf("%s: x labels %s, want %s", tc.name, l.Mode, w)
		}
		if l.Mode == modeRotate {
			// The SVG grows to fit the rotated labels.
			if h := tc.c.Height; h == 0 && l.H <= DefaultHeight {
				t.Errorf("%s: rotated labels but height %v", tc.name, l.H)
			}
		}
	}
}

// TestThinning: labels too many for even rotated text are thinned out and
// still do not overlap.
func TestThinning(t *testing.T) {
	n := 72
	c := Chart{Title: "六年各月受理数", Labels: months(2018, 1, n), Width: 360}
	vals := make([]float64, n)
	for i := range vals {
		vals[i] = float64(i % 17)
	}
	c.Series = []Series{{Values: vals}}
	l, err := c.layout()
	if err != nil {
		t.Fatal(err)
	}
	if l.Mode != modeRotate || l.Step < 2 {
		t.Fatalf("mode %s step %d, want rotated and thinned", l.Mode, l.Step)
	}
	shown := 0
	for _, tx := range l.Texts {
		if tx.Class == "x" {
			shown++
		}
	}
	if shown != (n+l.Step-1)/l.Step {
		t.Errorf("%d labels shown with step %d", shown, l.Step)
	}
	for _, e := range checkLayout(l) {
		t.Error(e)
	}
}

// randomChart makes a plausible chart from r: any kind, 1..48 labels of
// several sorts, values of any scale, optional threshold, legend and size.
func randomChart(r *rand.Rand) Chart {
	kinds := []string{KindBar, KindGrouped, KindLine}
	c := Chart{Kind: kinds[r.IntN(3)], Title: "随机图表"}
	n := 1 + r.IntN(48)
	switch r.IntN(4) {
	case 0:
		c.Labels = months(2020, 1+r.IntN(12), n)
	case 1:
		for i := range n {
			c.Labels = append(c.Labels, districts[(i+r.IntN(3))%len(districts)])
		}
	case 2:
		for i := range n {
			c.Labels = append(c.Labels, fmt.Sprintf("%d月", i%12+1))
		}
	default:
		words := []string{"A", "Zone B-2", "第一季度", "Q3 2024", "行政复议（县级）", "x", "Very long ASCII label"}
		for range n {
			c.Labels = append(c.Labels, words[r.IntN(len(words))])
		}
	}
	k := 1
	if c.Kind != KindBar {
		k = 1 + r.IntN(MaxSeries)
	}
	scale := math.Pow(10, float64(r.IntN(7)-3))
	integer := r.IntN(2) == 0
	for si := range k {
		s := Series{Name: fmt.Sprintf("系列名%d", si+1)[:r.IntN(4)*3], Format: "%.1f"}
		for range n {
			v := r.Float64() * 100 * scale
			if integer {
				v = math.Round(v)
			}
			if r.IntN(8) == 0 {
				v = 0
			}
			if c.Kind == KindLine && r.IntN(6) == 0 {
				v = -v
			}
			s.Values = append(s.Values, v)
		}
		c.Series = append(c.Series, s)
	}
	if r.IntN(3) == 0 {
		c.Threshold = ptr(r.Float64() * 100 * scale)
		c.ThresholdLabel = []string{"", "阈值", "监督阈值 15%"}[r.IntN(3)]
	}
	if r.IntN(2) == 0 {
		c.YLabel = "件数（件）"
	}
	if r.IntN(2) == 0 {
		c.Width = float64(240 + r.IntN(800))
		c.Height = float64(180 + r.IntN(400))
	}
	return c
}

func TestRandomLayouts(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	modes := map[string]int{}
	for i := range 2000 {
		c := randomChart(r)
		l, err := c.layout()
		if err != nil {
			t.Fatalf("chart %d: %v\n%+v", i, err, c)
		}
		modes[l.Mode]++
		if errs := checkLayout(l); len(errs) > 0 {
			t.Fatalf("chart %d (%s, %d labels, width %v, mode %s, step %d): %s\nlabels %q", i, c.Kind, len(c.Labels), c.Width, l.Mode, l.Step, strings.Join(errs, "\n"), c.Labels)
		}
		svg := l.render()
		if strings.Count(svg, "<title>") != len(l.Bars)+len(l.Points) {
			t.Fatalf("chart %d: wrong number of <title> elements", i)
		}
	}
	for _, m := range []string{modeHorizontal, modeWrap, modeRotate} {
		if modes[m] == 0 {
			t.Errorf("no random chart used label mode %s (%v)", m, modes)
		}
	}
}
