package similar

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"huajie/generator/content"
	"huajie/generator/diag"
)

// repo loads the repository's own cases and analyses once.
var repo = sync.OnceValues(func() ([]Item, error) {
	var diags diag.List
	c := content.Load(context.Background(), "../..", &diags)
	if err := diags.Err(); err != nil {
		return nil, err
	}
	return FromContent(c), nil
})

func repoItems(t *testing.T) []Item {
	t.Helper()
	items, err := repo()
	if err != nil {
		t.Fatalf("loading the repository's content: %v", err)
	}
	return items
}

// pair is a neighbour a mediator expects in the top 5 of a case.
type pair struct {
	from, want string
	why        string
}

// repoPairs were chosen by reading the cases under cases/: members of the
// 商水县 series, exemplary cases and the warning cases paired with them on
// the same issue, cases and the analysis prepared for them, and cases of
// one domain citing the same articles. The score never reads the series or
// the pair fields: the text, facets and citations must find them.
var repoPairs = []pair{
	// The 商水县 series: households find the lead case …
	{"ZK-2023-HJ-0002", "ZK-2023-HJ-0001", "王某乙户: the same structure error as the lead household next door"},
	{"ZK-2023-HJ-0003", "ZK-2023-HJ-0001", "李某甲户: the household that had sued, settled on the lead's standard"},
	{"ZK-2023-HJ-0011", "ZK-2023-HJ-0001", "吴某户: omitted ancillary facilities, the lead's second issue"},
	{"ZK-2023-HJ-0014", "ZK-2023-HJ-0001", "黄某户: the last household, the lead's standard unchanged"},
	// … and each other: 地上附着物 of three households.
	{"ZK-2023-HJ-0005", "ZK-2023-HJ-0008", "蔬菜大棚 and 鱼塘: both 地上附着物 valued apart from the house"},
	{"ZK-2023-HJ-0010", "ZK-2023-HJ-0005", "果树 and 大棚: both 地上附着物 on contracted land"},
	{"ZK-2023-HJ-0001", "ZK-FX-01", "the lead case and the 类案分析 prepared for it"},
	// Exemplary and warning cases on the same issue.
	{"ZK-2022-JS-0001", "ZK-2022-YX-0002", "强制拆除违法建筑: 催告、公告 skipped vs followed"},
	{"ZK-2022-JS-0002", "ZK-2023-YX-0004", "市场监管 fines: 听证 not offered vs held"},
	{"ZK-2022-JS-0003", "ZK-2022-YX-0003", "政府信息公开 on 征收: 检索义务 failed vs met"},
	{"ZK-2023-JS-0004", "ZK-2023-YX-0005", "工伤认定 上下班途中: 举证责任 shifted vs investigated"},
	{"ZK-2023-JS-0005", "ZK-2022-YX-0001", "房屋征收补偿决定: 评估报告 and 停产停业损失"},
	{"ZK-2023-JS-0006", "ZK-2024-YX-0011", "治安管理处罚 of a fight: 过罚相当"},
	{"ZK-2023-JS-0007", "ZK-2023-YX-0007", "生态环境 处罚主体: 派出机构 vs the city bureau"},
	{"ZK-2024-JS-0010", "ZK-2024-YX-0009", "扣押车辆: 决定书 and 期限"},
	{"ZK-2024-JS-0013", "ZK-2025-YX-0014", "转移登记 on a forged 授权委托书"},
	{"ZK-2024-JS-0015", "ZK-2024-YX-0012", "食品经营许可: 不予许可 and its reasons"},
	{"ZK-2025-YX-0015", "ZK-2025-JS-0016", "吊销医疗机构执业许可证: 听证 and 集体讨论"},
	{"ZK-2025-YX-0016", "ZK-2025-JS-0017", "重复领取养老保险待遇"},
	// One domain, the same articles, or the analysis used in the case.
	{"ZK-2023-HJ-0016", "ZK-2024-HJ-0001", "工伤认定 refused; both rely on 指导案例40号"},
	{"ZK-2023-HJ-0015", "ZK-2024-HJ-0002", "房屋征收 before suit: 复核评估 and 司法确认"},
	{"ZK-2023-HJ-0017", "ZK-FX-04", "政府信息公开 信息不存在 and the analysis used in it"},
	{"ZK-2025-HJ-0001", "ZK-FX-04", "过程性信息 and the analysis used in it"},
	{"ZK-2023-HJ-0019", "ZK-FX-06", "招商引资协议 and the 行政协议 analysis"},
	{"ZK-2022-HJ-0002", "ZK-FX-06", "a 房屋征收补偿协议 dispute and the 行政协议 analysis"},
	{"ZK-2022-HJ-0001", "ZK-2024-JS-0013", "房屋转移登记 on a 委托书"},
	{"ZK-2023-HJ-0022", "ZK-2022-JS-0001", "强制拆除 without 催告 and 公告 (行政强制法第三十五、三十七、四十四条)"},
	{"ZK-2023-HJ-0027", "ZK-2022-YX-0002", "拆除违法建设 under 行政强制法第四十四条"},
	{"ZK-2025-HJ-0002", "ZK-FX-05", "食品标签 fine, 指导案例60号 and the 行政处罚 analysis"},
	{"ZK-2023-HJ-0021", "ZK-2025-YX-0016", "养老保险 待遇 of the same bureau type"},
	{"ZK-2023-HJ-0023", "ZK-2023-HJ-0024", "compensation for withdrawing a licence or a land-use right"},
	{"ZK-2023-HJ-0026", "ZK-2023-JS-0008", "宅基地 disputes"},
}

