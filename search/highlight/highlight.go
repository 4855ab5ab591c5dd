// Package highlight turns match offsets into short HTML fragments with the
// matches in <mark>. bleve hits give their offsets through term vectors;
// Spans finds them by tokenizing, the way the page script does for static
// hits.
package highlight

import (
	"html"
	"sort"
	"strings"
	"unicode/utf8"

	"huajie/search/analysis"
	"huajie/search/query"
)

// Span is a byte range of a text.
type Span struct{ Start, End int }

// Merge sorts spans and joins those that overlap or touch: the bigrams of
// one phrase (国家, 家赔, 赔偿) become one mark.
func Merge(spans []Span) []Span {
	if len(spans) == 0 {
		return nil
	}
	s := append([]Span(nil), spans...)
	sort.Slice(s, func(i, j int) bool { return s[i].Start < s[j].Start })
	out := s[:1]
	for _, sp := range s[1:] {
		last := &out[len(out)-1]
		if sp.Start <= last.End {
			last.End = max(last.End, sp.End)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// Spans returns where the alternatives of q match in text: each phrase's
// tokens at consecutive positions, and each required character.
func Spans(text string, q *query.Query) []Span {
	var alts []query.Alt
	for _, t := range q.Terms {
		alts = append(alts, t.Alts...)
	}
	if len(alts) == 0 {
		return nil
	}
	toks := analysis.Tokenize(text)
	var spans []Span
	for _, a := range alts {
		n := len(a.Tokens)
		for i := 0; n > 0 && i+n <= len(toks); i++ {
			ok := true
			for k := 0; k < n && ok; k++ {
				ok = toks[i+k].Term == a.Tokens[k]
			}
			if ok {
				spans = append(spans, Span{toks[i].Start, toks[i+n-1].End})
			}
		}
	}
	spans = append(spans, CharSpans(text, q)...)
	return Merge(spans)
}

// CharSpans returns where the required characters of q's alternatives occur
// in text.
func CharSpans(text string, q *query.Query) []Span {
	want := map[string]bool{}
	for _, t := range q.Terms {
		for _, a := range t.Alts {
			for _, c := range a.Chars {
				want[c] = true
			}
		}
	}
	if len(want) == 0 {
		return nil
	}
	var spans []Span
	analysis.EachChar(text, func(term string, start, end int) {
		if want[term] {
			spans = append(spans, Span{start, end})
		}
	})
	return spans
}

// Fragment returns about width characters of text around its densest group
// of spans, HTML-escaped, with the spans in <mark> and "…" where text was
// cut. Without spans it returns the beginning of text. Line breaks become
// spaces.
func Fragment(text string, spans []Span, width int) string {
	spans = Merge(spans)
	start := 0
	if len(spans) > 0 {
		// The window of width characters starting a little before a span
		// that holds the most spans.
		best, bestCount := 0, -1
		for i := range spans {
			end := advance(text, spans[i].Start, width)
			count := 0
			for j := i; j < len(spans) && spans[j].End <= end; j++ {
				count++
			}
			if count > bestCount {
				best, bestCount = i, count
			}
		}
		start = back(text, spans[best].Start, width/6)
	}
	return mark(text, spans, start, advance(text, start, width))
}

// Mark returns the whole of text escaped with the spans in <mark>.
func Mark(text string, spans []Span) string {
	return mark(text, Merge(spans), 0, len(text))
}

func mark(text string, spans []Span, start, end int) string {
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for _, sp := range spans {
		if sp.End <= start || sp.Start >= end {
			continue
		}
		s, e := max(sp.Start, pos), min(sp.End, end)
		b.WriteString(escape(text[pos:s]))
		b.WriteString("<mark>")
		b.WriteString(escape(text[s:e]))
		b.WriteString("</mark>")
		pos = e
	}
	b.WriteString(escape(text[pos:end]))
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

func escape(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "\n", " ")
}

// advance returns the byte offset n characters after i (or len(text)).
func advance(text string, i, n int) int {
	for ; n > 0 && i < len(text); n-- {
		_, w := utf8.DecodeRuneInString(text[i:])
		i += w
	}
	return i
}

// back returns the byte offset n characters before i (or 0).
func back(text string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, w := utf8.DecodeLastRuneInString(text[:i])
		i -= w
	}
	return i
}
