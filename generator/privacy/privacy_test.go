package privacy

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"huajie/generator/diag"
)

// The helpers below compute check characters independently of the package,
// so that the tests do not trust the code they test.

// withCheck appends the ISO 7064 MOD 11-2 check character to 17 digits; the
// weight of digit i is 2^(17-i) mod 11.
func withCheck(p string) string {
	if len(p) != 17 {
		panic("withCheck needs 17 digits: " + p)
	}
	sum := 0
	for i := range 17 {
		w := (1 << (17 - i)) % 11
		sum += int(p[i]-'0') * w
	}
	return p + string("10X98765432"[sum%11])
}

// luhnOK is the textbook Luhn check.
func luhnOK(s string) bool {
	sum, double := 0, false
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// withLuhn appends the Luhn check digit to p.
func withLuhn(p string) string {
	for d := '0'; d <= '9'; d++ {
		if luhnOK(p + string(d)) {
			return p + string(d)
		}
	}
	panic("unreachable")
}

// notLuhn returns the first number gen(seq) makes that fails the Luhn
// check, so that a number meant to be rejected as an ID number is not
// reported as a bank card instead.
func notLuhn(gen func(seq int) string) string {
	for seq := 0; ; seq++ {
		if s := gen(seq); !luhnOK(s) {
			return s
		}
	}
}

// idWithX returns a valid ID number whose check character is X.
func idWithX(prefix14 string) string {
	for seq := 0; seq < 1000; seq++ {
		id := withCheck(prefix14 + fmt.Sprintf("%03d", seq))
		if id[17] == 'X' {
			return id
		}
	}
	panic("no X")
}

// wrongCheck returns prefix17 with a wrong check digit that also fails Luhn.
func wrongCheck(prefix17 string) string {
	good := withCheck(prefix17)
	for d := '0'; d <= '9'; d++ {
		s := prefix17 + string(d)
		if s != good && !luhnOK(s) {
			return s
		}
	}
	panic("no wrong check digit")
}

// digitUSCC returns an all-digit 统一社会信用代码 that passes its own check
// and Luhn and is not an ID number: the worst case for the card recogniser.
func digitUSCC() string {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	w := []int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	for seq := 0; ; seq++ {
		p := fmt.Sprintf("91411600%09d", 725850000+seq)
		sum := 0
		for i := range 17 {
			sum += strings.IndexByte(alphabet, p[i]) * w[i]
		}
		c := alphabet[(31-sum%31)%31]
		if c > '9' {
			continue
		}
		s := p + string(c)
		if luhnOK(s) && !ValidID18(s) {
			return s
		}
	}
}

func fullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '!' && r <= '~' {
			r += 0xFEE0
		}
		b.WriteRune(r)
	}
	return b.String()
}

type scanCase struct {
	name string
	text string
	want []string // "kind match", in order
}

