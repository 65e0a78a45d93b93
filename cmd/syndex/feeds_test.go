package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/poll"
)

// feedHandler serves an RSS feed of n items about word, and a page that
// advertises it.
func feedHandler(word string, n int) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title><link>https://local.example/</link>`)
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, `<item><title>%s sighting %d</title><link>https://local.example/%s/%d</link><guid>%s-%d</guid><pubDate>%s</pubDate><description>A %s was seen, report %d.</description></item>`,
				word, i, word, i, word, i, time.Date(2026, 11, 20, i, 0, 0, 0, time.UTC).Format(time.RFC1123Z), word, i)
		}
		b.WriteString(`</channel></rss>`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, b.String())
	})
	story := func(title, head string) string {
		return `<!doctype html><html lang="en"><head><title>` + title + ` | Local Wire</title>` + head + `</head><body><nav>Home · World</nav><article><h1>` + title + `</h1>` +
			strings.Repeat(`<p>The `+word+` was seen again by the harbour wall this week, and the wardens counted three of them feeding at dawn before the boats went out.</p>`, 4) +
			`</article><footer>© Local Wire</footer></body></html>`
	}
	// An article page that also advertises the site feed (as news pages
	// do), and one that advertises nothing.
	mux.HandleFunc("/story/1", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, story("The "+word+" returns", `<meta property="og:type" content="article"><link rel="alternate" type="application/rss+xml" href="/feed.xml">`))
	})
	mux.HandleFunc("/story/2", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, story("A quiet "+word+" season", ""))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><head><link rel="alternate" type="application/rss+xml" title="Feed" href="/feed.xml"></head><body>Local Wire</body></html>`)
	})
	return mux
}

// TestFeedsAndPollOnce: subscriptions through the CLI (a page URL is
// followed to its feed, OPML import and export, remove), `poll --once`
// indexes the items, a second run finds nothing due.
func TestFeedsAndPollOnce(t *testing.T) {
	fs := httptest.NewServer(feedHandler("kingfisher", 4))
	defer fs.Close()
	dir := sampleIndex(t)
	code, out, stderr := runCLI(t, "feeds", "add", fs.URL+"/", "http://127.0.0.1:1/nothing", "--index", dir)
	if code != exitRejected || !strings.Contains(stderr, "advertises "+fs.URL+"/feed.xml") || !strings.Contains(stderr, "not added") || strings.TrimSpace(out) != "1 feed added" {
		t.Fatalf("feeds add: %d %s %s", code, out, stderr)
	}
	opml := filepath.Join(t.TempDir(), "subs.opml")
	os.WriteFile(opml, []byte(`<opml version="2.0"><body><outline text="x" xmlUrl="https://other.example/rss"/><outline text="ftp" xmlUrl="ftp://example.com/feed"/><outline text="again" xmlUrl="`+fs.URL+`/feed.xml"/></body></opml>`), 0o644)
	if code, out, stderr := runCLI(t, "feeds", "import", opml, "--index", dir); code != exitRejected || strings.TrimSpace(out) != "1 feed added, 1 already subscribed (re-enabled, due now)" ||
		!strings.Contains(stderr, `not added: "ftp://example.com/feed" is not an http(s) URL`) {
		t.Fatalf("import: %d %s %s", code, out, stderr)
	}
	code, out, _ = runCLI(t, "feeds", "export", "--index", dir)
	if code != 0 || !strings.Contains(out, `xmlUrl="`+fs.URL+`/feed.xml"`) || !strings.Contains(out, `xmlUrl="https://other.example/rss"`) {
		t.Fatalf("export: %d %s", code, out)
	}
	if code, _, _ := runCLI(t, "feeds", "remove", "https://other.example/rss", "--index", dir); code != 0 {
		t.Fatalf("remove: %d", code)
	}
	if code, _, _ := runCLI(t, "feeds", "remove", "https://other.example/rss", "--index", dir); code != exitRejected {
		t.Errorf("remove twice: %d", code)
	}
	code, _, stderr = runCLI(t, "poll", "--once", "--index", dir)
	if code != 0 || !strings.Contains(stderr, "polled 1 feed: 4 new items") {
		t.Fatalf("poll --once: %d %s", code, stderr)
	}
	code, out, _ = runCLI(t, "search", "kingfisher", "--index", dir)
	if code != 0 || !strings.Contains(out, "kingfisher sighting 4") {
		t.Errorf("search after poll: %d %s", code, out)
	}
	code, out, _ = runCLI(t, "feeds", "list", "--index", dir)
	if code != 0 || !strings.Contains(out, `"Local Wire" · 4 items`) || !strings.Contains(out, "next poll") {
		t.Errorf("feeds list: %d %s", code, out)
	}
	if code, _, stderr := runCLI(t, "poll", "--once", "--index", dir); code != 0 || !strings.Contains(stderr, "polled 0 feeds") {
		t.Errorf("second poll --once: %d %s", code, stderr)
	}
	// A feed that fails is named with the reason.
	down := filepath.Join(t.TempDir(), "down.opml")
	os.WriteFile(down, []byte(`<opml version="2.0"><body><outline text="down" xmlUrl="http://127.0.0.1:1/feed"/></body></opml>`), 0o644)
	if code, _, stderr := runCLI(t, "feeds", "import", down, "--index", dir); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "poll", "--once", "--index", dir); code != exitRejected || !strings.Contains(stderr, "failed: http://127.0.0.1:1/feed: ") || !strings.Contains(stderr, "1 failed") {
		t.Errorf("poll --once with a failing feed: %d %s", code, stderr)
	}
	if code, _, _ := runCLI(t, "poll", "--index", dir); code != exitUsage {
		t.Errorf("poll without --once: %d", code)
	}
}

// TestServePolls: serve polls a subscription by itself, its items are
// searchable without a restart, and /metrics has the feed's series.
func TestServePolls(t *testing.T) {
	fs := httptest.NewServer(feedHandler("bittern", 3))
	defer fs.Close()
	dir := sampleIndex(t)
	if code, _, stderr := runCLI(t, "feeds", "add", fs.URL+"/feed.xml", "--index", dir); code != 0 {
		t.Fatalf("feeds add: %d %s", code, stderr)
	}
	_, base := startServer(t, dir)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var res searchResult
		if getJSON(t, base+"/api/v1/search?q=bittern&collapse=false", &res); res.Total == 3 {
			// The poll is recorded (and counted) just after its items are
			// written: give it a moment.
			feed := fs.URL + "/feed.xml"
			var body []byte
			for range 50 {
				r, err := http.Get(base + "/metrics")
				if err != nil {
					t.Fatal(err)
				}
				body, _ = io.ReadAll(r.Body)
				r.Body.Close()
				if strings.Contains(string(body), `syndex_feed_new_items_total{feed="`+feed) {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			// The WebSub callback is mounted and refuses what it never asked for.
			if r, err := http.Get(base + "/websub/0123?hub.mode=subscribe&hub.topic=x&hub.challenge=c"); err != nil || r.StatusCode != http.StatusNotFound {
				t.Errorf("websub callback for an unknown subscription: %v %v", r.StatusCode, err)
			} else {
				r.Body.Close()
			}
			for _, want := range []string{
				`syndex_feed_fetches_total{feed="` + feed + `",outcome="ok"} 1`,
				`syndex_feed_new_items_total{feed="` + feed + `"} 3`,
				`syndex_feed_lag_seconds{feed="` + feed + `"}`,
			} {
				if !strings.Contains(string(body), want) {
					t.Errorf("/metrics lacks %s", want)
				}
			}
			// A feed subscribed beside the running server: `feeds add`
			// wakes its poller (SIGHUP, which must not stop it).
			fs2 := httptest.NewServer(feedHandler("avocet", 2))
			defer fs2.Close()
			code, out, stderr := runCLI(t, "feeds", "add", fs2.URL+"/feed.xml", "--index", dir)
			if code != 0 || !strings.Contains(out, "the server polls them now") {
				t.Fatalf("feeds add beside the server: %d %s %s", code, out, stderr)
			}
			for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
				var res searchResult
				if getJSON(t, base+"/api/v1/search?q=avocet&collapse=false", &res); res.Total == 2 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("the feed added beside the server was not polled")
				}
			}
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("serve did not index the subscribed feed's items")
}

