package content

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"huajie/generator/cite"
	"huajie/generator/diag"
	"huajie/generator/numeral"
)

// Index gives fast lookups over loaded content; it is built by Validate.
type Index struct {
	Cases     map[string]*Case
	Analyses  map[string]*Analysis
	Rules     map[string]*Rule // by slug, title and short title
	Documents map[string]*Document
	Flows     map[string]*Flow
	// Series maps a series id (the lead case's id) to its cases, lead first.
	Series map[string][]*Case
	// CitedBy maps a case id to the cases and analyses that reference it.
	CitedBy map[string][]string
}

var (
	caseIDRE     = regexp.MustCompile(`^ZK-(\d{4})-(HJ|YX|JS)-\d{4}$`)
	analysisIDRE = regexp.MustCompile(`^ZK-FX-\d{2,4}$`)
	// 案号: （2023）豫16行初123号, with half-width brackets accepted.
	caseNoRE      = regexp.MustCompile(`^[（(](\d{4})[）)]([\p{Han}]{1,2}\d{0,4})(行[\p{Han}]{1,3}?)(?:字第)?(\d+)号$`)
	caseNoStartRE = regexp.MustCompile(`^[（(]\d{4}[）)]`)
	placeholderRE = regexp.MustCompile(`\{\{\s*([^{}\s]+)\s*\}\}`)
	docCodeRE     = regexp.MustCompile(`〔[^〔〕]+〕`)
	ruleRefRE     = regexp.MustCompile(`^(.+)#art-(\d+)$`)
	citeRE        = regexp.MustCompile(`^《([^《》]+)》(?:第([` + `零〇一二两三四五六七八九十百千0-9` + `]+)条)?`)
)

var kindCode = map[string]string{"mediation": "HJ", "exemplary": "YX", "warning": "JS"}

// pseudonymRE matches the display of a pseudonymised natural person:
// a surname (one or two characters) followed by 某, optionally 甲乙丙丁… .
var pseudonymRE = regexp.MustCompile(`^\p{Han}{1,2}某[甲乙丙丁戊己庚辛壬癸]?\d?$`)

// BuiltinPlaceholders need no declaration in a document template.
var BuiltinPlaceholders = []string{"年份", "序号", "成文日期"}

// Validate checks vocabularies, identifiers and references across the whole
// site, adds every problem to diags and returns the lookup index.
func Validate(ctx context.Context, c *Content, diags *diag.List) *Index {
	return validate(ctx, c, diags, nil)
}

func validate(ctx context.Context, c *Content, diags *diag.List, memo *Validator) *Index {
	v := validator{c: c, d: diags, memo: memo, idx: &Index{
		Cases: make(map[string]*Case, len(c.Cases)), Analyses: map[string]*Analysis{}, Rules: map[string]*Rule{},
		Documents: map[string]*Document{}, Flows: map[string]*Flow{}, Series: map[string][]*Case{},
		CitedBy: map[string][]string{},
	}}
	v.site()
	v.index()
	for _, p := range c.Pages {
		v.visibility(p.Path, p.Fields, p.Visibility)
		if p.Menu != "" && p.Menu != "main" && p.Menu != "footer" {
			v.enum(p.Path, p.Fields, "menu", p.Menu, []string{"main", "footer"})
		}
		if p.Slug != "" && !slugRE.MatchString(p.Slug) {
			v.d.Add(p.Fields["slug"], "slug %q: use lowercase ASCII letters, digits and hyphens", p.Slug)
		}
	}
	for _, r := range c.Rules {
		v.rule(r)
	}
	for _, p := range c.Pages {
		v.bodyLinks(p.Source, p.Visibility)
	}
	v.memo.begin(&v)
	for _, cs := range c.Cases {
		if ctx.Err() != nil {
			return v.idx
		}
		v.checkCase(cs)
	}
	v.series()
	for _, a := range c.Analyses {
		v.analysis(a)
	}
	for _, d := range c.Documents {
		v.document(d)
	}
	for _, f := range c.Flows {
		v.flow(f)
	}
	for _, d := range c.Data {
		v.data(d)
	}
	for id := range v.idx.CitedBy {
		sort.Strings(v.idx.CitedBy[id])
	}
	return v.idx
}

type validator struct {
	c   *Content
	d   *diag.List
	idx *Index
	// memo, when set, remembers what each case's checks found (revalidate.go).
	memo  *Validator
	cites *[]string // while memo records a case: the ids it cites
}

// cite records that item from refers to case id.
func (v *validator) cite(id, from string) {
	v.idx.CitedBy[id] = appendUnique(v.idx.CitedBy[id], from)
	if v.cites != nil {
		*v.cites = append(*v.cites, id)
	}
}

