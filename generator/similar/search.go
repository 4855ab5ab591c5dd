package similar

import (
	"cmp"
	"context"
	"slices"

	"huajie/generator/pool"
)

// scored is a candidate and its score.
type scored struct {
	doc   int32
	score float64
	ref   float64 // refBonus
	cos   float64 // text cosine
}

// better orders candidates by score, highest first, then by position, that
// is by id.
func better(a, b scored) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.doc < b.doc
}

func byScore(a, b scored) int {
	switch {
	case better(a, b):
		return -1
	case better(b, a):
		return 1
	}
	return 0
}

// worker holds the buffers of one goroutine of search.
type worker struct {
	acc     []float32 // partial dot products by document
	dense   []float32 // the weights of the current document by term id
	touched []int32
	cands   []scored
}

func (m *model) newWorker() *worker {
	return &worker{acc: make([]float32, len(m.docs)), dense: make([]float32, len(m.keys))}
}

// search fills out[i] with the neighbours of docs[i].
func (m *model) search(ctx context.Context, k int, out [][]Neighbor) {
	pool.Run(ctx, chunks(len(m.docs), func(lo, hi int) {
		w := m.newWorker()
		for i := lo; i < hi && ctx.Err() == nil; i++ {
			w.candidates(m, i, max(m.p.candidates, 4*k))
			out[i] = w.neighbors(m, i, k)
		}
	}))
}

// candidates collects in w.cands the nc best candidates of docs[i]: the
// documents with one of their heaviest terms in docs[i], ranked by the dot
// product over those terms and the bonuses.
func (w *worker) candidates(m *model, i, nc int) {
	d := &m.docs[i]
	w.touched = w.touched[:0]
	for j, x := range d.vec {
		ps := m.postings[m.postStart[x.id]:m.postStart[x.id+1]]
		if limit := m.maxPost; limit > 0 && (len(ps) > limit || j >= d.ntop && len(ps) > m.maxPostMinor) {
			continue
		}
		for _, p := range ps {
			if w.acc[p.doc] == 0 {
				w.touched = append(w.touched, p.doc)
			}
			w.acc[p.doc] += x.w * p.w
		}
	}
	// First by the partial dot product and the domain and act type
	// bonuses, which cost nothing; then the best 2·nc of them with the
	// citation and keyword bonuses.
	w.cands = w.cands[:0]
	dom, act := m.dom[i], m.act[i]
	for _, e := range w.touched {
		s := float64(w.acc[e])
		w.acc[e] = 0
		if int(e) == i {
			continue
		}
		if dom != 0 && m.dom[e] == dom {
			s += m.p.domain
		}
		if act != 0 && m.act[e] == act {
			s += m.p.act
		}
		// Most documents fall below the worst kept: skip them here.
		if len(w.cands) < 2*nc || s >= w.cands[0].score {
			w.cands = pushBest(w.cands, 2*nc, scored{doc: e, score: s})
		}
	}
	for c := range w.cands {
		w.cands[c].ref = m.refBonus(d, &m.docs[w.cands[c].doc])
		w.cands[c].score += w.cands[c].ref
	}
	slices.SortFunc(w.cands, byScore)
	w.cands = w.cands[:min(len(w.cands), nc)]
}

// neighbors scores w.cands exactly and returns the best k that pass the
// floors, in retrieval order.
func (w *worker) neighbors(m *model, i, k int) []Neighbor {
	d := &m.docs[i]
	// d's weights spread over a dense array make each dot product one pass
	// over the candidate's terms.
	for _, x := range d.vec {
		w.dense[x.id] = x.w
	}
	for c := range w.cands {
		e := &m.docs[w.cands[c].doc]
		dot := w.dot(e.vec)
		w.cands[c].cos = float64(dot * d.cos * e.cos)
		w.cands[c].score = m.p.text*float64(dot) + m.facetBonus(d, e) + w.cands[c].ref
	}
	for _, x := range d.vec {
		w.dense[x.id] = 0
	}
	slices.SortFunc(w.cands, byScore)

	var nb []Neighbor
	for _, c := range w.cands {
		if len(nb) == k {
			break
		}
		if c.cos < m.p.minText || c.score < m.p.minScore {
			continue
		}
		e := &m.docs[c.doc]
		it := &m.items[e.idx]
		nb = append(nb, Neighbor{ID: it.ID, Rank: it.Rank, Score: c.score, Reasons: m.reasons(d, e, c.cos)})
	}
	slices.SortStableFunc(nb, func(a, b Neighbor) int { return cmp.Compare(a.Rank, b.Rank) })
	return nb
}

// dot is the dot product of vec and the dense weights, summed in four
// lanes so that the additions do not wait on each other.
func (w *worker) dot(vec []tw) float32 {
	var s0, s1, s2, s3 float32
	dense := w.dense
	for len(vec) >= 4 {
		v := vec[:4:4]
		s0 += dense[v[0].id] * v[0].w
		s1 += dense[v[1].id] * v[1].w
		s2 += dense[v[2].id] * v[2].w
		s3 += dense[v[3].id] * v[3].w
		vec = vec[4:]
	}
	for _, x := range vec {
		s0 += dense[x.id] * x.w
	}
	return (s0 + s1) + (s2 + s3)
}

// pushBest adds c to h, a heap of at most n candidates whose root is the
// worst, when h is not full or c is better than the worst.
func pushBest(h []scored, n int, c scored) []scored {
	if len(h) < n {
		h = append(h, c)
		for j := len(h) - 1; j > 0; {
			parent := (j - 1) / 2
			if !better(h[parent], h[j]) {
				break
			}
			h[parent], h[j] = h[j], h[parent]
			j = parent
		}
		return h
	}
	if n == 0 || !better(c, h[0]) {
		return h
	}
	h[0] = c
	for j := 0; ; {
		worst := j
		if l := 2*j + 1; l < len(h) && better(h[worst], h[l]) {
			worst = l
		}
		if r := 2*j + 2; r < len(h) && better(h[worst], h[r]) {
			worst = r
		}
		if worst == j {
			return h
		}
		h[j], h[worst] = h[worst], h[j]
		j = worst
	}
}

// facetBonus is the bonus for the same domain and act type.
func (m *model) facetBonus(a, b *doc) float64 {
	var s float64
	if a.dom != 0 && a.dom == b.dom {
		s += m.p.domain
	}
	if a.act != 0 && a.act == b.act {
		s += m.p.act
	}
	return s
}

// refBonus is the bonus for shared citations and keywords.
func (m *model) refBonus(a, b *doc) float64 {
	return m.p.cite*m.cites.measure(a.cites, b.cites, a.citeSum, b.citeSum, m.p.citeMode, m.p.dampK) +
		m.p.kw*m.keywords.measure(a.kws, b.kws, a.kwSum, b.kwSum, m.p.kwMode, m.p.dampK)
}

// exhaustive is search without the index: every pair is scored. The tests
// measure the index's recall against it.
func (m *model) exhaustive(i, k int) []Neighbor {
	w := m.newWorker()
	for e := range m.docs {
		if e != i {
			w.cands = append(w.cands, scored{doc: int32(e), ref: m.refBonus(&m.docs[i], &m.docs[e])})
		}
	}
	return w.neighbors(m, i, k)
}
