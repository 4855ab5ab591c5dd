package privacy

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// benchText is a case text of about 2,000 characters: mostly ordinary
// prose with 案号, dates, money and statute numbers, and a few findings.
func benchText() string {
	para := "原告张某诉称：2023年7月12日，被告商水县人民政府作出周政办〔2023〕21号决定，" +
		"对其位于某村的房屋实施征收，补偿款1,234,567.89元。依照《中华人民共和国行政诉讼法》第六十条、" +
		"法释〔2018〕1号第一百零二条的规定，（2023）豫16行初123号行政判决撤销该决定。"
	extra := "联系电话13812345678，住商水县城关乡李庄村3组25号，车牌豫P·12345。"
	var b strings.Builder
	for utf8.RuneCountInString(b.String()) < 2000 {
		b.WriteString(para)
		if b.Len()%3 == 0 {
			b.WriteString(extra)
		}
	}
	b.WriteString(extra)
	return b.String()
}

func BenchmarkScan(b *testing.B) {
	g := New([]string{"王小明", "李大伟", "赵刚"})
	text := benchText()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		g.Scan(text)
	}
}

// BenchmarkSiteScan scans every case file of the site HUAJIE_BENCH_SITE
// names (go run ./generator/internal/corpusgen -n 10000 -o DIR), one after
// another: the guard's share of a build, on one core.
func BenchmarkSiteScan(b *testing.B) {
	site := os.Getenv("HUAJIE_BENCH_SITE")
	if site == "" {
		b.Skip("HUAJIE_BENCH_SITE is not set")
	}
	var texts []string
	n := 0
	err := filepath.WalkDir(filepath.Join(site, "cases"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		bs, err := os.ReadFile(p)
		texts, n = append(texts, string(bs)), n+len(bs)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	g := New(nil)
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, t := range texts {
			g.Scan(t)
		}
	}
}
