package library

import (
	"context"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"huajie/generator/diag"
)

// Authorities of precedents.
const (
	AuthorityGuiding     = "指导性案例"   // 最高人民法院指导性案例: courts 应当参照
	AuthorityProcuratory = "检察指导性案例" // 最高人民检察院指导性案例 (检例): binding on procuratorates, persuasive for courts
	AuthorityGazette     = "公报案例"    // 《最高人民法院公报》案例
	AuthorityTypical     = "典型案例"    // typical cases published by the courts
)

// Precedent is one published case.
type Precedent struct {
	ID        string    // stable URL slug: zd-15, jl-1, gb-<file>, dx-<file>; unique among the loaded precedents
	Path      string    // the file as found: the mount joined with its path under it
	Authority string    // one of the Authority constants
	Number    string    // as the case heads itself: 指导案例15号, 指导性案例211号, 检例第1号; "" for the others
	Seq       int       // the number of a guiding case or 检例, else 0
	Title     string    // the case name, cleaned
	Headline  string    // a typical case's own heading when it states a rule and the case name follows (销售已过保质期的食品，构成经营者“明知”)
	Keywords  []string  // 关键词, split
	Points    string    // 裁判要点, 要旨, 裁判摘要 or 裁判要旨: paragraphs joined by a blank line
	Articles  []string  // 相关法条 (相关规定 …) citation lines as written, list numbering removed
	ArtLines  []int     // the line of each Articles entry
	Sections  []Section // the other sections in order
	Court     string    // the court of the last decision the text dates (the effective one), when found
	Date      string    // YYYY-MM-DD: the date of that decision, else Published
	CaseNo    string    // the case number (案号) of that decision as written, when found
	Issued    string    // the adoption and release line: 最高人民法院审判委员会讨论通过 2013年1月31日发布
	Published string    // YYYY-MM-DD the case was released, from Issued
	URL       string    // the source page (原文网址) when the file gives one
	Line      int       // the line of the title
}

// Section is one section of a precedent's text: its heading as printed
// (without marks), its paragraphs joined by a blank line (Markdown), and the
// line of the heading.
type Section struct {
	Heading, Body string
	Line          int
}

// LoadPrecedents reads every precedent file under dirs (recursively;
// Markdown files only) concurrently and returns them sorted by Path. The
// format of each file is told from its text, not its folder. A file that is
// none of the formats is reported and left out, as is a guiding case or 检例
// whose number another file already has; README.md, index.md and _index.md
// are skipped silently.
func LoadPrecedents(ctx context.Context, dirs []string, diags *diag.List) []*Precedent {
	ps := loadAll(ctx, dirs, "precedent", diags, ParsePrecedent)
	out := ps[:0]
	seen := map[string]*Precedent{}
	for _, p := range ps {
		if first := seen[p.ID]; first != nil {
			if p.Seq > 0 {
				diags.Add(diag.Pos{File: p.Path, Line: p.Line, Col: 1}, "%s is loaded already from %s: mount each set of precedents once", p.Number, first.Path)
				continue
			}
			// Two sets may both number their files 001.md.
			base := p.ID
			for n := 2; seen[p.ID] != nil; n++ {
				p.ID = base + "-" + strconv.Itoa(n)
			}
		}
		seen[p.ID] = p
		out = append(out, p)
	}
	return out
}

// ParsePrecedent reads one precedent file: text is its content, file the
// path its diagnostics and Path carry, rel its path under the mount (for the
// ID). It returns nil, having reported why, when text is none of the
// formats.
func ParsePrecedent(text, file, rel string, diags *diag.List) *Precedent {
	if !utf8.ValidString(text) {
		line := strings.Count(text[:firstInvalid(text)], "\n") + 1
		diags.Add(diag.Pos{File: file, Line: line, Col: 1}, "not a precedent: the text is not UTF-8")
		return nil
	}
	lines := splitLines(text)
	if len(lines) == 0 {
		diags.Add(diag.Pos{File: file, Line: 1, Col: 1}, "not a precedent: the file is empty")
		return nil
	}
	base := strings.TrimSuffix(path.Base(filepath.ToSlash(rel)), path.Ext(rel))
	p := &Precedent{Path: file, Line: lines[0].n}
	head := plain(lines[0].text)
	switch {
	case guidingHeadRE.MatchString(head):
		parseGuiding(p, lines)
	case sppNumber(lines) != nil:
		parseSPP(p, lines)
	case isLawRefBook(lines):
		p.Authority, p.ID = AuthorityTypical, "dx-"+slug(base)
		parseTypical(p, lines)
	case strings.HasPrefix(lines[0].text, "#"):
		p.Authority, p.ID = AuthorityGazette, "gb-"+slug(base)
		parseGazette(p, lines)
	default:
		diags.Add(diag.Pos{File: file, Line: lines[0].n, Col: 1}, "not a precedent: a guiding case begins 指导案例N号, a 检例 （检例第N号）, a gazette case # 标题, a typical case # 标题 and <!-- INFO END -->")
		return nil
	}
	if p.Date == "" {
		p.Date = p.Published
	}
	return p
}

