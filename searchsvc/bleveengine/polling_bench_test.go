package bleveengine

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/poll"
	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/searchtest"
)

// BenchmarkSearchWhilePolling is the search service's p95 (the shared
// bench queries, top 10 with facets, paced 2 ms apart) on the BBC and AG
// News corpora while 1,000 local feeds of 10 items are polled into the
// same live index, against the same searches idle afterwards. Every write
// makes a new snapshot, whose columns the next search rebuilds.
func BenchmarkSearchWhilePolling(b *testing.B) {
	qs := loadBenchQueries(b)
	jsonl := searchtest.SharedDir(b, "corpora", "jsonl")
	loc := filepath.Join(b.TempDir(), "index")
	if _, err := indexer.Reindex(b.Context(), loc, []string{filepath.Join(jsonl, "bbc.jsonl"), filepath.Join(jsonl, "agnews.jsonl")}, indexer.WriteOptions{}); err != nil {
		b.Fatal(err)
	}
	live, err := indexer.OpenLive(loc, searchtest.QuietLog())
	if err != nil {
		b.Fatal(err)
	}
	defer live.Close()
	eng, err := NewLive(live, Config{Log: searchtest.QuietLog()})
	if err != nil {
		b.Fatal(err)
	}
	svc := searchsvc.New(eng, searchsvc.Config{Log: searchtest.QuietLog()})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
		var sb strings.Builder
		fmt.Fprintf(&sb, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %d</title><link>https://f%d.example/</link>`, n, n)
		for i := range 10 {
			fmt.Fprintf(&sb, `<item><title>Market update %d from feed %d</title><link>https://f%d.example/%d</link><pubDate>%s</pubDate><description>Officials met on day %d to discuss the plan for district %d, the feed %d said.</description></item>`,
				i, n, n, i, time.Date(2026, 11, 1+i, n%24, 0, 0, 0, time.UTC).Format(time.RFC1123Z), i, n*7+i, n)
		}
		sb.WriteString(`</channel></rss>`)
		w.Write([]byte(sb.String()))
	}))
	defer srv.Close()
	search := func(i int) time.Duration {
		q := qs[i%len(qs)]
		v := url.Values{"q": {q.Q}}
		t0 := time.Now()
		req, err := searchsvc.ParseRequest(v)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Search(b.Context(), req); err != nil {
			b.Fatal(err)
		}
		return time.Since(t0)
	}
	pct := func(d []time.Duration) float64 {
		s := slices.Clone(d)
		slices.Sort(s)
		return float64(s[len(s)*95/100].Microseconds()) / 1000
	}
	for b.Loop() {
		path := filepath.Join(b.TempDir(), poll.File)
		st, err := poll.OpenStore(path, time.Second)
		if err != nil {
			b.Fatal(err)
		}
		var urls []string
		for n := range 1000 {
			urls = append(urls, fmt.Sprintf("%s/feed/%d", srv.URL, n))
		}
		st.Add(urls, time.Now(), false)
		st.Close()
		p := poll.New(path, live, poll.Config{Log: searchtest.QuietLog(), PerHost: poll.DefaultWorkers})
		var during []time.Duration
		var done atomic.Bool
		start := time.Now()
		go func() {
			p.PollDue(b.Context())
			done.Store(true)
		}()
		for i := 0; !done.Load(); i++ {
			during = append(during, search(i))
			time.Sleep(2 * time.Millisecond)
		}
		el := time.Since(start)
		var idle []time.Duration
		for i := range len(during) {
			idle = append(idle, search(i))
			time.Sleep(2 * time.Millisecond)
		}
		b.ReportMetric(1000/el.Seconds(), "feeds/s")
		b.ReportMetric(pct(idle), "idle-p95-ms")
		b.ReportMetric(pct(during), "polling-p95-ms")
		b.ReportMetric(pct(during)/pct(idle), "ratio")
	}
}
