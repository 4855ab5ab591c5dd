package similar

import (
	"math"
	"slices"
	"strings"
)

// set interns strings (domains, act types, keywords, citations) as small ids
// counting from 1 and counts in how many items each occurs.
type set struct {
	ids  map[string]int32
	keys []string  // by id-1
	df   []int32   // by id-1
	idf  []float64 // by id-1, filled by finish
	// labels are how a reason names a key, by id-1: 同一领域：征地拆迁 for
	// a domain, 《行政诉讼法》第七十条 for a citation
	labels []string
}

func newSet() *set { return &set{ids: map[string]int32{}} }

func (s *set) id(key string) int32 {
	if id, ok := s.ids[key]; ok {
		return id
	}
	s.keys = append(s.keys, key)
	s.df = append(s.df, 0)
	id := int32(len(s.keys))
	s.ids[key] = id
	return id
}

// list interns keys, leaving out empty ones and those in skip, and counts
// each distinct key once. The ids are sorted.
func (s *set) list(keys []string, skip ...string) []int32 {
	var out []int32
	for _, k := range keys {
		k = strings.TrimSpace(k)
		if k == "" || slices.Contains(skip, k) {
			continue
		}
		out = append(out, s.id(k))
	}
	slices.Sort(out)
	out = slices.Compact(out)
	for _, id := range out {
		s.df[id-1]++
	}
	return out
}

// finish computes the idf of every key over n items: ln((n+1)/df), which
// stays positive for a key every item has.
func (s *set) finish(n int) {
	s.idf = make([]float64, len(s.df))
	for i, df := range s.df {
		s.idf[i] = math.Log(float64(n+1) / float64(df))
	}
}

// Ways to compare two lists of keys.
const (
	measureDamped  = iota // D: Σ idf of the shared keys / max(K, √(Σ idf of a · Σ idf of b))
	measureJaccard        // Σ idf of the shared keys / Σ idf of the keys of either
)

// sum returns Σ idf of the keys of a sorted id list.
func (s *set) sum(ids []int32) float64 {
	var sum float64
	for _, x := range ids {
		sum += s.idf[x-1]
	}
	return sum
}

// measure compares two sorted id lists whose sums are sa and sb.
func (s *set) measure(a, b []int32, sa, sb float64, mode int, k float64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	var inter float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter += s.idf[a[i]-1]
			i++
			j++
		}
	}
	if mode == measureJaccard {
		return inter / (sa + sb - inter)
	}
	return inter / max(k, math.Sqrt(sa*sb))
}

// shared appends the ids two sorted lists have in common to dst.
func shared(a, b, dst []int32) []int32 {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			dst = append(dst, a[i])
			i++
			j++
		}
	}
	return dst
}