func (v *validator) site() {
	s := &v.c.Site
	u, err := url.Parse(s.BaseURL)
	if s.BaseURL != "" && (err != nil || u.Scheme == "" || u.Host == "") {
		v.d.Add(s.Fields["baseURL"], "baseURL %q must be an absolute URL such as https://example.gov.cn/huajie/", s.BaseURL)
	}
	if s.Visibility != "" {
		v.enum("site.yaml", s.Fields, "visibility", s.Visibility, []string{"public", "internal"})
	}
	if s.Paginate < 0 {
		v.d.Add(s.Fields["paginate"], "paginate must be positive")
	}
}

// index registers every identifier, reporting duplicates.
func (v *validator) index() {
	seen := make(map[string]diag.Pos, len(v.c.Cases)+len(v.c.Analyses))
	claim := func(id string, pos diag.Pos) bool {
		if id == "" {
			return false
		}
		if first, ok := seen[id]; ok {
			v.d.Add(pos, "duplicate id %q (first used at %s)", id, first)
			return false
		}
		seen[id] = pos
		return true
	}
	for _, cs := range v.c.Cases {
		if claim(cs.ID, cs.Fields["id"]) {
			v.idx.Cases[cs.ID] = cs
		}
	}
	for _, a := range v.c.Analyses {
		if claim(a.ID, a.Fields["id"]) {
			v.idx.Analyses[a.ID] = a
		}
	}
	ruleNames := map[string]diag.Pos{}
	for _, r := range v.c.Rules {
		for _, key := range []string{"slug", "title", "short_title"} {
			name := map[string]string{"slug": r.Slug, "title": r.Title, "short_title": r.ShortTitle}[key]
			if name == "" {
				continue
			}
			if first, ok := ruleNames[name]; ok && v.idx.Rules[name] != r {
				pos, ok := r.Fields[key]
				if !ok {
					pos = diag.Pos{File: r.Path}
				}
				v.d.Add(pos, "rule name %q is also used by %s", name, first.File)
				continue
			}
			ruleNames[name] = diag.Pos{File: r.Path}
			v.idx.Rules[name] = r
		}
	}
	for _, d := range v.c.Documents {
		for _, name := range []string{d.Slug, d.ShortTitle, d.Title} {
			if name == "" {
				continue
			}
			if other, ok := v.idx.Documents[name]; ok && other != d {
				v.d.Add(d.Fields["short_title"], "document name %q is also used by %s", name, other.Path)
				continue
			}
			v.idx.Documents[name] = d
		}
	}
	for _, f := range v.c.Flows {
		v.idx.Flows[f.Slug] = f
	}
	pageURLs := map[string]string{}
	for _, p := range v.c.Pages {
		// Written only when it differs: huajie serve validates again while
		// the previous content, which shares unchanged pages, is indexed.
		if u := pageURL(p); p.URL != u {
			p.URL = u
		}
		if other, ok := pageURLs[p.URL]; ok {
			v.d.Add(diag.Pos{File: p.Path, Line: 1, Col: 1}, "page URL /%s is also used by %s", p.URL, other)
		}
		pageURLs[p.URL] = p.Path
	}
}

// pageURL is the site-relative URL of a page: "" for the home page.
func pageURL(p *Page) string {
	rel := strings.TrimPrefix(p.Path, "content/")
	dir, file := "", rel
	if i := strings.LastIndex(rel, "/"); i >= 0 {
		dir, file = rel[:i+1], rel[i+1:]
	}
	if file == "_index.md" {
		return dir
	}
	name := strings.TrimSuffix(file, ".md")
	if p.Slug != "" {
		name = p.Slug
	}
	return dir + name + "/"
}

func (v *validator) enum(file string, fields map[string]diag.Pos, key, val string, allowed []string) bool {
	for _, a := range allowed {
		if a == val {
			return true
		}
	}
	pos := fields[key]
	if !pos.IsValid() {
		pos = diag.Pos{File: file}
	}
	v.unknown(pos, key, val, allowed)
	return false
}

func (v *validator) unknown(pos diag.Pos, key, val string, allowed []string) {
	if s := diag.Suggest(val, allowed); s != "" {
		v.d.Add(pos, "%s: unknown value %q (did you mean %q?)", key, val, s)
		return
	}
	v.d.Add(pos, "%s: unknown value %q (allowed: %s)", key, val, strings.Join(allowed, ", "))
}

