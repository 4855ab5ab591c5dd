// Package stats aggregates the centre's statistics: the monthly litigation
// figures per county and agency from content/data, and counts over the
// cases themselves. It computes; rendering is elsewhere.
package stats

import (
	"fmt"
	"sort"
	"time"

	"huajie/generator/content"
)

// Figures are litigation counts over some period.
type Figures struct {
	Filed, Decided, Lost, Hearings, Heads int
}

// Add sums two sets of figures.
func (f Figures) Add(g Figures) Figures {
	return Figures{f.Filed + g.Filed, f.Decided + g.Decided, f.Lost + g.Lost, f.Hearings + g.Hearings, f.Heads + g.Heads}
}

// LossRate is lost / decided in percent (败诉率), or 0 with nothing decided.
func (f Figures) LossRate() float64 {
	if f.Decided == 0 {
		return 0
	}
	return float64(f.Lost) / float64(f.Decided) * 100
}

// HeadRate is the share of hearings attended by an agency head, in percent.
func (f Figures) HeadRate() float64 {
	if f.Hearings == 0 {
		return 0
	}
	return float64(f.Heads) / float64(f.Hearings) * 100
}

// Unit is a county/district or an agency with its monthly figures.
type Unit struct {
	Name       string
	Region     string // for agencies
	AgencyType string // for agencies
	Months     map[string]Figures
}

// Over sums the unit's figures over the months of a period.
func (u *Unit) Over(p Period) Figures {
	var f Figures
	for _, m := range p.Months() {
		f = f.Add(u.Months[m])
	}
	return f
}

// Stats are the aggregated figures of all public data files.
type Stats struct {
	Months   []string // every month with data, sorted (YYYY-MM)
	Total    *Unit    // the whole city
	Regions  []*Unit  // in vocabulary order
	Agencies []*Unit  // by name
}

// Aggregate sums the data files that are visible in this build.
func Aggregate(data []*content.Data, regionOrder []string, visible func(vis string) bool) *Stats {
	s := &Stats{Total: &Unit{Name: "全市", Months: map[string]Figures{}}}
	regions := map[string]*Unit{}
	agencies := map[string]*Unit{}
	months := map[string]bool{}
	add := func(u *Unit, mf content.MonthFigures) {
		m := mf.Month.String()
		months[m] = true
		u.Months[m] = u.Months[m].Add(Figures{mf.Filed, mf.Decided, mf.Lost, mf.Hearings, mf.HeadsAppeared})
	}
	for _, d := range data {
		if !visible(d.Visibility) {
			continue
		}
		for _, r := range d.Regions {
			u := regions[r.Region]
			if u == nil {
				u = &Unit{Name: r.Region, Months: map[string]Figures{}}
				regions[r.Region] = u
			}
			for _, mf := range r.Months {
				add(u, mf)
				add(s.Total, mf)
			}
		}
		for _, a := range d.Agencies {
			u := agencies[a.Agency]
			if u == nil {
				u = &Unit{Name: a.Agency, Region: a.Region, AgencyType: a.AgencyType, Months: map[string]Figures{}}
				agencies[a.Agency] = u
			}
			for _, mf := range a.Months {
				add(u, mf)
			}
		}
	}
	for m := range months {
		s.Months = append(s.Months, m)
	}
	sort.Strings(s.Months)
	for _, r := range regionOrder {
		if u := regions[r]; u != nil {
			s.Regions = append(s.Regions, u)
		}
	}
	for _, u := range agencies {
		s.Agencies = append(s.Agencies, u)
	}
	sort.Slice(s.Agencies, func(i, j int) bool { return s.Agencies[i].Name < s.Agencies[j].Name })
	return s
}

// Period is a span of whole months.
type Period struct {
	From, To time.Time // first days of the first and last month
	Label    string    // 2023年上半年
}

// Months lists the period's months as YYYY-MM.
func (p Period) Months() []string {
	var out []string
	for t := p.From; !t.After(p.To); t = t.AddDate(0, 1, 0) {
		out = append(out, t.Format("2006-01"))
	}
	return out
}

// YearAgo is the same period one year earlier.
func (p Period) YearAgo() Period {
	return Period{From: p.From.AddDate(-1, 0, 0), To: p.To.AddDate(-1, 0, 0), Label: fmt.Sprintf("%d年同期", p.From.Year()-1)}
}

func month(y, m int) time.Time { return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC) }

// Month is one calendar month.
func Month(y, m int) Period {
	return Period{From: month(y, m), To: month(y, m), Label: fmt.Sprintf("%d年%d月", y, m)}
}

// Quarter is one calendar quarter.
func Quarter(y, q int) Period {
	return Period{From: month(y, 3*q-2), To: month(y, 3*q), Label: fmt.Sprintf("%d年第%s季度", y, []string{"一", "二", "三", "四"}[q-1])}
}

// Half is the first (h=1) or second half of a year.
func Half(y, h int) Period {
	label := "上半年"
	if h == 2 {
		label = "下半年"
	}
	return Period{From: month(y, 6*h-5), To: month(y, 6*h), Label: fmt.Sprintf("%d年%s", y, label)}
}

// Year is one calendar year.
func Year(y int) Period {
	return Period{From: month(y, 1), To: month(y, 12), Label: fmt.Sprintf("%d年", y)}
}

// YearToDate runs from January to the given month.
func YearToDate(y, m int) Period {
	return Period{From: month(y, 1), To: month(y, m), Label: fmt.Sprintf("%d年1—%d月", y, m)}
}

// Covered reports whether every month of p has data.
func (s *Stats) Covered(p Period) bool {
	have := map[string]bool{}
	for _, m := range s.Months {
		have[m] = true
	}
	for _, m := range p.Months() {
		if !have[m] {
			return false
		}
	}
	return len(p.Months()) > 0
}

// Rank is one unit's figures in a ranking.
type Rank struct {
	Unit      *Unit
	Figures   Figures
	Rate      float64
	Flagged   bool    // loss rate above the threshold
	RateAgo   float64 // the loss rate a year earlier
	HasAgo    bool
	LostAgo   int
	FiledAgo  int
	DeltaRate float64 // percentage points against a year earlier
}

// Ranking orders units by loss rate over p, highest first; units with
// nothing decided are left out.
func Ranking(units []*Unit, p Period, threshold float64) []Rank {
	var out []Rank
	ago := p.YearAgo()
	for _, u := range units {
		f := u.Over(p)
		if f.Decided == 0 {
			continue
		}
		r := Rank{Unit: u, Figures: f, Rate: f.LossRate(), Flagged: f.LossRate() > threshold}
		if fa := u.Over(ago); fa.Decided > 0 {
			r.HasAgo, r.RateAgo, r.LostAgo, r.FiledAgo = true, fa.LossRate(), fa.Lost, fa.Filed
			r.DeltaRate = r.Rate - r.RateAgo
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Rate != out[j].Rate {
			return out[i].Rate > out[j].Rate
		}
		return out[i].Unit.Name < out[j].Unit.Name
	})
	return out
}

// Change is the year-on-year change of a count, in percent (nil without a base).
func Change(now, before int) *float64 {
	if before == 0 {
		return nil
	}
	c := float64(now-before) / float64(before) * 100
	return &c
}
