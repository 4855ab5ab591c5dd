package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"time"

	"huajie/generator/chart"
	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/stats"
)

// ChartView is one chart with the same numbers as a table and as downloads.
type ChartView struct {
	ID    string
	Title string
	Note  string
	SVG   template.HTML
	Head  []string
	Rows  [][]string
	CSV   string
	JSON  string
}

// KeyFigure is one headline number.
type KeyFigure struct {
	Label, Value, Note string
}

// StatsView is the data of the statistics overview.
type StatsView struct {
	Period    string
	Key       []KeyFigure
	Charts    []ChartView
	Work      *content.Data
	Bulletins []Link
	Threshold float64
}

// RankingView is the data of the rankings page.
type RankingView struct {
	Threshold float64
	Tables    []RankingTable
}

// RankingTable is one ranking over one period.
type RankingTable struct {
	Title   string
	Period  string
	Ago     string
	Rows    []stats.Rank
	Flagged []string
}

// BulletinView is the data of a bulletin (通报).
type BulletinView struct {
	Bulletin  content.Bulletin
	DocNumber string
	Period    string
	Total     stats.Figures
	Ago       stats.Figures
	FiledChg  string
	LostChg   string
	RateChg   string
	Regions   []stats.Rank
	Flagged   []string
	Agencies  []stats.Rank
	FlagAgcy  []string
	Threshold float64
	Issuer    string
	Date      string
}

func (r *Renderer) threshold() float64 {
	if r.c.Site.Threshold > 0 {
		return r.c.Site.Threshold
	}
	return 15
}

