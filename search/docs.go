package search

import (
	"context"
	"strings"
	"time"

	"huajie/generator/content"
	"huajie/generator/graph"
	"huajie/generator/library"
	"huajie/generator/statute"
	"huajie/search/schema"
)

// DocsOptions say which items become documents. The zero value follows the
// site: an internal site (site.yaml visibility: internal, or a build with
// --visibility internal) indexes everything, a public one skips internal
// items.
type DocsOptions struct {
	// Public skips internal items even on an internal site.
	Public bool
}

// Docs turns loaded, validated content into search documents: one per case,
// analysis, page, flowchart and document template, one per rule (its title,
// summary and preamble) and one per rule article, whose URL opens the rule
// at the article (rules/work-rules/#art-24). It reads the content model
// only, never rendered HTML.
func Docs(ctx context.Context, c *content.Content, opts DocsOptions) ([]schema.Doc, error) {
	internal := content.IsInternal(c.Site.Visibility) && !opts.Public
	skip := func(v string) bool { return content.IsInternal(v) && !internal }
	var docs []schema.Doc
	for _, cs := range c.Cases {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !skip(cs.Visibility) {
			docs = append(docs, caseDoc(cs))
		}
	}
	for _, a := range c.Analyses {
		if !skip(a.Visibility) {
			docs = append(docs, analysisDoc(a))
		}
	}
	for _, r := range c.Rules {
		if !skip(r.Visibility) {
			docs = append(docs, ruleDocs(r)...)
		}
	}
	for _, p := range c.Pages {
		if !skip(p.Visibility) {
			docs = append(docs, schema.Doc{ID: "pages/" + p.URL, URL: p.URL, Kind: schema.KindPage,
				Title: p.Title, Summary: p.Summary, Body: PlainText(p.Body)})
		}
	}
	for _, f := range c.Flows {
		if !skip(f.Visibility) {
			docs = append(docs, flowDoc(f))
		}
	}
	for _, d := range c.Documents {
		if !skip(d.Visibility) {
			docs = append(docs, templateDoc(d))
		}
	}
	docs = append(docs, libraryDocs(c)...)
	return docs, nil
}

// libraryDocs gives the mounted libraries' documents: one per article of
// the newest version of each law (an older version is reached from the
// law's page) and one per precedent.
func libraryDocs(c *content.Content) []schema.Doc {
	var docs []schema.Doc
	newest := map[string]bool{}
	for _, t := range graph.LawTargets(c.Laws) {
		key, _, _ := strings.Cut(t.Key, "@")
		if newest[key] {
			continue
		}
		newest[key] = true
		docs = append(docs, lawArticleDocs(t)...)
	}
	for _, p := range c.Precedents {
		docs = append(docs, libraryPrecedentDoc(p))
	}
	return docs
}

func lawArticleDocs(t *graph.Target) []schema.Doc {
	l := t.Law
	base := schema.Doc{Kind: schema.KindLaw, Authority: lawLevel(l)}
	if l.Version != "" {
		if d, err := time.Parse("2006-01-02", l.Version); err == nil {
			base.Date, base.Year = d, d.Year()
		}
	}
	if l.Doc == nil || len(l.Doc.Articles) == 0 {
		d := base
		d.ID, d.URL, d.Title = t.URL, t.URL, l.Title
		if l.Doc != nil {
			d.Body = joinLines(l.Doc.Preamble)
		}
		return []schema.Doc{d}
	}
	docs := make([]schema.Doc, 0, len(l.Doc.Articles))
	for _, a := range l.Doc.Articles {
		d := base
		d.ID = t.URL + "#" + a.Anchor
		d.URL = t.URL + "#" + a.Anchor
		d.Title = graph.Quote(t.Name()) + a.Label
		d.Keywords = l.Title
		d.Body = ArticleText(a)
		docs = append(docs, d)
	}
	return docs
}

// lawLevel is a law's level (效力级别) for the authority facet, from the
// folder it was mounted from or, without one, from its title.
func lawLevel(l *library.Law) string {
	switch l.Category {
	case "行政法规", "司法解释", "部门规章", "地方性法规":
		return l.Category
	case "":
	default:
		return "法律"
	}
	switch {
	case strings.HasPrefix(l.Title, "最高人民法院") || strings.HasPrefix(l.Title, "最高人民检察院"):
		return "司法解释"
	case strings.HasSuffix(l.Title, "条例") || strings.HasSuffix(l.Title, "实施条例"):
		return "行政法规"
	}
	return "法律"
}

