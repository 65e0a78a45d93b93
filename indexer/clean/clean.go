package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// Cleaned is the result of CleanBody.
type Cleaned struct {
	// Body is the story text: paragraphs separated by "\n\n", cruft removed.
	Body string
	// OriginalURL is the URL of a "Source: <url>" line found in the text, the
	// way aggregators credit the article they copied.
	OriginalURL string
}

// StripTitleTags takes out the HTML tags publishers leave in feed titles
// ("raise <span class='webrupee'>₹</span>4,000", "council
// <em>approves</em>"), as feed readers do: inline ones without a trace, a
// line break or block as a space. Only tags of HTML's own elements are
// taken out, so a title quoting "<T>" or "a < b > c" keeps it. (An HTML
// page's <title> is text already: "<img>" there is what it says.)
//
// A title is taken for markup only when it closes an element, gives one
// attributes or breaks a line ("</em>", "<span class=…>", "<br/>"): a
// plain-text title naming tags ("Die Rückkehr von <i> und <b>") keeps them.
func StripTitleTags(s string) string {
	if strings.IndexByte(s, '<') < 0 || !titleMarkupRe.MatchString(s) {
		return s
	}
	return titleTagRe.ReplaceAllStringFunc(s, func(tag string) string {
		if blockTagRe.MatchString(tag) {
			return " "
		}
		return ""
	})
}

// titleTagNames are the HTML elements StripTitleTags takes out.
const titleTagNames = `a|abbr|b|bdi|big|br|cite|code|del|dfn|div|em|font|h[1-6]|i|img|ins|kbd|li|mark|p|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr`

var (
	titleTagRe    = regexp.MustCompile(`(?i)</?(?:` + titleTagNames + `)(?:\s[^<>]*)?/?>`)
	blockTagRe    = regexp.MustCompile(`(?i)^</?(?:br|div|h[1-6]|li|p)\b`)
	titleMarkupRe = regexp.MustCompile(`(?i)</(?:` + titleTagNames + `)\s*>|<(?:` + titleTagNames + `)\s[^<>]*>|<(?:br|wbr|img)\s*/?>`)
)

// CleanLine normalizes a one-line field (title, author, tag): invalid UTF-8
// repaired, control characters dropped, whitespace collapsed, NFC.
func CleanLine(s string) string {
	s = RepairText(s)
	if isSimpleLine(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isSimpleLine reports whether s is already single-spaced with no leading or
// trailing space, so CleanLine can skip the allocation in the common case.
func isSimpleLine(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return false // let strings.Fields handle Unicode spaces
		}
		sp := c == ' '
		if c < ' ' || (sp && prevSpace) {
			return false
		}
		prevSpace = sp
	}
	return !prevSpace || s == ""
}

// RepairText replaces invalid UTF-8 with U+FFFD, turns control characters
// other than newline and tab into spaces, drops the invisible characters
// that sit inside words, and normalizes to NFC, so that equal text is
// indexed and compared as equal bytes.
//
// A control character (NUL, a form feed, a vertical tab) separates what is
// on either side of it — Unicode word segmentation breaks there — so it
// becomes a space: dropped, it joined "end.\fNext" into one word. A zero-width
// space, a soft hyphen, a word joiner and a byte order mark are dropped:
// they are put inside words (a hyphenation or line-break hint, a filter
// dodged with "V\u200bIAGRA") and the word must be found whole.
// The text-page reader uses it on raw files before any other cleaning.
func RepairText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if hasControl(s) {
		s = strings.Map(func(r rune) rune {
			switch {
			case r == '\n' || r == '\t':
				return r
			case r == '\u200b' || r == '\ufeff' || r == '\u00ad' || r == '\u2060':
				return -1
			case r == '\r' || r == '\u00a0' || r == '\u2028' || r == '\u2029' || unicode.IsControl(r):
				return ' '
			}
			return r
		}, s)
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return s
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < ' ' && c != '\n' && c != '\t') || c == 0x7f {
			return true
		}
		if c >= utf8.RuneSelf {
			r, _ := utf8.DecodeRuneInString(s[i:])
			if r == '\u00a0' || r == '\u200b' || r == '\ufeff' || r == '\u00ad' || r == '\u2060' || r == '\u2028' || r == '\u2029' || unicode.IsControl(r) {
				return true
			}
		}
	}
	return false
}

