package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/syndex/syndex/indexer/article"
	"github.com/syndex/syndex/indexer/lang"

	"github.com/syndex/syndex/indexer/clean"
)

// minFeedLimit is the smallest size limit for a whole feed file. A feed holds
// many articles, so its limit is a multiple of the body limit, but never so
// small that an ordinary feed of short items is refused.
const minFeedLimit = 64 << 20

// feedLimit is the largest feed file readFeed accepts: feeds are parsed in
// memory (detection, charset repair and retries need the whole document).
func feedLimit(o Options) int {
	return max(minFeedLimit, 16*o.maxBody())
}

// readFeed reads an RSS 0.9x/1.0/2.0, Atom, JSON Feed or rss.js
// ("RSS-in-JSON") file and emits one article per item, or an *ItemError for
// each item that finish rejects. Damaged feeds are read as far as possible:
// non-UTF-8 encodings are converted, invalid bytes repaired, stray "<"
// escaped and truncated feeds closed after their last complete item. It
// returns an error only when the file cannot be read as a feed at all, or to
// report damage (truncation) after emitting the items it could recover.
func readFeed(r io.Reader, name string, o Options, emit emitFunc) error {
	limit := feedLimit(o)
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return fmt.Errorf("read feed: %w", err)
	}
	if len(data) > limit {
		return fmt.Errorf("feed is over the %d-byte size limit", limit)
	}
	feed, err := parseFeedBytes(data)
	if feed == nil {
		return err
	}
	emitFeedItems(feed, name, o, emit)
	return err
}

// parseFeedBytes parses a whole feed file. A nil feed comes with the reason
// the file is unreadable; a non-nil feed with a non-nil error means the feed
// was damaged and only partly recovered.
func parseFeedBytes(data []byte) (feed *gofeed.Feed, err error) {
	// gofeed is a large third-party parser fed with untrusted input: a panic
	// in it must cost one file, not the whole indexing run.
	defer func() {
		if p := recover(); p != nil {
			feed, err = nil, fmt.Errorf("feed parser failed: %v", p)
		}
	}()
	doc, encodingKnown := decodeBOM(data)
	doc = bytes.TrimLeft(doc, " \t\r\n\x00")
	switch {
	case len(doc) == 0:
		return nil, errors.New("empty file: no feed in it")
	case doc[0] == '{':
		return parseJSONFeedBytes(doc)
	}
	if located := locateXMLFeed(doc); located[0] == '<' {
		return parseXMLFeedBytes(toUTF8XML(located, encodingKnown))
	}
	return nil, errors.New("not a feed: no RSS, Atom or RDF root element and no JSON Feed object in the file")
}

// textOrHTML returns s as HTML: unchanged if it already carries markup,
// otherwise escaped with paragraphs and line breaks kept, so that plain text
// such as "a <b> c" survives finish's HTML-to-text step literally.
func textOrHTML(s string) string {
	if strings.TrimSpace(s) == "" || looksLikeHTML(s) {
		return s
	}
	return plainToHTML(s)
}

// plainToHTML escapes plain text into HTML paragraphs: blank lines separate
// paragraphs and single newlines become <br>.
func plainToHTML(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(p), "\n", "<br>"))
		b.WriteString("</p>")
	}
	return b.String()
}

