package similar

import (
	"cmp"
	"context"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"strings"

	"huajie/generator/pool"
)

// tw is a term of a document and its weight.
type tw struct {
	id int32
	w  float32
}

// doc is an item prepared for scoring.
type doc struct {
	idx int // index in the items
	// vec holds the item's terms with their weights, normalised by the
	// pivoted length; the first ntop are the heaviest, heaviest first.
	vec  []tw
	ntop int
	// cos turns a dot product of pivoted weights into a cosine: the
	// product of the cos of both documents, pivoted length / length.
	cos            float32
	dom            int32   // domain id, 0 when unknown
	act            int32   // act type id, 0 when unknown
	cites          []int32 // sorted ids of cited articles and precedents
	kws            []int32 // sorted keyword ids
	citeSum, kwSum float64 // Σ idf of cites and kws
}

// posting is a document that has a term among its heaviest.
type posting struct {
	doc int32
	w   float32
}

// params are the weights and limits of a computation. Compute uses
// defaultParams; the tests compare others.
type params struct {
	text, domain, act, cite, kw float64
	citeMode, kwMode            int     // measureDamped or measureJaccard
	dampK                       float64 // K of measureDamped
	minText, minScore           float64
	pivot                       float64 // slope of the pivoted length normalisation; 1 is the cosine
	topIndex                    int     // heaviest terms of a document in the inverted index
	maxPostShare                float64 // posting lists longer than this share of the documents are not read; 0 for no limit
	maxPostMinorShare           float64 // the same for the terms of a document not among its heaviest
	candidates                  int     // candidates scored exactly (at least 4·k)
}

var defaultParams = params{
	text: WeightText, domain: WeightDomain, act: WeightActType, cite: WeightCitation, kw: WeightKeyword,
	citeMode: measureDamped, kwMode: measureDamped, dampK: DampK,
	minText: MinText, minScore: MinScore, pivot: PivotSlope,
	topIndex: TopTerms, maxPostShare: MaxPostingShare, maxPostMinorShare: MaxPostingShareMinor, candidates: Candidates,
}

// model is everything Compute derives from the items.
type model struct {
	p                              params
	items                          []Item
	docs                           []doc // sorted by item id
	domains, acts, cites, keywords *set
	dom, act                       []int32 // doc.dom and doc.act by document, compact for the candidate loop
	keys                           []term  // by term id
	postStart                      []int32 // postings of term t: postings[postStart[t]:postStart[t+1]]
	postings                       []posting
	maxPost                        int // longest posting list read; 0 for no limit
	maxPostMinor                   int // longest posting list read for a term not among the heaviest
}

// chunks splits 0..n into about 8 ranges per worker for pool.Run.
func chunks(n int, fn func(lo, hi int)) []func() {
	var jobs []func()
	for _, r := range ranges(n) {
		jobs = append(jobs, func() { fn(r[0], r[1]) })
	}
	return jobs
}

