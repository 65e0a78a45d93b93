package ingest

import (
	"bytes"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// Finding the feed in a file that holds more than the feed: junk or a
// server banner before the prolog, an RSS or Atom root nested in an HTML or
// XHTML page, or a feed shown as text in an HTML page (a browser's saved
// "view source", a <pre> of escaped XML).

var (
	// feedRootRe matches the start tag of an RSS, RDF (RSS 1.0) or Atom root.
	feedRootRe = regexp.MustCompile(`<(rss|feed|rdf:RDF)[\s>/]`)
	// escapedRootRe finds a feed root written as text.
	escapedRootRe = regexp.MustCompile(`&lt;(rss|feed|rdf:RDF)[\s&/]`)
	// pageFeedRe finds a feed root element in an HTML page: an Atom <feed>
	// only with its namespace, since pages use <feed> for other things.
	pageFeedRe = regexp.MustCompile(`<(rss|rdf:RDF)[\s>]|<feed\s[^>]*xmlns`)
)

// wrapsFeed reports whether the start of an HTML page holds a feed document
// (a page that wraps the feed it serves): such a page is read as the feed.
func wrapsFeed(head []byte) bool { return pageFeedRe.Match(head) }

// locateXMLFeed returns the feed document inside doc: doc itself when it
// starts as a feed, else the prolog (when there is one, for its encoding)
// and the root element from its start tag to its last end tag (or to the
// end, for a truncated feed), else the text of an HTML page that shows a
// feed as escaped XML. It returns doc unchanged when it finds no feed, so
// the parser reports what the file is.
func locateXMLFeed(doc []byte) []byte {
	if first := firstElement(doc); first >= 0 && feedRootRe.Match(doc[first:min(len(doc), first+12)]) {
		return doc // a feed already
	}
	if loc := feedRootRe.FindSubmatchIndex(doc); loc != nil {
		name := string(doc[loc[2]:loc[3]])
		start := loc[0]
		end := len(doc)
		closing := []byte("</" + name + ">")
		if j := bytes.LastIndex(doc, closing); j > start {
			end = j + len(closing)
		}
		var out []byte
		if p := bytes.Index(doc[:start], []byte("<?xml")); p >= 0 {
			if q := bytes.Index(doc[p:start], []byte("?>")); q >= 0 {
				out = append(out, doc[p:p+q+2]...)
				out = append(out, '\n')
			}
		}
		return append(out, doc[start:end]...)
	}
	if escapedRootRe.Match(doc) {
		if text := htmlText(doc); feedRootRe.MatchString(text) {
			return locateXMLFeed([]byte(strings.TrimSpace(text)))
		}
	}
	return doc
}

// htmlText returns the text of an HTML document with its entities decoded,
// which is the XML a page shows when it displays a feed as text.
func htmlText(doc []byte) string {
	var b strings.Builder
	z := html.NewTokenizer(bytes.NewReader(doc))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			b.Write(z.Text())
		}
	}
}

// firstElement returns the offset of doc's first element start tag, after
// the prolog, processing instructions, comments and a doctype, or -1.
func firstElement(doc []byte) int {
	i := 0
	for {
		for i < len(doc) && (doc[i] == ' ' || doc[i] == '\t' || doc[i] == '\r' || doc[i] == '\n') {
			i++
		}
		if i >= len(doc) || doc[i] != '<' {
			return -1
		}
		rest := doc[i:]
		var end []byte
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = []byte("-->")
		case bytes.HasPrefix(rest, []byte("<!")):
			end = []byte(">")
		default:
			return i
		}
		j := bytes.Index(rest, end)
		if j < 0 {
			return -1
		}
		i += j + len(end)
	}
}
