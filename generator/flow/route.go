package flow

import (
	"math"
	"sort"
)

// yref is a y coordinate known only once the rows and gaps have heights:
// an offset from a node's centre or from a horizontal track.
type yref struct {
	track bool
	i     int // node, or track
	d     float64
}

type ppt struct {
	x float64
	y yref
}

// track is a horizontal edge segment in the gap above layer gap (gap 0 is
// above the first layer, gap nl below the last).
type track struct {
	gap    int
	lo, hi float64
	slot   int
	y      float64
}

// How a loop leaves its source and enters its target.
const (
	viaSide   = iota // straight out of the side facing the channel
	viaStub          // out of the side, down between the neighbours, then out
	viaBottom        // out of the bottom tip of a diamond whose side tip is taken
	viaTop           // into the top, from the gap above
)

// router holds the routing state.
type router struct {
	*layout
	fwdSide  []int       // side tip used by a decision's branch, or 0
	loopSide []int       // channel side of each loop
	exitVia  []int       // how each loop leaves its source
	entryVia []int       // how each loop enters its target
	chanX    []float64   // x of each loop's channel
	sideOut  [][2]int    // per node: edges leaving by the left/right side
	sideIn   [][2]int    // per node: loops entering by the left/right side
	fwdOut   [][2]int    // per node: branches leaving by the left/right tip
	topPort  []float64   // x where each edge enters its target's top
	botPort  []float64   // x where each edge leaves its source's bottom
	tracks   []track     // horizontal segments in the gaps
	plans    [][]ppt     // per edge
	band     []float64   // per gap: room for labels at its top
	gapTop   []float64   // per gap
	rowTop   []float64   // per layer
	rowH     []float64   // per layer
	lab      []labelInfo // per edge
}

type labelInfo struct {
	lines []string
	w, h  float64
}

func si(s int) int { return (s + 1) / 2 } // -1 → 0, +1 → 1

// blocked reports whether another box of u's layer overlaps the x range
// [x0, x1] (in either order).
func (r *router) blocked(u int, x0, x1 float64) bool {
	lo, hi := math.Min(x0, x1)-0.2*r.em, math.Max(x0, x1)+0.2*r.em
	for _, k := range r.layers[r.boxes[u].layer] {
		if el := r.elems[k]; el.node >= 0 && el.node != u {
			b := r.boxes[el.node]
			if b.x-b.w/2 < hi && b.x+b.w/2 > lo {
				return true
			}
		}
	}
	return false
}

// beyond counts the elements of u's layer beyond u on side s.
func (r *router) beyond(u, s int) int {
	n := 0
	for _, k := range r.layers[r.boxes[u].layer] {
		if float64(s)*(r.elems[k].x-r.boxes[u].x) > 0.5 {
			n++
		}
	}
	return n
}

// route routes every edge, gives the layers and gaps their heights, places
// the labels and returns the finished diagram.
func (l *layout) route() *Diagram {
	ne, nn := len(l.g.Edges), len(l.boxes)
	r := &router{layout: l,
		fwdSide: make([]int, ne), loopSide: make([]int, ne), exitVia: make([]int, ne), entryVia: make([]int, ne),
		chanX: make([]float64, ne), sideOut: make([][2]int, nn), sideIn: make([][2]int, nn), fwdOut: make([][2]int, nn),
		topPort: make([]float64, ne), botPort: make([]float64, ne), plans: make([][]ppt, ne),
		band: make([]float64, l.nl+1), lab: make([]labelInfo, ne)}
	for i, el := range l.elems {
		if el.node >= 0 {
			l.boxes[el.node].x = l.elems[i].x
		}
	}
	for e, ed := range l.g.Edges {
		lines, w, h := l.labelSize(ed.Label)
		r.lab[e] = labelInfo{lines, w, h}
	}
	r.branches()
	r.loops()
	r.channels()
	r.ports()
	for e := range l.g.Edges {
		switch u, v := l.ends(e); {
		case u == v:
			r.planSelf(e)
		case l.back[e]:
			r.planLoop(e)
		default:
			r.planForward(e)
		}
	}
	r.heights()
	return r.finish()
}

