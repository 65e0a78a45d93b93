package bleveengine

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/syndex/syndex/searchsvc/searchtest"

	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/query"

	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// withVerifyWorkers runs f with verifyWorkers set to n.
func withVerifyWorkers(n int32, f func()) {
	old := verifyWorkers.Load()
	verifyWorkers.Store(n)
	defer verifyWorkers.Store(old)
	f()
}

// phraseTestQueries are searches with phrases verified on stored text,
// with many candidates in the shared corpora, and with filters, negations,
// alternatives, sorts and pages around them.
var phraseTestQueries = []string{
	`q="chief executive"`, `q="federal reserve"`, `q="crude oil"`, `q="tender offer"`, `q="european union"`,
	`q="world cup"`, `q="hedge fund"`, `q="smart contracts"`, `q="interest rates"&from=1987-04-01&to=1987-05-31`,
	`q="oil prices"&source=Reuters`, `q="oil prices"&tag=crude`, `q="oil prices"&source=Reuters&tag=crude`,
	`q="chief executive"&source=BBC+News&tag=business`, `q=oil+-"crude oil"`, `q="crude oil"+or+"oil prices"`,
	`q="crude oil"+or+petroleum`, `q="bank of england"`, `q="federal reserve"+"interest rates"`,
	`q="chief executive"&sort=newest&size=50`, `q="chief executive"&sort=oldest&page=3`,
	`q="stock market"&lang=en&size=1`, `q="no such phrase anywhere"`, `q="chief executive"+source:reuters`,
}

// TestParallelVerificationEqualsSequential runs phrase searches with the
// candidates verified one at a time when the plan asks (one worker, no
// read-ahead) and read ahead and verified by several goroutines, over the
// shared corpora, and requires identical responses: totals, hits, scores,
// facet counts and cursors.
func TestParallelVerificationEqualsSequential(t *testing.T) {
	ix, _ := searchtest.SharedIndex(t)
	eng, err := New(ix, Config{Log: searchtest.QuietLog()})
	if err != nil {
		t.Fatal(err)
	}
	svc := searchsvc.New(eng, searchsvc.Config{Now: func() time.Time { return searchtest.TestNow }, Log: searchtest.QuietLog()})
	render := func(params string) string {
		res := searchtest.DoSearch(t, svc, params+"&facets=source,tag,published")
		res.TookMS = 0
		out, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	for _, params := range phraseTestQueries {
		var want string
		withVerifyWorkers(1, func() { want = render(params) })
		for _, n := range []int32{2, 3, 8} {
			withVerifyWorkers(n, func() {
				if got := render(params); got != want {
					t.Errorf("%s with %d workers:\n got %.2000s\nwant %.2000s", params, n, got, want)
				}
			})
		}
	}
}

// TestReadAheadNextAndAdvance drives the root searcher directly with a mix
// of Next and forward Advance calls, with and without read-ahead, and
// requires the same matches and the same facet counts.
func TestReadAheadNextAndAdvance(t *testing.T) {
	ix, _ := searchtest.SharedIndex(t)
	eng, err := New(ix, Config{Log: searchtest.QuietLog()})
	if err != nil {
		t.Fatal(err)
	}
	type outcome struct {
		nums                   []uint64
		src, tag, day          []int
		srcMissing, tagMissing int
		undated                int
	}
	drive := func(params string, seed uint64) outcome {
		v, err := url.ParseQuery(params)
		if err != nil {
			t.Fatal(err)
		}
		r, err := searchsvc.ParseRequest(v)
		if err != nil {
			t.Fatal(err)
		}
		q, err := query.Parse(r.Q)
		if err != nil {
			t.Fatal(err)
		}
		var out outcome
		err = eng.withReader(ix, func(reader index.IndexReader) error {
			c, err := eng.cols.get(reader)
			if err != nil {
				return err
			}
			lens, err := eng.lengths.Get(context.Background(), reader)
			if err != nil {
				return err
			}
			b := eng.build(q, c, func(string) []string { return nil }, lens)
			terms := newTermPlans(&r)
			for i := range terms {
				terms[i].count = searchsvc.TermFilters[i].Facet != nil
			}
			p := &plan{cache: &eng.cols, terms: terms,
				countPub: true, now: searchtest.TestNow.UnixNano(), verify: b.verify, ans: eng.ans}
			root := &rootQuery{inner: eng.bleveQuery(b, &r, p), plan: p}
			s, err := root.Searcher(context.Background(), reader, ix.Mapping(), search.SearcherOptions{})
			if err != nil {
				return err
			}
			defer s.Close()
			ctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
			rng := rand.New(rand.NewPCG(seed, 7))
			var last uint64
			for {
				var d *search.DocumentMatch
				if rng.IntN(3) == 0 {
					d, err = s.Advance(ctx, index.NewIndexInternalID(nil, last+1+uint64(rng.IntN(400))))
				} else {
					d, err = s.Next(ctx)
				}
				if err != nil || d == nil {
					break
				}
				last = d.IndexInternalID.Value()
				out.nums = append(out.nums, last)
				ctx.DocumentMatchPool.Put(d)
			}
			out.src, out.tag, out.day = p.terms[srcTerm].counts, p.terms[tagTerm].counts, p.dayCounts
			out.srcMissing, out.tagMissing, out.undated = p.terms[srcTerm].missing, p.terms[tagTerm].missing, p.undated
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	total := 0
	for _, params := range phraseTestQueries[:13] {
		for seed := range uint64(3) {
			var want outcome
			withVerifyWorkers(1, func() { want = drive(params, seed) })
			total += len(want.nums)
			withVerifyWorkers(2, func() {
				got := drive(params, seed)
				if i := firstDiff(got.nums, want.nums); i >= 0 {
					t.Errorf("%s, seed %d: match %d is %v with read-ahead, %v without", params, seed, i,
						got.nums[i:min(i+3, len(got.nums))], want.nums[i:min(i+3, len(want.nums))])
				} else if !reflect.DeepEqual(got, want) {
					t.Errorf("%s, seed %d: the facet counts differ with read-ahead", params, seed)
				}
			})
		}
	}
	t.Logf("%d matches passed on", total)
	if total < 1000 {
		t.Errorf("only %d matches: the test needs more phrase candidates", total)
	}
}

// firstDiff returns the first index where a and b differ, or -1.
func firstDiff(a, b []uint64) int {
	for i := range max(len(a), len(b)) {
		if i >= len(a) || i >= len(b) || a[i] != b[i] {
			return i
		}
	}
	return -1
}
