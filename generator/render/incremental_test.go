package render

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/internal/corpusgen/gen"
	"huajie/generator/output"
)

// incSite is a generated site being edited, rendered incrementally into
// an in-memory snapshot.
type incSite struct {
	t     *testing.T
	dir   string
	store *content.Store
	val   content.Validator
	inc   *Incremental
	snap  map[string][]byte
	c     *content.Content
	idx   *content.Index
}

func newIncSite(t *testing.T, cases int) *incSite {
	t.Helper()
	v, raw, err := gen.ReadVocab(filepath.Join("..", "..", "content", "vocab.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := gen.Generate(dir, gen.Options{Cases: cases, Seed: 7, Vocab: v, VocabYAML: raw}); err != nil {
		t.Fatal(err)
	}
	s := &incSite{t: t, dir: dir, store: content.NewStore(dir), inc: NewIncremental(Options{}), snap: map[string][]byte{}}
	s.update(nil, Change{})
	return s
}

// update reads the changed files, validates, renders incrementally and
// applies the pass; it returns the pass.
func (s *incSite) update(paths []string, ch Change) *Pass {
	s.t.Helper()
	ctx := context.Background()
	var changed []string
	s.c, changed = s.store.Update(ctx, paths)
	ch.Paths = changed
	var d diag.List
	d.Append(s.store.Diagnostics())
	s.idx = s.val.Validate(ctx, s.c, &d)
	if err := d.Err(); err != nil {
		s.t.Fatalf("content: %v", err)
	}
	p := s.inc.Render(ctx, s.c, s.idx, ch, &d)
	if err := d.Err(); err != nil || p == nil {
		s.t.Fatalf("render: %v", err)
	}
	for rel, data := range p.Files {
		s.snap[rel] = data
	}
	for _, rel := range p.Removed {
		if _, ok := p.Files[rel]; ok {
			s.t.Errorf("%s is both written and removed", rel)
		}
		delete(s.snap, rel)
	}
	p.Commit()
	return p
}

// check compares the snapshot with a full render of the same content.
func (s *incSite) check(step string) {
	s.t.Helper()
	var d diag.List
	var w output.Memory
	Render(context.Background(), s.c, s.idx, Options{}, &w, &d)
	if err := d.Err(); err != nil {
		s.t.Fatalf("%s: full render: %v", step, err)
	}
	var diff []string
	for rel, want := range w.Files {
		if got, ok := s.snap[rel]; !ok {
			diff = append(diff, "missing "+rel)
		} else if !bytes.Equal(got, want) {
			diff = append(diff, "differs "+rel)
		}
	}
	for rel := range s.snap {
		if _, ok := w.Files[rel]; !ok {
			diff = append(diff, "extra "+rel)
		}
	}
	sort.Strings(diff)
	if len(diff) > 0 {
		if len(diff) > 12 {
			diff = append(diff[:12], "…")
		}
		s.t.Errorf("%s: the incremental output differs from a full render:\n%s", step, strings.Join(diff, "\n"))
	}
}

// edit rewrites the first match of re in a site file.
func (s *incSite) edit(rel string, re, repl string) string {
	s.t.Helper()
	full := filepath.Join(s.dir, filepath.FromSlash(rel))
	b, err := os.ReadFile(full)
	if err != nil {
		s.t.Fatal(err)
	}
	rx := regexp.MustCompile(re)
	loc := rx.FindIndex(b)
	if loc == nil {
		s.t.Fatalf("%s: no match for %s", rel, re)
	}
	out := append(append(append([]byte{}, b[:loc[0]]...), rx.ReplaceAll(b[loc[0]:loc[1]], []byte(repl))...), b[loc[1]:]...)
	if err := os.WriteFile(full, out, 0o644); err != nil {
		s.t.Fatal(err)
	}
	return rel
}

// plain returns a case nothing refers to and that refers to nothing.
func (s *incSite) plain(skip int) *content.Case {
	for _, c := range s.c.Cases {
		if len(s.idx.CitedBy[c.ID]) == 0 && len(c.Related) == 0 && c.Pair == "" && c.Series == nil {
			if skip == 0 {
				return c
			}
			skip--
		}
	}
	s.t.Fatal("no plain case")
	return nil
}

func TestIncrementalMatchesFullRender(t *testing.T) {
	s := newIncSite(t, 300)
	s.check("first pass")
	c := s.plain(0)
	jobs := 0

	p := s.update([]string{s.edit(c.Path, `(?m)^## 基本案情\n`, "## 基本案情\n\n本段为修改后新增的内容。\n")}, Change{})
	s.check("body edited")
	jobs = p.Jobs
	t.Logf("body edit: %d of %d jobs, %d files", p.Ran, p.Jobs, len(p.Files))
	// The case page and the pages every change re-runs (home, section
	// indexes, taxonomy indexes, feed), not the list pages.
	if p.Ran > 40 {
		t.Errorf("a body edit re-ran %d of %d jobs", p.Ran, jobs)
	}
	if len(p.Files) > 40 {
		t.Errorf("a body edit rewrote %d files", len(p.Files))
	}
	if !p.ListsReused {
		t.Error("a body edit planned the lists again")
	}

	p = s.update([]string{s.edit(c.Path, `(?m)^title: .*$`, "title: 改过标题的化解案")}, Change{})
	s.check("title edited")
	t.Logf("title edit: %d of %d jobs, %d files", p.Ran, p.Jobs, len(p.Files))
	if p.Ran > 80 {
		t.Errorf("a title edit re-ran %d of %d jobs", p.Ran, jobs)
	}

	s.update([]string{s.edit(c.Path, `closed: \d{4}-\d\d-\d\d`, "closed: 2030-12-31")}, Change{})
	s.check("date moved: the lists reorder")

	s.update([]string{s.edit(c.Path, `(?m)^domain: .*$`, "domain: 工伤认定")}, Change{})
	s.check("domain changed: facets and term lists")

	// Keywords and the year are not on the card but make term lists.
	p = s.update([]string{s.edit(c.Path, `(?m)^keywords: .*$`, "keywords: [新关键词, 工伤认定]")}, Change{})
	s.check("keywords changed")
	if p.ListsReused {
		t.Error("a keyword edit reused the list plan")
	}
	p = s.update([]string{s.edit(c.Path, `act: \d{4}`, "act: 2015")}, Change{})
	s.check("year changed")
	if p.ListsReused {
		t.Error("a year edit reused the list plan")
	}
	// Two body edits in a row reuse the plan, the second one too.
	s.update([]string{s.edit(c.Path, `(?m)^## 争议焦点\n`, "## 争议焦点\n\n补一句。\n")}, Change{})
	s.check("body again")
	p = s.update([]string{s.edit(c.Path, `(?m)^## 争议焦点\n`, "## 争议焦点\n\n再补一句。\n")}, Change{})
	s.check("and again")
	if !p.ListsReused {
		t.Error("a second body edit planned the lists again")
	}

	// A case with links: the pages of the cases it relates to show its title.
	var linked *content.Case
	for _, x := range s.c.Cases {
		if len(x.Related) > 0 {
			linked = x
			break
		}
	}
	if linked != nil {
		s.update([]string{s.edit(linked.Path, `(?m)^title: .*$`, "title: 关联案例改名")}, Change{})
		s.check("title of a linked case")
		s.update([]string{s.edit(linked.Path, `(?m)^related: .*\n`, "")}, Change{})
		s.check("link removed")
	}

	// A new case, then one removed.
	b, _ := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(c.Path)))
	newID := "ZK-2030-" + strings.Split(c.ID, "-")[2] + "-0999"
	newRel := "cases/new/" + newID + ".md"
	os.MkdirAll(filepath.Join(s.dir, "cases", "new"), 0o755)
	os.WriteFile(filepath.Join(s.dir, filepath.FromSlash(newRel)), bytes.Replace(b, []byte("id: "+c.ID), []byte("id: "+newID), 1), 0o644)
	s.update([]string{"cases/new"}, Change{})
	s.check("case added")
	gone := s.plain(3)
	os.Remove(filepath.Join(s.dir, filepath.FromSlash(gone.Path)))
	p = s.update([]string{gone.Path}, Change{})
	s.check("case removed")
	if len(p.Removed) == 0 {
		t.Error("removing a case removed no file")
	}

	// Nothing changed: only the jobs that always run.
	p = s.update([]string{c.Path}, Change{})
	s.check("nothing")
	if len(p.Removed) != 0 {
		t.Errorf("removed %v", p.Removed)
	}

	// site.yaml: everything.
	p = s.update([]string{s.edit("site.yaml", `(?m)^title: .*$`, "title: 改名的中心")}, Change{All: true})
	s.check("site.yaml")
	if !p.Full {
		t.Error("a site.yaml change did not re-run every job")
	}
}