// repoNegatives are neighbours no mediator would show: from's top 5 must
// hold no item of that domain.
var repoNegatives = []struct{ from, domain string }{
	{"ZK-2023-HJ-0017", "工伤认定"},
	{"ZK-2022-JS-0003", "工伤认定"},
	{"ZK-2025-HJ-0001", "工伤认定"},
	{"ZK-2023-HJ-0016", "政府信息公开"},
	{"ZK-2023-JS-0004", "政府信息公开"},
	{"ZK-2024-YX-0011", "征地拆迁"},
	{"ZK-2024-JS-0015", "征地拆迁"},
	{"ZK-2025-YX-0015", "不动产登记"},
	{"ZK-2023-HJ-0005", "政府信息公开"},
	{"ZK-2023-HJ-0008", "市场监管"},
}

func TestRepositoryPairs(t *testing.T) {
	items := repoItems(t)
	res := Compute(context.Background(), items, 5)
	checkPairs(t, items, res, repoPairs, true)
	if len(repoPairs) < 20 {
		t.Errorf("only %d pairs; the test set needs at least 20", len(repoPairs))
	}
}

// checkPairs reports the pairs missing from res and returns how many were
// found.
func checkPairs(t *testing.T, items []Item, res map[string][]Neighbor, pairs []pair, report bool) int {
	t.Helper()
	titles := map[string]string{}
	for _, it := range items {
		titles[it.ID] = it.Title
	}
	found := 0
	for _, p := range pairs {
		if titles[p.from] == "" || titles[p.want] == "" {
			t.Fatalf("%s → %s: no such item", p.from, p.want)
		}
		if slices.ContainsFunc(res[p.from], func(n Neighbor) bool { return n.ID == p.want }) {
			found++
			continue
		}
		if report {
			var got []string
			for _, n := range res[p.from] {
				got = append(got, fmt.Sprintf("%s %.3f", n.ID, n.Score))
			}
			t.Errorf("%s %s\n\tmisses %s %s (%s)\n\tgot %v", p.from, titles[p.from], p.want, titles[p.want], p.why, got)
		}
	}
	return found
}

func TestRepositoryNegatives(t *testing.T) {
	items := repoItems(t)
	res := Compute(context.Background(), items, 5)
	byID := map[string]*Item{}
	for i := range items {
		byID[items[i].ID] = &items[i]
	}
	for _, neg := range repoNegatives {
		for _, n := range res[neg.from] {
			if byID[n.ID].Domain == neg.domain {
				t.Errorf("%s %s has %s %s (%s) as a neighbour", neg.from, byID[neg.from].Title, n.ID, byID[n.ID].Title, neg.domain)
			}
		}
	}
	// Every 政府信息公开 item's nearest neighbour is of its own domain, and
	// every 工伤认定 item has at least 3 of its own domain in its top 5:
	// these disputes share little with any other. (A 工伤认定 case settled
	// after judgment may well find a 宅基地 case settled the same way.)
	for _, it := range items {
		nb := res[it.ID]
		same := 0
		for _, n := range nb {
			if byID[n.ID].Domain == it.Domain {
				same++
			}
		}
		switch it.Domain {
		case "政府信息公开":
			best := nb[0]
			for _, n := range nb[1:] {
				if n.Score > best.Score {
					best = n
				}
			}
			if d := byID[best.ID].Domain; d != it.Domain {
				t.Errorf("%s %s: nearest neighbour %s is of %s", it.ID, it.Title, best.ID, d)
			}
		case "工伤认定":
			if same < 3 {
				t.Errorf("%s %s: %d of its top 5 are 工伤认定 cases, want 3", it.ID, it.Title, same)
			}
		}
	}
}

