package flow

import (
	"math"
	"sort"
)

// link joins an element to one in the next layer up or down.
type link struct {
	to   int
	off  float64 // wanted x(lower) − x(upper)
	bias float64 // nudge of the lower end's barycentre (decision branches)
}

// elem is a node or a dummy node of a long edge, in one layer.
type elem struct {
	node     int // index of the node, or -1 for a dummy
	edge     int // edge of a dummy
	layer    int
	pos      int // index in its layer
	x        float64
	lw, rw   float64 // extent left and right of x
	up, down []link
	main     bool // on the main path
}

// layout holds the state of one Layout call.
type layout struct {
	g     Graph
	o     Options
	em    float64
	index map[string]int
	boxes []*box

	back     []bool  // edge is a back edge (a loop), self-loops included
	out, in  [][]int // forward edges of each node, in input order
	topo     []int   // nodes in topological order of the forward edges
	nl       int     // number of layers
	mainNode []bool
	mainEdge []bool
	side     []int // branch side of a decision's forward edge: -1 left, 0 down, +1 right

	elems  []*elem
	chain  [][]int // elements of each forward edge, source to target
	layers [][]int
}

// Layout computes the positions of the nodes, the routes of the edges and
// the places of the edge labels.
func Layout(g Graph, o Options) (*Diagram, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	index, err := check(g)
	if err != nil {
		return nil, err
	}
	l := &layout{g: g, o: o, em: o.FontSize, index: index}
	for _, n := range g.Nodes {
		b := &box{Node: n}
		if b.Kind == "" {
			b.Kind = KindStep
		}
		measure(b, l.em, o.MaxLabelEm)
		l.boxes = append(l.boxes, b)
	}
	l.breakCycles()
	l.assignLayers()
	l.findMain()
	l.chooseSides()
	l.widen()
	l.arrange()
	d := l.route()
	d.title, d.desc, d.id = g.Title, g.Desc, o.ID
	if d.id == "" {
		d.id = svgID(g)
	}
	return d, nil
}

func (l *layout) ends(e int) (int, int) {
	return l.index[l.g.Edges[e].From], l.index[l.g.Edges[e].To]
}

// breakCycles marks as back edges those that close a cycle in a
// depth-first search started from the start nodes, then from the sources,
// then from whatever is left, each in input order.
func (l *layout) breakCycles() {
	n := len(l.boxes)
	adj := make([][]int, n)
	indeg := make([]int, n)
	for e := range l.g.Edges {
		u, v := l.ends(e)
		adj[u] = append(adj[u], e)
		if u != v {
			indeg[v]++
		}
	}
	l.back = make([]bool, len(l.g.Edges))
	state := make([]int, n) // 0 new, 1 on the stack, 2 done
	var visit func(u int)
	visit = func(u int) {
		state[u] = 1
		for _, e := range adj[u] {
			_, v := l.ends(e)
			switch state[v] {
			case 0:
				visit(v)
			case 1:
				l.back[e] = true
			}
		}
		state[u] = 2
	}
	for pass := 0; pass < 3; pass++ {
		for i, b := range l.boxes {
			if state[i] == 0 && (pass == 2 || pass == 0 && b.Kind == KindStart || pass == 1 && indeg[i] == 0) {
				visit(i)
			}
		}
	}
	l.out, l.in = make([][]int, n), make([][]int, n)
	for e := range l.g.Edges {
		if !l.back[e] {
			u, v := l.ends(e)
			l.out[u] = append(l.out[u], e)
			l.in[v] = append(l.in[v], e)
		}
	}
}

