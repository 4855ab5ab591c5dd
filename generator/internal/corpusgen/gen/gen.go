// Package gen generates a synthetic huajie site for benchmarks and tests:
// site.yaml, the controlled vocabulary, a home page, one work-rules file of
// forty articles, and any number of cases of all three kinds (化解案例,
// 优秀案例, 警示案例) whose front matter follows the content model and whose
// bodies (about 2,000 Chinese characters each) are assembled from several
// hundred sentence templates filled with the facts of each case.
//
// The output depends only on the options: the same seed gives the same
// files byte for byte, whatever the number of workers.
package gen

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gopkg.in/yaml.v3"

	"huajie/generator/numeral"
)

// Vocab holds the controlled vocabularies (content/vocab.yaml) the cases
// draw their facet values from.
type Vocab struct {
	Domains        []string `yaml:"domains"`
	Regions        []string `yaml:"regions"`
	Stages         []string `yaml:"stages"`
	Outcomes       []string `yaml:"outcomes"`
	Defects        []string `yaml:"defects"`
	AgencyTypes    []string `yaml:"agency_types,omitempty"`
	ActTypes       []string `yaml:"act_types,omitempty"`
	Participants   []string `yaml:"participants,omitempty"`
	Accountability []string `yaml:"accountability,omitempty"`
	PartyRoles     []string `yaml:"party_roles,omitempty"`
}

