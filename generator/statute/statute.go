// Package statute reads the structure of a Chinese normative text from the
// text itself, as a printed regulation shows it: 编/分编/章 headings (##), 节
// headings (###), paragraphs that begin 第X条 or 第X条之一 (articles), further
// paragraphs of the same article (款, numbered from 1) and lines that begin
// （一） (项).
//
// Parse is strict: it is the check an editor of the centre's own rules
// relies on, so every gap in the numbering and every heading that is not a
// division is reported. Options{Verbatim: true}.Parse reads a published
// text the site reproduces but cannot correct (a mounted law library): it
// reports nothing and keeps every word, however the source numbers or
// heads it.
package statute

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"huajie/generator/diag"
	"huajie/generator/numeral"
)

// Doc is the structure of one normative text.
type Doc struct {
	Preamble  []string    // paragraphs before the first article or heading
	Divisions []*Division // top-level 编/分编/章; empty when the text has none
	Articles  []*Article  // every article in order
	// Leading are the articles before the first division of a text that has
	// divisions (a source that omits its 第一章 heading); they are in
	// Articles too, but in no division.
	Leading  []*Article
	byNumber map[int]*Article
}

// Division is a 编, 分编, 章 or 节, or in a verbatim text any other heading.
type Division struct {
	Kind     string // 编, 分编, 章 or 节; "" for another heading of a verbatim text (一、一般规定, 附件一)
	Number   int    // 0 when Kind is ""
	Label    string // 第一章; the whole heading when Kind is ""
	Name     string // 总则
	Anchor   string // part-1, subpart-1, ch-1, ch-1-sec-2; h-N when Kind is ""
	Line     int
	Children []*Division
	Articles []*Article
	Text     []string // verbatim texts only: paragraphs under the heading that belong to no article
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
	Suffix int    // 第十条之一 → 1; 0 for a plain article
	Label  string // 第一条, 第十条之一
	Anchor string // art-1, art-10-1
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

// Article returns the article numbered n (not an inserted 第n条之一), or nil.
func (d *Doc) Article(n int) *Article { return d.byNumber[n] }

// Inserted returns the article 第n条之s (s ≥ 1), or nil; Inserted(n, 0) is
// Article(n).
func (d *Doc) Inserted(n, s int) *Article {
	if s == 0 {
		return d.byNumber[n]
	}
	for _, a := range d.Articles {
		if a.Number == n && a.Suffix == s {
			return a
		}
	}
	return nil
}

const numChars = `零〇一二两三四五六七八九十百千0-9０-９`

var (
	divisionRE = regexp.MustCompile(`^第([` + numChars + `]+)(分编|编|章|节)(?:[ \t　]*(.*))?$`)
	itemRE     = regexp.MustCompile(`^[（(]([` + numChars + `]+)[）)][ \t　]*`)
)

// Options change how a text is read. The zero value is the strict reading
// of Parse.
type Options struct {
	// Verbatim reads a published text as printed: nothing is reported, and
	// what the strict reading rejects is kept instead — numbering that skips
	// or repeats (the first article of a number is the one Article
	// returns; anchors stay unique), items that do not start at （一）, a 第N条
	// whose numeral is malformed (kept as text), headings that are not
	// divisions (a Division with Kind ""), HTML comment lines (ignored),
	// table rows (kept one per line), the slip 第十五 条, and text without
	// any article (the Preamble). After any heading a paragraph that begins
	// no article belongs to the heading (Division.Text), not to the article
	// before it. Chapters after a 编 are anchored under it (part-2-ch-1), as
	// codes number them afresh in every 编.
	Verbatim bool
}

// Parse reads body (Markdown) strictly. file and firstLine (the 1-based
// line of the body's first line in file) position the diagnostics.
func Parse(body, file string, firstLine int, diags *diag.List) *Doc {
	return Options{}.Parse(body, file, firstLine, diags)
}

// Parse reads body (Markdown) as o says. file and firstLine (the 1-based
// line of the body's first line in file) position the diagnostics.
func (o Options) Parse(body, file string, firstLine int, diags *diag.List) *Doc {
	doc := &Doc{byNumber: map[int]*Article{}}
	p := parser{doc: doc, file: file, diags: diags, verbatim: o.Verbatim}
	if o.Verbatim {
		p.anchors = map[string]bool{}
	}
	var para []string
	paraLine := 0
	flush := func() {
		if len(para) > 0 {
			p.paragraph(para, paraLine)
			para = para[:0] // paragraph keeps none of it
		}
	}
	for i := 0; len(body) > 0 || i == 0; i++ {
		raw, rest, _ := strings.Cut(body, "\n")
		body = rest
		line := strings.TrimRight(clean(raw), " \t\r　")
		ln := firstLine + i
		trimmed := strings.TrimLeft(line, " \t　")
		switch {
		case trimmed == "":
			flush()
		case strings.HasPrefix(trimmed, "#"):
			flush()
			p.heading(trimmed, ln)
		case o.Verbatim && strings.HasPrefix(trimmed, "<!--") && strings.HasSuffix(trimmed, "-->"):
			flush()
		default:
			if len(para) == 0 {
				paraLine = ln
			}
			para = append(para, trimmed)
		}
	}
	flush()
	if len(doc.Divisions) > 0 {
		doc.Leading = p.leading
	}
	if len(doc.Articles) == 0 {
		p.report(firstLine, "no articles found: each article is a paragraph that begins 第一条, 第二条, …")
	}
	return doc
}

// clean removes zero-width characters that scraped texts carry.
func clean(s string) string {
	// strings.Contains finds a 3-byte needle by its first byte, far faster
	// than ContainsAny does on non-ASCII text.
	if !strings.Contains(s, "\u200b") && !strings.Contains(s, "\u200c") && !strings.Contains(s, "\u200d") && !strings.Contains(s, "\ufeff") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u200b', '\u200c', '\u200d', '\ufeff':
			return -1
		}
		return r
	}, s)
}