// line is one non-empty line of a file: cleaned, indentation trimmed, with
// its 1-based number.
type line struct {
	text string
	n    int
}

func splitLines(text string) []line {
	var out []line
	for n := 1; text != ""; n++ {
		raw, rest, _ := strings.Cut(text, "\n")
		text = rest
		if t := trimSpace(cleanLine(raw)); t != "" {
			out = append(out, line{t, n})
		}
	}
	return out
}

// plain strips a line of heading and emphasis marks and spaces: the form
// headings are recognised in.
func plain(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '#', '*', ' ', '\t', '\u3000':
			return -1
		}
		return r
	}, s)
}

// slug makes a file name a URL path segment: characters that a path or a
// URL cannot carry plainly are dropped or replaced, and a long name is cut
// to 40 characters (a page folder's name must stay well under 255 bytes).
func slug(s string) string {
	s = slugReplacer.Replace(s)
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40])
	}
	return s
}

var slugReplacer = strings.NewReplacer(" ", "", "\u3000", "", "/", "-", "\\", "-", "?", "", "#", "", "%", "", "\"", "", "<", "", ">", "", "|", "", "*", "", ":", "-", "：", "-")

var (
	guidingHeadRE = regexp.MustCompile(`^-?(指导(?:性)?案例)(\d+)号[：:]?(.*)$`)
	sppNumberRE   = regexp.MustCompile(`检例第(\d+)号`)
	issuedRE      = regexp.MustCompile(`^[（(]?(最高人民法院审判委员会讨论通过)(\d{4}年\d{1,2}月\d{1,2}日)(发布)[）)]?$`)
	sourceURLRE   = regexp.MustCompile(`^-?原文网址[：:](\S+)$`)
)

// sppNumber finds （检例第N号） in the first lines.
func sppNumber(lines []line) []string {
	for i := 0; i < len(lines) && i < 4; i++ {
		if m := sppNumberRE.FindStringSubmatch(plain(lines[i].text)); m != nil {
			return m
		}
	}
	return nil
}

func isLawRefBook(lines []line) bool {
	if !strings.HasPrefix(lines[0].text, "# ") {
		return false
	}
	for i := 1; i < len(lines) && i < 10; i++ {
		if lines[i].text == infoEnd {
			return true
		}
	}
	return false
}

// A rawSection is a heading and the lines under it.
type rawSection struct {
	name   string // the heading without marks
	inline string // text after the heading on its line (关键词 行政/…)
	line   int
	body   []line
	alone  bool // the heading stands on its own line
}

// Headings of the guiding-case layout, recognised as bare lines.
var bareHeadings = map[string]bool{
	"关键词": true, "裁判要点": true, "相关法条": true, "基本案情": true, "裁判结果": true, "裁判理由": true,
}

// roles tells what a section is for.
var roles = map[string]string{
	"关键词":  "keywords",
	"裁判要点": "points", "要旨": "points", "裁判摘要": "points", "案例要旨": "points", "裁判要旨": "points",
	"相关法条": "articles", "相关规定": "articles", "相关法律规定": "articles", "相关立法": "articles",
	"司法解释相关条文": "articles", "司法解释相关法条": "articles", "相关法律条文": "articles",
}

// bareHeading recognises 裁判要点, **裁判要点**, 裁判要点： and the inline
// 关键词 行政/… of the guiding-case layout.
func bareHeading(t string) (name, inline string, ok bool) {
	k := strings.TrimRight(plain(t), "：:")
	if bareHeadings[k] {
		return k, "", true
	}
	if strings.HasPrefix(k, "关键词") {
		rest := strings.TrimPrefix(strings.TrimLeft(t, "#*　 "), "关键词")
		rest = strings.TrimLeft(rest, "*：: 　")
		return "关键词", rest, true
	}
	return "", "", false
}

