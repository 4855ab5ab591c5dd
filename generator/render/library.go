package render

import (
	"html/template"
	"sort"
	"strconv"
	"strings"

	"huajie/generator/content"
	"huajie/generator/graph"
	"huajie/generator/library"
)

// LawView is the data of a law page: one version of a mounted statute.
type LawView struct {
	T        *graph.Target
	Law      *library.Law
	Versions []Link // every mounted version, this one marked "current"
	CitedBy  []Link // items citing the law anywhere
	Articles int
	Cite     string // 《行政诉讼法》, for the copy-citation control
}

// PrecedentPageView is the data of a precedent page.
type PrecedentPageView struct {
	P        *library.Precedent
	Badge    string // 应当参照 for guiding cases
	Articles []template.HTML
	Points   template.HTML
	Sections []PrecedentSection
	CitedBy  []Link
	Similar  []Link
}

// PrecedentSection is one section of a precedent's text.
type PrecedentSection struct {
	Heading string
	ID      string
	Body    template.HTML
}

// libraryJobs render the mounted law and precedent libraries. A law or
// precedent page depends on the libraries (content.LibrariesKey) and, by
// its signature, on the items that cite it and their titles.
func (r *Renderer) libraryJobs() []Job {
	var jobs []Job
	var laws []*graph.Target
	for _, t := range r.g.Targets() {
		if t.Kind == "law" {
			laws = append(laws, t)
		}
	}
	libs := []string{content.LibrariesKey}
	if len(laws) > 0 {
		jobs = append(jobs, r.lawLists(laws)...)
		for _, t := range laws {
			jobs = append(jobs, Job{Key: "law:" + t.Key, Deps: libs, Sig: r.lawSig(t), Run: func(r *Renderer) { r.law(t) }})
		}
	}
	if len(r.c.Precedents) > 0 {
		jobs = append(jobs, Job{Key: "precedents/", Deps: libs, Run: (*Renderer).precedentList})
		for _, p := range r.c.Precedents {
			key := "precedent:" + p.ID
			deps := append([]string{content.LibrariesKey}, r.similarDeps(key)...)
			s := newSig()
			for _, it := range r.g.CitedByItem(key) {
				s.str(it.Key).str(it.Title)
			}
			jobs = append(jobs, Job{Key: key, Deps: deps, Sig: s.sum(), Run: func(r *Renderer) { r.precedent(p) }})
		}
	}
	return jobs
}

// lawSig hashes what a law page shows besides the law: the items citing
// each of its articles, with their titles.
func (r *Renderer) lawSig(t *graph.Target) uint64 {
	s := newSig()
	add := func(anchor string) {
		for _, it := range r.g.CitedBy(t, anchor) {
			s.str(anchor).str(it.Key).str(it.Title)
		}
	}
	add("")
	if t.Doc != nil {
		for _, a := range t.Doc.Articles {
			add(a.Anchor)
		}
	}
	for _, o := range r.g.VersionsOf(t) {
		s.str(o.URL)
	}
	return s.sum()
}

// similarDeps are the id keys of an item's similar items.
func (r *Renderer) similarDeps(key string) []string {
	var deps []string
	for _, n := range r.similar[key] {
		if kind, id, _ := strings.Cut(n.ID, ":"); kind != "precedent" {
			deps = append(deps, IDKey(id))
		}
	}
	return deps
}

