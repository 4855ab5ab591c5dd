package static

import (
	"math/bits"
	"slices"
	"sort"

	"huajie/search/schema"
)

// Facet data. The search page counts some facets on every query (kind,
// domain, region, stage, year), so a new tab pays for their values of all
// documents before its first result. Written as columns those values are
// ~11 bits a document (14 KB at 10,000 documents, entropy-coded); the
// static index puts them into the document numbering instead: documents are
// numbered in the order of their values of these grouped facets (the
// group), so that each facet value is a few runs of consecutive numbers,
// and f/group.bin only says how long the runs are: about 2.3 bits a
// document. Posting lists do not grow, since the numbering is free to
// choose (documents that share a domain also share words, so they shrink).
// The price is date order: sorting by date reads f/date.bin, each
// document's rank by date, fetched only by date-sorted and term-less
// queries. Facets outside the group have bit-packed columns, fetched when a
// query filters on them or counts them.
//
// A facet's values are listed in the manifest in display order (kinds in
// schema.Kinds order, years newest first, others by value); value index i
// is values[i], and len(values) means "none".
//
// f/group.bin is a bit stream, least significant bit of each byte first,
// written depth first over the group's facets in nesting order:
//
//	node(k) for k < len(group): len(values_k)+1 bits, bit v set when some
//	        documents of this node have value v (none last); then node(k+1)
//	        of each value set, in index order
//	node(len(group)): the number of documents c ≥ 1 in Elias gamma code
//	        (⌊log₂ c⌋ zero bits, then c from its highest bit down)
//
// Documents are numbered in the order the leaves are written; within a
// leaf, by date as Order sorts.

// DefaultGroup is the group when Options.Group is nil: the facets the
// search page counts, coarse to fine (year first: among equal scores newer
// years come first). A facet the page comes to show belongs here too; one
// that only some kinds have (the authority of precedents) goes right after
// kind, where the kinds without it pay a few bits in all, not per document.
var DefaultGroup = []string{schema.FacetYear, schema.FacetKind, schema.FacetStage, schema.FacetRegion, schema.FacetDomain}

// GroupPath is the file of the grouped facets, DatePath that of the date
// ranks, relative to the index folder.
const (
	GroupPath = "f/group.bin"
	DatePath  = "f/date.bin"
)

// FacetPath is the column file of a facet outside the group, relative to
// the index folder.
func FacetPath(name string) string { return "f/" + name + ".bin" }

// facetValues lists every facet's values in display order.
func facetValues(docs []schema.Doc) []ManifestFacet {
	var out []ManifestFacet
	for _, f := range schema.Facets {
		set := map[string]bool{}
		for i := range docs {
			if v := docs[i].Facet(f.Name); v != "" {
				set[v] = true
			}
		}
		mf := ManifestFacet{Name: f.Name, Label: f.Label}
		for v := range set {
			mf.Values = append(mf.Values, v)
		}
		sortValues(f.Name, mf.Values)
		out = append(out, mf)
	}
	return out
}

// sortValues puts the values of a facet in display order.
func sortValues(facet string, vs []string) {
	rank := func(v string) int {
		for i, k := range schema.Kinds {
			if k.Code == v {
				return i
			}
		}
		return len(schema.Kinds)
	}
	sort.Slice(vs, func(i, j int) bool {
		switch facet {
		case schema.FacetYear:
			return vs[i] > vs[j]
		case schema.FacetKind:
			if ri, rj := rank(vs[i]), rank(vs[j]); ri != rj {
				return ri < rj
			}
		}
		return vs[i] < vs[j]
	})
}

// valueIndex returns the value index of each document for facet f.
func valueIndex(docs []schema.Doc, f *ManifestFacet) []int {
	idx := make(map[string]int, len(f.Values))
	for i, v := range f.Values {
		idx[v] = i
	}
	out := make([]int, len(docs))
	for i := range docs {
		v, ok := idx[docs[i].Facet(f.Name)]
		if !ok {
			v = len(f.Values)
		}
		out[i] = v
	}
	return out
}

// number orders docs (in date order) by their values of the group's
// facets, keeping date order among equals, and returns them with the
// group's value indices per document.
func number(docs []schema.Doc, facets []ManifestFacet, group []string) ([]schema.Doc, [][]int) {
	cols := make([][]int, len(group))
	for k, name := range group {
		cols[k] = valueIndex(docs, findFacet(facets, name))
	}
	perm := make([]int, len(docs))
	for i := range perm {
		perm[i] = i
	}
	sort.SliceStable(perm, func(a, b int) bool {
		for _, col := range cols {
			if x, y := col[perm[a]], col[perm[b]]; x != y {
				return x < y
			}
		}
		return false
	})
	out := make([]schema.Doc, len(docs))
	tuples := make([][]int, len(docs))
	for i, p := range perm {
		out[i] = docs[p]
		tuples[i] = make([]int, len(group))
		for k, col := range cols {
			tuples[i][k] = col[p]
		}
	}
	return out, tuples
}

func findFacet(facets []ManifestFacet, name string) *ManifestFacet {
	for i := range facets {
		if facets[i].Name == name {
			return &facets[i]
		}
	}
	return nil
}

