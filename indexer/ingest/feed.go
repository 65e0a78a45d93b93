package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	jsonfeed "github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/syndex/syndex/indexer/article"

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
	doc, fromUTF16 := decodeBOM(data)
	doc = bytes.TrimLeft(doc, " \t\r\n\x00")
	switch {
	case len(doc) == 0:
		return nil, errors.New("empty file: no feed in it")
	case doc[0] == '{':
		return parseJSONFeedBytes(doc)
	case doc[0] == '<':
		return parseXMLFeedBytes(toUTF8XML(doc, fromUTF16))
	}
	return nil, errors.New("not a feed: the file starts with neither '<' (RSS/Atom) nor '{' (JSON Feed)")
}

// decodeBOM strips a UTF-8 byte order mark and converts UTF-16 (with a BOM,
// or recognisable from a leading "<" or "{") to UTF-8, reporting whether it
// did, so a stale encoding declaration in the prolog is then ignored.
func decodeBOM(b []byte) ([]byte, bool) {
	var endian unicode.Endianness
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		return b[3:], false
	case bytes.HasPrefix(b, []byte("\xff\xfe")), len(b) >= 2 && b[1] == 0 && (b[0] == '<' || b[0] == '{'):
		endian = unicode.LittleEndian
	case bytes.HasPrefix(b, []byte("\xfe\xff")), len(b) >= 2 && b[0] == 0 && (b[1] == '<' || b[1] == '{'):
		endian = unicode.BigEndian
	default:
		return b, false
	}
	out, err := unicode.UTF16(endian, unicode.UseBOM).NewDecoder().Bytes(b)
	if err != nil {
		return b, false
	}
	return out, true
}

var (
	xmlPrologRe = regexp.MustCompile(`^<\?xml[^>]*>`)
	xmlEncRe    = regexp.MustCompile(`(?i)(\bencoding\s*=\s*)(?:"[^"]*"|'[^']*')`)
)

// toUTF8XML returns an XML document as UTF-8 with its prolog saying so. The
// declared encoding (ISO-8859-1, GB2312, windows-1251...) is decoded here
// rather than by the XML decoder, so that an unknown label or a mislabelled
// UTF-8 feed is read leniently instead of being refused, and bytes that are
// still invalid UTF-8 are repaired as Windows-1252, the usual culprit.
func toUTF8XML(doc []byte, fromUTF16 bool) []byte {
	prolog := xmlPrologRe.Find(doc)
	if prolog == nil {
		return repairUTF8(doc)
	}
	if m := xmlEncRe.FindSubmatch(prolog); m != nil && !fromUTF16 {
		label := strings.Trim(strings.TrimSpace(string(m[0][len(m[1]):])), `"'`)
		if enc, canon := charset.Lookup(label); enc != nil && canon != "utf-8" &&
			!(singleByteCharset(canon) && utf8.Valid(doc)) {
			// (A single-byte label on valid non-ASCII UTF-8 is a mislabelled
			// UTF-8 feed: real Latin-1 text is almost never valid UTF-8.)
			if out, err := enc.NewDecoder().Bytes(doc); err == nil {
				doc = out
			}
		}
	}
	if p := xmlPrologRe.Find(doc); p != nil {
		fixed := xmlEncRe.ReplaceAll(p, []byte(`${1}"UTF-8"`))
		doc = append(fixed, doc[len(p):]...)
	}
	return repairUTF8(doc)
}

// singleByteCharset reports whether a canonical (WHATWG) charset name is a
// single-byte encoding, where any byte sequence decodes to something.
func singleByteCharset(canon string) bool {
	return strings.HasPrefix(canon, "iso-8859") || strings.HasPrefix(canon, "windows-125") ||
		strings.HasPrefix(canon, "koi8") || canon == "ibm866" || canon == "macintosh" ||
		canon == "windows-874" || canon == "x-mac-cyrillic"
}

// repairUTF8 replaces each byte that is not part of valid UTF-8 with its
// Windows-1252 character: a feed declared (or defaulting to) UTF-8 that still
// has invalid bytes was almost always written in Latin-1/Windows-1252.
func repairUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	out := make([]byte, 0, len(b)+len(b)/8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			r = charmap.Windows1252.DecodeByte(b[0])
			size = 1
		}
		out = utf8.AppendRune(out, r)
		b = b[size:]
	}
	return out
}

