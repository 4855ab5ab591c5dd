package markdown

import (
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Span is a stretch of the Markdown source that becomes a link: a legal
// citation (《行政诉讼法》第七十条) or a case number. Start and End are byte
// offsets in the source passed to Render. Href is site-absolute ("/laws/…")
// so that the base path is added like for any other link; Title becomes the
// link's title attribute (for instance the version of the law cited).
type Span struct {
	Start, End int
	Href       string
	Title      string
	Class      string // "citation" when empty
}

var spansKey = parser.NewContextKey()

// citations turns the spans given to RenderLinks into links. It works on the
// parsed tree, not on the text, so a citation inside a code span, a heading
// id, an existing link or an image is never touched, and a span is linked
// only when it lies wholly inside one run of plain text: a citation broken
// by emphasis stays plain rather than producing broken markup.
type citations struct{}

func (citations) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	spans, _ := pc.Get(spansKey).([]Span)
	if len(spans) == 0 {
		return
	}
	var texts []*ast.Text
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		if t, ok := n.(*ast.Text); ok {
			texts = append(texts, t)
		}
		return ast.WalkContinue, nil
	})
	for _, t := range mergeTexts(texts) {
		linkText(t, spans)
	}
}

// mergeTexts joins adjacent text nodes whose source segments touch (goldmark
// splits text at characters that might open inline markup), so a citation
// like 《行政诉讼法》第七十条（一） is seen whole. It returns the nodes left.
func mergeTexts(texts []*ast.Text) []*ast.Text {
	out := texts[:0]
	for _, t := range texts {
		if t.Parent() == nil {
			continue
		}
		if n := len(out); n > 0 {
			prev := out[n-1]
			if prev.NextSibling() == t && prev.Segment.Stop == t.Segment.Start &&
				!prev.SoftLineBreak() && !prev.HardLineBreak() && !prev.IsRaw() && !t.IsRaw() && prev.Segment.Padding == 0 && t.Segment.Padding == 0 {
				prev.Segment = prev.Segment.WithStop(t.Segment.Stop)
				prev.SetSoftLineBreak(t.SoftLineBreak())
				prev.SetHardLineBreak(t.HardLineBreak())
				t.Parent().RemoveChild(t.Parent(), t)
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// linkText replaces t by text and link nodes for every span inside it.
func linkText(t *ast.Text, spans []Span) {
	seg := t.Segment
	i := sort.Search(len(spans), func(i int) bool { return spans[i].Start >= seg.Start })
	if i == len(spans) || spans[i].End > seg.Stop {
		return
	}
	parent := t.Parent()
	soft, hard := t.SoftLineBreak(), t.HardLineBreak()
	pos := seg.Start
	var last ast.Node = t
	insert := func(n ast.Node) {
		parent.InsertAfter(parent, last, n)
		last = n
	}
	for ; i < len(spans) && spans[i].End <= seg.Stop; i++ {
		s := spans[i]
		if s.Start < pos || s.End <= s.Start {
			continue // overlapping or empty span
		}
		if s.Start > pos {
			insert(ast.NewTextSegment(text.NewSegment(pos, s.Start)))
		}
		l := ast.NewLink()
		l.Destination = []byte(s.Href)
		if s.Title != "" {
			l.Title = []byte(s.Title)
		}
		class := s.Class
		if class == "" {
			class = "citation"
		}
		l.SetAttributeString("class", []byte(class))
		l.AppendChild(l, ast.NewTextSegment(text.NewSegment(s.Start, s.End)))
		insert(l)
		pos = s.End
	}
	if pos == seg.Start {
		return
	}
	tail := ast.NewTextSegment(text.NewSegment(pos, seg.Stop))
	tail.SetSoftLineBreak(soft)
	tail.SetHardLineBreak(hard)
	if pos < seg.Stop || soft || hard {
		insert(tail)
	}
	parent.RemoveChild(parent, t)
}

// Citations is the goldmark extension behind RenderLinks. It runs before
// SitePaths so that its site-absolute links get the base path too.
func (citations) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(citations{}, 400)))
}
