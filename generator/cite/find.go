package cite

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"huajie/generator/numeral"
)

// Levels of a provision.
const (
	lvlArticle   = 1 // 条
	lvlParagraph = 2 // 款
	lvlItem      = 3 // 项
	lvlSub       = 4 // 目
)

// maxRange is the largest range (第十条至第五十九条) expanded into one Ref per
// provision. A longer range keeps only its two ends.
const maxRange = 50

// maxTitle is the longest title, in runes, read between 《 and 》.
const maxTitle = 160

// maxParen is the longest parenthetical, in runes, skipped between a title
// and its articles: （2014年11月1日修正）, （法释〔2018〕1号）, （以下简称……）.
const maxParen = 160

// Find returns every citation in text, sorted by position and not
// overlapping. What counts as a citation:
//
//   - 《title》 followed by provisions, with version notes, 以下简称 and
//     document numbers in parentheses between them allowed; a title with no
//     provision when it looks like a legal instrument (it ends in 法, 条例,
//     规定, 解释 …) or carries a document number. Titles of contracts and case
//     documents (《产权交易合同》第五条) are not citations.
//   - a known name without marks followed by provisions: 行政诉讼法第七十条
//     (a built-in list of national laws, declared short titles and titles
//     already cited in the text); 该法第六十二条 for the title cited last.
//   - 法释〔2018〕1号, with or without provisions after it.
//   - self references: 本法, 本规则第二十条, 本条第二款, 前款第一项.
//   - a bare 第X条: it cites the title cited last in the same sentence
//     (carry-over, ended by 。！？, a line break or a new title) or, with none,
//     the text itself (Kind "self"). An article heading (第X条 at the start
//     of a line followed by a space) is not a citation.
func (p *Parser) Find(text string) []Citation {
	sc := newScanner(p, text)
	sc.run()
	return sc.out
}

// Parse reads s as exactly one citation, as a legal_basis entry is written:
// 《中华人民共和国行政诉讼法》第七十四条第二款第（一）项. Surrounding spaces, a
// leading list number (1. 1． ⒈ （1）) and a trailing 。；，are ignored. The
// error says what is wrong: no citation, text before or after it, more than
// one citation, a malformed numeral, an unclosed 《 or a range that runs
// backwards. Offsets in the result are offsets in s.
func (p *Parser) Parse(s string) (Citation, error) {
	body, off := trimEntry(s)
	if body == "" {
		return Citation{}, fmt.Errorf("empty citation")
	}
	sc := newScanner(p, body)
	sc.run()
	errAt := func(from, to int) error {
		for _, e := range sc.errs {
			if e.pos >= from && e.pos < to {
				return fmt.Errorf("%s", e.msg)
			}
		}
		return nil
	}
	if len(sc.out) == 0 {
		if err := errAt(0, len(body)); err != nil {
			return Citation{}, err
		}
		return Citation{}, fmt.Errorf("no citation in %q", body)
	}
	c := sc.out[0]
	if c.Start > 0 {
		if err := errAt(0, c.Start); err != nil {
			return Citation{}, err
		}
		return Citation{}, fmt.Errorf("unexpected text %q before the citation %q", body[:c.Start], c.Text)
	}
	if err := errAt(c.Start, c.End); err != nil {
		return Citation{}, err
	}
	if len(sc.out) > 1 {
		return Citation{}, fmt.Errorf("more than one citation: %q and %q", c.Text, sc.out[1].Text)
	}
	if c.End < len(body) {
		if err := errAt(c.End, len(body)); err != nil {
			return Citation{}, err
		}
		return Citation{}, fmt.Errorf("unexpected text %q after the citation %q", body[c.End:], c.Text)
	}
	c.Start += off
	c.End += off
	return c, nil
}

