package search_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/search"
	"huajie/search/index"
	"huajie/search/schema"
	"huajie/search/static"
)

// The benchmarks run on 10,000 synthetic cases written by corpusgen:
//
//	go test -run '^$' -bench . -benchtime 1x ./search/
//
// HUAJIE_BENCH_SITE=DIR uses a site generated beforehand
// (go run ./generator/internal/corpusgen -n 10000 -o DIR); otherwise the
// benchmark generates one into $TMPDIR/huajie-corpusgen-10000 once.
// Timings depend on the machine and, for the static index written to disk,
// on the file system: put TMPDIR on the disk the site is built on.

const benchCases = 10000

var (
	benchOnce    sync.Once
	benchDocs    []schema.Doc
	benchPhrases []string // the corpus's vocabulary, as the build passes it
	benchErr     error
)

func corpus10k(b testing.TB) []schema.Doc {
	b.Helper()
	benchOnce.Do(func() {
		dir := os.Getenv("HUAJIE_BENCH_SITE")
		if dir == "" {
			dir = filepath.Join(os.TempDir(), fmt.Sprintf("huajie-corpusgen-%d", benchCases))
			if _, err := os.Stat(filepath.Join(dir, "site.yaml")); err != nil {
				cmd := exec.Command("go", "run", "./generator/internal/corpusgen", "-n", fmt.Sprint(benchCases), "-o", dir)
				cmd.Dir = ".."
				if out, err := cmd.CombinedOutput(); err != nil {
					benchErr = fmt.Errorf("generating the corpus: %v\n%s", err, out)
					return
				}
			}
		}
		ctx := context.Background()
		var diags diag.List
		c := content.Load(ctx, dir, &diags)
		content.Validate(ctx, c, &diags)
		if err := diags.Err(); err != nil {
			benchErr = err
			return
		}
		benchDocs, benchErr = search.Docs(ctx, c, search.DocsOptions{})
		benchPhrases = search.VocabPhrases(c)
	})
	if benchErr != nil {
		b.Skip(benchErr)
	}
	return benchDocs
}

// benchQueries are the 60 queries of testdata/bench-queries.txt.
var benchQueries = func() []string {
	b, err := os.ReadFile(filepath.Join("testdata", "bench-queries.txt"))
	if err != nil {
		panic(err)
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}()

// memWriter keeps files in memory: the static index's build time without
// the file system.
type memWriter struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memWriter) WriteFile(rel string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	m.files[rel] = append([]byte(nil), data...)
	return nil
}

func (m *memWriter) Fetch(_ context.Context, rel string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files["search/"+rel]
	if !ok {
		return nil, os.ErrNotExist
	}
	return b, nil
}

// dirWriter writes files under a folder, creating each folder once.
type dirWriter struct {
	dir  string
	made sync.Map
}

func (d *dirWriter) WriteFile(rel string, data []byte) error {
	p := filepath.Join(d.dir, filepath.FromSlash(rel))
	if _, ok := d.made.Load(filepath.Dir(p)); !ok {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		d.made.Store(filepath.Dir(p), true)
	}
	return os.WriteFile(p, data, 0o644)
}

