package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"huajie/generator/diag"
)

// readTree reads every file below dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameFiles reports the differences between two sets of files.
func sameFiles(got, want map[string][]byte) []string {
	var diff []string
	for rel, w := range want {
		if g, ok := got[rel]; !ok {
			diff = append(diff, "missing "+rel)
		} else if !bytes.Equal(g, w) {
			diff = append(diff, "differs "+rel)
		}
	}
	for rel := range got {
		if _, ok := want[rel]; !ok {
			diff = append(diff, "extra "+rel)
		}
	}
	sort.Strings(diff)
	if len(diff) > 12 {
		diff = append(diff[:12], "…")
	}
	return diff
}

func editFile(t *testing.T, root, rel, re, repl string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	rx := regexp.MustCompile(re)
	if !rx.Match(b) {
		t.Fatalf("%s: no match for %s", rel, re)
	}
	done := false
	b = rx.ReplaceAllFunc(b, func(m []byte) []byte {
		if done {
			return m
		}
		done = true
		return rx.ReplaceAll(m, []byte(repl))
	})
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSessionMatchesBuild edits a generated site, builds it with a session
// after each edit, and compares the snapshot (with its static search
// index) with a clean Build; a broken edit keeps the last good snapshot.
func TestSessionMatchesBuild(t *testing.T) {
	ctx := context.Background()
	src, gres := generateCorpus(t, 120)
	s, err := NewSession(Options{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	compare := func(step string, up *Update) {
		t.Helper()
		search, err := StaticSearch(ctx, up.Snapshot)
		if err != nil {
			t.Fatal(err)
		}
		got := up.Snapshot.WithSearch(search).Files
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(ctx, Options{Source: src, Output: out}); err != nil {
			t.Fatalf("%s: clean build: %s", step, diagnostics(err))
		}
		if d := sameFiles(got, readTree(t, out)); len(d) > 0 {
			t.Errorf("%s: the session's site differs from a clean build:\n%s", step, strings.Join(d, "\n"))
		}
	}
	up, err := s.Build(ctx, nil)
	if err != nil {
		t.Fatalf("first build: %s", diagnostics(err))
	}
	compare("first build", up)
	first := up.Snapshot

	rel := func(id string) string {
		var found string
		filepath.WalkDir(filepath.Join(src, "cases"), func(p string, d fs.DirEntry, err error) error {
			if strings.HasSuffix(p, id+".md") {
				found, _ = filepath.Rel(src, p)
			}
			return nil
		})
		return filepath.ToSlash(found)
	}
	a, b := rel(gres.IDs[3]), rel(gres.IDs[4])
	editFile(t, src, a, `(?m)^title: .*$`, "title: 会话中修改的标题")
	editFile(t, src, b, `(?m)^## 基本案情\n`, "## 基本案情\n\n新增一段。\n")
	up, err = s.Build(ctx, []string{a, b})
	if err != nil {
		t.Fatalf("after edits: %s", diagnostics(err))
	}
	if up.Ran > up.Jobs/4 {
		t.Errorf("two edits re-ran %d of %d jobs", up.Ran, up.Jobs)
	}
	if len(up.Written) == 0 || len(up.Sources) != 2 {
		t.Errorf("written %v, sources %v", up.Written, up.Sources)
	}
	compare("edits", up)

	// A broken file: the build fails with the position, the last good
	// snapshot stays; fixing it builds the edits made meanwhile too.
	good := s.Last()
	editFile(t, src, a, `(?m)^domain: .*$`, "domain: 不存在的领域")
	_, err = s.Build(ctx, []string{a})
	var de *diag.Error
	if !errors.As(err, &de) || !strings.Contains(err.Error(), a+":") {
		t.Fatalf("a broken file gave %v", err)
	}
	if s.Last() != good {
		t.Error("a failed build replaced the last good snapshot")
	}
	editFile(t, src, b, `(?m)^summary: .*$`, "summary: 出错期间修改的摘要。")
	if _, err := s.Build(ctx, []string{b}); err == nil {
		t.Fatal("still broken, but the build succeeded")
	}
	editFile(t, src, a, `(?m)^domain: .*$`, "domain: 工伤认定")
	up, err = s.Build(ctx, []string{a})
	if err != nil {
		t.Fatalf("fixed: %s", diagnostics(err))
	}
	compare("fixed", up)
	if first.Files["index.html"] == nil || len(first.Files) == 0 {
		t.Error("the first snapshot was changed by later builds")
	}

	// A template of the site's own layouts/ overrides the theme's.
	os.MkdirAll(filepath.Join(src, "layouts", "partials"), 0o755)
	theme, _ := os.ReadFile(filepath.Join("..", "..", "themes", "default", "layouts", "partials", "footer.html"))
	os.WriteFile(filepath.Join(src, "layouts", "partials", "footer.html"), append(theme, []byte("<!-- site footer -->")...), 0o644)
	up, err = s.Build(ctx, []string{"layouts/partials/footer.html"})
	if err != nil {
		t.Fatalf("layouts: %s", diagnostics(err))
	}
	if up.Ran != up.Jobs {
		t.Errorf("a template change re-ran %d of %d jobs", up.Ran, up.Jobs)
	}
	compare("layouts", up)
}
