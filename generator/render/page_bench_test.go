package render

import (
	"context"
	"path/filepath"
	"testing"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/internal/corpusgen/gen"
)

// BenchmarkPages times the template work of single pages of a generated
// site, one page per iteration, without the file system: a case page and a
// page of the case list. Template actions are what the build's render
// stage spends most on (html/template calls each action and escaper
// through reflection), so this is where a layout change is measured.
func BenchmarkPages(b *testing.B) {
	v, raw, err := gen.ReadVocab(filepath.Join("..", "..", "content", "vocab.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if _, err := gen.Generate(dir, gen.Options{Cases: 200, Seed: 7, Vocab: v, VocabYAML: raw}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var d diag.List
	c := content.Load(ctx, dir, &d)
	idx := content.Validate(ctx, c, &d)
	if err := d.Err(); err != nil {
		b.Fatal(err)
	}
	r := &Renderer{diags: &d}
	if !r.prepare(c, idx, Options{}, true) {
		b.Fatal(d.Err())
	}
	r.w = discardWriter{}
	r.renderCards(ctx)
	jobs := map[string]Job{}
	for _, j := range r.jobs() {
		jobs[j.Key] = j
	}
	for _, bc := range []struct{ name, key string }{
		{"case", "case:" + c.Cases[0].Path},
		{"list", "cases/page/2/"},
	} {
		j, ok := jobs[bc.key]
		if !ok {
			b.Fatalf("no job %s", bc.key)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				jr := *r
				j.Run(&jr)
			}
			if err := d.Err(); err != nil {
				b.Fatal(err)
			}
		})
	}
}

type discardWriter struct{}

func (discardWriter) WriteFile(string, []byte) error { return nil }
