package poll

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/syndex/syndex/indexer"
	"github.com/syndex/syndex/indexer/sharedtest"
)

// rss returns an RSS document with items numbered from..to.
func rss(from, to int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title><link>https://wire.example/</link>`)
	for i := to; i >= from; i-- {
		fmt.Fprintf(&b, `<item><title>Heron report %d</title><link>https://wire.example/%d</link><guid>wire-%d</guid><pubDate>%s</pubDate><description>Heron story number %d.</description></item>`,
			i, i, i, time.Date(2026, 11, 1, i, 0, 0, 0, time.UTC).Format(time.RFC1123Z), i)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// feedServer serves feeds that misbehave on purpose.
type feedServer struct {
	*httptest.Server
	changing atomic.Int32 // items the changing feed has
	edited   atomic.Bool  // the changing feed corrects its first item's title
	hits     map[string]*atomic.Int32
}

func newFeedServer(t *testing.T) *feedServer {
	shared := sharedtest.Dir(t, "corpora", "feeds")
	fs := &feedServer{hits: map[string]*atomic.Int32{}}
	for _, p := range []string{"/etag", "/changing", "/500", "/429", "/moved", "/gzip", "/truncated", "/slow", "/shared/techcrunch", "/shared/daring", "/page"} {
		fs.hits[p] = new(atomic.Int32)
	}
	fs.changing.Store(2)
	mux := http.NewServeMux()
	count := func(p string) { fs.hits[p].Add(1) }
	mux.HandleFunc("/etag", func(w http.ResponseWriter, r *http.Request) {
		count("/etag")
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		fmt.Fprint(w, rss(1, 3))
	})
	mux.HandleFunc("/changing", func(w http.ResponseWriter, r *http.Request) {
		count("/changing")
		feed := strings.ReplaceAll(rss(1, int(fs.changing.Load())), "wire.example/", "changing.example/")
		if fs.edited.Load() {
			feed = strings.Replace(feed, "<title>Heron report 1</title>", "<title>Heron report 1 (corrected egret)</title>", 1)
		}
		fmt.Fprint(w, feed)
	})
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) { count("/500"); http.Error(w, "boom", 500) })
	mux.HandleFunc("/429", func(w http.ResponseWriter, r *http.Request) {
		count("/429")
		w.Header().Set("Retry-After", "7200")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		count("/moved")
		http.Redirect(w, r, "/shared/daring", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		count("/gzip")
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write([]byte(strings.ReplaceAll(rss(1, 2), "wire.example/", "gzip.example/")))
		zw.Close()
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(buf.Bytes())
	})
	mux.HandleFunc("/truncated", func(w http.ResponseWriter, r *http.Request) {
		count("/truncated")
		doc := strings.ReplaceAll(rss(1, 4), "wire.example/", "trunc.example/")
		fmt.Fprint(w, doc[:strings.Index(doc, "<item><title>Heron report 1<")+40])
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		count("/slow")
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	serveFile := func(path, file string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			count(path)
			http.ServeFile(w, r, filepath.Join(shared, file))
		})
	}
	serveFile("/shared/techcrunch", "feedjira/TechCrunch.xml")
	serveFile("/shared/daring", "rsparser/DaringFireball.atom")
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		count("/page")
		fmt.Fprint(w, `<!doctype html><html><head><title>Wire</title><link rel="alternate" type="application/rss+xml" href="/etag"></head><body>hi</body></html>`)
	})
	fs.Server = httptest.NewServer(mux)
	t.Cleanup(fs.Close)
	return fs
}

