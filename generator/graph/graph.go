// Package graph connects the site: it resolves every legal citation of the
// content (legal_basis entries and running text) to the article it cites —
// in the centre's own rules or in a mounted law library — and records the
// reverse edges, so each article can list what cites it (本条关联案例).
//
// A citation of a law that is not mounted is kept as plain text. A citation
// of an article that a known law or rule does not have is an error at the
// citation's path:line:col. When several versions of a law are mounted, a
// citation resolves to the version in force on the citing case's act date
// (dates.act), or to the newest when the date is unknown.
package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"huajie/generator/cite"
	"huajie/generator/diag"
	"huajie/generator/library"
	"huajie/generator/markdown"
	"huajie/generator/numeral"
	"huajie/generator/pool"
	"huajie/generator/statute"
)

// Target is an instrument citations resolve to: one of the centre's rules
// or one version of a mounted law.
type Target struct {
	Key     string // unique: "rule:work-rules", "law:行政诉讼法@2017-06-27"
	Kind    string // "rule" or "law"
	Title   string // full title
	Short   string // short title ("" when none)
	Version string // effective date of this version, "YYYY-MM-DD", or ""
	Part    string // the part of a law mounted in parts (民法典: 合同编), or ""
	Older   bool   // an older version of a law whose newer version is mounted too
	URL     string // site-relative page URL, "rules/work-rules/"
	Doc     *statute.Doc
	// DocNumbers are the document numbers the instrument is known by
	// (法释〔2018〕1号), for citations that give only the number.
	DocNumbers []string
	// Hidden targets (internal rules on a public site) are resolved and
	// checked but never linked.
	Hidden bool
	Law    *library.Law // the mounted law, for law targets
}

// Name is the title a citation shows: the short title when there is one.
func (t *Target) Name() string {
	if t.Short != "" {
		return t.Short
	}
	return t.Title
}

// Item is a page that cites: a case, an analysis, a rule, a page or a
// precedent.
type Item struct {
	Key   string // "case:ZK-2023-HJ-0001"
	Kind  string // case kind label or 分析 / 规则 / 页面 / 先例
	Title string
	URL   string // site-relative
	Date  string // YYYY-MM-DD, for ordering backlinks, or ""
}

// Resolved is one legal_basis entry after resolution.
type Resolved struct {
	Text   string  // the entry as written
	Target *Target // nil when the law is not mounted or the entry does not parse
	Anchor string  // the article's anchor (art-70), "" when the whole instrument is cited
	Href   string  // site-relative link, "" when not linked
}

// Graph is the result of Build.
type Graph struct {
	targets []*Target
	byTitle map[string][]*Target // normalised title → versions, newest first
	byDocNo map[string][]*Target
	parser  *cite.Parser

	spans   map[string][]markdown.Span // item key → citation links of its body
	basis   map[string][]Resolved      // item key → its legal_basis entries
	citedBy map[string][]Item          // target key + "#art-N" (or the key alone) → citing items
	items   map[string]Item
	named   map[string]Item // 指导案例15号 or a canonical 案号 → the published item it names
	sigOnce sync.Once
	sig     uint64
	// Citations counts the article citations resolved, Unresolved those of
	// laws that are not mounted.
	Citations, Unresolved int
}

// Source is one text to scan for citations.
type Source struct {
	Item     Item
	Path     string // file, for diagnostics
	Body     string // Markdown body ("" when none)
	BodyLine int
	Basis    []string   // legal_basis entries
	BasisPos []diag.Pos // their positions
	Self     *Target    // the instrument the text is (rules), for 本规则第X条
	Date     string     // act date, picks the law version
	// Paras are texts scanned without Markdown (rule articles, precedent
	// sections), each with its position.
	Paras []Para
	// Lenient sources (published precedents) do not fail the build for a
	// provision the target lacks; the citation just stays unlinked.
	Lenient bool
	// Of is the content item the source was made from. A Cache takes the
	// same item (pointer) as the same text without hashing it again: the
	// content store shares the items of files that did not change.
	Of any
}

