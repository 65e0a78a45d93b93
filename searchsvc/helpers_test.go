package searchsvc

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/sharedtest"
)

// testNow pins "now" for freshness and the fixed date ranges in tests.
var testNow = time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)

// tempDirs are removed after all tests (indexes are shared between tests).
var (
	tempMu   sync.Mutex
	tempDirs []string
)

func TestMain(m *testing.M) {
	code := m.Run()
	tempMu.Lock()
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	tempMu.Unlock()
	os.Exit(code)
}

func mkTemp(tb testing.TB, pattern string) string {
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

// quietLog discards logs; set SYNDEX_TEST_LOG=1 to see them.
func quietLog() *slog.Logger {
	if os.Getenv("SYNDEX_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.DiscardHandler)
}

// fixtureArticle is an article of the fixture corpus, in the JSON Lines
// form syndex imports.
type fixtureArticle struct {
	ID        string   `json:"id"`
	URL       string   `json:"url,omitempty"`
	Title     string   `json:"title"`
	Body      string   `json:"body"`
	Source    string   `json:"source,omitempty"`
	Published string   `json:"published,omitempty"`
	Tags      []string `json:"tags,omitempty"`
	Lang      string   `json:"lang,omitempty"`
}

// Fixture vocabulary. Topic words appear only where the generator puts
// them, so expected counts can be computed from the articles themselves.
var (
	fxSources = []string{"Alpha Wire", "Beta News", "Gamma Post"}
	fxTags    = []string{"energy", "markets", "crypto", "politics"}
)

const xssText = `<script>alert("x")</script> "onerror=alert(1) </mark> & 'quotes'`

// fixtureProse returns a paragraph of about 60 words that differs from
// article to article, so that the generated articles are different stories
// and not syndicated copies of one (see indexer/story.go).
func fixtureProse(i int) string {
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

// fixtureArticles is the fixture corpus: 60 generated articles with known
// sources, tags, dates and topic words, and a few special ones.
func fixtureArticles() []fixtureArticle {
	var out []fixtureArticle
	base := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	filler := "Officials described the week as busy. Analysts expect more news soon. Markets were calm in early trading."
	for i := range 60 {
		a := fixtureArticle{
			ID:     fmt.Sprintf("fx-%02d", i),
			URL:    fmt.Sprintf("https://fixture.example/%02d", i),
			Source: fxSources[i%3],
			Tags:   []string{fxTags[i%4]},
			Lang:   "en",
		}
		if i%5 == 0 {
			a.Tags = append(a.Tags, fxTags[(i+1)%4])
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
		a.Body = fmt.Sprintf("%s The %s report was published. %s %s", filler, strings.Join(topics, " "), filler, fixtureProse(i))
		out = append(out, a)
	}
	long := strings.Repeat("Filler sentence about nothing in particular keeps going. ", 120)
	out = append(out,
		fixtureArticle{ID: "xss", Title: xssText + " inflation", Body: "Before. " + xssText + " inflation rises. After.",
			Source: "Alpha Wire", Published: "2024-03-05T10:00:00Z", Tags: []string{"markets"}, Lang: "en"},
		// Phrase: adjacent in one, apart in the other.
		fixtureArticle{ID: "phrase-yes", Title: "Crude oil climbs", Body: "Crude oil prices rose on Monday as supply tightened.",
			Source: "Beta News", Published: "2024-04-01T08:00:00Z", Tags: []string{"energy"}, Lang: "en"},
		fixtureArticle{ID: "phrase-no", Title: "Oil and crude words apart", Body: "The oil market was quiet; crude stocks rose.",
			Source: "Beta News", Published: "2024-04-02T08:00:00Z", Tags: []string{"energy"}, Lang: "en"},
		// The phrase deep in a long body (windowed verification).
		fixtureArticle{ID: "phrase-long", Title: "A long report", Body: long + " Traders said crude oil was volatile. " + long,
			Source: "Gamma Post", Published: "2024-04-03T08:00:00Z", Tags: []string{"energy"}, Lang: "en"},
		// Identical texts: equally good matches, the newer must rank first.
		fixtureArticle{ID: "twin-old", Title: "Heron sighted at the lake", Body: "A heron was sighted at the lake.",
			Source: "Gamma Post", Published: "2024-05-01T08:00:00Z", Tags: []string{"politics"}, Lang: "en"},
		fixtureArticle{ID: "twin-new", Title: "Heron sighted at the lake", Body: "A heron was sighted at the lake.",
			Source: "Gamma Post", Published: "2024-06-01T08:00:00Z", Tags: []string{"politics"}, Lang: "en"},
		// Spelling correction targets.
		fixtureArticle{ID: "infl-1", Title: "Inflation slows", Body: "Inflation slowed in May, the statistics office said.",
			Source: "Alpha Wire", Published: "2024-06-10T08:00:00Z", Tags: []string{"markets"}, Lang: "en"},
		fixtureArticle{ID: "infl-2", Title: "Central bank watches inflation", Body: "The central bank said inflation remains high.",
			Source: "Beta News", Published: "2024-06-11T08:00:00Z", Tags: []string{"markets"}, Lang: "en"},
		fixtureArticle{ID: "infl-3", Title: "Prices and inflation", Body: "Inflation data due on Friday.",
			Source: "Gamma Post", Published: "2024-06-12T08:00:00Z", Tags: []string{"markets"}, Lang: "en"},
		// OR and exclusion.
		fixtureArticle{ID: "btc", Title: "Bitcoin rallies", Body: "Bitcoin rallied as OPEC met.",
			Source: "Alpha Wire", Published: "2024-06-20T08:00:00Z", Tags: []string{"crypto"}, Lang: "en"},
		fixtureArticle{ID: "eth", Title: "Ethereum upgrade", Body: "Ethereum developers shipped an upgrade.",
			Source: "Beta News", Published: "2024-06-21T08:00:00Z", Tags: []string{"crypto"}, Lang: "en"},
		// Another language; fresh (inside the 24 h and 7 d ranges).
		fixtureArticle{ID: "de-1", Title: "Zephyr Bericht auf Deutsch", Body: "Ein zephyr Bericht.",
			Source: "Gamma Post", Published: "2024-07-01T06:00:00Z", Tags: []string{"politics"}, Lang: "de"},
	)
	return out
}

// fixture is the fixture corpus indexed once per test binary.
var fixture struct {
	once sync.Once
	ix   *indexer.Index
	arts []fixtureArticle
	err  error
}

// writeJSONL writes articles to dir/name.
func writeJSONL(tb testing.TB, dir, name string, arts []fixtureArticle) string {
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

// fixtureIndex returns the fixture index, built on first use.
func fixtureIndex(tb testing.TB) (*indexer.Index, []fixtureArticle) {
	tb.Helper()
	fixture.once.Do(func() {
		dir := mkTemp(tb, "syndex-fixture-")
		fixture.arts = fixtureArticles()
		src := writeJSONL(tb, dir, "fixture.jsonl", fixture.arts)
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

// fixtureService returns a Service over the fixture index with "now" pinned.
func fixtureService(tb testing.TB) *Service {
	tb.Helper()
	ix, _ := fixtureIndex(tb)
	svc, err := New(ix, Config{Now: func() time.Time { return testNow }, Log: quietLog()})
	if err != nil {
		tb.Fatal(err)
	}
	return svc
}

// reindexService reindexes sources into the location loc and returns the
// open index (closed when the test ends) and a Service over it.
func reindexService(tb testing.TB, loc string, sources ...string) (*indexer.Index, *Service) {
	tb.Helper()
	if _, err := indexer.Reindex(context.Background(), loc, sources, indexer.WriteOptions{}); err != nil {
		tb.Fatal(err)
	}
	ix, err := indexer.Open(loc)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	svc, err := New(ix, Config{Log: quietLog()})
	if err != nil {
		tb.Fatal(err)
	}
	return ix, svc
}

// monthCounts returns the non-empty buckets of a published histogram.
func monthCounts(df *DateFacet) map[string]int {
	m := map[string]int{}
	for _, b := range df.Buckets {
		if b.Count > 0 {
			m[b.Key] = b.Count
		}
	}
	return m
}

// sharedDir returns a path under the shared corpora (see sharedtest.Dir).
func sharedDir(tb testing.TB, parts ...string) string {
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

// sharedIndex returns the index of the shared JSONL corpora.
func sharedIndex(tb testing.TB) (*indexer.Index, []string) {
	tb.Helper()
	dir := sharedDir(tb, "corpora", "jsonl")
	shared.once.Do(func() {
		files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
		if err != nil || len(files) == 0 {
			shared.err = fmt.Errorf("no JSONL files in %s (%v)", dir, err)
			return
		}
		shared.files = files
		loc := filepath.Join(mkTemp(tb, "syndex-shared-"), "index")
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

// readJSONL reads the JSON Lines files independently of the indexer.
func readJSONL(tb testing.TB, files []string) []fixtureArticle {
	tb.Helper()
	var out []fixtureArticle
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var a fixtureArticle
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

// doSearch runs a search given as URL parameters through ParseRequest.
func doSearch(tb testing.TB, svc *Service, params string) *Response {
	tb.Helper()
	v, err := url.ParseQuery(params)
	if err != nil {
		tb.Fatal(err)
	}
	req, err := ParseRequest(v)
	if err != nil {
		tb.Fatalf("%s: %v", params, err)
	}
	res, err := svc.Search(context.Background(), req)
	if err != nil {
		tb.Fatalf("%s: %v", params, err)
	}
	return res
}

// ids returns the ids of the hits.
func ids(res *Response) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.ID
	}
	return out
}

// facetMap returns a term facet as value -> count, without the zero counts
// of selected values the matches lack.
func facetMap(tf *TermFacet) map[string]int {
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

// apiSpec is the OpenAPI document and router, loaded once.
var apiSpec struct {
	once   sync.Once
	doc    *openapi3.T
	router routers.Router
	err    error
}

// specRouter returns the router over the embedded OpenAPI document.
func specRouter(tb testing.TB) routers.Router {
	tb.Helper()
	apiSpec.once.Do(func() {
		doc, err := openapi3.NewLoader().LoadFromData(OpenAPI())
		if err != nil {
			apiSpec.err = err
			return
		}
		if err := doc.Validate(context.Background()); err != nil {
			apiSpec.err = fmt.Errorf("invalid OpenAPI document: %w", err)
			return
		}
		doc.Servers = nil // match any host
		apiSpec.doc = doc
		apiSpec.router, apiSpec.err = legacy.NewRouter(doc)
	})
	if apiSpec.err != nil {
		tb.Fatal(apiSpec.err)
	}
	return apiSpec.router
}

// checkSpec validates a real response (and, when it succeeded, its request)
// against the OpenAPI document.
func checkSpec(tb testing.TB, req *http.Request, rec *httptest.ResponseRecorder) {
	tb.Helper()
	route, params, err := specRouter(tb).FindRoute(req)
	if err != nil && rec.Code == http.StatusNotFound && strings.Contains(rec.Body.String(), `"not_found"`) {
		return // an undocumented path is a JSON 404, as it should be
	}
	if err != nil {
		tb.Errorf("%s %s: not in the OpenAPI document: %v", req.Method, req.URL, err)
		return
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{MultiError: true, ExcludeRequestBody: true,
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	if rec.Code < 400 {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			tb.Errorf("%s %s: request does not match the OpenAPI document: %v", req.Method, req.URL, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code, Header: rec.Header(),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	out.SetBodyBytes(rec.Body.Bytes())
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		tb.Errorf("%s %s: %d response does not match the OpenAPI document: %v\n%s", req.Method, req.URL, rec.Code, err, clipBody(rec.Body.Bytes()))
	}
}

func clipBody(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "..."
	}
	return string(b)
}

// do sends a request to h, checks the response against the OpenAPI
// document and returns it.
func do(tb testing.TB, h http.Handler, method, target string, hdr ...string) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if method == http.MethodGet {
		checkSpec(tb, req, rec)
	}
	return rec
}

// decode parses a JSON response body into v.
func decode(tb testing.TB, rec *httptest.ResponseRecorder, v any) {
	tb.Helper()
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		tb.Fatalf("decode %q: %v", clipBody(rec.Body.Bytes()), err)
	}
}

// apiError is the error body, decoded.
type apiError struct {
	Error struct {
		Code, Message, Parameter string
	} `json:"error"`
}
