package serve

import (
	"bytes"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"huajie/generator/diag"
)

// Problem is one diagnostic as the error overlay shows it: the position,
// the message and the source lines around it.
type Problem struct {
	File    string        `json:"file"`
	Line    int           `json:"line,omitempty"`
	Col     int           `json:"col,omitempty"`
	Message string        `json:"message"`
	Snippet []SnippetLine `json:"snippet,omitempty"`
}

// SnippetLine is one source line of a problem's snippet.
type SnippetLine struct {
	Line int    `json:"line"`
	Text string `json:"text"`
}

// Problems turns diagnostics into at most max problems with a snippet of
// two lines either side, read from the site folder root. Only files inside
// root are read (no absolute paths, no ".."), and only their first
// megabyte; long lines are cut.
func Problems(root string, items []diag.Diagnostic, max int) []Problem {
	files := map[string][]string{}
	var out []Problem
	for _, d := range items {
		if len(out) >= max {
			break
		}
		p := Problem{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Message: d.Msg}
		if d.Pos.Line > 0 {
			lines, ok := files[d.Pos.File]
			if !ok {
				lines = readLines(root, d.Pos.File)
				files[d.Pos.File] = lines
			}
			for n := max0(d.Pos.Line-2, 1); n <= d.Pos.Line+2 && n <= len(lines); n++ {
				p.Snippet = append(p.Snippet, SnippetLine{Line: n, Text: cut(lines[n-1], 240)})
			}
		}
		out = append(out, p)
	}
	return out
}

func max0(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// readLines reads a site file's lines, or nothing for a path that is not a
// file inside root.
func readLines(root, rel string) []string {
	if rel == "" || filepath.IsAbs(rel) || strings.Contains(rel, "\\") || path.Clean(rel) != rel || strings.HasPrefix(rel, "../") || rel == ".." {
		return nil
	}
	f, err := os.Open(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return nil
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil
	}
	b, err := io.ReadAll(io.LimitReader(f, 1<<20))
	if err != nil {
		return nil
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	if !utf8.Valid(b) {
		return nil
	}
	return strings.Split(string(b), "\n")
}

// cut shortens s to at most n characters.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