// emitFeedItems maps each feed item to an Article, finishes it and emits it
// or the reason it was rejected.
func emitFeedItems(f *gofeed.Feed, name string, o Options, emit emitFunc) {
	base := feedBaseURL(f)
	site := resolveURL(base, f.Link)
	source := itemTitle(f.Title)
	domain := article.HostOf(site)
	language := f.Language // normalized by finish (lang.Of)
	feedAuthor := personNames(f.Authors, f.Author)
	ids := feedItemIDs(f, base, site, source)
	// Without a declared language the items are held until the feed's
	// language is known (feedLanguage); a feed is read whole anyway.
	var held []feedResult
	if lang.Normalize(f.Language) == "" && !o.DeclaredLang {
		out := emit
		defer func() {
			feedLanguage(held)
			for _, r := range held {
				if !out(r.a, r.err) {
					return
				}
			}
		}()
		emit = func(a *article.Article, err error) bool {
			held = append(held, feedResult{a, err})
			return true
		}
	}
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		if reason := it.Custom[customItemError]; reason != "" {
			if !emit(nil, &article.ItemError{File: name, Item: i + 1, Reason: reason}) {
				return
			}
			continue
		}
		a := &article.Article{
			ID:           ids[i],
			Title:        itemTitle(it.Title),
			URL:          itemURL(base, it),
			Source:       source,
			SourceDomain: domain,
			Author:       itemAuthor(it, feedAuthor),
			Tags:         append([]string(nil), it.Categories...),
			Lang:         language,
		}
		if ws := it.Custom[customWarnings]; ws != "" {
			for w := range strings.SplitSeq(ws, "\n") {
				a.Warn(article.WarnField, w)
			}
		}
		var badDate string
		if a.Published, badDate = itemDate(it); badDate != "" {
			a.Warn(article.WarnDate, strconv.Quote(badDate))
		}
		if a.SourceDomain == "" && a.URL == "" {
			a.SourceDomain = article.HostOf(f.FeedLink)
		}
		a.Body, a.Summary = unescapeTwice(it.Content), unescapeTwice(it.Description)
		if strings.TrimSpace(a.Body) == "" {
			a.Body, a.Summary = a.Summary, ""
		}
		if strings.TrimSpace(a.Body) == "" {
			a.Body = textOrHTML(mediaText(it, "description"))
		}
		if a.Title == "" {
			a.Title = itemTitle(mediaText(it, "title"))
		}
		if err := o.finish(a, article.Origin{File: name, Item: i + 1}, true); err != nil {
			if !emit(nil, &article.ItemError{File: name, Item: i + 1, Reason: err.Error()}) {
				return
			}
			continue
		}
		if !emit(a, nil) {
			return
		}
	}
}

// feedResult is one item of a feed read: an article or why it was refused.
type feedResult struct {
	a   *article.Article
	err error
}

// feedLanguage gives the items of a feed that declares no language, whose
// own text is too short to tell (lang.Unsure: a title only, "Navigating
// with Quantum Entanglement"), the language of its other items, when at
// least 3 of those are sure and 80% of them agree: a feed is written in one
// language far more often than its short items are in another.
func feedLanguage(items []feedResult) {
	count := map[string]int{}
	sure := 0
	unsure := make([]bool, len(items))
	for i, r := range items {
		if r.a == nil {
			continue
		}
		if unsure[i] = lang.Unsure(lang.Sample(r.a.Title, r.a.Body)); !unsure[i] && r.a.Lang != "" {
			count[r.a.Lang]++
			sure++
		}
	}
	best := ""
	for l, n := range count {
		if n > count[best] || n == count[best] && l < best {
			best = l
		}
	}
	if sure < 3 || 5*count[best] < 4*sure {
		return
	}
	for i, r := range items {
		if unsure[i] {
			r.a.Lang = best
		}
	}
}

// escapedTagRe matches an HTML tag that was escaped one time too many, so
// that after XML decoding it still reads "&lt;p&gt;".
var escapedTagRe = regexp.MustCompile(`(?i)&lt;(/?)(?:p|div|br|span|a|b|i|em|strong|li|ul|ol|h[1-6]|blockquote|img|table|tr|td|pre|code)\b[^<>]{0,300}?&gt;`)

// unescapeTwice decodes HTML that a publisher escaped twice (Reddit's
// "&amp;lt;div class=&amp;quot;md&amp;quot;&amp;gt;"), which would otherwise
// reach the index as literal "<p>" text. It needs several escaped tags, one
// of them a closing tag, before it acts, so an article that merely mentions
// "&lt;p&gt;" is left alone.
func unescapeTwice(s string) string {
	if !strings.Contains(s, "&lt;") {
		return s
	}
	m := escapedTagRe.FindAllStringSubmatch(s, 16)
	closing := false
	for _, x := range m {
		closing = closing || x[1] == "/"
	}
	if len(m) < 2 || !closing {
		return s
	}
	return html.UnescapeString(s)
}

