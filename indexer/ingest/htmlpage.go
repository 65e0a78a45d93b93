package ingest

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/syndex/syndex/indexer/article"

	"github.com/syndex/syndex/indexer/clean"
)

// pageSizeFactor bounds a saved page at this many times the body limit:
// markup, scripts and inline styles typically outweigh the story text several
// times over, but a page far bigger than that is not one article.
const pageSizeFactor = 4

// readHTMLPage reads one saved HTML article page: metadata from the page's
// Open Graph / article / meta tags, <title>, <link rel=canonical>, <time> and
// <html lang>; the story by readability-style extraction, after navigation,
// share bars, related-article boxes and footers are removed. The page yields
// one article, or an error saying why it yields none.
func readHTMLPage(r io.Reader, name string, o Options, emit emitFunc) error {
	limit := pageSizeFactor * o.maxBody()
	data, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return fmt.Errorf("read page: %w", err)
	}
	if len(data) > limit {
		return fmt.Errorf("page is over the %d-byte size limit (%d × the %d-byte body limit)", limit, pageSizeFactor, o.maxBody())
	}
	a, err := extractHTMLPage(data)
	if err != nil {
		return err
	}
	if err := o.finish(a, article.Origin{File: name}, true); err != nil {
		return fmt.Errorf("no article in page: %w", err)
	}
	emit(a, nil)
	return nil
}

// extractHTMLPage turns page bytes into an Article whose Body and Summary
// are HTML (finish turns them into text).
func extractHTMLPage(data []byte) (*article.Article, error) {
	doc, err := html.Parse(bytes.NewReader(pageToUTF8(data)))
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	m := collectPageMeta(doc)
	a := &article.Article{
		URL:          m.pageURL(data),
		CanonicalURL: m.canonicalURL(),
		Source:       m.first("og:site_name", "application-name"),
		Author:       m.author(),
		Published:    m.published(),
		Tags:         m.tags(),
		Lang:         m.lang(),
		Summary:      plainToHTML(m.first("og:description", "description", "twitter:description")),
	}
	var titleSite string
	a.Title, titleSite = m.title()
	if a.Source == "" {
		a.Source = m.ld.Publisher
	}
	if a.Source == "" {
		a.Source = titleSite
	}

	body, rd := extractBody(doc)
	a.Body = body
	if rd != nil {
		// Readability also reads JSON-LD, which fills gaps in the meta tags.
		if a.Title == "" {
			a.Title = rd.Title()
		}
		if a.Author == "" {
			a.Author = trimBy(rd.Byline())
		}
		if a.Published.IsZero() {
			if t, err := rd.PublishedTime(); err == nil && t.Year() >= clean.MinYear && t.Year() <= clean.MaxYear {
				a.Published = t
			}
		}
		if a.Lang == "" {
			a.Lang = rd.Language()
		}
		if a.Source == "" {
			a.Source = rd.SiteName()
		}
	}
	return a, nil
}

// pageToUTF8 decodes a page to UTF-8 using its BOM or <meta charset>, and
// repairs stray invalid bytes. A page labelled with a single-byte charset
// that is valid UTF-8 is taken as mislabelled UTF-8.
func pageToUTF8(data []byte) []byte {
	enc, name, _ := charset.DetermineEncoding(data, "")
	if name != "utf-8" && !(singleByteCharset(name) && utf8.Valid(data)) {
		if out, err := enc.NewDecoder().Bytes(data); err == nil {
			return out
		}
	}
	return repairUTF8(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
}

// extractBody returns the story's HTML: readability's extraction of the page
// after cruft is removed, unless it failed or found much less text than a
// plain walk of the <article>/<main> paragraphs, which is then used. The
// readability result is returned too, for its metadata.
func extractBody(doc *html.Node) (string, *readability.Article) {
	removeCruft(doc)
	fallback := fallbackBody(doc)
	rd, ok := runReadability(doc)
	if !ok {
		return fallback, nil
	}
	var b strings.Builder
	if err := rd.RenderHTML(&b); err != nil {
		return fallback, &rd
	}
	got := len(clean.HTMLToText(b.String()))
	if got == 0 || got < len(clean.HTMLToText(fallback))*2/5 {
		return fallback, &rd
	}
	return b.String(), &rd
}

// runReadability runs the readability extraction on a copy of doc. It is a
// large port of Readability.js fed with arbitrary pages, so a panic in it
// is turned into a failed extraction.
func runReadability(doc *html.Node) (rd readability.Article, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	p := readability.NewParser()
	rd, err := p.ParseDocument(doc, nil)
	if err != nil || rd.Node == nil {
		return rd, false
	}
	return rd, true
}

// cruftTags never hold story text.
var cruftTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Iframe: true,
	atom.Nav: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Button: true,
	atom.Select: true, atom.Svg: true, atom.Dialog: true, atom.Header: true, atom.Menu: true,
}

// cruftRoles are ARIA landmarks that are never the story.
var cruftRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"search": true, "dialog": true, "alert": true, "menu": true, "menubar": true, "toolbar": true,
}

