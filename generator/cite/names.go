package cite

import (
	"sort"
	"unicode/utf8"
)

// builtinNames are national laws and regulations often cited without
// book-title marks in judgments and statutes: 依照行政诉讼法第七十条,
// 依照刑法第十七条. They are recognised only when directly followed by 第…;
// a 中华人民共和国 prefix before them is part of the citation.
var builtinNames = indexNames([]string{
	"宪法", "立法法", "监察法", "公务员法", "人民警察法", "法官法", "检察官法", "律师法", "公证法",
	"刑法", "刑事诉讼法", "民法典", "民法通则", "民法总则", "合同法", "物权法", "担保法",
	"侵权责任法", "婚姻法", "继承法", "收养法", "公司法", "合伙企业法", "企业破产法", "保险法",
	"票据法", "证券法", "商标法", "专利法", "著作权法", "反不正当竞争法", "反垄断法",
	"消费者权益保护法", "产品质量法", "食品安全法", "药品管理法", "广告法", "价格法",
	"民事诉讼法", "仲裁法", "海事诉讼特别程序法", "海商法", "人民调解法",
	"行政诉讼法", "行政复议法", "行政处罚法", "行政许可法", "行政强制法", "国家赔偿法",
	"治安管理处罚法", "道路交通安全法", "土地管理法", "城乡规划法", "城市规划法",
	"城市房地产管理法", "建筑法", "环境保护法", "环境影响评价法", "大气污染防治法",
	"水污染防治法", "固体废物污染环境防治法", "森林法", "草原法", "矿产资源法", "渔业法",
	"野生动物保护法", "农村土地承包法", "劳动法", "劳动合同法", "劳动争议调解仲裁法",
	"社会保险法", "就业促进法", "安全生产法", "消防法", "教育法", "高等教育法",
	"义务教育法", "未成年人保护法", "个人所得税法", "税收征收管理法", "海关法",
	"政府信息公开条例", "国有土地上房屋征收与补偿条例", "工伤保险条例", "信访条例",
	"信访工作条例", "行政复议法实施条例", "土地管理法实施条例", "城市房屋拆迁管理条例",
	"物业管理条例", "国家赔偿费用管理条例",
})

// builtinFirst is a bit set of the first runes of the built-in names.
var builtinFirst = func() (set [0x10000 / 64]uint64) {
	for r := range builtinNames {
		if r < 0x10000 {
			set[r>>6] |= 1 << (r & 63)
		}
	}
	return set
}()

func indexNames(names []string) map[rune][]string {
	m := map[rune][]string{}
	for _, n := range names {
		r, _ := utf8.DecodeRuneInString(n)
		m[r] = append(m[r], n)
	}
	for _, l := range m {
		sort.SliceStable(l, func(i, j int) bool { return len(l[i]) > len(l[j]) })
	}
	return m
}
