package searchsvc

import (
	"context"
	"errors"
	"html"
	"math"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer"
)

// expect selects fixture articles; counts are computed from the articles
// themselves, independently of the index.
type expect func(a fixtureArticle) bool

func has(word string) expect {
	return func(a fixtureArticle) bool {
		return strings.Contains(strings.ToLower(a.Title+" "+a.Body), word)
	}
}

func fromSource(srcs ...string) expect {
	return func(a fixtureArticle) bool { return slices.Contains(srcs, a.Source) }
}

func withTag(tags ...string) expect {
	return func(a fixtureArticle) bool {
		for _, t := range a.Tags {
			if slices.Contains(tags, t) {
				return true
			}
		}
		return false
	}
}

func all(es ...expect) expect {
	return func(a fixtureArticle) bool {
		for _, e := range es {
			if !e(a) {
				return false
			}
		}
		return true
	}
}

func selectArts(arts []fixtureArticle, e expect) []fixtureArticle {
	var out []fixtureArticle
	for _, a := range arts {
		if e(a) {
			out = append(out, a)
		}
	}
	return out
}

func countBy(arts []fixtureArticle, key func(fixtureArticle) []string) map[string]int {
	m := map[string]int{}
	for _, a := range arts {
		for _, k := range key(a) {
			m[k]++
		}
	}
	return m
}

func bySource(a fixtureArticle) []string { return []string{a.Source} }
func byTag(a fixtureArticle) []string    { return a.Tags }
func byMonth(a fixtureArticle) []string {
	if a.Published == "" {
		return nil
	}
	return []string{a.Published[:7]}
}

func idSet(arts []fixtureArticle) []string {
	out := make([]string, 0, len(arts))
	for _, a := range arts {
		out = append(out, a.ID)
	}
	sort.Strings(out)
	return out
}

func sortedIDs(res *Response) []string {
	out := ids(res)
	sort.Strings(out)
	return out
}

