package build

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"huajie/generator/internal/testsite"
)

var corpusRoot = filepath.Join("..", "..", "..", "shared", "corpus")

// librarySite copies the repository's site into a temporary folder and
// mounts the given corpus folders: laws and precedents.
func librarySite(t testing.TB, laws, precedents []string) string {
	t.Helper()
	if _, err := os.Stat(corpusRoot); err != nil {
		t.Skipf("the shared corpus is not at %s: %v", corpusRoot, err)
	}
	repo := filepath.Join("..", "..")
	dir := testsite.Copy(t, repo)
	site, err := os.ReadFile(filepath.Join(repo, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	abs := func(list []string) string {
		var b strings.Builder
		for _, l := range list {
			p, _ := filepath.Abs(filepath.Join(corpusRoot, l))
			fmt.Fprintf(&b, "\n    - %s", p)
		}
		return b.String()
	}
	s := regexp.MustCompile(`(?s)libraries:.*?\n(\S|$)`).ReplaceAllString(string(site), "libraries:\n  laws:"+abs(laws)+"\n  precedents:"+abs(precedents)+"\n$1")
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestMountedCorpus builds the repository's site with the real statutes
// (laws/key, laws/key-related) and the SPC guiding cases mounted: no
// problems, every article of the 2017 行政诉讼法 resolves and has its
// anchor, the case pages link their citations to the law pages, and the
// law articles list the cases citing them.
func TestMountedCorpus(t *testing.T) {
	src := librarySite(t, []string{"laws/key", "laws/key-related"}, []string{"guiding-cases/cases"})
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Source: src, Output: out})
	if err != nil {
		t.Fatalf("the site with the corpus mounted does not build:\n%v", err)
	}
	c, g := res.Content, res.Graph
	if len(c.Laws) < 24 || len(c.Precedents) < 200 {
		t.Fatalf("mounted %d laws and %d precedents", len(c.Laws), len(c.Precedents))
	}
	// Every article of the 2017 行政诉讼法 resolves, in both title forms.
	vs := g.Versions("中华人民共和国行政诉讼法")
	if len(vs) == 0 || vs[0].Version != "2017-06-27" {
		t.Fatalf("行政诉讼法 versions: %+v", vs)
	}
	page := read(t, out, vs[0].URL+"index.html")
	if n := len(vs[0].Doc.Articles); n != 103 {
		t.Errorf("行政诉讼法 (2017) has %d articles, want 103", n)
	}
	for n := 1; n <= 103; n++ {
		for _, title := range []string{"《中华人民共和国行政诉讼法》", "《行政诉讼法》"} {
			want := fmt.Sprintf("%s#art-%d", vs[0].URL, n)
			if got := g.Link(fmt.Sprintf("%s第%d条", title, n), nil, ""); got != want {
				t.Errorf("%s第%d条 → %q, want %q", title, n, got, want)
			}
		}
		if !strings.Contains(page, fmt.Sprintf(`id="art-%d"`, n)) {
			t.Errorf("the law page lacks the anchor art-%d", n)
		}
	}
	// Two versions of 行政复议法 are mounted (2017 in key-related, 2023 in
	// key): a case decided under the old law links to the old version.
	if fy := g.Versions("行政复议法"); len(fy) < 2 {
		t.Errorf("行政复议法: %d versions mounted, want 2", len(fy))
	} else if got := g.Link("《中华人民共和国行政复议法》第九条", nil, "2020-05-01"); !strings.HasPrefix(got, fy[1].URL) || fy[1].URL == fy[0].URL {
		t.Errorf("a 2020 citation of 行政复议法 → %q, want the %s version at %s", got, fy[1].Version, fy[1].URL)
	}
	// Case pages link legal_basis to the law's article, and the article
	// lists the case.
	linked, backlinks := 0, 0
	for _, cs := range c.Cases {
		html := read(t, out, "cases/"+cs.ID+"/index.html")
		linked += strings.Count(html, `href="/huajie/laws/`)
	}
	for _, tg := range g.Targets() {
		if tg.Kind != "law" || tg.Doc == nil {
			continue
		}
		for _, a := range tg.Doc.Articles {
			backlinks += len(g.CitedBy(tg, a.Anchor))
		}
	}
	if linked < 100 || backlinks < 100 {
		t.Errorf("%d links from case pages to law articles, %d backlinks: too few", linked, backlinks)
	}
	if !strings.Contains(page, "本条关联案例") {
		t.Errorf("the 行政诉讼法 page lists no citing case")
	}
	// Precedent pages carry the authority badge and link their 相关法条.
	p := read(t, out, "precedents/"+c.Precedents[0].ID+"/index.html")
	for _, want := range []string{"指导性案例", "应当参照", "裁判要点"} {
		if !strings.Contains(p, want) {
			t.Errorf("precedent page %s lacks %q", c.Precedents[0].ID, want)
		}
	}
	t.Logf("%d laws, %d precedents; %d article citations resolved, %d of unmounted laws; %d links from cases to laws, %d backlinks",
		len(c.Laws), len(c.Precedents), g.Citations, g.Unresolved, linked, backlinks)
}

// BenchmarkLibraries builds the repository's site with all of laws/bulk
// (3,422 files), laws/key, laws/key-related and the guiding cases mounted,
// and reports the stages, the output size and the peak memory:
//
//	go test ./generator/build -run '^$' -bench BenchmarkLibraries -benchtime 1x -timeout 30m
func BenchmarkLibraries(b *testing.B) {
	src := librarySite(b, []string{"laws/key", "laws/key-related", "laws/bulk"}, []string{"guiding-cases/cases"})
	outs := b.TempDir()
	var (
		m                       buildFigures
		laws, precedents, files int
	)
	for b.Loop() {
		out := filepath.Join(outs, "public"+strconv.Itoa(m.iter))
		res := m.measure(b, func() (*Result, error) { return Build(context.Background(), Options{Source: src, Output: out}) })
		b.StopTimer()
		laws, precedents = len(res.Content.Laws), len(res.Content.Precedents)
		files = 0
		filepath.WalkDir(out, func(_ string, d fs.DirEntry, _ error) error {
			if d != nil && !d.IsDir() {
				files++
			}
			return nil
		})
		os.RemoveAll(out)
		b.StartTimer()
	}
	b.ReportMetric(float64(laws), "laws")
	b.ReportMetric(float64(precedents), "precedents")
	b.ReportMetric(float64(files), "files")
	m.report(b)
}
