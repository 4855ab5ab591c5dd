// Package search is huajie's search: one Chinese analyzer (search/analysis)
// and one query syntax (search/query) behind two engines, bleve for the
// server and the command line (search/index) and a sharded static index for
// the browser (search/static, read by search/web's script). This package
// turns the content model into search documents (Docs), writes the static
// index (WriteStatic), serves /api/search from either engine (Handler) and
// prints results on a terminal (WriteText). It does not depend on the bleve
// index (only the analyzer's registration links bleve's analysis packages),
// so the build can use it without the server's engine.
package search

import (
	"context"

	"huajie/generator/content"
	"huajie/search/static"
)

// WriteStatic writes the static index of c under search/ through w. The
// controlled vocabulary (domains, act types, …) becomes phrases with
// posting lists of their own.
func WriteStatic(ctx context.Context, c *content.Content, w static.Writer) (static.Stats, error) {
	docs, err := Docs(ctx, c, DocsOptions{})
	if err != nil {
		return static.Stats{}, err
	}
	return static.Write(ctx, docs, w, static.Options{Phrases: VocabPhrases(c)})
}

// VocabPhrases are the controlled vocabulary's values (domains, regions,
// act and agency types, outcomes, participants, accountability): phrases
// both engines match without positions (query.Phrases). The bleve index
// takes them as index.Options.Phrases.
func VocabPhrases(c *content.Content) []string {
	v := c.Vocab
	var phrases []string
	for _, list := range [][]string{v.Domains, v.Regions, v.Outcomes, v.AgencyTypes, v.ActTypes, v.Participants, v.Accountability} {
		phrases = append(phrases, list...)
	}
	return phrases
}