// parseXMLFeedBytes parses an RSS or Atom document, retrying a document that
// fails with stray "<" escaped, then one that ends early closed after its
// last complete item (and then reporting the truncation with the feed).
func parseXMLFeedBytes(doc []byte) (*gofeed.Feed, error) {
	feed, err := parseXMLFeedDoc(doc)
	if err == nil || errors.Is(err, errNotFeed) {
		return feed, err
	}
	if fixed := escapeStrayLT(doc); fixed != nil {
		f, err2 := parseXMLFeedDoc(fixed)
		if err2 == nil {
			return f, nil
		}
		doc, err = fixed, err2
	}
	if strings.Contains(err.Error(), "unexpected EOF") {
		if closed, n := closeTruncatedFeed(doc); closed != nil {
			if f, err2 := parseXMLFeedDoc(closed); err2 == nil {
				return f, fmt.Errorf("feed is truncated (%v); read the %d complete items before the break", err, n)
			}
		}
		return nil, fmt.Errorf("feed is truncated: %w", err)
	}
	return nil, err
}

// errNotFeed marks XML that parses but is not RSS or Atom (an HTML page, an
// OPML file), where retrying with repairs is pointless.
var errNotFeed = errors.New("not an RSS or Atom feed")

// parseXMLFeedDoc parses a UTF-8 RSS or Atom document with gofeed's lenient
// (non-strict) decoder and translates it to gofeed's universal model. Atom
// text constructs of type "text" are turned into HTML here, so every item's
// Content and Description hold HTML.
func parseXMLFeedDoc(doc []byte) (*gofeed.Feed, error) {
	switch gofeed.DetectFeedType(bytes.NewReader(doc)) {
	case gofeed.FeedTypeRSS:
		rf, err := (&rss.Parser{}).Parse(bytes.NewReader(doc))
		if err != nil {
			return nil, fmt.Errorf("parse RSS: %w", err)
		}
		f, err := (&gofeed.DefaultRSSTranslator{}).Translate(rf)
		if err != nil {
			return nil, fmt.Errorf("parse RSS: %w", err)
		}
		return f, nil
	case gofeed.FeedTypeAtom:
		af, err := (&atom.Parser{}).Parse(bytes.NewReader(doc))
		if err != nil {
			return nil, fmt.Errorf("parse Atom: %w", err)
		}
		f, err := (&gofeed.DefaultAtomTranslator{}).Translate(af)
		if err != nil {
			return nil, fmt.Errorf("parse Atom: %w", err)
		}
		if len(f.Items) == len(af.Entries) {
			for i, e := range af.Entries {
				if e.Content != nil && e.Content.Src == "" && isAtomTextType(e.Content.Type) {
					f.Items[i].Content = textOrHTML(f.Items[i].Content)
				}
				// Atom summaries default to type "text", and gofeed drops the
				// type: treat one as HTML only if it carries markup.
				f.Items[i].Description = textOrHTML(f.Items[i].Description)
			}
		}
		return f, nil
	}
	if root := xmlRootName(doc); root != "" {
		return nil, fmt.Errorf("%w: the root element is <%s>, not <rss>, <rdf:RDF> or <feed>", errNotFeed, root)
	}
	// No root element: let the XML decoder say what is wrong.
	_, err := (&rss.Parser{}).Parse(bytes.NewReader(doc))
	if err == nil {
		err = errors.New("no root element")
	}
	return nil, fmt.Errorf("invalid XML: %w", err)
}

func isAtomTextType(t string) bool {
	t = strings.ToLower(strings.TrimSpace(t))
	return t == "" || t == "text" || t == "text/plain"
}

// xmlRootName returns the (prefixed) name of the first element of doc, or ""
// if there is none before a syntax error.
func xmlRootName(doc []byte) string {
	d := newLenientDecoder(doc)
	for {
		tok, err := d.RawToken()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return rawName(se.Name)
		}
	}
}

func newLenientDecoder(doc []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	// The document is UTF-8 by now whatever the prolog says.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	return d
}