// TestGroupsFoundByText checks the series and the exemplary–warning pairs
// as a whole, with Group (which the score never reads) as the answer key:
// every warning case and its exemplary case find each other, every series
// member has at least 4 other members in its top 5, and most members find
// the lead case.
func TestGroupsFoundByText(t *testing.T) {
	items := repoItems(t)
	res := Compute(context.Background(), items, 5)
	groups := map[string][]string{}
	for _, it := range items {
		if it.Group != "" {
			groups[it.Group] = append(groups[it.Group], it.ID)
		}
	}
	if len(groups) < 10 {
		t.Fatalf("only %d groups in the repository's content", len(groups))
	}
	leadFound, members := 0, 0
	for g, ids := range groups {
		for _, id := range ids {
			mates := 0
			for _, n := range res[id] {
				if slices.Contains(ids, n.ID) {
					mates++
				}
			}
			want := min(len(ids)-1, 4)
			if mates < want {
				t.Errorf("%s: %d of its group %s in its top 5, want %d", id, mates, g, want)
			}
			if len(ids) > 2 && id != g {
				members++
				if slices.ContainsFunc(res[id], func(n Neighbor) bool { return n.ID == g }) {
					leadFound++
				}
			}
		}
	}
	t.Logf("the lead case is in the top 5 of %d of %d series members", leadFound, members)
	if leadFound*3 < members*2 {
		t.Errorf("the lead case is in the top 5 of %d of %d series members, want two thirds", leadFound, members)
	}
}

// TestWeightsJustified compares the chosen score with simpler ones on the
// test set: each simplification loses pairs or lead cases. The numbers are
// logged for the record (go test -v -run WeightsJustified).
func TestWeightsJustified(t *testing.T) {
	items := repoItems(t)
	groups := map[string][]string{}
	for _, it := range items {
		if it.Group != "" {
			groups[it.Group] = append(groups[it.Group], it.ID)
		}
	}
	measure := func(p params) (pairs, leads int) {
		res := computeWith(items, p, 5)
		pairs = checkPairs(t, items, res, repoPairs, false)
		for g, ids := range groups {
			for _, id := range ids {
				if len(ids) > 2 && id != g && slices.ContainsFunc(res[id], func(n Neighbor) bool { return n.ID == g }) {
					leads++
				}
			}
		}
		return pairs, leads
	}
	basePairs, baseLeads := measure(defaultParams)
	t.Logf("%-44s %d/%d pairs, lead found by %d members", "chosen", basePairs, len(repoPairs), baseLeads)
	alternatives := []struct {
		name string
		edit func(*params)
	}{
		{"text only (no bonuses)", func(p *params) { p.domain, p.act, p.cite, p.kw = 0, 0, 0, 0 }},
		{"plain cosine (no pivoted normalisation)", func(p *params) { p.pivot = 1 }},
		{"Jaccard for citations and keywords", func(p *params) { p.citeMode, p.kwMode = measureJaccard, measureJaccard }},
		{"no domain or act type bonus", func(p *params) { p.domain, p.act = 0, 0 }},
		{"no citation bonus", func(p *params) { p.cite = 0 }},
		{"no keyword bonus", func(p *params) { p.kw = 0 }},
		{"domain bonus 0.3", func(p *params) { p.domain = 0.3 }},
	}
	for _, a := range alternatives {
		p := defaultParams
		a.edit(&p)
		pairs, leads := measure(p)
		t.Logf("%-44s %d/%d pairs, lead found by %d members", a.name, pairs, len(repoPairs), leads)
		if pairs > basePairs || pairs == basePairs && leads > baseLeads {
			t.Errorf("%s does better than the chosen weights: %d pairs, %d leads", a.name, pairs, leads)
		}
	}
}

// computeWith is Compute with other parameters.
func computeWith(items []Item, p params, k int) map[string][]Neighbor {
	ctx := context.Background()
	m := build(ctx, items, p)
	out := make([][]Neighbor, len(m.docs))
	m.search(ctx, k, out)
	res := map[string][]Neighbor{}
	for i := range m.docs {
		res[items[m.docs[i].idx].ID] = out[i]
	}
	return res
}

