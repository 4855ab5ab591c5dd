package render_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"huajie/generator/content"
	"huajie/generator/diag"
	"huajie/generator/output"
	"huajie/generator/render"
)

var update = flag.Bool("update", false, "rewrite the want sections of the golden files")

// buildArchive writes the archive's site files into a folder and renders them.
func buildArchive(t *testing.T, ar *txtar.Archive) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "want") || f.Name == "extract" {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var diags diag.List
	ctx := context.Background()
	c := content.Load(ctx, dir, &diags)
	idx := content.Validate(ctx, c, &diags)
	if err := diags.Err(); err != nil {
		t.Fatalf("site does not validate:\n%v", err)
	}
	w := &output.Memory{}
	render.Render(ctx, c, idx, render.Options{}, w, &diags)
	if err := diags.Err(); err != nil {
		t.Fatalf("render:\n%v", err)
	}
	return w.Files
}

// element returns the element that starts with start in html, up to its
// matching closing tag.
func element(html, start string) string {
	i := strings.Index(html, start)
	if i < 0 {
		return ""
	}
	tag := regexp.MustCompile(`^<([a-z0-9]+)`).FindStringSubmatch(start)[1]
	open := regexp.MustCompile(`<(/?)` + tag + `[\s>]`)
	depth := 0
	for _, loc := range open.FindAllStringSubmatchIndex(html[i:], -1) {
		if loc[3] > loc[2] {
			depth--
		} else {
			depth++
		}
		if depth == 0 {
			end := i + loc[1]
			if html[end-1] != '>' {
				end += strings.IndexByte(html[end:], '>') + 1
			}
			return html[i:end]
		}
	}
	return ""
}

// tidy drops blank lines so the golden files stay readable.
func tidy(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, strings.TrimRight(l, " \t"))
		}
	}
	return strings.Join(out, "\n") + "\n"
}

// TestGolden renders each testdata/golden/*.txtar site and compares the
// fragments named in its "extract" file (lines: output-path <start-tag>)
// with the want-N sections. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			out := buildArchive(t, ar)
			var extract []byte
			for _, f := range ar.Files {
				if f.Name == "extract" {
					extract = f.Data
				}
			}
			got := map[string]string{}
			for n, line := range strings.Split(strings.TrimSpace(string(extract)), "\n") {
				path, start, _ := strings.Cut(line, " ")
				frag := element(string(out[path]), start)
				if frag == "" {
					t.Fatalf("%s: no element %s", path, start)
				}
				got["want-"+string(rune('1'+n))] = tidy(frag)
			}
			if *update {
				var kept []txtar.File
				for _, f := range ar.Files {
					if !strings.HasPrefix(f.Name, "want") {
						kept = append(kept, f)
					}
				}
				for n := range len(got) {
					name := "want-" + string(rune('1'+n))
					kept = append(kept, txtar.File{Name: name, Data: []byte(got[name])})
				}
				ar.Files = kept
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, f := range ar.Files {
				if !strings.HasPrefix(f.Name, "want") {
					continue
				}
				if g := got[f.Name]; !bytes.Equal([]byte(g), f.Data) {
					t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", f.Name, g, f.Data)
				}
			}
		})
	}
}

// TestRepositoryFlowchart renders the repository's own mediation flowchart
// and compares the SVG with testdata/golden/mediation-flow.svg (-update
// rewrites it). Look at the picture after an update: render the page with
// `go run . serve` and open /flow/mediation/.
func TestRepositoryFlowchart(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "content", "flow", "mediation.yaml")); err != nil {
		t.Skip("repository content not found")
	}
	var diags diag.List
	ctx := context.Background()
	c := content.Load(ctx, root, &diags)
	idx := content.Validate(ctx, c, &diags)
	if err := diags.Err(); err != nil {
		t.Fatalf("repository content:\n%v", err)
	}
	w := &output.Memory{}
	render.Render(ctx, c, idx, render.Options{BaseURL: "https://example.gov.cn/huajie/"}, w, &diags)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	page := string(w.Files["flow/mediation/index.html"])
	i, j := strings.Index(page, "<svg"), strings.Index(page, "</svg>")
	if i < 0 || j < 0 {
		t.Fatal("no SVG on the flowchart page")
	}
	got := page[i:j+len("</svg>")] + "\n"
	golden := filepath.Join("testdata", "golden", "mediation-flow.svg")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the flowchart SVG differs from %s; run go test -run TestRepositoryFlowchart -update and look at the result", golden)
	}
	// Every node links to its rule article, and each template is named.
	if n := strings.Count(got, `<a href="/huajie/rules/work-rules/#art-`); n != 24 {
		t.Errorf("%d nodes link to a rule article, want all 24", n)
	}
	for _, doc := range []string{"受理通知书", "确认书", "化解协议", "移送函", "反馈函"} {
		if !strings.Contains(got, "文书："+doc) {
			t.Errorf("no node names the template %s", doc)
		}
	}
}
