package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/syndex/syndex/searchsvc"
)

// pageState is what a search page URL says: the query, the filters, the
// sort and the page. Its URL method writes it back.
type pageState struct {
	Q string
	// Terms are the selected values of each term filter, by position in
	// searchsvc.TermFilters.
	Terms [][]string
	// Range is a date preset key; it applies only when From and To are
	// empty.
	Range    string
	From, To string
	Sort     string
	Page     int
	// Exact searches Q as typed (correct=false): the "search instead
	// for" link of a corrected page.
	Exact bool
}

// valid returns st ready to be shown: a filter list for every term filter
// (a request whose query string did not parse has none), and invalid UTF-8
// in what the user typed replaced by U+FFFD, so the page echoes text in
// the charset it declares.
func (st pageState) valid() pageState {
	terms := make([][]string, len(searchsvc.TermFilters))
	copy(terms, st.Terms)
	st.Terms = terms
	fix := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	st.Q, st.Range, st.From, st.To, st.Sort = fix(st.Q), fix(st.Range), fix(st.From), fix(st.To), fix(st.Sort)
	for i, vals := range st.Terms {
		if slices.ContainsFunc(vals, func(v string) bool { return !utf8.ValidString(v) }) {
			fixed := make([]string, len(vals))
			for j, v := range vals {
				fixed[j] = fix(v)
			}
			st.Terms[i] = fixed
		}
	}
	return st
}

// URL returns the page URL of st.
func (st pageState) URL() string {
	var b strings.Builder
	b.WriteString("/search")
	sep := byte('?')
	add := func(k, v string) {
		b.WriteByte(sep)
		sep = '&'
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(v))
	}
	if st.Q != "" {
		add("q", st.Q)
	}
	for i, vals := range st.Terms {
		for _, v := range vals {
			add(searchsvc.TermFilters[i].Param, v)
		}
	}
	if st.Range != "" && st.From == "" && st.To == "" {
		add("range", st.Range)
	}
	if st.From != "" {
		add("from", st.From)
	}
	if st.To != "" {
		add("to", st.To)
	}
	if st.Sort != "" {
		add("sort", st.Sort)
	}
	if st.Exact {
		add("correct", "false")
	}
	if st.Page > 1 {
		add("page", strconv.Itoa(st.Page))
	}
	return b.String()
}

// with returns a copy of st changed by f, on its first page.
func (st pageState) with(f func(*pageState)) string {
	terms := make([][]string, len(searchsvc.TermFilters))
	for i, vals := range st.Terms {
		terms[i] = append([]string(nil), vals...)
	}
	st.Terms = terms
	st.Page = 1
	f(&st)
	return st.URL()
}

// pageParams are the parameters a page URL passes on to
// searchsvc.ParseRequest: the text, the term filters (also those the page
// offers no facet for, lang: a saved "lang=de" feed or link is honoured),
// dates, sort and page.
var pageParams = func() []string {
	out := []string{"q"}
	for _, tf := range searchsvc.TermFilters {
		out = append(out, tf.Param)
	}
	return append(out, "from", "to", "sort", "page", "correct")
}()

// parsePage reads a page URL into its state and the search request. The
// state is filled as far as possible even on error, so that the page shows
// the user's input back.
func (p *pages) parsePage(v url.Values) (pageState, searchsvc.Request, error) {
	st := pageState{Q: v.Get("q"), Range: v.Get("range"), From: v.Get("from"), To: v.Get("to"), Sort: v.Get("sort"), Page: 1,
		Exact: v.Get("correct") == "false"}
	if n, err := strconv.Atoi(v.Get("page")); err == nil && n > 1 {
		st.Page = n
	}
	st.Terms = make([][]string, len(searchsvc.TermFilters))
	for i, tf := range searchsvc.TermFilters {
		st.Terms[i] = trimmedValues(v[tf.Param])
	}
	api := url.Values{}
	for _, k := range pageParams {
		if vals, ok := v[k]; ok {
			api[k] = vals
		}
	}
	req, err := searchsvc.ParseRequest(api)
	if err != nil {
		return st, req, err
	}
	for i, tf := range searchsvc.TermFilters {
		st.Terms[i] = *tf.Values(&req.Filters)
	}
	if len(v["range"]) > 1 {
		return st, req, searchsvc.NewParamError("range", "given %d times; give it once", len(v["range"]))
	}
	if st.Range != "" {
		d := time.Duration(0)
		for _, dp := range searchsvc.DatePresets {
			if dp.Key == st.Range {
				d = dp.D
			}
		}
		if d == 0 {
			return st, req, searchsvc.NewParamError("range", "unknown preset %q; use 24h, 7d, 30d or 365d", searchsvc.Clip(st.Range))
		}
		if st.From == "" && st.To == "" {
			req.From = p.now().Add(-d)
		} else {
			st.Range = ""
		}
	}
	req.Size = p.cfg.PageSize
	req.FacetSize = p.cfg.FacetSize
	req.Facets = nil
	return st, req, req.Validate()
}

// now is the service's current time, as its fixed ranges use it.
func (p *pages) now() time.Time { return p.svc.Now().UTC().Truncate(time.Minute) }

// trimmedValues returns the non-empty trimmed values, for echoing input
// back when it could not be parsed.
func trimmedValues(vals []string) []string {
	var out []string
	for _, s := range vals {
		if s = strings.TrimSpace(s); s != "" && len(out) < searchsvc.MaxFilterValues {
			out = append(out, s)
		}
	}
	return out
}

// View model of the page template.
