package analysis

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// Name is the name the analyzer is registered under in bleve's registry;
// index mappings refer to it, and mapping.Validate checks that it exists.
const Name = "huajie_zh"

// CharsName is the analyzer of the single-character field: every ideograph
// of the text, one token each.
const CharsName = "huajie_zh_chars"

// Analyzer is the bleve side of Each.
type Analyzer struct{}

// Analyze implements analysis.Analyzer.
func (Analyzer) Analyze(input []byte) analysis.TokenStream {
	text := string(input)
	var ts analysis.TokenStream
	Each(text, func(t Token) {
		typ := analysis.AlphaNumeric
		switch t.Kind {
		case Single:
			typ = analysis.Single
		case Double:
			typ = analysis.Double
		}
		ts = append(ts, &analysis.Token{Term: []byte(t.Term), Position: t.Pos, Start: t.Start, End: t.End, Type: typ})
	})
	return ts
}

// CharsAnalyzer is the bleve side of EachChar.
type CharsAnalyzer struct{}

// Analyze implements analysis.Analyzer.
func (CharsAnalyzer) Analyze(input []byte) analysis.TokenStream {
	var ts analysis.TokenStream
	pos := 0
	EachChar(string(input), func(term string, start, end int) {
		pos++
		ts = append(ts, &analysis.Token{Term: []byte(term), Position: pos, Start: start, End: end, Type: analysis.Ideographic})
	})
	return ts
}

func init() {
	for name, a := range map[string]analysis.Analyzer{Name: Analyzer{}, CharsName: CharsAnalyzer{}} {
		err := registry.RegisterAnalyzer(name, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
			return a, nil
		})
		if err != nil {
			panic(err)
		}
	}
}