// branches lets a decision's branch leave by the side tip when its next
// element lies beyond the tip and nothing is in the way.
func (r *router) branches() {
	for e, c := range r.chain {
		if c == nil || r.boxes[c[0]].Kind != KindDecision {
			continue
		}
		u, b, f := c[0], r.boxes[c[0]], r.elems[c[1]]
		dx := f.x - b.x
		s := 1
		if dx < 0 {
			s = -1
		}
		if math.Abs(dx) < b.w/2+0.8*r.em || r.fwdOut[u][si(s)] > 0 || r.blocked(u, b.x+float64(s)*b.w/2, f.x) {
			continue
		}
		r.fwdSide[e] = s
		r.fwdOut[u][si(s)]++
		r.sideOut[u][si(s)]++
	}
}

// loops picks the channel side of each loop and how it leaves and enters.
func (r *router) loops() {
	for e := range r.g.Edges {
		u, v := r.ends(e)
		if !r.back[e] || u == v {
			continue
		}
		best, bestCost := 0, math.Inf(1)
		var bestExit, bestEntry int
		for _, s := range []int{-1, 1} {
			fs := float64(s)
			bu, bv := r.boxes[u], r.boxes[v]
			exit, entry, cost := viaSide, viaSide, 0.0
			switch {
			case bu.Kind == KindDecision && r.fwdOut[u][si(s)] > 0:
				exit, cost = viaBottom, 5
			case r.blocked(u, bu.x+fs*bu.w/2, fs*1e9):
				exit, cost = viaStub, 3
			}
			if r.blocked(v, bv.x+fs*bv.w/2, fs*1e9) {
				entry, cost = viaTop, cost+3
			}
			cost += 0.5 * float64(r.beyond(u, s)+r.beyond(v, s))
			if fs*bu.x < -0.5*r.em {
				cost += 2
			}
			if fs*bv.x < -0.5*r.em {
				cost++
			}
			if s > 0 {
				cost += 0.1
			}
			if cost < bestCost {
				best, bestCost, bestExit, bestEntry = s, cost, exit, entry
			}
		}
		r.loopSide[e], r.exitVia[e], r.entryVia[e] = best, bestExit, bestEntry
		if bestExit != viaBottom {
			r.sideOut[u][si(best)]++
		}
		if bestEntry == viaSide {
			r.sideIn[v][si(best)]++
		}
	}
}

// channels gives each loop a vertical channel outside the drawing, the
// shortest loops innermost.
func (r *router) channels() {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, el := range r.elems {
		lo, hi = math.Min(lo, el.x-el.lw), math.Max(hi, el.x+el.rw)
	}
	var loops []int
	for e := range r.g.Edges {
		if u, v := r.ends(e); r.back[e] && u != v {
			loops = append(loops, e)
		}
	}
	span := func(e int) int { u, v := r.ends(e); return r.boxes[u].layer - r.boxes[v].layer }
	sort.SliceStable(loops, func(i, j int) bool { return span(loops[i]) < span(loops[j]) })
	k := [2]int{}
	for _, e := range loops {
		s := r.loopSide[e]
		d := (1.8 + chanEm*float64(k[si(s)])) * r.em
		if s < 0 {
			r.chanX[e] = lo - d
		} else {
			r.chanX[e] = hi + d
		}
		k[si(s)]++
	}
}

// portReq asks for a place on a box's top or bottom edge.
type portReq struct {
	edge int
	want float64
	main bool
}

// ports spreads the edges entering a box's top and leaving its bottom
// along those edges, in the order of where they come from or go to; the
// main path keeps the centre. Diamonds have one point at each tip.
func (r *router) ports() {
	top := make([][]portReq, len(r.boxes))
	bot := make([][]portReq, len(r.boxes))
	for e, c := range r.chain {
		if c != nil && r.fwdSide[e] == 0 {
			bot[c[0]] = append(bot[c[0]], portReq{e, r.elems[c[1]].x, r.mainEdge[e]})
		}
	}
	for u := range r.boxes {
		r.spread(u, bot[u], r.botPort)
	}
	for e, c := range r.chain {
		if c == nil {
			if r.back[e] && r.entryVia[e] == viaTop {
				_, v := r.ends(e)
				top[v] = append(top[v], portReq{e, float64(r.loopSide[e]) * 1e9, false})
			}
			continue
		}
		v := c[len(c)-1]
		prev := r.elems[c[len(c)-2]].x // a dummy, or the branch's drop
		if len(c) == 2 && r.fwdSide[e] == 0 {
			prev = r.botPort[e]
		} else if len(c) == 2 {
			prev = r.elems[v].x
		}
		top[v] = append(top[v], portReq{e, prev, r.mainEdge[e]})
	}
	for u := range r.boxes {
		r.spread(u, top[u], r.topPort)
	}
	for e := range r.g.Edges { // loops leaving a diamond by its bottom tip
		if u, _ := r.ends(e); r.back[e] && r.exitVia[e] == viaBottom {
			r.botPort[e] = r.boxes[u].x
		}
	}
}

