package build

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

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
	path       string
	raw        string
	visibility string
	allow      []content.Allowance
}

// guard runs the personal-information guard over every item the build
// publishes: the whole file, front matter and body. Findings are errors at
// their path:line:col unless the item allows that exact text with a reason.
// Internal items are left out of a public build, so they are not scanned
// there; an internal build scans everything.
func guard(ctx context.Context, c *content.Content, diags *diag.List) []Allowed {
	internal := content.IsInternal(c.Site.Visibility)
	var items []guardItem
	add := func(path, raw, vis string, allow []content.Allowance) {
		if raw != "" && (internal || !content.IsInternal(vis)) {
			items = append(items, guardItem{path, raw, vis, allow})
		}
	}
	for _, p := range c.Pages {
		add(p.Path, p.Raw, p.Visibility, p.PrivacyAllow)
	}
	for _, r := range c.Rules {
		add(r.Path, r.Raw, r.Visibility, r.PrivacyAllow)
	}
	for _, cs := range c.Cases {
		add(cs.Path, cs.Raw, cs.Visibility, cs.PrivacyAllow)
	}
	for _, a := range c.Analyses {
		add(a.Path, a.Raw, a.Visibility, a.PrivacyAllow)
	}
	for _, d := range c.Documents {
		add(d.Path, d.Raw, d.Visibility, d.PrivacyAllow)
	}
	for _, f := range c.Flows {
		add(f.Path, f.Raw, f.Visibility, f.PrivacyAllow)
	}
	for _, d := range c.Data {
		add(d.Path, d.Raw, d.Visibility, d.PrivacyAllow)
	}
	g := privacy.New(c.Names)
	var (
		mu      sync.Mutex
		allowed []Allowed
		jobs    []func()
	)
	for _, it := range items {
		jobs = append(jobs, func() {
			found := g.Scan(blankAllowances(it))
			if len(found) == 0 {
				return
			}
			texts := make([]string, len(it.allow))
			for i, a := range it.allow {
				texts[i] = a.Text
			}
			kept, used := privacy.Allow(it.raw, found, texts)
			privacy.Report(diags, diag.Pos{File: it.path, Line: 1, Col: 1}, it.raw, kept)
			mu.Lock()
			defer mu.Unlock()
			for _, a := range it.allow {
				if slices.Contains(used, a.Text) {
					allowed = append(allowed, Allowed{Pos: a.Fields["text"], Text: a.Text, Reason: a.Reason})
				}
			}
		})
	}
	pool.Run(ctx, jobs)
	// An allowance that allows nothing is stale: say so, so it is removed.
	for _, it := range items {
		for _, a := range it.allow {
			if !contains(allowed, a) {
				diags.Add(a.Fields["text"], "privacy_allow %q matches no finding in this file: remove it", a.Text)
			}
		}
	}
	sort.Slice(allowed, func(i, j int) bool { return fmt.Sprint(allowed[i].Pos) < fmt.Sprint(allowed[j].Pos) })
	return allowed
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
