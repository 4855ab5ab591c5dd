// Package content is the content model: the types every stage shares, the
// loader that decodes site.yaml, content/, cases/ and rules/ through yaml.v3
// nodes (so that every problem carries path:line:col), and the validation of
// vocabularies, identifiers and references.
package content

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"huajie/generator/decode"
	"huajie/generator/diag"
	"huajie/generator/library"
	"huajie/generator/statute"
)

// Date is a calendar date written as YYYY-MM-DD.
type Date struct{ time.Time }

// DecodeNode implements decode.Unmarshaler.
func (dt *Date) DecodeNode(d *decode.Decoder, n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode || n.Value == "" {
		d.Errorf(n, "expected a date YYYY-MM-DD")
		return false
	}
	t, err := time.Parse("2006-01-02", n.Value)
	if err != nil {
		d.Errorf(n, "invalid date %q: want YYYY-MM-DD (e.g. 2023-07-12)", n.Value)
		return false
	}
	dt.Time = t
	return true
}

// String formats the date as YYYY-MM-DD, or "" for the zero date.
func (dt Date) String() string {
	if dt.IsZero() {
		return ""
	}
	return dt.Format("2006-01-02")
}

// Chinese formats the date as 2023年7月12日, the form official documents use.
func (dt Date) Chinese() string {
	if dt.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", dt.Year(), int(dt.Month()), dt.Day())
}

// Month is a calendar month written as YYYY-MM.
type Month struct{ time.Time }

// DecodeNode implements decode.Unmarshaler.
func (m *Month) DecodeNode(d *decode.Decoder, n *yaml.Node) bool {
	t, err := time.Parse("2006-01", n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		d.Errorf(n, "invalid month %q: want YYYY-MM with a month from 01 to 12", n.Value)
		return false
	}
	m.Time = t
	return true
}

func (m Month) String() string { return m.Format("2006-01") }

// Strings is a list of text that may also be written as a single value.
type Strings []string

// DecodeNode implements decode.Unmarshaler.
func (s *Strings) DecodeNode(d *decode.Decoder, n *yaml.Node) bool {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Value != "" {
			*s = Strings{n.Value}
		}
		return true
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				d.Errorf(c, "expected text in the list")
				return false
			}
			*s = append(*s, c.Value)
		}
		return true
	}
	d.Errorf(n, "expected text or a list of text")
	return false
}

// Site is site.yaml.
type Site struct {
	Title       string    `yaml:"title" huajie:"required"`
	Description string    `yaml:"description"`
	BaseURL     string    `yaml:"baseURL" huajie:"required"`
	Language    string    `yaml:"language"`
	Theme       string    `yaml:"theme"`
	Banner      string    `yaml:"banner"`
	Visibility  string    `yaml:"visibility"`
	Paginate    int       `yaml:"paginate"`
	Threshold   float64   `yaml:"threshold"`
	Footer      Footer    `yaml:"footer"`
	Libraries   Libraries `yaml:"libraries"`
	Fields      map[string]diag.Pos
}

// Footer holds the page furniture government sites must show.
type Footer struct {
	Sponsor      string `yaml:"sponsor"`
	Contact      string `yaml:"contact"`
	SiteCode     string `yaml:"site_code"`
	ICP          string `yaml:"icp"`
	PoliceRecord string `yaml:"police_record"`
}

// Libraries lists external, read-only sources mounted into the site.
type Libraries struct {
	Laws       []string `yaml:"laws"`
	Precedents []string `yaml:"precedents"`
	Fields     map[string]diag.Pos
}

// Vocab is content/vocab.yaml: the allowed values of controlled fields.
type Vocab struct {
	Domains        []string `yaml:"domains" huajie:"required"`
	Regions        []string `yaml:"regions" huajie:"required"`
	Stages         []string `yaml:"stages" huajie:"required"`
	Outcomes       []string `yaml:"outcomes" huajie:"required"`
	Defects        []string `yaml:"defects" huajie:"required"`
	AgencyTypes    []string `yaml:"agency_types"`
	ActTypes       []string `yaml:"act_types"`
	Participants   []string `yaml:"participants"`
	Accountability []string `yaml:"accountability"`
	PartyRoles     []string `yaml:"party_roles"`
}

// Source is what every item loaded from a file carries.
type Source struct {
	Path     string // slash-separated, relative to the site root
	Body     string // Markdown after the front matter
	BodyLine int    // 1-based line of the body's first line
	Raw      string // the whole file, for the personal-information guard
}

