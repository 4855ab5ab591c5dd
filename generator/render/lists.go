package render

import (
	"bytes"
	"cmp"
	"context"
	"encoding/xml"
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/pool"
)

// Card is a case or analysis in a list.
type Card struct {
	ID       string
	Title    string
	URL      string
	Summary  string
	Kind     string
	Domain   string
	Region   string
	Stage    string
	Outcome  string
	Date     string
	Sample   bool
	Internal bool
	// HTML is the card rendered once per build (by the card.html partial),
	// since a case appears in a dozen lists.
	HTML template.HTML
	// dep is the dependency key of a list page that shows the card (Job).
	dep string
}

// ListView is the data of a paginated list.
type ListView struct {
	Items []Card
	// ItemsHTML is the HTML of every card of Items, in order.
	ItemsHTML template.HTML
	Total     int
	Page      int
	Pages     int
	Prev      string
	Next      string
	PageLinks []Link
	Sorts     []Link // the list in other orders
	Facets    []Facet
	// FacetsHTML is facets.html rendered once for the list's Facets, which
	// are the same on every page of it.
	FacetsHTML template.HTML
	// Sections that list other things than cases use these instead of Items.
	Rules     []*content.Rule
	Documents []*content.Document
	Links     []Link
	Groups    []Link // sub-sections with counts (law categories, precedent authorities)
}

// Facet is one taxonomy's terms with counts, for filtering a list.
type Facet struct {
	Name  string
	Terms []Link
}

func (r *Renderer) visibleCases() []*content.Case {
	out := make([]*content.Case, 0, len(r.c.Cases))
	for _, c := range r.c.Cases {
		if !r.hidden(c.Visibility) {
			out = append(out, c)
		}
	}
	return out
}

func (r *Renderer) visibleAnalyses() []*content.Analysis {
	var out []*content.Analysis
	for _, a := range r.c.Analyses {
		if !r.hidden(a.Visibility) {
			out = append(out, a)
		}
	}
	return out
}

// sortCasesByDate orders newest first (asc=false) with the id as tie-breaker.
func sortCasesByDate(cs []*content.Case, asc bool) {
	// Each date is computed once: at 10,000 cases the comparisons would
	// otherwise be most of the sort.
	type dated struct {
		t int64
		c *content.Case
	}
	ds := make([]dated, len(cs))
	for i, c := range cs {
		ds[i] = dated{c.Date().Unix(), c}
	}
	slices.SortStableFunc(ds, func(a, b dated) int {
		if a.t != b.t {
			if asc {
				return cmp.Compare(a.t, b.t)
			}
			return cmp.Compare(b.t, a.t)
		}
		return strings.Compare(a.c.ID, b.c.ID)
	})
	for i := range ds {
		cs[i] = ds[i].c
	}
}

// latest returns the visible cases newest first, sorted once per render.
func (r *Renderer) latest() []*content.Case {
	if r.byDate == nil {
		r.byDate = r.visibleCases()
		sortCasesByDate(r.byDate, false)
	}
	return r.byDate
}

func (r *Renderer) caseCard(c *content.Case) Card {
	return Card{ID: c.ID, Title: c.Title, URL: r.itemURL(c.ID), Summary: c.Summary, Kind: content.KindLabel(c.Kind),
		Domain: c.Domain, Region: c.Region, Stage: c.Stage, Outcome: c.Outcome, Date: c.Date().String(),
		Sample: c.Sample, Internal: content.IsInternal(c.Visibility)}
}

func (r *Renderer) caseCards(cs []*content.Case) []*Card {
	cards := make([]*Card, len(cs))
	for i, c := range cs {
		cards[i] = r.cards[c]
	}
	return cards
}

// cardValues copies cards for a template.
func cardValues(cards []*Card) []Card {
	out := make([]Card, len(cards))
	for i, c := range cards {
		out[i] = *c
	}
	return out
}

// joinCards is the cards' HTML one after another (ListView.ItemsHTML).
func joinCards(cards []*Card) template.HTML {
	n := 0
	for _, c := range cards {
		n += len(c.HTML)
	}
	var b strings.Builder
	b.Grow(n)
	for _, c := range cards {
		b.WriteString(string(c.HTML))
	}
	return template.HTML(b.String())
}

// renderCards renders every case's card once, in parallel.
func (r *Renderer) renderCards(ctx context.Context) {
	r.renderCardsReusing(ctx, func(*content.Case) (*Card, bool) { return nil, false })
}