// groupOf returns the facets of group that exist, in order, without
// repeats.
func groupOf(facets []ManifestFacet, group []string) []string {
	out := []string{}
	for _, name := range group {
		if findFacet(facets, name) != nil && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// bitWriter appends bits, least significant bit of each byte first.
type bitWriter struct {
	buf []byte
	n   int
}

func (w *bitWriter) bit(b bool) {
	if w.n&7 == 0 {
		w.buf = append(w.buf, 0)
	}
	if b {
		w.buf[w.n>>3] |= 1 << (w.n & 7)
	}
	w.n++
}

// gamma writes c ≥ 1 in Elias gamma code.
func (w *bitWriter) gamma(c int) {
	l := bits.Len(uint(c))
	for range l - 1 {
		w.bit(false)
	}
	for i := l - 1; i >= 0; i-- {
		w.bit(c>>i&1 == 1)
	}
}

// encodeGroup writes the trie of the sorted tuples; widths are the number
// of value indices of each level (values and none).
func encodeGroup(tuples [][]int, widths []int) []byte {
	var w bitWriter
	var node func(lo, hi, k int)
	node = func(lo, hi, k int) {
		if k == len(widths) {
			w.gamma(hi - lo)
			return
		}
		present := make([]bool, widths[k])
		var starts []int
		for i := lo; i < hi; i++ {
			if i == lo || tuples[i][k] != tuples[i-1][k] {
				present[tuples[i][k]] = true
				starts = append(starts, i)
			}
		}
		for _, p := range present {
			w.bit(p)
		}
		starts = append(starts, hi)
		for j := 0; j+1 < len(starts); j++ {
			node(starts[j], starts[j+1], k+1)
		}
	}
	if len(tuples) > 0 {
		node(0, len(tuples), 0)
	}
	return w.buf
}

// packColumn writes values of width b bits each, document d's from bit d·b.
func packColumn(vals []int, b int) []byte {
	col := make([]byte, (len(vals)*b+7)/8)
	for d, v := range vals {
		for k := 0; k < b; k++ {
			if v&(1<<k) != 0 {
				bit := d*b + k
				col[bit>>3] |= 1 << (bit & 7)
			}
		}
	}
	return col
}

// writeFacets writes the group file, the columns of the other facets and
// the date ranks of the numbered docs; dateRank[d] is document d's place
// in date order.
func writeFacets(docs []schema.Doc, facets []ManifestFacet, group []string, tuples [][]int, dateRank []int, files *fileSet) (dateBits int) {
	widths := make([]int, len(group))
	for k, name := range group {
		widths[k] = len(findFacet(facets, name).Values) + 1
	}
	files.write(GroupPath, encodeGroup(tuples, widths))
	for i := range facets {
		f := &facets[i]
		if slices.Contains(group, f.Name) {
			continue
		}
		f.Bits = bits.Len(uint(len(f.Values)))
		files.write(FacetPath(f.Name), packColumn(valueIndex(docs, f), f.Bits))
	}
	dateBits = bits.Len(uint(max(len(docs)-1, 0)))
	files.write(DatePath, packColumn(dateRank, dateBits))
	return dateBits
}

// ---- reading ----------------------------------------------------------

// bitReader reads what bitWriter wrote.
type bitReader struct {
	b []byte
	n int
}

func (r *bitReader) bit() int {
	v := int(r.b[r.n>>3]>>(r.n&7)) & 1
	r.n++
	return v
}

func (r *bitReader) gamma() int {
	z := 0
	for r.bit() == 0 {
		z++
	}
	c := 1
	for range z {
		c = c<<1 | r.bit()
	}
	return c
}

// decodeGroup returns the value indices of the group's facets per
// document, from the group file of an index of n documents.
func decodeGroup(b []byte, n int, widths []int) (cols [][]int, err error) {
	defer func() {
		if e := recover(); e != nil {
			err = errCorrupt(GroupPath)
		}
	}()
	cols = make([][]int, len(widths))
	for k := range cols {
		cols[k] = make([]int, n)
	}
	if n == 0 {
		return cols, nil
	}
	r := &bitReader{b: b}
	tuple := make([]int, len(widths))
	d := 0
	var node func(k int)
	node = func(k int) {
		if k == len(widths) {
			for c := r.gamma(); c > 0; c-- {
				for j, v := range tuple {
					cols[j][d] = v
				}
				d++
			}
			return
		}
		var present []int
		for v := range widths[k] {
			if r.bit() == 1 {
				present = append(present, v)
			}
		}
		for _, v := range present {
			tuple[k] = v
			node(k + 1)
		}
	}
	node(0)
	if d != n {
		return nil, errCorrupt(GroupPath)
	}
	return cols, nil
}

// unpackColumn reads n values of width b bits.
func unpackColumn(col []byte, n, b int) []int {
	out := make([]int, n)
	for d := range out {
		v := 0
		for k := 0; k < b; k++ {
			bit := d*b + k
			if col[bit>>3]&(1<<(bit&7)) != 0 {
				v |= 1 << k
			}
		}
		out[d] = v
	}
	return out
}

type errCorrupt string

func (e errCorrupt) Error() string { return "search: corrupt " + string(e) }
