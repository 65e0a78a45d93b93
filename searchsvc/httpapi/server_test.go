package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/searchtest"

	"github.com/gin-gonic/gin"
)

// newTestServer returns a server over the fixture index.
func newTestServer(t *testing.T, scfg ServerConfig) (*Server, *searchsvc.Service) {
	t.Helper()
	svc := fixtureService(t)
	if scfg.Log == nil {
		scfg.Log = searchtest.QuietLog()
	}
	return NewServer(svc, scfg), svc
}

func TestHTTPEndpoints(t *testing.T) {
	srv, _ := newTestServer(t, ServerConfig{})
	h := srv.Handler()
	_, arts := searchtest.FixtureIndex(t)

	for _, target := range []string{
		"/healthz", "/readyz", "/metrics", "/api/v1/openapi.json",
		"/api/v1/search", "/api/v1/search?q=zephyr", "/api/v1/search?q=inflaton",
		"/api/v1/search?q=zephyr&source=Alpha+Wire&source=Beta+News&tag=energy&lang=en&from=2024-01-01&to=2024-06-30T23:59:59Z&sort=oldest&size=5&page=2&facets=source,tag,published&facet_size=3&interval=week",
		"/api/v1/search?q=%22crude+oil%22+-bitcoin+OR+ethereum+source:%22Beta+News%22&facets=",
		"/api/v1/search?q=the&size=0",
		"/api/v1/suggest?q=infl", "/api/v1/suggest?q=crude+o&size=2", "/api/v1/suggest",
		"/api/v1/sources", "/api/v1/tags",
		"/api/v1/articles/xss", "/api/v1/articles/fx-09",
		"/api/v1/articles/fx-09/related", "/api/v1/articles/twin-new/related?size=3",
		"/api/v1/search?q=heron&collapse=false", "/api/v1/search?q=heron&collapse=1",
	} {
		rec := do(t, h, http.MethodGet, target)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s: %d %s", target, rec.Code, searchtest.ClipBody(rec.Body.Bytes()))
		}
		if ct := rec.Header().Get("Content-Type"); target != "/metrics" && !strings.HasPrefix(ct, "application/json") {
			t.Errorf("GET %s: content type %q", target, ct)
		}
	}

	var res searchsvc.Response
	decode(t, do(t, h, http.MethodGet, "/api/v1/search?q=zephyr&size=3"), &res)
	if int(res.Total) != len(searchtest.SelectArts(arts, searchtest.Has("zephyr"))) || len(res.Hits) != 3 || res.NextCursor == "" || res.Facets == nil {
		t.Errorf("search: %+v", res)
	}
	var vals struct {
		Values []struct {
			Value string
			Count int
		}
		Total int
	}
	decode(t, do(t, h, http.MethodGet, "/api/v1/sources"), &vals)
	if vals.Total != 3 || len(vals.Values) != 3 {
		t.Errorf("sources: %+v", vals)
	}
	var ready struct {
		Status   string
		Articles int
	}
	decode(t, do(t, h, http.MethodGet, "/readyz"), &ready)
	if ready.Status != "ready" || ready.Articles != len(arts) {
		t.Errorf("readyz: %+v, want %d articles", ready, len(arts))
	}
	var spec map[string]any
	decode(t, do(t, h, http.MethodGet, "/api/v1/openapi.json"), &spec)
	if spec["openapi"] != "3.0.3" {
		t.Errorf("openapi.json: %v", spec["openapi"])
	}
}

