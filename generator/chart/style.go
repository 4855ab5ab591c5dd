package chart

import (
	"fmt"
	"strings"
)

// palette holds the series colours, in legend order. Each has a contrast of
// at least 3:1 against white (checked by TestPaletteContrast); neighbours
// differ in hue and lightness, and blue/orange lead for colour-blind readers.
var palette = [...]string{
	"#1d5fa7", // blue
	"#b85000", // orange
	"#2e7d32", // green
	"#7b3fa0", // purple
	"#00796b", // teal
	"#8a5a00", // brown
}

// Other colours: text at least 4.5:1 against white, grid lines decorative.
const (
	colorText      = "#1f2328"
	colorMuted     = "#57606a" // tick labels, axis line
	colorGrid      = "#d8dee4"
	colorThreshold = "#a40000"
	colorHalo      = "#ffffff"
)

// dashes are the stroke-dasharray of each line series ("" is solid).
var dashes = [...]string{"", "7 4", "2 3", "9 3 2 3", "4 2", "12 3 2 3 2 3"}

// patternDef is the <pattern> body of bar series i (0 is solid and has none).
// Patterns paint the series colour over white and leave the bar outlined in
// the colour, so a patterned bar still has a 3:1 edge.
func patternDef(id string, i int) string {
	c := palette[i]
	head := func(w, h int, rotate int) string {
		s := fmt.Sprintf(`<pattern id="%s" patternUnits="userSpaceOnUse" width="%d" height="%d"`, id, w, h)
		if rotate != 0 {
			s += fmt.Sprintf(` patternTransform="rotate(%d)"`, rotate)
		}
		return s + fmt.Sprintf(`><rect width="%d" height="%d" fill="%s"/>`, w, h, colorHalo)
	}
	switch i {
	case 1: // diagonal stripes
		return head(6, 6, 45) + fmt.Sprintf(`<rect width="3" height="6" fill="%s"/></pattern>`, c)
	case 2: // dots
		return head(6, 6, 0) + fmt.Sprintf(`<circle cx="3" cy="3" r="2" fill="%s"/></pattern>`, c)
	case 3: // cross-hatch
		return head(6, 6, 45) + fmt.Sprintf(`<rect width="2" height="6" fill="%s"/><rect width="6" height="2" fill="%s"/></pattern>`, c, c)
	case 4: // horizontal stripes
		return head(6, 6, 0) + fmt.Sprintf(`<rect width="6" height="3" fill="%s"/></pattern>`, c)
	case 5: // reverse diagonal stripes
		return head(6, 6, -45) + fmt.Sprintf(`<rect width="3" height="6" fill="%s"/></pattern>`, c)
	}
	return ""
}

// markerRadius is the half-size of line markers.
const markerRadius = 4.5

// markerPath is the outline of the marker of line series i centred at
// (x, y): circle, square, triangle, diamond, inverted triangle, plus.
func markerPath(i int, x, y float64) string {
	r := markerRadius
	var b strings.Builder
	move := func(px, py float64) { fmt.Fprintf(&b, "M%s %s", num(px), num(py)) }
	line := func(px, py float64) { fmt.Fprintf(&b, "L%s %s", num(px), num(py)) }
	switch i % len(palette) {
	case 0: // circle
		fmt.Fprintf(&b, "M%s %sa%s %s 0 1 0 %s 0a%s %s 0 1 0 %s 0", num(x-r), num(y), num(r), num(r), num(2*r), num(r), num(r), num(-2*r))
	case 1: // square
		s := r * 0.85
		move(x-s, y-s)
		line(x+s, y-s)
		line(x+s, y+s)
		line(x-s, y+s)
	case 2: // triangle
		move(x, y-r*1.15)
		line(x+r*1.1, y+r*0.75)
		line(x-r*1.1, y+r*0.75)
	case 3: // diamond
		move(x, y-r*1.2)
		line(x+r*1.2, y)
		line(x, y+r*1.2)
		line(x-r*1.2, y)
	case 4: // inverted triangle
		move(x, y+r*1.15)
		line(x+r*1.1, y-r*0.75)
		line(x-r*1.1, y-r*0.75)
	case 5: // plus
		a, t := r*1.1, r*0.4
		move(x-t, y-a)
		line(x+t, y-a)
		line(x+t, y-t)
		line(x+a, y-t)
		line(x+a, y+t)
		line(x+t, y+t)
		line(x+t, y+a)
		line(x-t, y+a)
		line(x-t, y+t)
		line(x-a, y+t)
		line(x-a, y-t)
		line(x-t, y-t)
	}
	b.WriteString("Z")
	return b.String()
}
