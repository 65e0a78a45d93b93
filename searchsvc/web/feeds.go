package web

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/feeds"

	"github.com/syndex/syndex/searchsvc"
	"github.com/syndex/syndex/searchsvc/httpapi"
)

// Saved searches as feeds: every search page URL has three twins,
// /search.atom, /search.rss and /search.json (JSON Feed 1.1), with the same
// parameters, so a reader can follow a search in any feed reader. A feed
// lists the newest FeedSize stories (one entry per story, naming the other
// sources that carried it) whatever the page's sort and page; its ETag is
// a hash of what it shows, so an unchanged search answers 304.

// FeedSize is how many stories a search feed lists.
const FeedSize = 50

// feedFormat is one feed twin of the search page. htmlText says its
// entry text is HTML (Atom's summary type="html", RSS's description by
// convention), so the plain text is escaped once more for it; a JSON Feed
// summary is plain text.
type feedFormat struct {
	path, ctype string
	htmlText    bool
	write       func(*feeds.Feed, *bytes.Buffer) error
}

var feedFormats = []feedFormat{
	{"/search.atom", "application/atom+xml; charset=utf-8", true, func(f *feeds.Feed, b *bytes.Buffer) error { return f.WriteAtom(b) }},
	{"/search.rss", "application/rss+xml; charset=utf-8", true, writeRSS},
	{"/search.json", "application/feed+json; charset=utf-8", false, func(f *feeds.Feed, b *bytes.Buffer) error { return f.WriteJSON(b) }},
}

// writeRSS writes f as RSS 2.0 with each entry's author (or, without one,
// its source) as <dc:creator>, the way WordPress and most feeds name a
// person or a publisher: RSS's own <author> must be an e-mail address, and
// a validator or a strict reader rejects "Reuters" there. The writer's
// output escapes all text, so its <author> tags are found as tags only.
func writeRSS(f *feeds.Feed, b *bytes.Buffer) error {
	start := b.Len()
	if err := f.WriteRss(b); err != nil {
		return err
	}
	out := b.Bytes()[start:]
	out = bytes.Replace(out, []byte(`<rss version="2.0"`), []byte(`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"`), 1)
	out = bytes.ReplaceAll(out, []byte("<author>"), []byte("<dc:creator>"))
	out = bytes.ReplaceAll(out, []byte("</author>"), []byte("</dc:creator>"))
	b.Truncate(start)
	b.Write(out)
	return nil
}

// feedPath returns the URL of st's search as a feed in format path: the
// page's parameters without sort and page, which the feed ignores.
func feedPath(st pageState, path string) string {
	st.Sort, st.Page = "", 1
	return path + strings.TrimPrefix(st.URL(), "/search")
}

// feed serves one feed twin of the search page.
func (p *pages) feed(ff feedFormat) gin.HandlerFunc {
	return func(c *gin.Context) {
		vals, err := searchsvc.Query(c.Request.URL.RawQuery)
		var st pageState
		var req searchsvc.Request
		if err == nil {
			vals.Del("page")
			vals.Del("sort")
			st, req, err = p.parsePage(vals)
		}
		if err != nil {
			p.feedError(c, err)
			return
		}
		req.Sort, req.Size, req.Page, req.Facets = searchsvc.SortNewest, FeedSize, 1, []string{}
		res, err := p.svc.Search(c.Request.Context(), req)
		if err != nil {
			p.feedError(c, err)
			return
		}
		base, fromHost := p.baseURL(c)
		key, now := c.Request.URL.Path+"?"+c.Request.URL.RawQuery, time.Now()
		f := p.searchFeed(key, st, res, base, ff.htmlText, now)
		etag := feedETag(ff.path, base, res)
		updated := p.changed.since(key, etag, now)
		h := c.Writer.Header()
		h.Set("ETag", etag)
		h.Set("Cache-Control", "public, max-age=60")
		h.Set("X-Content-Type-Options", "nosniff")
		if fromHost {
			h.Set("Vary", "Host")
		}
		if !updated.IsZero() {
			h.Set("Last-Modified", updated.UTC().Format(http.TimeFormat))
		}
		if notModified(c.Request, etag, updated) {
			c.Status(http.StatusNotModified)
			return
		}
		buf := p.bufs.Get().(*bytes.Buffer)
		defer p.putBuf(buf)
		if err := ff.write(f, buf); err != nil {
			p.srv.Fail(c, fmt.Errorf("write %s feed: %w", ff.path, err))
			return
		}
		c.Data(http.StatusOK, ff.ctype, buf.Bytes())
	}
}