func TestHTTPErrors(t *testing.T) {
	srv, _ := newTestServer(t, ServerConfig{})
	h := srv.Handler()
	long := url.QueryEscape(strings.Repeat("word ", 1000)) // 5 kB
	tests := []struct {
		target, code, param string
		status              int
	}{
		{"/api/v1/search?sort=best", CodeBadParameter, "sort", 400},
		{"/api/v1/search?size=1000", CodeBadParameter, "size", 400},
		{"/api/v1/search?size=abc", CodeBadParameter, "size", 400},
		{"/api/v1/search?page=0", CodeBadParameter, "page", 400},
		{"/api/v1/search?page=500", CodeBadParameter, "page", 400},
		{"/api/v1/search?from=2024-02-01&to=2024-01-01", CodeBadParameter, "from", 400},
		{"/api/v1/search?from=last+week", CodeBadParameter, "from", 400},
		{"/api/v1/search?to=2024-02-30", CodeBadParameter, "to", 400},
		{"/api/v1/search?q=" + long, CodeBadParameter, "q", 400},
		{"/api/v1/search?q=" + url.QueryEscape(strings.Repeat("w ", 40)), CodeBadParameter, "q", 400},
		{"/api/v1/search?q=%ff", CodeBadParameter, "q", 400},
		{"/api/v1/search?facets=nope", CodeBadParameter, "facets", 400},
		{"/api/v1/search?facet_size=0", CodeBadParameter, "facet_size", 400},
		{"/api/v1/search?interval=minute", CodeBadParameter, "interval", 400},
		{"/api/v1/search?cursor=garbage", CodeBadParameter, "cursor", 400},
		{"/api/v1/search?cursor=x&page=2", CodeBadParameter, "page", 400},
		{"/api/v1/search?q=a&q=b", CodeBadParameter, "q", 400},
		{"/api/v1/search?source=" + long, CodeBadParameter, "source", 400},
		{"/api/v1/suggest?q=" + long, CodeBadParameter, "q", 400},
		{"/api/v1/suggest?size=50", CodeBadParameter, "size", 400},
		{"/api/v1/articles/" + strings.Repeat("x", 600), CodeBadParameter, "id", 400},
		{"/api/v1/articles/no-such-article", CodeNotFound, "", 404},
		{"/api/v1/articles/fx-09/related?size=0", CodeBadParameter, "size", 400},
		{"/api/v1/articles/fx-09/related?size=51", CodeBadParameter, "size", 400},
		{"/api/v1/articles/no-such-article/related", CodeNotFound, "", 404},
		{"/api/v1/search?collapse=maybe", CodeBadParameter, "collapse", 400},
		{"/api/v1/nope", CodeNotFound, "", 404},
		{"/no/such/page", CodeNotFound, "", 404},
	}
	for _, tc := range tests {
		rec := do(t, h, http.MethodGet, tc.target)
		var e apiError
		decode(t, rec, &e)
		if rec.Code != tc.status || e.Error.Code != tc.code || e.Error.Parameter != tc.param || e.Error.Message == "" {
			t.Errorf("GET %.80s: %d %+v, want %d %s param %q", tc.target, rec.Code, e.Error, tc.status, tc.code, tc.param)
		}
		if tc.param != "" && !strings.Contains(e.Error.Message, tc.param) {
			t.Errorf("GET %.80s: message %q does not name %s", tc.target, e.Error.Message, tc.param)
		}
	}
	for _, m := range []string{http.MethodPost, http.MethodDelete, http.MethodPut} {
		rec := do(t, h, m, "/api/v1/search?q=x")
		var e apiError
		decode(t, rec, &e)
		if rec.Code != http.StatusMethodNotAllowed || e.Error.Code != codeMethod || !strings.HasSuffix(e.Error.Message, "; use GET") {
			t.Errorf("%s /api/v1/search: %d %+v", m, rec.Code, e)
		}
	}
}

// HEAD answers as GET does, headers only, through a real HTTP server.
func TestHTTPHead(t *testing.T) {
	srv, _ := newTestServer(t, ServerConfig{})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for target, want := range map[string]int{
		"/api/v1/search?q=zephyr": http.StatusOK,
		"/healthz":                http.StatusOK,
		"/api/v1/search?size=-1":  http.StatusBadRequest,
		"/nowhere":                http.StatusNotFound,
	} {
		res, err := http.Head(ts.URL + target)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != want || len(body) != 0 {
			t.Errorf("HEAD %s: %d with %d body bytes, want %d and none", target, res.StatusCode, len(body), want)
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("HEAD %s: content type %q", target, ct)
		}
	}
}