func scanCases() []scanCase {
	id := withCheck("41162319900101123")   // 商水县, born 1990-01-01
	idBJ := withCheck("11010519491231002") // 北京朝阳, born 1949-12-31
	idX := idWithX("41162319851130")
	idx := strings.ToLower(idX)
	id15 := "411623900101123"
	badCheck := wrongCheck("41162319900101123")
	badDate := notLuhn(func(seq int) string { return withCheck(fmt.Sprintf("41162319990231%03d", seq)) })
	badMonth := notLuhn(func(seq int) string { return withCheck(fmt.Sprintf("41162319901301%03d", seq)) })
	badRegion := notLuhn(func(seq int) string { return withCheck(fmt.Sprintf("99162319900101%03d", seq)) })
	badCity := notLuhn(func(seq int) string { return withCheck(fmt.Sprintf("41002319900101%03d", seq)) })
	future := notLuhn(func(seq int) string { return withCheck(fmt.Sprintf("41162321990101%03d", seq)) })
	before1900 := notLuhn(func(seq int) string { return withCheck(fmt.Sprintf("41162318991231%03d", seq)) })
	card16 := withLuhn("622202123456789")
	card19 := withLuhn("621700123456789012")
	card13 := withLuhn("401288888888")
	cardOne := withLuhn("170201234567890123") // starts with 1: a card only when called one
	badCard := card16[:15] + string('0'+(card16[15]-'0'+1)%10)
	grouped := card19[:4] + " " + card19[4:8] + " " + card19[8:12] + " " + card19[12:16] + " " + card19[16:]
	uscc := digitUSCC()
	isbn := "9787562012345"
	for d := 0; d < 10; d++ { // make a valid ISBN-13 with the right check digit
		s := isbn[:12] + strconv.Itoa(d)
		sum := 0
		for i := range 13 {
			v := int(s[i] - '0')
			if i%2 == 1 {
				v *= 3
			}
			sum += v
		}
		if sum%10 == 0 {
			isbn = s
		}
	}

	return []scanCase{
		// 居民身份证号码
		{"id18", "原告张某，公民身份号码" + id + "，住商水县。", []string{"身份证号 " + id}},
		{"id18 no context", "张某" + idBJ + "。", []string{"身份证号 " + idBJ}},
		{"id18 check X", "身份证号：" + idX, []string{"身份证号 " + idX}},
		{"id18 check x", "证件号码" + idx + "。", []string{"身份证号 " + idx}},
		{"id18 grouped 6-8-4", "身份证 " + id[:6] + " " + id[6:14] + " " + id[14:], []string{"身份证号 " + id[:6] + " " + id[6:14] + " " + id[14:]}},
		{"id18 grouped with X", idX[:6] + "-" + idX[6:14] + "-" + idX[14:], []string{"身份证号 " + idX[:6] + "-" + idX[6:14] + "-" + idX[14:]}},
		{"id18 in groups of four is an ID not a card", id[:4] + " " + id[4:8] + " " + id[8:12] + " " + id[12:16] + " " + id[16:], []string{"身份证号 " + id[:4] + " " + id[4:8] + " " + id[8:12] + " " + id[12:16] + " " + id[16:]}},
		{"id18 full-width", "身份证号码" + fullWidth(id) + "。", []string{"身份证号 " + fullWidth(id)}},
		{"id15 legacy", "旧身份证号" + id15 + "。", []string{"身份证号 " + id15}},
		{"id18 wrong check digit but called an ID", "身份证号码：" + badCheck, []string{"身份证号 " + badCheck}},
		{"id18 wrong check digit", "编码" + badCheck + "。", nil},
		{"id18 invalid date 19990231", "号码" + badDate + "。", nil},
		{"id18 invalid month", "号码" + badMonth + "。", nil},
		{"id18 invalid province", "号码" + badRegion + "。", nil},
		{"id18 prefecture 00", "号码" + badCity + "。", nil},
		{"id18 born in the future", "号码" + future + "。", nil},
		{"id18 born before 1900", "号码" + before1900 + "。", nil},
		{"id15 invalid date", "号码411623900231123。", nil},
		{"id in a longer run", "流水" + id + "7。", nil},
		{"id of a company by context", "统一社会信用代码：" + id + "。", nil},

		// 手机号
		{"mobile", "联系电话13812345678。", []string{"手机号 13812345678"}},
		{"mobile without context", "张某13912345678、李某", []string{"手机号 13912345678"}},
		{"mobile dashes", "手机：138-1234-5678", []string{"手机号 138-1234-5678"}},
		{"mobile spaces", "请拨 138 1234 5678 联系", []string{"手机号 138 1234 5678"}},
		{"mobile +86 spaced", "电话+86 138 1234 5678。", []string{"手机号 +86 138 1234 5678"}},
		{"mobile +86", "Tel:+8613812345678", []string{"手机号 +8613812345678"}},
		{"mobile (+86)", "（+86）13812345678", []string{"手机号 （+86）13812345678"}},
		{"mobile 0086", "0086-19912345678", []string{"手机号 0086-19912345678"}},
		{"mobile full-width", "手机１３８１２３４５６７８。", []string{"手机号 １３８１２３４５６７８"}},
		{"mobile after Tel", "Tel13812345678", []string{"手机号 13812345678"}},
		{"mobile after other letters", "NO13812345678", nil},
		{"landline and mobile in a list", "电话：0394-8123456 13812345678", []string{"固定电话 0394-8123456", "手机号 13812345678"}},
		{"residence until a date", "居住至2023年7月12号", nil},
		{"residence and a date", "住李庄，7月12号搬走", nil},
		{"two mobiles", "13812345678/15912345678", []string{"手机号 13812345678", "手机号 15912345678"}},
		{"mobile-like in a longer run", "订单9138123456789完成", nil},
		{"mobile-like 12 digits", "数值138123456789。", nil},
		{"mobile-like 10 digits", "数值1381234567。", nil},
		{"mobile prefix 12 is no mobile", "数值12812345678。", nil},
		{"mobile-like money", "补偿款13800000000元", nil},
		{"mobile-like money with space", "共计13800000000 元", nil},
		{"mobile-like number of a document", "第13812345678号", nil},
		{"mobile-like decimal", "系数3.13812345678", nil},
		{"mobile-like in grouped longer number", "1 138 1234 5678", nil},

		// 固定电话
		{"landline dash", "中心电话0394-8123456。", []string{"固定电话 0394-8123456"}},
		{"landline em dash", "电话：0394—8123456", []string{"固定电话 0394—8123456"}},
		{"landline parentheses", "(0394)8123456", []string{"固定电话 (0394)8123456"}},
		{"landline full-width parentheses", "（0394）8123456", []string{"固定电话 （0394）8123456"}},
		{"landline space", "0394 8123456", []string{"固定电话 0394 8123456"}},
		{"landline Beijing", "010-62345678", []string{"固定电话 010-62345678"}},
		{"landline extension", "0394-8123456转801", []string{"固定电话 0394-8123456转801"}},
		{"landline plain with context", "联系电话：03948123456", []string{"固定电话 03948123456"}},
		{"landline plain without context", "数值03948123456", nil},
		{"landline bad area code", "0012-3456789", nil},
		{"landline local starting 1", "0394-1234567", nil},
		{"landline 010 needs 8 digits", "010-2345678", nil},
		{"date range is no landline", "2019-2020年度", nil},
		{"date with dashes", "2023-07-12", nil},

		// 银行卡号
		{"card 16", "卡号" + card16 + "。", []string{"银行卡号 " + card16}},
		{"card 19 without context", "转入" + card19 + "。", []string{"银行卡号 " + card19}},
		{"card 13", "信用卡" + card13, []string{"银行卡号 " + card13}},
		{"card grouped", "账号：" + grouped, []string{"银行卡号 " + grouped}},
		{"card odd prefix with context", "开户行工商银行，账号" + cardOne, []string{"银行卡号 " + cardOne}},
		{"card odd prefix without context", "数据" + cardOne + "。", nil},
		{"card failing Luhn", "卡号" + badCard, nil},
		{"card-like in a longer run", card16 + "1234", nil},
		{"card-like money", card16 + "元", nil},
		{"card-like number of a guarantee", "34147020000289号保函", nil},
		{"card-like serial number", "编号为" + card16 + "的处罚决定", nil},
		{"IMEI", "手机的串号是350974114389275", nil},
		{"all-digit credit code", "信用代码" + uscc, nil},
		{"all-digit credit code without context", "公司" + uscc + "，", nil},
		{"credit code with letters", "统一社会信用代码91411600MA44ABCD1X", nil},
		{"ISBN plain", "书号" + isbn, nil},
		{"ISBN with context", "ISBN " + isbn, nil},
		{"ISBN with dashes", "ISBN 978-7-5620-1234-5", nil},
		{"patent number", "专利号ZL200420091540.7", nil},
		{"patent application number", "申请号200420091540.7", nil},
		{"long run failing checks", "1234567890123456789012345", nil},

		// 机动车号牌
		{"plate with dot", "驾驶豫P·12345号小型轿车", []string{"机动车号牌 豫P·12345"}},
		{"plate plain", "车牌号为豫P12345，", []string{"机动车号牌 豫P12345"}},
		{"plate two letters", "浙CVU661小型普通客车", []string{"机动车号牌 浙CVU661"}},
		{"plate new energy D first", "京AD12345新能源车", []string{"机动车号牌 京AD12345"}},
		{"plate new energy F last", "粤B12345F大型车", []string{"机动车号牌 粤B12345F"}},
		{"plate trailer", "苏L1234挂重型半挂车", []string{"机动车号牌 苏L1234挂"}},
		{"plate dash", "牌照为辽F-93885", []string{"机动车号牌 辽F-93885"}},
		{"plate masked in source", "车牌苏A9XXXX汽车", nil},
		{"plate fully masked", "鲁AVXXXX号", nil},
		{"ICP licence", "京ICP备12345678号", nil},
		{"telecom licence", "粤B2-20090059", nil},
		{"plate too long", "豫P1234567", nil},

		// 不动产权证号 / 房产证号
		{"property", "豫(2021)商水县不动产权第0001234号", []string{"不动产权证号 豫(2021)商水县不动产权第0001234号"}},
		{"property full-width parens", "豫（2021）商水县不动产权第0001234号", []string{"不动产权证号 豫（2021）商水县不动产权第0001234号"}},
		{"property tortoise brackets", "豫〔2021〕周口市不动产权第0012345号", []string{"不动产权证号 豫〔2021〕周口市不动产权第0012345号"}},
		{"property certificate of mortgage", "豫(2022)商水县不动产证明第0004567号", []string{"不动产权证号 豫(2022)商水县不动产证明第0004567号"}},
		{"house certificate", "周房权证川汇字第0012345号", []string{"不动产权证号 周房权证川汇字第0012345号"}},
		{"house certificate with a letter", "江宁房权证东山第J00043260号《房屋产权证》", []string{"不动产权证号 宁房权证东山第J00043260号"}},
		{"house certificate old", "颁发鼓房字第1741号房屋所有权证", []string{"不动产权证号 鼓房字第1741号"}},
		{"house certificate by context", "房产证号为12345678。", []string{"不动产权证号 12345678"}},
		{"land certificate", "颁发了周国用（2015）第1234号国有土地使用证", []string{"不动产权证号 周国用（2015）第1234号"}},
		{"house certificate masked", "白山房权证白BQ字第××××××号", nil},
		{"case number", "（2023）豫16行初123号行政判决", nil},
		{"interpretation number", "法释〔2018〕1号", nil},
		{"document number", "周政办〔2023〕21号", nil},
		{"demolition decision number", "闸房地拆裁字（2005）第169号房屋拆迁裁决", nil},

		// 详细住址
		{"village", "住商水县城关乡李庄村3组25号", []string{"详细住址 商水县城关乡李庄村3组25号"}},
		{"village without residence word", "在李庄村3组25号门前", []string{"详细住址 李庄村3组25号"}},
		{"village Chinese group number", "家住王营村五组12号。", []string{"详细住址 王营村五组12号"}},
		{"village house number", "户籍地上坡下村109号", []string{"详细住址 上坡下村109号"}},
		{"road flat", "位于川汇区人民路18号3号楼2单元501室", []string{"详细住址 人民路18号3号楼2单元501室"}},
		{"road room", "迁至上海市月罗路307弄30号202室", []string{"详细住址 月罗路307弄30号202室"}},
		{"road, estate and compact flat", "诉称：南京市江宁区双龙大道833号南方花园A组团23-201室住房", []string{"详细住址 双龙大道833号南方花园A组团23-201室"}},
		{"road, then other words", "人民路18号发生事故，3号楼", nil},
		{"two road numbers", "南昌市青山南路1号和东湖区青山南路3号", nil},
		{"shop in a mall", "汤泉东路99号汤山百联奥特莱斯广场BF1205号", nil},
		{"estate flat", "阳光小区3号楼2单元501室", []string{"详细住址 阳光小区3号楼2单元501室"}},
		{"estate flat without 室", "阳光小区3号楼2单元501", []string{"详细住址 阳光小区3号楼2单元501"}},
		{"street number", "位于东大街15号的房屋", []string{"详细住址 东大街15号"}},
		{"lane number", "徐州市民安巷31号房屋", []string{"详细住址 民安巷31号"}},
		{"residence on a road", "男，汉族，住周口市川汇区七一路100号。", []string{"详细住址 周口市川汇区七一路100号"}},
		{"residence in Hong Kong", "原告：区成，男，69岁，现住香港九龙观塘祥和苑和健阁29楼4室。", []string{"详细住址 香港九龙观塘祥和苑和健阁29楼4室"}},
		{"residence broken by a line", "现住香港九龙观塘祥和苑和健阁29楼\n4室。", []string{"详细住址 香港九龙观塘祥和苑和健阁29楼"}},
		{"registered residence", "原告陆廷佐的户籍及上海市海宁路691弄22号", []string{"详细住址 海宁路691弄22号"}},
		{"residence pseudonymised", "住址：湖南省沅江市银光南路X号。", nil},
		{"residence without number", "住址：江苏省无锡市风雷新村。", nil},
		{"flat lived in, no place", "其居住的801室坐东朝西", nil},
		{"housing bureau is no residence", "住房和城乡建设部令第5号", nil},
		{"hospital stay", "住院3号楼治疗", nil},
		{"resident population", "常住人口100户", nil},
		{"households", "居住着100户村民", nil},
		{"pseudonymised village", "住某村3组25号", nil},
		{"pseudonymised road", "住某路18号402室", nil},
		{"pseudonymised estate", "某小区3号楼2单元502室", nil},
		{"masked village", "××村5号", nil},
		{"agency seat on a road", "被告周口市人民政府，住所地周口市七一路100号。", nil},
		{"company seat", "住所地：上海市天目中路168号。", nil},
		{"building only", "念泗三村28幢楼居民", nil},
		{"land parcel", "李庄村2号地块", nil},
		{"village group without house", "罗边槽村4组村民", nil},
		{"road building only", "出售古城路28号楼一处房屋", nil},

		// 自然人姓名
		{"listed name", "申请人王小明诉称", []string{"自然人姓名 王小明"}},
		{"listed compound name", "欧阳娜娜", []string{"自然人姓名 欧阳娜娜"}},
		{"pseudonyms", "张某、张某甲、欧阳某乙、李某某", nil},
		{"name in longer listed name", "王小明明", []string{"自然人姓名 王小明明"}},

		// ordinary legal text
		{"statute", "依照《行政诉讼法》第六十条、第七十条第（一）项", nil},
		{"date", "2023年7月12日", nil},
		{"compact date", "20230712", nil},
		{"date range compact", "20230712-20230801", nil},
		{"money with separators", "1,234,567.89元", nil},
		{"money nine digits", "123456789元", nil},
		{"money twelve digits", "人民币123456789012元", nil},
		{"percentage", "增长13.5%", nil},
		{"postal code", "邮编466000", nil},
		{"time", "13:45:12", nil},

		// several at once, sorted
		{"mixed", "张某（身份证号" + id + "），电话13812345678，住商水县李庄村3组25号，驾驶豫P·12345。",
			[]string{"身份证号 " + id, "手机号 13812345678", "详细住址 商水县李庄村3组25号", "机动车号牌 豫P·12345"}},
	}
}

