package browsertest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pdfText extracts the text of a PDF with pdftotext (Debian's poppler-utils).
func pdfText(t *testing.T, pdf []byte, first, last int) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		skipOrFail(t, "pdftotext not found (apt-get install poppler-utils)")
	}
	f := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(f, pdf, 0o644)
	args := []string{"-layout"}
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	out, err := exec.Command("pdftotext", append(args, f, "-")...).Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func pageSizes(t *testing.T, pdf []byte) [][2]float64 {
	t.Helper()
	var sizes [][2]float64
	for _, b := range mediaBoxRE.FindAllSubmatch(pdf, -1) {
		w, _ := strconv.ParseFloat(string(b[1]), 64)
		h, _ := strconv.ParseFloat(string(b[2]), 64)
		sizes = append(sizes, [2]float64{w, h})
	}
	return sizes
}

// TestFillAndPrintNotice fills the 受理通知书 form, checks the required-field
// check and the live preview, prints it and reads the PDF back.
func TestFillAndPrintNotice(t *testing.T) {
	s := serveSite(t, "/")
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(s.URL+"documents/acceptance-notice/"), chromedp.WaitVisible(chromedp.CSS("#doc-form")))
	// Printing an empty form is refused with a list of the missing fields.
	eval[bool](t, ctx, `window.print = () => { window.__printed = true }; true`)
	do(t, ctx, chromedp.Click(chromedp.CSS(`button[data-action="print"]`)))
	if eval[bool](t, ctx, `!!window.__printed`) {
		t.Fatal("an empty form was printed")
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('.form-errors li').length`); n < 5 {
		t.Errorf("error summary lists %d fields", n)
	}
	typed := map[string]string{"申请人": "测试甲某", "被申请人": "周口市测试局", "争议事项": "测试事项七号", "化解员": "专职化解员丙某"}
	for name, v := range typed {
		do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#doc-form [name="`+name+`"]`), v))
	}
	do(t, ctx, chromedp.SetValue(chromedp.CSS(`#doc-form [name="案件来源"]`), "经人民法院移送"))
	eval[bool](t, ctx, `for (const [n, v] of [["收到日期", "2024-03-05"], ["受理日期", "2024-03-08"]]) { const e = document.querySelector('#doc-form [name="' + n + '"]'); e.value = v; e.dispatchEvent(new Event("input", {bubbles: true})) }; true`)
	preview := run(t, ctx, chromedp.Text(chromedp.CSS(".letter.preview")))
	for _, v := range []string{"测试甲某：", "周口市测试局", "2024年3月8日", "周行化受〔2024〕1号"} {
		if !strings.Contains(preview, v) {
			t.Errorf("preview lacks %q:\n%s", v, preview)
		}
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`button[data-action="print"]`)))
	if !eval[bool](t, ctx, `!!window.__printed && document.body.classList.contains("print-form")`) {
		t.Fatal("a complete form was not printed")
	}
	pdf := run(t, ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
	for _, sz := range pageSizes(t, pdf) {
		if sz[0] < 594 || sz[0] > 597 || sz[1] < 840 || sz[1] > 843 {
			t.Fatalf("page size %.1f×%.1f pt, want A4", sz[0], sz[1])
		}
	}
	text := strings.ReplaceAll(pdfText(t, pdf, 0, 0), " ", "")
	for _, v := range []string{"测试甲某", "周口市测试局", "测试事项七号", "专职化解员丙某", "2024年3月8日", "行政争议协调化解受理通知书"} {
		if !strings.Contains(text, v) {
			t.Errorf("PDF lacks %q", v)
		}
	}
	if strings.Contains(text, "宋某") {
		t.Errorf("the PDF printed the sample instead of the filled form")
	}
	if strings.Contains(text, "在线填写") || strings.Contains(text, "案例与规则库") {
		t.Errorf("page furniture printed with the letter")
	}
}

// TestLetterLines prints the long 化解协议 sample: 22 lines of at most 28
// characters on every full page (GB/T 9704), page numbers — N —.
func TestLetterLines(t *testing.T) {
	s := serveSite(t, "/")
	ctx := newTab(t)
	do(t, ctx, chromedp.Navigate(s.URL+"documents/agreement/"))
	pdf := run(t, ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
	pages := strings.Count(pdfText(t, pdf, 0, 0), "\f")
	if pages < 3 {
		t.Fatalf("the agreement prints on %d pages; want a long sample", pages)
	}
	for p := 2; p < pages; p++ { // full middle pages
		var body []string
		number := ""
		for _, l := range strings.Split(pdfText(t, pdf, p, p), "\n") {
			l = strings.TrimSpace(l)
			switch {
			case l == "" || l == "\f":
			case strings.HasPrefix(l, "—") || strings.HasPrefix(l, "－") || strings.HasPrefix(l, "-"):
				number = l
			default:
				body = append(body, l)
			}
		}
		if len(body) != 22 {
			t.Errorf("page %d has %d lines, want 22", p, len(body))
		}
		long := 0
		for _, l := range body {
			if n := len([]rune(strings.ReplaceAll(l, " ", ""))); n > 28 && !bytes.ContainsAny([]byte(l), "0123456789") {
				long++
			}
		}
		if long > 0 {
			t.Errorf("page %d: %d lines longer than 28 characters", p, long)
		}
		if strings.ReplaceAll(number, " ", "") != "—"+strconv.Itoa(p)+"—" {
			t.Errorf("page %d number %q", p, number)
		}
	}
}