// trimEntry removes what may surround a citation in a list: spaces, a list
// number and closing punctuation. It returns the rest and its offset in s.
func trimEntry(s string) (string, int) {
	start, end := 0, len(s)
	trimSpace := func() {
		for start < end {
			r, w := utf8.DecodeRuneInString(s[start:end])
			if !isSpace(r) {
				break
			}
			start += w
		}
		for start < end {
			r, w := utf8.DecodeLastRuneInString(s[start:end])
			if !isSpace(r) && !strings.ContainsRune("。；;，,、", r) {
				break
			}
			end -= w
		}
	}
	trimSpace()
	// List numbers: 1. 1． 1、 ⒈ （1） (1).
	i := start
	for i < end && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > start && i < end {
		if r, w := utf8.DecodeRuneInString(s[i:end]); r == '.' || r == '．' || r == '、' {
			start = i + w
		}
	} else if r, w := utf8.DecodeRuneInString(s[start:end]); r >= '⒈' && r <= '⒛' {
		start += w
	} else if r == '（' || r == '(' {
		j := start + w
		k := j
		for k < end && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > j {
			if r2, w2 := utf8.DecodeRuneInString(s[k:end]); r2 == '）' || r2 == ')' {
				start = k + w2
			}
		}
	}
	trimSpace()
	return s[start:end], start
}

// ctxInfo is the instrument a bare 第X条 refers to.
type ctxInfo struct {
	title string
	short bool
	full  string
	doc   string
	kind  string
	skip  bool // the sentence cites a contract or case document: report nothing
}

type posErr struct {
	pos int
	msg string
}

type scanner struct {
	s       string
	aliases map[string]string // canonical short title → full title
	names   map[rune][]string // bare names learnt from this text, by first rune, longest first
	ctx     *ctxInfo          // carry-over for bare 第X条 within the sentence
	last    *ctxInfo          // the last titled instrument, for 该法
	out     []Citation
	errs    []posErr // problems Parse reports
}

func newScanner(p *Parser, s string) *scanner {
	sc := &scanner{s: s, aliases: p.snapshot(), names: map[rune][]string{}}
	for short := range sc.aliases {
		sc.addName(short)
	}
	return sc
}

func (sc *scanner) errorf(pos int, format string, args ...any) {
	sc.errs = append(sc.errs, posErr{pos, fmt.Sprintf(format, args...)})
}

func (sc *scanner) addName(name string) {
	if utf8.RuneCountInString(name) < 2 || !strings.ContainsFunc(name, isHan) {
		return
	}
	r, _ := utf8.DecodeRuneInString(name)
	for _, n := range sc.names[r] {
		if n == name {
			return
		}
	}
	l := append(sc.names[r], name)
	sort.SliceStable(l, func(i, j int) bool { return len(l[i]) > len(l[j]) })
	sc.names[r] = l
}

func (sc *scanner) emit(c Citation) {
	c.Text = sc.s[c.Start:c.End]
	sc.out = append(sc.out, c)
}

func (sc *scanner) run() {
	s := sc.s
	lastClose := strings.LastIndex(s, "》")
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		end := 0
		switch {
		case isSentenceEnd(r):
			sc.ctx = nil
		case r == '《':
			if e, ok := sc.titled(i); ok {
				i = e
				continue
			}
			if lastClose < i {
				sc.errorf(i, "unclosed 《 in %q", clip(s[i:]))
			}
		case r == '本' || r == '前' || r == '上':
			end = sc.self(i)
		case r == '该':
			end = sc.anaphor(i)
		case r == '法' || r == '高':
			end = sc.bareDoc(i)
		case r == '第':
			end = sc.bare(i)
		}
		if end == 0 && r != '第' && sc.maybeName(r) {
			end = sc.bareName(i)
		}
		if end > i {
			i = end
			continue
		}
		i += w
	}
}

// titled reads 《title》, the parentheticals after it and its provisions. It
// returns the offset after what it consumed; ok is false when there is no
// well-formed title at i.
func (sc *scanner) titled(i int) (int, bool) {
	s := sc.s
	title, j, ok := readTitle(s, i)
	if !ok {
		return 0, false
	}
	info := ctxInfo{title: title, kind: KindLaw}
	if full, ok := sc.aliases[canonTitle(title)]; ok && canonTitle(full) != canonTitle(title) {
		info.short, info.full = true, full
	}
	declared := false
	consumed := j
	k := skipSpaces(s, j)
	for {
		content, pend, ok := readParen(s, k)
		if !ok {
			break
		}
		if short, ok := aliasDecl(content); ok {
			sc.aliases[canonTitle(short)] = title
			if looksLegal(title) {
				sc.addName(canonTitle(short))
			}
			declared = true
			consumed = pend
		} else if doc := findDocNumber(content); doc != "" {
			if info.doc == "" {
				info.doc = doc
			}
			consumed = pend
		}
		k = skipSpaces(s, pend)
	}
	refs, cend, hasRefs := sc.chain(k, Ref{Title: title, Short: info.short, Full: info.full}, lvlArticle, lvlArticle, true)
	end := consumed
	if hasRefs {
		end = cend
	}
	if isInterpretation(title, info.doc) || (info.short && isInterpretation(info.full, "")) {
		info.kind = KindInterpretation
	}
	legal := looksLegal(title) || (info.short && looksLegal(info.full)) || info.doc != ""
	switch {
	case hasRefs && !legal && isPrivateDoc(title):
		// 《产权交易合同》第五条 cites a contract, not a legal instrument:
		// consume it, and the bare 第X条 after it in the sentence, silently.
		sc.ctx = &ctxInfo{skip: true}
		return end, true
	case !hasRefs && !legal && !(declared && looksLegal(title)):
		sc.ctx = nil
		return j, true
	}
	sc.ctx, sc.last = &info, &info
	sc.addName(Normalize(title))
	sc.emit(Citation{Start: i, End: end, Refs: refs, Kind: info.kind, DocNumber: info.doc})
	return end, true
}

