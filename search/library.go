package search

import (
	"strings"

	"huajie/generator/diag"
	"huajie/generator/statute"
	"huajie/search/schema"
)

// Documents of mounted libraries (site.yaml libraries: laws, precedents).
// The build does not mount libraries yet; the quality tests index the shared
// corpus through these, and the build will when it does.

// LawDocs returns one document per article of a law in the LawRefBook layout
// (# title, history, <!-- INFO END -->, ## chapters, 第X条 paragraphs),
// published at laws/<slug>/ with the article anchors of rule pages.
// authority is its level (法律, 行政法规, 司法解释 …). A text without
// articles gives one document for the whole text.
func LawDocs(slug, text, authority string) []schema.Doc {
	title := ""
	if line, _, _ := strings.Cut(text, "\n"); strings.HasPrefix(line, "# ") {
		title = strings.TrimSpace(line[2:])
	}
	body := text
	if _, after, ok := strings.Cut(text, "<!-- INFO END -->"); ok {
		body = after
	}
	short := strings.TrimPrefix(title, "中华人民共和国")
	var diags diag.List
	doc := statute.Parse(body, slug, 1, &diags)
	url := "laws/" + slug + "/"
	base := schema.Doc{Kind: schema.KindLaw, Authority: authority}
	if len(doc.Articles) == 0 {
		d := base
		d.ID, d.URL, d.Title, d.Body = "laws/"+slug, url, title, PlainText(body)
		return []schema.Doc{d}
	}
	var docs []schema.Doc
	for _, a := range doc.Articles {
		d := base
		d.ID = "laws/" + slug + "#" + a.Anchor
		d.URL = url + "#" + a.Anchor
		d.Title = "《" + short + "》" + a.Label
		d.Keywords = title
		d.Body = ArticleText(a)
		docs = append(docs, d)
	}
	return docs
}

// Precedent is a published case in the sections of a guiding case.
type Precedent struct {
	ID       string // e.g. "guiding-22"
	Title    string
	Keywords string
	Points   string // 裁判要点
	Laws     string // 相关法条
	Facts    string // 基本案情
	Result   string // 裁判结果
	Reasons  string // 裁判理由
	Year     int
}

// PrecedentDoc returns the document of a precedent, published at
// precedents/<id>/.
func PrecedentDoc(p Precedent) schema.Doc {
	return schema.Doc{
		ID: "precedents/" + p.ID, URL: "precedents/" + p.ID + "/", Kind: schema.KindPrecedent,
		Authority: "指导性案例", Title: p.Title, Keywords: p.Keywords, Summary: p.Points,
		Body: joinLines([]string{p.Laws, p.Facts, p.Result, p.Reasons}), Year: p.Year,
	}
}
