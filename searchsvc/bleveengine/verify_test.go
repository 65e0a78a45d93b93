package bleveengine

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/syndex/syndex/searchsvc/searchtest"

	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/query"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// TestQuickStemsEqualAnalyzer checks the quick analysis of phrase
// verification against the index's analyzer: wherever quickTokens accepts
// a text, it must find the analyzer's tokens, at the same positions and
// with the same stems. The texts are tricky hand-written ones, random
// strings over an alphabet of the characters the rules single out, and
// every title and body of the shared corpora.
func TestQuickStemsEqualAnalyzer(t *testing.T) {
	eng := fixtureEngine(t)
	q := newQuickStems(eng.an)
	if q == nil {
		t.Fatal("no quick analysis for the index's analyzer")
	}
	tokenizer := eng.an.(*analysis.DefaultAnalyzer).Tokenizer
	texts := []string{
		"", " ", "Chief Executive's office", "U.S. oil: crude.Oil 1,000 barrels; 3.5% a:b a'b a’b a‘b 'a' ’a’",
		"x_y _ a_ _1 1_", "1,2 1;2 1.2 1:2 1'2 a,b a;b a.1 1.a a1b2 12ab", "end. Next", "end.Next", "a..b a.'b a'.b",
		"“Quoted” — dash – en … £5 €3 a\u00a0b", "café naïve", "a\u0301b", "soft\u00adhyphen", "tab\tnew\nline\r\n",
		"THE Federal RESERVE's", "it's", "'s s' S'S", "a.", "a'", "1.", "a’", "’",
	}
	alphabet := []string{"a", "B", "z", "s", "S", "1", "9", " ", ".", ",", ";", ":", "'", "_", "-", "\"", "’", "‘",
		"“", "”", "—", "–", "―", "£", "€", "…", "\u00a0", "é", "\u0301", "\u00ad", "\n", "\t", "the", "oil", "Crude"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		var b strings.Builder
		for range 1 + rng.IntN(10) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	nHand := len(texts)
	if dir := sharedDirOrEmpty(t); dir != "" && !testing.Short() {
		_, files := searchtest.SharedIndex(t)
		for _, a := range searchtest.ReadJSONL(t, files) {
			texts = append(texts, a.Title, a.Body)
		}
	}
	quick, quickCorpus := 0, 0
	for ti, text := range texts {
		spans, ok := quickTokens(text, nil)
		if !ok {
			continue
		}
		quick++
		if ti >= nHand {
			quickCorpus++
		}
		toks := tokenizer.Tokenize([]byte(text))
		if len(toks) != len(spans) {
			t.Errorf("%q: %d quick tokens, the tokenizer %d", clipTest(text), len(spans), len(toks))
			continue
		}
		full := analyzeText(eng.an, text)
		for i, sp := range spans {
			if tk := toks[i]; tk.Start != sp.start || tk.End != sp.end || tk.Position != i+1 {
				t.Errorf("%q: quick token %d is %q, the tokenizer's %q", clipTest(text), i, text[sp.start:sp.end], tk.Term)
				break
			}
			want := ""
			if i+1 < len(full.stems) {
				want = full.stems[i+1]
			}
			if got, ok := q.stem(text, sp); !ok || got != want {
				t.Errorf("%q: stem of %q is %q (%v), the analyzer's %q", clipTest(text), text[sp.start:sp.end], got, ok, want)
			}
		}
	}
	t.Logf("quick analysis took %d of %d texts (%d of %d corpus texts)", quick, len(texts), quickCorpus, len(texts)-nHand)
	if n := len(texts) - nHand; n > 0 && quickCorpus < n*9/10 {
		t.Errorf("quick analysis took only %d of %d corpus texts", quickCorpus, n)
	}
}

func clipTest(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// TestIndexFoldRandom checks indexFold against lower-casing the text and
// searching it, on random texts, needles and starting points.
func TestIndexFoldRandom(t *testing.T) {
	lowerASCII := func(s string) string {
		b := []byte(s)
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	const letters = "eExXzZa é"
	for range 200000 {
		var sb, nb strings.Builder
		for range rng.IntN(20) {
			sb.WriteByte(letters[rng.IntN(len(letters))])
		}
		for range 1 + rng.IntN(4) {
			nb.WriteByte("exza"[rng.IntN(4)])
		}
		s, needle := sb.String(), nb.String()
		from := rng.IntN(len(s) + 2)
		want := -1
		if from <= len(s) {
			if i := strings.Index(lowerASCII(s[from:]), needle); i >= 0 {
				want = from + i
			}
		}
		if got := indexFold(s, needle, from); got != want {
			t.Fatalf("indexFold(%q, %q, %d) = %d, want %d", s, needle, from, got, want)
		}
	}
}

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
			b := eng.build(q, c)
			terms := newTermPlans(&r)
			for i := range terms {
				terms[i].count = searchsvc.TermFilters[i].Facet != nil
			}
			p := &plan{cache: &eng.cols, terms: terms,
				countPub: true, now: searchtest.TestNow.UnixNano(), verify: b.verify, an: eng.an}
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
