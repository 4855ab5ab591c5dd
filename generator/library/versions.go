package library

import (
	"sort"

	"huajie/generator/cite"
)

// Group files laws by Key: every version of one law, newest first, undated
// versions last. 行政复议法 2023 from laws/key and 行政复议法 2017 from
// laws/key-related are one group of two. A dated version found twice (the
// same file in laws/key and in laws/bulk) is kept once, the first by Path;
// undated texts are all kept, as nothing shows they are the same.
func Group(laws []*Law) map[string][]*Law {
	g := map[string][]*Law{}
	for _, l := range laws {
		k := l.Key()
		g[k] = append(g[k], l)
	}
	for k, vs := range g {
		sortVersions(vs)
		out := vs[:0]
		for _, v := range vs {
			if n := len(out); n > 0 && v.Version != "" && v.Version == out[n-1].Version {
				continue
			}
			out = append(out, v)
		}
		g[k] = out
	}
	return g
}

func sortVersions(vs []*Law) {
	sort.SliceStable(vs, func(i, j int) bool {
		a, b := vs[i], vs[j]
		if a.Version != b.Version {
			return a.Version > b.Version // "" sorts last
		}
		return a.Path < b.Path
	})
}

// Pick returns the version in force on date (YYYY-MM-DD): the newest whose
// Version is not later than date. With date "" it returns the newest. When
// date precedes every dated version it returns the oldest dated one — the
// closest text there is; a caller that must know whether that text was in
// force compares its Version with date. Undated versions are chosen only
// when no version is dated. versions need not be sorted; Pick returns nil
// for none.
//
// A version counts from its Version date, the date of its latest
// promulgation or amendment, which may be earlier than the day it took
// effect (行政复议法 2023-09-01 took effect on 2024-01-01).
func Pick(versions []*Law, date string) *Law {
	if len(versions) == 0 {
		return nil
	}
	vs := append([]*Law(nil), versions...)
	sortVersions(vs)
	if date == "" || vs[0].Version == "" {
		return vs[0]
	}
	var oldest *Law
	for _, v := range vs {
		if v.Version == "" {
			break
		}
		if v.Version <= date {
			return v
		}
		oldest = v
	}
	return oldest
}

// lawKey is the key of a title and, for a book published as its own file,
// the book.
func lawKey(title, part string) string {
	k := cite.Normalize(title)
	if part != "" {
		k += "·" + cite.Normalize(part)
	}
	return k
}