// build prepares the items: facets, term vectors and the inverted index of
// every document's heaviest terms. It returns nil when ctx is cancelled.
func build(ctx context.Context, items []Item, p params) *model {
	m := &model{p: p, items: items, domains: newSet(), acts: newSet(), cites: newSet(), keywords: newSet()}
	m.facets()
	n := len(m.docs)
	if p.maxPostShare > 0 {
		m.maxPost = max(minPost, int(p.maxPostShare*float64(n)))
		m.maxPostMinor = max(minPost, int(p.maxPostMinorShare*float64(n)))
	}

	// The bigrams of every item, counted, and the term dictionary.
	jobs, idf := m.tokenize(ctx)
	if ctx.Err() != nil {
		return nil
	}

	// Weights (1 + ln tf)·idf and the length of every vector, written over
	// the counts.
	norms := make([]float64, n)
	run := make([]func(), len(jobs))
	for j, jb := range jobs {
		run[j] = func() {
			for k, cs := range jb.counts {
				vec := cs[:0]
				var norm float64
				for _, c := range cs {
					id := jb.remap[c.id]
					if id < 0 {
						continue
					}
					w := logTF(uint32(c.w)) * idf[id]
					norm += w * w
					vec = append(vec, tw{id, float32(w)})
				}
				i := jb.lo + k
				m.docs[i].vec = vec
				norms[i] = math.Sqrt(norm)
			}
			jb.counts = nil
		}
	}
	pool.Run(ctx, run)
	if ctx.Err() != nil {
		return nil
	}

	// Pivoted length normalisation (Singhal, Buckley and Mitra 1996):
	// dividing by (1-s)·mean + s·length instead of the length lets long
	// documents, such as a series' lead case or an analysis, reach the
	// short ones they cover. Then the heaviest terms go to the front.
	var mean float64
	for _, x := range norms {
		mean += x
	}
	mean /= float64(max(n, 1))
	pool.Run(ctx, chunks(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			d := &m.docs[i]
			if norms[i] == 0 {
				continue
			}
			norm := (1-p.pivot)*mean + p.pivot*norms[i]
			d.cos = float32(norm / norms[i])
			for j := range d.vec {
				d.vec[j].w = float32(float64(d.vec[j].w) / norm)
			}
			d.ntop = m.heaviestFirst(d.vec, p.topIndex)
		}
	}))
	if ctx.Err() != nil {
		return nil
	}

	// The inverted index of the heaviest terms, postings in document order.
	m.postStart = make([]int32, len(m.keys)+1)
	for i := range m.docs {
		d := &m.docs[i]
		for _, x := range d.vec[:d.ntop] {
			m.postStart[x.id+1]++
		}
	}
	for t := range m.keys {
		m.postStart[t+1] += m.postStart[t]
	}
	m.postings = make([]posting, m.postStart[len(m.keys)])
	fill := slices.Clone(m.postStart[:len(m.keys)])
	for i := range m.docs {
		d := &m.docs[i]
		for _, x := range d.vec[:d.ntop] {
			m.postings[fill[x.id]] = posting{int32(i), x.w}
			fill[x.id]++
		}
	}
	return m
}

// minPost is the least posting list length maxPostShare cuts.
const minPost = 64

// facets orders the items by id, drops repeated ids and interns the
// domains, act types, citations and keywords.
func (m *model) facets() {
	items := m.items
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(items[a].ID, items[b].ID) })
	order = slices.CompactFunc(order, func(a, b int) bool { return items[a].ID == items[b].ID })
	m.docs = make([]doc, len(order))
	m.dom, m.act = make([]int32, len(order)), make([]int32, len(order))
	for i, idx := range order {
		it := &items[idx]
		d := &m.docs[i]
		d.idx = idx
		if it.Domain != "" {
			d.dom = m.domains.id(it.Domain)
		}
		if it.ActType != "" {
			d.act = m.acts.id(it.ActType)
		}
		m.dom[i], m.act[i] = d.dom, d.act
		cites := make([]string, 0, len(it.Articles)+len(it.Precedents))
		for _, a := range it.Articles {
			cites = append(cites, "a:"+a)
		}
		for _, p := range it.Precedents {
			cites = append(cites, "p:"+p)
		}
		d.cites = m.cites.list(cites)
		// A keyword that repeats the domain or act type would count twice.
		d.kws = m.keywords.list(it.Keywords, it.Domain, it.ActType)
	}
	m.cites.finish(len(m.docs))
	m.keywords.finish(len(m.docs))
	for _, k := range m.domains.keys {
		m.domains.labels = append(m.domains.labels, "同一领域："+k)
	}
	for _, k := range m.acts.keys {
		m.acts.labels = append(m.acts.labels, "同一行为类型："+k)
	}
	for _, k := range m.cites.keys {
		if p, ok := strings.CutPrefix(k, "p:"); ok {
			m.cites.labels = append(m.cites.labels, p)
		} else {
			m.cites.labels = append(m.cites.labels, FormatArticle(strings.TrimPrefix(k, "a:")))
		}
	}
	for i := range m.docs {
		d := &m.docs[i]
		d.citeSum, d.kwSum = m.cites.sum(d.cites), m.keywords.sum(d.kws)
	}
}

