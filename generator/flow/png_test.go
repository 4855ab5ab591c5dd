package flow

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

var pngDir = flag.String("png", "", "also render each golden SVG to a PNG in this directory with headless Chromium")

// TestPNG renders each fixture to a PNG with headless Chromium, for a
// person to look at. It runs only with -png=DIR and when chromium is on
// PATH.
func TestPNG(t *testing.T) {
	if *pngDir == "" {
		t.Skip("no -png directory given")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not on PATH")
	}
	if err := os.MkdirAll(*pngDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range fixtures {
		d, err := Layout(f.g, Options{})
		if err != nil {
			t.Fatal(err)
		}
		renderPNG(t, chromium, f.name, d)
	}
}

func renderPNG(t *testing.T, chromium, name string, d *Diagram) {
	t.Helper()
	html := `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
body{margin:16px;font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;background:#fff}
a:focus-visible rect,a:focus-visible polygon{stroke:#c2410c;stroke-width:3}</style></head><body>` + d.SVG() + `</body></html>`
	page := filepath.Join(t.TempDir(), name+".html")
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := filepath.Abs(filepath.Join(*pngDir, name+".png"))
	w, h := int(d.Width)+32, int(d.Height)+32
	cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir="+t.TempDir(), "--screenshot="+out, "--window-size="+strconv.Itoa(w)+","+strconv.Itoa(h),
		"file://"+page)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, b)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Fatalf("no PNG written for %s", name)
	}
	t.Logf("wrote %s", out)
}
