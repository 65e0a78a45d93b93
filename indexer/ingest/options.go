package ingest

import (
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/syndex/syndex/indexer/article"

	"github.com/syndex/syndex/indexer/clean"
	"github.com/syndex/syndex/indexer/lang"
)

// DefaultMaxBodyBytes is the body size above which an article is rejected:
// real news stories are far below it, and a bigger body is almost always a
// scraping accident (a whole site dumped into one item).
const DefaultMaxBodyBytes = 5 << 20

// Per-article limits besides the body's (Options.MaxBodyBytes). A longer
// title or more tags is a broken or hostile record, not news; Check rejects
// it on every write path.
const (
	MaxTitleRunes = 1000
	MaxTags       = 100
)

// Options control how files are read and cleaned. The zero value is usable.
type Options struct {
	// MaxBodyBytes rejects articles whose cleaned body is larger (0 = default).
	MaxBodyBytes int
	// Now returns the ingestion time; tests pin it. Nil means time.Now.
	Now func() time.Time
	// BytesRead, if set, counts the bytes read from disk, for progress bars.
	BytesRead *atomic.Int64
	// DeclaredLang keeps the language inputs declare (normalized) and
	// detects none: for measuring detection against declarations.
	DeclaredLang bool
}

func (o Options) maxBody() int {
	if o.MaxBodyBytes > 0 {
		return o.MaxBodyBytes
	}
	return DefaultMaxBodyBytes
}

// MaxBodyBytesOrDefault is the body limit in effect, for messages.
func (o Options) MaxBodyBytesOrDefault() int { return o.maxBody() }

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// LimitError is an article refused for a size limit (an HTTP 413 on the
// write endpoints), as opposed to a malformed one.
type LimitError string

func (e LimitError) Error() string { return string(e) }

func limitErr(format string, args ...any) error { return LimitError(fmt.Sprintf(format, args...)) }

// Check applies the per-article limits that every write path shares
// (files, the admin endpoint, pushes): the body under MaxBodyBytes, the
// title under MaxTitleRunes, at most MaxTags tags. The error says which
// limit and by how much.
func (o Options) Check(a *article.Article) error {
	switch {
	case len(a.Body) > o.maxBody():
		return limitErr("body is %d bytes, over the %d-byte limit", len(a.Body), o.maxBody())
	case len(a.Summary) > o.maxBody():
		return limitErr("summary is %d bytes, over the %d-byte limit", len(a.Summary), o.maxBody())
	case utf8.RuneCountInString(a.Title) > MaxTitleRunes:
		return limitErr("title is %d characters, over the %d-character limit", utf8.RuneCountInString(a.Title), MaxTitleRunes)
	case len(a.Tags) > MaxTags:
		return limitErr("%d tags, over the limit of %d", len(a.Tags), MaxTags)
	}
	return nil
}

// MaxLineBytes is the longest JSON Lines record that can hold an article
// within the limits: a body at the limit, JSON escaping and metadata.
// Longer lines are skipped without being kept in memory.
func (o Options) MaxLineBytes() int { return 2*o.maxBody() + 64<<10 }