type parser struct {
	doc      *Doc
	file     string
	diags    *diag.List
	verbatim bool
	part     *Division // current 编
	top      *Division // current 编/分编/章
	sub      *Division // current 节
	article  *Article
	lastDiv  map[string]int
	anchors  map[string]bool // verbatim only: anchors given so far
	headings int             // verbatim only: headings that are not divisions so far
	leading  []*Article      // articles before any division
}

func (p *parser) pos(line int) diag.Pos { return diag.Pos{File: p.file, Line: line, Col: 1} }

// report records a problem of the strict reading; a verbatim text is kept
// as printed instead.
func (p *parser) report(line int, format string, args ...any) {
	if !p.verbatim {
		p.diags.Add(p.pos(line), format, args...)
	}
}

// anchor returns a, made unique with -2, -3 … in a verbatim text, whose
// numbering may repeat.
func (p *parser) anchor(a string) string {
	if p.anchors == nil {
		return a
	}
	u := a
	for i := 2; p.anchors[u]; i++ {
		u = fmt.Sprintf("%s-%d", a, i)
	}
	p.anchors[u] = true
	return u
}

func (p *parser) heading(s string, line int) {
	level := len(s) - len(strings.TrimLeft(s, "#"))
	text := strings.TrimSpace(strings.Trim(strings.TrimLeft(s, "#"), " \t　"))
	if p.verbatim {
		p.article = nil // what follows a heading never continues the article before it
		if text == "" {
			return
		}
	}
	m := divisionRE.FindStringSubmatch(text)
	if m == nil {
		p.report(line, "heading %q is not a division: write 第一章 总则 (or 第一节 …)", text)
		p.otherHeading(text, level, line)
		return
	}
	n, err := numeral.Parse(m[1])
	if err != nil {
		p.report(line, "heading %q: %v", text, err)
		p.otherHeading(text, level, line)
		return
	}
	div := &Division{Kind: m[2], Number: n, Label: "第" + m[1] + m[2], Name: strings.Join(strings.Fields(strings.ReplaceAll(m[3], "　", " ")), " "), Line: line}
	if p.lastDiv == nil {
		p.lastDiv = map[string]int{}
	}
	if m[2] == "节" {
		if level < 3 && p.top == nil {
			p.report(line, "%s appears outside any chapter", div.Label)
		}
		if p.top == nil {
			p.top = &Division{Kind: "章", Anchor: p.anchor("ch-0")}
			p.doc.Divisions = append(p.doc.Divisions, p.top)
		}
		p.checkSeq("节", n, len(p.top.Children), line)
		div.Anchor = p.anchor(fmt.Sprintf("%s-sec-%d", p.top.Anchor, n))
		p.top.Children = append(p.top.Children, div)
		p.sub = div
		return
	}
	p.checkSeq(m[2], n, p.lastDiv[m[2]], line)
	p.lastDiv[m[2]] = n
	switch m[2] {
	case "编":
		div.Anchor = fmt.Sprintf("part-%d", n)
		p.part = div
	case "分编":
		div.Anchor = fmt.Sprintf("subpart-%d", n)
	default:
		div.Anchor = fmt.Sprintf("ch-%d", n)
	}
	if p.verbatim && p.part != nil && m[2] != "编" {
		// Codes number their chapters afresh in every 编 (刑法 第二编 第一章).
		div.Anchor = p.part.Anchor + "-" + div.Anchor
	}
	div.Anchor = p.anchor(div.Anchor)
	p.doc.Divisions = append(p.doc.Divisions, div)
	p.top, p.sub = div, nil
}

