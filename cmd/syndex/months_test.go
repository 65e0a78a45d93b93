package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer"
)

// TestReindexMonthsBesideServer rebuilds one month of a month-shard index
// while `syndex serve` holds it: the server copies the kept months, the
// rebuild swaps in, and the server then answers from it — the month's
// articles changed, the others as they were, and what was written through
// the server meanwhile (a month rebuilt, a month kept) still there.
func TestReindexMonthsBesideServer(t *testing.T) {
	corpus := sharedJSONL(t, "crypto.jsonl")[0]
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := indexer.Reindex(t.Context(), dir, []string{corpus}, indexer.WriteOptions{MonthShards: true}); err != nil {
		t.Fatal(err)
	}
	_, base := startServer(t, dir)
	var before readyz
	getJSON(t, base+"/readyz", &before)

	posted := write(t, t.TempDir(), "posted.jsonl",
		`{"id":"posted-feb","title":"Qqposted february","body":"Written through the server.","source":"Desk","published":"2022-02-14T10:00:00Z"}`+"\n"+
			`{"id":"posted-mar","title":"Qqposted march","body":"Written through the server.","source":"Desk","published":"2022-03-14T10:00:00Z"}`+"\n")
	if code, _, stderr := runCLI(t, "index", "--index", dir, posted); code != exitOK || !strings.Contains(stderr, "indexed 2") {
		t.Fatalf("index beside the server: exit %d:\n%s", code, stderr)
	}

	src, inMonth, total := markedCopy(t, corpus, t.TempDir())
	code, _, stderr := runCLI(t, "reindex", "--index", dir, "--from", "2022-02", "--to", "2022-02", src)
	if code != exitOK {
		t.Fatalf("reindex --from/--to beside the server: exit %d:\n%s", code, stderr)
	}
	deadline := time.Now().Add(30 * time.Second)
	var after readyz
	for getJSON(t, base+"/readyz", &after); after.Generation == before.Generation && time.Now().Before(deadline); getJSON(t, base+"/readyz", &after) {
		time.Sleep(100 * time.Millisecond)
	}
	if after.Generation == before.Generation {
		t.Fatalf("the server did not switch to the rebuilt generation")
	}
	if after.Articles != total+2 {
		t.Errorf("the server has %d articles after the month's rebuild, want %d (the corpus and the two posted)", after.Articles, total+2)
	}
	for q, want := range map[string]int{"zzmarker": inMonth["2022-02"], "qqposted": 2} {
		var res searchResult
		getJSON(t, base+"/api/v1/search?collapse=false&q="+url.QueryEscape(q), &res)
		if res.Total != want {
			t.Errorf("%q finds %d articles, want %d", q, res.Total, want)
		}
	}

	// The endpoint behind it takes a key and only folders of the location.
	info, _ := indexer.ReadServerInfo(dir)
	for _, c := range []struct {
		key, body string
		status    int
	}{
		{"", `{"dst":"x","from":"2022-02"}`, http.StatusUnauthorized},
		{info.Token, `{"dst":"/tmp/elsewhere.tmp","from":"2022-02"}`, http.StatusBadRequest},
		{info.Token, fmt.Sprintf(`{"dst":%q,"from":"2022-02"}`, filepath.Join(dir, "gen-x")), http.StatusBadRequest},
		{info.Token, fmt.Sprintf(`{"dst":%q,"from":"Feb"}`, filepath.Join(dir, "gen-x.tmp")), http.StatusBadRequest},
		{info.Token, `{"dst":1}`, http.StatusBadRequest},
		{info.Token, `{"dst":"a","extra":true}`, http.StatusBadRequest},
	} {
		req, _ := http.NewRequest(http.MethodPost, base+"/admin/v1/copy-months", bytes.NewReader([]byte(c.body)))
		if c.key != "" {
			req.Header.Set("Authorization", "Bearer "+c.key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e struct {
			Error struct{ Message string } `json:"error"`
		}
		json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if resp.StatusCode != c.status || e.Error.Message == "" {
			t.Errorf("copy-months %s: %d %q, want %d with a message", c.body, resp.StatusCode, e.Error.Message, c.status)
		}
	}
}
