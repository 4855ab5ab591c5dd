package render

import (
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strings"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/graph"
	"huajie/generator/markdown"
)

// SiteView is what every template sees as .Site.
type SiteView struct {
	Title       string
	Description string
	Language    string
	Banner      string
	BaseURL     string
	Host        string
	Internal    bool
	Menu        []Link
	FooterMenu  []Link
	Footer      content.Footer
	Version     string
	// HeaderHTML and FooterHTML are the header.html and footer.html
	// partials, rendered once per build: they are the same on every page.
	HeaderHTML, FooterHTML template.HTML
	// AssetsHTML is assets.html: the stylesheet, feed and script links of
	// every page's head.
	AssetsHTML template.HTML
	// MetaHTML is meta-site.html: the head's meta tags that name the site
	// (generator, SiteName, SiteDomain, SiteIDCode).
	MetaHTML template.HTML
}

// Link is a labelled URL.
type Link struct {
	Label string
	URL   string // already prefixed with the base path
	Count int
	Note  string
}

// PageView is the data of one page.
type PageView struct {
	Site        *SiteView
	Kind        string // home, section, page, rule, case, analysis, taxonomy, term, document, flow, 404
	Title       string
	Description string
	Keywords    []string
	Section     string // 栏目 (ColumnName)
	URL         string // site-relative, "" for home
	Permalink   string
	File        string // set for pages written to a fixed file (404.html)
	Source      string // source path, for messages
	Date        string
	Sample      bool
	Internal    bool
	Crumbs      []Link
	JSONLD      any
	Body        template.HTML
	TOC         []markdown.Heading
	Data        any
}

var navSections = []struct{ label, url string }{
	{"工作规则", "rules/"},
	{"流程图", "flow/mediation/"},
	{"文书样式", "documents/"},
	{"案例", "cases/"},
	{"类案分析", "analyses/"},
	{"法律法规", "laws/"},
	{"参照案例", "precedents/"},
	{"统计数据", "stats/"},
	{"分类浏览", "taxonomies/"},
}

func (r *Renderer) siteView(version string) *SiteView {
	s := &r.c.Site
	sv := &SiteView{Title: s.Title, Description: s.Description, Language: s.Language, Banner: s.Banner,
		BaseURL: r.AbsURL(""), Host: r.base.Host, Internal: content.IsInternal(s.Visibility), Footer: s.Footer, Version: version}
	if sv.Language == "" {
		sv.Language = "zh-CN"
	}
	sv.Menu = append(sv.Menu, Link{Label: "首页", URL: r.RelURL("")})
	type entry struct {
		w int
		l Link
	}
	var pages, footer []entry
	for _, p := range r.c.Pages {
		if r.hidden(p.Visibility) {
			continue
		}
		switch p.Menu {
		case "main":
			pages = append(pages, entry{p.Weight, Link{Label: p.Title, URL: r.RelURL(p.URL)}})
		case "footer":
			footer = append(footer, entry{p.Weight, Link{Label: p.Title, URL: r.RelURL(p.URL)}})
		}
	}
	sortEntries := func(es []entry) {
		for i := 1; i < len(es); i++ {
			for j := i; j > 0 && es[j].w < es[j-1].w; j-- {
				es[j], es[j-1] = es[j-1], es[j]
			}
		}
	}
	sortEntries(pages)
	sortEntries(footer)
	for _, e := range pages {
		sv.Menu = append(sv.Menu, e.l)
	}
	for _, n := range navSections {
		if n.url == "flow/mediation/" && r.idx.Flows["mediation"] == nil {
			continue
		}
		if n.url == "stats/" && len(r.c.Data) == 0 {
			continue
		}
		if (n.url == "laws/" && len(r.c.Laws) == 0) || (n.url == "precedents/" && len(r.c.Precedents) == 0) {
			continue
		}
		sv.Menu = append(sv.Menu, Link{Label: n.label, URL: r.RelURL(n.url)})
	}
	sv.FooterMenu = append(sv.FooterMenu, Link{Label: "网站地图", URL: r.RelURL("sitemap/")})
	for _, e := range footer {
		sv.FooterMenu = append(sv.FooterMenu, e.l)
	}
	return sv
}

// hidden reports whether an item of this visibility is left out of this build.
func (r *Renderer) hidden(visibility string) bool {
	return content.IsInternal(visibility) && !content.IsInternal(r.c.Site.Visibility)
}