// TestIndexURL: `syndex index URL` fetches a feed once (here through the
// page that advertises it), and a bare reindex does not try to read it
// again.
func TestIndexURL(t *testing.T) {
	fs := httptest.NewServer(feedHandler("plover", 2))
	defer fs.Close()
	dir := sampleIndex(t)
	if code, _, stderr := runCLI(t, "index", fs.URL+"/", "--index", dir); code != 0 {
		t.Fatalf("index URL: %d %s", code, stderr)
	}
	if code, out, _ := runCLI(t, "search", "plover", "--index", dir); code != 0 || !strings.Contains(out, "plover sighting 2") {
		t.Errorf("search: %d %s", code, out)
	}
	// Article pages are read as pages, with their URL: one advertising the
	// site feed (which need not list it) and one advertising none.
	for _, u := range []string{fs.URL + "/story/1", fs.URL + "/story/2"} {
		if code, _, stderr := runCLI(t, "index", u, "--index", dir); code != 0 {
			t.Fatalf("index %s: %d %s", u, code, stderr)
		}
	}
	var res struct {
		Total int
		Hits  []struct{ Title, URL string }
	}
	code, out, _ := runCLI(t, "search", "plover", "--index", dir, "--json", "--all-copies")
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil {
		t.Fatalf("search --json: %d %v %s", code, err, out)
	}
	urls := map[string]string{}
	for _, h := range res.Hits {
		urls[h.Title] = h.URL
	}
	if urls["The plover returns"] != fs.URL+"/story/1" || urls["A quiet plover season"] != fs.URL+"/story/2" || res.Total != 4 {
		t.Errorf("article pages: %d hits, titles and URLs %v", res.Total, urls)
	}
	// convert fetches URLs as index does.
	code, out, stderr := runCLI(t, "convert", fs.URL+"/story/2", fs.URL+"/feed.xml")
	if code != 0 || strings.Count(out, "\n") != 3 || !strings.Contains(out, `"url":"`+fs.URL+`/story/2"`) || !strings.Contains(out, "plover sighting 2") {
		t.Errorf("convert URLs: %d\n%s\n%s", code, out, stderr)
	}
	if code, _, stderr := runCLI(t, "index", "http://127.0.0.1:1/feed", "--index", dir); code == 0 || !strings.Contains(stderr, "127.0.0.1:1") {
		t.Errorf("unreachable URL: %d %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "reindex", "--index", dir); code != 0 || strings.Contains(stderr, "syndex-fetch-") {
		t.Errorf("bare reindex after index URL: %d %s", code, stderr)
	}
	// The fetched articles cannot be read again; they were journaled and
	// the rebuild kept them.
	if code, out, _ := runCLI(t, "search", "plover", "--index", dir); code != 0 || !strings.Contains(out, "plover sighting 2") {
		t.Errorf("search after the bare reindex: %d %s", code, out)
	}
}

// TestPollKilled: `poll --once` killed with SIGKILL in the middle of
// polling loses no item and indexes none twice: the next run polls the
// feeds whose poll was not committed, and the index ends with every item
// exactly once. Subscriptions and polled articles survive a reindex.
func TestPollKilled(t *testing.T) {
	const feeds, items = 300, 5
	var served atomic.Int32
	// Past half the feeds the server holds its answers until the poller
	// has been killed, so the kill always lands mid-poll.
	killed := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if served.Add(1) > feeds/2 {
			select {
			case <-killed:
			case <-r.Context().Done():
				return
			}
		}
		n := strings.TrimPrefix(r.URL.Path, "/feed/")
		var b strings.Builder
		fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed %s</title><link>https://k%s.example/</link>`, n, n)
		for i := range items {
			fmt.Fprintf(&b, `<item><title>Curlew note %d of %s</title><link>https://k%s.example/%d</link><description>Curlew %d.</description></item>`, i, n, n, i, i)
		}
		b.WriteString(`</channel></rss>`)
		time.Sleep(2 * time.Millisecond)
		fmt.Fprint(w, b.String())
	}))
	defer srv.Close()
	dir := sampleIndex(t)
	ix, err := indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := ix.DocCount()
	ix.Close()
	opml := filepath.Join(t.TempDir(), "subs.opml")
	var o strings.Builder
	o.WriteString(`<opml version="2.0"><body>`)
	for n := range feeds {
		fmt.Fprintf(&o, `<outline text="f" xmlUrl="%s/feed/%d"/>`, srv.URL, n)
	}
	o.WriteString(`</body></opml>`)
	os.WriteFile(opml, []byte(o.String()), 0o644)
	if code, _, stderr := runCLI(t, "feeds", "import", opml, "--index", dir); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}

	cmd := child(t, "poll", "--once", "--index", dir)
	deadline := time.Now().Add(60 * time.Second)
	for served.Load() < feeds/2 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	close(killed)
	if code, _, stderr := runCLI(t, "poll", "--once", "--index", dir); code != 0 {
		t.Fatalf("poll after the kill: %d %s", code, stderr)
	}
	ix, err = indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := ix.DocCount()
	ix.Close()
	if n != base+feeds*items {
		t.Errorf("after kill and resume %d articles, want %d + %d", n, base, feeds*items)
	}
	// A reindex keeps the subscriptions (beside the generations) and the
	// polled articles (from the journal).
	if code, _, stderr := runCLI(t, "reindex", "--index", dir); code != 0 {
		t.Fatalf("reindex: %d %s", code, stderr)
	}
	ix, err = indexer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n2, _ := ix.DocCount(); n2 != n {
		t.Errorf("after reindex %d articles, want %d", n2, n)
	}
	ix.Close()
	if code, out, _ := runCLI(t, "feeds", "list", "--index", dir); code != 0 || strings.Count(out, srv.URL+"/feed/") != feeds {
		t.Errorf("subscriptions after reindex: %d, %d listed", code, strings.Count(out, srv.URL+"/feed/"))
	}
}

