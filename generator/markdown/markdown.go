// Package markdown is huajie's goldmark setup: GFM tables, strikethrough and
// footnotes, heading ids that keep Chinese characters, and raw HTML never
// passed through (goldmark without WithUnsafe replaces it with a comment and
// drops javascript: links).
package markdown

import (
	"bytes"
	"strconv"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Heading is a heading found in a document, for tables of contents.
type Heading struct {
	Level int
	Text  string
	ID    string
}

// Renderer converts Markdown to HTML. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// Options configure the renderer. The zero value publishes at the host's root.
type Options struct {
	// BasePath is the path the site is published under ("/huajie/"); links
	// written site-absolute ("/rules/…") get it prepended.
	BasePath string
}

// New returns the site's Markdown renderer.
func New(o Options) *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote, citations{}, SitePaths(o.BasePath)),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(html.WithXHTML()),
	)
	return &Renderer{md: md}
}

// Render converts src and returns the HTML and the document's headings.
func (r *Renderer) Render(src []byte) (string, []Heading, error) {
	return r.RenderLinks(src, nil)
}

// RenderLinks is Render with the given spans of src turned into links (see
// Span). Spans must be sorted by Start and must not overlap.
func (r *Renderer) RenderLinks(src []byte, spans []Span) (string, []Heading, error) {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	if len(spans) > 0 {
		ctx.Set(spansKey, spans)
	}
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	var heads []Heading
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			id, _ := h.AttributeString("id")
			idb, _ := id.([]byte)
			heads = append(heads, Heading{Level: h.Level, Text: plainText(h, src), ID: string(idb)})
			return ast.WalkSkipChildren, nil
		}
		if n.Type() == ast.TypeInline || n.Kind() == ast.KindParagraph {
			return ast.WalkSkipChildren, nil // no heading inside
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4 + 512) // tags and ids add about a fifth
	if err := r.md.Renderer().Render(&buf, src, doc); err != nil {
		return "", nil, err
	}
	return buf.String(), heads, nil
}

func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// ids generates heading ids that keep Chinese characters: "基本案情" stays
// "基本案情", "Step 1: 申请" becomes "step-1-申请"; repeats get -1, -2.
type ids struct {
	used map[string]bool
}

func newIDs() *ids { return &ids{used: map[string]bool{}} }

// Slug returns the id text for a heading, without de-duplication.
func Slug(s string) string {
	var b bytes.Buffer
	dash := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return b.String()
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for n := 1; s.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
