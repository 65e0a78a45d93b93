package bleveengine

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"html"
	"math"
	"net/url"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/syndex/syndex/searchsvc/bleveengine/textmatch"
	"github.com/syndex/syndex/searchsvc/searchtest"

	"github.com/syndex/syndex/searchsvc"
)

func sortedIDs(res *searchsvc.Response) []string {
	out := searchtest.IDs(res)
	sort.Strings(out)
	return out
}

func TestSearchMatchesAndFilters(t *testing.T) {
	svc := fixtureService(t)
	_, arts := searchtest.FixtureIndex(t)
	en := func(a searchtest.FixtureArticle) bool { return a.Lang == "en" }
	inRange := func(from, to string) searchtest.Expect {
		return func(a searchtest.FixtureArticle) bool {
			return a.Published >= from && a.Published != "" && a.Published[:10] <= to
		}
	}
	tests := []struct {
		params string
		want   searchtest.Expect
	}{
		{"q=zephyr", searchtest.Has("zephyr")},
		{"q=ZEPHYR+quokka", searchtest.All(searchtest.Has("zephyr"), searchtest.Has("quokka"))},
		{"q=zephyr+OR+quokka", func(a searchtest.FixtureArticle) bool {
			return searchtest.Has("zephyr")(a) || searchtest.Has("quokka")(a)
		}},
		{"q=zephyr+-quokka", func(a searchtest.FixtureArticle) bool {
			return searchtest.Has("zephyr")(a) && !searchtest.Has("quokka")(a)
		}},
		{"q=reports", searchtest.Has("report")}, // stemmed
		{"q=zephyr&source=Alpha+Wire&source=Beta+News", searchtest.All(searchtest.Has("zephyr"), searchtest.FromSource("Alpha Wire", "Beta News"))},
		// Values in another case than the index holds, as in the box.
		{"q=zephyr&source=alpha+wire&source=BETA+NEWS", searchtest.All(searchtest.Has("zephyr"), searchtest.FromSource("Alpha Wire", "Beta News"))},
		{"source=gamma+post", searchtest.FromSource("Gamma Post")}, // list mode: the filter drives Bleve
		{"q=zephyr&tag=energy&tag=crypto", searchtest.All(searchtest.Has("zephyr"), searchtest.WithTag("energy", "crypto"))},
		{"q=zephyr&source=Gamma+Post&tag=politics", searchtest.All(searchtest.Has("zephyr"), searchtest.FromSource("Gamma Post"), searchtest.WithTag("politics"))},
		{"q=zephyr&lang=de", searchtest.All(searchtest.Has("zephyr"), func(a searchtest.FixtureArticle) bool { return a.Lang == "de" })},
		{"q=zephyr&lang=en", searchtest.All(searchtest.Has("zephyr"), en)},
		{"q=zephyr&from=2024-02-01&to=2024-03-31", searchtest.All(searchtest.Has("zephyr"), inRange("2024-02-01", "2024-03-31"))},
		{"q=zephyr&from=2024-01-01&to=2024-01-01", searchtest.All(searchtest.Has("zephyr"), inRange("2024-01-01", "2024-01-01"))},
		{"q=zephyr+source:%22alpha+wire%22", searchtest.All(searchtest.Has("zephyr"), searchtest.FromSource("Alpha Wire"))},
		{"q=zephyr+-source:%22Alpha+Wire%22", searchtest.All(searchtest.Has("zephyr"), func(a searchtest.FixtureArticle) bool { return a.Source != "Alpha Wire" })},
		{"q=zephyr+tag:energy+OR+tag:crypto", searchtest.All(searchtest.Has("zephyr"), searchtest.WithTag("energy", "crypto"))},
		{"q=source:%22Beta+News%22", searchtest.FromSource("Beta News")},
		{"q=", func(searchtest.FixtureArticle) bool { return true }},
		// A stop word in English, a word in German: the German articles
		// with it; no English article can match a query of stop words
		// (it listed them all).
		{"q=the", func(a searchtest.FixtureArticle) bool { return a.Lang == "de" && searchtest.Has("the")(a) }},
		{"q=the+who", func(searchtest.FixtureArticle) bool { return false }},
		// With a word beside it, the stop word is no condition on English
		// articles; in a disjunction it is dropped for them, not true.
		{"q=the+zephyr", func(a searchtest.FixtureArticle) bool {
			return searchtest.Has("zephyr")(a) && (a.Lang != "de" || searchtest.Has("the")(a))
		}},
		{"q=zephyr+OR+the", func(a searchtest.FixtureArticle) bool {
			return searchtest.Has("zephyr")(a) || (a.Lang == "de" && searchtest.Has("the")(a))
		}},
		{"q=-quokka", func(a searchtest.FixtureArticle) bool { return !searchtest.Has("quokka")(a) }},
		{"q=bitcoin+OR+ethereum", func(a searchtest.FixtureArticle) bool { return a.ID == "btc" || a.ID == "eth" }},
		{"q=bitcoin+OR+ethereum+-opec", func(a searchtest.FixtureArticle) bool { return a.ID == "eth" }},
		{"q=%22crude+oil%22", func(a searchtest.FixtureArticle) bool { return a.ID == "phrase-yes" || a.ID == "phrase-long" }},
		{"q=crude+oil", func(a searchtest.FixtureArticle) bool { return strings.HasPrefix(a.ID, "phrase-") }},
		{"q=oil+-%22crude+oil%22", func(a searchtest.FixtureArticle) bool { return a.ID == "phrase-no" }},
		{"q=%22oil+crude%22+OR+bitcoin", func(a searchtest.FixtureArticle) bool { return a.ID == "btc" }},
		{"q=%22crude+oil%22+OR+ethereum", func(a searchtest.FixtureArticle) bool {
			return a.ID == "eth" || a.ID == "phrase-yes" || a.ID == "phrase-long"
		}},
		{"q=%22heron+sighted+lake%22", func(searchtest.FixtureArticle) bool { return false }}, // "at the" missing: not the phrase
		{"q=%22heron+sighted+at+the+lake%22", func(a searchtest.FixtureArticle) bool { return strings.HasPrefix(a.ID, "twin-") }},
	}
	for _, tc := range tests {
		res := searchtest.DoSearch(t, svc, tc.params+"&size=100"+"&collapse=false")
		want := searchtest.IDSet(searchtest.SelectArts(arts, tc.want))
		if got := sortedIDs(res); !slices.Equal(got, want) {
			t.Errorf("%s: hits %v, want %v", tc.params, got, want)
		}
		if int(res.Total) != len(want) {
			t.Errorf("%s: total %d, want %d", tc.params, res.Total, len(want))
		}
	}
}

