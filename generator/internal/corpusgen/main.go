// Command corpusgen writes a synthetic huajie site for benchmarks and tests:
//
//	go run ./generator/internal/corpusgen -n 10000 -o DIR [-seed 1] [-vocab content/vocab.yaml]
//
// DIR receives site.yaml, content/vocab.yaml (a copy of -vocab),
// content/_index.md, rules/work-rules.md and N cases under
// cases/gen/NNN/<id>.md. The same seed always gives the same files.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"huajie/generator/internal/corpusgen/gen"
)

func main() {
	n := flag.Int("n", 1000, "number of cases")
	out := flag.String("o", "", "output folder (required)")
	seed := flag.Uint64("seed", 1, "random seed")
	vocab := flag.String("vocab", "content/vocab.yaml", "controlled vocabulary to draw facets from and copy into the site")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: corpusgen -n N -o DIR [-seed S] [-vocab content/vocab.yaml]")
		os.Exit(2)
	}
	v, raw, err := gen.ReadVocab(*vocab)
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
	start := time.Now()
	res, err := gen.Generate(*out, gen.Options{Cases: *n, Seed: *seed, Vocab: v, VocabYAML: raw})
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
	fmt.Printf("corpusgen: %d cases, %d files, %.1f MB in %s (%d sentence templates)\n",
		len(res.IDs), res.Files, float64(res.Bytes)/1e6, time.Since(start).Round(time.Millisecond), gen.TemplateCount())
}