func (r *Renderer) newPage(kind, title, url string) *PageView {
	return &PageView{Site: r.site, Kind: kind, Title: title, URL: url, Permalink: r.AbsURL(url),
		Crumbs: []Link{{Label: "首页", URL: r.RelURL("")}}}
}

func (r *Renderer) crumb(pv *PageView, label, url string) {
	pv.Crumbs = append(pv.Crumbs, Link{Label: label, URL: r.RelURL(url)})
}

func (r *Renderer) home() {
	var home *content.Page
	for _, p := range r.c.Pages {
		if p.URL == "" {
			home = p
		}
	}
	pv := r.newPage("home", r.c.Site.Title, "")
	pv.Crumbs = nil
	pv.Description = r.c.Site.Description
	if home != nil {
		pv.Body, _ = r.markdown(home.Source)
		pv.Source = home.Path
		if home.Summary != "" {
			pv.Description = home.Summary
		}
	}
	cases := r.latest()
	if len(cases) > 8 {
		cases = cases[:8]
	}
	counts := map[string]int{}
	for _, c := range r.visibleCases() {
		counts[c.Kind]++
	}
	var kinds []Link
	for _, k := range content.Kinds {
		kinds = append(kinds, Link{Label: content.KindLabel(k), URL: r.RelURL(termURL("kinds", k)), Count: counts[k]})
	}
	var rules []*content.Rule
	for _, rule := range r.c.Rules {
		if !r.hidden(rule.Visibility) {
			rules = append(rules, rule)
		}
	}
	pv.JSONLD = map[string]any{"@context": "https://schema.org", "@type": "WebSite", "name": r.c.Site.Title, "url": pv.Permalink, "inLanguage": "zh-CN"}
	pv.Data = map[string]any{"Latest": cardValues(r.caseCards(cases)), "Kinds": kinds, "Rules": rules, "Analyses": len(r.visibleAnalyses())}
	r.write("home.html", pv)
}

// searchPage is the search page; search.js fills it from /api/search or the
// static index under search/.
func (r *Renderer) searchPage() {
	pv := r.newPage("search", "站内检索", "search/")
	pv.Description = "检索本站的案例、类案分析、工作规则条文、文书样式和页面。"
	r.write("search.html", pv)
}

func (r *Renderer) notFound() {
	pv := r.newPage("404", "页面未找到", "404/")
	pv.File = "404.html"
	r.write("404.html", pv)
}

func (r *Renderer) page(p *content.Page) {
	if r.hidden(p.Visibility) {
		return
	}
	pv := r.newPage("page", p.Title, p.URL)
	pv.Source, pv.Description, pv.Sample, pv.Internal = p.Path, p.Summary, p.Sample, content.IsInternal(p.Visibility)
	pv.Section = p.Title
	pv.Body, pv.TOC = r.markdownFor("page:"+p.URL, p.Source)
	pv.JSONLD = map[string]any{"@context": "https://schema.org", "@type": "WebPage", "name": p.Title, "url": pv.Permalink, "inLanguage": "zh-CN"}
	r.write("page.html", pv)
}

// RuleView is the data of a rule page.
type RuleView struct {
	Rule     *content.Rule
	Target   *graph.Target // for citation links and backlinks
	Cite     string        // the name a citation uses: 《工作规则》
	Articles int
}

func (r *Renderer) ruleList() {
	pv := r.newPage("section", "工作规则与制度", "rules/")
	pv.Section = "工作规则"
	var rules []*content.Rule
	for _, rule := range r.c.Rules {
		if !r.hidden(rule.Visibility) {
			rules = append(rules, rule)
		}
	}
	pv.Description = "周口市行政争议协调化解中心工作规则及配套制度。"
	pv.Data = &ListView{Rules: rules}
	r.write("list.html", pv)
}

