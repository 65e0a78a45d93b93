package searchsvc

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseRequestValid(t *testing.T) {
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	tests := []struct {
		params string
		check  func(Request) bool
	}{
		{"", func(r Request) bool {
			return r.Q == "" && r.Size == DefaultSize && r.Page == 1 && r.Facets == nil && r.FacetSize == DefaultFacetSize &&
				r.Interval == IntervalAuto && r.Sort == ""
		}},
		{"q=oil+prices", func(r Request) bool { return r.Q == "oil prices" }},
		// Other unknown parameters are ignored: cache-busters, tracking.
		{"q=oil&_=1712&utm_source=newsletter&fbclid=x&callback=f&site=example.org&form=QBLH", func(r Request) bool { return r.Q == "oil" }},
		{"source=A&source=B&source=A&tag=x&lang=en", func(r Request) bool {
			return reflect.DeepEqual(r.Sources, []string{"A", "B"}) && reflect.DeepEqual(r.Tags, []string{"x"}) &&
				reflect.DeepEqual(r.Langs, []string{"en"})
		}},
		{"lang=German&lang=de-DE&lang=FR&lang=nb", func(r Request) bool { return reflect.DeepEqual(r.Langs, []string{"de", "fr", "no"}) }},
		{"source=&tag=+", func(r Request) bool { return r.Sources == nil && r.Tags == nil }},
		{"from=2024-01-02&to=2024-01-03", func(r Request) bool {
			return r.From.Equal(day("2024-01-02")) && r.To.Equal(day("2024-01-04").Add(-time.Nanosecond))
		}},
		{"from=2024-01-02T10:00:00%2B02:00&to=2024-01-02T10:00:00Z", func(r Request) bool {
			return r.From.Equal(time.Date(2024, 1, 2, 8, 0, 0, 0, time.UTC)) && r.To.Equal(time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC))
		}},
		{"from=2024-01-02&to=2024-01-02", func(r Request) bool { return r.To.Sub(r.From) == 24*time.Hour-time.Nanosecond }},
		{"sort=newest", func(r Request) bool { return r.Sort == SortNewest }},
		{"sort=oldest", func(r Request) bool { return r.Sort == SortOldest }},
		{"sort=relevance", func(r Request) bool { return r.Sort == SortRelevance }},
		{"size=0", func(r Request) bool { return r.Size == 0 }},
		{"size=100&page=10", func(r Request) bool { return r.Size == 100 && r.Page == 10 }},
		{"size=10&page=100", func(r Request) bool { return r.Page == 100 }},
		{"facets=", func(r Request) bool { return r.Facets != nil && len(r.Facets) == 0 }},
		{"facets=source,tag&facets=tag", func(r Request) bool { return reflect.DeepEqual(r.Facets, []string{"source", "tag"}) }},
		{"facets=published", func(r Request) bool { return reflect.DeepEqual(r.Facets, []string{"published"}) }},
		{"facet_size=1000", func(r Request) bool { return r.FacetSize == 1000 }},
		{"interval=week", func(r Request) bool { return r.Interval == IntervalWeek }},
		{"cursor=abc", func(r Request) bool { return r.Cursor == "abc" }},
		{"unknown=1&_=123", func(r Request) bool { return true }},
	}
	for _, tc := range tests {
		v, _ := url.ParseQuery(tc.params)
		r, err := ParseRequest(v)
		if err != nil {
			t.Errorf("ParseRequest(%q): %v", tc.params, err)
			continue
		}
		if !tc.check(r) {
			t.Errorf("ParseRequest(%q) = %+v", tc.params, r)
		}
	}
}

func TestParseRequestErrors(t *testing.T) {
	long := url.QueryEscape(strings.Repeat("a", 5000))
	tests := []struct {
		params, param, msg string
	}{
		{"sort=best", "sort", "unknown sort"},
		{"lang=en&lang=xx", "lang", `"xx" is not a language`},
		{"lang=english-ish", "lang", "not a language"},
		{"size=1000", "size", "out of range"},
		{"size=-1", "size", "out of range"},
		{"size=ten", "size", "not a whole number"},
		{"size=", "size", "empty"},
		{"size=1&size=2", "size", "given 2 times"},
		{"page=0", "page", "out of range"},
		{"page=2000", "page", "use the cursor"},
		{"page=101&size=10", "page", "use the cursor"},
		{"page=11&size=100", "page", "use the cursor"},
		{"page=2&cursor=abc", "page", "cannot be combined"},
		{"from=2024-02-01&to=2024-01-01", "from", "after to"},
		{"from=yesterday", "from", "not a date"},
		{"to=2024-13-01", "to", "not a date"},
		{"to=01/02/2024", "to", "not a date"},
		{"from=0001-01-01", "from", "out of range"},
		{"to=9999-01-01", "to", "out of range"},
		{"q=" + long, "q", "limit is 1024"},
		{"q=%ff%fe", "q", "UTF-8"},
		{"q=a&q=b", "q", "given 2 times"},
		{"source=" + long, "source", "longer than"},
		{"tag=%ff", "tag", "UTF-8"},
		{manySources(MaxFilterValues + 1), "source", "more than"},
		{"facets=source,authors", "facets", "unknown facet"},
		{"facet_size=0", "facet_size", "out of range"},
		{"facet_size=5000", "facet_size", "out of range"},
		{"interval=hour", "interval", "unknown interval"},
		{"cursor=" + long, "cursor", "longer than"},
		// A misspelt or borrowed parameter name would look filtered and not be.
		{"q=oil&sourse=Reuters", "sourse", "did you mean source?"},
		{"q=oil&Source=Reuters", "Source", "did you mean source?"},
		{"q=oil&tags=energy", "tags", "did you mean tag?"},
		{"q=oil&autor=Smith", "autor", "did you mean author?"},
		{"query=oil", "query", "did you mean q?"},
		{"q=oil&limit=5", "limit", "did you mean size?"},
		{"q=oil&language=de", "language", "did you mean lang?"},
		{"q=oil&facet=tag", "facet", "did you mean facets?"},
		{"q=oil&colapse=false", "colapse", "did you mean collapse?"},
		{"q=oil&facet_szie=3", "facet_szie", "did you mean facet_size?"},
	}
	for _, tc := range tests {
		v, err := url.ParseQuery(tc.params)
		if err != nil {
			t.Fatal(err)
		}
		_, err = ParseRequest(v)
		var pe *ParamError
		if !errors.As(err, &pe) {
			t.Errorf("ParseRequest(%.60q): err = %v, want a ParamError", tc.params, err)
			continue
		}
		if pe.Param != tc.param || !strings.Contains(pe.Error(), tc.msg) {
			t.Errorf("ParseRequest(%.60q): %v (param %q), want param %q and %q", tc.params, pe, pe.Param, tc.param, tc.msg)
		}
	}
}

func TestRequestValidateForCode(t *testing.T) {
	r := NewRequest("x")
	r.Size = 101
	var pe *ParamError
	if err := r.Validate(); !errors.As(err, &pe) || pe.Param != "size" {
		t.Errorf("Validate with size 101: %v", err)
	}
	r = Request{Q: "x", Size: 5}
	if err := r.Validate(); err != nil || r.Page != 1 || r.FacetSize != DefaultFacetSize || r.Interval != IntervalAuto {
		t.Errorf("Validate of a sparse request: %v, %+v", err, r)
	}
}

func manySources(n int) string {
	v := url.Values{}
	for i := range n {
		v.Add("source", "s"+strings.Repeat("x", i))
	}
	return v.Encode()
}