func pct(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// statsJobs renders the statistics section, when there is data to show.
func (r *Renderer) statsJobs() []Job {
	s := stats.Aggregate(r.c.Data, r.c.Vocab.Regions, func(v string) bool { return !r.hidden(v) })
	var work *content.Data
	for _, d := range r.c.Data {
		if d.Kind == "work" && !r.hidden(d.Visibility) {
			work = d
		}
	}
	if len(s.Months) == 0 && work == nil {
		return nil
	}
	return []Job{
		{Key: "stats:overview", Run: func(r *Renderer) { r.statsOverview(s, work) }},
		{Key: "stats:rankings", Run: func(r *Renderer) { r.rankings(s) }},
		{Key: "stats:bulletins", Run: func(r *Renderer) { r.bulletins(s, work) }},
	}
}

// latestHalf is the latest half-year with complete data, with the same half a year earlier.
func latestHalf(s *stats.Stats) (stats.Period, bool) {
	if len(s.Months) == 0 {
		return stats.Period{}, false
	}
	last, _ := time.Parse("2006-01", s.Months[len(s.Months)-1])
	for y := last.Year(); y >= last.Year()-3; y-- {
		for h := 2; h >= 1; h-- {
			p := stats.Half(y, h)
			if s.Covered(p) && s.Covered(p.YearAgo()) {
				return p, true
			}
		}
	}
	return stats.Period{}, false
}

func changeText(c *float64, up, down string) string {
	if c == nil {
		return "—"
	}
	if *c < 0 {
		return down + pct(-*c) + "%"
	}
	return up + pct(*c) + "%"
}

func pointsText(d float64, up, down string) string {
	if d < 0 {
		return down + pct(-d) + "个百分点"
	}
	return up + pct(d) + "个百分点"
}

func (r *Renderer) statsOverview(s *stats.Stats, work *content.Data) {
	pv := r.newPage("stats", "统计数据", "stats/")
	pv.Section = "统计数据"
	pv.Description = "全市行政诉讼发案量、败诉率、行政机关负责人出庭应诉率，化解案例和警示案例的统计。"
	v := StatsView{Work: work, Threshold: r.threshold()}
	if p, ok := latestHalf(s); ok {
		now, ago := s.Total.Over(p), s.Total.Over(p.YearAgo())
		v.Period = p.Label
		v.Key = []KeyFigure{
			{"行政诉讼发案量", strconv.Itoa(now.Filed) + "件", "同比" + changeText(stats.Change(now.Filed, ago.Filed), "上升", "下降")},
			{"行政机关败诉", strconv.Itoa(now.Lost) + "件", "同比" + changeText(stats.Change(now.Lost, ago.Lost), "上升", "下降")},
			{"败诉率", pct(now.LossRate()) + "%", "同比" + pointsText(now.LossRate()-ago.LossRate(), "上升", "下降")},
			{"负责人出庭应诉率", pct(now.HeadRate()) + "%", fmt.Sprintf("开庭%d件次，出庭%d件次", now.Hearings, now.Heads)},
		}
	}
	v.Charts = r.statsCharts(s)
	if work != nil {
		for _, b := range work.Bulletins {
			v.Bulletins = append(v.Bulletins, Link{Label: b.Title, URL: r.RelURL(bulletinURL(b)), Note: b.Date.Chinese()})
		}
	}
	pv.Data = v
	r.write("stats.html", pv)
}

func bulletinURL(b content.Bulletin) string {
	kind := "monthly"
	if b.Type == "季度通报" {
		kind = "quarterly"
	}
	return fmt.Sprintf("stats/bulletins/%d-%s-%d/", b.Date.Year(), kind, b.Number)
}

// statsCharts builds every chart of the overview, each with its table and downloads.
func (r *Renderer) statsCharts(s *stats.Stats) []ChartView {
	var out []ChartView
	add := func(id, title, note string, c chart.Chart, head []string, rows [][]string) {
		if len(c.Labels) == 0 {
			return // nothing to show
		}
		c.Title = title
		svg, err := c.SVG()
		if err != nil {
			r.diags.Add(diag.Pos{File: "content/data"}, "chart %s: %v", id, err)
			return
		}
		cv := ChartView{ID: id, Title: title, Note: note, SVG: template.HTML(svg), Head: head, Rows: rows,
			CSV: r.RelURL("stats/" + id + ".csv"), JSON: r.RelURL("stats/" + id + ".json")}
		r.writeTable("stats/"+id, title, head, rows)
		out = append(out, cv)
	}
	// Litigation by month, year against year.
	years := map[int]bool{}
	for _, m := range s.Months {
		y, _ := strconv.Atoi(m[:4])
		years[y] = true
	}
	var ys []int
	for y := range years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	if len(ys) > 0 {
		labels := make([]string, 12)
		for i := range labels {
			labels[i] = strconv.Itoa(i+1) + "月"
		}
		var filed, rate, heads []chart.Series
		head := []string{"月份"}
		rows := make([][]string, 12)
		for i := range rows {
			rows[i] = []string{labels[i]}
		}
		for _, y := range ys {
			fs, rs, hs := chart.Series{Name: fmt.Sprintf("%d年", y), Format: "%.0f件"}, chart.Series{Name: fmt.Sprintf("%d年", y), Format: "%.2f%%"}, chart.Series{Name: fmt.Sprintf("%d年", y), Format: "%.2f%%"}
			head = append(head, fmt.Sprintf("%d年发案量", y), fmt.Sprintf("%d年败诉率（%%）", y), fmt.Sprintf("%d年负责人出庭应诉率（%%）", y))
			for m := 1; m <= 12; m++ {
				f := s.Total.Months[fmt.Sprintf("%d-%02d", y, m)]
				fs.Values = append(fs.Values, float64(f.Filed))
				rs.Values = append(rs.Values, f.LossRate())
				hs.Values = append(hs.Values, f.HeadRate())
				rows[m-1] = append(rows[m-1], strconv.Itoa(f.Filed), pct(f.LossRate()), pct(f.HeadRate()))
			}
			filed, rate, heads = append(filed, fs), append(rate, rs), append(heads, hs)
		}
		add("filed-by-month", "全市行政诉讼发案量（按月）", "发案量为新收一审行政诉讼案件数。", chart.Chart{Kind: chart.KindGrouped, Labels: labels, Series: filed, YLabel: "件"}, head, rows)
		th := r.threshold()
		add("loss-rate-by-month", "全市行政诉讼败诉率（按月）", "败诉率＝行政机关败诉件数÷一审审结件数。", chart.Chart{Kind: chart.KindLine, Labels: labels, Series: rate, YLabel: "%", Threshold: &th, ThresholdLabel: "督导线" + pct(th) + "%"}, head, rows)
		add("head-rate-by-month", "行政机关负责人出庭应诉率（按月）", "", chart.Chart{Kind: chart.KindLine, Labels: labels, Series: heads, YLabel: "%"}, head, rows)
	}
	if p, ok := latestHalf(s); ok {
		var labels []string
		now, ago := chart.Series{Name: p.Label, Format: "%.2f%%"}, chart.Series{Name: p.YearAgo().Label, Format: "%.2f%%"}
		var rows [][]string
		for _, u := range s.Regions {
			f, fa := u.Over(p), u.Over(p.YearAgo())
			labels = append(labels, u.Name)
			now.Values = append(now.Values, f.LossRate())
			ago.Values = append(ago.Values, fa.LossRate())
			rows = append(rows, []string{u.Name, strconv.Itoa(f.Filed), strconv.Itoa(f.Decided), strconv.Itoa(f.Lost), pct(f.LossRate()), pct(fa.LossRate())})
		}
		th := r.threshold()
		add("loss-rate-by-region", "各县（市、区）败诉率（"+p.Label+"）", "周口市指市直机关。超过督导线的县（市、区）纳入“驻站式”执法监督。",
			chart.Chart{Kind: chart.KindGrouped, Labels: labels, Series: []chart.Series{ago, now}, YLabel: "%", Threshold: &th, ThresholdLabel: "督导线" + pct(th) + "%"},
			[]string{"区县", "发案量", "审结", "败诉", "败诉率（%）", "上年同期败诉率（%）"}, rows)
	}
	// From the cases themselves.
	cases := r.visibleCases()
	stages, outcomes := r.c.Vocab.Stages, r.c.Vocab.Outcomes
	count := map[[2]string]int{}
	domains := map[string]int{}
	defects, agencyTypes := map[string]int{}, map[string]int{}
	for _, c := range cases {
		switch c.Kind {
		case "mediation":
			count[[2]string{c.Stage, c.Outcome}]++
			domains[c.Domain]++
		case "warning":
			for _, d := range c.Defects {
				defects[d]++
			}
			if c.AgencyType != "" {
				agencyTypes[c.AgencyType]++
			}
		}
	}
	if len(domains) > 0 {
		var series []chart.Series
		var rows [][]string
		for _, o := range outcomes {
			sr := chart.Series{Name: o, Format: "%.0f件"}
			for _, st := range stages {
				sr.Values = append(sr.Values, float64(count[[2]string{st, o}]))
			}
			series = append(series, sr)
		}
		for _, st := range stages {
			row := []string{st}
			for _, o := range outcomes {
				row = append(row, strconv.Itoa(count[[2]string{st, o}]))
			}
			rows = append(rows, row)
		}
		add("outcomes-by-stage", "化解结果（按化解阶段）", "本库收录的化解案例。", chart.Chart{Kind: chart.KindGrouped, Labels: stages, Series: series, YLabel: "件"}, append([]string{"阶段"}, outcomes...), rows)
		labels, values, rows2 := countRows(domains)
		add("mediation-by-domain", "化解案例（按领域）", "", chart.Chart{Kind: chart.KindBar, Labels: labels, Series: []chart.Series{{Name: "化解案例", Values: values, Format: "%.0f件"}}, YLabel: "件"}, []string{"领域", "件数"}, rows2)
	}
	if len(defects) > 0 {
		labels, values, rows := countRows(defects)
		add("defects-by-type", "警示案例问题类型", "一件警示案例可有多个问题类型。", chart.Chart{Kind: chart.KindBar, Labels: labels, Series: []chart.Series{{Name: "警示案例", Values: values, Format: "%.0f件"}}, YLabel: "件"}, []string{"问题类型", "件数"}, rows)
		labels, values, rows = countRows(agencyTypes)
		add("warnings-by-agency-type", "警示案例（按机关类型）", "", chart.Chart{Kind: chart.KindBar, Labels: labels, Series: []chart.Series{{Name: "警示案例", Values: values, Format: "%.0f件"}}, YLabel: "件"}, []string{"机关类型", "件数"}, rows)
	}
	return out
}

// countRows orders counts from most to fewest.
func countRows(m map[string]int) ([]string, []float64, [][]string) {
	keys := sortedKeys(m)
	sort.SliceStable(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] })
	var labels []string
	var values []float64
	var rows [][]string
	for _, k := range keys {
		labels = append(labels, k)
		values = append(values, float64(m[k]))
		rows = append(rows, []string{k, strconv.Itoa(m[k])})
	}
	return labels, values, rows
}

