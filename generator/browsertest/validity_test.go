package browsertest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// htmlFiles lists every generated page.
func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	if len(files) == 0 {
		t.Fatal("no HTML files built")
	}
	return files
}

// TestHTMLValid runs html-validate (standard and document presets) over every
// generated page: zero errors.
func TestHTMLValid(t *testing.T) {
	tools := toolsDir(t)
	s := serveSite(t, "/")
	files := htmlFiles(t, s.Dir)
	// A planted error proves the validator runs and reports.
	bad := filepath.Join(t.TempDir(), "bad.html")
	os.WriteFile(bad, []byte(`<!DOCTYPE html><html lang="zh-CN"><head><title>x</title></head><body><p><div></div></p></body></html>`), 0o644)
	if out, err := validate(tools, []string{bad}); err == nil {
		t.Fatalf("html-validate accepted invalid HTML:\n%s", out)
	}
	for len(files) > 0 {
		n := min(len(files), 200)
		if out, err := validate(tools, files[:n]); err != nil {
			t.Errorf("html-validate: %v\n%s", err, out)
		}
		files = files[n:]
	}
}

func validate(tools string, files []string) (string, error) {
	args := append([]string{filepath.Join(tools, "node_modules", "html-validate", "bin", "html-validate.mjs"), "--config", filepath.Join(tools, ".htmlvalidate.json"), "--formatter", "text"}, files...)
	cmd := exec.Command("node", args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// TestNoBrokenLinks crawls the served site with linkinator, at the root and
// under a sub-path: zero broken internal links.
func TestNoBrokenLinks(t *testing.T) {
	tools := toolsDir(t)
	for _, base := range []string{"/", "/huajie/"} {
		s := serveSite(t, base)
		cmd := exec.Command("node", filepath.Join(tools, "node_modules", "linkinator", "build", "src", "cli.js"),
			s.URL, "--recurse", "--skip", `^(?!http://127\.0\.0\.1)`, "--format", "text", "--concurrency", "8")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		if err != nil || strings.Contains(out.String(), "[404]") {
			t.Errorf("linkinator under %s: %v\n%s", base, err, tail(out.String(), 4000))
		}
		if !strings.Contains(out.String(), "Successfully scanned") && !strings.Contains(out.String(), "links") {
			t.Logf("linkinator output:\n%s", tail(out.String(), 2000))
		}
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