func libraryPrecedentDoc(p *library.Precedent) schema.Doc {
	var body []string
	body = append(body, p.Articles...)
	for _, s := range p.Sections {
		body = append(body, PlainText(s.Body))
	}
	d := schema.Doc{
		ID: "precedents/" + p.ID, URL: "precedents/" + p.ID + "/", Kind: schema.KindPrecedent,
		Authority: p.Authority, Title: graph.PrecedentTitle(p), Keywords: join(append([]string{p.Number, p.CaseNo, p.Court}, p.Keywords...)),
		Summary: p.Points, Body: joinLines(body),
	}
	if t, err := time.Parse("2006-01-02", p.Date); err == nil {
		d.Date, d.Year = t, t.Year()
	}
	return d
}

func caseDoc(c *content.Case) schema.Doc {
	kw := append([]string{c.ID, c.CourtCaseNo, c.Domain, c.ActType}, c.Keywords...)
	body := []string{PlainText(c.Body), c.Agency, strings.Join(c.LegalBasis, "；"), c.Rectification,
		strings.Join(c.Participants, "；"), strings.Join(c.Accountability, "；")}
	if c.Series != nil {
		body = append(body, c.Series.Standard, c.Series.Note)
	}
	for _, p := range c.Parties {
		body = append(body, p.Role+"："+p.Display)
	}
	return schema.Doc{
		ID: c.ID, URL: "cases/" + c.ID + "/", Kind: c.Kind,
		Title: c.Title, Keywords: join(kw), Summary: c.Summary, Body: joinLines(body),
		Domain: c.Domain, Region: c.Region, Stage: c.Stage, Outcome: c.Outcome, AgencyType: c.AgencyType,
		Year: c.Year(), Date: c.Date().Time,
	}
}

func analysisDoc(a *content.Analysis) schema.Doc {
	body := []string{PlainText(a.Body), strings.Join(a.Issues, "\n"), a.Risk.Reason, a.Cost, a.Recommendation,
		strings.Join(a.LegalBasis, "；")}
	for _, p := range a.Precedents {
		body = append(body, join([]string{p.Case, p.Court, p.Result, p.Point}))
	}
	return schema.Doc{
		ID: a.ID, URL: "analyses/" + a.ID + "/", Kind: schema.KindAnalysis,
		Title: a.Title, Keywords: join(append([]string{a.ID, a.Domain}, a.Keywords...)), Summary: a.Summary,
		Body: joinLines(body), Domain: a.Domain, Region: a.Region, Year: a.Date.Year(), Date: a.Date.Time,
	}
}

// ruleDocs gives the rule itself and each of its articles. Articles have no
// summary: their text is the body, and the snippet comes from it.
func ruleDocs(r *content.Rule) []schema.Doc {
	date := r.Effective
	if date.IsZero() {
		date = r.Adopted
	}
	name := r.ShortTitle
	if name == "" {
		name = r.Title
	}
	year := 0
	if !date.IsZero() {
		year = date.Year()
	}
	url := "rules/" + r.Slug + "/"
	base := schema.Doc{Kind: schema.KindRule, Authority: "规范性文件", Year: year, Date: date.Time}
	var revisions []string
	for _, rev := range r.Revisions {
		revisions = append(revisions, rev.Note)
	}
	doc := base
	doc.ID, doc.URL, doc.Title, doc.Summary = "rules/"+r.Slug, url, r.Title, r.Summary
	doc.Keywords = join(append([]string{r.ShortTitle, r.DocNumber}, r.Issuer...))
	if r.Doc != nil {
		doc.Body = joinLines(append(r.Doc.Preamble, revisions...))
	}
	docs := []schema.Doc{doc}
	if r.Doc == nil {
		return docs
	}
	divisions := map[*statute.Article]string{}
	for _, d := range r.Doc.Divisions {
		for _, a := range d.Articles {
			divisions[a] = d.Title()
		}
		for _, s := range d.Children {
			for _, a := range s.Articles {
				divisions[a] = d.Title() + "；" + s.Title()
			}
		}
	}
	for _, a := range r.Doc.Articles {
		art := base
		art.ID = "rules/" + r.Slug + "#" + a.Anchor
		art.URL = url + "#" + a.Anchor
		art.Title = "《" + name + "》" + a.Label
		art.Keywords = join([]string{r.Title, divisions[a]})
		art.Body = ArticleText(a)
		docs = append(docs, art)
	}
	return docs
}

