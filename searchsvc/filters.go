package searchsvc

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/syndex/syndex/indexer/lang"
)

// Filters restrict a search to articles with the selected values: values of
// one field OR together, fields AND. One struct serves the API parameters,
// the search page, `syndex search` and the Backend, so a new filter is
// added here (a field and a TermFilters entry) and in the backend that
// evaluates it.
type Filters struct {
	Sources, Tags, Langs, Authors []string
	// From and To bound the publication time, both inclusive; zero means
	// unbounded. A YYYY-MM-DD To covers that whole day.
	From, To time.Time
}

// TermFilter describes one keyword filter: its URL parameter (also the
// field name typed into the search box, e.g. source:Reuters, and the name
// of its facet), where its values live in Filters and where its facet
// lives in Facets.
type TermFilter struct {
	Param string
	// Label titles the filter's facet on the search page ("" keeps the
	// filter off the page); Chip prefixes a selected value's chip there.
	Label, Chip string
	// PageFacetSize caps the values the page lists for this facet, below
	// the page's own facet size (0: no cap); selected values always show.
	PageFacetSize int
	// Lower says the field is indexed lower-cased, so values are folded.
	Lower bool
	// Canon, if set, turns a value as typed into the indexed form
	// ("de-DE" and "German" into "de"); it runs after Lower.
	Canon func(string) string
	// Check, if set, refuses a URL parameter value (after Canon) that can
	// never match, so that a client's typo is a 400 naming the parameter
	// rather than an empty page. Typed in the box, such a value matches
	// nothing, as an unknown source does.
	Check func(string) error
	// Values points at the filter's values in f.
	Values func(f *Filters) *[]string
	// Facet points at the filter's facet in f; nil for a filter without a
	// facet.
	Facet func(f *Facets) **TermFacet
}

// TermFilters are the keyword filters, in the order they are parsed,
// hashed into cursors and echoed.
var TermFilters = []TermFilter{
	{Param: FacetSource, Label: "Sources", Values: func(f *Filters) *[]string { return &f.Sources },
		Facet: func(f *Facets) **TermFacet { return &f.Source }},
	// Tags are indexed in lower case (see indexer), so any spelling matches.
	{Param: FacetTag, Label: "Tags", Chip: "#", Lower: true, Values: func(f *Filters) *[]string { return &f.Tags },
		Facet: func(f *Facets) **TermFacet { return &f.Tag }},
	// Languages are ISO 639-1 codes (see indexer/lang). Not on the page,
	// which is written for one language's readers; in the API.
	{Param: FacetLang, Lower: true, Canon: canonLang, Check: checkLang, Values: func(f *Filters) *[]string { return &f.Langs },
		Facet: func(f *Facets) **TermFacet { return &f.Lang }},
	{Param: FacetAuthor, Label: "Authors", PageFacetSize: 5, Values: func(f *Filters) *[]string { return &f.Authors },
		Facet: func(f *Facets) **TermFacet { return &f.Author }},
}

// canonLang is a language code as indexed, or the value itself when it
// names no language (it then matches nothing, as any unknown value).
func canonLang(s string) string {
	if c := lang.Normalize(s); c != "" {
		return c
	}
	return s
}

// checkLang refuses a lang value that names no language (canonLang left it
// as typed).
func checkLang(s string) error {
	if lang.Normalize(s) == "" {
		return fmt.Errorf("%q is not a language: use an ISO 639-1 code such as en or de (or a name, English or German)", s)
	}
	return nil
}

// TermFilterIndex returns the position of the filter with URL parameter
// param in TermFilters, or -1.
func TermFilterIndex(param string) int {
	for i, tf := range TermFilters {
		if tf.Param == param {
			return i
		}
	}
	return -1
}

// MarshalJSON echoes the filters as the API shows them: parameter names as
// keys, dates in RFC 3339, empty filters left out.
func (f Filters) MarshalJSON() ([]byte, error) {
	m := map[string]any{}
	for _, tf := range TermFilters {
		if vals := *tf.Values(&f); len(vals) > 0 {
			m[tf.Param] = vals
		}
	}
	if !f.From.IsZero() {
		m["from"] = fmtTime(f.From)
	}
	if !f.To.IsZero() {
		m["to"] = fmtTime(f.To)
	}
	return json.Marshal(m)
}

// fmtTime renders a filter bound, or "" for none.
func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// DatePreset is a date range ending now: the published facet counts each
// (Label names it in the API) and the search page offers each as a filter
// (PageLabel).
type DatePreset struct {
	Key, Label, PageLabel string
	D                     time.Duration
}

// DatePresets are the fixed date ranges, shortest first.
var DatePresets = [...]DatePreset{
	{"24h", "Last 24 hours", "Past 24 hours", 24 * time.Hour},
	{"7d", "Last 7 days", "Past week", 7 * 24 * time.Hour},
	{"30d", "Last 30 days", "Past month", 30 * 24 * time.Hour},
	{"365d", "Last 365 days", "Past year", 365 * 24 * time.Hour},
}