// selfWords are the words by which a text cites itself or a unit of itself,
// longest first where one is a prefix of another. minLvl is the first level
// a following 第… may give: 本法第三条, 本条第二款, 前款第一项.
var selfWords = []struct {
	word   string
	rel    bool // a unit (本条, 前款), not the whole instrument (本法)
	minLvl int
}{
	{"本条例", false, lvlArticle}, {"本规则", false, lvlArticle}, {"本规定", false, lvlArticle},
	{"本办法", false, lvlArticle}, {"本细则", false, lvlArticle}, {"本解释", false, lvlArticle},
	{"本决定", false, lvlArticle}, {"本制度", false, lvlArticle}, {"本意见", false, lvlArticle},
	{"本章程", false, lvlArticle}, {"本准则", false, lvlArticle}, {"本通知", false, lvlArticle},
	{"本守则", false, lvlArticle}, {"本公约", false, lvlArticle}, {"本法", false, lvlArticle},
	{"本条", true, lvlParagraph}, {"本款", true, lvlItem}, {"本项", true, lvlSub}, {"本目", true, 0},
	{"前两款", true, lvlItem}, {"前三款", true, lvlItem}, {"前四款", true, lvlItem},
	{"前两条", true, 0}, {"前三条", true, 0}, {"前两项", true, 0}, {"前三项", true, 0},
	{"前款", true, lvlItem}, {"前条", true, lvlParagraph}, {"前项", true, lvlSub},
	{"上款", true, lvlItem},
}

// notAfterSelf are runes that turn a self word into another word:
// 本法院, 本决定书, 本项目, 本条件, 本条款, 以上款项.
const notAfterSelf = "院官书件目人律线路项款"

// notBeforeSelf are runes that make 本 or 前 the end of another word:
// 基本法, 根本目的, 提前款项.
const notBeforeSelf = "根基成资文样版副原剧课书日账标脚范蓝底读提目事此空生向眼"

// self reads 本法第三条, 本规则, 本条第二款, 前款第一项 and the like.
func (sc *scanner) self(i int) int {
	s := sc.s
	if prev, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && strings.ContainsRune(notBeforeSelf, prev) {
		return 0
	}
	for _, w := range selfWords {
		if !strings.HasPrefix(s[i:], w.word) {
			continue
		}
		j := i + len(w.word)
		if r, _ := utf8.DecodeRuneInString(s[j:]); j < len(s) && strings.ContainsRune(notAfterSelf, r) {
			return 0
		}
		base := Ref{}
		if w.rel {
			base.Rel = w.word
		}
		var refs []Ref
		end := j
		if w.minLvl > 0 {
			if rs, e, ok := sc.chain(j, base, w.minLvl, lvlSub, false); ok {
				refs, end = rs, e
			}
		}
		if refs == nil && w.rel {
			refs = []Ref{base}
		}
		sc.ctx = nil
		sc.emit(Citation{Start: i, End: end, Refs: refs, Kind: KindSelf})
		return end
	}
	return 0
}

// anaphorWords refer back to the instrument cited last: 该法第六十二条.
var anaphorWords = []string{"该条例", "该规定", "该办法", "该解释", "该规则", "该细则", "该决定", "该法"}

