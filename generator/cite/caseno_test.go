package cite

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseCaseNo(t *testing.T) {
	tests := []struct {
		in    string
		want  CaseNo
		kind  string
		canon string
	}{
		{"（2023）豫16行初123号", CaseNo{2023, "豫16", "行初", 123, false}, CaseAdministrative, "（2023）豫16行初123号"},
		{"(2023)豫16行初123号", CaseNo{2023, "豫16", "行初", 123, false}, CaseAdministrative, "（2023）豫16行初123号"},
		{"（2023)豫16行初123号", CaseNo{2023, "豫16", "行初", 123, false}, CaseAdministrative, "（2023）豫16行初123号"},
		{"【2023】豫16行初123号", CaseNo{2023, "豫16", "行初", 123, false}, CaseAdministrative, "（2023）豫16行初123号"},
		{"[2023]豫16行初123号", CaseNo{2023, "豫16", "行初", 123, false}, CaseAdministrative, "（2023）豫16行初123号"},
		{"〔2023〕豫16行初123号", CaseNo{2023, "豫16", "行初", 123, false}, CaseAdministrative, "（2023）豫16行初123号"},
		{"（２０２３）豫１６行初１２３号", CaseNo{2023, "豫16", "行初", 123, false}, CaseAdministrative, "（2023）豫16行初123号"},
		{" （2023） 豫1602行初141号 ", CaseNo{2023, "豫1602", "行初", 141, false}, CaseAdministrative, "（2023）豫1602行初141号"},
		{"（2022）豫1621行初41号", CaseNo{2022, "豫1621", "行初", 41, false}, CaseAdministrative, "（2022）豫1621行初41号"},
		{"（2019）最高法行申123号", CaseNo{2019, "最高法", "行申", 123, false}, CaseAdministrative, "（2019）最高法行申123号"},
		{"（2017）京行终1234号", CaseNo{2017, "京", "行终", 1234, false}, CaseAdministrative, "（2017）京行终1234号"},
		{"（2018）京01行初5号", CaseNo{2018, "京01", "行初", 5, false}, CaseAdministrative, "（2018）京01行初5号"},
		{"（2020）豫16行赔初3号", CaseNo{2020, "豫16", "行赔初", 3, false}, CaseAdministrative, "（2020）豫16行赔初3号"},
		{"（2020）豫行赔终3号", CaseNo{2020, "豫", "行赔终", 3, false}, CaseAdministrative, "（2020）豫行赔终3号"},
		{"（2021）豫1602行审复2号", CaseNo{2021, "豫1602", "行审复", 2, false}, CaseAdministrative, "（2021）豫1602行审复2号"},
		{"（2021）豫1602行审88号", CaseNo{2021, "豫1602", "行审", 88, false}, CaseAdministrative, "（2021）豫1602行审88号"},
		{"（2021）豫16行辖终9号", CaseNo{2021, "豫16", "行辖终", 9, false}, CaseAdministrative, "（2021）豫16行辖终9号"},
		{"（2021）最高法行再7号", CaseNo{2021, "最高法", "行再", 7, false}, CaseAdministrative, "（2021）最高法行再7号"},
		{"（2019）最高法知行终1号", CaseNo{2019, "最高法", "知行终", 1, false}, CaseAdministrative, "（2019）最高法知行终1号"},
		{"（2023）豫16民初123号", CaseNo{2023, "豫16", "民初", 123, false}, CaseCivil, "（2023）豫16民初123号"},
		{"（2023）豫1602刑初9号", CaseNo{2023, "豫1602", "刑初", 9, false}, CaseCriminal, "（2023）豫1602刑初9号"},
		{"（2023）豫1602执1024号", CaseNo{2023, "豫1602", "执", 1024, false}, CaseEnforcement, "（2023）豫1602执1024号"},
		{"（2023）豫16委赔1号", CaseNo{2023, "豫16", "委赔", 1, false}, CaseCompensation, "（2023）豫16委赔1号"},
		{"（2014）周行初字第00012号", CaseNo{2014, "周", "行初", 12, true}, CaseAdministrative, "（2014）周行初字第12号"},
		{"（2009）金行初字第0027号", CaseNo{2009, "金", "行初", 27, true}, CaseAdministrative, "（2009）金行初字第27号"},
		{"（2015）行提字第13号", CaseNo{2015, "", "行提", 13, true}, CaseAdministrative, "（2015）行提字第13号"},
		{"（2013）苏中行赔初字第2号", CaseNo{2013, "苏中", "行赔初", 2, true}, CaseAdministrative, "（2013）苏中行赔初字第2号"},
		{"（2008）民二终字第23号", CaseNo{2008, "", "民二终", 23, true}, CaseCivil, "（2008）民二终字第23号"},
		{"（2011）知行字第9号", CaseNo{2011, "", "知行", 9, true}, CaseAdministrative, "（2011）知行字第9号"},
		{"（2010）执字第12号", CaseNo{2010, "", "执", 12, true}, CaseEnforcement, "（2010）执字第12号"},
		{"（2001）沪高民四终字第5号", CaseNo{2001, "沪高", "民四终", 5, true}, CaseCivil, "（2001）沪高民四终字第5号"},
	}
	for _, tc := range tests {
		got, err := ParseCaseNo(tc.in)
		if tc.canon == "" {
			if err == nil {
				t.Errorf("ParseCaseNo(%q) = %+v, want error", tc.in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseCaseNo(%q): %v", tc.in, err)
			continue
		}
		if got != tc.want || got.Kind() != tc.kind || got.String() != tc.canon {
			t.Errorf("ParseCaseNo(%q) = %+v %s %s, want %+v %s %s", tc.in, got, got.Kind(), got, tc.want, tc.kind, tc.canon)
		}
		// The canonical form reads back to the same value.
		if again, err := ParseCaseNo(got.String()); err != nil || again != got {
			t.Errorf("round trip of %q: %+v, %v", got.String(), again, err)
		}
	}
}

func TestParseCaseNoErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "must begin with the year"},
		{"2023豫16行初123号", "must begin with the year"},
		{"（1948）豫16行初1号", "out of range 1949..2100"},
		{"（2101）豫16行初1号", "out of range 1949..2100"},
		{"（23）豫16行初1号", "four digits"},
		{"（2023豫16行初1号", "closed by"},
		{"【2023）豫16行初1号", "closed by"},
		{"（2023）豫16行初0号", "must be > 0"},
		{"（2023）豫16行初000号", "must be > 0"},
		{"（2023）豫16行初号", "not digits"},
		{"（2023）豫16行初123", "no 号"},
		{"（2023）豫16行初123号判决", "unexpected text"},
		{"（2023）豫16行xx123号", "unexpected"},
		{"（2023）豫16行乙123号", "unknown case type code \"行乙\""},
		{"（2023）火16行初1号", "unknown court code"},
		{"（2023）豫16行初12a号", "unexpected"},
		{"（2014）周行初字第号", "not digits"},
		{"（2014）周乙字第1号", "unknown case type code"},
	}
	for _, tc := range tests {
		_, err := ParseCaseNo(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseCaseNo(%q) error = %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestFindCaseNos(t *testing.T) {
	text := "原告诉至本院（案号：（2023）豫16行初123号），经（2014）周行初字第00012号判决，又见(2020)豫行赔终3号、（2023）豫16民初5号。（1900）豫16行初1号不算，（2023）不算。"
	got := FindCaseNos(text)
	var s []string
	for _, m := range got {
		if text[m.Start:m.End] == "" {
			t.Errorf("empty span")
		}
		s = append(s, text[m.Start:m.End]+"="+m.No.String()+"/"+m.No.Kind())
	}
	want := []string{
		"（2023）豫16行初123号=（2023）豫16行初123号/administrative",
		"（2014）周行初字第00012号=（2014）周行初字第12号/administrative",
		"(2020)豫行赔终3号=（2020）豫行赔终3号/administrative",
		"（2023）豫16民初5号=（2023）豫16民初5号/civil",
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("FindCaseNos\n got %q\nwant %q", s, want)
	}
	// The result type is the anonymous struct of the API.
	var _ []struct {
		Start, End int
		No         CaseNo
	} = got
}
