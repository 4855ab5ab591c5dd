// Package similar finds the similar cases (类案) every case, analysis and
// precedent page shows: for each item the few items most alike in text,
// domain, act type, cited provisions and keywords, listed in the retrieval
// order of 最高人民法院《关于统一法律适用加强类案检索的指导意见（试行）》:
// 指导性案例 first, then 典型案例 and 公报案例, then the centre's own cases.
//
// # Score
//
// The score of a pair of items a, b is
//
//	text(a, b) + 0.10·same domain + 0.05·same act type
//	           + 0.20·D(citations) + 0.20·D(keywords)
//
// text is the dot product of TF-IDF vectors over Han character bigrams
// (sublinear tf 1+ln tf, idf ln(N/df) over the items, bigrams of one item
// only or of more than half of them dropped, stop bigrams dropped), each
// vector divided by its pivoted length (1-s)·mean + s·length with s = 0.7
// instead of its length. D compares two lists of keys (cited articles and
// precedents; keywords), each key weighted by its idf:
//
//	D = Σ idf of the shared keys / max(6, √(Σ idf of a's keys · Σ idf of b's keys))
//
// A neighbour needs a text cosine (the plain one, not pivoted) of at least
// MinText and a score of at least MinScore: the bonuses order neighbours
// whose text is alike but never make one.
//
// # Why these weights
//
// The test set (similar_test.go: 32 pairs a mediator expects, negatives,
// the 商水县 series and the 14 exemplary–warning pairs) decided them, and
// TestWeightsJustified logs how each simplification does on it:
//
//   - Text carries the score: on its own it finds 31 of the 32 pairs. Pairs
//     of related cases have a text cosine of 0.15–0.6, cases of one domain
//     that are not related 0.05–0.15.
//   - The domain bonus (0.10) is a little less than that gap, so that a case
//     of another domain that reads much alike still wins (a 行政协议 dispute
//     over a 房屋征收 agreement finds the 房屋征收 cases); without it a pair is
//     lost. The act type is a finer cut of the same facet and gets half.
//   - The pivoted normalisation lets a long item, the lead case of a series or
//     an analysis, reach the short items it covers: with the plain cosine the
//     lead case is in the top 5 of 6 of the 13 series members, with it of 9.
//   - Citations and keywords use D, not the Jaccard index: two households
//     that each cite only 《土地管理法》第四十八条 are a perfect Jaccard match
//     and push the lead case, which cites it among nine articles, out of each
//     other's lists (Jaccard: the lead is found by 4 members). The floor of 6
//     (one or two rare articles) keeps one shared article among few from
//     counting as a full match; the square root keeps a precedent that cites
//     thirty articles from matching everything.
//   - Articles of the centre's own rules are left out (see FromContent): they
//     tell how a dispute was mediated, not what it is about.
//
// # Scale
//
// Scoring all pairs of 10,000 items is 50 million dot products of vectors of
// hundreds of terms. Instead each item's TopTerms heaviest bigrams go into an
// inverted index. An item's candidates are the items that have one of its
// bigrams among their heaviest, ranked by the dot product over those bigrams
// plus the domain and act type bonuses; the best 2·Candidates of them get the
// citation and keyword bonuses, and the best Candidates are scored exactly.
// Posting lists longer than MaxPostingShare of the items (MaxPostingShareMinor
// for the item's own minor bigrams) are not read: such bigrams are common
// enough to say little. On the repository's content the index finds 98% of
// the neighbours that scoring every pair finds (TestIndexRecall); on 10,000
// synthetic cases the neighbours it finds score 97% of the exhaustive ones.
package similar

import "context"

// Ranks in the retrieval order of the SPC's guidance on 类案检索.
const (
	RankGuiding = 0 // 指导性案例
	RankTypical = 1 // 典型案例, 公报案例 and other published precedents
	RankOwn     = 2 // the centre's own cases and analyses
)

// Item is one case, analysis or precedent to compare.
type Item struct {
	ID    string
	Rank  int // RankGuiding, RankTypical or RankOwn
	Title string
	// Text is the summary and body, plain or Markdown: it is read as Han
	// character bigrams, so markup, numbers and Latin words do not count.
	Text     string
	Keywords []string
	Domain   string // e.g. 征地拆迁; "" when unknown (precedents)
	ActType  string // e.g. 行政强制; "" when unknown
	// Articles are the cited provisions as "<normalised law title>#<article>"
	// (see ArticleKeys), e.g. "行政诉讼法#70" or "行政诉讼法#10-1" for 第十条之一.
	Articles []string
	// Precedents are the cited precedents normalised by PrecedentKey:
	// 指导案例91号, a 案号 or an item id. They count with Articles.
	Precedents []string
	// Group names a series or a pair the item belongs to. It is a hint for
	// callers and tests only: the score never reads it, similarity must be
	// earned from the content.
	Group string
}

// Neighbor is a similar item.
type Neighbor struct {
	ID    string
	Rank  int
	Score float64
	// Reasons explain the match in short Chinese phrases: 同一领域：征地拆迁,
	// 共同引用：《行政诉讼法》第七十条, 共同关键词：集体土地、补偿标准, 文本相似度：42%.
	Reasons []string
}

// Weights of the score and limits of the search; see the package comment.
const (
	WeightText     = 1.0
	WeightDomain   = 0.10
	WeightActType  = 0.05
	WeightCitation = 0.20
	WeightKeyword  = 0.20
	// DampK is the floor of the denominator of the citation and keyword
	// measure D (see the package comment).
	DampK = 6.0

	// MinText is the least text cosine of a neighbour.
	MinText = 0.06
	// MinScore is the least score of a neighbour.
	MinScore = 0.15

	// PivotSlope is the slope of the pivoted length normalisation of the
	// text vectors; 1 would be the plain cosine.
	PivotSlope = 0.7
	// MaxDocFreq drops bigrams found in more than this share of the items.
	MaxDocFreq = 0.5
	// TopTerms is the number of heaviest bigrams of an item that go into the
	// candidate index.
	TopTerms = 40
	// MaxPostingShare: a bigram among the heaviest of more than this share
	// of the items (and of more than 64) finds no candidates …
	MaxPostingShare = 0.03
	// … and MaxPostingShareMinor is that share for the bigrams of an item
	// outside its own TopTerms. Candidates found through a minor bigram of
	// the item shared by many others are mostly noise: the lower limit
	// costs nothing in recall and saves a third of the search.
	MaxPostingShareMinor = 0.004
	// Candidates is the number of candidates of an item scored exactly, at
	// least 4·k.
	Candidates = 20
)

// Compute returns for each item up to k neighbours, never the item itself:
// the k items of highest score that pass MinText and MinScore, listed by Rank
// and then by score, ties broken by id. Every item has an entry, nil when
// nothing is similar enough. Items are identified by ID; of items with the
// same id only the first is used. The result depends only on the set of
// items, not on their order. When ctx is cancelled Compute returns nil.
func Compute(ctx context.Context, items []Item, k int) map[string][]Neighbor {
	k = max(k, 0)
	m := build(ctx, items, defaultParams)
	if m == nil {
		return nil
	}
	out := make([]([]Neighbor), len(m.docs))
	if k > 0 && len(m.docs) > 1 {
		m.search(ctx, k, out)
	}
	if ctx.Err() != nil {
		return nil
	}
	res := make(map[string][]Neighbor, len(m.docs))
	for i := range m.docs {
		res[m.items[m.docs[i].idx].ID] = out[i]
	}
	return res
}
