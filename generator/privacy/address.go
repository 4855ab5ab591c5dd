package privacy

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A 详细住址 is an address below the county: a house in a village
// (…村…组…号), a number in a street or lane (…街…号, …弄…号), a flat on a
// road or in an estate (…路…号…室, …小区…号楼…单元…室), or any address with
// a house number given as where someone lives (住…路…号, see
// scanResidences). A road number alone (七一路100号) is usually the seat of an
// agency or a company and is not reported. A place already pseudonymised
// (某村, 某路, ××村) never is.
var (
	roadRe     = regexp.MustCompile(`^(大道|公路|大街|胡同|路|街|巷|弄)(\d+(?:弄|支弄|巷))?\d+(?:-\d+)?号`)
	villageRe  = regexp.MustCompile(`^村(?:第?(?:\d+|[〇一二三四五六七八九十]+)(?:村民小组|村民组|小组|组|生产队|队))?\d+(?:-\d+)?号`)
	buildingRe = regexp.MustCompile(`^(?:[A-Za-z]?\d+[A-Za-z]?|[A-Za-z])(?:号楼|栋|幢|座)`)
	// tailRe reads what follows a house number: a flat written compactly
	// (23-201室, 3-2-501室), or building, unit, floor and room.
	tailRe = regexp.MustCompile(`^(?:(\d+-\d+(?:-\d+)?(?:室|户))|(?:院|楼)?-?(?:((?:[A-Za-z]?\d+[A-Za-z]?|[A-Za-z])(?:号楼|栋|幢|座))-?)?(?:(\d+(?:单元|门))-?)?(?:\d+(?:层|楼)-?)?(?:(\d+(?:室|户|房|号))|(\d{3,4}))?)`)
)

// lanes are street keywords whose numbers are reported on their own.
var lanes = map[string]bool{"大街": true, "街": true, "巷": true, "胡同": true, "弄": true}

// nameStops end a place name when reading backwards from its keyword:
// administrative units and places above it, and the characters that
// introduce an address (住, 在, 于, 迁 …).
const nameStops = "省市县区镇乡州旗盟道路街巷村组号住在于至的地与和及或为是系位将把被对给让到从往由向迁了之"

// nameStopWords end a place name like nameStops: verbs that often come just
// before an address (证明民安巷…, 办理民安巷…).
var nameStopWords = []string{"证明", "办理", "认定", "位于", "坐落", "座落", "搬出", "搬入", "迁入", "迁出", "登记", "取得", "包括", "地址", "住址", "前往", "来到"}

// maxName is how many characters of a place name are read backwards; ASCII
// letters count too (Trillion公寓).
const maxName = 12

// pseudo marks a place already pseudonymised or a word that points back
// (该村, 本路) rather than naming a place.
const pseudo = "某×Xx*＊○〇该本此其各每全同邻外农乡这那"

type tail struct {
	end                  int
	compact              bool // 23-201室
	building, unit, room bool
	afterBuildingKeyword bool // the house number was a building number: 3号楼
}

func readTail(s string, i int) tail {
	t := tail{end: i}
	m := tailRe.FindStringSubmatchIndex(s[i:])
	if m == nil {
		return t
	}
	t.afterBuildingKeyword = strings.HasPrefix(s[i:], "楼")
	t.compact = m[2] >= 0
	t.building = m[4] >= 0
	t.unit = m[6] >= 0
	t.room = m[2] >= 0 || m[8] >= 0 || m[10] >= 0 && t.unit
	end := m[1]
	if m[10] >= 0 && !t.unit {
		end = m[10] // a bare number is a room only after a unit: 2单元501
	}
	if i+end < len(s) && isDigit(s[i+end]) {
		return tail{end: i, afterBuildingKeyword: t.afterBuildingKeyword}
	}
	t.end = i + end
	return t
}

// flat reports whether a tail places a single home.
func (t tail) flat() bool { return t.room || t.building && t.unit }

