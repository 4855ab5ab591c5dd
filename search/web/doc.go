// Package web tests the search page's script, which lives in the theme
// (themes/default/static/js/search.js: the same tokenizer and query rewrite
// as the Go packages, the static index reader, the search page and the
// site-wide "/" shortcut; the page's block is layouts/search.html). Its
// tests check the script against vectors generated from Go, in headless
// Chromium.
package web

import (
	"io/fs"

	"huajie/themes"
)

// Script is the theme's search.js, the one file the site serves.
var Script = mustRead("static/js/search.js")

func mustRead(name string) []byte {
	b, err := fs.ReadFile(themes.Default(), name)
	if err != nil {
		panic(err) // embedded at compile time
	}
	return b
}
