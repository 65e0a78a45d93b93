package web

import (
	"cmp"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/syndex/syndex/searchsvc"
)

// TestSearchFeeds reads every feed twin of a search with gofeed and checks
// it against the same search through the API: the newest stories first,
// one entry per story, the same titles, links that open something, stable
// ids, escaped text, and conditional GET.
func TestSearchFeeds(t *testing.T) {
	h := pageServer(t)
	const params = "q=quokka&source=Alpine+Courier&source=Copper+Valley+Times"
	rec := getPage(t, h, "/api/v1/search?"+params+"&sort=newest&size=50&facets=")
	if rec.Code != http.StatusOK {
		t.Fatalf("API: %d %s", rec.Code, rec.Body)
	}
	var api searchsvc.Response
	if err := json.Unmarshal(rec.Body.Bytes(), &api); err != nil {
		t.Fatal(err)
	}
	if len(api.Hits) < 3 {
		t.Fatalf("only %d hits to compare", len(api.Hits))
	}
	for _, ff := range feedFormats {
		t.Run(ff.path, func(t *testing.T) {
			// The page's sort and page do not change a feed.
			rec := getPage(t, h, ff.path+"?"+params+"&sort=oldest&page=3")
			if rec.Code != http.StatusOK {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != ff.ctype {
				t.Errorf("Content-Type %q, want %q", ct, ff.ctype)
			}
			feed, err := gofeed.NewParser().ParseString(rec.Body.String())
			if err != nil {
				t.Fatalf("gofeed: %v\n%s", err, rec.Body)
			}
			if !strings.Contains(feed.Title, "quokka") || !strings.Contains(feed.Title, "Alpine Courier") {
				t.Errorf("feed title %q does not say the search", feed.Title)
			}
			if !strings.Contains(feed.Link, "/search?q=quokka") {
				t.Errorf("feed link %q is not the search page", feed.Link)
			}
			if len(feed.Items) != len(api.Hits) {
				t.Fatalf("%d entries, want %d (the API's stories)", len(feed.Items), len(api.Hits))
			}
			var last time.Time
			ids := map[string]bool{}
			authored := 0
			for i, it := range feed.Items {
				hit := api.Hits[i]
				if it.Title != hit.Title {
					t.Errorf("entry %d: title %q, want %q", i, it.Title, hit.Title)
				}
				if it.PublishedParsed == nil && it.UpdatedParsed == nil {
					t.Errorf("entry %d: no date", i)
				} else {
					d := it.PublishedParsed
					if d == nil {
						d = it.UpdatedParsed
					}
					if i > 0 && d.After(last) {
						t.Errorf("entry %d (%s) newer than the one before (%s)", i, d, last)
					}
					last = *d
				}
				u, err := url.Parse(it.Link)
				if err != nil || u.Scheme == "" || u.Host == "" {
					t.Errorf("entry %d: link %q is not absolute", i, it.Link)
				}
				if it.GUID == "" || ids[it.GUID] || !strings.Contains(it.GUID, "/article/") {
					t.Errorf("entry %d: id %q missing, repeated or not the article page", i, it.GUID)
				}
				ids[it.GUID] = true
				if strings.Contains(it.Description, "<mark>") {
					t.Errorf("entry %d: highlight markup in the text: %q", i, it.Description)
				}
				// The author names the article's writer, else its source.
				if want := cmp.Or(hit.Author, hit.Source); len(it.Authors) != 1 || it.Authors[0].Name != want {
					t.Errorf("entry %d: authors %v, want %q", i, it.Authors, want)
				}
				if hit.Author != "" {
					authored++
				}
			}
			if authored == 0 || authored == len(api.Hits) {
				t.Errorf("%d of %d hits have an author: the fixture must have both kinds", authored, len(api.Hits))
			}
			// RSS's <author> is an e-mail address; names go in <dc:creator>.
			if ff.path == "/search.rss" && (strings.Contains(rec.Body.String(), "<author>") || !strings.Contains(rec.Body.String(), "<dc:creator>Mia Tran</dc:creator>")) {
				t.Errorf("RSS authors are not dc:creator:\n%s", rec.Body)
			}

			etag := rec.Header().Get("ETag")
			if etag == "" || rec.Header().Get("Last-Modified") == "" {
				t.Fatalf("no ETag (%q) or Last-Modified", etag)
			}
			if r := getPage(t, h, ff.path+"?"+params, "If-None-Match", etag); r.Code != http.StatusNotModified || r.Body.Len() != 0 {
				t.Errorf("If-None-Match: %d, %d bytes", r.Code, r.Body.Len())
			}
			if r := getPage(t, h, ff.path+"?"+params, "If-Modified-Since", rec.Header().Get("Last-Modified")); r.Code != http.StatusNotModified {
				t.Errorf("If-Modified-Since: %d", r.Code)
			}
			if r := getPage(t, h, ff.path+"?"+params, "If-None-Match", `"other"`); r.Code != http.StatusOK {
				t.Errorf("stale ETag: %d", r.Code)
			}
			if r := getPage(t, h, ff.path+"?q=quokka"); r.Header().Get("ETag") == etag {
				t.Error("another search has the same ETag")
			}
		})
	}
}

// TestSearchFeedEscapes: document text reaches the feeds only escaped (a
// parser gives back the text itself), and bad parameters are a 400 that
// names them.
func TestSearchFeedEscapes(t *testing.T) {
	h := pageServer(t)
	for _, ff := range feedFormats {
		rec := getPage(t, h, ff.path+"?source=Patchnotes+Weekly")
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", ff.path, rec.Code, rec.Body)
		}
		if strings.Contains(rec.Body.String(), xssTitle) {
			t.Errorf("%s: unescaped markup of a title in the feed", ff.path)
		}
		feed, err := gofeed.NewParser().ParseString(rec.Body.String())
		if err != nil {
			t.Fatalf("%s: %v", ff.path, err)
		}
		found := false
		for _, it := range feed.Items {
			if it.Title != xssTitle {
				continue
			}
			found = true
			// The body's markup is text: plain in a JSON Feed summary,
			// escaped HTML where the entry text is HTML.
			want := "<script>alert(2)</script>"
			if ff.htmlText {
				want = "&lt;script&gt;alert(2)&lt;/script&gt;"
			}
			if !strings.Contains(it.Description, want) {
				t.Errorf("%s: entry text %q lacks %q", ff.path, it.Description, want)
			}
		}
		if !found {
			t.Errorf("%s: the article with markup in its title is missing or mangled", ff.path)
		}
		for _, bad := range []string{"?from=yesterday", "?sort=oldest&range=2y", "?q=" + strings.Repeat("x+", 40)} {
			r := getPage(t, h, ff.path+bad)
			if r.Code != http.StatusBadRequest || !strings.Contains(r.Body.String(), `"parameter"`) {
				t.Errorf("%s%s: %d %s", ff.path, bad, r.Code, r.Body)
			}
		}
	}
}

