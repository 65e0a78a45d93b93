package article

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Article is the one article model shared by every reader, the index and the
// search service. Its JSON form is syndex's JSON Lines import/export format, so
// the output of `syndex convert` can be fed back to `syndex index`.
type Article struct {
	// ID is stable across re-imports: given in the input, else derived from
	// the canonical URL, else from source + title + date (see DeriveID).
	ID string `json:"id"`
	// URL is where the article was read from (may be an aggregator's copy).
	URL string `json:"url,omitempty"`
	// CanonicalURL is the original URL of the story: <link rel=canonical>,
	// og:url or a "Source: <url>" line in a repost. Empty when unknown.
	CanonicalURL string `json:"canonical_url,omitempty"`
	Title        string `json:"title"`
	// Body is clean plain text; paragraphs are separated by "\n\n".
	Body    string `json:"body"`
	Summary string `json:"summary,omitempty"`
	// Source is the publisher's name ("Reuters"); SourceDomain its host.
	Source       string `json:"source,omitempty"`
	SourceDomain string `json:"source_domain,omitempty"`
	Author       string `json:"author,omitempty"`
	// Published is zero when the date is unknown or unparseable: syndex never
	// invents "now" or year 1 for a missing date.
	Published time.Time `json:"published,omitzero"`
	// FutureDate flags a published time more than a day ahead of ingestion,
	// which usually means a wrong time zone or a typo at the publisher.
	FutureDate bool      `json:"future_date,omitempty"`
	Tags       []string  `json:"tags,omitempty"`
	Lang       string    `json:"lang,omitempty"`
	Ingested   time.Time `json:"ingested,omitzero"`
	// Story is the id of the first indexed article of this article's group
	// of near-duplicate copies (its own id for the first), set when the
	// article is written to the index.
	Story string `json:"story,omitempty"`
}

// DeriveID returns the stable id of an article without one. The key is the
// article's own canonical URL, normalized (its URL, or a canonical link on the
// same site), so the same page read from a feed and from a dump gets the same
// id; failing that, source, title and date. A "Source:" link to another site
// is not used: a repost must not overwrite the original it credits.
func DeriveID(a *Article) string {
	var key string
	switch {
	case a.URL != "":
		key = "url:" + NormalizeURL(a.URL)
	case a.CanonicalURL != "" && HostOf(a.CanonicalURL) == a.SourceDomain:
		key = "url:" + NormalizeURL(a.CanonicalURL)
	default:
		date := ""
		if !a.Published.IsZero() {
			date = a.Published.UTC().Format(time.RFC3339)
		}
		key = "sdt:" + strings.ToLower(a.Source) + "\x00" + strings.ToLower(a.Title) + "\x00" + date
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:10])
}

// NormalizeURL makes equivalent spellings of one URL compare equal: lower-case
// scheme and host, no "www.", no fragment, no trailing slash, and no tracking
// parameters (utm_*, fbclid, gclid...). It returns the input unchanged when it
// does not parse as an absolute URL.
func NormalizeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.TrimSpace(raw)
	}
	u.Scheme = "https"
	u.Host = strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	u.Host = strings.TrimPrefix(u.Host, "amp.") // amp.example.com/story
	u.Fragment = ""
	u.User = nil
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			lk := strings.ToLower(k)
			if strings.HasPrefix(lk, "utm_") || trackingParams[lk] {
				q.Del(k)
			}
		}
		u.RawQuery = q.Encode()
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.Path = strings.TrimSuffix(u.Path, "/amp")
	u.Path = strings.TrimSuffix(u.Path, ".amp")          // story.amp
	if p, ok := strings.CutPrefix(u.Path, "/amp/"); ok { // /amp/story
		u.Path = "/" + p
	}
	u.RawPath = ""
	return u.String()
}

var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "mc_cid": true,
	"mc_eid": true, "ref": true, "ref_src": true, "cmpid": true, "ocid": true,
	"igshid": true, "amp": true, "outputtype": true,
}

// HostOf returns the host of a URL without "www.", or "" if it has none. It
// is exported for the readers, which derive SourceDomain the same way
// DeriveID compares it.
func HostOf(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// ItemError reports one bad item precisely enough to find it: the file, the
// line (line-oriented formats) or item number (feeds, 1-based), and why.
// A reader that returns an ItemError carries on with the next item.
type ItemError struct {
	File   string
	Line   int // 1-based line number, 0 if not line-oriented
	Item   int // 1-based item number, 0 if unknown
	Reason string
}

func (e *ItemError) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason)
	case e.Item > 0:
		return fmt.Sprintf("%s: item %d: %s", e.File, e.Item, e.Reason)
	default:
		return fmt.Sprintf("%s: %s", e.File, e.Reason)
	}
}

// Record is one line of syndex's JSON Lines input as a writer produces it:
// every field text (Published is RFC 3339, or anything the date parser
// reads), empty fields left out. The sample generator, the evaluation set
// and the test fixtures all write (and read) this one shape; the reader in
// indexer/ingest parses it leniently into an Article.
type Record struct {
	ID           string   `json:"id"`
	URL          string   `json:"url,omitempty"`
	Title        string   `json:"title"`
	Body         string   `json:"body"`
	Source       string   `json:"source,omitempty"`
	Published    string   `json:"published,omitempty"`
	Author       string   `json:"author,omitempty"`
	Tags         []string `json:"tags,omitempty"`
	Lang         string   `json:"lang,omitempty"`
	CanonicalURL string   `json:"canonical_url,omitempty"`
	Summary      string   `json:"summary,omitempty"`
	SourceDomain string   `json:"source_domain,omitempty"`
}
