package main

import (
	"net/http"
	"strings"
	"syscall"
	"testing"
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
