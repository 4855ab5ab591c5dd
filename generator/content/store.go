package content

import (
	"context"
	"crypto/sha256"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"huajie/generator/diag"
	"huajie/generator/library"
	"huajie/generator/pool"
)

// Store holds the site's files as parsed, one entry per file with the
// diagnostics found while decoding it, so that after a change only the
// files that changed are read again (huajie serve). Load is a Store's
// first Update.
//
// A Store is not safe for concurrent use.
type Store struct {
	root    string
	entries map[string]*entry // by site-relative slash path
	retry   []string          // paths an interrupted update did not read

	// The mounted libraries (site.yaml libraries), read again when the
	// mount list changes or a file below a mounted folder does.
	libKey     string
	libDirs    []string // the mounted folders, absolute
	libDirty   bool
	laws       []*library.Law
	precedents []*library.Precedent
	libDiags   []diag.Diagnostic
}

// LibrariesKey is the change key reported when a mounted library was read
// again.
const LibrariesKey = "libraries"

// entry is one file as decoded: its item (a *Page, *Rule, *Case, *Analysis,
// *Document, *Flow or *Data, the site, the vocabulary or the names list)
// and the problems found in it.
type entry struct {
	kind  fileKind
	item  any
	diags []diag.Diagnostic
	sum   [sha256.Size]byte
	found bool // the file exists (site.yaml and vocab.yaml have entries even when missing)
}

type fileKind int

const (
	kindNone fileKind = iota
	kindSite
	kindVocab
	kindNames
	kindPage
	kindMisplaced // Markdown in a folder of YAML files
	kindRule
	kindCase
	kindAnalysis
	kindDocument
	kindFlow
	kindData
	kindFolder // a folder that could not be read
)

// NewStore returns an empty store of the site at root.
func NewStore(root string) *Store {
	return &Store{root: root, entries: map[string]*entry{}}
}

// Root is the site folder.
func (s *Store) Root() string { return s.root }

// classify says what the loader makes of a site-relative file path; it
// follows the folders and extensions Load reads.
func classify(rel string) fileKind {
	for _, seg := range strings.Split(rel, "/") {
		if seg == "" || strings.HasPrefix(seg, ".") || strings.HasSuffix(seg, "~") || strings.HasPrefix(seg, "#") {
			return kindNone
		}
	}
	switch rel {
	case "site.yaml":
		return kindSite
	case "content/vocab.yaml":
		return kindVocab
	case "content/privacy/names.txt":
		return kindNames
	}
	md := strings.HasSuffix(rel, ".md")
	yml := strings.HasSuffix(rel, ".yaml")
	switch {
	case md && (strings.HasPrefix(rel, "content/documents/") || strings.HasPrefix(rel, "content/flow/") || strings.HasPrefix(rel, "content/data/")):
		return kindMisplaced
	case md && strings.HasPrefix(rel, "content/"):
		return kindPage
	case md && strings.HasPrefix(rel, "rules/"):
		return kindRule
	case md && strings.HasPrefix(rel, "cases/analyses/"):
		return kindAnalysis
	case md && strings.HasPrefix(rel, "cases/"):
		return kindCase
	case yml && strings.HasPrefix(rel, "content/documents/"):
		return kindDocument
	case yml && strings.HasPrefix(rel, "content/flow/"):
		return kindFlow
	case yml && strings.HasPrefix(rel, "content/data/"):
		return kindData
	}
	return kindNone
}

// sources are the folders Load walks, with the extension it reads there.
var sources = []struct{ dir, ext string }{
	{"content", ".md"}, {"rules", ".md"}, {"cases", ".md"},
	{"content/documents", ".yaml"}, {"content/flow", ".yaml"}, {"content/data", ".yaml"},
}