// cruftClassRe matches class/id names of share bars, related-article boxes,
// newsletter signups, comment sections and the like.
var cruftClassRe = regexp.MustCompile(`(?i)(?:^|[\s_-])(?:share|sharing|social|related|recirc|more-stories|most-popular|popular|trending|newsletter|subscribe|signup|promo|advert|advertisement|ads?|sponsor(?:ed)?|comments?|breadcrumbs?|cookie|consent|paywall|sidebar|menu|navbar|nav|footer|masthead|site-header|tags?|tag-list|author-bio|bio|byline|dateline|meta|post-meta|entry-meta|article-meta)(?:$|[\s_-])`)

// removeCruft deletes navigation, headers, footers, asides, share bars and
// related-article boxes from doc, but never an element holding most of the
// page's paragraph text (a wrapper class like "has-sidebar" must not cost the
// story).
func removeCruft(doc *html.Node) {
	total := paragraphText(doc)
	var doomed []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.CommentNode {
			doomed = append(doomed, n)
			return
		}
		if n.Type == html.ElementNode && n.DataAtom != atom.Html && n.DataAtom != atom.Body &&
			n.DataAtom != atom.Head && isCruft(n) {
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style || paragraphText(n)*2 <= total {
				doomed = append(doomed, n)
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, n := range doomed {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

func isCruft(n *html.Node) bool {
	if cruftTags[n.DataAtom] {
		// JSON-LD stays for readability's metadata.
		return !(n.DataAtom == atom.Script && strings.EqualFold(attr(n, "type"), "application/ld+json"))
	}
	if n.DataAtom == atom.Article || n.DataAtom == atom.Main {
		return false
	}
	if cruftRoles[strings.ToLower(attr(n, "role"))] || hasAttr(n, "hidden") ||
		strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	return cruftClassRe.MatchString(attr(n, "class")) || cruftClassRe.MatchString(attr(n, "id"))
}

// paragraphText is the length of the text in n's <p> elements.
func paragraphText(n *html.Node) int {
	total := 0
	var walk func(n *html.Node, inP bool)
	walk = func(n *html.Node, inP bool) {
		if n.Type == html.TextNode && inP {
			total += len(strings.TrimSpace(n.Data))
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.P {
			inP = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inP)
		}
	}
	walk(n, false)
	return total
}

// storyBlocks are the elements the fallback extraction keeps.
var storyBlocks = map[atom.Atom]bool{
	atom.P: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Ul: true, atom.Ol: true, atom.Table: true, atom.Dl: true,
}

// fallbackBody is the story HTML without readability: the paragraphs,
// subheadings, lists and quotes of the (largest) <article>, else <main>,
// else <body>; the whole container if it has no such blocks (text set with
// <br> only).
func fallbackBody(doc *html.Node) string {
	root := largest(doc, atom.Article)
	if root == nil {
		root = largest(doc, atom.Main)
	}
	if root == nil {
		root = findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Body })
	}
	if root == nil {
		root = doc
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && storyBlocks[n.DataAtom] {
			_ = html.Render(&b, n) // writes to a strings.Builder cannot fail
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if strings.TrimSpace(clean.HTMLToText(b.String())) == "" {
		b.Reset()
		for c := root.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.DataAtom == atom.H1 || c.DataAtom == atom.Head) {
				continue // the title is not part of the body
			}
			_ = html.Render(&b, c)
		}
	}
	return b.String()
}

// largest returns the element of the given kind with the most paragraph
// text, or nil if there is none.
func largest(doc *html.Node, a atom.Atom) *html.Node {
	var best *html.Node
	bestLen := -1
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == a {
			if l := paragraphText(n); l > bestLen {
				best, bestLen = n, l
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return best
}

func findFirst(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findFirst(c, match); f != nil {
			return f
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

// hasToken reports whether a space-separated attribute (rel) has tok.
func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// textOf is the text content of n, whitespace collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// FullText replaces a's body with the article text of its page (data, the
// page at a.URL, read as an HTML page with readability) when the page holds
// more text than the feed gave: for feeds that carry only a teaser. The
// page goes through the same cleaning and limits; a's other fields stay.
// It reports whether the body was replaced.
func FullText(data []byte, a *article.Article, o Options) (bool, error) {
	if limit := pageSizeFactor * o.maxBody(); len(data) > limit {
		return false, fmt.Errorf("page is over the %d-byte size limit", limit)
	}
	page, err := extractHTMLPage(data)
	if err != nil {
		return false, err
	}
	if page.Title == "" {
		page.Title = a.Title
	}
	if err := o.finish(page, article.Origin{File: a.URL}, true); err != nil {
		return false, fmt.Errorf("no article in page: %w", err)
	}
	if len(page.Body) <= len(a.Body) {
		return false, nil
	}
	if a.Summary == "" {
		a.Summary = a.Body
	}
	a.Body = page.Body
	if a.CanonicalURL == "" {
		a.CanonicalURL = page.CanonicalURL
	}
	return true, o.Check(a)
}