func (r *router) spread(u int, reqs []portReq, port []float64) {
	b := r.boxes[u]
	if len(reqs) == 0 {
		return
	}
	if b.Kind == KindDecision {
		for _, q := range reqs {
			port[q.edge] = b.x
		}
		return
	}
	inset := 0.6 * r.em
	if b.Kind != KindStep {
		inset = b.h/2 + 0.2*r.em
	}
	lo, hi := b.x-b.w/2+inset, b.x+b.w/2-inset
	if lo > hi {
		lo, hi = b.x, b.x
	}
	sort.SliceStable(reqs, func(i, j int) bool { return reqs[i].want < reqs[j].want })
	n := len(reqs)
	m := -1 // the main path's port, kept at the centre
	for i, q := range reqs {
		if q.main {
			m = i
		}
	}
	d, w, s := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, q := range reqs {
		d[i], w[i] = math.Max(lo, math.Min(hi, q.want)), 1
		switch {
		case i == m:
			d[i], w[i] = b.x, 1e6
		case m >= 0 && i < m: // room left of the centre shared by those left of it
			s[i] = math.Min(0.9*r.em, (b.x-lo)/float64(m))
		case m >= 0:
			s[i] = math.Min(0.9*r.em, (hi-b.x)/float64(max(n-1-m, 1)))
		default:
			s[i] = math.Min(0.9*r.em, (hi-lo)/float64(max(n-1, 1)))
		}
	}
	x := solve(d, w, s)
	shift := 0.0
	if x[0] < lo {
		shift = lo - x[0]
	} else if x[n-1] > hi {
		shift = hi - x[n-1]
	}
	for i := range x {
		x[i] += shift
	}
	if m >= 0 {
		x[m] = b.x
	}
	for i, q := range reqs {
		port[q.edge] = x[i]
	}
}

func (r *router) addTrack(gap int, a, b float64) int {
	r.tracks = append(r.tracks, track{gap: gap, lo: math.Min(a, b), hi: math.Max(a, b)})
	return len(r.tracks) - 1
}

func at(x float64, node int, d float64) ppt { return ppt{x, yref{false, node, d}} }
func onTrack(x float64, t int) ppt          { return ppt{x, yref{true, t, 0}} }

// planForward routes a forward edge down its chain of elements: out of the
// bottom (or a decision's side tip), through each dummy's place, jogging
// sideways on a track in a gap where the x changes, into the target's top.
func (r *router) planForward(e int) {
	c := r.chain[e]
	u, v := c[0], c[len(c)-1]
	bu := r.boxes[u]
	var p []ppt
	var cur float64
	if s := r.fwdSide[e]; s != 0 {
		cur = r.elems[c[1]].x
		p = append(p, at(bu.x+float64(s)*bu.w/2, u, 0), at(cur, u, 0))
	} else {
		cur = r.botPort[e]
		p = append(p, at(cur, u, bu.h/2))
	}
	for i := 1; i < len(c); i++ {
		el := r.elems[c[i]]
		nx := el.x
		if el.node >= 0 {
			nx = r.topPort[e]
		}
		if math.Abs(nx-cur) > 0.5 {
			t := r.addTrack(el.layer, cur, nx)
			p = append(p, onTrack(cur, t), onTrack(nx, t))
			cur = nx
		}
	}
	r.plans[e] = append(p, at(cur, v, -r.boxes[v].h/2))
	if r.lab[e].h > 0 {
		g := bu.layer + 1
		r.band[g] = math.Max(r.band[g], r.lab[e].h+0.5*r.em)
	}
}