func BenchmarkStaticWrite(b *testing.B) {
	docs := corpus10k(b)
	ctx := context.Background()
	b.Run("memory", func(b *testing.B) {
		var st static.Stats
		for b.Loop() {
			var err error
			if st, err = static.Write(ctx, docs, &memWriter{}, static.Options{Phrases: benchPhrases}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(st.Docs), "docs")
		b.ReportMetric(float64(st.Files), "files")
		b.ReportMetric(float64(st.Bytes)/1e6, "MB")
		b.ReportMetric(float64(st.PostingBytes)/1e6, "postings-MB")
		b.ReportMetric(float64(st.Shards), "shards")
	})
	b.Run("disk", func(b *testing.B) {
		for b.Loop() {
			dir := b.TempDir()
			if _, err := static.Write(ctx, docs, &dirWriter{dir: dir}, static.Options{Phrases: benchPhrases}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStaticBytes reports what a browser downloads per query, with the
// facet counts the search page shows. "cold" counts every file a query
// fetches in a new tab: the manifest, the shards, the facet data and the
// metadata of the hits shown. "warm" counts the files a query adds to a tab
// that ran the previous queries. The parts are reported on their own:
// the manifest and the facet data (per tab), the shards and metadata (per
// query).
func BenchmarkStaticBytes(b *testing.B) {
	docs := corpus10k(b)
	ctx := context.Background()
	mem := &memWriter{}
	if _, err := static.Write(ctx, docs, mem, static.Options{Phrases: benchPhrases}); err != nil {
		b.Fatal(err)
	}
	// The search page counts the facets it shows.
	shown := []string{"kind", "domain", "region", "stage", "year"}
	var cold, shards, meta, warm, files []float64
	for b.Loop() {
		cold, shards, meta, warm, files = nil, nil, nil, nil, nil
		warmRd, err := static.Open(ctx, mem)
		if err != nil {
			b.Fatal(err)
		}
		for _, q := range benchQueries {
			req := schema.Request{Query: q, Size: 10, Facets: true, FacetNames: shown, Highlight: true}
			rd, err := static.Open(ctx, mem) // a new tab
			if err != nil {
				b.Fatal(err)
			}
			if _, err := rd.Search(ctx, req); err != nil {
				b.Fatal(err)
			}
			fetched := rd.Fetched()
			cold, files = append(cold, float64(total(fetched))), append(files, float64(len(fetched)))
			shards, meta = append(shards, float64(total(under(fetched, "p/")))), append(meta, float64(total(under(fetched, "d/"))))
			before := total(warmRd.Fetched())
			if _, err := warmRd.Search(ctx, req); err != nil {
				b.Fatal(err)
			}
			warm = append(warm, float64(total(warmRd.Fetched())-before))
		}
	}
	m := mem.files
	b.ReportMetric(float64(len(m["search/manifest.json"]))/1e3, "manifest-KB")
	b.ReportMetric(float64(len(m["search/"+static.GroupPath]))/1e3, "facets-KB")
	b.ReportMetric(percentile(cold, 50)/1e3, "cold-p50-KB")
	b.ReportMetric(percentile(cold, 95)/1e3, "cold-p95-KB")
	b.ReportMetric(slices.Max(cold)/1e3, "cold-max-KB")
	b.ReportMetric(percentile(shards, 95)/1e3, "shards-p95-KB")
	b.ReportMetric(percentile(meta, 50)/1e3, "meta-p50-KB")
	b.ReportMetric(percentile(warm, 50)/1e3, "warm-p50-KB")
	b.ReportMetric(percentile(warm, 95)/1e3, "warm-p95-KB")
	b.ReportMetric(percentile(files, 50), "files-p50")
}

// under returns the fetches of files under a folder of the index.
func under(fs []static.Fetch, dir string) []static.Fetch {
	var out []static.Fetch
	for _, f := range fs {
		if strings.HasPrefix(f.Path, dir) {
			out = append(out, f)
		}
	}
	return out
}

func total(fs []static.Fetch) int {
	n := 0
	for _, f := range fs {
		n += f.Bytes
	}
	return n
}

func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}

var (
	bleveOnce sync.Once
	bleveIx   *index.Index
	bleveErr  error
)

// bleve10k is the 10k index on disk, built once for the query benchmarks:
// in a new temporary folder, or kept in HUAJIE_BENCH_INDEX=DIR between runs
// (Sync reindexes only what changed).
func bleve10k(b *testing.B) *index.Index {
	docs := corpus10k(b)
	bleveOnce.Do(func() {
		ctx := context.Background()
		dir := os.Getenv("HUAJIE_BENCH_INDEX")
		if dir == "" {
			var err error
			if dir, err = os.MkdirTemp("", "huajie-bench-index-"); err != nil {
				bleveErr = err
				return
			}
		}
		bleveIx, _, bleveErr = index.Sync(ctx, index.Options{Path: filepath.Join(dir, "index"), Phrases: benchPhrases}, docs)
	})
	if bleveErr != nil {
		b.Fatal(bleveErr)
	}
	return bleveIx
}

// BenchmarkBleveIndex indexes the corpus into a new index on disk:
// "searchable" when Update returns, "compacted" once the segments are
// merged into one (what Sync does after a first build).
func BenchmarkBleveIndex(b *testing.B) {
	docs := corpus10k(b)
	ctx := context.Background()
	var searchable, compacted []float64
	for b.Loop() {
		start := time.Now()
		ix, err := index.Open(ctx, index.Options{Path: filepath.Join(b.TempDir(), "index"), Phrases: benchPhrases})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ix.Update(ctx, docs); err != nil {
			b.Fatal(err)
		}
		searchable = append(searchable, time.Since(start).Seconds())
		if err := ix.Compact(ctx); err != nil {
			b.Fatal(err)
		}
		compacted = append(compacted, time.Since(start).Seconds())
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs)), "docs")
	b.ReportMetric(percentile(searchable, 50), "searchable-s")
	b.ReportMetric(percentile(compacted, 50), "compacted-s")
}

// BenchmarkBleveReindexOne changes one case and updates the 10k index: the
// content hashes leave the other documents alone.
func BenchmarkBleveReindexOne(b *testing.B) {
	ix := bleve10k(b)
	docs := slices.Clone(corpus10k(b))
	ctx := context.Background()
	i := 0
	for b.Loop() {
		i++
		docs[42].Body += fmt.Sprintf("\n补充说明第%d次。", i)
		res, err := ix.Update(ctx, docs)
		if err != nil {
			b.Fatal(err)
		}
		if res.Changed != 1 || res.Added+res.Deleted != 0 {
			b.Fatalf("update %+v, want one change", res)
		}
	}
}

// BenchmarkBleveQuery runs the 60 queries in three modes and reports the
// median and 99th percentile latency: ranked hits only; with facet counts;
// with facet counts and highlighted titles and snippets. On a machine
// shared with other work the percentiles follow the others' load; worst-ms,
// the slowest query's fastest run, follows the queries.
func BenchmarkBleveQuery(b *testing.B) {
	ix := bleve10k(b)
	ctx := context.Background()
	for _, mode := range []struct {
		name              string
		facets, highlight bool
	}{{"phrase", false, false}, {"facets", true, false}, {"highlight", true, true}} {
		b.Run(mode.name, func(b *testing.B) {
			var lat []float64
			best := make([]float64, len(benchQueries))
			for b.Loop() {
				for i, q := range benchQueries {
					start := time.Now()
					if _, err := ix.Search(ctx, schema.Request{Query: q, Size: 10, Facets: mode.facets, Highlight: mode.highlight}); err != nil {
						b.Fatal(err)
					}
					ms := float64(time.Since(start).Microseconds()) / 1000
					lat = append(lat, ms)
					if best[i] == 0 || ms < best[i] {
						best[i] = ms
					}
				}
			}
			b.ReportMetric(percentile(lat, 50), "p50-ms")
			b.ReportMetric(percentile(lat, 99), "p99-ms")
			b.ReportMetric(slices.Max(lat), "max-ms")
			b.ReportMetric(slices.Max(best), "worst-ms")
		})
	}
}