// renderCardsReusing renders the card of every case, except those for which
// reuse returns a card.
func (r *Renderer) renderCardsReusing(ctx context.Context, reuse func(*content.Case) (*Card, bool)) {
	cs := r.visibleCases()
	cards := make([]*Card, len(cs))
	var jobs []func()
	for i, c := range cs {
		if card, ok := reuse(c); ok {
			cards[i] = card
			continue
		}
		jobs = append(jobs, func() {
			card := r.caseCard(c)
			card.HTML = r.partial("card.html", card)
			card.dep = CardKey(c.ID)
			cards[i] = &card
		})
	}
	pool.Run(ctx, jobs)
	r.cards = make(map[*content.Case]*Card, len(cs))
	for i, c := range cs {
		r.cards[c] = cards[i]
	}
}

// partial executes a partial template and returns its HTML.
func (r *Renderer) partial(name string, data any) template.HTML {
	var buf bytes.Buffer
	if err := r.tpl.sets["list.html"].ExecuteTemplate(&buf, name, data); err != nil {
		r.diags.Add(diag.Pos{File: "layouts/partials/" + name}, "rendering %s: %v", name, err)
	}
	return template.HTML(buf.String()) // the output of our own html/template
}

func (r *Renderer) analysisCards(as []*content.Analysis) []*Card {
	cards := make([]*Card, len(as))
	for i, a := range as {
		cards[i] = &Card{ID: a.ID, Title: a.Title, URL: r.itemURL(a.ID), Summary: a.Summary, Kind: "类案分析",
			Domain: a.Domain, Region: a.Region, Date: a.Date.String(), Sample: a.Sample, Internal: content.IsInternal(a.Visibility)}
		cards[i].HTML = r.partial("card.html", cards[i])
		cards[i].dep = IDKey(a.ID)
	}
	return cards
}

func (r *Renderer) perPage() int {
	if r.c.Site.Paginate > 0 {
		return r.c.Site.Paginate
	}
	return 20
}

// paginate writes a list of cards as pages base, base/page/2/, … One job per
// page, which depends on the cards it shows, their order, the number of
// pages and extra (a hash of whatever else setup puts on every page).
func (r *Renderer) paginate(layout, kind, title, base string, cards []*Card, extra uint64, setup func(pv *PageView, lv *ListView)) []Job {
	per := r.perPage()
	pages := (len(cards) + per - 1) / per
	if pages == 0 {
		pages = 1
	}
	pageURL := func(n int) string {
		if n == 1 {
			return base
		}
		return base + "page/" + strconv.Itoa(n) + "/"
	}
	var jobs []Job
	for n := 1; n <= pages; n++ {
		lo, hi := (n-1)*per, min(n*per, len(cards))
		deps := make([]string, hi-lo)
		sig := newSig().str(base).num(n).num(pages).num(len(cards)).num(int(extra))
		for i, c := range cards[lo:hi] {
			deps[i] = c.dep
			sig.str(c.ID)
		}
		jobs = append(jobs, Job{Key: pageURL(n), Deps: deps, Sig: sig.sum(), Run: func(r *Renderer) {
			lv := &ListView{Items: cardValues(cards[lo:hi]), ItemsHTML: joinCards(cards[lo:hi]), Total: len(cards), Page: n, Pages: pages}
			if n > 1 {
				lv.Prev = r.RelURL(pageURL(n - 1))
			}
			if n < pages {
				lv.Next = r.RelURL(pageURL(n + 1))
			}
			// First, last and the pages around this one; a gap is shown as …
			// (a link to every page would make a long list quadratic).
			last := 0
			for i := 1; i <= pages && pages > 1; i++ {
				if i != 1 && i != pages && (i < n-2 || i > n+2) {
					continue
				}
				if last != 0 && i > last+1 {
					lv.PageLinks = append(lv.PageLinks, Link{Label: "…"})
				}
				lv.PageLinks = append(lv.PageLinks, Link{Label: strconv.Itoa(i), URL: r.RelURL(pageURL(i)), Count: i})
				last = i
			}
			t := title
			if n > 1 {
				t = fmt.Sprintf("%s（第%d页）", title, n)
			}
			pv := r.newPage(kind, t, pageURL(n))
			if setup != nil {
				setup(pv, lv)
			}
			pv.Data = lv
			r.write(layout, pv)
		}})
	}
	return jobs
}

