package poll

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzReadOPML: any input gives URLs without repeats or an error, never a
// panic.
func FuzzReadOPML(f *testing.F) {
	f.Add(`<opml version="2.0"><body><outline text="a" xmlUrl="https://a.example/f"><outline xmlUrl="https://b.example/f"/></outline></body></opml>`)
	f.Add(`<opml><body>` + strings.Repeat(`<outline>`, 100) + `</body></opml>`)
	f.Add("\xff<opml")
	f.Fuzz(func(t *testing.T, in string) {
		urls, err := ReadOPML(strings.NewReader(in))
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, u := range urls {
			if seen[u] || strings.TrimSpace(u) != u || u == "" {
				t.Fatalf("bad URL list %q", urls)
			}
			seen[u] = true
		}
	})
}

// FuzzAlternateFeed: a page's feed link is absolute http(s) or "".
func FuzzAlternateFeed(f *testing.F) {
	f.Add(`<html><head><link rel="alternate" type="application/rss+xml" href="/feed"></head></html>`)
	f.Add(`<link rel="ALTERNATE stylesheet" type="application/atom+xml" href="javascript:alert(1)">`)
	f.Add(`<link rel=alternate type=application/feed+json href="//cdn.example/f.json">`)
	f.Fuzz(func(t *testing.T, page string) {
		got := alternateFeed([]byte(page), "https://site.example/a/b")
		if got == "" {
			return
		}
		u, err := url.Parse(got)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			t.Fatalf("alternateFeed = %q", got)
		}
	})
}
