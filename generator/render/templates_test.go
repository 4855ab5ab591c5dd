package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// One test per step of the documented lookup order.
func TestLookupOrder(t *testing.T) {
	t.Run("embedded default theme", func(t *testing.T) {
		src, err := Lookup{Root: t.TempDir()}.Find("case.html")
		if err != nil || src.From != "embedded" {
			t.Fatalf("got %q, %v; want the embedded template", src.From, err)
		}
	})
	t.Run("theme folder in the site beats embedded", func(t *testing.T) {
		root := t.TempDir()
		writeFile(t, filepath.Join(root, "themes/default/layouts/case.html"), "theme")
		src, err := Lookup{Root: root}.Find("case.html")
		if err != nil || src.From != "theme" || src.Text != "theme" {
			t.Fatalf("got %+v, %v", src, err)
		}
		// A template the site's theme folder lacks still comes from the embedded theme.
		src, err = Lookup{Root: root}.Find("rule.html")
		if err != nil || src.From != "embedded" {
			t.Fatalf("rule.html: got %q, %v", src.From, err)
		}
	})
	t.Run("site layouts beat the theme", func(t *testing.T) {
		root := t.TempDir()
		writeFile(t, filepath.Join(root, "themes/default/layouts/partials/header.html"), "theme")
		writeFile(t, filepath.Join(root, "layouts/partials/header.html"), "site")
		src, err := Lookup{Root: root}.Find("partials/header.html")
		if err != nil || src.From != "site" || src.Text != "site" {
			t.Fatalf("got %+v, %v", src, err)
		}
	})
	t.Run("unknown theme is an error", func(t *testing.T) {
		_, err := Lookup{Root: t.TempDir(), Theme: "nope"}.Find("case.html")
		if err == nil || !strings.Contains(err.Error(), `theme "nope" not found`) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("override is used when rendering", func(t *testing.T) {
		root := t.TempDir()
		writeFile(t, filepath.Join(root, "layouts/404.html"), `{{define "main"}}<p>自定义404</p>{{end}}`)
		tpl, err := Lookup{Root: root}.Load(testFuncs())
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := tpl.sets["404.html"].ExecuteTemplate(&b, "main", nil); err != nil {
			t.Fatal(err)
		}
		if b.String() != "<p>自定义404</p>" {
			t.Fatalf("got %q", b.String())
		}
	})
}

func testFuncs() map[string]any {
	r := &Renderer{}
	return r.funcs()
}
