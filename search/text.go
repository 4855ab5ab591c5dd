package search

import (
	"fmt"
	"html"
	"io"
	"strings"

	"huajie/search/schema"
)

// TextOptions control WriteText. The zero value prints plain text, the
// matches in 【】.
type TextOptions struct {
	Color   bool   // mark matches with ANSI bold yellow (for a terminal)
	BaseURL string // prefix of the hits' URLs, e.g. the site's baseURL
}

// WriteText prints res for a terminal: the total and time, then each hit's
// number, title, kind, region and date, snippet and URL.
func WriteText(w io.Writer, res *schema.Response, opts TextOptions) error {
	open, end := "【", "】"
	if opts.Color {
		open, end = "\x1b[1;33m", "\x1b[0m"
	}
	plain := func(h string) string {
		h = strings.ReplaceAll(h, "<mark>", open)
		h = strings.ReplaceAll(h, "</mark>", end)
		return html.UnescapeString(h)
	}
	if _, err := fmt.Fprintf(w, "%d 条结果（%.1f 毫秒）\n", res.Total, res.TookMS); err != nil {
		return err
	}
	for i, h := range res.Hits {
		meta := strings.Join(nonEmpty(h.KindLabel, h.Region, h.Domain, h.Date), " · ")
		fmt.Fprintf(w, "\n%d. %s\n   %s\n", res.From+i+1, plain(h.Title), meta)
		if h.Snippet != "" {
			fmt.Fprintf(w, "   %s\n", plain(h.Snippet))
		}
		if _, err := fmt.Fprintf(w, "   %s%s\n", opts.BaseURL, h.URL); err != nil {
			return err
		}
	}
	if n := res.From + len(res.Hits); n < res.Total {
		_, err := fmt.Fprintf(w, "\n还有 %d 条；用 --page 翻页，或用 --limit 多显示。\n", res.Total-n)
		return err
	}
	return nil
}

func nonEmpty(vs ...string) []string {
	var out []string
	for _, v := range vs {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
