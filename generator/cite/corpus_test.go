package cite

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The shared corpus lives outside the module (see shared/corpus/README.md).
const (
	sectionsPath = "../../../shared/corpus/guiding-cases/sections.jsonl"
	keyLawsDir   = "../../../shared/corpus/laws/key"
	relatedDir   = "../../../shared/corpus/laws/key-related"
)

// TestCorpusRelatedProvisions parses the 相关法条 section of every SPC
// guiding case line by line and asserts that at least 95% of the lines yield
// a citation with an article. Run with -v to see the rate and the failures.
func TestCorpusRelatedProvisions(t *testing.T) {
	f, err := os.Open(sectionsPath)
	if os.IsNotExist(err) {
		t.Skipf("corpus not present: %s (see shared/corpus/README.md)", sectionsPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := NewParser()
	var lines, ok, refs, mentions, covered int
	var failures []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var c struct {
			Number   int
			Sections map[string]string
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(c.Sections["相关法条"], "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			lines++
			good := false
			cs := p.Find(line)
			// Every 第X条 outside a title must lie inside a citation.
			for _, m := range reArticleRef.FindAllStringIndex(line, -1) {
				if insideTitle(line, m[0]) {
					continue
				}
				mentions++
				for _, ct := range cs {
					if ct.Start <= m[0] && m[1] <= ct.End && len(ct.Refs) > 0 {
						covered++
						break
					}
				}
			}
			for _, ct := range cs {
				for _, r := range ct.Refs {
					if r.Article > 0 {
						good = true
						refs++
					}
				}
			}
			if good {
				ok++
			} else {
				failures = append(failures, line)
				t.Logf("case %d: no article cited in %q (shape %s)", c.Number, line, shape(line))
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if lines == 0 {
		t.Fatal("no 相关法条 lines read")
	}
	rate := 100 * float64(ok) / float64(lines)
	t.Logf("相关法条: %d/%d lines (%.1f%%) yield a citation with an article; %d article refs in all", ok, lines, rate, refs)
	t.Logf("相关法条: %d of %d 第X条 outside titles lie inside a citation", covered, mentions)
	if rate < 95 {
		t.Errorf("相关法条 parse rate %.1f%% < 95%%", rate)
	}
	if covered != mentions {
		t.Errorf("%d 第X条 outside titles not inside a citation", mentions-covered)
	}
}

// insideTitle tells whether offset i of s lies between 《 and its 》.
func insideTitle(s string, i int) bool {
	depth := 0
	for _, r := range s[:i] {
		switch r {
		case '《':
			depth++
		case '》':
			depth = max(0, depth-1)
		}
	}
	return depth > 0
}

var (
	reTitle   = regexp.MustCompile(`《[^《》]*(《[^《》]*》[^《》]*)*》`)
	reNumeral = regexp.MustCompile(`[0-9０-９零〇一二三四五六七八九十百千两]+`)
)

// shape abstracts a line for grouping failures: titles become 《T》 and
// numerals N.
func shape(s string) string {
	s = reTitle.ReplaceAllString(s, "《T》")
	return reNumeral.ReplaceAllString(s, "N")
}

var (
	reArticleHead = regexp.MustCompile(`^第[零〇一二三四五六七八九十百千]+条(之[一二三四五六七八九十]+)?[ 　]`)
	reArticleRef  = regexp.MustCompile(`第[零〇一二三四五六七八九十百千0-9]+条`)
	reTitledRef   = regexp.MustCompile(`《([^《》]*(?:《[^《》]*》[^《》]*)*)》第[零〇一二三四五六七八九十百千0-9]+条`)
)

// TestCorpusLaws checks the statutes: every 第X条 inside an article body
// (not the article heading) must lie inside a citation Find reports, and
// every 《…》第X条 must be one citation of that title. laws/key has no
// 《…》第X条 at all (its references are 本法第X条, bare 第X条 and 刑法第X条),
// so laws/key-related is read too.
func TestCorpusLaws(t *testing.T) {
	var files []string
	for _, dir := range []string{keyLawsDir, relatedDir} {
		m, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skipf("corpus not present: %s (see shared/corpus/README.md)", keyLawsDir)
	}
	p := NewParser()
	var refsSeen, titled, missed int
	shapes := map[string]int{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		body := string(data)
		if k := strings.Index(body, "<!-- INFO END -->"); k >= 0 {
			body = body[k:]
		}
		for _, para := range strings.Split(body, "\n") {
			para = strings.TrimSpace(para)
			if para == "" || strings.HasPrefix(para, "#") {
				continue
			}
			if m := reArticleHead.FindStringIndex(para); m != nil {
				para = para[m[1]:]
			}
			cs := p.Find(para)
			for _, m := range reArticleRef.FindAllStringIndex(para, -1) {
				refsSeen++
				covered := false
				for _, c := range cs {
					if c.Start <= m[0] && m[1] <= c.End && len(c.Refs) > 0 {
						covered = true
					}
				}
				if !covered {
					missed++
					shapes[shape(para[max(0, m[0]-12):m[1]])]++
					t.Errorf("%s: %q not inside a citation in %q", filepath.Base(file), para[m[0]:m[1]], para)
				}
			}
			for _, m := range reTitledRef.FindAllStringSubmatchIndex(para, -1) {
				titled++
				title := para[m[2]:m[3]]
				found := false
				for _, c := range cs {
					if c.Start == m[0] && len(c.Refs) > 0 && c.Refs[0].Title == title && c.Refs[0].Article > 0 {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: %q does not parse as a citation of 《%s》", filepath.Base(file), para[m[0]:m[1]], title)
				}
			}
		}
	}
	var keys []string
	for k := range shapes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("missed shape %q ×%d", k, shapes[k])
	}
	t.Logf("laws: %d 第X条 references in article bodies, %d not covered; %d of the form 《…》第X条", refsSeen, missed, titled)
}
