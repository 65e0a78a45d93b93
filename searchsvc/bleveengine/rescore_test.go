package bleveengine

import (
	"context"
	"math"
	"net/url"
	"slices"
	"strings"
	"testing"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/bleveengine/rank"
	"github.com/syndex/syndex/searchsvc/searchtest"
)

// rankingService indexes arts and returns a Service whose engine ranks
// with rk, and the engine.
func rankingService(t *testing.T, arts []searchtest.FixtureArticle, rk rank.Ranking) (*searchsvc.Service, *Engine, *indexer.Index) {
	t.Helper()
	dir := t.TempDir()
	ix, _ := reindexService(t, dir+"/index", searchtest.WriteJSONL(t, dir, "arts.jsonl", arts))
	e, err := New(ix, Config{Log: searchtest.QuietLog(), Ranking: rk})
	if err != nil {
		t.Fatal(err)
	}
	return newService(t, e), e, ix
}

// bm25fOnly is rank.DefaultRanking without the rescoring.
var bm25fOnly = rank.Ranking{K1: 1.2, TitleWeight: 3, TitleB: 0.5, BodyB: 0.75}

// TestBM25FScoresAsDocumented computes the documented formula by hand
// for one-word queries and compares it with the scores of the hits.
func TestBM25FScoresAsDocumented(t *testing.T) {
	filler := func(i, words int) string {
		f := strings.Fields(searchtest.FixtureProse(i) + " " + searchtest.FixtureProse(i+100))
		return strings.Join(f[:words], " ")
	}
	arts := []searchtest.FixtureArticle{
		{ID: "title-short", Title: "Copper", Body: filler(1, 40), Lang: "en"},
		{ID: "title-long", Title: "Copper and the harbor council budget of the river town", Body: filler(2, 40), Lang: "en"},
		{ID: "body-once-short", Title: "Metals", Body: "copper " + filler(3, 20), Lang: "en"},
		{ID: "body-once-long", Title: "Metals", Body: "copper " + filler(4, 110), Lang: "en"},
		{ID: "body-many", Title: "Metals", Body: strings.Repeat("copper ", 6) + filler(5, 40), Lang: "en"},
		{ID: "none", Title: "Other", Body: filler(6, 40), Lang: "en"},
	}
	svc, e, ix := rankingService(t, arts, bm25fOnly)
	res := searchtest.DoSearch(t, svc, "q=copper&collapse=false&facets=&size=10")
	if res.Total != 5 {
		t.Fatalf("total %d, want 5", res.Total)
	}
	got := map[string]float64{}
	for _, h := range res.Hits {
		got[h.ID] = h.Score
	}
	var avg rank.FieldLengths
	var n, df uint64
	err := e.withReader(ix, func(r index.IndexReader) (err error) {
		if avg, err = e.lengths.Get(context.Background(), r); err != nil {
			return err
		}
		n, _ = r.DocCount()
		for _, f := range []string{indexer.FieldTitle, indexer.FieldBody} {
			tfr, err := r.TermFieldReader(context.Background(), []byte("copper"), f, false, false, false)
			if err != nil {
				return err
			}
			df = max(df, tfr.Count())
			tfr.Close()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	idf := math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
	tokens := func(s string) float64 { return float64(len(e.an.Analyze([]byte(s)))) }
	for _, a := range arts[:5] {
		rk := bm25fOnly
		tf := rk.TitleWeight*float64(strings.Count(strings.ToLower(a.Title), "copper"))/(1-rk.TitleB+rk.TitleB*tokens(a.Title)/avg.Title) +
			float64(strings.Count(a.Body, "copper"))/(1-rk.BodyB+rk.BodyB*tokens(a.Body)/avg.Body)
		want := idf * tf * (rk.K1 + 1) / (rk.K1 + tf)
		if math.Abs(got[a.ID]-want) > 1e-3*want {
			t.Errorf("%s: score %.5f, the formula gives %.5f", a.ID, got[a.ID], want)
		}
	}
	// What the formula is for: a word in a short title outweighs one in a
	// long title, a short body one in a long body, more occurrences count
	// but saturate.
	if !(got["title-short"] > got["title-long"] && got["body-once-short"] > got["body-once-long"] &&
		got["body-many"] > got["body-once-short"] && got["body-many"] < 6*got["body-once-short"]) {
		t.Errorf("scores do not order as BM25F should: %v", got)
	}
}

// TestAverageLengthEstimate compares the sampled mean field lengths with
// the exact means (every posting's frequency summed) on a real corpus.
func TestAverageLengthEstimate(t *testing.T) {
	dir := t.TempDir()
	ix, _ := reindexService(t, dir+"/index", searchtest.SharedDir(t, "corpora", "jsonl", "bbc.jsonl"))
	e := fixtureEngine(t)
	err := e.withReader(ix, func(r index.IndexReader) error {
		n, _ := r.DocCount()
		var lc rank.LengthCache
		est, err := lc.Get(context.Background(), r)
		if err != nil {
			return err
		}
		for _, f := range []struct {
			name string
			est  float64
		}{{indexer.FieldTitle, est.Title}, {indexer.FieldBody, est.Body}} {
			fd, err := r.FieldDict(f.name)
			if err != nil {
				return err
			}
			var total uint64
			for {
				de, err := fd.Next()
				if err != nil {
					return err
				}
				if de == nil {
					break
				}
				tfr, err := r.TermFieldReader(context.Background(), []byte(de.Term), f.name, true, false, false)
				if err != nil {
					return err
				}
				var d index.TermFieldDoc
				for {
					p, err := tfr.Next(d.Reset())
					if err != nil {
						return err
					}
					if p == nil {
						break
					}
					total += p.Freq
				}
				tfr.Close()
			}
			fd.Close()
			exact := float64(total) / float64(n)
			t.Logf("%s: estimated %.1f tokens, exact %.1f", f.name, f.est, exact)
			if math.Abs(f.est-exact) > 0.2*exact {
				t.Errorf("%s: estimated mean length %.1f, exact %.1f (more than 20%% off)", f.name, f.est, exact)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestProximityRanksNearWordsFirst: two articles with the same words as
// often and as long; the one where they stand together ranks first only
// with proximity, and by the documented amount.
func TestProximityRanksNearWordsFirst(t *testing.T) {
	arts := []searchtest.FixtureArticle{
		// Ties go to the greater id: proximity must overcome that.
		{ID: "b-apart", Title: "Results", Body: "net " + searchtest.FixtureProse(1) + " profit", Lang: "en"},
		{ID: "a-near", Title: "Results", Body: "net profit " + searchtest.FixtureProse(2), Lang: "en"},
	}
	for _, tc := range []struct {
		proximity float64
		first     string
	}{{0, "b-apart"}, {1, "a-near"}} {
		rk := bm25fOnly
		rk.Proximity = tc.proximity
		svc, _, _ := rankingService(t, arts, rk)
		res := searchtest.DoSearch(t, svc, "q=net+profit&collapse=false&facets=")
		ids := searchtest.IDs(res)
		if len(ids) != 2 {
			t.Fatalf("proximity %v: hits %v", tc.proximity, ids)
		}
		near, apart := res.Hits[0].Score, res.Hits[1].Score
		if ids[0] != "a-near" {
			near, apart = apart, near
		}
		if ids[0] != tc.first {
			t.Errorf("proximity %v: order %v, want %s first", tc.proximity, ids, tc.first)
		}
		if tc.proximity == 0 && math.Abs(near-apart) > 1e-9*near {
			t.Errorf("without proximity the scores differ: near %v, apart %v", near, apart)
		}
	}
}

// copperArticles are the feedback tests' articles: a short market item
// ("passing") that mentions copper once, and four longer mining reports
// ("report-0" to "report-3") that share a vocabulary (smelter, mine,
// concentrate).
func copperArticles() []searchtest.FixtureArticle {
	arts := []searchtest.FixtureArticle{
		{ID: "passing", Title: "Market close", Body: "Copper closed higher. " + strings.Join(strings.Fields(searchtest.FixtureProse(9))[:12], " "), Lang: "en"},
	}
	for i, lead := range []string{
		"The copper smelter raised output as concentrate shipments from the mine grew.",
		"Miners expect copper concentrate supply to tighten as the smelter expands.",
		"A new copper mine will ship concentrate to the smelter from next year.",
		"Smelter workers struck at the copper mine, cutting concentrate output.",
	} {
		arts = append(arts, searchtest.FixtureArticle{ID: "report-" + itoa(i), Title: "Mining report",
			Body: lead + " " + searchtest.FixtureProse(i) + " " + searchtest.FixtureProse(i+20), Lang: "en"})
	}
	return arts
}

// TestFeedbackPromotesTopicalArticles: for "copper", a short item that
// mentions the word once outscores by BM25F the longer reports about
// copper mining, which share their vocabulary; feedback ranks a report
// first.
func TestFeedbackPromotesTopicalArticles(t *testing.T) {
	arts := copperArticles()
	first := func(rk rank.Ranking) string {
		svc, _, _ := rankingService(t, arts, rk)
		res := searchtest.DoSearch(t, svc, "q=copper&collapse=false&facets=")
		if res.Total != 5 {
			t.Fatalf("total %d", res.Total)
		}
		return res.Hits[0].ID
	}
	if got := first(bm25fOnly); got != "passing" {
		t.Fatalf("the test's premise: BM25F alone ranks %s first, not the short item", got)
	}
	rk := bm25fOnly
	rk.Feedback = rank.DefaultRanking.Feedback
	if got := first(rk); !strings.HasPrefix(got, "report-") {
		t.Errorf("with feedback %s ranks first, want a mining report", got)
	}
}

// TestFeedbackCapBoundsWhatFeedbackAdds scores the same articles with
// BM25F alone and with unbounded and bounded feedback (no proximity): with
// the bound, feedback adds to every hit something between nothing and the
// cap's share of its BM25F score, and to some hit more than nothing;
// unbounded, it adds more than that share to some hit (the premise).
func TestFeedbackCapBoundsWhatFeedbackAdds(t *testing.T) {
	arts := copperArticles()
	scores := func(rk rank.Ranking) map[string]float64 {
		svc, _, _ := rankingService(t, arts, rk)
		res := searchtest.DoSearch(t, svc, "q=copper+concentrate&collapse=false&facets=")
		out := map[string]float64{}
		for _, h := range res.Hits {
			out[h.ID] = h.Score
		}
		return out
	}
	base := scores(bm25fOnly)
	open, capped := bm25fOnly, bm25fOnly
	open.Feedback, capped.Feedback = 2, 2
	capped.FeedbackCap = 0.1
	unbounded, bounded := scores(open), scores(capped)
	if len(base) < 4 || len(bounded) != len(base) || len(unbounded) != len(base) {
		t.Fatalf("hits: %d BM25F, %d unbounded, %d bounded", len(base), len(unbounded), len(bounded))
	}
	over, grew := false, false
	for id, b := range base {
		if unbounded[id] > b*(1+capped.FeedbackCap)*(1+1e-9) {
			over = true
		}
		got := bounded[id]
		if got < b*(1-1e-9) || got > b*(1+capped.FeedbackCap)*(1+1e-9) {
			t.Errorf("%s: score %v with bounded feedback, want within [%v, %v]", id, got, b, b*(1+capped.FeedbackCap))
		}
		if got > b*(1+1e-9) {
			grew = true
		}
	}
	if !over {
		t.Fatalf("the test's premise: unbounded feedback adds less than %.0f%% to every hit (%v against %v)", 100*capped.FeedbackCap, unbounded, base)
	}
	if !grew {
		t.Errorf("bounded feedback added nothing to any hit: %v against %v", bounded, base)
	}
}

// TestRescoredPagesAreOneOrder pages through multi-word and one-word
// queries across the rescore window on the shared corpora, by cursor and
// by page number: every hit once, in the same order, scores never rising.
func TestRescoredPagesAreOneOrder(t *testing.T) {
	svc, _ := sharedService(t)
	for _, q := range []string{"oil prices", "coffee", "bank interest rates"} {
		base := "q=" + url.QueryEscape(q) + "&facets=&size=30"
		res := searchtest.DoSearch(t, svc, base)
		if res.Total <= RescoreWindow+30 {
			t.Fatalf("%s: %d hits, too few to cross the window", q, res.Total)
		}
		var got []string
		var scores []float64
		for len(got) < RescoreWindow+60 {
			for _, h := range res.Hits {
				got = append(got, h.ID)
				scores = append(scores, h.Score)
			}
			if res.NextCursor == "" {
				break
			}
			res = searchtest.DoSearch(t, svc, base+"&cursor="+url.QueryEscape(res.NextCursor))
		}
		seen := map[string]bool{}
		for i, id := range got {
			if seen[id] {
				t.Fatalf("%s: %s twice", q, id)
			}
			seen[id] = true
			if i > 0 && scores[i] > scores[i-1] {
				t.Fatalf("%s: score rises at %d: %v then %v", q, i, scores[i-1], scores[i])
			}
		}
		var byPage []string
		for p := 1; len(byPage) < len(got); p++ {
			byPage = append(byPage, searchtest.IDs(searchtest.DoSearch(t, svc, base+"&page="+itoa(p)))...)
		}
		if !slices.Equal(byPage[:len(got)], got) {
			t.Errorf("%s: cursor and page orders differ", q)
		}
	}
}