func TestHTTPXSSEscapedEverywhere(t *testing.T) {
	srv, _ := newTestServer(t, ServerConfig{})
	h := srv.Handler()
	for _, target := range []string{
		"/api/v1/search?q=inflation+script+onerror+mark",
		"/api/v1/search?q=inflation&size=100",
		"/api/v1/suggest?q=inflat",
		"/api/v1/suggest?q=onerr",
		"/api/v1/articles/xss",
	} {
		rec := do(t, h, http.MethodGet, target)
		raw := rec.Body.String()
		// JSON escapes <, > and & itself, so no markup appears in the bytes.
		for _, bad := range []string{"<script", "</mark>", "<mark>"} {
			if strings.Contains(raw, bad) {
				t.Errorf("%s: raw response holds %q", target, bad)
			}
		}
		var generic map[string]any
		decode(t, rec, &generic)
		walkStrings(generic, "", func(path, s string) {
			if strings.HasSuffix(path, "title_html") || strings.HasSuffix(path, "snippet") {
				searchtest.CheckSafeHTML(t, target+" "+path, s)
			}
		})
	}
	var res searchsvc.Response
	decode(t, do(t, h, http.MethodGet, "/api/v1/search?q=inflation+script"), &res)
	if len(res.Hits) != 1 || res.Hits[0].ID != "xss" || res.Hits[0].Title != searchtest.XSSText+" inflation" {
		t.Fatalf("hits: %+v", res.Hits)
	}
}

// walkStrings calls f for every string in a decoded JSON value.
func walkStrings(v any, path string, f func(path, s string)) {
	switch x := v.(type) {
	case string:
		f(path, x)
	case []any:
		for _, e := range x {
			walkStrings(e, path+"[]", f)
		}
	case map[string]any:
		for k, e := range x {
			walkStrings(e, path+"."+k, f)
		}
	}
}

func TestHTTPDisjunctiveFacetsAndCursor(t *testing.T) {
	srv, _ := newTestServer(t, ServerConfig{})
	h := srv.Handler()
	_, arts := searchtest.FixtureIndex(t)
	var res searchsvc.Response
	decode(t, do(t, h, http.MethodGet, "/api/v1/search?q=zephyr&source=Alpha+Wire"), &res)
	if got, want := searchtest.FacetMap(res.Facets.Source), searchtest.CountBy(searchtest.SelectArts(arts, searchtest.Has("zephyr")), searchtest.BySource); !mapsEqual(got, want) {
		t.Errorf("source facet %v, want %v", got, want)
	}
	var seen []string
	target := "/api/v1/search?q=zephyr+OR+quokka&size=4"
	for i := 0; i < 30; i++ {
		var page searchsvc.Response
		decode(t, do(t, h, http.MethodGet, target), &page)
		seen = append(seen, searchtest.IDs(&page)...)
		if page.NextCursor == "" {
			break
		}
		target = "/api/v1/search?q=zephyr+OR+quokka&size=4&cursor=" + url.QueryEscape(page.NextCursor)
	}
	want := searchtest.IDSet(searchtest.SelectArts(arts, func(a searchtest.FixtureArticle) bool {
		return searchtest.Has("zephyr")(a) || searchtest.Has("quokka")(a)
	}))
	got := slices.Clone(seen)
	slices.Sort(got)
	if !slices.Equal(got, want) || len(seen) != len(want) {
		t.Errorf("cursor pages: %d hits %v, want %d", len(seen), seen, len(want))
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestHTTPCORS(t *testing.T) {
	srv, _ := newTestServer(t, ServerConfig{CORSOrigins: []string{"https://news.example", "https://app.example/"}})
	h := srv.Handler()
	rec := do(t, h, http.MethodGet, "/api/v1/search?q=zephyr", "Origin", "https://news.example")
	if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "https://news.example" || !slices.Contains(rec.Header().Values("Vary"), "Origin") {
		t.Errorf("allowed origin: ACAO %q, Vary %q", got, rec.Header().Values("Vary"))
	}
	rec = do(t, h, http.MethodGet, "/api/v1/search?q=zephyr", "Origin", "https://app.example")
	if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "https://app.example" {
		t.Errorf("allowed origin (trailing slash in config): ACAO %q", got)
	}
	rec = do(t, h, http.MethodGet, "/api/v1/search?q=zephyr", "Origin", "https://evil.example")
	if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "" || rec.Code != 200 {
		t.Errorf("other origin: %d ACAO %q", rec.Code, got)
	}
	rec = do(t, h, http.MethodOptions, "/api/v1/search", "Origin", "https://news.example",
		"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "X-Requested-With")
	if rec.Code != http.StatusNoContent || rec.Header().Get("Access-Control-Allow-Methods") != "GET, OPTIONS" ||
		rec.Header().Get("Access-Control-Allow-Headers") != "X-Requested-With" || rec.Header().Get("Access-Control-Allow-Origin") != "https://news.example" {
		t.Errorf("preflight: %d %v", rec.Code, rec.Header())
	}
	rec = do(t, h, http.MethodOptions, "/api/v1/search", "Origin", "https://evil.example", "Access-Control-Request-Method", "GET")
	if rec.Code != http.StatusNoContent || rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin: %d %v", rec.Code, rec.Header())
	}
	rec = do(t, h, http.MethodGet, "/healthz", "Origin", "https://news.example")
	if rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("CORS headers outside the API")
	}
	any, _ := newTestServer(t, ServerConfig{CORSOrigins: []string{"*"}})
	rec = do(t, any.Handler(), http.MethodGet, "/api/v1/sources", "Origin", "https://whoever.example")
	if rec.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("* origin: %v", rec.Header())
	}
	none, _ := newTestServer(t, ServerConfig{})
	rec = do(t, none.Handler(), http.MethodGet, "/api/v1/sources", "Origin", "https://news.example")
	if rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("no origins configured: %v", rec.Header())
	}
}

