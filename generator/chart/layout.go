package chart

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
)

// Layout metrics in user units (px at the default size).
const (
	fontSize  = 12.0
	pad       = 10.0 // outer padding
	rightPad  = 12.0 // between the plot and the right edge
	tickLen   = 4.0  // x tick marks below the axis
	labelGap  = 4.0  // between an x tick mark and its label
	tickGap   = 6.0  // between a y tick label and the plot
	ascent    = 0.88 // em above the baseline in the text box model
	descent   = 0.12 // em below the baseline
	midline   = 0.35 // em from the middle of a text box down to its baseline
	lineStep  = 1.25 // em between the baselines of wrapped lines
	hSpace    = 6.0  // least gap between neighbouring horizontal x labels
	rotSpace  = 2.0  // least gap between neighbouring rotated x labels
	rotation  = -45  // degrees for rotated x labels
	legendRow = 20.0 // height of a legend row
	swatch    = 14.0 // size of a bar legend swatch
	lineSwat  = 28.0 // length of a line legend swatch
	minPlotH  = 100.0
)

// Ways of laying out the x labels.
const (
	modeHorizontal = "horizontal" // one line, centred under the band
	modeWrap       = "wrap"       // one or two lines, centred under the band
	modeRotate     = "rotate"     // rotated -45°, every Step-th label
)

type point struct{ X, Y float64 }

// textItem is one line of text. Its box is modelled as textWidth em wide and
// from ascent above to descent below the baseline, rotated with the text.
type textItem struct {
	X, Y   float64 // anchor; Y is the baseline
	Anchor string  // "start", "middle" or "end"
	Rotate float64 // degrees, around (PX, PY)
	PX, PY float64
	Text   string
	Class  string // tick, x, ylabel, legend or threshold
}

// corners returns the text's box, clockwise from the top left before rotation.
func (t textItem) corners() [4]point {
	w := textWidth(t.Text) * fontSize
	x0 := t.X
	switch t.Anchor {
	case "middle":
		x0 -= w / 2
	case "end":
		x0 -= w
	}
	y0, y1 := t.Y-ascent*fontSize, t.Y+descent*fontSize
	pts := [4]point{{x0, y0}, {x0 + w, y0}, {x0 + w, y1}, {x0, y1}}
	if t.Rotate != 0 {
		s, c := math.Sincos(t.Rotate * math.Pi / 180)
		for i, p := range pts {
			dx, dy := p.X-t.PX, p.Y-t.PY
			pts[i] = point{t.PX + dx*c - dy*s, t.PY + dx*s + dy*c}
		}
	}
	return pts
}

type barItem struct {
	Series, Index int
	X, Y, W, H    float64
}

type pointItem struct {
	Series, Index int
	X, Y          float64
}

// legendItem is a legend swatch; its text is in layout.Texts.
type legendItem struct {
	Series int
	X, Y   float64 // left end of the swatch, vertical middle of the row
}

// layout is a chart with every position computed; render only writes it out.
type layout struct {
	c    Chart
	kind string
	id   string
	W, H float64
	// The plot area.
	Left, Top, Right, Bottom float64
	Ticks                    []float64
	Band                     float64 // width of one x category
	Mode                     string  // how x labels are laid out
	Step                     int     // every Step-th x label is shown
	Texts                    []textItem
	Bars                     []barItem
	Points                   []pointItem
	Legend                   []legendItem
	ThresholdY               float64
}

// yOf maps a value to its y coordinate.
func (l *layout) yOf(v float64) float64 {
	lo, hi := l.Ticks[0], l.Ticks[len(l.Ticks)-1]
	return l.Bottom - (v-lo)/(hi-lo)*(l.Bottom-l.Top)
}

// cx is the centre of band i.
func (l *layout) cx(i int) float64 {
	return l.Left + (float64(i)+0.5)*l.Band
}