// Update brings the store up to date and returns the content it now holds,
// with the site-relative paths whose entries changed (added, removed, or
// with other bytes). changed lists site-relative paths (files or folders)
// that may have changed; nil reads the whole site again. The content
// returned is new each time (new slices) but shares the items of files
// that did not change.
func (s *Store) Update(ctx context.Context, changed []string) (*Content, []string) {
	var todo []string
	var walkDiags []diag.Diagnostic
	if changed == nil {
		old := s.entries
		s.entries = map[string]*entry{}
		todo = append(todo, "site.yaml", "content/vocab.yaml", "content/privacy/names.txt")
		for _, src := range sources {
			files, d := walk(s.root, src.dir, src.ext)
			todo = append(todo, files...)
			walkDiags = append(walkDiags, d...)
		}
		if len(walkDiags) > 0 {
			s.entries["./"] = &entry{kind: kindFolder, diags: walkDiags, found: true}
		}
		return s.finish(ctx, dedupe(todo), old)
	}
	old := map[string]*entry{}
	for _, rel := range changed {
		full := rel
		if !filepath.IsAbs(full) {
			full = filepath.Join(s.root, filepath.FromSlash(rel))
		}
		if abs, err := filepath.Abs(full); err == nil {
			full = abs
		}
		for _, d := range s.libDirs {
			if full == d || strings.HasPrefix(full, d+string(filepath.Separator)) {
				s.libDirty = true
			}
		}
	}
	changed = append(changed, s.retry...)
	s.retry = nil
	for _, rel := range changed {
		rel = path.Clean(rel)
		full := filepath.Join(s.root, filepath.FromSlash(rel))
		if st, err := os.Stat(full); err == nil && st.IsDir() {
			// A folder that appeared or changed: every file it holds now,
			// and every entry below it that is gone.
			for _, src := range sources {
				if under(src.dir, rel) || under(rel, src.dir) {
					base := src.dir
					if under(rel, src.dir) {
						base = rel
					}
					files, _ := walk(s.root, base, src.ext)
					todo = append(todo, files...)
				}
			}
		}
		if e := s.entries[rel]; e != nil {
			old[rel] = e
			delete(s.entries, rel)
			todo = append(todo, rel)
		} else {
			// Perhaps a folder that went away: the entries below it.
			for p, e := range s.entries {
				if under(p, rel) {
					old[p] = e
					delete(s.entries, p)
					todo = append(todo, p)
				}
			}
		}
		if classify(rel) != kindNone {
			todo = append(todo, rel)
		}
	}
	return s.finish(ctx, dedupe(todo), old)
}

// finish parses the files of todo (each may since have gone), reports
// which entries differ from old, and assembles the content.
func (s *Store) finish(ctx context.Context, todo []string, old map[string]*entry) (*Content, []string) {
	parsed := make([]*entry, len(todo))
	done := make([]bool, len(todo))
	jobs := make([]func(), len(todo))
	for i, rel := range todo {
		jobs[i] = func() { parsed[i], done[i] = s.parse(rel, old[rel]), true }
	}
	pool.Run(ctx, jobs)
	var changed []string
	inTodo := make(map[string]bool, len(todo))
	for i, rel := range todo {
		inTodo[rel] = true
		e := parsed[i]
		prev := old[rel]
		if !done[i] {
			// Cancelled before this file was read: keep what was there
			// and read it next time.
			if prev != nil {
				s.entries[rel] = prev
			}
			s.retry = append(s.retry, rel)
			continue
		}
		if e != nil {
			s.entries[rel] = e
		}
		switch {
		case e == nil && prev == nil:
		case e == nil || prev == nil || e.found != prev.found || e.sum != prev.sum:
			changed = append(changed, rel)
		}
	}
	// Entries removed outright (old but not parsed again) changed too.
	for rel := range old {
		if s.entries[rel] == nil && !inTodo[rel] {
			changed = append(changed, rel)
		}
	}
	c := s.assemble()
	if s.mount(ctx, c) {
		changed = append(changed, LibrariesKey)
	}
	sort.Strings(changed)
	return c, changed
}

// mount reads the libraries site.yaml mounts when they are not read yet,
// when the list changed or when a file below one changed, and puts them in
// c. It reports whether they were read again.
func (s *Store) mount(ctx context.Context, c *Content) bool {
	key := strings.Join(c.Site.Libraries.Laws, "\x00") + "\x01" + strings.Join(c.Site.Libraries.Precedents, "\x00")
	reread := s.libDirty || key != s.libKey
	if reread {
		var d diag.List
		l := loader{root: s.root, diags: &d}
		lawDirs := l.mounts("laws", c.Site.Libraries.Laws, &c.Site)
		precDirs := l.mounts("precedents", c.Site.Libraries.Precedents, &c.Site)
		s.laws = library.LoadLaws(ctx, lawDirs, &d)
		s.precedents = library.LoadPrecedents(ctx, precDirs, &d)
		s.libDiags = d.Items()
		s.libKey, s.libDirty = key, false
		s.libDirs = s.libDirs[:0]
		for _, dir := range append(lawDirs, precDirs...) {
			if abs, err := filepath.Abs(dir); err == nil {
				s.libDirs = append(s.libDirs, abs)
			}
		}
	}
	c.Laws, c.Precedents = s.laws, s.precedents
	return reread && (len(s.laws) > 0 || len(s.precedents) > 0 || key != "\x01")
}

// LibraryDirs are the folders of the mounted libraries, for watching.
func (s *Store) LibraryDirs() []string { return s.libDirs }

