package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"huajie/generator/diag"
	"huajie/generator/internal/corpusgen/gen"
	"huajie/generator/internal/procstat"
	"huajie/generator/render"
)

// corpusVocab is the repository's vocabulary, which generated sites copy.
var corpusVocab = filepath.Join("..", "..", "content", "vocab.yaml")

// generateCorpus writes a generated site of n cases into a temporary folder.
func generateCorpus(tb testing.TB, n int) (string, *gen.Result) {
	tb.Helper()
	v, raw, err := gen.ReadVocab(corpusVocab)
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	res, err := gen.Generate(dir, gen.Options{Cases: n, Seed: 1, Vocab: v, VocabYAML: raw})
	if err != nil {
		tb.Fatal(err)
	}
	return dir, res
}

// diagnostics formats a build error, listing every diagnostic.
func diagnostics(err error) string {
	var de *diag.Error
	if errors.As(err, &de) {
		return fmt.Sprintf("%d diagnostics:\n%v", len(de.Items), err)
	}
	return err.Error()
}

// TestCorpusBuilds proves that the corpus generator writes valid content: a
// generated site of every case kind builds without a single diagnostic.
func TestCorpusBuilds(t *testing.T) {
	const n = 200
	src, gres := generateCorpus(t, n)
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Source: src, Output: out})
	if err != nil {
		t.Fatalf("building the generated corpus: %s", diagnostics(err))
	}
	if got := len(res.Content.Cases); got != n {
		t.Errorf("loaded %d cases, want %d", got, n)
	}
	if got := len(res.Content.Rules); got != 1 {
		t.Errorf("loaded %d rules, want 1", got)
	}

	// The first and last case, and the first of every kind.
	check := map[string]bool{gres.IDs[0]: true, gres.IDs[len(gres.IDs)-1]: true}
	seen := map[string]bool{}
	for i, id := range gres.IDs {
		if k := gres.Kinds[i]; !seen[k] {
			seen[k], check[id] = true, true
		}
	}
	if len(seen) != 3 {
		t.Errorf("generated kinds %v, want mediation, exemplary and warning", seen)
	}
	for id := range check {
		p := filepath.Join(out, "cases", id, "index.html")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("case page: %v", err)
			continue
		}
		if !bytes.Contains(b, []byte(id)) || !bytes.Contains(b, []byte("基本案情")) {
			t.Errorf("%s does not show the case id and its body", p)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "rules", gen.RuleSlug, "index.html")); err != nil {
		t.Errorf("rule page: %v", err)
	}
}

// BenchmarkBuild times whole builds (load, validate, citations, privacy
// guard, similar cases, render, write) of generated sites of 1,000 and
// 10,000 cases. The corpus is generated once per size, outside the timer;
// each iteration builds into a fresh output folder.
//
//	cases=N          the build without the static search index (build
//	                 --no-search): the "render only" figure
//	cases=N/search   the whole build, search index included
//
// The output folders go under HUAJIE_BENCH_OUT when it is set (/dev/shm
// keeps the shared virtual disk, whose speed varies several-fold from one
// run to the next, out of the figure), else under the test's temporary
// folder. Reported metrics:
//
//	peak-MB       peak of the memory the Go runtime holds from the OS
//	              (runtime/metrics total minus released), sampled every 2 ms
//	peak-heap-MB  peak of live and not yet swept heap objects
//	peak-rss-MB   the process's peak resident set during the build
//	              (Linux VmHWM after resetting it; absent elsewhere)
//	cpu-s         user+system CPU time of the process per build (Linux
//	              /proc/self/stat; absent elsewhere): unlike ns/op it does not
//	              grow when other processes compete for the CPUs
//	load-ms …     the build's own stage timings
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		// Generated on first use, in the parent's folder: both variants
		// build it, and a -bench pattern may select neither.
		var src string
		parent := b
		corpus := func() string {
			if src == "" {
				src, _ = generateCorpus(parent, n)
			}
			return src
		}
		b.Run("cases="+strconv.Itoa(n), func(b *testing.B) {
			benchBuild(b, corpus(), Options{NoSearch: true})
		})
		b.Run("cases="+strconv.Itoa(n)+"/search", func(b *testing.B) {
			benchBuild(b, corpus(), Options{})
		})
	}
}

func benchBuild(b *testing.B, src string, opts Options) {
	outs := os.Getenv("HUAJIE_BENCH_OUT")
	if outs == "" {
		outs = b.TempDir()
	} else {
		var err error
		if outs, err = os.MkdirTemp(outs, "huajie-bench-"); err != nil {
			b.Fatal(err)
		}
		defer os.RemoveAll(outs)
	}
	var m buildFigures
	for b.Loop() {
		out := filepath.Join(outs, "public"+strconv.Itoa(m.iter))
		o := opts
		o.Source, o.Output = src, out
		m.measure(b, func() (*Result, error) { return Build(context.Background(), o) })
		b.StopTimer()
		os.RemoveAll(out) // keep the disk use of many iterations bounded
		b.StartTimer()
	}
	m.report(b)
}