func (r *Renderer) rule(rule *content.Rule) {
	if r.hidden(rule.Visibility) {
		return
	}
	url := "rules/" + rule.Slug + "/"
	pv := r.newPage("rule", rule.Title, url)
	r.crumb(pv, "工作规则", "rules/")
	pv.Source, pv.Sample, pv.Internal, pv.Section = rule.Path, rule.Sample, content.IsInternal(rule.Visibility), "工作规则"
	pv.Description = rule.Summary
	if pv.Description == "" {
		pv.Description = rule.Title
	}
	pv.Date = rule.Effective.String()
	cite := rule.ShortTitle
	if cite == "" {
		cite = rule.Title
	}
	ld := map[string]any{"@context": "https://schema.org", "@type": "Legislation", "name": rule.Title,
		"url": pv.Permalink, "inLanguage": "zh-CN", "legislationType": "规范性文件"}
	if rule.DocNumber != "" {
		ld["legislationIdentifier"] = rule.DocNumber
	}
	if !rule.Adopted.IsZero() {
		ld["legislationDate"] = rule.Adopted.String()
	}
	if !rule.Effective.IsZero() {
		ld["legislationDateVersion"] = rule.Effective.String()
	}
	if len(rule.Issuer) > 0 {
		var orgs []map[string]string
		for _, is := range rule.Issuer {
			orgs = append(orgs, map[string]string{"@type": "GovernmentOrganization", "name": is})
		}
		ld["legislationPassedBy"] = orgs
	}
	if rule.Status != "" {
		ld["legislationLegalForce"] = map[string]string{"现行有效": "InForce", "已修订": "PartiallyInForce", "已废止": "NotInForce"}[rule.Status]
	}
	pv.JSONLD = ld
	pv.Data = RuleView{Rule: rule, Target: r.ruleTarget(rule), Cite: "《" + cite + "》", Articles: len(rule.Doc.Articles)}
	r.write("rule.html", pv)
}

// Field is a labelled value of a case or analysis page.
type Field struct {
	Label string
	Value string
	URL   string
	Links []Link
	HTML  template.HTML
}

// CaseView is the data of a case page.
type CaseView struct {
	Case     *content.Case
	Fields   []Field
	Series   *SeriesView
	CitedBy  []Link
	Related  []Link
	Pair     *Link
	PairedBy []Link
	Similar  []Link // 类案: the most similar cases and precedents
}

// SeriesView describes a demonstration series.
type SeriesView struct {
	ID       string
	Lead     Link
	Standard string
	Members  []Link
	Counts   []Link
}

func (r *Renderer) caseItem(c *content.Case) {
	if r.hidden(c.Visibility) {
		return
	}
	url := "cases/" + c.ID + "/"
	pv := r.newPage("case", c.Title, url)
	r.crumb(pv, "案例", "cases/")
	r.crumb(pv, content.KindLabel(c.Kind), termURL("kinds", c.Kind))
	pv.Source, pv.Sample, pv.Internal, pv.Section = c.Path, c.Sample, content.IsInternal(c.Visibility), content.KindLabel(c.Kind)
	pv.Description, pv.Keywords, pv.Date = c.Summary, c.Keywords, c.Date().String()
	pv.Body, pv.TOC = r.markdownFor("case:"+c.ID, c.Source)
	v := CaseView{Case: c}
	add := func(label, value, url string) {
		if value != "" {
			v.Fields = append(v.Fields, Field{Label: label, Value: value, URL: url})
		}
	}
	add("案例编号", c.ID, "")
	add("类别", content.KindLabel(c.Kind), r.RelURL(termURL("kinds", c.Kind)))
	add("领域", c.Domain, r.RelURL(termURL("domains", c.Domain)))
	add("行政行为类型", c.ActType, "")
	add("区县", c.Region, r.RelURL(termURL("regions", c.Region)))
	add("行政机关", c.Agency, "")
	add("机关类型", c.AgencyType, "")
	if c.Stage != "" {
		add("化解阶段", c.Stage, r.RelURL(termURL("stages", c.Stage)))
	}
	if c.Outcome != "" {
		add("结果", c.Outcome, r.RelURL(termURL("outcomes", c.Outcome)))
	}
	add("行为作出日", c.Dates.Act.Chinese(), "")
	add("受理日", c.Dates.Received.Chinese(), "")
	add("办结日", c.Dates.Closed.Chinese(), "")
	add("案号", content.CaseNoString(c.CourtCaseNo), "")
	if len(c.Defects) > 0 {
		add("问题类型", strings.Join(c.Defects, "、"), "")
	}
	if len(c.Participants) > 0 {
		add("参与化解", strings.Join(c.Participants, "、"), "")
	}
	if len(c.Parties) > 0 {
		var ps []string
		for _, p := range c.Parties {
			ps = append(ps, p.Role+"："+p.Display)
		}
		add("当事人", strings.Join(ps, "；"), "")
	}
	if len(c.Keywords) > 0 {
		f := Field{Label: "关键词"}
		for _, k := range c.Keywords {
			f.Links = append(f.Links, Link{Label: k, URL: r.RelURL(termURL("keywords", k))})
		}
		v.Fields = append(v.Fields, f)
	}
	if len(c.LegalBasis) > 0 {
		var parts []string
		for _, h := range r.basisHTML("case:"+c.ID, c.LegalBasis) {
			parts = append(parts, string(h))
		}
		v.Fields = append(v.Fields, Field{Label: "关联法条", HTML: template.HTML(strings.Join(parts, "<br>"))})
	}
	if len(c.Documents) > 0 {
		f := Field{Label: "使用文书"}
		for _, d := range c.Documents {
			if doc := r.idx.Documents[d]; doc != nil && !r.hidden(doc.Visibility) {
				f.Links = append(f.Links, Link{Label: doc.ShortTitle, URL: r.RelURL("documents/" + doc.Slug + "/")})
			}
		}
		v.Fields = append(v.Fields, f)
	}
	for _, id := range c.Related {
		if l, ok := r.caseLink(id); ok {
			v.Related = append(v.Related, l)
		}
	}
	if c.Pair != "" {
		if l, ok := r.caseLink(c.Pair); ok {
			v.Pair = &l
		}
	}
	for _, id := range r.idx.CitedBy[c.ID] {
		if l, ok := r.caseLink(id); ok {
			v.CitedBy = append(v.CitedBy, l)
		}
	}
	for _, it := range r.g.CitedByItem("case:" + c.ID) {
		_, id, _ := strings.Cut(it.Key, ":")
		if !slices.Contains(r.idx.CitedBy[c.ID], id) {
			v.CitedBy = append(v.CitedBy, Link{Label: it.Title, URL: r.RelURL(it.URL), Note: it.Kind})
		}
	}
	if c.Series != nil {
		v.Series = r.seriesView(c.Series.ID)
	}
	v.Similar = r.similarLinks("case:" + c.ID)
	pv.JSONLD = map[string]any{"@context": "https://schema.org", "@type": "Article", "headline": c.Title,
		"description": c.Summary, "url": pv.Permalink, "inLanguage": "zh-CN", "keywords": strings.Join(c.Keywords, ","),
		"datePublished": c.Date().String(), "identifier": c.ID,
		"publisher": map[string]string{"@type": "GovernmentOrganization", "name": r.c.Site.Title}}
	pv.Data = v
	r.write("case.html", pv)
}

