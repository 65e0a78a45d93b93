package article

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"path/filepath"
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

	// Origin is where the reader found the article, for messages; it is
	// neither indexed nor part of the JSON form.
	Origin Origin `json:"-"`
	// WeakID says the id was derived from source, title and date alone (no
	// id, no URL), so two different articles can map to it; a write that
	// meets a second one in the same run keeps both (see ContentID).
	WeakID bool `json:"-"`
	// Warnings are what the reader noticed but kept the article for (a date
	// it could not read, a field of the wrong type it dropped or coerced).
	Warnings []Warning `json:"-"`
}

// Origin says where an article was read, precisely enough to find it: the
// file and the line (line-oriented formats) or item (feeds, 1-based).
type Origin struct {
	File       string
	Line, Item int
}

func (o Origin) String() string { return position(o.File, o.Line, o.Item) }

// position formats a place in the input as FILE:LINE, FILE: item N or FILE.
func position(file string, line, item int) string {
	switch {
	case line > 0:
		return fmt.Sprintf("%s:%d", file, line)
	case item > 0:
		return fmt.Sprintf("%s: item %d", file, item)
	default:
		return file
	}
}

// Warning is something a reader noticed about an article it kept: Kind is
// what (WarnDate, WarnField), Detail the value or field concerned.
type Warning struct {
	Kind, Detail string
}

// Kinds of Warning.
const (
	WarnDate  = "date not understood"
	WarnField = "field dropped"
)

// Warn records a warning on a.
func (a *Article) Warn(kind, detail string) {
	a.Warnings = append(a.Warnings, Warning{Kind: kind, Detail: detail})
}

// WarningLines formats a's warnings for a summary, as
// `date not understood: FILE:LINE: "11/30/2026"`.
func (a *Article) WarningLines() []string {
	out := make([]string, len(a.Warnings))
	for i, w := range a.Warnings {
		out[i] = w.Kind + ": " + a.Origin.String() + ": " + w.Detail
	}
	return out
}

// DeriveID returns the stable id of an article without one, read from
// file. The key is the article's own canonical URL, normalized (its URL, or
// a canonical link on the same site), so the same page read from a feed and
// from a dump gets the same id; failing that, source, title and date (the
// id is then weak, see WeakID). A "Source:" link to another site is not
// used: a repost must not overwrite the original it credits. Without a URL,
// title or date, nothing tells two articles apart but their text, so the
// key is the file's name and a hash of the text: untitled pages of one
// folder do not overwrite each other, and re-reading the same file gives
// the same id.
func DeriveID(a *Article, file string) string {
	var key string
	switch {
	case a.URL != "":
		key = "url:" + NormalizeURL(a.URL)
	case a.CanonicalURL != "" && HostOf(a.CanonicalURL) == a.SourceDomain:
		key = "url:" + NormalizeURL(a.CanonicalURL)
	case a.Title != "" && !a.Published.IsZero():
		key = "sdt:" + strings.ToLower(a.Source) + "\x00" + strings.ToLower(a.Title) + "\x00" + a.Published.UTC().Format(time.RFC3339)
		a.WeakID = true
	default:
		return ContentID(a, filepath.Base(file))
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:10])
}

// ContentID is an id from the article's text and a name (its file's): what
// DeriveID falls back to, and what a weak id that collides within one run
// becomes, so that neither article is lost.
func ContentID(a *Article, name string) string {
	h := sha256.New()
	for _, s := range []string{"txt:", name, a.Source, a.Title, a.Body} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:10])
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
	File string
	Line int // 1-based line number, 0 if not line-oriented
	Item int // 1-based item number, 0 if unknown
	// ID is the article's id when it was read before the fault (a
	// limit, not malformed JSON), so a partner can tell which it was.
	ID     string
	Reason string
	// TooLarge says the item was refused for a size limit, not for what
	// it holds (the write endpoints answer 413).
	TooLarge bool
}

func (e *ItemError) Error() string {
	return position(e.File, e.Line, e.Item) + ": " + e.Reason
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
