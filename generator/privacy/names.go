package privacy

import (
	"strings"
	"unicode/utf8"
)

// compoundSurnames are the two-character surnames a pseudonym may keep
// (欧阳某).
var compoundSurnames = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Fields(`欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯
		轩辕 令狐 端木 独孤 南宫 西门 澹台 公冶 申屠 太史 钟离 闻人 赫连 呼延 万俟 第五 公羊 拓跋
		濮阳 百里 东郭 左丘 谷梁 段干 司空 司寇 亓官 鲜于 闾丘 子车 巫马 乐正 壤驷 漆雕 宰父 梁丘
		微生 羊舌 仲孙 叔孙 单于 太叔 淳于 贺兰 完颜 耶律`) {
		m[s] = true
	}
	return m
}()

// IsPseudonym reports whether display is how published judgments name a
// natural person: a surname and 某 (张某, 欧阳某), optionally followed by a
// second 某 (张某某), a heavenly stem (张某甲, 张某乙) or a one- or two-digit
// number (张某1) telling apart people with the same surname.
func IsPseudonym(display string) bool {
	d := strings.TrimSpace(display)
	i := strings.Index(d, "某")
	if i <= 0 {
		return false
	}
	surname, rest := d[:i], d[i+len("某"):]
	switch utf8.RuneCountInString(surname) {
	case 1:
		r, _ := utf8.DecodeRuneInString(surname)
		if !isHan(r) {
			return false
		}
	case 2:
		if !compoundSurnames[surname] {
			return false
		}
	default:
		return false
	}
	switch {
	case rest == "", rest == "某":
		return true
	case utf8.RuneCountInString(rest) == 1 && strings.Contains("甲乙丙丁戊己庚辛壬癸", rest):
		return true
	case len(rest) <= 2 && allDigits(rest):
		return true
	}
	return false
}

// scanNames finds the listed names, longest first at each position.
func (g *Guard) scanNames(text string, cs []candidate) []candidate {
	if len(g.names) == 0 {
		return cs
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		found := ""
		for _, name := range g.names[r] {
			if strings.HasPrefix(text[i:], name) {
				found = name
				break
			}
		}
		if found != "" {
			cs = append(cs, candidate{kind: KindName, start: i, end: i + len(found)})
			i += len(found)
			continue
		}
		i += size
	}
	return cs
}
