package content

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"huajie/generator/decode"
	"huajie/generator/diag"
	"huajie/generator/statute"
)

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Load reads the site rooted at root. Every problem found is added to diags;
// the returned content holds whatever could be decoded.
func Load(ctx context.Context, root string, diags *diag.List) *Content {
	s := NewStore(root)
	c, _ := s.Update(ctx, nil)
	diags.Append(s.Diagnostics())
	return c
}

// mounts resolves the folders of a library (relative to the site root) and
// reports those that do not exist at their line in site.yaml.
func (l *loader) mounts(kind string, dirs []string, site *Site) []string {
	var out []string
	for i, d := range dirs {
		full := d
		if !filepath.IsAbs(d) {
			full = filepath.Join(l.root, d)
		}
		if st, err := os.Stat(full); err != nil || !st.IsDir() {
			pos, ok := site.Libraries.Fields[kind+"."+strconv.Itoa(i)]
			if !ok {
				pos = diag.Pos{File: "site.yaml"}
			}
			l.diags.Add(pos, "libraries.%s: %s is not a folder", kind, d)
			continue
		}
		out = append(out, full)
	}
	return out
}

type loader struct {
	root  string
	diags *diag.List
}

func (l *loader) decoder(rel string, offset int) *decode.Decoder {
	return &decode.Decoder{File: rel, LineOffset: offset, Diags: l.diags}
}

func (l *loader) read(rel string) ([]byte, bool) {
	b, err := os.ReadFile(filepath.Join(l.root, filepath.FromSlash(rel)))
	if err != nil {
		if os.IsNotExist(err) {
			l.diags.Add(diag.Pos{File: rel}, "file is missing")
		} else {
			l.diags.Add(diag.Pos{File: rel}, "cannot read: %v", err)
		}
		return nil, false
	}
	if !utf8.Valid(b) {
		l.diags.Add(diag.Pos{File: rel, Line: 1, Col: 1}, "file is not valid UTF-8")
		return nil, false
	}
	if bytes.IndexByte(b, '\r') < 0 {
		return b, true // ReplaceAll would copy the file even so
	}
	return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), true
}

// walk lists the files below dir with the given extension, as slash paths
// relative to the root, skipping dot files and editors' temporary files.
func (l *loader) walk(dir, ext string) []string {
	var out []string
	base := filepath.Join(l.root, dir)
	filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !os.IsNotExist(err) {
				l.diags.Add(diag.Pos{File: dir}, "cannot read folder: %v", err)
			}
			return nil
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#") {
			if d.IsDir() && p != base {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(name, ext) {
			return nil
		}
		rel, _ := filepath.Rel(l.root, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	sort.Strings(out)
	return out
}

func (l *loader) slug(rel string) string {
	s := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	if !slugRE.MatchString(s) {
		l.diags.Add(diag.Pos{File: rel}, "file name %q is used in the URL: use lowercase ASCII letters, digits and hyphens", s)
	}
	return s
}

// frontMatter splits a Markdown file and decodes its front matter into v.
func (l *loader) frontMatter(rel string, v any, src *Source) bool {
	b, ok := l.read(rel)
	if !ok {
		return false
	}
	fm, body, bodyLine, ok := splitFrontMatter(b)
	if !ok {
		l.diags.Add(diag.Pos{File: rel, Line: 1, Col: 1}, "missing front matter: the file must begin with a line --- , the YAML fields, and a closing ---")
		return false
	}
	d := l.decoder(rel, 1)
	d.Root = "front matter"
	n := d.Parse(fm)
	if n == nil {
		return false
	}
	*src = Source{Path: rel, Body: string(body), BodyLine: bodyLine, Raw: string(b)}
	// Keep the item even when some fields were wrong: the build fails anyway,
	// and keeping its id avoids a cascade of "unknown case" reports.
	d.Decode(n, v)
	return true
}

func (l *loader) page(rel string) *Page {
	var p Page
	if !l.frontMatter(rel, &p, &p.Source) {
		return nil
	}
	// Known from the file alone, so the stages after loading (citations
	// among them, which run beside validation) can use it.
	p.URL = pageURL(&p)
	return &p
}

func (l *loader) rule(rel string) *Rule {
	var r Rule
	if !l.frontMatter(rel, &r, &r.Source) {
		return nil
	}
	r.Slug = l.slug(rel)
	r.Doc = statute.Parse(r.Body, rel, r.BodyLine, l.diags)
	return &r
}

// yamlFile decodes a YAML file into v and returns its text.
func (l *loader) yamlFile(rel string, v any) (string, bool) {
	b, ok := l.read(rel)
	if !ok {
		return "", false
	}
	d := l.decoder(rel, 0)
	n := d.Parse(b)
	if n == nil {
		return "", false
	}
	d.Decode(n, v)
	return string(b), true
}

// splitFrontMatter returns the YAML between the leading --- lines, the body
// after it, and the 1-based line on which the body starts.
func splitFrontMatter(b []byte) (fm, body []byte, bodyLine int, ok bool) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(b, []byte("---\n")) {
		return nil, nil, 0, false
	}
	rest := b[4:]
	line := 2
	for len(rest) > 0 || line == 2 {
		i := bytes.IndexByte(rest, '\n')
		var l []byte
		if i < 0 {
			l, i = rest, len(rest)-1
		} else {
			l = rest[:i]
		}
		if string(bytes.TrimRight(l, " \t")) == "---" {
			fm = b[4 : len(b)-len(rest)]
			body = rest[min(i+1, len(rest)):]
			return fm, body, line + 1, true
		}
		if i+1 > len(rest) {
			break
		}
		rest = rest[i+1:]
		line++
		if len(rest) == 0 {
			break
		}
	}
	return nil, nil, 0, false
}

// names reads the editors' list of real names: one per line, # comments.
func (l *loader) names(rel string) []string {
	b, err := os.ReadFile(filepath.Join(l.root, filepath.FromSlash(rel)))
	if err != nil {
		if !os.IsNotExist(err) {
			l.diags.Add(diag.Pos{File: rel}, "cannot read: %v", err)
		}
		return nil
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}
