package gen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// The placeholders a sentence template may use.
const (
	kRegion       = iota // 区县
	kApplicant           // 申请人
	kAgency              // 机关
	kSubject             // 事项
	kStageName           // 阶段名: 诉前化解 …
	kTown                // 镇
	kVillage             // 村
	kAction              // 行为 (verb phrase)
	kActionNoun          // 行为短 (noun phrase)
	kDefects             // 缺陷
	kOutcomeText         // 结果句
	kParticipants        // 参与
	kDemand              // 诉求
	kSessions            // 次数
	kDays                // 天数
	kHouseholds          // 户数
	kObject              // 标的
	kReceived            // 受理日
	kCourt               // 法院
	kCourtNo             // 案号
	kMediator            // 化解员
	kHead                // 负责人
	kLaw                 // 法条
	kLaw2                // 法条2
	kMonths              // 月数
	kClosed              // 办结日
	kRuleArt             // 规则条
	kYear                // 年
	kActDate             // 行为日
	kAmount              // 金额
	kAmount2             // 金额2
	kArea                // 面积
	numKeys
)

var keyNames = [numKeys]string{
	kRegion: "区县", kApplicant: "申请人", kAgency: "机关", kSubject: "事项", kStageName: "阶段名",
	kTown: "镇", kVillage: "村", kAction: "行为", kActionNoun: "行为短", kDefects: "缺陷",
	kOutcomeText: "结果句", kParticipants: "参与", kDemand: "诉求", kSessions: "次数", kDays: "天数",
	kHouseholds: "户数", kObject: "标的", kReceived: "受理日", kCourt: "法院", kCourtNo: "案号",
	kMediator: "化解员", kHead: "负责人", kLaw: "法条", kLaw2: "法条2", kMonths: "月数",
	kClosed: "办结日", kRuleArt: "规则条", kYear: "年", kActDate: "行为日", kAmount: "金额",
	kAmount2: "金额2", kArea: "面积",
}

var keyIndex = func() map[string]int {
	m := map[string]int{}
	for i, n := range keyNames {
		m[n] = i
	}
	return m
}()

// values are the facts of one case, indexed by placeholder.
type values [numKeys]string

// seg is a literal run of text (key < 0) or a placeholder.
type seg struct {
	lit string
	key int
}

// tmpl is one parsed sentence template.
type tmpl struct {
	segs    []seg
	person  bool // only for natural-person applicants
	company bool // only for company applicants
}

// parseTmpl parses one template; unknown placeholders panic (they are
// programming errors in the pools).
func parseTmpl(s string) tmpl {
	var t tmpl
	switch {
	case strings.HasPrefix(s, "P|"):
		t.person, s = true, s[2:]
	case strings.HasPrefix(s, "C|"):
		t.company, s = true, s[2:]
	}
	for s != "" {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			t.segs = append(t.segs, seg{lit: s, key: -1})
			break
		}
		if i > 0 {
			t.segs = append(t.segs, seg{lit: s[:i], key: -1})
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			panic(fmt.Sprintf("corpusgen: unclosed placeholder in %q", s))
		}
		name := s[i+1 : i+j]
		k, ok := keyIndex[name]
		if !ok {
			panic(fmt.Sprintf("corpusgen: unknown placeholder {%s} in %q", name, s))
		}
		t.segs = append(t.segs, seg{key: k})
		s = s[i+j+1:]
	}
	return t
}

// pool parses a block of templates, one a line, skipping blank lines.
func pool(block string) []tmpl {
	var out []tmpl
	for line := range strings.SplitSeq(block, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, parseTmpl(line))
		}
	}
	return out
}

// fits reports whether a template may be used for the applicant.
func (t *tmpl) fits(company bool) bool {
	return !(t.person && company) && !(t.company && !company)
}

// expand writes the template with v filled in.
func (t *tmpl) expand(b *strings.Builder, v *values) {
	for _, s := range t.segs {
		if s.key < 0 {
			b.WriteString(s.lit)
		} else {
			b.WriteString(v[s.key])
		}
	}
}

// String expands the template into a new string.
func (t *tmpl) String(v *values) string {
	var b strings.Builder
	t.expand(&b, v)
	return b.String()
}

// pick chooses up to n templates of p that fit the applicant, without
// repetition, keeping the pool's order.
func pick(r *rand.Rand, p []tmpl, n int, company bool) []*tmpl {
	idx := make([]int, 0, len(p))
	for i := range p {
		if p[i].fits(company) {
			idx = append(idx, i)
		}
	}
	if n > len(idx) {
		n = len(idx)
	}
	for i := 0; i < n; i++ {
		j := i + r.IntN(len(idx)-i)
		idx[i], idx[j] = idx[j], idx[i]
	}
	idx = idx[:n]
	slices.Sort(idx)
	out := make([]*tmpl, n)
	for i, k := range idx {
		out[i] = &p[k]
	}
	return out
}