// bracketHeading recognises 【要旨】 (and ［裁判摘要］, [裁判摘要]) standing
// alone, or followed by text on its line.
func bracketHeading(t string) (name, inline string, ok bool) {
	k := strings.TrimLeft(t, "*# ")
	for _, b := range [][2]string{{"【", "】"}, {"［", "］"}, {"[", "]"}} {
		if !strings.HasPrefix(k, b[0]) {
			continue
		}
		end := strings.Index(k, b[1])
		if end < 0 {
			return "", "", false
		}
		name = plain(k[len(b[0]):end])
		if name == "" || utf8.RuneCountInString(name) > 20 {
			return "", "", false
		}
		return name, strings.Trim(k[end+len(b[1]):], "*。 　"), true
	}
	return "", "", false
}

// split cuts lines into the lines before the first heading and the
// sections.
func split(lines []line, heading func(string) (string, string, bool)) (front []line, secs []*rawSection) {
	var cur *rawSection
	for _, l := range lines {
		if name, inline, ok := heading(l.text); ok {
			cur = &rawSection{name: name, inline: inline, line: l.n, alone: inline == ""}
			secs = append(secs, cur)
			continue
		}
		if cur == nil {
			front = append(front, l)
		} else {
			cur.body = append(cur.body, l)
		}
	}
	return front, secs
}

// apply files the sections by role: keywords, points, articles, and the
// rest in order. A role met twice keeps the section that heads itself on its
// own line (gazette 102 pastes its whole text after an inline 【裁判摘要】,
// then prints the headnote again under its heading).
func (p *Precedent) apply(secs []*rawSection, enumComma bool) {
	points := -1
	for i, s := range secs {
		if roles[s.name] == "points" && (points < 0 || s.alone && !secs[points].alone) {
			points = i
		}
	}
	for i, s := range secs {
		body := s.body
		if s.inline != "" {
			body = append([]line{{s.inline, s.line}}, body...)
		}
		switch roles[s.name] {
		case "keywords":
			p.Keywords = append(p.Keywords, p.keywords(body, enumComma)...)
			continue
		case "points":
			if i == points {
				p.Points = paragraphs(body)
			}
			continue
		case "articles":
			cites, lines, quoted := citations(body)
			p.Articles = append(p.Articles, cites...)
			p.ArtLines = append(p.ArtLines, lines...)
			if !quoted {
				continue
			}
			// The section quotes the provisions too (检例): keep it whole.
		}
		p.Sections = append(p.Sections, Section{Heading: s.name, Body: paragraphs(body), Line: s.line})
	}
}

// paragraphs joins lines as Markdown paragraphs: every line of these texts
// is a paragraph.
func paragraphs(ls []line) string {
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(l.text)
	}
	return b.String()
}

func parseGuiding(p *Precedent, lines []line) {
	m := guidingHeadRE.FindStringSubmatch(plain(lines[0].text))
	p.Authority = AuthorityGuiding
	p.Seq, _ = strconv.Atoi(m[2])
	p.Number = m[1] + m[2] + "号"
	p.ID = "zd-" + m[2]
	headTitle := headRest(lines[0].text, p.Number)
	front, secs := split(lines[1:], bareHeading)
	var parts []string
	hasURL := false
	for i := 0; i < len(front); i++ {
		t := plain(front[i].text)
		switch {
		case sourceURLRE.MatchString(t):
			p.URL = sourceURLRE.FindStringSubmatch(t)[1]
			hasURL = true
		case strings.Trim(t, "=-") == "":
		case p.issued(t):
		case i+1 < len(front) && strings.Contains(t, "审判委员会") && p.issued(t+plain(front[i+1].text)):
			i++ // the line broke after 讨论通过
		default:
			parts = append(parts, strings.ReplaceAll(front[i].text, "**", ""))
		}
	}
	// The older pages repeat the title, broken over lines, below the
	// source address; the heading may be cut short with "...". The newer
	// ones break the heading itself over lines.
	switch {
	case hasURL && len(parts) > 0:
		p.Title = cleanTitle(strings.Join(parts, ""))
	default:
		p.Title = cleanTitle(headTitle + strings.Join(parts, ""))
	}
	p.apply(secs, false)
	for _, s := range p.Sections {
		if s.Heading == "裁判结果" {
			p.Court, p.Date, p.CaseNo = lastDecision(s.Body)
		}
	}
}

