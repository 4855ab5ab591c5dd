package cite

import (
	"reflect"
	"testing"
)

func TestCaseRef(t *testing.T) {
	for in, want := range map[string]string{
		"指导案例15号":           "指导案例15号",
		" 指导性案例第91号 ":       "指导案例91号",
		"指导案例九十一号":          "指导案例91号",
		"(2023)豫16行初0123号":  "（2023）豫16行初123号",
		"指导案例15号之后":         "",
		"ZK-2023-HJ-0001":   "",
		"（2023）豫16行初123号说明": "",
	} {
		if got := CaseRef(in); got != want {
			t.Errorf("CaseRef(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFindGuidingCases(t *testing.T) {
	text := "参照指导案例6号和指导性案例第九十一号，另见指导案例号。"
	spans, keys := FindGuidingCases(text)
	var got []string
	for _, s := range spans {
		got = append(got, text[s[0]:s[1]])
	}
	if want := []string{"指导案例6号", "指导性案例第九十一号"}; !reflect.DeepEqual(got, want) {
		t.Errorf("spans %q, want %q", got, want)
	}
	if want := []string{"指导案例6号", "指导案例91号"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("keys %q, want %q", keys, want)
	}
}
