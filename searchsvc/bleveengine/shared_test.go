package bleveengine

import (
	"context"
	"maps"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/searchsvc/searchtest"

	"github.com/syndex/syndex/searchsvc"

	"github.com/blevesearch/bleve/v2"
	bq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/syndex/syndex/indexer"
)

// Tests over the shared real corpora (../shared/corpora/jsonl, 34,947
// articles): facet counts against counts computed from the JSON Lines
// files themselves and against Bleve's own facets, cursor paging through
// every result, typo correction on real vocabulary.

func sharedService(t testing.TB) (*searchsvc.Service, []string) {
	ix, files := searchtest.SharedIndex(t)
	eng, err := New(ix, Config{Log: searchtest.QuietLog()})
	if err != nil {
		t.Fatal(err)
	}
	return newService(t, eng), files
}

// cleanTagsLikeIndexer applies the only normalization the indexer applies
// to tags: trimmed, lower-cased, empty and duplicates dropped.
func cleanTagsLikeIndexer(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}

func TestSharedFacetCountsMatchInputFiles(t *testing.T) {
	svc, files := sharedService(t)
	arts := searchtest.ReadJSONL(t, files)
	for i := range arts {
		arts[i].Tags = cleanTagsLikeIndexer(arts[i].Tags)
	}
	if len(arts) != 34947 {
		t.Logf("note: %d articles in the shared corpora", len(arts))
	}
	for _, tc := range []struct {
		params string
		keep   searchtest.Expect
	}{
		{"q=", func(searchtest.FixtureArticle) bool { return true }},
		{"q=&source=Reuters&tag=crude", searchtest.All(searchtest.FromSource("Reuters"), searchtest.WithTag("crude"))},
		{"q=&tag=bitcoin&tag=ethereum&from=2022-01-01&to=2022-03-31", searchtest.All(searchtest.WithTag("bitcoin", "ethereum"),
			func(a searchtest.FixtureArticle) bool {
				return a.Published >= "2022-01-01" && a.Published != "" && a.Published[:10] <= "2022-03-31"
			})},
	} {
		hits := searchtest.SelectArts(arts, tc.keep)
		res := searchtest.DoSearch(t, svc, tc.params+"&size=0&facet_size=1000&interval=month&collapse=false")
		if int(res.Total) != len(hits) {
			t.Errorf("%s: total %d, want %d", tc.params, res.Total, len(hits))
		}
		// Source and tag facets are disjunctive: with a selection they count
		// under the other filters only.
		v, _ := url.ParseQuery(tc.params)
		srcUniverse, tagUniverse := hits, hits
		if len(v["source"]) > 0 {
			srcUniverse = searchtest.SelectArts(arts, searchtest.All(withTagOrAll(v["tag"]), inDates(v.Get("from"), v.Get("to"))))
		}
		if len(v["tag"]) > 0 {
			tagUniverse = searchtest.SelectArts(arts, searchtest.All(fromSourceOrAll(v["source"]), inDates(v.Get("from"), v.Get("to"))))
		}
		if got, want := searchtest.FacetMap(res.Facets.Source), searchtest.CountBy(srcUniverse, searchtest.BySource); !maps.Equal(got, want) {
			t.Errorf("%s: source facet differs from the files:\n got %v\nwant %v", tc.params, got, want)
		}
		if got, want := searchtest.FacetMap(res.Facets.Tag), searchtest.CountBy(tagUniverse, searchtest.ByTag); !maps.Equal(got, want) {
			t.Errorf("%s: tag facet differs from the files (%d vs %d values)", tc.params, len(got), len(want))
			for k, n := range want {
				if got[k] != n {
					t.Errorf("  tag %q: %d, want %d", k, got[k], n)
				}
			}
		}
		months := searchtest.MonthCounts(res.Facets.Published)
		if want := searchtest.CountBy(hits, searchtest.ByMonth); !maps.Equal(months, want) {
			t.Errorf("%s: months differ from the files:\n got %v\nwant %v", tc.params, months, want)
		}
		undated := len(searchtest.SelectArts(hits, func(a searchtest.FixtureArticle) bool { return a.Published == "" }))
		if res.Facets.Published.Undated != undated {
			t.Errorf("%s: undated %d, want %d", tc.params, res.Facets.Published.Undated, undated)
		}
	}
}