func (sc *scanner) anaphor(i int) int {
	if sc.last == nil {
		return 0
	}
	for _, w := range anaphorWords {
		if !strings.HasPrefix(sc.s[i:], w) {
			continue
		}
		l := sc.last
		refs, end, ok := sc.chain(i+len(w), Ref{Title: l.title, Short: l.short, Full: l.full}, lvlArticle, lvlArticle, false)
		if !ok {
			return 0
		}
		sc.ctx = l
		sc.emit(Citation{Start: i, End: end, Refs: refs, Kind: l.kind, DocNumber: l.doc})
		return end
	}
	return 0
}

// bareDoc reads a judicial interpretation cited by number: 法释〔2018〕1号第三条.
func (sc *scanner) bareDoc(i int) int {
	s := sc.s
	var prefix string
	for _, p := range []string{"法释", "高检发释字"} {
		if strings.HasPrefix(s[i:], p) {
			prefix = p
		}
	}
	if prefix == "" {
		return 0
	}
	doc, j, ok := readDocBracket(s, i+len(prefix), prefix)
	if !ok {
		return 0
	}
	info := &ctxInfo{doc: doc, kind: KindInterpretation}
	end := j
	refs, e, ok := sc.chain(skipSpaces(s, j), Ref{}, lvlArticle, lvlArticle, false)
	if ok {
		end = e
	}
	sc.ctx, sc.last = info, info
	sc.emit(Citation{Start: i, End: end, Refs: refs, Kind: KindInterpretation, DocNumber: doc})
	return end
}

// bare reads a 第X条 with no title before it. An article heading, 第X条
// at the start of a line followed by a space as statutes are written, is
// skipped.
func (sc *scanner) bare(i int) int {
	if sc.atLineStart(i) {
		if lvl, _, _, end, ok := sc.comp(i, lvlArticle, false); ok && lvl == lvlArticle {
			if r, _ := utf8.DecodeRuneInString(sc.s[end:]); isSpace(r) || strings.HasPrefix(sc.s[end:], "**") {
				return end
			}
		}
	}
	base, kind, doc := Ref{}, KindSelf, ""
	if c := sc.ctx; c != nil {
		base = Ref{Title: c.title, Short: c.short, Full: c.full}
		kind, doc = c.kind, c.doc
	}
	refs, end, ok := sc.chain(i, base, lvlArticle, lvlArticle, false)
	if !ok {
		return 0
	}
	if sc.ctx != nil && sc.ctx.skip {
		return end
	}
	sc.emit(Citation{Start: i, End: end, Refs: refs, Kind: kind, DocNumber: doc})
	return end
}

// atLineStart tells whether only spaces and Markdown marks (# * >) stand
// between the start of the line and i.
func (sc *scanner) atLineStart(i int) bool {
	for j := i; j > 0; {
		r, w := utf8.DecodeLastRuneInString(sc.s[:j])
		if r == '\n' {
			return true
		}
		if !isSpace(r) && r != '#' && r != '*' && r != '>' {
			return false
		}
		j -= w
	}
	return true
}

// maybeName tells whether a known name may start with r: a cheap test
// before bareName, which runs at almost every character of running text.
func (sc *scanner) maybeName(r rune) bool {
	if r < 0x10000 && builtinFirst[r>>6]&(1<<(r&63)) != 0 {
		return true
	}
	if r == '中' { // 中华人民共和国…
		return true
	}
	return len(sc.names) > 0 && sc.names[r] != nil
}

// boundaryBefore are runes that may directly precede a short bare name
// (刑法, 条例) inside running text: 依照刑法, 属于刑法, 2001年商标法.
const boundaryBefore = "照据反用合于为的即及和与或是在对由从称见循引背守将年并且亦也按依"