// Allowance lets one exact string through the personal-information guard
// for one item, with the reason a reviewer can judge (privacy_allow).
type Allowance struct {
	Text   string `yaml:"text" huajie:"required"`
	Reason string `yaml:"reason" huajie:"required"`
	Fields map[string]diag.Pos
}

// Page is a Markdown page under content/.
type Page struct {
	Title        string      `yaml:"title" huajie:"required"`
	Slug         string      `yaml:"slug"`
	Weight       int         `yaml:"weight"`
	Menu         string      `yaml:"menu"`
	Summary      string      `yaml:"summary"`
	Visibility   string      `yaml:"visibility"`
	PrivacyAllow []Allowance `yaml:"privacy_allow"`
	Sample       bool        `yaml:"sample"`
	Fields       map[string]diag.Pos
	Source
	URL string // site-relative URL, e.g. "about/"
}

// Rule is a normative document under rules/.
type Rule struct {
	Title        string      `yaml:"title" huajie:"required"`
	ShortTitle   string      `yaml:"short_title"`
	DocNumber    string      `yaml:"doc_number"`
	Issuer       Strings     `yaml:"issuer"`
	Adopted      Date        `yaml:"adopted"`
	Effective    Date        `yaml:"effective"`
	Status       string      `yaml:"status"`
	Revisions    []Revision  `yaml:"revisions"`
	Summary      string      `yaml:"summary"`
	Weight       int         `yaml:"weight"`
	Visibility   string      `yaml:"visibility"`
	PrivacyAllow []Allowance `yaml:"privacy_allow"`
	Sample       bool        `yaml:"sample"`
	Fields       map[string]diag.Pos
	Source
	Slug string
	Doc  *statute.Doc
}

// Revision is one entry of a rule's history.
type Revision struct {
	Date Date   `yaml:"date" huajie:"required"`
	Note string `yaml:"note" huajie:"required"`
}

// CaseDates are the dates of a case.
type CaseDates struct {
	Act      Date `yaml:"act"`
	Received Date `yaml:"received"`
	Closed   Date `yaml:"closed"`
	Fields   map[string]diag.Pos
}

// Series links a case to a demonstration series (示范性化解).
type Series struct {
	ID       string `yaml:"id" huajie:"required"`
	Role     string `yaml:"role" huajie:"required"`
	Size     int    `yaml:"size"`
	Standard string `yaml:"standard"`
	Status   string `yaml:"status"`
	Note     string `yaml:"note"`
	Fields   map[string]diag.Pos
}

// Party is a party to a case.
type Party struct {
	Role    string `yaml:"role" huajie:"required"`
	Type    string `yaml:"type" huajie:"required"`
	Display string `yaml:"display" huajie:"required"`
	Fields  map[string]diag.Pos
}

// Case is a case under cases/ (化解案例, 优秀案例, 警示案例).
type Case struct {
	ID             string      `yaml:"id" huajie:"required"`
	Kind           string      `yaml:"kind" huajie:"required"`
	Title          string      `yaml:"title" huajie:"required"`
	Summary        string      `yaml:"summary" huajie:"required"`
	Keywords       []string    `yaml:"keywords" huajie:"required"`
	Domain         string      `yaml:"domain" huajie:"required"`
	ActType        string      `yaml:"act_type"`
	Region         string      `yaml:"region" huajie:"required"`
	Agency         string      `yaml:"agency"`
	AgencyType     string      `yaml:"agency_type"`
	Stage          string      `yaml:"stage"`
	Dates          CaseDates   `yaml:"dates"`
	CourtCaseNo    string      `yaml:"court_case_no"`
	Outcome        string      `yaml:"outcome"`
	LegalBasis     []string    `yaml:"legal_basis"`
	Participants   []string    `yaml:"participants"`
	Documents      []string    `yaml:"documents"`
	Series         *Series     `yaml:"series"`
	Defects        []string    `yaml:"defects"`
	Rectification  string      `yaml:"rectification"`
	Accountability []string    `yaml:"accountability"`
	Pair           string      `yaml:"pair"`
	Related        []string    `yaml:"related"`
	Parties        []Party     `yaml:"parties"`
	Visibility     string      `yaml:"visibility"`
	PrivacyAllow   []Allowance `yaml:"privacy_allow"`
	Sample         bool        `yaml:"sample"`
	Fields         map[string]diag.Pos
	Source
}