// otherHeading keeps a heading of a verbatim text that is not a division:
// at level 2 beside the chapters, deeper inside the current one.
func (p *parser) otherHeading(text string, level, line int) {
	if !p.verbatim {
		return
	}
	p.headings++
	div := &Division{Label: text, Anchor: p.anchor(fmt.Sprintf("h-%d", p.headings)), Line: line}
	if level > 2 && p.top != nil {
		p.top.Children = append(p.top.Children, div)
		p.sub = div
		return
	}
	p.doc.Divisions = append(p.doc.Divisions, div)
	p.top, p.sub = div, nil
}

func (p *parser) checkSeq(kind string, n, prev, line int) {
	if n != prev+1 && prev == 0 {
		p.report(line, "第%s%s: the first is 第一%s", numeral.Format(n), kind, kind)
	} else if n != prev+1 {
		p.report(line, "第%s%s follows 第%s%s: expected 第%s%s", numeral.Format(n), kind, numeral.Format(prev), kind, numeral.Format(prev+1), kind)
	}
}

// articleStart matches the 第X条 (or 第X条之一) that opens an article: the
// numeral, the 之 numeral ("" when absent) and the length of the match with
// the spaces after it. In a verbatim text it also matches the slip
// 第十五 条工商行政管理部门…, where the space that should follow 条 precedes it.
func (p *parser) articleStart(s string) (num, suffix string, n int, ok bool) {
	if num, suffix, n, ok = matchArticle(s, false); !ok && p.verbatim {
		num, suffix, n, ok = matchArticle(s, true)
	}
	return num, suffix, n, ok
}

// matchArticle is the hand-written form of
//
//	^第([numChars]+)条(?:之([一…十]+))?(?:[ \t　]+|$)            (strict)
//	^第([numChars]+)[ \t　]+条(?:之([一…十]+))?[ \t　]*          (loose)
//
// which the parser tries on every line; the regular expressions cost a
// third of the time of reading a large library.
func matchArticle(s string, loose bool) (num, suffix string, n int, ok bool) {
	const di, tiao, zhi = "第", "条", "之"
	if !strings.HasPrefix(s, di) {
		return "", "", 0, false
	}
	i := len(di)
	j := scan(s, i, isNumChar)
	if j == i {
		return "", "", 0, false
	}
	num = s[i:j]
	if loose {
		k := skipSpace(s, j)
		if k == j {
			return "", "", 0, false
		}
		j = k
	}
	if !strings.HasPrefix(s[j:], tiao) {
		return "", "", 0, false
	}
	j += len(tiao)
	if strings.HasPrefix(s[j:], zhi) {
		if e := scan(s, j+len(zhi), isSuffixChar); e > j+len(zhi) {
			suffix, j = s[j+len(zhi):e], e
		}
	}
	k := skipSpace(s, j)
	if !loose && k == j && j < len(s) {
		return "", "", 0, false
	}
	return num, suffix, k, true
}