// Para is a piece of plain text at a known position.
type Para struct {
	Text string
	Pos  diag.Pos
}

// New prepares a graph over the given targets (rules and law versions).
// Targets with the same normalised title are versions of one instrument.
func New(targets []*Target) *Graph {
	g := &Graph{
		targets: targets,
		byTitle: map[string][]*Target{},
		byDocNo: map[string][]*Target{},
		parser:  cite.NewParser(),
		spans:   map[string][]markdown.Span{},
		basis:   map[string][]Resolved{},
		citedBy: map[string][]Item{},
		items:   map[string]Item{},
		named:   map[string]Item{},
	}
	for _, t := range targets {
		for _, name := range []string{t.Title, t.Short} {
			if name == "" {
				continue
			}
			k := cite.Normalize(name)
			if !containsTarget(g.byTitle[k], t) {
				g.byTitle[k] = append(g.byTitle[k], t)
			}
		}
		if t.Short != "" && cite.Normalize(t.Short) != cite.Normalize(t.Title) && t.Kind == "rule" {
			g.parser.Alias(t.Short, t.Title)
		}
		for _, n := range t.DocNumbers {
			g.byDocNo[n] = append(g.byDocNo[n], t)
		}
	}
	for _, vs := range g.byTitle {
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].Version > vs[j].Version })
	}
	return g
}

func containsTarget(list []*Target, t *Target) bool {
	for _, x := range list {
		if x == t {
			return true
		}
	}
	return false
}

// Targets returns every target, in the order given to New.
func (g *Graph) Targets() []*Target { return g.targets }

// Versions returns the mounted versions of the instrument titled title,
// newest first (for a law mounted in parts, the versions of every part).
func (g *Graph) Versions(title string) []*Target { return g.byTitle[cite.Normalize(title)] }

// VersionsOf returns the mounted versions of t's instrument and part,
// newest first; t is among them.
func (g *Graph) VersionsOf(t *Target) []*Target {
	var out []*Target
	for _, o := range g.Versions(t.Title) {
		if o.Part == t.Part {
			out = append(out, o)
		}
	}
	return out
}

// pick returns the version in force on date: the newest whose version date
// is not after it; with no date, the newest. A date before every mounted
// version gets nil: the text then in force is not mounted, and linking a
// later text's article of the same number would mislead (the 2021 行政处罚法
// renumbered its articles), so such a citation stays plain.
func pick(versions []*Target, date string) *Target {
	if len(versions) == 0 {
		return nil
	}
	if date == "" {
		return versions[0]
	}
	for _, v := range versions {
		if v.Version == "" || v.Version <= date {
			return v
		}
	}
	return nil
}

type scanned struct {
	src   Source
	spans []markdown.Span
	basis []Resolved
	edges []edge
	diags diag.List
	cites int
	unres int
}

type edge struct {
	key  string
	item Item
}

// Scan resolves the citations of every source, records links and
// backlinks, and reports missing articles to diags.
func (g *Graph) Scan(ctx context.Context, sources []Source, diags *diag.List) {
	g.ScanCached(ctx, sources, diags, nil)
}