// parse decodes one file. It returns prev when the file's bytes are those
// prev was decoded from, and nil for a file that is not there (except the
// two files every site must have, whose absence is an error).
func (s *Store) parse(rel string, prev *entry) *entry {
	kind := classify(rel)
	if kind == kindNone || kind == kindFolder {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(rel)))
	if err != nil && os.IsNotExist(err) && kind != kindSite && kind != kindVocab {
		return nil
	}
	e := &entry{kind: kind, found: err == nil}
	if err == nil {
		e.sum = sha256.Sum256(b)
	}
	if prev != nil && prev.found == e.found && prev.sum == e.sum {
		return prev
	}
	var d diag.List
	l := loader{root: s.root, diags: &d}
	switch kind {
	case kindSite:
		var site Site
		l.yamlFile(rel, &site)
		e.item = &site
	case kindVocab:
		var v Vocab
		l.yamlFile(rel, &v)
		e.item = &v
	case kindNames:
		e.item = l.names(rel)
	case kindMisplaced:
		d.Add(diag.Pos{File: rel}, "Markdown files are not read here: this folder holds YAML only")
	case kindPage:
		if p := l.page(rel); p != nil {
			e.item = p
		}
	case kindRule:
		if r := l.rule(rel); r != nil {
			e.item = r
		}
	case kindCase:
		var cs Case
		if l.frontMatter(rel, &cs, &cs.Source) {
			e.item = &cs
		}
	case kindAnalysis:
		var a Analysis
		if l.frontMatter(rel, &a, &a.Source) {
			e.item = &a
		}
	case kindDocument:
		var doc Document
		if raw, ok := l.yamlFile(rel, &doc); ok {
			doc.Path, doc.Slug, doc.Raw = rel, l.slug(rel), raw
			doc.Lines = strings.Split(raw, "\n")
			e.item = &doc
		}
	case kindFlow:
		var f Flow
		if raw, ok := l.yamlFile(rel, &f); ok {
			f.Path, f.Slug, f.Raw = rel, l.slug(rel), raw
			e.item = &f
		}
	case kindData:
		var dt Data
		if raw, ok := l.yamlFile(rel, &dt); ok {
			dt.Path, dt.Slug, dt.Raw = rel, l.slug(rel), raw
			e.item = &dt
		}
	}
	e.diags = d.Items()
	return e
}

// assemble builds the content from the entries, in the order Load
// documents: pages, cases, analyses, documents, flows and data by path,
// rules by weight and then path.
func (s *Store) assemble() *Content {
	c := &Content{Root: s.root}
	for _, e := range s.entries {
		switch it := e.item.(type) {
		case *Site:
			c.Site = *it
		case *Vocab:
			c.Vocab = *it
		case []string:
			c.Names = it
		case *Page:
			c.Pages = append(c.Pages, it)
		case *Rule:
			c.Rules = append(c.Rules, it)
		case *Case:
			c.Cases = append(c.Cases, it)
		case *Analysis:
			c.Analyses = append(c.Analyses, it)
		case *Document:
			c.Documents = append(c.Documents, it)
		case *Flow:
			c.Flows = append(c.Flows, it)
		case *Data:
			c.Data = append(c.Data, it)
		}
	}
	sort.Slice(c.Pages, func(i, j int) bool { return c.Pages[i].Path < c.Pages[j].Path })
	sort.Slice(c.Rules, func(i, j int) bool {
		if c.Rules[i].Weight != c.Rules[j].Weight {
			return c.Rules[i].Weight < c.Rules[j].Weight
		}
		return c.Rules[i].Path < c.Rules[j].Path
	})
	sort.Slice(c.Cases, func(i, j int) bool { return c.Cases[i].Path < c.Cases[j].Path })
	sort.Slice(c.Analyses, func(i, j int) bool { return c.Analyses[i].Path < c.Analyses[j].Path })
	sort.Slice(c.Documents, func(i, j int) bool { return c.Documents[i].Path < c.Documents[j].Path })
	sort.Slice(c.Flows, func(i, j int) bool { return c.Flows[i].Path < c.Flows[j].Path })
	sort.Slice(c.Data, func(i, j int) bool { return c.Data[i].Path < c.Data[j].Path })
	return c
}

// Diagnostics are the problems found while decoding the files the store
// holds now, sorted.
func (s *Store) Diagnostics() *diag.List {
	var d diag.List
	for _, e := range s.entries {
		for _, x := range e.diags {
			d.Add(x.Pos, "%s", x.Msg)
		}
	}
	for _, x := range s.libDiags {
		d.Add(x.Pos, "%s", x.Msg)
	}
	return &d
}

// under reports whether the slash path p is dir or inside it.
func under(p, dir string) bool {
	return dir == "." || p == dir || strings.HasPrefix(p, dir+"/")
}

func dedupe(list []string) []string {
	sort.Strings(list)
	out := list[:0]
	for i, s := range list {
		if i == 0 || s != list[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// walk lists the files below dir (site-relative) with the given extension,
// as slash paths relative to the root, skipping dot files and editors'
// temporary files, and reports folders it could not read.
func walk(root, dir, ext string) ([]string, []diag.Diagnostic) {
	var d diag.List
	l := loader{root: root, diags: &d}
	return l.walk(dir, ext), d.Items()
}