// TestPageLinksFeed: a results page names its feed in <head> and shows a
// "Follow this search" link to it, with the page's filters.
func TestPageLinksFeed(t *testing.T) {
	rec := getPage(t, pageServer(t), "/search?q=quokka&tag=science&sort=oldest")
	body := rec.Body.String()
	const want = `/search.atom?q=quokka&amp;tag=science`
	if !strings.Contains(body, `<link rel="alternate" type="application/atom+xml" href="`+want+`"`) {
		t.Errorf("no alternate link to %s in the page head", want)
	}
	if !strings.Contains(body, `<a class="follow" href="`+want+`">Follow this search</a>`) {
		t.Errorf("no visible follow link to %s", want)
	}
}

// TestFeedLastModified: a feed's Last-Modified is when this server first
// served its current content, not its newest entry's date, so an entry
// dated earlier (or a corrected title) is not hidden behind a 304 from a
// reader that sends only If-Modified-Since.
func TestFeedLastModified(t *testing.T) {
	var fc feedChanges
	t0 := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	if got := fc.since("/search.atom?q=okapi", `"a"`, t0); !got.Equal(t0) {
		t.Fatalf("first: %v", got)
	}
	if got := fc.since("/search.atom?q=okapi", `"a"`, t0.Add(time.Hour)); !got.Equal(t0) {
		t.Errorf("same content later: %v, want the first time %v", got, t0)
	}
	changed := fc.since("/search.atom?q=okapi", `"b"`, t0.Add(2*time.Hour))
	if !changed.Equal(t0.Add(2 * time.Hour)) {
		t.Errorf("new content: %v", changed)
	}
	req := httptest.NewRequest(http.MethodGet, "/search.atom?q=okapi", nil)
	req.Header.Set("If-Modified-Since", t0.Format(http.TimeFormat))
	if notModified(req, `"b"`, changed) {
		t.Error("a feed changed after If-Modified-Since was answered 304")
	}
	if !notModified(req, `"a"`, t0) {
		t.Error("an unchanged feed was not answered 304")
	}
	if got := fc.since("/search.atom?q=other", `"a"`, t0.Add(3*time.Hour)); !got.Equal(t0.Add(3 * time.Hour)) {
		t.Errorf("another feed shares the first one's time: %v", got)
	}
}