func (c Chart) layout() (*layout, error) {
	kind, err := c.validate()
	if err != nil {
		return nil, err
	}
	l := &layout{c: c, kind: kind, id: c.id(), Step: 1}
	l.W = c.Width
	if l.W == 0 {
		l.W = DefaultWidth
	}
	l.W = math.Max(l.W, 240)
	height := c.Height
	if height == 0 {
		height = DefaultHeight
	}
	height = math.Max(height, 180)

	// The value range always includes 0 and the threshold; integer data
	// (counts) get integer ticks.
	lo, hi, integer := 0.0, 0.0, true
	consider := func(v float64) {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
		if v != math.Trunc(v) {
			integer = false
		}
	}
	for _, s := range c.Series {
		for _, v := range s.Values {
			consider(v)
		}
	}
	if c.Threshold != nil {
		consider(*c.Threshold)
	}
	// Leave a little headroom so that the highest (lowest) bar or point does
	// not touch the edge of the plot.
	span := hi - lo
	if hi > 0 {
		hi += span * 0.04
	}
	if lo < 0 {
		lo -= span * 0.04
	}

	// From the top: legend, y-axis title, room for half the top tick label.
	y := pad
	if len(c.Series) > 1 {
		y = l.layoutLegend(y)
	}
	legendH := y - pad
	if c.YLabel != "" {
		l.Texts = append(l.Texts, textItem{X: pad, Y: y + ascent*fontSize, Anchor: "start", Text: clean(c.YLabel), Class: "ylabel"})
		y += fontSize + 6
	}
	l.Top = y + (ascent-midline)*fontSize + 2
	baseBottom := tickLen + labelGap + fontSize + pad
	plotH := math.Max(height-(l.Top-legendH)-baseBottom, minPlotH)
	l.Bottom = l.Top + plotH

	maxTicks := min(max(int(plotH/45)+1, 3), 8)
	l.Ticks = niceTicks(lo, hi, maxTicks, integer)
	if l.Ticks == nil {
		return nil, fmt.Errorf("chart %q: values from %v to %v are too far apart to draw", c.Title, lo, hi)
	}
	dec := tickDecimals(l.Ticks[1] - l.Ticks[0])
	tickW := 0.0
	tickText := make([]string, len(l.Ticks))
	for i, t := range l.Ticks {
		// A real minus sign, not a hyphen, for negative ticks.
		tickText[i] = strings.Replace(strconv.FormatFloat(t, 'f', dec, 64), "-", "−", 1)
		tickW = math.Max(tickW, textWidth(tickText[i])*fontSize)
	}

	// The x labels decide the left margin when rotated labels reach past the
	// left edge: widen the margin and lay them out again.
	l.Right = l.W - rightPad
	left := pad + tickW + tickGap
	var xTexts []textItem
	for range 8 {
		l.Left = left
		xTexts = l.layoutXLabels()
		minX := math.Inf(1)
		for _, t := range xTexts {
			for _, p := range t.corners() {
				minX = math.Min(minX, p.X)
			}
		}
		if minX >= pad/2-1e-9 || left >= l.W*0.45 {
			break
		}
		left = math.Min(left+pad/2-minX, l.W*0.45)
	}
	for i, t := range l.Ticks {
		l.Texts = append(l.Texts, textItem{X: l.Left - tickGap, Y: l.yOf(t) + midline*fontSize, Anchor: "end", Text: tickText[i], Class: "tick"})
	}
	l.Texts = append(l.Texts, xTexts...)
	maxY := l.Bottom + tickLen
	for _, t := range xTexts {
		for _, p := range t.corners() {
			maxY = math.Max(maxY, p.Y)
		}
	}
	l.H = math.Ceil(maxY + pad)

	// Data.
	base := l.yOf(0)
	k := len(c.Series)
	for i := range c.Labels {
		cx := l.cx(i)
		switch kind {
		case KindBar:
			w := math.Min(l.Band*0.7, 64)
			v := c.Series[0].Values[i]
			l.Bars = append(l.Bars, barItem{Series: 0, Index: i, X: cx - w/2, Y: l.yOf(v), W: w, H: base - l.yOf(v)})
		case KindGrouped:
			group := math.Min(l.Band*0.8, float64(k)*40)
			slot := group / float64(k)
			gap := math.Min(2, slot*0.15)
			for si, s := range c.Series {
				v := s.Values[i]
				x := cx - group/2 + float64(si)*slot + gap/2
				l.Bars = append(l.Bars, barItem{Series: si, Index: i, X: x, Y: l.yOf(v), W: slot - gap, H: base - l.yOf(v)})
			}
		case KindLine:
			for si, s := range c.Series {
				l.Points = append(l.Points, pointItem{Series: si, Index: i, X: cx, Y: l.yOf(s.Values[i])})
			}
		}
	}

	if c.Threshold != nil {
		l.ThresholdY = l.yOf(*c.Threshold)
		l.Texts = append(l.Texts, l.placeThresholdLabel(clean(c.thresholdText())))
	}
	return l, nil
}

// layoutLegend places one swatch and name per series in rows starting at y
// and returns the y below the legend.
func (l *layout) layoutLegend(y float64) float64 {
	sw := swatch
	if l.kind == KindLine {
		sw = lineSwat
	}
	x := pad
	for i, s := range l.c.Series {
		name := clean(s.Name)
		if name == "" {
			name = fmt.Sprintf("系列%d", i+1)
		}
		w := sw + 6 + textWidth(name)*fontSize
		if x > pad && x+w > l.W-pad {
			x = pad
			y += legendRow
		}
		mid := y + legendRow/2
		l.Legend = append(l.Legend, legendItem{Series: i, X: x, Y: mid})
		l.Texts = append(l.Texts, textItem{X: x + sw + 6, Y: mid + midline*fontSize, Anchor: "start", Text: name, Class: "legend"})
		x += w + 18
	}
	return y + legendRow + 6
}

