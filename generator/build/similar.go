package build

import (
	"context"
	"hash/maphash"
	"strconv"
	"strings"

	"huajie/generator/content"
	"huajie/generator/library"
	"huajie/generator/similar"
)

// similarItems are the items that take part in similar-case lists: the
// centre's published cases and analyses and the mounted precedents. Keys
// are the graph's item keys (case:…, analysis:…, precedent:…).
func similarItems(c *content.Content) []similar.Item {
	public := !content.IsInternal(c.Site.Visibility)
	hidden := map[string]bool{}
	for _, cs := range c.Cases {
		if public && content.IsInternal(cs.Visibility) {
			hidden[cs.ID] = true
		}
	}
	analyses := map[string]bool{}
	for _, a := range c.Analyses {
		analyses[a.ID] = true
		if public && content.IsInternal(a.Visibility) {
			hidden[a.ID] = true
		}
	}
	var items []similar.Item
	for _, it := range similar.FromContent(c) {
		if hidden[it.ID] {
			continue
		}
		if analyses[it.ID] {
			it.ID = "analysis:" + it.ID
		} else {
			it.ID = "case:" + it.ID
		}
		items = append(items, it)
	}
	for _, p := range c.Precedents {
		items = append(items, precedentItem(p))
	}
	return items
}

func precedentItem(p *library.Precedent) similar.Item {
	rank := similar.RankTypical
	if p.Authority == "指导性案例" {
		rank = similar.RankGuiding
	}
	text := []string{p.Title, p.Points}
	for _, s := range p.Sections {
		text = append(text, s.Body)
	}
	it := similar.Item{
		ID:       "precedent:" + p.ID,
		Rank:     rank,
		Title:    p.Title,
		Text:     strings.Join(text, "\n"),
		Keywords: p.Keywords,
		Articles: similar.ArticleKeys(p.Articles...),
	}
	if p.Number != "" {
		it.Precedents = []string{similar.PrecedentKey(p.Number)}
	}
	return it
}

// computeSimilar finds the five most similar items of each item.
func computeSimilar(ctx context.Context, c *content.Content) map[string][]similar.Neighbor {
	return similar.Compute(ctx, similarItems(c), 5)
}

// similarSig hashes every input of the similarity computation.
func similarSig(items []similar.Item) uint64 {
	var h maphash.Hash
	h.SetSeed(similarSeed)
	for _, it := range items {
		for _, s := range []string{it.ID, it.Title, it.Text, it.Domain, it.ActType, strconv.Itoa(it.Rank)} {
			h.WriteString(s)
			h.WriteByte(0)
		}
		for _, l := range [][]string{it.Keywords, it.Articles, it.Precedents} {
			for _, s := range l {
				h.WriteString(s)
				h.WriteByte(1)
			}
			h.WriteByte(2)
		}
	}
	return h.Sum64()
}

var similarSeed = maphash.MakeSeed()
