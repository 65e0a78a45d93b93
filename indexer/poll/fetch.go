package poll

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/syndex/syndex/indexer/ingest"
)

// Fetch limits and defaults.
const (
	// MaxFeedBytes bounds a fetched feed (the body is cut there and the
	// fetch fails).
	MaxFeedBytes = 16 << 20
	// FetchTimeout bounds one fetch, connection to last byte.
	FetchTimeout = 30 * time.Second
	// UserAgent names syndex to the feeds' servers.
	UserAgent = "syndex-poller/1 (+https://github.com/syndex/syndex)"
)

// fetchResult is the outcome of one conditional GET.
type fetchResult struct {
	status        int
	body          []byte
	etag, lastMod string
	// finalURL is where a chain of permanent redirects (301, 308) led;
	// "" when there was none (or a temporary one on the way).
	finalURL string
	// retryAfter is the server's Retry-After on 429 and 503.
	retryAfter time.Duration
}

// newClient returns the HTTP client of a Poller: timeouts on connecting,
// on the response headers and overall, at most 10 redirects, and
// transparent gzip (Go's transport asks for it and decodes it).
func newClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = 15 * time.Second
	tr.MaxIdleConnsPerHost = 4
	return &http.Client{Timeout: FetchTimeout, Transport: tr}
}

// fetch GETs u with f's validators.
func fetch(ctx context.Context, c *http.Client, u string, f *Feed) (*fetchResult, error) {
	perm := true
	client := *c
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return errors.New("more than 10 redirects")
		}
		if r := req.Response; r == nil || (r.StatusCode != http.StatusMovedPermanently && r.StatusCode != http.StatusPermanentRedirect) {
			perm = false
		}
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if f.ETag != "" {
		req.Header.Set("If-None-Match", f.ETag)
	}
	if f.LastModified != "" {
		req.Header.Set("If-Modified-Since", f.LastModified)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	res := &fetchResult{status: resp.StatusCode, etag: resp.Header.Get("ETag"), lastMod: resp.Header.Get("Last-Modified")}
	if final := resp.Request.URL.String(); final != u && perm {
		res.finalURL = final
	}
	switch resp.StatusCode {
	case http.StatusOK:
		body, err := io.ReadAll(io.LimitReader(resp.Body, MaxFeedBytes+1))
		if err != nil {
			return nil, fmt.Errorf("reading the body: %w", err)
		}
		if len(body) > MaxFeedBytes {
			return nil, fmt.Errorf("the feed is over %d bytes", MaxFeedBytes)
		}
		res.body = body
	case http.StatusNotModified:
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		res.retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	return res, nil
}

// parseRetryAfter reads Retry-After as seconds or an HTTP date; 0 when
// absent or unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// Fetched is what Get brought: a feed, or an HTML article page.
type Fetched struct {
	// URL is the feed's, or the page's (after permanent redirects).
	URL  string
	Body []byte
	// Page: Body is an HTML page to read as one article, not a feed.
	Page bool
}

// Get fetches a URL once (as `syndex index URL` and `convert URL` do), with
// the same client limits as polling and no validators: a feed; the feed a
// home or section page advertises (Discover); or the page itself when it
// is an article (ingest.IsArticlePage: its site's feed may not list it) or
// advertises no feed.
func Get(ctx context.Context, u string) (Fetched, error) {
	c := newClient()
	p, err := probe(ctx, c, u)
	switch {
	case err != nil:
		return Fetched{}, err
	case p.feed:
		return Fetched{URL: p.url, Body: p.body}, nil
	case !ingest.LooksLikeHTML(p.body):
		return Fetched{}, fmt.Errorf("%s is neither a feed nor an HTML page", p.url)
	case p.alternate == "" || ingest.IsArticlePage(p.body):
		return Fetched{URL: p.url, Body: p.body, Page: true}, nil
	}
	body, err := fetchPage(ctx, c, p.alternate)
	if err != nil {
		return Fetched{}, fmt.Errorf("fetch %s: %w", p.alternate, err)
	}
	return Fetched{URL: p.alternate, Body: body}, nil
}

// fetchPage GETs a document (an article page, a feed) unconditionally,
// with the fetch limits; anything but a 200 is an error.
func fetchPage(ctx context.Context, c *http.Client, u string) ([]byte, error) {
	fr, err := fetch(ctx, c, u, &Feed{})
	if err != nil {
		return nil, err
	}
	if fr.status != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d", fr.status)
	}
	return fr.body, nil
}
