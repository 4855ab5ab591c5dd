// Package cite finds and parses citations of Chinese legal provisions
// (《中华人民共和国行政诉讼法》第七十四条第二款第（一）项, 本规则第二十条, 前款,
// 法释〔2018〕1号第三条) and court case numbers (案号, （2023）豫16行初123号).
//
// A Parser finds every citation in running text (Find) or checks that a
// string is exactly one citation (Parse), the form a legal_basis entry takes.
// Numerals may be Chinese or Arabic, half or full width; lists (、 和 及 或者),
// ranges (至 到) and compact lists (第一、二项) expand into one Ref per
// provision. A bare 第五条 after 《X》第三条 in the same sentence still cites X.
//
// Titles are kept as written. Normalize gives the form to compare titles by,
// so that 《行政诉讼法》 and 《中华人民共和国行政诉讼法》 compare equal.
//
// Decisions: a range of more than 50 provisions (第一条至第八十条) keeps only
// its two ends instead of being cut short; a range that runs backwards keeps
// its two ends in Find and is an error in Parse. Case numbers written with
// 【】, [], ［］ or 〔〕 around the year, or with half-width or mixed-width
// parentheses, are accepted and String normalises them to （）; mixed
// bracket families (【2023）) are an error.
package cite

import (
	"strings"
	"sync"
)

// Citation kinds.
const (
	KindLaw            = "law"            // a titled instrument: 《行政诉讼法》第六十条, or a known bare name: 行政诉讼法第六十条
	KindSelf           = "self"           // the text citing itself: 本规则第二十条, 本条, 前款, 本法, bare 第五条
	KindInterpretation = "interpretation" // a judicial interpretation: 法释〔2018〕1号, 《最高人民法院关于……的解释》
)

// Ref is one cited provision. Levels are 条 (Article), 款 (Paragraph), 项
// (Item) and 目 (Sub); 0 means the level was not given. A Ref with no level
// set cites the whole instrument (本法) or a relative unit (本条, 前款).
type Ref struct {
	Title         string // as written inside 《》 (or the bare name), "" for self references and bare 法释 numbers
	Short         bool   // Title is a short title resolved through an alias (Parser.Alias or 以下简称)
	Full          string // the full title a short title stands for; "" unless Short
	Rel           string // relative unit for self references: 本条 本款 本项 前款 前条 前项 前两款 …; "" otherwise
	Article       int    // 条
	Paragraph     int    // 款
	Item          int    // 项
	Sub           int    // 目
	ArticleSuffix int    // 第十条之一 → 1
}

// Citation is one span of text that cites something; a range or list expands
// into several Refs.
type Citation struct {
	Start, End int    // byte offsets in the text; Text == text[Start:End]
	Text       string // the cited span as written
	Refs       []Ref  // one per provision; empty when the whole instrument is cited
	Kind       string // KindLaw, KindSelf or KindInterpretation
	DocNumber  string // document number when given, normalised to 〔〕 and ASCII digits: 法释〔2018〕1号
}

// Parser finds and parses citations. Its zero value is not usable; call
// NewParser. Alias may be called at any time; Find and Parse are safe for
// concurrent use. Aliases learnt from a text (以下简称) apply to the rest of
// that text only.
type Parser struct {
	mu      sync.RWMutex
	aliases map[string]string // canonical short title → full title
}

// NewParser returns a Parser with no aliases.
func NewParser() *Parser {
	return &Parser{aliases: map[string]string{}}
}

// Alias declares that the short title stands for the full title, as a
// document does with （以下简称《工作规则》）. Book-title marks or quotes
// around either are removed. Afterwards 《short》 citations are reported with
// Short set and Full = full, and the bare name followed by 第…条 is
// recognised as a citation too.
func (p *Parser) Alias(short, full string) {
	short, full = canonTitle(stripMarks(short)), strings.TrimSpace(stripMarks(full))
	if short == "" || full == "" {
		return
	}
	p.mu.Lock()
	p.aliases[short] = full
	p.mu.Unlock()
}

// Resolve returns the full title for a title declared with Alias, or title
// itself.
func (p *Parser) Resolve(title string) string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	if full, ok := p.aliases[canonTitle(stripMarks(title))]; ok {
		return full
	}
	return title
}

func (p *Parser) snapshot() map[string]string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	m := make(map[string]string, len(p.aliases))
	for k, v := range p.aliases {
		m[k] = v
	}
	return m
}

const prcPrefix = "中华人民共和国"

// Normalize returns the form of a title to compare titles by: spaces
// removed, nested marks <> and 《》 written 〈〉, half-width parentheses made
// full width, and the 中华人民共和国 prefix removed from the title and from
// every nested title. 《中华人民共和国行政诉讼法》 and 《行政诉讼法》 both give
// 行政诉讼法; 最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释 gives
// 最高人民法院关于适用〈行政诉讼法〉的解释.
func Normalize(title string) string {
	t := canonTitle(stripMarks(title))
	t = strings.TrimPrefix(t, prcPrefix)
	return strings.ReplaceAll(t, "〈"+prcPrefix, "〈")
}

// canonTitle removes spaces and unifies nested marks and parentheses but
// keeps the 中华人民共和国 prefix: it is the key aliases are stored under.
func canonTitle(t string) string {
	var b strings.Builder
	for _, r := range t {
		switch r {
		case ' ', '\t', '\u3000', '\u00a0', '\u200b', '\n':
			continue
		case '<', '《', '＜':
			r = '〈'
		case '>', '》', '＞':
			r = '〉'
		case '(':
			r = '（'
		case ')':
			r = '）'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// stripMarks removes surrounding spaces and one pair of 《》 or quotes.
func stripMarks(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range [][2]string{{"《", "》"}, {"“", "”"}, {"\"", "\""}, {"‘", "’"}, {"「", "」"}} {
		if strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) && len(s) >= len(p[0])+len(p[1]) {
			return strings.TrimSpace(s[len(p[0]) : len(s)-len(p[1])])
		}
	}
	return s
}
