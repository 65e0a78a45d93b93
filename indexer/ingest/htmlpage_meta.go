package ingest

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/syndex/syndex/indexer/clean"
)

// What a saved page says about itself: the <head> metadata (Open Graph and
// other meta tags, canonical links), the browser's saved-from note,
// and how title, site, author, date, tags and language are picked from it.

// pageURL is where the page was saved from (browser or SingleFile note),
// else its og:url, which names the page itself (while a canonical link may
// credit another site's original).
func (m *pageMeta) pageURL(data []byte) string {
	if u := savedFromURL(data); u != "" {
		return u
	}
	if u, err := url.Parse(m.first("og:url")); err == nil && u.IsAbs() && u.Host != "" {
		return u.String()
	}
	return ""
}

// savedFromRe finds the URL browsers and SingleFile record in a saved page:
// "<!-- saved from url=(0042)https://…" and "url: https://…".
var savedFromRe = regexp.MustCompile(`(?:saved from url=\(\d+\)|Page saved with SingleFile\s+url:\s*)(https?://[^\s>]+?)\s*(?:-->|\s)`)

func savedFromURL(data []byte) string {
	head := data[:min(len(data), 4096)]
	if m := savedFromRe.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	return ""
}

// IsArticlePage reports whether an HTML page says it is one article (Open
// Graph og:type "article", an article:published_time, or schema.org
// NewsArticle/Article/BlogPosting data), rather than a home or section
// page: `syndex index URL` reads such a page itself, not the site feed it
// advertises, which may not even list it.
func IsArticlePage(data []byte) bool {
	doc, err := html.Parse(bytes.NewReader(pageToUTF8(data)))
	if err != nil {
		return false
	}
	m := collectPageMeta(doc)
	if strings.EqualFold(strings.TrimSpace(m.first("og:type")), "article") || m.first("article:published_time") != "" {
		return true
	}
	return m.ld.Found
}

// pageMeta is what a page says about itself in its head (and <time>).
type pageMeta struct {
	meta      map[string][]string // meta name/property/itemprop (lower-case) → contents
	canonical string
	base      string
	htmlLang  string
	titleTag  string
	h1        string
	times     []string // <time datetime>, best first
	ld        ldArticle
}

func collectPageMeta(doc *html.Node) *pageMeta {
	m := &pageMeta{meta: map[string][]string{}}
	var bestTimes, otherTimes, ldBlocks []string
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if m.htmlLang == "" {
					m.htmlLang = attr(n, "lang")
					if m.htmlLang == "" {
						m.htmlLang = attr(n, "xml:lang")
					}
				}
			case atom.Title:
				if m.titleTag == "" {
					m.titleTag = textOf(n)
				}
			case atom.H1:
				if m.h1 == "" {
					m.h1 = textOf(n)
				}
			case atom.Base:
				if m.base == "" {
					m.base = attr(n, "href")
				}
			case atom.Link:
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = attr(n, "href")
				}
			case atom.Meta:
				content := strings.TrimSpace(attr(n, "content"))
				if content == "" {
					break
				}
				for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
					if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" {
						m.meta[key] = append(m.meta[key], content)
					}
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil &&
					n.FirstChild.Type == html.TextNode {
					ldBlocks = append(ldBlocks, n.FirstChild.Data)
				}
			case atom.Article:
				inArticle = true
			case atom.Time:
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" {
					switch {
					case strings.EqualFold(attr(n, "itemprop"), "datePublished"), hasAttr(n, "pubdate"),
						strings.Contains(strings.ToLower(attr(n, "class")), "publish"):
						bestTimes = append(bestTimes, dt)
					case inArticle:
						otherTimes = append([]string{dt}, otherTimes...)
					default:
						otherTimes = append(otherTimes, dt)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(doc, false)
	m.times = append(bestTimes, otherTimes...)
	m.ld = parseArticleLD(ldBlocks)
	return m
}

