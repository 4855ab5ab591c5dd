package flow

import (
	"math"
	"strconv"
	"strings"
)

// Colours of the drawing; a stylesheet can override them, since CSS wins
// over presentation attributes.
const (
	edgeColour  = "#4a4f57"
	strokeBlue  = "#2b5a87"
	textColour  = "#1b1f24"
	labelColour = "#3a3f47"
)

var fills = map[string]string{
	KindStart:    "#e2f0dc",
	KindEnd:      "#e2f0dc",
	KindStep:     "#edf3fa",
	KindDecision: "#fff3d4",
}

func num(v float64) string {
	if v == 0 || math.Abs(v) < 0.05 {
		return "0"
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// SVG returns the diagram as an <svg> element for inline use in HTML. All
// text is XML-escaped, and the output depends only on the diagram.
//
// The element scales with its container (viewBox, width="100%") and
// inherits the page's font-family. It has no style attribute, so a strict
// Content-Security-Policy (style-src 'self') does not affect it; a cap on
// its width (Width px at most, to avoid enlarging it) belongs in the
// stylesheet. It is labelled by its <title> and <desc> and has role="img",
// or role="group" when a node is a link: the children of an img are
// presentational, so links inside one are hidden from assistive technology
// (axe reports that as nested-interactive). Each node has the classes
// "node" and its kind; a linked node is wrapped in <a href> whose <title>
// names it.
func (d *Diagram) SVG() string {
	var b strings.Builder
	em := d.em
	role := "img"
	for _, x := range d.boxes {
		if x.Href != "" {
			role = "group"
		}
	}
	title := d.title
	if strings.TrimSpace(title) == "" {
		title = "流程图"
	}
	ids := d.id + "-title"
	if d.desc != "" {
		ids += " " + d.id + "-desc"
	}
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" role="` + role +
		`" aria-labelledby="` + escape(ids) + `" viewBox="0 0 ` + num(d.Width) + " " + num(d.Height) +
		`" width="100%" font-size="` + num(em) + `">` + "\n")
	b.WriteString(`<title id="` + escape(d.id) + `-title">` + escape(title) + "</title>\n")
	if d.desc != "" {
		b.WriteString(`<desc id="` + escape(d.id) + `-desc">` + escape(d.desc) + "</desc>\n")
	}

	b.WriteString(`<g class="edges" fill="none" stroke="` + edgeColour + `" stroke-width="1.5">` + "\n")
	for _, rt := range d.edges {
		cls := "edge"
		if rt.loop {
			cls += " loop"
		}
		if rt.isMain {
			cls += " main"
		}
		line, head := edgePaths(rt.pts, em)
		b.WriteString(`<g class="` + cls + `" data-from="` + escape(rt.From) + `" data-to="` + escape(rt.To) + `">`)
		b.WriteString(`<path d="` + line + `"/><path class="arrow" d="` + head + `" fill="` + edgeColour + `" stroke="none"/></g>` + "\n")
	}
	b.WriteString("</g>\n")

	lf := em * labelFont
	b.WriteString(`<g class="edge-labels" font-size="` + num(lf) + `" text-anchor="middle" fill="` + labelColour +
		`" stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">` + "\n")
	for _, rt := range d.edges {
		if rt.label == nil {
			continue
		}
		l := rt.label
		b.WriteString("<text>")
		for i, s := range rt.lines {
			cy := l.y0 + (float64(i)+0.5)*labelLine*lf
			b.WriteString(`<tspan x="` + num((l.x0+l.x1)/2) + `" y="` + num(cy+0.35*lf) + `">` + escape(s) + "</tspan>")
		}
		b.WriteString("</text>\n")
	}
	b.WriteString("</g>\n")

	b.WriteString(`<g class="nodes" text-anchor="middle" stroke="` + strokeBlue + `" stroke-width="1.5">` + "\n")
	for _, x := range d.boxes {
		tip := x.Title
		if tip == "" {
			tip = x.Label
		}
		if x.Href != "" {
			b.WriteString(`<a href="` + escape(x.Href) + `"><title>` + escape(tip) + "</title>")
		}
		b.WriteString(`<g class="node ` + x.Kind + `" data-id="` + escape(x.ID) + `">`)
		if x.Href == "" && x.Title != "" {
			b.WriteString("<title>" + escape(x.Title) + "</title>")
		}
		fill := ` fill="` + fills[x.Kind] + `"`
		switch x.Kind {
		case KindDecision:
			a, h := x.w/2, x.h/2
			b.WriteString(`<polygon points="` + num(x.x) + "," + num(x.y-h) + " " + num(x.x+a) + "," + num(x.y) + " " +
				num(x.x) + "," + num(x.y+h) + " " + num(x.x-a) + "," + num(x.y) + `"` + fill + "/>")
		default:
			rx := 0.4 * em
			if x.Kind != KindStep {
				rx = x.h / 2
			}
			b.WriteString(`<rect x="` + num(x.x-x.w/2) + `" y="` + num(x.y-x.h/2) + `" width="` + num(x.w) + `" height="` +
				num(x.h) + `" rx="` + num(rx) + `"` + fill + "/>")
		}
		b.WriteString(`<text fill="` + textColour + `" stroke="none">`)
		for i, s := range x.lines {
			b.WriteString(`<tspan x="` + num(x.x) + `" y="` + num(lineY(x, i, em)+0.35*em) + `">` + escape(s) + "</tspan>")
		}
		b.WriteString("</text></g>")
		if x.Href != "" {
			b.WriteString("</a>")
		}
		b.WriteString("\n")
	}
	b.WriteString("</g>\n</svg>")
	return b.String()
}

// lineY is the y of the middle of line i of a node's text.
func lineY(x *box, i int, em float64) float64 {
	return x.y + (float64(i)-float64(len(x.lines)-1)/2)*lineEm*em
}

// edgePaths draws a polyline with rounded corners, stopping short of the
// last point, and the arrowhead whose tip is the last point.
func edgePaths(ps []pt, em float64) (line, head string) {
	n := len(ps)
	a, z := ps[n-2], ps[n-1]
	dx, dy := z.x-a.x, z.y-a.y
	l := math.Hypot(dx, dy)
	ux, uy := dx/l, dy/l
	al, ah := arrowLen*em, arrowHalf*em
	bx, by := z.x-ux*al, z.y-uy*al
	head = "M" + num(z.x) + "," + num(z.y) + "L" + num(bx-uy*ah) + "," + num(by+ux*ah) + "L" + num(bx+uy*ah) + "," + num(by-ux*ah) + "Z"
	end := math.Min(al*0.7, l)
	pts := append(append([]pt(nil), ps[:n-1]...), pt{z.x - ux*end, z.y - uy*end})

	var b strings.Builder
	b.WriteString("M" + num(pts[0].x) + "," + num(pts[0].y))
	for i := 1; i < len(pts)-1; i++ {
		p, c, q := pts[i-1], pts[i], pts[i+1]
		l1, l2 := math.Hypot(c.x-p.x, c.y-p.y), math.Hypot(q.x-c.x, q.y-c.y)
		rad := math.Min(0.45*em, math.Min(l1, l2)/2)
		if rad < 0.5 {
			b.WriteString("L" + num(c.x) + "," + num(c.y))
			continue
		}
		b.WriteString("L" + num(c.x-(c.x-p.x)/l1*rad) + "," + num(c.y-(c.y-p.y)/l1*rad))
		b.WriteString("Q" + num(c.x) + "," + num(c.y) + " " + num(c.x+(q.x-c.x)/l2*rad) + "," + num(c.y+(q.y-c.y)/l2*rad))
	}
	last := pts[len(pts)-1]
	b.WriteString("L" + num(last.x) + "," + num(last.y))
	return b.String(), head
}