// itemURL is the item's link made absolute, else its guid when that is an
// http URL (an RSS permalink guid standing in for a missing link).
func itemURL(base *url.URL, it *gofeed.Item) string {
	if link := resolveURL(base, it.Link); link != "" {
		return link
	}
	if isHTTPURL(it.GUID) {
		return strings.TrimSpace(it.GUID)
	}
	return ""
}

// feedBaseURL is the absolute URL relative item links are resolved against:
// the feed's own URL, else its site link.
func feedBaseURL(f *gofeed.Feed) *url.URL {
	for _, s := range []string{f.FeedLink, f.Link} {
		if u, err := url.Parse(strings.TrimSpace(s)); err == nil && u.IsAbs() && u.Host != "" {
			return u
		}
	}
	return nil
}

// resolveURL makes a link absolute against base when it is relative (Atom
// feeds often link entries as "/blog/2013/01/30/Plex").
func resolveURL(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" || base == nil {
		return link
	}
	u, err := url.Parse(link)
	if err != nil || u.IsAbs() {
		return link
	}
	return base.ResolveReference(u).String()
}

func isHTTPURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// isURLish reports whether a guid is a locator (an http URL, a bare host
// path) rather than an opaque identifier.
func isURLish(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Contains(s, "://") || strings.HasPrefix(s, "www.") || strings.HasPrefix(s, "//")
}

// entityRe matches an HTML entity left in a title by double escaping.
var entityRe = regexp.MustCompile(`&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});`)

// itemTitle decodes entities that survive in a title because the publisher
// escaped it twice ("Tom &amp;amp; Jerry") and takes out HTML tags
// ("<em>"); titles are plain text.
func itemTitle(s string) string {
	if entityRe.MatchString(s) {
		s = html.UnescapeString(s)
	}
	return clean.StripTitleTags(s)
}

// itemAuthor returns the item's authors (Atom author, RSS author or
// dc:creator, iTunes author), else the feed's: an Atom entry inherits the
// feed's author, and a personal blog's feed author wrote every post.
func itemAuthor(it *gofeed.Item, feedAuthor string) string {
	if s := personNames(it.Authors, it.Author); s != "" {
		return s
	}
	if it.DublinCoreExt != nil && len(it.DublinCoreExt.Creator) > 0 {
		return personName(strings.Join(it.DublinCoreExt.Creator, ", "))
	}
	if it.ITunesExt != nil && it.ITunesExt.Author != "" {
		return personName(it.ITunesExt.Author)
	}
	return feedAuthor
}

