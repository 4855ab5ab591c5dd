package gen

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// render returns the Markdown file of one case. It uses a random stream of
// its own (seed, case index), so cases can be rendered in any order.
func (g *generator) render(m *caseMeta) []byte {
	r := rand.New(rand.NewPCG(g.opts.Seed^0x9e3779b97f4a7c15, uint64(m.i)+1))
	ct := g.derive(m, r)
	v := &ct.v

	var title, summary *tmpl
	switch m.kind {
	case "mediation":
		title, summary = pickOne(r, pTitleMediation, m.company), pickOne(r, pSummaryMediation, m.company)
	case "exemplary":
		title, summary = pickOne(r, pTitleExemplary, m.company), pickOne(r, pSummaryExemplary, m.company)
	default:
		title, summary = pickOne(r, pTitleWarning, m.company), pickOne(r, pSummaryWarning, m.company)
	}

	var b strings.Builder
	b.Grow(12 << 10)
	b.WriteString("---\n")
	field(&b, "id", m.id)
	field(&b, "kind", m.kind)
	field(&b, "title", title.String(v))
	field(&b, "summary", summary.String(v))
	list(&b, "keywords", ct.keywords)
	field(&b, "domain", m.domain)
	field(&b, "act_type", m.actType)
	field(&b, "region", m.region)
	field(&b, "agency", m.agency)
	field(&b, "agency_type", m.agencyType)
	field(&b, "stage", m.stage)
	b.WriteString("dates: {act: " + m.act.Format("2006-01-02") + ", received: " + m.received.Format("2006-01-02") +
		", closed: " + m.closed.Format("2006-01-02") + "}\n")
	field(&b, "court_case_no", ct.courtNo)
	field(&b, "outcome", m.outcome)
	b.WriteString("legal_basis:\n")
	for _, l := range ct.legal {
		b.WriteString("  - " + quote(l) + "\n")
	}
	list(&b, "participants", m.participants)
	if s := m.series; s != nil {
		b.WriteString("series: {id: " + s.lead + ", role: " + s.role)
		if s.role == "lead" {
			b.WriteString(", size: " + strconv.Itoa(s.size) + ", standard: " + quote(pickOne(r, pSeriesStandard, false).String(v)))
		} else {
			b.WriteString(", status: " + s.status)
			if note := seriesNote(s.status, r); note != "" {
				b.WriteString(", note: " + quote(note))
			}
		}
		b.WriteString("}\n")
	}
	if m.kind == "warning" {
		list(&b, "defects", m.defects)
		field(&b, "rectification", pickOne(r, pRectification, m.company).String(v))
		list(&b, "accountability", m.accountability)
	}
	field(&b, "pair", m.pair)
	list(&b, "related", m.related)
	b.WriteString("parties:\n")
	for _, p := range ct.parties {
		b.WriteString("  - {role: " + quote(p.role) + ", type: " + quote(p.typ) + ", display: " + quote(p.display) + "}\n")
	}
	b.WriteString("sample: true\n---\n")

	body := bodyWriter{b: &b, r: r, v: v, company: m.company}
	switch m.kind {
	case "mediation":
		g.mediationBody(&body, m)
	case "exemplary":
		g.exemplaryBody(&body, m)
	default:
		g.warningBody(&body, m)
	}
	return []byte(b.String())
}

func seriesNote(status string, r *rand.Rand) string {
	switch status {
	case "pending":
		return "已按统一标准完成复核，待评估结果确定后签订协议。"
	case "litigated":
		return []string{"对统一标准中的面积认定有异议，已提起诉讼。", "未接受统一标准，案件已由人民法院判决。"}[r.IntN(2)]
	case "opted-out":
		return "本人明确表示不参加示范性化解，选择自行通过诉讼解决。"
	}
	if r.IntN(3) == 0 {
		return "按统一标准签订协议，无特殊情况。"
	}
	return ""
}