// ArticleText is the text of an article: its paragraphs, each item on a line
// of its own after its label.
func ArticleText(a *statute.Article) string {
	var lines []string
	for _, p := range a.Paras {
		if p.Text != "" {
			lines = append(lines, p.Text)
		}
		for _, it := range p.Items {
			lines = append(lines, it.Label+it.Text)
		}
	}
	return strings.Join(lines, "\n")
}

func flowDoc(f *content.Flow) schema.Doc {
	var body []string
	for _, n := range f.Nodes {
		body = append(body, n.Label+"："+n.Note)
	}
	for _, e := range f.Edges {
		if e.Label != "" {
			body = append(body, e.Label)
		}
	}
	return schema.Doc{ID: "flow/" + f.Slug, URL: "flow/" + f.Slug + "/", Kind: schema.KindPage,
		Title: f.Title, Summary: f.Summary, Body: joinLines(body)}
}

// templateDoc indexes a document template by its text and its fields' names
// and hints; the examples are sample filled-in text and would make every
// template match every case query.
func templateDoc(d *content.Document) schema.Doc {
	body := []string{d.Body}
	for _, f := range d.FieldList {
		body = append(body, join([]string{f.Name, f.Hint}))
	}
	return schema.Doc{ID: "documents/" + d.Slug, URL: "documents/" + d.Slug + "/", Kind: schema.KindTemplate,
		Title: d.Title, Keywords: join([]string{d.ShortTitle, d.Code, d.Issuer}), Summary: d.Summary,
		Body: joinLines(body)}
}

// join joins the non-empty values with "；", the separator of Keywords.
func join(values []string) string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return strings.Join(out, "；")
}

func joinLines(values []string) string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return strings.Join(out, "\n")
}

// PlainText removes Markdown syntax from body, keeping its words and line
// structure: link text without the target, headings without "#", lists
// without markers, no emphasis, code fences, rules or HTML tags.
func PlainText(body string) string {
	var b strings.Builder
	b.Grow(len(body))
	for line := range strings.Lines(body) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "```") || isRule(line) {
			continue
		}
		line = trimBlockMarkers(line)
		start := b.Len()
		writeInline(&b, line)
		if b.Len() > start {
			b.WriteByte('\n')
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// isRule reports whether line is a thematic break (---, ***, ___) or the
// separator row of a table (|---|:--:|).
func isRule(line string) bool {
	if line == "" {
		return false
	}
	marks := 0
	for _, r := range line {
		switch r {
		case '-', '*', '_':
			marks++
		case ' ', '\t', '|', ':':
		default:
			return false
		}
	}
	return marks >= 3
}

// trimBlockMarkers removes heading, quote and list markers.
func trimBlockMarkers(line string) string {
	for {
		rest := line
		switch {
		case strings.HasPrefix(line, "#"):
			rest = strings.TrimLeft(line, "#")
			if rest != "" && rest[0] != ' ' {
				return line
			}
		case strings.HasPrefix(line, ">"):
			rest = line[1:]
		case len(line) > 1 && strings.ContainsRune("-*+", rune(line[0])) && line[1] == ' ':
			rest = line[2:]
		default:
			i := 0
			for i < len(line) && line[i] >= '0' && line[i] <= '9' {
				i++
			}
			if i == 0 || i+1 >= len(line) || (line[i] != '.' && line[i] != ')') || line[i+1] != ' ' {
				return line
			}
			rest = line[i+2:]
		}
		line = strings.TrimSpace(rest)
	}
}

// writeInline writes line without links' targets, emphasis, code marks,
// HTML tags and table pipes.
func writeInline(b *strings.Builder, line string) {
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == '!' && i+1 < len(line) && line[i+1] == '[':
			i++
			continue
		case c == '[':
			if end := strings.IndexByte(line[i:], ']'); end > 0 && strings.HasPrefix(line[i+end:], "](") {
				if close := strings.IndexByte(line[i+end:], ')'); close > 0 {
					writeInline(b, line[i+1:i+end])
					i += end + close + 1
					continue
				}
			}
		case c == '*' || c == '_' || c == '~':
			if i+1 < len(line) && line[i+1] == c {
				i += 2
				continue
			}
		case c == '`':
			i++
			continue
		case c == '<':
			if i+1 < len(line) && (isLetter(line[i+1]) || line[i+1] == '/' && i+2 < len(line) && isLetter(line[i+2])) {
				if end := strings.IndexByte(line[i:], '>'); end > 0 {
					i += end + 1
					continue
				}
			}
		case c == '|':
			b.WriteByte(' ')
			i++
			continue
		}
		b.WriteByte(c)
		i++
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
