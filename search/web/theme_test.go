package web

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The theme serves a copy of search.js and search.html; the copies must be
// the files tested here, byte for byte.
func TestThemeCopies(t *testing.T) {
	for _, c := range [][2]string{
		{"search.js", "../../themes/default/static/js/search.js"},
		{"search.html", "../../themes/default/layouts/search.html"},
	} {
		a, err := os.ReadFile(c[0])
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.FromSlash(c[1]))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from %s: copy it over", c[1], c[0])
		}
	}
}