// caseLink links a case or analysis by id, unless it is hidden in this build.
func (r *Renderer) caseLink(id string) (Link, bool) {
	if c := r.idx.Cases[id]; c != nil {
		if r.hidden(c.Visibility) {
			return Link{}, false
		}
		return Link{Label: c.Title, URL: r.itemURL(id), Note: content.KindLabel(c.Kind)}, true
	}
	if a := r.idx.Analyses[id]; a != nil {
		if r.hidden(a.Visibility) {
			return Link{}, false
		}
		return Link{Label: a.Title, URL: r.itemURL(id), Note: "类案分析"}, true
	}
	return Link{}, false
}

func seriesStatusLabel(s string) string {
	return map[string]string{"resolved": "已化解", "pending": "化解中", "litigated": "进入诉讼", "opted-out": "未参加"}[s]
}

// seriesStatus is a member's status: stated, else derived from its outcome.
func seriesStatus(c *content.Case) string {
	if c.Series != nil && c.Series.Status != "" {
		return c.Series.Status
	}
	switch c.Outcome {
	case "化解成功", "撤诉":
		return "resolved"
	case "化解不成", "判决":
		return "litigated"
	}
	return "pending"
}

func (r *Renderer) seriesView(id string) *SeriesView {
	list := r.idx.Series[id]
	if len(list) == 0 {
		return nil
	}
	lead := list[0]
	sv := &SeriesView{ID: id, Standard: lead.Series.Standard}
	sv.Lead, _ = r.caseLink(lead.ID)
	counts := map[string]int{}
	for _, m := range list[1:] {
		l, ok := r.caseLink(m.ID)
		if !ok {
			continue
		}
		st := seriesStatus(m)
		counts[st]++
		l.Note = seriesStatusLabel(st)
		if m.Series.Note != "" {
			l.Note += "：" + m.Series.Note
		}
		sv.Members = append(sv.Members, l)
	}
	for _, st := range []string{"resolved", "pending", "litigated", "opted-out"} {
		sv.Counts = append(sv.Counts, Link{Label: seriesStatusLabel(st), Count: counts[st]})
	}
	return sv
}

// AnalysisView is the data of an analysis page.
type AnalysisView struct {
	A          *content.Analysis
	Similar    []Link
	Fields     []Field
	Precedents []PrecedentView
	UsedIn     []Link
	LegalBasis []template.HTML
}

