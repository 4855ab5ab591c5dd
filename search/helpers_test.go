package search_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/search"
	"huajie/search/schema"
)

var (
	repoOnce sync.Once
	repoDocs []schema.Doc
	repoErr  error
)

// loadRepo returns the documents of the repository's own content.
func loadRepo(t testing.TB) []schema.Doc {
	t.Helper()
	repoOnce.Do(func() {
		ctx := context.Background()
		var diags diag.List
		c := content.Load(ctx, filepath.Join("..", "."), &diags)
		content.Validate(ctx, c, &diags)
		if err := diags.Err(); err != nil {
			repoErr = err
			return
		}
		repoDocs, repoErr = search.Docs(ctx, c, search.DocsOptions{})
	})
	if repoErr != nil {
		t.Fatal(repoErr)
	}
	return repoDocs
}
