// Package browsertest holds huajie's checks that need a real browser and the
// pinned Node tools (tools/browser): the repository's site is built, served on
// 127.0.0.1 and driven with headless Chromium through chromedp; axe-core checks
// accessibility, html-validate checks validity and linkinator checks links.
//
// Without Chromium (or without `npm ci` in tools/browser) the tests skip with
// a message; with HUAJIE_BROWSER_REQUIRED=1 (as CI sets it) absence fails.
package browsertest