// TestFeedEntryUpdated: an entry's <updated> is its publication date until
// this server shows a correction of it (another title or text under the
// same id); then it is the time of that first showing, and the feed's
// <updated> follows it. An unchanged entry keeps its time.
func TestFeedEntryUpdated(t *testing.T) {
	p := &pages{cfg: Config{SiteName: "syndex"}}
	pub := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	hit := searchsvc.Hit{ID: "a1", Title: "Okapi seen", Snippet: "An okapi.", Source: "Wire", Published: pub.Format(time.RFC3339)}
	old := searchsvc.Hit{ID: "a0", Title: "Older", Snippet: "Older.", Published: pub.Add(-time.Hour).Format(time.RFC3339)}
	res := func(h searchsvc.Hit) *searchsvc.Response {
		return &searchsvc.Response{Total: 2, Hits: []searchsvc.Hit{h, old}}
	}
	const key = "/search.atom?q=okapi"
	t1, t2 := pub.Add(48*time.Hour), pub.Add(72*time.Hour)
	f := p.searchFeed(key, pageState{Q: "okapi"}, res(hit), "http://x", false, t1)
	if !f.Items[0].Updated.Equal(pub) || !f.Updated.Equal(pub) {
		t.Fatalf("first sight: entry %v, feed %v; want the publication date %v", f.Items[0].Updated, f.Updated, pub)
	}
	fixed := hit
	fixed.Title = "Okapi seen in the park (corrected)"
	f = p.searchFeed(key, pageState{Q: "okapi"}, res(fixed), "http://x", false, t2)
	if !f.Items[0].Updated.Equal(t2) || !f.Items[0].Created.Equal(pub) || !f.Updated.Equal(t2) {
		t.Errorf("corrected: entry updated %v created %v, feed %v; want %v, %v, %v", f.Items[0].Updated, f.Items[0].Created, f.Updated, t2, pub, t2)
	}
	if !f.Items[1].Updated.Equal(pub.Add(-time.Hour)) {
		t.Errorf("the unchanged entry's updated moved to %v", f.Items[1].Updated)
	}
	f = p.searchFeed(key, pageState{Q: "okapi"}, res(fixed), "http://x", false, t2.Add(time.Hour))
	if !f.Items[0].Updated.Equal(t2) {
		t.Errorf("served again: %v, want the time of the correction %v", f.Items[0].Updated, t2)
	}
	if feedETag("/search.atom", "http://x", res(hit)) == feedETag("/search.atom", "http://x", res(fixed)) {
		t.Error("a corrected title keeps the feed's ETag")
	}
	var buf strings.Builder
	if err := f.WriteAtom(&buf); err != nil || !strings.Contains(buf.String(), "<updated>"+t2.Format(time.RFC3339)+"</updated>") {
		t.Errorf("Atom lacks the entry's updated time %s (%v):\n%s", t2.Format(time.RFC3339), err, buf.String())
	}
}

// TestFeedUndatedEntries: entries without a date, and a feed without
// entries, still have the <updated> Atom requires (the time of their first
// showing), and keep it when served again.
func TestFeedUndatedEntries(t *testing.T) {
	p := &pages{cfg: Config{SiteName: "syndex"}}
	t1 := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	res := &searchsvc.Response{Total: 1, Hits: []searchsvc.Hit{{ID: "u1", Title: "Undated", Snippet: "No date."}}}
	for _, now := range []time.Time{t1, t1.Add(time.Hour)} {
		f := p.searchFeed("/search.atom?q=undated", pageState{Q: "undated"}, res, "http://x", false, now)
		var buf strings.Builder
		if err := f.WriteAtom(&buf); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), "<updated></updated>") || strings.Count(buf.String(), "<updated>"+t1.Format(time.RFC3339)+"</updated>") != 2 {
			t.Errorf("served at %v: want feed and entry updated %v:\n%s", now, t1, buf.String())
		}
	}
	f := p.searchFeed("/search.atom?q=none", pageState{Q: "none"}, &searchsvc.Response{}, "http://x", false, t1)
	var buf strings.Builder
	if err := f.WriteAtom(&buf); err != nil || strings.Contains(buf.String(), "<updated></updated>") {
		t.Errorf("an empty feed: %v\n%s", err, buf.String())
	}
}

// TestPageAndFeedLangParam: lang has no facet on the page, but a lang= in
// a page or feed URL filters as in the API (a saved "German news" feed),
// shows as a chip that drops it, and an unknown language is a 400.
func TestPageAndFeedLangParam(t *testing.T) {
	h := pageServer(t)
	if p := loadPage(t, "/search?q=quokka&lang=en", http.StatusOK); len(p.hits()) != quokkaTotal {
		t.Errorf("lang=en: %d hits, want %d", len(p.hits()), quokkaTotal)
	}
	p := loadPage(t, "/search?q=quokka&lang=de", http.StatusOK)
	if len(p.hits()) != 0 {
		t.Errorf("lang=de: %d hits of English articles", len(p.hits()))
	}
	if a := p.one(`ul.chips a`); textOf(a) != "lang:de ×" || attr(a, "href") != "/search?q=quokka" {
		t.Errorf("lang chip %q -> %q", textOf(a), attr(a, "href"))
	}
	for _, ff := range feedFormats {
		for lang, want := range map[string]int{"en": 1, "de": 0} {
			rec := getPage(t, h, ff.path+"?q=quokka&lang="+lang)
			feed, err := gofeed.NewParser().ParseString(rec.Body.String())
			if rec.Code != http.StatusOK || err != nil {
				t.Fatalf("%s lang=%s: %d %v", ff.path, lang, rec.Code, err)
			}
			if (len(feed.Items) > 0) != (want > 0) {
				t.Errorf("%s lang=%s: %d entries", ff.path, lang, len(feed.Items))
			}
		}
		if rec := getPage(t, h, ff.path+"?q=quokka&lang=xx"); rec.Code != http.StatusBadRequest {
			t.Errorf("%s lang=xx: %d, want 400", ff.path, rec.Code)
		}
	}
}