// bareName reads a known law name without book-title marks followed by a
// provision: 行政诉讼法第七十条, 中华人民共和国刑法第二十条. Known names are a
// built-in list of national laws, declared short titles and the titles
// already cited in the text.
func (sc *scanner) bareName(i int) int {
	s := sc.s
	j := i
	if strings.HasPrefix(s[i:], prcPrefix) {
		j += len(prcPrefix)
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	name := ""
	for _, list := range [][]string{sc.names[r], builtinNames[r]} {
		for _, n := range list {
			if len(n) > len(name) && strings.HasPrefix(s[j:], n) {
				name = n
				break
			}
		}
	}
	if name == "" {
		return 0
	}
	if j == i && utf8.RuneCountInString(name) <= 3 && i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if isHan(prev) && !strings.ContainsRune(boundaryBefore, prev) {
			return 0
		}
	}
	title := s[i : j+len(name)]
	info := &ctxInfo{title: title, kind: KindLaw}
	if full, ok := sc.aliases[canonTitle(title)]; ok && canonTitle(full) != canonTitle(title) {
		info.short, info.full = true, full
	}
	if isInterpretation(title, "") || (info.short && isInterpretation(info.full, "")) {
		info.kind = KindInterpretation
	}
	refs, end, ok := sc.chain(j+len(name), Ref{Title: title, Short: info.short, Full: info.full}, lvlArticle, lvlArticle, false)
	if !ok {
		return 0
	}
	sc.ctx, sc.last = info, info
	sc.emit(Citation{Start: i, End: end, Refs: refs, Kind: info.kind})
	return end
}

// elem is one element of a chain: the levels it gives, from top to deep,
// e.g. 第十条第二款 (top 条, deep 款) or 第三款 (top and deep 款).
type elem struct {
	top, deep int
	val       [5]int // by level
	suffix    int    // 之一
	list      []int  // compact list at the deep level: 第一、二项
}

// chain reads provisions at k: an element, then ranges and list members.
// The first element's top level must lie in [minTop, maxTop]. noDi allows
// the first element to omit 第 (204条 after a title). base gives the title
// and the levels above the first element.
func (sc *scanner) chain(k int, base Ref, minTop, maxTop int, noDi bool) ([]Ref, int, bool) {
	s := sc.s
	e, j, ok := sc.elem(k, minTop, noDi)
	if !ok || e.top > maxTop {
		return nil, 0, false
	}
	refs := e.refs(base)
	for {
		prev := refs[len(refs)-1]
		// A range: 第十条至第十二条, 第一项到第三项.
		if e.list == nil {
			if cw := rangeConn(s, j); cw > 0 {
				e2, j2, ok := sc.elem(j+cw, e.top, true)
				if ok && e2.top <= e.deep && e2.list == nil {
					refs = append(refs, sc.expand(prev, e, e2, k)...)
					j = j2
					e = e2
					continue
				}
			}
		}
		// A list member: 、第五条, 和第三款, 或者第五十七条.
		cw := listConn(s, j)
		if cw == 0 {
			break
		}
		e2, j2, ok := sc.elem(j+cw, minTop, true)
		if !ok {
			break
		}
		refs = append(refs, e2.refs(prev)...)
		j, e = j2, e2
	}
	return refs, j, true
}

// refs turns an element into Refs, taking the levels above its top from prev.
func (e elem) refs(prev Ref) []Ref {
	r := prev
	for l := e.top; l <= lvlSub; l++ {
		r.set(l, 0)
	}
	if e.top <= lvlArticle {
		r.ArticleSuffix = 0
	}
	for l := e.top; l <= e.deep; l++ {
		r.set(l, e.val[l])
	}
	if e.top <= lvlArticle && e.deep >= lvlArticle {
		r.ArticleSuffix = e.suffix
	}
	if e.list == nil {
		return []Ref{r}
	}
	out := make([]Ref, 0, len(e.list))
	for _, v := range e.list {
		r.set(e.deep, v)
		out = append(out, r)
	}
	return out
}

func (r *Ref) set(l, v int) {
	switch l {
	case lvlArticle:
		r.Article = v
	case lvlParagraph:
		r.Paragraph = v
	case lvlItem:
		r.Item = v
	case lvlSub:
		r.Sub = v
	}
}

func (r Ref) get(l int) int {
	switch l {
	case lvlArticle:
		return r.Article
	case lvlParagraph:
		return r.Paragraph
	case lvlItem:
		return r.Item
	case lvlSub:
		return r.Sub
	}
	return 0
}

// expand returns the Refs after from for the range e1 至 e2: every provision
// from the one after from up to e2 when the ends differ in one level only
// and the range is at most maxRange long, else just the far end.
func (sc *scanner) expand(from Ref, e1, e2 elem, pos int) []Ref {
	to := e2.refs(from)[0]
	l := e2.top
	lo, hi := from.get(l), to.get(l)
	simple := e2.top == e2.deep && e2.deep == e1.deep && from.ArticleSuffix == 0 && to.ArticleSuffix == 0
	if simple && hi < lo {
		sc.errorf(pos, "range runs backwards: %s to %s", levelName(l, lo), levelName(l, hi))
		return []Ref{to}
	}
	if !simple || hi-lo+1 > maxRange {
		return []Ref{to}
	}
	var out []Ref
	for v := lo + 1; v <= hi; v++ {
		r := from
		r.set(l, v)
		out = append(out, r)
	}
	return out
}