// pickOne chooses one fitting template.
func pickOne(r *rand.Rand, p []tmpl, company bool) *tmpl {
	if t := pick(r, p, 1, company); len(t) == 1 {
		return t[0]
	}
	return nil
}

// Parsed pools.
var (
	pTitleMediation    = pool(titlesMediation)
	pTitleExemplary    = pool(titlesExemplary)
	pTitleWarning      = pool(titlesWarning)
	pSummaryMediation  = pool(summariesMediation)
	pSummaryExemplary  = pool(summariesExemplary)
	pSummaryWarning    = pool(summariesWarning)
	pRectification     = pool(rectifications)
	pSeriesStandard    = pool(seriesStandards)
	pBackground        = pool(bgExtra)
	pIntakePre         = pool(intakePre)
	pIntakeIn          = pool(intakeIn)
	pIntakePost        = pool(intakePost)
	pIssueIntro        = pool(issueIntros)
	pIssueGeneric      = pool(issuesGeneric)
	pIssueClose        = pool(issueClosings)
	pProcessOpen       = pool(processOpen)
	pProcessMiddle     = pool(processMiddle)
	pProcessClose      = pool(processClose)
	pResultSuccess     = pool(resultSuccess)
	pResultPreliminary = pool(resultPreliminary)
	pResultFailed      = pool(resultFailed)
	pResultWithdrawn   = pool(resultWithdrawn)
	pResultJudgment    = pool(resultJudgment)
	pCommentOpen       = pool(commentOpen)
	pCommentPoints     = pool(commentPoints)
	pCommentMediation  = pool(commentMediation)
	pEnforcementGood   = pool(enforcementGood)
	pResultExemplary   = pool(resultExemplary)
	pSignificance      = pool(significance)
	pWarningContext    = pool(warningContext)
	pWarningOpen       = pool(warningOpen)
	pLossFiled         = pool(lossFiled)
	pLossJudgment      = pool(lossJudgment)
	pLossReasons       = pool(lossReasons)
	pResultWarning     = pool(resultWarning)
	pLessonPoints      = pool(lessonPoints)
	pLessons           = pool(lessons)
	pExemplaryDispute  = pool(exemplaryDispute)
	pDefects           = map[string][]tmpl{}
	defectPhrases      = map[string]string{}
	parsedProfiles     = map[string]*parsedProfile{}
	parsedGeneric      *parsedProfile
)

// parsedProfile holds a profile's pools, parsed.
type parsedProfile struct {
	*profile
	facts, issues, reasoning []tmpl
}

func init() {
	for name, block := range map[string]string{
		"主体": defectSubject, "程序": defectProcedure, "证据": defectEvidence, "适用法律": defectLaw,
		"裁量": defectDiscretion, "文书": defectDocument, "超越职权": defectUltraVires,
	} {
		pDefects[name] = pool(block)
	}
	for name, phrase := range map[string]string{
		"主体": "执法主体不适格", "程序": "违反法定程序", "证据": "主要证据不足", "适用法律": "适用法律错误",
		"裁量": "裁量明显不当", "文书": "执法文书不规范", "超越职权": "超越法定职权",
	} {
		defectPhrases[name] = phrase
	}
	parse := func(p *profile) *parsedProfile {
		return &parsedProfile{profile: p, facts: pool(p.facts), issues: pool(p.issues), reasoning: pool(p.reasoning)}
	}
	for name, p := range profiles {
		parsedProfiles[name] = parse(p)
	}
	parsedGeneric = parse(genericProfile)
}

// TemplateCount is the number of distinct sentence templates the generator
// draws from (titles, summaries and body sentences), for reports.
func TemplateCount() int {
	n := 0
	for _, p := range [][]tmpl{pTitleMediation, pTitleExemplary, pTitleWarning, pSummaryMediation, pSummaryExemplary,
		pSummaryWarning, pRectification, pSeriesStandard, pBackground, pIntakePre, pIntakeIn, pIntakePost, pIssueIntro,
		pIssueGeneric, pIssueClose, pProcessOpen, pProcessMiddle, pProcessClose, pResultSuccess, pResultPreliminary,
		pResultFailed, pResultWithdrawn, pResultJudgment, pCommentOpen, pCommentPoints, pCommentMediation,
		pEnforcementGood, pResultExemplary, pSignificance, pWarningContext, pWarningOpen, pLossFiled, pLossJudgment, pLossReasons,
		pResultWarning, pLessonPoints, pLessons, pExemplaryDispute} {
		n += len(p)
	}
	for _, p := range pDefects {
		n += len(p)
	}
	for _, p := range parsedProfiles {
		n += len(p.facts) + len(p.issues) + len(p.reasoning)
	}
	return n
}
