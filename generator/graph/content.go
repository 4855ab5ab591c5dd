package graph

import (
	"context"
	"strconv"

	"huajie/generator/content"
	"huajie/generator/diag"
)

// RuleTargets makes a target of every rule. On a public site an internal
// rule is hidden: citations of it are checked but not linked.
func RuleTargets(c *content.Content) []*Target {
	public := !content.IsInternal(c.Site.Visibility)
	var out []*Target
	for _, r := range c.Rules {
		t := &Target{
			Key:     "rule:" + r.Slug,
			Kind:    "rule",
			Title:   r.Title,
			Short:   r.ShortTitle,
			Version: "",
			URL:     "rules/" + r.Slug + "/",
			Doc:     r.Doc,
			Hidden:  public && content.IsInternal(r.Visibility),
		}
		if r.DocNumber != "" {
			t.DocNumbers = []string{r.DocNumber}
		}
		out = append(out, t)
	}
	return out
}

// ContentSources lists the texts of the site that may cite: cases and
// analyses (body and legal_basis), pages, and rules (each article's text,
// with the rule as the instrument 本规则 refers to). Hidden items are left
// out on a public site: they are not published.
func ContentSources(c *content.Content, rules []*Target) []Source {
	public := !content.IsInternal(c.Site.Visibility)
	hidden := func(vis string) bool { return public && content.IsInternal(vis) }
	var out []Source
	for _, cs := range c.Cases {
		if hidden(cs.Visibility) {
			continue
		}
		date := ""
		if !cs.Dates.Act.IsZero() {
			date = cs.Dates.Act.String()
		}
		out = append(out, Source{
			Item:     Item{Key: "case:" + cs.ID, Kind: content.KindLabel(cs.Kind), Title: cs.Title, URL: "cases/" + cs.ID + "/", Date: cs.Date().String()},
			Path:     cs.Path,
			Body:     cs.Body,
			BodyLine: cs.BodyLine,
			Basis:    cs.LegalBasis,
			BasisPos: basisPos(cs.Fields, len(cs.LegalBasis)),
			Date:     date,
			Of:       cs,
		})
	}
	for _, a := range c.Analyses {
		if hidden(a.Visibility) {
			continue
		}
		out = append(out, Source{
			Item:     Item{Key: "analysis:" + a.ID, Kind: "类案分析", Title: a.Title, URL: "analyses/" + a.ID + "/"},
			Path:     a.Path,
			Body:     a.Body,
			BodyLine: a.BodyLine,
			Basis:    a.LegalBasis,
			BasisPos: basisPos(a.Fields, len(a.LegalBasis)),
			Of:       a,
		})
	}
	for _, p := range c.Pages {
		if hidden(p.Visibility) || p.URL == "" {
			continue
		}
		out = append(out, Source{
			Item:     Item{Key: "page:" + p.URL, Kind: "页面", Title: p.Title, URL: p.URL},
			Path:     p.Path,
			Body:     p.Body,
			BodyLine: p.BodyLine,
		})
	}
	bySlug := map[string]*Target{}
	for _, t := range rules {
		bySlug[t.Key] = t
	}
	for _, r := range c.Rules {
		if hidden(r.Visibility) || r.Doc == nil {
			continue
		}
		self := bySlug["rule:"+r.Slug]
		src := Source{
			Item: Item{Key: "rule:" + r.Slug, Kind: "规则", Title: r.Title, URL: "rules/" + r.Slug + "/", Date: r.Effective.String()},
			Path: r.Path,
			Self: self,
		}
		for _, a := range r.Doc.Articles {
			for _, p := range a.Paras {
				src.Paras = append(src.Paras, Para{Text: p.Text, Pos: diag.Pos{File: r.Path, Line: p.Line, Col: 1}})
				for _, it := range p.Items {
					src.Paras = append(src.Paras, Para{Text: it.Text, Pos: diag.Pos{File: r.Path, Line: it.Line, Col: 1}})
				}
			}
		}
		out = append(out, src)
	}
	return out
}

func basisPos(f map[string]diag.Pos, n int) []diag.Pos {
	out := make([]diag.Pos, n)
	for i := range out {
		out[i] = f["legal_basis."+strconv.Itoa(i)]
	}
	return out
}

// FromContent builds the graph of a site: its rules and the versions of
// the mounted laws, and every citation of its content and of the mounted
// precedents. Missing articles are added to diags.
func FromContent(ctx context.Context, c *content.Content, diags *diag.List) *Graph {
	return FromContentCached(ctx, c, diags, nil)
}

// FromContentCached is FromContent reusing the scans of cache for the
// texts that did not change since the last build.
func FromContentCached(ctx context.Context, c *content.Content, diags *diag.List, cache *Cache) *Graph {
	rules := RuleTargets(c)
	g := New(append(rules, LawTargets(c.Laws)...))
	for _, p := range c.Precedents {
		it := Item{Key: "precedent:" + p.ID, Kind: p.Authority, Title: PrecedentTitle(p), URL: "precedents/" + p.ID + "/", Date: p.Date}
		if p.Number != "" {
			g.Name(p.Number, it)
		}
		if p.CaseNo != "" {
			g.Name(p.CaseNo, it)
		}
	}
	public := !content.IsInternal(c.Site.Visibility)
	for _, cs := range c.Cases {
		if cs.CourtCaseNo != "" && !(public && content.IsInternal(cs.Visibility)) {
			g.Name(cs.CourtCaseNo, Item{Key: "case:" + cs.ID, Kind: content.KindLabel(cs.Kind), Title: cs.Title, URL: "cases/" + cs.ID + "/", Date: cs.Date().String()})
		}
	}
	g.ScanCached(ctx, append(ContentSources(c, rules), PrecedentSources(c.Precedents)...), diags, cache)
	return g
}