// assignLayers puts each node one layer below its lowest predecessor
// (longest-path layering), then moves sources that are not start nodes
// down next to their successors.
func (l *layout) assignLayers() {
	n := len(l.boxes)
	deg := make([]int, n)
	var queue []int
	for i := range l.boxes {
		deg[i] = len(l.in[i])
		if deg[i] == 0 {
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		l.topo = append(l.topo, u)
		for _, e := range l.out[u] {
			_, v := l.ends(e)
			l.boxes[v].layer = max(l.boxes[v].layer, l.boxes[u].layer+1)
			if deg[v]--; deg[v] == 0 {
				queue = append(queue, v)
			}
		}
	}
	for k := n - 1; k >= 0; k-- {
		u := l.topo[k]
		if b := l.boxes[u]; len(l.in[u]) == 0 && len(l.out[u]) > 0 && b.Kind != KindStart {
			m := math.MaxInt
			for _, e := range l.out[u] {
				_, v := l.ends(e)
				m = min(m, l.boxes[v].layer-1)
			}
			b.layer = max(b.layer, m)
		}
	}
	for _, b := range l.boxes {
		l.nl = max(l.nl, b.layer+1)
	}
}

// findMain finds the main path: the forward path spanning the most layers,
// then with the most edges, preferring earlier edges on ties.
func (l *layout) findMain() {
	n := len(l.boxes)
	start := make([]int, n) // layer where the best path into the node starts
	edges := make([]int, n)
	pred := make([]int, n)
	for _, v := range l.topo {
		pred[v], start[v] = -1, l.boxes[v].layer
		for _, e := range l.in[v] {
			u, _ := l.ends(e)
			if pred[v] < 0 || start[u] < start[v] || start[u] == start[v] && edges[u]+1 > edges[v] {
				pred[v], start[v], edges[v] = e, start[u], edges[u]+1
			}
		}
	}
	end := -1
	for _, v := range l.topo {
		if len(l.out[v]) > 0 {
			continue
		}
		if end < 0 {
			end = v
			continue
		}
		sv, se := l.boxes[v].layer-start[v], l.boxes[end].layer-start[end]
		if sv > se || sv == se && (edges[v] > edges[end] || edges[v] == edges[end] && l.boxes[v].Kind == KindEnd && l.boxes[end].Kind != KindEnd) {
			end = v
		}
	}
	l.mainNode = make([]bool, n)
	l.mainEdge = make([]bool, len(l.g.Edges))
	for v := end; v >= 0; {
		l.mainNode[v] = true
		e := pred[v]
		if e < 0 {
			break
		}
		l.mainEdge[e] = true
		v, _ = l.ends(e)
	}
}

// chooseSides decides where the forward edges of each decision go: the
// main edge (or else the one leading deepest) straight down, the others
// alternately to the left and the right.
func (l *layout) chooseSides() {
	n := len(l.boxes)
	reach := make([]int, n) // deepest layer reachable
	for k := n - 1; k >= 0; k-- {
		u := l.topo[k]
		reach[u] = l.boxes[u].layer
		for _, e := range l.out[u] {
			_, v := l.ends(e)
			reach[u] = max(reach[u], reach[v])
		}
	}
	l.side = make([]int, len(l.g.Edges))
	for u, b := range l.boxes {
		if b.Kind != KindDecision || len(l.out[u]) < 2 {
			continue
		}
		down := -1
		for _, e := range l.out[u] {
			_, v := l.ends(e)
			if l.mainEdge[e] {
				down = e
				break
			}
			if _, w := l.ends(max(down, 0)); down < 0 || reach[v] > reach[w] {
				down = e
			}
		}
		s := -1
		for _, e := range l.out[u] {
			if e != down {
				l.side[e] = s
				s = -s
			}
		}
	}
}

// widen makes steps and terminals wide enough for their incoming and
// outgoing edges to enter and leave apart.
func (l *layout) widen() {
	for u, b := range l.boxes {
		if b.Kind == KindDecision {
			continue
		}
		n := max(len(l.in[u]), len(l.out[u]))
		inset := 0.6 * l.em
		if b.Kind != KindStep {
			inset = b.h/2 + 0.2*l.em
		}
		b.w = math.Max(b.w, float64(n-1)*1.4*l.em+2*inset)
	}
}

// arrange orders and places the elements; where a decision's branch could
// not get past the diamond's tip (so that it would have to leave by the
// bottom), it tries the branch on the other side, keeping the best.
func (l *layout) arrange() {
	best, bestBad := append([]int(nil), l.side...), math.MaxInt
	tried := make(map[int]bool)
	for attempt := 0; ; attempt++ {
		l.buildChains()
		l.order()
		l.place()
		bad := l.badBranches()
		if len(bad) < bestBad {
			best, bestBad = append([]int(nil), l.side...), len(bad)
		}
		flip := -1
		for _, e := range bad {
			if !tried[e] {
				flip = e
				break
			}
		}
		if len(bad) == 0 || flip < 0 || attempt == 8 {
			break
		}
		tried[flip] = true
		// Swap the branch with its sibling on the other side, if any.
		u, _ := l.ends(flip)
		for _, e := range l.out[u] {
			if l.side[e] == -l.side[flip] {
				l.side[e] = l.side[flip]
				break
			}
		}
		l.side[flip] = -l.side[flip]
	}
	if !equal(best, l.side) {
		l.side = best
		l.buildChains()
		l.order()
		l.place()
	}
}

func equal(a, b []int) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

// badBranches lists the side branches of decisions whose first element is
// not beyond the diamond's tip.
func (l *layout) badBranches() []int {
	var bad []int
	for e, c := range l.chain {
		if c != nil && l.side[e] != 0 {
			u, f := l.elems[c[0]], l.elems[c[1]]
			s := float64(l.side[e])
			ok := s*(f.x-u.x) >= u.rw+0.8*l.em
			tip := u.x + s*u.rw
			lo, hi := math.Min(tip, f.x)-0.2*l.em, math.Max(tip, f.x)+0.2*l.em
			for _, k := range l.layers[u.layer] { // and nothing in the way
				if o := l.elems[k]; o.node >= 0 && o != u && o.x-o.lw < hi && o.x+o.rw > lo {
					ok = false
				}
			}
			if !ok {
				bad = append(bad, e)
			}
		}
	}
	return bad
}

// labelSize is the size in px of an edge label wrapped at the label width.
func (l *layout) labelSize(label string) (lines []string, w, h float64) {
	if label == "" {
		return nil, 0, 0
	}
	lf := l.em * labelFont
	lines = wrap(label, l.o.MaxLabelEm)
	for _, s := range lines {
		w = math.Max(w, textEm(s))
	}
	return lines, (w + 0.4) * lf, float64(len(lines)) * labelLine * lf
}

// buildChains makes an element for every node and a chain of dummy
// elements for every forward edge spanning more than one layer.
func (l *layout) buildChains() {
	l.elems = l.elems[:0]
	for i, b := range l.boxes {
		l.elems = append(l.elems, &elem{node: i, layer: b.layer, lw: b.w / 2, rw: b.w / 2, main: l.mainNode[i]})
	}
	l.chain = make([][]int, len(l.g.Edges))
	for e, ed := range l.g.Edges {
		u, v := l.ends(e)
		if l.back[e] {
			if u == v { // room for a self-loop and its label on the right
				_, w, _ := l.labelSize(ed.Label)
				l.elems[u].rw += 1.2*l.em + w + 0.6*l.em
			}
			continue
		}
		c := []int{u}
		for k := l.boxes[u].layer + 1; k < l.boxes[v].layer; k++ {
			c = append(c, len(l.elems))
			l.elems = append(l.elems, &elem{node: -1, edge: e, layer: k, main: l.mainEdge[e]})
		}
		c = append(c, v)
		l.chain[e] = c
		for i := 0; i+1 < len(c); i++ {
			lk := link{}
			if i == 0 && l.side[e] != 0 {
				// A branch leaves the diamond's tip sideways; its first
				// element goes beyond the tip with room for the label.
				_, w, _ := l.labelSize(ed.Label)
				s := float64(l.side[e])
				lk.off = s * (l.boxes[u].w/2 + math.Max(1.6*l.em, w+1.2*l.em))
				lk.bias = s * 0.3
			}
			a, b := l.elems[c[i]], l.elems[c[i+1]]
			a.down = append(a.down, link{c[i+1], lk.off, lk.bias})
			b.up = append(b.up, link{c[i], lk.off, lk.bias})
		}
	}
}

// order finds the order of the elements in each layer: a depth-first
// placement (left branches first), then barycentre sweeps down and up,
// keeping the order with the fewest crossings.
func (l *layout) order() {
	l.layers = make([][]int, l.nl)
	placed := make([]bool, len(l.elems))
	var visit func(u int)
	visit = func(u int) {
		if placed[u] {
			return
		}
		placed[u] = true
		l.layers[l.elems[u].layer] = append(l.layers[l.elems[u].layer], u)
		es := append([]int(nil), l.out[u]...)
		sort.SliceStable(es, func(i, j int) bool { return l.side[es[i]] < l.side[es[j]] })
		for _, e := range es {
			c := l.chain[e]
			for _, d := range c[1 : len(c)-1] {
				placed[d] = true
				l.layers[l.elems[d].layer] = append(l.layers[l.elems[d].layer], d)
			}
			visit(c[len(c)-1])
		}
	}
	for _, u := range l.topo {
		if l.mainNode[u] && len(l.in[u]) == 0 {
			visit(u)
		}
	}
	for _, u := range l.topo {
		if len(l.in[u]) == 0 {
			visit(u)
		}
	}
	for _, u := range l.topo {
		visit(u)
	}
	l.setPos()
	best, bestC := l.copyLayers(), l.crossings()
	for it := 0; it < 24 && bestC > 0; it++ {
		if it%2 == 0 {
			for k := 1; k < l.nl; k++ {
				l.sortLayer(k, true)
			}
		} else {
			for k := l.nl - 2; k >= 0; k-- {
				l.sortLayer(k, false)
			}
		}
		if c := l.crossings(); c < bestC {
			best, bestC = l.copyLayers(), c
		}
	}
	l.layers = best
	l.setPos()
}

func (l *layout) setPos() {
	for _, ly := range l.layers {
		for i, u := range ly {
			l.elems[u].pos = i
		}
	}
}

func (l *layout) copyLayers() [][]int {
	c := make([][]int, len(l.layers))
	for i, ly := range l.layers {
		c[i] = append([]int(nil), ly...)
	}
	return c
}

// sortLayer orders layer k by the barycentres of the elements' neighbours
// in the layer above (up) or below.
func (l *layout) sortLayer(k int, up bool) {
	ly := l.layers[k]
	key := make(map[int]float64, len(ly))
	for _, u := range ly {
		el := l.elems[u]
		links, sign := el.up, 1.0
		if !up {
			links, sign = el.down, -1
		}
		if len(links) == 0 {
			key[u] = float64(el.pos)
			continue
		}
		s := 0.0
		for _, lk := range links {
			s += float64(l.elems[lk.to].pos) + sign*lk.bias
		}
		key[u] = s / float64(len(links))
	}
	sort.SliceStable(ly, func(i, j int) bool { return key[ly[i]] < key[ly[j]] })
	for i, u := range ly {
		l.elems[u].pos = i
	}
}

// crossings counts the pairs of crossing links between adjacent layers.
func (l *layout) crossings() int {
	n := 0
	for _, ly := range l.layers {
		var pairs [][2]int
		for _, u := range ly {
			for _, lk := range l.elems[u].down {
				pairs = append(pairs, [2]int{l.elems[u].pos, l.elems[lk.to].pos})
			}
		}
		for i := range pairs {
			for j := i + 1; j < len(pairs); j++ {
				a, b := pairs[i], pairs[j]
				if (a[0]-b[0])*(a[1]-b[1]) < 0 {
					n++
				}
			}
		}
	}
	return n
}

// sep is the least distance between the centres of neighbours a and b.
func (l *layout) sep(a, b *elem) float64 {
	gap := nodeGap
	if a.node < 0 || b.node < 0 {
		gap = dummyGap
	}
	return a.rw + b.lw + gap*l.em
}

// place assigns x coordinates: each layer in turn is solved for the
// positions nearest to its neighbours' (least squares under the order and
// spacing constraints), sweeping down and up; main-path elements are
// pinned to x = 0.
func (l *layout) place() {
	for _, ly := range l.layers {
		if len(ly) == 0 { // cannot happen: each layer holds a node of a longest path
			continue
		}
		m := 0
		for i, u := range ly {
			if l.elems[u].main {
				m = i
			}
		}
		for i := 1; i < len(ly); i++ {
			a, b := l.elems[ly[i-1]], l.elems[ly[i]]
			b.x = a.x + l.sep(a, b)
		}
		shift := l.elems[ly[m]].x
		for _, u := range ly {
			l.elems[u].x -= shift
		}
	}
	const rounds = 8
	for it := 0; it < 2*rounds; it++ {
		both := it >= 2*rounds-2
		if it%2 == 0 {
			for k := 0; k < l.nl; k++ {
				l.placeLayer(k, true, both)
			}
		} else {
			for k := l.nl - 1; k >= 0; k-- {
				l.placeLayer(k, false, both)
			}
		}
	}
	for pass := 0; pass < 2; pass++ {
		for e := range l.chain {
			l.straighten(e)
		}
	}
	for e, c := range l.chain {
		l.align(e, c)
	}
}

// align puts a node straight below its predecessor when it is that node's
// only successor and the predecessor its only predecessor.
func (l *layout) align(e int, c []int) {
	if len(c) != 2 || l.side[e] != 0 {
		return
	}
	a, b := l.elems[c[0]], l.elems[c[1]]
	if len(a.down) != 1 || len(b.up) != 1 || a.x == b.x {
		return
	}
	switch {
	case !b.main && l.fits(c[1:], a.x):
		b.x = a.x
	case !a.main && l.fits(c[:1], b.x):
		a.x = b.x
	}
}

// straighten puts all dummies of a long edge on one vertical line, if one
// fits between their neighbours in every layer: preferably where a branch
// leaving a decision sideways wants to go, else near where they are.
func (l *layout) straighten(e int) {
	c := l.chain[e]
	if len(c) < 3 || l.mainEdge[e] {
		return
	}
	ds := c[1 : len(c)-1]
	ideal := l.elems[c[0]].x // straight down from the source
	if l.side[e] != 0 {
		ideal = l.elems[c[0]].x + l.elems[c[0]].down[0].off
		for _, lk := range l.elems[c[0]].down {
			if lk.to == c[1] {
				ideal = l.elems[c[0]].x + lk.off
			}
		}
	}
	cands := []float64{ideal}
	for _, d := range ds {
		cands = append(cands, l.elems[d].x)
	}
	best, bestD := 0.0, math.Inf(1)
	for _, x := range cands {
		if d := math.Abs(x - ideal); d < bestD && l.fits(ds, x) {
			best, bestD = x, d
		}
	}
	if !math.IsInf(bestD, 1) {
		for _, d := range ds {
			l.elems[d].x = best
		}
	}
}

// fits reports whether each of the elements ds could move to x without
// coming too close to its neighbours.
func (l *layout) fits(ds []int, x float64) bool {
	for _, d := range ds {
		el := l.elems[d]
		ly := l.layers[el.layer]
		if i := el.pos; i > 0 {
			if a := l.elems[ly[i-1]]; x-a.x < l.sep(a, el)-0.01 {
				return false
			}
		}
		if i := el.pos; i+1 < len(ly) {
			if b := l.elems[ly[i+1]]; b.x-x < l.sep(el, b)-0.01 {
				return false
			}
		}
	}
	return true
}

func (l *layout) placeLayer(k int, up, both bool) {
	ly := l.layers[k]
	n := len(ly)
	d, w, s := make([]float64, n), make([]float64, n), make([]float64, n)
	m := -1
	for i, u := range ly {
		el := l.elems[u]
		sum, cnt := 0.0, 0
		if up || both {
			for _, lk := range el.up {
				sum += l.elems[lk.to].x + lk.off
				cnt++
			}
		}
		if !up || both {
			for _, lk := range el.down {
				sum += l.elems[lk.to].x - lk.off
				cnt++
			}
		}
		d[i], w[i] = el.x, 1
		if cnt > 0 {
			d[i] = sum / float64(cnt)
		}
		for _, lk := range el.up { // a decision's branch must clear the diamond's tip
			if lk.off != 0 {
				d[i], w[i] = l.elems[lk.to].x+lk.off, 20
			}
		}
		if el.main {
			d[i], w[i], m = 0, 1e6, i
		}
		if i+1 < n {
			s[i] = l.sep(el, l.elems[ly[i+1]])
		}
	}
	x := solve(d, w, s)
	shift := 0.0
	if m >= 0 {
		shift = x[m]
	}
	for i, u := range ly {
		l.elems[u].x = x[i] - shift
	}
}

// solve returns the x minimising Σ w·(x−d)² subject to x[i+1] − x[i] ≥
// s[i], by pool-adjacent-violators on y = x − Σ s.
func solve(d, w, s []float64) []float64 {
	n := len(d)
	c := make([]float64, n)
	for i := 1; i < n; i++ {
		c[i] = c[i-1] + s[i-1]
	}
	type block struct {
		w, wy      float64
		start, end int
	}
	var st []block
	for i := 0; i < n; i++ {
		b := block{w[i], w[i] * (d[i] - c[i]), i, i + 1}
		for len(st) > 0 {
			p := st[len(st)-1]
			if p.wy/p.w <= b.wy/b.w {
				break
			}
			st = st[:len(st)-1]
			b = block{p.w + b.w, p.wy + b.wy, p.start, b.end}
		}
		st = append(st, b)
	}
	x := make([]float64, n)
	for _, b := range st {
		for i := b.start; i < b.end; i++ {
			x[i] = b.wy/b.w + c[i]
		}
	}
	return x
}