func (r *Renderer) law(t *graph.Target) {
	l := t.Law
	title := l.Title
	if t.Part != "" {
		title += "·" + t.Part
	}
	if t.Version != "" {
		title += "（" + t.Version + " 版）"
	}
	pv := r.newPage("law", title, t.URL)
	r.crumb(pv, "法律法规", "laws/")
	if l.Category != "" {
		r.crumb(pv, l.Category, "laws/"+graph.Segment(l.Category)+"/")
	}
	pv.Section = "法律法规"
	pv.Source = l.Path
	pv.Date = t.Version
	pv.Description = l.Title + "全文，逐条锚点，并列出本站引用各条的案例与分析。"
	v := &LawView{T: t, Law: l, Articles: len(l.Doc.Articles), Cite: graph.Quote(t.Name())}
	for _, o := range r.g.VersionsOf(t) {
		note := ""
		if o == t {
			note = "current"
		}
		label := o.Version
		if label == "" {
			label = "未注明日期"
		}
		v.Versions = append(v.Versions, Link{Label: label, URL: r.RelURL(o.URL), Note: note})
	}
	v.CitedBy = r.citedBy(t, "")
	ld := map[string]any{"@context": "https://schema.org", "@type": "Legislation", "name": l.Title, "url": pv.Permalink, "inLanguage": "zh-CN"}
	if t.Version != "" {
		ld["legislationDateVersion"] = t.Version
	}
	pv.JSONLD = ld
	pv.Data = v
	r.write("law.html", pv)
}

// lawLists writes /laws/ (the laws the site cites, then every category)
// and a page per category.
func (r *Renderer) lawLists(laws []*graph.Target) []Job {
	byCat := map[string][]*graph.Target{}
	var cited []*graph.Target
	for _, t := range laws {
		if t.Older {
			continue // older versions are listed on the law's page
		}
		cat := t.Law.Category
		if cat == "" {
			cat = "其他"
		}
		byCat[cat] = append(byCat[cat], t)
		if len(r.g.CitedBy(t, "")) > 0 {
			cited = append(cited, t)
		}
	}
	cats := sortedKeys(byCat)
	listSig := newSig()
	for _, t := range cited {
		listSig.str(t.Key).num(len(r.g.CitedBy(t, "")))
	}
	jobs := []Job{{Key: "laws/", Deps: []string{content.LibrariesKey}, Sig: listSig.sum(), Run: func(r *Renderer) {
		pv := r.newPage("section", "法律法规", "laws/")
		pv.Section = "法律法规"
		pv.Description = "本站挂载的法律、行政法规与司法解释全文，逐条可链接。"
		lv := &ListView{}
		list := append([]*graph.Target(nil), cited...)
		sort.Slice(list, func(i, j int) bool {
			a, b := len(r.g.CitedBy(list[i], "")), len(r.g.CitedBy(list[j], ""))
			if a != b {
				return a > b
			}
			return list[i].Title < list[j].Title
		})
		for _, t := range list {
			lv.Links = append(lv.Links, r.lawLink(t))
		}
		for _, c := range cats {
			lv.Groups = append(lv.Groups, Link{Label: c, URL: r.RelURL("laws/" + graph.Segment(c) + "/"), Count: len(byCat[c])})
		}
		pv.Data = lv
		r.write("list.html", pv)
	}}}
	for _, c := range cats {
		list := byCat[c]
		sort.Slice(list, func(i, j int) bool { return list[i].Title < list[j].Title })
		s := newSig()
		for _, t := range list {
			s.str(t.Key).num(len(r.g.CitedBy(t, "")))
		}
		jobs = append(jobs, Job{Key: "laws/" + c + "/", Deps: []string{content.LibrariesKey}, Sig: s.sum(), Run: func(r *Renderer) {
			pv := r.newPage("section", c, "laws/"+graph.Segment(c)+"/")
			r.crumb(pv, "法律法规", "laws/")
			pv.Section = "法律法规"
			pv.Description = c + "，共 " + strconv.Itoa(len(list)) + " 件。"
			lv := &ListView{}
			for _, t := range list {
				lv.Links = append(lv.Links, r.lawLink(t))
			}
			pv.Data = lv
			r.write("list.html", pv)
		}})
	}
	return jobs
}

