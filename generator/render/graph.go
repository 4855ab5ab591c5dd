package render

import (
	"html/template"
	"strings"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/graph"
	"huajie/generator/library"
	"huajie/generator/markdown"
)

// markdownFor renders an item's body with its legal citations linked to
// the articles they cite.
func (r *Renderer) markdownFor(key string, src content.Source) (template.HTML, []markdown.Heading) {
	out, heads, err := r.md.RenderLinks([]byte(src.Body), r.g.Spans(key))
	if err != nil {
		r.diags.Add(diag.Pos{File: src.Path, Line: src.BodyLine}, "markdown: %v", err)
	}
	return template.HTML(out), heads
}

// basisHTML renders an item's legal_basis entries: each links to the
// article cited, with the law's version when a mounted law has several;
// an entry citing a law that is not mounted is shown as a plain citation.
func (r *Renderer) basisHTML(key string, list []string) []template.HTML {
	res := r.g.Basis(key)
	out := make([]template.HTML, 0, len(list))
	for i, s := range list {
		var rv graph.Resolved
		if i < len(res) {
			rv = res[i]
		}
		esc := template.HTMLEscapeString(s)
		if rv.Href == "" {
			out = append(out, template.HTML(`<cite class="citation">`+esc+`</cite>`))
			continue
		}
		h := `<cite class="citation"><a href="` + template.HTMLEscapeString(r.RelURL(rv.Href)) + `">` + esc + `</a>`
		if v := rv.Target.Version; v != "" && len(r.g.VersionsOf(rv.Target)) > 1 {
			h += `<span class="version">（` + template.HTMLEscapeString(v) + ` 版）</span>`
		}
		out = append(out, template.HTML(h+`</cite>`))
	}
	return out
}

// linkText renders plain text (a rule's or a law's paragraph) with its
// citations linked; self is the instrument the text belongs to.
func (r *Renderer) linkText(text string, self *graph.Target) template.HTML {
	return r.linkSpans(text, self, "")
}

// linkTextAt links the citations of text to the law versions in force on
// date (a precedent's 相关法条, resolved as of its judgment).
func (r *Renderer) linkTextAt(text, date string) template.HTML {
	return r.linkSpans(text, nil, date)
}

func (r *Renderer) linkSpans(text string, self *graph.Target, date string) template.HTML {
	spans := r.g.LinkText(text, self, date)
	if len(spans) == 0 {
		return template.HTML(template.HTMLEscapeString(text))
	}
	var b strings.Builder
	pos := 0
	for _, s := range spans {
		if s.Start < pos {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[pos:s.Start]))
		href := s.Href
		if strings.HasPrefix(href, "#") || (self != nil && strings.HasPrefix(href, self.URL+"#")) {
			href = href[strings.IndexByte(href, '#'):] // same page
		} else {
			href = r.RelURL(href)
		}
		b.WriteString(`<a class="citation" href="` + template.HTMLEscapeString(href) + `">`)
		b.WriteString(template.HTMLEscapeString(text[s.Start:s.End]))
		b.WriteString(`</a>`)
		pos = s.End
	}
	b.WriteString(template.HTMLEscapeString(text[pos:]))
	return template.HTML(b.String())
}

// citedBy lists the items citing the article of t with anchor ("": the whole instrument).
func (r *Renderer) citedBy(t *graph.Target, anchor string) []Link {
	if t == nil {
		return nil
	}
	items := r.g.CitedBy(t, anchor)
	links := make([]Link, 0, len(items))
	for _, it := range items {
		links = append(links, Link{Label: it.Title, URL: r.RelURL(it.URL), Note: it.Kind})
	}
	return links
}

// ruleTarget is the graph target of a rule.
func (r *Renderer) ruleTarget(rule *content.Rule) *graph.Target {
	return r.targets["rule:"+rule.Slug]
}

func (r *Renderer) indexTargets() {
	r.precedents = map[string]*library.Precedent{}
	for _, p := range r.c.Precedents {
		r.precedents[p.ID] = p
	}
	r.targets = map[string]*graph.Target{}
	for _, t := range r.g.Targets() {
		r.targets[t.Key] = t
	}
}

// similarLinks lists the items most similar to an item (类案), in the
// SPC's retrieval order, each with why it was chosen.
func (r *Renderer) similarLinks(key string) []Link {
	var out []Link
	for _, n := range r.similar[key] {
		kind, id, _ := strings.Cut(n.ID, ":")
		var l Link
		switch kind {
		case "precedent":
			p := r.precedents[id]
			if p == nil {
				continue
			}
			l = Link{Label: graph.PrecedentTitle(p), URL: r.RelURL("precedents/" + id + "/"), Note: p.Authority}
		default:
			var ok bool
			if l, ok = r.caseLink(id); !ok {
				continue
			}
		}
		if len(n.Reasons) > 0 {
			l.Note += "；" + strings.Join(n.Reasons, "；")
		}
		l.Note = strings.TrimPrefix(l.Note, "；")
		out = append(out, l)
	}
	return out
}

// graphDeps adds to a page's dependencies what the graph shows on it: its
// similar items and, when libraries are mounted, the libraries.
func (r *Renderer) graphDeps(key string, deps []string) []string {
	extra := r.similarDeps(key)
	if len(r.c.Laws) > 0 || len(r.c.Precedents) > 0 {
		extra = append(extra, content.LibrariesKey)
	}
	if len(extra) == 0 {
		return deps
	}
	out := make([]string, 0, len(deps)+len(extra))
	return append(append(out, deps...), extra...)
}

// graphSig hashes what the graph computed for an item's page: where its
// citations link, its similar items, and who names it.
func (r *Renderer) graphSig(key string) uint64 {
	s := newSig()
	for _, sp := range r.g.Spans(key) {
		s.num(sp.Start).str(sp.Href)
	}
	for _, b := range r.g.Basis(key) {
		s.str(b.Href)
	}
	for _, n := range r.similar[key] {
		s.str(n.ID).str(strings.Join(n.Reasons, "；"))
	}
	for _, it := range r.g.CitedByItem(key) {
		s.str(it.Key).str(it.Title)
	}
	return s.sum()
}

// ruleSig hashes what a rule page shows besides the rule: the targets its
// citations resolve against and the items citing each of its articles.
func (r *Renderer) ruleSig(rule *content.Rule) uint64 {
	s := newSig().num(int(r.g.TargetsSig()))
	t := r.ruleTarget(rule)
	if t == nil || rule.Doc == nil {
		return s.sum()
	}
	for _, a := range rule.Doc.Articles {
		for _, it := range r.g.CitedBy(t, a.Anchor) {
			s.str(a.Anchor).str(it.Key).str(it.Title)
		}
	}
	return s.sum()
}
