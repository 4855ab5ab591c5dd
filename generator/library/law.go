package library

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"huajie/generator/diag"
	"huajie/generator/numeral"
	"huajie/generator/pool"
	"huajie/generator/statute"
)

// Law is one version of one statute file in the LawRefBook layout.
type Law struct {
	Title    string       // full title from the "# " heading, cleaned
	Short    string       // Title without the leading 中华人民共和国; Title when absent
	Part     string       // a second "# " heading before the marker (the 民法典 books: 合同编), else ""
	Version  string       // YYYY-MM-DD from the file name, else the newest date of the history, else ""
	Category string       // first folder under the mount (行政法, 司法解释 …); in the DLC tree the kind (地方性法规); "" at the top
	Region   string       // the province of a DLC local regulation (山东), else ""
	Path     string       // the file as found: the mount joined with Rel
	Rel      string       // the file relative to its mount, with forward slashes
	History  []string     // paragraphs of the metadata block after the title, cleaned
	Doc      *statute.Doc // the body, read verbatim; articles carry anchors art-N
	BodyLine int          // 1-based line where the body starts
}

// Key is the form Group files the law under: cite.Normalize of the title,
// and for one book of a code published as its own file the book after a
// middle dot (民法典·合同编).
func (l *Law) Key() string { return lawKey(l.Title, l.Part) }

// infoEnd is the line that closes the title and history of a LawRefBook file.
const infoEnd = "<!-- INFO END -->"

// LoadLaws reads every law file under dirs (recursively; Markdown files
// only) concurrently and returns them sorted by Path. A file it cannot read
// as a law is reported and left out; README.md, index.md and _index.md
// (LawRefBook's folder notes and Hugo stubs) and hidden files and folders
// are skipped silently.
func LoadLaws(ctx context.Context, dirs []string, diags *diag.List) []*Law {
	return loadAll(ctx, dirs, "law", diags, ParseLaw)
}

