// Package statute reads the structure of a Chinese normative text from the
// text itself, as a printed regulation shows it: 编/章 headings (##), 节
// headings (###), paragraphs that begin 第X条 (articles), further paragraphs of
// the same article (款, numbered from 1) and lines that begin （一） (项).
package statute

import (
	"fmt"
	"regexp"
	"strings"

	"huajie/generator/diag"
	"huajie/generator/numeral"
)

// Doc is the structure of one normative text.
type Doc struct {
	Preamble  []string    // paragraphs before the first article or heading
	Divisions []*Division // top-level 编/章; empty when the text has none
	Articles  []*Article  // every article in order
	byNumber  map[int]*Article
}

// Division is a 编, 章 or 节.
type Division struct {
	Kind     string // 编, 章 or 节
	Number   int
	Label    string // 第一章
	Name     string // 总则
	Anchor   string // ch-1, ch-1-sec-2
	Line     int
	Children []*Division
	Articles []*Article
}

// Title is the heading as printed: 第一章　总则.
func (d *Division) Title() string {
	if d.Name == "" {
		return d.Label
	}
	return d.Label + "　" + d.Name
}

// Article is one 条.
type Article struct {
	Number int
	Label  string // 第一条
	Anchor string // art-1
	Paras  []*Para
	Line   int
}

// Para is one 款 of an article.
type Para struct {
	Number int
	Text   string
	Items  []*Item
	Line   int
}

// Item is one 项 of a paragraph.
type Item struct {
	Number int
	Label  string // （一）
	Text   string
	Line   int
}

// Article returns the article numbered n, or nil.
func (d *Doc) Article(n int) *Article { return d.byNumber[n] }

const numChars = `零〇一二两三四五六七八九十百千0-9０-９`

var (
	articleRE  = regexp.MustCompile(`^第([` + numChars + `]+)条(?:[ \t　]+|$)`)
	divisionRE = regexp.MustCompile(`^第([` + numChars + `]+)(编|章|节)(?:[ \t　]+(.*))?$`)
	itemRE     = regexp.MustCompile(`^[（(]([` + numChars + `]+)[）)][ \t　]*`)
)

// Parse reads body (Markdown). file and firstLine (the 1-based line of the
// body's first line in file) position the diagnostics.
func Parse(body, file string, firstLine int, diags *diag.List) *Doc {
	doc := &Doc{byNumber: map[int]*Article{}}
	p := parser{doc: doc, file: file, diags: diags}
	lines := strings.Split(body, "\n")
	var para []string
	paraLine := 0
	flush := func() {
		if len(para) > 0 {
			p.paragraph(para, paraLine)
			para = nil
		}
	}
	for i, raw := range lines {
		line := strings.TrimRight(clean(raw), " \t\r　")
		ln := firstLine + i
		trimmed := strings.TrimLeft(line, " \t　")
		switch {
		case trimmed == "":
			flush()
		case strings.HasPrefix(trimmed, "#"):
			flush()
			p.heading(trimmed, ln)
		default:
			if len(para) == 0 {
				paraLine = ln
			}
			para = append(para, trimmed)
		}
	}
	flush()
	if len(doc.Articles) == 0 {
		diags.Add(diag.Pos{File: file, Line: firstLine, Col: 1}, "no articles found: each article is a paragraph that begins 第一条, 第二条, …")
	}
	return doc
}

// clean removes zero-width characters that scraped texts carry.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u200b', '\u200c', '\u200d', '\ufeff':
			return -1
		}
		return r
	}, s)
}

type parser struct {
	doc     *Doc
	file    string
	diags   *diag.List
	top     *Division // current 编/章
	sub     *Division // current 节
	article *Article
	lastDiv map[string]int
}

func (p *parser) pos(line int) diag.Pos { return diag.Pos{File: p.file, Line: line, Col: 1} }

func (p *parser) heading(s string, line int) {
	level := len(s) - len(strings.TrimLeft(s, "#"))
	text := strings.TrimSpace(strings.Trim(strings.TrimLeft(s, "#"), " \t　"))
	m := divisionRE.FindStringSubmatch(text)
	if m == nil {
		p.diags.Add(p.pos(line), "heading %q is not a division: write 第一章 总则 (or 第一节 …)", text)
		return
	}
	n, err := numeral.Parse(m[1])
	if err != nil {
		p.diags.Add(p.pos(line), "heading %q: %v", text, err)
		return
	}
	div := &Division{Kind: m[2], Number: n, Label: "第" + m[1] + m[2], Name: strings.Join(strings.Fields(strings.ReplaceAll(m[3], "　", " ")), " "), Line: line}
	if p.lastDiv == nil {
		p.lastDiv = map[string]int{}
	}
	if m[2] == "节" {
		if level < 3 && p.top == nil {
			p.diags.Add(p.pos(line), "%s appears outside any chapter", div.Label)
		}
		if p.top == nil {
			p.top = &Division{Kind: "章", Anchor: "ch-0"}
			p.doc.Divisions = append(p.doc.Divisions, p.top)
		}
		p.checkSeq("节", n, len(p.top.Children), line)
		div.Anchor = fmt.Sprintf("%s-sec-%d", p.top.Anchor, n)
		p.top.Children = append(p.top.Children, div)
		p.sub = div
		return
	}
	p.checkSeq(m[2], n, p.lastDiv[m[2]], line)
	p.lastDiv[m[2]] = n
	div.Anchor = fmt.Sprintf("ch-%d", n)
	if m[2] == "编" {
		div.Anchor = fmt.Sprintf("part-%d", n)
	}
	p.doc.Divisions = append(p.doc.Divisions, div)
	p.top, p.sub = div, nil
}