func (r *Renderer) listJobs() []Job {
	var jobs []Job
	desc := r.latest()
	asc := append([]*content.Case(nil), desc...)
	sortCasesByDate(asc, true)
	sorts := func(current string) []Link {
		return []Link{
			{Label: "最新在前", URL: r.RelURL("cases/"), Note: map[bool]string{true: "current"}[current == "desc"]},
			{Label: "最早在前", URL: r.RelURL("cases/oldest/"), Note: map[bool]string{true: "current"}[current == "asc"]},
		}
	}
	facets := r.facets()
	fsig := facetSig(facets)
	var facetsHTML template.HTML
	if len(facets) > 0 {
		facetsHTML = r.partial("facets.html", facets)
	}
	jobs = append(jobs, r.paginate("list.html", "section", "案例", "cases/", r.caseCards(desc), fsig, func(pv *PageView, lv *ListView) {
		pv.Section, pv.Description = "案例", "化解案例、优秀案例和警示案例。"
		lv.Sorts, lv.Facets, lv.FacetsHTML = sorts("desc"), facets, facetsHTML
	})...)
	jobs = append(jobs, r.paginate("list.html", "section", "案例（最早在前）", "cases/oldest/", r.caseCards(asc), fsig, func(pv *PageView, lv *ListView) {
		pv.Section, pv.Description = "案例", "化解案例、优秀案例和警示案例，按日期从早到晚排列。"
		r.crumb(pv, "案例", "cases/")
		lv.Sorts, lv.Facets, lv.FacetsHTML = sorts("asc"), facets, facetsHTML
	})...)
	as := r.visibleAnalyses()
	sort.SliceStable(as, func(i, j int) bool { return as[i].ID < as[j].ID })
	jobs = append(jobs, r.paginate("list.html", "section", "类案分析", "analyses/", r.analysisCards(as), 0, func(pv *PageView, lv *ListView) {
		pv.Section, pv.Description = "类案分析", "示范性化解所用的类案分析：裁判情况、败诉风险、诉讼成本与化解建议。"
	})...)
	return jobs
}

// Taxonomy describes one classification of cases.
type Taxonomy struct {
	Key   string // URL segment
	Label string
	terms func(c *content.Case) []string
	label func(term string) string
}

// Taxonomies are the classifications the site lists, in display order.
var Taxonomies = []Taxonomy{
	{Key: "kinds", Label: "类别", terms: func(c *content.Case) []string { return []string{c.Kind} }, label: content.KindLabel},
	{Key: "domains", Label: "领域", terms: func(c *content.Case) []string { return []string{c.Domain} }},
	{Key: "regions", Label: "区县", terms: func(c *content.Case) []string { return []string{c.Region} }},
	{Key: "stages", Label: "化解阶段", terms: func(c *content.Case) []string { return nonEmpty(c.Stage) }},
	{Key: "outcomes", Label: "结果", terms: func(c *content.Case) []string { return nonEmpty(c.Outcome) }},
	{Key: "years", Label: "年份", terms: func(c *content.Case) []string {
		if y := c.Year(); y != 0 {
			return []string{strconv.Itoa(y)}
		}
		return nil
	}},
	{Key: "keywords", Label: "关键词", terms: func(c *content.Case) []string { return c.Keywords }},
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func (t Taxonomy) termLabel(term string) string {
	if t.label != nil {
		return t.label(term)
	}
	return term
}

// group maps each term to its cases (in the given order).
func (t Taxonomy) group(cs []*content.Case) (map[string][]*content.Case, []string) {
	m := map[string][]*content.Case{}
	for _, c := range cs {
		for _, term := range t.terms(c) {
			if term != "" {
				m[term] = append(m[term], c)
			}
		}
	}
	return m, sortedKeys(m)
}

// grouped is a taxonomy's terms over the visible cases, newest first.
type grouped struct {
	cases map[string][]*content.Case
	terms []string
	facet Facet
}

// taxonomy groups the visible cases (newest first) by t's terms, once per
// render: the case lists show the facets and the term pages list the terms.
func (r *Renderer) taxonomy(t Taxonomy) *grouped {
	if g := r.groups[t.Key]; g != nil {
		return g
	}
	m, terms := t.group(r.latest())
	g := &grouped{cases: m, terms: terms, facet: Facet{Name: t.Label}}
	for _, term := range terms {
		g.facet.Terms = append(g.facet.Terms, Link{Label: t.termLabel(term), URL: r.RelURL(termURL(t.Key, term)), Count: len(m[term])})
	}
	if r.groups == nil {
		r.groups = map[string]*grouped{}
	}
	r.groups[t.Key] = g
	return g
}

// facets are the taxonomies' terms with counts, for filtering the lists
// of all visible cases.
func (r *Renderer) facets() []Facet {
	var out []Facet
	for _, t := range Taxonomies {
		if t.Key != "keywords" {
			out = append(out, r.taxonomy(t).facet)
		}
	}
	return out
}

// TaxonomyView is the data of a taxonomy's index page.
type TaxonomyView struct {
	Taxonomies []Facet
}

func (r *Renderer) taxonomyJobs() []Job {
	var jobs []Job
	all := TaxonomyView{}
	for _, t := range Taxonomies {
		g := r.taxonomy(t)
		m, terms, f := g.cases, g.terms, g.facet
		all.Taxonomies = append(all.Taxonomies, f)
		jobs = append(jobs, Job{Key: t.Key + "/", Run: func(r *Renderer) {
			pv := r.newPage("taxonomy", "按"+t.Label+"浏览", t.Key+"/")
			r.crumb(pv, "分类浏览", "taxonomies/")
			pv.Section = "分类浏览"
			pv.Data = TaxonomyView{Taxonomies: []Facet{f}}
			r.write("taxonomy.html", pv)
		}})
		for _, term := range terms {
			label := t.termLabel(term)
			jobs = append(jobs, r.paginate("term.html", "term", t.Label+"："+label, termURL(t.Key, term), r.caseCards(m[term]), 0, func(pv *PageView, lv *ListView) {
				r.crumb(pv, "分类浏览", "taxonomies/")
				r.crumb(pv, t.Label, t.Key+"/")
				pv.Section = "分类浏览"
				pv.Description = fmt.Sprintf("%s为“%s”的案例，共%d件。", t.Label, label, len(m[term]))
			})...)
		}
	}
	jobs = append(jobs, Job{Key: "taxonomies/", Run: func(r *Renderer) {
		pv := r.newPage("taxonomy", "分类浏览", "taxonomies/")
		pv.Section = "分类浏览"
		pv.Data = all
		r.write("taxonomy.html", pv)
	}})
	return jobs
}

// Atom feed of cases, newest first.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
	Cats    []atomCat
}