// personNames joins the names of people (emails alone are not names).
func personNames(people []*gofeed.Person, fallback *gofeed.Person) string {
	if len(people) == 0 && fallback != nil {
		people = []*gofeed.Person{fallback}
	}
	var names []string
	for _, p := range people {
		if p == nil {
			continue
		}
		if n := personName(p.Name); n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// nameElemRe finds the <name> of an author given as nested XML, as some
// feeds put "<name>…</name><title>…</title>" inside an RSS <author>.
var nameElemRe = regexp.MustCompile(`(?is)<name>(.*?)</name>`)

// personName returns a person's name as plain text.
func personName(s string) string {
	if strings.Contains(s, "<") {
		if m := nameElemRe.FindStringSubmatch(s); m != nil {
			s = m[1]
		}
		s = clean.HTMLToText(s)
	}
	return strings.TrimSpace(s)
}

// itemDate returns the publication date: published (gofeed's parse, else
// ParseDate on the raw text), else updated; zero when neither is readable.
func itemDate(it *gofeed.Item) (t time.Time, notUnderstood string) {
	pick := func(parsed *time.Time, raw string) time.Time {
		if parsed != nil && !parsed.IsZero() && parsed.Year() >= clean.MinYear && parsed.Year() <= clean.MaxYear {
			return *parsed
		}
		if t, ok := clean.ParseDate(raw); ok {
			return t
		}
		if notUnderstood == "" && strings.TrimSpace(raw) != "" {
			notUnderstood = raw
		}
		return time.Time{}
	}
	if t := pick(it.PublishedParsed, it.Published); !t.IsZero() {
		return t, ""
	}
	if t := pick(it.UpdatedParsed, it.Updated); !t.IsZero() {
		return t, ""
	}
	return time.Time{}, notUnderstood
}

// feedItemIDs returns the ID to give each item, "" where finish should
// derive it from the URL as for any article (so one story read from a feed
// and from a page gets one ID). Exceptions:
//
//   - An item without a link but with an opaque guid ("42", "tag:…") gets a
//     hash of the guid and the feed's identity, since such guids are unique
//     only within one feed.
//   - A link whose fragment names the post (Scripting News'
//     "2017/06/26.html#a080605", several posts per page) keeps the fragment,
//     which URL normalization would drop, when the guid is that same link or
//     siblings share the page.
//   - Items of one feed that still share a link (two sponsor posts linking the
//     sponsor; a publisher reusing a permalink) are told apart by guid and
//     date, so that one does not overwrite the other in the index.
func feedItemIDs(f *gofeed.Feed, base *url.URL, site, source string) []string {
	ids := make([]string, len(f.Items))
	keys := make([]string, len(f.Items))
	pages := make(map[string]int, len(f.Items))
	for i, it := range f.Items {
		if it != nil {
			if link := itemURL(base, it); link != "" {
				keys[i] = article.NormalizeURL(link)
				pages[keys[i]]++
			}
		}
	}
	count := make(map[string]int, len(f.Items))
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		if keys[i] == "" {
			guid := strings.TrimSpace(it.GUID)
			if guid != "" && !isURLish(guid) {
				feedKey := article.HostOf(site)
				if feedKey == "" {
					feedKey = strings.ToLower(strings.TrimSpace(source))
				}
				ids[i] = hashID("guid:" + feedKey + "\x00" + guid)
			}
			continue
		}
		link := itemURL(base, it)
		if u, err := url.Parse(link); err == nil && u.Fragment != "" &&
			(pages[keys[i]] > 1 || strings.TrimSpace(it.GUID) == link) {
			keys[i] += "#" + u.Fragment
			ids[i] = hashID("url:" + keys[i])
		}
		count[keys[i]]++
	}
	for i, it := range f.Items {
		if it == nil || keys[i] == "" || count[keys[i]] < 2 {
			continue
		}
		date := ""
		if t, _ := itemDate(it); !t.IsZero() {
			date = t.UTC().Format(time.RFC3339)
		}
		ids[i] = hashID("url:" + keys[i] + "\x00" + strings.TrimSpace(it.GUID) + "\x00" + date)
	}
	return ids
}

// hashID shapes an ID like DeriveID's: the first 10 bytes of a SHA-256, hex.
func hashID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:10])
}

// mediaText returns an item's Media RSS text element (media:description,
// media:title), directly under the item or inside a media:group: for items
// whose only text is there (video and photo feeds).
func mediaText(it *gofeed.Item, name string) string {
	media, ok := it.Extensions["media"]
	if !ok {
		return ""
	}
	if d := media[name]; len(d) > 0 && d[0].Value != "" {
		return d[0].Value
	}
	for _, g := range media["group"] {
		if d := g.Children[name]; len(d) > 0 && d[0].Value != "" {
			return d[0].Value
		}
	}
	return ""
}

// FeedInfo is what a feed says about itself.
type FeedInfo struct {
	Title, Link string
}

// ReadFeedData reads a fetched feed document (any format readFeed reads)
// named name (its URL) and returns what it says about itself and its
// items, each an article or the reason the item was rejected. A nil info
// means the document is no feed at all; err says why.
func ReadFeedData(data []byte, name string, o Options) (*FeedInfo, []*article.Article, []error, error) {
	if len(data) > feedLimit(o) {
		return nil, nil, nil, fmt.Errorf("feed is over the %d-byte size limit", feedLimit(o))
	}
	feed, err := parseFeedBytes(data)
	if feed == nil {
		return nil, nil, nil, err
	}
	var arts []*article.Article
	var errs []error
	emitFeedItems(feed, name, o, func(a *article.Article, e error) bool {
		if e != nil {
			errs = append(errs, e)
		} else if a != nil {
			arts = append(arts, a)
		}
		return true
	})
	return &FeedInfo{Title: itemTitle(feed.Title), Link: feed.Link}, arts, errs, err
}