// CleanBody turns plain text into the story text syndex indexes: repaired and
// normalized, whitespace tidied with paragraphs kept, and syndication cruft
// removed ("The post … appeared first on …", a lead duplicated at the top, the
// title repeated as the first paragraph, disclaimers, share lines, price
// widgets, "You May Also Like" blocks). A "Source: <url>" line is removed and
// returned as the original URL.
func CleanBody(text, title string) Cleaned {
	text = RepairText(text)
	paras := SplitParagraphs(text)
	var out Cleaned
	kept := paras[:0]
	normTitle := foldSpace(title)
	for i, p := range paras {
		lines := strings.Split(p, "\n")
		keptLines := lines[:0]
		stop := false
		for _, ln := range lines {
			if !isSimpleLine(ln) {
				ln = strings.Join(strings.Fields(ln), " ")
			}
			if ln == "" {
				continue
			}
			if isEndOfStoryHeading(ln) {
				stop = true
				break
			}
			if u := sourceLineURL(ln); u != "" {
				if out.OriginalURL == "" {
					out.OriginalURL = u
				}
				continue
			}
			ln = stripPostAppeared(ln)
			if ln == "" || isCruftLine(ln) || isDisclaimer(ln) {
				continue
			}
			keptLines = append(keptLines, ln)
		}
		if len(keptLines) > 0 {
			para := strings.Join(keptLines, "\n")
			// The repeated title and the pasted lead come first, or after
			// a site's header lines (its name, a section bar).
			top := len(kept) == 0 || (len(kept) <= 3 && allShort(kept))
			switch {
			case isNoticeParagraph(para):
			case top && normTitle != "" && len(para) <= 2*len(title)+8 && foldSpace(para) == normTitle:
				// The title repeated as the first paragraph.
			case top && isDuplicatedLead(para, paras[i+1:]):
			default:
				kept = append(kept, para)
			}
		}
		if stop {
			break
		}
	}
	out.Body = strings.Join(kept, "\n\n")
	return out
}