// first returns the first non-empty content among the given meta keys.
func (m *pageMeta) first(keys ...string) string {
	for _, k := range keys {
		for _, v := range m.meta[k] {
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
	}
	return ""
}

// canonicalURL is <link rel=canonical>, else og:url, made absolute against
// og:url or <base>; a URL that stays relative is useless and dropped.
func (m *pageMeta) canonicalURL() string {
	ogURL := m.first("og:url")
	for _, c := range []string{m.canonical, ogURL} {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		u, err := url.Parse(c)
		if err != nil {
			continue
		}
		if u.IsAbs() && u.Host != "" {
			return c
		}
		for _, b := range []string{ogURL, m.base} {
			if bu, err := url.Parse(b); err == nil && bu.IsAbs() && bu.Host != "" {
				return bu.ResolveReference(u).String()
			}
		}
	}
	return ""
}

// titleSepRe splits "Story title | Site" and "Story title - Site".
var titleSepRe = regexp.MustCompile(`\s+(?:\||-|–|—|::|·|•)\s+`)

// title returns og:title, else the JSON-LD headline, else <title> without
// its " | Site" suffix, else the first <h1>; and the site name taken from
// such a suffix.
func (m *pageMeta) title() (title, site string) {
	siteName := m.first("og:site_name", "application-name")
	if t := m.first("og:title", "twitter:title"); t != "" {
		t, _ = splitTitleSite(t, siteName)
		return t, ""
	}
	t, site := m.ld.Headline, ""
	if tt := strings.TrimSpace(m.titleTag); tt != "" {
		tt, site = splitTitleSite(tt, siteName)
		tt = extendedBy(tt, m.h1)
		// A headline cut for search results ("… talks…") that the
		// <title> has whole.
		if cut := strings.TrimRight(t, ".… "); t == "" || extendedBy(cut, tt) != cut {
			t = tt
		}
	}
	if t == "" {
		t = strings.TrimSpace(m.h1)
	}
	return t, site
}

// extendedBy returns longer when it is the whole of a title that short
// cuts ("Port strike enters second week" of "… as talks stall", a <title>
// cut for tabs under its <h1>), else short.
func extendedBy(short, longer string) string {
	longer = strings.Join(strings.Fields(longer), " ")
	if len(longer) > len(short) && len(short) >= 10 && utf8.RuneCountInString(longer) <= 300 &&
		strings.HasPrefix(strings.ToLower(longer), strings.ToLower(short)) {
		return longer
	}
	return short
}

// splitTitleSite removes a trailing site name from a page title: the known
// site name, else a short last segment after a separator.
func splitTitleSite(t, siteName string) (string, string) {
	t = strings.Join(strings.Fields(t), " ")
	locs := titleSepRe.FindAllStringIndex(t, -1)
	if len(locs) == 0 {
		return t, ""
	}
	last := locs[len(locs)-1]
	head, tail := strings.TrimSpace(t[:last[0]]), strings.TrimSpace(t[last[1]:])
	if head == "" {
		return t, ""
	}
	if siteName != "" && !strings.EqualFold(tail, siteName) {
		// "Site | Title" order, or the suffix is not the site's name.
		first := locs[0]
		if strings.EqualFold(strings.TrimSpace(t[:first[0]]), siteName) {
			return strings.TrimSpace(t[first[1]:]), siteName
		}
		if utf8.RuneCountInString(tail) > 30 {
			return t, ""
		}
	}
	if utf8.RuneCountInString(tail) > 40 || len(strings.Fields(tail)) > 5 {
		return t, ""
	}
	return head, tail
}

// author is article:author (unless it is a profile URL), else meta author,
// else the JSON-LD author.
func (m *pageMeta) author() string {
	for _, k := range []string{"article:author", "author", "byl", "dc.creator", "parsely-author", "sailthru.author"} {
		for _, v := range m.meta[k] {
			if v = trimBy(v); v != "" && !isHTTPURL(v) {
				return v
			}
		}
	}
	return trimBy(m.ld.Author)
}

// bylineWords are the words a byline starts with in the languages syndex
// analyses ("By", German "Von", French "Par", Spanish and Portuguese
// "Por", Italian "Di", Dutch "Door", Scandinavian "Av"/"Af").
var bylineWords = []string{"by", "von", "par", "por", "di", "door", "av", "af"}

// trimBy removes the "By " (or "By:", "Von ", "Par "…) a byline starts
// with. Other than "By", the word is taken out only when at least two
// words follow it, since it also starts names ("Von Miller", "Di Maio").
func trimBy(s string) string {
	s = strings.TrimSpace(s)
	first, rest, ok := strings.Cut(s, " ")
	if !ok {
		return s
	}
	first = strings.TrimSuffix(first, ":")
	rest = strings.TrimSpace(rest)
	for _, w := range bylineWords {
		if strings.EqualFold(first, w) && (w == "by" || len(strings.Fields(rest)) >= 2) {
			return rest
		}
	}
	return s
}

// published is the first readable of article:published_time, the other
// date metas and <time datetime>; zero if none parses.
func (m *pageMeta) published() time.Time {
	var cands []string
	for _, k := range []string{"article:published_time", "datepublished", "og:published_time",
		"date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date.issued",
		"dcterms.issued", "dc.date", "dcterms.created", "parsely-pub-date", "sailthru.date"} {
		cands = append(cands, m.meta[k]...)
	}
	if m.ld.Published != "" {
		cands = append(cands, m.ld.Published)
	}
	cands = append(cands, m.times...)
	var best time.Time
	for _, c := range cands {
		t, ok := clean.ParseDate(c)
		switch {
		case !ok:
		case best.IsZero():
			best = t
		case isMidnight(best) && !isMidnight(t) && t.UTC().Format(time.DateOnly) == best.UTC().Format(time.DateOnly):
			// "2023-07-08" in a meta tag, the time in <time datetime>.
			return t
		}
	}
	return best
}

func isMidnight(t time.Time) bool {
	t = t.UTC()
	return t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0
}

// tags are the article:tag values and the keywords, in that order, else
// the JSON-LD keywords.
func (m *pageMeta) tags() []string {
	tags := append([]string(nil), m.meta["article:tag"]...)
	for _, k := range []string{"keywords", "news_keywords"} {
		for _, v := range m.meta[k] {
			tags = append(tags, splitKeywords(v)...)
		}
	}
	if len(tags) == 0 {
		tags = m.ld.Keywords
	}
	return tags
}

// splitKeywords splits a keywords list written as one text, by commas or
// semicolons, dropping empty entries.
func splitKeywords(s string) []string {
	var out []string
	for _, k := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// lang is <html lang>, else Content-Language, else og:locale, else the
// JSON-LD inLanguage.
func (m *pageMeta) lang() string {
	if m.htmlLang != "" {
		return m.htmlLang
	}
	if l := m.first("content-language"); l != "" {
		return strings.TrimSpace(strings.Split(l, ",")[0])
	}
	if l := m.first("og:locale"); l != "" {
		return l
	}
	return m.ld.Lang
}
