package graph

import (
	"net/url"
	"sort"
	"strings"

	"huajie/generator/cite"
	"huajie/generator/diag"
	"huajie/generator/library"
)

// LawTargets makes a target of every mounted law version. Versions of one
// law (the same title and part once normalised) share a page folder: the
// newest is at laws/<short title>/ (laws/<short title>/<part>/ for a law
// mounted in parts, like the books of 民法典), each older one below it at
// <version>/. The same version mounted twice (laws/key inside laws/bulk) is
// kept once, from the first mount.
func LawTargets(laws []*library.Law) []*Target {
	groups := map[string][]*library.Law{}
	var order []string
	for _, l := range laws {
		k := l.Key()
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		dup := false
		for _, o := range groups[k] {
			if o.Version == l.Version {
				dup = true
			}
		}
		if !dup {
			groups[k] = append(groups[k], l)
		}
	}
	var out []*Target
	for _, k := range order {
		vs := groups[k]
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].Version > vs[j].Version })
		base := "laws/" + Segment(vs[0].Short) + "/"
		if vs[0].Part != "" {
			base += Segment(vs[0].Part) + "/"
		}
		for i, l := range vs {
			t := &Target{
				Key:     "law:" + k + "@" + l.Version,
				Kind:    "law",
				Title:   l.Title,
				Version: l.Version,
				Part:    l.Part,
				URL:     base,
				Doc:     l.Doc,
				Law:     l,
			}
			if l.Short != l.Title {
				t.Short = l.Short
			}
			if i > 0 {
				t.URL = base + l.Version + "/"
				t.Older = true
			}
			for _, h := range l.History {
				if n := docNumber(h); n != "" {
					t.DocNumbers = append(t.DocNumbers, n)
				}
			}
			if n, ok := knownDocNumbers[cite.Normalize(l.Title)]; ok && i == 0 {
				t.DocNumbers = append(t.DocNumbers, n)
			}
			out = append(out, t)
		}
	}
	return out
}

// knownDocNumbers are the document numbers of judicial interpretations the
// centre's texts cite by number alone (法释〔2018〕1号第一条); the statute
// files do not carry them. Keys are normalised titles.
var knownDocNumbers = map[string]string{
	cite.Normalize("最高人民法院关于适用《中华人民共和国行政诉讼法》的解释"):                "法释〔2018〕1号",
	cite.Normalize("最高人民法院关于审理政府信息公开行政案件若干问题的规定"):                "法释〔2011〕17号",
	cite.Normalize("最高人民法院关于办理申请人民法院强制执行国有土地上房屋征收补偿决定案件若干问题的规定"): "法释〔2012〕4号",
	cite.Normalize("最高人民法院关于审理行政许可案件若干问题的规定"):                    "法释〔2009〕20号",
	cite.Normalize("最高人民法院关于行政诉讼撤诉若干问题的规定"):                      "法释〔2008〕2号",
	cite.Normalize("最高人民法院关于行政诉讼证据若干问题的规定"):                      "法释〔2002〕21号",
	cite.Normalize("最高人民法院关于正确确定县级以上地方人民政府行政诉讼被告资格若干问题的规定"):      "法释〔2021〕5号",
	cite.Normalize("最高人民法院关于人民调解协议司法确认程序的若干规定"):                  "法释〔2011〕5号",
}

// docNumber finds a judicial interpretation's number (法释〔2018〕1号) in a
// history line.
func docNumber(line string) string {
	i := strings.Index(line, "法释")
	if i < 0 {
		return ""
	}
	for _, c := range cite.NewParser().Find(line[i:]) {
		if c.DocNumber != "" {
			return c.DocNumber
		}
	}
	return ""
}

// Segment makes a title one safe URL path segment (it is also a folder
// name): characters a file name or URL path cannot carry are replaced.
func Segment(title string) string {
	r := strings.NewReplacer("/", "／", "\\", "＼", "?", "？", "#", "＃", "%", "％", "<", "〈", ">", "〉", `"`, "＂", "|", "｜", "*", "＊", ":", "：", " ", "")
	s := r.Replace(title)
	if s == "" || s == "." || s == ".." {
		return url.PathEscape(title + "_")
	}
	return s
}

// PrecedentSources lists the texts of the precedents that cite: their 相关法条
// lines and 裁判要点, each resolved against the version in force on the
// judgment date. A precedent never fails the build for a citation of a
// provision the mounted law lacks (the law may have been renumbered since):
// such citations stay unlinked.
func PrecedentSources(ps []*library.Precedent) []Source {
	var out []Source
	for _, p := range ps {
		src := Source{
			Item:    Item{Key: "precedent:" + p.ID, Kind: p.Authority, Title: PrecedentTitle(p), URL: "precedents/" + p.ID + "/", Date: p.Date},
			Path:    p.Path,
			Date:    p.Date,
			Lenient: true,
		}
		for _, a := range p.Articles {
			src.Paras = append(src.Paras, Para{Text: a, Pos: diag.Pos{File: p.Path, Line: p.Line, Col: 1}})
		}
		out = append(out, src)
	}
	return out
}

// PrecedentTitle is the title a precedent is listed under: its number and
// title (指导案例15号：……).
func PrecedentTitle(p *library.Precedent) string {
	if p.Number != "" && !strings.Contains(p.Title, p.Number) {
		return p.Number + "：" + p.Title
	}
	return p.Title
}

// Quote puts a title in book-title marks, turning marks inside it into the
// inner form: 《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》.
func Quote(title string) string {
	return "《" + strings.NewReplacer("《", "〈", "》", "〉").Replace(title) + "》"
}