func levelName(l, v int) string {
	return "第" + numeral.Format(v) + string([]rune("条款项目")[l-1])
}

// elem reads 第十条之一第二款第（三）项… at k, levels strictly descending.
func (sc *scanner) elem(k, minLvl int, noDi bool) (elem, int, bool) {
	var e elem
	j := k
	first := true
	for {
		lvl, vals, suffix, end, ok := sc.comp(j, minLvl, noDi && first)
		if !ok {
			break
		}
		if first {
			e.top = lvl
		}
		e.deep = lvl
		e.val[lvl] = vals[0]
		if lvl == lvlArticle {
			e.suffix = suffix
		}
		j = end
		first = false
		if len(vals) > 1 {
			e.list = vals
			break
		}
		minLvl = lvl + 1
		if minLvl > lvlSub {
			break
		}
	}
	if first {
		return elem{}, 0, false
	}
	return e, j, true
}

// comp reads one level: 第十条(之一), 第2款, 第（三）项, 第一、二项, or without
// 第 when noDi: 204条.
func (sc *scanner) comp(k, minLvl int, noDi bool) (lvl int, vals []int, suffix, end int, ok bool) {
	s := sc.s
	j := k
	if strings.HasPrefix(s[j:], "第") {
		j += len("第")
	} else if !noDi {
		return
	}
	bracket := false
	if r, w := utf8.DecodeRuneInString(s[j:]); r == '（' || r == '(' {
		n, e, good := sc.number(j + w)
		if !good || n <= 0 {
			return
		}
		r2, w2 := utf8.DecodeRuneInString(s[e:])
		if r2 != '）' && r2 != ')' {
			return
		}
		vals, j, bracket = []int{n}, e+w2, true
	} else {
		for {
			n, e, good := sc.number(j)
			if !good {
				if len(vals) == 0 {
					return
				}
				// 第一、二 not followed by a number: the list ends before 、.
				break
			}
			if n <= 0 {
				return // a malformed numeral, reported by number
			}
			vals = append(vals, n)
			j = e
			if r, w := utf8.DecodeRuneInString(s[j:]); r == '、' {
				if _, e2, good := sc.number(j + w); good && e2 > j+w {
					j += w
					continue
				}
			}
			break
		}
	}
	r, w := utf8.DecodeRuneInString(s[j:])
	switch r {
	case '条':
		lvl = lvlArticle
	case '款':
		lvl = lvlParagraph
	case '项':
		lvl = lvlItem
	case '目':
		lvl = lvlSub
	default:
		return
	}
	if lvl < minLvl || (bracket && lvl < lvlItem) {
		return
	}
	if len(vals) > 1 && !strings.HasPrefix(s[k:], "第") {
		return // 一、二项 without 第 is too loose
	}
	end = j + w
	if lvl == lvlArticle && strings.HasPrefix(s[end:], "之") {
		if n, e, good := sc.number(end + len("之")); good && n > 0 {
			suffix, end = n, e
		}
	}
	return lvl, vals, suffix, end, true
}

// number reads a numeral (Chinese or Arabic) at k. good is false when there
// is no numeral at k. A malformed numeral directly followed by a level unit
// is reported and returns n = 0.
func (sc *scanner) number(k int) (n, end int, good bool) {
	s := sc.s
	j := k
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if !isNumeralRune(r) {
			break
		}
		j += w
	}
	if j == k {
		return 0, k, false
	}
	v, err := numeral.Parse(s[k:j])
	if err != nil {
		if r, _ := utf8.DecodeRuneInString(s[j:]); strings.ContainsRune("条款项目）)", r) {
			sc.errorf(k, "bad numeral in %q: %v", clip(s[max(0, k-3):]), err)
		}
		return 0, j, true
	}
	return v, j, true
}

func isNumeralRune(r rune) bool {
	return (r >= '0' && r <= '9') || (r >= '０' && r <= '９') || strings.ContainsRune("零〇一二三四五六七八九十百千两", r)
}