// termTable maps terms to int32 values by open addressing.
type termTable struct {
	keys []term // 0 is an empty slot: no bigram packs to 0
	vals []int32
	n    int
}

// add returns the value of k, inserting k with value v when it is new, and
// whether it was new.
func (t *termTable) add(k term, v int32) (int32, bool) {
	if 2*(t.n+1) > len(t.keys) {
		old, oldVals := t.keys, t.vals
		t.keys = make([]term, max(1024, 2*len(old)))
		t.vals = make([]int32, len(t.keys))
		mask := uint32(len(t.keys) - 1)
		for j, k := range old {
			if k != 0 {
				i := hash(k) & mask
				for t.keys[i] != 0 {
					i = (i + 1) & mask
				}
				t.keys[i], t.vals[i] = k, oldVals[j]
			}
		}
	}
	mask := uint32(len(t.keys) - 1)
	i := hash(k) & mask
	for t.keys[i] != k {
		if t.keys[i] == 0 {
			t.keys[i], t.vals[i] = k, v
			t.n++
			return v, true
		}
		i = (i + 1) & mask
	}
	return t.vals[i], false
}

// tokJob is the tokenising of a range of documents. It numbers the bigrams
// it meets in its own table (local ids), so that jobs never share a map;
// the tables are merged into the term dictionary afterwards.
type tokJob struct {
	lo     int
	table  termTable
	terms  []term  // by local id
	df     []int32 // documents of the job with the bigram, by local id
	counts [][]tw  // by document: local id and frequency, turned into term id and weight in place
	remap  []int32 // local id → term id, -1 when the bigram is not a term
}

// tokenize counts the bigrams of every document and makes terms of the
// bigrams found in at least 2 and at most MaxDocFreq of the documents: a
// bigram of one document cannot make two alike, and one of most documents
// says nothing. Term ids follow the bigrams' order, so that they do not
// depend on how the documents were split into jobs. It returns the jobs
// and the idf ln(N/df) of every term; check ctx.Err afterwards.
func (m *model) tokenize(ctx context.Context) ([]*tokJob, []float64) {
	n := len(m.docs)
	var jobs []*tokJob
	var run []func()
	for _, r := range ranges(n) {
		jb := &tokJob{lo: r[0], counts: make([][]tw, r[1]-r[0])}
		jobs = append(jobs, jb)
		run = append(run, func() { m.tokenizeRange(jb, r[0], r[1]) })
	}
	pool.Run(ctx, run)
	if ctx.Err() != nil {
		return nil, nil
	}

	// Merge the jobs' tables: global ids in order of first sight, then
	// term ids for the bigrams kept, in bigram order.
	var global termTable
	var gterms []term
	var gdf []int32
	most := 0 // bigrams of the job with the most, a lower bound of the distinct
	for _, jb := range jobs {
		most = max(most, len(jb.terms))
	}
	global.keys = make([]term, max(1024, 4<<bits.Len(uint(most))))
	global.vals = make([]int32, len(global.keys))
	for _, jb := range jobs {
		jb.remap = make([]int32, len(jb.terms))
		for l, t := range jb.terms {
			g, isNew := global.add(t, int32(len(gterms)))
			if isNew {
				gterms = append(gterms, t)
				gdf = append(gdf, 0)
			}
			gdf[g] += jb.df[l]
			jb.remap[l] = g
		}
	}
	maxDF := int32(MaxDocFreq * float64(n))
	for g, t := range gterms {
		if gdf[g] >= 2 && gdf[g] <= maxDF {
			m.keys = append(m.keys, t)
		}
	}
	slices.Sort(m.keys)
	final := make([]int32, len(gterms))
	idf := make([]float64, len(m.keys))
	for g, t := range gterms {
		final[g] = -1
		if id, ok := slices.BinarySearch(m.keys, t); ok {
			final[g] = int32(id)
			idf[id] = math.Log(float64(n) / float64(gdf[g]))
		}
	}
	for _, jb := range jobs {
		for l, g := range jb.remap {
			jb.remap[l] = final[g]
		}
		jb.table, jb.terms, jb.df = termTable{}, nil, nil
	}
	return jobs, idf
}

