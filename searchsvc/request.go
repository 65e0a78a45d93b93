package searchsvc

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/syndex/syndex/searchsvc/query"
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortNewest    = "newest"
	SortOldest    = "oldest"
)

// Facet names, as the facets parameter and the response use them.
const (
	FacetSource    = "source"
	FacetTag       = "tag"
	FacetAuthor    = "author"
	FacetLang      = "lang"
	FacetPublished = "published"
)

// Histogram intervals of the published facet.
const (
	IntervalAuto  = "auto"
	IntervalDay   = "day"
	IntervalWeek  = "week"
	IntervalMonth = "month"
	IntervalYear  = "year"
)

// Request limits and defaults. MaxPageDepth bounds page-based paging:
// from+size beyond it makes Bleve keep that many hits in its heap for every
// request, so deeper pages must use the cursor, which costs the same at any
// depth.
const (
	DefaultSize      = 10
	MaxSize          = 100
	DefaultFacetSize = 20
	MaxFacetSize     = 1000
	MaxPageDepth     = 1000
	// MaxFilterValues bounds the values of one filter parameter.
	MaxFilterValues = 50
	// MaxValueBytes bounds one filter value.
	MaxValueBytes = 200
	// MaxCursorBytes bounds the cursor parameter.
	MaxCursorBytes = 4096
)

// Request is a validated search request: what GET /api/v1/search and
// `syndex search` ask of Service.Search.
type Request struct {
	// Q is the search box text (see ParseQuery); empty lists articles.
	Q string
	Filters
	// Sort is SortRelevance, SortNewest or SortOldest; empty means relevance
	// when Q is set and newest otherwise.
	Sort string
	// Size is the number of hits per page (0..MaxSize).
	Size int
	// Page is the 1-based page number; Cursor, when set, replaces it.
	Page   int
	Cursor string
	// Facets lists the facets to compute; nil means all of them.
	Facets []string
	// FacetSize is the number of values per term facet.
	FacetSize int
	// Interval is the published histogram bucket, IntervalAuto by default.
	Interval string
	// Now is the reference time of the freshness boost and the date facet
	// ranges; Service.Search sets it from its clock (a cursor overrides it).
	Now time.Time
	// AllCopies returns every copy of a story as its own hit and counts
	// articles in facets and totals (collapse=false). By default a story
	// is one hit and facets count stories.
	AllCopies bool
	// Exact searches the words as typed (correct=false): no spelling
	// correction replaces them; did_you_mean may still suggest one. It is
	// what "search instead for" links to after a corrected search.
	Exact bool
}

// NewRequest returns a request for q with the defaults filled in.
func NewRequest(q string) Request {
	return Request{Q: q, Size: DefaultSize, Page: 1, FacetSize: DefaultFacetSize, Interval: IntervalAuto}
}

// ParamError is a bad request parameter. It names the parameter so that the
// caller can fix it; the HTTP layer turns it into a 400.
type ParamError struct {
	Param string
	Msg   string
}

func (e *ParamError) Error() string { return fmt.Sprintf("parameter %s: %s", e.Param, e.Msg) }

// NewParamError returns a *ParamError for param, its message formatted.
func NewParamError(param, format string, args ...any) *ParamError {
	return &ParamError{Param: param, Msg: fmt.Sprintf(format, args...)}
}

// Query parses a raw URL query string like url.ParseQuery, but a pair that
// cannot be decoded (a bad percent-escape such as %zz, or a ';') is a
// *ParamError naming its parameter instead of being dropped: dropping
// "q=%zz" would turn a search into "list everything".
func Query(raw string) (url.Values, error) {
	v := url.Values{}
	for pair := range strings.SplitSeq(raw, "&") {
		if pair == "" {
			continue
		}
		rawKey, rawVal, _ := strings.Cut(pair, "=")
		key, err := url.QueryUnescape(rawKey)
		if err != nil || strings.Contains(rawKey, ";") {
			return nil, NewParamError(Clip(rawKey), "the parameter name is not a valid URL encoding")
		}
		val, err := url.QueryUnescape(rawVal)
		if err != nil || strings.Contains(rawVal, ";") {
			return nil, NewParamError(Clip(key), "the value is not a valid URL encoding (a %% must start a two-digit hex escape; encode ; as %%3B)")
		}
		v[key] = append(v[key], val)
	}
	return v, nil
}