// SplitParagraphs splits on blank lines and drops empty paragraphs.
// Exported for the text-page reader, which finds the title and source in the
// first paragraphs before the body is cleaned.
func SplitParagraphs(text string) []string {
	if !strings.Contains(text, "\n") {
		if t := strings.TrimSpace(text); t != "" {
			return []string{t}
		}
		return nil
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	raw := strings.Split(text, "\n\n")
	out := raw[:0]
	for _, p := range raw {
		if p = strings.Trim(p, " \t\n"); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// allShort reports whether every paragraph is a short line (a site's name
// or section bar rather than story text).
func allShort(paras []string) bool {
	for _, p := range paras {
		if len(p) > 80 || strings.Contains(p, "\n") {
			return false
		}
	}
	return true
}

func foldSpace(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

var (
	// "The post <title> appeared first on <site>." and "... appeared on <site>."
	postAppearedRe = regexp.MustCompile(`(?i)\bThe post .{1,400}? appeared (?:first )?on [^.\n]{1,80}?(?:\.(?:com|net|org|io|co|news|uk)[^.\s]*)?\.(?:\s|$)`)
	sourceLineRe   = regexp.MustCompile(`(?i)^(?:source|original(?:ly)? (?:published|posted) (?:at|on)|read (?:the )?original(?: article)?(?: at| on)?|via)\s*:?\s*(https?://\S+)$`)
	// price and ticker widgets: "$3.305", "$3.305$3.305", "+1.84%", "USD",
	// "OFFICIAL TRUMP Price(TRUMP)", "... Live Price Chart", "X Logo".
	tickerRe = regexp.MustCompile(`^(?:[+\-−]?\s?[$€£¥]?\s?[\d.,]+\s?[%KMB]?(?:[$€£¥][\d.,]+)*|[A-Z]{3,5}|[\pL\pN .&'()-]{1,40} Logo|.{1,60}\bPrice\s?\([A-Z0-9]{2,10}\)|.{1,60}\bLive Price Chart|Market Opportunity|Market Data|Price Chart)$`)
	// "Related Topics: #markets #energy", "Tags: a, b": topic link bars.
	topicBarRe = regexp.MustCompile(`(?i)^(?:related topics|topics|tags|filed under|more on)\s*:\s*\S.{0,200}$`)
	// "BitcoinEthereumNews2025/09/18 09:01": a teaser's source and date.
	sourceDateRe = regexp.MustCompile(`^\S{2,60}\d{4}/\d{2}/\d{2} \d{2}:\d{2}$`)
)

// gluedPostRe finds a "The post" glued to the text before it, as pages that
// paste the lead twice render it ("…shut its productionThe post …").
var gluedPostRe = regexp.MustCompile(`([\p{Ll}\p{N}.,;:!?’”)])(The post )`)

// stripPostAppeared removes "The post … appeared (first) on …." sentences,
// which feeds (WordPress) and aggregators add around a copied article.
func stripPostAppeared(ln string) string {
	if !strings.Contains(ln, "appeared") {
		return ln
	}
	ln = gluedPostRe.ReplaceAllString(ln, "$1 $2")
	return strings.TrimSpace(postAppearedRe.ReplaceAllString(ln, " "))
}

func sourceLineURL(ln string) string {
	if len(ln) > 300 || !strings.Contains(ln, "http") {
		return ""
	}
	m := sourceLineRe.FindStringSubmatch(ln)
	if m == nil {
		return ""
	}
	return strings.TrimRight(m[1], ".,;)")
}

var cruftLines = map[string]bool{
	"share": true, "share this": true, "share this article": true, "share on facebook": true,
	"share on twitter": true, "share on x": true, "tweet": true, "email": true, "print": true,
	"sponsored": true, "sponsored sponsored": true, "advertisement": true, "ad": true,
	"copy link": true, "subscribe": true, "follow us": true, "comments": true, "read more": true,
	"continue reading": true, "listen to this article": true, "save": true,
}

// isCruftLine reports whether a line is widget or share-bar text rather than
// story text.
func isCruftLine(ln string) bool {
	if len(ln) > 80 {
		return (len(ln) < 200 && topicBarRe.MatchString(ln)) || isCruftClassLine(ln)
	}
	l := strings.ToLower(strings.TrimRight(ln, ".:!… "))
	if l == "" || cruftLines[l] { // "…" alone ends a cut teaser
		return true
	}
	return tickerRe.MatchString(ln) || sourceDateRe.MatchString(ln) || topicBarRe.MatchString(ln) || isCruftClassLine(ln)
}

var endOfStoryHeadings = map[string]bool{
	"you may also like": true, "you might also like": true, "related articles": true,
	"related posts": true, "related stories": true, "related news": true, "related": true,
	"recommended": true, "recommended for you": true, "more from this author": true,
	"more stories": true, "read next": true, "trending now": true, "most popular": true,
	"latest news": true, "also read": true,
}

// isEndOfStoryHeading reports whether a line starts a block of links to
// other articles, after which nothing belongs to the story.
func isEndOfStoryHeading(ln string) bool {
	if len(ln) > 40 {
		return false
	}
	return endOfStoryHeadings[strings.ToLower(strings.TrimRight(ln, ":. "))]
}

var disclaimerRe = regexp.MustCompile(`(?i)^(?:disclaimer|disclosure|legal disclaimer|risk warning|editorial disclaimer)\s*[:.\-–]`)

// isDisclaimer reports whether a paragraph is a repost or investment
// disclaimer.
func isDisclaimer(p string) bool {
	if len(p) < 12 {
		return false
	}
	if c := p[0] | 0x20; (c == 'd' || c == 'l' || c == 'r' || c == 'e') && disclaimerRe.MatchString(p) {
		return true
	}
	return strings.Contains(p, "reposted on this site") ||
		(strings.Contains(p, "does not constitute") && strings.Contains(p, "advice") && strings.Contains(p, "not responsible"))
}

// isNoticeParagraph reports whether a whole paragraph is a disclaimer or a
// legal or risk notice in one of the six languages; the notice patterns
// run per paragraph only, not on every line as well.
func isNoticeParagraph(p string) bool { return isDisclaimer(p) || isMultilingualNotice(p) }

// isDuplicatedLead reports whether the first paragraph is a (possibly
// truncated or repeated) copy of the story's opening, as aggregators paste a
// teaser of the lead above the full article.
func isDuplicatedLead(p string, rest []string) bool {
	words := strings.Fields(p)
	if len(words) < 4 || len(rest) == 0 {
		return false
	}
	prefix := strings.Join(words[:min(len(words), 6)], " ")
	for _, r := range rest[:min(len(rest), 3)] {
		r = strings.Join(strings.Fields(r), " ")
		if len(r) > len(prefix) && strings.HasPrefix(r, prefix) {
			// The copy is a teaser when it is shorter or a repetition.
			return len(p) <= len(r) || strings.Count(p, prefix) > 1
		}
	}
	return false
}

// HTMLToText renders an HTML fragment or page as plain text: block elements
// become paragraphs separated by "\n\n", <br> a line break, entities are
// decoded, and scripts, styles, forms and navigation are dropped.
func HTMLToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return s
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe,
				atom.Nav, atom.Form, atom.Button, atom.Select, atom.Svg, atom.Head:
				return
			case atom.Br:
				b.WriteString("\n")
				return
			case atom.Img:
				return
			}
		}
		block := n.Type == html.ElementNode && blockElems[n.DataAtom]
		if block {
			b.WriteString("\n\n")
		}
		if n.DataAtom == atom.Li {
			b.WriteString("• ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString("\n\n")
		}
	}
	walk(doc)
	// Collapse the whitespace inside each paragraph, keep the breaks.
	paras := SplitParagraphs(b.String())
	for i, p := range paras {
		lines := strings.Split(p, "\n")
		kept := lines[:0]
		for _, ln := range lines {
			if ln = strings.Join(strings.Fields(ln), " "); ln != "" {
				kept = append(kept, ln)
			}
		}
		paras[i] = strings.Join(kept, "\n")
	}
	out := paras[:0]
	for _, p := range paras {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

var blockElems = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Blockquote: true,
	atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Figure: true, atom.Figcaption: true,
	atom.Hr: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Main: true, atom.Address: true,
}