// TestFeedStatus: `feeds list` says a partly read feed's problem without
// calling it a failure, and a failing feed's backoff as a retry time
// rather than its normal interval.
func TestFeedStatus(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	base := poll.Feed{URL: "https://x.example/feed", Items: 3, Interval: 30 * time.Minute, LastFetch: now.Add(-time.Minute)}
	for _, tc := range []struct {
		name      string
		edit      func(*poll.Feed)
		want, not []string
	}{
		{"healthy", func(f *poll.Feed) { f.NextPoll = now.Add(30 * time.Minute) }, []string{"(every 30m0s)"}, []string{"error", "retry"}},
		{"partly read", func(f *poll.Feed) {
			f.LastError, f.NextPoll = "partly read: item 4: bad XML", now.Add(30*time.Minute)
		}, []string{"partly read: item 4", "(every 30m0s)"}, []string{"in a row", "error"}},
		{"failing", func(f *poll.Feed) {
			f.LastError, f.Failures, f.NextPoll = "HTTP 500", 2, now.Add(10*time.Minute)
		}, []string{"error (2 failures in a row): HTTP 500", "retry ", "(in 10m0s, backing off; every 30m0s once it works)"}, []string{"next poll"}},
		{"one failure", func(f *poll.Feed) {
			f.LastError, f.Failures, f.NextPoll = "HTTP 500", 1, now.Add(5*time.Minute)
		}, []string{"(1 failure in a row)"}, nil},
		{"due", func(f *poll.Feed) { f.NextPoll = now }, []string{"due now"}, nil},
	} {
		f := base
		tc.edit(&f)
		got := feedStatus(f, now)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tc.name, got, w)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(got, w) {
				t.Errorf("%s: %q says %q", tc.name, got, w)
			}
		}
	}
}
