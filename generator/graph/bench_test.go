package graph

import (
	"context"
	"os"
	"testing"

	"huajie/generator/content"
	"huajie/generator/diag"
)

// BenchmarkFromContent resolves every citation of a synthetic site:
//
//	go run ./generator/internal/corpusgen -n 10000 -o /tmp/c10k
//	HUAJIE_BENCH_SITE=/tmp/c10k go test -run '^$' -bench FromContent ./generator/graph/
func BenchmarkFromContent(b *testing.B) {
	dir := os.Getenv("HUAJIE_BENCH_SITE")
	if dir == "" {
		b.Skip("set HUAJIE_BENCH_SITE to a site made by corpusgen")
	}
	var d diag.List
	c := content.Load(context.Background(), dir, &d)
	if err := d.Err(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		var d diag.List
		g := FromContent(context.Background(), c, &d)
		if err := d.Err(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(g.Citations), "citations")
	}
}
