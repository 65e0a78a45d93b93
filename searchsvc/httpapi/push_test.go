package httpapi

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/syndex/syndex/searchsvc/apikeys"
	"github.com/syndex/syndex/searchsvc/searchtest"
)

// TestPushAPI pushes articles as a partner would, in every body shape,
// against a real index: each answer comes after the durable write and the
// articles are searchable at once; bad and oversized articles are named
// while the others are written; keys are checked, revocable and rate
// limited; DELETE removes.
func TestPushAPI(t *testing.T) {
	dir := searchtest.MkTemp(t, "syndex-push-")
	loc := filepath.Join(dir, "index")
	src := searchtest.WriteJSONL(t, dir, "a.jsonl", []searchtest.FixtureArticle{{ID: "old", Title: "Pelican story", Body: "A pelican.", Source: "S"}})
	live, svc := liveService(t, loc, src)
	keys, err := apikeys.Open(filepath.Join(dir, apikeys.File))
	if err != nil {
		t.Fatal(err)
	}
	tok, _, err := keys.Create("partner", apikeys.ScopeWrite)
	if err != nil {
		t.Fatal(err)
	}
	cfg := ServerConfig{Keys: keys, Writer: live, Deleter: live, PushRate: 1000, PushBurst: 1000, Log: searchtest.QuietLog()}
	cfg.Limits.MaxBodyBytes = 4096
	h := NewServer(svc, cfg).Handler()
	send := func(method, target, token, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		checkSpec(t, req, rec)
		return rec
	}
	total := func(q string) uint64 { return searchtest.DoSearch(t, svc, "q="+q+"&collapse=false").Total }

	if rec := send("POST", "/api/v1/articles", "", `{"id":"x","title":"Gannet"}`); rec.Code != http.StatusUnauthorized || rec.Header().Get("WWW-Authenticate") == "" {
		t.Errorf("no key: %d %s", rec.Code, rec.Body)
	}
	if rec := send("POST", "/api/v1/articles", "sdx_00_11", `{"id":"x","title":"Gannet"}`); rec.Code != http.StatusUnauthorized {
		t.Errorf("bad key: %d", rec.Code)
	}

	// One object, raw like any input: tags as a string, an epoch date, HTML.
	rec := send("POST", "/api/v1/articles", tok, `{"id":"p1","title":"Gannet colony grows","body":"<p>The gannet colony on the cliffs grew again.</p>","source":"Partner Wire","tags":"birds, coast","published":1767225600}`)
	var res struct {
		Indexed, Updated int
		IDs              []string
		Rejected         []struct {
			Line, Item int
			Reason     string
		}
	}
	decode(t, rec, &res)
	if rec.Code != http.StatusOK || res.Indexed != 1 || len(res.IDs) != 1 || res.IDs[0] != "p1" {
		t.Fatalf("object: %d %s", rec.Code, rec.Body)
	}
	if total("gannet") != 1 {
		t.Error("pushed article not searchable at once")
	}
	if r := searchtest.DoSearch(t, svc, "q=gannet&tag=birds"); r.Total != 1 {
		t.Errorf("tags from a string: %d", r.Total)
	}
	// The same id again: replaced, not added.
	rec = send("POST", "/api/v1/articles", tok, `{"id":"p1","title":"Gannet colony grows fast","body":"Updated."}`)
	decode(t, rec, &res)
	if rec.Code != http.StatusOK || res.Updated != 1 || res.Indexed != 0 || total("gannet") != 1 {
		t.Errorf("re-push: %d %s, %d hits", rec.Code, rec.Body, total("gannet"))
	}

	// An array with a bad item and an oversized one: the good ones land.
	big := strings.Repeat("word ", 2000)
	rec = send("POST", "/api/v1/articles", tok, `[{"id":"p2","title":"Cormorant count"},"just text",{"id":"p4","title":"Huge","body":"`+big+`"},{"id":"p5","title":"Cormorant nests"}]`)
	decode(t, rec, &res)
	if rec.Code != http.StatusOK || res.Indexed != 2 || len(res.Rejected) != 2 || res.Rejected[0].Item != 2 || res.Rejected[1].Item != 3 ||
		!strings.Contains(res.Rejected[1].Reason, "limit") {
		t.Errorf("array: %d %s", rec.Code, rec.Body)
	}
	if total("cormorant") != 2 {
		t.Errorf("cormorant: %d", total("cormorant"))
	}
	// A malformed item in the middle of an array ends only itself; a
	// refused article is named by its id when it was read.
	rec = send("POST", "/api/v1/articles", tok, `[{"id":"p9","title":"Tern colony"}, {"id":"p10","title":"broken" "body":1}, {"id":"p11","title":"Tern chicks"}, {"id":"p12","title":"`+strings.Repeat("t", 1001)+`"}]`)
	var named struct {
		Indexed  int
		Rejected []struct {
			Item       int
			ID, Reason string
		}
	}
	decode(t, rec, &named)
	if rec.Code != http.StatusOK || named.Indexed != 2 || len(named.Rejected) != 2 || named.Rejected[0].Item != 2 || named.Rejected[0].ID != "" ||
		named.Rejected[1].Item != 4 || named.Rejected[1].ID != "p12" || !strings.Contains(named.Rejected[1].Reason, "title") || total("tern") != 2 {
		t.Errorf("malformed middle item: %d %s, %d hits", rec.Code, rec.Body, total("tern"))
	}
	// Only an oversized article: 413 naming it.
	rec = send("POST", "/api/v1/articles", tok, `[{"id":"p6","title":"Huge","body":"`+big+`"}]`)
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "item 1") {
		t.Errorf("oversized: %d %s", rec.Code, rec.Body)
	}
	// JSON Lines and a pretty-printed object.
	rec = send("POST", "/api/v1/articles", tok, "{\"id\":\"p7\",\"title\":\"Puffin return\"}\nnot json\n{\"id\":\"p8\",\"title\":\"Puffin chicks\"}\n")
	decode(t, rec, &res)
	if rec.Code != http.StatusOK || res.Indexed != 2 || len(res.Rejected) != 1 || res.Rejected[0].Line != 2 {
		t.Errorf("JSON Lines: %d %s", rec.Code, rec.Body)
	}
	// What cleaning dropped is said in the answer, by line and id.
	rec = send("POST", "/api/v1/articles", tok, "{\"id\":\"w1\",\"title\":\"Shearwater flock\",\"url\":12345,\"published\":\"last tuesday\"}\n{\"id\":\"w2\",\"title\":\"Shearwater nest\",\"tags\":[\"birds\",{\"x\":1}]}\n")
	var warned struct {
		Indexed  int
		Warnings []struct {
			Line             int
			ID, Kind, Detail string
		}
	}
	decode(t, rec, &warned)
	if rec.Code != http.StatusOK || warned.Indexed != 2 || len(warned.Warnings) != 3 ||
		warned.Warnings[0].Line != 1 || warned.Warnings[0].ID != "w1" || !strings.Contains(warned.Warnings[0].Detail+warned.Warnings[1].Detail, `"url": not an absolute http(s) URL (it was "12345")`) ||
		warned.Warnings[2].Line != 2 || warned.Warnings[2].ID != "w2" || warned.Warnings[2].Kind != "field dropped" || !strings.Contains(warned.Warnings[2].Detail, `"tags"`) {
		t.Errorf("warnings: %d %s", rec.Code, rec.Body)
	}
	rec = send("POST", "/api/v1/articles", tok, `[{"id":"w3","title":"Shearwater count"},{"id":"w4","title":"Shearwater colony","url":"/relative/path"}]`)
	var warnedItems struct {
		Warnings []struct {
			Item int
			ID   string
		}
	}
	decode(t, rec, &warnedItems)
	if rec.Code != http.StatusOK || len(warnedItems.Warnings) != 1 || warnedItems.Warnings[0].Item != 2 || warnedItems.Warnings[0].ID != "w4" {
		t.Errorf("array warnings: %d %s", rec.Code, rec.Body)
	}
	rec = send("POST", "/api/v1/articles", tok, "{\n  \"id\": \"p9\",\n  \"title\": \"Petrel sighting\"\n}\n")
	if rec.Code != http.StatusOK || total("petrel") != 1 {
		t.Errorf("pretty object: %d %s", rec.Code, rec.Body)
	}
	for _, body := range []string{"", "[", "[1,2]", `"text"`} {
		if rec := send("POST", "/api/v1/articles", tok, body); rec.Code != http.StatusBadRequest {
			t.Errorf("body %q: %d %s", body, rec.Code, rec.Body)
		}
	}

	// A wrong method (not in the API document) is told the ones the path has.
	for target, want := range map[string]string{"GET /api/v1/articles": "use POST", "PUT /api/v1/articles/p2": "use GET or DELETE"} {
		method, path, _ := strings.Cut(target, " ")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
		if rec.Code != http.StatusMethodNotAllowed || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: %d %s, want 405 saying %q", target, rec.Code, rec.Body, want)
		}
	}

	// DELETE, twice.
	rec = send("DELETE", "/api/v1/articles/p2", tok, "")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"deleted":1`) || total("cormorant") != 1 {
		t.Errorf("delete: %d %s, %d left", rec.Code, rec.Body, total("cormorant"))
	}
	if rec := send("DELETE", "/api/v1/articles/p2", tok, ""); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"deleted":0`) {
		t.Errorf("delete again: %d %s", rec.Code, rec.Body)
	}
	if rec := send("DELETE", "/api/v1/articles/p5", "", ""); rec.Code != http.StatusUnauthorized {
		t.Errorf("delete without key: %d", rec.Code)
	}

	// Revoked: refused on the next request.
	if _, err := keys.Revoke(tok); err != nil {
		t.Fatal(err)
	}
	if rec := send("POST", "/api/v1/articles", tok, `{"id":"p10","title":"Tern"}`); rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "was revoked on") {
		t.Errorf("revoked key: %d", rec.Code)
	}
}