// PrecedentView is one precedent of an analysis.
type PrecedentView struct {
	content.Precedent
	URL string
}

func (r *Renderer) analysis(a *content.Analysis) {
	if r.hidden(a.Visibility) {
		return
	}
	url := "analyses/" + a.ID + "/"
	pv := r.newPage("analysis", a.Title, url)
	r.crumb(pv, "类案分析", "analyses/")
	pv.Source, pv.Sample, pv.Internal, pv.Section = a.Path, a.Sample, content.IsInternal(a.Visibility), "类案分析"
	pv.Description, pv.Keywords, pv.Date = a.Summary, a.Keywords, a.Date.String()
	pv.Body, pv.TOC = r.markdownFor("analysis:"+a.ID, a.Source)
	v := AnalysisView{A: a}
	v.Fields = append(v.Fields, Field{Label: "编号", Value: a.ID}, Field{Label: "领域", Value: a.Domain, URL: r.RelURL(termURL("domains", a.Domain))})
	if a.Region != "" {
		v.Fields = append(v.Fields, Field{Label: "区县", Value: a.Region, URL: r.RelURL(termURL("regions", a.Region))})
	}
	for _, p := range a.Precedents {
		pvw := PrecedentView{Precedent: p}
		if l, ok := r.caseLink(p.Case); ok {
			pvw.URL = l.URL
		} else if it, ok := r.g.Named(p.Case); ok {
			pvw.URL = r.RelURL(it.URL)
		}
		v.Precedents = append(v.Precedents, pvw)
	}
	for _, id := range a.UsedIn {
		if l, ok := r.caseLink(id); ok {
			v.UsedIn = append(v.UsedIn, l)
		}
	}
	v.LegalBasis = r.basisHTML("analysis:"+a.ID, a.LegalBasis)
	v.Similar = r.similarLinks("analysis:" + a.ID)
	pv.JSONLD = map[string]any{"@context": "https://schema.org", "@type": "Article", "headline": a.Title,
		"description": a.Summary, "url": pv.Permalink, "inLanguage": "zh-CN", "identifier": a.ID}
	pv.Data = v
	r.write("analysis.html", pv)
}

// DocumentView is the data of a document template page.
type DocumentView struct {
	Doc        *content.Document
	Code       string   // 发文字号 of the filled sample
	Lines      []string // the filled sample, paragraph by paragraph
	Date       string   // 成文日期 of the sample, 2023年7月12日
	StepURL    string
	StepName   string
	TextURL    string
	JSON       map[string]any // what the fill-in form's script needs
	TypeLabels map[string]string
}

var placeholderRE = regexp.MustCompile(`\{\{\s*([^{}\s]+)\s*\}\}`)

var fieldTypeLabels = map[string]string{"": "文字", "text": "文字", "textarea": "多行文字", "date": "日期", "number": "数字", "select": "选择"}

func (r *Renderer) documentList() {
	pv := r.newPage("section", "文书样式", "documents/")
	pv.Section = "文书样式"
	pv.Description = "行政争议协调化解确认书、受理通知书、化解协议、移送函、反馈函等文书样式。"
	var docs []*content.Document
	for _, d := range r.c.Documents {
		if !r.hidden(d.Visibility) {
			docs = append(docs, d)
		}
	}
	pv.Data = &ListView{Documents: docs}
	r.write("list.html", pv)
}

// fillTemplate replaces every {{name}} in s with values[name], or with
// blank when the value is missing.
func fillTemplate(s string, values map[string]string, blank func(name string) string) string {
	return placeholderRE.ReplaceAllStringFunc(s, func(m string) string {
		name := placeholderRE.FindStringSubmatch(m)[1]
		if v, ok := values[name]; ok && v != "" {
			return v
		}
		return blank(name)
	})
}