// rangeConn returns the width of a range connector at j: 至 到 ～ ~ — － -.
func rangeConn(s string, j int) int {
	k := skipSpaces(s, j)
	for _, c := range []string{"至", "到", "～", "~", "—", "－", "-", "–"} {
		if strings.HasPrefix(s[k:], c) {
			return skipSpaces(s, k+len(c)) - j
		}
	}
	return 0
}

// listConn returns the width of a list connector at j: 、 和 及 以及 或者 或 与.
func listConn(s string, j int) int {
	for _, c := range []string{"、", "以及", "和", "及", "或者", "或", "与"} {
		if strings.HasPrefix(s[j:], c) {
			k := skipSpaces(s, j+len(c))
			return k - j
		}
	}
	return 0
}

// readTitle reads 《…》 at i, allowing nested 《》 〈〉 <>. It returns the
// text between the outer marks and the offset after 》.
func readTitle(s string, i int) (string, int, bool) {
	depth := 0
	n := 0
	for j := i; j < len(s); {
		r, w := utf8.DecodeRuneInString(s[j:])
		switch r {
		case '《':
			depth++
		case '》':
			depth--
			if depth == 0 {
				t := strings.TrimSpace(s[i+len("《") : j])
				if t == "" {
					return "", 0, false
				}
				return t, j + w, true
			}
		case '\n', '。':
			return "", 0, false
		}
		n++
		if n > maxTitle {
			return "", 0, false
		}
		j += w
	}
	return "", 0, false
}

// readParen reads a parenthetical （…） or (…) at k, nesting allowed, and
// returns its content and the offset after it.
func readParen(s string, k int) (string, int, bool) {
	r, w := utf8.DecodeRuneInString(s[k:])
	if r != '（' && r != '(' {
		return "", 0, false
	}
	depth, n := 0, 0
	for j := k; j < len(s); {
		r, w2 := utf8.DecodeRuneInString(s[j:])
		switch r {
		case '（', '(':
			depth++
		case '）', ')':
			depth--
			if depth == 0 {
				return s[k+w : j], j + w2, true
			}
		case '\n', '。':
			return "", 0, false
		}
		n++
		if n > maxParen {
			return "", 0, false
		}
		j += w2
	}
	return "", 0, false
}

// aliasDecl reads a short-title declaration: 以下简称《行政诉讼法》,
// 以下简称“行政诉讼法”, 简称行政诉讼法, 下称……
func aliasDecl(content string) (string, bool) {
	c := strings.TrimSpace(content)
	found := false
	for _, p := range []string{"以下简称", "以下称", "以下统称", "下称", "简称"} {
		if strings.HasPrefix(c, p) {
			c, found = strings.TrimPrefix(c, p), true
			break
		}
	}
	if !found {
		return "", false
	}
	c = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c), "为"))
	c = strings.TrimSpace(stripMarks(c))
	if c == "" || utf8.RuneCountInString(c) > 40 || strings.ContainsAny(c, "，,。；;：:《》“”\"") {
		return "", false
	}
	return c, true
}

// findDocNumber finds a document number in a parenthetical: 法释〔2018〕1号,
// 法释[2015]10号, 国务院令第590号, 交通部令1993年第5号.
func findDocNumber(content string) string {
	for i := 0; i < len(content); {
		r, w := utf8.DecodeRuneInString(content[i:])
		if isDocOpen(r) || r == '令' {
			// The issuer is the run of Han characters before i.
			p := i
			for p > 0 {
				r2, w2 := utf8.DecodeLastRuneInString(content[:p])
				if !isHan(r2) {
					break
				}
				p -= w2
			}
			if r == '令' {
				if p < i {
					if doc, ok := readDocOrder(content, p, i+w); ok {
						return doc
					}
				}
			} else if p < i {
				if doc, _, ok := readDocBracket(content, i, content[p:i]); ok {
					return doc
				}
			}
		}
		i += w
	}
	return ""
}

func isDocOpen(r rune) bool { return strings.ContainsRune("〔[［【（(", r) }

func isDocClose(r rune) bool { return strings.ContainsRune("〕]］】）)", r) }

