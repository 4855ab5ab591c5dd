package render

import (
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"huajie/themes"
)

// Layouts are the page layouts every theme provides.
var Layouts = []string{
	"home.html", "list.html", "page.html", "rule.html", "case.html", "analysis.html",
	"taxonomy.html", "term.html", "document.html", "flow.html", "404.html",
	"stats.html", "rankings.html", "bulletin.html", "search.html", "series.html",
	"law.html", "precedent.html",
}

// Lookup finds template files. The order is short and fixed:
//
//  1. layouts/NAME in the site folder (overrides a single template);
//  2. themes/THEME/layouts/NAME in the site folder, when that theme folder exists;
//  3. layouts/NAME in the theme embedded in the binary (only the default theme).
type Lookup struct {
	Root  string // the site folder
	Theme string // theme name; "" means "default"
}

// Source says where a template was found, for messages and tests.
type Source struct {
	Name string // e.g. "case.html" or "partials/header.html"
	From string // "site", "theme" or "embedded"
	Text string
}

func (l Lookup) theme() string {
	if l.Theme == "" {
		return "default"
	}
	return l.Theme
}

func (l Lookup) themeDir() string {
	return filepath.Join(l.Root, "themes", l.theme())
}

func (l Lookup) themeOnDisk() bool {
	st, err := os.Stat(l.themeDir())
	return err == nil && st.IsDir()
}

// Find returns the template file NAME, searched in the documented order.
func (l Lookup) Find(name string) (Source, error) {
	if b, err := os.ReadFile(filepath.Join(l.Root, "layouts", filepath.FromSlash(name))); err == nil {
		return Source{Name: name, From: "site", Text: string(b)}, nil
	}
	if l.themeOnDisk() {
		if b, err := os.ReadFile(filepath.Join(l.themeDir(), "layouts", filepath.FromSlash(name))); err == nil {
			return Source{Name: name, From: "theme", Text: string(b)}, nil
		}
	}
	if l.theme() == "default" {
		if b, err := fs.ReadFile(themes.Default(), "layouts/"+name); err == nil {
			return Source{Name: name, From: "embedded", Text: string(b)}, nil
		}
	} else if !l.themeOnDisk() {
		return Source{}, fmt.Errorf("theme %q not found: no folder %s", l.theme(), l.themeDir())
	}
	return Source{}, fmt.Errorf("template %s not found in layouts/, themes/%s/layouts/ or the embedded default theme", name, l.theme())
}

// partialNames lists the partials available across all lookup places.
func (l Lookup) partialNames() []string {
	set := map[string]bool{}
	add := func(fsys fs.FS) {
		entries, _ := fs.ReadDir(fsys, "layouts/partials")
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".html") {
				set["partials/"+e.Name()] = true
			}
		}
	}
	add(os.DirFS(l.Root))
	if l.themeOnDisk() {
		add(os.DirFS(l.themeDir()))
	}
	if l.theme() == "default" {
		add(themes.Default())
	}
	var out []string
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// StaticFS returns the theme's static folder: on disk when the theme folder
// exists, else embedded.
func (l Lookup) StaticFS() (fs.FS, error) {
	if l.themeOnDisk() {
		return os.DirFS(filepath.Join(l.themeDir(), "static")), nil
	}
	if l.theme() == "default" {
		return fs.Sub(themes.Default(), "static")
	}
	return nil, fmt.Errorf("theme %q not found", l.theme())
}

// Templates are the parsed layouts, one template set per layout.
type Templates struct {
	sets map[string]*template.Template
}

// Load parses base.html, every partial and every layout.
func (l Lookup) Load(funcs template.FuncMap) (*Templates, error) {
	base, err := l.Find("base.html")
	if err != nil {
		return nil, err
	}
	root := template.New("base.html").Funcs(funcs)
	if _, err := root.Parse(base.Text); err != nil {
		return nil, fmt.Errorf("%s (%s): %w", base.Name, base.From, err)
	}
	for _, name := range l.partialNames() {
		src, err := l.Find(name)
		if err != nil {
			return nil, err
		}
		if _, err := root.New(path.Base(name)).Parse(src.Text); err != nil {
			return nil, fmt.Errorf("%s (%s): %w", name, src.From, err)
		}
	}
	t := &Templates{sets: map[string]*template.Template{}}
	for _, name := range Layouts {
		src, err := l.Find(name)
		if err != nil {
			return nil, err
		}
		set, err := root.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := set.New(name).Parse(src.Text); err != nil {
			return nil, fmt.Errorf("%s (%s): %w", name, src.From, err)
		}
		t.sets[name] = set
	}
	return t, nil
}