// sidePoint is where an edge leaves (out) or enters a box's side s.
func (r *router) sidePoint(u, s int, out bool) ppt {
	b := r.boxes[u]
	fs := float64(s)
	if b.Kind == KindDecision {
		if !out && r.sideOut[u][si(s)] > 0 { // the tip is taken: enter the upper edge
			return at(b.x+fs*b.w/4, u, -b.h/4)
		}
		return at(b.x+fs*b.w/2, u, 0)
	}
	d := 0.0
	if out && r.sideIn[u][si(s)] > 0 {
		d = b.h / 4
	} else if !out && r.sideOut[u][si(s)] > 0 {
		d = -b.h / 4
	}
	x := b.w / 2
	if b.Kind != KindStep { // on the round cap of a terminal
		rad := b.h / 2
		x = b.w/2 - rad + math.Sqrt(rad*rad-d*d)
	}
	return at(b.x+fs*x, u, d)
}

// stubX is the x between u's side s and the next box that way.
func (r *router) stubX(u, s int) float64 {
	b := r.boxes[u]
	fs := float64(s)
	edge, near := b.x+fs*b.w/2, math.Inf(1)
	for _, k := range r.layers[b.layer] {
		if el := r.elems[k]; el.node >= 0 && el.node != u {
			o := r.boxes[el.node]
			if d := fs * (o.x - fs*o.w/2 - edge); d > 0 {
				near = math.Min(near, d)
			}
		}
	}
	if math.IsInf(near, 1) {
		near = 2 * r.em
	}
	return edge + fs*near/2
}

// planLoop routes a back edge: out of its source towards its channel,
// along the channel up to its target's layer, and into the target.
func (r *router) planLoop(e int) {
	u, v := r.ends(e)
	s, cx := r.loopSide[e], r.chanX[e]
	bu, bv := r.boxes[u], r.boxes[v]
	var p []ppt
	switch r.exitVia[e] {
	case viaSide:
		q := r.sidePoint(u, s, true)
		p = append(p, q, ppt{cx, q.y})
	case viaStub:
		q := r.sidePoint(u, s, true)
		x := r.stubX(u, s)
		t := r.addTrack(bu.layer+1, x, cx)
		p = append(p, q, ppt{x, q.y}, onTrack(x, t), onTrack(cx, t))
	case viaBottom:
		t := r.addTrack(bu.layer+1, bu.x, cx)
		p = append(p, at(bu.x, u, bu.h/2), onTrack(bu.x, t), onTrack(cx, t))
	}
	if r.exitVia[e] != viaSide && r.lab[e].h > 0 {
		r.band[bu.layer+1] = math.Max(r.band[bu.layer+1], r.lab[e].h+0.5*r.em)
	}
	if r.entryVia[e] == viaSide {
		q := r.sidePoint(v, s, false)
		p = append(p, ppt{cx, q.y}, q)
	} else {
		x := r.topPort[e]
		t := r.addTrack(bv.layer, cx, x)
		p = append(p, onTrack(cx, t), onTrack(x, t), at(x, v, -bv.h/2))
	}
	r.plans[e] = p
}

// planSelf routes an edge from a node to itself round its right side.
func (r *router) planSelf(e int) {
	u, _ := r.ends(e)
	b := r.boxes[u]
	d := b.h / 4
	if b.Kind == KindDecision {
		d = b.h / 6
	}
	x := b.x + b.w/2 + 1.2*r.em
	out, in := r.sidePoint(u, 1, true), r.sidePoint(u, 1, false)
	if b.Kind == KindDecision {
		out = at(b.x+b.w/2*(1-2*d/b.h), u, d)
		in = at(out.x, u, -d)
	} else {
		out.y.d, in.y.d = d, -d
	}
	r.plans[e] = []ppt{out, {x, out.y}, {x, in.y}, in}
}