// bodyWriter assembles the Markdown body: sections of paragraphs of
// sentences.
type bodyWriter struct {
	b       *strings.Builder
	r       *rand.Rand
	v       *values
	company bool
	para    int // sentences in the current paragraph
}

func (w *bodyWriter) section(name string) {
	w.end()
	w.b.WriteString("\n## " + name + "\n")
}

// sentence adds a sentence to the current paragraph, starting one if needed.
func (w *bodyWriter) sentence(t *tmpl) {
	if t == nil {
		return
	}
	if w.para == 0 {
		w.b.WriteString("\n")
	}
	t.expand(w.b, w.v)
	w.para++
}

// text adds literal text to the current paragraph.
func (w *bodyWriter) text(s string) {
	if w.para == 0 {
		w.b.WriteString("\n")
	}
	w.b.WriteString(s)
	w.para++
}

// end closes the current paragraph.
func (w *bodyWriter) end() {
	if w.para > 0 {
		w.b.WriteString("\n")
		w.para = 0
	}
}

// sentences adds the templates as paragraphs of two to four sentences.
func (w *bodyWriter) sentences(ts []*tmpl) {
	size := 2 + w.r.IntN(3)
	for _, t := range ts {
		w.sentence(t)
		if w.para >= size {
			w.end()
			size = 2 + w.r.IntN(3)
		}
	}
	w.end()
}

// numbered adds the templates as one paragraph of points 一是…二是….
func (w *bodyWriter) numbered(ts []*tmpl) {
	for i, t := range ts {
		w.text(ordinals[i] + "是")
		t.expand(w.b, w.v)
	}
	w.end()
}

var ordinals = []string{"一", "二", "三", "四", "五", "六", "七", "八"}

// issues writes the 争议焦点 section.
func (g *generator) issues(w *bodyWriter, m *caseMeta) {
	w.section("争议焦点")
	w.sentence(pickOne(w.r, pIssueIntro, w.company))
	items := append(pick(w.r, m.prof.issues, 2, w.company), pick(w.r, pIssueGeneric, 1+w.r.IntN(2), w.company)...)
	for i, t := range items {
		w.b.WriteString(ordinals[i] + "是")
		t.expand(w.b, w.v)
		if i < len(items)-1 {
			w.b.WriteString("；")
		} else {
			w.b.WriteString("。")
		}
	}
	w.end()
	w.sentence(pickOne(w.r, pIssueClose, w.company))
	w.end()
}

// facts writes the 基本案情 section; n limits the domain facts (0: all).
func (g *generator) facts(w *bodyWriter, m *caseMeta, n int, extra []*tmpl) {
	w.section("基本案情")
	facts := pick(w.r, m.prof.facts, 99, w.company)
	if n > 0 && len(facts) > n {
		facts = facts[:n]
	}
	w.sentences(facts)
	w.sentences(append(pick(w.r, pBackground, 3+w.r.IntN(2), w.company), extra...))
}

func (g *generator) mediationBody(w *bodyWriter, m *caseMeta) {
	intake := pIntakePre
	switch m.stage {
	case "诉中":
		intake = pIntakeIn
	case "诉后":
		intake = pIntakePost
	}
	g.facts(w, m, 0, nil)
	w.sentence(pickOne(w.r, intake, w.company))
	w.end()
	g.issues(w, m)

	w.section("化解过程")
	w.sentences(pick(w.r, pProcessOpen, 1+w.r.IntN(2), w.company))
	w.sentences(pick(w.r, m.prof.reasoning, 2, w.company))
	w.sentences(pick(w.r, pProcessMiddle, 12+w.r.IntN(4), w.company))
	w.sentence(pickOne(w.r, pProcessClose, w.company))
	w.end()

	w.section("化解结果")
	results := pResultSuccess
	switch m.outcome {
	case "达成初步化解意向":
		results = pResultPreliminary
	case "化解不成":
		results = pResultFailed
	case "撤诉":
		results = pResultWithdrawn
	case "判决":
		results = pResultJudgment
	}
	w.sentences(pick(w.r, results, 2+w.r.IntN(2), w.company))
	if s := m.series; s != nil && s.role == "lead" {
		w.text("本案确定的处理标准随后适用于同一项目的其余" + strconv.Itoa(s.size-1) + "户，各户参照执行情况见系列案件。")
		w.end()
	}

	w.section("评析")
	w.sentence(pickOne(w.r, pCommentOpen, w.company))
	w.end()
	w.numbered(pick(w.r, pCommentPoints, 3+w.r.IntN(2), w.company))
	w.sentences(pick(w.r, pCommentMediation, 2+w.r.IntN(2), w.company))
}