// vocabList checks every item of a list field.
func (v *validator) vocabList(file string, fields map[string]diag.Pos, key string, vals, allowed []string) {
	for i, val := range vals {
		pos := fields[fmt.Sprintf("%s.%d", key, i)]
		if !pos.IsValid() {
			pos = fields[key]
		}
		if !contains(allowed, val) {
			v.unknown(pos, key, val, allowed)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (v *validator) visibility(file string, fields map[string]diag.Pos, val string) {
	if val != "" {
		v.enum(file, fields, "visibility", val, []string{"public", "internal"})
	}
}

func (v *validator) rule(r *Rule) {
	v.visibility(r.Path, r.Fields, r.Visibility)
	if r.Status != "" {
		v.enum(r.Path, r.Fields, "status", r.Status, []string{"现行有效", "已修订", "已废止"})
	}
	if r.DocNumber != "" {
		checkDocNumber(v.d, r.Fields["doc_number"], r.DocNumber)
	}
	if !r.Adopted.IsZero() && !r.Effective.IsZero() && r.Effective.Before(r.Adopted.Time) {
		v.d.Add(r.Fields["effective"], "effective date %s is before the adoption date %s", r.Effective, r.Adopted)
	}
	for i := 1; i < len(r.Revisions); i++ {
		if r.Revisions[i].Date.After(r.Revisions[i-1].Date.Time) {
			v.d.Add(r.Fields[fmt.Sprintf("revisions.%d", i)], "revisions must be listed newest first")
		}
	}
}

// checkDocNumber checks a 文号 in GB/T 9704 form: 周政办〔2023〕12号.
func checkDocNumber(d *diag.List, pos diag.Pos, s string) {
	switch {
	case strings.ContainsAny(s, "[]【】()（）"):
		d.Add(pos, "文号 %q: the year goes in 六角括号 〔〕, e.g. 周政办〔2023〕12号", s)
	case strings.Contains(s, "第") && strings.HasSuffix(s, "号"):
		d.Add(pos, "文号 %q: GB/T 9704 writes no 第 before the number", s)
	case !regexp.MustCompile(`^\p{Han}+〔(\d{4}|\{\{[^}]+\}\})〕(\d+|\{\{[^}]+\}\})号$`).MatchString(s):
		d.Add(pos, "文号 %q is not in the form 机关代字〔年份〕序号号, e.g. 周政办〔2023〕12号", s)
	case regexp.MustCompile(`〕0\d`).MatchString(s):
		d.Add(pos, "文号 %q: the number has no leading zero", s)
	}
}

func (v *validator) caseItem(cs *Case) {
	f, p := cs.Fields, cs.Path
	voc := &v.c.Vocab
	if cs.ID != "" {
		m := caseIDRE.FindStringSubmatch(cs.ID)
		if m == nil {
			v.d.Add(f["id"], "id %q: use the form ZK-2023-HJ-0007 (HJ 化解案例, YX 优秀案例, JS 警示案例)", cs.ID)
		} else if code, ok := kindCode[cs.Kind]; ok && m[2] != code {
			v.d.Add(f["id"], "id %q has code %s but kind is %s: use %s", cs.ID, m[2], cs.Kind, code)
		}
	}
	if cs.Kind != "" {
		v.enum(p, f, "kind", cs.Kind, Kinds)
	}
	if len(cs.Keywords) > 7 {
		v.d.Add(f["keywords"], "keywords: %d given, at most 7", len(cs.Keywords))
	}
	if cs.Domain != "" {
		v.enum(p, f, "domain", cs.Domain, voc.Domains)
	}
	if cs.Region != "" {
		v.enum(p, f, "region", cs.Region, voc.Regions)
	}
	if cs.AgencyType != "" && len(voc.AgencyTypes) > 0 {
		v.enum(p, f, "agency_type", cs.AgencyType, voc.AgencyTypes)
	}
	if cs.ActType != "" && len(voc.ActTypes) > 0 {
		v.enum(p, f, "act_type", cs.ActType, voc.ActTypes)
	}
	if cs.Stage != "" {
		v.enum(p, f, "stage", cs.Stage, voc.Stages)
	}
	if cs.Outcome != "" {
		v.enum(p, f, "outcome", cs.Outcome, voc.Outcomes)
	}
	v.vocabList(p, f, "defects", cs.Defects, voc.Defects)
	if len(voc.Participants) > 0 {
		v.vocabList(p, f, "participants", cs.Participants, voc.Participants)
	}
	if len(voc.Accountability) > 0 {
		v.vocabList(p, f, "accountability", cs.Accountability, voc.Accountability)
	}
	v.visibility(p, f, cs.Visibility)
	need := func(k string, empty bool) {
		if !empty {
			return
		}
		if pos, ok := f[k]; ok {
			v.d.Add(pos, "a %s case needs %q: it is empty", cs.Kind, k)
			return
		}
		v.d.Add(cs.Fields["kind"], "a %s case needs %q", cs.Kind, k)
	}
	switch cs.Kind {
	case "mediation":
		need("stage", cs.Stage == "")
		need("outcome", cs.Outcome == "")
	case "warning":
		need("defects", len(cs.Defects) == 0)
		need("rectification", strings.TrimSpace(cs.Rectification) == "")
		need("accountability", len(cs.Accountability) == 0)
	}
	dt := cs.Dates
	if !dt.Act.IsZero() && !dt.Received.IsZero() && dt.Received.Before(dt.Act.Time) {
		v.d.Add(dt.Fields["received"], "received %s is before the act %s", dt.Received, dt.Act)
	}
	if !dt.Received.IsZero() && !dt.Closed.IsZero() && dt.Closed.Before(dt.Received.Time) {
		v.d.Add(dt.Fields["closed"], "closed %s is before received %s", dt.Closed, dt.Received)
	}
	if m := caseIDRE.FindStringSubmatch(cs.ID); m != nil && cs.Year() != 0 {
		if y, _ := strconv.Atoi(m[1]); y != cs.Year() && y != cs.Dates.Received.Year() && y != cs.Dates.Closed.Year() {
			v.d.Add(f["id"], "id %q names year %d but the case's dates are in %d", cs.ID, y, cs.Year())
		}
	}
	if cs.CourtCaseNo != "" {
		if err := CheckCaseNo(cs.CourtCaseNo); err != nil {
			v.d.Add(f["court_case_no"], "court_case_no: %v", err)
		}
	}
	for i, doc := range cs.Documents {
		pos := f[fmt.Sprintf("documents.%d", i)]
		if d := v.idx.Documents[doc]; d == nil {
			v.unknownRef(pos, "document template", doc, v.documentNames())
		} else {
			v.linksInternal(pos, cs.Visibility, "document template", doc, d.Visibility)
		}
	}
	refCase := func(key string, pos diag.Pos, id string) *Case {
		other := v.idx.Cases[id]
		if other == nil {
			v.unknownRef(pos, key+": case", id, without(v.caseIDs(), cs.ID))
			return nil
		}
		if other == cs {
			v.d.Add(pos, "%s: a case cannot refer to itself", key)
			return nil
		}
		v.linksInternal(pos, cs.Visibility, "case", id, other.Visibility)
		v.cite(id, cs.ID)
		return other
	}
	for i, id := range cs.Related {
		refCase("related", f[fmt.Sprintf("related.%d", i)], id)
	}
	if cs.Pair != "" {
		if other := refCase("pair", f["pair"], cs.Pair); other != nil && other.Kind != "exemplary" {
			v.d.Add(f["pair"], "pair: %s is a %s, not an exemplary case (优秀案例)", cs.Pair, KindLabel(other.Kind))
		}
	}
	for i, pt := range cs.Parties {
		pos := f[fmt.Sprintf("parties.%d", i)]
		if len(voc.PartyRoles) > 0 && pt.Role != "" && !contains(voc.PartyRoles, pt.Role) {
			v.unknown(pt.Fields["role"], "parties.role", pt.Role, voc.PartyRoles)
		}
		if pt.Type != "" && !contains([]string{"自然人", "法人", "机关"}, pt.Type) {
			v.unknown(pt.Fields["type"], "parties.type", pt.Type, []string{"自然人", "法人", "机关"})
		}
		if pt.Type == "自然人" && pt.Display != "" && !pseudonymRE.MatchString(pt.Display) {
			_ = pos
			v.d.Add(pt.Fields["display"], "parties: natural person shown as %q: use a pseudonym such as 张某 or 张某甲", pt.Display)
		}
	}
	v.legalBasis(p, cs.Visibility, f, cs.LegalBasis)
	v.bodyLinks(cs.Source, cs.Visibility)
	checkSections(v.d, cs)
}

// public reports whether this build leaves internal items out.
func (v *validator) public() bool { return !IsInternal(v.c.Site.Visibility) }

// linksInternal reports a public item that links to an internal one in a
// public build: the link would break, and its title would leak.
func (v *validator) linksInternal(pos diag.Pos, fromVis, what, name, toVis string) {
	if v.public() && !IsInternal(fromVis) && IsInternal(toVis) {
		v.d.Add(pos, "links to internal %s %s: a public item may not link to an internal one", what, name)
	}
}

func (v *validator) unknownRef(pos diag.Pos, what, name string, known []string) {
	if s := diag.Suggest(name, known); s != "" {
		v.d.Add(pos, "unknown %s %q (did you mean %q?)", what, name, s)
		return
	}
	v.d.Add(pos, "unknown %s %q", what, name)
}

func (v *validator) caseIDs() []string {
	ids := make([]string, 0, len(v.idx.Cases))
	for id := range v.idx.Cases {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (v *validator) documentNames() []string {
	var names []string
	for n := range v.idx.Documents {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func without(list []string, s string) []string {
	out := list[:0:0]
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

func appendUnique(list []string, s string) []string {
	if contains(list, s) {
		return list
	}
	return append(list, s)
}

// legalBasis checks that each entry is written as a citation and that a
// public item does not cite an internal rule. Whether the article cited
// exists is checked by package graph, for rules and mounted laws alike.
func (v *validator) legalBasis(file, vis string, f map[string]diag.Pos, list []string) {
	for i, s := range list {
		pos := f[fmt.Sprintf("legal_basis.%d", i)]
		m := citeRE.FindStringSubmatch(s)
		if m == nil {
			v.d.Add(pos, "legal_basis %q: write a citation such as 《中华人民共和国行政诉讼法》第六十条", s)
			continue
		}
		r := v.idx.Rules[m[1]]
		if r == nil {
			continue
		}
		v.linksInternal(pos, vis, "rule", r.Slug, r.Visibility)
	}
}

// CheckCaseNo validates a 案号 such as （2023）豫16行初123号.
func CheckCaseNo(s string) error {
	m := caseNoRE.FindStringSubmatch(s)
	if m == nil {
		return fmt.Errorf("%q is not a 案号 of the form （2023）豫16行初123号", s)
	}
	y, _ := strconv.Atoi(m[1])
	if y < 1987 || y > 2100 {
		return fmt.Errorf("%q: year %d is out of range", s, y)
	}
	// The court code and the case type code must be real ones.
	if _, err := cite.ParseCaseNo(s); err != nil {
		return err
	}
	return nil
}

// CaseNoString is a valid 案号 in its canonical form (full-width
// parentheses, no leading zeros), so every page shows it the same way.
func CaseNoString(s string) string {
	if c, err := cite.ParseCaseNo(s); err == nil {
		return c.String()
	}
	return s
}

// bodySections are the level-2 headings of a case body, in their required order.
var bodySections = []string{"基本案情", "争议焦点", "化解过程", "执法过程", "败诉原因", "化解结果", "评析", "典型意义", "警示要点"}

func checkSections(d *diag.List, cs *Case) {
	last := -1
	lastName := ""
	for i, line := range strings.Split(cs.Body, "\n") {
		if !strings.HasPrefix(line, "## ") {
			continue
		}
		name := strings.TrimSpace(line[3:])
		idx := -1
		for j, s := range bodySections {
			if s == name {
				idx = j
			}
		}
		if idx < 0 {
			continue
		}
		if idx < last {
			d.Add(diag.Pos{File: cs.Path, Line: cs.BodyLine + i, Col: 1}, "section %q must come before %q", name, lastName)
			continue
		}
		last, lastName = idx, name
	}
}

func (v *validator) series() {
	for _, cs := range v.c.Cases {
		if cs.Series == nil {
			continue
		}
		s := cs.Series
		if s.ID == "" || s.Role == "" {
			continue // reported as missing by the decoder
		}
		if !contains([]string{"lead", "member"}, s.Role) {
			v.unknown(s.Fields["role"], "series.role", s.Role, []string{"lead", "member"})
		}
		if s.Status != "" {
			v.enum(cs.Path, s.Fields, "status", s.Status, []string{"resolved", "pending", "litigated", "opted-out"})
		}
		lead := v.idx.Cases[s.ID]
		switch {
		case lead == nil:
			v.unknownRef(s.Fields["id"], "series: lead case", s.ID, v.caseIDs())
			continue
		case s.Role == "lead" && lead != cs:
			v.d.Add(s.Fields["id"], "series: the lead case's series id must be its own id %q", cs.ID)
			continue
		case s.Role == "member" && (lead.Series == nil || lead.Series.Role != "lead"):
			v.d.Add(s.Fields["id"], "series: %s is not marked as the lead case (series.role: lead)", s.ID)
			continue
		}
		if lead != cs {
			v.linksInternal(s.Fields["id"], cs.Visibility, "case", s.ID, lead.Visibility)
		}
		if s.Role == "lead" {
			v.idx.Series[s.ID] = append([]*Case{cs}, v.idx.Series[s.ID]...)
		} else {
			v.idx.Series[s.ID] = append(v.idx.Series[s.ID], cs)
		}
	}
	for id, list := range v.idx.Series {
		lead := list[0]
		if lead.Series.Size != 0 && lead.Series.Size != len(list) {
			v.d.Add(lead.Series.Fields["size"], "series %s: size is %d but %d cases carry this series id", id, lead.Series.Size, len(list))
		}
	}
}

func (v *validator) analysis(a *Analysis) {
	f, p := a.Fields, a.Path
	if a.ID != "" && !analysisIDRE.MatchString(a.ID) {
		v.d.Add(f["id"], "id %q: use the form ZK-FX-01", a.ID)
	}
	if a.Domain != "" {
		v.enum(p, f, "domain", a.Domain, v.c.Vocab.Domains)
	}
	if a.Region != "" {
		v.enum(p, f, "region", a.Region, v.c.Vocab.Regions)
	}
	if len(a.Keywords) > 7 {
		v.d.Add(f["keywords"], "keywords: %d given, at most 7", len(a.Keywords))
	}
	if a.Risk.Level != "" {
		v.enum(p, a.Risk.Fields, "level", a.Risk.Level, []string{"高", "中", "低"})
	}
	v.visibility(p, f, a.Visibility)
	for i, id := range a.UsedIn {
		pos := f[fmt.Sprintf("used_in.%d", i)]
		if v.idx.Cases[id] == nil {
			v.unknownRef(pos, "used_in: case or series", id, v.caseIDs())
			continue
		}
		v.linksInternal(pos, a.Visibility, "case", id, v.idx.Cases[id].Visibility)
		v.idx.CitedBy[id] = appendUnique(v.idx.CitedBy[id], a.ID)
	}
	for _, pr := range a.Precedents {
		if strings.HasPrefix(pr.Case, "ZK-") {
			if v.idx.Cases[pr.Case] == nil {
				v.unknownRef(pr.Fields["case"], "precedent case", pr.Case, v.caseIDs())
			} else {
				v.linksInternal(pr.Fields["case"], a.Visibility, "case", pr.Case, v.idx.Cases[pr.Case].Visibility)
				v.idx.CitedBy[pr.Case] = appendUnique(v.idx.CitedBy[pr.Case], a.ID)
			}
		} else if caseNoStartRE.MatchString(pr.Case) {
			if err := CheckCaseNo(pr.Case); err != nil {
				v.d.Add(pr.Fields["case"], "precedent: %v", err)
			}
		}
	}
	v.legalBasis(p, a.Visibility, f, a.LegalBasis)
	v.bodyLinks(a.Source, a.Visibility)
}

func (v *validator) document(d *Document) {
	f := d.Fields
	declared := map[string]bool{}
	for _, b := range BuiltinPlaceholders {
		declared[b] = true
	}
	for _, fl := range d.FieldList {
		if declared[fl.Name] && !contains(BuiltinPlaceholders, fl.Name) {
			v.d.Add(fl.Fields["name"], "field %q is declared twice", fl.Name)
		}
		declared[fl.Name] = true
		if fl.Type != "" {
			v.enum(d.Path, fl.Fields, "type", fl.Type, []string{"text", "textarea", "date", "number", "select"})
		}
		if fl.Type == "select" && len(fl.Options) == 0 {
			v.d.Add(fl.Pos, "field %q of type select needs options", fl.Name)
		}
		if fl.Type == "date" && fl.Example != "" {
			if _, err := parseISODate(fl.Example); err != nil {
				v.d.Add(fl.Fields["example"], "field %q: example %q is not a date YYYY-MM-DD", fl.Name, fl.Example)
			}
		}
	}
	if d.Format != "" {
		v.enum(d.Path, f, "format", d.Format, []string{"letter", "document"})
	}
	v.visibility(d.Path, f, d.Visibility)
	used := map[string]bool{}
	for _, part := range []struct {
		key  string
		text string
	}{{"code", d.Code}, {"body", d.Body}} {
		seen := map[string]int{}
		for _, loc := range placeholderRE.FindAllStringSubmatchIndex(part.text, -1) {
			name := part.text[loc[2]:loc[3]]
			used[name] = true
			seen[name]++
			if !declared[name] {
				pos := placeholderPos(d, part.key, name, seen[name])
				v.d.Add(pos, "placeholder {{%s}} is not a declared field", name)
			}
		}
	}
	for _, fl := range d.FieldList {
		if fl.Required && !used[fl.Name] {
			v.d.Add(fl.Pos, "required field %q is never used in the body or code", fl.Name)
		}
	}
	if d.Code != "" {
		checkDocNumber(v.d, f["code"], d.Code)
	}
	if d.Step != "" {
		found := false
		for _, fl := range v.c.Flows {
			for _, n := range fl.Nodes {
				if n.ID == d.Step {
					found = true
				}
			}
		}
		if !found {
			v.d.Add(f["step"], "step %q is not a node of any flowchart", d.Step)
		}
	}
}

// placeholderPos finds the nth {{name}} of a field in the source lines, so
// the position is right whatever the YAML style (plain, quoted, | or >).
func placeholderPos(d *Document, key, name string, nth int) diag.Pos {
	start := d.Fields[key]
	re := regexp.MustCompile(`\{\{\s*` + regexp.QuoteMeta(name) + `\s*\}\}`)
	for i := max(start.Line-1, 0); i < len(d.Lines); i++ {
		line := d.Lines[i]
		from := 0
		if i == start.Line-1 {
			// Skip the key on the field's first line.
			from = len(string([]rune(line)[:min(max(start.Col-1, 0), len([]rune(line)))]))
		}
		for _, loc := range re.FindAllStringIndex(line[from:], -1) {
			if nth--; nth == 0 {
				return diag.Pos{File: d.Path, Line: i + 1, Col: len([]rune(line[:from+loc[0]])) + 1}
			}
		}
	}
	return start
}

func (v *validator) flow(fl *Flow) {
	v.visibility(fl.Path, fl.Fields, fl.Visibility)
	nodes := map[string]*FlowNode{}
	for i := range fl.Nodes {
		n := &fl.Nodes[i]
		if _, dup := nodes[n.ID]; dup {
			v.d.Add(n.Fields["id"], "duplicate node id %q", n.ID)
			continue
		}
		nodes[n.ID] = n
		if n.Kind != "" {
			v.enum(fl.Path, n.Fields, "kind", n.Kind, []string{"start", "step", "decision", "end"})
		}
		if n.Rule != "" {
			if r := v.ruleRef(n.Fields["rule"], n.Rule); r != nil {
				v.linksInternal(n.Fields["rule"], fl.Visibility, "rule", r.Slug, r.Visibility)
			}
		}
		if n.Document != "" {
			if d := v.idx.Documents[n.Document]; d == nil {
				v.unknownRef(n.Fields["document"], "document template", n.Document, v.documentNames())
			} else {
				v.linksInternal(n.Fields["document"], fl.Visibility, "document template", n.Document, d.Visibility)
			}
		}
	}
	out := map[string][]string{}
	in := map[string][]string{}
	for _, e := range fl.Edges {
		if e.From == "" || e.To == "" {
			continue // reported as missing by the decoder
		}
		ok := true
		for _, end := range []struct{ key, id string }{{"from", e.From}, {"to", e.To}} {
			if nodes[end.id] == nil {
				var ids []string
				for id := range nodes {
					ids = append(ids, id)
				}
				sort.Strings(ids)
				v.unknownRef(e.Fields[end.key], "node", end.id, ids)
				ok = false
			}
		}
		if ok {
			out[e.From] = append(out[e.From], e.To)
			in[e.To] = append(in[e.To], e.From)
		}
	}
	var starts, ends []string
	for _, n := range fl.Nodes {
		switch n.Kind {
		case "start":
			starts = append(starts, n.ID)
		case "end":
			ends = append(ends, n.ID)
		}
	}
	if len(starts) == 0 {
		v.d.Add(fl.Fields["nodes"], "flowchart has no start node (kind: start)")
	}
	if len(ends) == 0 {
		v.d.Add(fl.Fields["nodes"], "flowchart has no end node (kind: end)")
	}
	fromStart := reach(starts, out)
	toEnd := reach(ends, in)
	for i := range fl.Nodes {
		n := &fl.Nodes[i]
		if len(starts) > 0 && !fromStart[n.ID] {
			v.d.Add(n.Pos, "node %q cannot be reached from a start node", n.ID)
		}
		if len(ends) > 0 && !toEnd[n.ID] {
			v.d.Add(n.Pos, "node %q cannot reach an end node", n.ID)
		}
	}
}

func reach(from []string, adj map[string][]string) map[string]bool {
	seen := map[string]bool{}
	stack := append([]string(nil), from...)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[n] {
			continue
		}
		seen[n] = true
		stack = append(stack, adj[n]...)
	}
	return seen
}

// ruleRef checks a reference like 工作规则#art-12 and returns its rule.
func (v *validator) ruleRef(pos diag.Pos, ref string) *Rule {
	m := ruleRefRE.FindStringSubmatch(ref)
	if m == nil {
		v.d.Add(pos, "rule reference %q: write the rule's short title or slug and the article, e.g. 工作规则#art-12", ref)
		return nil
	}
	r := v.idx.Rules[m[1]]
	if r == nil {
		var names []string
		for n := range v.idx.Rules {
			names = append(names, n)
		}
		sort.Strings(names)
		v.unknownRef(pos, "rule", m[1], names)
		return nil
	}
	n, _ := strconv.Atoi(m[2])
	if r.Doc != nil && r.Doc.Article(n) == nil {
		name := r.ShortTitle
		if name == "" {
			name = r.Title
		}
		v.d.Add(pos, "《%s》 has no 第%s条", name, numeral.Format(n))
	}
	return r
}

// ResolveRuleRef returns the rule and article anchor of a reference like
// 工作规则#art-12, or nil.
func (idx *Index) ResolveRuleRef(ref string) (*Rule, string) {
	m := ruleRefRE.FindStringSubmatch(ref)
	if m == nil {
		return nil, ""
	}
	return idx.Rules[m[1]], "art-" + m[2]
}

func (v *validator) data(dt *Data) {
	v.visibility(dt.Path, dt.Fields, dt.Visibility)
	if dt.Kind != "" {
		v.enum(dt.Path, dt.Fields, "kind", dt.Kind, []string{"litigation", "work"})
	}
	checkMonths := func(months []MonthFigures) {
		seen := map[string]bool{}
		for _, m := range months {
			key := m.Month.String()
			if seen[key] {
				v.d.Add(m.Fields["month"], "month %s is listed twice", key)
			}
			seen[key] = true
			if len(m.Invalid) > 0 {
				continue // a figure failed to decode: its consistency cannot be judged
			}
			for _, c := range []struct {
				k string
				n int
			}{{"filed", m.Filed}, {"decided", m.Decided}, {"lost", m.Lost}, {"hearings", m.Hearings}, {"heads_appeared", m.HeadsAppeared}} {
				if c.n < 0 {
					v.d.Add(m.Fields[c.k], "%s cannot be negative", c.k)
				}
			}
			if m.Lost > m.Decided {
				v.d.Add(m.Fields["lost"], "lost (%d) exceeds decided (%d)", m.Lost, m.Decided)
			}
			if m.HeadsAppeared > m.Hearings {
				v.d.Add(m.Fields["heads_appeared"], "heads_appeared (%d) exceeds hearings (%d)", m.HeadsAppeared, m.Hearings)
			}
			if m.LossRate != nil {
				if m.Decided == 0 {
					v.d.Add(m.Fields["loss_rate"], "loss_rate given but decided is 0")
				} else if want := float64(m.Lost) / float64(m.Decided) * 100; abs(want-*m.LossRate) > 0.01 {
					v.d.Add(m.Fields["loss_rate"], "loss_rate %.2f disagrees with its counts: %d lost of %d decided is %.2f", *m.LossRate, m.Lost, m.Decided, want)
				}
			}
		}
	}
	for _, r := range dt.Regions {
		if r.Region != "" {
			v.enum(dt.Path, r.Fields, "region", r.Region, v.c.Vocab.Regions)
		}
		checkMonths(r.Months)
	}
	for _, a := range dt.Agencies {
		if a.Region != "" {
			v.enum(dt.Path, a.Fields, "region", a.Region, v.c.Vocab.Regions)
		}
		if a.AgencyType != "" && len(v.c.Vocab.AgencyTypes) > 0 {
			v.enum(dt.Path, a.Fields, "agency_type", a.AgencyType, v.c.Vocab.AgencyTypes)
		}
		checkMonths(a.Months)
	}
	for _, b := range dt.Bulletins {
		if b.Type != "" {
			v.enum(dt.Path, b.Fields, "type", b.Type, []string{"月度通报", "季度通报"})
		}
	}
	if s := dt.Supervision; s != nil {
		for i, r := range s.Regions {
			if !contains(v.c.Vocab.Regions, r) {
				v.unknown(s.Fields[fmt.Sprintf("regions.%d", i)], "supervision.regions", r, v.c.Vocab.Regions)
			}
		}
	}
	if ds := dt.Disputes; ds != nil && ds.Resolved+ds.Preliminary > ds.Received {
		v.d.Add(dt.Fields["disputes"], "disputes: resolved (%d) plus preliminary (%d) exceed received (%d)", ds.Resolved, ds.Preliminary, ds.Received)
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

var siteLinkRE = regexp.MustCompile(`\]\(/(cases|analyses|rules|documents|flow)/([^/)#\s]+)/?`)

// bodyLinks reports site-absolute Markdown links from a public item to an
// internal one (or to an item that does not exist).
func (v *validator) bodyLinks(src Source, vis string) {
	if IsInternal(vis) || !v.public() {
		return
	}
	for _, loc := range siteLinkRE.FindAllStringSubmatchIndex(src.Body, -1) {
		section, name := src.Body[loc[2]:loc[3]], src.Body[loc[4]:loc[5]]
		before := src.Body[:loc[0]+2]
		pos := diag.Pos{File: src.Path, Line: src.BodyLine + strings.Count(before, "\n"), Col: len([]rune(before[strings.LastIndex(before, "\n")+1:])) + 1}
		toVis, found := "", true
		switch section {
		case "cases":
			if c := v.idx.Cases[name]; c != nil {
				toVis = c.Visibility
			} else {
				found = false
			}
		case "analyses":
			if a := v.idx.Analyses[name]; a != nil {
				toVis = a.Visibility
			} else {
				found = false
			}
		case "rules":
			if r := v.idx.Rules[name]; r != nil {
				toVis = r.Visibility
			} else {
				found = false
			}
		case "documents":
			if d := v.idx.Documents[name]; d != nil {
				toVis = d.Visibility
			} else {
				found = false
			}
		case "flow":
			if f := v.idx.Flows[name]; f != nil {
				toVis = f.Visibility
			} else {
				found = false
			}
		}
		if !found {
			v.d.Add(pos, "link to /%s/%s/: no such page", section, name)
			continue
		}
		what := map[string]string{"cases": "case", "analyses": "analysis", "rules": "rule", "documents": "document template", "flow": "flowchart"}[section]
		v.linksInternal(pos, vis, what, name, toVis)
	}
}
