package stream

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/stream/streamtest"
)

// location builds an index location from n articles of its own.
func location(t *testing.T, prefix string, n int) string {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"id":"%s-%d","title":"Base article %d about harbours","body":"The harbour of town %d reopened after repairs to the quay.","source":"Base Wire"}`+"\n", prefix, i, i, i)
	}
	src := filepath.Join(t.TempDir(), "base.jsonl")
	if err := os.WriteFile(src, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := indexer.Reindex(context.Background(), dir, []string{src}, indexer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func pushed(prefix string, from, to int) []*article.Article {
	var arts []*article.Article
	for i := from; i < to; i++ {
		arts = append(arts, &article.Article{
			ID:     fmt.Sprintf("%s-%d", prefix, i),
			Title:  fmt.Sprintf("Pushed story %d on lighthouse keepers", i),
			Body:   fmt.Sprintf("Keeper number %d tended the lamp through the storm of the year.", i),
			Source: "Push Wire",
		})
	}
	return arts
}

// replica is a running Replica over its own location.
type replica struct {
	*Replica
	live   *indexer.Live
	cancel context.CancelFunc
	done   chan struct{}
}

func startReplica(t *testing.T, lg *Log, dir, name string) *replica {
	t.Helper()
	live, err := indexer.OpenLive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReplica(lg, live, name, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	rp := &replica{Replica: r, live: live, cancel: cancel, done: make(chan struct{})}
	go func() { defer close(rp.done); r.Run(ctx) }()
	t.Cleanup(rp.stop)
	return rp
}

func (r *replica) stop() {
	if r.cancel == nil {
		return
	}
	r.cancel()
	<-r.done
	r.live.Close()
	r.cancel = nil
}

func connect(t *testing.T, c *streamtest.Cluster, replicas int) *Log {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	lg, err := Connect(ctx, Config{URLs: c.URLs(), Replicas: replicas})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(lg.Close)
	return lg
}

func count(t *testing.T, live *indexer.Live) uint64 {
	t.Helper()
	ix, release := live.Acquire()
	defer release()
	n, err := ix.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// waitFor polls cond for up to 30 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestReplicasThroughNodeLoss: two replicas of a real 3-node JetStream
// cluster (R3); articles are written through both while a NATS node is
// stopped and started again; every acknowledged write ends on both
// replicas exactly once (count and ids), deletions too, and both agree on
// the sequence they applied.
func TestReplicasThroughNodeLoss(t *testing.T) {
	c := streamtest.Start(t, 3)
	lgA, lgB := connect(t, c, 3), connect(t, c, 3)
	a := startReplica(t, lgA, location(t, "base", 20), "a")
	b := startReplica(t, lgB, location(t, "base", 20), "b")

	ctx := context.Background()
	var acked atomic.Int64
	var wg sync.WaitGroup
	for w, r := range []*replica{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				arts := pushed(fmt.Sprintf("w%d", w), i*20, (i+1)*20)
				wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
				_, _, err := r.AddArticles(wctx, arts)
				cancel()
				if err != nil {
					t.Errorf("write %d of writer %d: %v", i, w, err)
					return
				}
				acked.Add(int64(len(arts)))
			}
		}()
	}
	time.Sleep(100 * time.Millisecond)
	c.Stop(0) // a node goes away mid-stream
	wg.Wait()
	c.Restart(0)
	if _, err := b.DeleteArticles(ctx, []string{"w0-0", "w1-0", "base-0"}); err != nil {
		t.Fatal(err)
	}
	want := uint64(20 + acked.Load() - 3)
	if acked.Load() != 400 {
		t.Fatalf("acknowledged %d of 400", acked.Load())
	}
	last, err := lgA.LastSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*replica{a, b} {
		waitFor(t, "replica "+r.name+" to apply the log", func() bool { return r.Applied() >= last })
		if n := count(t, r.live); n != want {
			t.Errorf("replica %s holds %d articles, want %d", r.name, n, want)
		}
		had, err := r.live.Has([]string{"w0-199", "w1-57", "w0-0", "base-0", "base-1"})
		if err != nil {
			t.Fatal(err)
		}
		if !had["w0-199"] || !had["w1-57"] || had["w0-0"] || had["base-0"] || !had["base-1"] {
			t.Errorf("replica %s: ids held %v", r.name, had)
		}
		if st := r.Status(ctx); st.Lag != 0 || st.Applied != last {
			t.Errorf("replica %s status %+v, want applied %d lag 0", r.name, st, last)
		}
	}
}

// TestResumeSnapshotAndNewGeneration: a stopped replica resumes where its
// index is (nothing applied twice, nothing missed); a new replica on an
// empty location starts from the published snapshot and the log after
// it; a generation rebuilt from other files and published with
// PublishGeneration replaces the replicas' generation and keeps every
// write of the log.
func TestResumeSnapshotAndNewGeneration(t *testing.T) {
	c := streamtest.Start(t, 1)
	lg := connect(t, c, 1)
	ctx := context.Background()
	dirA := location(t, "base", 10)
	a := startReplica(t, lg, dirA, "a")
	if _, _, err := a.AddArticles(ctx, pushed("p", 0, 100)); err != nil {
		t.Fatal(err)
	}
	applied := a.Applied()
	if applied != 100 {
		t.Fatalf("applied %d after 100 writes", applied)
	}
	a.stop()
	if _, err := lg.Publish(ctx, changes(pushed("p", 100, 150))); err != nil {
		t.Fatal(err)
	}
	a = startReplica(t, lg, dirA, "a")
	if a.Applied() != applied {
		t.Fatalf("restarted at %d, had %d", a.Applied(), applied)
	}
	waitFor(t, "resume", func() bool { return a.Applied() == 150 })
	if n := count(t, a.live); n != 160 {
		t.Fatalf("after resume: %d articles, want 160", n)
	}

	snap, err := a.PublishSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Seq != 150 || snap.Articles != 160 || snap.Bytes == 0 {
		t.Fatalf("snapshot %+v", snap)
	}
	if _, err := lg.Publish(ctx, changes(pushed("p", 150, 160))); err != nil {
		t.Fatal(err)
	}
	dirC := t.TempDir()
	if ok, err := Bootstrap(ctx, lg, dirC); err != nil || !ok {
		t.Fatalf("bootstrap: %v %v", ok, err)
	}
	cr := startReplica(t, lg, dirC, "c")
	if cr.Applied() != 150 {
		t.Fatalf("bootstrapped replica starts at %d, want the snapshot's 150", cr.Applied())
	}
	waitFor(t, "bootstrapped replica", func() bool { return cr.Applied() == 160 })
	waitFor(t, "replica a", func() bool { return a.Applied() == 160 })
	if n, m := count(t, cr.live), count(t, a.live); n != 170 || m != 170 {
		t.Fatalf("bootstrapped replica holds %d, a %d; want 170", n, m)
	}
	if ok, err := Bootstrap(ctx, lg, dirC); err != nil || ok {
		t.Fatalf("bootstrap over an index: %v %v", ok, err)
	}

	// A reindex elsewhere, from other files, then published.
	time.Sleep(10 * time.Millisecond) // a later build time
	dirR := location(t, "rebuilt", 5)
	if _, err := lg.Publish(ctx, []indexer.Change{{Deleted: "p-3"}}); err != nil {
		t.Fatal(err)
	}
	gen, err := PublishGeneration(ctx, lg, dirR)
	if err != nil {
		t.Fatal(err)
	}
	if gen.Seq != 161 || gen.Articles != 5+159 {
		t.Fatalf("published generation %+v", gen)
	}
	for _, r := range []*replica{a, cr} {
		waitFor(t, "switch to the rebuilt generation", func() bool {
			had, _ := r.live.Has([]string{"rebuilt-0", "base-0", "p-3", "p-159"})
			return had["rebuilt-0"] && !had["base-0"] && !had["p-3"] && had["p-159"]
		})
		if n := count(t, r.live); n != 164 {
			t.Errorf("replica %s after the switch: %d articles, want 164", r.name, n)
		}
	}
	// Writes go on into the new generation.
	for _, r := range []*replica{a, cr} {
		if _, _, err := r.AddArticles(ctx, pushed("after-"+r.name, 0, 1)); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "writes after the switch", func() bool {
		return count(t, a.live) == 166 && count(t, cr.live) == 166
	})
}

func changes(arts []*article.Article) []indexer.Change {
	out := make([]indexer.Change, len(arts))
	for i, a := range arts {
		out[i].Article = a
	}
	return out
}

// TestOneLeader: of two replicas leading, one runs the leader's work at a
// time; when it stops, the other takes over at once, and when its holder
// vanishes without giving the lease up (connection gone), the other takes
// over after the lease expires.
func TestOneLeader(t *testing.T) {
	c := streamtest.Start(t, 1)
	var running, maxRunning atomic.Int32
	var leaders sync.Map
	lead := func(lg *Log, name string) (stop func()) {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			defer close(done)
			lg.Lead(ctx, name, func(ctx context.Context) {
				n := running.Add(1)
				if n > maxRunning.Load() {
					maxRunning.Store(n)
				}
				leaders.Store(name, true)
				<-ctx.Done()
				running.Add(-1)
			})
		}()
		return func() { cancel(); <-done }
	}
	lgA, lgB, lgC := connect(t, c, 1), connect(t, c, 1), connect(t, c, 1)
	stopA := lead(lgA, "a")
	waitFor(t, "a leader", func() bool { return running.Load() == 1 })
	stopB := lead(lgB, "b")
	defer stopB()
	time.Sleep(leaseTTL / 2)
	if _, ok := leaders.Load("b"); ok {
		t.Fatal("b led while a held the lease")
	}
	stopA()
	start := time.Now()
	waitFor(t, "b to take over", func() bool { _, ok := leaders.Load("b"); return ok })
	if d := time.Since(start); d > leaseTTL {
		t.Errorf("takeover after a clean stop took %v", d)
	}
	// b's connection vanishes: c takes over once the lease expires.
	stopC := lead(lgC, "c")
	defer stopC()
	lgB.Close()
	waitFor(t, "c to take over", func() bool { _, ok := leaders.Load("c"); return ok })
	waitFor(t, "b to stop leading", func() bool { return running.Load() == 1 })
	if maxRunning.Load() != 1 {
		t.Errorf("%d leaders at once", maxRunning.Load())
	}
}

// TestDeliveredButNotApplied: messages the replica's consumer delivered
// before the replica died, unapplied and unacked, are applied when it
// starts again — not skipped because later ones came first.
func TestDeliveredButNotApplied(t *testing.T) {
	c := streamtest.Start(t, 1)
	lg := connect(t, c, 1)
	ctx := context.Background()
	dir := location(t, "base", 3)
	live, err := indexer.OpenLive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReplica(lg, live, "x", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lg.Publish(ctx, changes(pushed("p", 0, 10))); err != nil {
		t.Fatal(err)
	}
	// The dying replica: its consumer delivers five, nothing is applied.
	cons, err := r.consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	batch, err := cons.FetchNoWait(5)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range batch.Messages() {
		n++
	}
	if n != 5 {
		t.Fatalf("delivered %d", n)
	}
	live.Close()
	rp := startReplica(t, lg, dir, "x")
	waitFor(t, "the log applied", func() bool { return rp.Applied() == 10 })
	if got := count(t, rp.live); got != 13 {
		t.Fatalf("%d articles after the restart, want 13 (5 delivered before the crash were skipped)", got)
	}
}

// TestTooLarge: an article over the servers' max_payload is refused by
// name before anything is sent (Publish), or left out while the others
// are published (PublishFitting, for bulk imports).
func TestTooLarge(t *testing.T) {
	c := streamtest.StartWith(t, 1, func(o *server.Options) { o.MaxPayload = 8 << 10 })
	lg := connect(t, c, 1)
	ctx := context.Background()
	big := &article.Article{ID: "big", Title: "Big", Body: strings.Repeat("word ", 4000)}
	small := pushed("s", 0, 1)[0]
	var tl *TooLargeError
	if _, err := lg.Publish(ctx, changes([]*article.Article{small, big})); !errors.As(err, &tl) || tl.ID != "big" {
		t.Fatalf("Publish: %v", err)
	}
	if last, _ := lg.LastSeq(ctx); last != 0 {
		t.Fatalf("something was sent: last seq %d", last)
	}
	_, refused, err := lg.PublishFitting(ctx, changes([]*article.Article{small, big}))
	if err != nil || len(refused) != 1 || !errors.As(refused[1], &tl) {
		t.Fatalf("PublishFitting: %v %v", refused, err)
	}
	if last, _ := lg.LastSeq(ctx); last != 1 {
		t.Errorf("last seq %d, want the small article only", last)
	}
}
