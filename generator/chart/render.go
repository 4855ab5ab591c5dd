package chart

import (
	"fmt"
	"strings"
)

// render writes the laid-out chart as an <svg> element, one element per line.
func (l *layout) render() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	c, id := l.c, l.id

	p(`<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-%s" viewBox="0 0 %s %s" width="100%%" role="img" aria-labelledby="%s-title %s-desc" font-size="%s">`+"\n",
		l.kind, num(l.W), num(l.H), id, id, num(fontSize))
	p("<title id=\"%s-title\">%s</title>\n", id, esc(c.Title))
	p("<desc id=\"%s-desc\">%s</desc>\n", id, esc(c.description(l.kind)))

	if l.kind == KindGrouped && len(c.Series) > 1 {
		b.WriteString("<defs>\n")
		for i := 1; i < len(c.Series); i++ {
			p("%s\n", patternDef(l.patternID(i), i))
		}
		b.WriteString("</defs>\n")
	}

	// Grid lines at every tick but 0, which gets the axis line.
	p(`<g class="grid" stroke="%s" shape-rendering="crispEdges">`+"\n", colorGrid)
	for _, t := range l.Ticks {
		if t != 0 {
			y := num(l.yOf(t))
			p(`<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(l.Left), y, num(l.Right), y)
		}
	}
	b.WriteString("</g>\n")
	p(`<g class="axis" stroke="%s" shape-rendering="crispEdges">`+"\n", colorMuted)
	base := num(l.yOf(0))
	p(`<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(l.Left), base, num(l.Right), base)
	for i := range c.Labels {
		x := num(l.cx(i))
		p(`<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", x, num(l.Bottom), x, num(l.Bottom+tickLen))
	}
	b.WriteString("</g>\n")

	// Bars, one group per series.
	if len(l.Bars) > 0 {
		for si := range c.Series {
			p(`<g class="series series-%d" fill="%s"%s>`+"\n", si+1, l.barFill(si), l.barStroke(si))
			for _, bar := range l.Bars {
				if bar.Series != si {
					continue
				}
				title := esc(c.itemTitle(si, bar.Index))
				if bar.H <= 0 {
					// A zero-height rect is not drawn; show a zero as a
					// short stroke on the axis so it still has a tooltip.
					y := num(bar.Y - 1)
					p(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"><title>%s</title></line>`+"\n",
						num(bar.X), y, num(bar.X+bar.W), y, palette[si], title)
					continue
				}
				p(`<rect x="%s" y="%s" width="%s" height="%s"><title>%s</title></rect>`+"\n",
					num(bar.X), num(bar.Y), num(bar.W), num(bar.H), title)
			}
			b.WriteString("</g>\n")
		}
	}

	// Lines, one group per series: the line, then its markers.
	if len(l.Points) > 0 {
		for si := range c.Series {
			p(`<g class="series series-%d" fill="%s">`+"\n", si+1, palette[si])
			var d strings.Builder
			for _, pt := range l.Points {
				if pt.Series != si {
					continue
				}
				cmd := "L"
				if d.Len() == 0 {
					cmd = "M"
				}
				fmt.Fprintf(&d, "%s%s %s", cmd, num(pt.X), num(pt.Y))
			}
			p(`<path d="%s" fill="none" stroke="%s" stroke-width="2" stroke-linejoin="round"%s/>`+"\n", d.String(), palette[si], dashAttr(si))
			for _, pt := range l.Points {
				if pt.Series != si {
					continue
				}
				p(`<path d="%s" stroke="%s" stroke-width="1"><title>%s</title></path>`+"\n",
					markerPath(si, pt.X, pt.Y), colorHalo, esc(c.itemTitle(si, pt.Index)))
			}
			b.WriteString("</g>\n")
		}
	}

	if c.Threshold != nil {
		y := num(l.ThresholdY)
		p(`<line class="threshold" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1.5" stroke-dasharray="6 4"/>`+"\n",
			num(l.Left), y, num(l.Right), y, colorThreshold)
	}

	if len(l.Legend) > 0 {
		b.WriteString(`<g class="legend">` + "\n")
		for _, it := range l.Legend {
			si := it.Series
			if l.kind == KindLine {
				y := num(it.Y)
				p(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"%s/>`+"\n",
					num(it.X), y, num(it.X+lineSwat), y, palette[si], dashAttr(si))
				p(`<path d="%s" fill="%s" stroke="%s" stroke-width="1"/>`+"\n",
					markerPath(si, it.X+lineSwat/2, it.Y), palette[si], colorHalo)
				continue
			}
			p(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"%s/>`+"\n",
				num(it.X), num(it.Y-swatch/2), num(swatch), num(swatch), l.barFill(si), l.barStroke(si))
		}
		b.WriteString("</g>\n")
	}

	// Text last, so that it is painted over grid and data.
	p(`<g class="labels" fill="%s">`+"\n", colorMuted)
	for _, t := range l.Texts {
		b.WriteString("<text")
		if t.Class != "" {
			p(` class="%s"`, t.Class)
		}
		p(` x="%s" y="%s"`, num(t.X), num(t.Y))
		if t.Anchor != "" && t.Anchor != "start" {
			p(` text-anchor="%s"`, t.Anchor)
		}
		if t.Rotate != 0 {
			p(` transform="rotate(%s %s %s)"`, num(t.Rotate), num(t.PX), num(t.PY))
		}
		switch t.Class {
		case "ylabel", "legend":
			p(` fill="%s"`, colorText)
		case "threshold":
			p(` fill="%s" stroke="%s" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`, colorThreshold, colorHalo)
		}
		p(">%s</text>\n", esc(t.Text))
	}
	b.WriteString("</g>\n</svg>")
	return b.String()
}

// patternID is the id of the fill pattern of bar series i.
func (l *layout) patternID(i int) string {
	return fmt.Sprintf("%s-p%d", l.id, i)
}

// barFill is the fill of bar series i: solid for the first, a pattern of the
// series colour for the others.
func (l *layout) barFill(i int) string {
	if i == 0 {
		return palette[0]
	}
	return "url(#" + l.patternID(i) + ")"
}

// barStroke outlines patterned bars in the series colour.
func (l *layout) barStroke(i int) string {
	if i == 0 {
		return ""
	}
	return fmt.Sprintf(` stroke="%s" stroke-width="1"`, palette[i])
}

// dashAttr is the stroke-dasharray attribute of line series i.
func dashAttr(i int) string {
	if dashes[i] == "" {
		return ""
	}
	return fmt.Sprintf(` stroke-dasharray="%s"`, dashes[i])
}
