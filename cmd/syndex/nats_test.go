package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer/stream/streamtest"
)

// startReplica runs `syndex serve --nats` on dir and returns it and its
// base URL once /readyz answers 200.
func startReplica(t *testing.T, dir, name, natsURL string, extra ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := child(t, append([]string{"serve", "--index", dir, "--addr", "127.0.0.1:0", "--nats", natsURL,
		"--replica-name", name, "--push-rate", "1000", "--push-burst", "1000"}, extra...)...)
	return cmd, waitReady(t, cmd, dir)
}

// pushBatch pushes articles from..to-1 to base and reports whether the
// server acknowledged them (2xx).
func pushBatch(base, tok string, from, to int) bool {
	var b strings.Builder
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, `{"id":"lh-%d","title":"Lighthouse keeper %d logs the storm","body":"Keeper %d of the northern lighthouse kept the lamp lit all night.","source":"Coast Wire"}`+"\n", i, i, i)
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/articles", strings.NewReader(b.String()))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/x-ndjson")
	r, err := (&http.Client{Timeout: 60 * time.Second}).Do(req)
	if err != nil {
		return false
	}
	r.Body.Close()
	return r.StatusCode == http.StatusOK
}

type streamReady struct {
	Status string `json:"status"`
	Stream struct {
		Applied, Last, Lag uint64
		Known              bool
	} `json:"stream"`
}