// readDocBracket reads 〔2018〕1号 (or [2018]第1号) at k and returns the
// normalised number prefix〔2018〕1号.
func readDocBracket(s string, k int, prefix string) (string, int, bool) {
	r, w := utf8.DecodeRuneInString(s[k:])
	if !isDocOpen(r) {
		return "", 0, false
	}
	year, j, ok := readDigits(s, k+w)
	if !ok || len(year) != 4 {
		return "", 0, false
	}
	r, w = utf8.DecodeRuneInString(s[j:])
	if !isDocClose(r) {
		return "", 0, false
	}
	j += w
	j = skipSpaces(s, j)
	if strings.HasPrefix(s[j:], "第") {
		j += len("第")
	}
	num, j2, ok := readDigits(s, j)
	if !ok || !strings.HasPrefix(s[j2:], "号") {
		return "", 0, false
	}
	return prefix + "〔" + year + "〕" + strings.TrimLeft(num, "0") + "号", j2 + len("号"), true
}

// readDocOrder reads 令(1993年)第5号 after an issuer at p; k is after 令.
func readDocOrder(s string, p, k int) (string, bool) {
	j := k
	year := ""
	if y, e, ok := readDigits(s, j); ok && len(y) == 4 && strings.HasPrefix(s[e:], "年") {
		year, j = y+"年", e+len("年")
	}
	if !strings.HasPrefix(s[j:], "第") {
		return "", false
	}
	num, e, ok := readDigits(s, j+len("第"))
	if !ok || !strings.HasPrefix(s[e:], "号") {
		return "", false
	}
	return s[p:k] + year + "第" + strings.TrimLeft(num, "0") + "号", true
}

// readDigits reads ASCII or full-width digits and returns them as ASCII.
func readDigits(s string, k int) (string, int, bool) {
	var b strings.Builder
	j := k
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune('0' + r - '０')
		default:
			return b.String(), j, b.Len() > 0
		}
		j += w
		if b.Len() > 12 {
			return "", 0, false
		}
	}
	return b.String(), j, b.Len() > 0
}

// isInterpretation tells whether a title or document number belongs to a
// judicial interpretation.
func isInterpretation(title, doc string) bool {
	if strings.HasPrefix(doc, "法释") || strings.HasPrefix(doc, "高检发释字") {
		return true
	}
	n := Normalize(title)
	return strings.HasPrefix(n, "最高人民法院") || strings.HasPrefix(n, "最高人民检察院")
}

// legalSuffixes end the titles of legal instruments.
var legalSuffixes = []string{
	"法", "法典", "条例", "规定", "办法", "细则", "解释", "决定", "规则", "意见", "通知", "批复",
	"答复", "复函", "公约", "条约", "协定", "议定书", "章程", "纲要", "规范", "标准", "准则",
	"守则", "制度", "纪要", "令", "修正案", "规程", "措施", "决议", "指引", "指南", "法规",
	"通则", "总则", "公告", "通告",
}

// privateSuffixes end the titles of contracts and case documents, whose
// numbered clauses are not legal provisions.
var privateSuffixes = []string{
	"合同", "协议", "书", "报告", "说明", "笔录", "证明", "清单", "凭证", "收据", "函", "纪要",
}

// isPrivateDoc tells whether a title names a contract or a case document.
func isPrivateDoc(title string) bool {
	t := canonTitle(title)
	for strings.HasSuffix(t, "）") {
		k := strings.LastIndex(t, "（")
		if k < 0 {
			break
		}
		t = t[:k]
	}
	for _, suf := range privateSuffixes {
		if strings.HasSuffix(t, suf) {
			return true
		}
	}
	return false
}

// looksLegal tells whether a title names a legal instrument, looking at its
// end after any trailing （试行）, （一）, （2020年修正）.
func looksLegal(title string) bool {
	t := canonTitle(title)
	for strings.HasSuffix(t, "）") {
		k := strings.LastIndex(t, "（")
		if k < 0 {
			break
		}
		t = t[:k]
	}
	for _, suf := range legalSuffixes {
		if strings.HasSuffix(t, suf) {
			return true
		}
	}
	return false
}

func skipSpaces(s string, j int) int {
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if !isSpace(r) {
			break
		}
		j += w
	}
	return j
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' || r == '\u200b'
}

func isSentenceEnd(r rune) bool {
	return r == '。' || r == '！' || r == '？' || r == '!' || r == '?' || r == '\n'
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// clip shortens s for an error message.
func clip(s string) string {
	n := 0
	for i := range s {
		if n == 24 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
