// Package searchtest holds what the tests of every search backend share:
// the fixture corpus (articles with known sources, tags, dates and topic
// words), indexes of it and of the shared corpora built once per test
// binary, search helpers, and the conformance suite (Run) that every
// Backend must pass.
package searchtest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/sharedtest"
	"github.com/syndex/syndex/searchsvc"
)

// TestNow pins "now" for freshness and the fixed date ranges in tests.
var TestNow = time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)

// tempDirs are removed after all tests (indexes are shared between tests).
var (
	tempMu   sync.Mutex
	tempDirs []string
)

// Main runs a package's tests and then removes the indexes built for
// them: call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	tempMu.Lock()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	tempMu.Unlock()
	os.Exit(code)
}

func MkTemp(tb testing.TB, pattern string) string {
	tb.Helper()
	d, err := os.MkdirTemp("", pattern)
	if err != nil {
		tb.Fatal(err)
	}
	tempMu.Lock()
	tempDirs = append(tempDirs, d)
	tempMu.Unlock()
	return d
}

// QuietLog discards logs; set SYNDEX_TEST_LOG=1 to see them.
func QuietLog() *slog.Logger {
	if os.Getenv("SYNDEX_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.DiscardHandler)
}

// FixtureArticle is an article of the fixture corpus, in the JSON Lines
// form syndex imports.
type FixtureArticle = article.Record

// Fixture vocabulary. Topic words appear only where the generator puts
// them, so expected counts can be computed from the articles themselves.
var (
	FxSources = []string{"Alpha Wire", "Beta News", "Gamma Post"}
	FxTags    = []string{"energy", "markets", "crypto", "politics"}
)

const XSSText = `<script>alert("x")</script> "onerror=alert(1) </mark> & 'quotes'`

// FixtureProse returns a paragraph of about 60 words that differs from
// article to article, so that the generated articles are different stories
// and not syndicated copies of one (see indexer/story.go).
func FixtureProse(i int) string {
	words := strings.Fields("harbor council budget river bridge school garden museum festival railway " +
		"library orchard tunnel stadium ferry market bakery clinic factory vineyard " +
		"mayor teacher farmer nurse pilot painter engineer driver chef sailor")
	var b strings.Builder
	x := uint32(i)*2654435761 + 12345
	for n := range 60 {
		x = x*1664525 + 1013904223
		b.WriteString(words[(x>>16)%uint32(len(words))])
		if n%10 == 9 {
			b.WriteString(". ")
		} else {
			b.WriteByte(' ')
		}
	}
	return strings.TrimSpace(b.String())
}

// FxAuthors are the fixture's authors; every fourth generated article has
// none.
var FxAuthors = []string{"Ann Lee", "Bo Chen", "Cy Diaz"}

// FixtureArticles is the fixture corpus: 60 generated articles with known
// sources, tags, authors, dates and topic words, and a few special ones.
func FixtureArticles() []FixtureArticle {
	var out []FixtureArticle
	base := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	filler := "Officials described the week as busy. Analysts expect more news soon. Markets were calm in early trading."
	for i := range 60 {
		a := FixtureArticle{
			ID:     fmt.Sprintf("fx-%02d", i),
			URL:    fmt.Sprintf("https://fixture.example/%02d", i),
			Source: FxSources[i%3],
			Tags:   []string{FxTags[i%4]},
			Lang:   "en",
		}
		if i%4 != 3 {
			a.Author = FxAuthors[i%4]
		}
		if i%5 == 0 {
			a.Tags = append(a.Tags, FxTags[(i+1)%4])
		}
		if i%10 != 9 {
			a.Published = base.Add(time.Duration(i) * 3 * 24 * time.Hour).Format(time.RFC3339)
		}
		var topics []string
		if i%2 == 0 {
			topics = append(topics, "zephyr")
		}
		if i%3 == 0 {
			topics = append(topics, "quokka")
		}
		if len(topics) == 0 {
			topics = append(topics, "plain")
		}
		a.Title = fmt.Sprintf("Story %d about %s", i, strings.Join(topics, " and "))
		a.Body = fmt.Sprintf("%s The %s report was published. %s %s", filler, strings.Join(topics, " "), filler, FixtureProse(i))
		out = append(out, a)
	}
	long := strings.Repeat("Filler sentence about nothing in particular keeps going. ", 120)
	out = append(out,
		FixtureArticle{ID: "xss", Title: XSSText + " inflation", Body: "Before. " + XSSText + " inflation rises. After.",
			Source: "Alpha Wire", Published: "2024-03-05T10:00:00Z", Tags: []string{"markets"}, Lang: "en"},
		// Phrase: adjacent in one, apart in the other.
		FixtureArticle{ID: "phrase-yes", Title: "Crude oil climbs", Body: "Crude oil prices rose on Monday as supply tightened.",
			Source: "Beta News", Published: "2024-04-01T08:00:00Z", Tags: []string{"energy"}, Lang: "en"},
		FixtureArticle{ID: "phrase-no", Title: "Oil and crude words apart", Body: "The oil market was quiet; crude stocks rose.",
			Source: "Beta News", Published: "2024-04-02T08:00:00Z", Tags: []string{"energy"}, Lang: "en"},
		// The phrase deep in a long body (windowed verification).
		FixtureArticle{ID: "phrase-long", Title: "A long report", Body: long + " Traders said crude oil was volatile. " + long,
			Source: "Gamma Post", Published: "2024-04-03T08:00:00Z", Tags: []string{"energy"}, Lang: "en"},
		// Identical texts: equally good matches, the newer must rank first.
		FixtureArticle{ID: "twin-old", Title: "Heron sighted at the lake", Body: "A heron was sighted at the lake.",
			Source: "Gamma Post", Published: "2024-05-01T08:00:00Z", Tags: []string{"politics"}, Lang: "en"},
		FixtureArticle{ID: "twin-new", Title: "Heron sighted at the lake", Body: "A heron was sighted at the lake.",
			Source: "Gamma Post", Published: "2024-06-01T08:00:00Z", Tags: []string{"politics"}, Lang: "en"},
		// Spelling correction targets.
		FixtureArticle{ID: "infl-1", Title: "Inflation slows", Body: "Inflation slowed in May, the statistics office said.",
			Source: "Alpha Wire", Published: "2024-06-10T08:00:00Z", Tags: []string{"markets"}, Lang: "en"},
		FixtureArticle{ID: "infl-2", Title: "Central bank watches inflation", Body: "The central bank said inflation remains high.",
			Source: "Beta News", Published: "2024-06-11T08:00:00Z", Tags: []string{"markets"}, Lang: "en"},
		FixtureArticle{ID: "infl-3", Title: "Prices and inflation", Body: "Inflation data due on Friday.",
			Source: "Gamma Post", Published: "2024-06-12T08:00:00Z", Tags: []string{"markets"}, Lang: "en"},
		// OR and exclusion.
		FixtureArticle{ID: "btc", Title: "Bitcoin rallies", Body: "Bitcoin rallied as OPEC met.",
			Source: "Alpha Wire", Published: "2024-06-20T08:00:00Z", Tags: []string{"crypto"}, Lang: "en"},
		FixtureArticle{ID: "eth", Title: "Ethereum upgrade", Body: "Ethereum developers shipped an upgrade.",
			Source: "Beta News", Published: "2024-06-21T08:00:00Z", Tags: []string{"crypto"}, Lang: "en"},
		// Another language; fresh (inside the 24 h and 7 d ranges).
		FixtureArticle{ID: "de-1", Title: "Zephyr Bericht auf Deutsch", Body: "Ein zephyr Bericht.",
			Source: "Gamma Post", Published: "2024-07-01T06:00:00Z", Tags: []string{"politics"}, Lang: "de"},
	)
	return out
}

// fixture is the fixture corpus indexed once per test binary.
var fixture struct {
	once sync.Once
	ix   *indexer.Index
	arts []FixtureArticle
	err  error
}

// WriteJSONL writes articles to dir/name.
func WriteJSONL(tb testing.TB, dir, name string, arts []FixtureArticle) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		tb.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for _, a := range arts {
		if err := enc.Encode(a); err != nil {
			tb.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return p
}

// FixtureIndex returns the fixture index, built on first use.
func FixtureIndex(tb testing.TB) (*indexer.Index, []FixtureArticle) {
	tb.Helper()
	fixture.once.Do(func() {
		dir := MkTemp(tb, "syndex-fixture-")
		fixture.arts = FixtureArticles()
		src := WriteJSONL(tb, dir, "fixture.jsonl", fixture.arts)
		loc := filepath.Join(dir, "index")
		sum, err := indexer.Reindex(context.Background(), loc, []string{src}, indexer.WriteOptions{})
		if err == nil && sum.Rejected > 0 {
			err = fmt.Errorf("fixture: %d rejected: %v", sum.Rejected, sum.Errors)
		}
		if err != nil {
			fixture.err = err
			return
		}
		fixture.ix, fixture.err = indexer.Open(loc)
	})
	if fixture.err != nil {
		tb.Fatalf("build fixture index: %v", fixture.err)
	}
	return fixture.ix, fixture.arts
}

// MonthCounts returns the non-empty buckets of a published histogram.
func MonthCounts(df *searchsvc.DateFacet) map[string]int {
	m := map[string]int{}
	for _, b := range df.Buckets {
		if b.Count > 0 {
			m[b.Key] = b.Count
		}
	}
	return m
}

// SharedDir returns a path under the shared corpora (see sharedtest.Dir).
func SharedDir(tb testing.TB, parts ...string) string {
	tb.Helper()
	return sharedtest.Dir(tb, parts...)
}

// shared is the 35k-article index of ../shared/corpora/jsonl, built once.
var shared struct {
	once  sync.Once
	ix    *indexer.Index
	files []string
	err   error
}

// SharedIndex returns the index of the shared JSONL corpora.
func SharedIndex(tb testing.TB) (*indexer.Index, []string) {
	tb.Helper()
	dir := SharedDir(tb, "corpora", "jsonl")
	shared.once.Do(func() {
		files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
		if err != nil || len(files) == 0 {
			shared.err = fmt.Errorf("no JSONL files in %s (%v)", dir, err)
			return
		}
		shared.files = files
		loc := filepath.Join(MkTemp(tb, "syndex-shared-"), "index")
		start := time.Now()
		if _, err := indexer.Reindex(context.Background(), loc, files, indexer.WriteOptions{}); err != nil {
			shared.err = err
			return
		}
		tb.Logf("indexed the shared corpora in %v", time.Since(start).Round(time.Millisecond))
		shared.ix, shared.err = indexer.Open(loc)
	})
	if shared.err != nil {
		tb.Fatalf("build shared index: %v", shared.err)
	}
	return shared.ix, shared.files
}

// ReadJSONL reads the JSON Lines files independently of the indexer.
func ReadJSONL(tb testing.TB, files []string) []FixtureArticle {
	tb.Helper()
	var out []FixtureArticle
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var a FixtureArticle
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				tb.Fatalf("%s: %v", p, err)
			}
			out = append(out, a)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			tb.Fatal(err)
		}
	}
	return out
}

// DoSearch runs a search given as URL parameters through ParseRequest.
func DoSearch(tb testing.TB, svc *searchsvc.Service, params string) *searchsvc.Response {
	tb.Helper()
	v, err := url.ParseQuery(params)
	if err != nil {
		tb.Fatal(err)
	}
	req, err := searchsvc.ParseRequest(v)
	if err != nil {
		tb.Fatalf("%s: %v", params, err)
	}
	res, err := svc.Search(context.Background(), req)
	if err != nil {
		tb.Fatalf("%s: %v", params, err)
	}
	return res
}

// IDs returns the ids of the hits.
func IDs(res *searchsvc.Response) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.ID
	}
	return out
}

// FacetMap returns a term facet as value -> count, without the zero counts
// of selected values the matches lack.
func FacetMap(tf *searchsvc.TermFacet) map[string]int {
	m := map[string]int{}
	if tf == nil {
		return m
	}
	for _, v := range tf.Values {
		if v.Count > 0 {
			m[v.Value] = v.Count
		}
	}
	return m
}
