// Package testsite gives tests a copy of the repository's own site to edit.
package testsite

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Copy copies the site at repo (site.yaml, content/, cases/, rules/) into a
// fresh temporary folder and returns it.
func Copy(tb testing.TB, repo string) string {
	tb.Helper()
	dst := tb.TempDir()
	for _, name := range []string{"site.yaml", "content", "cases", "rules"} {
		err := filepath.WalkDir(filepath.Join(repo, name), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(repo, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	return dst
}