func withTagOrAll(tags []string) searchtest.Expect {
	if len(tags) == 0 {
		return func(searchtest.FixtureArticle) bool { return true }
	}
	return searchtest.WithTag(tags...)
}

func fromSourceOrAll(srcs []string) searchtest.Expect {
	if len(srcs) == 0 {
		return func(searchtest.FixtureArticle) bool { return true }
	}
	return searchtest.FromSource(srcs...)
}

func inDates(from, to string) searchtest.Expect {
	return func(a searchtest.FixtureArticle) bool {
		if from == "" && to == "" {
			return true
		}
		return a.Published != "" && (from == "" || a.Published >= from) && (to == "" || a.Published[:10] <= to)
	}
}

// bleveCounts counts a keyword field over the matches of q with Bleve's own
// terms facet, the reference for the column-based counting.
func bleveCounts(t *testing.T, ix *indexer.Index, q bq.Query, field string) (map[string]int, uint64) {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.AddFacet("f", bleve.NewFacetRequest(field, 100000))
	res, err := ix.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]int{}
	for _, tf := range res.Facets["f"].Terms.Terms() {
		m[tf.Term] = tf.Count
	}
	return m, res.Total
}

func wordQuery(stem string) bq.Query {
	return fieldsQuery(1, false, func() bq.FieldableQuery { return bq.NewTermQuery(stem) })
}

func TestSharedDisjunctiveFacetsMatchBleve(t *testing.T) {
	svc, _ := sharedService(t)
	ix, _ := searchtest.SharedIndex(t)
	oil := wordQuery("oil")
	reuters := termsQuery(indexer.FieldSource, []string{"Reuters"})
	crude := termsQuery(indexer.FieldTags, []string{"crude", "Business", "business"})

	res := searchtest.DoSearch(t, svc, "q=oil&source=Reuters&tag=crude&tag=Business&tag=business&facet_size=1000&collapse=false")
	wantSrc, _ := bleveCounts(t, ix, bq.NewConjunctionQuery([]bq.Query{oil, crude}), indexer.FieldSource)
	wantTag, _ := bleveCounts(t, ix, bq.NewConjunctionQuery([]bq.Query{oil, reuters}), indexer.FieldTags)
	_, total := bleveCounts(t, ix, bq.NewConjunctionQuery([]bq.Query{oil, reuters, crude}), indexer.FieldTags)
	if got := searchtest.FacetMap(res.Facets.Source); !maps.Equal(got, wantSrc) {
		t.Errorf("source facet %v, Bleve says %v", got, wantSrc)
	}
	if got := searchtest.FacetMap(res.Facets.Tag); !maps.Equal(got, wantTag) {
		t.Errorf("tag facet (%d values) differs from Bleve's (%d values)", len(got), len(wantTag))
	}
	if res.Total != total {
		t.Errorf("total %d, Bleve says %d", res.Total, total)
	}
	sel := 0
	for _, v := range res.Facets.Source.Values {
		if v.Selected {
			sel++
			if v.Value != "Reuters" {
				t.Errorf("selected source %q", v.Value)
			}
		}
	}
	if sel != 1 || len(res.Facets.Source.Values) < 3 {
		t.Errorf("source facet should offer other sources and mark Reuters: %+v", res.Facets.Source.Values)
	}
}

func TestSharedCursorPagingWithoutGapsOrDuplicates(t *testing.T) {
	svc, _ := sharedService(t)
	for _, tc := range []struct {
		params string
		size   int
	}{
		{"q=coffee", 20},                   // relevance, 225 hits
		{"q=&tag=Sports&sort=newest", 100}, // ~1,900 undated: ties broken by id
		{"q=bitcoin&sort=oldest&from=2022-06-01", 100},
	} {
		var got []string
		seen := map[string]bool{}
		res := searchtest.DoSearch(t, svc, tc.params+"&facets=&size="+itoa(tc.size))
		total := res.Total
		for pages := 0; ; pages++ {
			if pages > 100 {
				t.Fatalf("%s: too many pages", tc.params)
			}
			for _, h := range res.Hits {
				if seen[h.ID] {
					t.Fatalf("%s: %s on two pages", tc.params, h.ID)
				}
				seen[h.ID] = true
				got = append(got, h.ID)
			}
			if res.NextCursor == "" {
				break
			}
			res = searchtest.DoSearch(t, svc, tc.params+"&facets=&size="+itoa(tc.size)+"&cursor="+url.QueryEscape(res.NextCursor))
		}
		if len(got) != int(total) || total == 0 {
			t.Errorf("%s: paged through %d of %d", tc.params, len(got), total)
		}
		// The first pages agree with page-based paging.
		var byPage []string
		for p := 1; len(byPage) < min(int(total), searchsvc.MaxPageDepth); p++ {
			r := searchtest.DoSearch(t, svc, tc.params+"&facets=&size=100&page="+itoa(p))
			if len(r.Hits) == 0 {
				break
			}
			byPage = append(byPage, searchtest.IDs(r)...)
		}
		if !slices.Equal(byPage, got[:len(byPage)]) {
			t.Errorf("%s: cursor and page orders differ", tc.params)
		}
	}
}

