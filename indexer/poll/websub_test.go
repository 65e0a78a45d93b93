package poll

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestWebSub: a feed naming a hub is subscribed to; the hub's
// verification of intent is answered with its challenge (and refused for
// a topic never asked for); a signed push is indexed at once, a push with
// a wrong signature is ignored; the subscribed feed is polled only as a
// fallback.
func TestWebSub(t *testing.T) {
	live := liveIndex(t)
	path := filepath.Join(t.TempDir(), File)
	var p *Poller
	sub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { p.ServeHTTP(w, r) }))
	defer sub.Close()

	var mu sync.Mutex
	var form url.Values
	verified := make(chan string, 1)
	hub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		mu.Lock()
		form = r.PostForm
		mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
		go func(f url.Values) {
			u := f.Get("hub.callback") + "?" + url.Values{"hub.mode": {"subscribe"}, "hub.topic": {f.Get("hub.topic")},
				"hub.challenge": {"ch4ll3nge"}, "hub.lease_seconds": {"86400"}}.Encode()
			resp, err := http.Get(u)
			if err != nil {
				verified <- err.Error()
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			verified <- fmt.Sprintf("%d %s", resp.StatusCode, b)
		}(r.PostForm)
	}))
	defer hub.Close()

	var feedURL string
	doc := func(n int) string {
		var b strings.Builder
		fmt.Fprintf(&b, `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Hubbed</title><link>https://hubbed.example/</link>`+
			`<atom:link rel="hub" href="%s"/><atom:link rel="self" href="%s"/>`, hub.URL, feedURL)
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, `<item><title>Egret count %d</title><link>https://hubbed.example/%d</link><guid>e%d</guid><description>Egret story %d.</description></item>`, i, i, i, i)
		}
		b.WriteString(`</channel></rss>`)
		return b.String()
	}
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, doc(1)) }))
	defer feed.Close()
	feedURL = feed.URL + "/feed"

	st, err := OpenStore(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	st.Add([]string{feedURL}, time.Now(), false)
	st.Close()
	p = New(path, live, Config{CallbackBase: sub.URL})
	if res, err := p.PollDue(t.Context()); err != nil || res.NewItems != 1 {
		t.Fatalf("poll: %+v %v", res, err)
	}
	select {
	case got := <-verified:
		if got != "200 ch4ll3nge" {
			t.Fatalf("verification answered %q", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the hub was not asked to subscribe")
	}
	mu.Lock()
	secret, callback := form.Get("hub.secret"), form.Get("hub.callback")
	if form.Get("hub.mode") != "subscribe" || form.Get("hub.topic") != feedURL || len(secret) < 32 || !strings.HasPrefix(callback, sub.URL+CallbackPath) {
		t.Errorf("subscription request %v", form)
	}
	mu.Unlock()
	f := byURL(t, path)[feedURL]
	if f.WebSub == nil || f.WebSub.Verified.IsZero() || f.NextPoll.Sub(time.Now()) < DefaultMaxInterval/2 {
		t.Errorf("after verification: %+v %+v", f, f.WebSub)
	}
	// A verification for another topic is refused.
	resp, _ := http.Get(callback + "?hub.mode=subscribe&hub.topic=https%3A%2F%2Fother.example%2F&hub.challenge=x")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("foreign topic verified: %d", resp.StatusCode)
	}
	resp.Body.Close()

	push := func(body, sig string) int {
		req, _ := http.NewRequest(http.MethodPost, callback, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/rss+xml")
		req.Header.Set("X-Hub-Signature", sig)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	forged := doc(3)
	if st := push(forged, Sign("wrong secret", []byte(forged))); st/100 != 2 || count(t, live, "egret") != 1 {
		t.Errorf("forged push: %d, %d egrets", st, count(t, live, "egret"))
	}
	body := doc(2)
	if st := push(body, Sign(secret, []byte(body))); st != http.StatusAccepted || count(t, live, "egret") != 2 {
		t.Errorf("signed push: %d, %d egrets", st, count(t, live, "egret"))
	}
	if st := push(body, Sign(secret, []byte(body))); st != http.StatusAccepted || count(t, live, "egret") != 2 {
		t.Errorf("same push again: %d, %d egrets", st, count(t, live, "egret"))
	}
	if f := byURL(t, path)[feedURL]; f.Items != 2 {
		t.Errorf("items %d", f.Items)
	}
	// Unsubscribed: the hub's next push is told 410 Gone.
	st, _ = OpenStore(path, time.Second)
	st.Remove(feedURL)
	st.Close()
	if code := push(body, Sign(secret, []byte(body))); code != http.StatusGone {
		t.Errorf("push after feeds remove: %d, want 410", code)
	}
}

func TestValidSignature(t *testing.T) {
	body := []byte("payload")
	good := Sign("s3cret", body)
	for sig, want := range map[string]bool{good: true, "sha256=00": false, "sha256=zz": false, "md5=" + good[7:]: false, "": false, strings.ToUpper(good[:6]) + good[6:]: true} {
		if got := validSignature(sig, "s3cret", body); got != want {
			t.Errorf("validSignature(%q) = %v", sig, got)
		}
	}
	if validSignature(good, "", body) {
		t.Error("empty secret accepted")
	}
}

// TestCallbackIndex: the store finds a feed by its WebSub callback id in
// one lookup, keeps the index in step with subscriptions (new id, hub
// unsubscribed, feed removed or moved) and builds it for a store written
// before it existed.
func TestCallbackIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), File)
	s, err := OpenStore(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if _, err := s.Add([]string{"https://a.example/feed", "https://b.example/feed"}, now, false); err != nil {
		t.Fatal(err)
	}
	find := func(id string) string {
		t.Helper()
		f, ok, err := s.byCallback(id)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return ""
		}
		return f.URL
	}
	if err := s.setWebSub("https://a.example/feed", &WebSub{Hub: "https://hub.example/", Topic: "t", CallbackID: "cb1"}); err != nil {
		t.Fatal(err)
	}
	if got := find("cb1"); got != "https://a.example/feed" {
		t.Fatalf("cb1 -> %q", got)
	}
	if err := s.setWebSub("https://a.example/feed", &WebSub{Hub: "https://hub.example/", Topic: "t", CallbackID: "cb2"}); err != nil {
		t.Fatal(err)
	}
	if find("cb1") != "" || find("cb2") != "https://a.example/feed" {
		t.Errorf("after a new callback id: cb1 %q, cb2 %q", find("cb1"), find("cb2"))
	}
	// Moved by a permanent redirect: the id follows the feed.
	f := Feed{URL: "https://a2.example/feed", WebSub: &WebSub{CallbackID: "cb2", Topic: "t"}}
	if err := s.commit("https://a.example/feed", &f, nil); err != nil {
		t.Fatal(err)
	}
	if got := find("cb2"); got != "https://a2.example/feed" {
		t.Errorf("after a move: cb2 -> %q", got)
	}
	// Unsubscribed by the hub, then subscribed again and removed.
	f.WebSub = nil
	if err := s.commit(f.URL, &f, nil); err != nil {
		t.Fatal(err)
	}
	if find("cb2") != "" {
		t.Error("cb2 still found after the hub unsubscribed")
	}
	if err := s.setWebSub("https://b.example/feed", &WebSub{CallbackID: "cb3", Topic: "t"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Remove("https://b.example/feed"); err != nil {
		t.Fatal(err)
	}
	if find("cb3") != "" {
		t.Error("cb3 still found after the feed was removed")
	}
	// A store without the index gets it on open.
	if err := s.setWebSub("https://a2.example/feed", &WebSub{CallbackID: "cb4", Topic: "t"}); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(callbackBucket) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = OpenStore(path, time.Second); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := find("cb4"); got != "https://a2.example/feed" {
		t.Errorf("rebuilt index: cb4 -> %q", got)
	}
}