func (g *generator) exemplaryBody(w *bodyWriter, m *caseMeta) {
	g.facts(w, m, 2, pick(w.r, pExemplaryDispute, 1, w.company))
	g.issues(w, m)
	w.section("执法过程")
	w.sentences(pick(w.r, pEnforcementGood, 16+w.r.IntN(5), w.company))
	w.section("化解结果")
	w.sentences(pick(w.r, pResultExemplary, 2, w.company))
	w.section("典型意义")
	w.sentences(pick(w.r, pSignificance, 7+w.r.IntN(3), w.company))
}

func (g *generator) warningBody(w *bodyWriter, m *caseMeta) {
	g.facts(w, m, 0, nil)
	g.issues(w, m)
	w.section("执法过程")
	w.sentences(pick(w.r, pWarningContext, 3+w.r.IntN(2), w.company))
	w.sentence(pickOne(w.r, pWarningOpen, w.company))
	w.end()
	per := 3
	if len(m.defects) == 1 {
		per = 4
	}
	var ds []*tmpl
	for _, d := range m.defects {
		ds = append(ds, pick(w.r, pDefects[d], per, w.company)...)
	}
	w.sentences(ds)
	w.section("败诉原因")
	w.sentence(pickOne(w.r, pLossFiled, w.company))
	// The judgment: wrong law only when that is the defect found.
	judgments := pLossJudgment[:2]
	if len(m.defects) == 1 && m.defects[0] == "适用法律" {
		judgments = pLossJudgment[2:]
	}
	w.sentence(pickOne(w.r, judgments, w.company))
	w.end()
	w.sentences(pick(w.r, pLossReasons, 3+w.r.IntN(2), w.company))
	w.section("化解结果")
	w.sentences(pick(w.r, pResultWarning, 2, w.company))
	w.section("警示要点")
	w.numbered(pick(w.r, pLessonPoints, 4+w.r.IntN(3), w.company))
	w.sentences(pick(w.r, pLessons, 2+w.r.IntN(2), w.company))
}

// field writes key: value, skipping empty values.
func field(b *strings.Builder, key, val string) {
	if val == "" {
		return
	}
	b.WriteString(key + ": " + quote(val) + "\n")
}

// list writes key: [a, b], skipping empty lists.
func list(b *strings.Builder, key string, vals []string) {
	if len(vals) == 0 {
		return
	}
	b.WriteString(key + ": [")
	for i, s := range vals {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quote(s))
	}
	b.WriteString("]\n")
}

// quote returns s as a YAML scalar: plain when that is safe (in block and
// flow context alike), double-quoted otherwise.
func quote(s string) string {
	if s == "" || strings.ContainsAny(s, ":#,[]{}&*!|>'\"%@`\\\n\t") || strings.TrimSpace(s) != s ||
		strings.ContainsAny(s[:1], "-?") {
		return strconv.Quote(s)
	}
	if s[0] < 0x80 { // only ASCII text can read as a bool, null or number
		switch strings.ToLower(s) {
		case "true", "false", "yes", "no", "on", "off", "null", "~":
			return strconv.Quote(s)
		}
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return strconv.Quote(s)
		}
	}
	return s
}