// scanAddresses tries the anchored patterns only where they can start: at
// a keyword followed by a digit (or 村 followed by a group), and at a run of
// letters and digits followed by a building word.
func scanAddresses(n norm, cs []candidate) []candidate {
	s := n.s
	add := func(a, b int) {
		cs = append(cs, candidate{kind: KindAddress, start: n.orig(a), end: n.orig(b)})
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if alnum[c] && (i == 0 || !alnum[s[i-1]]) {
				if a, b, ok := building(s, i); ok {
					add(a, b)
				}
			}
			i++
			continue
		}
		// Only 村 and a road keyword before a digit start an address:
		// most characters need not be decoded.
		next := i + runeLen(c)
		switch {
		case strings.HasPrefix(s[i:], "村"):
			if a, b, ok := village(s, i); ok {
				add(a, b)
			}
		case next < len(s) && isDigit(s[next]):
			if r, _ := utf8.DecodeRuneInString(s[i:]); strings.ContainsRune("路街巷弄道同", r) {
				if a, b, ok := road(s, i, r); ok {
					add(a, b)
				}
			}
		}
		i = next
	}
	return cs
}

// road reads a street address whose keyword ends with the rune r at byte i.
func road(s string, i int, r rune) (int, int, bool) {
	switch r {
	case '道':
		if !strings.HasSuffix(s[:i], "大") {
			return 0, 0, false
		}
		i -= len("大")
	case '同':
		if !strings.HasSuffix(s[:i], "胡") {
			return 0, 0, false
		}
		i -= len("胡")
	}
	m := roadRe.FindStringSubmatchIndex(s[i:])
	if m == nil {
		return 0, 0, false
	}
	start, ok := placeName(s, i)
	if !ok {
		return 0, 0, false
	}
	t := readTail(s, i+m[1])
	if t.end == i+m[1] {
		// The name of an estate may come between the road number and the
		// flat: 双龙大道833号南方花园A组团23-201室.
		j := i + m[1]
		for k := 0; k < 12; k++ {
			r, size := runeAt(s, j)
			if !isHan(r) && !isLetter(r) || strings.ContainsRune("某该本此", r) {
				break
			}
			j += size
		}
		// Only a flat that cannot be a second street number counts here
		// (not 青山南路1号和东湖区青山南路3号).
		if e := readTail(s, j); j > i+m[1] && (e.compact || e.building && (e.unit || e.room)) {
			t = e
		}
	}
	lane := lanes[s[i+m[2]:i+m[3]]] || m[4] >= 0
	switch {
	case t.afterBuildingKeyword && !t.flat() && !lane:
		return 0, 0, false
	case lane, t.flat():
		return start, t.end, true
	}
	return 0, 0, false
}

// village reads a house number in a village: 李庄村3组25号.
func village(s string, i int) (int, int, bool) {
	m := villageRe.FindStringIndex(s[i:])
	if m == nil {
		return 0, 0, false
	}
	end := i + m[1]
	if hasPrefixAny(s[end:], "地", "文", "令") {
		return 0, 0, false // 2号地块, 1号文件
	}
	start, ok := placeName(s, i)
	if !ok {
		return 0, 0, false
	}
	t := readTail(s, end)
	if t.afterBuildingKeyword && !t.room && !t.unit {
		return 0, 0, false // 新村3号楼 is a building, not a house
	}
	return start, t.end, true
}

// building reads a flat in an estate: 阳光小区3号楼2单元501室.
func building(s string, i int) (int, int, bool) {
	j := i
	for j < len(s) && isAlnum(s[j]) {
		j++
	}
	if !hasPrefixAny(s[j:], "号楼", "栋", "幢", "座") {
		return 0, 0, false
	}
	m := buildingRe.FindStringIndex(s[i:])
	if m == nil {
		return 0, 0, false
	}
	start, ok := placeName(s, i)
	if !ok {
		return 0, 0, false
	}
	t := readTail(s, i+m[1])
	if !t.room && !t.unit {
		return 0, 0, false
	}
	return start, t.end, true
}