// ScanCached is Scan reusing the scans of cache for the sources that did
// not change (see Cache); a nil cache scans everything.
func (g *Graph) ScanCached(ctx context.Context, sources []Source, diags *diag.List, cache *Cache) {
	results := make([]*scanned, len(sources))
	var sigs []uint64
	reuse := false
	if cache != nil {
		cache.mu.Lock()
		defer cache.mu.Unlock()
		ts := g.TargetsSig()
		reuse = ts == cache.targets && cache.results != nil
		cache.targets = ts
		sigs = make([]uint64, len(sources))
	}
	jobs := make([]func(), 0, len(sources))
	for i := range sources {
		if cache != nil {
			c, ok := cache.results[sources[i].Item.Key]
			if reuse && ok && c.of != nil && c.of == sources[i].Of {
				results[i], sigs[i] = c.s, c.sig
				continue
			}
			sigs[i] = sourceSig(&sources[i])
			if reuse && ok && c.sig == sigs[i] {
				results[i] = c.s
				continue
			}
		}
		jobs = append(jobs, func() {
			results[i] = g.scan(sources[i])
		})
	}
	pool.Run(ctx, jobs)
	if cache != nil && ctx.Err() == nil {
		cache.results = make(map[string]cachedScan, len(sources))
		for i, r := range results {
			if r != nil {
				cache.results[sources[i].Item.Key] = cachedScan{sigs[i], r, sources[i].Of}
			}
		}
	}
	for _, r := range results {
		if r == nil {
			continue // cancelled
		}
		key := r.src.Item.Key
		g.items[key] = r.src.Item
		if len(r.spans) > 0 {
			g.spans[key] = r.spans
		}
		if len(r.basis) > 0 {
			g.basis[key] = r.basis
		}
		seen := map[string]bool{}
		for _, e := range r.edges {
			if seen[e.key] {
				continue
			}
			seen[e.key] = true
			g.citedBy[e.key] = append(g.citedBy[e.key], e.item)
		}
		for _, d := range r.diags.Items() {
			diags.Add(d.Pos, "%s", d.Msg)
		}
		g.Citations += r.cites
		g.Unresolved += r.unres
	}
	for _, items := range g.citedBy {
		slices.SortStableFunc(items, func(a, b Item) int {
			if a.Date != b.Date {
				return strings.Compare(b.Date, a.Date)
			}
			return strings.Compare(a.Key, b.Key)
		})
	}
}

func (g *Graph) scan(src Source) *scanned {
	s := &scanned{src: src}
	// legal_basis: each entry is exactly one citation.
	for i, entry := range src.Basis {
		pos := diag.Pos{File: src.Path}
		if i < len(src.BasisPos) {
			pos = src.BasisPos[i]
		}
		res := Resolved{Text: entry}
		c, err := g.parser.Parse(entry)
		if err == nil {
			t, frag, ok := g.resolve(s, c, src, func(msg string) { s.diags.Add(pos, "%s", msg) })
			if ok && t != nil {
				res.Target, res.Anchor = t, strings.TrimPrefix(frag, "#")
				if !t.Hidden {
					res.Href = t.URL + frag
				}
			}
		}
		s.basis = append(s.basis, res)
	}
	if src.Body != "" {
		for _, c := range g.parser.Find(src.Body) {
			pos := offsetPos(src.Path, src.BodyLine, src.Body, c.Start)
			t, frag, ok := g.resolve(s, c, src, func(msg string) { s.diags.Add(pos, "%s", msg) })
			if ok && t != nil && !t.Hidden {
				title := ""
				if t.Version != "" {
					title = t.Title + "（" + t.Version + " 版）"
				}
				s.spans = append(s.spans, markdown.Span{Start: c.Start, End: c.End, Href: "/" + t.URL + frag, Title: title})
			}
		}
	}
	if src.Body != "" && len(g.named) > 0 {
		s.spans = g.nameSpans(s, src, s.spans)
	}
	for _, p := range src.Paras {
		for _, c := range g.parser.Find(p.Text) {
			pos := p.Pos
			pos.Col += len([]rune(p.Text[:c.Start]))
			g.resolve(s, c, src, func(msg string) { s.diags.Add(pos, "%s", msg) })
		}
	}
	return s
}

// offsetPos is the line and column (in characters) of byte offset off of
// body, whose first line is line firstLine of file.
func offsetPos(file string, firstLine int, body string, off int) diag.Pos {
	before := body[:off]
	line := firstLine + strings.Count(before, "\n")
	col := len([]rune(before[strings.LastIndexByte(before, '\n')+1:])) + 1
	return diag.Pos{File: file, Line: line, Col: col}
}

