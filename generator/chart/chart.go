// Package chart draws small, accessible SVG charts — bars, grouped bars and
// lines — for the statistics pages of the site, using the standard library
// only and no client script.
//
// Chart.SVG returns one <svg> element meant to be inlined into an HTML page:
//
//   - it scales with its container (viewBox, width="100%") and inherits the
//     page's font-family; no style attribute is written, so a strict
//     Content-Security-Policy (style-src 'self') does not affect it;
//   - it has role="img" and aria-labelledby pointing at its <title> and
//     <desc>; when Chart.Desc is empty the description lists every value;
//   - every bar and point carries its own <title> ("2023-03 川汇区：12件");
//   - series differ in colour and in a second channel — fill pattern for
//     bars, marker shape and dash style for lines — and every colour has a
//     contrast of at least 3:1 against white (WCAG 1.4.11);
//   - y ticks are "nice" (1, 2 or 5 × 10^k apart, see NiceTicks); x labels
//     are measured (1 em per CJK character, 0.6 em otherwise) and, when they
//     do not fit their band, are wrapped onto two lines or rotated by -45°
//     (and thinned out if even that is too tight); the SVG grows in height to
//     fit them and the legend;
//   - the output is deterministic: the same Chart always gives the same bytes,
//     and element ids are derived from a hash of the chart's content.
//
// Width and Height (default 720×360) are the size in user units with one-line
// x labels and no legend; the plot keeps its height when labels need more room.
package chart

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Kinds of chart.
const (
	KindBar     = "bar"     // one series of vertical bars
	KindGrouped = "grouped" // several series of bars side by side per label
	KindLine    = "line"    // several series of lines with marked points
)

// Default size in user units.
const (
	DefaultWidth  = 720
	DefaultHeight = 360
)

// MaxSeries is the largest number of series a chart can show: one per
// colour/pattern/marker combination.
const MaxSeries = len(palette)

// Series is one named row of values, one per label.
type Series struct {
	Name   string
	Values []float64
	// Format is the fmt verb used for the value in titles and the generated
	// description, e.g. "%.0f件" or "%.2f%%". Empty means the shortest
	// decimal representation.
	Format string
}

// Chart describes a chart. The zero Kind means KindBar.
type Chart struct {
	Kind   string
	Title  string // accessible name; required
	Desc   string // accessible description; generated from the data when empty
	Labels []string
	Series []Series
	YLabel string // axis title drawn above the y axis, e.g. "件数（件）"
	// Width and Height in user units; zero means DefaultWidth/DefaultHeight,
	// and smaller than 240×180 is raised to that. The SVG grows taller than
	// Height to fit a legend and wrapped or rotated x labels.
	Width, Height float64
	// Threshold draws a dashed horizontal reference line at that value,
	// labelled with ThresholdLabel (or the value formatted like the first
	// series when ThresholdLabel is empty).
	Threshold      *float64
	ThresholdLabel string
}

// SVG returns the chart as an <svg> element. It fails for inconsistent data:
// no labels or series, a series whose length differs from the labels, NaN or
// infinite values, negative values in a bar chart, an unknown kind or an
// unusable Format.
func (c Chart) SVG() (string, error) {
	l, err := c.layout()
	if err != nil {
		return "", err
	}
	return l.render(), nil
}

// validate checks the chart and returns its effective kind.
func (c Chart) validate() (string, error) {
	kind := c.Kind
	if kind == "" {
		kind = KindBar
	}
	name := c.Title
	fail := func(format string, args ...any) error {
		return fmt.Errorf("chart %q: %s", name, fmt.Sprintf(format, args...))
	}
	switch kind {
	case KindBar, KindGrouped, KindLine:
	default:
		return kind, fail("unknown kind %q (want bar, grouped or line)", c.Kind)
	}
	if strings.TrimSpace(c.Title) == "" {
		return kind, errors.New("chart: Title is required (it is the chart's accessible name)")
	}
	if len(c.Labels) == 0 {
		return kind, fail("no labels")
	}
	if len(c.Series) == 0 {
		return kind, fail("no series")
	}
	if kind == KindBar && len(c.Series) > 1 {
		return kind, fail("a bar chart takes one series, got %d (use kind grouped)", len(c.Series))
	}
	if len(c.Series) > MaxSeries {
		return kind, fail("%d series, at most %d are supported", len(c.Series), MaxSeries)
	}
	for i, s := range c.Series {
		if len(s.Values) != len(c.Labels) {
			return kind, fail("series %d (%q) has %d values for %d labels", i+1, s.Name, len(s.Values), len(c.Labels))
		}
		for j, v := range s.Values {
			switch {
			case math.IsNaN(v) || math.IsInf(v, 0):
				return kind, fail("series %d (%q), label %q: value %v is not a finite number", i+1, s.Name, c.Labels[j], v)
			case v < 0 && kind != KindLine:
				return kind, fail("series %d (%q), label %q: negative value %v in a %s chart", i+1, s.Name, c.Labels[j], v, kind)
			}
		}
		if s.Format != "" {
			if out := fmt.Sprintf(s.Format, 1.5); strings.Contains(out, "%!") {
				return kind, fail("series %d (%q): Format %q does not format one float64 (gives %q)", i+1, s.Name, s.Format, out)
			}
		}
	}
	for _, d := range []struct {
		name string
		v    float64
	}{{"Width", c.Width}, {"Height", c.Height}} {
		if math.IsNaN(d.v) || math.IsInf(d.v, 0) || d.v < 0 {
			return kind, fail("%s %v is not a positive number", d.name, d.v)
		}
	}
	if c.Threshold != nil && (math.IsNaN(*c.Threshold) || math.IsInf(*c.Threshold, 0)) {
		return kind, fail("threshold %v is not a finite number", *c.Threshold)
	}
	return kind, nil
}

// formatValue formats v as series s asks.
func formatValue(s Series, v float64) string {
	if s.Format == "" {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprintf(s.Format, v)
}

// itemTitle is the tooltip of one bar or point: "2023-03 川汇区：12件".
func (c Chart) itemTitle(si, i int) string {
	s := c.Series[si]
	head := c.Labels[i]
	if s.Name != "" {
		head += " " + s.Name
	}
	return head + "：" + formatValue(s, s.Values[i])
}

// thresholdText is the label of the reference line.
func (c Chart) thresholdText() string {
	if c.ThresholdLabel != "" {
		return c.ThresholdLabel
	}
	return formatValue(c.Series[0], *c.Threshold)
}

// description is Desc, or a text version of the data when Desc is empty.
func (c Chart) description(kind string) string {
	if strings.TrimSpace(c.Desc) != "" {
		return c.Desc
	}
	var b strings.Builder
	switch kind {
	case KindBar:
		b.WriteString("柱状图")
	case KindGrouped:
		b.WriteString("分组柱状图")
	case KindLine:
		b.WriteString("折线图")
	}
	fmt.Fprintf(&b, "，%d个分类。", len(c.Labels))
	for si, s := range c.Series {
		name := s.Name
		if name == "" {
			name = "数值"
		}
		b.WriteString(name)
		b.WriteString("：")
		for i := range c.Labels {
			if i > 0 {
				b.WriteString("；")
			}
			b.WriteString(c.Labels[i])
			b.WriteString(" ")
			b.WriteString(formatValue(c.Series[si], s.Values[i]))
		}
		b.WriteString("。")
	}
	if c.Threshold != nil {
		b.WriteString("参考线：")
		b.WriteString(c.thresholdText())
		b.WriteString("。")
	}
	return b.String()
}
