package content

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"sort"

	"huajie/generator/diag"
)

// Validator validates as Validate does and remembers what the checks of
// each case found, so that validating again after a change checks only the
// cases that changed (huajie serve: at 10,000 cases the case checks are
// nearly all of Validate's time). A case's checks are reused while the
// case is the same item (a Store hands out the same pointer while its file
// is unchanged) and everything those checks read besides the case itself
// is unchanged: see caseEnv.
//
// The zero value is ready to use; a Validator is not safe for concurrent use.
type Validator struct {
	env   [sha256.Size]byte
	cases map[*Case]caseCheck
	// Reused counts the cases whose checks were reused by the last Validate.
	Reused int

	next    map[*Case]caseCheck
	nextEnv [sha256.Size]byte
	same    bool
}

// caseCheck is what checking one case found.
type caseCheck struct {
	diags []diag.Diagnostic
	cites []string // the case ids it refers to (related, pair)
}

// Validate checks c as the package's Validate does, reusing the checks of
// cases that did not change since the last call.
func (m *Validator) Validate(ctx context.Context, c *Content, diags *diag.List) *Index {
	m.Reused = 0
	idx := validate(ctx, c, diags, m)
	if ctx.Err() == nil {
		m.cases, m.env, m.next = m.next, m.nextEnv, nil
	}
	return idx
}

// begin is called once the index is built, before the cases are checked.
func (m *Validator) begin(v *validator) {
	if m == nil {
		return
	}
	env := caseEnv(v)
	m.same = env == m.env && m.cases != nil
	m.nextEnv = env
	m.next = make(map[*Case]caseCheck, len(v.c.Cases))
}

// checkCase runs the checks of one case, or replays what they found last
// time.
func (v *validator) checkCase(cs *Case) {
	m := v.memo
	if m == nil {
		v.caseItem(cs)
		return
	}
	if r, ok := m.cases[cs]; ok && m.same {
		for _, d := range r.diags {
			v.d.Add(d.Pos, "%s", d.Msg)
		}
		for _, id := range r.cites {
			v.idx.CitedBy[id] = appendUnique(v.idx.CitedBy[id], cs.ID)
		}
		m.next[cs] = r
		m.Reused++
		return
	}
	var own diag.List
	var cites []string
	saved := v.d
	v.d, v.cites = &own, &cites
	v.caseItem(cs)
	v.d, v.cites = saved, nil
	r := caseCheck{diags: own.Items(), cites: cites}
	for _, d := range r.diags {
		v.d.Add(d.Pos, "%s", d.Msg)
	}
	m.next[cs] = r
}

// caseEnv hashes everything the checks of a case read besides the case
// itself: the vocabulary, the site's visibility, and the identifiers,
// kinds and visibility of every case, analysis, rule (with its article
// numbers), document template and flowchart. A check added to caseItem
// that reads something else must add it here.
func caseEnv(v *validator) [sha256.Size]byte {
	h := sha256.New()
	str := func(ss ...string) {
		for _, s := range ss {
			var n [binary.MaxVarintLen64]byte
			h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
			h.Write([]byte(s))
		}
	}
	list := func(name string, ss []string) {
		str(name)
		str(ss...)
		str("")
	}
	voc := &v.c.Vocab
	list("domains", voc.Domains)
	list("regions", voc.Regions)
	list("stages", voc.Stages)
	list("outcomes", voc.Outcomes)
	list("defects", voc.Defects)
	list("agency_types", voc.AgencyTypes)
	list("act_types", voc.ActTypes)
	list("participants", voc.Participants)
	list("accountability", voc.Accountability)
	list("party_roles", voc.PartyRoles)
	str("visibility", v.c.Site.Visibility)
	str("cases")
	for _, cs := range v.c.Cases {
		if v.idx.Cases[cs.ID] == cs {
			str(cs.ID, cs.Kind, cs.Visibility)
		}
	}
	str("analyses")
	for _, a := range v.c.Analyses {
		if v.idx.Analyses[a.ID] == a {
			str(a.ID, a.Visibility)
		}
	}
	mapEnv("rules", v.idx.Rules, func(r *Rule) []string {
		out := []string{r.Slug, r.Visibility}
		if r.Doc != nil {
			for _, a := range r.Doc.Articles {
				out = append(out, a.Label)
			}
		}
		return out
	}, str)
	mapEnv("documents", v.idx.Documents, func(d *Document) []string { return []string{d.Path, d.Visibility} }, str)
	mapEnv("flows", v.idx.Flows, func(f *Flow) []string { return []string{f.Path, f.Visibility} }, str)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// mapEnv hashes a map of names in name order.
func mapEnv[T any](section string, m map[string]T, fields func(T) []string, str func(...string)) {
	str(section)
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		str(n)
		str(fields(m[n])...)
	}
}
