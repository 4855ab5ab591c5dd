// Package diag holds positioned diagnostics: every problem the build finds is a
// Diagnostic carrying path:line:col, collected into a List that sorts itself
// and prints every problem at once, as go/scanner's ErrorList does.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Pos is a position in a source file. Line and Col are 1-based; Col counts
// characters (runes), not bytes, so editors land on the right column in Chinese text.
type Pos struct {
	File string
	Line int
	Col  int
}

// IsValid reports whether the position names a file.
func (p Pos) IsValid() bool { return p.File != "" }

func (p Pos) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diagnostic is one problem at one position.
type Diagnostic struct {
	Pos Pos
	Msg string
}

func (d Diagnostic) Error() string { return d.Pos.String() + ": " + d.Msg }

// List collects diagnostics. The zero value is ready to use and safe for
// concurrent use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records a problem at pos.
func (l *List) Add(pos Pos, format string, args ...any) {
	l.mu.Lock()
	l.items = append(l.items, Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...)})
	l.mu.Unlock()
}

// Append adds all diagnostics of other.
func (l *List) Append(other *List) {
	if other == nil {
		return
	}
	for _, d := range other.Items() {
		l.mu.Lock()
		l.items = append(l.items, d)
		l.mu.Unlock()
	}
}

// Len is the number of problems recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Items returns the diagnostics sorted by file, line, column and message,
// with exact duplicates removed.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	out := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	dedup := out[:0]
	for i, d := range out {
		if i > 0 && d == out[i-1] {
			continue
		}
		dedup = append(dedup, d)
	}
	return dedup
}

// Err returns nil when the list is empty, otherwise an error whose message is
// every diagnostic on its own line.
func (l *List) Err() error {
	if l.Len() == 0 {
		return nil
	}
	return &Error{Items: l.Items()}
}

// Error is the error form of a non-empty List.
type Error struct {
	Items []Diagnostic
}

func (e *Error) Error() string {
	var b strings.Builder
	for i, d := range e.Items {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Suggest returns the candidate closest to s by edit distance (over runes), or
// "" when none is close enough to be a plausible typo.
func Suggest(s string, candidates []string) string {
	// A value that is part of exactly one candidate (成功 → 化解成功) is the
	// likeliest slip.
	if s != "" {
		var within []string
		for _, c := range candidates {
			if c != s && strings.Contains(c, s) {
				within = append(within, c)
			}
		}
		if len(within) == 1 {
			return within[0]
		}
	}
	best, bestD := "", -1
	rs := []rune(s)
	for _, c := range candidates {
		d := distance(rs, []rune(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	// Short values (most Chinese terms have 2–5 characters) allow one edit,
	// longer ones one more per three characters, at most three.
	limit := max(1, min(3, len(rs)/3))
	if bestD > limit {
		return ""
	}
	return best
}

// distance is the optimal-string-alignment edit distance: insertions,
// deletions, substitutions and transpositions of neighbours (titel → title)
// each count one.
func distance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
