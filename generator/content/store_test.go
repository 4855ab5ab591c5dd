package content

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"huajie/generator/diag"
	"huajie/generator/internal/testsite"
)

// copySite copies the repository's own site (site.yaml, content/, cases/,
// rules/) into a temporary folder.
func copySite(t *testing.T) string {
	t.Helper()
	return testsite.Copy(t, filepath.Join("..", ".."))
}

// sameAsLoad checks that the store's content and diagnostics are what a
// fresh Load of the folder gives.
func sameAsLoad(t *testing.T, s *Store, c *Content) {
	t.Helper()
	var d diag.List
	want := Load(context.Background(), s.Root(), &d)
	if !reflect.DeepEqual(c, want) {
		t.Errorf("the store's content differs from a fresh Load")
	}
	if got, want := s.Diagnostics().Items(), d.Items(); !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics:\n got %v\nwant %v", got, want)
	}
}

func TestStoreUpdatesOnlyWhatChanged(t *testing.T) {
	ctx := context.Background()
	root := copySite(t)
	s := NewStore(root)
	c0, changed := s.Update(ctx, nil)
	if len(c0.Cases) == 0 || len(changed) == 0 {
		t.Fatalf("first update: %d cases, %d changed paths", len(c0.Cases), len(changed))
	}
	sameAsLoad(t, s, c0)

	// Nothing changed: nothing reported, every item shared.
	c1, changed := s.Update(ctx, []string{c0.Cases[0].Path, "cases"})
	if len(changed) != 0 {
		t.Errorf("unchanged files reported as changed: %v", changed)
	}
	if c1 == c0 || c1.Cases[0] != c0.Cases[0] {
		t.Error("want new content sharing the unchanged items")
	}

	// One case edited: only it is read again.
	edited := c0.Cases[1]
	full := filepath.Join(root, filepath.FromSlash(edited.Path))
	b, _ := os.ReadFile(full)
	os.WriteFile(full, []byte(strings.Replace(string(b), "title: ", "title: 修改后", 1)), 0o644)
	c2, changed := s.Update(ctx, []string{edited.Path})
	if !slices.Equal(changed, []string{edited.Path}) {
		t.Errorf("changed = %v, want [%s]", changed, edited.Path)
	}
	if c2.Cases[1] == edited || !strings.HasPrefix(c2.Cases[1].Title, "修改后") {
		t.Errorf("the edited case was not read again: %q", c2.Cases[1].Title)
	}
	if c2.Cases[0] != c0.Cases[0] {
		t.Error("an unchanged case was read again")
	}
	sameAsLoad(t, s, c2)

	// A broken file: its diagnostics, positioned, and the rest kept.
	os.WriteFile(full, []byte("---\ntitle: [\n---\n"), 0o644)
	c3, _ := s.Update(ctx, []string{edited.Path})
	if s.Diagnostics().Len() == 0 {
		t.Error("a broken front matter gave no diagnostic")
	}
	sameAsLoad(t, s, c3)

	// A file removed, a folder of new files moved in, a folder removed.
	os.Remove(full)
	newDir := filepath.Join(root, "cases", "extra")
	os.MkdirAll(newDir, 0o755)
	os.WriteFile(filepath.Join(newDir, "x.md"), b, 0o644)
	c4, changed := s.Update(ctx, []string{edited.Path, "cases/extra"})
	if want := []string{"cases/extra/x.md", edited.Path}; !slices.Equal(changed, slices.Sorted(slices.Values(want))) {
		t.Errorf("changed = %v", changed)
	}
	sameAsLoad(t, s, c4)
	os.RemoveAll(newDir)
	c5, changed := s.Update(ctx, []string{"cases/extra"})
	if !slices.Equal(changed, []string{"cases/extra/x.md"}) {
		t.Errorf("changed = %v", changed)
	}
	sameAsLoad(t, s, c5)

	// site.yaml missing is an error, as in Load.
	os.Rename(filepath.Join(root, "site.yaml"), filepath.Join(root, "site.yaml.bak"))
	c6, changed := s.Update(ctx, []string{"site.yaml"})
	if !slices.Equal(changed, []string{"site.yaml"}) {
		t.Errorf("changed = %v", changed)
	}
	sameAsLoad(t, s, c6)
	// Paths the loader does not read are ignored.
	if _, changed := s.Update(ctx, []string{"themes/default/layouts/case.html", "README.md", "cases/.x.md.swp"}); len(changed) != 0 {
		t.Errorf("changed = %v", changed)
	}
}

