package stream

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/ingest"
	"github.com/syndex/syndex/indexer/sharedtest"
	"github.com/syndex/syndex/indexer/stream/streamtest"
)

// BenchmarkPushToSearchable measures, on a real 3-node JetStream cluster
// (R3) with two replicas over the BBC corpus, the time from a write
// (batches of 10 real articles from AG News, 20 batches a second: 200
// articles/s, for 10 s) to the moment both replicas can search it: p50,
// p95 and max in ms. The target is p95 ≤ 2 s on 2 cores.
func BenchmarkPushToSearchable(b *testing.B) {
	dir := sharedtest.Dir(b, "corpora", "jsonl")
	var arts []*article.Article
	for a, err := range ingest.Read(context.Background(), []string{filepath.Join(dir, "agnews.jsonl")}, ingest.Options{}) {
		if err == nil {
			arts = append(arts, a)
		}
		if len(arts) == 2000 {
			break
		}
	}
	c := streamtest.Start(b, 3)
	var reps []*Replica
	for _, name := range []string{"a", "b"} {
		loc := filepath.Join(b.TempDir(), "index")
		if _, err := indexer.Reindex(context.Background(), loc, []string{filepath.Join(dir, "bbc.jsonl")}, indexer.WriteOptions{}); err != nil {
			b.Fatal(err)
		}
		live, err := indexer.OpenLive(loc, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(live.Close)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		lg, err := Connect(ctx, Config{URLs: c.URLs()})
		cancel()
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(lg.Close)
		r, err := NewReplica(lg, live, name, nil)
		if err != nil {
			b.Fatal(err)
		}
		rctx, stop := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); r.Run(rctx) }()
		b.Cleanup(func() { stop(); <-done })
		reps = append(reps, r)
	}
	pub := reps[0].log
	const per, every = 10, 50 * time.Millisecond
	b.ResetTimer()
	var lat []time.Duration
	for range b.N {
		var mu sync.Mutex
		var wg sync.WaitGroup
		tick := time.NewTicker(every)
		for i := 0; i+per <= len(arts); i += per {
			<-tick.C
			start := time.Now()
			seq, err := pub.Publish(context.Background(), changesOf(arts[i:i+per]))
			if err != nil {
				b.Fatal(err)
			}
			wg.Go(func() {
				for _, r := range reps {
					r.WaitApplied(context.Background(), seq)
				}
				mu.Lock()
				lat = append(lat, time.Since(start))
				mu.Unlock()
			})
		}
		tick.Stop()
		wg.Wait()
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(q float64) float64 {
		return float64(lat[min(len(lat)-1, int(q*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.95), "p95-ms")
	b.ReportMetric(ms(1), "max-ms")
	b.ReportMetric(0, "ns/op")
}

func changesOf(arts []*article.Article) []indexer.Change {
	out := make([]indexer.Change, len(arts))
	for i, a := range arts {
		out[i].Article = a
	}
	return out
}
