package static

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"huajie/search/query"
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

// TestFacets checks the facet counts, filters and date order of the
// reader against counts made from the documents themselves, on documents
// whose facets are random and often missing, with and without a group.
func TestFacets(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	pick := func(vs ...string) string { return vs[r.IntN(len(vs))] }
	var docs []schema.Doc
	base := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 700 {
		d := schema.Doc{ID: fmt.Sprintf("x%03d", i), URL: fmt.Sprintf("x/%d/", i), Title: "行政争议" + pick("征收", "复议", "处罚"),
			Kind:   pick(schema.KindMediation, schema.KindWarning, schema.KindRule, schema.KindPrecedent),
			Domain: pick("", "征地拆迁", "工伤认定", "行政处罚"), Region: pick("", "商水县", "川汇区"),
			Stage: pick("", "诉前", "诉中"), Outcome: pick("", "化解成功", "撤诉"), Authority: pick("", "指导性案例", "公报案例", "典型案例")}
		if r.IntN(10) > 0 {
			d.Date = base.AddDate(0, 0, r.IntN(2000))
			d.Year = d.Date.Year()
		}
		docs = append(docs, d)
	}
	for _, group := range [][]string{nil, {}, {schema.FacetAuthority, schema.FacetKind}} {
		ctx := context.Background()
		m := &mem{files: map[string][]byte{}}
		if _, err := Write(ctx, docs, m, Options{Group: group}); err != nil {
			t.Fatal(err)
		}
		rd, err := Open(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		for _, req := range []schema.Request{
			{Query: "征收", Facets: true, Size: 1000},
			{Query: "行政 区县:商水县 -类别:规则", Facets: true, Size: 1000},
			{Query: "效力:指导性案例", Facets: true, Size: 1000},
			{Query: "复议", Filters: map[string][]string{"stage": {"诉前", "诉中"}}, Facets: true, FacetNames: []string{"year", "authority"}, Size: 1000},
			{Query: "处罚", Sort: "date", Size: 1000},
		} {
			res, err := rd.Search(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			// The hits, as the documents' own fields count them.
			byID := map[string]*schema.Doc{}
			for i := range docs {
				byID[docs[i].ID] = &docs[i]
			}
			want := map[string]map[string]int{}
			for _, h := range res.Hits {
				d := byID[h.ID]
				for _, f := range schema.Facets {
					if v := d.Facet(f.Name); v != "" && (len(req.FacetNames) == 0 || slices.Contains(req.FacetNames, f.Name)) {
						if want[f.Name] == nil {
							want[f.Name] = map[string]int{}
						}
						want[f.Name][v]++
					}
				}
			}
			got := map[string]map[string]int{}
			for _, f := range res.Facets {
				got[f.Name] = map[string]int{}
				for _, v := range f.Values {
					got[f.Name][v.Value] = v.Count
				}
			}
			if !req.Facets {
				want = map[string]map[string]int{}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("group %v, %q %v: facets\n got %v\nwant %v", group, req.Query, req.Filters, got, want)
			}
			for _, h := range res.Hits {
				d := byID[h.ID]
				if req.Query == "行政 区县:商水县 -类别:规则" && (d.Region != "商水县" || d.Kind == schema.KindRule) ||
					req.Filters != nil && d.Stage == "" {
					t.Errorf("group %v, %q %v: %s does not pass the filters", group, req.Query, req.Filters, h.ID)
				}
			}
			if req.Sort == "date" || !strings.ContainsAny(req.Query, "征收行政复议处罚") {
				var got, want []string
				for _, h := range res.Hits {
					got = append(got, h.ID)
				}
				for _, d := range Order(docs) {
					for _, h := range res.Hits {
						if h.ID == d.ID {
							want = append(want, d.ID)
						}
					}
				}
				if !slices.Equal(got, want) {
					t.Errorf("group %v, %q: not in date order:\n got %v\nwant %v", group, req.Query, got, want)
				}
			}
		}
	}
}

func TestGroupCode(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 100 {
		widths := make([]int, r.IntN(4))
		for k := range widths {
			widths[k] = 1 + r.IntN(9)
		}
		tuples := make([][]int, r.IntN(300))
		for i := range tuples {
			tuples[i] = make([]int, len(widths))
			for k, w := range widths {
				tuples[i][k] = r.IntN(w)
			}
		}
		sort.Slice(tuples, func(a, b int) bool { return slices.Compare(tuples[a], tuples[b]) < 0 })
		cols, err := decodeGroup(encodeGroup(tuples, widths), len(tuples), widths)
		if err != nil {
			t.Fatal(err)
		}
		for i, tu := range tuples {
			for k := range widths {
				if cols[k][i] != tu[k] {
					t.Fatalf("widths %v: document %d facet %d is %d, want %d", widths, i, k, cols[k][i], tu[k])
				}
			}
		}
	}
}

// TestLexiconShards: the lexicon a query gets from the lexicon shards
// rewrites it as the whole lexicon does, and marks the same alternatives as
// dictionary phrases.
func TestLexiconShards(t *testing.T) {
	ctx := context.Background()
	m := &mem{files: map[string][]byte{}}
	docs := []schema.Doc{{ID: "a", URL: "a/", Kind: schema.KindPage, Title: "行政争议", Keywords: "一户一宅"},
		{ID: "b", URL: "b/", Kind: schema.KindPage, Title: "行政争议", Keywords: "一户一宅"}}
	if _, err := Write(ctx, docs, m, Options{Phrases: []string{"示范性化解"}}); err != nil {
		t.Fatal(err)
	}
	rd, err := Open(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	full := query.Default()
	dict := query.NewPhrases(full.Words(), []string{"示范性化解", "一户一宅"})
	var qs []string
	for _, g := range full.SynonymGroups() {
		qs = append(qs, strings.Join(g, " "), `"`+g[0]+`" -`+g[len(g)-1])
	}
	qs = append(qs, "示范性化解 一户一宅", "民法 人民法院", "不在词表的词 类别:规则", "", "constructor")
	for _, q := range qs {
		lex, phrases, err := rd.lexicon(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got, want := query.Parse(q, lex), query.Parse(q, full)
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Errorf("%q:\n got %s\nwant %s", q, gj, wj)
			continue
		}
		for _, term := range want.Terms {
			for _, a := range append(term.Alts, want.Exclude...) {
				gk, gok := phrases.AltKey(a)
				wk, wok := dict.AltKey(a)
				if gk != wk || gok != wok {
					t.Errorf("%q: alternative %q has key %q %v, want %q %v", q, a.Text, gk, gok, wk, wok)
				}
			}
		}
	}
	if rd.Manifest().LexShards < 2 {
		t.Errorf("%d lexicon shards: the test wants several", rd.Manifest().LexShards)
	}
}