func rawName(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// escapeStrayLT escapes each "<" that cannot start markup ("a < b" in a
// title), which even the lenient decoder rejects. It returns nil when there
// is none.
func escapeStrayLT(doc []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(doc); i++ {
		if doc[i] != '<' {
			continue
		}
		if i+1 < len(doc) {
			c := doc[i+1]
			if c == '/' || c == '!' || c == '?' || c == '_' || c == ':' || c >= 0x80 ||
				('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') {
				continue
			}
		}
		out = append(out, doc[last:i]...)
		out = append(out, "&lt;"...)
		last = i + 1
	}
	if out == nil {
		return nil
	}
	return append(out, doc[last:]...)
}

// itemEndRe finds the end tags of items and entries, prefixed or not.
var itemEndRe = regexp.MustCompile(`</(?:[A-Za-z_][\w.\-]*:)?(?:item|entry)\s*>`)

// closeTruncatedFeed cuts a truncated document after its last complete item
// or entry and closes the elements still open there, so the items before the
// break can be read. It returns nil if there is no complete item.
func closeTruncatedFeed(doc []byte) ([]byte, int) {
	ends := itemEndRe.FindAllIndex(doc, -1)
	if len(ends) == 0 {
		return nil, 0
	}
	prefix := doc[:ends[len(ends)-1][1]]
	d := newLenientDecoder(prefix)
	var open []string
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, rawName(t.Name))
		case xml.EndElement:
			name := rawName(t.Name)
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == name {
					open = open[:i]
					break
				}
			}
		}
	}
	if len(open) == 0 {
		return nil, 0
	}
	out := append([]byte(nil), prefix...)
	for i := len(open) - 1; i >= 0; i-- {
		out = append(out, "</"+open[i]+">"...)
	}
	return out, len(ends)
}

// parseJSONFeedBytes parses a JSON Feed (1.0/1.1) or an rss.js
// ("RSS-in-JSON") document.
func parseJSONFeedBytes(doc []byte) (*gofeed.Feed, error) {
	doc = repairUTF8(doc)
	var top map[string]json.RawMessage
	if err := json.Unmarshal(doc, &top); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if _, ok := top["rss"]; ok {
		return parseRSSInJSON(doc)
	}
	_, hasItems := top["items"]
	_, hasVersion := top["version"]
	if !hasItems && !hasVersion {
		return nil, errors.New("JSON is not a JSON Feed: it has neither \"version\" nor \"items\"")
	}
	jf, err := (&jsonfeed.Parser{}).Parse(bytes.NewReader(doc))
	if err != nil {
		return nil, fmt.Errorf("parse JSON Feed: %w", err)
	}
	for i, it := range jf.Items {
		if it == nil { // "items": [null] must not crash the translator
			jf.Items[i] = &jsonfeed.Item{}
		}
	}
	f, err := (&gofeed.DefaultJSONTranslator{}).Translate(jf)
	if err != nil {
		return nil, fmt.Errorf("parse JSON Feed: %w", err)
	}
	if len(f.Items) == len(jf.Items) {
		for i, it := range jf.Items {
			// content_text and summary are plain text by the spec; only
			// content_html is HTML.
			if it.ContentHTML == "" {
				f.Items[i].Content = textOrHTML(it.ContentText)
			}
			f.Items[i].Description = textOrHTML(it.Summary)
		}
	}
	return f, nil
}

// rss.js ("RSS-in-JSON", as published by Scripting News; see
// github.com/scripting/Scripting-News, rss-in-json/README.md): an RSS 2.0
// document transliterated to JSON, attributes beside "#value".
type rssJSONDoc struct {
	RSS *struct {
		Channel *rssJSONChannel `json:"channel"`
	} `json:"rss"`
}

type rssJSONChannel struct {
	Title    jsonText              `json:"title"`
	Link     jsonText              `json:"link"`
	Language jsonText              `json:"language"`
	Items    jsonList[rssJSONItem] `json:"item"`
}

type rssJSONItem struct {
	Title          jsonText           `json:"title"`
	Link           jsonText           `json:"link"`
	Description    jsonText           `json:"description"`
	ContentEncoded jsonText           `json:"content:encoded"`
	PubDate        jsonText           `json:"pubDate"`
	DCDate         jsonText           `json:"dc:date"`
	GUID           jsonText           `json:"guid"`
	Author         jsonText           `json:"author"`
	Creator        jsonText           `json:"dc:creator"`
	Category       jsonList[jsonText] `json:"category"`
}

// jsonText is an rss.js text value: a string, a number, or an element with
// attributes whose text is under "#value". Anything else reads as "".
type jsonText string

func (t *jsonText) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch v := v.(type) {
	case string:
		*t = jsonText(v)
	case float64, bool:
		*t = jsonText(fmt.Sprint(v))
	case map[string]any:
		if s, ok := v["#value"].(string); ok {
			*t = jsonText(s)
		}
	}
	return nil
}

// jsonList is a repeatable rss.js element: an array, or a single value when
// the element occurs once.
type jsonList[T any] []T

