package main

import (
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer"
)

// TestPushWithKeys: a key made by `syndex keys create` pushes an article to
// a running `syndex serve`; the acknowledged article survives kill -9 of
// the server; `syndex keys revoke` shuts the key out of the running server
// at once, and `keys list` says so without showing any key.
func TestPushWithKeys(t *testing.T) {
	dir := sampleIndex(t)
	code, tok, stderr := runCLI(t, "keys", "create", "--scope", "write", "--name", "acme", "--index", dir)
	tok = strings.TrimSpace(tok)
	if code != 0 || !strings.HasPrefix(tok, "sdx_") || !strings.Contains(stderr, "shown only now") {
		t.Fatalf("keys create: %d %q %s", code, tok, stderr)
	}
	if code, _, stderr := runCLI(t, "keys", "create", "--scope", "root", "--index", dir); code != exitUsage || !strings.Contains(stderr, "unknown scope") {
		t.Errorf("bad scope: %d %s", code, stderr)
	}
	push := func(base, body string) int {
		req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/articles", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		return r.StatusCode
	}

	srv, base := startServer(t, dir)
	if st := push(base, `{"id":"acme-1","title":"Albatross returns to the bay","body":"An albatross was seen.","source":"Acme Wire"}`); st != http.StatusOK {
		t.Fatalf("push: %d", st)
	}
	// Acknowledged means durable: kill -9 right after the answer.
	if err := srv.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	srv.Wait()
	_, base = startServer(t, dir)
	var res searchResult
	getJSON(t, base+"/api/v1/search?q=albatross", &res)
	if res.Total != 1 {
		t.Fatalf("pushed article after kill -9: total %d", res.Total)
	}

	if code, out, _ := runCLI(t, "keys", "revoke", tok, "--index", dir); code != 0 || !strings.Contains(out, "revoked") {
		t.Fatalf("revoke: %d %s", code, out)
	}
	if st := push(base, `{"id":"acme-2","title":"Another"}`); st != http.StatusUnauthorized {
		t.Errorf("push with a revoked key: %d", st)
	}
	code, out, _ := runCLI(t, "keys", "list", "--index", dir)
	secret := tok[strings.LastIndex(tok, "_")+1:]
	if code != 0 || !strings.Contains(out, "acme") || !strings.Contains(out, "revoked") || strings.Contains(out, secret) {
		t.Errorf("keys list: %d %s", code, out)
	}
}

func TestParseRetain(t *testing.T) {
	day := 24 * time.Hour
	for in, want := range map[string]time.Duration{"": 0, "365d": 365 * day, "8w": 56 * day, "720h": 720 * time.Hour, " 30d ": 30 * day} {
		if got, err := parseRetain(in); err != nil || got != want {
			t.Errorf("parseRetain(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"d", "xd", "1y", "10m", "-5d", "0d", "abc"} {
		if _, err := parseRetain(in); err == nil {
			t.Errorf("parseRetain(%q) accepted", in)
		}
	}
}

// TestServeRetain: serve --retain deletes the articles published longer
// ago than the period at start (with 1h, every dated article of the
// sample) and keeps undated ones; a bad period is a usage error.
func TestServeRetain(t *testing.T) {
	if code, _, stderr := runCLI(t, "serve", "--retain", "5m", "--index", t.TempDir()); code != exitUsage || !strings.Contains(stderr, "at least 1h") {
		t.Errorf("--retain 5m: %d %s", code, stderr)
	}
	dir := sampleIndex(t)
	cmd := child(t, "serve", "--index", dir, "--addr", "127.0.0.1:0", "--retain", "1h")
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if info, ok := indexer.ReadServerInfo(dir); ok && info.PID == cmd.Process.Pid {
			base := "http://" + info.Addr + "/api/v1/search?collapse=false&size=0"
			var old, all searchResult
			if getJSON(t, base+"&to="+time.Now().Add(-2*time.Hour).UTC().Format(time.RFC3339), &old) == http.StatusOK && old.Total == 0 {
				if getJSON(t, base, &all); all.Total == 0 || all.Total >= 413 {
					t.Fatalf("after retention %d articles left, want the undated ones only", all.Total)
				}
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("the sample's articles were not deleted by --retain 1h")
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "1GiB": 1 << 30, "800MiB": 800 << 20, " 2 GB ": 2 << 30, "512KiB": 512 << 10, "100": 100, "1.5GiB": 3 << 29} {
		if got, err := parseBytes(in); err != nil || got != want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "GiB", "-1GiB", "lots", "1TB", "1e30"} {
		if _, err := parseBytes(in); err == nil {
			t.Errorf("parseBytes(%q) accepted", in)
		}
	}
}