// writeTable writes a chart's numbers as CSV (with a BOM, for spreadsheet
// programs) and as JSON.
func (r *Renderer) writeTable(base, title string, head []string, rows [][]string) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.Write(head)
	w.WriteAll(rows)
	if err := r.w.WriteFile(base+".csv", buf.Bytes()); err != nil {
		r.diags.Add(diag.Pos{File: base}, "writing: %v", err)
	}
	var recs []map[string]string
	for _, row := range rows {
		rec := map[string]string{}
		for i, h := range head {
			if i < len(row) {
				rec[h] = row[i]
			}
		}
		recs = append(recs, rec)
	}
	b, _ := json.MarshalIndent(map[string]any{"title": title, "columns": head, "rows": recs}, "", "  ")
	if err := r.w.WriteFile(base+".json", b); err != nil {
		r.diags.Add(diag.Pos{File: base}, "writing: %v", err)
	}
}

func (r *Renderer) rankings(s *stats.Stats) {
	pv := r.newPage("rankings", "败诉率排名", "stats/rankings/")
	r.crumb(pv, "统计数据", "stats/")
	pv.Section = "统计数据"
	th := r.threshold()
	pv.Description = fmt.Sprintf("各县（市、区）和涉诉行政机关按败诉率排名；败诉率超过%s%%的单位纳入“驻站式”执法监督。", pct(th))
	v := RankingView{Threshold: th}
	var periods []stats.Period
	if p, ok := latestHalf(s); ok {
		periods = append(periods, p)
	}
	if len(s.Months) > 0 {
		y, _ := strconv.Atoi(s.Months[len(s.Months)-1][:4])
		if s.Covered(stats.Year(y)) {
			periods = append(periods, stats.Year(y))
		}
	}
	for _, p := range periods {
		for _, group := range []struct {
			name  string
			units []*stats.Unit
		}{{"各县（市、区）", s.Regions}, {"涉诉行政机关", s.Agencies}} {
			t := RankingTable{Title: group.name, Period: p.Label, Ago: p.YearAgo().Label, Rows: stats.Ranking(group.units, p, th)}
			for _, row := range t.Rows {
				if row.Flagged {
					t.Flagged = append(t.Flagged, row.Unit.Name)
				}
			}
			v.Tables = append(v.Tables, t)
		}
	}
	pv.Data = v
	r.write("rankings.html", pv)
}