type atomCat struct {
	XMLName xml.Name `xml:"category"`
	Term    string   `xml:"term,attr"`
}

func atomTime(d content.Date) string {
	if d.IsZero() {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	}
	return d.UTC().Format(time.RFC3339)
}

func (r *Renderer) feed() {
	cs := r.latest()
	if len(cs) > 50 {
		cs = cs[:50]
	}
	f := atomFeed{Lang: "zh-CN", Title: r.c.Site.Title + " · 案例", ID: r.AbsURL("cases/"),
		Links:  []atomLink{{Href: r.AbsURL("feed.xml"), Rel: "self"}, {Href: r.AbsURL("cases/")}},
		Author: atomAuthor{Name: r.c.Site.Title}}
	f.Updated = atomTime(content.Date{})
	if len(cs) > 0 {
		f.Updated = atomTime(cs[0].Date())
	}
	for _, c := range cs {
		e := atomEntry{Title: c.Title, ID: r.AbsURL("cases/" + c.ID + "/"), Updated: atomTime(c.Date()),
			Link: atomLink{Href: r.AbsURL("cases/" + c.ID + "/")}, Summary: c.Summary}
		e.Cats = append(e.Cats, atomCat{Term: content.KindLabel(c.Kind)}, atomCat{Term: c.Domain})
		f.Entries = append(f.Entries, e)
	}
	r.writeXML("feed.xml", f)
}

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL
}

type sitemapURL struct {
	XMLName xml.Name `xml:"url"`
	Loc     string   `xml:"loc"`
}

func (r *Renderer) sitemap() {
	urls := append([]string(nil), r.urls...)
	urls = append(urls, "sitemap/")
	sort.Strings(urls)
	// sitemap.xml is written beside the page (each takes some 70 ms at
	// 10,000 cases, at the end of the render, when nothing else runs).
	var wg sync.WaitGroup
	wg.Go(func() {
		var s urlset
		for _, u := range urls {
			s.URLs = append(s.URLs, sitemapURL{Loc: r.AbsURL(u)})
		}
		r.writeXML("sitemap.xml", s)
	})
	defer wg.Wait()
	// A human-readable site map (网站地图), as government sites provide.
	pv := r.newPage("section", "网站地图", "sitemap/")
	var links []Link
	for _, u := range urls {
		links = append(links, Link{Label: "/" + u, URL: r.RelURL(u)})
	}
	pv.Data = &ListView{Links: links}
	r.write("list.html", pv)
}

func (r *Renderer) robots() {
	body := "User-agent: *\nAllow: /\nSitemap: " + r.AbsURL("sitemap.xml") + "\n"
	if r.site.Internal {
		body = "User-agent: *\nDisallow: /\n"
	}
	if err := r.w.WriteFile("robots.txt", []byte(body)); err != nil {
		r.diags.Add(diag.Pos{File: "robots.txt"}, "writing: %v", err)
	}
}

func (r *Renderer) writeXML(rel string, v any) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		r.diags.Add(diag.Pos{File: rel}, "encoding: %v", err)
		return
	}
	buf.WriteByte('\n')
	if err := r.w.WriteFile(rel, buf.Bytes()); err != nil {
		r.diags.Add(diag.Pos{File: rel}, "writing: %v", err)
	}
}
