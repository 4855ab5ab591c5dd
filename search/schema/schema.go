// Package schema is the shape of a search document and of a search request
// and response, shared by the bleve index, the static index and the query
// rewrite: the text fields and their boosts, the facets and their Chinese
// names, the kinds of item, and the constants of the ranking formula both
// engines compute.
package schema

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"time"
)

// Doc is one searchable item: a case, an analysis, a page, a document
// template, a rule or one article of a rule (and, from mounted libraries, a
// law article or a precedent).
type Doc struct {
	ID       string // unique and stable: a case id, "rules/work-rules#art-3", "pages/about"
	URL      string // site-relative, e.g. "cases/ZK-2023-HJ-0001/", "rules/work-rules/#art-3"
	Kind     string // one of the Kind constants
	Title    string
	Keywords string // keywords, case number, short titles: one line, separated by "；"
	Summary  string
	Body     string // plain text: Markdown removed

	// Facets; "" when the item has none.
	Domain     string
	Region     string
	Stage      string
	Outcome    string
	AgencyType string
	Authority  string
	Year       int
	Date       time.Time // sort date; zero when unknown
}

// Kinds of item. The first three are the case kinds of the content model.
const (
	KindMediation = "mediation"
	KindExemplary = "exemplary"
	KindWarning   = "warning"
	KindAnalysis  = "analysis"
	KindRule      = "rule"
	KindPage      = "page"
	KindTemplate  = "template"
	KindLaw       = "law"
	KindPrecedent = "precedent"
)

// Kinds lists the kinds in display order, with their Chinese names.
var Kinds = []struct{ Code, Label string }{
	{KindMediation, "化解案例"},
	{KindExemplary, "优秀案例"},
	{KindWarning, "警示案例"},
	{KindAnalysis, "类案分析"},
	{KindRule, "规则"},
	{KindTemplate, "文书样式"},
	{KindPage, "页面"},
	{KindLaw, "法律法规"},
	{KindPrecedent, "裁判案例"},
}

// KindLabel is the Chinese name of a kind, or the code itself.
func KindLabel(code string) string {
	for _, k := range Kinds {
		if k.Code == code {
			return k.Label
		}
	}
	return code
}

// Text fields, in boost order.
const (
	FieldTitle    = "title"
	FieldKeywords = "keywords"
	FieldSummary  = "summary"
	FieldBody     = "body"
	// FieldChars holds every ideograph of the four text fields, one token
	// each: it answers single-character terms without wildcards.
	FieldChars = "chars"
	// FieldNonWord lists the lexicon's trap terms that occur in the document
	// only inside longer words (民法 only in 人民法院).
	FieldNonWord = "nonword"
)

// TextFields are the fields a phrase is looked for in, with their boosts:
// title > keywords > summary > body.
var TextFields = []struct {
	Name  string
	Boost float64
}{
	{FieldTitle, 4}, {FieldKeywords, 3}, {FieldSummary, 2}, {FieldBody, 1},
}

// Text returns the value of a text field of d.
func (d *Doc) Text(field string) string {
	switch field {
	case FieldTitle:
		return d.Title
	case FieldKeywords:
		return d.Keywords
	case FieldSummary:
		return d.Summary
	case FieldBody:
		return d.Body
	}
	return ""
}

// Facets, in display order.
const (
	FacetKind       = "kind"
	FacetDomain     = "domain"
	FacetRegion     = "region"
	FacetStage      = "stage"
	FacetOutcome    = "outcome"
	FacetYear       = "year"
	FacetAgencyType = "agency_type"
	FacetAuthority  = "authority"
)

// Facets are the facet fields with their Chinese names and the names a
// query may use for them (类别:警示案例, region:商水县).
var Facets = []struct {
	Name  string
	Label string
	Keys  []string
}{
	{FacetKind, "类别", []string{"类别", "类型", "种类", "kind"}},
	{FacetDomain, "领域", []string{"领域", "domain"}},
	{FacetRegion, "区县", []string{"区县", "地区", "区域", "region"}},
	{FacetStage, "阶段", []string{"阶段", "stage"}},
	{FacetOutcome, "结果", []string{"结果", "outcome"}},
	{FacetYear, "年份", []string{"年份", "年度", "year"}},
	{FacetAgencyType, "机关类型", []string{"机关类型", "机关", "agency", "agency_type"}},
	{FacetAuthority, "效力", []string{"效力", "效力级别", "authority"}},
}

// Facet returns the value of a facet of d ("" when it has none).
func (d *Doc) Facet(name string) string {
	switch name {
	case FacetKind:
		return d.Kind
	case FacetDomain:
		return d.Domain
	case FacetRegion:
		return d.Region
	case FacetStage:
		return d.Stage
	case FacetOutcome:
		return d.Outcome
	case FacetYear:
		if d.Year > 0 {
			return itoa(d.Year)
		}
	case FacetAgencyType:
		return d.AgencyType
	case FacetAuthority:
		return d.Authority
	}
	return ""
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for n > 0 || i == len(b) {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// Ranking. Both engines compute, for a document d and a term t of a field f,
//
//	w_f(t, d) = boost_f · idf_f(t)² · √tf·k1 / (√tf + k1·(1 − b + b·len_f(d)/avgLen_f))
//	idf_f(t)  = ln(1 + (N − df_f(t) + 0.5) / (df_f(t) + 0.5))
//
// which is bleve's BM25 term score (bleve squares idf, once in the field
// weight and once in the query weight, and takes the square root of tf)
// given the true average field length (avgLen_f = ⌈Σ len_f / N⌉) through
// bleve's BM25 statistics. A phrase scores the sum over its tokens; fields
// are ORed with bleve's coordination factor (matched fields / 4).
const (
	K1 = 1.2
	B  = 0.75
	// LiteralBoost weighs the term as typed against its synonyms (boost 1).
	LiteralBoost = 2.0
	// CharsBoost weighs a single-character term.
	CharsBoost = 1.0
)

// IDF is the inverse document frequency of a term in a field.
func IDF(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// AvgLen is the average field length as bleve's BM25 takes it.
func AvgLen(totalLen, n int) float64 {
	if n == 0 {
		return 0
	}
	return math.Ceil(float64(totalLen) / float64(n))
}

// TermWeight is w_f(t, d) above without the field boost.
func TermWeight(idf float64, tf, fieldLen int, avgLen float64) float64 {
	rt := math.Sqrt(float64(tf))
	return idf * idf * rt * K1 / (rt + K1*(1-B+B*float64(fieldLen)/avgLen))
}

// Hash is a content hash of d: when it is unchanged the item need not be
// reindexed.
func (d *Doc) Hash() string {
	h := sha256.New()
	for _, s := range []string{d.ID, d.URL, d.Kind, d.Title, d.Keywords, d.Summary, d.Body,
		d.Domain, d.Region, d.Stage, d.Outcome, d.AgencyType, d.Authority} {
		writeString(h, s)
	}
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], uint64(d.Year))
	binary.LittleEndian.PutUint64(b[8:], uint64(d.Date.Unix()))
	h.Write(b[:])
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func writeString(h hash.Hash, s string) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
	h.Write(n[:])
	h.Write([]byte(s))
}
