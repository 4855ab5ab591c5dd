package index_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"huajie/search/index"
	"huajie/search/query"
	"huajie/search/schema"
)

func docs() []schema.Doc {
	return []schema.Doc{
		{ID: "a", URL: "cases/a/", Kind: schema.KindWarning, Title: "太康县城市管理局强制拆除违法建筑被确认违法案", Summary: "未经催告、公告强制拆除。",
			Body: "拆除违法建筑必须依法进行。", Region: "太康县", Year: 2022, Date: time.Date(2023, 3, 20, 0, 0, 0, 0, time.UTC)},
		{ID: "b", URL: "cases/b/", Kind: schema.KindMediation, Title: "商水县征地补偿示范性化解案", Summary: "集体土地征收补偿。",
			Body: "周口市中级人民法院立案大厅。", Region: "商水县", Year: 2023, Date: time.Date(2023, 6, 28, 0, 0, 0, 0, time.UTC)},
		{ID: "c", URL: "rules/r/#art-3", Kind: schema.KindRule, Title: "《工作规则》第三条", Body: "化解工作遵循平等自愿原则。"},
	}
}

func search(t *testing.T, ix *index.Index, q string) []string {
	t.Helper()
	res, err := ix.Search(context.Background(), schema.Request{Query: q, Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestIncrementalUpdate(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := index.Open(ctx, index.Options{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	d := docs()
	if res, err := ix.Update(ctx, d); err != nil || res.Added != 3 || res.Changed+res.Deleted+res.Unchanged != 0 {
		t.Fatalf("first update %+v %v", res, err)
	}
	if res, _ := ix.Update(ctx, d); res.Unchanged != 3 || res.Added+res.Changed+res.Deleted != 0 {
		t.Fatalf("same content %+v, want all unchanged", res)
	}
	d[1].Body += "补充：强制拆除。"
	d = d[:2]
	if res, _ := ix.Update(ctx, d); res.Changed != 1 || res.Deleted != 1 || res.Unchanged != 1 {
		t.Fatalf("one change, one deletion: %+v", res)
	}
	if got := fmt.Sprint(search(t, ix, "强制拆除")); got != "[a b]" {
		t.Errorf("强制拆除 after the change: %s", got)
	}
	if got := search(t, ix, "平等自愿"); len(got) != 0 {
		t.Errorf("the deleted rule still matches: %v", got)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened, the index knows its content: nothing to reindex.
	ix, err = index.Open(ctx, index.Options{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Count() != 2 {
		t.Errorf("reopened index has %d documents, want 2", ix.Count())
	}
	if res, _ := ix.Update(ctx, d); res.Unchanged != 2 || res.Added+res.Changed+res.Deleted != 0 {
		t.Errorf("reopened and unchanged: %+v", res)
	}
}

// TestRebuildOnNewTraps: the nonword field depends on the trap list, so an
// index written with another list is rebuilt.
func TestRebuildOnNewTraps(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := index.Open(ctx, index.Options{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	ix.Update(ctx, docs())
	if got := search(t, ix, "民法"); len(got) != 0 {
		t.Errorf("民法 matches %v though only 人民法院 is there", got)
	}
	ix.Close()
	lex, err := query.ParseLexicon("", "# 没有陷阱\n")
	if err != nil {
		t.Fatal(err)
	}
	ix, err = index.Open(ctx, index.Options{Path: dir, Lexicon: lex})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Count() != 0 {
		t.Fatalf("index with another trap list kept %d documents", ix.Count())
	}
	ix.Update(ctx, docs())
	if got := fmt.Sprint(search(t, ix, "民法")); got != "[b]" {
		t.Errorf("without traps 民法 matches %s, want [b]", got)
	}
}

func TestOpenRefusesOtherFolders(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644)
	if _, err := index.Open(context.Background(), index.Options{Path: dir}); err == nil {
		t.Fatal("opened a folder that is not an index")
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Fatal("the folder's file was removed")
	}
}

func TestSearchDuringUpdate(t *testing.T) {
	ctx := context.Background()
	ix, _ := index.Open(ctx, index.Options{})
	defer ix.Close()
	ix.Update(ctx, docs())
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := range 30 {
			d := docs()
			d[0].Body += fmt.Sprint(i)
			if _, err := ix.Update(ctx, d); err != nil {
				t.Error(err)
			}
		}
	}()
	go func() {
		defer wg.Done()
		for range 100 {
			if _, err := ix.Search(ctx, schema.Request{Query: "强制拆除 类别:警示案例", Facets: true, Highlight: true}); err != nil {
				t.Error(err)
			}
		}
	}()
	wg.Wait()
}

func TestFiltersAndSort(t *testing.T) {
	ctx := context.Background()
	ix, _ := index.Open(ctx, index.Options{})
	defer ix.Close()
	ix.Update(ctx, docs())
	for q, want := range map[string]string{
		"类别:警示案例":           "[a]",
		"kind:mediation 补偿": "[b]",
		"区县:商水县 区县:太康县":     "[b a]",
		"-区县:商水县 化解":        "[c]",
		"年份:2022年":          "[a]",
		"强制拆除 -确认违法":        "[]",
	} {
		res, err := ix.Search(ctx, schema.Request{Query: q, Sort: "date"})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if got := fmt.Sprint(ids); got != want {
			t.Errorf("%s: %s, want %s", q, got, want)
		}
	}
}

// TestFiltersOnly: a query of filters alone scores every hit 0, not NaN
// (which JSON cannot encode).
func TestFiltersOnly(t *testing.T) {
	ctx := context.Background()
	ix, _ := index.Open(ctx, index.Options{})
	defer ix.Close()
	ix.Update(ctx, docs())
	for _, q := range []string{"类别:警示案例", "", "-区县:商水县"} {
		res, err := ix.Search(ctx, schema.Request{Query: q, Filters: map[string][]string{"region": {"太康县"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := json.Marshal(res); err != nil || res.Total != 1 {
			t.Errorf("%q region=太康县: %d hits, %v", q, res.Total, err)
		}
	}
}

// TestPhraseDictionaryGrows: when a keyword becomes frequent enough to be a
// phrase of the dictionary, the documents already indexed that contain it
// are indexed again, so the phrase token finds them.
func TestPhraseDictionaryGrows(t *testing.T) {
	ctx := context.Background()
	ix, _ := index.Open(ctx, index.Options{})
	defer ix.Close()
	d := docs()
	d[0].Body += "本案经过法制审核。"
	ix.Update(ctx, d)
	d = append(d,
		schema.Doc{ID: "k1", URL: "k1/", Kind: schema.KindExemplary, Title: "规范执法一", Keywords: "法制审核", Body: "重大决定经法制审核。"},
		schema.Doc{ID: "k2", URL: "k2/", Kind: schema.KindExemplary, Title: "规范执法二", Keywords: "法制审核；听证", Body: "未经法制审核不得作出决定。"})
	res, err := ix.Update(ctx, d)
	if err != nil || res.Added != 2 || res.Changed != 1 {
		t.Fatalf("update %+v %v: want 2 added and a, which holds the new phrase 法制审核, reindexed", res, err)
	}
	if got := search(t, ix, "法制审核"); len(got) != 3 || !slices.Contains(got, "a") {
		t.Errorf("法制审核: %v, want k1, k2 and a", got)
	}
}

// TestPhrase: a phrase outside the dictionary matches its tokens in a row
// of one field only (not across a break, not out of order, with repeated
// tokens), scores as the sum of its tokens, and marks only its runs.
func TestPhrase(t *testing.T) {
	ctx := context.Background()
	ix, _ := index.Open(ctx, index.Options{})
	defer ix.Close()
	ix.Update(ctx, []schema.Doc{
		{ID: "row", URL: "row/", Kind: schema.KindPage, Title: "关于房屋征收补偿的说明", Body: "房屋，征收补偿另行确定。"},
		{ID: "break", URL: "break/", Kind: schema.KindPage, Title: "说明", Body: "房屋，征收补偿另行确定。"},
		{ID: "split", URL: "split/", Kind: schema.KindPage, Title: "房屋征收", Summary: "征收补偿"},
		{ID: "order", URL: "order/", Kind: schema.KindPage, Title: "补偿征收房屋"},
		{ID: "twice", URL: "twice/", Kind: schema.KindPage, Title: "补偿补偿款", Body: "补偿款补偿"},
		// Every token of 征收补偿 and of 补偿补偿 in one field, not in a row.
		{ID: "scatter", URL: "scatter/", Kind: schema.KindPage, Title: "征收与补偿及收补", Body: "补偿，偿补"},
	})
	for q, want := range map[string]string{
		`"房屋征收补偿"`: "[row]",
		`"补偿补偿"`:   "[twice]",
		`"补偿款补偿"`:  "[twice]",
		`"征收补偿"`:   "[break row split]",
	} {
		got := search(t, ix, q)
		slices.Sort(got)
		if fmt.Sprint(got) != want {
			t.Errorf("%s: %v, want %s", q, got, want)
		}
	}
	res, err := ix.Search(ctx, schema.Request{Query: `"房屋征收补偿"`, Highlight: true})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("%v %v", res, err)
	}
	if got := res.Hits[0].Title; got != "关于<mark>房屋征收补偿</mark>的说明" {
		t.Errorf("title %q", got)
	}
}

// TestApply: the server's partial update gives the index a full Update
// of the same documents gives.
func TestApply(t *testing.T) {
	ctx := context.Background()
	ix, err := index.Open(ctx, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	d := docs()
	if _, err := ix.Update(ctx, d); err != nil {
		t.Fatal(err)
	}
	changed := d[1]
	changed.Body += "补充：强制拆除。"
	added := schema.Doc{ID: "d", URL: "cases/d/", Kind: schema.KindMediation, Title: "郸城县强制拆除补偿争议化解案", Body: "强制拆除后协商补偿。"}
	res, err := ix.Apply(ctx, []schema.Doc{changed, added, d[0]}, []string{"c", "missing"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 1 || res.Changed != 1 || res.Unchanged != 1 || res.Deleted != 1 {
		t.Errorf("apply: %+v", res)
	}
	want, err := index.Open(ctx, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer want.Close()
	if _, err := want.Update(ctx, []schema.Doc{d[0], changed, added}); err != nil {
		t.Fatal(err)
	}
	if ix.Count() != 3 {
		t.Errorf("%d documents, want 3", ix.Count())
	}
	for _, q := range []string{"强制拆除", "平等自愿", "补偿", "商水县"} {
		if got, w := fmt.Sprint(search(t, ix, q)), fmt.Sprint(search(t, want, q)); got != w {
			t.Errorf("%s: applied index finds %s, a fresh one %s", q, got, w)
		}
	}
}

// TestOpenLocked: an index another process holds is reported, not waited
// for, and not deleted. (bbolt's lock is per open file description, so a
// second open in this process stands for the other process.)
func TestOpenLocked(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "index")
	ix, _, err := index.Sync(ctx, index.Options{Path: dir}, docs())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	start := time.Now()
	_, err = index.Open(ctx, index.Options{Path: dir})
	if !errors.Is(err, index.ErrLocked) {
		t.Fatalf("opening a held index: %v", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
	if got := search(t, ix, "强制拆除"); len(got) == 0 {
		t.Error("the held index lost its documents")
	}
}