// finish turns what a reader extracted into a clean, validated article:
// text repaired and normalized, cruft removed, metadata derived. at is where
// it was read; bodyHTML says whether a.Body (and a.Summary) still hold HTML.
// A non-nil error is the reason the article is rejected; the caller wraps it
// with file and position.
func (o Options) finish(a *article.Article, at article.Origin, bodyHTML bool) error {
	a.Origin = at
	if bodyHTML {
		a.Body = clean.HTMLToText(a.Body)
		a.Summary = clean.HTMLToText(a.Summary)
	}
	if len(a.Body) > o.maxBody() {
		return limitErr("body is %d bytes, over the %d-byte limit", len(a.Body), o.maxBody())
	}
	a.Title = clean.CleanLine(a.Title)
	a.Author = clean.CleanLine(a.Author)
	a.Source = clean.CleanLine(a.Source)
	c := clean.CleanBody(a.Body, a.Title)
	warnEmptied(a, "body", a.Body, c.Body)
	a.Body = c.Body
	if a.CanonicalURL == "" && c.OriginalURL != "" {
		a.CanonicalURL = c.OriginalURL
	}
	summary := clean.CleanBody(a.Summary, a.Title).Body
	warnEmptied(a, "summary", a.Summary, summary)
	a.Summary = summary
	if a.Summary == a.Body {
		a.Summary = ""
	}
	if a.Title == "" && a.Body == "" {
		return fmt.Errorf("empty title and body")
	}
	a.URL = webURL(a, "url", a.URL)
	a.CanonicalURL = webURL(a, "canonical_url", a.CanonicalURL)
	if a.SourceDomain == "" {
		a.SourceDomain = article.HostOf(a.URL)
		if a.SourceDomain == "" && a.Source == "" && c.OriginalURL == "" {
			// A canonical link of the page's own, not a credit to another site.
			a.SourceDomain = article.HostOf(a.CanonicalURL)
		}
	}
	if a.Source == "" {
		a.Source = a.SourceDomain
	}
	a.Tags = cleanTags(a.Tags)
	if o.DeclaredLang {
		a.Lang = lang.Normalize(a.Lang)
	} else {
		a.Lang = lang.Of(clean.CleanLine(a.Lang), a.Title, a.Body)
	}
	if a.Ingested.IsZero() {
		a.Ingested = o.now().UTC()
	}
	if !a.Published.IsZero() {
		a.Published = a.Published.UTC()
		a.FutureDate = a.Published.After(a.Ingested.Add(24 * time.Hour))
	}
	a.ID = clean.CleanLine(a.ID)
	if a.ID == "" {
		a.ID = article.DeriveID(a, at.File)
	}
	return o.Check(a)
}

// warnEmptied warns when cleaning removed all of a field's text (a body
// that was only a number, a share bar or a "Read more" link), so that the
// loss is reported rather than silent.
func warnEmptied(a *article.Article, field, raw, cleaned string) {
	raw = strings.TrimSpace(raw)
	if cleaned != "" || raw == "" {
		return
	}
	if r := []rune(raw); len(r) > 60 {
		raw = string(r[:60]) + "…"
	}
	a.Warn(article.WarnField, fmt.Sprintf("%q: nothing left after cleaning (it was %q)", field, raw))
}

// webURL returns u when it is an absolute http(s) URL — or one without
// its scheme, "www.site.com/a" or "//site.com/a", which gets https — and
// otherwise "" with a warning on a naming the field: a number, a relative
// path or a javascript: link links readers nowhere, and an article's id
// must not be derived from it.
func webURL(a *article.Article, field, u string) string {
	u = strings.TrimSpace(u)
	if u == "" {
		return ""
	}
	fixed := u
	if strings.HasPrefix(fixed, "//") {
		fixed = "https:" + fixed
	} else if !strings.Contains(fixed, "://") && strings.HasPrefix(strings.ToLower(fixed), "www.") {
		fixed = "https://" + fixed
	}
	if p, err := url.Parse(fixed); err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != "" && !strings.ContainsAny(p.Host, " \t") {
		return fixed
	}
	if r := []rune(u); len(r) > 60 {
		u = string(r[:60]) + "…"
	}
	a.Warn(article.WarnField, fmt.Sprintf("%q: not an absolute http(s) URL (it was %q)", field, u))
	return ""
}

// cleanTags trims and lower-cases tags and drops empty ones and duplicates,
// keeping the input order. Lower case makes one facet value of "Energy" from
// one feed and "energy" from another.
func cleanTags(tags []string) []string {
	if len(tags) == 0 {
		return nil
	}
	out := tags[:0:0]
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		t = clean.CleanLine(t)
		if t == "" || utf8.RuneCountInString(t) > 100 {
			continue
		}
		t = strings.ToLower(t)
		if seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}
