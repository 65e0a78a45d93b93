package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/bleveengine"
	"github.com/syndex/syndex/searchsvc/searchtest"

	"github.com/syndex/syndex/indexer"
)

// TestLiveFollowsReindex serves a live index location: after a reindex
// publishes a new generation and Live reloads, searches, facets and
// suggestions see the new articles without a new Service.
func TestLiveFollowsReindex(t *testing.T) {
	dir := searchtest.MkTemp(t, "syndex-live-")
	loc := filepath.Join(dir, "index")
	gen := func(name, word, source string, n int) []searchtest.FixtureArticle {
		var out []searchtest.FixtureArticle
		for i := range n {
			out = append(out, searchtest.FixtureArticle{ID: fmt.Sprintf("%s-%d", name, i), Title: word + " headline", Body: "A " + word + " story. " + searchtest.FixtureProse(i),
				Source: source, Published: fmt.Sprintf("2024-03-%02dT10:00:00Z", i+1), Lang: "en"})
		}
		return out
	}
	first := searchtest.WriteJSONL(t, dir, "first.jsonl", gen("a", "walrus", "First", 3))
	if _, err := indexer.Reindex(context.Background(), loc, []string{first}, indexer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	live, err := indexer.OpenLive(loc, searchtest.QuietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	eng, err := bleveengine.NewLive(live, bleveengine.Config{Log: searchtest.QuietLog()})
	if err != nil {
		t.Fatal(err)
	}
	svc := searchsvc.New(eng, searchsvc.Config{Log: searchtest.QuietLog()})
	if res := searchtest.DoSearch(t, svc, "q=walrus"); res.Total != 3 {
		t.Fatalf("walrus: %d", res.Total)
	}
	if sug, err := svc.Suggest(context.Background(), "walr", 5); err != nil || len(sug.Terms) != 1 {
		t.Fatalf("suggest walr: %+v %v", sug, err)
	}

	second := searchtest.WriteJSONL(t, dir, "second.jsonl", gen("b", "narwhal", "Second", 5))
	if _, err := indexer.Reindex(context.Background(), loc, []string{second}, indexer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	if swapped, err := live.Reload(); err != nil || !swapped {
		t.Fatalf("reload: %v %v", swapped, err)
	}
	if res := searchtest.DoSearch(t, svc, "q=narwhal"); res.Total != 5 || searchtest.FacetMap(res.Facets.Source)["Second"] != 5 {
		t.Errorf("after reindex, narwhal: %d %v", res.Total, searchtest.FacetMap(res.Facets.Source))
	}
	if res := searchtest.DoSearch(t, svc, "q=walrus"); res.Total != 0 {
		t.Errorf("after reindex, walrus: %d", res.Total)
	}
	vals, err := svc.Values(context.Background(), "source")
	if err != nil || len(vals) != 1 || vals[0].Value != "Second" {
		t.Errorf("sources after reindex: %+v %v", vals, err)
	}
	st, err := svc.Stats(context.Background())
	if err != nil || st.Articles != 5 {
		t.Errorf("Stats: %+v %v", st, err)
	}
	h := NewServer(svc, ServerConfig{Log: searchtest.QuietLog()}).Handler()
	if rec := do(t, h, http.MethodGet, "/api/v1/articles/b-0"); rec.Code != 200 {
		t.Errorf("article after reindex: %d", rec.Code)
	}
}

// recordingTB collects the errors a check reports instead of failing.
type recordingTB struct {
	testing.TB
	errs []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recordingTB) Helper() {}

// TestOpenAPICatchesDrift makes sure the spec check is strict: a response
// with an undocumented field or a wrong type does not pass.
func TestOpenAPICatchesDrift(t *testing.T) {
	for _, tc := range []struct{ target, body string }{
		{"/healthz", `{"status":"ok","extra":1}`},
		{"/api/v1/search?q=x", `{"total":"many","took_ms":1,"query":{},"corrected":false,"hits":[],"size":10}`},
		{"/api/v1/sources", `{"values":[{"value":"A"}],"total":1}`},
	} {
		req := httptest.NewRequest(http.MethodGet, tc.target, nil)
		rec := httptest.NewRecorder()
		rec.Header().Set("Content-Type", "application/json")
		rec.WriteHeader(http.StatusOK)
		rec.WriteString(tc.body)
		r := &recordingTB{TB: t}
		checkSpec(r, req, rec)
		if len(r.errs) == 0 {
			t.Errorf("%s: %s passed the OpenAPI check", tc.target, tc.body)
		}
	}
}

// TestAdminArticles writes articles through the server, as `syndex index`
// does while `syndex serve` holds the index.
func TestAdminArticles(t *testing.T) {
	dir := searchtest.MkTemp(t, "syndex-admin-")
	loc := filepath.Join(dir, "index")
	src := searchtest.WriteJSONL(t, dir, "a.jsonl", []searchtest.FixtureArticle{{ID: "old", Title: "Pelican story", Body: "A pelican.", Source: "S"}})
	live, svc := liveService(t, loc, src)
	h := NewServer(svc, ServerConfig{AdminKeys: []string{"s3cret"}, Writer: live, Log: searchtest.QuietLog()}).Handler()
	if res := searchtest.DoSearch(t, svc, "q=pelican"); res.Total != 1 {
		t.Fatalf("before: %d", res.Total)
	}
	post := func(token, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/admin/v1/articles", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-ndjson")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		checkSpec(t, req, rec)
		return rec
	}
	body := `{"id":"old","title":"Pelican story, updated","body":"A pelican again."}
{"id":"new-1","title":"Pelican flock","body":"Many pelicans.","source":"S","published":"2024-05-01T00:00:00Z"}
{"id":"new-2","title":"Cormorant","body":"Not a pelican.","source":"T"}
`
	for _, tc := range []struct {
		token, body string
		status      int
		code        string
	}{
		{"", body, 401, codeUnauthorized},
		{"wrong", body, 401, codeUnauthorized},
		{"s3cret", "{broken\n[1]", 400, CodeBadParameter},
		{"s3cret", `{"title":"no id"}`, 400, CodeBadParameter},
	} {
		rec := post(tc.token, tc.body)
		var e apiError
		decode(t, rec, &e)
		if rec.Code != tc.status || e.Error.Code != tc.code {
			t.Errorf("token %q: %d %+v", tc.token, rec.Code, e)
		}
	}
	if res := searchtest.DoSearch(t, svc, "q=pelican"); res.Total != 1 {
		t.Fatalf("rejected posts wrote articles: %d", res.Total)
	}
	rec := post("s3cret", body)
	var got struct{ Indexed, Updated int }
	decode(t, rec, &got)
	if rec.Code != 200 || got.Indexed != 2 || got.Updated != 1 {
		t.Fatalf("post: %d %+v %s", rec.Code, got, rec.Body.String())
	}
	res := searchtest.DoSearch(t, svc, "q=pelican&size=10")
	if res.Total != 3 || searchtest.FacetMap(res.Facets.Source)["S"] != 1 {
		t.Errorf("after the post: %d hits %v, sources %v", res.Total, searchtest.IDs(res), searchtest.FacetMap(res.Facets.Source))
	}
	a, err := svc.Article(context.Background(), "old")
	if err != nil || a.Title != "Pelican story, updated" {
		t.Errorf("updated article: %+v %v", a, err)
	}
	// Ids are the input's: any id written can be fetched, escaped as one
	// path segment.
	odd := []string{"feed/item/1", "a b?c#d", "ünï%2F", "..", "x/"}
	var lines strings.Builder
	for _, id := range odd {
		b, _ := json.Marshal(map[string]string{"id": id, "title": "Odd id " + id, "body": "An odd identifier.", "source": "S"})
		lines.Write(append(b, '\n'))
	}
	if rec := post("s3cret", lines.String()); rec.Code != 200 {
		t.Fatalf("post odd ids: %d %s", rec.Code, rec.Body.String())
	}
	for _, id := range odd {
		for _, suffix := range []string{"", "/related"} {
			// Not through do: the OpenAPI checker's router does not
			// unescape %2F inside a path parameter.
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/articles/"+url.PathEscape(id)+suffix, nil))
			if rec.Code != 200 {
				t.Errorf("GET article %q%s: %d %s", id, suffix, rec.Code, rec.Body.String())
				continue
			}
			if suffix == "" {
				var a struct{ ID string }
				decode(t, rec, &a)
				if a.ID != id {
					t.Errorf("GET article %q: got %q", id, a.ID)
				}
			}
		}
	}
	// A client that disconnects after sending its articles: the write
	// still happens and is logged as such, not as a failure.
	var logBuf syncBuffer
	hl := NewServer(svc, ServerConfig{AdminKeys: []string{"s3cret"}, Writer: live, Log: slog.New(slog.NewJSONHandler(&logBuf, nil))}).Handler()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodPost, "/admin/v1/articles",
		strings.NewReader(`{"id":"gone-1","title":"Albatross","body":"An albatross.","source":"S"}`)).WithContext(ctx)
	req.Header.Set("Authorization", "Bearer s3cret")
	rr := httptest.NewRecorder()
	hl.ServeHTTP(rr, req)
	if a, err := svc.Article(context.Background(), "gone-1"); err != nil || a.Title != "Albatross" {
		t.Errorf("the write of a client that left was lost: %v", err)
	}
	if log := logBuf.String(); rr.Code != 499 || !strings.Contains(log, "the client left before the answer") || strings.Contains(log, `"status":503`) {
		t.Errorf("client gone: status %d, log:\n%s", rr.Code, log)
	}

	// Without a token the endpoint does not exist.
	plain := NewServer(svc, ServerConfig{Log: searchtest.QuietLog()}).Handler()
	req = httptest.NewRequest(http.MethodPost, "/admin/v1/articles", strings.NewReader(body))
	rr = httptest.NewRecorder()
	plain.ServeHTTP(rr, req)
	if rr.Code != http.StatusNotFound {
		t.Errorf("admin endpoint without a token: %d", rr.Code)
	}
}

// syncBuffer is a bytes.Buffer safe for the server's concurrent log writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestAdminWriteLimits checks that the admin endpoint applies the
// per-article limits of file ingest to each article on its own: an
// oversized or bad article is named in the answer and the others of the
// request are written; a line far over the limit is skipped without being
// held in memory; every key of the configuration is accepted.
func TestAdminWriteLimits(t *testing.T) {
	dir := searchtest.MkTemp(t, "syndex-limits-")
	src := searchtest.WriteJSONL(t, dir, "a.jsonl", []searchtest.FixtureArticle{{ID: "seed", Title: "Seed story", Body: "Seed.", Source: "S"}})
	live, svc := liveService(t, filepath.Join(dir, "index"), src)
	const limit = 1 << 20
	h := NewServer(svc, ServerConfig{AdminKeys: []string{"first-key-0123456789", "second-key-0123456789"}, Writer: live,
		Limits: ingest.Options{MaxBodyBytes: limit}, Log: searchtest.QuietLog()}).Handler()
	post := func(key, body string) (*httptest.ResponseRecorder, addResponse) {
		req := httptest.NewRequest(http.MethodPost, "/admin/v1/articles", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		checkSpec(t, req, rec)
		var got addResponse
		json.Unmarshal(rec.Body.Bytes(), &got)
		return rec, got
	}
	line := func(id, title, body string, tags int) string {
		m := map[string]any{"id": id, "title": title, "body": body, "source": "S"}
		if tags > 0 {
			ts := make([]string, tags)
			for i := range ts {
				ts[i] = fmt.Sprintf("t%d", i)
			}
			m["tags"] = ts
		}
		b, _ := json.Marshal(m)
		return string(b) + "\n"
	}
	huge := line("huge", "Huge", strings.Repeat("a", 12*limit), 0) // far over the line limit
	body := line("good-1", "Good one", "Fine body.", 0) +
		line("big", "Big", strings.Repeat("word ", limit/4), 0) + // over the body limit, within a line
		huge +
		line("long-title", strings.Repeat("t", 1200), "x", 0) +
		line("many-tags", "Tags", "x", 150) +
		"{broken\n" +
		line("good-2", "Good two", "Fine body too.", 0)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rec, got := post("second-key-0123456789", body)
	runtime.ReadMemStats(&after)
	if rec.Code != 200 || got.Indexed != 2 {
		t.Fatalf("post: %d %+v", rec.Code, rec.Body.String()[:min(500, rec.Body.Len())])
	}
	want := map[int]string{2: "body is", 3: "the line is over", 4: "title is 1200 characters", 5: "150 tags", 6: "not a JSON article"}
	if len(got.Rejected) != len(want) {
		t.Fatalf("rejected %+v, want lines 2-6", got.Rejected)
	}
	for _, r := range got.Rejected {
		if !strings.Contains(r.Reason, want[r.Line]) {
			t.Errorf("line %d (%s): %q, want %q", r.Line, r.ID, r.Reason, want[r.Line])
		}
	}
	for _, id := range []string{"good-1", "good-2"} {
		if a, err := svc.Article(t.Context(), id); err != nil || a == nil {
			t.Errorf("%s was not written: %v", id, err)
		}
	}
	if _, err := svc.Article(t.Context(), "big"); err == nil {
		t.Errorf("the oversized article was written")
	}
	// The 12 MB line is read through, not kept: the request allocates a
	// small multiple of the accepted articles, not of the body.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("the request allocated %d MB for a %d MB body", alloc>>20, len(body)>>20)
	}
	// Nothing acceptable: 413 when it is all size, nothing written.
	if rec, got := post("first-key-0123456789", huge); rec.Code != http.StatusRequestEntityTooLarge || len(got.Rejected) != 1 {
		t.Errorf("only a huge article: %d %s", rec.Code, rec.Body.String())
	}
	if rec, _ := post("third-key-0123456789", line("x", "X", "x", 0)); rec.Code != http.StatusUnauthorized {
		t.Errorf("an unknown key: %d", rec.Code)
	}
}