func TestSharedSortsAndCorrection(t *testing.T) {
	svc, _ := sharedService(t)
	res := searchtest.DoSearch(t, svc, "q=dividend&sort=newest&size=100&facets=")
	for i := 1; i < len(res.Hits); i++ {
		a, b := res.Hits[i-1].Published, res.Hits[i].Published
		if b != "" && (a == "" || a < b) {
			t.Fatalf("newest: %s (%s) after %s (%s)", res.Hits[i].ID, b, res.Hits[i-1].ID, a)
		}
	}
	// Replaced: words the index barely knows, one or two edits (a swap is
	// one) from a much commoner real word; a 4-letter word when one
	// candidate dominates, helped by the other words ("cron crop").
	for q, want := range map[string]string{"inflaton": "inflation", "etherium": "ethereum", "eletcion minister": "election minister",
		"stocks earinngs": "stocks earnings", "vegteable oil": "vegetable oil", "nautral gas": "natural gas", "cron crop": "corn crop",
		"glod mine": "gold mine",
		// A name rarer than a common word one edit away, vouched for by
		// the other word ("putting" is in far more articles); a spelling
		// no article uses ("blaire", stem "blair") shown as one they do.
		"vladimir puttin": "vladimir putin", "tony blare": "tony blair",
		// A double letter typed once is likelier than another edit, and
		// "denis" shares its stem (and articles) with "denied".
		"tenis": "tennis", "tenis open": "tennis open"} {
		res := searchtest.DoSearch(t, svc, "q="+url.QueryEscape(q)+"&facets=")
		if !res.Corrected || res.Query.Used != want || res.Total == 0 {
			t.Errorf("%s: corrected=%v used=%q total=%d, want %q", q, res.Corrected, res.Query.Used, res.Total, want)
		}
	}
	// Known words are never replaced: a misspelling ten articles share is
	// only suggested; right words, numbers and quoted words are left alone.
	for q, dym := range map[string]string{"goverment spending": "government spending", "playstation": "", "opec quota": "",
		"1987 harvest": "", `"inflaton"`: "", "brent crude": "",
		// No suggestion that finds nothing more: "glacier meet" and
		// "others canal" find nothing either.
		"glacier melt": "", "otters canal": "",
		// A rare word the other words accompany in its articles is meant:
		// both articles with "tram" say "line" ("team line" was offered).
		"tram line": "", "tram lines": ""} {
		res := searchtest.DoSearch(t, svc, "q="+url.QueryEscape(q)+"&facets=")
		if res.Corrected || res.DidYouMean != dym {
			t.Errorf("%s: corrected=%v used=%q did_you_mean=%q, want only the suggestion %q", q, res.Corrected, res.Query.Used, res.DidYouMean, dym)
		}
	}
	// ... unless the words as typed find nothing together: then the
	// suggestion is searched ("goverment" is in articles, but none of
	// them says "bonds").
	res = searchtest.DoSearch(t, svc, "q=goverment+bonds&facets=")
	if !res.Corrected || res.Query.Used != "government bonds" || res.Total == 0 || res.Query.Original != "goverment bonds" {
		t.Errorf("goverment bonds: corrected=%v used=%q total=%d", res.Corrected, res.Query.Used, res.Total)
	}
	// ... also for a real word the other words do not go with (4 articles
	// say "lightening", none with "bitcoin"), and for a word known only as
	// another's stem ("minning" is analysed as "min", which 11 articles
	// hold, but none spells "minning").
	for q, want := range map[string]string{"bitcoin lightening network": "bitcoin lightning network", "minning rigs": "mining rigs"} {
		res := searchtest.DoSearch(t, svc, "q="+url.QueryEscape(q)+"&facets=")
		if !res.Corrected || res.Query.Used != want || res.Total == 0 {
			t.Errorf("%s: corrected=%v used=%q total=%d, want %q", q, res.Corrected, res.Query.Used, res.Total, want)
		}
	}
	start := time.Now()
	sug, err := svc.Suggest(context.Background(), "bitc", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(sug.Terms) == 0 || sug.Terms[0].Term != "bitcoin" || len(sug.Completions) == 0 {
		t.Errorf("suggest bitc: %+v", sug)
	}
	// The titles complete the common word, not a rare one (BITC, a
	// ticker, has the greater idf).
	for _, cp := range sug.Completions {
		if !strings.Contains(strings.ToLower(cp.Title), "bitcoin") {
			t.Errorf("suggest bitc: title %q does not say bitcoin", cp.Title)
		}
	}
	t.Logf("first suggest (builds the vocabulary) took %v", time.Since(start))
	var worst float64
	for _, p := range []string{"o", "oil p", "bitcoin pri", "cent", "prime min", "zzz"} {
		sug, err := svc.Suggest(context.Background(), p, 5)
		if err != nil {
			t.Fatal(err)
		}
		worst = max(worst, sug.TookMS)
	}
	t.Logf("suggest: slowest of 6 warm prefixes %.2f ms", worst)
}

// TestSampleCorpus indexes the bundled sample corpus (and the XSS test
// page) and checks the facets against what the readers produce.
func TestSampleCorpus(t *testing.T) {
	sample, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sample"))
	if err != nil {
		t.Fatal(err)
	}
	xssPage := filepath.Join(filepath.Dir(sample), "pages", "xss-title.html")
	files, err := ingest.ListFiles([]string{sample, xssPage})
	if err != nil || len(files) == 0 {
		t.Fatalf("testdata/sample: %d files (%v)", len(files), err)
	}
	_, svc := reindexService(t, filepath.Join(searchtest.MkTemp(t, "syndex-sample-"), "index"), sample, xssPage)
	// What the readers produce, last copy of an id winning as in the index.
	byID := map[string]searchtest.FixtureArticle{}
	for a, err := range ingest.Read(context.Background(), []string{sample, xssPage}, ingest.Options{}) {
		if err != nil {
			continue
		}
		fa := searchtest.FixtureArticle{ID: a.ID, Title: a.Title, Source: a.Source, Tags: a.Tags}
		if !a.Published.IsZero() {
			fa.Published = a.Published.UTC().Format(time.RFC3339)
		}
		byID[a.ID] = fa
	}
	arts := slices.Collect(maps.Values(byID))
	res := searchtest.DoSearch(t, svc, "q=&size=0&facet_size=1000&interval=month&collapse=false")
	if int(res.Total) != len(arts) {
		t.Errorf("total %d, the readers give %d", res.Total, len(arts))
	}
	if got, want := searchtest.FacetMap(res.Facets.Source), searchtest.CountBy(arts, searchtest.BySource); !maps.Equal(got, want) {
		t.Errorf("sources %v, want %v", got, want)
	}
	if got, want := searchtest.FacetMap(res.Facets.Tag), searchtest.CountBy(arts, searchtest.ByTag); !maps.Equal(got, want) {
		t.Errorf("tags %v, want %v", got, want)
	}
	months := searchtest.MonthCounts(res.Facets.Published)
	if want := searchtest.CountBy(arts, searchtest.ByMonth); !maps.Equal(months, want) {
		t.Errorf("months %v, want %v", months, want)
	}
	// The page whose title is an <img onerror> comes back inert.
	res = searchtest.DoSearch(t, svc, "q=onerror")
	if res.Total == 0 {
		t.Fatal("the XSS page was not found")
	}
	for _, h := range res.Hits {
		searchtest.CheckSafeHTML(t, "title_html", h.TitleHTML)
		searchtest.CheckSafeHTML(t, "snippet", h.Snippet)
		if !strings.Contains(h.TitleHTML, "&lt;img src=x <mark>onerror</mark>=alert(1)&gt;") {
			t.Errorf("title_html = %q", h.TitleHTML)
		}
	}
}

// TestSharedOperators: title:word, word* and exact quoted words on the
// real corpora.
func TestSharedOperators(t *testing.T) {
	svc, _ := sharedService(t)
	all := func(q string) *searchsvc.Response {
		return searchtest.DoSearch(t, svc, "q="+url.QueryEscape(q)+"&collapse=false&size=100&facets=")
	}
	// title:opec: only titles; fewer than anywhere.
	title, anywhere := all("title:opec"), all("opec")
	if title.Total == 0 || title.Total >= anywhere.Total {
		t.Fatalf("title:opec %d, opec %d", title.Total, anywhere.Total)
	}
	for _, h := range title.Hits {
		if !strings.Contains(strings.ToLower(h.Title), "opec") {
			t.Errorf("title:opec hit %s: %q", h.ID, h.Title)
		}
	}
	if q := title.Query.Parsed; q != "title:opec" {
		t.Errorf("parsed %q", q)
	}
	if r := all(`title:"crude oil" -title:opec`); r.Total == 0 {
		t.Error(`title:"crude oil" -title:opec found nothing`)
	} else {
		for _, h := range r.Hits {
			if lt := strings.ToLower(h.Title); !strings.Contains(lt, "crude oil") || strings.Contains(lt, "opec") {
				t.Errorf(`title:"crude oil" -title:opec hit %q`, h.Title)
			}
		}
	}
	// Only stop words: nothing can match them; they are said to be
	// ignored, and the filters still apply to a query with a filter.
	if r := all("the who"); r.Total != 0 || !slices.Equal(r.Query.Ignored, []string{"the", "who"}) {
		t.Errorf("the who: %d hits, ignored %v; want none, both words ignored", r.Total, r.Query.Ignored)
	}
	if r, src := all("the source:reuters"), all("source:reuters"); r.Total == 0 || r.Total != src.Total {
		t.Errorf("the source:reuters: %d hits, source:reuters %d", r.Total, src.Total)
	}
	// A prefix finds every word starting with it, highlighted; bounded.
	pre, inflation := all("inflat*"), all("inflation")
	if pre.Total < inflation.Total || pre.Total == 0 {
		t.Errorf("inflat* %d < inflation %d", pre.Total, inflation.Total)
	}
	for _, h := range pre.Hits[:5] {
		if !strings.Contains(strings.ToLower(h.TitleHTML+h.Snippet), "<mark>inflat") {
			t.Errorf("inflat* hit %s not highlighted: %q %q", h.ID, h.TitleHTML, h.Snippet)
		}
	}
	if r := all("pre*"); r.Total == 0 {
		t.Error("pre* found nothing")
	}
	if r := all("zqxw*"); r.Total != 0 {
		t.Errorf("a prefix of no term found %d", r.Total)
	}
	// Quoted words match as typed: "rising" is not "rises".
	exact, stemmed := all(`"rising"`), all("rising")
	if exact.Total == 0 || exact.Total >= stemmed.Total {
		t.Fatalf(`"rising" %d, rising %d`, exact.Total, stemmed.Total)
	}
	word := regexp.MustCompile(`(?i)\brising\b`)
	for _, h := range exact.Hits {
		a, err := svc.Article(context.Background(), h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !word.MatchString(a.Title + "\n" + a.Body) {
			t.Errorf(`"rising" hit %s without the word: %q`, h.ID, a.Title)
		}
		// Highlighted as written too: "rising", never "rise" or "rises".
		marked := strings.ToLower(h.TitleHTML + h.Snippet)
		if !strings.Contains(marked, "<mark>rising</mark>") || strings.Contains(marked, "<mark>rise") && !strings.Contains(marked, "<mark>rising") {
			t.Errorf(`"rising" hit %s highlighted %q %q`, h.ID, h.TitleHTML, h.Snippet)
		}
		if strings.Contains(marked, "<mark>rises</mark>") || strings.Contains(marked, "<mark>rise</mark>") {
			t.Errorf(`"rising" hit %s marks another form: %q %q`, h.ID, h.TitleHTML, h.Snippet)
		}
	}
}
