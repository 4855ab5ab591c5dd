package library

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// domains are the first keyword of a guiding case, in the order to try
// them.
var domains = []string{"国家赔偿", "民事", "刑事", "行政", "执行"}

// keywords splits a 关键词 block. Newer cases separate keywords with "/",
// and a keyword may then break over two lines (分别 / 立案); others put
// one keyword a line, or separate them with spaces. The oldest scrapes lost
// the separators (关键词行政行政许可行政处罚规章参照盐业管理): their domain,
// the first keyword, is split off when the block is one line, and the rest
// is kept as scraped. enumComma splits on 、 as well (典型案例: 民事、买卖合同).
func (p *Precedent) keywords(ls []line, enumComma bool) []string {
	var texts []string
	for _, l := range ls {
		texts = append(texts, strings.Trim(l.text, "*"))
	}
	var out []string
	add := func(k string) {
		if k = strings.Trim(Clean(k), "。；;，,、*"); k != "" {
			out = append(out, k)
		}
	}
	if joined := strings.Join(texts, ""); strings.ContainsAny(joined, "/／") {
		for _, k := range strings.FieldsFunc(joined, func(r rune) bool { return r == '/' || r == '／' }) {
			add(k)
		}
		return out
	}
	for _, t := range texts {
		for _, k := range strings.FieldsFunc(t, func(r rune) bool {
			return isSpace(r) || r == '；' || r == ';' || enumComma && r == '、'
		}) {
			add(k)
		}
	}
	if p.Authority == AuthorityGuiding && len(texts) == 1 && len(out) > 0 {
		for _, d := range domains {
			if rest := strings.TrimPrefix(out[0], d); rest != out[0] && utf8.RuneCountInString(rest) >= 2 {
				out = append([]string{d, rest}, out[1:]...)
				break
			}
		}
	}
	return out
}

var (
	// listNumberRE is the numbering of a list of cited provisions: 1. ⒈ （1）
	listNumberRE = regexp.MustCompile(`^(?:[0-9０-９]+[.．、]|[⒈-⒛]|[（(][0-9０-９一二三四五六七八九十]+[）)])\s*`)
	// articleRefRE is a line that only names provisions: 第一百四十条,
	// 第一百四十一条第一款, 第一千二百二十九条、一千二百三十二条.
	articleRefRE = regexp.MustCompile(`^第[^。；;，,\s]*[条款项]$|^第[^。；;\s]*[条款项](?:[、，,和及]第?[^。；;\s]*[条款项])+$`)
	// labelRE is a quoted provision: the article's label, then its text.
	labelRE = regexp.MustCompile(`^(第[零〇一二两三四五六七八九十百千0-9０-９]+条(?:之[一二三四五六七八九十]+)?)[ 　]+\S`)
)

// citations reads a 相关法条 block: one entry per cited instrument, as
// written — 《中华人民共和国行政许可法》第十五条第一款、第十六条第二款 —
// without list numbering. A title broken over two lines is joined, a bare
// article line after a title (检例: 《刑法》第一百四十四条 / 第一百四十条) is
// added to its entry, and a note in parentheses after it (（本案适用的是…）)
// stays with it. Other lines quote the provisions' text; quoted reports
// that there were some.
func citations(ls []line) (cites []string, lines []int, quoted bool) {
	cur, curLine := "", 0
	push := func() {
		if cur != "" {
			cites = append(cites, cur)
			lines = append(lines, curLine)
		}
		cur = ""
	}
	open := func() bool { return strings.Count(cur, "《") > strings.Count(cur, "》") }
	for _, l := range ls {
		t := strings.Trim(l.text, "*")
		t = strings.TrimSpace(listNumberRE.ReplaceAllString(t, ""))
		switch {
		case cur != "" && open():
			cur += strings.TrimRight(t, "。；;，,")
		case strings.HasPrefix(t, "《"):
			push()
			cur, curLine = strings.TrimRight(t, "。；;，,"), l.n
		case cur != "" && articleRefRE.MatchString(strings.TrimRight(t, "。；;，,")):
			cur += refSep(cur) + strings.TrimRight(t, "。；;，,")
		case cur != "" && labelRE.MatchString(t):
			cur += refSep(cur) + labelRE.FindStringSubmatch(t)[1]
			quoted = true
		case cur != "" && (strings.HasPrefix(t, "（") && strings.HasSuffix(t, "）") || strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")")):
			cur += t
		default:
			quoted = true
		}
	}
	push()
	return cites, lines, quoted
}

// refSep is what goes between an entry and a further article: nothing
// after the bare title, 、 after an article.
func refSep(cur string) string {
	i := strings.LastIndex(cur, "》")
	if i >= 0 && strings.Contains(cur[i:], "条") {
		return "、"
	}
	return ""
}

// decisionRE finds a dated decision of a court: 江苏省苏州市金阊区人民法院
// 于2011年4月29日以（2009）金行初字第0027号行政判决书，判决…, or
// 盐城市中级人民法院依照…之规定，于2018年5月25日裁定：.
var decisionRE = regexp.MustCompile(`([^，。；：、\s“”《》（）()]{2,40}?(?:人民法院|法院|法庭|赔偿委员会))[^。；]{0,200}?于(\d{4}年\d{1,2}月\d{1,2}日)([^。]{0,60}?)(?:判决|裁定|决定|复函)`)

// caseNoRE is a court case number as written, in either form, after the
// 作出 or 以 that introduces it: （2017）黔0321行初97号, （2011）苏商终字第0107号. cite.FindCaseNos validates the parts; these
// texts are printed as published, so the loader takes them as they are.
var caseNoRE = regexp.MustCompile(`^[^，。；]{0,12}?(?:作出|以)([（(]\d{4}[）)][^，。；：、\s（）()《》“”]{1,25}?号)`)

// courtPrefixes are words a sentence may put before the court's name.
var courtPrefixes = []string{"一审宣判后", "二审宣判后", "宣判后", "嗣后", "随后", "此后", "之后", "同年", "最终", "据此", "综上", "后", "经", "向", "由"}

// lastDecision finds the last dated decision of a court in text: the
// effective one, as the texts tell the instances in order. It returns the
// court, the date (YYYY-MM-DD) and the case number as written, each "" when
// not found.
func lastDecision(text string) (court, date, caseNo string) {
	ms := decisionRE.FindAllStringSubmatchIndex(text, -1)
	var m []int
	for i := len(ms) - 1; i >= 0 && m == nil; i-- {
		c := text[ms[i][2]:ms[i][3]]
		for _, w := range courtPrefixes {
			c = strings.TrimPrefix(c, w)
		}
		if !strings.HasPrefix(c, "撤销") && !strings.HasPrefix(c, "维持") && !strings.HasPrefix(c, "变更") {
			m, court = ms[i], c // the court is the subject, not the object, of the sentence
		}
	}
	if m == nil {
		return "", "", ""
	}
	date = parseDate(text[m[4]:m[5]])
	after := text[m[5]:]
	if i := strings.Index(after, "。"); i >= 0 {
		after = after[:i]
	}
	// The decision's own number follows 作出 or 以; a number elsewhere in
	// the sentence is the decision under review.
	if m := caseNoRE.FindStringSubmatch(after); m != nil {
		caseNo = m[1]
	}
	return court, date, caseNo
}