func TestStoreCancelledUpdateKeepsEntries(t *testing.T) {
	root := copySite(t)
	s := NewStore(root)
	c0, _ := s.Update(context.Background(), nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var paths []string
	for _, cs := range c0.Cases {
		paths = append(paths, cs.Path)
	}
	c1, _ := s.Update(ctx, paths)
	if len(c1.Cases) != len(c0.Cases) {
		t.Errorf("a cancelled update lost cases: %d, want %d", len(c1.Cases), len(c0.Cases))
	}
	c2, _ := s.Update(context.Background(), []string{})
	if len(c2.Cases) != len(c0.Cases) {
		t.Errorf("after the retry: %d cases, want %d", len(c2.Cases), len(c0.Cases))
	}
}

func TestClassify(t *testing.T) {
	for rel, want := range map[string]fileKind{
		"site.yaml": kindSite, "content/vocab.yaml": kindVocab, "content/privacy/names.txt": kindNames,
		"content/about.md": kindPage, "content/_index.md": kindPage, "content/documents/x.md": kindMisplaced,
		"rules/work-rules.md": kindRule, "cases/mediation/a.md": kindCase, "cases/analyses/a.md": kindAnalysis,
		"content/documents/confirm.yaml": kindDocument, "content/flow/mediation.yaml": kindFlow,
		"content/data/litigation.yaml": kindData, "content/other.yaml": kindNone, "cases/.a.md": kindNone,
		"cases/a.md~": kindNone, "cases/.git/a.md": kindNone, "README.md": kindNone, "themes/default/x.md": kindNone,
	} {
		if got := classify(rel); got != want {
			t.Errorf("classify(%q) = %d, want %d", rel, got, want)
		}
	}
}

// TestValidatorMatchesValidate edits a site in the ways that change what
// other cases' checks see, and compares the remembering Validator with a
// fresh Validate each time.
func TestValidatorMatchesValidate(t *testing.T) {
	ctx := context.Background()
	root := copySite(t)
	s := NewStore(root)
	c, _ := s.Update(ctx, nil)
	var m Validator
	check := func(step string, wantReused int) {
		t.Helper()
		var got, want diag.List
		gi := m.Validate(ctx, c, &got)
		wi := Validate(ctx, c, &want)
		if !reflect.DeepEqual(got.Items(), want.Items()) {
			t.Errorf("%s: diagnostics\n got %v\nwant %v", step, got.Items(), want.Items())
		}
		if !reflect.DeepEqual(gi.CitedBy, wi.CitedBy) {
			t.Errorf("%s: CitedBy differs", step)
		}
		if wantReused >= 0 && m.Reused != wantReused {
			t.Errorf("%s: reused %d case checks, want %d", step, m.Reused, wantReused)
		}
	}
	check("first", 0)
	check("again", len(c.Cases))

	edit := func(rel, old, new string) {
		t.Helper()
		full := filepath.Join(root, filepath.FromSlash(rel))
		b, err := os.ReadFile(full)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s does not contain %q", rel, old)
		}
		os.WriteFile(full, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
		c, _ = s.Update(ctx, []string{rel})
	}
	// A case that others refer to.
	var target *Case
	for _, cs := range c.Cases {
		for _, id := range cs.Related {
			if o := s.find(id); o != nil {
				target = o
			}
		}
	}
	if target == nil {
		t.Fatal("no case of the site relates to another")
	}
	edit(target.Path, "title:", "title: 新")
	check("title edited", len(c.Cases)-1)
	edit(target.Path, "domain: "+target.Domain, "domain: 不存在的领域")
	check("bad domain", len(c.Cases)-1)
	edit(target.Path, "id: "+target.ID, "id: ZK-2099-HJ-9999")
	check("id changed: the case relating to it fails", -1)
	edit(target.Path, "id: ZK-2099-HJ-9999", "id: "+target.ID)
	check("id back", -1)
	edit(target.Path, "domain: 不存在的领域", "domain: "+target.Domain)
	check("fixed", len(c.Cases)-1)
	vocab := "content/vocab.yaml"
	edit(vocab, "domains:", "domains:\n  - 新领域")
	check("vocabulary", 0)
}

// find returns the case with this id.
func (s *Store) find(id string) *Case {
	for _, e := range s.entries {
		if cs, ok := e.item.(*Case); ok && cs.ID == id {
			return cs
		}
	}
	return nil
}