// TestPushRateLimit: a key over its rate gets 429 with Retry-After; other
// keys are not held back.
func TestPushRateLimit(t *testing.T) {
	dir := searchtest.MkTemp(t, "syndex-push-rate-")
	live, svc := liveService(t, filepath.Join(dir, "index"), searchtest.WriteJSONL(t, dir, "a.jsonl", []searchtest.FixtureArticle{{ID: "a", Title: "A"}}))
	keys, _ := apikeys.Open(filepath.Join(dir, apikeys.File))
	a, _, _ := keys.Create("a", apikeys.ScopeWrite)
	b, _, _ := keys.Create("b", apikeys.ScopeWrite)
	h := NewServer(svc, ServerConfig{Keys: keys, Writer: live, Deleter: live, PushRate: 0.5, PushBurst: 2, Log: searchtest.QuietLog()}).Handler()
	del := func(tok string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("DELETE", "/api/v1/articles/none", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for i := range 2 {
		if rec := del(a); rec.Code != http.StatusOK {
			t.Fatalf("request %d: %d", i, rec.Code)
		}
	}
	rec := del(a)
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("third request: %d", rec.Code)
	}
	if s, err := strconv.Atoi(rec.Header().Get("Retry-After")); err != nil || s < 1 || s > 2 {
		t.Errorf("Retry-After %q", rec.Header().Get("Retry-After"))
	}
	if rec := del(b); rec.Code != http.StatusOK {
		t.Errorf("another key: %d", rec.Code)
	}
}

// TestAdminScopeKeys: an API key of scope admin reaches the admin
// endpoints beside the write keys file; one of scope write does not.
func TestAdminScopeKeys(t *testing.T) {
	dir := searchtest.MkTemp(t, "syndex-admin-")
	src := searchtest.WriteJSONL(t, dir, "a.jsonl", []searchtest.FixtureArticle{{ID: "a1", Title: "Puffin", Body: "A puffin.", Source: "S"}})
	live, svc := liveService(t, filepath.Join(dir, "index"), src)
	keys, err := apikeys.Open(filepath.Join(dir, apikeys.File))
	if err != nil {
		t.Fatal(err)
	}
	admin, _, _ := keys.Create("ops", apikeys.ScopeAdmin)
	write, _, _ := keys.Create("partner", apikeys.ScopeWrite)
	h := NewServer(svc, ServerConfig{AdminKeys: []string{"legacy-key-0123456789"}, Keys: keys, Writer: live, Deleter: live,
		IndexStats: live.Stats, Log: searchtest.QuietLog()}).Handler()
	for _, tc := range []struct {
		tok  string
		want int
		says string // part of the error message
	}{
		{admin, 200, ""},
		{"legacy-key-0123456789", 200, ""},
		{write, http.StatusForbidden, "the admin endpoints need scope"},
		{"sdx_00_11", http.StatusUnauthorized, "an admin key is required"},
		{"", http.StatusUnauthorized, "an admin key is required"},
	} {
		for _, target := range []string{"/admin/v1/stats", "/admin/v1/articles"} {
			method := http.MethodGet
			if target == "/admin/v1/articles" {
				method = http.MethodPost
				if tc.want == 200 {
					continue // a write is tested elsewhere
				}
			}
			req := httptest.NewRequest(method, target, strings.NewReader(`{"id":"x","title":"X"}`))
			if tc.tok != "" {
				req.Header.Set("Authorization", "Bearer "+tc.tok)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			checkSpec(t, req, rec)
			if rec.Code != tc.want || !strings.Contains(rec.Body.String(), tc.says) {
				t.Errorf("%s %s with %.12s…: %d %s, want %d saying %q", method, target, tc.tok, rec.Code, rec.Body, tc.want, tc.says)
			}
		}
	}
}