func TestHTTPOverloadTimeoutAndPanic(t *testing.T) {
	var logBuf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logBuf, nil))
	srv, _ := newTestServer(t, ServerConfig{MaxConcurrent: 1, QueueWait: 5 * time.Millisecond, Log: log})
	h := srv.Handler()
	_, arts := searchtest.FixtureIndex(t)

	// Hold the only slot: the next API request waits, then gets 503.
	srv.sem <- struct{}{}
	rec := do(t, h, http.MethodGet, "/api/v1/search?q=zephyr")
	var e apiError
	decode(t, rec, &e)
	if rec.Code != http.StatusServiceUnavailable || e.Error.Code != CodeOverloaded || rec.Header().Get("Retry-After") != "1" {
		t.Errorf("overloaded: %d %+v Retry-After %q", rec.Code, e, rec.Header().Get("Retry-After"))
	}
	if rec := do(t, h, http.MethodGet, "/healthz"); rec.Code != 200 {
		t.Errorf("healthz is not limited: %d", rec.Code)
	}
	<-srv.sem
	if rec := do(t, h, http.MethodGet, "/api/v1/search?q=zephyr"); rec.Code != 200 {
		t.Errorf("after the slot was freed: %d", rec.Code)
	}

	// A search over its deadline is a 503 with Retry-After, not a 500.
	ix, _ := searchtest.FixtureIndex(t)
	slow := serviceOn(t, ix, searchsvc.Config{Timeout: time.Nanosecond})
	rec = do(t, NewServer(slow, ServerConfig{Log: searchtest.QuietLog()}).Handler(), http.MethodGet, "/api/v1/search?q=zephyr")
	decode(t, rec, &e)
	if rec.Code != http.StatusServiceUnavailable || e.Error.Code != CodeTimeout || rec.Header().Get("Retry-After") == "" {
		t.Errorf("timeout: %d %+v", rec.Code, e)
	}

	// A panic is a JSON 500 that does not leak what went wrong.
	srv.engine.GET("/api/v1/panic", func(*gin.Context) { panic("secret detail") })
	req := httptest.NewRequest(http.MethodGet, "/api/v1/panic", nil)
	prec := httptest.NewRecorder()
	h.ServeHTTP(prec, req)
	decode(t, prec, &e)
	if prec.Code != 500 || e.Error.Code != CodeInternal || strings.Contains(prec.Body.String(), "secret") {
		t.Errorf("panic: %d %s", prec.Code, prec.Body.String())
	}
	if !strings.Contains(logBuf.String(), "secret detail") {
		t.Errorf("the panic was not logged")
	}

	// Every request was access-logged with its route and status.
	var sawOverload, sawPanic bool
	for _, line := range strings.Split(strings.TrimSpace(logBuf.String()), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) != nil || m["msg"] != "http" {
			continue
		}
		if m["route"] == "/api/v1/search" && m["status"] == float64(503) {
			sawOverload = true
		}
		if m["route"] == "/api/v1/panic" && m["status"] == float64(500) {
			sawPanic = true
		}
	}
	if !sawOverload || !sawPanic {
		t.Errorf("access log misses requests:\n%s", logBuf.String())
	}

	// Metrics count them by route and status.
	body := do(t, h, http.MethodGet, "/metrics").Body.String()
	for _, want := range []string{
		`syndex_http_requests_total{method="GET",route="/api/v1/search",status="503"} 1`,
		`syndex_http_requests_total{method="GET",route="/api/v1/search",status="200"} 1`,
		`syndex_http_requests_total{method="GET",route="/api/v1/panic",status="500"} 1`,
		`syndex_http_request_duration_seconds_bucket{route="/api/v1/search",status="200",le="+Inf"} 1`,
		`syndex_http_rejected_total 1`,
		`syndex_index_articles ` + strconv.Itoa(len(arts)) + "\n",
		`syndex_index_size_bytes `,
		`go_goroutines `,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestHTTPReadyzAfterClose(t *testing.T) {
	ix, _ := searchtest.FixtureIndex(t)
	svc := serviceOn(t, ix, searchsvc.Config{})
	h := NewServer(svc, ServerConfig{Log: searchtest.QuietLog()}).Handler()
	if rec := do(t, h, http.MethodGet, "/readyz"); rec.Code != 200 {
		t.Fatalf("readyz: %d", rec.Code)
	}
	svc.Close()
	rec := do(t, h, http.MethodGet, "/readyz")
	var e apiError
	decode(t, rec, &e)
	if rec.Code != http.StatusServiceUnavailable || e.Error.Code != CodeUnavailable {
		t.Errorf("readyz after Close: %d %+v", rec.Code, e)
	}
	if rec := do(t, h, http.MethodGet, "/healthz"); rec.Code != 200 {
		t.Errorf("healthz after Close: %d", rec.Code)
	}
	if rec := do(t, h, http.MethodGet, "/api/v1/search?q=x"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("search after Close: %d", rec.Code)
	}
}

// TestVersionReported checks that the build's version reaches /readyz and
// /metrics, so an operator can tell which build each replica runs.
func TestVersionReported(t *testing.T) {
	for _, tc := range []struct{ set, want string }{{"v9.8.7-test", "v9.8.7-test"}, {"", "unknown"}} {
		srv, _ := newTestServer(t, ServerConfig{Version: tc.set})
		h := srv.Handler()
		var ready struct{ Version string }
		decode(t, do(t, h, http.MethodGet, "/readyz"), &ready)
		if ready.Version != tc.want {
			t.Errorf("readyz version %q, want %q", ready.Version, tc.want)
		}
		body := do(t, h, http.MethodGet, "/metrics").Body.String()
		if !strings.Contains(body, `syndex_build_info{goversion="`) || !strings.Contains(body, `version="`+tc.want+`"} 1`) {
			t.Errorf("metrics lack syndex_build_info with version %q:\n%s", tc.want, grepLines(body, "build_info"))
		}
	}
}

// grepLines returns the lines of s containing sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestReadyzReplication: with a replication status (serve --nats), /readyz
// reports it and answers 503 "behind" while the replica is not ready, both
// as the OpenAPI document says.
func TestReadyzReplication(t *testing.T) {
	lag := uint64(0)
	srv, _ := newTestServer(t, ServerConfig{Replication: func(context.Context) (any, bool) {
		return map[string]any{"applied": 100 - lag, "last": 100, "lag": lag, "known": true}, lag <= 10
	}})
	h := srv.Handler()
	var ready struct {
		Status string
		Stream struct{ Applied, Last, Lag uint64 }
	}
	rec := do(t, h, http.MethodGet, "/readyz")
	decode(t, rec, &ready)
	if rec.Code != 200 || ready.Status != "ready" || ready.Stream.Applied != 100 || ready.Stream.Lag != 0 {
		t.Errorf("caught up: %d %+v", rec.Code, ready)
	}
	lag = 50
	rec = do(t, h, http.MethodGet, "/readyz")
	decode(t, rec, &ready)
	if rec.Code != http.StatusServiceUnavailable || ready.Status != "behind" || ready.Stream.Lag != 50 || rec.Header().Get("Retry-After") == "" {
		t.Errorf("behind: %d %+v", rec.Code, ready)
	}
}