func (r *Renderer) document(d *content.Document) {
	if r.hidden(d.Visibility) {
		return
	}
	url := "documents/" + d.Slug + "/"
	pv := r.newPage("document", d.Title, url)
	r.crumb(pv, "文书样式", "documents/")
	pv.Source, pv.Sample, pv.Section, pv.Description = d.Path, d.Sample, "文书样式", d.Summary
	values := map[string]string{"年份": "2023", "序号": "7", "成文日期": "2023年7月12日"}
	var fields []map[string]any
	for _, f := range d.FieldList {
		ex := f.Example
		if f.Type == "date" {
			if t, err := parseDate(ex); err == nil {
				ex = t
			}
		}
		if ex != "" {
			values[f.Name] = ex
		}
		fields = append(fields, map[string]any{"name": f.Name, "type": f.Type, "required": f.Required, "example": f.Example})
	}
	// The sample is dated the day of its last date field, when it has one.
	for _, f := range d.FieldList {
		if f.Type == "date" && f.Example != "" {
			values["成文日期"], _ = parseDate(f.Example)
			values["年份"] = f.Example[:4]
		}
	}
	sample := fillTemplate(d.Body, values, func(string) string { return "____" })
	v := DocumentView{Doc: d, Code: fillTemplate(d.Code, values, func(string) string { return "____" }),
		Date: values["成文日期"], TextURL: r.RelURL(url + d.Slug + ".txt"), TypeLabels: fieldTypeLabels}
	for _, line := range strings.Split(strings.TrimRight(sample, "\n"), "\n") {
		v.Lines = append(v.Lines, strings.TrimSpace(line))
	}
	v.JSON = map[string]any{"title": d.Title, "code": d.Code, "body": d.Body, "issuer": d.Issuer, "fields": fields, "slug": d.Slug}
	for _, f := range r.c.Flows {
		for _, n := range f.Nodes {
			if n.ID == d.Step {
				v.StepURL = r.RelURL("flow/" + f.Slug + "/#step-" + n.ID)
				v.StepName = n.Label
			}
		}
	}
	pv.Data = v
	r.write("document.html", pv)
	r.documentText(d, url)
}

// documentText writes the plain-text form of a template: the wording with
// each field shown as 【name】, then the list of fields to fill.
func (r *Renderer) documentText(d *content.Document, url string) {
	var b strings.Builder
	b.WriteString(d.Title + "\n")
	if d.Code != "" {
		b.WriteString(fillTemplate(d.Code, nil, func(n string) string { return "【" + n + "】" }) + "\n")
	}
	b.WriteString("\n" + strings.TrimRight(fillTemplate(d.Body, nil, func(n string) string { return "【" + n + "】" }), "\n") + "\n\n")
	if d.Issuer != "" {
		b.WriteString("                                        " + d.Issuer + "\n")
	}
	b.WriteString("                                        【成文日期】\n\n填写说明：\n")
	for _, f := range d.FieldList {
		req := ""
		if f.Required {
			req = "（必填）"
		}
		line := "【" + f.Name + "】" + req
		if f.Hint != "" {
			line += "：" + f.Hint
		}
		if f.Example != "" {
			line += "。示例：" + f.Example
		}
		b.WriteString(line + "\n")
	}
	text := strings.ReplaceAll(b.String(), "\n", "\r\n") // Windows editors are what offices use
	if err := r.w.WriteFile(url+d.Slug+".txt", []byte("\ufeff"+text)); err != nil {
		r.diags.Add(diag.Pos{File: d.Path}, "writing the plain-text template: %v", err)
	}
}

func parseDate(s string) (string, error) {
	var y, m, d int
	if _, err := fmt.Sscanf(s, "%d-%d-%d", &y, &m, &d); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d年%d月%d日", y, m, d), nil
}

// FlowView is the data of a flowchart page: the chart and its text version.
type FlowView struct {
	Flow  *content.Flow
	SVG   template.HTML
	Steps []FlowStep
}

// FlowStep is one node with its outgoing edges.
type FlowStep struct {
	Node content.FlowNode
	Next []Link
}

func (r *Renderer) flow(f *content.Flow) {
	if r.hidden(f.Visibility) {
		return
	}
	pv := r.newPage("flow", f.Title, "flow/"+f.Slug+"/")
	pv.Source, pv.Sample, pv.Section, pv.Description = f.Path, f.Sample, "流程图", f.Summary
	labels := map[string]string{}
	for _, n := range f.Nodes {
		labels[n.ID] = n.Label
	}
	v := FlowView{Flow: f}
	svg, err := r.flowSVG(f)
	if err != nil {
		r.diags.Add(diag.Pos{File: f.Path}, "laying out the flowchart: %v", err)
		return
	}
	v.SVG = svg
	for _, n := range f.Nodes {
		st := FlowStep{Node: n}
		for _, e := range f.Edges {
			if e.From == n.ID {
				st.Next = append(st.Next, Link{Label: labels[e.To], URL: "#step-" + e.To, Note: e.Label})
			}
		}
		v.Steps = append(v.Steps, st)
	}
	pv.Data = v
	r.write("flow.html", pv)
}
