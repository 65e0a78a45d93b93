package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/bleveengine"
	"github.com/syndex/syndex/searchsvc/searchtest"
)

func TestMain(m *testing.M) { searchtest.Main(m) }

// liveService reindexes sources into loc and returns the live location
// (closed when the test ends) and a search service following it.
func liveService(tb testing.TB, loc string, sources ...string) (*indexer.Live, *searchsvc.Service) {
	tb.Helper()
	if _, err := indexer.Reindex(context.Background(), loc, sources, indexer.WriteOptions{}); err != nil {
		tb.Fatal(err)
	}
	live, err := indexer.OpenLive(loc, searchtest.QuietLog())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(live.Close)
	e, err := bleveengine.NewLive(live, bleveengine.Config{Log: searchtest.QuietLog()})
	if err != nil {
		tb.Fatal(err)
	}
	return live, searchsvc.New(e, searchsvc.Config{Log: searchtest.QuietLog()})
}

// fixtureService returns a service over the fixture index, "now" pinned.
func fixtureService(tb testing.TB) *searchsvc.Service {
	tb.Helper()
	ix, _ := searchtest.FixtureIndex(tb)
	return serviceOn(tb, ix, searchsvc.Config{Now: func() time.Time { return searchtest.TestNow }})
}

// serviceOn returns the search service over a Bleve engine on ix.
func serviceOn(tb testing.TB, ix *indexer.Index, cfg searchsvc.Config) *searchsvc.Service {
	tb.Helper()
	e, err := bleveengine.New(ix, bleveengine.Config{Log: searchtest.QuietLog()})
	if err != nil {
		tb.Fatal(err)
	}
	if cfg.Log == nil {
		cfg.Log = searchtest.QuietLog()
	}
	return searchsvc.New(e, cfg)
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
		tb.Errorf("%s %s: %d response does not match the OpenAPI document: %v\n%s", req.Method, req.URL, rec.Code, err, searchtest.ClipBody(rec.Body.Bytes()))
	}
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
		tb.Fatalf("decode %q: %v", searchtest.ClipBody(rec.Body.Bytes()), err)
	}
}

// apiError is the error body, decoded.
type apiError struct {
	Error struct {
		Code, Message, Parameter string
	} `json:"error"`
}