// buildFigures gathers the figures of the builds of a benchmark.
type buildFigures struct {
	peak, heap, rss, cpu float64
	cpuFailed            bool
	steps                map[string]time.Duration
	iter                 int
}

// measure runs one build, called from inside b.Loop: only the build itself
// is timed, from a collected heap and a reset peak resident set.
func (m *buildFigures) measure(b *testing.B, build func() (*Result, error)) *Result {
	b.StopTimer()
	m.iter++
	runtime.GC()
	debug.FreeOSMemory()
	procstat.ResetPeakRSS()
	s := startSampler()
	cpu0, ok0 := procstat.CPUSeconds()
	b.StartTimer()

	res, err := build()

	b.StopTimer()
	cpu1, ok1 := procstat.CPUSeconds()
	p, h := s.stop()
	if err != nil {
		b.Fatalf("build: %s", diagnostics(err))
	}
	m.cpu += cpu1 - cpu0
	m.cpuFailed = m.cpuFailed || !ok0 || !ok1
	m.peak, m.heap = max(m.peak, p), max(m.heap, h)
	if r, ok := procstat.PeakRSS(); ok {
		m.rss = max(m.rss, r)
	}
	if m.steps == nil {
		m.steps = map[string]time.Duration{}
	}
	for _, st := range res.Steps {
		m.steps[st.Name] += st.Took
	}
	b.StartTimer()
	return res
}

func (m *buildFigures) report(b *testing.B) {
	if m.iter == 0 {
		return
	}
	b.ReportMetric(m.peak, "peak-MB")
	b.ReportMetric(m.heap, "peak-heap-MB")
	if m.rss > 0 {
		b.ReportMetric(m.rss, "peak-rss-MB")
	}
	if !m.cpuFailed {
		b.ReportMetric(m.cpu/float64(m.iter), "cpu-s")
	}
	for name, d := range m.steps {
		b.ReportMetric(float64(d.Milliseconds())/float64(m.iter), name+"-ms")
	}
}

// sampler tracks the peak memory use of the process while it runs.
type sampler struct {
	quit       chan struct{}
	done       chan struct{}
	peak, heap uint64
}

var sampleNames = []string{
	"/memory/classes/total:bytes",
	"/memory/classes/heap/released:bytes",
	"/memory/classes/heap/objects:bytes",
}

func startSampler() *sampler {
	s := &sampler{quit: make(chan struct{}), done: make(chan struct{})}
	samples := make([]metrics.Sample, len(sampleNames))
	for i, n := range sampleNames {
		samples[i].Name = n
	}
	read := func() {
		metrics.Read(samples)
		total, released, objects := samples[0].Value.Uint64(), samples[1].Value.Uint64(), samples[2].Value.Uint64()
		s.peak = max(s.peak, total-released)
		s.heap = max(s.heap, objects)
	}
	read()
	go func() {
		defer close(s.done)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-s.quit:
				read()
				return
			case <-t.C:
				read()
			}
		}
	}()
	return s
}

// stop ends sampling and returns the peaks in MB (10^6 bytes).
func (s *sampler) stop() (peakMB, heapMB float64) {
	close(s.quit)
	<-s.done
	return float64(s.peak) / 1e6, float64(s.heap) / 1e6
}

// discard is an output that keeps nothing, to time rendering without the
// file system (whose speed on a shared virtual disk varies several-fold).
type discard struct{ bytes atomic.Int64 }

func (d *discard) WriteFile(rel string, data []byte) error {
	d.bytes.Add(int64(len(data)))
	return nil
}

// BenchmarkRenderToMemory times a 10k-case build without the file system
// and without the static search index: load, validate, citations, privacy
// guard, similar cases and render, every page rendered into memory and
// dropped. It is the "render only" figure, free of the shared
// virtual disk (whose speed varies several-fold); BenchmarkBuild adds the
// writes. HUAJIE_BENCH_SITE names a site to build instead of a generated
// one (go run ./generator/internal/corpusgen -n 10000 -o DIR).
func BenchmarkRenderToMemory(b *testing.B) {
	src := os.Getenv("HUAJIE_BENCH_SITE")
	if src == "" {
		src, _ = generateCorpus(b, 10000)
	}
	var (
		m buildFigures
		w *discard
	)
	for b.Loop() {
		m.measure(b, func() (*Result, error) {
			w = &discard{}
			res := &Result{}
			err := run(context.Background(), src, Options{NoSearch: true}, res, func() (render.Writer, error) { return w, nil })
			return res, err
		})
	}
	m.report(b)
	b.ReportMetric(float64(w.bytes.Load())/1e6, "output-MB")
}
