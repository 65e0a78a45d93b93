package web

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/syndex/syndex/searchsvc"
)

// TestNewsboatFollowsSearch subscribes Debian's newsboat, a real feed
// reader, to a search's Atom and RSS feeds over HTTP and checks that it
// reads every story of the search. Under CI a missing newsboat fails the
// test (.ci/run installs it); elsewhere it skips.
func TestNewsboatFollowsSearch(t *testing.T) {
	bin, err := exec.LookPath("newsboat")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("newsboat is not installed (apt-get install newsboat); CI needs it")
		}
		t.Skip("newsboat not installed")
	}
	srv := httptest.NewServer(pageServer(t))
	defer srv.Close()
	rec := getPage(t, pageServer(t), "/api/v1/search?q=quokka&sort=newest&size=50&facets=")
	var api searchsvc.Response
	if err := json.Unmarshal(rec.Body.Bytes(), &api); err != nil || len(api.Hits) == 0 {
		t.Fatalf("API: %v, %d hits", err, len(api.Hits))
	}
	for _, path := range []string{"/search.atom", "/search.rss"} {
		dir := t.TempDir()
		urls := filepath.Join(dir, "urls")
		if err := os.WriteFile(urls, []byte(srv.URL+path+"?q=quokka\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "-u", urls, "-c", filepath.Join(dir, "cache.db"), "-C", filepath.Join(dir, "config"), "-x", "reload", "print-unread")
		cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: newsboat: %v\n%s", path, err, out)
		}
		// "N unread articles"
		n, err := strconv.Atoi(strings.SplitN(strings.TrimSpace(string(out)), " ", 2)[0])
		if err != nil || n != len(api.Hits) {
			t.Errorf("%s: newsboat says %q, want %d unread articles", path, strings.TrimSpace(string(out)), len(api.Hits))
		}
	}
}