func TestSearchMatchesAndFilters(t *testing.T) {
	svc := fixtureService(t)
	_, arts := fixtureIndex(t)
	en := func(a fixtureArticle) bool { return a.Lang == "en" }
	inRange := func(from, to string) expect {
		return func(a fixtureArticle) bool { return a.Published >= from && a.Published != "" && a.Published[:10] <= to }
	}
	tests := []struct {
		params string
		want   expect
	}{
		{"q=zephyr", has("zephyr")},
		{"q=ZEPHYR+quokka", all(has("zephyr"), has("quokka"))},
		{"q=zephyr+OR+quokka", func(a fixtureArticle) bool { return has("zephyr")(a) || has("quokka")(a) }},
		{"q=zephyr+-quokka", func(a fixtureArticle) bool { return has("zephyr")(a) && !has("quokka")(a) }},
		{"q=reports", has("report")}, // stemmed
		{"q=zephyr&source=Alpha+Wire&source=Beta+News", all(has("zephyr"), fromSource("Alpha Wire", "Beta News"))},
		{"q=zephyr&tag=energy&tag=crypto", all(has("zephyr"), withTag("energy", "crypto"))},
		{"q=zephyr&source=Gamma+Post&tag=politics", all(has("zephyr"), fromSource("Gamma Post"), withTag("politics"))},
		{"q=zephyr&lang=de", all(has("zephyr"), func(a fixtureArticle) bool { return a.Lang == "de" })},
		{"q=zephyr&lang=en", all(has("zephyr"), en)},
		{"q=zephyr&from=2024-02-01&to=2024-03-31", all(has("zephyr"), inRange("2024-02-01", "2024-03-31"))},
		{"q=zephyr&from=2024-01-01&to=2024-01-01", all(has("zephyr"), inRange("2024-01-01", "2024-01-01"))},
		{"q=zephyr+source:%22alpha+wire%22", all(has("zephyr"), fromSource("Alpha Wire"))},
		{"q=zephyr+-source:%22Alpha+Wire%22", all(has("zephyr"), func(a fixtureArticle) bool { return a.Source != "Alpha Wire" })},
		{"q=zephyr+tag:energy+OR+tag:crypto", all(has("zephyr"), withTag("energy", "crypto"))},
		{"q=source:%22Beta+News%22", fromSource("Beta News")},
		{"q=", func(fixtureArticle) bool { return true }},
		{"q=the", func(fixtureArticle) bool { return true }}, // a stop word only: list mode
		{"q=-quokka", func(a fixtureArticle) bool { return !has("quokka")(a) }},
		{"q=bitcoin+OR+ethereum", func(a fixtureArticle) bool { return a.ID == "btc" || a.ID == "eth" }},
		{"q=bitcoin+OR+ethereum+-opec", func(a fixtureArticle) bool { return a.ID == "eth" }},
		{"q=%22crude+oil%22", func(a fixtureArticle) bool { return a.ID == "phrase-yes" || a.ID == "phrase-long" }},
		{"q=crude+oil", func(a fixtureArticle) bool { return strings.HasPrefix(a.ID, "phrase-") }},
		{"q=oil+-%22crude+oil%22", func(a fixtureArticle) bool { return a.ID == "phrase-no" }},
		{"q=%22oil+crude%22+OR+bitcoin", func(a fixtureArticle) bool { return a.ID == "btc" }},
		{"q=%22crude+oil%22+OR+ethereum", func(a fixtureArticle) bool { return a.ID == "eth" || a.ID == "phrase-yes" || a.ID == "phrase-long" }},
		{"q=%22heron+sighted+lake%22", func(fixtureArticle) bool { return false }}, // "at the" missing: not the phrase
		{"q=%22heron+sighted+at+the+lake%22", func(a fixtureArticle) bool { return strings.HasPrefix(a.ID, "twin-") }},
	}
	for _, tc := range tests {
		res := doSearch(t, svc, tc.params+"&size=100"+"&collapse=false")
		want := idSet(selectArts(arts, tc.want))
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
	res := doSearch(t, svc, "q=the+zephyr+OR+quokka+-%22x+y%22+source:a&source=B&from=2024-01-01")
	want := QueryInfo{
		Q: "the zephyr OR quokka -\"x y\" source:a", Parsed: "the zephyr OR quokka -\"x y\" source:a",
		Used: "the zephyr OR quokka -\"x y\" source:a", Ignored: []string{"the"}, Sort: SortRelevance,
		Filters: Filters{Source: []string{"B"}, From: "2024-01-01T00:00:00Z"},
	}
	if !reflect.DeepEqual(res.Query, want) {
		t.Errorf("query = %+v\nwant    %+v", res.Query, want)
	}
	if res := doSearch(t, svc, "q="); res.Query.Sort != SortNewest {
		t.Errorf("sort without q = %s, want newest", res.Query.Sort)
	}
}

func TestSearchDisjunctiveFacets(t *testing.T) {
	svc := fixtureService(t)
	_, arts := fixtureIndex(t)
	zephyr := has("zephyr")
	cases := []struct {
		params                   string
		srcUniverse, tagUniverse expect // what each facet counts over
		hits                     expect
		selSrc, selTag           []string
	}{
		{"q=zephyr", zephyr, zephyr, zephyr, nil, nil},
		{"q=zephyr&source=Alpha+Wire", zephyr, all(zephyr, fromSource("Alpha Wire")),
			all(zephyr, fromSource("Alpha Wire")), []string{"Alpha Wire"}, nil},
		{"q=zephyr&source=Alpha+Wire&source=Gamma+Post&tag=energy",
			all(zephyr, withTag("energy")), all(zephyr, fromSource("Alpha Wire", "Gamma Post")),
			all(zephyr, withTag("energy"), fromSource("Alpha Wire", "Gamma Post")), []string{"Alpha Wire", "Gamma Post"}, []string{"energy"}},
		{"q=&tag=markets&tag=crypto", withTag("markets", "crypto"), func(fixtureArticle) bool { return true },
			withTag("markets", "crypto"), nil, []string{"markets", "crypto"}},
	}
	for _, tc := range cases {
		res := doSearch(t, svc, tc.params+"&facet_size=100"+"&collapse=false")
		if want := len(selectArts(arts, tc.hits)); int(res.Total) != want {
			t.Errorf("%s: total %d, want %d", tc.params, res.Total, want)
		}
		wantSrc := countBy(selectArts(arts, tc.srcUniverse), bySource)
		if got := facetMap(res.Facets.Source); !reflect.DeepEqual(got, wantSrc) {
			t.Errorf("%s: source facet %v, want %v", tc.params, got, wantSrc)
		}
		wantTag := countBy(selectArts(arts, tc.tagUniverse), byTag)
		if got := facetMap(res.Facets.Tag); !reflect.DeepEqual(got, wantTag) {
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
		months := countBy(selectArts(arts, tc.hits), byMonth)
		res = doSearch(t, svc, tc.params+"&interval=month&facets=published"+"&collapse=false")
		got := monthCounts(res.Facets.Published)
		undated := res.Facets.Published.Undated
		if !reflect.DeepEqual(got, months) {
			t.Errorf("%s: months %v, want %v", tc.params, got, months)
		}
		if want := len(selectArts(arts, all(tc.hits, func(a fixtureArticle) bool { return a.Published == "" }))); undated != want {
			t.Errorf("%s: undated %d, want %d", tc.params, undated, want)
		}
		if res.Facets.Source != nil || res.Facets.Tag != nil {
			t.Errorf("%s: facets=published returned other facets", tc.params)
		}
	}
}

func TestSearchFacetSizeAndSelectedBeyondTop(t *testing.T) {
	svc := fixtureService(t)
	res := doSearch(t, svc, "q=&facet_size=1&tag=politics&collapse=false")
	tf := res.Facets.Tag
	if len(tf.Values) != 2 || tf.Values[1].Value != "politics" || !tf.Values[1].Selected {
		t.Fatalf("tag facet with facet_size=1 and a selection outside the top: %+v", tf)
	}
	sum := tf.Other
	for _, v := range tf.Values {
		sum += v.Count
	}
	total := 0
	for _, c := range facetMap(doSearch(t, svc, "q=&facet_size=100&collapse=false").Facets.Tag) {
		total += c
	}
	if sum != total {
		t.Errorf("values + other = %d, want %d", sum, total)
	}
	res = doSearch(t, svc, "q=&source=Nobody")
	if res.Total != 0 || len(res.Facets.Source.Values) != 4 || !slices.ContainsFunc(res.Facets.Source.Values, func(v FacetValue) bool {
		return v.Value == "Nobody" && v.Selected && v.Count == 0
	}) {
		t.Errorf("unknown selected source: total %d, facet %+v", res.Total, res.Facets.Source)
	}
	if res := doSearch(t, svc, "q=zephyr&facets="); res.Facets != nil {
		t.Errorf("facets= returned facets: %+v", res.Facets)
	}
}

func TestSearchDateFacet(t *testing.T) {
	svc := fixtureService(t)
	_, arts := fixtureIndex(t)
	// Auto interval follows the span of the matches.
	for _, tc := range []struct{ params, interval string }{
		{"q=&from=2024-01-01&to=2024-01-20", IntervalDay},
		{"q=&from=2024-01-01&to=2024-03-31", IntervalWeek},
		{"q=", IntervalMonth},
		{"q=&interval=year", IntervalYear},
		{"q=&interval=day&from=2024-06-01", IntervalDay},
		{"q=nothingmatchesthis", IntervalDay},
	} {
		res := doSearch(t, svc, tc.params+"&collapse=false")
		pf := res.Facets.Published
		if pf.Interval != tc.interval {
			t.Errorf("%s: interval %s, want %s", tc.params, pf.Interval, tc.interval)
		}
		sum := pf.Undated
		for i, b := range pf.Buckets {
			sum += b.Count
			start, err1 := time.Parse(time.DateOnly, b.Start)
			end, err2 := time.Parse(time.DateOnly, b.End)
			if err1 != nil || err2 != nil || end.Before(start) || bucketKey(start, pf.Interval) != b.Key {
				t.Errorf("%s: bad bucket %+v", tc.params, b)
			}
			if i > 0 && !start.Equal(bucketNext(mustDay(pf.Buckets[i-1].Start), pf.Interval)) {
				t.Errorf("%s: gap between %s and %s", tc.params, pf.Buckets[i-1].Key, b.Key)
			}
		}
		if sum != int(res.Total) {
			t.Errorf("%s: buckets + undated = %d, total %d", tc.params, sum, res.Total)
		}
	}
	// Weeks start on Monday and are labelled by ISO week.
	res := doSearch(t, svc, "q=&interval=week&from=2024-01-01&to=2024-01-14&collapse=false")
	if b := res.Facets.Published.Buckets; len(b) != 2 || b[0].Key != "2024-W01" || b[0].Start != "2024-01-01" || b[0].End != "2024-01-07" {
		t.Errorf("weeks: %+v", b)
	}
	// Fixed ranges end at "now" (pinned to testNow).
	res = doSearch(t, svc, "q=&collapse=false")
	for _, r := range res.Facets.Published.Ranges {
		from, err := time.Parse(time.RFC3339, r.From)
		if err != nil {
			t.Fatal(err)
		}
		want := len(selectArts(arts, func(a fixtureArticle) bool {
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
	_, arts := fixtureIndex(t)
	pub := map[string]string{}
	for _, a := range arts {
		pub[a.ID] = a.Published
	}
	for _, tc := range []struct {
		params string
		desc   bool
	}{{"q=&sort=newest", true}, {"q=zephyr&sort=newest", true}, {"q=&sort=oldest", false}, {"q=quokka&sort=oldest", false}} {
		res := doSearch(t, svc, tc.params+"&size=100"+"&collapse=false")
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
	res := doSearch(t, svc, "q=zephyr+OR+quokka&size=100")
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i].Score > res.Hits[i-1].Score {
			t.Errorf("relevance: score %v after %v", res.Hits[i].Score, res.Hits[i-1].Score)
		}
	}
	// A title match ranks above a body-only match.
	res = doSearch(t, svc, "q=crude")
	if len(res.Hits) < 2 || res.Hits[len(res.Hits)-1].ID != "phrase-long" {
		t.Errorf("crude: %v; the body-only match phrase-long should rank last", ids(res))
	}
}

func TestSearchFreshnessBreaksTies(t *testing.T) {
	_, arts := fixtureIndex(t)
	_ = arts
	for _, weight := range []float64{DefaultFreshnessWeight, -1} {
		ix, _ := fixtureIndex(t)
		svc, err := New(ix, Config{Now: func() time.Time { return testNow }, FreshnessWeight: weight, Log: quietLog()})
		if err != nil {
			t.Fatal(err)
		}
		res := doSearch(t, svc, "q=heron&collapse=false")
		if got := ids(res); !slices.Equal(got, []string{"twin-new", "twin-old"}) {
			t.Errorf("weight %v: %v, want the newer twin first", weight, got)
		}
		newer, older := res.Hits[0].Score, res.Hits[1].Score
		if weight > 0 {
			// score = bm25 * (1 + w * 2^(-age/halfLife)); same bm25.
			f := func(days float64) float64 { return 1 + weight*math.Exp2(-days/14) }
			ageNew := testNow.Sub(time.Date(2024, 6, 1, 8, 0, 0, 0, time.UTC)).Hours() / 24
			ageOld := testNow.Sub(time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)).Hours() / 24
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
		full := doSearch(t, svc, params+"&size=100")
		var got []string
		seen := map[string]bool{}
		res := doSearch(t, svc, params+"&size=7")
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
			res = doSearch(t, svc, params+"&size=7&cursor="+url.QueryEscape(res.NextCursor))
			if res.Page != 0 {
				t.Errorf("%s: cursor page reports page %d", params, res.Page)
			}
		}
		if !slices.Equal(got, ids(full)) || len(got) != int(full.Total) {
			t.Errorf("%s: cursor pages give %v\nwant %v", params, got, ids(full))
		}
		// Pages by number agree too.
		var byPage []string
		for p := 1; ; p++ {
			r := doSearch(t, svc, params+"&size=7&page="+itoa(p))
			if len(r.Hits) == 0 {
				break
			}
			byPage = append(byPage, ids(r)...)
		}
		if !slices.Equal(byPage, ids(full)) {
			t.Errorf("%s: numbered pages give %v\nwant %v", params, byPage, ids(full))
		}
	}
}

func TestSearchCursorErrors(t *testing.T) {
	svc := fixtureService(t)
	res := doSearch(t, svc, "q=zephyr&size=2")
	if res.NextCursor == "" {
		t.Fatal("no next cursor")
	}
	for _, params := range []string{
		"q=quokka&cursor=" + url.QueryEscape(res.NextCursor),                  // other query
		"q=zephyr&sort=newest&cursor=" + url.QueryEscape(res.NextCursor),      // other sort
		"q=zephyr&source=Beta+News&cursor=" + url.QueryEscape(res.NextCursor), // other filters
		"q=zephyr&cursor=not-a-cursor!",
		"q=zephyr&cursor=eyJ2IjoxfQ", // {"v":1}
	} {
		v, _ := url.ParseQuery(params)
		req, err := ParseRequest(v)
		if err == nil {
			_, err = svc.Search(context.Background(), req)
		}
		var pe *ParamError
		if !errors.As(err, &pe) || pe.Param != "cursor" {
			t.Errorf("%s: err = %v, want a cursor ParamError", params, err)
		}
	}
	// The cursor of the last page is absent.
	if res := doSearch(t, svc, "q=heron&size=2"); res.NextCursor != "" {
		t.Errorf("next_cursor on the last page")
	}
	if res := doSearch(t, svc, "q=heron&size=0"); res.NextCursor != "" || len(res.Hits) != 0 || res.Total != 1 || res.TotalArticles != 2 {
		t.Errorf("size=0: %+v", res)
	}
}

func TestSearchTypoCorrection(t *testing.T) {
	svc := fixtureService(t)
	res := doSearch(t, svc, "q=inflaton&size=2")
	if !res.Corrected || res.Query.Used != "inflation" || res.DidYouMean != "inflation" || res.Query.Parsed != "inflaton" {
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
	next := doSearch(t, svc, "q=inflaton&size=2&cursor="+url.QueryEscape(res.NextCursor))
	if !next.Corrected || len(next.Hits) != 2 || slices.Contains(ids(res), next.Hits[0].ID) {
		t.Errorf("second page: corrected=%v hits=%v (first %v)", next.Corrected, ids(next), ids(res))
	}
	// Exact queries are not touched.
	if res := doSearch(t, svc, "q=inflation"); res.Corrected || res.DidYouMean != "" {
		t.Errorf("inflation: corrected=%v did_you_mean=%q", res.Corrected, res.DidYouMean)
	}
	// Short words get no edits; unknown words with no near term stay.
	for _, q := range []string{"inflat", "zzzzzzzz", "heron"} {
		if res := doSearch(t, svc, "q="+q); res.Corrected {
			t.Errorf("%s was corrected to %q", q, res.Query.Used)
		}
	}
	// Two edits for long words; phrases are corrected word by word.
	if res := doSearch(t, svc, "q=%22ethereum+upgrrade%22"); !res.Corrected || res.Query.Used != `"ethereum upgrade"` {
		t.Errorf("phrase: corrected=%v used=%q", res.Corrected, res.Query.Used)
	}
	if res := doSearch(t, svc, "q=inflatoin"); !res.Corrected || res.Query.Used != "inflation" {
		t.Errorf("inflatoin (9 letters, 2 edits): corrected=%v used=%q", res.Corrected, res.Query.Used)
	}
	if res := doSearch(t, svc, "q=ethreum"); !res.Corrected || res.Query.Used != "ethereum" {
		t.Errorf("ethreum (7 letters, 1 edit): corrected=%v used=%q", res.Corrected, res.Query.Used)
	}
	if res := doSearch(t, svc, "q=etherm"); res.Corrected {
		t.Errorf("etherm (6 letters, 2 edits) was corrected to %q", res.Query.Used)
	}
}

func TestSearchHighlightAndXSS(t *testing.T) {
	svc := fixtureService(t)
	res := doSearch(t, svc, "q=inflation+OR+script+OR+onerror+OR+mark&size=100")
	var hit *Hit
	for i := range res.Hits {
		if res.Hits[i].ID == "xss" {
			hit = &res.Hits[i]
		}
	}
	if hit == nil {
		t.Fatalf("the xss article was not found: %v", ids(res))
	}
	if hit.Title != xssText+" inflation" {
		t.Errorf("title (plain text) = %q", hit.Title)
	}
	for name, s := range map[string]string{"title_html": hit.TitleHTML, "snippet": hit.Snippet} {
		checkSafeHTML(t, name, s)
	}
	if !strings.Contains(hit.TitleHTML, "&lt;<mark>script</mark>&gt;") || !strings.Contains(hit.TitleHTML, "&lt;/<mark>mark</mark>&gt;") {
		t.Errorf("title_html = %q", hit.TitleHTML)
	}
	if want := html.EscapeString(xssText + " inflation"); stripMarks(hit.TitleHTML) != want {
		t.Errorf("title_html without marks = %q, want %q", stripMarks(hit.TitleHTML), want)
	}

	res = doSearch(t, svc, "q=%22crude+oil%22")
	for _, h := range res.Hits {
		checkSafeHTML(t, "snippet", h.Snippet)
		switch h.ID {
		case "phrase-yes":
			if h.TitleHTML != "<mark>Crude oil</mark> climbs" {
				t.Errorf("title_html = %q", h.TitleHTML)
			}
		case "phrase-long":
			if !strings.HasPrefix(h.Snippet, "…") || !strings.HasSuffix(h.Snippet, "…") ||
				!strings.Contains(h.Snippet, "<mark>crude oil</mark>") || len(stripMarks(h.Snippet)) > snippetLen+20 {
				t.Errorf("long snippet = %q", h.Snippet)
			}
		}
	}
	// Without a match in the body the snippet is the start of the body.
	res = doSearch(t, svc, "q=story&source=Gamma+Post&size=100")
	for _, h := range res.Hits {
		if !strings.HasPrefix(h.Snippet, "Officials described") || !strings.Contains(h.TitleHTML, "<mark>Story</mark>") {
			t.Errorf("%s: snippet should start at the beginning: %q (%q)", h.ID, h.Snippet, h.TitleHTML)
		}
	}
}

// checkSafeHTML checks that s holds no markup but <mark> and </mark>.
func checkSafeHTML(t *testing.T, name, s string) {
	t.Helper()
	rest := stripMarks(s)
	if strings.ContainsAny(rest, `<>"'`) {
		t.Errorf("%s holds unescaped markup: %q", name, s)
	}
	if strings.Contains(strings.ToLower(s), "<script") {
		t.Errorf("%s holds a script tag: %q", name, s)
	}
	if strings.Count(s, "<mark>") != strings.Count(s, "</mark>") {
		t.Errorf("%s has unbalanced marks: %q", name, s)
	}
}

func stripMarks(s string) string {
	return strings.NewReplacer("<mark>", "", "</mark>", "").Replace(s)
}

func TestSearchTimeout(t *testing.T) {
	ix, _ := fixtureIndex(t)
	svc, err := New(ix, Config{Timeout: time.Nanosecond, Log: quietLog()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = svc.Search(context.Background(), NewRequest("zephyr"))
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("err = %v, want ErrTimeout", err)
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
		checkSafeHTML(t, "completion", c.TitleHTML)
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
	for _, q := range []string{"", "  ", "qqqqq", "the "} {
		res, err := svc.Suggest(ctx, q, 5)
		if err != nil || len(res.Completions) != 0 || len(res.Terms) != 0 {
			t.Errorf("Suggest(%q) = %+v, %v", q, res, err)
		}
	}
	var pe *ParamError
	if _, err := svc.Suggest(ctx, strings.Repeat("x", MaxSuggestBytes+1), 5); !errors.As(err, &pe) || pe.Param != "q" {
		t.Errorf("long suggest: %v", err)
	}
}

func TestValuesAndArticle(t *testing.T) {
	svc := fixtureService(t)
	_, arts := fixtureIndex(t)
	ctx := context.Background()
	for field, key := range map[string]func(fixtureArticle) []string{indexer.FieldSource: bySource, indexer.FieldTags: byTag} {
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
		if want := countBy(arts, key); !reflect.DeepEqual(got, want) {
			t.Errorf("%s values %v, want %v", field, got, want)
		}
	}
	a, err := svc.Article(ctx, "xss")
	if err != nil || a.Title != xssText+" inflation" || a.Source != "Alpha Wire" {
		t.Errorf("Article(xss) = %+v, %v", a, err)
	}
	if _, err := svc.Article(ctx, "no-such-id"); !errors.Is(err, indexer.ErrNotFound) {
		t.Errorf("Article(no-such-id): %v", err)
	}
}
