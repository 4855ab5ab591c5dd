package similar

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"huajie/generator/cite"
	"huajie/generator/content"
	"huajie/generator/pool"
)

// FromContent returns the centre's cases and analyses as items of RankOwn,
// in the order of c.Cases then c.Analyses. It takes every item as given: the
// caller leaves out what a build must not show (internal items in the public
// build) before or after calling it.
//
// A case's text is its title, summary, body and rectification; its
// citations are its legal_basis entries and the guiding cases named in its
// keywords or body (指导案例91号). An analysis's text is its title, summary,
// body, issues, risk, cost, recommendation and the points of its precedents;
// its citations are its legal_basis entries and its precedents. Body text is
// not searched for articles: legal_basis is the editors' own list. Articles
// of the centre's own rules (c.Rules: 《工作规则》 …) are left out: they say
// how a dispute was mediated, not what it is about, and would make two
// disputes of different law alike because both were settled after judgment.
//
// Group is the series id for the members of a demonstration series, and the
// exemplary case's id for an exemplary case and the warning cases paired
// with it.
func FromContent(c *content.Content) []Item {
	paired := map[string]bool{}
	for _, cs := range c.Cases {
		if cs.Pair != "" {
			paired[cs.Pair] = true
		}
	}
	own := map[string]bool{} // normalised titles of the centre's rules
	for _, r := range c.Rules {
		for _, t := range []string{r.Title, r.ShortTitle, r.Slug} {
			if t != "" {
				own[cite.Normalize(t)] = true
			}
		}
	}
	articlesWith := func(p *cite.Parser, entries []string) []string {
		return slices.DeleteFunc(articleKeys(p, entries), func(k string) bool {
			title, _, _ := strings.Cut(k, "#")
			return own[title]
		})
	}
	p := cite.NewParser()
	articles := func(entries []string) []string { return articlesWith(p, entries) }
	// Cases are many (10,000 take some 0.4 s of parsing citations and
	// joining texts): they are made in parallel, a parser per chunk.
	items := make([]Item, len(c.Cases), len(c.Cases)+len(c.Analyses))
	pool.Run(context.Background(), chunks(len(c.Cases), func(lo, hi int) {
		p := cite.NewParser()
		for i := lo; i < hi; i++ {
			cs := c.Cases[i]
			it := Item{
				ID:       cs.ID,
				Rank:     RankOwn,
				Title:    cs.Title,
				Text:     join(cs.Summary, cs.Body, cs.Rectification),
				Keywords: slices.Clone(cs.Keywords),
				Domain:   cs.Domain,
				ActType:  cs.ActType,
				Articles: articlesWith(p, cs.LegalBasis),
			}
			it.Precedents = guidingRefs(join(strings.Join(cs.Keywords, "、"), cs.Summary, cs.Body))
			switch {
			case cs.Series != nil:
				it.Group = cs.Series.ID
			case cs.Pair != "":
				it.Group = cs.Pair
			case paired[cs.ID]:
				it.Group = cs.ID
			}
			items[i] = it
		}
	}))
	for _, a := range c.Analyses {
		parts := []string{a.Summary, a.Body}
		parts = append(parts, a.Issues...)
		parts = append(parts, a.Risk.Reason, a.Cost, a.Recommendation)
		var precs []string
		for _, pr := range a.Precedents {
			parts = append(parts, pr.Point)
			if k := PrecedentKey(pr.Case); k != "" {
				precs = append(precs, k)
			}
		}
		text := join(parts...)
		precs = append(precs, guidingRefs(text)...)
		slices.Sort(precs)
		items = append(items, Item{
			ID:         a.ID,
			Rank:       RankOwn,
			Title:      a.Title,
			Text:       text,
			Keywords:   slices.Clone(a.Keywords),
			Domain:     a.Domain,
			Articles:   articles(a.LegalBasis),
			Precedents: slices.Compact(precs),
		})
	}
	return items
}

func join(parts ...string) string {
	var b strings.Builder
	n := 0
	for _, s := range parts {
		n += len(s) + 1
	}
	b.Grow(n)
	for _, s := range parts {
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s)
	}
	return b.String()
}

// ArticleKeys returns the articles cited in texts (legal_basis entries, a
// precedent's 相关法条, running text) as sorted, distinct keys
// "<normalised title>#<article>": 《中华人民共和国行政诉讼法》第七十条第一项 gives
// 行政诉讼法#70, 第十条之一 gives #10-1. Paragraphs and items are dropped: two
// cases citing different paragraphs of one article are about the same rule.
// Self references and citations of a whole instrument give no key.
func ArticleKeys(texts ...string) []string {
	return articleKeys(cite.NewParser(), texts)
}

func articleKeys(p *cite.Parser, texts []string) []string {
	var keys []string
	for _, t := range texts {
		for _, c := range p.Find(t) {
			if c.Kind != cite.KindLaw && c.Kind != cite.KindInterpretation {
				continue
			}
			for _, r := range c.Refs {
				title := r.Title
				if r.Short && r.Full != "" {
					title = r.Full
				}
				if title == "" || r.Article == 0 {
					continue
				}
				key := cite.Normalize(title) + "#" + strconv.Itoa(r.Article)
				if r.ArticleSuffix > 0 {
					key += "-" + strconv.Itoa(r.ArticleSuffix)
				}
				keys = append(keys, key)
			}
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// PrecedentKey normalises a reference to a precedent: 指导性案例第91号 and
// 指导案例九十一号 give 指导案例91号, a 案号 its canonical form
// （2023）豫16行初123号, anything else (an item id) itself, trimmed.
func PrecedentKey(s string) string {
	if k := cite.CaseRef(s); k != "" {
		return k
	}
	return strings.TrimSpace(s)
}

// guidingRefs returns the guiding cases named in text, normalised and
// sorted.
func guidingRefs(text string) []string {
	_, out := cite.FindGuidingCases(text)
	slices.Sort(out)
	return slices.Compact(out)
}
