package static

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"huajie/search/schema"
)

func TestKthLargest(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		ws := make([]float64, 1+r.IntN(300))
		for i := range ws {
			ws[i] = float64(r.IntN(20)) // ties
		}
		k := 1 + r.IntN(len(ws))
		s := slices.Clone(ws)
		sort.Sort(sort.Reverse(sort.Float64Slice(s)))
		if got := kthLargest(ws, k); got != s[k-1] {
			t.Fatalf("kthLargest(%v, %d) = %v, want %v", ws, k, got, s[k-1])
		}
	}
}

type mem struct {
	mu    sync.Mutex
	files map[string][]byte
}

// WriteFile keeps data without copying it, as the build's output stage
// does until it writes: Write must not change it afterwards.
func (m *mem) WriteFile(rel string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[rel] = data
	return nil
}

func (m *mem) Fetch(_ context.Context, rel string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files["search/"+rel]
	if !ok {
		return nil, fmt.Errorf("no %s", rel)
	}
	return b, nil
}

// TestRoundTrip writes an index whose common token takes every kind of
// section (bitmap, partial weights) and reads it back.
func TestRoundTrip(t *testing.T) {
	var docs []schema.Doc
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 3000 {
		d := schema.Doc{ID: fmt.Sprintf("d%04d", i), URL: fmt.Sprintf("d/%d/", i), Kind: schema.KindMediation,
			Title: "行政争议化解案", Body: strings.Repeat("行政", 1+i%7) + "，补偿", Date: base.AddDate(0, 0, i), Year: 2020 + i%4,
			Region: []string{"商水县", "太康县", "川汇区"}[i%3]}
		if i%500 == 0 {
			d.Body += "，强制拆除"
		}
		docs = append(docs, d)
	}
	ctx := context.Background()
	m := &mem{files: map[string][]byte{}}
	st, err := Write(ctx, docs, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rd, err := Open(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	res, err := rd.Search(ctx, schema.Request{Query: "行政", Size: 3, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 3000 {
		t.Fatalf("行政: %d hits, want 3000 (stats %+v)", res.Total, st)
	}
	// BM25 weighs 行政行政 (tf 2) highest here: longer bodies lose more to
	// length than they gain from tf. Those are among the partial weights
	// kept (256 of 3000), so they come first.
	for _, h := range res.Hits {
		var i int
		fmt.Sscanf(h.ID, "d%04d", &i)
		if i%7 != 1 {
			t.Errorf("行政: %s (tf %d) among the first", h.ID, 1+i%7)
		}
	}
	res, _ = rd.Search(ctx, schema.Request{Query: "强制拆除 区县:商水县", Sort: "date"})
	want := []string{"d1500", "d0000"}
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("强制拆除 区县:商水县 by date: %v, want %v", got, want)
	}
	if n := len(m.files); n != st.Files {
		t.Errorf("%d files written, stats say %d", n, st.Files)
	}
}

func TestOrder(t *testing.T) {
	d := func(id string, day int) schema.Doc {
		doc := schema.Doc{ID: id}
		if day > 0 {
			doc.Date = time.Date(2023, 1, day, 0, 0, 0, 0, time.UTC)
		}
		return doc
	}
	var ids []string
	for _, x := range Order([]schema.Doc{d("b", 0), d("c", 1), d("a", 3), d("d", 3), d("a0", 0)}) {
		ids = append(ids, x.ID)
	}
	if got := strings.Join(ids, " "); got != "a d c a0 b" {
		t.Errorf("Order: %s", got)
	}
}
