package search_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"huajie/search"
	"huajie/search/index"
	"huajie/search/schema"
	"huajie/search/static"
)

// The quality tables (testdata/quality.json) list queries with the
// documents each must return, must not return (the bigram traps among
// them), must rank in its first ten, or must rank first, in the manner of
// bleve's test/tests/*/searches.json. Both engines are held to every line,
// and their first ten results must agree (overlap ≥ 0.8).

type qualityCase struct {
	Q     string   `json:"q"`
	Must  []string `json:"must"`
	Not   []string `json:"not"`
	Top   []string `json:"top"`
	First string   `json:"first"`
}

type qualityTables struct {
	Repo   []qualityCase `json:"repo"`
	Corpus []qualityCase `json:"corpus"`
}

func loadQuality(t *testing.T) qualityTables {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "quality.json"))
	if err != nil {
		t.Fatal(err)
	}
	var q qualityTables
	if err := json.Unmarshal(b, &q); err != nil {
		t.Fatal(err)
	}
	return q
}

// fixtures are documents added to the repository's for the traps the
// repository's own text does not show (办公安排, a page with 开庭审理 only,
// a real 民法).
func fixtures(t *testing.T) []schema.Doc {
	b, err := os.ReadFile(filepath.Join("testdata", "fixtures.json"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []schema.Doc
	if err := json.Unmarshal(b, &docs); err != nil {
		t.Fatal(err)
	}
	return docs
}

// engines indexes docs in bleve (in memory) and in a static index read
// back by the Go reader.
func engines(t *testing.T, docs []schema.Doc) (*index.Index, *static.Reader) {
	t.Helper()
	ctx := context.Background()
	ix, err := index.Open(ctx, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Update(ctx, docs); err != nil {
		t.Fatal(err)
	}
	mem := &memWriter{}
	if _, err := static.Write(ctx, docs, mem, static.Options{}); err != nil {
		t.Fatal(err)
	}
	rd, err := static.Open(ctx, mem)
	if err != nil {
		t.Fatal(err)
	}
	return ix, rd
}

func ids(res *schema.Response) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

// overlap is |A ∩ B| / max(|A|, |B|) of two first pages.
func overlap(a, b []string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	n := 0
	for _, x := range a {
		if slices.Contains(b, x) {
			n++
		}
	}
	return float64(n) / float64(max(len(a), len(b)))
}

func checkQuality(t *testing.T, cases []qualityCase, ix *index.Index, rd *static.Reader) {
	ctx := context.Background()
	var report strings.Builder
	minOverlap, sum := 1.0, 0.0
	for _, c := range cases {
		all := map[string][]string{}
		top := map[string][]string{}
		totals := map[string]int{}
		for _, eng := range []string{"bleve", "static"} {
			req := schema.Request{Query: c.Q, Size: 1000}
			var res *schema.Response
			var err error
			if eng == "bleve" {
				res, err = ix.Search(ctx, req)
			} else {
				res, err = rd.Search(ctx, req)
			}
			if err != nil {
				t.Fatalf("%s %q: %v", eng, c.Q, err)
			}
			all[eng] = ids(res)
			top[eng] = all[eng][:min(10, len(all[eng]))]
			totals[eng] = res.Total
			for _, id := range c.Must {
				if !slices.Contains(all[eng], id) {
					t.Errorf("%s %q: %s missing", eng, c.Q, id)
				}
			}
			for _, id := range c.Not {
				if slices.Contains(all[eng], id) {
					t.Errorf("%s %q: %s must not match", eng, c.Q, id)
				}
			}
			for _, id := range c.Top {
				if !slices.Contains(top[eng], id) {
					t.Errorf("%s %q: %s not in the first ten: %v", eng, c.Q, id, top[eng])
				}
			}
			if c.First != "" && (len(all[eng]) == 0 || all[eng][0] != c.First) {
				t.Errorf("%s %q: first hit %v, want %s", eng, c.Q, top[eng][:min(1, len(top[eng]))], c.First)
			}
		}
		o := overlap(top["bleve"], top["static"])
		if o < 0.8 {
			t.Errorf("%q: the engines' first ten agree %.0f%%:\n bleve  %v\n static %v", c.Q, 100*o, top["bleve"], top["static"])
		}
		minOverlap = min(minOverlap, o)
		sum += o
		fmt.Fprintf(&report, "%-28s bleve %4d static %4d overlap %.2f\n", c.Q, totals["bleve"], totals["static"], o)
	}
	t.Logf("%d queries; first-ten overlap min %.2f, mean %.3f\n%s", len(cases), minOverlap, sum/float64(len(cases)), report.String())
}

func TestQualityRepository(t *testing.T) {
	q := loadQuality(t)
	if len(q.Repo) < 40 {
		t.Errorf("%d repository queries, want at least 40", len(q.Repo))
	}
	docs := append(slices.Clone(loadRepo(t)), fixtures(t)...)
	ix, rd := engines(t, docs)
	checkQuality(t, q.Repo, ix, rd)
}

// corpusDir is the shared corpus of real statutes and guiding cases, beside
// the repository.
var corpusDir = filepath.Join("..", "..", "shared", "corpus")

// corpusDocs indexes the key laws (one document per article) and the
// Supreme People's Court's guiding cases, as mounted libraries will be.
func corpusDocs(t *testing.T) []schema.Doc {
	if _, err := os.Stat(corpusDir); err != nil {
		if os.Getenv("HUAJIE_CORPUS_REQUIRED") != "" {
			t.Fatal(err)
		}
		t.Skipf("the shared corpus is not at %s", corpusDir)
	}
	var docs []schema.Doc
	laws, _ := filepath.Glob(filepath.Join(corpusDir, "laws", "key", "*.md"))
	for _, f := range laws {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		slug, _, _ := strings.Cut(filepath.Base(f), "(")
		docs = append(docs, search.LawDocs(slug, string(b), "法律")...)
	}
	f, err := os.Open(filepath.Join(corpusDir, "guiding-cases", "sections.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var c struct {
			Number   int               `json:"number"`
			Title    string            `json:"title"`
			Sections map[string]string `json:"sections"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		s := c.Sections
		docs = append(docs, search.PrecedentDoc(search.Precedent{
			ID: fmt.Sprintf("guiding-%d", c.Number), Title: c.Title, Keywords: s["关键词"], Points: s["裁判要点"],
			Laws: s["相关法条"], Facts: s["基本案情"], Result: s["裁判结果"], Reasons: s["裁判理由"],
		}))
	}
	return docs
}

func TestQualityCorpus(t *testing.T) {
	q := loadQuality(t)
	if len(q.Corpus) < 20 {
		t.Errorf("%d corpus queries, want at least 20", len(q.Corpus))
	}
	docs := corpusDocs(t)
	ix, rd := engines(t, docs)
	t.Logf("%d documents from the shared corpus", len(docs))
	checkQuality(t, q.Corpus, ix, rd)
}