// lawLink is a law's entry in a list: its title, versions and citations.
func (r *Renderer) lawLink(t *graph.Target) Link {
	note := ""
	if n := len(r.g.VersionsOf(t)); n > 1 {
		note = strconv.Itoa(n) + " 个版本"
	}
	if k := len(r.g.CitedBy(t, "")); k > 0 {
		if note != "" {
			note += "，"
		}
		note += "被引用 " + strconv.Itoa(k) + " 次"
	}
	label := t.Title
	if t.Part != "" {
		label += "·" + t.Part
	}
	return Link{Label: label, URL: r.RelURL(t.URL), Note: note}
}

// authorityBadge is what a precedent's authority means for a mediator.
func authorityBadge(a string) string {
	switch a {
	case "指导性案例":
		return "应当参照"
	case "检察指导性案例":
		return "检察机关应当参照"
	}
	return "参考"
}

func (r *Renderer) precedentList() {
	pv := r.newPage("section", "参照案例", "precedents/")
	pv.Section = "参照案例"
	pv.Description = "最高人民法院指导性案例、公报案例与典型案例，按类案检索顺序排列。"
	groups := map[string][]*library.Precedent{}
	for _, p := range r.c.Precedents {
		groups[p.Authority] = append(groups[p.Authority], p)
	}
	lv := &ListView{}
	for _, a := range authorityOrder(groups) {
		lv.Groups = append(lv.Groups, Link{Label: a, Count: len(groups[a]), Note: authorityBadge(a)})
		for _, p := range groups[a] {
			lv.Links = append(lv.Links, Link{Label: graph.PrecedentTitle(p), URL: r.RelURL("precedents/" + p.ID + "/"), Note: a})
		}
	}
	pv.Data = lv
	r.write("list.html", pv)
}

// authorityOrder is the SPC's retrieval order: guiding cases, then gazette
// and typical cases, then anything else.
func authorityOrder[V any](m map[string]V) []string {
	rank := map[string]int{"指导性案例": 0, "检察指导性案例": 1, "公报案例": 2, "典型案例": 3}
	keys := sortedKeys(m)
	sort.SliceStable(keys, func(i, j int) bool {
		ri, ok := rank[keys[i]]
		if !ok {
			ri = 9
		}
		rj, ok := rank[keys[j]]
		if !ok {
			rj = 9
		}
		return ri < rj
	})
	return keys
}

func (r *Renderer) precedent(p *library.Precedent) {
	url := "precedents/" + p.ID + "/"
	pv := r.newPage("precedent", graph.PrecedentTitle(p), url)
	r.crumb(pv, "参照案例", "precedents/")
	pv.Section = "参照案例"
	pv.Source = p.Path
	pv.Date = p.Date
	pv.Keywords = p.Keywords
	pv.Description = firstRunes(p.Points, 120)
	v := &PrecedentPageView{P: p, Badge: authorityBadge(p.Authority)}
	for _, a := range p.Articles {
		v.Articles = append(v.Articles, r.linkTextAt(a, p.Date))
	}
	if p.Points != "" {
		out, _, err := r.md.Render([]byte(p.Points))
		if err == nil {
			v.Points = template.HTML(out)
		}
	}
	for _, s := range p.Sections {
		out, _, err := r.md.Render([]byte(s.Body))
		if err != nil {
			continue
		}
		v.Sections = append(v.Sections, PrecedentSection{Heading: s.Heading, Body: template.HTML(out)})
	}
	v.Similar = r.similarLinks("precedent:" + p.ID)
	for _, it := range r.g.CitedByItem("precedent:" + p.ID) {
		v.CitedBy = append(v.CitedBy, Link{Label: it.Title, URL: r.RelURL(it.URL), Note: it.Kind})
	}
	pv.JSONLD = map[string]any{"@context": "https://schema.org", "@type": "Article", "headline": pv.Title, "url": pv.Permalink,
		"inLanguage": "zh-CN", "keywords": strings.Join(p.Keywords, ","), "datePublished": p.Date}
	pv.Data = v
	r.write("precedent.html", pv)
}

func firstRunes(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "……"
}
