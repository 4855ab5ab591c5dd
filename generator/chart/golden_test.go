package chart

import (
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var (
	update  = flag.Bool("update", false, "rewrite testdata/*.svg from the current output")
	preview = flag.String("preview", "", "also write an HTML page per golden chart into this folder (to render with a browser)")
)

func ptr(v float64) *float64 { return &v }

func months(year, from, n int) []string {
	var out []string
	for i := range n {
		m := from - 1 + i
		out = append(out, fmt.Sprintf("%d-%02d", year+m/12, m%12+1))
	}
	return out
}

// districts are the county-level divisions of 周口 plus its development zones.
var districts = []string{
	"川汇区", "淮阳区", "项城市", "扶沟县", "西华县", "商水县", "沈丘县", "郸城县",
	"太康县", "鹿邑县", "周口经济技术开发区", "周口市东新区", "港口物流产业集聚区",
}

// goldenCases are the charts kept in testdata/<name>.svg.
func goldenCases() []struct {
	name string
	c    Chart
} {
	return []struct {
		name string
		c    Chart
	}{
		{"bar_monthly", Chart{
			Title:  "2023年各月受理行政争议案件数",
			Labels: months(2023, 1, 12),
			Series: []Series{{Name: "受理", Values: []float64{12, 9, 15, 21, 18, 17, 25, 22, 19, 24, 16, 28}, Format: "%.0f件"}},
			YLabel: "件数（件）",
		}},
		{"bar_zero", Chart{
			Title:  "2024年第一季度各县区化解成功案件数",
			Labels: []string{"川汇区", "淮阳区", "项城市", "扶沟县", "西华县"},
			Series: []Series{{Name: "化解成功", Values: []float64{7, 0, 4, 3, 0}, Format: "%.0f件"}},
			YLabel: "件数（件）",
		}},
		{"bar_single", Chart{
			Title:  "2024年1月受理案件数",
			Labels: []string{"2024-01"},
			Series: []Series{{Values: []float64{14}, Format: "%.0f件"}},
			YLabel: "件数（件）",
		}},
		{"bar_24months", Chart{
			Title:  "2022—2023年各月受理行政争议案件数",
			Labels: months(2022, 1, 24),
			Series: []Series{{Name: "受理", Values: []float64{
				8, 11, 14, 9, 12, 16, 13, 18, 15, 20, 17, 22,
				12, 9, 15, 21, 18, 17, 25, 22, 19, 24, 16, 28}, Format: "%.0f件"}},
			YLabel: "件数（件）",
		}},
		{"bar_long_labels", Chart{
			Title:  "2023年各县区受理行政争议案件数",
			Labels: districts,
			Series: []Series{{Name: "受理", Values: []float64{46, 31, 28, 17, 22, 25, 19, 21, 27, 24, 9, 12, 3}, Format: "%.0f件"}},
			YLabel: "件数（件）",
		}},
		{"bar_long_labels_narrow", Chart{
			Title:  "2023年各县区受理行政争议案件数（窄屏）",
			Labels: districts,
			Series: []Series{{Name: "受理", Values: []float64{46, 31, 28, 17, 22, 25, 19, 21, 27, 24, 9, 12, 3}, Format: "%.0f件"}},
			YLabel: "件数（件）",
			Width:  360, Height: 300,
		}},
		{"bar_wrap", Chart{
			Title:  "2023年各开发区和县区受理案件数",
			Labels: []string{"川汇区", "周口经济技术开发区", "周口市东新区", "港口物流产业集聚区", "项城市", "Zone A (test)", "鹿邑县"},
			Series: []Series{{Name: "受理", Values: []float64{46, 9, 12, 3, 28, 1, 24}, Format: "%.0f件"}},
			YLabel: "件数（件）",
		}},
		{"bar_equal", Chart{
			Title:  "各协调员2024年1月承办案件数",
			Labels: []string{"张某", "李某", "王某", "赵某"},
			Series: []Series{{Name: "承办", Values: []float64{6, 6, 6, 6}, Format: "%.0f件"}},
			YLabel: "件数（件）",
		}},
		{"bar_all_zero", Chart{
			Title:  "2024年1月各县区撤诉案件数",
			Labels: []string{"川汇区", "淮阳区", "项城市"},
			Series: []Series{{Name: "撤诉", Values: []float64{0, 0, 0}, Format: "%.0f件"}},
			YLabel: "件数（件）",
		}},
		{"grouped_two", Chart{
			Kind:   KindGrouped,
			Title:  "2023年各县区受理与化解成功案件数",
			Labels: districts[:8],
			Series: []Series{
				{Name: "受理", Values: []float64{46, 31, 28, 17, 22, 25, 19, 21}, Format: "%.0f件"},
				{Name: "化解成功", Values: []float64{30, 22, 15, 11, 16, 14, 12, 9}, Format: "%.0f件"},
			},
			YLabel: "件数（件）",
		}},
		{"line_threshold", Chart{
			Kind:   KindLine,
			Title:  "2023年各月行政诉讼败诉率与行政复议纠错率",
			Desc:   "两条折线，12个月。行政诉讼败诉率在7月和12月超过15%的监督阈值，行政复议纠错率全年低于阈值。",
			Labels: months(2023, 1, 12),
			Series: []Series{
				{Name: "行政诉讼败诉率", Values: []float64{12.5, 10.25, 14, 13.75, 11, 9.5, 16.25, 13, 12, 14.5, 11.75, 17.5}, Format: "%.2f%%"},
				{Name: "行政复议纠错率", Values: []float64{6, 7.5, 5.25, 8, 9.75, 7, 6.5, 10, 8.25, 7.75, 9, 8.5}, Format: "%.2f%%"},
			},
			YLabel:         "比率（%）",
			Threshold:      ptr(15),
			ThresholdLabel: "监督阈值 15%",
		}},
		{"grouped_three_rotated", Chart{
			Kind:   KindGrouped,
			Title:  "2021—2023年各县区受理案件数",
			Labels: districts,
			Series: []Series{
				{Name: "2021年", Values: []float64{38, 25, 22, 14, 18, 20, 15, 17, 22, 19, 6, 8, 1}, Format: "%.0f件"},
				{Name: "2022年", Values: []float64{41, 28, 25, 15, 20, 23, 17, 19, 25, 22, 7, 10, 2}, Format: "%.0f件"},
				{Name: "2023年", Values: []float64{46, 31, 28, 17, 22, 25, 19, 21, 27, 24, 9, 12, 3}, Format: "%.0f件"},
			},
			YLabel: "件数（件）",
		}},
		{"line_four_negative", Chart{
			Kind:   KindLine,
			Title:  "2023年各季度案件数同比变化",
			Labels: []string{"第一季度", "第二季度", "第三季度", "第四季度"},
			Series: []Series{
				{Name: "受理", Values: []float64{12, 8, -3, 5}, Format: "%+.0f件"},
				{Name: "化解成功", Values: []float64{6, 4, 2, -1}, Format: "%+.0f件"},
				{Name: "撤回申请", Values: []float64{-2, 1, 3, 0}, Format: "%+.0f件"},
				{Name: "进入诉讼", Values: []float64{-5, -6, -2, -4}, Format: "%+.0f件"},
			},
			YLabel: "同比增减（件）",
			Width:  480,
		}},
	}
}

func TestGolden(t *testing.T) {
	if *preview != "" {
		if err := os.MkdirAll(*preview, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.c.SVG()
			if err != nil {
				t.Fatal(err)
			}
			checkWellFormed(t, got)
			path := filepath.Join("testdata", tc.name+".svg")
			if *update {
				if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got+"\n" != string(want) {
				t.Errorf("%s differs from the output; run go test ./generator/chart -update and review the diff", path)
			}
			if *preview != "" {
				page := "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + tc.name + "</title></head>\n" +
					"<body style=\"margin:16px;font-family:'Noto Sans CJK SC',sans-serif;max-width:" + num(tc.c.widthOr()) + "px\">\n" + got + "\n</body></html>\n"
				if err := os.WriteFile(filepath.Join(*preview, tc.name+".html"), []byte(page), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// widthOr is the chart's width with the default applied.
func (c Chart) widthOr() float64 {
	if c.Width == 0 {
		return DefaultWidth
	}
	return c.Width
}

// checkWellFormed parses svg as XML and checks the accessibility wiring: the
// root has role="img" and aria-labelledby naming its <title> and <desc>.
func checkWellFormed(t *testing.T, svg string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	ids := map[string]string{}
	var labelledby, role string
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			for _, a := range e.Attr {
				switch {
				case a.Name.Local == "id":
					ids[a.Value] = e.Name.Local
				case depth == 1 && a.Name.Local == "aria-labelledby":
					labelledby = a.Value
				case depth == 1 && a.Name.Local == "role":
					role = a.Value
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if role != "img" {
		t.Errorf("root role = %q, want img", role)
	}
	refs := strings.Fields(labelledby)
	if len(refs) != 2 || ids[refs[0]] != "title" || ids[refs[1]] != "desc" {
		t.Errorf("aria-labelledby = %q does not name the <title> and <desc> (ids %v)", labelledby, ids)
	}
}
