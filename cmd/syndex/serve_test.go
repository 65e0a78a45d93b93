package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/sharedtest"
)

// TestMain lets the test binary run as the syndex command itself
// (SYNDEX_EXEC_MAIN=1), so tests can start, signal and kill -9 real server and
// reindex processes without building the binary separately.
func TestMain(m *testing.M) {
	if os.Getenv("SYNDEX_EXEC_MAIN") == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// child starts `syndex args...` as a separate process.
func child(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "SYNDEX_EXEC_MAIN=1")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		if t.Failed() {
			t.Logf("%v output:\n%s", args, logs.String())
		}
	})
	return cmd
}

// startServer runs `syndex serve` on dir and returns it and its base URL
// once /readyz answers.
func startServer(t *testing.T, dir string) (*exec.Cmd, string) {
	t.Helper()
	cmd := child(t, "serve", "--index", dir, "--addr", "127.0.0.1:0")
	return cmd, waitReady(t, cmd, dir)
}

// waitReady returns the base URL of the server cmd runs on dir once its
// /readyz answers 200.
func waitReady(t *testing.T, cmd *exec.Cmd, dir string) string {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) && cmd.ProcessState == nil {
		if info, ok := indexer.ReadServerInfo(dir); ok && info.PID == cmd.Process.Pid {
			base := "http://" + info.Addr
			if r, err := http.Get(base + "/readyz"); err == nil {
				r.Body.Close()
				if r.StatusCode == 200 {
					return base
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%v did not become ready", cmd.Args[1:])
	return ""
}

type readyz struct {
	Articles   int    `json:"articles"`
	Generation string `json:"generation"`
	Version    string `json:"version"`
}

func getJSON(t *testing.T, u string, v any) int {
	t.Helper()
	r, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	return r.StatusCode
}

type searchResult struct {
	Total  int `json:"total"`
	Facets struct {
		Source struct {
			Values []struct {
				Value string `json:"value"`
				Count int    `json:"count"`
			} `json:"values"`
		} `json:"source"`
		Tag struct {
			Values []struct {
				Value string `json:"value"`
				Count int    `json:"count"`
			} `json:"values"`
		} `json:"tag"`
	} `json:"facets"`
}

func sampleIndex(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := indexer.Reindex(t.Context(), dir, []string{filepath.Join("..", "..", "testdata", "sample")}, indexer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func sharedJSONL(t *testing.T, names ...string) []string {
	t.Helper()
	dir := sharedtest.Dir(t, "corpora", "jsonl")
	var out []string
	for _, n := range names {
		out = append(out, filepath.Join(dir, n))
	}
	return out
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

// TestServeSwapUnderLoad queries a running server from several goroutines
// while a full reindex of the shared corpus builds and is swapped in: no
// request may fail or come back empty, and afterwards the answers come from
// the new index. It logs p99 latency before, during the build and around
// the swap (reported in the README; not asserted, timings are not tests).
func TestServeSwapUnderLoad(t *testing.T) {
	corpus := sharedJSONL(t, "reuters.jsonl", "bbc.jsonl", "crypto.jsonl", "agnews.jsonl")
	dir := filepath.Join(t.TempDir(), "index")
	if _, err := indexer.Reindex(t.Context(), dir, corpus, indexer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	// The new index differs by one article, so answers show which is served.
	marker := write(t, t.TempDir(), "marker.jsonl", `{"id":"marker","title":"Quokkaquest marker","body":"Only in the new index.","source":"Marker"}`+"\n")
	corpus = append(corpus, marker)
	_, base := startServer(t, dir)
	var before readyz
	getJSON(t, base+"/readyz", &before)
	if before.Version != version() {
		t.Errorf("readyz version %q, want %q as --version prints", before.Version, version())
	}

	type sample struct {
		at time.Time
		d  time.Duration
	}
	var (
		mu       sync.Mutex
		samples  []sample
		failures atomic.Int64
		stop     = make(chan struct{})
		wg       sync.WaitGroup
	)
	queries := []string{"q=", "q=oil", "q=prices+OR+profit", "tag=crude", "q=%22central+bank%22", "q=bitcoin&sort=newest"}
	client := &http.Client{Timeout: 10 * time.Second}
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				start := time.Now()
				r, err := client.Get(base + "/api/v1/search?" + queries[i%len(queries)])
				if err != nil {
					failures.Add(1)
					continue
				}
				var res searchResult
				err = json.NewDecoder(r.Body).Decode(&res)
				r.Body.Close()
				d := time.Since(start)
				if err != nil || r.StatusCode != 200 || (queries[i%len(queries)] == "q=" && res.Total == 0) {
					failures.Add(1)
					t.Logf("failed: %s: status %d total %d err %v", queries[i%len(queries)], r.StatusCode, res.Total, err)
				}
				mu.Lock()
				samples = append(samples, sample{at: start, d: d})
				mu.Unlock()
			}
		}()
	}
	time.Sleep(2 * time.Second) // warm-up, not counted
	steadyStart := time.Now()
	time.Sleep(3 * time.Second)
	buildStart := time.Now()
	sum, err := indexer.Reindex(t.Context(), dir, corpus, indexer.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	published := time.Now()
	var after readyz
	for time.Since(published) < 10*time.Second {
		getJSON(t, base+"/readyz", &after)
		if after.Generation != before.Generation {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	swapped := time.Now()
	time.Sleep(1500 * time.Millisecond)
	close(stop)
	wg.Wait()

	if failures.Load() > 0 {
		t.Fatalf("%d requests failed or were empty during the reindex and swap", failures.Load())
	}
	if after.Generation == before.Generation || after.Generation != filepath.Base(sum.Generation) {
		t.Fatalf("server still on %s after publishing %s", after.Generation, sum.Generation)
	}
	if d := swapped.Sub(published); d > 2*time.Second {
		t.Errorf("the server took %v to notice the new index (it polls every %v)", d, reloadInterval)
	}
	if after.Articles != 34948 {
		t.Errorf("after the swap: %d articles, want 34948", after.Articles)
	}
	var all searchResult
	getJSON(t, base+"/api/v1/search?q=quokkaquest", &all)
	if all.Total != 1 {
		t.Errorf("search after the swap: the new article is not found (total %d)", all.Total)
	}
	var steady, building, swap []time.Duration
	for _, s := range samples {
		switch {
		case s.at.Before(steadyStart):
		case s.at.Before(buildStart):
			steady = append(steady, s.d)
		case s.at.Before(published):
			building = append(building, s.d)
		case s.at.Before(swapped.Add(time.Second)):
			swap = append(swap, s.d)
		}
	}
	t.Logf("requests: %d; p99 latency: steady %v (n=%d), while building %v (n=%d), publish→swap+1s %v (n=%d); swap noticed after %v",
		len(samples), percentile(steady, .99), len(steady), percentile(building, .99), len(building),
		percentile(swap, .99), len(swap), swapped.Sub(published).Round(time.Millisecond))
}

// TestIndexWhileServing runs `syndex index` against a location a server has
// open: the articles go through the server and are searchable, with facet
// counts, as soon as the command succeeds.
func TestIndexWhileServing(t *testing.T) {
	dir := sampleIndex(t)
	_, base := startServer(t, dir)
	src := t.TempDir()
	lines := []string{
		`{"id":"new-1","title":"Zebra crossing pilot","body":"A zebra crossing pilot starts.","source":"Brand New Source","published":"2026-11-01T10:00:00Z","tags":["novel-tag"]}`,
		`{"id":"new-2","title":"Zebra count rises","body":"The zebra count rose.","source":"Brand New Source","published":"2026-11-02T10:00:00Z","tags":["novel-tag"]}`,
		`{"id":"broken"`,
	}
	f := write(t, src, "new.jsonl", strings.Join(lines, "\n")+"\n")
	code, _, stderr := runCLI(t, "index", "--index", dir, f)
	if code != exitRejected || !strings.Contains(stderr, "sending it the articles") || !strings.Contains(stderr, "indexed 2, updated 0, rejected 1") || strings.Contains(stderr, "(0.0 MB)") {
		t.Fatalf("index exit %d:\n%s", code, stderr)
	}
	var res searchResult
	getJSON(t, base+"/api/v1/search?q=zebra&source="+url.QueryEscape("Brand New Source"), &res)
	if res.Total != 2 {
		t.Fatalf("new articles not searchable: total %d", res.Total)
	}
	found := false
	for _, v := range res.Facets.Tag.Values {
		if v.Value == "novel-tag" && v.Count == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("tag facet lacks novel-tag=2: %+v", res.Facets.Tag.Values)
	}
	// A wrong token is refused.
	req, _ := http.NewRequest(http.MethodPost, base+"/admin/v1/articles", strings.NewReader(lines[0]))
	req.Header.Set("Authorization", "Bearer wrong")
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusUnauthorized && r.StatusCode != http.StatusForbidden {
		t.Errorf("wrong token: status %d", r.StatusCode)
	}
}

// TestWriteKeysPersist checks that the server's write key survives a
// restart (tooling configured with it keeps working), that keys from
// $SYNDEX_WRITE_KEYS are accepted beside it, and that `syndex index`
// through the server reports an oversized article as rejected, by file and
// line, while the rest of the file is written.
func TestWriteKeysPersist(t *testing.T) {
	dir := sampleIndex(t)
	srv, base := startServer(t, dir)
	first, _ := indexer.ReadServerInfo(dir)
	st, err := os.Stat(filepath.Join(dir, keysFile))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("keys file: %v %v", st, err)
	}
	srv.Process.Signal(syscall.SIGTERM)
	srv.Wait()
	t.Setenv("SYNDEX_WRITE_KEYS", "partner-key-0123456789abcdef")
	_, base = startServer(t, dir)
	second, _ := indexer.ReadServerInfo(dir)
	if first.Token == "" || second.Token != first.Token {
		t.Fatalf("the write key changed across a restart")
	}
	post := func(key, body string) int {
		req, _ := http.NewRequest(http.MethodPost, base+"/admin/v1/articles", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		return r.StatusCode
	}
	good := `{"id":"k1","title":"Key test","body":"Written with a partner key."}` + "\n"
	for key, want := range map[string]int{first.Token: 200, "partner-key-0123456789abcdef": 200, "partner-key-0123456789abcdeX": 401, "": 401} {
		if got := post(key, good); got != want {
			t.Errorf("key %.8q…: status %d, want %d", key, got, want)
		}
	}
	src := t.TempDir()
	f := write(t, src, "big.jsonl", `{"id":"ok-1","title":"Fine","body":"Small body."}`+"\n"+
		`{"id":"too-big","title":"Big","body":"`+strings.Repeat("x ", 3<<20)+`"}`+"\n")
	code, _, stderr := runCLI(t, "index", "--index", dir, "--max-body", "20000000", f)
	if code != exitRejected || !strings.Contains(stderr, "indexed 1, updated 0, rejected 1") || !strings.Contains(stderr, f+":2: refused by the server: body is") {
		t.Errorf("index through the server: exit %d:\n%s", code, stderr)
	}
}

// TestKillDuringSwapAndPublish kills the server with SIGKILL right as a new
// generation is published, and reindex processes at several moments of
// their run; each time a restarted server opens a complete, consistent index.
func TestKillDuringSwapAndPublish(t *testing.T) {
	bbc := sharedJSONL(t, "bbc.jsonl")
	crypto := sharedJSONL(t, "crypto.jsonl")
	dir := sampleIndex(t)
	srv, _ := startServer(t, dir)
	cur := filepath.Join(dir, "CURRENT")
	old, _ := os.ReadFile(cur)
	done := make(chan error, 1)
	go func() {
		_, err := indexer.Reindex(context.Background(), dir, bbc, indexer.WriteOptions{})
		done <- err
	}()
	for {
		if b, _ := os.ReadFile(cur); !bytes.Equal(b, old) {
			srv.Process.Kill() // mid-swap: the server is about to reload
			break
		}
		time.Sleep(time.Millisecond)
	}
	srv.Wait()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	_, base := startServer(t, dir)
	var rz readyz
	getJSON(t, base+"/readyz", &rz)
	if rz.Articles != 1824 {
		t.Fatalf("restarted server: %d articles, want 1824", rz.Articles)
	}

	for _, delay := range []time.Duration{100 * time.Millisecond, 500 * time.Millisecond, 900 * time.Millisecond, 1300 * time.Millisecond} {
		re := child(t, "reindex", "--index", dir, crypto[0])
		time.Sleep(delay)
		re.Process.Kill()
		re.Wait()
		// The reindex may have published before the kill: wait until the
		// server serves the generation CURRENT names, whichever it is.
		gen, err := indexer.CurrentGeneration(dir)
		if err != nil {
			t.Fatal(err)
		}
		var got readyz
		for start := time.Now(); time.Since(start) < 5*time.Second; time.Sleep(50 * time.Millisecond) {
			getJSON(t, base+"/readyz", &got)
			if got.Generation == filepath.Base(gen) {
				break
			}
		}
		if got.Generation != filepath.Base(gen) {
			t.Fatalf("after killing the reindex at %v: server serves %s, CURRENT names %s", delay, got.Generation, filepath.Base(gen))
		}
		if got.Articles != 1824 && got.Articles != 7524 {
			t.Fatalf("after killing the reindex at %v: server has %d articles, want 1824 (old) or 7524 (new)", delay, got.Articles)
		}
		ix, err := indexer.Open(dir)
		if err == nil {
			ix.Close()
			t.Fatal("the index should be held by the server")
		}
	}
}

// TestTwoReindexesFailFast starts a long reindex and a second one on the
// same location: the second exits at once with a clear message.
func TestTwoReindexesFailFast(t *testing.T) {
	corpus := sharedJSONL(t, "reuters.jsonl")
	dir := filepath.Join(t.TempDir(), "index")
	first := child(t, "reindex", "--index", dir, corpus[0])
	for start := time.Now(); ; time.Sleep(10 * time.Millisecond) {
		if entries, _ := filepath.Glob(filepath.Join(dir, "gen-*.tmp")); len(entries) > 0 {
			break
		}
		if time.Since(start) > 30*time.Second {
			t.Fatal("first reindex did not start")
		}
	}
	start := time.Now()
	code, _, stderr := runCLI(t, "reindex", "--index", dir, corpus[0])
	if code != exitError || !strings.Contains(stderr, "another reindex is running") {
		t.Fatalf("second reindex: exit %d: %s", code, stderr)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("second reindex took %v to fail", d)
	}
	if err := first.Wait(); err != nil {
		t.Fatalf("first reindex: %v", err)
	}
}

// TestReadCommandsBesideServer checks that `search` and `stats` work while
// `serve` holds the index (its file lock keeps other processes out), and
// print what they print without a server.
func TestReadCommandsBesideServer(t *testing.T) {
	dir := sampleIndex(t)
	commands := [][]string{
		{"search", "oil", "--index", dir},
		{"search", "central bank", "--index", dir, "--json", "--facets", "source,tag"},
		{"search", "pipeline", "--index", dir, "--all-copies", "-n", "3"},
		{"stats", "--index", dir},
		{"stats", "--index", dir, "--json", "--tags", "5"},
	}
	// The time taken is the one thing that differs between two runs.
	took := regexp.MustCompile(`"took_ms": [0-9.]+|\([0-9.]+ ms,`)
	run := func() []string {
		var outs []string
		for _, args := range commands {
			code, stdout, stderr := runCLI(t, args...)
			if code != exitOK {
				t.Fatalf("%v: exit %d: %s", args, code, stderr)
			}
			outs = append(outs, took.ReplaceAllString(stdout, "TOOK"))
		}
		return outs
	}
	direct := run()
	startServer(t, dir)
	served := run()
	for i, args := range commands {
		if served[i] != direct[i] {
			t.Errorf("%v beside the server printed\n%s\nwithout it\n%s", args, served[i], direct[i])
		}
	}
	if code, _, stderr := runCLI(t, "search", "oil", "--index", dir, "--size", "1000"); code != exitUsage || !strings.Contains(stderr, "--size") {
		t.Errorf("a bad parameter through the server: exit %d %s", code, stderr)
	}
}
