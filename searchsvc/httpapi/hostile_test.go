package httpapi

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/searchtest"
)

// TestHostileRequests sends crafted requests and checks that each gets the
// answer it should (a 4xx naming the parameter, or a normal answer), never
// a 5xx, within the service's deadline, and that the whole table allocates
// a bounded amount.
func TestHostileRequests(t *testing.T) {
	ix, _ := searchtest.FixtureIndex(t)
	const deadline = 2 * time.Second
	svc := serviceOn(t, ix, searchsvc.Config{Timeout: deadline})
	h := NewServer(svc, ServerConfig{Log: searchtest.QuietLog()}).Handler()
	var mt strings.Builder
	for i := range 500 {
		fmt.Fprintf(&mt, "tag=t%d&", i)
	}
	manyTags := mt.String()
	deep := strings.Repeat("(", 200) + "oil" + strings.Repeat(")", 200)
	tests := []struct {
		target string
		status int
		param  string
	}{
		{"/api/v1/search?q=%zz", 400, "q"},
		{"/api/v1/search?q=oil&source=%", 400, "source"},
		{"/api/v1/search?q=oil;x", 400, "q"},
		{"/api/v1/search?q=%ff%fe", 400, "q"},
		{"/api/v1/suggest?q=%zz", 400, "q"},
		{"/api/v1/suggest?q=%FF", 400, "q"}, // invalid UTF-8, as search refuses it
		{"/api/v1/articles/fx-09/related?size=%zz", 400, "size"},
		{"/api/v1/search?q=" + url.QueryEscape(deep), 200, ""}, // parentheses are not syntax: the words count
		{"/api/v1/search?q=" + url.QueryEscape(strings.Repeat("a* ", 30)), 200, ""},
		{"/api/v1/search?q=" + url.QueryEscape("/.*.*.*.*.*/ ~~~ ^^^ \\\\ {a TO z}"), 200, ""},
		{"/api/v1/search?q=" + url.QueryEscape(strings.Repeat("x", 2000)), 400, "q"},
		{"/api/v1/search?q=" + url.QueryEscape(strings.Repeat("\"oil ", 20)), 200, ""},
		{"/api/v1/search?q=" + url.QueryEscape(strings.Repeat("-oil OR ", 15)), 200, ""},
		{"/api/v1/search?q=oil&facet_size=99999", 400, "facet_size"},
		{"/api/v1/search?q=oil&size=-1", 400, "size"},
		{"/api/v1/search?q=oil&sourse=Reuters", 400, "sourse"}, // a misspelt filter is not silently ignored
		{"/api/v1/search?q=oil&_=1712&utm_source=x", 200, ""},
		{"/api/v1/search?q=oil&page=99999999999999999999", 400, "page"},
		{"/api/v1/search?q=oil&from=9999-99-99", 400, "from"},
		{"/api/v1/search?q=oil&cursor=" + strings.Repeat("A", 4000), 400, "cursor"},
		{"/api/v1/search?" + strings.Repeat("tag=x&", 500), 200, ""}, // one value, repeated
		{"/api/v1/search?" + manyTags, 400, "tag"},
		{"/api/v1/suggest?q=" + url.QueryEscape(strings.Repeat("z", 300)), 400, "q"},
		{"/api/v1/articles/" + url.PathEscape("../../etc/passwd"), 404, ""},
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for _, tc := range tests {
		start := time.Now()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.target, nil))
		took := time.Since(start)
		if rec.Code != tc.status {
			t.Errorf("GET %.100s: %d, want %d: %s", tc.target, rec.Code, tc.status, searchtest.ClipBody(rec.Body.Bytes()))
			continue
		}
		if took > deadline+time.Second {
			t.Errorf("GET %.100s answered after %v, past its %v deadline", tc.target, took, deadline)
		}
		if tc.param != "" {
			var e apiError
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Parameter != tc.param {
				t.Errorf("GET %.100s: error %+v (%v) does not name %s", tc.target, e, err, tc.param)
			}
		}
	}
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
		t.Errorf("the hostile requests allocated %d MB (bound 256 MB)", alloc>>20)
	}
}

// TestForwardedForNeedsATrustedProxy checks the access log's remote: the
// peer address unless the peer is a configured proxy.
func TestForwardedForNeedsATrustedProxy(t *testing.T) {
	for _, tc := range []struct {
		proxies []string
		want    string
	}{
		{nil, "192.0.2.1"},
		{[]string{"198.51.100.0/24"}, "192.0.2.1"},
		{[]string{"192.0.2.0/24"}, "6.6.6.6"},
		{[]string{"192.0.2.1"}, "6.6.6.6"},
	} {
		var logBuf syncBuffer
		srv, _ := newTestServer(t, ServerConfig{TrustedProxies: tc.proxies, Log: slog.New(slog.NewJSONHandler(&logBuf, nil))})
		req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
		req.RemoteAddr = "192.0.2.1:4321"
		req.Header.Set("X-Forwarded-For", "6.6.6.6")
		req.Header.Set("X-Real-IP", "6.6.6.6")
		srv.Handler().ServeHTTP(httptest.NewRecorder(), req)
		if !strings.Contains(logBuf.String(), `"remote":"`+tc.want+`"`) {
			t.Errorf("proxies %v: log %s, want remote %s", tc.proxies, logBuf.String(), tc.want)
		}
	}
	for _, bad := range []string{"not-an-ip", "10.0.0.0/99"} {
		if err := (ServerConfig{TrustedProxies: []string{bad}}).Validate(); err == nil {
			t.Errorf("trusted proxy %q accepted", bad)
		}
	}
}
