package live

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"huajie/generator/build"
	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/internal/corpusgen/gen"
)

// generate writes a synthetic site of n cases.
func generate(t testing.TB, n int) string {
	t.Helper()
	v, raw, err := gen.ReadVocab(filepath.Join("..", "..", "content", "vocab.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := gen.Generate(dir, gen.Options{Cases: n, Seed: 3, Vocab: v, VocabYAML: raw}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestStressBurstsEqualCleanBuild saves 200 files in bursts while the
// server rebuilds — edits of bodies, titles, dates and keywords, new cases,
// removed cases, one broken save fixed later — and checks that once it is
// quiet the site served is, file for file, a clean build of the same
// folder.
func TestStressBurstsEqualCleanBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("stress test")
	}
	src := generate(t, 300)
	var d diag.List
	c := content.Load(context.Background(), src, &d)
	idx := content.Validate(context.Background(), c, &d)
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	// Cases nothing refers to may be removed; cases outside series may be
	// copied into new ones.
	var free, plain []*content.Case
	for _, cs := range c.Cases {
		if len(idx.CitedBy[cs.ID]) == 0 && cs.Series == nil {
			free = append(free, cs)
		}
		if cs.Series == nil {
			plain = append(plain, cs)
		}
	}
	r := start(t, src)
	r.waitFor(t, "the first good build", func(st Status) bool { return st.Gen == 1 })

	rng := rand.New(rand.NewPCG(1, 2))
	removed := map[string]bool{}
	pick := func(list []*content.Case) *content.Case {
		for {
			cs := list[rng.IntN(len(list))]
			if !removed[cs.Path] {
				return cs
			}
		}
	}
	save := func(rel, text string) {
		p := filepath.Join(src, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp")
		if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, p); err != nil {
			t.Fatal(err)
		}
	}
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	replace := func(s, re, repl string) string {
		rx := regexp.MustCompile(re)
		if loc := rx.FindStringIndex(s); loc != nil {
			return s[:loc[0]] + rx.ReplaceAllString(s[loc[0]:loc[1]], repl) + s[loc[1]:]
		}
		return s
	}
	drop := regexp.MustCompile(`(?m)^(series|related|pair): .*\n`)
	saves, added := 0, 0
	var broken string
	fixed := false
	for burst := range 10 {
		for range 20 {
			saves++
			switch k := rng.IntN(10); {
			case burst == 3 && broken == "":
				broken = pick(plain).Path
				save(broken, replace(read(broken), `(?m)^domain: .*$`, "domain: 没有这个领域"))
			case burst == 5 && !fixed:
				save(broken, replace(read(broken), `(?m)^domain: .*$`, "domain: 工伤认定"))
				fixed = true
			case k < 4:
				cs := pick(plain)
				save(cs.Path, replace(read(cs.Path), `(?m)^## 基本案情\n`, fmt.Sprintf("## 基本案情\n\n第%d次保存时补充的情况。\n", saves)))
			case k < 6:
				cs := pick(plain)
				save(cs.Path, replace(read(cs.Path), `(?m)^title: .*$`, fmt.Sprintf("title: 压力测试修改标题的案件之%d", saves)))
			case k < 7:
				cs := pick(plain)
				save(cs.Path, replace(read(cs.Path), `closed: (\d{4})-\d\d-\d\d`, "closed: ${1}-12-31"))
			case k < 8:
				cs := pick(plain)
				save(cs.Path, replace(read(cs.Path), `(?m)^keywords: .*$`, fmt.Sprintf("keywords: [压力测试, 关键词%d]", saves%7)))
			case k < 9:
				cs := pick(plain)
				added++
				id := cs.ID[:len(cs.ID)-4] + fmt.Sprintf("9%03d", added)
				text := drop.ReplaceAllString(read(cs.Path), "")
				save(fmt.Sprintf("cases/added/%d/%s.md", burst, id), strings.Replace(text, "id: "+cs.ID, "id: "+id, 1))
			default:
				cs := pick(free)
				if cs.Path == broken {
					continue
				}
				removed[cs.Path] = true
				os.Remove(filepath.Join(src, filepath.FromSlash(cs.Path)))
			}
		}
		if burst == 3 {
			// The broken save is seen before it is fixed: the next bursts
			// build on a failed build.
			r.waitFor(t, "the broken build", func(s Status) bool { return s.Failing })
		}
		time.Sleep(time.Duration(rng.IntN(400)) * time.Millisecond)
	}

	// Quiet: no build for a while, the last one good, both search
	// indexes caught up.
	var st Status
	stable := time.Now()
	last := -1
	r.waitFor(t, "the server to settle", func(s Status) bool {
		if s.Builds != last {
			last, stable = s.Builds, time.Now()
		}
		st = s
		return time.Since(stable) > 1500*time.Millisecond && !s.Failing && !s.Stale && s.SearchGen == s.Gen && s.IndexGen == s.Gen
	})
	t.Logf("%d saves in 10 bursts: %d builds, last good build %d", saves, st.Builds, st.Gen)
	if st.Builds < 3 {
		t.Errorf("only %d builds: the bursts were not seen separately", st.Builds)
	}

	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(context.Background(), build.Options{Source: src, Output: out, BaseURL: r.URL(), Version: "test"}); err != nil {
		t.Fatalf("clean build: %v", err)
	}
	site := r.live.Current()
	served := map[string][]byte{}
	for rel, b := range site.Files {
		served[rel] = b
	}
	for rel, b := range site.Extra {
		served[rel] = b
	}
	var diff []string
	n := 0
	filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		n++
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		want, _ := os.ReadFile(p)
		if got, ok := served[rel]; !ok {
			diff = append(diff, "missing "+rel)
		} else if !bytes.Equal(got, want) {
			diff = append(diff, "differs "+rel)
		}
		delete(served, rel)
		return nil
	})
	for rel := range served {
		diff = append(diff, "extra "+rel)
	}
	sort.Strings(diff)
	if len(diff) > 0 {
		if len(diff) > 20 {
			diff = append(diff[:20], fmt.Sprintf("… %d in all", len(diff)))
		}
		t.Errorf("the served site differs from a clean build:\n%s", strings.Join(diff, "\n"))
	}
	if n < 1000 {
		t.Errorf("the clean build has only %d files", n)
	}
	// The search API finds what the last saves wrote.
	r.waitFor(t, "index", func(s Status) bool { return s.IndexGen == s.Gen })
	if _, _, body := r.get(t, "/api/search?q=压力测试修改标题"); !strings.Contains(body, "压力测试修改标题") {
		t.Errorf("the search API does not find the edited titles: %s", cut(body))
	}
}
