// Package web holds the search page's script and markup, to be moved into
// the theme: search.js (the page script: the same tokenizer and query
// rewrite as the Go packages, the static index reader, the search page and
// the site-wide "/" shortcut) and search.html (the search page's main
// block). Its tests check search.js against vectors generated from Go, in
// headless Chromium.
package web

import _ "embed"

// Script is search.js.
//
//go:embed search.js
var Script []byte