// resolve finds the target of a citation and checks every provision it
// cites. It returns the target and the fragment of the first article cited
// ("#art-70", "#art-10-1"; "" for the whole instrument), and ok=false when
// the citation does not resolve (unknown law, relative reference) or names
// a missing provision (reported through fail). A law mounted in parts (the
// books of 民法典) resolves each article to the part that holds it.
func (g *Graph) resolve(s *scanned, c cite.Citation, src Source, fail func(string)) (*Target, string, bool) {
	var t *Target
	var written string
	var versions []*Target
	title := ""
	if len(c.Refs) > 0 {
		title = c.Refs[0].Title
		if c.Refs[0].Full != "" {
			title = c.Refs[0].Full
		}
		written = c.Refs[0].Title
	}
	switch {
	case title != "":
		versions = g.byTitle[cite.Normalize(title)]
		t = pick(versions, src.Date)
	case c.Kind == cite.KindSelf:
		t = src.Self
		if t != nil {
			written = t.Name()
		}
	}
	if t == nil && c.DocNumber != "" {
		versions = g.byDocNo[c.DocNumber]
		t = pick(versions, src.Date)
		if written == "" {
			written = c.DocNumber
		}
	}
	if t == nil && len(c.Refs) == 0 && strings.HasPrefix(c.Text, "《") {
		// The whole instrument: 《中华人民共和国行政诉讼法》.
		versions = g.byTitle[cite.Normalize(strings.Trim(c.Text, "《》"))]
		t = pick(versions, src.Date)
	}
	if t == nil {
		if c.Kind != cite.KindSelf {
			s.unres++
		}
		return nil, "", false
	}
	if written == "" {
		written = t.Name()
	}
	first, firstT := "", t
	for _, ref := range c.Refs {
		if ref.Rel != "" || ref.Article == 0 {
			continue
		}
		part, a, msg := locate(t, versions, written, ref)
		if msg != "" {
			if !src.Lenient {
				fail(msg)
			}
			return t, "", false
		}
		frag := ""
		if a != nil {
			frag = "#" + a.Anchor
		}
		if first == "" {
			first, firstT = frag, part
		}
		s.cites++
		if src.Self != part && frag != "" {
			s.edges = append(s.edges, edge{part.Key + frag, src.Item})
		}
	}
	if first == "" && c.Kind == cite.KindSelf {
		return t, "", false // 本条, 前款, 本法: nothing to link to
	}
	if src.Self != firstT {
		s.edges = append(s.edges, edge{firstT.Key, src.Item})
	}
	return firstT, first, true
}

// locate finds the article a Ref cites in t or, for a law mounted in parts,
// in the part of the same version that holds it. It returns what is wrong
// when no part has the provision.
func locate(t *Target, versions []*Target, written string, ref cite.Ref) (*Target, *statute.Article, string) {
	a, msg := check(t, written, ref)
	if msg == "" || t.Part == "" {
		return t, a, msg
	}
	for _, o := range versions {
		if o != t && o.Version == t.Version && o.Part != "" {
			if a, m := check(o, written, ref); m == "" {
				return o, a, ""
			}
		}
	}
	return t, nil, msg
}

// check returns the article a Ref cites, or what is wrong with it.
func check(t *Target, written string, ref cite.Ref) (*statute.Article, string) {
	if t.Doc == nil {
		return nil, ""
	}
	a := t.Doc.Inserted(ref.Article, ref.ArticleSuffix)
	name := "《" + strings.Trim(written, "《》") + "》"
	if t.Version != "" && len(t.Doc.Articles) > 0 {
		name += "（" + t.Version + " 版）"
	}
	if a == nil {
		label := "第" + numeral.Format(ref.Article) + "条"
		if ref.ArticleSuffix > 0 {
			label += "之" + numeral.Format(ref.ArticleSuffix)
		}
		return nil, fmt.Sprintf("%s has no %s", name, label)
	}
	if ref.Paragraph > 0 && ref.Paragraph > len(a.Paras) {
		return nil, fmt.Sprintf("%s%s has no 第%s款 (it has %d)", name, a.Label, numeral.Format(ref.Paragraph), len(a.Paras))
	}
	if ref.Item > 0 {
		var items int
		if ref.Paragraph > 0 {
			items = len(a.Paras[ref.Paragraph-1].Items)
		} else {
			for _, p := range a.Paras {
				items += len(p.Items)
			}
		}
		if ref.Item > items {
			return nil, fmt.Sprintf("%s%s has no 第%s项", name, a.Label, numeral.Format(ref.Item))
		}
	}
	return a, ""
}

