package render

import (
	"html/template"
	"strings"

	"huajie/generator/content"
	"huajie/generator/flow"
)

// FlowGraph turns a flowchart of the content into the layout's graph. Each
// node links to the rule article that governs it (or, without one, to its
// template); its tooltip names both, and the text version beside the chart
// carries both links.
func (r *Renderer) FlowGraph(f *content.Flow) flow.Graph {
	g := flow.Graph{Title: f.Title, Desc: f.Summary}
	if g.Desc == "" {
		g.Desc = f.Title + "，共" + itoa(len(f.Nodes)) + "个环节；图下方有同一流程的文字版。"
	}
	for _, n := range f.Nodes {
		node := flow.Node{ID: n.ID, Label: n.Label, Kind: n.Kind}
		var tip []string
		if n.Note != "" {
			tip = append(tip, n.Note)
		}
		if n.Rule != "" {
			if u := r.ruleRefURL(n.Rule); u != "" {
				node.Href = u
				tip = append(tip, "依据："+r.ruleRefLabel(n.Rule))
			}
		}
		if n.Document != "" {
			if d := r.idx.Documents[n.Document]; d != nil && !r.hidden(d.Visibility) {
				if node.Href == "" {
					node.Href = r.RelURL("documents/" + d.Slug + "/")
				}
				tip = append(tip, "文书："+d.ShortTitle)
			}
		}
		node.Title = n.Label
		if len(tip) > 0 {
			node.Title += "。" + strings.Join(tip, "；")
		}
		g.Nodes = append(g.Nodes, node)
	}
	for _, e := range f.Edges {
		g.Edges = append(g.Edges, flow.Edge{From: e.From, To: e.To, Label: e.Label})
	}
	return g
}

// flowSVG lays the chart out. The SVG is built by our own package, which
// escapes every text it writes.
func (r *Renderer) flowSVG(f *content.Flow) (template.HTML, error) {
	d, err := flow.Layout(r.FlowGraph(f), flow.Options{ID: "flow-" + f.Slug})
	if err != nil {
		return "", err
	}
	return template.HTML(d.SVG()), nil
}

func (r *Renderer) ruleRefURL(ref string) string {
	rule, anchor := r.idx.ResolveRuleRef(ref)
	if rule == nil || r.hidden(rule.Visibility) {
		return ""
	}
	return r.RelURL("rules/" + rule.Slug + "/#" + anchor)
}

func itoa(n int) string {
	const digits = "0123456789"
	if n < 10 {
		return digits[n : n+1]
	}
	return itoa(n/10) + digits[n%10:n%10+1]
}
