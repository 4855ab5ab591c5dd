package cite

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProjectCases parses the legal_basis entries and court_case_no fields
// of the centre's own case files (../../cases), which are the main users of
// Parse and ParseCaseNo.
func TestProjectCases(t *testing.T) {
	files, _ := filepath.Glob("../../cases/*/*.md")
	if len(files) == 0 {
		t.Skip("no case files under ../../cases")
	}
	p := NewParser()
	var entries, nos int
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		front, _, _ := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---")
		inBasis := false
		for _, line := range strings.Split(front, "\n") {
			if v, ok := strings.CutPrefix(line, "court_case_no:"); ok {
				v = strings.Trim(strings.TrimSpace(v), `"'`)
				if v == "" || v == "null" || v == "~" {
					continue
				}
				nos++
				if _, err := ParseCaseNo(v); err != nil {
					t.Errorf("%s: %v", filepath.Base(file), err)
				}
			}
			if strings.HasPrefix(line, "legal_basis:") {
				inBasis = true
				continue
			}
			entry, ok := strings.CutPrefix(line, "  - ")
			if !inBasis || !ok {
				inBasis = inBasis && ok
				continue
			}
			entries++
			c, err := p.Parse(strings.Trim(entry, `"'`))
			if err != nil {
				t.Errorf("%s: legal_basis %q: %v", filepath.Base(file), entry, err)
			} else if len(c.Refs) == 0 || c.Refs[0].Article == 0 {
				t.Errorf("%s: legal_basis %q cites no article", filepath.Base(file), entry)
			}
		}
	}
	t.Logf("%d case files: %d legal_basis entries, %d court case numbers", len(files), entries, nos)
}