// TestReplicasThroughKills: a real 3-node JetStream cluster in this
// process and two `syndex serve --nats` replicas as processes. Articles are
// pushed to both while a NATS node is stopped and then one replica is
// killed with SIGKILL mid-stream and started again. Every acknowledged
// article ends up searchable on both replicas, exactly once (the counts
// equal the distinct articles they hold, and agree), and searches on the
// surviving replica never fail.
func TestReplicasThroughKills(t *testing.T) {
	c := streamtest.Start(t, 3)
	// Both replicas start empty, as new replicas of a cluster do, and
	// share one key file, as they would a mounted secret.
	dirA, dirB := filepath.Join(t.TempDir(), "index"), filepath.Join(t.TempDir(), "index")
	keys := filepath.Join(t.TempDir(), "api-keys.json")
	code, tok, stderr := runCLI(t, "keys", "create", "--scope", "write", "--api-keys", keys)
	if code != 0 {
		t.Fatalf("keys create: %s", stderr)
	}
	tok = strings.TrimSpace(tok)
	_, baseA := startReplica(t, dirA, "a", c.URL(), "--no-poll", "--api-keys", keys)
	srvB, baseB := startReplica(t, dirB, "b", c.URL(), "--no-poll", "--api-keys", keys)

	// Searches on A run all along.
	stop := make(chan struct{})
	var searches, failed atomic.Int64
	var searchWG sync.WaitGroup
	searchWG.Add(1)
	go func() {
		defer searchWG.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			r, err := http.Get(baseA + "/api/v1/search?q=lighthouse+keeper&size=10")
			if err != nil || r.StatusCode != 200 {
				failed.Add(1)
				if r != nil {
					t.Logf("search on the surviving replica: %d", r.StatusCode)
				}
			}
			if r != nil {
				r.Body.Close()
			}
			searches.Add(1)
			time.Sleep(5 * time.Millisecond)
		}
	}()

	const batches, per = 60, 10
	var acked sync.Map
	var baseBNow atomic.Value
	baseBNow.Store(baseB)
	var pushWG sync.WaitGroup
	pushWG.Add(1)
	go func() {
		defer pushWG.Done()
		for i := 0; i < batches; i++ {
			base := baseA
			if i%2 == 1 {
				base = baseBNow.Load().(string)
			}
			if pushBatch(base, tok, i*per, (i+1)*per) {
				acked.Store(i, true)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	time.Sleep(200 * time.Millisecond)
	c.Stop(1) // a NATS node goes away
	time.Sleep(300 * time.Millisecond)
	if err := srvB.Process.Signal(syscall.SIGKILL); err != nil { // and a replica
		t.Fatal(err)
	}
	srvB.Wait()
	time.Sleep(200 * time.Millisecond)
	_, baseB = startReplica(t, dirB, "b", c.URL(), "--no-poll", "--api-keys", keys)
	baseBNow.Store(baseB)
	pushWG.Wait()
	c.Restart(1)
	// Batches refused while B was down are pushed again, to A.
	nAcked, again := 0, 0
	for i := 0; i < batches; i++ {
		if _, ok := acked.Load(i); !ok {
			if !pushBatch(baseA, tok, i*per, (i+1)*per) {
				t.Fatalf("batch %d refused by the surviving replica", i)
			}
			again++
		}
		nAcked += per
	}
	if again == 0 || again == batches {
		t.Logf("%d of %d batches were refused during the kills", again, batches)
	}
	close(stop)
	searchWG.Wait()
	if failed.Load() > 0 {
		t.Errorf("%d of %d searches on the surviving replica failed", failed.Load(), searches.Load())
	}

	for _, base := range []string{baseA, baseB} {
		deadline := time.Now().Add(60 * time.Second)
		var rd streamReady
		for {
			if getJSON(t, base+"/readyz", &rd) == 200 && rd.Stream.Known && rd.Stream.Lag == 0 && rd.Stream.Applied > 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s did not catch up: %+v", base, rd)
			}
			time.Sleep(100 * time.Millisecond)
		}
		for i := 0; i < batches*per; i++ {
			r, err := http.Get(fmt.Sprintf("%s/api/v1/articles/lh-%d", base, i))
			if err != nil {
				t.Fatal(err)
			}
			r.Body.Close()
			if r.StatusCode != 200 {
				t.Fatalf("%s: acknowledged article lh-%d: %d", base, i, r.StatusCode)
			}
		}
		var res searchResult
		getJSON(t, base+"/api/v1/search?q=lighthouse+keeper&collapse=false&size=0&facets=source", &res)
		if res.Total != nAcked {
			t.Errorf("%s: %d hits for the pushed articles, want each of the %d once", base, res.Total, nAcked)
		}
	}
	// Cursors need no sticky sessions: the next page of a search on A
	// continued on B is the page A gives.
	type page struct {
		Hits []struct {
			ID string `json:"id"`
		} `json:"hits"`
		Next string `json:"next_cursor"`
	}
	for _, sort := range []string{"relevance", "newest"} {
		var first, onA, onB page
		getJSON(t, baseA+"/api/v1/search?q=lighthouse+keeper+storm&size=7&sort="+sort, &first)
		if first.Next == "" || len(first.Hits) != 7 {
			t.Fatalf("first page (%s): %+v", sort, first)
		}
		getJSON(t, baseA+"/api/v1/search?q=lighthouse+keeper+storm&size=7&sort="+sort+"&cursor="+first.Next, &onA)
		getJSON(t, baseB+"/api/v1/search?q=lighthouse+keeper+storm&size=7&sort="+sort+"&cursor="+first.Next, &onB)
		if fmt.Sprint(onA.Hits) != fmt.Sprint(onB.Hits) || len(onA.Hits) != 7 {
			t.Errorf("page 2 (%s) on A %v, on B %v", sort, onA.Hits, onB.Hits)
		}
	}
	t.Logf("%d searches on the surviving replica during the kills; %d of %d batches pushed again", searches.Load(), again, batches)
}

// TestClusterCommands: with one NATS server (--nats-replicas 1), the
// cluster's subscriptions (`feeds add --nats`) are polled by the leading
// replica only and its items reach both replicas; `index --nats`
// publishes files to every replica; `reindex --nats` on another machine's
// location rebuilds from other files and both replicas switch to it,
// keeping everything written through the log.
func TestClusterCommands(t *testing.T) {
	c := streamtest.Start(t, 1)
	nats := []string{"--nats", c.URL(), "--nats-replicas", "1"}
	var fetches atomic.Int64
	feed := feedHandler("avocet", 3)
	fs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			fetches.Add(1)
		}
		feed.ServeHTTP(w, r)
	}))
	defer fs.Close()
	admin := t.TempDir()
	if code, out, stderr := runCLI(t, append([]string{"feeds", "add", fs.URL + "/feed.xml", "--index", admin}, nats...)...); code != 0 || !strings.Contains(out, "1 feed added") {
		t.Fatalf("feeds add --nats: %d %s %s", code, out, stderr)
	}
	fetches.Store(0) // feeds add fetched it once to check it
	if code, out, _ := runCLI(t, append([]string{"feeds", "list", "--index", admin}, nats...)...); code != 0 || !strings.Contains(out, fs.URL+"/feed.xml") {
		t.Fatalf("feeds list --nats: %d %s", code, out)
	}
	if code, _, stderr := runCLI(t, append([]string{"poll", "--once", "--index", admin}, nats...)...); code != exitUsage {
		t.Errorf("poll --once --nats: %d %s", code, stderr)
	}
	_, baseA := startReplica(t, sampleIndex(t), "a", c.URL(), "--nats-replicas", "1")
	_, baseB := startReplica(t, sampleIndex(t), "b", c.URL(), "--nats-replicas", "1")
	total := func(base, q string) int {
		var res searchResult
		getJSON(t, base+"/api/v1/search?collapse=false&size=0&q="+q, &res)
		return res.Total
	}
	waitUntil := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out: %s", what)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitUntil("the feed's items on both replicas", func() bool { return total(baseA, "avocet") == 3 && total(baseB, "avocet") == 3 })
	if n := fetches.Load(); n != 1 {
		t.Errorf("the feed was fetched %d times by two replicas; one leader polls", n)
	}

	src := write(t, t.TempDir(), "terns.jsonl", `{"id":"tern-1","title":"Arctic tern ringed","body":"A tern ringed on the coast.","source":"Bird Wire"}
{"id":"tern-2","title":"Tern colony grows","body":"The tern colony doubled.","source":"Bird Wire"}
{"id":"tern-3","title":"","body":""}
`)
	code, _, stderr := runCLI(t, append([]string{"index", src, "--index", admin}, nats...)...)
	if code != exitRejected || !strings.Contains(stderr, "terns.jsonl:3") {
		t.Fatalf("index --nats with a bad line: %d %s", code, stderr)
	}
	waitUntil("indexed articles on both replicas", func() bool { return total(baseA, "tern") == 2 && total(baseB, "tern") == 2 })

	rebuilt := write(t, t.TempDir(), "herons.jsonl", `{"id":"heron-1","title":"Grey heron nests","body":"Herons nest early.","source":"Bird Wire"}
`)
	reidx := t.TempDir()
	if code, _, stderr := runCLI(t, append([]string{"reindex", rebuilt, "--index", reidx}, nats...)...); code != 0 {
		t.Fatalf("reindex --nats: %d %s", code, stderr)
	}
	for _, base := range []string{baseA, baseB} {
		waitUntil("the rebuilt generation on "+base, func() bool {
			return total(base, "heron") == 1 && total(base, "tern") == 2 && total(base, "avocet") == 3 && total(base, "") == 6
		})
	}
}