// heights stacks the horizontal tracks of each gap, gives the gaps and
// layers their heights and the boxes their y.
func (r *router) heights() {
	em := r.em
	slots := make([]int, r.nl+1)
	var byGap [][]int = make([][]int, r.nl+1)
	for i, t := range r.tracks {
		byGap[t.gap] = append(byGap[t.gap], i)
	}
	for g, ts := range byGap {
		sort.SliceStable(ts, func(i, j int) bool {
			a, b := r.tracks[ts[i]], r.tracks[ts[j]]
			if a.lo != b.lo {
				return a.lo < b.lo
			}
			return a.hi < b.hi
		})
		var ends []float64
		for _, i := range ts {
			t := &r.tracks[i]
			t.slot = -1
			for k, end := range ends {
				if end+0.6*em < t.lo {
					t.slot, ends[k] = k, t.hi
					break
				}
			}
			if t.slot < 0 {
				t.slot = len(ends)
				ends = append(ends, t.hi)
			}
		}
		slots[g] = len(ends)
	}
	r.rowH = make([]float64, r.nl)
	for _, b := range r.boxes {
		r.rowH[b.layer] = math.Max(r.rowH[b.layer], b.h)
	}
	r.gapTop = make([]float64, r.nl+1)
	r.rowTop = make([]float64, r.nl)
	gapH := make([]float64, r.nl+1)
	y := 0.0
	for g := 0; g <= r.nl; g++ {
		h := float64(slots[g])*trackEm*em + r.band[g]
		if g == 0 || g == r.nl {
			if slots[g] > 0 {
				h += 1.4 * em
			}
		} else {
			h = math.Max(rowGap*em, h+1.6*em)
		}
		r.gapTop[g], gapH[g] = y, h
		y += h
		if g < r.nl {
			r.rowTop[g] = y
			y += math.Max(r.rowH[g], em)
		}
	}
	for _, b := range r.boxes {
		b.y = r.rowTop[b.layer] + r.rowH[b.layer]/2
	}
	for i := range r.tracks {
		t := &r.tracks[i]
		free := gapH[t.gap] - r.band[t.gap]
		start := r.gapTop[t.gap] + r.band[t.gap] + (free-float64(slots[t.gap])*trackEm*em)/2
		t.y = start + (float64(t.slot)+0.5)*trackEm*em
	}
}

func (r *router) y(q yref) float64 {
	if q.track {
		return r.tracks[q.i].y
	}
	return r.boxes[q.i].y + q.d
}

// finish turns the plans into points, places the labels and moves
// everything into a viewBox with a margin.
func (r *router) finish() *Diagram {
	d := &Diagram{em: r.em, boxes: r.boxes}
	for e, ed := range r.g.Edges {
		u, v := r.ends(e)
		rt := &route{Edge: ed, loop: r.back[e], from: u, to: v, isMain: r.mainEdge[e],
			lines: r.lab[e].lines, lfont: r.em * labelFont}
		for _, q := range r.plans[e] {
			rt.pts = append(rt.pts, pt{q.x, r.y(q.y)})
		}
		rt.pts = simplify(rt.pts)
		d.edges = append(d.edges, rt)
	}
	r.placeLabels(d)
	bb := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	add := func(x0, y0, x1, y1 float64) {
		bb = rect{math.Min(bb.x0, x0), math.Min(bb.y0, y0), math.Max(bb.x1, x1), math.Max(bb.y1, y1)}
	}
	for _, b := range d.boxes {
		rc := b.rect()
		add(rc.x0, rc.y0, rc.x1, rc.y1)
	}
	for _, rt := range d.edges {
		for _, p := range rt.pts {
			add(p.x-arrowHalf*r.em, p.y, p.x+arrowHalf*r.em, p.y)
		}
		if rt.label != nil {
			add(rt.label.x0, rt.label.y0, rt.label.x1, rt.label.y1)
		}
	}
	m := marginEm * r.em
	dx, dy := m-bb.x0, m-bb.y0
	for _, b := range d.boxes {
		b.x, b.y = round(b.x+dx), round(b.y+dy)
	}
	for _, rt := range d.edges {
		for i := range rt.pts {
			rt.pts[i] = pt{round(rt.pts[i].x + dx), round(rt.pts[i].y + dy)}
		}
		if rt.label != nil {
			l := rt.label
			*l = rect{round(l.x0 + dx), round(l.y0 + dy), round(l.x1 + dx), round(l.y1 + dy)}
		}
	}
	d.Width, d.Height = math.Ceil(bb.x1-bb.x0+2*m), math.Ceil(bb.y1-bb.y0+2*m)
	return d
}

// round keeps one decimal, enough for a crisp drawing and stable output.
func round(v float64) float64 { return math.Round(v*10) / 10 }