// tokenizeRange counts the bigrams of docs[lo:hi] into jb: first in a
// small table of the document's own, which stays in the cache, then each
// distinct bigram once in the job's table.
func (m *model) tokenizeRange(jb *tokJob, lo, hi int) {
	var buf []term
	var cnt counter
	for i := lo; i < hi; i++ {
		it := &m.items[m.docs[i].idx]
		buf = bigrams(it.Title, buf[:0])
		buf = bigrams(it.Text, buf)
		cnt.count(buf)
		cs := make([]tw, len(cnt.used))
		for j, slot := range cnt.used {
			t, tf := cnt.keys[slot], cnt.tf[slot]
			l, isNew := jb.table.add(t, int32(len(jb.terms)))
			if isNew {
				jb.terms = append(jb.terms, t)
				jb.df = append(jb.df, 0)
			}
			jb.df[l]++
			cs[j] = tw{l, float32(tf)}
		}
		jb.counts[i-lo] = cs
	}
}

// counter counts the bigrams of one document at a time in an
// open-addressing table sized for the document.
type counter struct {
	keys []term // 0 is an empty slot
	tf   []uint32
	used []uint32 // the slots in use, in order of first occurrence
}

// count counts ts, after clearing what the last call counted.
func (c *counter) count(ts []term) {
	for _, slot := range c.used {
		c.keys[slot], c.tf[slot] = 0, 0
	}
	c.used = c.used[:0]
	size := 64
	for size < 2*len(ts) {
		size *= 2
	}
	if len(c.keys) < size {
		c.keys, c.tf = make([]term, size), make([]uint32, size)
	}
	mask := uint32(len(c.keys) - 1)
	for _, t := range ts {
		i := hash(t) & mask
		for c.keys[i] != t && c.keys[i] != 0 {
			i = (i + 1) & mask
		}
		if c.keys[i] == 0 {
			c.keys[i] = t
			c.used = append(c.used, i)
		}
		c.tf[i]++
	}
}

// ranges splits 0..n into about 8 ranges per worker.
func ranges(n int) [][2]int {
	size := max(1, n/(8*runtime.GOMAXPROCS(0)))
	var rs [][2]int
	for lo := 0; lo < n; lo += size {
		rs = append(rs, [2]int{lo, min(n, lo+size)})
	}
	return rs
}

// logTF is the sublinear term frequency 1 + ln tf.
func logTF(tf uint32) float64 {
	if int(tf) < len(logTFTable) {
		return logTFTable[tf]
	}
	return 1 + math.Log(float64(tf))
}

var logTFTable = func() [64]float64 {
	var t [64]float64
	for i := 1; i < len(t); i++ {
		t[i] = 1 + math.Log(float64(i))
	}
	return t
}()

// heaviestFirst moves the n heaviest terms of vec to the front, heaviest
// first, ties broken by bigram, and returns how many there are.
func (m *model) heaviestFirst(vec []tw, n int) int {
	keys := m.keys
	heavier := func(a, b tw) bool {
		if a.w != b.w {
			return a.w > b.w
		}
		return keys[a.id] < keys[b.id]
	}
	n = min(n, len(vec))
	// Quickselect, the middle element as pivot.
	lo, hi := 0, len(vec)-1
	for lo < hi {
		vec[(lo+hi)/2], vec[hi] = vec[hi], vec[(lo+hi)/2]
		pivot, s := vec[hi], lo
		for i := lo; i < hi; i++ {
			if heavier(vec[i], pivot) {
				vec[i], vec[s] = vec[s], vec[i]
				s++
			}
		}
		vec[s], vec[hi] = vec[hi], vec[s]
		switch {
		case s == n || s == n-1:
			lo = hi
		case s < n:
			lo = s + 1
		default:
			hi = s - 1
		}
	}
	slices.SortFunc(vec[:n], func(a, b tw) int {
		switch {
		case heavier(a, b):
			return -1
		case heavier(b, a):
			return 1
		}
		return 0
	})
	return n
}