// singleParams may be given once.
var singleParams = []string{"q", "sort", "size", "page", "cursor", "from", "to", "facet_size", "interval", "collapse", "correct"}

// ParseRequest validates URL query parameters into a Request. Every problem
// is a *ParamError naming the parameter; unknown parameters are ignored so
// that cache-busters and tracking parameters do not break clients, unless
// they look like a misspelt one of ours (checkParamNames).
func ParseRequest(v url.Values) (Request, error) {
	r := NewRequest("")
	if err := checkParamNames(v); err != nil {
		return r, err
	}
	for _, p := range singleParams {
		if len(v[p]) > 1 {
			return r, NewParamError(p, "given %d times; give it once", len(v[p]))
		}
	}
	r.Q = v.Get("q")
	if len(r.Q) > query.MaxBytes {
		return r, NewParamError("q", "is %d bytes; the limit is %d", len(r.Q), query.MaxBytes)
	}
	if !utf8.ValidString(r.Q) {
		return r, NewParamError("q", "is not valid UTF-8")
	}
	var err error
	for _, tf := range TermFilters {
		if *tf.Values(&r.Filters), err = values(v, tf); err != nil {
			return r, err
		}
	}
	if s := v.Get("from"); s != "" {
		if r.From, err = parseDate(s, false); err != nil {
			return r, NewParamError("from", "%v", err)
		}
	}
	if s := v.Get("to"); s != "" {
		if r.To, err = parseDate(s, true); err != nil {
			return r, NewParamError("to", "%v", err)
		}
	}
	if !r.From.IsZero() && !r.To.IsZero() && r.From.After(r.To) {
		return r, NewParamError("from", "%s is after to (%s)", v.Get("from"), v.Get("to"))
	}
	r.Sort = v.Get("sort")
	switch r.Sort {
	case "", SortRelevance, SortNewest, SortOldest:
	default:
		return r, NewParamError("sort", "unknown sort %q; use relevance, newest or oldest", Clip(r.Sort))
	}
	if r.Size, err = IntParam(v, "size", DefaultSize, 0, MaxSize); err != nil {
		return r, err
	}
	if r.Page, err = IntParam(v, "page", 1, 1, MaxPageDepth); err != nil {
		return r, err
	}
	r.Cursor = v.Get("cursor")
	if len(r.Cursor) > MaxCursorBytes {
		return r, NewParamError("cursor", "is longer than %d bytes", MaxCursorBytes)
	}
	if r.Cursor != "" && v.Has("page") {
		return r, NewParamError("page", "cannot be combined with cursor; the cursor already says where the page starts")
	}
	if r.FacetSize, err = IntParam(v, "facet_size", DefaultFacetSize, 1, MaxFacetSize); err != nil {
		return r, err
	}
	if vals, ok := v["facets"]; ok {
		r.Facets = []string{}
		for _, val := range vals {
			for f := range strings.SplitSeq(val, ",") {
				f = strings.TrimSpace(f)
				switch {
				case f == "":
				case slices.Contains(FacetNames(), f):
					if !slices.Contains(r.Facets, f) {
						r.Facets = append(r.Facets, f)
					}
				default:
					return r, NewParamError("facets", "unknown facet %q; use %s", Clip(f), strings.Join(FacetNames(), ", "))
				}
			}
		}
	}
	if c := v.Get("collapse"); c != "" {
		collapse, err := strconv.ParseBool(c)
		if err != nil {
			return r, NewParamError("collapse", "must be true or false, not %q", Clip(c))
		}
		r.AllCopies = !collapse
	}
	if c := v.Get("correct"); c != "" {
		correct, err := strconv.ParseBool(c)
		if err != nil {
			return r, NewParamError("correct", "must be true or false, not %q", Clip(c))
		}
		r.Exact = !correct
	}
	r.Interval = v.Get("interval")
	switch r.Interval {
	case "":
		r.Interval = IntervalAuto
	case IntervalAuto, IntervalDay, IntervalWeek, IntervalMonth, IntervalYear:
	default:
		return r, NewParamError("interval", "unknown interval %q; use auto, day, week, month or year", Clip(r.Interval))
	}
	return r, r.Validate()
}