// issued reads the adoption and release line (t in the form of plain):
// （最高人民法院审判委员会讨论通过2013年1月31日发布）.
func (p *Precedent) issued(t string) bool {
	m := issuedRE.FindStringSubmatch(t)
	if m == nil {
		return false
	}
	p.Issued = m[1] + " " + m[2] + m[3]
	p.Published = parseDate(m[2])
	return true
}

// headRest is the title after the number in a heading line: 指导案例15号：徐工…
func headRest(h, number string) string {
	h = strings.TrimLeft(h, "#-*　 ")
	if i := strings.Index(h, number); i >= 0 {
		h = h[i+len(number):]
	}
	return strings.TrimLeft(strings.TrimRight(h, "* "), "：:）) 　_*")
}

func parseSPP(p *Precedent, lines []line) {
	m := sppNumber(lines)
	p.Authority = AuthorityProcuratory
	p.Seq, _ = strconv.Atoi(m[1])
	p.Number = "检例第" + m[1] + "号"
	p.ID = "jl-" + m[1]
	// A bracket split over two lines (【要 / 旨】) is one heading.
	for i := 0; i+1 < len(lines); i++ {
		t := lines[i].text
		if strings.HasPrefix(t, "【") && !strings.Contains(t, "】") && utf8.RuneCountInString(t) < 10 && strings.HasSuffix(lines[i+1].text, "】") && utf8.RuneCountInString(lines[i+1].text) < 10 {
			lines[i].text += lines[i+1].text
			lines = append(lines[:i+1], lines[i+2:]...)
		}
	}
	// A file that runs on into the next case (207 carries 208 after its own
	// text) ends at that case's title, the line before its number.
	for i := 4; i < len(lines); i++ {
		if m := sppNumberRE.FindStringSubmatch(plain(lines[i].text)); m != nil && m[1] != strconv.Itoa(p.Seq) && strings.HasPrefix(plain(lines[i].text), "（检例") {
			lines = lines[:i-1]
			break
		}
	}
	front, secs := split(lines, bracketHeading)
	title := ""
	for _, l := range front {
		t := strings.TrimLeft(l.text, "#* ")
		t = strings.ReplaceAll(t, "（"+p.Number+"）", "")
		if strings.HasPrefix(t, p.Number) {
			t = strings.TrimLeft(t[len(p.Number):], "_ 　")
		}
		if t = strings.TrimSpace(t); t != "" && title == "" {
			title = t
		}
	}
	p.Title = cleanTitle(listNumberRE.ReplaceAllString(title, ""))
	p.apply(secs, false)
}

func parseTypical(p *Precedent, lines []line) {
	p.Title = cleanTitle(strings.TrimPrefix(lines[0].text, "# "))
	// LawRefBook's info block: the collection, who released it, the date
	// (消费者权益保护典型案例 / 最高人民法院发布 / 2022-03-15).
	var meta []string
	var body []line
	inHead := true
	for _, l := range lines[1:] {
		switch {
		case l.text == infoEnd:
			inHead = false
		case inHead:
			meta = append(meta, Clean(l.text))
			if d := isoLineDate(l.text); d != "" {
				p.Published = d
			}
		case !(strings.HasPrefix(l.text, "<!--") && strings.HasSuffix(l.text, "-->")):
			body = append(body, l)
		}
	}
	p.Issued = strings.Join(meta, " ")
	front, secs := split(body, func(t string) (string, string, bool) {
		if strings.HasPrefix(t, "## ") {
			return Clean(strings.Trim(t[3:], "# ")), "", true
		}
		return "", "", false
	})
	// A first heading with nothing under it that is no known section is the
	// case name; the file's own heading then states the case's rule.
	if len(secs) > 1 && len(secs[0].body) == 0 && roles[secs[0].name] == "" && !knownTypical[secs[0].name] {
		if name := cleanTitle(secs[0].name); name != p.Title {
			p.Headline, p.Title = p.Title, name
		}
		secs = secs[1:]
	}
	if len(front) > 0 {
		secs = append([]*rawSection{{name: "", line: front[0].n, body: front}}, secs...)
	}
	p.apply(secs, true)
	for _, s := range p.Sections {
		if strings.Contains(s.Heading, "裁判") || s.Heading == "法院裁判" || s.Heading == "处理结果" {
			if c, d, n := lastDecision(s.Body); d != "" {
				p.Court, p.Date, p.CaseNo = c, d, n
			}
		}
	}
}