// simplify drops repeated points and the middle of straight runs.
func simplify(ps []pt) []pt {
	var out []pt
	for _, p := range ps {
		if n := len(out); n > 0 && math.Abs(out[n-1].x-p.x) < 0.05 && math.Abs(out[n-1].y-p.y) < 0.05 {
			continue
		}
		if n := len(out); n >= 2 {
			a, b := out[n-2], out[n-1]
			if (math.Abs(a.x-b.x) < 0.05 && math.Abs(b.x-p.x) < 0.05) || (math.Abs(a.y-b.y) < 0.05 && math.Abs(b.y-p.y) < 0.05) {
				if (b.x-a.x)*(p.x-b.x)+(b.y-a.y)*(p.y-b.y) > 0 { // same direction
					out[n-1] = p
					continue
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// placeLabels puts each edge label at the first of its candidate places
// that overlaps no box, no other label and no edge; failing that, at the
// box-free candidate with the fewest such conflicts. Every edge has at
// least one candidate that is box-free by construction: a label band at
// the top of the gap below its source, or the outer side of its channel.
func (r *router) placeLabels(d *Diagram) {
	var boxes []rect
	for _, b := range d.boxes {
		boxes = append(boxes, b.rect().grow(0.15*r.em))
	}
	var placed []rect
	for e, rt := range d.edges {
		li := r.lab[e]
		if li.h == 0 {
			continue
		}
		best, bestN := rect{}, -1
		for _, c := range r.candidates(e, rt, li) {
			hit := false
			for _, b := range boxes {
				if c.overlaps(b) {
					hit = true
					break
				}
			}
			if hit {
				continue
			}
			n := 0
			for _, p := range placed {
				if c.overlaps(p.grow(0.1 * r.em)) {
					n += 3
				}
			}
			for _, o := range d.edges {
				for i := 0; i+1 < len(o.pts); i++ {
					if segHits(o.pts[i], o.pts[i+1], c) {
						n++
					}
				}
			}
			if bestN < 0 || n < bestN {
				best, bestN = c, n
			}
			if n == 0 {
				break
			}
		}
		if bestN >= 0 {
			rt.label = &best
			placed = append(placed, best)
		}
	}
}

// segHits reports whether the axis-parallel segment a–b passes through c.
func segHits(a, b pt, c rect) bool {
	s := rect{math.Min(a.x, b.x) - 0.01, math.Min(a.y, b.y) - 0.01, math.Max(a.x, b.x) + 0.01, math.Max(a.y, b.y) + 0.01}
	return s.overlaps(c)
}

// candidates lists the places tried for an edge's label, best first.
func (r *router) candidates(e int, rt *route, li labelInfo) []rect {
	em := r.em
	pad, lift := 0.3*em, 0.2*em
	w, h := li.w, li.h
	var cs []rect
	// beside a horizontal segment a→b, near a, above then below
	horiz := func(a, b pt) {
		if math.Abs(a.x-b.x) < w+2*pad || math.Abs(a.y-b.y) > 0.05 {
			return
		}
		x0 := a.x + pad
		if b.x < a.x {
			x0 = a.x - pad - w
		}
		cs = append(cs, rect{x0, a.y - lift - h, x0 + w, a.y - lift}, rect{x0, a.y + lift, x0 + w, a.y + lift + h})
	}
	// in the label band of gap g, right then left of x
	band := func(g int, x float64) {
		y0 := r.gapTop[g] + 0.3*em
		cs = append(cs, rect{x + pad, y0, x + pad + w, y0 + h}, rect{x - pad - w, y0, x - pad, y0 + h})
	}
	p := rt.pts
	u, v := r.ends(e)
	bu := r.boxes[u]
	switch {
	case u == v:
		x := p[1].x
		cs = append(cs, rect{x + pad, bu.y - h/2, x + pad + w, bu.y + h/2})
	case r.back[e]:
		cx, s := r.chanX[e], float64(r.loopSide[e])
		switch r.exitVia[e] {
		case viaSide:
			horiz(p[0], p[1])
		case viaStub:
			band(bu.layer+1, p[1].x)
			horiz(p[0], p[1])
		case viaBottom:
			band(bu.layer+1, p[0].x)
		}
		// outside the channel, going up from where the loop reaches it
		var y float64
		for i := range p {
			if math.Abs(p[i].x-cx) < 0.05 {
				y = p[i].y
				break
			}
		}
		x0 := cx + pad
		if s < 0 {
			x0 = cx - pad - w
		}
		cs = append(cs, rect{x0, y - lift - h, x0 + w, y - lift})
	default:
		if r.fwdSide[e] != 0 {
			horiz(p[0], p[1])
			band(bu.layer+1, p[1].x)
		} else {
			band(bu.layer+1, p[0].x)
		}
	}
	return cs
}