// Validate checks a Request built in code (ParseRequest calls it too), so
// that the CLI and tests get the same errors as the HTTP API.
func (r *Request) Validate() error {
	if r.Size < 0 || r.Size > MaxSize {
		return NewParamError("size", "must be between 0 and %d", MaxSize)
	}
	if r.Page < 1 {
		r.Page = 1
	}
	if (r.Page-1)*max(r.Size, 1)+r.Size > MaxPageDepth {
		return NewParamError("page", "page %d of size %d goes deeper than %d results; use the cursor (next_cursor) to page further", r.Page, r.Size, MaxPageDepth)
	}
	if r.FacetSize == 0 {
		r.FacetSize = DefaultFacetSize
	}
	if r.FacetSize < 1 || r.FacetSize > MaxFacetSize {
		return NewParamError("facet_size", "must be between 1 and %d", MaxFacetSize)
	}
	if r.Interval == "" {
		r.Interval = IntervalAuto
	}
	for _, d := range []struct {
		name string
		t    time.Time
	}{{"from", r.From}, {"to", r.To}} {
		if !d.t.IsZero() {
			if err := checkYear(d.t); err != nil {
				return NewParamError(d.name, "%v", err)
			}
		}
	}
	return nil
}

// values returns the values of the repeatable filter parameter of tf, in
// the form tf says (Lower, Canon) and checked by tf.Check.
func values(v url.Values, tf TermFilter) ([]string, error) {
	name := tf.Param
	var out []string
	for _, s := range v[name] {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}

		if len(s) > MaxValueBytes {
			return nil, NewParamError(name, "value is longer than %d bytes", MaxValueBytes)
		}
		if !utf8.ValidString(s) {
			return nil, NewParamError(name, "value is not valid UTF-8")
		}
		if tf.Lower {
			s = strings.ToLower(s)
		}
		if tf.Canon != nil {
			s = tf.Canon(s)
		}
		if tf.Check != nil {
			if err := tf.Check(s); err != nil {
				return nil, NewParamError(name, "%s", err)
			}
		}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) > MaxFilterValues {
		return nil, NewParamError(name, "has more than %d values", MaxFilterValues)
	}
	return out, nil
}

// IntParam parses an integer parameter within [lo, hi], def when absent.
func IntParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s := v.Get(name)
	if s == "" {
		if v.Has(name) {
			return 0, NewParamError(name, "is empty; give a number between %d and %d", lo, hi)
		}
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, NewParamError(name, "%q is not a whole number", Clip(s))
	}
	if n < lo || n > hi {
		if name == "page" && n > hi {
			return 0, NewParamError(name, "page %d is deeper than %d results allow; use the cursor (next_cursor) for deep paging", n, MaxPageDepth)
		}
		return 0, NewParamError(name, "%d is out of range; give a number between %d and %d", n, lo, hi)
	}
	return n, nil
}

// parseDate accepts RFC 3339 or YYYY-MM-DD (UTC). A day as an upper bound
// means the end of that day, so both bounds are inclusive days.
func parseDate(s string, end bool) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), checkYear(t.UTC())
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date; use YYYY-MM-DD or RFC 3339 (2006-01-02T15:04:05Z)", Clip(s))
	}
	if end {
		t = t.Add(24*time.Hour - time.Nanosecond)
	}
	return t, checkYear(t)
}

// checkYear keeps dates within what Bleve's datetime fields can hold.
func checkYear(t time.Time) error {
	if y := t.Year(); y < 1678 || y > 2261 {
		return fmt.Errorf("year %d is out of range (1678-2261)", y)
	}
	return nil
}

// Clip shortens user text quoted back in error messages.
func Clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	i := 40
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// Wants reports whether facet f is requested.
func (r *Request) Wants(f string) bool {
	return r.Facets == nil || slices.Contains(r.Facets, f)
}

// FacetNames are the facets a request may ask for: one per term filter
// with a facet, and published.
func FacetNames() []string {
	var out []string
	for _, tf := range TermFilters {
		if tf.Facet != nil {
			out = append(out, tf.Param)
		}
	}
	return append(out, FacetPublished)
}
