package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huajie/generator/cite"
	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/numeral"
	"huajie/generator/statute"
)

// lawsKey is the real statute text the content may cite (shared/corpus).
var lawsKey = filepath.Join("..", "..", "..", "shared", "corpus", "laws", "key")

// loadLaws parses every law file of dir: title → structure.
func loadLaws(t *testing.T, dir string) map[string]*statute.Doc {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	laws := map[string]*statute.Doc{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		title, rest, _ := strings.Cut(string(b), "\n")
		_, body, ok := strings.Cut(rest, "<!-- INFO END -->")
		if !ok {
			t.Fatalf("%s: no INFO END marker", f)
		}
		var d diag.List
		doc := statute.Parse(body, filepath.Base(f), 1, &d)
		if err := d.Err(); err != nil {
			t.Fatalf("the law %s does not parse:\n%v", f, err)
		}
		laws[cite.Normalize(strings.TrimSpace(strings.TrimPrefix(title, "#")))] = doc
	}
	return laws
}

// TestRepositoryCitationsExist checks every article-level citation in the
// repository's content — legal_basis entries and running text alike —
// against the real statute text in shared/corpus/laws/key and against the
// centre's own rules: the article (and 款, 项) must exist. A citation of a
// law outside that set must not name an article.
func TestRepositoryCitationsExist(t *testing.T) {
	if _, err := os.Stat(lawsKey); err != nil {
		t.Skipf("statute corpus not found at %s", lawsKey)
	}
	laws := loadLaws(t, lawsKey)
	if len(laws) < 10 {
		t.Fatalf("%d laws loaded", len(laws))
	}
	var d diag.List
	c := content.Load(context.Background(), filepath.Join("..", ".."), &d)
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	docs := map[string]*statute.Doc{}
	for k, v := range laws {
		docs[k] = v
	}
	p := cite.NewParser()
	for _, r := range c.Rules {
		docs[cite.Normalize(r.Title)] = r.Doc
		if r.ShortTitle != "" {
			docs[cite.Normalize(r.ShortTitle)] = r.Doc
			p.Alias(r.ShortTitle, r.Title)
		}
	}
	type text struct {
		path, raw string
		self      *statute.Doc
	}
	var texts []text
	for _, r := range c.Rules {
		texts = append(texts, text{r.Path, r.Raw, r.Doc})
	}
	for _, x := range c.Cases {
		texts = append(texts, text{x.Path, x.Raw, nil})
	}
	for _, x := range c.Analyses {
		texts = append(texts, text{x.Path, x.Raw, nil})
	}
	for _, x := range c.Pages {
		texts = append(texts, text{x.Path, x.Raw, nil})
	}
	for _, x := range c.Documents {
		texts = append(texts, text{x.Path, x.Raw, nil})
	}
	checked := 0
	for _, tx := range texts {
		for _, ct := range p.Find(tx.raw) {
			for _, ref := range ct.Refs {
				if ref.Article == 0 {
					continue
				}
				var doc *statute.Doc
				switch {
				case ct.Kind == cite.KindSelf && ref.Title == "":
					doc = tx.self
				default:
					title := ref.Title
					if ref.Full != "" {
						title = ref.Full
					}
					doc = docs[cite.Normalize(title)]
					if doc == nil {
						if ct.Kind == cite.KindLaw && strings.Contains(ct.Text, "《") {
							t.Errorf("%s: %q cites an article of a law outside shared/corpus/laws/key", tx.path, ct.Text)
						}
						continue
					}
				}
				if doc == nil {
					continue
				}
				checked++
				a := doc.Article(ref.Article)
				switch {
				case a == nil:
					t.Errorf("%s: %q: no 第%s条", tx.path, ct.Text, numeral.Format(ref.Article))
				case ref.Paragraph > len(a.Paras):
					t.Errorf("%s: %q: 第%s条 has %d 款", tx.path, ct.Text, numeral.Format(ref.Article), len(a.Paras))
				case ref.Item > 0 && ref.Paragraph > 0 && ref.Item > len(a.Paras[ref.Paragraph-1].Items):
					t.Errorf("%s: %q: 第%s条第%s款 has %d 项", tx.path, ct.Text, numeral.Format(ref.Article), numeral.Format(ref.Paragraph), len(a.Paras[ref.Paragraph-1].Items))
				}
			}
		}
	}
	t.Logf("%d article citations checked in %d files", checked, len(texts))
	if checked < 300 {
		t.Errorf("only %d citations checked: the parser or the loader missed them", checked)
	}
}
