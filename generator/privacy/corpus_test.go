package privacy

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"huajie/generator/diag"
)

// corpusRoot is shared/corpus seen from this package's folder.
const corpusRoot = "../../../shared/corpus"

// corpusSets are the published, court-anonymised judgments the guard is run on.
var corpusSets = []string{"guiding-cases/cases", "gazette-cases-admin/cases"}

// TestPublishedCorpus scans every published case of the shared corpus and
// compares what it finds with testdata/corpus_findings.txt: the details the
// courts left in their published texts (plates, certificate numbers,
// addresses), each judged by hand. A new finding is either a false positive,
// to be fixed in the recognisers, or a real detail, to be added to the file
// with a comment saying why; a finding that disappears is a regression.
func TestPublishedCorpus(t *testing.T) {
	if _, err := os.Stat(corpusRoot); err != nil {
		t.Skipf("no corpus at %s (shared/corpus next to the repository): %v", corpusRoot, err)
	}
	want, err := readKnownFindings("testdata/corpus_findings.txt")
	if err != nil {
		t.Fatal(err)
	}
	g := New(nil)
	got := map[string]bool{}
	files := 0
	for _, set := range corpusSets {
		paths, err := filepath.Glob(filepath.Join(corpusRoot, set, "*.md"))
		if err != nil || len(paths) == 0 {
			t.Fatalf("%s: no case files (%v)", set, err)
		}
		sort.Strings(paths)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files++
			rel := filepath.ToSlash(strings.TrimPrefix(p, corpusRoot+string(filepath.Separator)))
			text := string(b)
			for _, f := range g.Scan(text) {
				pos := Pos(diag.Pos{File: rel, Line: 1, Col: 1}, text, f.Offset)
				t.Logf("%s: %s %s", pos, f.Kind, f.Match)
				got[f.Kind+"\t"+rel+"\t"+f.Match] = true
			}
		}
	}
	t.Logf("%d files, %d distinct findings", files, len(got))
	for k := range got {
		if !want[k] {
			t.Errorf("new finding (fix the recogniser if it is a false positive, else add it to testdata/corpus_findings.txt): %s", k)
		}
	}
	for k := range want {
		if !got[k] {
			t.Errorf("known finding no longer reported: %s", k)
		}
	}
}

// readKnownFindings reads lines of kind, file and match separated by tabs;
// blank lines and lines starting with # are comments.
func readKnownFindings(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	known := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		known[line] = true
	}
	return known, sc.Err()
}
