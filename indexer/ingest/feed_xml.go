package ingest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/rss"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// The XML side of feed parsing: byte order marks and legacy charsets,
// lenient parsing of the broken RSS and Atom met in the wild (stray '<',
// truncated files) before gofeed sees the document.

// decodeBOM strips a UTF-8 byte order mark and converts UTF-16 (with a BOM,
// or recognisable from the zero bytes of its first two ASCII characters) to
// UTF-8, for feeds and plain-text pages alike, reporting whether the
// bytes said their encoding that way, so a stale encoding declaration in the
// prolog is then ignored (a byte order mark wins over the declaration, as in
// browsers).
func decodeBOM(b []byte) (doc []byte, known bool) {
	var endian unicode.Endianness
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		return b[3:], true
	case bytes.HasPrefix(b, []byte("\xff\xfe")), len(b) >= 4 && b[0] != 0 && b[1] == 0 && b[3] == 0:
		endian = unicode.LittleEndian
	case bytes.HasPrefix(b, []byte("\xfe\xff")), len(b) >= 4 && b[0] == 0 && b[1] != 0 && b[2] == 0:
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
// still invalid UTF-8 are repaired as Windows-1252, the usual culprit. With
// encodingKnown (a byte order mark said it) the declaration is ignored.
func toUTF8XML(doc []byte, encodingKnown bool) []byte {
	prolog := xmlPrologRe.Find(doc)
	if prolog == nil {
		return repairUTF8(doc)
	}
	if m := xmlEncRe.FindSubmatch(prolog); m != nil && !encodingKnown {
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
func parseXMLFeedBytes(doc []byte) (feed *gofeed.Feed, err error) {
	defer func() {
		if feed != nil && strings.TrimSpace(feed.Language) == "" {
			feed.Language = soleXMLLang(doc)
		}
	}()
	feed, err = parseXMLFeedDoc(doc)
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

// xmlLangRe finds the language tags of xml:lang attributes.
var xmlLangRe = regexp.MustCompile(`xml:lang\s*=\s*["']([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)["']`)

// soleXMLLang returns the language of a feed that declares none at its top
// but one on its entries or their content (Typepad's Atom puts
// xml:lang="en-US" on every <content>): the one language all its xml:lang
// attributes name, or "" when they name several or none. Without it, short
// English medical abstracts were detected as French or Swedish.
func soleXMLLang(doc []byte) string {
	lang := ""
	for _, m := range xmlLangRe.FindAllSubmatch(doc[:min(len(doc), 4<<20)], 1000) {
		l := strings.ToLower(strings.ReplaceAll(string(m[1]), "_", "-"))
		switch {
		case lang == "":
			lang = l
		case l != lang:
			return ""
		}
	}
	return lang
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
