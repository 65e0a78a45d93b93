package poll

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/syndex/syndex/indexer"
)

// BenchmarkPoll1000Feeds polls 1,000 local feeds of 10 items each end to
// end (fetch, parse, clean, dedupe, durable write, commit) into a real
// index and reports feeds/s, and the p95 of a search run in a loop while
// polling against the same searches on the index once polling is done. All feeds are on one
// local host, so the per-host limit is raised to the worker count.
func BenchmarkPoll1000Feeds(b *testing.B) {
	const feeds, items = 1000, 10
	var words = []string{"harbour", "council", "energy", "election", "market", "storm", "rail", "school"}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
		var sb strings.Builder
		fmt.Fprintf(&sb, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %d</title><link>https://f%d.example/</link>`, n, n)
		for i := range items {
			wd := words[(n+i)%len(words)]
			fmt.Fprintf(&sb, `<item><title>%s update %d from feed %d</title><link>https://f%d.example/%d</link><guid>f%d-%d</guid><pubDate>%s</pubDate><description>The %s story %d of feed %d: officials met on day %d to discuss the %s plan in district %d.</description></item>`,
				wd, i, n, n, i, n, i, time.Date(2026, 11, 1+i, n%24, 0, 0, 0, time.UTC).Format(time.RFC1123Z), wd, i, n, i, wd, n*7+i)
		}
		sb.WriteString(`</channel></rss>`)
		w.Write([]byte(sb.String()))
	}))
	defer srv.Close()
	for b.Loop() {
		b.StopTimer()
		live := liveIndex(b)
		path := filepath.Join(b.TempDir(), File)
		st, err := OpenStore(path, time.Second)
		if err != nil {
			b.Fatal(err)
		}
		var urls []string
		for n := range feeds {
			urls = append(urls, fmt.Sprintf("%s/feed/%d", srv.URL, n))
		}
		st.Add(urls, time.Now(), false)
		st.Close()
		p := New(path, live, Config{Workers: DefaultWorkers, PerHost: DefaultWorkers})
		b.StartTimer()

		start := time.Now()
		ctx, cancel := context.WithCancel(context.Background())
		var during []time.Duration
		var wg sync.WaitGroup
		var stop atomic.Bool
		wg.Go(func() { during = searchLatencies(live, 0, &stop) })
		res, err := p.PollDue(ctx)
		stop.Store(true)
		wg.Wait()
		cancel()
		el := time.Since(start)
		b.StopTimer()
		// Idle: the same searches on the same (now full) index.
		idle := searchLatencies(live, len(during), nil)
		b.StartTimer()
		if err != nil || res.Polled != feeds || res.NewItems != feeds*items || res.Failed != 0 {
			b.Fatalf("poll: %+v %v", res, err)
		}
		b.ReportMetric(float64(feeds)/el.Seconds(), "feeds/s")
		b.ReportMetric(float64(res.NewItems)/el.Seconds(), "items/s")
		b.ReportMetric(p95(idle).Seconds()*1000, "idle-p95-ms")
		b.ReportMetric(p95(during).Seconds()*1000, "polling-p95-ms")
	}
}

// searchLatencies runs a two-word search n times (or until stop) and
// returns the latencies.
func searchLatencies(live *indexer.Live, n int, stop *atomic.Bool) []time.Duration {
	var out []time.Duration
	words := []string{"harbour council", "energy market", "storm rail", "school election"}
	for i := 0; (n > 0 && i < n) || (stop != nil && !stop.Load()); i++ {
		q := bleve.NewMatchQuery(words[i%len(words)])
		q.SetField(indexer.FieldBody)
		q.Analyzer = indexer.AnalyzerName
		req := bleve.NewSearchRequest(q)
		req.Size = 10
		ix, release := live.Acquire()
		t0 := time.Now()
		ix.Search(req)
		out = append(out, time.Since(t0))
		release()
		time.Sleep(2 * time.Millisecond) // the same pace idle and polling
	}
	return out
}

func p95(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)*95/100]
}