// TestIncrementalFailedPassIsDropped: a pass that is not committed (its
// files not applied) leaves the next pass to start from the last committed
// one, given the paths changed since then.
func TestIncrementalFailedPassIsDropped(t *testing.T) {
	s := newIncSite(t, 60)
	c := s.plain(0)
	rel := s.edit(c.Path, `(?m)^title: .*$`, "title: 第一次修改")
	ctx := context.Background()
	cc, changed := s.store.Update(ctx, []string{rel})
	var d diag.List
	idx := s.val.Validate(ctx, cc, &d)
	if p := s.inc.Render(ctx, cc, idx, Change{Paths: changed}, &d); p == nil {
		t.Fatal("no pass")
	} // dropped: not applied, not committed
	// The next pass gets only the next change; it must still bring the
	// first one, which was never committed, to the output.
	s.update([]string{s.edit(c.Path, `(?m)^summary: .*$`, "summary: 第二次修改")}, Change{Paths: changed})
	s.check("after a dropped pass")
}

// TestIncrementalDroppedPassThenReverted: a pass that changed the lists is
// dropped and the file is put back as it was; the next pass starts from the
// committed plan, not the dropped one.
func TestIncrementalDroppedPassThenReverted(t *testing.T) {
	s := newIncSite(t, 60)
	c := s.plain(0)
	full := filepath.Join(s.dir, filepath.FromSlash(c.Path))
	orig, _ := os.ReadFile(full)
	rel := s.edit(c.Path, `(?m)^title: .*$`, "title: 被丢弃的修改")
	ctx := context.Background()
	cc, changed := s.store.Update(ctx, []string{rel})
	var d diag.List
	idx := s.val.Validate(ctx, cc, &d)
	if p := s.inc.Render(ctx, cc, idx, Change{Paths: changed}, &d); p == nil || p.ListsReused {
		t.Fatal("the title edit should plan the lists")
	}
	os.WriteFile(full, orig, 0o644)
	p := s.update([]string{c.Path}, Change{})
	s.check("reverted after a dropped pass")
	if !p.ListsReused {
		t.Error("the committed plan was not reused")
	}
}