// loadAll reads and parses every Markdown file under dirs concurrently and
// returns what parsed, in the order of the files (sorted by path). what
// names the kind of file in a read error.
func loadAll[T any](ctx context.Context, dirs []string, what string, diags *diag.List, parse func(text, file, rel string, diags *diag.List) *T) []*T {
	files := walk(dirs, diags)
	parsed := make([]*T, len(files))
	jobs := make([]func(), len(files))
	for i, f := range files {
		jobs[i] = func() {
			if ctx.Err() != nil {
				return
			}
			text, err := readFile(f.path)
			if err != nil {
				diags.Add(diag.Pos{File: f.path, Line: 1, Col: 1}, "cannot read the %s: %v", what, err)
				return
			}
			parsed[i] = parse(text, f.path, f.rel, diags)
		}
	}
	pool.Run(ctx, jobs)
	out := parsed[:0]
	for _, x := range parsed {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}

// ParseLaw reads one law file: text is its content, file the path its
// diagnostics and Path carry, rel its path under the mount (for Category
// and Region). It returns nil, having reported why, when text is not a
// LawRefBook law.
func ParseLaw(text, file, rel string, diags *diag.List) *Law {
	if !utf8.ValidString(text) {
		line := strings.Count(text[:firstInvalid(text)], "\n") + 1
		diags.Add(diag.Pos{File: file, Line: line, Col: 1}, "not a law file: the text is not UTF-8")
		return nil
	}
	text = strings.TrimPrefix(text, "\ufeff")
	l := &Law{Path: file, Rel: filepath.ToSlash(rel)}
	l.Category, l.Region = category(l.Rel)

	// The head: the title, perhaps a second "# " heading, the history.
	var para []string
	lineNo := 0
	for text != "" || lineNo == 0 {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		lineNo++
		t := trimSpace(cleanLine(line))
		if l.Title == "" {
			switch {
			case t == "":
				continue
			case strings.HasPrefix(t, "# "):
				l.Title = Clean(t[2:])
			}
			if l.Title == "" {
				diags.Add(diag.Pos{File: file, Line: lineNo, Col: 1}, "not a law file: the first line is the title, # 中华人民共和国…法")
				return nil
			}
			continue
		}
		if t == infoEnd {
			l.BodyLine = lineNo + 1
			break
		}
		switch {
		case t == "":
			l.addHistory(para)
			para = nil
		case strings.HasPrefix(t, "# ") && l.Part == "" && len(l.History) == 0 && para == nil:
			l.Part = Clean(t[2:])
		default:
			para = append(para, t)
		}
	}
	l.addHistory(para)
	if l.Title == "" {
		diags.Add(diag.Pos{File: file, Line: 1, Col: 1}, "not a law file: it is empty")
		return nil
	}
	if l.BodyLine == 0 {
		diags.Add(diag.Pos{File: file, Line: 1, Col: 1}, "not a law file: no %s line ends the title and history", infoEnd)
		return nil
	}
	l.Short = strings.TrimPrefix(l.Title, "中华人民共和国")
	if l.Short == "" {
		l.Short = l.Title
	}
	l.Version = nameDate(l.Rel)
	if l.Version == "" {
		l.Version = newestDate(l.History)
	}
	l.Doc = statute.Options{Verbatim: true}.Parse(cleanLine(text), file, l.BodyLine, diags)
	return l
}

func (l *Law) addHistory(para []string) {
	if len(para) > 0 {
		l.History = append(l.History, Clean(strings.Join(para, "")))
	}
}

// readFile reads a file into a string.
func readFile(name string) (string, error) {
	b, err := os.ReadFile(name)
	return string(b), err
}

func firstInvalid(b string) int {
	for i := 0; i < len(b); {
		r, w := utf8.DecodeRuneInString(b[i:])
		if r == utf8.RuneError && w == 1 {
			return i
		}
		i += w
	}
	return len(b)
}

// category reads the folders of rel: the first one, except in LawRefBook's
// local-regulation tree DLC/<省>地方法规/<kind>/<省>/, which gives the kind
// and the province.
func category(rel string) (cat, region string) {
	parts := strings.Split(rel, "/")
	if len(parts) < 2 {
		return "", ""
	}
	if parts[0] == "DLC" && len(parts) >= 5 {
		return parts[2], parts[3]
	}
	return parts[0], ""
}

var (
	nameDateRE = regexp.MustCompile(`[(（](\d{4})-(\d{1,2})-(\d{1,2})[)）]\.md$`)
	dateRE     = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	hanDateRE  = regexp.MustCompile(`([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日`)
)

// nameDate is the date of a LawRefBook file name: 行政诉讼法(2017-06-27).md.
func nameDate(rel string) string {
	m := nameDateRE.FindStringSubmatch(path.Base(rel))
	if m == nil {
		return ""
	}
	return isoDate(m[1], m[2], m[3])
}

// newestDate is the latest date written in the history lines, in Arabic
// (2017年6月27日) or Chinese numerals (一九九四年十二月六日); a date broken
// over two lines is read too. A line that only says when the text takes
// effect (2021年1月1日 施行) is left out: the dates of file names, which
// Version stands in for, are promulgation and amendment dates.
func newestDate(history []string) string {
	var kept []string
	for _, h := range history {
		if !effectiveOnly(h) {
			kept = append(kept, h)
		}
	}
	text := strings.Join(kept, "")
	best := ""
	for _, m := range dateRE.FindAllStringSubmatch(text, -1) {
		best = max(best, isoDate(m[1], m[2], m[3]))
	}
	for _, m := range hanDateRE.FindAllStringSubmatch(text, -1) {
		var y strings.Builder
		for _, r := range m[1] {
			y.WriteRune(hanDigit[r])
		}
		mo, err1 := numeral.Parse(m[2])
		d, err2 := numeral.Parse(m[3])
		if err1 == nil && err2 == nil {
			best = max(best, isoDate(y.String(), itoa(mo), itoa(d)))
		}
	}
	return best
}

// effectiveOnly tells a history line about entry into force alone.
func effectiveOnly(h string) bool {
	if !strings.Contains(h, "施行") && !strings.Contains(h, "执行") && !strings.Contains(h, "生效") {
		return false
	}
	for _, w := range []string{"通过", "修正", "修订", "修改", "公布", "批准", "发布", "决定", "印发"} {
		if strings.Contains(h, w) {
			return false
		}
	}
	return true
}

var hanDigit = map[rune]rune{'〇': '0', '零': '0', '一': '1', '二': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9'}

// parseDate reads a date written 2013年1月31日 and returns 2013-01-31, or ""
// when s holds no valid date.
func parseDate(s string) string {
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return isoDate(m[1], m[2], m[3])
}

// isoDate writes YYYY-MM-DD, or "" for an impossible month or day.
func isoDate(y, m, d string) string {
	mo, day := atoi(m), atoi(d)
	if len(y) != 4 || mo < 1 || mo > 12 || day < 1 || day > 31 {
		return ""
	}
	return y + "-" + pad2(mo) + "-" + pad2(day)
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}

// file is one Markdown file found under a mount.
type file struct {
	path string // the mount joined with rel
	rel  string // relative to the mount
}

// walk lists the Markdown files under dirs, sorted by path. A folder that
// cannot be read is reported at its path.
func walk(dirs []string, diags *diag.List) []file {
	var out []file
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				diags.Add(diag.Pos{File: p, Line: 1, Col: 1}, "cannot read the library: %v", err)
				return nil
			}
			name := d.Name()
			if p != dir && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !strings.EqualFold(filepath.Ext(name), ".md") || skipName(name) {
				return nil
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				rel = name
			}
			out = append(out, file{path: p, rel: rel})
			return nil
		})
		if err != nil {
			diags.Add(diag.Pos{File: dir, Line: 1, Col: 1}, "cannot read the library: %v", err)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out
}

// skipName tells the Markdown files of a library that are notes about it,
// not part of it.
func skipName(name string) bool {
	switch strings.ToLower(name) {
	case "readme.md", "index.md", "_index.md":
		return true
	}
	return false
}