// liveIndex is a real index location with one article, opened live.
func liveIndex(t testing.TB) *indexer.Live {
	src := t.TempDir()
	f := filepath.Join(src, "a.jsonl")
	os.WriteFile(f, []byte(`{"id":"seed","title":"Seed","body":"Seed article."}`+"\n"), 0o644)
	dir := filepath.Join(t.TempDir(), "idx")
	if _, err := indexer.Reindex(t.Context(), dir, []string{f}, indexer.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	live, err := indexer.OpenLive(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(live.Close)
	return live
}

func count(t *testing.T, live *indexer.Live, q string) uint64 {
	ix, release := live.Acquire()
	defer release()
	mq := bleve.NewMatchQuery(q)
	mq.SetField(indexer.FieldTitle)
	// Name the analyzer: with one document mapping per language Bleve
	// would pick any of theirs.
	mq.Analyzer = indexer.AnalyzerName
	res, err := ix.Search(bleve.NewSearchRequest(mq))
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

func TestPoller(t *testing.T) {
	fs := newFeedServer(t)
	live := liveIndex(t)
	path := filepath.Join(t.TempDir(), File)
	store, err := OpenStore(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	feedURL, _, err := Discover(t.Context(), nil, fs.URL+"/page")
	if err != nil || feedURL != fs.URL+"/etag" {
		t.Fatalf("Discover(page) = %q, %v", feedURL, err)
	}
	urls := []string{feedURL}
	for _, p := range []string{"/changing", "/500", "/429", "/moved", "/gzip", "/truncated", "/slow", "/shared/techcrunch"} {
		urls = append(urls, fs.URL+p)
	}
	if added, err := store.Add(urls, now, false); err != nil || len(added) != len(urls) {
		t.Fatalf("Add: %v %v", added, err)
	}
	store.Close()

	clock := now
	client := newClient()
	client.Timeout = 500 * time.Millisecond
	p := New(path, live, Config{Client: client, MaxFailures: 3, Now: func() time.Time { return clock }, Log: nil})
	res, err := p.PollDue(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if res.Polled != len(urls) {
		t.Errorf("polled %d of %d", res.Polled, len(urls))
	}
	if n := count(t, live, "heron"); n != 3+2+2+3 { // etag, changing, gzip, truncated (3 of 4 items before the damage)
		t.Errorf("heron items indexed: %d", n)
	}
	feeds := byURL(t, path)
	if f := feeds[fs.URL+"/etag"]; f.ETag != `"v1"` || f.Items != 3 || f.Title != "Test Wire" || f.LastError != "" {
		t.Errorf("etag feed: %+v", f)
	}
	if f := feeds[fs.URL+"/500"]; f.Failures != 1 || f.LastError != "HTTP 500" || !f.NextPoll.After(clock) {
		t.Errorf("500 feed: %+v", f)
	}
	if f := feeds[fs.URL+"/429"]; f.NextPoll.Sub(clock) < 2*time.Hour-time.Second {
		t.Errorf("429 feed next poll in %s, want Retry-After's 2h", f.NextPoll.Sub(clock))
	}
	if _, still := feeds[fs.URL+"/moved"]; still {
		t.Error("a permanently moved feed kept its old URL")
	}
	if f := feeds[fs.URL+"/shared/daring"]; f.Items == 0 {
		t.Errorf("moved feed: %+v", f)
	}
	if f := feeds[fs.URL+"/slow"]; f.Failures != 1 || f.LastError == "" {
		t.Errorf("slow feed: %+v", f)
	}
	if f := feeds[fs.URL+"/truncated"]; f.Items != 3 || !strings.HasPrefix(f.LastError, "partly read") {
		t.Errorf("truncated feed: %+v", f)
	}
	if f := feeds[fs.URL+"/shared/techcrunch"]; f.Items < 10 || f.Title == "" {
		t.Errorf("shared feed: %+v", f)
	}

	// Later: the changing feed has a new item; the ETag feed answers 304;
	// nothing is indexed twice.
	fs.changing.Store(3)
	clock = clock.Add(24 * time.Hour)
	etagHits := fs.hits["/etag"].Load()
	res, err = p.PollDue(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if res.NotModified < 1 || fs.hits["/etag"].Load() != etagHits+1 {
		t.Errorf("second round: %+v", res)
	}
	if n := count(t, live, "heron"); n != 11 {
		t.Errorf("after the second round %d heron items, want 11 (one new)", n)
	}
	feeds = byURL(t, path)
	if f := feeds[fs.URL+"/changing"]; f.Items != 3 {
		t.Errorf("changing feed items %d, want 3", f.Items)
	}
	// An item corrected under the same guid is indexed again: replaced,
	// not added; the unchanged ones are not written again.
	fs.edited.Store(true)
	clock = clock.Add(24 * time.Hour)
	if res, err = p.PollDue(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := count(t, live, "egret"); n != 1 || count(t, live, "heron") != 11 || res.NewItems != 1 {
		t.Errorf("after a correction: %d egret, %d heron items, %d new; want 1, 11, 1", n, count(t, live, "heron"), res.NewItems)
	}
	// The failing feed: disabled after MaxFailures rounds, with the reason.
	for range 3 {
		clock = clock.Add(24 * time.Hour)
		if _, err := p.PollDue(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	f := byURL(t, path)[fs.URL+"/500"]
	if f.Disabled == "" || !strings.Contains(f.Disabled, "HTTP 500") {
		t.Errorf("500 feed after 5 rounds: %+v", f)
	}
	hits := fs.hits["/500"].Load()
	clock = clock.Add(24 * time.Hour)
	p.PollDue(t.Context())
	if fs.hits["/500"].Load() != hits {
		t.Error("a disabled feed is still fetched")
	}
}

func byURL(t *testing.T, path string) map[string]Feed {
	s, err := OpenStore(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	feeds, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]Feed{}
	for _, f := range feeds {
		m[f.URL] = f
	}
	return m
}

func TestOPMLRoundTrip(t *testing.T) {
	in := `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="News"><outline text="A" xmlUrl="https://a.example/feed"/><outline text="B" xmlUrl="https://b.example/rss"/></outline>
<outline text="A again" xmlUrl="https://a.example/feed"/><outline text="folder only"/></body></opml>`
	urls, err := ReadOPML(strings.NewReader(in))
	if err != nil || len(urls) != 2 || urls[0] != "https://a.example/feed" || urls[1] != "https://b.example/rss" {
		t.Fatalf("ReadOPML = %v, %v", urls, err)
	}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, []Feed{{URL: urls[0], Title: "A & co"}, {URL: urls[1]}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	back, err := ReadOPML(&buf)
	if err != nil || len(back) != 2 || back[0] != urls[0] {
		t.Errorf("round trip: %v, %v", back, err)
	}
	if _, err := ReadOPML(strings.NewReader("not xml")); err == nil {
		t.Error("garbage read as OPML")
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{"": 0, "120": 2 * time.Minute, "x": 0, "-5": 0,
		now.Add(time.Hour).Format(http.TimeFormat): time.Hour} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestStoreAddRemove(t *testing.T) {
	s, err := OpenStore(filepath.Join(t.TempDir(), File), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Now()
	if added, _ := s.Add([]string{"https://a.example/f", "https://b.example/f"}, now, false); len(added) != 2 {
		t.Fatalf("added %v", added)
	}
	f := Feed{URL: "https://a.example/f", Disabled: "broken", Failures: 9}
	if err := s.commit(f.URL, &f, []seenItem{{ID: "id-1", Version: "v1"}, {ID: "id-old"}}); err != nil {
		t.Fatal(err)
	}
	if ids, _ := s.unseen(f.URL, []seenItem{{ID: "id-1", Version: "v1"}, {ID: "id-2", Version: "v1"}}); len(ids) != 1 || ids[0] != "id-2" {
		t.Errorf("unseen = %v", ids)
	}
	// An edited item (another version) is indexed again; one recorded
	// before versions were counts as seen.
	if ids, _ := s.unseen(f.URL, []seenItem{{ID: "id-1", Version: "v2"}, {ID: "id-old", Version: "v9"}}); len(ids) != 1 || ids[0] != "id-1" {
		t.Errorf("unseen after an edit = %v", ids)
	}
	// Adding again re-enables.
	if added, _ := s.Add([]string{f.URL}, now, false); len(added) != 0 {
		t.Errorf("re-add counted as new")
	}
	feeds, _ := s.List()
	if feeds[0].Disabled != "" || feeds[0].Failures != 0 {
		t.Errorf("re-added feed still disabled: %+v", feeds[0])
	}
	if found, err := s.Remove(f.URL); !found || err != nil {
		t.Fatalf("Remove: %v %v", found, err)
	}
	if found, _ := s.Remove(f.URL); found {
		t.Error("removed twice")
	}
	if ids, _ := s.unseen(f.URL, []seenItem{{ID: "id-1", Version: "v1"}}); len(ids) != 1 {
		t.Error("a removed feed's seen ids were kept")
	}
	if feeds, _ := s.List(); len(feeds) != 1 || feeds[0].URL != "https://b.example/f" {
		t.Errorf("left %+v", feeds)
	}
}

// TestPollerFullText: a feed of teasers subscribed with full text gets
// each item's page read with readability; a page that fails keeps the
// teaser.
func TestPollerFullText(t *testing.T) {
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/teaser", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Teasers</title><link>%[1]s/</link>
<item><title>Osprey nest found</title><link>%[1]s/article/1</link><guid>t1</guid><description>An osprey nest…</description></item>
<item><title>Osprey chicks fledge</title><link>%[1]s/missing</link><guid>t2</guid><description>Two chicks…</description></item>
</channel></rss>`, srv.URL)
	})
	mux.HandleFunc("/article/1", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html><head><title>Osprey nest found</title></head><body><nav>Home | News</nav><article><h1>Osprey nest found</h1>`+
			strings.Repeat(`<p>Rangers found an osprey nest on the old mast by the reservoir, the first in the valley for forty years, and closed the path beside it until the chicks fledge.</p>`, 4)+
			`</article><footer>Share this</footer></body></html>`)
	})
	srv = httptest.NewServer(mux)
	defer srv.Close()
	live := liveIndex(t)
	path := filepath.Join(t.TempDir(), File)
	st, err := OpenStore(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	st.Add([]string{srv.URL + "/teaser"}, time.Now(), true)
	st.Close()
	if res, err := New(path, live, Config{}).PollDue(t.Context()); err != nil || res.NewItems != 2 {
		t.Fatalf("poll: %+v %v", res, err)
	}
	ix, release := live.Acquire()
	defer release()
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10, 0, false)
	req.Fields = []string{indexer.FieldBody, indexer.FieldURL}
	res, err := ix.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
	for _, h := range res.Hits {
		u, _ := h.Fields[indexer.FieldURL].(string)
		b, _ := h.Fields[indexer.FieldBody].(string)
		bodies[u] = b
	}
	if b := bodies[srv.URL+"/article/1"]; !strings.Contains(b, "reservoir") || strings.Contains(b, "Share this") {
		t.Errorf("full text: %q", b)
	}
	if b := bodies[srv.URL+"/missing"]; !strings.Contains(b, "Two chicks") {
		t.Errorf("teaser kept: %q (bodies %v)", b, bodies)
	}
}

// TestWakePollsAtOnce: a feed subscribed while Run waits is polled when
// Wake is called (what `syndex feeds add` asks a running server for with
// SIGHUP), not at Run's next check, which is an hour away here.
func TestWakePollsAtOnce(t *testing.T) {
	fs := newFeedServer(t)
	live := liveIndex(t)
	path := filepath.Join(t.TempDir(), File)
	p := New(path, live, Config{CheckEvery: time.Hour, Log: nil})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	// The first round has begun once it created the store; opening the
	// store below waits for the round to end.
	for _, err := os.Stat(path); err != nil; _, err = os.Stat(path) {
		time.Sleep(5 * time.Millisecond)
	}
	var added []string
	for range 50 {
		store, err := OpenStore(path, time.Second)
		if err != nil {
			continue
		}
		added, err = store.Add([]string{fs.URL + "/etag"}, time.Now(), false)
		store.Close()
		if err == nil {
			break
		}
	}
	if len(added) != 1 {
		t.Fatal("could not subscribe beside the running poller")
	}
	p.Wake()
	// Guards against a hang only: without Wake the feed is read in an hour.
	deadline := time.Now().Add(30 * time.Second)
	for count(t, live, "heron") != 3 {
		if time.Now().After(deadline) {
			t.Fatalf("the woken poller did not read the new feed (%d fetches)", fs.hits["/etag"].Load())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestDiscoverSaysWhyAFeedIsUnreadable: a document that is a broken feed
// (not a page) is refused with the reader's reason, not as "neither a feed
// nor a page".
func TestDiscoverSaysWhyAFeedIsUnreadable(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Cut`)
	}))
	defer srv.Close()
	_, _, err := Discover(t.Context(), nil, srv.URL+"/feed.xml")
	if err == nil || strings.Contains(err.Error(), "neither a feed") || !strings.Contains(err.Error(), srv.URL) {
		t.Fatalf("Discover of a cut feed: %v", err)
	}
	t.Logf("said: %v", err)
}