func TestScan(t *testing.T) {
	g := New([]string{"王小明", "王小明明", "欧阳娜娜", "张某", "李", ""})
	cases := scanCases()
	if len(cases) < 70 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, f := range g.Scan(c.text) {
				got = append(got, f.Kind+" "+f.Match)
				if f.Match != c.text[f.Offset:f.Offset+f.Len] {
					t.Errorf("Match %q is not text[%d:%d]", f.Match, f.Offset, f.Offset+f.Len)
				}
				if f.Hint == "" || f.Masked == "" || f.Masked == f.Match {
					t.Errorf("%s: hint %q, masked %q", f.Match, f.Hint, f.Masked)
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Scan(%q)\n got %q\nwant %q", c.text, got, c.want)
			}
		})
	}
}

func TestMasked(t *testing.T) {
	id := withCheck("41162319900101123")
	g := New([]string{"王小明"})
	cases := map[string]string{
		id:                    "4116**********" + id[14:],
		"手机13812345678":       "138****5678",
		"手机+86 138 1234 5678": "+86 138 **** 5678",
		"0394-8123456":        "0394-*****56",
		"豫P·12345":            "豫P·***45",
		"李庄村3组25号":            "**村*组**号",
		"王小明":                 "王**",
		"豫(2021)商水县不动产权第0001234号": "豫(****)商水县不动产权第*****34号",
	}
	for text, want := range cases {
		fs := g.Scan(text)
		if len(fs) != 1 || fs[0].Masked != want {
			t.Errorf("Scan(%q) = %+v, want one finding masked %q", text, fs, want)
		}
	}
}