func TestSearchQueryInfo(t *testing.T) {
	svc := fixtureService(t)
	res := searchtest.DoSearch(t, svc, "q=the+zephyr+OR+quokka+-%22x+y%22+source:a&source=B&from=2024-01-01")
	want := searchsvc.QueryInfo{
		Q: "the zephyr OR quokka -\"x y\" source:a", Parsed: "the zephyr OR quokka -\"x y\" source:a",
		Used: "the zephyr OR quokka -\"x y\" source:a", Ignored: []string{"the"}, Sort: searchsvc.SortRelevance,
		Filters: searchsvc.Filters{Sources: []string{"B"}, From: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	if !reflect.DeepEqual(res.Query, want) {
		t.Errorf("query = %+v\nwant    %+v", res.Query, want)
	}
	all := searchtest.DoSearch(t, svc, "q=")
	if all.Query.Sort != searchsvc.SortNewest || all.Query.Ignored != nil {
		t.Errorf("sort without q = %s, ignored %v; want newest, nothing ignored", all.Query.Sort, all.Query.Ignored)
	}
	// Only operators: everything is listed, and the answer says what was
	// not searched for.
	if res := searchtest.DoSearch(t, svc, "q=OR+*+title:+%22"); res.Total != all.Total || !slices.Equal(res.Query.Ignored, []string{"OR", "*", "title:", `"`}) {
		t.Errorf("operators only: total %d (want %d), ignored %q", res.Total, all.Total, res.Query.Ignored)
	}
	// Punctuation is no word: not "ignored" beside words, and alone it
	// lists everything as operators do.
	if res := searchtest.DoSearch(t, svc, "q=zephyr+%22%27+%3F%21"); slices.Contains(res.Query.Ignored, `'`) || len(res.Query.Ignored) != 0 || res.Total == 0 {
		t.Errorf("zephyr with punctuation: total %d, ignored %q", res.Total, res.Query.Ignored)
	}
	if res := searchtest.DoSearch(t, svc, "q=%3F%21+%E2%80%94"); res.Total != all.Total || len(res.Query.Ignored) == 0 {
		t.Errorf("punctuation only: total %d (want %d), ignored %q", res.Total, all.Total, res.Query.Ignored)
	}
}

func TestSearchDisjunctiveFacets(t *testing.T) {
	svc := fixtureService(t)
	_, arts := searchtest.FixtureIndex(t)
	zephyr := searchtest.Has("zephyr")
	cases := []struct {
		params                   string
		srcUniverse, tagUniverse searchtest.Expect // what each facet counts over
		hits                     searchtest.Expect
		selSrc, selTag           []string
	}{
		{"q=zephyr", zephyr, zephyr, zephyr, nil, nil},
		{"q=zephyr&source=Alpha+Wire", zephyr, searchtest.All(zephyr, searchtest.FromSource("Alpha Wire")),
			searchtest.All(zephyr, searchtest.FromSource("Alpha Wire")), []string{"Alpha Wire"}, nil},
		{"q=zephyr&source=Alpha+Wire&source=Gamma+Post&tag=energy",
			searchtest.All(zephyr, searchtest.WithTag("energy")), searchtest.All(zephyr, searchtest.FromSource("Alpha Wire", "Gamma Post")),
			searchtest.All(zephyr, searchtest.WithTag("energy"), searchtest.FromSource("Alpha Wire", "Gamma Post")), []string{"Alpha Wire", "Gamma Post"}, []string{"energy"}},
		{"q=&tag=markets&tag=crypto", searchtest.WithTag("markets", "crypto"), func(searchtest.FixtureArticle) bool { return true },
			searchtest.WithTag("markets", "crypto"), nil, []string{"markets", "crypto"}},
	}
	for _, tc := range cases {
		res := searchtest.DoSearch(t, svc, tc.params+"&facet_size=100"+"&collapse=false")
		if want := len(searchtest.SelectArts(arts, tc.hits)); int(res.Total) != want {
			t.Errorf("%s: total %d, want %d", tc.params, res.Total, want)
		}
		wantSrc := searchtest.CountBy(searchtest.SelectArts(arts, tc.srcUniverse), searchtest.BySource)
		if got := searchtest.FacetMap(res.Facets.Source); !reflect.DeepEqual(got, wantSrc) {
			t.Errorf("%s: source facet %v, want %v", tc.params, got, wantSrc)
		}
		wantTag := searchtest.CountBy(searchtest.SelectArts(arts, tc.tagUniverse), searchtest.ByTag)
		if got := searchtest.FacetMap(res.Facets.Tag); !reflect.DeepEqual(got, wantTag) {
			t.Errorf("%s: tag facet %v, want %v", tc.params, got, wantTag)
		}
		for _, v := range res.Facets.Source.Values {
			if v.Selected != slices.Contains(tc.selSrc, v.Value) {
				t.Errorf("%s: source %q selected = %v", tc.params, v.Value, v.Selected)
			}
		}
		for _, v := range res.Facets.Tag.Values {
			if v.Selected != slices.Contains(tc.selTag, v.Value) {
				t.Errorf("%s: tag %q selected = %v", tc.params, v.Value, v.Selected)
			}
		}
		// The published facet counts the hits themselves.
		months := searchtest.CountBy(searchtest.SelectArts(arts, tc.hits), searchtest.ByMonth)
		res = searchtest.DoSearch(t, svc, tc.params+"&interval=month&facets=published"+"&collapse=false")
		got := searchtest.MonthCounts(res.Facets.Published)
		undated := res.Facets.Published.Undated
		if !reflect.DeepEqual(got, months) {
			t.Errorf("%s: months %v, want %v", tc.params, got, months)
		}
		if want := len(searchtest.SelectArts(arts, searchtest.All(tc.hits, func(a searchtest.FixtureArticle) bool { return a.Published == "" }))); undated != want {
			t.Errorf("%s: undated %d, want %d", tc.params, undated, want)
		}
		if res.Facets.Source != nil || res.Facets.Tag != nil {
			t.Errorf("%s: facets=published returned other facets", tc.params)
		}
	}
}

func TestSearchFacetSizeAndSelectedBeyondTop(t *testing.T) {
	svc := fixtureService(t)
	res := searchtest.DoSearch(t, svc, "q=&facet_size=1&tag=politics&collapse=false")
	tf := res.Facets.Tag
	if len(tf.Values) != 2 || tf.Values[1].Value != "politics" || !tf.Values[1].Selected {
		t.Fatalf("tag facet with facet_size=1 and a selection outside the top: %+v", tf)
	}
	sum := tf.Other
	for _, v := range tf.Values {
		sum += v.Count
	}
	total := 0
	for _, c := range searchtest.FacetMap(searchtest.DoSearch(t, svc, "q=&facet_size=100&collapse=false").Facets.Tag) {
		total += c
	}
	if sum != total {
		t.Errorf("values + other = %d, want %d", sum, total)
	}
	res = searchtest.DoSearch(t, svc, "q=&source=Nobody")
	if res.Total != 0 || len(res.Facets.Source.Values) != 4 || !slices.ContainsFunc(res.Facets.Source.Values, func(v searchsvc.FacetValue) bool {
		return v.Value == "Nobody" && v.Selected && v.Count == 0
	}) {
		t.Errorf("unknown selected source: total %d, facet %+v", res.Total, res.Facets.Source)
	}
	if res := searchtest.DoSearch(t, svc, "q=zephyr&facets="); res.Facets != nil {
		t.Errorf("facets= returned facets: %+v", res.Facets)
	}
}

func TestSearchDateFacet(t *testing.T) {
	svc := fixtureService(t)
	_, arts := searchtest.FixtureIndex(t)
	// Auto interval follows the span of the matches.
	for _, tc := range []struct{ params, interval string }{
		{"q=&from=2024-01-01&to=2024-01-20", searchsvc.IntervalDay},
		{"q=&from=2024-01-01&to=2024-03-31", searchsvc.IntervalWeek},
		{"q=", searchsvc.IntervalMonth},
		{"q=&interval=year", searchsvc.IntervalYear},
		{"q=&interval=day&from=2024-06-01", searchsvc.IntervalDay},
		{"q=nothingmatchesthis", searchsvc.IntervalDay},
	} {
		res := searchtest.DoSearch(t, svc, tc.params+"&collapse=false")
		pf := res.Facets.Published
		if pf.Interval != tc.interval {
			t.Errorf("%s: interval %s, want %s", tc.params, pf.Interval, tc.interval)
		}
		sum := pf.Undated
		for i, b := range pf.Buckets {
			sum += b.Count
			start, err1 := time.Parse(time.DateOnly, b.Start)
			end, err2 := time.Parse(time.DateOnly, b.End)
			if err1 != nil || err2 != nil || end.Before(start) || searchsvc.BucketKey(start, pf.Interval) != b.Key {
				t.Errorf("%s: bad bucket %+v", tc.params, b)
			}
			if i > 0 && !start.Equal(searchsvc.BucketNext(mustDay(pf.Buckets[i-1].Start), pf.Interval)) {
				t.Errorf("%s: gap between %s and %s", tc.params, pf.Buckets[i-1].Key, b.Key)
			}
		}
		if sum != int(res.Total) {
			t.Errorf("%s: buckets + undated = %d, total %d", tc.params, sum, res.Total)
		}
	}
	// Weeks start on Monday and are labelled by ISO week.
	res := searchtest.DoSearch(t, svc, "q=&interval=week&from=2024-01-01&to=2024-01-14&collapse=false")
	if b := res.Facets.Published.Buckets; len(b) != 2 || b[0].Key != "2024-W01" || b[0].Start != "2024-01-01" || b[0].End != "2024-01-07" {
		t.Errorf("weeks: %+v", b)
	}
	// Fixed ranges end at "now" (pinned to searchtest.TestNow).
	res = searchtest.DoSearch(t, svc, "q=&collapse=false")
	for _, r := range res.Facets.Published.Ranges {
		from, err := time.Parse(time.RFC3339, r.From)
		if err != nil {
			t.Fatal(err)
		}
		want := len(searchtest.SelectArts(arts, func(a searchtest.FixtureArticle) bool {
			p, err := time.Parse(time.RFC3339, a.Published)
			return err == nil && !p.Before(from)
		}))
		if r.Count != want {
			t.Errorf("range %s from %s: %d, want %d", r.Key, r.From, r.Count, want)
		}
	}
	if r := res.Facets.Published.Ranges; len(r) != 4 || r[0].Key != "24h" || r[0].Count != 1 || r[3].Key != "365d" {
		t.Errorf("ranges: %+v", r)
	}
}

func mustDay(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestSearchSortOrders(t *testing.T) {
	svc := fixtureService(t)
	_, arts := searchtest.FixtureIndex(t)
	pub := map[string]string{}
	for _, a := range arts {
		pub[a.ID] = a.Published
	}
	for _, tc := range []struct {
		params string
		desc   bool
	}{{"q=&sort=newest", true}, {"q=zephyr&sort=newest", true}, {"q=&sort=oldest", false}, {"q=quokka&sort=oldest", false}} {
		res := searchtest.DoSearch(t, svc, tc.params+"&size=100"+"&collapse=false")
		seenUndated := false
		for i, h := range res.Hits {
			p := pub[h.ID]
			if p == "" {
				seenUndated = true
				continue
			}
			if seenUndated {
				t.Errorf("%s: dated %s after an undated article", tc.params, h.ID)
			}
			if i > 0 && pub[res.Hits[i-1].ID] != "" {
				prev := pub[res.Hits[i-1].ID]
				if (tc.desc && prev < p) || (!tc.desc && prev > p) {
					t.Errorf("%s: %s (%s) after %s (%s)", tc.params, h.ID, p, res.Hits[i-1].ID, prev)
				}
			}
			if h.Published == "" {
				t.Errorf("%s: %s has no published in the hit", tc.params, h.ID)
			}
		}
	}
	// Relevance: scores never increase down the list.
	res := searchtest.DoSearch(t, svc, "q=zephyr+OR+quokka&size=100")
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Score > res.Hits[i-1].Score {
			t.Errorf("relevance: score %v after %v", res.Hits[i].Score, res.Hits[i-1].Score)
		}
	}
	// A title match ranks above a body-only match.
	res = searchtest.DoSearch(t, svc, "q=crude")
	if len(res.Hits) < 2 || res.Hits[len(res.Hits)-1].ID != "phrase-long" {
		t.Errorf("crude: %v; the body-only match phrase-long should rank last", searchtest.IDs(res))
	}
}

func TestSearchFreshnessBreaksTies(t *testing.T) {
	_, arts := searchtest.FixtureIndex(t)
	_ = arts
	for _, weight := range []float64{DefaultFreshnessWeight, -1} {
		ix, _ := searchtest.FixtureIndex(t)
		eng, err := New(ix, Config{FreshnessWeight: weight, Log: searchtest.QuietLog()})
		if err != nil {
			t.Fatal(err)
		}
		svc := searchsvc.New(eng, searchsvc.Config{Now: func() time.Time { return searchtest.TestNow }, Log: searchtest.QuietLog()})
		res := searchtest.DoSearch(t, svc, "q=heron&collapse=false")
		if got := searchtest.IDs(res); !slices.Equal(got, []string{"twin-new", "twin-old"}) {
			t.Errorf("weight %v: %v, want the newer twin first", weight, got)
		}
		newer, older := res.Hits[0].Score, res.Hits[1].Score
		if weight > 0 {
			// score = bm25 * (1 + w * 2^(-age/halfLife)); same bm25.
			f := func(days float64) float64 { return 1 + weight*math.Exp2(-days/14) }
			ageNew := searchtest.TestNow.Sub(time.Date(2024, 6, 1, 8, 0, 0, 0, time.UTC)).Hours() / 24
			ageOld := searchtest.TestNow.Sub(time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)).Hours() / 24
			if r, want := newer/older, f(ageNew)/f(ageOld); r < want*0.999999 || r > want*1.000001 {
				t.Errorf("score ratio %v, want %v", r, want)
			}
		} else if newer != older {
			t.Errorf("without freshness the twins should tie: %v vs %v", newer, older)
		}
	}
}

func TestSearchCursorPaging(t *testing.T) {
	svc := fixtureService(t)
	for _, params := range []string{"q=", "q=&sort=oldest", "q=zephyr+OR+quokka", "q=heron+OR+zephyr&sort=newest", "q=plain&source=Beta+News"} {
		full := searchtest.DoSearch(t, svc, params+"&size=100")
		var got []string
		seen := map[string]bool{}
		res := searchtest.DoSearch(t, svc, params+"&size=7")
		for pages := 0; ; pages++ {
			if pages > 50 {
				t.Fatalf("%s: too many pages", params)
			}
			for _, h := range res.Hits {
				if seen[h.ID] {
					t.Errorf("%s: %s twice", params, h.ID)
				}
				seen[h.ID] = true
				got = append(got, h.ID)
			}
			if res.Total != full.Total {
				t.Errorf("%s: total %d on a cursor page, want %d", params, res.Total, full.Total)
			}
			if res.NextCursor == "" {
				break
			}
			res = searchtest.DoSearch(t, svc, params+"&size=7&cursor="+url.QueryEscape(res.NextCursor))
			if res.Page != 0 {
				t.Errorf("%s: cursor page reports page %d", params, res.Page)
			}
		}
		if !slices.Equal(got, searchtest.IDs(full)) || len(got) != int(full.Total) {
			t.Errorf("%s: cursor pages give %v\nwant %v", params, got, searchtest.IDs(full))
		}
		// Pages by number agree too.
		var byPage []string
		for p := 1; ; p++ {
			r := searchtest.DoSearch(t, svc, params+"&size=7&page="+itoa(p))
			if len(r.Hits) == 0 {
				break
			}
			if r.Offset != 7*(p-1) {
				t.Errorf("%s: page %d says offset %d", params, p, r.Offset)
			}
			byPage = append(byPage, searchtest.IDs(r)...)
		}
		if !slices.Equal(byPage, searchtest.IDs(full)) {
			t.Errorf("%s: numbered pages give %v\nwant %v", params, byPage, searchtest.IDs(full))
		}
	}
}

func TestSearchCursorErrors(t *testing.T) {
	svc := fixtureService(t)
	res := searchtest.DoSearch(t, svc, "q=zephyr&size=2")
	if res.NextCursor == "" {
		t.Fatal("no next cursor")
	}
	// The cursor edited by hand: its field lengths and offset out of range.
	tampered := func(edit func(c map[string]any)) string {
		data, err := base64.RawURLEncoding.DecodeString(res.NextCursor)
		var c map[string]any
		if err != nil || json.Unmarshal(data, &c) != nil {
			t.Fatalf("cursor %q is not base64 JSON", res.NextCursor)
		}
		edit(c)
		data, _ = json.Marshal(c)
		return url.QueryEscape(base64.RawURLEncoding.EncodeToString(data))
	}
	for params, says := range map[string]string{
		"q=zephyr&cursor=" + tampered(func(c map[string]any) { c["l"] = []float64{0, 0} }):         "bad field lengths",
		"q=zephyr&cursor=" + tampered(func(c map[string]any) { c["l"] = []float64{-5, 3} }):        "bad field lengths",
		"q=zephyr&cursor=" + tampered(func(c map[string]any) { c["l"] = []float64{1e308, 1e308} }): "bad field lengths",
		"q=zephyr&cursor=" + tampered(func(c map[string]any) { c["l"] = []float64{5} }):            "bad field lengths",
		"q=zephyr&cursor=" + tampered(func(c map[string]any) { c["o"] = 1e18 }):                    "bad offset",
		"q=quokka&cursor=" + url.QueryEscape(res.NextCursor):                                       "different query", // other query
		"q=zephyr&sort=newest&cursor=" + url.QueryEscape(res.NextCursor):                           "different query", // other sort
		"q=zephyr&source=Beta+News&cursor=" + url.QueryEscape(res.NextCursor):                      "different query", // other filters
		"q=zephyr&cursor=not-a-cursor!":                                                            "not a cursor returned by this API",
		"q=zephyr&cursor=eyJ2IjoxfQ":                                                               "not a cursor returned by this API", // {"v":1}
	} {
		v, _ := url.ParseQuery(params)
		req, err := searchsvc.ParseRequest(v)
		if err == nil {
			_, err = svc.Search(context.Background(), req)
		}
		var pe *searchsvc.ParamError
		if !errors.As(err, &pe) || pe.Param != "cursor" || !strings.Contains(pe.Msg, says) {
			t.Errorf("%s: err = %v, want a cursor searchsvc.ParamError saying %q", params, err, says)
		}
	}
	// The cursor of the last page is absent.
	if res := searchtest.DoSearch(t, svc, "q=heron&size=2"); res.NextCursor != "" {
		t.Errorf("next_cursor on the last page")
	}
	if res := searchtest.DoSearch(t, svc, "q=heron&size=0"); res.NextCursor != "" || len(res.Hits) != 0 || res.Total != 1 || res.TotalArticles != 2 {
		t.Errorf("size=0: %+v", res)
	}
}

func TestSearchTypoCorrection(t *testing.T) {
	svc := fixtureService(t)
	res := searchtest.DoSearch(t, svc, "q=inflaton&size=2")
	if !res.Corrected || res.Query.Used != "inflation" || res.DidYouMean != "inflation" || res.Query.Parsed != "inflaton" || res.Query.Original != "inflaton" {
		t.Fatalf("inflaton: corrected=%v used=%q did_you_mean=%q", res.Corrected, res.Query.Used, res.DidYouMean)
	}
	if res.Total != 4 { // infl-1..3 and xss
		t.Errorf("inflaton: total %d, want 4", res.Total)
	}
	for _, h := range res.Hits {
		if !strings.Contains(h.TitleHTML+h.Snippet, "<mark>") {
			t.Errorf("corrected hit %s is not highlighted: %q / %q", h.ID, h.TitleHTML, h.Snippet)
		}
	}
	// Later pages continue the corrected query.
	next := searchtest.DoSearch(t, svc, "q=inflaton&size=2&cursor="+url.QueryEscape(res.NextCursor))
	if !next.Corrected || len(next.Hits) != 2 || slices.Contains(searchtest.IDs(res), next.Hits[0].ID) {
		t.Errorf("second page: corrected=%v hits=%v (first %v)", next.Corrected, searchtest.IDs(next), searchtest.IDs(res))
	}
	// Exact queries are not touched.
	if res := searchtest.DoSearch(t, svc, "q=inflation"); res.Corrected || res.DidYouMean != "" {
		t.Errorf("inflation: corrected=%v did_you_mean=%q", res.Corrected, res.DidYouMean)
	}
	// Short words get no edits; unknown words with no near term stay.
	for _, q := range []string{"inflat", "zzzzzzzz", "heron"} {
		if res := searchtest.DoSearch(t, svc, "q="+q); res.Corrected {
			t.Errorf("%s was corrected to %q", q, res.Query.Used)
		}
	}
	// Quoted words are meant as typed: never corrected.
	if res := searchtest.DoSearch(t, svc, "q=%22ethereum+upgrrade%22"); res.Corrected || res.DidYouMean != "" {
		t.Errorf("phrase: corrected=%v used=%q did_you_mean=%q", res.Corrected, res.Query.Used, res.DidYouMean)
	}
	// correct=false searches the words as typed, and says what it would
	// have corrected.
	if res := searchtest.DoSearch(t, svc, "q=inflaton&correct=false"); res.Corrected || res.Total != 0 || res.DidYouMean != "inflation" {
		t.Errorf("correct=false: corrected=%v total=%d did_you_mean=%q", res.Corrected, res.Total, res.DidYouMean)
	}
	// Two edits for long words.
	if res := searchtest.DoSearch(t, svc, "q=inflatoin"); !res.Corrected || res.Query.Used != "inflation" {
		t.Errorf("inflatoin (9 letters, 2 edits): corrected=%v used=%q", res.Corrected, res.Query.Used)
	}
	if res := searchtest.DoSearch(t, svc, "q=ethreum"); !res.Corrected || res.Query.Used != "ethereum" {
		t.Errorf("ethreum (7 letters, 1 edit): corrected=%v used=%q", res.Corrected, res.Query.Used)
	}
	if res := searchtest.DoSearch(t, svc, "q=etherm"); res.Corrected {
		t.Errorf("etherm (6 letters, 2 edits) was corrected to %q", res.Query.Used)
	}
}

func TestSearchHighlightAndXSS(t *testing.T) {
	svc := fixtureService(t)
	res := searchtest.DoSearch(t, svc, "q=inflation+OR+script+OR+onerror+OR+mark&size=100")
	var hit *searchsvc.Hit
	for i := range res.Hits {
		if res.Hits[i].ID == "xss" {
			hit = &res.Hits[i]
		}
	}
	if hit == nil {
		t.Fatalf("the xss article was not found: %v", searchtest.IDs(res))
	}
	if hit.Title != searchtest.XSSText+" inflation" {
		t.Errorf("title (plain text) = %q", hit.Title)
	}
	for name, s := range map[string]string{"title_html": hit.TitleHTML, "snippet": hit.Snippet} {
		searchtest.CheckSafeHTML(t, name, s)
	}
	if !strings.Contains(hit.TitleHTML, "&lt;<mark>script</mark>&gt;") || !strings.Contains(hit.TitleHTML, "&lt;/<mark>mark</mark>&gt;") {
		t.Errorf("title_html = %q", hit.TitleHTML)
	}
	if want := html.EscapeString(searchtest.XSSText + " inflation"); searchtest.StripMarks(hit.TitleHTML) != want {
		t.Errorf("title_html without marks = %q, want %q", searchtest.StripMarks(hit.TitleHTML), want)
	}

	res = searchtest.DoSearch(t, svc, "q=%22crude+oil%22")
	for _, h := range res.Hits {
		searchtest.CheckSafeHTML(t, "snippet", h.Snippet)
		switch h.ID {
		case "phrase-yes":
			if h.TitleHTML != "<mark>Crude oil</mark> climbs" {
				t.Errorf("title_html = %q", h.TitleHTML)
			}
		case "phrase-long":
			if !strings.HasPrefix(h.Snippet, "…") || !strings.HasSuffix(h.Snippet, "…") ||
				!strings.Contains(h.Snippet, "<mark>crude oil</mark>") || len(searchtest.StripMarks(h.Snippet)) > textmatch.SnippetLen+20 {
				t.Errorf("long snippet = %q", h.Snippet)
			}
		}
	}
	// Without a match in the body the snippet is the start of the body.
	res = searchtest.DoSearch(t, svc, "q=story&source=Gamma+Post&size=100")
	for _, h := range res.Hits {
		if !strings.HasPrefix(h.Snippet, "Officials described") || !strings.Contains(h.TitleHTML, "<mark>Story</mark>") {
			t.Errorf("%s: snippet should start at the beginning: %q (%q)", h.ID, h.Snippet, h.TitleHTML)
		}
	}
}

func TestSearchTimeout(t *testing.T) {
	ix, _ := searchtest.FixtureIndex(t)
	eng, err := New(ix, Config{Log: searchtest.QuietLog()})
	if err != nil {
		t.Fatal(err)
	}
	svc := searchsvc.New(eng, searchsvc.Config{Timeout: time.Nanosecond, Log: searchtest.QuietLog()})
	_, err = svc.Search(context.Background(), searchsvc.NewRequest("zephyr"))
	if !errors.Is(err, searchsvc.ErrTimeout) {
		t.Errorf("err = %v, want searchsvc.ErrTimeout", err)
	}
}

func TestSuggest(t *testing.T) {
	svc := fixtureService(t)
	ctx := context.Background()
	res, err := svc.Suggest(ctx, "infl", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Terms) == 0 || res.Terms[0].Term != "inflation" || res.Terms[0].Count != 4 {
		t.Errorf("terms for infl: %+v", res.Terms)
	}
	if len(res.Completions) != 4 {
		t.Errorf("completions for infl: %+v", res.Completions)
	}
	for _, c := range res.Completions {
		searchtest.CheckSafeHTML(t, "completion", c.TitleHTML)
		if !strings.Contains(strings.ToLower(c.TitleHTML), "<mark>inflation</mark>") {
			t.Errorf("completion not highlighted: %q", c.TitleHTML)
		}
	}
	res, err = svc.Suggest(ctx, "Crude o", 5)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range res.Completions {
		got[c.ID] = c.TitleHTML
	}
	if len(got) != 2 || got["phrase-yes"] != "<mark>Crude oil</mark> climbs" || got["phrase-no"] == "" {
		t.Errorf("completions for 'Crude o': %+v", res.Completions)
	}
	// Two copies of one story: their title is suggested once.
	if res, err := svc.Suggest(ctx, "hero", 5); err != nil || len(res.Completions) != 1 || res.Completions[0].Title != "Heron sighted at the lake" {
		t.Errorf("completions for 'hero': %+v, %v; want the heron title once", res.Completions, err)
	}
	for _, q := range []string{"", "  ", "qqqqq", "the "} {
		res, err := svc.Suggest(ctx, q, 5)
		if err != nil || len(res.Completions) != 0 || len(res.Terms) != 0 {
			t.Errorf("Suggest(%q) = %+v, %v", q, res, err)
		}
	}
	var pe *searchsvc.ParamError
	if _, err := svc.Suggest(ctx, strings.Repeat("x", searchsvc.MaxSuggestBytes+1), 5); !errors.As(err, &pe) || pe.Param != "q" {
		t.Errorf("long suggest: %v", err)
	}
}

func TestValuesAndArticle(t *testing.T) {
	svc := fixtureService(t)
	_, arts := searchtest.FixtureIndex(t)
	ctx := context.Background()
	for field, key := range map[string]func(searchtest.FixtureArticle) []string{"source": searchtest.BySource, "tag": searchtest.ByTag} {
		vals, err := svc.Values(ctx, field)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for i, v := range vals {
			got[v.Value] = v.Count
			if i > 0 && vals[i-1].Count < v.Count {
				t.Errorf("%s values not sorted by count: %+v", field, vals)
			}
		}
		if want := searchtest.CountBy(arts, key); !reflect.DeepEqual(got, want) {
			t.Errorf("%s values %v, want %v", field, got, want)
		}
	}
	a, err := svc.Article(ctx, "xss")
	if err != nil || a.Title != searchtest.XSSText+" inflation" || a.Source != "Alpha Wire" {
		t.Errorf("Article(xss) = %+v, %v", a, err)
	}
	if _, err := svc.Article(ctx, "no-such-id"); !errors.Is(err, searchsvc.ErrNotFound) {
		t.Errorf("Article(no-such-id): %v", err)
	}
}

// TestSearchFutureDates: an article dated more than a day ahead of the
// search sorts and ranks as undated — last newest-first, no freshness
// boost — while a date a few hours ahead (time zones) still counts; the
// article keeps its date for display and filters.
func TestSearchFutureDates(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	day := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }
	text := "The harbour board approved the new pelican sanctuary on Tuesday."
	src := searchtest.WriteJSONL(t, dir, "a.jsonl", []searchtest.FixtureArticle{
		{ID: "far-future", Title: "Pelican sanctuary approved", Body: text, Source: "A", Published: "2099-01-01T00:00:00Z"},
		{ID: "hours-ahead", Title: "Pelican sanctuary approved", Body: text, Source: "B", Published: day(5 * time.Hour)},
		{ID: "yesterday", Title: "Pelican sanctuary approved", Body: text, Source: "C", Published: day(-24 * time.Hour)},
		{ID: "last-year", Title: "Pelican sanctuary approved", Body: text, Source: "D", Published: day(-365 * 24 * time.Hour)},
		{ID: "undated", Title: "Pelican sanctuary approved", Body: text, Source: "E"},
	})
	ix, _ := reindexService(t, filepath.Join(dir, "index"), src)
	eng, err := New(ix, Config{Log: searchtest.QuietLog()})
	if err != nil {
		t.Fatal(err)
	}
	svc := searchsvc.New(eng, searchsvc.Config{Now: func() time.Time { return now }, Log: searchtest.QuietLog()})
	newest := searchtest.IDs(searchtest.DoSearch(t, svc, "collapse=false&sort=newest"))
	// The two "undated" ones come last, by id (descending).
	if want := []string{"hours-ahead", "yesterday", "last-year", "undated", "far-future"}; !slices.Equal(newest, want) {
		t.Errorf("newest first: %v, want %v", newest, want)
	}
	res := searchtest.DoSearch(t, svc, "q=pelican&collapse=false")
	scores := map[string]float64{}
	for _, h := range res.Hits {
		scores[h.ID] = h.Score
	}
	if scores["far-future"] != scores["undated"] || !(scores["hours-ahead"] > scores["last-year"]) || !(scores["last-year"] > scores["far-future"]) {
		t.Errorf("scores %v: the far-future article must score as the undated one, below every dated one", scores)
	}
	if got := searchtest.IDs(searchtest.DoSearch(t, svc, "collapse=false&from=2098-12-01")); !slices.Equal(got, []string{"far-future"}) {
		t.Errorf("date filter: %v, want the far-future article by its date", got)
	}
}

