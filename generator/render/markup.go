package render

import (
	"html/template"
	"strings"
)

// The template functions here write markup that the default layouts would
// otherwise build with a range of template actions. html/template calls
// every action and every escaper it adds through reflection, at about a
// microsecond each: a case page's facts table alone, seventeen rows, cost
// some 190 µs a page, two seconds of CPU at 10,000 cases. Written in Go it
// costs one call. Themes keep the data (Fields, Links, PageLinks) and may
// loop over it themselves.
//
// The output is byte for byte what html/template writes for the same
// markup: text and attribute values are escaped with its replacement
// table, URLs are filtered and normalised as in an href (TestMarkupEscaping).

// markup builds HTML.
type markup struct{ strings.Builder }

func (m *markup) raw(s string) { m.WriteString(s) }

// text writes s escaped as html/template escapes text and quoted attribute
// values.
func (m *markup) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		m.WriteString(s[last:i])
		m.WriteString(repl)
		last = i + 1
	}
	m.WriteString(s[last:])
}

// url writes s as html/template writes it into a quoted href: an unsafe
// scheme becomes #ZgotmplZ, the URL is normalised (bytes outside RFC 3986
// percent-encoded, valid escapes kept) and then escaped as an attribute.
func (m *markup) url(s string) {
	if !safeURL(s) {
		m.WriteString("#ZgotmplZ")
		return
	}
	const hex = "0123456789abcdef"
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		written = i + 1
	}
	if written == 0 {
		m.text(s)
		return
	}
	b.WriteString(s[written:])
	m.text(b.String())
}

func (m *markup) html() template.HTML { return template.HTML(m.String()) }

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// safeURL is html/template's test of a URL's scheme.
func safeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
	}
	return true
}

// link writes <a href="URL">Label</a>.
func (m *markup) link(l Link) {
	m.raw(`<a href="`)
	m.url(l.URL)
	m.raw(`">`)
	m.text(l.Label)
	m.raw(`</a>`)
}

// factsHTML is the template function facts: the rows of a facts list
// (<dl class="facts">), each <div><dt>Label</dt><dd>…</dd></div>. The value
// is the field's HTML, else its links joined by 、, else its value, linked
// to URL when there is one.
func factsHTML(fields []Field) template.HTML {
	var m markup
	m.Grow(len(fields) * 160)
	for _, f := range fields {
		m.raw(`<div><dt>`)
		m.text(f.Label)
		m.raw(`</dt><dd>`)
		switch {
		case f.HTML != "":
			m.raw(string(f.HTML))
		case len(f.Links) > 0:
			for i, l := range f.Links {
				if i > 0 {
					m.raw("、")
				}
				m.link(l)
			}
		case f.URL != "":
			m.link(Link{URL: f.URL, Label: f.Value})
		default:
			m.text(f.Value)
		}
		m.raw(`</dd></div>`)
	}
	return m.html()
}

// linkItemsHTML is the template function linkItems: one
// <li><a href="URL">Label</a> <span class="muted">Note</span></li> per link,
// for the lists of related, similar and citing items.
func linkItemsHTML(links []Link) template.HTML { return listItems(links, true) }

// listItems writes one <li> with a link per link, followed by its note
// when withNote is set.
func listItems(links []Link, withNote bool) template.HTML {
	var m markup
	m.Grow(len(links) * 160)
	for _, l := range links {
		m.raw(`<li>`)
		m.link(l)
		if withNote {
			m.raw(` <span class="muted">`)
			m.text(l.Note)
			m.raw(`</span>`)
		}
		m.raw(`</li>`)
	}
	return m.html()
}

// pageLinksHTML is the template function pageLinks: the numbered links of
// a list's pagination, the current page as <span aria-current="page"> and
// a gap (a link without URL) as an ellipsis.
func pageLinksHTML(lv *ListView) template.HTML {
	var m markup
	for _, l := range lv.PageLinks {
		switch {
		case l.URL == "":
			m.raw(`<span class="gap" aria-hidden="true">…</span>`)
		case l.Count == lv.Page:
			m.raw(`<span aria-current="page">`)
			m.text(l.Label)
			m.raw(`</span>`)
		default:
			m.link(l)
		}
	}
	return m.html()
}

// crumbItemsHTML is the template function crumbItems: one
// <li><a href="URL">Label</a></li> per link of a breadcrumb trail.
func crumbItemsHTML(links []Link) template.HTML { return listItems(links, false) }

// headMetaHTML is the template function headMeta: the meta tags of a page's
// head (description, canonical link, the site's own tags, the government
// site tags ColumnName, ArticleTitle, PubDate, ContentSource and Keywords,
// and Open Graph), one per line, as meta.html wrote them with some twenty
// template actions. The JSON-LD script stays in meta.html.
func headMetaHTML(pv *PageView) template.HTML {
	var m markup
	m.Grow(2048)
	desc := pv.Description
	if desc == "" {
		desc = pv.Site.Description
	}
	m.meta("name", "description", desc)
	m.raw("\n")
	if pv.Kind != "404" {
		m.raw(`<link rel="canonical" href="`)
		m.url(pv.Permalink)
		m.raw(`">`)
	}
	m.raw("\n")
	m.raw(string(pv.Site.MetaHTML))
	m.raw("\n")
	if pv.Section != "" {
		m.meta("name", "ColumnName", pv.Section)
	}
	m.raw("\n")
	// Cases, analyses, rules and pages are the site's articles.
	if k := pv.Kind; k == "case" || k == "analysis" || k == "rule" || k == "page" {
		m.meta("name", "ArticleTitle", pv.Title)
		m.raw("\n")
		if pv.Date != "" {
			m.meta("name", "PubDate", pv.Date+" 00:00")
		}
		m.raw("\n")
		m.meta("name", "ContentSource", pv.Site.Title)
		m.raw("\n")
		if len(pv.Keywords) > 0 {
			m.meta("name", "Keywords", strings.Join(pv.Keywords, ","))
		}
	}
	m.raw("\n")
	if pv.Internal {
		m.meta("name", "robots", "noindex")
	}
	m.raw("\n")
	ogType := "article"
	if pv.Kind == "home" {
		ogType = "website"
	}
	m.meta("property", "og:type", ogType)
	m.raw("\n")
	m.meta("property", "og:title", pv.Title)
	m.raw("\n")
	if pv.Kind != "404" {
		m.meta("property", "og:url", pv.Permalink)
	}
	m.raw("\n")
	m.meta("property", "og:site_name", pv.Site.Title)
	m.raw("\n")
	m.meta("property", "og:locale", "zh_CN")
	m.raw("\n")
	if pv.Description != "" {
		m.meta("property", "og:description", pv.Description)
	}
	return m.html()
}

// meta writes <meta ATTR="NAME" content="VALUE">; attr and name are ours,
// value is escaped.
func (m *markup) meta(attr, name, value string) {
	m.raw(`<meta ` + attr + `="` + name + `" content="`)
	m.text(value)
	m.raw(`">`)
}

// termLink is the template function termLink: a link to a taxonomy term's
// page, labelled as the taxonomy labels its terms (化解案例 for the kind
// mediation), in one template action instead of six.
func (r *Renderer) termLink(tax, term string) template.HTML {
	label := term
	for _, t := range Taxonomies {
		if t.Key == tax {
			label = t.termLabel(term)
		}
	}
	var m markup
	m.link(Link{URL: r.RelURL(termURL(tax, term)), Label: label})
	return m.html()
}