// Date is the date a case is sorted and filed by: closed, else received, else act.
func (c *Case) Date() Date {
	switch {
	case !c.Dates.Closed.IsZero():
		return c.Dates.Closed
	case !c.Dates.Received.IsZero():
		return c.Dates.Received
	}
	return c.Dates.Act
}

// Year is the year of the case's first known date (act, received, closed), or 0.
func (c *Case) Year() int {
	for _, d := range []Date{c.Dates.Act, c.Dates.Received, c.Dates.Closed} {
		if !d.IsZero() {
			return d.Year()
		}
	}
	return 0
}

// Precedent is one precedent an analysis relies on.
type Precedent struct {
	Case   string `yaml:"case" huajie:"required"`
	Court  string `yaml:"court"`
	Result string `yaml:"result"`
	Point  string `yaml:"point"`
	Fields map[string]diag.Pos
}

// Risk is the loss risk of an analysis.
type Risk struct {
	Level  string `yaml:"level" huajie:"required"`
	Reason string `yaml:"reason"`
	Fields map[string]diag.Pos
}

// Analysis is a precedent analysis under cases/analyses/.
type Analysis struct {
	ID             string      `yaml:"id" huajie:"required"`
	Title          string      `yaml:"title" huajie:"required"`
	Summary        string      `yaml:"summary" huajie:"required"`
	Keywords       []string    `yaml:"keywords" huajie:"required"`
	Domain         string      `yaml:"domain" huajie:"required"`
	Region         string      `yaml:"region"`
	Precedents     []Precedent `yaml:"precedents"`
	Issues         []string    `yaml:"issues"`
	Risk           Risk        `yaml:"risk"`
	Cost           string      `yaml:"cost"`
	Recommendation string      `yaml:"recommendation"`
	UsedIn         []string    `yaml:"used_in"`
	LegalBasis     []string    `yaml:"legal_basis"`
	Date           Date        `yaml:"date"`
	Visibility     string      `yaml:"visibility"`
	PrivacyAllow   []Allowance `yaml:"privacy_allow"`
	Sample         bool        `yaml:"sample"`
	Fields         map[string]diag.Pos
	Source
}

// Field is one fillable field of a document template.
type Field struct {
	Name     string   `yaml:"name" huajie:"required"`
	Type     string   `yaml:"type"`
	Required bool     `yaml:"required"`
	Example  string   `yaml:"example"`
	Hint     string   `yaml:"hint"`
	Options  []string `yaml:"options"`
	Fields   map[string]diag.Pos
	Pos      diag.Pos
}

// Document is a document template (文书样式) under content/documents/.
type Document struct {
	Title        string      `yaml:"title" huajie:"required"`
	ShortTitle   string      `yaml:"short_title" huajie:"required"`
	Summary      string      `yaml:"summary"`
	Code         string      `yaml:"code"`
	Step         string      `yaml:"step"`
	Format       string      `yaml:"format"`
	FieldList    []Field     `yaml:"fields"`
	Body         string      `yaml:"body" huajie:"required"`
	Issuer       string      `yaml:"issuer"`
	Visibility   string      `yaml:"visibility"`
	PrivacyAllow []Allowance `yaml:"privacy_allow"`
	Sample       bool        `yaml:"sample"`
	Fields       map[string]diag.Pos
	Path         string
	Slug         string
	Lines        []string // the source file's lines, to position placeholders
	Raw          string
}

// FlowNode is a node of a flowchart.
type FlowNode struct {
	ID       string `yaml:"id" huajie:"required"`
	Label    string `yaml:"label" huajie:"required"`
	Kind     string `yaml:"kind"`
	Rule     string `yaml:"rule"`
	Document string `yaml:"document"`
	Note     string `yaml:"note"`
	Fields   map[string]diag.Pos
	Pos      diag.Pos
}

// FlowEdge is an edge of a flowchart.
type FlowEdge struct {
	From   string `yaml:"from" huajie:"required"`
	To     string `yaml:"to" huajie:"required"`
	Label  string `yaml:"label"`
	Fields map[string]diag.Pos
	Pos    diag.Pos
}