// notModified applies the conditional GET rules: If-None-Match wins over
// If-Modified-Since (RFC 9110 13.2.2).
func notModified(r *http.Request, etag string, updated time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			if t = strings.TrimSpace(t); t == etag || t == "*" || strings.TrimPrefix(t, "W/") == etag {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !updated.IsZero() {
		if t, err := http.ParseTime(ims); err == nil && !updated.Truncate(time.Second).After(t) {
			return true
		}
	}
	return false
}

// feedChanges remembers, per feed URL, its ETag and when this server first
// served it: the feed's Last-Modified. The newest entry's date is not
// that: an article dated earlier, or a corrected title, changes the feed
// without a newer date, and a reader sending only If-Modified-Since was
// answered 304 and never saw it. After a restart (or on another replica)
// a feed counts as changed when first served, which costs one full answer.
type feedChanges struct {
	mu   sync.Mutex
	seen map[string]feedVersion
	// entries holds, per feed entry (feed key and article id), a hash of
	// what it showed and when that changed while this server ran: the
	// entry's <updated>. The index keeps no time of a correction, so an
	// entry first seen shows its publication date.
	entries map[string]feedVersion
}

type feedVersion struct {
	etag string
	at   time.Time
}

// maxFeedVersions bounds feedChanges; past it the memory starts again.
const maxFeedVersions = 10000

// since returns when the feed at key first had etag, recording now if it
// is new.
func (fc *feedChanges) since(key, etag string, now time.Time) time.Time {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if v, ok := fc.seen[key]; ok && v.etag == etag {
		return v.at
	}
	if fc.seen == nil || len(fc.seen) >= maxFeedVersions {
		fc.seen = map[string]feedVersion{}
	}
	now = now.UTC().Truncate(time.Second)
	fc.seen[key] = feedVersion{etag: etag, at: now}
	return now
}

// maxFeedEntries bounds feedChanges.entries (FeedSize entries per feed).
const maxFeedEntries = 100000

// entryUpdated returns when the entry key last changed to version:
// published on first sight (or if earlier changes were forgotten), else
// the time this server first served version, if later. An undated entry
// is as new as its first showing (Atom requires an <updated>).
func (fc *feedChanges) entryUpdated(key, version string, published, now time.Time) time.Time {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	v, ok := fc.entries[key]
	switch {
	case !ok:
		if fc.entries == nil || len(fc.entries) >= maxFeedEntries {
			fc.entries = map[string]feedVersion{}
		}
		v = feedVersion{etag: version}
		if published.IsZero() {
			v.at = now.UTC().Truncate(time.Second)
		}
		fc.entries[key] = v
		return cmp.Or(published, v.at)
	case v.etag != version:
		v = feedVersion{etag: version, at: now.UTC().Truncate(time.Second)}
		fc.entries[key] = v
	}
	if v.at.After(published) {
		return v.at
	}
	return published
}

// entryVersion hashes what a feed entry shows, so a corrected title or
// text gives it a new <updated>.
func entryVersion(hit searchsvc.Hit) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%d", hit.Title, hit.Snippet, hit.URL, hit.Author, hit.Published, hit.Copies)
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// feedETag hashes what the feed shows: its format and base, and each
// story's id and entryVersion (a new copy or a corrected text changes it).
func feedETag(format, base string, res *searchsvc.Response) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\n", format, base, res.Total)
	for _, hit := range res.Hits {
		fmt.Fprintf(h, "%s\x00%s\n", hit.ID, entryVersion(hit))
	}
	return `"` + hex.EncodeToString(h.Sum(nil)[:12]) + `"`
}

