package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/bleveengine"
	"github.com/syndex/syndex/searchsvc/httpapi"
	"github.com/syndex/syndex/searchsvc/web"
)

// updateGolden rewrites testdata/golden from the current code:
// go test ./searchsvc/web -run TestGolden -update-golden
var updateGolden = flag.Bool("update-golden", false, "rewrite the golden API responses")

// goldenNow pins "now" for the golden responses (after the sample's newest article).
var goldenNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// goldenCases are API and page requests whose responses must not change
// when the code is reorganised: search with facets, collapse on and off,
// filters, sorts, a corrected query, article, related, suggest, values and
// the search page. The cursor case is filled in from the first page.
var goldenCases = []struct{ name, target string }{
	{"search-facets", "/api/v1/search?q=prices&facet_size=5"},
	{"search-collapse-off", "/api/v1/search?q=prices&collapse=false&facet_size=5"},
	{"search-empty-newest", "/api/v1/search?size=5"},
	{"search-filter-sort", "/api/v1/search?q=market&sort=oldest&from=2026-01-01&interval=month&size=4"},
	{"search-phrase-or-not", "/api/v1/search?q=%22interest+rates%22+OR+inflation+-bank&size=5"},
	{"search-corrected", "/api/v1/search?q=harvset+drougth&size=3"},
	{"search-page2", "/api/v1/search?q=the+market&size=3&page=2&facets=source"},
	{"search-bad-param", "/api/v1/search?size=1000"},
	{"suggest", "/api/v1/suggest?q=dro"},
	{"sources", "/api/v1/sources"},
	{"tags", "/api/v1/tags"},
	{"article", "/api/v1/articles/cvt-0001"},
	{"article-missing", "/api/v1/articles/no-such-id"},
	{"related", "/api/v1/articles/cvt-0001/related?size=3"},
	{"page-search", "/search?q=prices+drought"},
	{"page-empty", "/"},
}

// goldenServer builds the bundled sample into a fresh location and serves it.
func goldenServer(t *testing.T) http.Handler {
	t.Helper()
	loc := filepath.Join(t.TempDir(), "index")
	if _, err := indexer.Reindex(context.Background(), loc, []string{"../../testdata/sample"}, indexer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	ix, err := indexer.Open(loc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	eng, err := bleveengine.New(ix, bleveengine.Config{})
	if err != nil {
		t.Fatal(err)
	}
	svc := searchsvc.New(eng, searchsvc.Config{Now: func() time.Time { return goldenNow }})
	srv := httpapi.NewServer(svc, httpapi.ServerConfig{})
	if err := web.Register(srv, svc, web.Config{BaseURL: "https://search.example"}); err != nil {
		t.Fatal(err)
	}
	return srv.Handler()
}

// normalize drops what varies from run to run (timings) and indents JSON.
func normalize(t *testing.T, body []byte) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return tookRe.ReplaceAll(body, []byte(`in # ms`)) // HTML
	}
	var strip func(any)
	strip = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			delete(x, "took_ms")
			for k, c := range x {
				if f, ok := c.(float64); ok {
					x[k] = roundScore(f)
				}
				strip(c)
			}
		case []any:
			for i, c := range x {
				if f, ok := c.(float64); ok {
					x[i] = roundScore(f)
				}
				strip(c)
			}
		}
	}
	strip(v)
	out, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

func TestGoldenResponses(t *testing.T) {
	h := goldenServer(t)
	get := func(target string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		return rec
	}
	cases := goldenCases
	// Cursor paging: the second page by the first page's cursor.
	first := get("/api/v1/search?q=prices&size=3&facets=")
	var page struct {
		NextCursor string `json:"next_cursor"`
	}
	if err := json.Unmarshal(first.Body.Bytes(), &page); err != nil || page.NextCursor == "" {
		t.Fatalf("first page has no cursor (%v): %s", err, first.Body.String())
	}
	cases = append(cases, struct{ name, target string }{"search-cursor", "/api/v1/search?q=prices&size=3&facets=&cursor=" + url.QueryEscape(page.NextCursor)})

	dir := filepath.Join("..", "..", "testdata", "golden")
	if *updateGolden {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := get(tc.target)
			got := append([]byte(strings.TrimSpace("status "+http.StatusText(rec.Code))+"\n"), normalize(t, rec.Body.Bytes())...)
			path := filepath.Join(dir, tc.name+".golden")
			if *updateGolden {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update-golden to record)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s: response changed\n got: %s\nwant: %s", tc.target, clip(got), clip(want))
			}
		})
	}
}

// tookRe matches the page's timing.
var tookRe = regexp.MustCompile(`in [0-9.]+ ms`)

// roundScore keeps 9 significant digits: scores summed in another order
// differ in the last bits.
func roundScore(f float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 9, 64), 64)
	return r
}

func clip(b []byte) string {
	if len(b) > 1500 {
		return string(b[:1500]) + "..."
	}
	return string(b)
}
