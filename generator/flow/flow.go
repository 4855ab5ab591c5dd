// Package flow lays out a flowchart and renders it as an inline SVG
// element, using only the standard library.
//
// The layout is a small Sugiyama-style layered drawing tuned for procedure
// charts: back edges found by a depth-first search become loops drawn in
// channels along the left or right margin; the other edges put the nodes
// into layers by longest path, long edges get dummy nodes, barycentre
// sweeps reduce crossings, and the x coordinates are solved layer by layer
// with the main path (the longest path from a start to an end) pinned to
// one straight column. Decisions branch left, right and down; edges are
// orthogonal with rounded corners, and edge labels go beside their edge in
// places checked to be clear of every box.
//
// Text is measured without a font: 1 em per CJK character or full-width
// punctuation mark, 0.6 em per ASCII character. Boxes are sized from that
// so that every line of a label fits inside its shape.
package flow

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"strings"
)

// Node is a step of the flowchart.
type Node struct {
	ID    string
	Label string
	Kind  string // start, step, decision or end; "" means step
	Href  string // link target, may be ""
	Title string // tooltip and accessible name of the link; Label if ""
}

// Edge leads from one node to another, with an optional label.
type Edge struct {
	From, To, Label string
}

// Graph is a flowchart to lay out.
type Graph struct {
	Title, Desc string
	Nodes       []Node
	Edges       []Edge
}

// Options tune the drawing; the zero value gives the defaults.
type Options struct {
	FontSize   float64 // px, default 14
	MaxLabelEm float64 // wrap width of labels in em, default 8
	ID         string  // prefix of the ids of <title> and <desc>; derived from the graph if ""
}

// Diagram is a laid-out flowchart.
type Diagram struct {
	Width, Height float64 // size of the viewBox in px

	title, desc, id string
	em              float64
	boxes           []*box
	edges           []*route
}

// Kinds of node.
const (
	KindStart    = "start"
	KindStep     = "step"
	KindDecision = "decision"
	KindEnd      = "end"
)

// Measures in em.
const (
	padX      = 0.9  // text to the side of a step box
	padY      = 0.55 // text to the top and bottom of a box
	lineEm    = 1.35 // line height of node text
	minStepEm = 4    // narrowest step box
	diamondK  = 3    // width:height of a decision diamond
	nodeGap   = 2.2  // between boxes of one layer
	dummyGap  = 1.0  // between an edge passing through a layer and its neighbours
	rowGap    = 2.6  // least space between layers
	trackEm   = 0.75 // between horizontal edge segments in one gap
	labelFont = 0.85 // edge label font size relative to node text
	labelLine = 1.25 // line height of edge labels, in label em
	arrowLen  = 0.6
	arrowHalf = 0.3
	chanEm    = 1.0 // between loop channels
	marginEm  = 0.8 // around the drawing
)

// box is a laid-out node.
type box struct {
	Node
	lines []string
	w, h  float64 // size in px (for a diamond, twice its half axes)
	x, y  float64 // centre
	layer int
}

// route is a laid-out edge.
type route struct {
	Edge
	loop   bool
	pts    []pt // polyline from source to the arrow tip
	label  *rect
	lines  []string
	lfont  float64
	from   int
	to     int
	isMain bool
}

type pt struct{ x, y float64 }

// rect is an axis-aligned rectangle given by its corners.
type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) overlaps(s rect) bool {
	return r.x0 < s.x1 && s.x0 < r.x1 && r.y0 < s.y1 && s.y0 < r.y1
}

func (r rect) grow(d float64) rect { return rect{r.x0 - d, r.y0 - d, r.x1 + d, r.y1 + d} }

func (b *box) rect() rect {
	return rect{b.x - b.w/2, b.y - b.h/2, b.x + b.w/2, b.y + b.h/2}
}

func (o Options) withDefaults() (Options, error) {
	if math.IsNaN(o.FontSize) || math.IsInf(o.FontSize, 0) || math.IsNaN(o.MaxLabelEm) || math.IsInf(o.MaxLabelEm, 0) {
		return o, errors.New("flow: options must be finite numbers")
	}
	if o.FontSize <= 0 {
		o.FontSize = 14
	}
	if o.MaxLabelEm <= 0 {
		o.MaxLabelEm = 8
	}
	o.MaxLabelEm = math.Max(o.MaxLabelEm, 2)
	return o, nil
}

// check validates g and returns the index of each node id.
func check(g Graph) (map[string]int, error) {
	if len(g.Nodes) == 0 {
		return nil, errors.New("flow: the graph has no nodes")
	}
	index := make(map[string]int, len(g.Nodes))
	var errs []error
	for i, n := range g.Nodes {
		if _, dup := index[n.ID]; dup {
			errs = append(errs, fmt.Errorf("flow: duplicate node id %q", n.ID))
		} else if strings.TrimSpace(n.ID) == "" {
			errs = append(errs, fmt.Errorf("flow: node %d has no id", i+1))
		}
		if _, ok := index[n.ID]; !ok {
			index[n.ID] = i
		}
		switch n.Kind {
		case "", KindStart, KindStep, KindDecision, KindEnd:
		default:
			errs = append(errs, fmt.Errorf("flow: node %q has unknown kind %q", n.ID, n.Kind))
		}
	}
	for _, e := range g.Edges {
		for _, id := range []string{e.From, e.To} {
			if _, ok := index[id]; !ok {
				errs = append(errs, fmt.Errorf("flow: edge %s → %s: no node %q", e.From, e.To, id))
			}
		}
	}
	return index, errors.Join(errs...)
}

// measure sizes the box of a node from its wrapped label.
func measure(b *box, em, maxEm float64) {
	b.lines = wrap(b.Label, maxEm)
	tw := 0.0
	for _, l := range b.lines {
		tw = math.Max(tw, textEm(l))
	}
	th := float64(len(b.lines)) * lineEm
	switch b.Kind {
	case KindDecision:
		// The text rectangle's corners lie on the diamond: hw/a + hh/b = 1.
		hw, hh := tw/2+0.4, th/2+0.15
		a := hw + diamondK*hh
		b.w, b.h = 2*a*em, 2*a/diamondK*em
	case KindStart, KindEnd:
		b.h = (th + 2*padY) * em
		b.w = (tw+0.4)*em + b.h // the round caps take h/2 each side
	default:
		b.h = (th + 2*padY) * em
		b.w = math.Max(tw+2*padX, minStepEm) * em
	}
}

// svgID derives a stable id prefix from the graph.
func svgID(g Graph) string {
	h := fnv.New32a()
	h.Write([]byte(g.Title))
	for _, n := range g.Nodes {
		h.Write([]byte{0})
		h.Write([]byte(n.ID))
	}
	return fmt.Sprintf("flow-%08x", h.Sum32())
}