// bulletinPeriod is the span a bulletin reports on: the month before it for a
// monthly bulletin; from January to the end of the quarter before it for a
// quarterly one.
func bulletinPeriod(b content.Bulletin) stats.Period {
	prev := b.Date.AddDate(0, -1, 0)
	if b.Type != "季度通报" {
		return stats.Month(prev.Year(), int(prev.Month()))
	}
	q := (int(prev.Month())-1)/3 + 1
	p := stats.YearToDate(prev.Year(), 3*q)
	switch q {
	case 1:
		p.Label = fmt.Sprintf("%d年第一季度", prev.Year())
	case 2:
		p.Label = fmt.Sprintf("%d年上半年", prev.Year())
	case 3:
		p.Label = fmt.Sprintf("%d年前三季度", prev.Year())
	default:
		p.Label = fmt.Sprintf("%d年全年", prev.Year())
	}
	return p
}

func (r *Renderer) bulletins(s *stats.Stats, work *content.Data) {
	if work == nil || len(work.Bulletins) == 0 {
		return
	}
	th := r.threshold()
	list := r.newPage("section", "通报", "stats/bulletins/")
	r.crumb(list, "统计数据", "stats/")
	list.Section = "统计数据"
	list.Description = "行政诉讼发案量和败诉率月度、季度通报。"
	var links []Link
	type entry struct {
		b   content.Bulletin
		url string
	}
	var entries []entry
	for _, b := range work.Bulletins {
		url := bulletinURL(b)
		entries = append(entries, entry{b, url})
		links = append(links, Link{Label: b.Title, URL: r.RelURL(url), Note: b.Type + "　" + b.Date.Chinese()})
		p := bulletinPeriod(b)
		if !s.Covered(p) {
			r.diags.Add(b.Fields["date"], "bulletin %q reports on %s, which has no complete data", b.Title, p.Label)
			continue
		}
		pv := r.newPage("bulletin", b.Title, url)
		r.crumb(pv, "统计数据", "stats/")
		r.crumb(pv, "通报", "stats/bulletins/")
		pv.Section, pv.Sample, pv.Date = "通报", work.Sample, b.Date.String()
		pv.Description = b.Title
		now, ago := s.Total.Over(p), s.Total.Over(p.YearAgo())
		v := BulletinView{Bulletin: b, Period: p.Label, Total: now, Ago: ago, Threshold: th, Issuer: "周口市司法局", Date: b.Date.Chinese(),
			DocNumber: fmt.Sprintf("周司通〔%d〕%d号", b.Date.Year(), map[bool]int{true: 20, false: 0}[b.Type == "季度通报"]+b.Number),
			FiledChg:  changeText(stats.Change(now.Filed, ago.Filed), "上升", "下降"),
			LostChg:   changeText(stats.Change(now.Lost, ago.Lost), "上升", "下降"),
			RateChg:   pointsText(now.LossRate()-ago.LossRate(), "上升", "下降"),
			Regions:   stats.Ranking(s.Regions, p, th), Agencies: stats.Ranking(s.Agencies, p, th)}
		for _, row := range v.Regions {
			if row.Flagged {
				v.Flagged = append(v.Flagged, row.Unit.Name)
			}
		}
		for _, row := range v.Agencies {
			if row.Flagged {
				v.FlagAgcy = append(v.FlagAgcy, row.Unit.Name)
			}
		}
		pv.Data = v
		r.write("bulletin.html", pv)
	}
	list.Data = &ListView{Links: links}
	r.write("list.html", list)
	// The Atom feed of bulletins, newest first.
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].b.Date.After(entries[j].b.Date.Time) })
	f := atomFeed{Lang: "zh-CN", Title: r.c.Site.Title + " · 通报", ID: r.AbsURL("stats/bulletins/"),
		Links:  []atomLink{{Href: r.AbsURL("stats/bulletins/feed.xml"), Rel: "self"}, {Href: r.AbsURL("stats/bulletins/")}},
		Author: atomAuthor{Name: r.c.Site.Title}, Updated: atomTime(content.Date{})}
	if len(entries) > 0 {
		f.Updated = atomTime(entries[0].b.Date)
	}
	for _, e := range entries {
		f.Entries = append(f.Entries, atomEntry{Title: e.b.Title, ID: r.AbsURL(e.url), Updated: atomTime(e.b.Date),
			Link: atomLink{Href: r.AbsURL(e.url)}, Summary: e.b.Type + "：" + bulletinPeriod(e.b).Label + "全市行政诉讼发案量和败诉率情况。",
			Cats: []atomCat{{Term: e.b.Type}}})
	}
	r.writeXML("stats/bulletins/feed.xml", f)
}
