package poll

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"github.com/syndex/syndex/indexer/ingest"
)

// feedTypes are the <link rel=alternate> types of feeds, preferred first.
var feedTypes = []string{"application/atom+xml", "application/rss+xml", "application/feed+json", "application/json"}

// Discover returns the feed URL for u: u itself when it serves a feed,
// else the first feed a page at u advertises with <link rel=alternate>
// (Atom before RSS before JSON Feed), resolved against the page, and the
// feed's title.
func Discover(ctx context.Context, c *http.Client, u string) (feedURL, title string, err error) {
	p, err := probe(ctx, c, u)
	switch {
	case err != nil:
		return "", "", err
	case p.feed:
		return p.url, p.title, nil
	case p.alternate != "":
		return p.alternate, "", nil
	}
	return "", "", fmt.Errorf("%s is neither a feed nor a page that links one (<link rel=\"alternate\" type=\"application/rss+xml\">)", p.url)
}

// probed is what one GET of a URL given by a user found.
type probed struct {
	url  string // where permanent redirects led
	body []byte
	// feed: the body is a feed, titled title; alternate: the feed an HTML
	// page advertises ("" if none, or not a page).
	feed      bool
	title     string
	alternate string
}

// probe fetches u and says whether it is a feed or a page advertising one.
func probe(ctx context.Context, c *http.Client, u string) (probed, error) {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return probed{}, fmt.Errorf("%q is not an http(s) URL", u)
	}
	if c == nil {
		c = newClient()
	}
	fr, err := fetch(ctx, c, u, &Feed{})
	if err != nil {
		return probed{}, fmt.Errorf("fetch %s: %w", u, err)
	}
	if fr.status != http.StatusOK {
		return probed{}, fmt.Errorf("fetch %s: HTTP %d", u, fr.status)
	}
	if fr.finalURL != "" {
		u = fr.finalURL
	}
	p := probed{url: u, body: fr.body}
	info, _, _, ferr := ingest.ReadFeedData(fr.body, u, ingest.Options{})
	if info != nil {
		p.feed, p.title = true, info.Title
		return p, nil
	}
	if !ingest.LooksLikeHTML(fr.body) && ferr != nil {
		// Not a page: a feed that cannot be read says why (truncated,
		// not XML), rather than "neither a feed nor a page".
		return p, fmt.Errorf("%s: %w", u, ferr)
	}
	p.alternate = alternateFeed(fr.body, u)
	return p, nil
}

// alternateFeed returns the best feed link of an HTML page, absolute.
func alternateFeed(page []byte, base string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ""
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	best, bestRank := "", len(feedTypes)
	for {
		switch z.Next() {
		case html.ErrorToken:
			return best
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return best // feed links are in the head
			}
			if string(name) != "link" || !hasAttr {
				continue
			}
			var rel, typ, href string
			for {
				k, v, more := z.TagAttr()
				switch string(k) {
				case "rel":
					rel = strings.ToLower(string(v))
				case "type":
					typ = strings.ToLower(strings.TrimSpace(string(v)))
				case "href":
					href = strings.TrimSpace(string(v))
				}
				if !more {
					break
				}
			}
			if !strings.Contains(" "+rel+" ", " alternate ") || href == "" {
				continue
			}
			for rank, t := range feedTypes {
				if typ == t && rank < bestRank {
					if ref, err := b.Parse(href); err == nil && (ref.Scheme == "http" || ref.Scheme == "https") && ref.Host != "" {
						best, bestRank = ref.String(), rank
					}
				}
			}
		}
	}
}
