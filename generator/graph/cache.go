package graph

import (
	"hash/maphash"
	"sort"
	"strconv"
	"sync"
)

// Cache keeps the scan of every source between builds (huajie serve), so a
// change rescans only the texts that changed. A source is scanned again
// when its own text, item or date changed, and every source is when the
// targets changed: a rule's or law's articles, or the names cases and
// precedents are cited by. Safe for one build at a time.
type Cache struct {
	mu      sync.Mutex
	targets uint64
	results map[string]cachedScan
}

type cachedScan struct {
	sig uint64
	s   *scanned
	of  any // the content item scanned, when known
}

var cacheSeed = maphash.MakeSeed()

// TargetsSig hashes what citations resolve against: every target's
// articles and the names items are cited by. Computed once per graph.
func (g *Graph) TargetsSig() uint64 {
	g.sigOnce.Do(func() { g.sig = g.targetsSig() })
	return g.sig
}

func (g *Graph) targetsSig() uint64 {
	var h maphash.Hash
	h.SetSeed(cacheSeed)
	for _, t := range g.targets {
		h.WriteString(t.Key)
		h.WriteString(t.URL)
		h.WriteString(t.Title)
		h.WriteString(t.Short)
		h.WriteString(strconv.FormatBool(t.Hidden))
		for _, n := range t.DocNumbers {
			h.WriteString(n)
		}
		if t.Doc != nil {
			for _, a := range t.Doc.Articles {
				h.WriteString(a.Anchor)
				h.WriteString(strconv.Itoa(len(a.Paras)))
				for _, p := range a.Paras {
					h.WriteString(strconv.Itoa(len(p.Items)))
				}
			}
		}
		h.WriteByte(0)
	}
	names := make([]string, 0, len(g.named))
	for k := range g.named {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		it := g.named[k]
		h.WriteString(k)
		h.WriteString(it.Key)
		h.WriteString(it.Title)
		h.WriteString(it.URL)
	}
	return h.Sum64()
}

func sourceSig(src *Source) uint64 {
	var h maphash.Hash
	h.SetSeed(cacheSeed)
	for _, s := range []string{src.Item.Key, src.Item.Kind, src.Item.Title, src.Item.URL, src.Item.Date, src.Path, src.Body, src.Date} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	h.WriteString(strconv.Itoa(src.BodyLine))
	for i, b := range src.Basis {
		h.WriteString(b)
		if i < len(src.BasisPos) {
			h.WriteString(src.BasisPos[i].String())
		}
	}
	for _, p := range src.Paras {
		h.WriteString(p.Text)
		h.WriteString(p.Pos.String())
	}
	if src.Self != nil {
		h.WriteString(src.Self.Key)
	}
	h.WriteString(strconv.FormatBool(src.Lenient))
	return h.Sum64()
}