// Spans returns the citation links of an item's body, for markdown.RenderLinks.
func (g *Graph) Spans(key string) []markdown.Span { return g.spans[key] }

// Basis returns an item's legal_basis entries, resolved.
func (g *Graph) Basis(key string) []Resolved { return g.basis[key] }

// CitedBy returns the items citing the article of t with the given anchor
// ("art-70"; "" for the instrument as a whole, any article), newest first.
func (g *Graph) CitedBy(t *Target, anchor string) []Item {
	if anchor == "" {
		return g.citedBy[t.Key]
	}
	return g.citedBy[t.Key+"#"+anchor]
}

// Link resolves one citation written in plain text for display, against
// self; it returns the site-relative href or "".
func (g *Graph) Link(text string, self *Target, date string) string {
	c, err := g.parser.Parse(text)
	if err != nil {
		return ""
	}
	var s scanned
	t, frag, ok := g.resolve(&s, c, Source{Self: self, Date: date}, func(string) {})
	if !ok || t == nil || t.Hidden {
		return ""
	}
	return t.URL + frag
}

// LinkText finds the citations in a plain text (a rule's article, a
// precedent's 相关法条 line) and returns them as spans with site-relative
// hrefs, resolved against self.
func (g *Graph) LinkText(text string, self *Target, date string) []markdown.Span {
	var out []markdown.Span
	var s scanned
	for _, c := range g.parser.Find(text) {
		t, frag, ok := g.resolve(&s, c, Source{Self: self, Date: date}, func(string) {})
		if !ok || t == nil || t.Hidden {
			continue
		}
		out = append(out, markdown.Span{Start: c.Start, End: c.End, Href: t.URL + frag, Title: t.Version})
	}
	return out
}

// Name registers a name an item is cited by in running text: a guiding
// case's number (指导案例15号) or a court case number (案号, any variant).
func (g *Graph) Name(name string, it Item) {
	if k := nameKey(name); k != "" {
		g.named[k] = it
	}
}

// Named returns the item registered under name, if any.
func (g *Graph) Named(name string) (Item, bool) {
	it, ok := g.named[nameKey(name)]
	return it, ok
}

// CitedByItem lists the items whose text names the item with key (a
// precedent's number, a case's 案号), newest first.
func (g *Graph) CitedByItem(key string) []Item { return g.citedBy["item:"+key] }

// nameKeys caches cite.CaseRef: the same 案号 are looked up at every build.
var nameKeys sync.Map

func nameKey(s string) string {
	if k, ok := nameKeys.Load(s); ok {
		return k.(string)
	}
	k := cite.CaseRef(s)
	nameKeys.Store(s, k)
	return k
}

// nameSpans links the guiding-case numbers and case numbers of a body to
// the published items they name, merged into the citation spans.
func (g *Graph) nameSpans(s *scanned, src Source, spans []markdown.Span) []markdown.Span {
	type hit struct {
		start, end int
		key        string
	}
	var hits []hit
	guiding, keys := cite.FindGuidingCases(src.Body)
	for i, m := range guiding {
		hits = append(hits, hit{m[0], m[1], keys[i]})
	}
	for _, m := range cite.FindCaseNos(src.Body) {
		hits = append(hits, hit{m.Start, m.End, m.No.String()})
	}
	added := false
	for _, h := range hits {
		it, ok := g.named[h.key]
		if !ok || it.Key == src.Item.Key {
			continue
		}
		spans = append(spans, markdown.Span{Start: h.start, End: h.end, Href: "/" + it.URL, Title: it.Title, Class: "case-ref"})
		s.edges = append(s.edges, edge{"item:" + it.Key, src.Item})
		added = true
	}
	if !added {
		return spans
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	out := spans[:0]
	end := -1
	for _, sp := range spans {
		if sp.Start >= end {
			out = append(out, sp)
			end = sp.End
		}
	}
	return out
}
