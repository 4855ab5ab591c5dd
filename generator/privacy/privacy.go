// Package privacy is the personal-information guard (个人信息) of the build: it
// finds what published cases must not print about natural persons — ID
// numbers, phone numbers, bank cards, number plates, property certificate
// numbers, street-level addresses and names from the editors' list — so that
// the build can fail at path:line:col before any of it reaches a public page.
//
// The recognisers are precise rather than greedy: a number must pass its own
// check (region, birth date and check digit of an ID number, Luhn for a card)
// and must not be part of a longer number, and the words just before it decide
// between a bank card and a document number. What they still get wrong is
// meant to be allowed item by item (privacy_allow, see Allow), never by
// switching the guard off.
package privacy

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"huajie/generator/diag"
)

// The kinds of personal information, as Finding.Kind reports them.
const (
	KindID       = "身份证号"
	KindMobile   = "手机号"
	KindLandline = "固定电话"
	KindCard     = "银行卡号"
	KindPlate    = "机动车号牌"
	KindProperty = "不动产权证号"
	KindAddress  = "详细住址"
	KindName     = "自然人姓名"
)

// Finding is one piece of personal information in a text.
type Finding struct {
	Kind   string // one of the Kind constants
	Offset int    // byte offset of Match in the scanned text
	Len    int    // byte length of Match
	Match  string // the text found, exactly text[Offset:Offset+Len]
	Masked string // Match with the identifying part starred out, safe to print in a build log
	Hint   string // how to fix it
}

// hints say how to fix each kind; messages are English, the text quoted stays Chinese.
var hints = map[string]string{
	KindID:       "delete the ID number; a published case never shows a natural person's 身份证号",
	KindMobile:   "delete the mobile number; a natural person's contact details are not published",
	KindLandline: "delete the phone number; if it is an agency's public number, list it in privacy_allow with a reason",
	KindCard:     "delete the bank card or account number",
	KindPlate:    "keep at most the province and the letter of the plate (豫P×××××)",
	KindProperty: "delete the certificate number; describe the property without it",
	KindAddress:  "cut the address back to the county or township, or pseudonymise it (某村, 某路)",
	KindName:     "replace the name with a pseudonym: surname + 某 (张某; 张某甲 and 张某乙 for two with one surname)",
}

// Kind priority when two candidates overlap: the lower wins.
var priority = map[string]int{
	KindID: 0, KindCard: 1, KindMobile: 2, KindLandline: 3,
	KindProperty: 4, KindPlate: 5, KindAddress: 6, KindName: 7,
}

// Guard scans texts for personal information. It is built once per build
// and safe for concurrent use.
type Guard struct {
	names map[rune][]string // listed full names by first rune, longest first
}

// New returns a guard that also reports every occurrence of the given full
// names (content/privacy/names.txt). Blank entries, entries of one character
// and entries that are already pseudonyms (张某) are ignored.
func New(names []string) *Guard {
	g := &Guard{names: map[rune][]string{}}
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if utf8.RuneCountInString(n) < 2 || IsPseudonym(n) || seen[n] {
			continue
		}
		seen[n] = true
		r, _ := utf8.DecodeRuneInString(n)
		g.names[r] = append(g.names[r], n)
	}
	for _, list := range g.names {
		sort.Slice(list, func(i, j int) bool {
			if len(list[i]) != len(list[j]) {
				return len(list[i]) > len(list[j])
			}
			return list[i] < list[j]
		})
	}
	return g
}

// candidate is a finding before overlaps are resolved; start and end are
// byte offsets in the original text.
type candidate struct {
	kind       string
	start, end int
	keepFirst  int // digits (letters and digits for plates) left visible at the start
	keepLast   int // and at the end; names and addresses have their own masks
}

// Scan returns every finding in text, sorted by offset and non-overlapping.
func (g *Guard) Scan(text string) []Finding {
	n := normalize(text)
	var cs []candidate
	cs = scanNumbers(n, cs)
	cs = scanPlates(n, cs)
	cs = scanProperty(n, cs)
	cs = scanAddresses(n, cs)
	cs = scanResidences(n, cs)
	cs = g.scanNames(text, cs)
	return resolve(text, cs)
}

// resolve keeps the best of overlapping candidates (by kind priority, then
// length, then position) and turns them into findings sorted by offset.
func resolve(text string, cs []candidate) []Finding {
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if pa, pb := priority[a.kind], priority[b.kind]; pa != pb {
			return pa < pb
		}
		if la, lb := a.end-a.start, b.end-b.start; la != lb {
			return la > lb
		}
		return a.start < b.start
	})
	var kept []candidate // sorted by start, never overlapping
	for _, c := range cs {
		if c.end <= c.start {
			continue
		}
		// Only the last kept candidate starting before c ends can overlap it.
		i := sort.Search(len(kept), func(i int) bool { return kept[i].start >= c.end })
		if i > 0 && kept[i-1].end > c.start {
			continue
		}
		kept = slices.Insert(kept, i, c)
	}
	out := make([]Finding, 0, len(kept))
	for _, c := range kept {
		m := text[c.start:c.end]
		out = append(out, Finding{
			Kind:   c.kind,
			Offset: c.start,
			Len:    c.end - c.start,
			Match:  m,
			Masked: mask(c, m),
			Hint:   hints[c.kind],
		})
	}
	return out
}

// Allow drops the findings that an item's privacy_allow list covers: a
// finding is allowed when an allowance occurs in text at a place that
// contains the whole finding (so "法院电话0394-8123456" allows that number
// there and nowhere else, and "0394-8123456" allows it everywhere). It returns
// the findings kept and the allowances that allowed something, in list
// order, for the build summary; an allowance not returned is stale.
func Allow(text string, fs []Finding, allow []string) (kept []Finding, used []string) {
	usedSet := map[int]bool{}
	for _, f := range fs {
		allowed := false
		for i, a := range allow {
			if a != "" && covers(text, a, f.Offset, f.Offset+f.Len) {
				allowed = true
				usedSet[i] = true
			}
		}
		if !allowed {
			kept = append(kept, f)
		}
	}
	for i, a := range allow {
		if usedSet[i] {
			used = append(used, a)
		}
	}
	return kept, used
}

// covers reports whether an occurrence of a in text spans [start, end).
func covers(text, a string, start, end int) bool {
	// Any occurrence starting in [end-len(a), start] spans the finding.
	lo := max(0, end-len(a))
	hi := min(start, len(text)-len(a))
	if lo > hi {
		return false
	}
	j := strings.Index(text[lo:], a)
	return j >= 0 && lo+j <= hi
}

// Pos returns the position of byte offset off in text, where base is the
// position of text's first byte (for a Markdown body, its first line at
// column 1). Columns count runes, as diag.Pos does.
func Pos(base diag.Pos, text string, off int) diag.Pos {
	off = min(max(off, 0), len(text))
	before := text[:off]
	line := strings.Count(before, "\n")
	col := utf8.RuneCountInString(before[strings.LastIndex(before, "\n")+1:])
	if line == 0 {
		return diag.Pos{File: base.File, Line: base.Line, Col: max(base.Col, 1) + col}
	}
	return diag.Pos{File: base.File, Line: base.Line + line, Col: col + 1}
}

// Report adds one diagnostic per finding to l. The message quotes the masked
// form, so that the build log does not repeat what it warns about.
func Report(l *diag.List, base diag.Pos, text string, fs []Finding) {
	for _, f := range fs {
		l.Add(Pos(base, text, f.Offset), "personal information (%s %s): %s", f.Kind, f.Masked, f.Hint)
	}
}