// placeName reads backwards from the keyword at byte i over the name of the
// village, road or estate and returns where it starts. It fails when there
// is no name or the name is pseudonymised. A house number just before a
// building (隔田坊63号5座303房) is read as part of the name.
func placeName(s string, i int) (int, bool) {
	start := i
	if r, size := runeBefore(s, start); r == '号' && start-size > 0 && isDigit(s[start-size-1]) {
		start -= size
		for start > 0 && isDigit(s[start-1]) {
			start--
		}
	}
	r, size := runeBefore(s, start)
	if size == 0 || strings.ContainsRune(pseudo, r) || !isHan(r) && !isLetter(r) {
		return 0, false
	}
	start -= size // the character just before always belongs to the name (新市村)
	for k := 1; k < maxName; k++ {
		r, size := runeBefore(s, start)
		if size == 0 || !isHan(r) && !isLetter(r) || strings.ContainsRune(nameStops, r) || hasStopWord(s[:start]) {
			break
		}
		if strings.ContainsRune("某×*＊○〇", r) {
			return 0, false
		}
		start -= size
	}
	return start, true
}

func hasStopWord(s string) bool {
	for _, w := range nameStopWords {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func isLetter(r rune) bool { return r < 0x80 && isAlnum(byte(r)) && !isDigit(byte(r)) }

// residenceSkip are the characters that, right after 住, make it part of
// another word: 住所 (the seat of an organisation), 住院, 住宿, 住户, 住宅,
// 住房 and 住建 (as in 住房和城乡建设局), 暂住证, 住持, 常住人口.
const residenceSkip = "所院宿户宅房建证持人"

// unitWords end a number that places a home: house, room, floor, building,
// unit. Not 户, which counts households (常住人口100户) more often than it
// names a flat.
var unitWords = []string{"号", "室", "楼", "栋", "幢", "座", "单元"}

// scanResidences finds addresses given as where someone lives or is
// registered (住…, 住址：…, 户籍地…), whatever their form, as long as they
// carry a number: 现住香港九龙观塘祥和苑和健阁29楼.
func scanResidences(n norm, cs []candidate) []candidate {
	s := n.s
	for _, trigger := range []string{"住", "户籍"} {
		for i := 0; ; {
			k := strings.Index(s[i:], trigger)
			if k < 0 {
				break
			}
			i += k + len(trigger)
			if r, _ := runeAt(s, i); trigger == "住" && strings.ContainsRune(residenceSkip, r) {
				continue
			}
			if a, b, ok := residenceAt(s, i); ok {
				cs = append(cs, candidate{kind: KindAddress, start: n.orig(a), end: n.orig(b)})
			}
		}
	}
	return cs
}

// residenceAt reads the address that starts at byte i, after a trigger
// word: up to the end of the last number with a unit word in the same
// clause.
func residenceAt(s string, i int) (int, int, bool) {
	for k := 0; k < 4; k++ {
		next := strings.TrimLeft(s[i:], ": ")
		for _, w := range []string{"址", "所在地", "地", "在", "于", "为", "是", "："} {
			next = strings.TrimPrefix(next, w)
		}
		i = len(s) - len(next)
	}
	start, end, han := i, -1, 0
	j := i
scan:
	for k := 0; j < len(s) && k < 40; k++ {
		r, size := runeAt(s, j)
		switch {
		case isHan(r):
			if j == start && strings.ContainsRune("的了着过满及和与或至", r) {
				return 0, 0, false
			}
			han++
			j += size
		case isDigit(s[j]):
			q := j
			for q < len(s) && isDigit(s[q]) {
				q++
			}
			if r, _ := runeBefore(s, j); han >= 2 && r != '月' && r != '第' { // not a date (7月12号) or an ordinal
				for _, u := range unitWords {
					if strings.HasPrefix(s[q:], u) {
						end = readTail(s, q+len(u)).end
						break
					}
				}
			}
			j = q
		case isAlnum(s[j]) || s[j] == '-' || s[j] == '#':
			j++
		default:
			break scan // the clause ends
		}
	}
	if end < 0 || strings.ContainsAny(s[start:end], "某×*＊○〇Xx该本此同") {
		return 0, 0, false
	}
	return start, end, true
}

func hasPrefixAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// runeLen is the length of the UTF-8 sequence that starts with the byte c
// (≥ 0x80); 1 for a byte that cannot start one. The texts scanned are valid
// UTF-8 (the loader rejects a file that is not).
func runeLen(c byte) int {
	switch {
	case c >= 0xf0 && c < 0xf8:
		return 4
	case c >= 0xe0:
		return 3
	case c >= 0xc0:
		return 2
	}
	return 1
}
