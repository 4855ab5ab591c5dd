package live

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"huajie/generator/build"
	"huajie/generator/watch"
)

// BenchmarkSaveToReload times huajie serve on a generated site of 10,000
// cases (HUAJIE_BENCH_CASES sets another number; HUAJIE_BENCH_INDEX a search
// index folder kept between runs): the server runs in this
// process with its search index on disk; once its first build, search
// index and static search index are done, one case file is saved 20 times
// (as an editor saves: a temporary file renamed over it), each time after
// the server has settled, and the time from the save to the "reload" event
// on an open event stream is measured. Reported metrics:
//
//	reload-median-ms, reload-p90-ms, reload-max-ms
//	              save → reload event, over the 20 saves
//	build-median-ms
//	              the rebuild itself (the server's own timing)
//	heap-MB       Go heap in use once the first build and both search
//	              indexes are done, after a GC (runtime.MemStats.HeapInuse)
//	site-MB       the bytes of the site held in memory (pages and static
//	              search index)
//	first-build-s the first build, and ready-s until both search indexes
//	              are done
func BenchmarkSaveToReload(b *testing.B) {
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("HUAJIE_BENCH_CASES")); err == nil && v > 0 {
		n = v
	}
	src := generate(b, n)
	// HUAJIE_BENCH_INDEX keeps the search index between runs: the
	// generated site is the same each time, so a second run skips the
	// minutes of indexing 10,000 cases.
	ixPath := os.Getenv("HUAJIE_BENCH_INDEX")
	if ixPath == "" {
		ixPath = filepath.Join(b.TempDir(), "index")
	}
	start := time.Now()
	s, err := New(Options{Build: build.Options{Source: src, Version: "bench"}, Addr: "127.0.0.1:0",
		IndexPath: ixPath, Watch: watch.Options{}})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	defer func() {
		cancel()
		<-done
	}()
	r := &running{Server: s}
	r.waitWithin(b, 10*time.Minute, "the first build", func(st Status) bool { return st.Gen == 1 })
	firstBuild := time.Since(start)
	settled := func(st Status) bool {
		return st.IndexGen == st.Gen && st.SearchGen == st.Gen && !st.Failing && !st.Stale
	}
	r.waitWithin(b, 30*time.Minute, "the search indexes", settled)
	ready := time.Since(start)

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	site := s.live.Current()
	var bytes int
	for _, f := range site.Files {
		bytes += len(f)
	}
	for _, f := range site.Extra {
		bytes += len(f)
	}

	// A case in the middle of the corpus.
	var files []string
	filepath.WalkDir(filepath.Join(src, "cases"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		b.Fatal("no case to edit")
	}
	slices.Sort(files)
	rel := files[len(files)/2]
	orig, err := os.ReadFile(rel)
	if err != nil {
		b.Fatal(err)
	}
	page := "/cases/" + strings.TrimSuffix(filepath.Base(rel), ".md") + "/"
	ev := r.events(b)
	ev.next(b, "hello")

	var reloads, builds []time.Duration
	for b.Loop() {
		for i := range 20 {
			text := strings.Replace(string(orig), "## 基本案情\n", fmt.Sprintf("## 基本案情\n\n第%d次保存。\n", len(reloads)+i+1), 1)
			tmp := filepath.Join(filepath.Dir(rel), "."+filepath.Base(rel)+".tmp")
			if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
			t0 := time.Now()
			if err := os.Rename(tmp, rel); err != nil {
				b.Fatal(err)
			}
			e := ev.next(b, "reload")
			reloads = append(reloads, e.at.Sub(t0))
			var d struct{ Paths []string }
			json.Unmarshal([]byte(e.data), &d)
			if !slices.Contains(d.Paths, page) {
				b.Fatalf("reload event without the page: %s", e.data)
			}
			builds = append(builds, buildTime(r.Status().Last))
			r.waitFor(b, "the server to settle", settled)
			ev.drain() // the reload of the similar lists computed again, if any
		}
	}
	b.ReportMetric(ms2(percentile(reloads, 50)), "reload-median-ms")
	b.ReportMetric(ms2(percentile(reloads, 90)), "reload-p90-ms")
	b.ReportMetric(ms2(percentile(reloads, 100)), "reload-max-ms")
	b.ReportMetric(ms2(percentile(builds, 50)), "build-median-ms")
	b.ReportMetric(float64(ms.HeapInuse)/1e6, "heap-MB")
	b.ReportMetric(float64(bytes)/1e6, "site-MB")
	b.ReportMetric(firstBuild.Seconds(), "first-build-s")
	b.ReportMetric(ready.Seconds(), "ready-s")
	b.Logf("%d cases; save → reload (ms): %v", n, msList(reloads))
}

func buildTime(up *build.Update) time.Duration {
	var d time.Duration
	for _, s := range up.Steps {
		d += s.Took
	}
	return d
}

func percentile(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))]
}

func ms2(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func msList(ds []time.Duration) []int64 {
	out := make([]int64, len(ds))
	for i, d := range ds {
		out[i] = d.Milliseconds()
	}
	return out
}
