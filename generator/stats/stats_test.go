package stats

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"huajie/generator/content"
	"huajie/generator/diag"
)

func TestPeriods(t *testing.T) {
	if got := Half(2023, 1).Months(); len(got) != 6 || got[0] != "2023-01" || got[5] != "2023-06" {
		t.Errorf("H1 = %v", got)
	}
	if got := Quarter(2023, 2); got.Label != "2023年第二季度" || len(got.Months()) != 3 || got.Months()[0] != "2023-04" {
		t.Errorf("Q2 = %+v %v", got, got.Months())
	}
	if got := Half(2023, 1).YearAgo().Months()[0]; got != "2022-01" {
		t.Errorf("year ago = %s", got)
	}
	if c := Change(140, 158); c == nil || math.Abs(*c+11.39) > 0.01 {
		t.Errorf("change = %v", c)
	}
	if Change(1, 0) != nil {
		t.Error("change without a base")
	}
}

// The repository's figures agree with the centre's published account.
func TestRepositoryFigures(t *testing.T) {
	root := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(root, "content", "data")); err != nil {
		t.Skip("repository content not found")
	}
	var d diag.List
	c := content.Load(context.Background(), root, &d)
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	s := Aggregate(c.Data, c.Vocab.Regions, func(v string) bool { return !content.IsInternal(v) })
	h1, h1Ago := s.Total.Over(Half(2023, 1)), s.Total.Over(Half(2022, 1))
	if h1.Lost != 140 {
		t.Errorf("2023 H1 lost %d, the seed says 140", h1.Lost)
	}
	if c := *Change(h1.Lost, h1Ago.Lost); math.Abs(c+11.39) > 0.005 {
		t.Errorf("lost cases changed %.2f%%, the seed says -11.39", c)
	}
	if d := h1.LossRate() - h1Ago.LossRate(); math.Abs(d+9.37) > 0.005 {
		t.Errorf("loss rate changed %.2f points, the seed says -9.37", d)
	}
	if h1.Filed >= h1Ago.Filed {
		t.Errorf("filings rose (%d → %d): no 双下降", h1Ago.Filed, h1.Filed)
	}
	flagged := 0
	for _, r := range Ranking(s.Regions, Half(2023, 1), 15) {
		if r.Flagged {
			flagged++
		}
	}
	if flagged != 6 {
		t.Errorf("%d counties above 15%% in 2023 H1, the seed says 6", flagged)
	}
	if y := s.Total.Over(Year(2023)); math.Abs(y.HeadRate()-99.17) > 0.005 {
		t.Errorf("head appearance rate %.2f%%, the seed says 99.17%%", y.HeadRate())
	}
}