// scan returns the end of the run of characters from i that f accepts.
func scan(s string, i int, f func(rune) bool) int {
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !f(r) {
			break
		}
		i += w
	}
	return i
}

func skipSpace(s string, i int) int {
	return scan(s, i, func(r rune) bool { return r == ' ' || r == '\t' || r == '　' })
}

func isNumChar(r rune) bool {
	return r >= '0' && r <= '9' || r >= '０' && r <= '９' || strings.ContainsRune("零〇一二两三四五六七八九十百千", r)
}

func isSuffixChar(r rune) bool { return strings.ContainsRune("一二三四五六七八九十", r) }

// isItem and matchItem test itemRE, after a cheap look at the first
// character: most lines begin with neither parenthesis.
func isItem(s string) bool {
	return (strings.HasPrefix(s, "（") || strings.HasPrefix(s, "(")) && itemRE.MatchString(s)
}

func matchItem(s string) []string {
	if strings.HasPrefix(s, "（") || strings.HasPrefix(s, "(") {
		return itemRE.FindStringSubmatch(s)
	}
	return nil
}

func (p *parser) paragraph(lines []string, line int) {
	if len(lines) == 1 { // the usual case
		p.block(lines[0], line)
		return
	}
	// Lines that begin （一） inside one block are separate items.
	var blocks [][]string
	var blockLines []int
	for i, l := range lines {
		if _, _, _, art := p.articleStart(l); i == 0 || art || isItem(l) {
			blocks = append(blocks, []string{l})
			blockLines = append(blockLines, line+i)
			continue
		}
		blocks[len(blocks)-1] = append(blocks[len(blocks)-1], l)
	}
	for i, b := range blocks {
		sep := ""
		if p.verbatim && strings.HasPrefix(b[0], "|") {
			sep = "\n" // a table keeps one row per line
		}
		p.block(strings.Join(b, sep), blockLines[i])
	}
}

func (p *parser) block(text string, line int) {
	if num, sfx, end, ok := p.articleStart(text); ok {
		if p.openArticle(text, num, sfx, end, line) {
			return
		}
	}
	if p.article == nil {
		if p.verbatim {
			p.text(text)
			return
		}
		if itemRE.MatchString(text) {
			p.report(line, "item %q appears before any article", itemRE.FindString(text))
			return
		}
		p.doc.Preamble = append(p.doc.Preamble, text)
		return
	}
	if m := matchItem(text); m != nil {
		n, err := numeral.Parse(m[1])
		if err != nil {
			p.report(line, "item number %q: %v", m[0], err)
			if p.verbatim {
				p.addPara(text, line)
			}
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
			p.report(line, "item （%s） in %s: the first item is （一）", numeral.Format(n), p.article.Label)
		} else if n != want {
			p.report(line, "item （%s） in %s follows （%s）: expected （%s）", numeral.Format(n), p.article.Label, numeral.Format(want-1), numeral.Format(want))
		}
		para.Items = append(para.Items, &Item{Number: n, Label: itemLabel(n), Text: strings.TrimSpace(text[len(m[0]):]), Line: line})
		return
	}
	p.addPara(text, line)
}

// text keeps a paragraph of a verbatim text that belongs to no article: under
// the current heading, or before any heading in the preamble.
func (p *parser) text(s string) {
	switch {
	case p.sub != nil:
		p.sub.Text = append(p.sub.Text, s)
	case p.top != nil:
		p.top.Text = append(p.top.Text, s)
	default:
		p.doc.Preamble = append(p.doc.Preamble, s)
	}
}