var isoDateRE = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)

// isoLineDate reads a line that is only a date, 2022-03-15 or 2022年3月15日.
func isoLineDate(t string) string {
	if m := isoDateRE.FindStringSubmatch(t); m != nil {
		return isoDate(m[1], m[2], m[3])
	}
	if d := parseDate(t); d != "" && dateRE.FindString(t) == t {
		return d
	}
	return ""
}

// knownTypical are section headings of the typical cases that are not
// case names.
var knownTypical = map[string]bool{
	"基本案情": true, "简要案情": true, "案情回顾": true, "裁判结果": true, "法院裁判": true, "处理结果": true,
	"典型意义": true, "案例分析": true, "法官解读": true, "适用解析": true, "申请人请求": true, "原告诉讼请求": true,
}

// Gazette cases have no section headings (one has the guiding-case ones).
// The judgment's stages start at the paragraphs where a court states what
// it found or held: 建湖县人民法院一审查明：, 江苏省高级人民法院认为：,
// 本院认为：.
var cueRE = regexp.MustCompile(`^(?:据此，|综上，|综上所述，)?((?:[^，。；：、\s“”《》]{2,40}?(?:人民法院|法院|法庭))|本院)((?:一审|二审|再审|经审理|经审查|审理后|经二审)?(?:查明|认为|审理查明|确认))[：:，,]`)

func parseGazette(p *Precedent, lines []line) {
	title := strings.TrimLeft(lines[0].text, "# ")
	title = strings.TrimSpace(strings.TrimPrefix(title, "首页 > 案例"))
	p.Title = cleanTitle(title)
	rest := lines[1:]
	heading := func(t string) (string, string, bool) {
		if name, inline, ok := bracketHeading(t); ok {
			return name, inline, true
		}
		return bareHeading(t)
	}
	front, secs := split(rest, heading)
	if len(secs) > 0 && roles[secs[0].name] != "points" {
		// A guiding case the Gazette printed (079): its own sections.
		for _, l := range front {
			p.issued(plain(l.text))
		}
		p.apply(secs, false)
		for _, s := range p.Sections {
			if s.Heading == "裁判结果" {
				p.Court, p.Date, p.CaseNo = lastDecision(s.Body)
			}
		}
		return
	}
	// The headnote ends where the judgment begins: at its first line naming
	// a party (原告：…) or a court's document header, or else after its first
	// paragraph. (Lines between the title and a second headnote, as in 102,
	// go with the first, which apply drops.)
	judgment := front
	if len(secs) > 0 {
		last := secs[len(secs)-1]
		end := min(1, len(last.body))
		for i, l := range last.body {
			if partyRE.MatchString(l.text) || cueRE.MatchString(l.text) {
				end = i
				break
			}
		}
		judgment = append(append([]line(nil), front...), last.body[end:]...)
		last.body = last.body[:end]
		p.apply(secs, false)
	}
	var stages []*rawSection
	cur := &rawSection{name: "案情"}
	for _, l := range judgment {
		if m := cueRE.FindStringSubmatchIndex(l.text); m != nil {
			if len(cur.body) > 0 {
				stages = append(stages, cur)
			}
			name := l.text[m[2]:m[5]]
			cur = &rawSection{name: name, line: l.n}
			if after := strings.TrimSpace(l.text[m[1]:]); after != "" {
				cur.body = append(cur.body, line{after, l.n})
			}
			continue
		}
		if len(cur.body) == 0 && cur.line == 0 {
			cur.line = l.n
		}
		cur.body = append(cur.body, l)
	}
	if len(cur.body) > 0 {
		stages = append(stages, cur)
	}
	p.apply(stages, false)
	var all strings.Builder
	for _, l := range judgment {
		all.WriteString(l.text)
		all.WriteString("\n")
	}
	p.Court, p.Date, p.CaseNo = lastDecision(all.String())
}

// partyRE is the first line of a judgment's list of parties.
var partyRE = regexp.MustCompile(`^(原告|被告|上诉人|被上诉人|再审申请人|申请再审人|申请人|被申请人|第三人|原审|起诉人|抗诉机关|一审原告|公诉机关)[^，。]{0,12}[：:（(]|^法公布|^中华人民共和国最高人民法院$`)