// searchFeed builds the feed of a search result (key: the feed's URL);
// an entry's update time is its date, or when this server first showed a
// correction of it; the feed's is the newest entry's.
func (p *pages) searchFeed(key string, st pageState, res *searchsvc.Response, base string, htmlText bool, now time.Time) *feeds.Feed {
	title := p.cfg.SiteName + " search"
	if desc := describeSearch(st); desc != "" {
		title = desc + " – " + p.cfg.SiteName
	}
	f := &feeds.Feed{
		Title:       title,
		Link:        &feeds.Link{Href: base + st.with(func(s *pageState) { s.Sort = "" })},
		Description: fmt.Sprintf("The newest stories matching this search on %s (%d in all).", p.cfg.SiteName, res.Total),
		Id:          base + feedPath(st, "/search.atom"),
	}
	var updated time.Time
	for _, hit := range res.Hits {
		pub, _ := time.Parse(time.RFC3339, hit.Published)
		upd := p.changed.entryUpdated(key+"\x00"+hit.ID, entryVersion(hit), pub, now)
		if upd.After(updated) {
			updated = upd
		}
		link := hitLink(hit.URL, hit.ID)
		if strings.HasPrefix(link, "/") {
			link = base + link
		}
		it := &feeds.Item{
			Title:       hit.Title,
			Link:        &feeds.Link{Href: link},
			Id:          base + articlePath(hit.ID),
			Description: feedSummary(hit, htmlText),
			Created:     pub,
			Updated:     upd,
		}
		if by := cmp.Or(hit.Author, hit.Source); by != "" {
			it.Author = &feeds.Author{Name: by}
		}
		if it.Title == "" {
			it.Title = "(untitled)"
		}
		f.Add(it)
	}
	if updated.IsZero() {
		updated = now.UTC().Truncate(time.Second) // no entries: Atom still requires it
	}
	f.Updated = updated
	return f
}

// feedSummary is an entry's text: the snippet and the other sources of its
// story, as plain text or as escaped HTML (the feed writer escapes either
// for XML or JSON).
func feedSummary(hit searchsvc.Hit, htmlText bool) string {
	s := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(hit.Snippet)
	s = html.UnescapeString(s)
	if len(hit.AlsoIn) > 0 {
		var srcs []string
		for _, cp := range hit.AlsoIn {
			if cp.Source != "" && !slices.Contains(srcs, cp.Source) && cp.Source != hit.Source {
				srcs = append(srcs, cp.Source)
			}
		}
		if len(srcs) > 0 {
			s += "\n\nAlso in: " + strings.Join(srcs, ", ")
		}
	}
	if htmlText {
		s = strings.ReplaceAll(html.EscapeString(s), "\n\n", "<br><br>")
	}
	return s
}

// describeSearch says in words what st searches for: the query and the
// filters, for the feed's title.
func describeSearch(st pageState) string {
	var parts []string
	if st.Q != "" {
		parts = append(parts, "“"+st.Q+"”")
	}
	for i, vals := range st.Terms {
		if len(vals) > 0 {
			parts = append(parts, searchsvc.TermFilters[i].Param+": "+strings.Join(vals, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

// feedError answers a feed request that failed: a 400 naming the
// parameter, 503 when busy, else the server's error.
func (p *pages) feedError(c *gin.Context, err error) {
	var pe *searchsvc.ParamError
	switch {
	case errors.As(err, &pe):
		httpapi.WriteError(c, http.StatusBadRequest, httpapi.CodeBadParameter, pe.Msg, pe.Param)
	default:
		p.srv.Fail(c, err)
	}
}
