package markdown

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// sitePaths rewrites site-absolute links and images ("/rules/work-rules/#art-2")
// so they carry the site's base path ("/huajie/rules/…"): editors write links
// once and they stay correct wherever the site is published.
type sitePaths struct {
	base string // base path with a trailing slash, e.g. "/huajie/"
}

func (s *sitePaths) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if s.base == "/" || s.base == "" {
		return
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			l.Destination = s.rewrite(l.Destination)
		case *ast.Image:
			l.Destination = s.rewrite(l.Destination)
		}
		return ast.WalkContinue, nil
	})
}

func (s *sitePaths) rewrite(dest []byte) []byte {
	d := string(dest)
	if !strings.HasPrefix(d, "/") || strings.HasPrefix(d, "//") || strings.HasPrefix(d, s.base) {
		return dest
	}
	return []byte(s.base + strings.TrimPrefix(d, "/"))
}

// SitePaths is the goldmark extension that prefixes site-absolute links with base.
func SitePaths(base string) goldmark.Extender { return &sitePaths{base: base} }

func (s *sitePaths) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(s, 500)))
}
