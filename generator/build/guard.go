package build

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/pool"
	"huajie/generator/privacy"
)

// Allowed is one privacy_allow entry that let a finding through, for the
// build summary that reviewers read.
type Allowed struct {
	Pos    diag.Pos
	Text   string
	Reason string
}

// guardItem is one file the guard reads.
type guardItem struct {
	key        any // the content item
	path       string
	raw        string
	visibility string
	allow      []content.Allowance
}

// guardResult is what the guard found in one item.
type guardResult struct {
	diags   []diag.Diagnostic
	allowed []Allowed
}

// guard runs the personal-information guard over every item the build
// publishes: the whole file, front matter and body. Findings are errors at
// their path:line:col unless the item allows that exact text with a reason.
// Internal items are left out of a public build, so they are not scanned
// there; an internal build scans everything.
func guard(ctx context.Context, c *content.Content, diags *diag.List) []Allowed {
	return guardCached(ctx, c, privacy.New(c.Names), diags, nil)
}

// guardCached is guard with the findings of each item remembered in cache
// (by item), for a Session: an item read again from its file is scanned
// again, the others are not. The guard g must be made from c.Names.
func guardCached(ctx context.Context, c *content.Content, g *privacy.Guard, diags *diag.List, cache *map[any]*guardResult) []Allowed {
	internal := content.IsInternal(c.Site.Visibility)
	var items []guardItem
	add := func(key any, path, raw, vis string, allow []content.Allowance) {
		if internal || !content.IsInternal(vis) {
			items = append(items, guardItem{key, path, raw, vis, allow})
		}
	}
	for _, p := range c.Pages {
		add(p, p.Path, p.Raw, p.Visibility, p.PrivacyAllow)
	}
	for _, r := range c.Rules {
		add(r, r.Path, r.Raw, r.Visibility, r.PrivacyAllow)
	}
	for _, cs := range c.Cases {
		add(cs, cs.Path, cs.Raw, cs.Visibility, cs.PrivacyAllow)
	}
	for _, a := range c.Analyses {
		add(a, a.Path, a.Raw, a.Visibility, a.PrivacyAllow)
	}
	for _, d := range c.Documents {
		add(d, d.Path, d.Raw, d.Visibility, d.PrivacyAllow)
	}
	for _, f := range c.Flows {
		add(f, f.Path, f.Raw, f.Visibility, f.PrivacyAllow)
	}
	for _, d := range c.Data {
		add(d, d.Path, d.Raw, d.Visibility, d.PrivacyAllow)
	}
	results := make([]*guardResult, len(items))
	var jobs []func()
	for i, it := range items {
		if cache != nil {
			if r, ok := (*cache)[it.key]; ok {
				results[i] = r
				continue
			}
		}
		if it.raw == "" {
			results[i] = &guardResult{}
			continue
		}
		jobs = append(jobs, func() { results[i] = scan(g, it) })
	}
	pool.Run(ctx, jobs)
	var allowed []Allowed
	next := make(map[any]*guardResult, len(items))
	for i, r := range results {
		if r == nil {
			continue // cancelled
		}
		next[items[i].key] = r
		for _, d := range r.diags {
			diags.Add(d.Pos, "%s", d.Msg)
		}
		allowed = append(allowed, r.allowed...)
	}
	if cache != nil && ctx.Err() == nil {
		*cache = next
	}
	sort.Slice(allowed, func(i, j int) bool { return fmt.Sprint(allowed[i].Pos) < fmt.Sprint(allowed[j].Pos) })
	return allowed
}

// scan runs the guard over one item.
func scan(g *privacy.Guard, it guardItem) *guardResult {
	var d diag.List
	var allowed []Allowed
	if found := g.Scan(blankAllowances(it)); len(found) > 0 {
		texts := make([]string, len(it.allow))
		for i, a := range it.allow {
			texts[i] = a.Text
		}
		kept, used := privacy.Allow(it.raw, found, texts)
		privacy.Report(&d, diag.Pos{File: it.path, Line: 1, Col: 1}, it.raw, kept)
		for _, a := range it.allow {
			if slices.Contains(used, a.Text) {
				allowed = append(allowed, Allowed{Pos: a.Fields["text"], Text: a.Text, Reason: a.Reason})
			}
		}
	}
	// An allowance that allows nothing is stale: say so, so it is removed.
	for _, a := range it.allow {
		if !contains(allowed, a) {
			d.Add(a.Fields["text"], "privacy_allow %q matches no finding in this file: remove it", a.Text)
		}
	}
	return &guardResult{diags: d.Items(), allowed: allowed}
}

func contains(list []Allowed, a content.Allowance) bool {
	for _, x := range list {
		if x.Text == a.Text && x.Pos == a.Fields["text"] {
			return true
		}
	}
	return false
}

// blankAllowances hides the privacy_allow entries' own text (which repeats
// what they allow) from the scan, keeping every byte offset in place.
func blankAllowances(it guardItem) string {
	if len(it.allow) == 0 {
		return it.raw
	}
	lines := strings.SplitAfter(it.raw, "\n")
	for _, a := range it.allow {
		pos := a.Fields["text"]
		if pos.Line < 1 || pos.Line > len(lines) {
			continue
		}
		l := lines[pos.Line-1]
		if i := strings.Index(l, a.Text); i >= 0 {
			lines[pos.Line-1] = l[:i] + strings.Repeat(" ", len(a.Text)) + l[i+len(a.Text):]
		}
	}
	return strings.Join(lines, "")
}