func (l *jsonList[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.HasPrefix(b, []byte("[")) {
		var items []T
		if err := json.Unmarshal(b, &items); err != nil {
			return err
		}
		*l = items
		return nil
	}
	if bytes.Equal(b, []byte("null")) {
		*l = nil
		return nil
	}
	var one T
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	*l = jsonList[T]{one}
	return nil
}

// parseRSSInJSON maps an rss.js document onto gofeed's model, so its items
// go through the same mapping as RSS items.
func parseRSSInJSON(doc []byte) (*gofeed.Feed, error) {
	var d rssJSONDoc
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, fmt.Errorf("parse RSS-in-JSON: %w", err)
	}
	if d.RSS == nil || d.RSS.Channel == nil {
		return nil, errors.New("parse RSS-in-JSON: no rss.channel object")
	}
	ch := d.RSS.Channel
	f := &gofeed.Feed{
		Title:    string(ch.Title),
		Link:     string(ch.Link),
		Language: string(ch.Language),
		FeedType: "rss.js",
		Items:    make([]*gofeed.Item, 0, len(ch.Items)),
	}
	for _, it := range ch.Items {
		gi := &gofeed.Item{
			Title:       string(it.Title),
			Link:        string(it.Link),
			Description: string(it.Description),
			Content:     string(it.ContentEncoded),
			Published:   string(it.PubDate),
			GUID:        string(it.GUID),
		}
		if gi.Published == "" {
			gi.Published = string(it.DCDate)
		}
		if gi.Link == "" && isHTTPURL(gi.GUID) {
			gi.Link = gi.GUID
		}
		for _, who := range []jsonText{it.Creator, it.Author} {
			if who != "" {
				gi.Authors = append(gi.Authors, &gofeed.Person{Name: string(who)})
				break
			}
		}
		for _, c := range it.Category {
			gi.Categories = append(gi.Categories, string(c))
		}
		f.Items = append(f.Items, gi)
	}
	return f, nil
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
	lang := normalizeLang(f.Language)
	feedAuthor := personNames(f.Authors, f.Author)
	ids := feedItemIDs(f, base, site, source)
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		a := &article.Article{
			ID:           ids[i],
			Title:        itemTitle(it.Title),
			URL:          itemURL(base, it),
			Source:       source,
			SourceDomain: domain,
			Author:       itemAuthor(it, feedAuthor),
			Published:    itemDate(it),
			Tags:         append([]string(nil), it.Categories...),
			Lang:         lang,
		}
		if a.SourceDomain == "" && a.URL == "" {
			a.SourceDomain = article.HostOf(f.FeedLink)
		}
		a.Body, a.Summary = unescapeTwice(it.Content), unescapeTwice(it.Description)
		if strings.TrimSpace(a.Body) == "" {
			a.Body, a.Summary = a.Summary, ""
		}
		if strings.TrimSpace(a.Body) == "" {
			a.Body = textOrHTML(mediaDescription(it))
		}
		if err := o.finish(a, true); err != nil {
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
// escaped it twice ("Tom &amp;amp; Jerry"); titles are plain text.
func itemTitle(s string) string {
	if entityRe.MatchString(s) {
		return html.UnescapeString(s)
	}
	return s
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
func itemDate(it *gofeed.Item) time.Time {
	pick := func(parsed *time.Time, raw string) time.Time {
		if parsed != nil && !parsed.IsZero() && parsed.Year() >= clean.MinYear && parsed.Year() <= clean.MaxYear {
			return *parsed
		}
		if t, ok := clean.ParseDate(raw); ok {
			return t
		}
		return time.Time{}
	}
	if t := pick(it.PublishedParsed, it.Published); !t.IsZero() {
		return t
	}
	return pick(it.UpdatedParsed, it.Updated)
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
		if t := itemDate(it); !t.IsZero() {
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

// normalizeLang turns "en_US" into "en-US" (finish lower-cases it).
func normalizeLang(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
}

// mediaDescription returns the Media RSS description (media:group or item
// level), the only text YouTube and some podcast feeds give an entry.
func mediaDescription(it *gofeed.Item) string {
	media, ok := it.Extensions["media"]
	if !ok {
		return ""
	}
	if d := media["description"]; len(d) > 0 && d[0].Value != "" {
		return d[0].Value
	}
	for _, g := range media["group"] {
		if d := g.Children["description"]; len(d) > 0 && d[0].Value != "" {
			return d[0].Value
		}
	}
	return ""
}