// Flow is a flowchart under content/flow/.
type Flow struct {
	Title        string      `yaml:"title" huajie:"required"`
	Summary      string      `yaml:"summary"`
	Nodes        []FlowNode  `yaml:"nodes" huajie:"required"`
	Edges        []FlowEdge  `yaml:"edges" huajie:"required"`
	Visibility   string      `yaml:"visibility"`
	PrivacyAllow []Allowance `yaml:"privacy_allow"`
	Sample       bool        `yaml:"sample"`
	Fields       map[string]diag.Pos
	Path         string
	Slug         string
	Raw          string
}

// MonthFigures are one month's litigation figures.
type MonthFigures struct {
	Month         Month    `yaml:"month" huajie:"required"`
	Filed         int      `yaml:"filed"`
	Decided       int      `yaml:"decided"`
	Lost          int      `yaml:"lost"`
	LossRate      *float64 `yaml:"loss_rate"`
	Hearings      int      `yaml:"hearings"`
	HeadsAppeared int      `yaml:"heads_appeared"`
	Fields        map[string]diag.Pos
	Invalid       map[string]bool
	Pos           diag.Pos
}

// RegionFigures are monthly figures of one region.
type RegionFigures struct {
	Region string         `yaml:"region" huajie:"required"`
	Months []MonthFigures `yaml:"months" huajie:"required"`
	Fields map[string]diag.Pos
}

// AgencyFigures are monthly figures of one agency.
type AgencyFigures struct {
	Agency     string         `yaml:"agency" huajie:"required"`
	AgencyType string         `yaml:"agency_type"`
	Region     string         `yaml:"region"`
	Months     []MonthFigures `yaml:"months" huajie:"required"`
	Fields     map[string]diag.Pos
}

// Bulletin is a bulletin (通报) the centre issued.
type Bulletin struct {
	Type   string `yaml:"type" huajie:"required"`
	Number int    `yaml:"number"`
	Date   Date   `yaml:"date"`
	Title  string `yaml:"title"`
	Fields map[string]diag.Pos
}

// Supervision is the 驻站式 supervision figure.
type Supervision struct {
	Regions   []string `yaml:"regions"`
	Agencies  int      `yaml:"agencies"`
	Threshold float64  `yaml:"threshold"`
	Fields    map[string]diag.Pos
}

// Disputes counts disputes received by the centre.
type Disputes struct {
	Since       Month `yaml:"since"`
	Received    int   `yaml:"received"`
	Resolved    int   `yaml:"resolved"`
	Preliminary int   `yaml:"preliminary"`
}

// Data is a statistics file under content/data/.
type Data struct {
	Title              string          `yaml:"title" huajie:"required"`
	Kind               string          `yaml:"kind"`
	Summary            string          `yaml:"summary"`
	Source             string          `yaml:"source"`
	Sample             bool            `yaml:"sample"`
	Visibility         string          `yaml:"visibility"`
	PrivacyAllow       []Allowance     `yaml:"privacy_allow"`
	Regions            []RegionFigures `yaml:"regions"`
	Agencies           []AgencyFigures `yaml:"agencies"`
	Bulletins          []Bulletin      `yaml:"bulletins"`
	Accountability     map[string]int  `yaml:"accountability"`
	Supervision        *Supervision    `yaml:"supervision"`
	Disputes           *Disputes       `yaml:"disputes"`
	HeadAppearanceRate float64         `yaml:"head_appearance_rate"`
	Fields             map[string]diag.Pos
	Path               string
	Slug               string
	Raw                string
}

// Site content, as loaded.
type Content struct {
	Root      string
	Site      Site
	Vocab     Vocab
	Pages     []*Page
	Rules     []*Rule
	Cases     []*Case
	Analyses  []*Analysis
	Documents []*Document
	Flows     []*Flow
	Data      []*Data
	// Names are the real names editors listed in content/privacy/names.txt.
	Names []string
	// Laws and Precedents are the libraries mounted by site.yaml
	// (libraries.laws, libraries.precedents), read-only.
	Laws       []*library.Law
	Precedents []*library.Precedent
}

// KindLabel is the Chinese name of a case kind.
func KindLabel(kind string) string {
	switch kind {
	case "mediation":
		return "化解案例"
	case "exemplary":
		return "优秀案例"
	case "warning":
		return "警示案例"
	}
	return kind
}

// Kinds are the case kinds, in display order.
var Kinds = []string{"mediation", "exemplary", "warning"}

// IsInternal reports whether a visibility value marks an item internal.
func IsInternal(v string) bool { return strings.TrimSpace(v) == "internal" }

func parseISODate(s string) (time.Time, error) { return time.Parse("2006-01-02", s) }