// TestIndexRecall compares the index with scoring every pair: on the
// repository's content it must find nearly every neighbour.
func TestIndexRecall(t *testing.T) {
	items := repoItems(t)
	m := build(context.Background(), items, defaultParams)
	out := make([][]Neighbor, len(m.docs))
	m.search(context.Background(), 5, out)
	found, total := 0, 0
	for i := range m.docs {
		for _, n := range m.exhaustive(i, 5) {
			total++
			if slices.ContainsFunc(out[i], func(x Neighbor) bool { return x.ID == n.ID }) {
				found++
			}
		}
	}
	t.Logf("the index finds %d of the %d neighbours scoring every pair finds", found, total)
	if found*100 < total*95 {
		t.Errorf("the index finds %d of %d neighbours, want 95%%", found, total)
	}
}

func TestReasons(t *testing.T) {
	items := repoItems(t)
	res := Compute(context.Background(), items, 5)
	var nb Neighbor
	for _, n := range res["ZK-2022-JS-0001"] {
		if n.ID == "ZK-2022-YX-0002" {
			nb = n
		}
	}
	want := []string{"同一领域：行政强制", "同一行为类型：行政强制", "共同引用：", "共同关键词：", "文本相似度："}
	if len(nb.Reasons) != len(want) {
		t.Fatalf("reasons %q, want %d", nb.Reasons, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(nb.Reasons[i], w) {
			t.Errorf("reason %d is %q, want %s…", i, nb.Reasons[i], w)
		}
	}
	if !strings.Contains(nb.Reasons[2], "《行政强制法》第三十五条") {
		t.Errorf("citations %q do not name 《行政强制法》第三十五条", nb.Reasons[2])
	}
	if !strings.Contains(nb.Reasons[3], "催告") {
		t.Errorf("keywords %q do not name 催告", nb.Reasons[3])
	}
}

// TestRetrievalOrder: precedents are listed before the centre's own cases,
// 指导性案例 first, whatever their scores.
func TestRetrievalOrder(t *testing.T) {
	items := slices.Clone(repoItems(t))
	src := map[string]Item{}
	for _, it := range items {
		src[it.ID] = it
	}
	// Two households of the series republished as precedents, without
	// domain and act type: they score below the lead case's own neighbours
	// but are listed first.
	for id, rank := range map[string]int{"ZK-2023-HJ-0003": RankTypical, "ZK-2023-HJ-0002": RankGuiding} {
		p := src[id]
		p.ID, p.Rank, p.Domain, p.ActType = "P-"+id, rank, "", ""
		items = append(items, p)
	}
	got := Compute(context.Background(), items, 20)["ZK-2023-HJ-0001"]
	var ids []string
	for _, n := range got {
		ids = append(ids, n.ID)
	}
	if len(got) < 4 || got[0].ID != "P-ZK-2023-HJ-0002" || got[1].ID != "P-ZK-2023-HJ-0003" {
		t.Fatalf("neighbours of the lead case %v, want the two precedents first, 指导性案例 first", ids)
	}
	if got[1].Score > got[2].Score {
		t.Errorf("the precedents score %.3f, more than the best own case %.3f: the test shows nothing", got[1].Score, got[2].Score)
	}
	for i := 3; i < len(got); i++ {
		if got[i].Rank != RankOwn || got[i].Score > got[i-1].Score {
			t.Errorf("own cases not by score: %v", ids)
		}
	}
}

// synthetic returns n items with random texts over a small vocabulary, so
// that many are alike, and random facets.
func synthetic(n int, seed uint64) []Item {
	r := rand.New(rand.NewPCG(seed, 7))
	words := []string{"征收", "补偿", "协议", "拆除", "违法", "建筑", "听证", "罚款", "许可", "登记", "工伤", "认定",
		"信息", "公开", "复议", "诉讼", "化解", "调解", "评估", "安置", "土地", "房屋", "养老", "待遇"}
	domains := []string{"征地拆迁", "房屋征收", "行政处罚", "", "工伤认定"}
	items := make([]Item, n)
	for i := range items {
		var b strings.Builder
		for range 20 + r.IntN(60) {
			b.WriteString(words[r.IntN(len(words))])
			if r.IntN(5) == 0 {
				b.WriteString("，")
			}
		}
		items[i] = Item{
			ID:       fmt.Sprintf("S-%04d", r.IntN(10*n)), // repeated ids happen
			Rank:     r.IntN(3),
			Title:    words[r.IntN(len(words))] + words[r.IntN(len(words))] + "案",
			Text:     b.String(),
			Keywords: []string{words[r.IntN(len(words))], words[r.IntN(len(words))]},
			Domain:   domains[r.IntN(len(domains))],
			ActType:  domains[r.IntN(len(domains))],
			Articles: []string{fmt.Sprintf("行政诉讼法#%d", 60+r.IntN(20))},
		}
	}
	return items
}

// TestProperties: never the item itself, at most k, every item present,
// retrieval order, ties broken by id, and the same result for the same
// items in any order and with any number of workers.
func TestProperties(t *testing.T) {
	for seed := range uint64(3) {
		items := synthetic(300, seed)
		for _, k := range []int{1, 3, 5, 12} {
			res := Compute(context.Background(), items, k)
			ids := map[string]bool{}
			for _, it := range items {
				ids[it.ID] = true
			}
			if len(res) != len(ids) {
				t.Fatalf("seed %d k %d: %d entries for %d distinct ids", seed, k, len(res), len(ids))
			}
			for id, nb := range res {
				if !ids[id] {
					t.Fatalf("entry for unknown id %s", id)
				}
				if len(nb) > k {
					t.Errorf("%s: %d neighbours, k = %d", id, len(nb), k)
				}
				seen := map[string]bool{}
				for i, n := range nb {
					if n.ID == id {
						t.Errorf("%s is its own neighbour", id)
					}
					if seen[n.ID] {
						t.Errorf("%s: %s listed twice", id, n.ID)
					}
					seen[n.ID] = true
					if !ids[n.ID] {
						t.Errorf("%s: unknown neighbour %s", id, n.ID)
					}
					if n.Score < MinScore || len(n.Reasons) == 0 {
						t.Errorf("%s: neighbour %s with score %.3f and reasons %q", id, n.ID, n.Score, n.Reasons)
					}
					if i > 0 {
						p := nb[i-1]
						if p.Rank > n.Rank || p.Rank == n.Rank && (p.Score < n.Score || p.Score == n.Score && p.ID > n.ID) {
							t.Errorf("%s: %s (rank %d, %.6f) before %s (rank %d, %.6f)", id, p.ID, p.Rank, p.Score, n.ID, n.Rank, n.Score)
						}
					}
				}
			}
			// Any order of the same items gives the same result; of
			// repeated ids the first is kept, so keep those in order.
			shuffled := slices.Clone(items)
			rand.New(rand.NewPCG(seed, 99)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			first := map[string]int{}
			for i, it := range items {
				if _, ok := first[it.ID]; !ok {
					first[it.ID] = i
				}
			}
			shuffled = slices.DeleteFunc(shuffled, func(it Item) bool { return !reflect.DeepEqual(it, items[first[it.ID]]) })
			if again := Compute(context.Background(), shuffled, k); !reflect.DeepEqual(again, res) {
				t.Errorf("seed %d k %d: the result depends on the order of the items", seed, k)
			}
			// Nor does it depend on the number of workers.
			if k == 5 {
				procs := runtime.GOMAXPROCS(1)
				again := Compute(context.Background(), items, k)
				runtime.GOMAXPROCS(procs)
				if !reflect.DeepEqual(again, res) {
					t.Errorf("seed %d k %d: the result depends on the number of workers", seed, k)
				}
			}
		}
	}
}

func TestTiesBrokenByID(t *testing.T) {
	text := "行政机关作出征收补偿决定前未送达分户评估报告，被征收人申请复核评估。"
	var items []Item
	for _, id := range []string{"D", "B", "E", "A", "C", "F"} {
		items = append(items, Item{ID: id, Rank: RankOwn, Text: text, Domain: "房屋征收"})
	}
	items = append(items, Item{ID: "X", Text: "工伤认定申请人主张上下班途中受到机动车事故伤害。"})
	// Other items, so that the text's bigrams are not in most items.
	items = append(items, synthetic(20, 3)...)
	res := Compute(context.Background(), items, 4)
	var got []string
	for _, n := range res["C"] {
		got = append(got, n.ID)
	}
	if want := []string{"A", "B", "D", "E"}; !slices.Equal(got, want) {
		t.Errorf("neighbours of C %v, want %v (equal scores, by id)", got, want)
	}
}

func TestEdgeCases(t *testing.T) {
	ctx := context.Background()
	if res := Compute(ctx, nil, 5); len(res) != 0 {
		t.Errorf("no items: %v", res)
	}
	items := synthetic(50, 1)
	for id, nb := range Compute(ctx, items, 0) {
		if nb != nil {
			t.Errorf("k = 0: %s has %d neighbours", id, len(nb))
		}
	}
	one := []Item{{ID: "A", Text: "征收补偿"}}
	if res := Compute(ctx, one, 5); len(res) != 1 || res["A"] != nil {
		t.Errorf("one item: %v", res)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if res := Compute(cancelled, items, 5); res != nil {
		t.Errorf("cancelled: %d entries, want nil", len(res))
	}
}
