package render

import (
	"sort"
	"strconv"

	"huajie/generator/content"
)

// SeriesPageView is the data of a demonstration series page (示范性化解).
type SeriesPageView struct {
	*SeriesView
	LeadCase *content.Case
	Size     int // households or disputes the series covers (series.size, else the cases found)
	Done     int // resolved members
	Domain   string
	Region   string
}

// seriesIDs are the ids of the series whose lead case is published.
func (r *Renderer) seriesIDs() []string {
	var ids []string
	for id, list := range r.idx.Series {
		if len(list) > 0 && !r.hidden(list[0].Visibility) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

func (r *Renderer) seriesPageView(id string) *SeriesPageView {
	sv := r.seriesView(id)
	if sv == nil {
		return nil
	}
	lead := r.idx.Series[id][0]
	v := &SeriesPageView{SeriesView: sv, LeadCase: lead, Size: lead.Series.Size, Domain: lead.Domain, Region: lead.Region}
	if v.Size == 0 {
		v.Size = len(sv.Members)
	}
	for _, c := range sv.Counts {
		if c.Label == seriesStatusLabel("resolved") {
			v.Done = c.Count
		}
	}
	return v
}

// seriesJobs write a page per demonstration series and the list of series.
func (r *Renderer) seriesJobs() []Job {
	ids := r.seriesIDs()
	if len(ids) == 0 {
		return nil
	}
	jobs := []Job{{Key: "series/", Run: func(r *Renderer) { r.seriesList(ids) }}}
	for _, id := range ids {
		deps := []string{IDKey(id)}
		for _, m := range r.idx.Series[id] {
			deps = append(deps, IDKey(m.ID))
		}
		jobs = append(jobs, Job{Key: "series:" + id, Deps: deps, Run: func(r *Renderer) { r.series(id) }})
	}
	return jobs
}

func (r *Renderer) seriesList(ids []string) {
	pv := r.newPage("section", "示范性化解系列案", "series/")
	pv.Section = "案例"
	pv.Description = "一案化解、带动一批：牵头案件的化解结果作为同类案件的参照标准。"
	lv := &ListView{}
	for _, id := range ids {
		v := r.seriesPageView(id)
		lv.Links = append(lv.Links, Link{Label: v.LeadCase.Title, URL: r.RelURL("series/" + id + "/"),
			Note: "共 " + strconv.Itoa(v.Size) + " 件，已化解 " + strconv.Itoa(v.Done) + " 件"})
	}
	pv.Data = lv
	r.write("list.html", pv)
}

func (r *Renderer) series(id string) {
	v := r.seriesPageView(id)
	if v == nil {
		return
	}
	url := "series/" + id + "/"
	pv := r.newPage("series", "示范性化解系列案："+v.LeadCase.Title, url)
	r.crumb(pv, "案例", "cases/")
	r.crumb(pv, "示范性化解系列案", "series/")
	pv.Section = "案例"
	pv.Source, pv.Sample = v.LeadCase.Path, v.LeadCase.Sample
	pv.Description = "牵头案件" + v.LeadCase.Title + "及其系列案的化解情况。"
	pv.JSONLD = map[string]any{"@context": "https://schema.org", "@type": "CollectionPage", "name": pv.Title, "url": pv.Permalink, "inLanguage": "zh-CN"}
	pv.Data = v
	r.write("series.html", pv)
}