// placeThresholdLabel puts the threshold label just above or below the
// line, at the right or the left end of the plot, choosing the first place
// (right above, left above, right below, left below) that no bar, line or
// marker crosses — or the least crowded one.
func (l *layout) placeThresholdLabel(text string) textItem {
	ty := l.ThresholdY
	var best textItem
	bestScore := -1
	for _, above := range []bool{true, false} {
		by := ty - 4
		if !above {
			by = ty + 4 + ascent*fontSize
		}
		if by-ascent*fontSize < l.Top || by+descent*fontSize > l.Bottom {
			continue
		}
		for _, right := range []bool{true, false} {
			t := textItem{X: l.Left + 4, Y: by, Anchor: "start", Text: text, Class: "threshold"}
			if right {
				t.X, t.Anchor = l.Right-4, "end"
			}
			if score := l.crossings(t); bestScore < 0 || score < bestScore {
				best, bestScore = t, score
			}
			if bestScore == 0 {
				return best
			}
		}
	}
	if bestScore < 0 { // the plot is too low for either side: centre on the line
		return textItem{X: l.Right - 4, Y: ty + midline*fontSize, Anchor: "end", Text: text, Class: "threshold"}
	}
	return best
}

// crossings counts the bars, line segments and markers that overlap the box
// of t (grown by 2 units).
func (l *layout) crossings(t textItem) int {
	pts := t.corners()
	x0, y0, x1, y1 := pts[0].X-2, pts[0].Y-2, pts[2].X+2, pts[2].Y+2
	n := 0
	for _, b := range l.Bars {
		if b.X < x1 && b.X+b.W > x0 && b.Y < y1 && b.Y+b.H > y0 {
			n++
		}
	}
	r := markerRadius * 1.2
	prev := make([]*pointItem, len(l.c.Series))
	for i := range l.Points {
		p := &l.Points[i]
		if p.X+r > x0 && p.X-r < x1 && p.Y+r > y0 && p.Y-r < y1 {
			n++
		}
		if q := prev[p.Series]; q != nil && segmentHitsBox(*q, *p, x0, y0, x1, y1) {
			n++
		}
		prev[p.Series] = p
	}
	return n
}

// segmentHitsBox reports whether the segment a–b meets the box [x0,x1]×[y0,y1]
// (Liang–Barsky clipping).
func segmentHitsBox(a, b pointItem, x0, y0, x1, y1 float64) bool {
	dx, dy := b.X-a.X, b.Y-a.Y
	t0, t1 := 0.0, 1.0
	for _, e := range [4][2]float64{{-dx, a.X - x0}, {dx, x1 - a.X}, {-dy, a.Y - y0}, {dy, y1 - a.Y}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = math.Max(t0, r)
		} else {
			t1 = math.Min(t1, r)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

// layoutXLabels sets Band, Mode and Step for the current Left and returns the
// x label lines. It keeps labels on one line if they all fit their band,
// wraps the ones that do not onto two lines if that makes them fit, and
// otherwise rotates them, showing only every Step-th label when the bands
// are too narrow even for rotated text.
func (l *layout) layoutXLabels() []textItem {
	labels := make([]string, len(l.c.Labels))
	for i, s := range l.c.Labels {
		labels[i] = clean(s)
	}
	n := len(labels)
	l.Band = (l.Right - l.Left) / float64(n)
	l.Step = 1
	avail := l.Band - hSpace
	top := l.Bottom + tickLen + labelGap
	fits := func(s string) bool { return textWidth(s)*fontSize <= avail }

	lines := make([][]string, n)
	mode := modeHorizontal
	for i, s := range labels {
		if fits(s) {
			lines[i] = []string{s}
			continue
		}
		mode = modeWrap
		a, b, ok := wrapTwo(s)
		if !ok || !fits(a) || !fits(b) {
			mode = modeRotate
			break
		}
		lines[i] = []string{a, b}
	}
	l.Mode = mode
	var out []textItem
	if mode != modeRotate {
		for i, ls := range lines {
			for j, s := range ls {
				out = append(out, textItem{X: l.cx(i), Y: top + ascent*fontSize + float64(j)*lineStep*fontSize, Anchor: "middle", Text: s, Class: "x"})
			}
		}
		return out
	}
	// Rotated labels are parallel strips Band·sin 45° apart.
	perp := l.Band * math.Sin(math.Pi/4)
	l.Step = max(1, int(math.Ceil((fontSize+rotSpace)/perp-1e-9)))
	for i := 0; i < n; i += l.Step {
		cx := l.cx(i)
		out = append(out, textItem{X: cx, Y: top + midline*fontSize, Anchor: "end", Rotate: rotation, PX: cx, PY: top, Text: labels[i], Class: "x"})
	}
	return out
}

// id derives a stable element id prefix from the chart's content, so that
// output is deterministic and different charts on one page do not clash.
func (c Chart) id() string {
	h := fnv.New64a()
	str := func(s string) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	flt := func(v float64) {
		var buf [8]byte
		binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
		h.Write(buf[:])
	}
	str(c.Kind)
	str(c.Title)
	str(c.Desc)
	str(c.YLabel)
	str(c.ThresholdLabel)
	flt(c.Width)
	flt(c.Height)
	if c.Threshold != nil {
		flt(*c.Threshold)
	}
	for _, s := range c.Labels {
		str(s)
	}
	for _, s := range c.Series {
		str(s.Name)
		str(s.Format)
		for _, v := range s.Values {
			flt(v)
		}
	}
	return fmt.Sprintf("chart-%012x", h.Sum64()>>16)
}