func (p *parser) checkSeq(kind string, n, prev, line int) {
	if n != prev+1 && prev == 0 {
		p.diags.Add(p.pos(line), "第%s%s: the first is 第一%s", numeral.Format(n), kind, kind)
	} else if n != prev+1 {
		p.diags.Add(p.pos(line), "第%s%s follows 第%s%s: expected 第%s%s", numeral.Format(n), kind, numeral.Format(prev), kind, numeral.Format(prev+1), kind)
	}
}

func (p *parser) paragraph(lines []string, line int) {
	// Lines that begin （一） inside one block are separate items.
	var blocks [][]string
	var blockLines []int
	for i, l := range lines {
		if i == 0 || itemRE.MatchString(l) || articleRE.MatchString(l) {
			blocks = append(blocks, []string{l})
			blockLines = append(blockLines, line+i)
			continue
		}
		blocks[len(blocks)-1] = append(blocks[len(blocks)-1], l)
	}
	for i, b := range blocks {
		p.block(strings.Join(b, ""), blockLines[i])
	}
}

func (p *parser) block(text string, line int) {
	if m := articleRE.FindStringSubmatch(text); m != nil {
		n, err := numeral.Parse(m[1])
		if err != nil {
			p.diags.Add(p.pos(line), "article number %q: %v", "第"+m[1]+"条", err)
			return
		}
		want := 1
		if k := len(p.doc.Articles); k > 0 {
			want = p.doc.Articles[k-1].Number + 1
		}
		if n != want {
			if p.doc.byNumber[n] != nil {
				p.diags.Add(p.pos(line), "duplicate article 第%s条 (first at line %d)", numeral.Format(n), p.doc.byNumber[n].Line)
			} else if want == 1 {
				p.diags.Add(p.pos(line), "第%s条: the first article is 第一条", numeral.Format(n))
			} else {
				p.diags.Add(p.pos(line), "第%s条 follows 第%s条: expected 第%s条", numeral.Format(n), numeral.Format(want-1), numeral.Format(want))
			}
		}
		a := &Article{Number: n, Label: "第" + numeral.Format(n) + "条", Anchor: fmt.Sprintf("art-%d", n), Line: line}
		if p.doc.byNumber[n] == nil {
			p.doc.byNumber[n] = a
		}
		p.doc.Articles = append(p.doc.Articles, a)
		switch {
		case p.sub != nil:
			p.sub.Articles = append(p.sub.Articles, a)
		case p.top != nil:
			p.top.Articles = append(p.top.Articles, a)
		}
		p.article = a
		rest := strings.TrimSpace(text[len(m[0]):])
		if rest == "" {
			p.diags.Add(p.pos(line), "%s has no text", a.Label)
			return
		}
		p.addPara(rest, line)
		return
	}
	if p.article == nil {
		if itemRE.MatchString(text) {
			p.diags.Add(p.pos(line), "item %q appears before any article", itemRE.FindString(text))
			return
		}
		p.doc.Preamble = append(p.doc.Preamble, text)
		return
	}
	if m := itemRE.FindStringSubmatch(text); m != nil {
		n, err := numeral.Parse(m[1])
		if err != nil {
			p.diags.Add(p.pos(line), "item number %q: %v", m[0], err)
			return
		}
		if len(p.article.Paras) == 0 {
			p.addPara("", line) // the article's text is missing; reported already
		}
		para := p.article.Paras[len(p.article.Paras)-1]
		want := 1
		if k := len(para.Items); k > 0 {
			want = para.Items[k-1].Number + 1
		}
		if n != want && want == 1 {
			p.diags.Add(p.pos(line), "item （%s） in %s: the first item is （一）", numeral.Format(n), p.article.Label)
		} else if n != want {
			p.diags.Add(p.pos(line), "item （%s） in %s follows （%s）: expected （%s）", numeral.Format(n), p.article.Label, numeral.Format(want-1), numeral.Format(want))
		}
		para.Items = append(para.Items, &Item{Number: n, Label: "（" + numeral.Format(n) + "）", Text: strings.TrimSpace(text[len(m[0]):]), Line: line})
		return
	}
	p.addPara(text, line)
}

func (p *parser) addPara(text string, line int) {
	p.article.Paras = append(p.article.Paras, &Para{Number: len(p.article.Paras) + 1, Text: text, Line: line})
}

// ArticleRange is the span of articles in the division and its sections,
// as printed in a table of contents: 第八条—第十二条, or "" when it has none.
func (d *Division) ArticleRange() string {
	all := append([]*Article(nil), d.Articles...)
	for _, c := range d.Children {
		all = append(all, c.Articles...)
	}
	switch len(all) {
	case 0:
		return ""
	case 1:
		return all[0].Label
	}
	first, last := all[0], all[0]
	for _, a := range all {
		if a.Number < first.Number {
			first = a
		}
		if a.Number > last.Number {
			last = a
		}
	}
	return first.Label + "—" + last.Label
}
