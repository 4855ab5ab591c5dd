package similar

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/internal/corpusgen/gen"
	"huajie/generator/internal/procstat"
)

// The benchmark runs on 10,000 synthetic cases written by corpusgen and the
// 624 precedents of the shared corpus (guiding, procuratorate, gazette and
// typical cases):
//
//	go test -run '^$' -bench Compute10k -benchtime 5x ./generator/similar/
//
// HUAJIE_BENCH_SITE=DIR uses a site generated beforehand
// (go run ./generator/internal/corpusgen -n 10000 -o DIR); otherwise the
// benchmark generates one into a temporary folder first. The shared corpus
// is looked for beside the repository (../shared/corpus) or at
// HUAJIE_SHARED_CORPUS; without it the precedents are stood in for by 600
// of the generated cases, ranked as precedents and stripped of their facets.
// Besides ns/op the benchmark reports cpu-s, the process's CPU time per
// Compute, which unlike ns/op does not grow when other processes compete for
// the CPUs.

const benchCases = 10000

var (
	benchOnce  sync.Once
	benchItems []Item
	benchErr   error
)

func corpus10k(b *testing.B) []Item {
	b.Helper()
	benchOnce.Do(func() {
		dir := os.Getenv("HUAJIE_BENCH_SITE")
		if dir == "" {
			v, raw, err := gen.ReadVocab(filepath.Join("..", "..", "content", "vocab.yaml"))
			if err != nil {
				benchErr = err
				return
			}
			dir, err = os.MkdirTemp("", "huajie-similar-bench-")
			if err != nil {
				benchErr = err
				return
			}
			defer os.RemoveAll(dir)
			if _, err := gen.Generate(dir, gen.Options{Cases: benchCases, Seed: 1, Vocab: v, VocabYAML: raw}); err != nil {
				benchErr = fmt.Errorf("generating the corpus: %w", err)
				return
			}
		}
		var diags diag.List
		c := content.Load(context.Background(), dir, &diags)
		if err := diags.Err(); err != nil {
			benchErr = err
			return
		}
		benchItems = FromContent(c)
		precs, err := corpusPrecedents()
		if err != nil {
			benchErr = err
			return
		}
		if precs == nil {
			for i := range 600 {
				it := benchItems[i*len(benchItems)/600]
				it.ID, it.Rank, it.Domain, it.ActType = "P-"+it.ID, i%2, "", ""
				precs = append(precs, it)
			}
		}
		benchItems = append(benchItems, precs...)
	})
	if benchErr != nil {
		b.Skip(benchErr)
	}
	return benchItems
}

// sharedCorpus holds public precedents beside the repository.
var sharedCorpus = func() string {
	if d := os.Getenv("HUAJIE_SHARED_CORPUS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "corpus")
}()

// corpusPrecedents reads the guiding cases (rank 0), the gazette cases, the
// typical cases and the procuratorate's guiding cases (rank 1) of the shared
// corpus; nil when it is absent.
func corpusPrecedents() ([]Item, error) {
	if _, err := os.Stat(sharedCorpus); err != nil {
		return nil, nil
	}
	var items []Item
	f, err := os.Open(filepath.Join(sharedCorpus, "guiding-cases", "sections.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var g struct {
			Number   int
			Title    string
			Sections map[string]string
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, err
		}
		s := g.Sections
		items = append(items, Item{
			ID:       fmt.Sprintf("guiding-%d", g.Number),
			Rank:     RankGuiding,
			Title:    g.Title,
			Text:     join(s["裁判要点"], s["基本案情"], s["裁判结果"], s["裁判理由"]),
			Keywords: strings.Fields(s["关键词"]),
			Articles: ArticleKeys(s["相关法条"]),
		})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, set := range []string{"gazette-cases-admin", "typical-cases", "spp-guiding-cases"} {
		err := filepath.WalkDir(filepath.Join(sharedCorpus, set), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			text := string(b)
			title, body, _ := strings.Cut(text, "\n")
			rel, _ := filepath.Rel(sharedCorpus, p)
			items = append(items, Item{
				ID:       filepath.ToSlash(rel),
				Rank:     RankTypical,
				Title:    strings.Trim(title, "# "),
				Text:     body,
				Articles: ArticleKeys(body),
			})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return items, nil
}

// BenchmarkCompute10k computes the 5 neighbours of every item of 10,000
// synthetic cases and ~620 precedents.
func BenchmarkCompute10k(b *testing.B) {
	items := corpus10k(b)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, ok0 := procstat.CPUSeconds()
	var res map[string][]Neighbor
	for range b.N {
		res = Compute(context.Background(), items, 5)
	}
	cpu1, ok1 := procstat.CPUSeconds()
	b.StopTimer()
	if ok0 && ok1 {
		b.ReportMetric((cpu1-cpu0)/float64(b.N), "cpu-s")
	}
	var n, found int
	for _, nb := range res {
		n += len(nb)
		if len(nb) > 0 {
			found++
		}
	}
	b.ReportMetric(float64(len(items)), "items")
	b.ReportMetric(float64(n)/float64(len(items)), "neighbours/item")
	b.ReportMetric(float64(found)/float64(len(items))*100, "%with")
}