func TestValidID(t *testing.T) {
	for s, want := range map[string]bool{
		withCheck("41162319900101123"):             true,
		withCheck("11010519491231002"):             true,
		idWithX("41162319851130"):                  true,
		strings.ToLower(idWithX("41162319851130")): true,
		wrongCheck("41162319900101123"):            false,
		withCheck("41162319990231123"):             false, // 31 February
		withCheck("41162320000229123"):             true,  // leap day
		withCheck("41162319000229123"):             false, // 1900 was no leap year
		withCheck("72162319900101123"):             false, // no province 72
		withCheck("81000019900101123"):             false, // prefecture 00
		"41162319900101123":                        false,
		"4116231990010112345":                      false,
		"41162319900101123A":                       false,
	} {
		if got := ValidID18(s); got != want {
			t.Errorf("ValidID18(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{
		"411623900101123": true, "110105491231002": true,
		"411623900231123": false, "991623900101123": false, "41162390010112": false, "41162390010112X": false,
	} {
		if got := ValidID15(s); got != want {
			t.Errorf("ValidID15(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestLuhn(t *testing.T) {
	for s, want := range map[string]bool{
		"79927398713": true, "4111111111111111": true, "6222021234567890128": luhnOK("6222021234567890128"),
		"79927398710": false, "4111111111111112": false, "": false, "0": false, "12a4": false, "00": true,
	} {
		if got := Luhn(s); got != want {
			t.Errorf("Luhn(%q) = %v, want %v", s, got, want)
		}
	}
	for i := range 200 {
		p := fmt.Sprintf("6222%011d", i*7919)
		if !Luhn(withLuhn(p)) {
			t.Errorf("Luhn(%q) = false", withLuhn(p))
		}
	}
}

func TestValidUSCC(t *testing.T) {
	for s, want := range map[string]bool{
		"91110108551385082Q": true, "9144030071526726XG": true,
		"91110108551385082R": false, "91110108551385082": false, "9111010855138508IQ": false,
	} {
		if got := validUSCC(s); got != want {
			t.Errorf("validUSCC(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestIsPseudonym(t *testing.T) {
	for s, want := range map[string]bool{
		"张某": true, "张某某": true, "张某甲": true, "张某乙": true, "欧阳某": true, "欧阳某乙": true,
		"张某1": true, " 李某 ": true, "司马某某": true,
		"张三": false, "某甲": false, "某": false, "张某三": false, "王李某": false, "张某某某": false,
		"": false, "A某": false, "张某123": false, "张某甲乙": false,
	} {
		if got := IsPseudonym(s); got != want {
			t.Errorf("IsPseudonym(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestAllow(t *testing.T) {
	text := "本院电话0394-8123456，原告电话0394-8123457，联系人王小明。"
	g := New([]string{"王小明"})
	fs := g.Scan(text)
	if len(fs) != 3 {
		t.Fatalf("Scan found %d, want 3: %+v", len(fs), fs)
	}
	kept, used := Allow(text, fs, []string{"本院电话0394-8123456", "王小明", "不再出现"})
	if len(kept) != 1 || kept[0].Match != "0394-8123457" {
		t.Errorf("kept %+v, want only the plaintiff's number", kept)
	}
	if !reflect.DeepEqual(used, []string{"本院电话0394-8123456", "王小明"}) {
		t.Errorf("used %q", used)
	}
	// An allowance elsewhere in the text does not cover a finding.
	kept, _ = Allow(text, fs, []string{"原告电话0394-812345"})
	if len(kept) != 3 {
		t.Errorf("a partial allowance removed a finding: %+v", kept)
	}
}

func TestReport(t *testing.T) {
	text := "第一行\n第二行，电话13812345678。"
	var l diag.List
	Report(&l, diag.Pos{File: "cases/x.md", Line: 5, Col: 1}, text, New(nil).Scan(text))
	items := l.Items()
	if len(items) != 1 {
		t.Fatalf("got %v", items)
	}
	if got, want := items[0].Error(), "cases/x.md:6:7: personal information (手机号 138****5678): "+hints[KindMobile]; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if strings.Contains(items[0].Error(), "13812345678") {
		t.Error("the message repeats the number")
	}
	if p := Pos(diag.Pos{File: "f", Line: 3, Col: 10}, "ab电话", len("ab")); p.Line != 3 || p.Col != 12 {
		t.Errorf("Pos on the first line = %v, want f:3:12", p)
	}
}

func TestGuardNames(t *testing.T) {
	g := New([]string{" 王小明 ", "王小明", "王", "张某甲", "李四"})
	got := g.Scan("王小明和李四，王某。")
	if len(got) != 2 || got[0].Match != "王小明" || got[1].Match != "李四" {
		t.Errorf("got %+v", got)
	}
}

func TestScanConcurrent(t *testing.T) {
	g := New([]string{"王小明"})
	text := benchText() + "王小明"
	want := g.Scan(text)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := g.Scan(text); !reflect.DeepEqual(got, want) {
				t.Error("concurrent Scan differs")
			}
		})
	}
	wg.Wait()
}

// FuzzScan checks the invariants of Scan on any input.
func FuzzScan(f *testing.F) {
	for _, c := range scanCases() {
		f.Add(c.text)
	}
	f.Add(benchText())
	f.Add("\xff\xfe138１２３４５６７８\x00豫P·")
	g := New([]string{"王小明", "欧阳娜娜"})
	f.Fuzz(func(t *testing.T, text string) {
		end := 0
		for _, fd := range g.Scan(text) {
			if fd.Offset < end {
				t.Fatalf("finding %+v overlaps or is out of order (previous end %d)", fd, end)
			}
			if fd.Len <= 0 || fd.Offset+fd.Len > len(text) {
				t.Fatalf("finding %+v out of bounds (len %d)", fd, len(text))
			}
			if fd.Match != text[fd.Offset:fd.Offset+fd.Len] {
				t.Fatalf("Match %q != text[%d:%d]", fd.Match, fd.Offset, fd.Offset+fd.Len)
			}
			if _, ok := priority[fd.Kind]; !ok || fd.Hint == "" {
				t.Fatalf("finding %+v has an unknown kind or no hint", fd)
			}
			if utf8.RuneCountInString(fd.Masked) != utf8.RuneCountInString(fd.Match) {
				t.Fatalf("Masked %q does not keep the shape of %q", fd.Masked, fd.Match)
			}
			end = fd.Offset + fd.Len
		}
	})
}