// openArticle opens the article that text begins with (num and sfx are its
// numerals, end the length of its label). It reports false when the label is
// not a number and the verbatim text keeps the paragraph as text instead.
func (p *parser) openArticle(text, num, sfx string, end, line int) bool {
	n, err := numeral.Parse(num)
	if err != nil {
		p.report(line, "article number %q: %v", "第"+num+"条", err)
		return !p.verbatim
	}
	s := 0
	if sfx != "" {
		if s, err = numeral.Parse(sfx); err != nil {
			p.report(line, "article number %q: %v", "第"+num+"条之"+sfx, err)
			return !p.verbatim
		}
	}
	if s > 0 {
		p.checkInserted(n, s, line)
	} else {
		p.checkNext(n, line)
	}
	a := &Article{Number: n, Suffix: s, Label: articleLabel(n), Anchor: articleAnchor(n), Line: line}
	if s > 0 {
		a.Label += "之" + numeral.Format(s)
		a.Anchor += "-" + strconv.Itoa(s)
	} else if p.doc.byNumber[n] == nil {
		p.doc.byNumber[n] = a
	}
	a.Anchor = p.anchor(a.Anchor)
	p.doc.Articles = append(p.doc.Articles, a)
	switch {
	case p.sub != nil:
		p.sub.Articles = append(p.sub.Articles, a)
	case p.top != nil:
		p.top.Articles = append(p.top.Articles, a)
	default:
		p.leading = append(p.leading, a)
	}
	p.article = a
	rest := strings.TrimSpace(text[end:])
	if rest == "" {
		p.report(line, "%s has no text", a.Label)
		return true
	}
	p.addPara(rest, line)
	return true
}

// labels holds the labels and anchors of the numbers most texts use, made
// once: a large library has 150,000 articles, and formatting each label
// anew was a tenth of the time it takes to read it.
var labels = func() (l struct{ article, item, anchor [1000]string }) {
	for n := 1; n < 1000; n++ {
		f := numeral.Format(n)
		l.article[n], l.item[n], l.anchor[n] = "第"+f+"条", "（"+f+"）", "art-"+strconv.Itoa(n)
	}
	return l
}()

func articleLabel(n int) string {
	if n > 0 && n < 1000 {
		return labels.article[n]
	}
	return "第" + numeral.Format(n) + "条"
}

func itemLabel(n int) string {
	if n > 0 && n < 1000 {
		return labels.item[n]
	}
	return "（" + numeral.Format(n) + "）"
}

func articleAnchor(n int) string {
	if n > 0 && n < 1000 {
		return labels.anchor[n]
	}
	return "art-" + strconv.Itoa(n)
}

// checkNext reports an article 第n条 out of sequence.
func (p *parser) checkNext(n, line int) {
	want := 1
	if k := len(p.doc.Articles); k > 0 {
		want = p.doc.Articles[k-1].Number + 1
	}
	if n == want {
		return
	}
	switch {
	case p.doc.byNumber[n] != nil:
		p.report(line, "duplicate article 第%s条 (first at line %d)", numeral.Format(n), p.doc.byNumber[n].Line)
	case want == 1:
		p.report(line, "第%s条: the first article is 第一条", numeral.Format(n))
	default:
		p.report(line, "第%s条 follows 第%s条: expected 第%s条", numeral.Format(n), numeral.Format(want-1), numeral.Format(want))
	}
}

// checkInserted reports an inserted article 第n条之s that does not follow
// 第n条 or 第n条之(s-1).
func (p *parser) checkInserted(n, s, line int) {
	k := len(p.doc.Articles)
	if k > 0 {
		last := p.doc.Articles[k-1]
		if last.Number == n && last.Suffix == s-1 {
			return
		}
	}
	want := "第" + numeral.Format(n) + "条"
	if s > 1 {
		want += "之" + numeral.Format(s-1)
	}
	p.report(line, "第%s条之%s does not follow %s", numeral.Format(n), numeral.Format(s), want)
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