// ReadVocab reads a vocab.yaml file and returns the lists and the file's
// bytes (to be copied verbatim into the generated site).
func ReadVocab(path string) (Vocab, []byte, error) {
	var v Vocab
	b, err := os.ReadFile(path)
	if err != nil {
		return v, nil, err
	}
	if err := yaml.Unmarshal(b, &v); err != nil {
		return v, nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, b, nil
}

// Options configure a generation.
type Options struct {
	Cases int    // number of cases
	Seed  uint64 // the same seed gives the same site
	Vocab Vocab
	// VocabYAML is written verbatim to content/vocab.yaml when set;
	// otherwise Vocab is marshalled.
	VocabYAML []byte
	// Workers is the number of goroutines that render and write cases;
	// 0 means GOMAXPROCS. It does not change the output.
	Workers int
}

// Result reports what was generated.
type Result struct {
	IDs   []string // case ids in generation order
	Kinds []string // kind of each case, parallel to IDs
	Files int      // files written
	Bytes int64    // bytes written
}

// Years are the years case ids and dates are spread over.
const (
	FirstYear = 2019
	LastYear  = 2025
	maxPerKey = 9999 // the 4-digit number of an id, per year and kind
)

// Kind codes of case ids.
var kindCode = map[string]string{"mediation": "HJ", "exemplary": "YX", "warning": "JS"}

// Generate writes a complete site into dir: site.yaml, content/vocab.yaml,
// content/_index.md, rules/work-rules.md and the cases under
// cases/gen/NNN/<id>.md (1,000 a folder). dir may exist but must not hold
// cases/gen already.
func Generate(dir string, opts Options) (*Result, error) {
	if opts.Cases < 0 {
		return nil, errors.New("number of cases must not be negative")
	}
	if err := checkVocab(&opts.Vocab); err != nil {
		return nil, err
	}
	capacity := (LastYear - FirstYear + 1) * maxPerKey
	casesDir := filepath.Join(dir, "cases", "gen")
	if _, err := os.Stat(casesDir); err == nil {
		return nil, fmt.Errorf("%s already exists: remove it first", casesDir)
	}
	g := &generator{opts: opts, vocab: &opts.Vocab, rng: rand.New(rand.NewPCG(opts.Seed, 0x68756a6965))}
	metas, err := g.plan(capacity)
	if err != nil {
		return nil, err
	}

	res := &Result{}
	write := func(rel string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
		res.Files++
		res.Bytes += int64(len(data))
		return nil
	}
	vocabYAML := opts.VocabYAML
	if vocabYAML == nil {
		if vocabYAML, err = yaml.Marshal(&opts.Vocab); err != nil {
			return nil, err
		}
	}
	for _, f := range []struct {
		rel  string
		data []byte
	}{
		{"site.yaml", []byte(siteYAML)},
		{"content/vocab.yaml", vocabYAML},
		{"content/_index.md", []byte(homePage)},
		{"rules/" + RuleSlug + ".md", []byte(ruleFrontMatter + ruleBody)},
	} {
		if err := write(f.rel, f.data); err != nil {
			return nil, err
		}
	}
	for i := 0; i < len(metas); i += 1000 {
		if err := os.MkdirAll(filepath.Join(casesDir, fmt.Sprintf("%03d", i/1000)), 0o755); err != nil {
			return nil, err
		}
	}

	workers := opts.Workers
	if workers <= 0 {
		workers = 4 * runtime.GOMAXPROCS(0) // writing is mostly waiting on the file system
	}
	var (
		next   atomic.Int64
		files  atomic.Int64
		bytes  atomic.Int64
		errMu  sync.Mutex
		first  error
		wg     sync.WaitGroup
		failed atomic.Bool
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !failed.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(metas) {
					return
				}
				m := metas[i]
				data := g.render(m)
				p := filepath.Join(casesDir, fmt.Sprintf("%03d", i/1000), m.id+".md")
				if err := os.WriteFile(p, data, 0o644); err != nil {
					errMu.Lock()
					if first == nil {
						first = err
					}
					errMu.Unlock()
					failed.Store(true)
					return
				}
				files.Add(1)
				bytes.Add(int64(len(data)))
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return nil, first
	}
	res.Files += int(files.Load())
	res.Bytes += bytes.Load()
	for _, m := range metas {
		res.IDs = append(res.IDs, m.id)
		res.Kinds = append(res.Kinds, m.kind)
	}
	return res, nil
}

func checkVocab(v *Vocab) error {
	for _, l := range []struct {
		name string
		list []string
	}{{"domains", v.Domains}, {"regions", v.Regions}, {"stages", v.Stages}, {"outcomes", v.Outcomes}, {"defects", v.Defects}} {
		if len(l.list) == 0 {
			return fmt.Errorf("vocabulary: %s is empty", l.name)
		}
	}
	return nil
}

// caseMeta is everything about a case that involves other cases or the
// shared random stream; the rest is derived per case in render.
type caseMeta struct {
	i              int
	id, kind       string
	year           int
	domain         string
	prof           *parsedProfile
	region         string
	agencyType     string
	agency         string
	actType        string
	stage, outcome string
	act, received  time.Time
	closed         time.Time
	company        bool
	participants   []string
	defects        []string
	accountability []string
	pair           string
	related        []string
	series         *seriesMeta
}

// seriesMeta places a case in a demonstration series (示范性化解).
type seriesMeta struct {
	lead   string
	role   string // lead | member
	size   int    // lead only
	status string // member only
}

type generator struct {
	opts  Options
	vocab *Vocab
	rng   *rand.Rand
}

// plan decides ids, kinds and facets, series, pairs and related links, from
// one random stream, in order.
func (g *generator) plan(capacity int) ([]*caseMeta, error) {
	r := g.rng
	n := g.opts.Cases
	counts := map[string]int{}
	byKind := map[string]int{}
	metas := make([]*caseMeta, n)
	years := LastYear - FirstYear + 1
	for i := range n {
		kind := "mediation"
		switch x := r.Float64(); {
		case i < 3:
			kind = []string{"mediation", "exemplary", "warning"}[i] // every kind, even in tiny sites
		case x < 0.25:
			kind = "exemplary"
		case x < 0.5:
			kind = "warning"
		}
		if byKind[kind] >= capacity {
			return nil, fmt.Errorf("too many %s cases: at most %d fit the id scheme", kind, capacity)
		}
		byKind[kind]++
		year := FirstYear + r.IntN(years)
		for counts[fmt.Sprint(year, kind)] >= maxPerKey {
			year = FirstYear + (year-FirstYear+1)%years
		}
		key := fmt.Sprint(year, kind)
		counts[key]++
		m := &caseMeta{i: i, kind: kind, year: year,
			id: fmt.Sprintf("ZK-%d-%s-%04d", year, kindCode[kind], counts[key])}
		g.facets(m)
		metas[i] = m
	}
	g.series(metas)
	g.links(metas)
	return metas, nil
}

// domainWeight favours the domains most disputes come from.
var domainWeight = map[string]int{"征地拆迁": 4, "房屋征收": 3, "行政处罚": 3, "行政强制": 2, "行政协议": 2, "工伤认定": 2}

func (g *generator) facets(m *caseMeta) {
	r, v := g.rng, g.vocab
	m.domain = weighted(r, v.Domains, func(s string) int {
		if w, ok := domainWeight[s]; ok {
			return w
		}
		return 1
	})
	m.prof = parsedProfiles[m.domain]
	if m.prof == nil {
		m.prof = parsedGeneric
	}
	m.region = v.Regions[r.IntN(len(v.Regions))]
	m.agencyType = choose(r, m.prof.agencies, v.AgencyTypes)
	if m.region == "周口市" && m.agencyType == "县级人民政府" && slices.Contains(v.AgencyTypes, "市级人民政府") {
		m.agencyType = "市级人民政府"
	}
	if m.region == "周口市" && m.agencyType == "乡镇人民政府" && slices.Contains(v.AgencyTypes, "市级人民政府") {
		m.agencyType = "市级人民政府"
	}
	m.agency = agencyName(r, m.region, m.agencyType, m.domain)
	m.actType = choose(r, m.prof.acts, v.ActTypes)
	m.company = r.Float64() < m.prof.company

	switch m.kind {
	case "mediation":
		m.stage = weighted(r, v.Stages, func(s string) int {
			return map[string]int{"诉前": 55, "诉中": 30, "诉后": 15}[s] + 1
		})
		m.outcome = g.outcomeFor(m.stage)
		m.participants = some(r, v.Participants, 1+r.IntN(4))
	case "exemplary":
		if r.IntN(10) < 3 {
			m.participants = some(r, v.Participants, 1)
		}
	case "warning":
		if r.IntN(10) < 6 && slices.Contains(v.Stages, "诉中") && slices.Contains(v.Outcomes, "判决") {
			m.stage, m.outcome = "诉中", "判决"
		}
		m.defects = someWeighted(r, v.Defects, 1+r.IntN(3), func(s string) int {
			return map[string]int{"程序": 5, "证据": 4, "适用法律": 2, "裁量": 2}[s] + 1
		})
		if len(v.Accountability) > 0 {
			m.accountability = some(r, v.Accountability, 1+r.IntN(2))
		} else {
			m.accountability = []string{"约谈"}
		}
	}
	g.dates(m)
}

// outcomeFor picks an outcome that fits the stage: withdrawal and judgment
// only happen while a lawsuit is pending.
func (g *generator) outcomeFor(stage string) string {
	w := map[string]int{"化解成功": 55, "达成初步化解意向": 15, "化解不成": 12, "撤诉": 13, "判决": 5}
	if stage == "诉中" {
		w["撤诉"] = 35
	}
	return weighted(g.rng, g.vocab.Outcomes, func(s string) int {
		if stage != "诉中" && (s == "撤诉" || s == "判决") {
			return 0
		}
		if x, ok := w[s]; ok {
			return x
		}
		return 5
	})
}

// dates sets act ≤ received ≤ closed, all in the id's year.
func (g *generator) dates(m *caseMeta) {
	r := g.rng
	start := time.Date(m.year, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(m.year, 12, 31, 0, 0, 0, 0, time.UTC)
	m.act = start.AddDate(0, 0, r.IntN(240))
	m.received = m.act.AddDate(0, 0, 3+r.IntN(75))
	m.closed = m.received.AddDate(0, 0, 7+r.IntN(90))
	if m.closed.After(end) {
		m.closed = end
	}
}

// series groups some mediation cases of the same year into demonstration
// series: a lead case and members sharing its domain, region and agency.
func (g *generator) series(metas []*caseMeta) {
	r := g.rng
	byYear := map[int][]*caseMeta{}
	for _, m := range metas {
		if m.kind == "mediation" {
			byYear[m.year] = append(byYear[m.year], m)
		}
	}
	for y := FirstYear; y <= LastYear; y++ {
		list := byYear[y]
		for j := 0; j < len(list); j++ {
			if r.IntN(100) >= 3 || len(list)-j < 3 {
				continue
			}
			size := min(3+r.IntN(6), len(list)-j)
			lead := list[j]
			lead.series = &seriesMeta{lead: lead.id, role: "lead", size: size}
			lead.company = false
			if slices.Contains(g.vocab.Outcomes, "化解成功") {
				lead.outcome = "化解成功"
			}
			for _, mb := range list[j+1 : j+size] {
				mb.domain, mb.prof, mb.region = lead.domain, lead.prof, lead.region
				mb.agency, mb.agencyType, mb.actType = lead.agency, lead.agencyType, lead.actType
				mb.stage, mb.company = lead.stage, false
				mb.outcome = g.outcomeFor(mb.stage)
				status := map[string]string{"化解成功": "resolved", "撤诉": "resolved", "达成初步化解意向": "pending",
					"判决": "litigated"}[mb.outcome]
				if status == "" {
					status = []string{"litigated", "opted-out"}[r.IntN(2)]
				}
				mb.series = &seriesMeta{lead: lead.id, role: "member", status: status}
				mb.related = append(mb.related, lead.id)
			}
			j += size - 1
		}
	}
}

// links adds related cases (mostly of the same domain) and, for warning
// cases, the exemplary case that shows how it should be done.
func (g *generator) links(metas []*caseMeta) {
	r := g.rng
	byDomain := map[string][]*caseMeta{}
	exemplary := map[string][]*caseMeta{}
	var allExemplary []*caseMeta
	for _, m := range metas {
		byDomain[m.domain] = append(byDomain[m.domain], m)
		if m.kind == "exemplary" {
			exemplary[m.domain] = append(exemplary[m.domain], m)
			allExemplary = append(allExemplary, m)
		}
	}
	for _, m := range metas {
		same := byDomain[m.domain]
		for range r.IntN(4) {
			var o *caseMeta
			if r.IntN(4) > 0 && len(same) > 1 {
				o = same[r.IntN(len(same))]
			} else {
				o = metas[r.IntN(len(metas))]
			}
			if o != m && !slices.Contains(m.related, o.id) && len(m.related) < 4 {
				m.related = append(m.related, o.id)
			}
		}
		if m.kind == "warning" && r.IntN(10) < 6 {
			cands := exemplary[m.domain]
			if len(cands) == 0 {
				cands = allExemplary
			}
			if len(cands) > 0 {
				m.pair = cands[r.IntN(len(cands))].id
			}
		}
	}
}

// weighted picks one item of list with the given weights (0 excludes an
// item); it falls back to a uniform pick when every weight is 0.
func weighted(r *rand.Rand, list []string, weight func(string) int) string {
	total := 0
	for _, s := range list {
		total += weight(s)
	}
	if total == 0 {
		return list[r.IntN(len(list))]
	}
	x := r.IntN(total)
	for _, s := range list {
		if x -= weight(s); x < 0 {
			return s
		}
	}
	return list[len(list)-1]
}

// choose picks from the preferred values that the vocabulary allows, else
// from the vocabulary, else from preferred; "" when both are empty.
func choose(r *rand.Rand, preferred, allowed []string) string {
	var ok []string
	for _, p := range preferred {
		if len(allowed) == 0 || slices.Contains(allowed, p) {
			ok = append(ok, p)
		}
	}
	switch {
	case len(ok) > 0:
		return ok[r.IntN(len(ok))]
	case len(allowed) > 0:
		return allowed[r.IntN(len(allowed))]
	}
	return ""
}

// some picks n distinct items of list, in the list's order.
func some(r *rand.Rand, list []string, n int) []string {
	return someWeighted(r, list, n, func(string) int { return 1 })
}

func someWeighted(r *rand.Rand, list []string, n int, weight func(string) int) []string {
	if len(list) == 0 {
		return nil
	}
	rest := slices.Clone(list)
	var chosen []string
	for len(chosen) < n && len(rest) > 0 {
		s := weighted(r, rest, weight)
		chosen = append(chosen, s)
		rest = slices.DeleteFunc(rest, func(x string) bool { return x == s })
	}
	slices.SortFunc(chosen, func(a, b string) int { return slices.Index(list, a) - slices.Index(list, b) })
	return chosen
}

// agencyName names the agency of a type in a region, as published.
func agencyName(r *rand.Rand, region, typ, domain string) string {
	city := region == "周口市"
	zone := strings.Contains(region, "开发区")
	switch typ {
	case "市级人民政府":
		return "周口市人民政府"
	case "县级人民政府":
		if zone {
			return region + "管理委员会"
		}
		return region + "人民政府"
	case "乡镇人民政府":
		if zone {
			return region + "某街道办事处"
		}
		return region + []string{"某镇人民政府", "某乡人民政府", "某镇人民政府"}[r.IntN(3)]
	case "税务":
		return "国家税务总局" + region + "税务局"
	case "生态环境":
		if city {
			return "周口市生态环境局"
		}
		return "周口市生态环境局" + region + "分局"
	}
	dept := map[string][2]string{ // city name, county name
		"自然资源":     {"自然资源和规划局", "自然资源局"},
		"住房城乡建设":   {"住房和城乡建设局", "住房和城乡建设局"},
		"人力资源社会保障": {"人力资源和社会保障局", "人力资源和社会保障局"},
		"市场监管":     {"市场监督管理局", "市场监督管理局"},
		"公安":       {"公安局", "公安局"},
		"城市管理":     {"城市管理局", "城市管理局"},
		"交通运输":     {"交通运输局", "交通运输局"},
		"农业农村":     {"农业农村局", "农业农村局"},
		"卫生健康":     {"卫生健康委员会", "卫生健康委员会"},
		"教育":       {"教育局", "教育体育局"},
		"应急管理":     {"应急管理局", "应急管理局"},
		"民政":       {"民政局", "民政局"},
		"文化旅游":     {"文化广电和旅游局", "文化广电和旅游局"},
	}[typ]
	switch {
	case dept[0] == "":
		return region + "人民政府"
	case city:
		return "周口市" + dept[0]
	case zone:
		return "周口市" + dept[0] + "经济技术开发区分局"
	}
	return region + dept[1]
}

// numberWords are small Chinese numbers for counts in the text.
var numberWords = []string{"两", "三", "四", "五"}

var surnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段")

var compoundSurnames = []string{"欧阳", "司马", "上官", "诸葛"}

// pseudonym is a natural person's display name: 王某, 王某甲, 欧阳某.
func pseudonym(surname, suffix string) string {
	return surname + "某" + suffix
}

func randomSurname(r *rand.Rand, not string) string {
	for {
		s := string(surnames[r.IntN(len(surnames))])
		if r.IntN(60) == 0 {
			s = compoundSurnames[r.IntN(len(compoundSurnames))]
		}
		if s != not {
			return s
		}
	}
}

var (
	companyPrefixes  = []string{"", "河南", "豫东", ""}
	companyTrades    = []string{"建材", "置业", "农业开发", "商贸", "食品", "物流", "环保科技", "纺织", "机械制造", "医药连锁", "餐饮管理", "运输", "养殖", "新材料"}
	companySuffixes  = []string{"有限公司", "有限责任公司", "股份有限公司"}
	courtCodes       = map[string]string{"川汇区": "1602", "淮阳区": "1603", "扶沟县": "1621", "西华县": "1622", "商水县": "1623", "沈丘县": "1624", "郸城县": "1625", "太康县": "1627", "鹿邑县": "1628", "项城市": "1681"}
	towns            = [][2]string{{"某镇", "某村"}, {"某乡", "某村"}, {"某街道", "某社区"}, {"某镇", "某行政村"}}
	mediatorKinds    = []string{"特邀化解员", "律师化解员", "退休法官化解员", "政府法律顾问"}
	heads            = []string{"分管负责人", "主要负责人", "法制机构负责人", "分管副职"}
	generalLaws      = []string{"《中华人民共和国行政诉讼法》第六十条第一款", "《中华人民共和国行政诉讼法》第十二条第一款", "《中华人民共和国行政诉讼法》第七十条", "《中华人民共和国行政诉讼法》第七十四条第二款", "《中华人民共和国行政复议法》第五条", "《中华人民共和国行政诉讼法》第三条第三款"}
	mediationRuleArt = []int{18, 19, 21, 22, 23, 24, 31, 34}
	outcomeTexts     = map[string]string{"化解成功": "双方达成化解协议", "达成初步化解意向": "双方达成初步化解意向",
		"化解不成": "化解虽未成功但缩小了争议范围", "撤诉": "当事人申请撤诉", "判决": "案件最终由人民法院判决"}
	stageNames = map[string]string{"诉前": "诉前化解", "诉中": "诉中化解", "诉后": "诉后化解"}
)

func companyName(r *rand.Rand, domain string) string {
	if domain == "农业农村" && r.IntN(2) == 0 {
		return "某种植专业合作社"
	}
	return companyPrefixes[r.IntN(len(companyPrefixes))] + "某" + companyTrades[r.IntN(len(companyTrades))] +
		companySuffixes[r.IntN(len(companySuffixes))]
}

func chineseDate(t time.Time) string {
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
}

func ruleCite(n int) string {
	if n < 1 || n > RuleArticles {
		panic(fmt.Sprintf("corpusgen: 《工作规则》 has no article %d", n))
	}
	return "《" + RuleShortTitle + "》第" + numeral.Format(n) + "条"
}

func oneOf(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// party is one entry of parties.
type party struct{ role, typ, display string }

// caseText is what render derives for a case from its own random stream.
type caseText struct {
	v        values
	parties  []party
	courtNo  string
	legal    []string
	keywords []string
}

// derive fills the values and the per-case fields.
func (g *generator) derive(m *caseMeta, r *rand.Rand) *caseText {
	ct := &caseText{}
	v := &ct.v
	p := m.prof

	surname := randomSurname(r, "")
	var applicant string
	if m.company {
		applicant = companyName(r, m.domain)
	} else {
		suffix := ""
		if r.IntN(5) < 2 {
			suffix = string([]rune("甲乙丙丁")[r.IntN(4)])
		}
		applicant = pseudonym(surname, suffix)
	}

	// Court and 案号.
	court, code := "周口市中级人民法院", "豫16"
	if c, ok := courtCodes[m.region]; ok && m.agencyType != "县级人民政府" && m.agencyType != "市级人民政府" && r.IntN(3) > 0 {
		court, code = m.region+"人民法院", "豫"+c
		if strings.HasSuffix(m.region, "区") {
			court = "周口市" + court
		}
	}
	if m.stage == "诉中" || m.stage == "诉后" || m.kind == "warning" {
		trial := "行初"
		if m.stage == "诉后" && r.IntN(2) == 0 {
			trial, code, court = "行终", "豫16", "周口市中级人民法院"
		}
		ct.courtNo = fmt.Sprintf("（%d）%s%s%d号", m.year, code, trial, 1+r.IntN(480))
	}

	action := p.actions[r.IntN(len(p.actions))]
	laws := some(r, p.laws, 1+r.IntN(2))
	law2 := oneOf(r, generalLaws)

	var rules []int
	switch {
	case m.series != nil && m.series.role == "lead":
		rules = []int{10, 25}
	case m.series != nil:
		rules = []int{25, 26}
	case m.kind == "mediation":
		for _, s := range some(r, []string{"a", "b", "c", "d", "e", "f", "g", "h"}, 1+r.IntN(2)) {
			rules = append(rules, mediationRuleArt[s[0]-'a'])
		}
		switch m.outcome {
		case "化解不成":
			rules = append(rules, 28)
		case "撤诉":
			rules = append(rules, 35)
		}
	case m.kind == "exemplary":
		rules = []int{[]int{5, 37}[r.IntN(2)]}
	default:
		rules = []int{37}
		if r.IntN(2) == 0 {
			rules = append(rules, 5)
		}
	}
	ct.legal = append(ct.legal, laws...)
	if !slices.Contains(ct.legal, law2) && r.IntN(3) > 0 {
		ct.legal = append(ct.legal, law2)
	}
	for _, n := range rules {
		ct.legal = append(ct.legal, ruleCite(n))
	}

	amount := 1.5 + r.Float64()*180
	town := towns[r.IntN(len(towns))]
	participants := strings.Join(m.participants, "、")
	if participants == "" {
		participants = "政府法律顾问和特邀化解员"
	}
	var defects []string
	for _, d := range m.defects {
		if ph, ok := defectPhrases[d]; ok {
			defects = append(defects, ph)
		} else {
			defects = append(defects, d+"问题")
		}
	}
	stageName := stageNames[m.stage]
	if stageName == "" {
		stageName = "协调化解"
	}
	outcomeText := outcomeTexts[m.outcome]
	if outcomeText == "" {
		outcomeText = "争议得到妥善处理"
	}
	*v = values{
		kRegion: m.region, kApplicant: applicant, kAgency: m.agency, kSubject: oneOf(r, p.subjects),
		kStageName: stageName, kTown: town[0], kVillage: town[1], kAction: action[0], kActionNoun: action[1],
		kDefects: strings.Join(defects, "、"), kOutcomeText: outcomeText, kParticipants: participants,
		kDemand: oneOf(r, p.demands), kSessions: oneOf(r, numberWords), kDays: oneOf(r, []string{"7", "10", "15", "20", "30", "45", "60"}),
		kHouseholds: strconv.Itoa(3 + r.IntN(38)), kObject: oneOf(r, p.objects), kReceived: chineseDate(m.received),
		kCourt: court, kCourtNo: ct.courtNo, kMediator: oneOf(r, mediatorKinds), kHead: oneOf(r, heads),
		kLaw: laws[0], kLaw2: law2, kMonths: oneOf(r, numberWords), kClosed: chineseDate(m.closed),
		kRuleArt: ruleCite(rules[0]), kYear: strconv.Itoa(m.year), kActDate: chineseDate(m.act),
		kAmount: strconv.FormatFloat(amount, 'f', 1, 64) + "万元", kAmount2: strconv.FormatFloat(amount*(0.4+r.Float64()*0.4), 'f', 1, 64) + "万元",
		kArea: strconv.Itoa(20+r.IntN(380)) + "平方米",
	}
	if v[kDefects] == "" {
		v[kDefects] = "程序瑕疵"
	}
	if v[kCourtNo] == "" {
		v[kCourtNo] = "（" + strconv.Itoa(m.year) + "）豫16行初" + strconv.Itoa(1+r.IntN(480)) + "号"
	}

	// Parties.
	role := func(name string) string {
		if len(g.vocab.PartyRoles) == 0 || slices.Contains(g.vocab.PartyRoles, name) {
			return name
		}
		return g.vocab.PartyRoles[0]
	}
	applicantRole, agencyRole := "申请人", "被申请人"
	switch {
	case m.kind == "exemplary":
		applicantRole, agencyRole = "行政相对人", "行政机关"
	case m.kind == "warning", m.stage == "诉中":
		applicantRole, agencyRole = "原告", "被告"
	case m.stage == "诉后" && strings.Contains(ct.courtNo, "行终"):
		applicantRole, agencyRole = "上诉人", "被上诉人"
	}
	typ := "自然人"
	if m.company {
		typ = "法人"
	}
	ct.parties = append(ct.parties, party{role(applicantRole), typ, applicant})
	if !m.company && r.IntN(5) == 0 {
		second := pseudonym(surname, "乙")
		if strings.HasSuffix(applicant, "乙") {
			second = pseudonym(surname, "甲")
		} else if !strings.ContainsAny(applicant, "甲丙丁") {
			ct.parties[0].display = pseudonym(surname, "甲")
			v[kApplicant] = ct.parties[0].display
		}
		ct.parties = append(ct.parties, party{role(applicantRole), "自然人", second})
	}
	ct.parties = append(ct.parties, party{role(agencyRole), "机关", m.agency})
	if r.IntN(7) == 0 || m.domain == "不动产登记" || m.domain == "公安治安" {
		ct.parties = append(ct.parties, party{role("第三人"), "自然人", pseudonym(randomSurname(r, surname), "")})
	}

	// Keywords: a few of the domain's, then a few about the kind.
	kw := some(r, p.keywords, 2+r.IntN(3))
	if r.IntN(3) > 0 && !slices.Contains(kw, m.domain) && slices.Contains(p.keywords, m.domain) {
		kw = append([]string{m.domain}, kw...)
	}
	var extra []string
	switch m.kind {
	case "mediation":
		extra = []string{stageName, "释法说理", "类案分析", "实质性化解", "负责人参与协商", "司法确认", "自我纠错", "多元化解"}
		if m.series != nil {
			kw = append(kw, "示范性化解")
		}
	case "exemplary":
		extra = []string{"规范执法", "法制审核", "源头预防", "执法全过程记录", "说理式执法", "听证程序"}
	default:
		extra = []string{"行政机关败诉", "法制审核", "整改落实", "负责人出庭应诉"}
		extra = append(extra, defects...)
	}
	for _, k := range some(r, extra, 1+r.IntN(2)) {
		if !slices.Contains(kw, k) {
			kw = append(kw, k)
		}
	}
	ct.keywords = kw[:min(len(kw), 7)]
	return ct
}