// TestSearchByName: a query that is exactly a byline or a publisher's name
// (in any case) is not "corrected" into other words; the answer suggests
// the filter that finds every article by it.
func TestSearchByName(t *testing.T) {
	dir := t.TempDir()
	src := searchtest.WriteJSONL(t, dir, "a.jsonl", []searchtest.FixtureArticle{
		{ID: "a1", Title: "Farm bill passes the Senate", Body: "The Senate passed the farm bill on Tuesday after a long debate.", Author: "Julie Vorman", Source: "Wire"},
		{ID: "a2", Title: "Wheat exports rise", Body: "Wheat exports rose in March, the department said.", Author: "Julie Vorman", Source: "Wire"},
		{ID: "a3", Title: "Norman conquest anniversary", Body: "The town marked the Norman conquest with a parade.", Author: "Ann Lee", Source: "Gazette"},
	})
	_, svc := reindexService(t, filepath.Join(dir, "index"), src)
	res := searchtest.DoSearch(t, svc, "q=julie+vorman")
	if res.Corrected || res.DidYouMean != `author:"Julie Vorman"` {
		t.Errorf("julie vorman: corrected %v, did_you_mean %q, hits %v; want no correction and the author filter suggested", res.Corrected, res.DidYouMean, searchtest.IDs(res))
	}
	if got := searchtest.IDs(searchtest.DoSearch(t, svc, "q="+url.QueryEscape(res.DidYouMean)+"&collapse=false")); len(got) != 2 {
		t.Errorf("the suggested filter finds %v, want both articles", got)
	}
	if res := searchtest.DoSearch(t, svc, "q=GAZETTE"); res.DidYouMean != `source:Gazette` {
		t.Errorf("gazette: did_you_mean %q, want the source filter", res.DidYouMean)
	}
	// Words that merely contain a name are searched as words.
	if res := searchtest.DoSearch(t, svc, "q=farm+bill"); res.DidYouMean != "" || len(res.Hits) != 1 {
		t.Errorf("farm bill: did_you_mean %q, %d hits", res.DidYouMean, len(res.Hits))
	}
}
